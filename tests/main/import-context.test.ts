// The source text around each number in the import plan view: the line a number was read from with the number
// marked (text files, one-line reports, run-together rows, Word tables), the solver's readings on each doubt,
// and no mark where the place is not certain.
import ExcelJS from 'exceljs';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParsedReport } from '../../src/main/importers/types';
import { describeSource } from '../../src/main/services/import-context';
import { previewFile } from '../../src/main/services/import-preview';
import { emptyReport } from '../../src/shared/report';
import { writeReportFile } from '../../src/main/excel/write-report';
import { tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';
import { FIXTURES } from '../importers/helpers';

const VARIANTS = fileURLToPath(new URL('../fixtures/variants/', import.meta.url));
const dir = tempDir('nianbao-context-');

async function plan(file: string) {
  const store = await tempStore();
  const view = await previewFile(store.archive, file);
  expect(view.error).toBeNull();
  return view.plans[0]!;
}
const marked = (e: { before: string; mark: string; after: string } | undefined | null) =>
  e && `${e.before}[${e.mark}]${e.after}`.replace(/\t/g, ' ');

describe('the plan view’s source excerpts', () => {
  it('marks the number on its own line of a text file, and in its column of a row', async () => {
    const one = await plan(join(VARIANTS, '2024-elunchun-banner.crlf.txt'));
    const e = one.excerpts!['proactive.normative_documents.in_force'];
    expect(e).toEqual({ where: '第 55 行', before: '', mark: '18', after: '' });
    const file = join(VARIANTS, '2024-jiaohu-town.crlf.txt');
    const p = await plan(file);
    const lines = readFileSync(file, 'utf8').split('\r\n');
    const r = p.excerpts!['proactive.regulations.in_force'];
    expect(lines[Number(/\d+/.exec(r.where)![0]) - 1]).toBe('规章\t0\t0\t0');
    // Three equal numbers: each cell's is the one in its column.
    expect(marked(r)).toBe('规章 0 0 [0]');
    expect(marked(p.excerpts!['proactive.regulations.issued'])).toBe('规章 [0] 0 0');
    expect(marked(p.excerpts!['proactive.regulations.repealed'])).toBe('规章 0 [0] 0');
  });

  it('finds a number in a report printed on one line by its row label and column', async () => {
    const p = await plan(join(VARIANTS, '2024-elunchun-banner.one-line.txt'));
    const e = p.excerpts!['requests.new.research'];
    expect(e.where).toBe('第 1 行');
    // 一、本年新收: 9 0 [0] 0 0 0 9 — the third applicant column (科研机构).
    expect(marked(e)).toMatch(/一、本年新收政府信息公开申请数量 9 0 \[0\] 0 0 0 9 二、/);
    expect(e.before.startsWith('…')).toBe(true);
    const total = p.excerpts!['requests.granted.total'];
    expect(marked(total)).toMatch(/\(一\)予以公开 4 0 0 0 0 0 \[4\] \(二\)/);
  });

  it('marks the printed run a row was split from, and lists the readings of a doubt', async () => {
    const p = await plan(join(VARIANTS, '2024-elunchun-banner.no-separators.txt'));
    expect(p.doubtList).toHaveLength(1);
    const d = p.doubtList![0];
    expect(d.excerpt?.mark).toBe('1318');
    expect(d.excerpt?.before).toContain('行政规范性文件');
    expect(d.candidates?.[0]).toEqual([1, 3, 18]);
    expect(d.candidates).toHaveLength(7);
    // A row split by the relations is marked where it was printed whole.
    const split = Object.entries(p.excerpts!).find(([k]) => k.startsWith('requests.new.'))![1];
    expect(split.mark).toMatch(/^\d{7,}$/);
    expect(split.before).toContain('本年新收');
  });

  it('keeps every doubt in the list once the person has answered some', async () => {
    const store = await tempStore();
    const file = join(VARIANTS, '2021-county-city-office.no-separators.txt');
    const first = (await previewFile(store.archive, file)).plans[0]!;
    const d = first.doubtList![0];
    const answered = (await previewFile(store.archive, file, [{ values: Object.fromEntries(d.cells.map((k) => [k, null])) }])).plans[0]!;
    expect(answered.report.doubts).toHaveLength(first.doubtList!.length - 1);
    expect(answered.doubtList).toHaveLength(first.doubtList!.length);
  });

  it('shows a cell of a Word table with the rest of its row', async () => {
    const docx = join(dir, 'banner.docx');
    copyFileSync(join(FIXTURES, 'docx', '2024-elunchun-banner.docx'), docx);
    const p = await plan(docx);
    const e = p.excerpts!['proactive.normative_documents.in_force'];
    expect(e.where).toMatch(/^表格 \d+ 第 \d+ 行第 \d+ 格$/);
    expect(e.mark).toBe('18');
    expect(e.before).toContain('行政规范性文件');
  });

  it('leaves a long line unmarked when the row label is not in it, and never marks another number', async () => {
    const p = await plan(join(VARIANTS, '2024-elunchun-banner.one-line.txt'));
    for (const [key, e] of Object.entries(p.excerpts!)) {
      const v = p.report.values[key];
      if (e.mark && typeof v === 'number') expect(e.mark).toBe(String(v));
    }
    // A long line where the row's label is missing: the 0 could be any of them.
    const long = `其他内容 ${'1 0 2 0 '.repeat(40)}`;
    const parsed: ParsedReport = {
      report: { ...emptyReport('gov2021'), values: { 'proactive.licensing.decisions': 0 } },
      provenance: { 'proactive.licensing.decisions': '第 1 行' },
      source: { kind: 'text', file: 'x.txt' },
      notes: [],
    };
    const e = describeSource(parsed, () => ({ text: long })).excerpts!['proactive.licensing.decisions'];
    expect(e.mark).toBe('');
    expect(e.before).toContain('其他内容');
    // A short line is searched whole, but a number found twice is not marked either.
    const twice = describeSource(parsed, () => ({ text: '行政许可 0 0' })).excerpts!['proactive.licensing.decisions'];
    expect(marked(twice)).toBe('行政许可 [0] 0');
    const other = describeSource(parsed, () => ({ text: '许可 0 0' })).excerpts!['proactive.licensing.decisions'];
    expect(other.mark).toBe('');
  });
});

describe('a workbook’s doubts', () => {
  it('name the sheet and cell address', async () => {
    const file = join(dir, 'book.xlsx');
    await writeReportFile({ ...consistentReport('gov2021', 2, 2024), unit: '某县财政局' }, file, { appVersion: 'test' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('二、主动公开政府信息情况')!.getCell('B3').value = '十二';
    // Without our hidden cell map the workbook is read by its labels, as a hand-made one.
    const map = wb.worksheets.find((w) => w.state !== 'visible');
    if (map) wb.removeWorksheet(map.id);
    await wb.xlsx.writeFile(file);
    const p = await plan(file);
    const d = p.doubtList!.find((x) => x.cells.includes('proactive.regulations.issued'));
    expect(d?.excerpt).toEqual({ where: '工作表“二、主动公开政府信息情况”B3 单元格', before: '', mark: '', after: '' });
    expect(p.excerpts).toBeUndefined();
  });
});
