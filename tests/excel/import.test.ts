import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import { reportBuffer } from '../../src/main/excel/write-report';
import { NOT_APPLICABLE, type CellValue, type Report } from '../../src/shared/report';
import { tempDir } from '../helpers/archive';
import { asWps, handmadeWorkbook, type HandmadeOptions } from '../helpers/handmade';
import { consistentReport, rng } from '../helpers/random-report';

const dir = tempDir('nianbao-xlsx-');
let n = 0;
async function save(wb: ExcelJS.Workbook | Buffer): Promise<string> {
  const file = join(dir, `f${n++}.xlsx`);
  writeFileSync(file, Buffer.isBuffer(wb) ? wb : Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** A report with everything a round trip must keep: blanks, 不适用, decimals, texts that look like formulas. */
function randomReport(template: 'gov2021' | 'gov2019', seed: number): Report {
  const r = consistentReport(template, seed);
  const rand = rng(seed * 7919);
  for (const key of Object.keys(r.values)) {
    const x = rand();
    if (x < 0.08) r.values[key] = null;
    else if (x < 0.12) r.values[key] = NOT_APPLICABLE;
  }
  if (template === 'gov2021') r.values['proactive.fees.amount'] = Math.round(rand() * 1e6) / 100;
  r.unit = `测试单位${seed}`;
  r.published = rand() < 0.5 ? null : '2025-01-15';
  r.sections = { overall: `=SUM(A1) 开头的文字 ${seed}`, problems: '+问题\n第二行', other: rand() < 0.5 ? '@未收费' : '-' };
  return r;
}

describe('export → import gives back the identical report', () => {
  for (const template of ['gov2021', 'gov2019'] as const) {
    it(`for 25 random ${template} reports`, async () => {
      for (let seed = 1; seed <= 25; seed++) {
        const r = randomReport(template, seed);
        const parsed = await readWorkbookFile(await save(await reportBuffer(r, { appVersion: '0.1.0' })));
        expect(parsed.report.template).toBe(template);
        expect(parsed.report.values, `seed ${seed}`).toEqual(r.values);
        expect(parsed.report.sections).toEqual(r.sections);
        expect([parsed.report.unit, parsed.report.year, parsed.report.published]).toEqual([r.unit, r.year, r.published]);
        expect(parsed.report.doubts).toBeUndefined();
        expect(parsed.provenance['requests.new.natural_person']).toBe('三、收到和处理政府信息公开申请情况!D4');
      }
    });
  }
});

describe('hand-made workbooks import by their labels', () => {
  const r = { ...consistentReport('gov2021', 5), unit: '甲县' };
  const expectSame = async (o: HandmadeOptions, source: Report = r) => {
    const parsed = await readWorkbookFile(await save(handmadeWorkbook(source, o)));
    expect(parsed.report.doubts ?? []).toEqual([]);
    expect(parsed.report.template).toBe(source.template);
    expect(parsed.report.values).toEqual(source.values);
    return parsed;
  };

  it('1. title rows, tables moved down and right, one per sheet', async () => {
    const p = await expectSame({ rowOffset: 3, colOffset: 2, title: '甲县2024年政府信息公开工作年度报告' });
    expect([p.report.unit, p.report.year]).toEqual(['甲县', 2024]);
    expect(p.provenance['requests.new.natural_person']).toBe('Sheet2!F7');
  });

  it('2. all three tables on one sheet', async () => {
    const p = await expectSame({ oneSheet: true, rowOffset: 1, title: '填报单位：乙局' });
    expect(p.report.unit).toBe('乙局');
  });

  it('3. columns inserted inside the tables', async () => {
    const p = await expectSame({ insertColumn: { requests: 4, proactive: 1, appeals: 5 } });
    expect(p.provenance['requests.new.commercial']).toBe('Sheet2!F4');
  });

  it('4. labels broken over lines, half-width brackets and the variants of spec §6', async () => {
    const label = (t: string) =>
      t
        .replace('勾稽', '钩稽')
        .replace('3.其他', '3.其它')
        .replace(/（/g, '(')
        .replace(/）/g, ')')
        .replace('商业企业', '商业\n企业')
        .replace('本年收费金额（单位：万元）', '本年收费金额单位:万元')
        .replace('本年新收政府信息公开申请数量', '本年新收政府信息\n公开申请数量')
        .replace('行政规范性文件', '规范性文件');
    await expectSame({ label: (t) => label(t) });
  });

  it('5. numbers as text, full-width digits, thousands separators, formulas, / — 不适用 and blanks', async () => {
    const source: Report = { ...r, values: { ...r.values } };
    source.values['proactive.licensing.decisions'] = 12345;
    source.values['requests.partial.research'] = null;
    source.values['proactive.regulations.issued'] = NOT_APPLICABLE;
    source.values['proactive.regulations.repealed'] = NOT_APPLICABLE;
    source.values['proactive.regulations.in_force'] = NOT_APPLICABLE;
    const encode = (v: CellValue, key: string): ExcelJS.CellValue => {
      if (key === 'proactive.licensing.decisions') return '12,345';
      if (key === 'proactive.regulations.issued') return '/';
      if (key === 'proactive.regulations.repealed') return '—';
      // exceljs leaves out a cached result of 0, which Excel would write: only non-zero totals as formulas.
      if (key.endsWith('.total') && typeof v === 'number' && v > 0) return { formula: 'SUM(1)', result: v } as ExcelJS.CellFormulaValue;
      if (key.endsWith('.natural_person') && typeof v === 'number')
        return String(v).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
      if (key.endsWith('.commercial') && typeof v === 'number') return ` ${v} `;
      return v;
    };
    await expectSame({ value: encode }, source);
  });

  it('6. no merged cells at all: group labels written once, headers once', async () => {
    await expectSame({ merges: false });
    await expectSame({ merges: false, oneSheet: true }, { ...consistentReport('gov2019', 9), unit: '丙' });
  });

  it('a file saved by WPS imports like one saved by Excel', async () => {
    const excel = Buffer.from(await handmadeWorkbook(r, { rowOffset: 2, title: '甲县2024年政府信息公开工作年度报告' }).xlsx.writeBuffer());
    const wps = await asWps(excel);
    expect(wps.includes(Buffer.from('inlineStr'))).toBe(true);
    const a = await readWorkbookFile(await save(excel));
    const b = await readWorkbookFile(await save(wps));
    expect(b.report.values).toEqual(a.report.values);
    expect(b.report.values).toEqual(r.values);
    expect([b.report.unit, b.report.year]).toEqual(['甲县', 2024]);
    // Our own export, resaved by WPS, still uses its cell map.
    const own = await readWorkbookFile(await save(await asWps(await reportBuffer(r, { appVersion: '0.1.0' }))));
    expect(own.report.values).toEqual(r.values);
    expect(own.report.sections).toEqual(r.sections);
  });

  it('detects the 2019 grid from the tables, whatever the year says', async () => {
    const p = await readWorkbookFile(await save(handmadeWorkbook({ ...consistentReport('gov2019', 3), year: 2022 }, { title: 'x' })));
    expect(p.report.template).toBe('gov2019');
  });
});

describe('what cannot be placed is reported per cell, never guessed', () => {
  const r = { ...consistentReport('gov2021', 6), unit: '甲县' };

  it('a non-number where a number belongs', async () => {
    const p = await readWorkbookFile(
      await save(
        handmadeWorkbook(r, { value: (v, k) => (k === 'requests.granted.research' ? '十三' : k === 'appeals.review.other' ? '无' : v) }),
      ),
    );
    expect(p.report.values['requests.granted.research']).toBeNull();
    expect(p.report.doubts).toEqual([
      { cells: ['requests.granted.research'], message: 'Sheet2!F6（第三项（一）予以公开（科研机构））“十三”不是数字' },
      { cells: ['appeals.review.other'], message: 'Sheet3!C4（行政复议·其他结果）“无”不是数字' },
    ]);
  });

  it('a missing row, and a missing table', async () => {
    const p = await readWorkbookFile(
      await save(handmadeWorkbook(r, { label: (t) => (t === '2.重复申请' ? '（略）' : t), skip: ['appeals'] })),
    );
    const missing = p.report.doubts!.find((d) => d.cells.includes('requests.not_processed.duplicate.total'))!;
    expect(missing.message).toBe('在 Sheet2 中找不到行“2.重复申请”，这些格留空');
    expect(missing.cells).toHaveLength(7);
    expect(p.report.values['requests.not_processed.duplicate.total']).toBeNull();
    expect(p.report.doubts!.find((d) => d.cells.includes('appeals.review.total'))!.message).toBe(
      '工作簿中没有找到表“四、政府信息公开行政复议、行政诉讼情况”，这些格留空',
    );
    expect(p.report.values['requests.granted.total']).toBe(r.values['requests.granted.total']);
  });

  it('a label that matches two rows', async () => {
    const wb = handmadeWorkbook(r, {});
    wb.worksheets[0].getCell('A20').value = '行政许可';
    wb.worksheets[0].getCell('B20').value = 99;
    const p = await readWorkbookFile(await save(wb));
    expect(p.report.values['proactive.licensing.decisions']).toBeNull();
    expect(p.report.doubts).toEqual([
      { cells: ['proactive.licensing.decisions'], message: '行“行政许可”在 Sheet1!A7、Sheet1!A20 出现了 2 次，无法确定用哪一行' },
    ]);
  });

  it('a formula without a saved result', async () => {
    const p = await readWorkbookFile(
      await save(
        handmadeWorkbook(r, {
          value: (v, k) => (k === 'requests.new.total' ? ({ formula: 'SUM(D4:I4)' } as ExcelJS.CellFormulaValue) : v),
        }),
      ),
    );
    // Computed from its parts by the form's relations (tests/excel/shapes.test.ts has the cases that cannot be).
    expect(p.report.doubts ?? []).toEqual([]);
    expect(p.report.values['requests.new.total']).toBe(r.values['requests.new.total']);
    expect(p.provenance['requests.new.total']).toContain('公式没有保存结果');
  });
});
