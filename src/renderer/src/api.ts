// The renderer talks to main only through window.api (the Electron preload, or the browser bridge script).
import type { ApiArgs, ApiResult, Channel } from '../../shared/api';

export async function call<C extends Channel>(channel: C, args: ApiArgs<C>): Promise<ApiResult<C>> {
  if (!window.api) throw new Error('程序的本机服务没有启动');
  const r = await window.api.invoke(channel, args);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
