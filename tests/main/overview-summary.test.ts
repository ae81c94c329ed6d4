// The 档案 header's counts per year, the 最近修改 sort and 有缺报年度 read a summary (year_counts, unit_reports) that the
// triggers of migration 0007 keep. After every kind of write the summary must equal a fresh count over the reports,
// and the pages built from it must equal the ones built by reading every report.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as overviewDb from '../../src/main/db/overview';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { overviewPage } from '../../src/main/services/overview';
import { ArchiveStore } from '../../src/main/services/store';
import type { Report } from '../../src/shared/report';
import { manualClock, tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const NOW = new Date(2025, 5, 1);
const YEARS = [2021, 2022, 2023, 2024];
const name = (i: number) => `单位${String(i).padStart(2, '0')}`;
const report = (i: number, year: number): Report => ({ ...consistentReport('gov2021', i * 10 + year, year), unit: name(i) });
const broken = (i: number, year: number): Report => {
  const r = report(i, year);
  return { ...r, values: { ...r.values, 'requests.total.total': 1 } };
};

type Db = Database.Database;

/** The header counts and each unit's live reports and newest one, counted afresh from the reports of live units. */
const fresh = (db: Db) => ({
  counts: db
    .prepare(
      `SELECT r.year, count(*) AS reports, sum(r.status = 'final') AS final,
              sum(r.error_count > 0) AS with_errors, sum(r.warning_count > 0) AS with_warnings
       FROM reports r JOIN units u ON u.id = r.unit_id
       WHERE r.deleted_at IS NULL AND u.deleted_at IS NULL GROUP BY r.year ORDER BY r.year`,
    )
    .all(),
  units: db
    .prepare(
      `SELECT r.unit_id, count(*) AS reports, max(r.updated_at) AS updated FROM reports r JOIN units u ON u.id = r.unit_id
       WHERE r.deleted_at IS NULL AND u.deleted_at IS NULL GROUP BY r.unit_id ORDER BY r.unit_id`,
    )
    .all(),
});
const summary = (db: Db) => ({
  counts: db.prepare('SELECT * FROM year_counts WHERE reports > 0 ORDER BY year').all(),
  units: db.prepare('SELECT unit_id, reports, updated FROM unit_reports ORDER BY unit_id').all(),
});

let store: ArchiveStore;
let clock: ReturnType<typeof manualClock>;
const db = () => store.archive.db;

// Each test has its own archive: eight units over the years, one broken report.
beforeEach(async () => {
  clock = manualClock('2025-03-01T08:00:00Z');
  store = await ArchiveStore.open(join(tempDir(), 'archive.sqlite'), { clock });
  for (let i = 0; i < 8; i++) store.archive.addUnit({ name: name(i), kind: i % 2 ? 'township' : 'department' });
  store.archive.saveMany(
    YEARS.flatMap((y) => Array.from({ length: 8 }, (_, i) => ({ report: i === 2 && y === 2023 ? broken(i, y) : report(i, y) }))),
  );
});
afterEach(() => store.close());

describe('the overview summary (migration 0007)', () => {
  // Each step is one kind of write; after each, the summary equals a fresh count and the page agrees with it.
  const steps: [string, () => void][] = [
    ['a save with errors', () => store.archive.save(broken(4, 2024))],
    ['定稿', () => store.archive.setStatus(name(1), 2024, 'final')],
    ['定稿 with errors confirmed', () => store.archive.setStatus(name(4), 2024, 'final', { confirmErrors: true })],
    ['back to 草稿', () => store.archive.setStatus(name(4), 2024, 'draft')],
    ['a report deleted', () => store.archive.delete(name(3), 2022)],
    ['a report undeleted (the next year is recounted too)', () => store.archive.undelete(name(3), 2022)],
    ['the broken year deleted', () => store.archive.delete(name(2), 2023)],
    ['saving over a deleted report', () => store.archive.save(report(2, 2023))],
    ['a unit deleted', () => store.archive.deleteUnit(name(5))],
    ['a unit undeleted', () => store.archive.undeleteUnit(name(5))],
    ['another unit deleted (it stays deleted)', () => store.archive.deleteUnit(name(6))],
    ['a unit’s kind changed (R11 recounted)', () => store.archive.updateUnit(name(7), { kind: 'government' })],
    ['an earlier revision restored', () => store.archive.restoreRevision(name(4), 2024, 1)],
    ['a new year for some units', () => store.archive.saveMany([0, 1, 2].map((i) => ({ report: report(i, 2025) })))],
  ];
  /** Every step in turn, each checked as it is done. */
  const runSteps = () => {
    for (const [label, write] of steps) {
      clock.advance(60_000);
      write();
      expect(summary(db()), `after ${label}`).toEqual(fresh(db()));
      const page = overviewPage(db(), {}, NOW);
      expect(page.counts, `the page's counts after ${label}`).toEqual(
        fresh(db()).counts.map((c) => {
          const r = c as { year: number; reports: number; final: number; with_errors: number; with_warnings: number };
          return { year: r.year, reports: r.reports, final: r.final, withErrors: r.with_errors, withWarnings: r.with_warnings };
        }),
      );
    }
  };

  it('equals a fresh count after each kind of write, and has counted what the steps did', () => {
    runSteps();
    // The comparison was not between empty tables.
    const counts = summary(db()).counts as { year: number; reports: number; final: number; with_errors: number }[];
    const y2024 = counts.find((c) => c.year === 2024)!;
    expect(y2024.reports).toBe(7); // unit 6 deleted
    expect(y2024.final).toBe(1); // unit 1 (unit 4 went back to 草稿)
    expect(counts.find((c) => c.year === 2025)!.reports).toBe(3);
    expect(summary(db()).units).toHaveLength(7);
  });

  it('sorts by 最近修改 from the summary exactly as by reading every report', () => {
    runSteps();
    const range = overviewDb.reportYearRange(db())!;
    for (const desc of [true, false]) {
      const filter = { name: null, kind: null, parentId: null, unitIds: null, from: range.first, to: range.last };
      const read = overviewDb.matchingUnitIds(db(), filter, 'updated', desc);
      expect(overviewDb.matchingUnitIds(db(), { ...filter, allYears: true }, 'updated', desc)).toEqual(read);
    }
    // The newest write first: the 2025 saves (units 0, 1, 2 in one batch, ties by name), then the restored revision.
    const page = overviewPage(db(), { sort: 'updated', desc: true }, NOW);
    expect(page.units.slice(0, 4).map((u) => u.name)).toEqual([name(0), name(1), name(2), name(4)]);
    // A narrower year range reads the reports of those years only: unit 4's newest write (2024) is outside it.
    const early = overviewPage(db(), { sort: 'updated', desc: true, yearTo: 2023 }, NOW);
    const filter = { name: null, kind: null, parentId: null, unitIds: null, from: range.first, to: 2023 };
    const ids = overviewDb.matchingUnitIds(db(), filter, 'updated', true);
    expect(early.units.map((u) => u.id)).toEqual(ids);
    expect(early.units.map((u) => u.name).indexOf(name(4))).toBeGreaterThan(0);
  });

  it('finds the units with a missing year from the summary exactly as by reading every report', () => {
    runSteps();
    const { first, last } = overviewDb.reportYearRange(db())!;
    store.archive.delete(name(0), 2022); // a gap in the middle, not only a year never written
    const read = overviewDb.statusUnitIds(db(), 'missing', first, last);
    expect(overviewDb.statusUnitIds(db(), 'missing', first, last, true)).toEqual(read);
    // Units 3 to 7 have no 2025 report, unit 0 has lost 2022; unit 6 is deleted; 1 and 2 are complete.
    expect(overviewPage(db(), { status: 'missing' }, NOW).units.map((u) => u.name)).toEqual([0, 3, 4, 5, 7].map(name));
    store.archive.undelete(name(0), 2022);
    expect(overviewPage(db(), { status: 'missing' }, NOW).units.map((u) => u.name)).toEqual([3, 4, 5, 7].map(name));
  });
});

describe('migration 0007 on an archive at version 6', () => {
  it('fills the summary from the reports there, and the triggers keep it from then on', async () => {
    const path = join(tempDir(), 'v6.sqlite');
    const old = await ArchiveStore.open(path, { migrations: MIGRATIONS.slice(0, 6), clock: manualClock('2025-01-01T00:00:00Z') });
    const a = old.archive;
    for (let i = 0; i < 4; i++) a.addUnit({ name: name(i), kind: 'department' });
    a.saveMany(YEARS.flatMap((y) => [0, 1, 2, 3].map((i) => ({ report: i === 1 && y === 2022 ? broken(i, y) : report(i, y) }))));
    a.setStatus(name(0), 2024, 'final');
    a.delete(name(2), 2023);
    a.deleteUnit(name(3));
    old.close();
    const v6 = new Database(path, { readonly: true });
    expect(v6.pragma('user_version', { simple: true })).toBe(6);
    const before = fresh(v6);
    v6.close();

    const store6 = await ArchiveStore.open(path);
    const migrated = store6.archive.db;
    expect(migrated.pragma('user_version', { simple: true })).toBe(7);
    expect(summary(migrated)).toEqual(before);
    expect((before.counts as { with_errors: number }[]).some((c) => c.with_errors > 0)).toBe(true);
    store6.archive.undelete(name(2), 2023);
    store6.archive.save(broken(0, 2021));
    expect(summary(migrated)).toEqual(fresh(migrated));
    store6.close();
  });
});
