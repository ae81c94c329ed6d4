import type { ApiError } from '../shared/api';

/** A problem with what the person gave us (a file, an argument): shown as is, in Chinese; CLI exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The report is 定稿 (locked): edits, fills and dismissals are refused until it is unlocked. */
export class LockedError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'LockedError';
  }
}

/** What the person asked for is not in the archive (a unit, a report, a revision). */
export class NotFoundError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A save made from an older revision than the stored one: refused so nobody's work is overwritten. */
export class ConflictError extends InputError {
  constructor(
    message: string,
    readonly storedRevision: number,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

const FILE_ERRORS: Record<string, string> = {
  ENOENT: '找不到文件或文件夹',
  EACCES: '没有权限读写',
  EPERM: '没有权限读写',
  EBUSY: '文件正被其他程序使用（例如在 Excel 或 WPS 中打开着），请关闭后重试',
  ENOSPC: '磁盘空间不足',
  EROFS: '该位置只读，不能写入',
  EISDIR: '这是一个文件夹，不是文件',
};

/** An error as the app's contract carries it: its kind and the Chinese message. */
export function toApiError(e: unknown): ApiError {
  const message = describeError(e);
  if (e instanceof ConflictError) return { kind: 'conflict', message, storedRevision: e.storedRevision };
  if (e instanceof LockedError) return { kind: 'locked', message };
  if (e instanceof NotFoundError) return { kind: 'not_found', message };
  const code = (e as { code?: string } | null)?.code;
  if (e instanceof InputError || (code && FILE_ERRORS[code])) return { kind: 'input', message };
  return { kind: 'internal', message };
}

/** A Chinese message for any error: ours as is, file-system errors by their code, the rest as a failure. */
export function describeError(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const { code, path } = (e ?? {}) as { code?: string; path?: string };
  if (code && FILE_ERRORS[code]) return `${FILE_ERRORS[code]}${path ? `：${path}` : ''}`;
  return `操作失败：${(e as Error).message}`;
}
