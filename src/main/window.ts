// The main window, created with the settings of security.ts.
import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { hardenContents, WEB_PREFERENCES } from './security';

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
  hardenContents(win.webContents, devServer, (url) => void shell.openExternal(url));
  win.once('ready-to-show', () => win.show());
  if (devServer) void win.loadURL(devServer);
  else void win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return win;
}
