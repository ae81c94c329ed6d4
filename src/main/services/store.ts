// The archive file as a whole: opening it, backups, rolling daily backups, and restoring from a backup after
// checking it. A backup is copied to a temporary name in a worker thread (db/backup-job.ts), checked
// (integrity and our schema), and only then renamed: a name in the backup list is always a usable backup.
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { localDate, localStamp } from '../../shared/local-time';
import { contentCounts, identity, integrityProblem, openReadonly, schemaProblem } from '../db/archive-file';
import { copyArchive } from '../db/backup-job';
import { MIGRATIONS, type Migration } from '../db/migrations';
import { APPLICATION_ID, BUSY_TIMEOUT_MS, openArchiveDb, type Db } from '../db/open';
import type { BackupKind, BackupView } from '../../shared/api';
import { BUSY_MESSAGE, DamagedError, describeError, InputError } from '../errors';
import { Archive, systemClock, type Clock } from './archive';

export const DEFAULT_KEEP_BACKUPS = 14;
/** Daily backups together stay under this size (a province-sized archive is not copied fourteen times)… */
export const DAILY_BACKUP_BUDGET = 4 * 1024 * 1024 * 1024;
/** …but the newest two are always kept. */
const MIN_DAILY_KEPT = 2;
/** Suffix of a backup being written: never listed; left over from a killed process, it is removed. */
const PARTIAL = '.partial';
const STALE_PARTIAL_MS = 24 * 3600 * 1000;
const RETRY_FAILED_MS = 10 * 60 * 1000;

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

// SQLite's findings are English page numbers: the person is told what it means, not the detail.
const damagedMessage = (path: string) =>
  `档案文件 ${path} 已损坏（未通过 SQLite 的完整性检查）。为免把损坏的内容当作好的备份，没有备份。请尽快在“设置与备份”中（或用 nianbao restore）从最近的备份恢复。`;

/** Why a file cannot serve as an archive (not ours, from a newer version, schema incomplete, damaged), or null. */
function fileProblem(db: Db, migrations: readonly Migration[]): { problem: string; newer?: number } | null {
  const id = identity(db);
  if (id.applicationId !== APPLICATION_ID) return { problem: '不是本程序的档案' };
  const latest = migrations[migrations.length - 1].version;
  if (id.version > latest) return { problem: '由更新版本的程序写入', newer: id.version };
  const schema = schemaProblem(db, id.version, migrations);
  if (schema) return { problem: `带有本程序的标记，但${schema}` };
  return integrityProblem(db) ? { problem: '已损坏（未通过完整性检查）' } : null;
}

/** The archive file is damaged past opening: SQLite cannot read it, or it has our mark and misses structure. */
function unusableArchive(path: string, migrations: readonly Migration[]): boolean {
  let db: Db;
  try {
    db = openReadonly(path);
  } catch {
    return true;
  }
  try {
    const id = identity(db);
    return (
      id.applicationId === APPLICATION_ID &&
      id.version <= migrations[migrations.length - 1].version &&
      schemaProblem(db, id.version, migrations) !== null
    );
  } catch (e) {
    return /^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code));
  } finally {
    db.close();
  }
}

/** Checks that a file is our archive, complete (the schema its version should have), intact, and not from a newer version. */
export function checkBackupFile(file: string, migrations: readonly Migration[] = MIGRATIONS): BackupCheck {
  if (!existsSync(file)) throw new InputError(`找不到备份文件：${file}`);
  if (!statSync(file).isFile()) throw new InputError(`${file} 不是文件，没有恢复`);
  let db: Db;
  try {
    db = openReadonly(file);
  } catch (e) {
    throw new InputError(`无法打开备份文件 ${file}（${describeError(e)}），没有恢复`);
  }
  try {
    let found;
    try {
      found = fileProblem(db, migrations);
    } catch {
      throw new InputError(`${file} 不是可用的 SQLite 数据库（文件已损坏，或不是数据库），没有恢复`);
    }
    if (found?.newer)
      throw new InputError(
        `备份文件 ${file} 由更新版本的程序写入（数据库版本 ${found.newer}，本程序只认识到版本 ${migrations[migrations.length - 1].version}），不能用来恢复；请先升级本程序再恢复。档案没有改动`,
      );
    if (found?.problem === '不是本程序的档案') throw new InputError(`${file} 不是本程序的档案备份，没有恢复`);
    if (found) throw new InputError(`备份文件 ${file} ${found.problem}，不能用来恢复；档案没有改动`);
    return { version: identity(db).version, ...contentCounts(db) };
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`备份文件 ${file} 无法读取（${describeError(e)}），没有恢复`);
  } finally {
    db.close();
  }
}

const samePath = (a: string, b: string) => {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
};

