// The one way to handle a renderer call: check who sent it and what it sent, and answer {ok, value} or
// {ok:false, error} with a message a person can read.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API, type ApiArgs, type ApiResponse, type ApiResult, type Channel } from '../shared/api';
import { InputError } from './errors';

export type Handler<C extends Channel> = (args: ApiArgs<C>) => ApiResult<C> | Promise<ApiResult<C>>;

export function register<C extends Channel>(channel: C, handler: Handler<C>, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(channel, async (event, raw: unknown): Promise<ApiResponse<ApiResult<C>>> => {
    if (!isTrustedSender(event)) return { ok: false, error: '拒绝来自未知页面的请求' };
    const args = API[channel].args.safeParse(raw ?? {});
    if (!args.success) return { ok: false, error: `请求参数有误：${args.error.issues.map((i) => i.message).join('；')}` };
    try {
      return { ok: true, value: await handler(args.data as ApiArgs<C>) };
    } catch (e) {
      return { ok: false, error: e instanceof InputError ? e.message : `操作失败：${(e as Error).message}` };
    }
  });
}
