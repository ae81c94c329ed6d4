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

/** The archive file itself is damaged (SQLite's checks fail): the person must restore from a backup. CLI exit code 4. */
export class DamagedError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'DamagedError';
  }
}

export const BUSY_MESSAGE = '另一个程序正在写入档案，请稍后再试';

// SQLite's result codes (better-sqlite3 puts them on `code`) as a person reads them.
const SQLITE_ERRORS: Record<string, string> = {
  SQLITE_BUSY: BUSY_MESSAGE,
  SQLITE_LOCKED: BUSY_MESSAGE,
  SQLITE_READONLY: '档案文件是只读的（文件或所在文件夹没有写入权限），不能写入；请检查权限，或把档案放到可以写入的位置',
  SQLITE_CORRUPT: '档案文件已损坏，无法读写；请在“设置与备份”中（或用 nianbao restore）从备份恢复',
  SQLITE_NOTADB: '档案文件不是可用的数据库（可能已损坏）；请从备份恢复',
  SQLITE_FULL: '磁盘空间不足，档案没有写入',
  SQLITE_IOERR: '读写档案文件时出错（磁盘或网络文件夹有问题），请检查后重试',
  SQLITE_CANTOPEN: '无法打开档案文件，请检查文件是否存在、是否有权限',
};

/** The message for a SQLite error by its code (extended codes such as SQLITE_BUSY_SNAPSHOT fall back to the base). */
export function sqliteMessage(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  return SQLITE_ERRORS[code] ?? SQLITE_ERRORS[code.split('_').slice(0, 2).join('_')] ?? null;
}

export const isBusy = (e: unknown): boolean => /^SQLITE_(BUSY|LOCKED)/.test(String((e as { code?: unknown } | null)?.code));

const FILE_ERRORS: Record<string, string> = {
  ENOENT: '找不到文件或文件夹',
  EACCES: '没有权限读写',
  EPERM: '没有权限读写',
  EBUSY: '文件正被其他程序使用（例如在 Excel 或 WPS 中打开着），请关闭后重试',
  ENOSPC: '磁盘空间不足',
  EROFS: '该位置只读，不能写入',
  EISDIR: '这是一个文件夹，不是文件',
};

/** What a file-system error code means to a person ('EISDIR' → 这是一个文件夹，不是文件), or null. */
export const fileErrorText = (code: unknown): string | null => (typeof code === 'string' && FILE_ERRORS[code]) || null;

/** An error as the app's contract carries it: its kind and the Chinese message. */
export function toApiError(e: unknown): ApiError {
  const message = describeError(e);
  if (e instanceof ConflictError) return { kind: 'conflict', message, storedRevision: e.storedRevision };
  if (e instanceof LockedError) return { kind: 'locked', message };
  if (e instanceof NotFoundError) return { kind: 'not_found', message };
  const code = (e as { code?: string } | null)?.code;
  if (e instanceof InputError || (code && FILE_ERRORS[code]) || sqliteMessage(e)) return { kind: 'input', message };
  return { kind: 'internal', message };
}

/**
 * A Chinese message for any error: ours as is, file-system errors by their code. Anything else is a fault of the
 * program: said so in Chinese, with the original text kept at the end for whoever maintains it.
 */
export function describeError(e: unknown): string {
  if (e instanceof InputError) return e.message;
  const sqlite = sqliteMessage(e);
  if (sqlite) return sqlite;
  const { code, path } = (e ?? {}) as { code?: string; path?: string };
  if (code && FILE_ERRORS[code]) return `${FILE_ERRORS[code]}${path ? `：${path}` : ''}`;
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `操作失败：程序内部出错，本次操作没有完成。请重试；如仍出错，请把这段提示告诉维护人员（详情：${detail}）`;
}
