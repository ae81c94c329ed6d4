/// <reference lib="dom" />
// Smoke test of the real desktop app (Electron, preload, IPC, window), driven by playwright-core's _electron.
// It runs only where an Electron binary is installed: npm ci does not download one (the electron package
// fetches it from GitHub on first use, see README “离线安装”), so elsewhere it is reported as skipped.
// On Linux it needs a display; without one run it as `xvfb-run -a npx vitest run tests/e2e/electron.test.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userDataDir } from '../../src/main/services/paths';
import { ArchiveStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/archive';
import { SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

const require = createRequire(import.meta.url);

/**
 * The installed Electron binary, or null. `require('electron')` returns its path but, when the binary is
 * missing, first tries to download it (index.js of the package); so look for it the same way index.js does
 * and ask the package only once it is there.
 */
function electronBinary(): string | null {
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const expected = override ? join(override, relative || 'electron') : relative ? join(dir, 'dist', relative) : null;
  if (!expected || !existsSync(expected)) return null;
  const binary = require('electron') as unknown;
  return typeof binary === 'string' && existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? 'no Electron binary installed (it is downloaded on first npm start)'
  : !hasDisplay
    ? 'no display on Linux; run under xvfb-run -a'
    : null;
// Chromium refuses to start as root with its sandbox on (CI containers often run as root), so only there the
// OS sandbox of the renderer is turned off; the app's own settings (contextIsolation, no Node) still apply.
// Playwright would pass --no-sandbox on Linux by default, hence chromiumSandbox: true everywhere else.
const asRoot = process.platform === 'linux' && process.getuid?.() === 0;

const UNIT = '某县教育局';

describe.skipIf(skipReason !== null)(`the desktop app in Electron${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let dir: string;
  let dbPath: string;
  let closed = false;
  const env: Record<string, string> = {};

  beforeAll(async () => {
    // The browser tests' global setup builds only where Chromium is; build here if nothing did.
    if (!existsSync('out/main/index.js') || !existsSync('out/preload/index.cjs')) {
      const build = spawnSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`构建失败：${build.stderr}`);
    }
    dir = tempDir('nianbao-electron-');
    dbPath = join(dir, 'archive.sqlite');
    const store = await ArchiveStore.open(dbPath);
    store.archive.save({ ...consistentReport('gov2021', 5, 2024), unit: UNIT, unit_kind: 'department' });
    store.close();

    // The archive through NIANBAO_DB, and the app's data folder (window state) inside the temporary folder.
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    Object.assign(env, { NIANBAO_DB: dbPath, XDG_CONFIG_HOME: join(dir, 'config'), APPDATA: join(dir, 'appdata') });
    if (process.platform === 'darwin') env.HOME = dir;
    delete env.ELECTRON_RENDERER_URL;
    delete env.ELECTRON_RUN_AS_NODE;

    app = await _electron.launch({
      args: [...(asRoot ? ['--no-sandbox'] : []), 'out/main/index.js'],
      chromiumSandbox: !asRoot,
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);

  afterAll(async () => {
    if (!closed) await app?.close();
  });

  it('opens the main window with the title, the preload API and no Node in the page', async () => {
    await expect(page.title()).resolves.toBe('政府信息公开年报助手');
    const windowTitle = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
    expect(windowTitle).toEqual(['政府信息公开年报助手']);
    const globals = await page.evaluate(() => ({
      invoke: typeof window.api?.invoke,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(globals).toEqual({ invoke: 'function', require: 'undefined', process: 'undefined' });
    // The preload reaches the real handlers over IPC, on the archive given by NIANBAO_DB.
    const info = await page.evaluate(() => window.api.invoke('app.info', {}));
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', archivePath: dbPath } });
    // Channels outside the contract are refused by the preload.
    const unknown = await page.evaluate(() => window.api.invoke('fs.read' as never, {} as never));
    expect(unknown).toMatchObject({ ok: false });
  });

  it('shows the archive table with the unit from the archive file', async () => {
    const table = page.getByRole('table', { name: '档案总览' });
    await table.waitFor({ timeout: 20_000 });
    await table.getByText(UNIT).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/electron-archive.png` });
  });

  it('remembers the window size after closing', async () => {
    await app.close();
    closed = true;
    const stateFile = join(userDataDir(process.platform, env, env.HOME ?? dir), 'window-state.json');
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as { width: number; height: number };
    expect(state.width).toBeGreaterThanOrEqual(400);
    expect(state.height).toBeGreaterThanOrEqual(300);
  });
});
