// Workbook shapes seen in real batches (issue 12 item 6), each on a real .xlsx written by exceljs.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import { NOT_APPLICABLE, type Report } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';
import { importFiles, STATUS_LABELS } from '../../src/main/services/batch-import';
import { exportTemplates } from '../../src/main/services/export';
import { parseFile } from '../../src/main/services/files';
import { commitFiles, previewFile } from '../../src/main/services/import-preview';
import { tempDir, tempStore } from '../helpers/archive';
import { handmadeWorkbook } from '../helpers/handmade';
import { consistentReport } from '../helpers/random-report';

const dir = tempDir('nianbao-xlsx-shapes-');
let n = 0;
async function save(wb: ExcelJS.Workbook): Promise<string> {
  const file = join(dir, `s${n++}.xlsx`);
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

const r: Report = { ...consistentReport('gov2021', 11), unit: '乙县' };

describe('workbook shapes', () => {
  it('WPS 取消合并并填充: a label repeated in every cell of its former merged range reads as one label', async () => {
    const p = await readWorkbookFile(await save(handmadeWorkbook(r, { fillMerged: true })));
    expect(p.report.doubts ?? []).toEqual([]);
    expect(p.report.values).toEqual(r.values);
  });

  it('the same for the 2019 format', async () => {
    const r19: Report = { ...consistentReport('gov2019', 12), unit: '丙县' };
    const p = await readWorkbookFile(await save(handmadeWorkbook(r19, { fillMerged: true })));
    expect(p.report.doubts ?? []).toEqual([]);
    expect(p.report.template).toBe('gov2019');
    expect(p.report.values).toEqual(r19.values);
  });

  it('a 总计 formula without a saved result is computed from its parts by the form’s own relations, and says so', async () => {
    const formulas = ['requests.new.total', 'requests.total.natural_person', 'appeals.review.total'];
    const p = await readWorkbookFile(
      await save(
        handmadeWorkbook(r, { value: (v, k) => (formulas.includes(k) ? ({ formula: 'SUM(A1:A2)' } as ExcelJS.CellFormulaValue) : v) }),
      ),
    );
    expect(p.report.doubts ?? []).toEqual([]);
    for (const k of formulas) {
      expect(p.report.values[k], k).toBe(r.values[k]);
      expect(p.provenance[k], k).toMatch(/公式没有保存结果，按.*计算/);
    }
  });

  it('a formula whose parts are not all known stays a doubt, never a guess', async () => {
    // 行政复议 总计 is a formula, one of its parts blank: R4 alone relates them, so nothing can be computed.
    const p = await readWorkbookFile(
      await save(
        handmadeWorkbook(r, {
          value: (v, k) =>
            k === 'appeals.review.total'
              ? ({ formula: 'SUM(A1:A2)' } as ExcelJS.CellFormulaValue)
              : k === 'appeals.review.upheld'
                ? null
                : v,
        }),
      ),
    );
    expect(p.report.values['appeals.review.total']).toBeNull();
    const d = (p.report.doubts ?? []).find((x) => x.cells.includes('appeals.review.total'));
    expect(d?.message).toMatch(/是公式但文件里没有保存计算结果，其他格也不足以按表内勾稽关系算出它/);
  });

  it('a formula two relations compute differently (the table does not add up) stays a doubt naming both values', async () => {
    const bumped = Number(r.values['requests.new.natural_person']) + 1;
    const p = await readWorkbookFile(
      await save(
        handmadeWorkbook(r, {
          value: (v, k) =>
            k === 'requests.new.total'
              ? ({ formula: 'SUM(A1:A2)' } as ExcelJS.CellFormulaValue)
              : k === 'requests.new.natural_person'
                ? bumped
                : v,
        }),
      ),
    );
    expect(p.report.values['requests.new.total']).toBeNull();
    const d = (p.report.doubts ?? []).find((x) => x.cells.includes('requests.new.total'));
    const total = Number(r.values['requests.new.total']);
    expect(d?.message).toMatch(new RegExp(`(${total}、${total + 1}|${total + 1}、${total})`));
  });

  it.each(['/', '／', '—', '-', '–', '不适用', '无此项', 'N/A'])('%s across table 四 reads as 不适用 everywhere', async (mark) => {
    const p = await readWorkbookFile(await save(handmadeWorkbook(r, { value: (v, k) => (k.startsWith('appeals.') ? mark : v) })));
    expect(p.report.doubts ?? []).toEqual([]);
    const appeals = getTemplate('gov2021').cells.filter((c) => c.key.startsWith('appeals.'));
    expect(appeals.length).toBeGreaterThan(10);
    for (const c of appeals) expect(p.report.values[c.key], c.key).toBe(NOT_APPLICABLE);
  });

  it('row labels numbered another way (（1） for 1.) match through the one label matcher the text reader uses', async () => {
    const p = await readWorkbookFile(await save(handmadeWorkbook(r, { label: (t) => t.replace(/^(\d)\./, '（$1）') })));
    // …except where the label without its number is too short to be told apart anywhere on a sheet: （3）其他
    // (其他 is also a column) is a doubt, never a guess.
    expect((p.report.doubts ?? []).map((d) => d.message)).toEqual(['在 Sheet2 中找不到行“3.其他”，这些格留空']);
    const other = new Set(p.report.doubts![0].cells);
    expect(other.size).toBe(7);
    for (const [k, v] of Object.entries(r.values)) expect(p.report.values[k], k).toBe(other.has(k) ? null : v);
  });

  it('titles, 填报单位 and dates are read by the same reader as published reports', async () => {
    // “2024年度焦虎镇…” (year before unit) and 政务公开 titles were missed by the workbook's own title pattern.
    for (const [title, unit] of [
      ['2024年度焦虎镇政府信息公开工作年度报告', '焦虎镇'],
      ['《某县教育局2024年政府信息公开工作年度报告》', '某县教育局'],
    ]) {
      const wb = handmadeWorkbook(r, { rowOffset: 2, title });
      wb.worksheets[0].getCell(2, 1).value = '发布日期：2025年1月20日';
      const p = await readWorkbookFile(await save(wb));
      expect([p.report.unit, p.report.year, p.report.published]).toEqual([unit, 2024, '2025-01-20']);
    }
  });

  it('a blank fill-in template sent back unfilled is 空白: not 可以导入, not written, not preselected', async () => {
    const store = await tempStore();
    store.archive.save({ ...consistentReport('gov2021', 3, 2024), unit: '丁局' });
    store.archive.save({ ...consistentReport('gov2021', 4, 2024), unit: '戊局' });
    const [blankFile, filledFile] = await exportTemplates(store.archive, ['丁局', '戊局'], 2025, join(dir, `tpl${n++}`));
    // The filled one: a unit typed its numbers into the template.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(filledFile);
    const filled = (await parseFile(filledFile))[0];
    const target = filled.provenance['requests.new.natural_person'].split('!');
    wb.getWorksheet(target[0])!.getCell(target[1]).value = 5;
    await wb.xlsx.writeFile(filledFile);

    const view = await previewFile(store.archive, blankFile);
    expect(view.plans[0].status).toBe('blank');
    expect(view.plans[0].problems).toContain('文件是空白的填报模板，没有填写任何数字或文字');

    const results = await importFiles(store.archive, [blankFile, filledFile], { dryRun: true });
    expect(results.map((x) => [x.status, STATUS_LABELS[x.status]])).toEqual([
      ['blank', '空白'],
      ['ready', '可以导入'],
    ]);
    // Even forced, a blank template writes nothing.
    const forced = await importFiles(store.archive, [blankFile], { force: true });
    expect(forced[0].status).toBe('blank');
    expect(store.archive.find('丁局', 2025)).toBeUndefined();
    store.close();
  });

  it('the same unit and year twice: the CLI batch and the app’s commit say it in the same words', async () => {
    const store = await tempStore();
    const a = await save(handmadeWorkbook(r, { rowOffset: 1, title: '乙县2024年政府信息公开工作年度报告' }));
    const b = await save(handmadeWorkbook(r, { rowOffset: 1, title: '乙县2024年政府信息公开工作年度报告' }));
    const words = `与 ${basename(a)} 是同一单位、同一年度（乙县 2024 年）的报告，只能导入其中一份`;
    const results = await importFiles(store.archive, [a, b], { dryRun: true });
    expect(results.map((x) => x.status)).toEqual(['ready', 'needs_attention']);
    expect(results[1].reason).toBe(words);
    await expect(
      commitFiles(store.archive, [
        { file: a, plans: [{ index: 0 }] },
        { file: b, plans: [{ index: 0 }] },
      ]),
    ).rejects.toThrow(`${basename(b)}：${words}`);
    expect(store.archive.find('乙县', 2024)).toBeUndefined();
    store.close();
  });
});
