// The collecting office's services on a real archive: outliers and their guards, days left in local time,
// blank and 不适用 in the 汇总, reports changed after the 全区 report, unit lists with problems.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { board } from '../../src/main/collect/board';
import { findOutliers, type UnitCells } from '../../src/main/collect/outliers';
import { summarize } from '../../src/main/collect/summary';
import { importUnits } from '../../src/main/collect/unit-import';
import { errorsWorkbook } from '../../src/main/collect/workbooks';
import { InputError } from '../../src/main/errors';
import { getTemplate } from '../../src/shared/template';
import { manualClock, tempDir, tempStore } from '../helpers/archive';
import { PARENT, reportOf } from '../helpers/collect';
import { consistentReport } from '../helpers/random-report';

const T = getTemplate('gov2021');
const COUNT = 'proactive.licensing.decisions';

async function county(n: number) {
  const store = await tempStore();
  const a = store.archive;
  a.addUnit({ name: PARENT, kind: 'government' });
  const names = Array.from({ length: n }, (_, i) => `某县第${i + 1}局`);
  for (const name of names) a.addUnit({ name, kind: 'department', parent: PARENT });
  return { store, a, names };
}

describe('outliers among peers and years', () => {
  it('flags a jump, a 0 among high peers and 不适用 among numbers, with the numbers', async () => {
    const { a, names } = await county(8);
    for (const [i, name] of names.entries()) {
      const prev = reportOf(name, 10 + i, 2023);
      const cur = reportOf(name, 10 + i, 2024);
      prev.values[COUNT] = 100 + i;
      cur.values[COUNT] = 100 + i;
      a.save(prev);
      if (name === names[0]) cur.values[COUNT] = 1000; // 10× last year
      if (name === names[1]) cur.values[COUNT] = 0; // peers' median is over 100
      if (name === names[2]) cur.values['proactive.penalty.decisions'] = '不适用';
      a.save(cur);
    }
    const b = board(a, { year: 2024, parent: PARENT });
    const of = (name: string) =>
      b.rows.find((r) => r.unit.name === name)!.outliers.filter((o) => o.key === COUNT || o.key === 'proactive.penalty.decisions');
    expect(of(names[0])).toEqual([
      expect.objectContaining({ kind: 'jump', value: 1000, message: expect.stringContaining('本年 1000，上年 100，是上年的 10.0 倍') }),
    ]);
    const zero = of(names[1]);
    expect(zero.map((o) => o.kind).sort()).toEqual(['jump', 'zero']);
    expect(zero.find((o) => o.kind === 'zero')!.message).toMatch(/填 0，而同级 7 个单位的中位数为 10\d/);
    expect(of(names[2])).toEqual([
      expect.objectContaining({ kind: 'not_applicable', message: expect.stringContaining('同级 7 个填报单位中有 7 个填了数字') }),
    ]);
    for (const name of names.slice(3)) expect(of(name)).toEqual([]);
    expect(b.outlierCount).toBe(b.rows.reduce((n, r) => n + r.outliers.length, 0));
    expect(board(a, { year: 2024, parent: PARENT, outliers: false }).outlierCount).toBe(0);
  });

  it('keeps small numbers and small samples quiet', () => {
    const cells = T.cells.filter((c) => c.key === COUNT);
    const units = (vals: number[]) => new Map<number, UnitCells>(vals.map((v, i) => [i, [v]]));
    // 2 → 15 is more than 5×, but both are small.
    expect(findOutliers(cells, units([15]), units([2])).size).toBe(0);
    expect(findOutliers(cells, units([25]), units([2])).get(0)?.[0].kind).toBe('jump');
    // A 0 among four high peers: too few to say.
    expect(findOutliers(cells, units([0, 500, 600, 700, 800]), new Map()).size).toBe(0);
    expect(findOutliers(cells, units([0, 500, 600, 700, 800, 900]), new Map()).get(0)?.[0].kind).toBe('zero');
    // Peers whose median is low: a 0 is ordinary.
    expect(findOutliers(cells, units([0, 0, 3, 5, 1, 2, 40]), new Map()).size).toBe(0);
  });
});