const removeWithSidecars = (file: string) => {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
};

/**
 * Writes a checked copy of the archive at `source` to `file`: a temporary name first, then integrity and schema
 * checks, then the rename. A damaged archive throws DamagedError and nothing is written.
 */
async function writeVerifiedBackup(source: string, file: string, migrations: readonly Migration[]): Promise<void> {
  if (samePath(source, file)) throw new InputError(`${file} 就是正在使用的档案文件，不能备份到它自己；请另选一个文件名`);
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}${PARTIAL}`;
  removeWithSidecars(temp);
  try {
    const r = await copyArchive(source, temp);
    if (!r.ok) {
      if ('damaged' in r) throw new DamagedError(damagedMessage(source));
      if ('broken' in r) throw new InputError(`写出的备份未通过完整性检查，已删除，没有保留：${file}`);
      throw Object.assign(new Error(r.error), { code: r.code });
    }
    const copy = openReadonly(temp);
    let problem: string | null;
    try {
      problem = schemaProblem(copy, identity(copy).version, migrations);
    } finally {
      copy.close();
    }
    if (problem) throw new InputError(`写出的备份${problem}，已删除，没有保留：${file}`);
    // A journal left beside an older file of this name would be rolled into the new one when it is opened.
    for (const f of [`${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    renameSync(temp, file);
  } finally {
    removeWithSidecars(temp);
  }
}

/**
 * Copies the checked backup over the live archive with SQLite's backup API, under SQLite's locks, so other
 * connections see all or nothing. Waits for another program's write like every write does, then refuses.
 */
async function copyOver(file: string, live: string): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    const source = openReadonly(file);
    let copied: number;
    try {
      copied = (await source.backup(live)).totalPages;
    } finally {
      source.close();
    }
    // better-sqlite3 reports a copy whose first step found the archive locked (SQLITE_BUSY) as done, with 0 pages.
    if (copied > 0) return;
    if (Date.now() >= deadline) throw Object.assign(new Error(`${BUSY_MESSAGE}；档案没有恢复，也没有改动`), { code: 'SQLITE_BUSY' });
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface ArchiveHealth {
  /** The archive failed SQLite's checks: the person should restore. */
  damaged: string | null;
  /** The last automatic backup failed (disk full, …). */
  backupError: string | null;
}

export class ArchiveStore {
  private daily: { file: string; promise: Promise<string | null> } | null = null;
  /** A failed daily backup is not retried on every save (a damaged archive would be checked again each time). */
  private failed: { file: string; promise: Promise<string | null>; at: number } | null = null;
  private state: ArchiveHealth = { damaged: null, backupError: null };

  private constructor(
    readonly path: string,
    readonly backupDir: string,
    private db: Db,
    private readonly clock: Clock,
    public archive: Archive,
    private readonly migrations: readonly Migration[],
  ) {}

