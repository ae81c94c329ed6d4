// The Electron glue that can be checked without an Electron binary: the menu and the host over dialogs.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const sent: unknown[][] = [];
const shown: string[] = [];
let openAnswer: { canceled: boolean; filePaths: string[] };
let saveAnswer: { canceled: boolean; filePath?: string };
const ipcHandlers = new Map<string, (event: unknown, raw: unknown) => unknown>();

vi.mock('electron', () => ({
  app: { name: 'nianbao' },
  ipcMain: { handle: (channel: string, fn: (event: unknown, raw: unknown) => unknown) => ipcHandlers.set(channel, fn) },
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

// What one test's stand-in recorded never reaches another.
beforeEach(() => {
  sent.length = 0;
  shown.length = 0;
});

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

describe('IPC registration', async () => {
  const { registerAll } = await import('../../src/main/ipc');
  const { isTrustedSender } = await import('../../src/main/security');
  const page = 'file:///opt/nianbao/out/renderer/index.html';

  it('answers the app page in the main frame and refuses any other sender, for every channel', async () => {
    const calls: string[] = [];
    const handlers = new Proxy({}, { get: (_t, channel: string) => () => (calls.push(channel), []) });
    registerAll(handlers as never, (e) => isTrustedSender(e as never, page));
    const { CHANNELS } = await import('../../src/shared/api');
    expect([...ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const main = { url: page, parent: null };
    const invoke = (event: unknown) => ipcHandlers.get('units.list')!(event, {});
    await expect(invoke({ senderFrame: main, sender: { mainFrame: main } })).resolves.toEqual({ ok: true, value: [] });
    const iframe = { url: page, parent: main };
    const dropped = { url: 'file:///home/user/evil.html', parent: null };
    for (const event of [
      { senderFrame: iframe, sender: { mainFrame: main } },
      { senderFrame: dropped, sender: { mainFrame: dropped } },
    ])
      expect(await invoke(event)).toEqual({ ok: false, error: { kind: 'input', message: '拒绝来自本程序页面以外的请求' } });
    expect(calls).toEqual(['units.list']);
  });
});
