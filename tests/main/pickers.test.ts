// The small answers the pages other than 档案 ask for (issue 11): the year list, units found by name for a picker
// (filtered by a year's report, by having reports, parents only, a parent's units, with their years), the unit
// tree with one year's state, and the flat export's counts — on a real archive file, every expectation worked out
// from what the test wrote. Through `dispatch`, as the IPC and the bridge call them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import { archiveYears, findUnits, reportCounts, unitTree } from '../../src/main/services/pickers';
import type { ArchiveStore } from '../../src/main/services/store';
import { emptyReport, type Report } from '../../src/shared/report';
import { tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const TOP = '甲市人民政府';
const SUB = '甲市乙区人民政府';
const N = 60;
const name = (i: number) => `甲市单位${String(i).padStart(2, '0')}`;
/** Unit i's parent: the first 30 under TOP, the next 20 under SUB, the rest none. */
const parentOf = (i: number) => (i < 30 ? TOP : i < 50 ? SUB : null);
/** Unit i's report years: 2017, 2018 (legacy form) for every third unit, 2023 for even ones, 2024 for all but 7s. */
const yearsOf = (i: number) => [...(i % 3 === 0 ? [2017, 2018] : []), ...(i % 2 === 0 ? [2023] : []), ...(i % 7 === 0 ? [] : [2024])];

let store: ArchiveStore;
const db = () => store.archive.db;
const live = new Map<string, number[]>();

beforeAll(async () => {
  store = await tempStore();
  const a = store.archive;
  a.addUnit({ name: TOP, kind: 'government' });
  a.addUnit({ name: SUB, kind: 'government', parent: TOP });
  const items: { report: Report }[] = [];
  for (let i = 0; i < N; i++) {
    a.addUnit({ name: name(i), kind: i % 2 ? 'township' : 'department', parent: parentOf(i) });
    for (const y of yearsOf(i))
      items.push({
        report:
          y <= 2018
            ? { ...emptyReport('legacy', name(i), y), legacy: [{ label: '主动公开信息', unit: '条', this_year: i, cumulative: null }] }
            : { ...consistentReport('gov2021', i * 100 + y, y), unit: name(i) },
      });
    live.set(name(i), yearsOf(i));
  }
  const broken = { ...consistentReport('gov2021', 7777, 2024), unit: name(4) };
  broken.values = { ...broken.values, 'requests.total.total': 1 };
  items.push({ report: broken });
  a.saveMany(items);
  a.setStatus(name(2), 2024, 'final');
  // A deleted report and a deleted unit are offered nowhere.
  a.delete(name(6), 2024);
  live.set(name(6), [2017, 2018, 2023]);
  a.deleteUnit(name(5));
  live.delete(name(5));
  live.set(TOP, []);
  live.set(SUB, []);
});
afterAll(() => store.close());

/** SQLite's order of names: by code point (UTF-8 bytes), not by 拼音. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('archive.years', () => {
  it('lists the years with a live report, oldest first', () => {
    const years = [...new Set([...live.values()].flat())].sort((a, b) => a - b);
    expect(archiveYears(db())).toEqual(years);
  });
});

describe('units.find', () => {
  it('finds units by part of the name, in name order, at most the limit, saying when there are more', () => {
    const all = [...live.keys()].filter((n) => n.includes('单位0')).sort(byCode);
    const first = findUnits(db(), { text: '单位0', limit: 5 });
    expect(first.units.map((u) => u.name)).toEqual(all.slice(0, 5));
    expect(first.more).toBe(true);
    const every = findUnits(db(), { text: ' 单位0 ', limit: 100 });
    expect(every.units.map((u) => u.name)).toEqual(all);
    expect(every.more).toBe(false);
    expect(findUnits(db(), { text: '没有的名字' })).toEqual({ units: [], more: false });
  });

  it('answers at most 50 by default, and the whole name alone with exact', () => {
    expect(findUnits(db(), {}).units).toHaveLength(50);
    const one = findUnits(db(), { text: name(12), exact: true });
    expect(one.units).toEqual([{ id: expect.any(Number), name: name(12), kind: 'department', parent: TOP, code: null }]);
    expect(findUnits(db(), { text: '单位12', exact: true }).units).toEqual([]);
  });

  it('with a year: only units with a live report of it, each with its state and counts', () => {
    const expected = [...live.entries()]
      .filter(([, ys]) => ys.includes(2024))
      .map(([n]) => n)
      .sort(byCode);
    const found = findUnits(db(), { year: 2024, limit: 500 }).units;
    expect(found.map((u) => u.name)).toEqual(expected);
    const of = (n: string) => found.find((u) => u.name === n)!.report!;
    expect(of(name(2)).status).toBe('final');
    expect(of(name(1)).status).toBe('draft');
    expect(of(name(4)).errors).toBeGreaterThan(0);
    expect(of(name(1)).errors).toBe(0);
    expect(found.every((u) => u.report)).toBe(true);
    expect(findUnits(db(), { year: 2024, text: name(6), exact: true }).units).toEqual([]);
  });

  it('parents only (top units first), a parent’s units, units with reports and their years', () => {
    expect(findUnits(db(), { parents: true }).units.map((u) => u.name)).toEqual([TOP, SUB]);
    const under = findUnits(db(), { parent: SUB, limit: 500 }).units.map((u) => u.name);
    expect(under).toEqual(
      Array.from({ length: N }, (_, i) => i)
        .filter((i) => parentOf(i) === SUB)
        .map(name),
    );
    expect(findUnits(db(), { parent: '没有的上级' })).toEqual({ units: [], more: false });
    const withReports = findUnits(db(), { hasReports: true, withYears: true, limit: 500 }).units;
    expect(withReports.map((u) => u.name)).toEqual(
      [...live.entries()]
        .filter(([, ys]) => ys.length)
        .map(([n]) => n)
        .sort(byCode),
    );
    for (const u of withReports) expect(u.years).toEqual([...live.get(u.name)!].sort((a, b) => b - a));
  });

  it('is wired to the channel and checks its arguments', async () => {
    const handlers = createHandlers(store, { kind: 'browser' } as never);
    const ok = await dispatch(handlers, 'units.find', { text: name(3), exact: true });
    expect(ok).toEqual({ ok: true, value: { units: [expect.objectContaining({ name: name(3) })], more: false } });
    const bad = await dispatch(handlers, 'units.find', { limit: 0 });
    expect(bad.ok).toBe(false);
  });
});

describe('units.tree', () => {
  it('lists every unit with its parent, its number of reports and its state of the year', () => {
    const tree = unitTree(db(), 2024);
    expect(tree.map((u) => u.name)).toEqual([...live.keys()].sort(byCode));
    for (const u of tree) {
      expect(u.reports).toBe(live.get(u.name)!.length);
      const i = Number(u.name.slice(-2));
      if (u.name === TOP || u.name === SUB) expect(u.parent).toBe(u.name === SUB ? TOP : null);
      else expect(u.parent).toBe(parentOf(i));
      expect(u.status).toBe(u.name === name(2) ? 'final' : live.get(u.name)!.includes(2024) ? 'draft' : null);
      expect(u.previous).toBe(live.get(u.name)!.includes(2023) ? 'draft' : null);
    }
  });

  it('leaves the counts out when asked, with the same units and states', () => {
    const full = unitTree(db(), 2024);
    const light = unitTree(db(), 2024, false);
    expect(light).toEqual(full.map(({ reports, ...u }) => (void reports, u)));
    expect(light.some((u) => 'reports' in u)).toBe(false);
  });

  it('changes when the archive does', () => {
    expect(unitTree(db(), 2023).find((u) => u.name === name(8))!.status).toBe('draft');
    store.archive.delete(name(8), 2023);
    expect(unitTree(db(), 2023).find((u) => u.name === name(8))!.status).toBeNull();
    expect(archiveYears(db())).toContain(2023);
    store.archive.undelete(name(8), 2023);
    expect(unitTree(db(), 2023).find((u) => u.name === name(8))!.status).toBe('draft');
  });
});

describe('export.counts', () => {
  it('counts live reports and those of the legacy form', () => {
    const years = [...live.values()].flat();
    expect(reportCounts(db())).toEqual({ reports: years.length, legacy: years.filter((y) => y <= 2018).length });
  });
});
