// Restore, backups and open that cannot break the archive (issue 11): schema checks, temporary names, damaged
// archives, the live file, the background daily backup, local days. Each case shows the archive unchanged and a
// Chinese message.
process.env.TZ = 'Asia/Shanghai';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Report } from '../../src/shared/report';
import { APPLICATION_ID } from '../../src/main/db/open';
import { DamagedError } from '../../src/main/errors';
import { ArchiveStore, checkBackupFile } from '../../src/main/services/store';
import { archiveDigest, fileHash, manualClock, tempDir, tempStore } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { consistentReport } from '../helpers/random-report';

const unitReport = (unit: string, year: number, seed = year): Report => ({ ...consistentReport('gov2021', seed, year), unit });

/** A pid that no process has now: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

/** What the archive holds, for "unchanged" checks: every row of every table, and the overview the app shows. */
const snapshot = (store: ArchiveStore) => `${archiveDigest(store.path)} ${JSON.stringify(store.archive.overview())}`;

/** An archive of 40 reports with random bytes over pages in the middle of the file (not the header page). */
async function damagedArchive() {
  const dir = tempDir();
  const path = join(dir, 'archive.sqlite');
  const store = await ArchiveStore.open(path);
  for (let i = 0; i < 40; i++) store.archive.save(unitReport(`单位${i}`, 2024, i + 1));
  store.close();
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  let seed = 7;
  const noise = Buffer.alloc(4096 * 4, 0).map(() => (seed = (seed * 1103515245 + 12345) & 0xff));
  writeSync(fd, noise, 0, noise.length, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
  return { dir, path, hash: fileHash(path) };
}

describe('restore and open check the schema itself', () => {
  async function badFiles(dir: string) {
    const version0 = join(dir, 'version0.sqlite');
    const v0 = new Database(version0);
    v0.exec('CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT)');
    v0.pragma(`application_id = ${APPLICATION_ID}`);
    v0.close();
    const hollow = join(dir, 'hollow.sqlite');
    const h = new Database(hollow);
    h.exec('CREATE TABLE units (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE reports (id INTEGER PRIMARY KEY)');
    h.pragma(`application_id = ${APPLICATION_ID}`);
    h.pragma('user_version = 1');
    h.close();
    return { version0, hollow };
  }

  it('refuses a file with our id but user_version 0, and a hollow file (our id, version 1, two tables); the archive is unchanged', async () => {
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2024));
    const before = snapshot(store);
    const { version0, hollow } = await badFiles(tempDir());
    await expect(store.restoreFrom(version0)).rejects.toThrow(/结构版本号为 0.*不能用来恢复；档案没有改动/);
    await expect(store.restoreFrom(hollow)).rejects.toThrow(/带有本程序的标记，但缺少 \d+ 项结构（.*）.*不能用来恢复/);
    expect(() => checkBackupFile(hollow)).toThrow(/缺少/);
    expect(snapshot(store)).toBe(before);
    expect(store.backups()).toHaveLength(0); // no safety copy was made for a refused restore
    // The archive still works: another save and a restore of a real backup.
    store.archive.save(unitReport('乙局', 2024));
    expect(store.archive.overview().reports).toHaveLength(2);
    store.close();
  });

  it('refuses to open them as the archive, leaving the files as they were', async () => {
    const { version0, hollow } = await badFiles(tempDir());
    for (const file of [version0, hollow]) {
      const hash = fileHash(file);
      await expect(ArchiveStore.open(file)).rejects.toThrow(/带有本程序的标记，但.*不是可用的档案；没有打开它/);
      expect(fileHash(file)).toBe(hash);
    }
  });
});

