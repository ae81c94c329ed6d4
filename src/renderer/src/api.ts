// The renderer talks to main only through window.api (the Electron preload, or the browser bridge script).
import type { ApiArgs, ApiError, ApiErrorKind, ApiResult, Channel } from '../../shared/api';

/** A failed call, with the kind main gave it, so a page can tell a conflict or a locked report from a failure. */
export class ApiCallError extends Error {
  readonly kind: ApiErrorKind;
  readonly storedRevision?: number;
  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.kind = error.kind;
    this.storedRevision = error.storedRevision;
  }
}

export async function call<C extends Channel>(channel: C, args: ApiArgs<C>): Promise<ApiResult<C>> {
  if (!window.api) throw new ApiCallError({ kind: 'internal', message: '程序的本机服务没有启动' });
  const r = await window.api.invoke(channel, args);
  if (!r.ok) throw new ApiCallError(r.error);
  return r.value;
}