  static async open(
    path: string,
    options: { clock?: Clock; backupDir?: string; migrations?: readonly Migration[] } = {},
  ): Promise<ArchiveStore> {
    const clock = options.clock ?? systemClock;
    const backupDir = options.backupDir ?? join(dirname(path), 'backups');
    const migrations = options.migrations ?? MIGRATIONS;
    const db = await openArchiveDb(path, {
      migrations,
      backupBeforeMigrate: (_old, from) =>
        writeVerifiedBackup(
          path,
          join(backupDir, `${baseName(path)}-v${from}-before-upgrade-${localStamp(clock.now())}.sqlite`),
          migrations,
        ),
    });
    return new ArchiveStore(path, backupDir, db, clock, new Archive(db, clock), migrations);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Restore when the archive cannot even be opened because it is damaged (not readable as a database, or our
   * mark with its structure missing): the backup is checked, copied beside the archive, the damaged file moved
   * into the backup folder as …-已损坏.damaged (kept, never listed), and the copy put in its place. Any other
   * reason the archive did not open (another program's database, a newer version) is left as it is: `cause`.
   */
  static async restoreOverDamaged(
    path: string,
    file: string,
    cause: unknown,
    options: { clock?: Clock; backupDir?: string; migrations?: readonly Migration[] } = {},
  ): Promise<{ check: BackupCheck; safetyCopy: string }> {
    const migrations = options.migrations ?? MIGRATIONS;
    if (!existsSync(path) || !unusableArchive(path, migrations)) throw cause;
    if (samePath(file, path)) throw new InputError(`${file} 就是当前正在使用的档案，不能用它恢复；请选择一份备份`);
    const check = checkBackupFile(file, migrations);
    const backupDir = options.backupDir ?? join(dirname(path), 'backups');
    mkdirSync(backupDir, { recursive: true });
    const safetyCopy = join(
      backupDir,
      `${baseName(path)}-before-restore-${localStamp((options.clock ?? systemClock).now())}-已损坏.damaged`,
    );
    const temp = `${path}.${process.pid}${PARTIAL}`;
    removeWithSidecars(temp);
    try {
      const source = openReadonly(file);
      try {
        await source.backup(temp);
      } finally {
        source.close();
      }
      // The damaged file and its journal move together; nothing is deleted.
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        if (existsSync(`${path}${suffix}`)) renameSync(`${path}${suffix}`, `${safetyCopy}${suffix}`);
      renameSync(temp, path);
    } finally {
      removeWithSidecars(temp);
    }
    (await ArchiveStore.open(path, options)).close();
    return { check, safetyCopy };
  }

  /** Waits for a background backup under way (before closing, so no temporary file is left behind). */
  async settled(): Promise<void> {
    await this.daily?.promise.catch(() => undefined);
  }

  /** What the background checks found: shown on the settings page and at start-up. */
  health(): ArchiveHealth {
    return { ...this.state };
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    try {
      const value = await work;
      this.state = { damaged: null, backupError: null };
      return value;
    } catch (e) {
      if (e instanceof DamagedError) this.state = { ...this.state, damaged: e.message };
      else this.state = { ...this.state, backupError: describeError(e) };
      throw e;
    }
  }

  /** A checked copy of the live database. Refuses the live file itself and a file that is not one of our backups. */
  async backupTo(file: string): Promise<BackupView> {
    if (samePath(file, this.path)) throw new InputError(`${file} 就是正在使用的档案文件，不能备份到它自己；请另选一个文件名`);
    if (existsSync(file) && statSync(file).isDirectory())
      throw new InputError(
        `${file} 是一个文件夹；请给出备份文件的名字，例如 ${join(file, `${baseName(this.path)}-${localDate(this.clock.now())}.sqlite`)}`,
      );
    if (existsSync(file)) {
      const isOurs = (() => {
        try {
          const probe = openReadonly(file);
          try {
            return identity(probe).applicationId === APPLICATION_ID;
          } finally {
            probe.close();
          }
        } catch {
          return false;
        }
      })();
      if (!isOurs) throw new InputError(`${file} 已存在且不是本程序的备份，为免覆盖没有写入；请换一个文件名`);
    }
    await this.track(writeVerifiedBackup(this.path, file, this.migrations));
    return this.info(file);
  }

  /** A backup the person asked for, kept beside the daily ones (never pruned). */
  backupNow(): Promise<BackupView> {
    return this.backupTo(join(this.backupDir, `${baseName(this.path)}-manual-${localStamp(this.clock.now())}.sqlite`));
  }

  /**
   * Today's automatic backup (the local day), if there is none yet; keeps the newest `keep` that fit in `budget`
   * bytes (at least two). Returns the file written, or null. A run already under way for today is shared.
   */
  dailyBackup(keep = DEFAULT_KEEP_BACKUPS, budget = DAILY_BACKUP_BUDGET): Promise<string | null> {
    const file = join(this.backupDir, `${baseName(this.path)}-${localDate(this.clock.now())}.sqlite`);
    if (this.daily?.file === file) return this.daily.promise;
    if (this.failed?.file === file && Date.now() - this.failed.at < RETRY_FAILED_MS) return this.failed.promise;
    this.cleanPartials();
    if (this.usable(file)) return Promise.resolve(null);
    const promise = this.track(
      (async () => {
        await writeVerifiedBackup(this.path, file, this.migrations);
        let total = 0;
        this.backups()
          .filter((b) => b.kind === 'daily')
          .forEach((b, i) => {
            total += b.size;
            if (i >= keep || (i >= MIN_DAILY_KEPT && total > budget)) rmSync(b.file, { force: true });
          });
        return file;
      })(),
    );
    this.daily = { file, promise };
    const clear = () => void (this.daily?.promise === promise && (this.daily = null));
    promise.then(clear, () => {
      clear();
      this.failed = { file, promise, at: Date.now() };
    });
    return promise;
  }

  /**
   * Starts today's backup in the background and returns at once; a save or the start-up never waits for it.
   * A failure is kept in health() and passed to `onProblem` (the app tells the person), never thrown.
   */
  startDailyBackup(onProblem?: (message: string) => void): void {
    this.dailyBackup().then(
      () => undefined,
      (e: unknown) => onProblem?.(describeError(e)),
    );
  }

  /** A file with a final backup name is usable unless a hot journal beside it says it was left half-written. */
  private usable(file: string): boolean {
    return existsSync(file) && !existsSync(`${file}-journal`);
  }

  /** Temporary files of backups whose process is gone (killed mid-copy) are removed. */
  private cleanPartials(): void {
    if (!existsSync(this.backupDir)) return;
    for (const f of readdirSync(this.backupDir)) {
      const m = /\.(\d+)\.partial(-journal|-wal|-shm)?$/.exec(f);
      if (!m) continue;
      const path = join(this.backupDir, f);
      const pid = Number(m[1]);
      // This process's own copies may be under way; another process's are left over if it is gone.
      let alive = true;
      if (pid !== process.pid) {
        try {
          process.kill(pid, 0);
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      let old: boolean;
      try {
        old = Date.now() - statSync(path).mtimeMs > STALE_PARTIAL_MS;
      } catch {
        continue;
      }
      if (!alive || old) rmSync(path, { force: true });
    }
  }

  private info(file: string): BackupView {
    const s = statSync(file);
    const prefix = `${baseName(this.path)}-`;
    const name = basename(file);
    return {
      file,
      kind: name.startsWith(prefix) ? kindOf(name.slice(prefix.length)) : 'other',
      size: s.size,
      // The local time in our names survives copying the folder to another computer; the file's time does not.
      createdAt: (name.startsWith(prefix) && (stampTime(name) ?? dayTime(name, s.mtime))) || s.mtime.toISOString(),
    };
  }

  /** Usable backups in the backup folder, newest first (by the time in the name, so all kinds interleave). */
  backups(): BackupView[] {
    if (!existsSync(this.backupDir)) return [];
    const prefix = `${baseName(this.path)}-`;
    // Our names carry the clock's day or stamp, which file times lose when a folder is copied.
    const when = (b: BackupView) =>
      basename(b.file)
        .slice(prefix.length)
        .match(/\d{4}-\d{2}-\d{2}(T\d{2}-\d{2}-\d{2}-\d{3}Z?)?/)?.[0] ?? localStamp(new Date(b.createdAt));
    return readdirSync(this.backupDir)
      .filter((f) => f.startsWith(prefix) && f.endsWith('.sqlite') && this.usable(join(this.backupDir, f)))
      .map((f) => this.info(join(this.backupDir, f)))
      .sort((a, b) => when(b).localeCompare(when(a)) || b.file.localeCompare(a.file));
  }

  /**
   * Replaces the archive with a checked backup. The current archive is backed up first; on any failure the
   * current archive stays as it was. A damaged current archive is still kept (as …-已损坏.damaged, never listed).
   */
  async restoreFrom(file: string): Promise<{ check: BackupCheck; safetyCopy: string }> {
    if (samePath(file, this.path)) throw new InputError(`${file} 就是当前正在使用的档案，不能用它恢复；请选择一份备份`);
    const check = checkBackupFile(file, this.migrations);
    let safetyCopy = join(this.backupDir, `${baseName(this.path)}-before-restore-${localStamp(this.clock.now())}.sqlite`);
    try {
      await writeVerifiedBackup(this.path, safetyCopy, this.migrations);
    } catch (e) {
      if (!(e instanceof DamagedError)) throw e;
      // The damaged archive is what restore is for; its pages are still kept, as they are, for a specialist.
      safetyCopy = `${safetyCopy.replace(/\.sqlite$/, '')}-已损坏.damaged`;
      await this.db.backup(safetyCopy);
    }
    await copyOver(file, this.path);
    this.close();
    const reopened = await ArchiveStore.open(this.path, { clock: this.clock, backupDir: this.backupDir, migrations: this.migrations });
    this.db = reopened.db;
    this.archive = reopened.archive;
    this.state = { damaged: null, backupError: null };
    this.failed = null;
    return { check, safetyCopy };
  }
}

/** The moment in a name's local stamp (2026-03-01T16-05-09-123, as localStamp writes it), or null. */
function stampTime(name: string): string | null {
  const m = /(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})(Z?)/.exec(name);
  if (!m) return null;
  const [y, mo, d, h, mi, sec, ms] = m.slice(1, 8).map(Number);
  // Names written by older versions end in Z: UTC.
  const t = m[8] ? new Date(Date.UTC(y, mo - 1, d, h, mi, sec, ms)) : new Date(y, mo - 1, d, h, mi, sec, ms);
  return Number.isNaN(t.getTime()) ? null : t.toISOString();
}

/** A daily backup's name holds only its local day: the file's time if it is of that day, else the day's start. */
function dayTime(name: string, mtime: Date): string | null {
  const m = /-(\d{4})-(\d{2})-(\d{2})\.sqlite$/.exec(name);
  if (!m) return null;
  if (localDate(mtime) === `${m[1]}-${m[2]}-${m[3]}`) return mtime.toISOString();
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toISOString();
}

const baseName = (path: string) => basename(path).replace(/\.[^.]+$/, '');
