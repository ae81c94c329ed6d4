// The app's windows, created with the settings of security.ts: the main window (its size remembered) and the
// hidden window that prints a report to PDF.
import { BrowserWindow, screen, shell } from 'electron';
import { join } from 'node:path';
import { appPageUrl, hardenContents, WEB_PREFERENCES } from './security';
import { loadWindowState, saveWindowState } from './window-state';

const PRELOAD = join(import.meta.dirname, '../preload/index.cjs');
const RENDERER = join(import.meta.dirname, '../renderer/index.html');
/** The one page the windows may show and IPC answers: the dev server or the built index.html. */
export const APP_PAGE = appPageUrl(process.env['ELECTRON_RENDERER_URL'], RENDERER);

function appWindow(options: Electron.BrowserWindowConstructorOptions): BrowserWindow {
  const win = new BrowserWindow({ ...options, webPreferences: { ...WEB_PREFERENCES, preload: PRELOAD } });
  hardenContents(win.webContents, APP_PAGE, (url) => void shell.openExternal(url));
  return win;
}

function load(win: BrowserWindow, hash?: string): Promise<void> {
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (devServer) return win.loadURL(hash ? `${devServer}#${hash}` : devServer);
  return win.loadFile(RENDERER, hash ? { hash } : undefined);
}

export function createMainWindow(stateFile: string): BrowserWindow {
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = appWindow({ ...state, minWidth: 960, minHeight: 640, show: false, title: '政府信息公开年报助手' });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() }));
  void load(win);
  return win;
}

/** Renders the print view of a report in a hidden window and returns the PDF. */
export async function printReportToPdf(report: { unit: string; year: number }): Promise<Buffer> {
  const win = appWindow({ show: false, width: 1000, height: 1400 });
  try {
    await load(win, `print?unit=${encodeURIComponent(report.unit)}&year=${report.year}`);
    // The print view sets data-print-ready once the report is drawn (or data-print-error).
    for (let i = 0; i < 200; i++) {
      const state = (await win.webContents.executeJavaScript(
        'document.body.dataset.printReady || document.body.dataset.printError || ""',
      )) as string;
      if (state === '1') return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
      if (state) throw new Error(state);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('打印视图 10 秒内没有画完');
  } finally {
    win.destroy();
  }
}