describe('backups are written to a temporary name, checked, then renamed', () => {
  it('lists only finished backups; a leftover temporary file of a killed process is removed; that day gets a new backup', async () => {
    const clock = manualClock('2026-03-01T02:00:00Z');
    const store = await tempStore(clock);
    store.archive.save(unitReport('甲局', 2024));
    const day = join(store.backupDir, 'archive-2026-03-01.sqlite');
    // A daily backup killed half-way: only its temporary file is there, never the day's name.
    const { mkdirSync } = await import('node:fs');
    mkdirSync(store.backupDir, { recursive: true });
    const leftover = `${day}.${deadPid()}.partial`;
    writeFileSync(leftover, Buffer.alloc(8192, 7));
    writeFileSync(`${leftover}-journal`, Buffer.alloc(512, 1));
    expect(store.backups()).toEqual([]);
    expect(await store.dailyBackup()).toBe(day);
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(`${leftover}-journal`)).toBe(false);
    expect(checkBackupFile(day)).toMatchObject({ units: 1, reports: 1 });
    expect(store.backups().map((b) => b.kind)).toEqual(['daily']);
    expect(readdirSync(store.backupDir)).toEqual(['archive-2026-03-01.sqlite']);
    store.close();
  });

  it('a daily backup left half-written by an older version (hot journal beside it) is not listed and is made again', async () => {
    const clock = manualClock('2026-03-01T02:00:00Z');
    const store = await tempStore(clock);
    store.archive.save(unitReport('甲局', 2024));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(store.backupDir, { recursive: true });
    const day = join(store.backupDir, 'archive-2026-03-01.sqlite');
    writeFileSync(day, Buffer.alloc(4096, 3));
    writeFileSync(`${day}-journal`, Buffer.alloc(4096, 4));
    expect(store.backups()).toEqual([]);
    expect(await store.dailyBackup()).toBe(day);
    expect(existsSync(`${day}-journal`)).toBe(false);
    expect(checkBackupFile(day).reports).toBe(1);
    store.close();
  });

  it('refuses to back up onto the live archive file (by its path or a link to it); the archive is unchanged', async () => {
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2024));
    const before = snapshot(store);
    await expect(store.backupTo(store.path)).rejects.toThrow('就是正在使用的档案文件，不能备份到它自己');
    const link = join(tempDir(), 'link.sqlite');
    symlinkSync(store.path, link);
    await expect(store.backupTo(link)).rejects.toThrow('就是正在使用的档案文件');
    expect(snapshot(store)).toBe(before);
    store.close();
    const cli = runCli(['backup', store.path, '--db', store.path]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('不能备份到它自己');
  });

  it('detects a damaged archive before copying it: no backup, a Chinese message, CLI exit code 4', async () => {
    const { dir, path, hash } = await damagedArchive();

    const damaged = await ArchiveStore.open(path, { clock: manualClock('2026-03-01T02:00:00Z') });
    const daily = damaged.dailyBackup();
    await expect(daily).rejects.toBeInstanceOf(DamagedError);
    await expect(daily).rejects.toThrow(
      /档案文件 .* 已损坏（未通过 SQLite 的完整性检查）。为免把损坏的内容当作好的备份，没有备份。请尽快.*从最近的备份恢复/,
    );
    expect(damaged.health().damaged).toMatch(/已损坏/);
    // Saves that follow do not check the damaged file again and again: the failure stands for a while.
    expect(damaged.dailyBackup()).toBe(daily);
    expect(damaged.backups()).toEqual([]);
    expect(existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []).toEqual([]);
    // Told in the app too: startDailyBackup passes the message on.
    const told: string[] = [];
    await new Promise<void>((ok) => {
      damaged.startDailyBackup((m) => (told.push(m), ok()));
    });
    expect(told[0]).toMatch(/已损坏/);
    damaged.close();
    expect(fileHash(path)).toBe(hash);

    const cli = runCli(['backup', join(dir, 'copy.sqlite'), '--db', path]);
    expect(cli.code).toBe(4);
    expect(cli.stderr).toMatch(/已损坏.*没有备份/);
    expect(cli.stderr).not.toMatch(/Error|at |malformed/);
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(false);
    expect(fileHash(path)).toBe(hash);
  });

  it('search in a damaged archive says so in Chinese (CLI exit code 4, the app API), never “database disk image is malformed”', async () => {
    const { path, hash } = await damagedArchive();

    const cli = runCli(['search', '政府', '--db', path]);
    expect(cli.stderr.trim()).toBe(`档案文件已损坏，无法读写；请在“设置与备份”中（或用 nianbao restore）从备份恢复（档案：${path}）`);
    expect(cli.code).toBe(4);
    const { createHandlers, dispatch } = await import('../../src/main/api-handlers');
    const { createBridgeHost } = await import('../../src/main/bridge/host');
    const damaged = await ArchiveStore.open(path);
    const r = await dispatch(createHandlers(damaged, createBridgeHost(tempDir())), 'search', { query: '政府' });
    expect(r).toEqual({ ok: false, error: { kind: 'input', message: expect.stringMatching(/^档案文件已损坏.*从备份恢复$/) } });
    damaged.close();
    expect(fileHash(path)).toBe(hash);
  });

  it('restoring over a damaged archive still keeps its pages (as .damaged, not listed as a backup)', async () => {
    const dir = tempDir();
    const path = join(dir, 'archive.sqlite');
    const store = await ArchiveStore.open(path);
    store.archive.save(unitReport('甲局', 2024));
    const good = join(dir, 'good.sqlite');
    await store.backupTo(good);
    for (let i = 0; i < 40; i++) store.archive.save(unitReport(`单位${i}`, 2024, i + 1));
    store.close();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const damaged = await ArchiveStore.open(path);
    const r = await damaged.restoreFrom(good);
    expect(r.safetyCopy).toMatch(/-已损坏\.damaged$/);
    expect(existsSync(r.safetyCopy)).toBe(true);
    expect(damaged.backups()).toEqual([]);
    expect(damaged.archive.overview().reports).toHaveLength(1);
    damaged.close();
  });
});

