// Legacy reports (2018 and earlier) whole in Excel: the 统计附表 written as a sheet of our export, listed in the
// hidden map, and read back — from our export and from a hand-made sheet with the same columns.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_SHEET } from '../../src/main/excel/workbook-format';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import { exportReport } from '../../src/main/services/export';
import { commitFiles, previewFile } from '../../src/main/services/import-preview';
import { parseReport, type Report } from '../../src/shared/report';
import { tempDir, tempStore } from '../helpers/archive';
import { loadSamples } from '../helpers/samples';

const dir = tempDir('nianbao-legacy-');

function legacySample(): Report {
  const sample = loadSamples().find((s) => s.expected.template === 'legacy')!;
  const parsed = parseReport(sample.expected);
  if (!parsed.ok) throw new Error(parsed.errors.join());
  return { ...parsed.report, published: '2019-03-20', unit_kind: 'government' };
}

describe('a legacy report in Excel', () => {
  it('is exported with its 统计附表 sheet and map, and re-imports identical', async () => {
    const store = await tempStore();
    const original = legacySample();
    original.legacy![1] = { ...original.legacy![1], this_year: 12.5, cumulative: -3, unit: null };
    store.archive.save(original);
    const stored = store.archive.get(original.unit!, 2018).report;
    const file = join(dir, 'legacy.xlsx');
    await exportReport(store.archive, original.unit!, 2018, file);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('统计附表')!;
    expect(sheet).toBeDefined();
    expect([1, 2, 3, 4].map((c) => sheet.getCell(2, c).value)).toEqual(['指标名称', '单位', '本年', '历年累计']);
    expect(sheet.getCell(3, 1).value).toBe(original.legacy![0].label);
    expect(sheet.getCell(3, 3).value).toBe(original.legacy![0].this_year);
    const mapRows: unknown[][] = [];
    wb.getWorksheet(META_SHEET)!.eachRow(
      (row) => row.getCell(1).value === 'legacy' && mapRows.push([2, 3, 4].map((i) => row.getCell(i).value)),
    );
    expect(mapRows).toHaveLength(original.legacy!.length);
    expect(mapRows[0]).toEqual([0, '统计附表', 'A3']);

    const read = await readWorkbookFile(file);
    expect(read.report.template).toBe('legacy');
    expect(read.report.legacy).toEqual(stored.legacy);
    expect(read.report.sections).toEqual(stored.sections);
    expect(read.report.published).toBe('2019-03-20');

    // Into a fresh archive through the import wizard's services: the same report, appendix included.
    const other = await tempStore();
    const plan = (await previewFile(other.archive, file)).plans[0];
    expect(plan.status).toBe('ready');
    await commitFiles(other.archive, [{ file, plans: [{ index: 0 }] }]);
    const back = other.archive.get(original.unit!, 2018).report;
    expect(back.legacy).toEqual(stored.legacy);
    expect(back).toEqual(stored);
    store.close();
    other.close();
  });

  it('an edited appendix in the archive shows up in the import preview’s difference', async () => {
    const store = await tempStore();
    const original = legacySample();
    store.archive.save(original);
    const file = join(dir, 'legacy-diff.xlsx');
    await exportReport(store.archive, original.unit!, 2018, file);
    store.archive.save({ ...original, legacy: original.legacy!.slice(1) });
    const plan = (await previewFile(store.archive, file)).plans[0];
    expect(plan.diff?.fields).toContain('统计附表有变化');
    expect(plan.unchanged).toBe(false);
    store.close();
  });

  it('reads a hand-made sheet with the same columns (variant labels, a year header, text numbers)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = '某县林业局2017年政府信息公开工作年度报告附表';
    ws.addRow([]);
    ws.getRow(3).values = ['序号', '统计指标', '计量单位', '2017年', '累计'];
    ws.getRow(4).values = [1, '主动公开政府信息数', '条', 120, '1,560'];
    ws.getRow(5).values = [2, '其中：网站公开数', '条', '１１０', 1400];
    ws.getRow(6).values = [3, '依申请公开数', '件', 3, null];
    ws.getRow(7).values = [4, '收费金额', '万元', '一百', 0];
    const file = join(dir, 'handmade.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const read = await readWorkbookFile(file);
    expect(read.report.template).toBe('legacy');
    expect(read.report.unit).toBe('某县林业局');
    expect(read.report.year).toBe(2017);
    expect(read.report.legacy).toEqual([
      { label: '主动公开政府信息数', unit: '条', this_year: 120, cumulative: 1560 },
      { label: '其中：网站公开数', unit: '条', this_year: 110, cumulative: 1400 },
      { label: '依申请公开数', unit: '件', this_year: 3, cumulative: null },
      { label: '收费金额', unit: '万元', this_year: null, cumulative: 0 },
    ]);
    expect(read.notes.join()).toMatch(/Sheet1!D7.*“一百”不是数字/);
  });
});
