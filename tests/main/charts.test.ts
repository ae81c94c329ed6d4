// The chart series on a real archive: the numbers are the stored reports' (the 2019 and 2021 formats each with
// their own cells), a year without a number is a gap (null), rates are computed from the sums.
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import { regionCharts, unitCharts } from '../../src/main/collect/charts';
import { CHART_GROUPS, type ChartsView } from '../../src/shared/api';
import { emptyReport, NOT_APPLICABLE, type Report } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';
import { tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const UNIT = '某县教育局';
const num = (r: Report, key: string) => r.values[key] as number;
/** The 总计 column of the rows under a 办理结果 heading, read from the template (not from the service). */
const outcome = (r: Report, row: string) =>
  getTemplate(r.template)
    .cells.filter((c) => c.table === 'requests' && c.colKey === 'total' && (c.rowKey === row || c.rowKey.startsWith(`${row}.`)))
    .reduce((s, c) => s + num(r, c.key), 0);
const at = (v: ChartsView, year: number) => v.years.find((y) => y.year === year)!.values;

describe('charts of a unit', () => {
  it('shows each year the stored figures, with gaps for the 旧表样, a missing year and a blank cell', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: UNIT, kind: 'department' });
    a.save({
      ...emptyReport('legacy', UNIT, 2017),
      legacy: [{ label: '收到政府信息公开申请数', unit: '件', this_year: 3, cumulative: null }],
    });
    const r2019 = { ...consistentReport('gov2019', 3, 2019), unit: UNIT };
    const r2021 = { ...consistentReport('gov2021', 4, 2021), unit: UNIT };
    const r2022 = { ...consistentReport('gov2021', 5, 2022), unit: UNIT };
    r2022.values['requests.new.natural_person'] = null;
    r2022.values['appeals.review.corrected'] = NOT_APPLICABLE;
    for (const r of [r2019, r2021, r2022]) a.save(r);

    const v = unitCharts(a, UNIT);
    expect(v.years.map((y) => y.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022]);
    expect(v.years.map((y) => y.templates)).toEqual([['legacy'], [], ['gov2019'], [], ['gov2021'], ['gov2021']]);
    for (const year of [2017, 2018, 2020]) for (const value of Object.values(at(v, year))) expect(value).toBeNull();
    expect(v.notes.join('\n')).toMatch(/2017 年的报告为旧表样/);
    expect(v.notes.join('\n')).toMatch(/2018、2020 年没有报告/);

    for (const [year, r] of [
      [2019, r2019],
      [2021, r2021],
    ] as const) {
      const y = at(v, year);
      expect(y.new_natural_person).toBe(num(r, 'requests.new.natural_person'));
      expect(y.new_legal).toBe(
        ['commercial', 'research', 'social_org', 'legal_service', 'other_org'].reduce((s, c) => s + num(r, `requests.new.${c}`), 0),
      );
      expect(y.new_total).toBe(num(r, 'requests.new.total'));
      expect(y.granted).toBe(num(r, 'requests.granted.total'));
      expect(y.partial).toBe(num(r, 'requests.partial.total'));
      for (const row of ['withheld', 'unavailable', 'not_processed', 'other'] as const) expect(y[row]).toBe(outcome(r, row));
      expect(y.outcome_total).toBe(num(r, 'requests.total.total'));
      const total = num(r, 'requests.total.total');
      expect(y.share_granted).toBeCloseTo((num(r, 'requests.granted.total') / total) * 100, 1);
      expect(y.share_withheld).toBeCloseTo((outcome(r, 'withheld') / total) * 100, 1);
      expect(y.review).toBe(num(r, 'appeals.review.total'));
      const decided = num(r, 'appeals.review.total') - num(r, 'appeals.review.pending');
      expect(y.review_rate).toBe(decided ? Math.round((num(r, 'appeals.review.corrected') / decided) * 1000) / 10 : null);
    }
    // 2019's （六）其他处理 is one row; 2021's three rows add up.
    expect(at(v, 2019).other).toBe(num(r2019, 'requests.other.total'));
    expect(at(v, 2021).other).toBe(
      num(r2021, 'requests.other.no_correction.total') +
        num(r2021, 'requests.other.no_fee.total') +
        num(r2021, 'requests.other.other.total'),
    );
    // A blank cell is a gap, not 0; 不适用 in a rate's part leaves the rate without a number.
    expect(at(v, 2022).new_natural_person).toBeNull();
    expect(at(v, 2022).new_total).toBe(num(r2022, 'requests.new.total'));
    expect(at(v, 2022).review_rate).toBeNull();
    expect(at(v, 2022).review).toBe(num(r2022, 'appeals.review.total'));
    store.close();
  });

  it('takes its labels from the template, every series of the contract once', async () => {
    const store = await tempStore();
    store.archive.addUnit({ name: UNIT, kind: 'department' });
    const v = unitCharts(store.archive, UNIT);
    expect(v.years).toEqual([]);
    expect(v.series.map((s) => s.id)).toEqual(Object.values(CHART_GROUPS).flat());
    const label = (id: string) => v.series.find((s) => s.id === id)!.label;
    expect(label('new_natural_person')).toBe('自然人');
    expect(label('new_legal')).toBe('法人或其他组织');
    expect(label('granted')).toBe('（一）予以公开');
    expect(label('partial')).toBe('（二）部分公开');
    expect(label('review')).toBe('行政复议');
    expect(v.titles.applications).toBe('一、本年新收政府信息公开申请数量');
    expect(v.series.find((s) => s.id === 'share_granted')!.formula).toBe('（一）予以公开 ÷ （七）总计');
    store.close();
  });

  it('leaves a share without a base (no requests at all) as a gap', async () => {
    const store = await tempStore();
    const a = store.archive;
    const r = { ...emptyReport('gov2021', UNIT, 2023) };
    for (const c of getTemplate('gov2021').cells) r.values[c.key] = 0;
    a.save(r);
    const y = at(unitCharts(a, UNIT), 2023);
    expect(y.granted).toBe(0);
    expect(y.outcome_total).toBe(0);
    expect(y.share_granted).toBeNull();
    expect(y.review_rate).toBeNull();
    store.close();
  });
});

