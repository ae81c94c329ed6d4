// The archive file as a whole: opening it, backups (SQLite backup API, never a file copy), rolling daily
// backups, and restoring from a backup after checking it.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { APPLICATION_ID, inspect, newerVersionMessage, openArchiveDb, type Db } from '../db/open';
import { LATEST_VERSION, type Migration } from '../db/migrations';
import type { BackupKind, BackupView } from '../../shared/api';
import { InputError } from '../errors';
import { Archive, systemClock, type Clock } from './archive';

export const DEFAULT_KEEP_BACKUPS = 14;

export interface BackupCheck {
  version: number;
  units: number;
  reports: number;
}

/** A backup's kind from its name after the archive's: the names this file gives them. */
function kindOf(rest: string): BackupKind {
  if (/^\d{4}-\d{2}-\d{2}\.sqlite$/.test(rest)) return 'daily';
  if (rest.startsWith('manual-')) return 'manual';
  if (rest.startsWith('before-restore-')) return 'before-restore';
  if (/^v\d+-before-upgrade-/.test(rest)) return 'before-upgrade';
  return 'other';
}

const stamp = (d: Date) => d.toISOString().replace(/[:.]/g, '-');
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Checks that a file is our archive, intact, and not from a newer version. Opens it read-only. */
export function checkBackupFile(file: string): BackupCheck {
  if (!existsSync(file)) throw new InputError(`找不到备份文件：${file}`);
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new InputError(`无法打开备份文件 ${file}（${(e as Error).message}）`);
  }
  try {
    const id = inspect(db, file);
    if (!id.ours) throw new InputError(`${file} 不是本程序的档案备份，没有恢复`);
    if (id.version > LATEST_VERSION) throw new InputError(newerVersionMessage(file, id.version));
    let integrity: string;
    try {
      integrity = db.pragma('integrity_check', { simple: true }) as string;
    } catch (e) {
      throw new InputError(`备份文件 ${file} 已损坏（${(e as Error).message}），没有恢复`);
    }
    if (integrity !== 'ok') throw new InputError(`备份文件 ${file} 未通过完整性检查（${integrity}），没有恢复`);
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      version: id.version,
      units: count('SELECT count(*) AS n FROM units'),
      reports: count('SELECT count(*) AS n FROM reports WHERE deleted_at IS NULL'),
    };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`备份文件 ${file} 无法读取（${(e as Error).message}），没有恢复`);
  } finally {
    db.close();
  }
}

export class ArchiveStore {
  private constructor(
    readonly path: string,
    readonly backupDir: string,
    private db: Db,
    private readonly clock: Clock,
    public archive: Archive,
  ) {}

  static async open(
    path: string,
    options: { clock?: Clock; backupDir?: string; migrations?: readonly Migration[] } = {},
  ): Promise<ArchiveStore> {
    const clock = options.clock ?? systemClock;
    const backupDir = options.backupDir ?? join(dirname(path), 'backups');
    const db = await openArchiveDb(path, {
      migrations: options.migrations,
      backupBeforeMigrate: (old, from) =>
        backupDb(old, join(backupDir, `${baseName(path)}-v${from}-before-upgrade-${stamp(clock.now())}.sqlite`)),
    });
    return new ArchiveStore(path, backupDir, db, clock, new Archive(db, clock));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A consistent copy of the live database, through the SQLite backup API. */
  async backupTo(file: string): Promise<BackupView> {
    if (existsSync(file)) {
      const isOurs = (() => {
        try {
          const probe = new Database(file, { readonly: true, fileMustExist: true });
          try {
            return probe.pragma('application_id', { simple: true }) === APPLICATION_ID;
          } finally {
            probe.close();
          }
        } catch {
          return false;
        }
      })();
      if (!isOurs) throw new InputError(`${file} 已存在且不是本程序的备份，为免覆盖没有写入；请换一个文件名`);
    }
    await backupDb(this.db, file);
    return this.info(file);
  }

  /** A backup the person asked for, kept beside the daily ones (never pruned). */
  backupNow(): Promise<BackupView> {
    return this.backupTo(join(this.backupDir, `${baseName(this.path)}-manual-${stamp(this.clock.now())}.sqlite`));
  }

  /** Today's automatic backup, if there is none yet; keeps the newest `keep`. Returns the file written, or null. */
  async dailyBackup(keep = DEFAULT_KEEP_BACKUPS): Promise<string | null> {
    const file = join(this.backupDir, `${baseName(this.path)}-${day(this.clock.now())}.sqlite`);
    if (existsSync(file)) return null;
    await backupDb(this.db, file);
    const daily = this.backups().filter((b) => b.kind === 'daily');
    for (const old of daily.slice(keep)) rmSync(old.file, { force: true });
    return file;
  }

  private info(file: string): BackupView {
    const s = statSync(file);
    const prefix = `${baseName(this.path)}-`;
    const name = basename(file);
    return {
      file,
      kind: name.startsWith(prefix) ? kindOf(name.slice(prefix.length)) : 'other',
      size: s.size,
      createdAt: s.mtime.toISOString(),
    };
  }

  /** Backups in the backup folder, newest first (by the time in the name, so all kinds interleave). */
  backups(): BackupView[] {
    if (!existsSync(this.backupDir)) return [];
    const prefix = `${baseName(this.path)}-`;
    // Our names carry the clock's day or stamp, which file times lose when a folder is copied.
    const when = (b: BackupView) =>
      basename(b.file)
        .slice(prefix.length)
        .match(/\d{4}-\d{2}-\d{2}(T\d{2}-\d{2}-\d{2}-\d{3}Z)?/)?.[0] ?? stamp(new Date(b.createdAt));
    return readdirSync(this.backupDir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.sqlite'))
      .map((f) => this.info(join(this.backupDir, f)))
      .sort((a, b) => when(b).localeCompare(when(a)) || b.file.localeCompare(a.file));
  }

  /**
   * Replaces the archive with a checked backup. The current archive is backed up first; on any failure the
   * current archive stays as it was.
   */
  async restoreFrom(file: string): Promise<{ check: BackupCheck; safetyCopy: string }> {
    if (resolve(file) === resolve(this.path)) throw new InputError(`${file} 就是当前正在使用的档案，不能用它恢复；请选择一份备份`);
    const check = checkBackupFile(file);
    const safetyCopy = join(this.backupDir, `${baseName(this.path)}-before-restore-${stamp(this.clock.now())}.sqlite`);
    await backupDb(this.db, safetyCopy);
    const source = new Database(file, { readonly: true, fileMustExist: true });
    try {
      // The backup API copies into the live file under SQLite's locks, so other connections see all or nothing.
      await source.backup(this.path);
    } finally {
      source.close();
    }
    this.close();
    const reopened = await ArchiveStore.open(this.path, { clock: this.clock, backupDir: this.backupDir });
    this.db = reopened.db;
    this.archive = reopened.archive;
    return { check, safetyCopy };
  }
}

const baseName = (path: string) => basename(path).replace(/\.[^.]+$/, '');

async function backupDb(db: Db, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  // Large steps: the default 100 pages per event-loop turn makes a 70 MB backup take seconds.
  await db.backup(file, { progress: () => 4096 });
}