describe('daily backups fit the archive’s size', () => {
  it('keeps the newest N, fewer when they would pass the size budget, never fewer than two', async () => {
    const clock = manualClock('2026-03-01T02:00:00Z');
    const store = await tempStore(clock);
    store.archive.save(unitReport('甲局', 2024));
    const names = () => store.backups().map((b) => b.file.slice(-17));
    for (let d = 0; d < 4; d++) {
      await store.dailyBackup(3);
      clock.advance(24 * 3600 * 1000);
    }
    expect(names()).toEqual(['2026-03-04.sqlite', '2026-03-03.sqlite', '2026-03-02.sqlite']);
    const size = store.backups()[0].size;
    await store.dailyBackup(14, size * 2.5); // room for two copies and a half
    expect(names()).toEqual(['2026-03-05.sqlite', '2026-03-04.sqlite']);
    clock.advance(24 * 3600 * 1000);
    await store.dailyBackup(14, 1); // a budget smaller than one copy still keeps two
    expect(names()).toEqual(['2026-03-06.sqlite', '2026-03-05.sqlite']);
    store.close();
  });
});

describe('the daily backup runs in the background', () => {
  it('returns at once; saves go on and the event loop turns while it copies', async () => {
    const store = await tempStore(manualClock('2026-03-01T02:00:00Z'));
    for (let i = 0; i < 60; i++) store.archive.save(unitReport(`单位${i}`, 2024, i + 1));
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const started = performance.now();
    store.startDailyBackup();
    expect(performance.now() - started).toBeLessThan(50);
    // A save made while the copy runs is not held up by it.
    store.archive.save(unitReport('乙局', 2025));
    expect(store.backups()).toEqual([]); // not there until it is finished and checked
    await store.settled();
    ticking = false;
    expect(turns).toBeGreaterThan(1);
    const daily = store.backups();
    expect(daily.map((b) => b.kind)).toEqual(['daily']);
    expect(checkBackupFile(daily[0].file).reports).toBeGreaterThanOrEqual(60);
    store.close();
  });

  it('the app API answers a save without waiting for the backup', async () => {
    const { createHandlers, dispatch } = await import('../../src/main/api-handlers');
    const { createBridgeHost } = await import('../../src/main/bridge/host');
    const store = await tempStore(manualClock('2026-03-01T02:00:00Z'));
    const handlers = createHandlers(store, createBridgeHost(tempDir()));
    const res = await dispatch(handlers, 'report.save', { report: unitReport('甲局', 2024) });
    expect(res.ok).toBe(true);
    // The save answered; the backup finishes on its own and is then listed.
    await store.settled();
    const list = await dispatch(handlers, 'backup.list', {});
    expect(list).toMatchObject({ ok: true, value: { problem: null, backups: [{ kind: 'daily' }] } });
    store.close();
  });
});

describe('dates a person sees are local time', () => {
  it('the daily backup of a Beijing day is named by that day, rolling over at local midnight', async () => {
    expect(new Date('2026-03-01T16:30:00Z').getHours()).toBe(0); // the test runs in Asia/Shanghai
    const clock = manualClock('2026-03-01T15:30:00Z'); // 23:30 on 1 March in Beijing
    const store = await tempStore(clock);
    store.archive.save(unitReport('甲局', 2024));
    expect(await store.dailyBackup()).toMatch(/archive-2026-03-01\.sqlite$/);
    clock.set('2026-03-01T16:30:00Z'); // 00:30 on 2 March in Beijing, still 1 March in UTC
    expect(await store.dailyBackup()).toMatch(/archive-2026-03-02\.sqlite$/);
    const manual = await store.backupNow();
    expect(manual.file).toMatch(/archive-manual-2026-03-02T00-30-00-000\.sqlite$/);
    store.close();
  });

  it('the archive sheet’s file name carries the local date', async () => {
    const { createHandlers, dispatch } = await import('../../src/main/api-handlers');
    const { createBridgeHost } = await import('../../src/main/bridge/host');
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2024));
    const exportDir = tempDir();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-03-01T16:30:00Z')); // 2 March in Beijing
      const r = await dispatch(createHandlers(store, createBridgeHost(exportDir)), 'export.flat', {});
      expect(r).toMatchObject({ ok: true, value: { path: join(exportDir, '政府信息公开年报档案总表-2026-03-02.xlsx') } });
    } finally {
      vi.useRealTimers();
    }
    store.close();
  });
});

describe('the connection', () => {
  it('prepares each statement once: the same text gives the same prepared statement', async () => {
    const store = await tempStore();
    const db = store.archive.db;
    expect(db.prepare('SELECT count(*) AS n FROM units')).toBe(db.prepare('SELECT count(*) AS n FROM units'));
    store.archive.save(unitReport('甲局', 2024));
    store.archive.save(unitReport('甲局', 2024, 99));
    expect(store.archive.get('甲局', 2024).revision).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM units').get()).toEqual({ n: 1 });
    store.close();
  });
});
