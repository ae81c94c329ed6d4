import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import { APPLICATION_ID, openArchiveDb } from '../../src/main/db/open';
import { ArchiveStore } from '../../src/main/services/store';
import { consistentReport } from '../helpers/random-report';
import { fileHash, tempDir } from '../helpers/archive';

const tables = (db: Database.Database) =>
  (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type IN ('table') AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'section_grams_%' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001 creates the schema, marks the file as ours, and sets WAL, FULL sync and foreign keys', async () => {
    const db = await openArchiveDb(join(tempDir(), 'a.sqlite'));
    expect(tables(db)).toEqual([
      'cell_keys',
      'cells',
      'dismissals',
      'exchanges',
      'legacy_rows',
      'reports',
      'revisions',
      'section_grams',
      'sections',
      'unit_reports',
      'units',
      'year_counts',
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    // One report per unit and year.
    db.prepare("INSERT INTO units (name, kind, created_at) VALUES ('甲', 'department', 'now')").run();
    db.prepare("INSERT INTO reports (unit_id, year, template, updated_at) VALUES (1, 2024, 'gov2021', 'now')").run();
    expect(() => db.prepare("INSERT INTO reports (unit_id, year, template, updated_at) VALUES (1, 2024, 'gov2021', 'now')").run()).toThrow(
      /UNIQUE/,
    );
    expect(() => db.prepare("INSERT INTO reports (unit_id, year, template, updated_at) VALUES (9, 2024, 'gov2021', 'now')").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });

  it('backs up before migrating an existing archive, then migrates it', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.sqlite');
    const store = await ArchiveStore.open(path);
    store.archive.save(consistentReport('gov2021', 1));
    store.close();
    const next = { version: LATEST_VERSION + 1, name: 'next-test', sql: 'ALTER TABLE units ADD COLUMN note TEXT;' };
    const upgraded = await ArchiveStore.open(path, { migrations: [...MIGRATIONS, next] });
    upgraded.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    db.close();
    const backups = upgraded.backups().filter((b) => b.file.includes('before-upgrade'));
    expect(backups).toHaveLength(1);
    const old = new Database(backups[0].file, { readonly: true });
    expect(old.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect((old.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n).toBe(1);
    old.close();
  });

  it('0002 adds the revision session and unit deletion to a version-1 archive, keeping its data', async () => {
    const path = join(tempDir(), 'v1.sqlite');
    (await ArchiveStore.open(path, { migrations: MIGRATIONS.slice(0, 1) })).close();
    // Rows as version 1 wrote them (today's code writes version 2 columns).
    const old = new Database(path);
    old.exec(`INSERT INTO units (id, name, kind, created_at) VALUES (1, '甲局', 'department', '2025-01-01T00:00:00Z');
      INSERT INTO reports (id, unit_id, year, template, revision, updated_at) VALUES (1, 1, 2024, 'gov2021', 1, '2025-01-01T00:00:00Z');
      INSERT INTO revisions (report_id, number, created_at, note, snapshot) VALUES (1, 1, '2025-01-01T00:00:00Z', NULL, '{}');`);
    old.close();
    const store = await ArchiveStore.open(path);
    const a = store.archive;
    const [unit] = a.listUnits();
    expect(a.history(unit.name, 2024)).toHaveLength(1);
    a.deleteUnit(unit.name);
    expect(a.deleted().units).toMatchObject([{ name: unit.name, reports: 1 }]);
    a.undeleteUnit(unit.name);
    store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT session FROM revisions').all()).toEqual([{ session: null }]);
    expect(db.prepare('SELECT deleted_at FROM units').all()).toEqual([{ deleted_at: null }]);
    db.close();
  });

  it('refuses a database from a newer version and leaves it untouched', async () => {
    const path = join(tempDir(), 'future.sqlite');
    const store = await ArchiveStore.open(path);
    store.close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = fileHash(path);
    await expect(ArchiveStore.open(path)).rejects.toThrow(
      new RegExp(`由更新版本的程序写入（数据库版本 99，本程序只认识到版本 ${LATEST_VERSION}）`),
    );
    expect(fileHash(path)).toBe(before);
  });

  it('refuses a SQLite file that is not ours, and a file that is not a database, without changing them', async () => {
    const dir = tempDir();
    const other = join(dir, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = fileHash(other);
    await expect(ArchiveStore.open(other)).rejects.toThrow('不是本程序的档案数据库');
    expect(fileHash(other)).toBe(before);
    const text = join(dir, 'notes.sqlite');
    writeFileSync(text, '这不是数据库'.repeat(200));
    const t = fileHash(text);
    await expect(ArchiveStore.open(text)).rejects.toThrow(/不是可用的 SQLite 数据库/);
    expect(fileHash(text)).toBe(t);
  });
});
