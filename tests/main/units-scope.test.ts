// Units in a tree (cycles refused by the service), a unit list's duplicate and near-duplicate names in the preview,
// and a report's stored scope (本级 / 全区汇总) through the archive, the CLI, Excel, the 报送包 and the 全区 comparison.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/main/collect/summary';
import { importUnits } from '../../src/main/collect/unit-import';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { InputError } from '../../src/main/errors';
import { flatWorkbook, readFlat } from '../../src/main/excel/flat';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import { writeReportFile } from '../../src/main/excel/write-report';
import { ExchangeService } from '../../src/main/exchange/service';
import { ArchiveStore } from '../../src/main/services/store';
import { manualClock, tempDir, tempStore } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { PARENT, reportOf } from '../helpers/collect';

describe('units in a tree', () => {
  it('refuses a parent that is the unit itself or one of its descendants, and changes nothing', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: '某市人民政府', kind: 'government' });
    a.addUnit({ name: '某县人民政府', kind: 'government', parent: '某市人民政府' });
    a.addUnit({ name: '某县教育局', kind: 'department', parent: '某县人民政府' });
    a.addUnit({ name: '某县公安局', kind: 'department' });
    const before = a.listUnits();

    expect(() => a.updateUnit('某市人民政府', { parent: '某县教育局' })).toThrow(
      '不能把“某县教育局”设为“某市人民政府”的上级：“某县教育局”是“某市人民政府”的下级单位，上下级会形成循环（某市人民政府 → 某县教育局 → 某县人民政府 → 某市人民政府）',
    );
    expect(() => a.updateUnit('某县人民政府', { parent: '某县教育局' })).toThrow(InputError);
    expect(() => a.updateUnit('某县教育局', { parent: '某县教育局' })).toThrow('上级单位不能是它自己');
    expect(a.listUnits()).toEqual(before);

    // Moving a unit elsewhere in the tree, or to the top level, is fine.
    expect(a.updateUnit('某县公安局', { parent: '某县人民政府' }).parent).toBe('某县人民政府');
    expect(a.updateUnit('某县人民政府', { parent: null }).parent).toBeNull();
    expect(a.updateUnit('某市人民政府', { parent: '某县教育局' }).parent).toBe('某县教育局');
    store.close();
  });
});

describe('a unit list with duplicate and near-duplicate names', () => {
  it('shows each with its row in the preview, and refuses to import it', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: '某县财政局', kind: 'department' });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('单位名单').addRows([
      ['单位名称', '单位类型', '上级单位'],
      ['某县人民政府', '人民政府', ''],
      ['某县教育局', '部门', '某县人民政府'],
      ['某县教育局 ', '部门', '某县人民政府'],
      ['某县（公安）局', '部门', '某县人民政府'],
      ['某县(公安)局', '部门', '某县人民政府'],
      ['某县ＡＢ局', '部门', '某县人民政府'],
      ['某县AB局', '部门', '某县人民政府'],
      ['某县 财政局', '部门', '某县人民政府'],
      ['某县民政局', '部门', '某县人民政府'],
      ['某县民政局', '部门', '某县人民政府'],
    ]);
    const file = join(tempDir(), 'units.xlsx');
    await wb.xlsx.writeFile(file);

    const v = await importUnits(a, file, { preview: true });
    expect(v.applied).toBe(false);
    expect(v.duplicates).toEqual([
      // 某县教育局␠ is the same unit once the space is trimmed: shown as written, imported once.
      { row: 4, name: '某县教育局 ', of: '某县教育局', ofRow: 3, kind: 'spaces' },
      { row: 6, name: '某县(公安)局', of: '某县（公安）局', ofRow: 5, kind: 'near' },
      { row: 8, name: '某县AB局', of: '某县ＡＢ局', ofRow: 7, kind: 'near' },
      { row: 11, name: '某县民政局', of: '某县民政局', ofRow: 10, kind: 'same' },
      { row: 9, name: '某县 财政局', of: '某县财政局', ofRow: null, kind: 'near' },
    ]);
    expect(v.rows.filter((r) => r.name === '某县教育局')).toHaveLength(1);
    expect(v.problems).toHaveLength(3);
    expect(v.problems[0]).toContain('单位名单 第 6 行“某县(公安)局”与第 5 行“某县（公安）局”近似重名');
    expect(v.rows.map((r) => r.action)).toEqual(['add', 'add', 'add', 'add', 'add', 'add']);

    const e = await importUnits(a, file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect(a.listUnits().map((u) => u.name)).toEqual(['某县财政局']);
    store.close();
  });
});

