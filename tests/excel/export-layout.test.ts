import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportBuffer, writeReportFile } from '../../src/main/excel/write-report';
import { getTemplate } from '../../src/shared/template';
import { tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};
const merges = (ws: ExcelJS.Worksheet) => [...((ws as unknown as { model: { merges: string[] } }).model.merges ?? [])].sort();

describe('exported workbook (spec §8)', () => {
  it('has one sheet per table, the texts and a hidden metadata sheet', async () => {
    const wb = await load(await reportBuffer({ ...consistentReport('gov2021', 1), unit: '甲县' }, { appVersion: '0.1.0' }));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['二、主动公开政府信息情况', 'visible'],
      ['三、收到和处理政府信息公开申请情况', 'visible'],
      ['四、政府信息公开行政复议、行政诉讼情况', 'visible'],
      ['文字部分', 'visible'],
      ['_nianbao', 'hidden'],
    ]);
  });

  it('table 三: the merges and labels of spec §8, cell by cell', async () => {
    const wb = await load(await reportBuffer(consistentReport('gov2021', 1), { appVersion: '0.1.0' }));
    const ws = wb.worksheets[1];
    expect(merges(ws)).toEqual(
      [
        'A1:C3',
        'D1:J1',
        'D2:D3',
        'E2:I2',
        'J2:J3',
        'A4:C4',
        'A5:C5',
        'A6:A27',
        'B6:C6',
        'B7:C7',
        'B8:B15',
        'B16:B18',
        'B19:B23',
        'B24:B26',
        'B27:C27',
        'A28:C28',
      ].sort(),
    );
    const text = (a: string) => String(ws.getCell(a).value);
    expect(text('A1')).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect([text('D1'), text('D2'), text('E2'), text('J2')]).toEqual(['申请人情况', '自然人', '法人或其他组织', '总计']);
    expect(['E3', 'F3', 'G3', 'H3', 'I3'].map(text)).toEqual(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    expect([text('A4'), text('A5'), text('A6'), text('B6'), text('B8'), text('C8'), text('C15'), text('B27'), text('A28')]).toEqual([
      '一、本年新收政府信息公开申请数量',
      '二、上年结转政府信息公开申请数量',
      '三、本年度办理结果',
      '（一）予以公开',
      '（三）不予公开',
      '1.属于国家秘密',
      '8.属于行政查询事项',
      '（七）总计',
      '四、结转下年度继续办理',
    ]);
    expect(text('C24')).toBe('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
  });

  it('table 二 and table 四 gov2021, and the gov2019 layout', async () => {
    const wb = await load(await reportBuffer(consistentReport('gov2021', 1), { appVersion: '0.1.0' }));
    expect(merges(wb.worksheets[0])).toEqual(
      ['A1:D1', 'A5:D5', 'B6:D6', 'B7:D7', 'A8:D8', 'B9:D9', 'B10:D10', 'B11:D11', 'A12:D12', 'B13:D13', 'B14:D14'].sort(),
    );
    expect(
      ['A1', 'A2', 'B2', 'C2', 'D2', 'A3', 'A4', 'A7', 'A10', 'A11', 'B13', 'A14'].map((a) => wb.worksheets[0].getCell(a).value),
    ).toEqual([
      '第二十条第（一）项',
      '信息内容',
      '本年制发件数',
      '本年废止件数',
      '现行有效件数',
      '规章',
      '行政规范性文件',
      '行政许可',
      '行政处罚',
      '行政强制',
      '本年收费金额（单位：万元）',
      '行政事业性收费',
    ]);
    expect(merges(wb.worksheets[2])).toEqual(['A1:E1', 'F1:O1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F2:J2', 'K2:O2'].sort());
    const gov2019 = await load(await reportBuffer(consistentReport('gov2019', 1), { appVersion: '0.1.0' }));
    const t3 = gov2019.worksheets[1];
    expect(merges(t3)).toContain('A6:A25');
    expect(merges(t3)).toContain('B24:C24');
    expect(t3.getCell('A26').value).toBe('四、结转下年度继续办理');
    expect(gov2019.worksheets[0].getCell('D2').value).toBe('对外公开总数量');
    expect(gov2019.worksheets[0].getCell('A16').value).toBe('第二十条第（九）项');
  });

  it('puts the values where the layout says, blanks blank and 不适用 as text', async () => {
    const r = consistentReport('gov2021', 2);
    r.values['requests.partial.research'] = null;
    r.values['proactive.regulations.issued'] = '不适用';
    r.values['proactive.fees.amount'] = 317.29;
    const wb = await load(await reportBuffer(r, { appVersion: '0.1.0' }));
    expect(wb.worksheets[1].getCell('D4').value).toBe(r.values['requests.new.natural_person']);
    expect(wb.worksheets[1].getCell('F7').value).toBeNull();
    expect(wb.worksheets[0].getCell('B3').value).toBe('不适用');
    expect(wb.worksheets[0].getCell('B14').value).toBe(317.29);
    expect(wb.worksheets[2].getCell('O4').value).toBe(r.values['appeals.litigation_after_review.total']);
  });

  it('styles for print: CJK font, borders on every cell, wrapped labels, A4 one page wide', async () => {
    const wb = await load(await reportBuffer(consistentReport('gov2021', 1), { appVersion: '0.1.0' }));
    for (const [i, table] of getTemplate('gov2021').tables.entries()) {
      const ws = wb.worksheets[i];
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      for (let r = 1; r <= table.layout.rows; r++)
        for (let c = 1; c <= table.layout.cols; c++) {
          const cell = ws.getCell(r, c);
          expect(cell.border?.top?.style, `${cell.address}`).toBe('thin');
          expect(cell.font?.name).toBe('宋体');
        }
      const label = table.layout.cells.find((c) => c.role === 'row')!;
      if (label) expect(ws.getCell(label.row, label.col).alignment?.wrapText).toBe(true);
    }
    expect(wb.worksheets[1].getColumn(3).width).toBeGreaterThanOrEqual(30);
  });

  it('protects the labels without a password and leaves input cells open with data validation', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.xlsx');
    await writeReportFile(consistentReport('gov2021', 1), file, { appVersion: '0.1.0' });
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheet3 = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(sheet3).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(sheet3).not.toMatch(/<sheetProtection [^>]*(password|hashValue)=/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[1];
    expect(ws.getCell('A4').protection?.locked ?? true).toBe(true);
    expect(ws.getCell('D4').protection?.locked).toBe(false);
    expect(ws.getCell('D4').dataValidation).toMatchObject({ type: 'custom', allowBlank: true, showErrorMessage: true });
    expect(ws.getCell('D4').dataValidation.formulae?.[0]).toBe('OR(AND(ISNUMBER(D4),D4>=0,INT(D4)=D4),D4="不适用",D4="/")');
    expect(wb.worksheets[0].getCell('B14').dataValidation.formulae?.[0]).toBe('OR(AND(ISNUMBER(B14),B14>=0),B14="不适用",B14="/")');
  });

  it('writes texts that start with = + - @ as text, never as a formula', async () => {
    const r = consistentReport('gov2021', 1);
    r.sections = { overall: '=HYPERLINK("http://x","点我")', problems: '+1 问题', other: '@SUM(1,2) -未收费' };
    const zip = await JSZip.loadAsync(await reportBuffer(r, { appVersion: '0.1.0' }));
    const texts = await zip.file('xl/worksheets/sheet4.xml')!.async('string');
    expect(texts).not.toContain('<f>');
    const wb = await load(await reportBuffer(r, { appVersion: '0.1.0' }));
    expect(wb.worksheets[3].getCell('B1').value).toBe('=HYPERLINK("http://x","点我")');
    expect(wb.worksheets[3].getCell('B1').numFmt).toBe('@');
  });
});
