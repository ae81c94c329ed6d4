// Exposes window.api.invoke for the contract's channels only; nothing else of Electron reaches the page.
import { contextBridge, ipcRenderer } from 'electron';
import type { WindowApi } from '../shared/api';
import { CHANNELS } from '../shared/channels';

const api: WindowApi = {
  invoke: (channel, args) => {
    if (!(CHANNELS as readonly string[]).includes(channel)) return Promise.resolve({ ok: false, error: `未知的请求：${String(channel)}` });
    return ipcRenderer.invoke(channel, args);
  },
};

contextBridge.exposeInMainWorld('api', api);
