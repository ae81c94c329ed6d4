// Electron entry: session security, the archive, IPC handlers, the window. Everything else lives in services
// without electron.
import { app, BrowserWindow, dialog, session } from 'electron';
import { createHandlers } from './api-handlers';
import { registerAll } from './ipc';
import { hardenSession, isAppUrl } from './security';
import { resolveArchivePath, userDataDir } from './services/paths';
import { ArchiveStore } from './services/store';
import { createMainWindow } from './window';

// The same folder the CLI computes, so the app and the CLI share one archive.
app.setPath('userData', userDataDir());

const trusted = (e: Electron.IpcMainInvokeEvent): boolean => isAppUrl(e.senderFrame?.url ?? '', process.env['ELECTRON_RENDERER_URL']);

void app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  let store: ArchiveStore;
  try {
    store = await ArchiveStore.open(resolveArchivePath());
    await store.dailyBackup();
  } catch (e) {
    dialog.showErrorBox('无法打开档案', (e as Error).message);
    app.quit();
    return;
  }
  registerAll(createHandlers(store), trusted);
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('will-quit', () => store.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
