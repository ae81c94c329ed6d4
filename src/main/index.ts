// Electron entry: session security, the archive, IPC handlers, the menu, the window. Everything else lives in
// services without electron.
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { join } from 'node:path';
import { createHandlers } from './api-handlers';
import { electronHost } from './electron-host';
import { registerAll } from './ipc';
import { buildMenu } from './menu';
import { hardenSession, isTrustedSender } from './security';
import { resolveArchivePath, userDataDir } from './services/paths';
import { ArchiveStore } from './services/store';
import { openFailureText, faultText } from './startup';
import { APP_PAGE, createMainWindow } from './window';

// The same folder the CLI computes, so the app and the CLI share one archive.
app.setPath('userData', userDataDir());
// Chinese browser UI whatever the system locale: date fields as 年/月/日, context menus in Chinese.
app.commandLine.appendSwitch('lang', 'zh-CN');

const trusted = (e: Electron.IpcMainInvokeEvent): boolean => isTrustedSender(e, APP_PAGE);
const windowStateFile = join(userDataDir(), 'window-state.json');

// A failure no page caught would otherwise be Electron's English “A JavaScript error occurred” box.
const fault = (e: unknown) => dialog.showErrorBox('程序出错', faultText(e));
process.on('uncaughtException', fault);
process.on('unhandledRejection', fault);

let main: BrowserWindow | undefined;

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  const archivePath = resolveArchivePath();
  let store: ArchiveStore;
  try {
    store = await ArchiveStore.open(archivePath);
  } catch (e) {
    dialog.showErrorBox('无法打开档案', openFailureText(archivePath, e));
    app.quit();
    return;
  }
  registerAll(createHandlers(store, electronHost), trusted);
  main = createMainWindow(windowStateFile);
  // Checked and backed up in the background: the window opens at once; a damaged archive is told at once.
  store.startDailyBackup((message) => void dialog.showMessageBox(main!, { type: 'error', title: '档案需要注意', message }));
  Menu.setApplicationMenu(buildMenu(() => main, store.path));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) main = createMainWindow(windowStateFile);
  });
  app.on('will-quit', () => store.close());
}

// One app on the archive: starting it again brings the open window forward instead of a second window whose
// pages would not see the first one's changes.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!main || main.isDestroyed()) return;
    if (main.isMinimized()) main.restore();
    main.show();
    main.focus();
  });
  app.whenReady().then(start).catch(fault);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
