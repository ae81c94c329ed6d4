/** A problem with what the person gave us (a file, an argument): shown as is, in Chinese; CLI exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
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

/** A Chinese message for any error: ours as is, file-system errors by their code, the rest as a failure. */
export function describeError(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const { code, path } = e as { code?: string; path?: string };
  if (code && FILE_ERRORS[code]) return `${FILE_ERRORS[code]}${path ? `：${path}` : ''}`;
  return `操作失败：${(e as Error).message}`;
}
