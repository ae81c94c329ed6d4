// Opening the archive database: identity check, pragmas for durability and for two writers, migrations.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** Marks a SQLite file as ours ('NB' + 1), so restore can tell our database from any other. */
export const APPLICATION_ID = 0x4e420001;
export const BUSY_TIMEOUT_MS = 10_000;

export interface OpenOptions {
  /** Called with the path of a backup to write before migrating an existing database. */
  backupBeforeMigrate?: (db: Db, fromVersion: number) => Promise<void> | void;
  readonly?: boolean;
  /** The migrations to apply (tests pass extra ones). */
  migrations?: readonly Migration[];
}

/** Identity of a database file: whether it is ours, and its schema version. Throws InputError if unreadable. */
export function inspect(db: Db, path: string): { ours: boolean; empty: boolean; version: number } {
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    return { ours: appId === APPLICATION_ID, empty: tables.n === 0 && appId === 0, version };
  } catch (e) {
    throw new InputError(`${path} 不是可用的 SQLite 数据库（${(e as Error).message}）`);
  }
}

export function newerVersionMessage(path: string, version: number, latest = LATEST_VERSION): string {
  return `数据库 ${path} 由更新版本的程序写入（数据库版本 ${version}，本程序只认识到版本 ${latest}）。为保护数据，没有做任何修改；请升级本程序后再打开。`;
}

function applyPragmas(db: Db): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/** Runs the pending migrations, each in one transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations.filter((x) => x.version > current)) {
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}

/**
 * Opens (creating if needed) the archive at `path`. Refuses a file that is not ours, and one written by a
 * newer version of the app, without changing it.
 */
export async function openArchiveDb(path: string, options: OpenOptions = {}): Promise<Db> {
  const isNew = !existsSync(path) || statSync(path).size === 0;
  if (isNew && options.readonly) throw new InputError(`找不到档案数据库：${path}`);
  if (isNew) mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: !isNew });
  } catch (e) {
    throw new InputError(`无法打开档案数据库 ${path}（${(e as Error).message}）`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const migrations = options.migrations ?? MIGRATIONS;
    const latest = migrations[migrations.length - 1].version;
    const id = inspect(db, path);
    if (!id.ours && !id.empty) throw new InputError(`${path} 不是本程序的档案数据库，没有打开它`);
    if (id.version > latest) throw new InputError(newerVersionMessage(path, id.version, latest));
    if (options.readonly) return db;
    applyPragmas(db);
    if (id.version < latest) {
      if (id.version > 0) await options.backupBeforeMigrate?.(db, id.version);
      migrate(db, migrations);
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