describe('the board', () => {
  it('counts days to the legal deadline from the local date, by kind', async () => {
    const { a } = await county(1);
    a.addUnit({ name: '某县某街道', kind: 'township', parent: PARENT });
    a.addUnit({ name: '某县下属政府', kind: 'government', parent: PARENT });
    a.addUnit({ name: '某县某中心', kind: 'other', parent: PARENT });
    // 2025-01-20 20:00 UTC is 2025-01-21 in Beijing; the local date depends on TZ, so compute it the same way.
    const clock = manualClock('2025-01-20T20:00:00Z');
    const d = clock.now();
    const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const b = board(a, { year: 2024, parent: PARENT, clock });
    expect(b.today).toBe(local);
    const day = Number(local.slice(8));
    const row = (n: string) => b.rows.find((r) => r.unit.name === n)!;
    expect(row('某县第1局')).toMatchObject({ deadline: '2025-01-31', daysLeft: 31 - day, state: 'missing' });
    expect(row('某县某街道')).toMatchObject({ deadline: '2025-01-31', daysLeft: 31 - day });
    expect(row('某县下属政府')).toMatchObject({ deadline: '2025-03-31', daysLeft: 31 - day + 28 + 31 });
    expect(row('某县某中心')).toMatchObject({ deadline: null, daysLeft: null });
    clock.set('2025-02-03T04:00:00Z');
    expect(board(a, { year: 2024, parent: PARENT, clock }).rows.find((r) => r.unit.name === '某县第1局')!.daysLeft).toBe(-3);
    expect(() => board(a, { year: 2024, parent: '没有这个单位' })).toThrow('档案中没有单位“没有这个单位”');
    expect(() => summarize(a, { year: 2024, parent: '某县第1局' })).toThrow('“某县第1局”没有下级单位，无法汇总');
    expect(board(a, { year: 2024, parent: '某县第1局' }).rows).toEqual([]);
  });
});

describe('the 汇总', () => {
  it('sums numbers only, counts who reported, lists 不适用 and blank units, leaves other formats out', async () => {
    const { a, names } = await county(4);
    const key = 'proactive.fees.amount';
    const rs = names.map((n, i) => reportOf(n, 40 + i));
    rs[0].values[key] = 0.1;
    rs[1].values[key] = 0.2;
    rs[2].values[key] = '不适用';
    rs[3].values[key] = null;
    rs[0].values[COUNT] = '不适用';
    rs[1].values[COUNT] = '不适用';
    rs[2].values[COUNT] = null;
    rs[3].values[COUNT] = null;
    rs.forEach((r) => a.save(r));
    a.addUnit({ name: '某县旧表样局', kind: 'department', parent: PARENT });
    a.save({ ...consistentReport('gov2019', 9, 2024), unit: '某县旧表样局' });
    const s = summarize(a, { year: 2024, parent: PARENT });
    const cell = (k: string) => s.cells.find((c) => c.key === k)!;
    expect(cell(key)).toMatchObject({ value: 0.3, reported: 2, notApplicable: [names[2]], blank: [names[3]] });
    expect(cell(COUNT)).toMatchObject({ value: '不适用', reported: 0, units: [] });
    expect(s.excluded).toEqual([{ unit: '某县旧表样局', reason: expect.stringContaining('未计入') }]);
    expect(s.report.sections.overall).toContain('表样不同、未计入的单位：某县旧表样局');
    expect(s.included).toEqual(names);
  });

  it('names the included units whose reports still have errors, whose broken totals the sum carries', async () => {
    const { a, names } = await county(3);
    const rs = names.map((n, i) => reportOf(n, 60 + i));
    rs[1].values['requests.total.total'] = (rs[1].values['requests.total.total'] as number) + 7;
    rs.forEach((r) => a.save(r));
    const s = summarize(a, { year: 2024, parent: PARENT });
    expect(s.included).toEqual(names);
    expect(s.failing).toEqual([names[1]]);
    // Why it matters: the 全区 total is off by the unit's 7, an error in the 全区 report too.
    const sum = (k: string) => rs.reduce((t, r) => t + (r.values[k] as number), 0);
    expect(s.report.values['requests.total.total']).toBe(sum('requests.total.total'));
    const parts = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org'];
    expect(sum('requests.total.total')).toBe(parts.reduce((t, p) => t + sum(`requests.total.${p}`), 0) + 7);
  });

  it('names the units changed after the 全区 report was saved', async () => {
    const clock = manualClock('2025-02-01T08:00:00Z');
    const store = await tempStore(clock);
    const a = store.archive;
    a.addUnit({ name: PARENT, kind: 'government' });
    for (const n of ['甲局', '乙局']) a.addUnit({ name: n, kind: 'department', parent: PARENT });
    a.save(reportOf('甲局', 1));
    a.save(reportOf('乙局', 2));
    clock.advance(60_000);
    a.save({ ...summarize(a, { year: 2024, parent: PARENT }).report, unit: PARENT });
    clock.advance(60_000);
    const changed = reportOf('乙局', 2);
    changed.values['proactive.penalty.decisions'] = (changed.values['proactive.penalty.decisions'] as number) + 7;
    a.save(changed);
    const c = summarize(a, { year: 2024, parent: PARENT, compare: PARENT }).comparison!;
    expect(c.differences).toEqual([
      expect.objectContaining({
        key: 'proactive.penalty.decisions',
        difference: -7,
        suspects: [expect.objectContaining({ unit: '乙局', why: '全区报告保存之后，该单位的报告又修改过' })],
      }),
    ]);
    expect(() => summarize(a, { year: 2024, parent: PARENT, compare: '甲局' })).not.toThrow();
    expect(() => summarize(a, { year: 2023, parent: PARENT, compare: PARENT })).toThrow('档案中没有“某县人民政府”2023 年的报告');
  });
});

