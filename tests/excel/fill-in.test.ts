// The fill-in workbook a unit receives: 填报说明, unit and year in cells (read back by the importer), a 校验 sheet
// whose formulas follow the template's relations, labels locked and values validated; it imports exactly, and the
// 校验 sheet is never read as data. Where LibreOffice Calc is installed, it recomputes the formulas of a workbook
// with a wrong number typed in.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import { exportTemplateFile } from '../../src/main/services/export';
import type { Archive } from '../../src/main/services/archive';
import { getTemplate } from '../../src/shared/template';
import { tableEquations } from '../../src/shared/validation/table-rules';
import { tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const UNIT = '某县教育局';

async function template(template: 'gov2021' | 'gov2019', year: number, filled = true) {
  const store = await tempStore();
  const a: Archive = store.archive;
  a.addUnit({ name: UNIT, kind: 'department' });
  if (filled) a.save({ ...consistentReport(template, 7, year), unit: UNIT });
  const file = join(tempDir(), 't.xlsx');
  await exportTemplateFile(a, UNIT, year, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  // key → sheet!address, as the hidden map says
  const map = new Map<string, { sheet: string; address: string }>();
  wb.getWorksheet('_nianbao')!.eachRow((r) => {
    if (r.getCell(1).value === 'cell')
      map.set(String(r.getCell(2).value), { sheet: String(r.getCell(3).value), address: String(r.getCell(4).value) });
  });
  return { store, a, file, wb, map };
}

/** The references of a formula, as `sheet!A1`. */
const refsOf = (formula: string) =>
  [...formula.matchAll(/'((?:[^']|'')+)'!([A-Z]+\d+)/g)].map((m) => `${m[1].replace(/''/g, "'")}!${m[2]}`);
const formulaOf = (c: ExcelJS.Cell) => (c.value as { formula: string }).formula;

describe('the fill-in workbook', () => {
  it('has the instruction sheet first, the tables, the texts and the 校验 sheet', async () => {
    const { wb, store } = await template('gov2021', 2024, false);
    const t = getTemplate('gov2021');
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '填报说明',
      ...t.tables.map((x) => x.section.heading.slice(0, 31)),
      '文字部分',
      '校验',
      '_nianbao',
    ]);
    const guide = wb.getWorksheet('填报说明')!.getColumn(1).values.filter(Boolean).join('\n');
    for (const words of ['空白', '填 0', '不适用', '校验', '交回', UNIT]) expect(guide).toContain(words);
    store.close();
  });

  for (const id of ['gov2021', 'gov2019'] as const) {
    it(`${id}: one 校验 row per relation of the template, each formula over exactly its cells`, async () => {
      const year = id === 'gov2021' ? 2024 : 2020;
      const { wb, map, store } = await template(id, year);
      const equations = tableEquations(getTemplate(id));
      const check = wb.getWorksheet('校验')!;
      const at = (key: string) => `${map.get(key)!.sheet}!${map.get(key)!.address}`;
      expect(check.rowCount).toBe(equations.length + 2);
      equations.forEach((e, i) => {
        const row = check.getRow(i + 3);
        expect(row.getCell(2).value).toBe(e.rule);
        expect(refsOf(formulaOf(row.getCell(4)))).toEqual([at(e.target)]);
        expect(refsOf(formulaOf(row.getCell(5)))).toEqual(e.terms.map((x) => at(x.key)));
        // Subtracted terms carry a minus sign in the formula.
        const signs = [...formulaOf(row.getCell(5)).matchAll(/([+-]?)N\(/g)].map((m) => (m[1] === '-' ? -1 : 1));
        expect(signs).toEqual(e.terms.map((x) => x.sign));
        expect(row.getCell(6).value).toEqual({ formula: `D${i + 3}-E${i + 3}` });
        // No saved results, so whatever opens the file computes them.
        expect(row.getCell(7).value).toEqual({ formula: `IF(F${i + 3}=0,"相符","不符")` });
      });
      // Red when the difference is not 0.
      const cf = (check as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[] }[] }[] })
        .conditionalFormattings;
      expect(cf[0].ref).toBe(`F3:G${equations.length + 2}`);
      expect(cf[0].rules[0].formulae).toEqual(['$F3<>0']);
      store.close();
    });
  }

  it('locks labels and formulas, leaves the values and the identity open, and validates what is typed', async () => {
    const { wb, map, store } = await template('gov2021', 2024);
    const t = getTemplate('gov2021');
    const first = wb.getWorksheet(t.tables[0].section.heading.slice(0, 31))!;
    const other = wb.getWorksheet(t.tables[1].section.heading.slice(0, 31))!;
    expect(first.getCell('A1').value).toBe('填报单位：');
    expect(first.getCell('B1').value).toBe(UNIT);
    const yearCell = first.getCell(1, t.tables[0].layout.cols);
    expect(yearCell.value).toBe(2024);
    expect(first.getCell('B1').protection?.locked).toBe(false);
    expect(yearCell.dataValidation).toMatchObject({ type: 'whole', formulae: [1990, 2100] });
    expect(formulaOf(other.getCell('B1'))).toContain(`'${first.name}'!B1`);
    for (const ws of wb.worksheets.filter((w) => w.name !== '_nianbao'))
      expect((ws as unknown as { sheetProtection: { sheet: boolean } | null }).sheetProtection?.sheet, ws.name).toBe(true);
    const value = map.get('requests.new.natural_person')!;
    const cell = wb.getWorksheet(value.sheet)!.getCell(value.address);
    expect(cell.protection?.locked).toBe(false);
    expect(cell.dataValidation?.type).toBe('custom');
    // A label cell of the table, and every 校验 cell, stay locked (the default).
    const label = wb.getWorksheet(value.sheet)!.getCell(value.address.replace(/^[A-Z]+/, 'A'));
    expect(label.protection?.locked).not.toBe(false);
    wb.getWorksheet('校验')!.eachRow((r) => r.eachCell((c) => expect(c.protection?.locked).not.toBe(false)));
    store.close();
  });

  it('imports back exactly, taking the unit and year from their cells, with or without the hidden map', async () => {
    const { a, file, wb, map, store } = await template('gov2021', 2024);
    const stored = a.get(UNIT, 2024).report;
    const back = (await readWorkbookFile(file)).report;
    expect(back.values).toEqual(stored.values);
    expect([back.unit, back.year]).toEqual([UNIT, 2024]);

    // The unit corrects its name in the cell and types its numbers; the hidden map still says the old name.
    const first = wb.getWorksheet(getTemplate('gov2021').tables[0].section.heading.slice(0, 31))!;
    first.getCell('B1').value = '某县教育局（某县教育体育局）';
    const key = 'proactive.licensing.decisions';
    wb.getWorksheet(map.get(key)!.sheet)!.getCell(map.get(key)!.address).value = 4321;
    const typed = join(tempDir(), 'typed.xlsx');
    await wb.xlsx.writeFile(typed);
    const r = (await readWorkbookFile(typed)).report;
    expect(r.unit).toBe('某县教育局（某县教育体育局）');
    expect(r.year).toBe(2024);
    expect(r.values[key]).toBe(4321);

    // Without the hidden map (copied into another workbook), by the labels: the 校验 sheet's labels and numbers
    // are not mistaken for a table, and the unit and year still come from their cells.
    wb.removeWorksheet(wb.getWorksheet('_nianbao')!.id);
    const bare = join(tempDir(), 'bare.xlsx');
    await wb.xlsx.writeFile(bare);
    const parsed = await readWorkbookFile(bare);
    expect(parsed.report.unit).toBe('某县教育局（某县教育体育局）');
    expect(parsed.report.year).toBe(2024);
    expect(parsed.report.values).toEqual({ ...stored.values, [key]: 4321 });
    expect(parsed.report.doubts ?? []).toEqual([]);
    store.close();
  });

  it('a row or column the clerk inserted moves the cells: they are read where they are now, not by the stale map', async () => {
    const { a, wb, store } = await template('gov2021', 2024);
    const stored = a.get(UNIT, 2024).report;
    const [first, second] = getTemplate('gov2021').tables.map((t) => wb.getWorksheet(t.section.heading.slice(0, 31))!);
    // A merged title above the first table (the identity row moves down) and a 备注 column before the second's values.
    first.spliceRows(1, 0, [`${UNIT}2023年政府信息公开工作年度报告统计表`]);
    first.mergeCells(1, 1, 1, 6);
    second.spliceColumns(2, 0, []);
    const moved = join(tempDir(), 'moved.xlsx');
    await wb.xlsx.writeFile(moved);
    const parsed = await readWorkbookFile(moved);
    expect([parsed.report.unit, parsed.report.year]).toEqual([UNIT, 2024]);
    expect(parsed.report.values).toEqual(stored.values);
    expect(parsed.report.doubts ?? []).toEqual([]);
    expect(parsed.notes).toContain('文件的隐藏信息表与表格不一致（可能被改动过），已按表格中的标题重新识别');
    store.close();
  });

  const calc = existsSync('/usr/lib/libreoffice/program/libsclo.so');
  it.skipIf(!calc)(
    'LibreOffice recomputes the 校验 sheet of a workbook with a wrong number typed in',
    async () => {
      const { wb, map, store } = await template('gov2021', 2024);
      const key = 'requests.new.natural_person';
      const cell = wb.getWorksheet(map.get(key)!.sheet)!.getCell(map.get(key)!.address);
      cell.value = (cell.value as number) + 7;
      const dir = tempDir();
      const wrong = join(dir, 'wrong.xlsx');
      await wb.xlsx.writeFile(wrong);
      // Every sheet as CSV (the last token -1), computed by Calc, not the values exceljs saved.
      const r = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=file://${join(dir, 'lo')}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
          '--outdir',
          dir,
          wrong,
        ],
        { encoding: 'utf8', timeout: 240_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      const csv = readdirSync(dir).find((f) => f.includes('校验'))!;
      const rows = readFileSync(join(dir, csv), 'utf8')
        .split('\n')
        .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')));
      const failing = rows.filter((x) => x[6] === '不符').map((x) => [x[1], x[5]]);
      // 本年新收 is a term of R1 (总计 = 新收 + 结转 − 结转下年) and of R2 (its row's 总计): both 7 short.
      expect(failing).toEqual([
        ['R1', '-7'],
        ['R2', '-7'],
      ]);
      store.close();
    },
    300_000,
  );
});
