// Rows of published tables whose numbers run together or are spaced wrongly, on edited copies of a sample and
// of the 2019-format fixture: read by the relations when exactly one reading fits, otherwise doubts that list
// the candidates or name the broken relation. Never a guess.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/main/importers';
import { loadSamples, type Sample } from '../helpers/samples';
import { REQUEST_COLS } from '../helpers/spec-keys';
import { FIXTURES, doubtCells } from './helpers';

const district = (loadSamples().find((s) => s.name === '2024-district-office') as Sample).text;
const NEW_ROW = '一、本年新收政府信息公开申请数量 | 100 | 0 | 0 | 0 | 0 | 0 | 100 | ||';
const NEW_KEYS = REQUEST_COLS.map((c) => `requests.new.${c}`);
const edit = (text: string, from: string, to: string) => {
  expect(text).toContain(from);
  return parseReportText(text.replace(from, to), 'edited.txt');
};

describe('表三 rows copied from a PDF with spaces not on cell boundaries', () => {
  it('“10 0 0 0 0 0 0 10 0” (a stray space inside 100 and before 总计) reads 100, 0 … 0, 100 by R2', () => {
    const p = edit(district, NEW_ROW, '一、本年新收政府信息公开申请数量 10 0 0 0 0 0 0 10 0');
    expect(NEW_KEYS.map((k) => p.report.values[k])).toEqual([100, 0, 0, 0, 0, 0, 100]);
    expect(p.report.doubts).toEqual([]);
    expect(p.provenance['requests.new.total']).toBe('第 33 行“10 0 0 0 0 0 0 10 0”按勾稽关系拆分（R1、R2）');
  });

  it('a row that cannot add up under any reading is a doubt naming the broken relation', () => {
    const p = edit(district, NEW_ROW, '一、本年新收政府信息公开申请数量 10000000101');
    expect(NEW_KEYS.map((k) => p.report.values[k])).toEqual([null, null, null, null, null, null, null]);
    expect(doubtCells(p)).toEqual([...NEW_KEYS].sort());
    const message = p.report.doubts?.[0].message ?? '';
    expect(message).toContain('“10000000101”没有一种拆法能满足勾稽关系');
    expect(message).toContain('R2“第三项各行：自然人与五类法人或其他组织之和等于总计”');
  });
});

describe('表二 rows run together (no relation to choose by)', () => {
  it('行政规范性文件5845546: a doubt listing every reading, 58、45、546 among them', () => {
    const p = edit(district, '行政规范性文件 | 0 | 5 | 6 |', '行政规范性文件5845546');
    const keys = ['issued', 'repealed', 'in_force'].map((c) => `proactive.normative_documents.${c}`);
    expect(keys.map((k) => p.report.values[k])).toEqual([null, null, null]);
    const message = p.report.doubts?.[0].message ?? '';
    expect(message).toContain('这一行没有勾稽关系可以判断');
    expect(message).toContain('58、45、546');
    expect(doubtCells(p)).toEqual([...keys].sort());
  });

  it('2019 format: “88-720” in 本年增/减 has one reading (88, −720); “56-21208” has three, listed', () => {
    const text = readFileSync(`${FIXTURES}text/2020-county-transport-gov2019.txt`, 'utf8');
    const fees = edit(text, '行政事业性收费 | 2 | 0 | |', '行政事业性收费 88-720');
    expect([fees.report.values['proactive.fees.prev_items'], fees.report.values['proactive.fees.delta']]).toEqual([88, -720]);
    expect(fees.provenance['proactive.fees.delta']).toContain('“88-720”只有一种拆法');
    const licensing = edit(text, '行政许可 | 56 | -2 | 1,208 |', '行政许可 56-21208');
    expect(licensing.report.values['proactive.licensing.delta']).toBeNull();
    expect(licensing.report.doubts?.[0].message).toContain(
      '可以拆成 3 种读法（这一行没有勾稽关系可以判断）：（1）56、-2、1208；（2）56、-21、208；（3）56、-2120、8',
    );
  });
});

describe('a report on one line with headings inline and every row run together (the issue’s example)', () => {
  const text =
    '某某县人民政府办公室2025年政府信息公开工作年度报告 根据条例要求，现公布本年度报告工作。一、总体情况 2025年，我办认真贯彻落实条例。' +
    '二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件5845546' +
    '第二十条第（五）项信息内容本年处理决定数量行政许可12 三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量15130000154 ' +
    '五、存在的主要问题及改进情况2025年存在的问题是公开不够及时。六、其他需要报告的事项无。';
  const p = parseReportText(text, 'one-line.txt');

  it('finds title, sections and rows; splits by the relations; doubts what they cannot decide', () => {
    expect([p.report.unit, p.report.year]).toEqual(['某某县人民政府办公室', 2025]);
    expect(p.report.sections).toEqual({
      overall: '2025年，我办认真贯彻落实条例。',
      problems: '2025年存在的问题是公开不够及时。',
      other: '无。',
    });
    expect(['issued', 'repealed', 'in_force'].map((c) => p.report.values[`proactive.regulations.${c}`])).toEqual([0, 0, 0]);
    expect(p.provenance['proactive.regulations.issued']).toBe('第 1 行“000”只有一种拆法');
    expect(p.report.values['proactive.licensing.decisions']).toBe(12);
    expect(NEW_KEYS.map((k) => p.report.values[k])).toEqual([151, 3, 0, 0, 0, 0, 154]);
    expect(p.provenance['requests.new.natural_person']).toBe('第 1 行“15130000154”按勾稽关系拆分（R2）');
    const split = ['issued', 'repealed', 'in_force'].map((c) => `proactive.normative_documents.${c}`);
    const [first, ...notPrinted] = p.report.doubts ?? [];
    expect(first.cells).toEqual(split);
    expect(first.message).toContain('（7）58、45、546');
    // The rows the excerpt does not print are not known to be blank: each is a doubt saying it was not found.
    expect(notPrinted.length).toBeGreaterThan(0);
    for (const d of notPrinted) expect(d.message).toMatch(/中没有找到“.+”一行/);
    expect(notPrinted.flatMap((d) => d.cells)).toContain('requests.carried_over.total');
    expect(notPrinted.flatMap((d) => d.cells)).not.toContain('requests.new.total');
    expect(notPrinted.flatMap((d) => d.cells)).not.toContain('proactive.licensing.decisions');
  });
});
