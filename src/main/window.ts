// The main window and its security settings (asserted by tests/main/window-security.test.ts).
import { BrowserWindow, session, shell, type WebContents, type WebPreferences } from 'electron';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';

export const WEB_PREFERENCES: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
};

/** The page the app itself serves; everything else is refused. */
export function isAppUrl(url: string, devServer: string | undefined): boolean {
  if (devServer) return url.startsWith(devServer);
  return url.startsWith('file://');
}

function lockDown(contents: WebContents, devServer: string | undefined): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServer)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // New windows are denied; a web link the person clicks opens in the system browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function secureSession(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

export function createMainWindow(): BrowserWindow {
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: '政府信息公开年报助手',
    webPreferences: { ...WEB_PREFERENCES, preload: join(import.meta.dirname, '../preload/index.cjs') },
  });
  lockDown(win.webContents, devServer);
  win.once('ready-to-show', () => win.show());
  if (devServer) void win.loadURL(devServer);
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}
