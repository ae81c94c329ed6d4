// The app in Chromium through the browser bridge, on a fresh archive in a temporary folder.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/main/bridge/server';
import { tempDir } from './archive';
import { launch } from './browser';

export interface OpenApp {
  bridge: Bridge;
  browser: Browser;
  page: Page;
  dir: string;
  /** Errors thrown in the page; a test that ends with any fails. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openApp(
  seed?: (bridge: Bridge) => void,
  viewport = { width: 1400, height: 900 },
  /** An existing archive to open instead of a fresh one. */
  dbPath?: string,
): Promise<OpenApp> {
  const dir = tempDir('nianbao-e2e-');
  const bridge = await startBridge({
    dbPath: dbPath ?? join(dir, 'archive.sqlite'),
    rendererDir: 'out/renderer',
    exportDir: join(dir, 'exports'),
    onProblem: () => undefined,
  });
  // The start-up backup runs in the background; tests start from its finished state.
  await bridge.store.dailyBackup().catch(() => null);
  seed?.(bridge);
  const browser = await launch();
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(bridge.url);
  return {
    bridge,
    browser,
    page,
    dir,
    pageErrors,
    close: async () => {
      await browser.close();
      await bridge.close();
    },
  };
}
