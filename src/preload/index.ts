// Exposes window.api for the contract's channels only (and the menu's page commands); nothing else of Electron
// reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { WindowApi } from '../shared/api';
import { CHANNELS, MENU_COMMANDS, type MenuCommand } from '../shared/channels';

const api: WindowApi = {
  invoke: (channel, args) => {
    if (!(CHANNELS as readonly string[]).includes(channel)) return Promise.resolve({ ok: false, error: `未知的请求：${String(channel)}` });
    return ipcRenderer.invoke(channel, args);
  },
  onMenu: (listener) => {
    const handler = (_event: unknown, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on('menu', handler);
    return () => void ipcRenderer.removeListener('menu', handler);
  },
};

contextBridge.exposeInMainWorld('api', api);