describe('charts of a 全区', () => {
  it('sums the units under the parent cell by cell and computes the rates from the sums', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: '某县人民政府', kind: 'government' });
    const names = ['某县教育局', '某县公安局', '某县民政局'];
    for (const n of names) a.addUnit({ name: n, kind: 'department', parent: '某县人民政府' });
    a.addUnit({ name: '他县教育局', kind: 'department' });
    const reports: Report[] = [];
    names.forEach((n, i) => {
      for (const year of [2023, 2024])
        if (!(i === 2 && year === 2023)) reports.push({ ...consistentReport('gov2021', 10 * i + year, year), unit: n });
    });
    // The parent's own report and another county's unit are not in the sum.
    reports.push({ ...consistentReport('gov2021', 99, 2024), unit: '某县人民政府' });
    reports.push({ ...consistentReport('gov2021', 98, 2024), unit: '他县教育局' });
    for (const r of reports) a.save(r);

    const v = regionCharts(a, '某县人民政府');
    expect(v.units).toBe(3);
    expect(v.years.map((y) => [y.year, y.reports])).toEqual([
      [2023, 2],
      [2024, 3],
    ]);
    for (const year of [2023, 2024]) {
      const mine = reports.filter((r) => r.year === year && names.includes(r.unit!));
      const sum = (key: string) => mine.reduce((s, r) => s + num(r, key), 0);
      const y = at(v, year);
      expect(y.new_total).toBe(sum('requests.new.total'));
      expect(y.granted).toBe(sum('requests.granted.total'));
      expect(y.withheld).toBe(mine.reduce((s, r) => s + outcome(r, 'withheld'), 0));
      expect(y.share_partial).toBe(Math.round((sum('requests.partial.total') / sum('requests.total.total')) * 1000) / 10);
      expect(y.litigation_direct).toBe(sum('appeals.litigation_direct.total'));
      const corrected = sum('appeals.litigation_direct.corrected') + sum('appeals.litigation_after_review.corrected');
      const decided =
        sum('appeals.litigation_direct.total') -
        sum('appeals.litigation_direct.pending') +
        sum('appeals.litigation_after_review.total') -
        sum('appeals.litigation_after_review.pending');
      expect(y.litigation_rate).toBe(Math.round((corrected / decided) * 1000) / 10);
    }
    expect(v.notes[0]).toContain('3 个下级单位');
    // A deleted report leaves the sum.
    a.delete(names[1], 2024);
    const after = at(regionCharts(a, '某县人民政府'), 2024);
    expect(after.granted).toBe(
      at(v, 2024).granted! -
        num(
          reports.find((r) => r.unit === names[1] && r.year === 2024)!,
          'requests.granted.total',
        ),
    );
    store.close();
  });

  it('refuses a unit without units under it, in Chinese', async () => {
    const store = await tempStore();
    store.archive.addUnit({ name: UNIT, kind: 'department' });
    expect(() => regionCharts(store.archive, UNIT)).toThrow(/没有下级单位/);
    store.close();
  });
});

describe('charts channels', () => {
  it('checks the arguments and answers with typed errors in Chinese', async () => {
    const store = await tempStore();
    const handlers = createHandlers(store, {
      kind: 'browser',
      openFiles: async () => [],
      saveFile: async () => null,
      chooseFolder: async () => null,
      showInFolder: () => undefined,
      printToPdf: null,
    });
    store.archive.addUnit({ name: '某县人民政府', kind: 'government' });
    store.archive.addUnit({ name: UNIT, kind: 'department', parent: '某县人民政府' });
    store.archive.save({ ...consistentReport('gov2021', 7, 2024), unit: UNIT });

    const unit = await dispatch(handlers, 'charts.unit', { unit: UNIT });
    expect(unit.ok && (unit.value as ChartsView).years.map((y) => y.year)).toEqual([2024]);
    const region = await dispatch(handlers, 'charts.region', { parent: '某县人民政府' });
    expect(region.ok && (region.value as ChartsView).years[0].reports).toBe(1);

    const empty = await dispatch(handlers, 'charts.unit', { unit: '' });
    expect(empty.ok).toBe(false);
    const unknown = await dispatch(handlers, 'charts.unit', { unit: '不存在的单位' });
    expect(!unknown.ok && unknown.error.kind).toBe('not_found');
    const leaf = await dispatch(handlers, 'charts.region', { parent: UNIT });
    expect(!leaf.ok && leaf.error).toEqual({ kind: 'input', message: expect.stringContaining('没有下级单位') });
    store.close();
  });
});
