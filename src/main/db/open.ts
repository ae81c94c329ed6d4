// Opening the archive database: identity check, pragmas for durability and for two writers, migrations.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describeError, InputError, isBusy } from '../errors';
import { identity, schemaProblem } from './archive-file';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** Marks a SQLite file as ours ('NB' + 1), so restore can tell our database from any other. */
export const APPLICATION_ID = 0x4e420001;
// Tests shorten the wait for another writer with NIANBAO_BUSY_TIMEOUT_MS.
export const BUSY_TIMEOUT_MS = Number(process.env.NIANBAO_BUSY_TIMEOUT_MS) || 10_000;

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
    const id = identity(db);
    return { ours: id.applicationId === APPLICATION_ID, empty: id.tables === 0 && id.applicationId === 0, version: id.version };
  } catch (e) {
    // SQLite's own words ("file is not a database") are English; a clerk is told what it means.
    if (isBusy(e)) throw e;
    throw new InputError(`${path} 不是可用的 SQLite 数据库（文件已损坏，或不是数据库）`);
  }
}

export function newerVersionMessage(path: string, version: number, latest = LATEST_VERSION): string {
  return `数据库 ${path} 由更新版本的程序写入（数据库版本 ${version}，本程序只认识到版本 ${latest}）。为保护数据，没有做任何修改；请升级本程序后再打开。`;
}

// Enough for every statement the db modules write (their SQL is fixed text, or a few column combinations).
const MAX_CACHED_STATEMENTS = 500;

/**
 * Statements are prepared once per connection: db.prepare(sql) returns the statement prepared for that text
 * before. So a shared statement must not be switched to pluck/raw/expand mode (none is); prepare a fresh one
 * with the driver if ever needed.
 */
export function cacheStatements(db: Db): Db {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
  return db;
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
    db = cacheStatements(new Database(path, { readonly: options.readonly ?? false, fileMustExist: !isNew }));
  } catch (e) {
    throw new InputError(`无法打开档案数据库 ${path}（${describeError(e)}）`);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const migrations = options.migrations ?? MIGRATIONS;
    const latest = migrations[migrations.length - 1].version;
    const id = inspect(db, path);
    if (!id.ours && !id.empty) throw new InputError(`${path} 不是本程序的档案数据库，没有打开它`);
    if (id.version > latest) throw new InputError(newerVersionMessage(path, id.version, latest));
    // Our id with a schema that is not what the migrations built (version 0, tables missing): migrating or
    // writing it would fail half-way, so it is refused as it is.
    if (id.ours) {
      const problem = schemaProblem(db, id.version, migrations);
      if (problem)
        throw new InputError(`${path} 带有本程序的标记，但${problem}，不是可用的档案；没有打开它。请从备份恢复，或换一个档案文件`);
    }
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
