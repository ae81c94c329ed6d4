// The Electron glue that can be checked without an Electron binary: the menu and the host over dialogs.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: unknown[][] = [];
const shown: string[] = [];
let openAnswer: { canceled: boolean; filePaths: string[] };
let saveAnswer: { canceled: boolean; filePath?: string };

vi.mock('electron', () => ({
  app: { name: 'nianbao' },
  Menu: { buildFromTemplate: (t: unknown) => t },
  BrowserWindow: { getFocusedWindow: () => ({}), getAllWindows: () => [] },
  dialog: {
    showOpenDialog: async () => openAnswer,
    showSaveDialog: async () => saveAnswer,
    showMessageBox: async () => ({ response: 0 }),
  },
  shell: { showItemInFolder: (p: string) => shown.push(p) },
}));

interface Item {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: Item[];
}

describe('the application menu', async () => {
  const { buildMenu } = await import('../../src/main/menu');
  const menu = buildMenu(
    () => ({ webContents: { send: (...a: unknown[]) => sent.push(a) } }) as never,
    '/data/archive.sqlite',
  ) as unknown as Item[];
  const items = menu.flatMap((m) => [m, ...(m.submenu ?? [])]).filter((i) => i.type !== 'separator');

  it('is in Chinese, every item', () => {
    expect(menu.map((m) => m.label)).toEqual(expect.arrayContaining(['文件', '编辑', '视图', '帮助']));
    for (const i of items) expect(i.label, JSON.stringify(i)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('sends page commands to the window and opens the archive folder', () => {
    const find = (label: string) => items.find((i) => i.label === label)!;
    find('导入年报…').click!();
    find('设置与备份').click!();
    expect(sent).toEqual([
      ['menu', 'import'],
      ['menu', 'settings'],
    ]);
    expect(find('导入年报…').accelerator).toBe('CmdOrCtrl+O');
    find('打开档案所在文件夹').click!();
    expect(shown).toEqual(['/data/archive.sqlite']);
    expect(find('粘贴').role).toBe('paste');
  });
});

describe('the Electron host', async () => {
  const { electronHost } = await import('../../src/main/electron-host');
  beforeEach(() => void (shown.length = 0));

  it('answers [] or null when the person cancels a dialog, the paths otherwise', async () => {
    openAnswer = { canceled: true, filePaths: [] };
    await expect(electronHost.openFiles({ title: '选', filters: [], multiple: true })).resolves.toEqual([]);
    openAnswer = { canceled: false, filePaths: ['/a.xlsx', '/b.txt'] };
    await expect(electronHost.openFiles({ title: '选', filters: [], multiple: true })).resolves.toEqual(['/a.xlsx', '/b.txt']);
    await expect(electronHost.chooseFolder({ title: '选' })).resolves.toBe('/a.xlsx');
    saveAnswer = { canceled: true };
    await expect(electronHost.saveFile({ title: '存', defaultName: 'x.xlsx', filters: [] })).resolves.toBeNull();
    saveAnswer = { canceled: false, filePath: '/out/x.xlsx' };
    await expect(electronHost.saveFile({ title: '存', defaultName: 'x.xlsx', filters: [] })).resolves.toBe('/out/x.xlsx');
    electronHost.showInFolder('/out/x.xlsx');
    expect(shown).toEqual(['/out/x.xlsx']);
    expect(electronHost.kind).toBe('electron');
  });
});
