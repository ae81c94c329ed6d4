// The 档案 overview as the page asks for it: pages of units, filtered and sorted in SQL, counts per year, on a
// real archive file; `nianbao list` written as it is read; import planning reads the units once per batch.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OverviewPageView } from '../../src/shared/api';
import type { UnitKind } from '../../src/shared/report';
import * as overviewDb from '../../src/main/db/overview';
import { iterateListedReports, type ListedReportRow } from '../../src/main/db/overview';
import { writeList } from '../../src/main/cli/format';
import { countUnits } from '../../src/main/db/units';
import { importFiles } from '../../src/main/services/batch-import';
import { exportReport } from '../../src/main/services/export';
import { overviewPage } from '../../src/main/services/overview';
import type { ArchiveStore } from '../../src/main/services/store';
import { tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const NOW = new Date(2025, 5, 1); // last year: 2024
const YEARS = [2020, 2021, 2022, 2023, 2024];
const KINDS: UnitKind[] = ['department', 'township', 'other'];
const PARENT = '甲市人民政府';
const N = 24;
const name = (i: number) => `单位${String(i).padStart(2, '0')}`;

/** What the test wrote, to compute every expectation from (never from the code under test). */
interface Expected {
  kind: UnitKind;
  parent: string | null;
  years: Map<number, { status: 'draft' | 'final'; errors: boolean }>;
}

let store: ArchiveStore;
const truth = new Map<string, Expected>();

beforeAll(async () => {
  store = await tempStore();
  const a = store.archive;
  a.addUnit({ name: PARENT, kind: 'government' });
  truth.set(PARENT, { kind: 'government', parent: null, years: new Map() });
  const items = [];
  for (let i = 0; i < N; i++) {
    const kind = KINDS[i % 3];
    const parent = i % 4 === 0 ? PARENT : null;
    a.addUnit({ name: name(i), kind, parent });
    const years = new Map<number, { status: 'draft' | 'final'; errors: boolean }>();
    // Unit i skips year 2020 + (i % 7) when i % 7 < 5: gaps to fill.
    for (const y of YEARS) {
      if (i % 7 < 5 && y === 2020 + (i % 7)) continue;
      const r = { ...consistentReport('gov2021', i * 10 + y, y), unit: name(i) };
      const broken = i === 5 && y === 2023;
      if (broken) r.values = { ...r.values, 'requests.total.total': 1 };
      items.push({ report: r });
      years.set(y, { status: 'draft', errors: broken });
    }
    truth.set(name(i), { kind, parent, years });
  }
  a.saveMany(items);
  a.setStatus(name(3), 2024, 'final');
  truth.get(name(3))!.years.get(2024)!.status = 'final';
  // A deleted report and a deleted unit are not in the overview.
  a.delete(name(8), 2022);
  truth.get(name(8))!.years.delete(2022);
  a.deleteUnit(name(9));
  truth.delete(name(9));
});
afterAll(() => store.close());

const page = (q: Parameters<typeof overviewPage>[1] = {}) => overviewPage(store.archive.db, q, NOW);
const names = (p: OverviewPageView) => p.units.map((u) => u.name);
const allNames = () => [...truth.keys()].sort();
const countsOf = (units: string[]) =>
  YEARS.map((year) => {
    const cells = units.map((u) => truth.get(u)!.years.get(year)).filter((c) => c !== undefined);
    return {
      year,
      reports: cells.length,
      final: cells.filter((c) => c.status === 'final').length,
      withErrors: cells.filter((c) => c.errors).length,
      withWarnings: expect.any(Number),
    };
  }).filter((c) => c.reports > 0);

describe('overviewPage', () => {
  it('pages through every unit in name order; each page holds only its units and their reports', () => {
    const first = page({ limit: 10 });
    expect(first.total).toBe(truth.size);
    expect(first.years).toEqual(YEARS);
    const seen: string[] = [];
    for (let offset = 0; offset < first.total; offset += 10) {
      const p = page({ offset, limit: 10 });
      expect(p.offset).toBe(offset);
      expect(p.units.length).toBeLessThanOrEqual(10);
      for (const u of p.units) {
        const t = truth.get(u.name)!;
        expect(u.kind).toBe(t.kind);
        expect(u.parent).toBe(t.parent);
        expect(Object.keys(u.reports).map(Number)).toEqual([...t.years.keys()].sort());
        for (const [y, c] of t.years) expect(u.reports[y]).toMatchObject({ status: c.status, errors: c.errors ? expect.any(Number) : 0 });
      }
      seen.push(...names(p));
    }
    expect(seen).toEqual(allNames());
    expect(page({ offset: 1000 }).units).toEqual([]);
  });

  it('counts reports per year among the matching units', () => {
    expect(page().counts).toEqual(countsOf(allNames()));
    const departments = allNames().filter((n) => truth.get(n)!.kind === 'department');
    const p = page({ kind: 'department' });
    expect(names(p)).toEqual(departments);
    expect(p.total).toBe(departments.length);
    expect(p.counts).toEqual(countsOf(departments));
  });

  it('counts the same unit by unit (few matching units) as in one pass over the reports (many)', () => {
    const db = store.archive.db;
    for (const kind of [null, 'department'] as const) {
      const filter = { name: null, kind, parentId: null, unitIds: null, from: 2020, to: 2024 };
      const ids = overviewDb.matchingUnitIds(db, filter, 'name', false);
      expect(overviewDb.yearCountsOfUnits(db, ids, 2020, 2024)).toEqual(overviewDb.overviewYearCounts(db, filter));
    }
  });

  it('filters by name text, kind, parent, status and year range', () => {
    expect(names(page({ name: '单位1' }))).toEqual(allNames().filter((n) => n.includes('单位1')));
    expect(names(page({ name: ' 位0 ' }))).toEqual(allNames().filter((n) => n.includes('位0')));
    expect(names(page({ parent: PARENT }))).toEqual(allNames().filter((n) => truth.get(n)!.parent === PARENT));
    expect(names(page({ status: 'errors' }))).toEqual([name(5)]);
    expect(names(page({ status: 'errors', yearFrom: 2024 }))).toEqual([]);
    expect(names(page({ status: 'final' }))).toEqual([name(3)]);
    const missing = (from: number, to: number) =>
      allNames().filter((n) => YEARS.filter((y) => y >= from && y <= to).some((y) => !truth.get(n)!.years.has(y)));
    expect(names(page({ status: 'missing' }))).toEqual(missing(2020, 2024));
    expect(names(page({ status: 'missing', yearFrom: 2023, yearTo: 2024 }))).toEqual(missing(2023, 2024));
    const ranged = page({ yearFrom: 2022, yearTo: 2023 });
    expect(ranged.years).toEqual([2022, 2023]);
    expect(ranged.counts.map((c) => c.year)).toEqual([2022, 2023]);
    expect(page({ name: '没有这个单位' })).toMatchObject({ total: 0, units: [], counts: [] });
    expect(() => page({ parent: '没有的上级' })).toThrow('档案中没有上级单位“没有的上级”');
  });

  it('sorts on the server: by kind, by errors, descending', () => {
    expect(names(page({ sort: 'name', desc: true }))).toEqual(allNames().reverse());
    const byKind = names(page({ sort: 'kind' }));
    expect(byKind).toEqual([...allNames()].sort((x, y) => truth.get(x)!.kind.localeCompare(truth.get(y)!.kind) || x.localeCompare(y)));
    expect(names(page({ sort: 'errors', desc: true, limit: 1 }))).toEqual([name(5)]);
    // Paging a sorted list: the pages join to the whole list.
    const pages = [0, 7, 14, 21].flatMap((offset) => names(page({ sort: 'kind', offset, limit: 7 })));
    expect(pages).toEqual(byKind);
  });

  it('columns run to last year even before its reports come in', () => {
    expect(overviewPage(store.archive.db, {}, new Date(2027, 0, 1)).years).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
  });

  it('recounts after a write (the remembered counts are dropped)', () => {
    const before = page().counts.find((c) => c.year === 2024)!.final;
    store.archive.setStatus(name(6), 2024, 'final');
    expect(page().counts.find((c) => c.year === 2024)!.final).toBe(before + 1);
    store.archive.setStatus(name(6), 2024, 'draft');
    expect(page().counts.find((c) => c.year === 2024)!.final).toBe(before);
  });

  it('runs the same statements for a page of 2 units as for 20 (no query per unit)', () => {
    const db = store.archive.db;
    const spy = vi.spyOn(db, 'prepare');
    // Two filters that match every unit, so neither answer is the other's remembered one.
    page({ limit: 2, name: '单位' });
    const few = spy.mock.calls.length;
    spy.mockClear();
    page({ limit: 20, name: '位' });
    expect(spy.mock.calls.length).toBe(few);
    spy.mockRestore();
    // Units with their parents: one query, however many units.
    const spy2 = vi.spyOn(db, 'prepare');
    expect(store.archive.listUnits().find((u) => u.name === name(0))!.parent).toBe(PARENT);
    expect(spy2).toHaveBeenCalledTimes(1);
    spy2.mockRestore();
  });
});

describe('nianbao list', () => {
  it('writes each chunk while the rows are still being read', () => {
    const total = 10_000;
    let read = 0;
    const readAtWrite: number[] = [];
    function* rows(): Generator<ListedReportRow> {
      for (let i = 0; i < total; i++) {
        read++;
        yield {
          unit: `单位${Math.floor(i / 20)}`,
          year: 2005 + (i % 20),
          template: 'gov2021',
          status: 'draft',
          error_count: 0,
          warning_count: i % 3,
        };
      }
    }
    const chunks: string[] = [];
    writeList(
      rows(),
      true,
      (c) => (chunks.push(c), readAtWrite.push(read)),
      () => 500,
    );
    expect(chunks.length).toBeGreaterThan(2);
    expect(readAtWrite[0]).toBeLessThan(total);
    const lines = chunks.join('').trim().split('\n');
    expect(lines).toHaveLength(total);
    expect(JSON.parse(lines[41])).toEqual({ unit: '单位2', year: 2006, status: 'draft', template: 'gov2021', errors: 0, warnings: 41 % 3 });
  });

  it('lists the archive in name and year order, with the total', () => {
    let out = '';
    writeList(
      iterateListedReports(store.archive.db),
      false,
      (c) => (out += c),
      () => countUnits(store.archive.db),
    );
    const lines = out.trim().split('\n');
    const expected = allNames().flatMap((n) => [...truth.get(n)!.years.keys()].sort().map((y) => `${n}\t${y}`));
    expect(lines.slice(1, -1).map((l) => l.split('\t').slice(0, 2).join('\t'))).toEqual(expected);
    expect(lines.at(-1)).toBe(`共 ${truth.size} 个单位、${expected.length} 份报告（2020–2024 年）`);
  });
});

describe('import planning', () => {
  it('reads the units once per batch, not per file', async () => {
    const dir = tempDir('nianbao-overview-import-');
    const files: string[] = [];
    // Workbooks of existing units for a year the archive lacks: planning looks each unit up (kind, deleted or not).
    for (const i of [0, 1, 2, 3, 4, 6]) {
      const file = join(dir, `${i}.xlsx`);
      await exportReport(store.archive, name(i), Math.max(...truth.get(name(i))!.years.keys()), file);
      files.push(file);
    }
    const db = store.archive.db;
    const spy = vi.spyOn(db, 'prepare');
    const results = await importFiles(store.archive, files, { dryRun: true, overrides: { year: 2025 } });
    // Whole-table reads of units (keyed lookups by name or id are fine).
    const unitScans = spy.mock.calls.map(([sql]) => sql).filter((sql) => /FROM units/.test(sql) && !/WHERE (u\.)?(name|id) = \?/.test(sql));
    spy.mockRestore();
    expect(results.map((r) => r.status)).toEqual(files.map(() => 'ready'));
    expect(unitScans).toEqual(['SELECT name, kind, deleted_at FROM units']);
  });
});