describe('a report’s scope', () => {
  it('is 本级 by default, stored as given, kept when a save does not say, and shown in the history diff', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.save(reportOf('甲局', 1));
    expect(a.get('甲局', 2024).report.scope).toBe('own');
    a.save({ ...reportOf('甲局', 1), scope: 'aggregate' });
    expect(a.get('甲局', 2024).report.scope).toBe('aggregate');
    const withoutScope = reportOf('甲局', 1);
    expect('scope' in withoutScope).toBe(false);
    a.save(withoutScope);
    expect(a.get('甲局', 2024).report.scope).toBe('aggregate');
    expect(a.diff('甲局', 2024, 1, 2).fields).toEqual(['范围：本级 → 全区汇总']);
    a.setStatus('甲局', 2024, 'final');
    expect(() => a.save({ ...reportOf('甲局', 1), scope: 'own' })).toThrow('已定稿');
    expect(a.get('甲局', 2024).report.scope).toBe('aggregate');
    store.close();
  });

  it('0005 makes every existing report 本级 and refuses other values', async () => {
    const path = join(tempDir(), 'v4.sqlite');
    (await ArchiveStore.open(path, { migrations: MIGRATIONS.slice(0, 4) })).close();
    // A report as version 4 wrote it (today's code writes the scope column).
    const old = new Database(path);
    old.exec(`INSERT INTO units (id, name, kind, created_at) VALUES (1, '甲局', 'department', '2025-01-01T00:00:00Z');
      INSERT INTO reports (id, unit_id, year, template, revision, updated_at) VALUES (1, 1, 2024, 'gov2021', 1, '2025-01-01T00:00:00Z');`);
    old.close();
    const store = await ArchiveStore.open(path);
    expect(store.archive.get('甲局', 2024).report.scope).toBe('own');
    store.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE reports SET scope = '全区'").run()).toThrow(/CHECK/);
    db.close();
  });

  it('goes through nianbao report put and get', () => {
    const dir = tempDir();
    const db = join(dir, 'a.sqlite');
    const file = join(dir, 'r.json');
    writeFileSync(file, JSON.stringify({ ...reportOf('某县人民政府', 2), scope: 'aggregate' }));
    const put = runCli(['--db', db, 'report', 'put', file]);
    expect(put.code, put.stderr).toBe(0);
    const got = runCli(['--db', db, 'report', 'get', '--unit', '某县人民政府', '--year', '2024', '--json']);
    expect(JSON.parse(got.stdout).scope).toBe('aggregate');
    expect(runCli(['--db', db, 'report', 'get', '--unit', '某县人民政府', '--year', '2024']).stdout).toContain('范围：全区汇总');
  });

  it('is written to the exported workbook and the flat archive sheet, and read back from them', async () => {
    const dir = tempDir();
    for (const scope of ['aggregate', 'own'] as const) {
      const file = join(dir, `${scope}.xlsx`);
      await writeReportFile({ ...reportOf('甲局', 3), scope }, file, { appVersion: 'test' });
      expect((await readWorkbookFile(file)).report.scope).toBe(scope);
    }
    const flat = flatWorkbook([
      { report: { ...reportOf(PARENT, 3), scope: 'aggregate' }, status: 'draft' },
      { report: { ...reportOf('甲局', 4), scope: 'own' }, status: 'final' },
    ]);
    const file = join(dir, 'flat.xlsx');
    await flat.xlsx.writeFile(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(readFlat(wb, file).map((p) => [p.report.unit, p.report.scope])).toEqual([
      [PARENT, 'aggregate'],
      ['甲局', 'own'],
    ]);
  });

  it('travels in the 报送包 and arrives stored', async () => {
    const clock = manualClock('2025-01-20T02:00:00Z');
    const unit = await tempStore(clock);
    const office = await tempStore(clock);
    unit.archive.save({ ...reportOf(PARENT, 4), scope: 'aggregate', unit_kind: 'government' });
    const file = join(tempDir(), 'p.nbpkg');
    await new ExchangeService(unit.archive, clock).send(PARENT, 2024, file);
    const received = new ExchangeService(office.archive, clock).receive(file);
    expect(received.status).toBe('accepted');
    expect(office.archive.get(PARENT, 2024).report.scope).toBe('aggregate');
    unit.close();
    office.close();
  });

  it('makes the parent’s 全区汇总 report the one the 汇总 is compared with when no unit is named', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: PARENT, kind: 'government' });
    for (const n of ['甲局', '乙局']) a.addUnit({ name: n, kind: 'department', parent: PARENT });
    a.save(reportOf('甲局', 1));
    a.save(reportOf('乙局', 2));
    const sum = summarize(a, { year: 2024, parent: PARENT });
    expect(sum.report.scope).toBe('aggregate');
    expect(sum.comparison).toBeNull();

    // A 本级 report of the parent is not a 全区 report: no comparison.
    const own = { ...sum.report, unit: PARENT, scope: 'own' as const };
    own.values['proactive.penalty.decisions'] = (own.values['proactive.penalty.decisions'] as number) + 5;
    a.save(own);
    expect(summarize(a, { year: 2024, parent: PARENT }).comparison).toBeNull();

    a.save({ ...own, scope: 'aggregate' });
    const c = summarize(a, { year: 2024, parent: PARENT }).comparison!;
    expect(c.unit).toBe(PARENT);
    expect(c.differences.map((d) => [d.key, d.difference])).toEqual([['proactive.penalty.decisions', 5]]);
    store.close();
  });
});
