// Electron IPC: every channel of the contract goes through `dispatch` after the sender is checked.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../shared/api';
import { dispatch, type Handlers } from './api-handlers';

export function registerAll(handlers: Handlers, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, raw: unknown) =>
      isTrustedSender(event)
        ? dispatch(handlers, channel, raw)
        : { ok: false, error: { kind: 'input', message: '拒绝来自本程序页面以外的请求' } },
    );
  }
}
