// Electron entry: window, session security, IPC handlers. Everything else lives in services without electron.
import { app, BrowserWindow } from 'electron';
import { register } from './ipc';
import { createMainWindow, isAppUrl, secureSession } from './window';

app.setName('nianbao');

const trusted = (e: Electron.IpcMainInvokeEvent): boolean => isAppUrl(e.senderFrame?.url ?? '', process.env['ELECTRON_RENDERER_URL']);

void app.whenReady().then(() => {
  secureSession();
  register('app.info', () => ({ version: app.getVersion(), platform: process.platform }), trusted);
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
