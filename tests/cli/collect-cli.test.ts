// The collecting office's January through the CLI (in process, real SQLite file, real .xlsx): forty units from a
// unit list, their reports, the board, the 催报单, the 汇总 with its drill-down, a 全区 report with a planted
// difference, the 差错清单 read back.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/index';
import type { BoardView, SummaryView, UnitErrorsView } from '../../src/shared/api';
import { getTemplate } from '../../src/shared/template';
import { tempDir } from '../helpers/archive';
import { PARENT, reportOf, UNITS, writeUnitList } from '../helpers/collect';

async function setup() {
  const dir = tempDir('nianbao-collect-');
  const db = join(dir, 'archive.sqlite');
  const cli = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await main(['node', 'nianbao', '--db', db, ...args], {
      out: (t) => (stdout += `${t}\n`),
      err: (t) => (stderr += `${t}\n`),
    });
    return { code, stdout, stderr };
  };
  const file = (name: string, content: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(content));
    return p;
  };
  return { dir, db, cli, file };
}

const T = getTemplate('gov2021');

describe('the collecting office on the command line', () => {
  it('imports forty units, refusing a list with a near-duplicate and writing nothing', async () => {
    const { dir, cli } = await setup();
    // 某县教育局 again with a full-width space inside: the same unit to a person, a second unit to a database.
    const bad = await writeUnitList(dir, 'bad.xlsx', [[42, '某县　教育局', '部门', PARENT]]);
    const refused = await cli('unit', 'import', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('单位名单 第 44 行“某县　教育局”与第 3 行“某县教育局”近似重名');
    expect(refused.stderr).toContain('没有导入任何单位');
    expect(JSON.parse((await cli('unit', 'list', '--json')).stdout).units).toEqual([]);

    const good = await writeUnitList(dir, 'good.xlsx');
    const dry = await cli('unit', 'import', good, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('试导入（未写入档案）：新增 41 个');
    expect(JSON.parse((await cli('unit', 'list', '--json')).stdout).units).toEqual([]);

    const done = await cli('unit', 'import', good);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('已导入：新增 41 个，更新 0 个，不变 0 个');
    const units = JSON.parse((await cli('unit', 'list', '--json')).stdout).units as { name: string; kind: string; parent: string | null }[];
    expect(units).toHaveLength(41);
    expect(units.filter((u) => u.parent === PARENT)).toHaveLength(40);
    expect(units.find((u) => u.name === '某县城关镇')).toMatchObject({ kind: 'township', parent: PARENT });
    expect(units.find((u) => u.name === PARENT)).toMatchObject({ kind: 'government', parent: null });

    // The same list again changes nothing; a near-duplicate of a unit already in the archive is refused.
    expect((await cli('unit', 'import', good)).stdout).toContain('新增 0 个，更新 0 个，不变 41 个');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRows([
      ['名称', '类型', '上级'],
      ['某县公安局 ', '部门', PARENT],
      ['某县（公安）局', '部门', PARENT],
      ['某县(公安)局', '部门', PARENT],
    ]);
    await wb.xlsx.writeFile(join(dir, 'again.xlsx'));
    const again = await cli('unit', 'import', join(dir, 'again.xlsx'));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('Sheet1 第 4 行“某县(公安)局”与第 3 行“某县（公安）局”近似重名');
  });

  it('board, 催报单, 汇总 with drill-down, 全区 comparison with a planted difference, 差错清单', async () => {
    const { dir, cli, file } = await setup();
    expect((await cli('unit', 'import', await writeUnitList(dir, 'units.xlsx'))).code).toBe(0);

    // 35 of the 40 send a report; 5 towns send nothing.
    const missing = UNITS.slice(35).map((u) => u.name);
    const sent = UNITS.slice(0, 35).map((u) => u.name);
    const reports = new Map(sent.map((name, i) => [name, reportOf(name, 100 + i)]));
    const withErrors = sent.slice(0, 4);
    for (const name of withErrors) {
      const r = reports.get(name)!;
      r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 1;
    }
    const late = sent.slice(4, 10); // published after 1月31日: an R11 warning
    for (const name of late) reports.get(name)!.published = '2025-02-20';
    const finals = sent.slice(10, 20);
    for (const [name, r] of reports) {
      const put = await cli('report', 'put', file(`${name}.json`, r));
      expect(put.code, put.stderr).toBe(0);
    }
    for (const name of finals) expect((await cli('report', 'status', '--unit', name, '--year', '2024', '定稿')).code).toBe(0);
    // One late unit explains its warning: it is no longer waiting for anything.
    const explained = late[0];
    const dismiss = await cli('validate', '--unit', explained, '--year', '2024', '--json');
    expect(JSON.parse(dismiss.stdout).findings).toMatchObject([{ rule: 'R11' }]);
    {
      const { ArchiveStore } = await import('../../src/main/services/store');
      const store = await ArchiveStore.open(join(dir, 'archive.sqlite'));
      store.archive.dismiss(explained, 2024, { rule: 'R11', cells: [] }, '系统故障，经县政府办同意推迟至 2 月 20 日发布');
      store.close();
    }

    const b = JSON.parse((await cli('board', '--year', '2024', '--parent', PARENT, '--json')).stdout) as BoardView;
    expect(b.rows).toHaveLength(40);
    expect(b.counts).toEqual({ missing: 5, draft: 35 - 4 - 6 - 10 + 1, errors: 4, warnings: 5, final: 10 });
    const state = (name: string) => b.rows.find((r) => r.unit.name === name)!.state;
    expect(missing.map(state)).toEqual(Array(5).fill('missing'));
    expect(withErrors.map(state)).toEqual(Array(4).fill('errors'));
    expect(late.map(state)).toEqual(['draft', ...Array(5).fill('warnings')]);
    expect(finals.map(state)).toEqual(Array(10).fill('final'));
    // 某县教育局 broke one sum that three rules check (R1–R3).
    expect(b.rows.find((r) => r.unit.name === '某县教育局')).toMatchObject({ deadline: '2025-01-31', errors: 3, warnings: 0 });
    expect(b.rows.find((r) => r.unit.name === missing[0])).toMatchObject({ deadline: '2025-01-31', reportId: null });
    const text = (await cli('board', '--year', '2024', '--parent', PARENT, '--reminder', join(dir, '催报单.xlsx'))).stdout;
    expect(text).toContain('未收到 5　草稿 16　有错误 4　有未说明的警告 5　已定稿 10　共 40 个单位');
    expect(text).toContain('已导出催报单');

    const reminder = new ExcelJS.Workbook();
    await reminder.xlsx.readFile(join(dir, '催报单.xlsx'));
    const ws = reminder.getWorksheet('催报单')!;
    const listed: string[] = [];
    ws.eachRow((row, i) => {
      if (i > 3) listed.push(String(row.getCell(2).value));
    });
    expect(listed.sort()).toEqual([...missing, ...withErrors, ...late.slice(1)].sort());
    expect(String(ws.getCell(1, 1).value)).toBe('2024年政府信息公开工作年度报告催报单');

    // 汇总: each cell the sum of what the units sent, computed here from the reports themselves.
    const out = join(dir, '汇总.xlsx');
    const sum = await cli('summary', '--year', '2024', '--parent', PARENT, '--out', out, '--json');
    expect(sum.code, sum.stderr).toBe(0);
    const s = JSON.parse(sum.stdout) as SummaryView;
    expect(s.unit).toBe('某县人民政府（汇总）');
    expect(s.included).toHaveLength(35);
    expect(s.missing.sort()).toEqual([...missing].sort());
    for (const c of T.cells) {
      const numbers = sent.map((n) => reports.get(n)!.values[c.key]).filter((v): v is number => typeof v === 'number');
      const cell = s.cells.find((x) => x.key === c.key)!;
      const expected = numbers.reduce((a, v) => a + v, 0);
      expect(cell.value, c.key).toBeCloseTo(expected, 6);
      expect(cell.reported).toBe(numbers.length);
      expect(cell.units.reduce((a, u) => a + u.value, 0)).toBeCloseTo(cell.value as number, 6);
    }
    const drill = (await cli('summary', '--year', '2024', '--parent', PARENT, '--cell', 'requests.new.total')).stdout;
    const newTotal = s.cells.find((c) => c.key === 'requests.new.total')!;
    expect(drill).toContain(`${newTotal.name}：${newTotal.value}（35 个单位填了数字）`);
    expect(drill).toContain(`某县教育局\t${reports.get('某县教育局')!.values['requests.new.total']}`);

    // The exported 汇总 is the official workbook: the writer's own cell map reads back the sums.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const meta = wb.getWorksheet('_nianbao')!;
    const at = new Map<string, [string, string]>();
    meta.eachRow((row) => {
      if (row.getCell(1).value === 'cell')
        at.set(String(row.getCell(2).value), [String(row.getCell(3).value), String(row.getCell(4).value)]);
    });
    expect(meta.getCell('B4').value).toBe('某县人民政府（汇总）');
    for (const key of ['requests.new.total', 'proactive.licensing.decisions', 'appeals.review.total']) {
      const [sheet, ref] = at.get(key)!;
      expect(wb.getWorksheet(sheet)!.getCell(ref).value, key).toBe(s.cells.find((c) => c.key === key)!.value);
    }
    expect(wb.getWorksheet('汇总明细')!.getCell(2, 1).value).toBe('合计');

    // A 全区 report that left one unit out of one cell: flagged, with that unit.
    const planted = 'proactive.licensing.decisions';
    const values = Object.fromEntries(s.cells.map((c) => [c.key, c.value]));
    const counts = new Map<number, number>();
    for (const n of sent)
      counts.set(reports.get(n)!.values[planted] as number, (counts.get(reports.get(n)!.values[planted] as number) ?? 0) + 1);
    const leftOut = sent.find((n) => {
      const v = reports.get(n)!.values[planted] as number;
      return v > 0 && counts.get(v) === 1;
    })!;
    values[planted] = (values[planted] as number) - (reports.get(leftOut)!.values[planted] as number);
    const district = { ...s.report, unit: PARENT, values, published: '2025-03-10' };
    expect((await cli('report', 'put', file('district.json', district))).code).toBe(0);
    const cmp = await cli('summary', '--year', '2024', '--parent', PARENT, '--compare', '--json');
    expect(cmp.code).toBe(1);
    const c = (JSON.parse(cmp.stdout) as SummaryView).comparison!;
    expect(c.unit).toBe(PARENT);
    expect(c.differences).toHaveLength(1);
    expect(c.differences[0]).toMatchObject({
      key: planted,
      difference: -(reports.get(leftOut)!.values[planted] as number),
      suspects: [{ unit: leftOut, why: expect.stringContaining('全区报告可能漏计了该单位') }],
    });
    expect(c.differences[0].units.reduce((n, u) => n + u.value, 0)).toBe(c.differences[0].sum);
    expect(c.differences[0].units.find((u) => u.unit === leftOut)).toBeTruthy();
    expect(c.missing.sort()).toEqual([...missing].sort());
    const cmpText = (await cli('summary', '--year', '2024', '--parent', PARENT, '--compare')).stdout;
    expect(cmpText).toContain('1 处不一致');
    expect(cmpText).toContain(`${leftOut}（${reports.get(leftOut)!.values[planted]}）`);

    // 差错清单 for the year: a sheet per failing unit, read back.
    const errorsFile = join(dir, '差错清单.xlsx');
    const er = await cli('errors', '--year', '2024', '--parent', PARENT, '--out', errorsFile, '--json');
    expect(er.code, er.stderr).toBe(0);
    const lists = JSON.parse(er.stdout).units as UnitErrorsView[];
    expect(lists.map((l) => l.unit).sort()).toEqual([...withErrors, ...late.slice(1)].sort());
    const ewb = new ExcelJS.Workbook();
    await ewb.xlsx.readFile(errorsFile);
    expect(ewb.worksheets.map((w) => w.name).sort()).toEqual([...withErrors, ...late.slice(1)].sort());
    const first = ewb.getWorksheet(withErrors[0])!;
    const rows: string[][] = [];
    first.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    const total = reports.get(withErrors[0])!.values['requests.total.total'] as number;
    expect(rows[0][0]).toBe(`${withErrors[0]}2024年政府信息公开工作年度报告差错清单`);
    expect(rows[3]).toEqual(['序号', '类别', '规则', '涉及单元格及所填数值', '问题说明']);
    const r1 = rows.find((r) => r[2].startsWith('R1 '))!;
    expect(r1[1]).toBe('错误');
    expect(r1[3]).toContain(`第三项（七）总计（总计） = ${total}`);
    expect(r1[4]).toContain(`应为 ${total - 1}`);
    // One unit on its own; a unit whose warning was explained has nothing to send back.
    const one = await cli('errors', '--year', '2024', '--unit', late[1], '--out', join(dir, 'one.xlsx'));
    expect(one.stdout).toContain('[警告] R11 发布日期 2025-02-20 晚于');
    const none = JSON.parse((await cli('errors', '--year', '2024', '--unit', explained, '--json')).stdout).units;
    expect(none[0].items).toEqual([]);
  });
});
