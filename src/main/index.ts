// Electron entry: session security, IPC handlers, the window. Everything else lives in services without electron.
import { app, BrowserWindow, session } from 'electron';
import { register } from './ipc';
import { hardenSession, isAppUrl } from './security';
import { createMainWindow } from './window';

app.setName('nianbao');

const trusted = (e: Electron.IpcMainInvokeEvent): boolean => isAppUrl(e.senderFrame?.url ?? '', process.env['ELECTRON_RENDERER_URL']);

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  register('app.info', () => ({ version: app.getVersion(), platform: process.platform }), trusted);
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
