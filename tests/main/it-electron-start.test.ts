// The desktop app's start (src/main/index.ts) with Electron replaced by a stand-in: one app per archive, a
// Chinese way out when the archive cannot be opened, and no English box for a failure no page caught.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/archive';

const calls = { quit: 0, errorBoxes: [] as [string, string][], windows: 0, focused: 0, restored: 0 };
const handlers = new Map<string, (...a: unknown[]) => void>();
let lockGranted = true;
let ready: () => void = () => undefined;

const win = {
  isDestroyed: () => false,
  isMinimized: () => true,
  restore: () => void calls.restored++,
  show: () => undefined,
  focus: () => void calls.focused++,
};

vi.mock('electron', () => ({
  app: {
    setPath: () => undefined,
    commandLine: { appendSwitch: () => undefined },
    requestSingleInstanceLock: () => lockGranted,
    quit: () => void calls.quit++,
    on: (event: string, fn: (...a: unknown[]) => void) => handlers.set(event, fn),
    whenReady: () => new Promise<void>((ok) => (ready = ok)),
  },
  BrowserWindow: { getAllWindows: () => [] },
  Menu: { setApplicationMenu: () => undefined, buildFromTemplate: (t: unknown) => t },
  dialog: {
    showErrorBox: (title: string, text: string) => void calls.errorBoxes.push([title, text]),
    showMessageBox: async () => ({ response: 0 }),
  },
  session: { defaultSession: {} },
  ipcMain: { handle: () => undefined },
  shell: {},
  screen: { getAllDisplays: () => [] },
}));
vi.mock('../../src/main/security', () => ({
  hardenSession: () => undefined,
  isTrustedSender: () => true,
  appPageUrl: () => 'file:///index.html',
  hardenContents: () => undefined,
  WEB_PREFERENCES: {},
}));
vi.mock('../../src/main/window', () => ({
  APP_PAGE: 'file:///index.html',
  createMainWindow: () => (calls.windows++, win),
  printReportToPdf: async () => Buffer.alloc(0),
}));

const listeners = () => [...process.listeners('uncaughtException'), ...process.listeners('unhandledRejection')];
let before: unknown[];

beforeEach(() => {
  Object.assign(calls, { quit: 0, errorBoxes: [], windows: 0, focused: 0, restored: 0 });
  handlers.clear();
  before = listeners();
  vi.resetModules();
});
afterEach(() => {
  // The app's fault handlers must not outlive the test in vitest's own process.
  for (const l of listeners())
    if (!before.includes(l)) {
      process.removeListener('uncaughtException', l as never);
      process.removeListener('unhandledRejection', l as never);
    }
  delete process.env.NIANBAO_DB;
});

const settle = () => new Promise((r) => setTimeout(r, 300));

describe('the desktop app starting', () => {
  it('a second start on the same computer quits and brings the first window forward', async () => {
    process.env.NIANBAO_DB = join(tempDir('nianbao-it-'), 'archive.sqlite');
    lockGranted = true;
    await import('../../src/main/index');
    ready();
    await settle();
    expect(calls.windows).toBe(1);
    // What Electron does in the first app when the person starts it again.
    handlers.get('second-instance')!();
    expect(calls).toMatchObject({ restored: 1, focused: 1, windows: 1 });

    vi.resetModules();
    lockGranted = false;
    await import('../../src/main/index');
    ready();
    await settle();
    expect(calls.quit).toBe(1);
    expect(calls.windows).toBe(1); // no second window, the archive not opened twice
  });

  it('an archive that cannot be opened: the reason, the file, where the backups are and how to restore, in Chinese', async () => {
    const dir = tempDir('nianbao-it-');
    const path = join(dir, 'archive.sqlite');
    writeFileSync(path, '这不是数据库，也许是被截断或覆盖的档案'.repeat(50));
    process.env.NIANBAO_DB = path;
    lockGranted = true;
    await import('../../src/main/index');
    ready();
    await settle();
    expect(calls.windows).toBe(0);
    expect(calls.quit).toBe(1);
    const [title, text] = calls.errorBoxes[0];
    expect(title).toBe('无法打开档案');
    expect(text).toContain(`档案文件：${path}`);
    expect(text).toContain(`自动备份在：${join(dir, 'backups')}`);
    expect(text).toMatch(/先把这个档案文件改名.*“设置与备份”中点“从其他文件恢复…”.*nianbao restore/);
  });

  it('a failure no page caught is shown in the app’s Chinese words', async () => {
    process.env.NIANBAO_DB = join(tempDir('nianbao-it-'), 'archive.sqlite');
    await import('../../src/main/index');
    const added = process.listeners('unhandledRejection').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    (added[0] as (e: unknown) => void)(new TypeError('boom'));
    expect(calls.errorBoxes).toEqual([
      ['程序出错', '操作失败：程序内部出错，本次操作没有完成。请重试；如仍出错，请把这段提示告诉维护人员（详情：TypeError: boom）'],
    ]);
    ready();
    await settle();
  });
});