describe('unit lists', () => {
  const list = async (rows: unknown[][]) => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRows(rows);
    const p = join(tempDir(), 'units.xlsx');
    await wb.xlsx.writeFile(p);
    return p;
  };

  it('takes children before their parent, updates kind and parent, and refuses problems with their rows', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: '甲局', kind: 'other' });
    const ok = await importUnits(
      a,
      await list([
        ['单位名称', '单位类型', '上级单位', '单位代码'],
        ['甲局', '部门', '某县 人民政府', 'A1'],
        ['某县人民政府', '人民政府', '', ''],
      ]),
    );
    expect(ok.applied).toBe(true);
    expect(ok.rows.map((r) => [r.name, r.action, r.parent])).toEqual([
      ['甲局', 'update', '某县人民政府'],
      ['某县人民政府', 'add', null],
    ]);
    expect(ok.notes).toContain('名单 第 2 行上级单位“某县 人民政府”按“某县人民政府”处理');
    expect(a.unit('甲局')).toMatchObject({ kind: 'department', parent: '某县人民政府', code: 'A1' });

    const before = a.listUnits();
    const bad = await list([
      ['名称', '类型', '上级'],
      ['乙局', '局', '某县人民政府'],
      ['丙局', '部门', '某市人民政府'],
      ['丁局', '部门', '戊局'],
      ['戊局', '部门', '丁局'],
      ['', '部门', ''],
      ['己局', '部门', '某县人民政府'],
    ]);
    const e = await importUnits(a, bad).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    const msg = (e as Error).message;
    expect(msg).toContain('有 5 处问题，没有导入任何单位');
    expect(msg).toContain('名单 第 2 行：未知的单位类型“局”');
    expect(msg).toContain('名单 第 3 行“丙局”的上级单位“某市人民政府”既不在名单中，也不在档案中');
    expect(msg).toContain('名单 第 4 行“丁局”的上级关系形成循环');
    expect(msg).toContain('名单 第 6 行：没有单位名称');
    expect(a.listUnits()).toEqual(before);

    await expect(
      importUnits(
        a,
        await list([
          ['甲', '乙'],
          [1, 2],
        ]),
      ),
    ).rejects.toThrow('没有找到单位名单的表头');
  });

  it('reads the unit types as district offices write them', async () => {
    const store = await tempStore();
    const a = store.archive;
    const view = await importUnits(
      a,
      await list([
        ['单位名称', '单位类型', '上级单位'],
        ['某区人民政府', '区人民政府', ''],
        ['某区教育局', '区直部门', '某区人民政府'],
        ['某区城关街道办事处', '街道', '某区人民政府'],
        ['某区南山镇人民政府', '乡镇', '某区人民政府'],
        ['某区财政局', '政府工作部门', '某区人民政府'],
        ['某区档案馆', '其他', '某区人民政府'],
        ['某县人民政府', '区县人民政府', ''],
      ]),
    );
    expect(view.applied).toBe(true);
    expect(view.rows.map((r) => r.kind)).toEqual(['government', 'department', 'township', 'township', 'department', 'other', 'government']);
    store.close();
  });
});

describe('差错清单 workbook', () => {
  it('gives each unit a valid, distinct sheet name', () => {
    const long = '某某省某某市某某县某某乡镇人民政府某某办公室（某某中心）[试点]';
    const item = { rule: 'R1', ruleTitle: '', severity: 'error' as const, cells: [], message: 'x' };
    const wb = errorsWorkbook(
      [long, `${long}二`].map((unit) => ({ unit, year: 2024, status: 'draft' as const, revision: 1, items: [item] })),
      new Date(),
    );
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n.length <= 31 && !/[[\]:*?/\\]/.test(n)).toBe(true);
  });
});
