// Reports the five samples do not cover, written for these tests: the 2019 format (pipes, PDF copy with
// spaces), 钩稽/其它 spellings, one cell per line with / and — marks, full-width digits, labels broken over
// lines, a missing row, an inserted blank line; and placement rules checked on edited copies of the samples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportHtml, parseReportText } from '../../src/main/importers';
import { validate } from '../../src/shared/validation';
import { loadSamples, type Sample } from '../helpers/samples';
import { HTML_FIXTURES, renderHtml } from './fixtures/generate';
import { REQUEST_COLS, requestRowKeys } from '../helpers/spec-keys';
import { FIXTURES, blanks, doubtCells, expectValues, rowValues, zeros } from './helpers';

const read = (name: string) => parseReportText(readFileSync(`${FIXTURES}text/${name}`, 'utf8'), name);
const samples = new Map(loadSamples().map((s) => [s.name, s]));
const sample = (name: string) => samples.get(name) as Sample;
const NA = '不适用';
const COLUMNS = REQUEST_COLS;
/** Table 三 rows all 0 unless given. */
function requestRows(other: string[], given: Record<string, (number | string | null)[]>) {
  const rows: Record<string, (number | string | null)[]> = {};
  for (const r of requestRowKeys(other)) {
    rows[`requests.${r}`] = given[r] ?? zeros(7);
  }
  return rows;
}

describe('2019 format, pipe cells, 钩稽 and 其它 (2020-county-transport-gov2019.txt)', () => {
  const parsed = read('2020-county-transport-gov2019.txt');

  it('is detected as gov2019 from its tables, with title and 发布日期 read', () => {
    expect(parsed.report.template).toBe('gov2019');
    expect(parsed.report.unit).toBe('某某县交通运输局');
    expect(parsed.report.year).toBe(2020);
    expect(parsed.report.published).toBe('2021-01-28');
  });

  it('reads every cell: signed 本年增/减, thousands separators, / as 不适用, a blank cell between numbers', () => {
    expectValues(
      parsed,
      rowValues('gov2019', {
        'proactive.regulations': [0, 0, 0],
        'proactive.normative_documents': [3, 3, 41],
        'proactive.licensing': [56, -2, 1208],
        'proactive.other_services': [12, 3, 340],
        'proactive.penalty': [20, 0, 87],
        'proactive.coercion': [4, NA, 6],
        'proactive.fees': [2, 0],
        'proactive.procurement': [15, 1234.5],
        ...requestRows(['other'], {
          new: [20, 2, 0, 0, 1, 0, 23],
          carried_over: [3, 0, 0, 0, 0, 0, 3],
          granted: [10, 1, 0, 0, 0, 0, 11],
          partial: [2, 0, 0, 0, 0, 0, 2],
          'withheld.third_party': [1, null, 0, 0, 0, 0, 1],
          'unavailable.not_held': [5, 1, 0, 0, 1, 0, 7],
          'not_processed.duplicate': [1, 0, 0, 0, 0, 0, 1],
          other: [2, 0, 0, 0, 0, 0, 2],
          total: [21, 2, 0, 0, 1, 0, 24],
          carried_forward: [2, 0, 0, 0, 0, 0, 2],
        }),
        'appeals.review': zeros(5),
        'appeals.litigation_direct': [1, 0, 0, 0, 1],
        'appeals.litigation_after_review': zeros(5),
      }),
    );
    expect(parsed.report.doubts).toEqual([]);
    expect(parsed.notes).toEqual([]);
    expect(parsed.provenance['proactive.licensing.decisions']).toBe('第 18 行');
  });

  it('passes the arithmetic rules; the blank cell is reported as blank, not as 0', () => {
    const findings = validate(parsed.report);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.some((f) => f.rule === 'R9' && f.cells.includes('requests.withheld.third_party.commercial'))).toBe(true);
  });
});

describe('2019 grid kept in 2022, copied from a PDF with spaces (2022-city-ecology-pdf-copy.txt)', () => {
  const parsed = read('2022-city-ecology-pdf-copy.txt');

  it('is detected as gov2019 from the tables, not gov2021 from the year, and R10 flags it', () => {
    expect(parsed.report.template).toBe('gov2019');
    expect(parsed.report.year).toBe(2022);
    expect(validate(parsed.report).some((f) => f.rule === 'R10')).toBe(true);
  });

  it('reads every cell from space-separated rows and a markdown table', () => {
    expectValues(
      parsed,
      rowValues('gov2019', {
        'proactive.regulations': [0, 0, 0],
        'proactive.normative_documents': [1, 1, 12],
        'proactive.licensing': [18, 0, 402],
        'proactive.other_services': [3, -1, 27],
        'proactive.penalty': [31, 2, 145],
        'proactive.coercion': [6, 0, 19],
        'proactive.fees': [0, 0],
        'proactive.procurement': [4, 86.2],
        ...requestRows(['other'], {
          new: [6, 1, 0, 0, 0, 0, 7],
          granted: [4, 1, 0, 0, 0, 0, 5],
          'unavailable.not_held': [2, 0, 0, 0, 0, 0, 2],
          total: [6, 1, 0, 0, 0, 0, 7],
        }),
        'appeals.review': zeros(5),
        'appeals.litigation_direct': zeros(5),
        'appeals.litigation_after_review': zeros(5),
      }),
    );
    expect(parsed.report.doubts).toEqual([]);
    expect(parsed.report.published).toBeNull();
  });
});

describe('one cell per line with marks, full-width digits and broken labels (2023-subdistrict-one-cell.txt)', () => {
  const parsed = read('2023-subdistrict-one-cell.txt');

  it('reads a year-first title and a Chinese date', () => {
    expect(parsed.report.template).toBe('gov2021');
    expect(parsed.report.unit).toBe('某某街道办事处');
    expect(parsed.report.year).toBe(2023);
    expect(parsed.report.published).toBe('2024-01-30');
  });

  it('reads every cell it can be sure of, and leaves the rest blank', () => {
    expectValues(
      parsed,
      rowValues('gov2021', {
        'proactive.regulations': blanks(3),
        'proactive.normative_documents': [2, 0, 15],
        'proactive.licensing': [1024],
        'proactive.penalty': [NA],
        'proactive.coercion': [NA],
        'proactive.fees': [0],
        ...requestRows(['other.no_correction', 'other.no_fee', 'other.other'], {
          new: [12, 1, 0, 0, 0, 0, 13],
          carried_over: [3, null, null, null, null, null, 3],
          granted: [8, 1, 0, 0, 0, 0, 9],
          'withheld.process_info': blanks(7),
          'unavailable.not_held': [3, 0, 0, 0, 0, 0, 3],
          'other.other': [null, 0, 0, 0, 0, 0, 0],
          total: [12, 1, 0, 0, 0, 0, 13],
          carried_forward: [3, 0, 0, 0, 0, 0, 3],
        }),
        'appeals.review': [1, 0, 0, 0, 1],
        'appeals.litigation_direct': zeros(5),
        'appeals.litigation_after_review': [NA, NA, NA, NA, NA],
      }),
    );
  });

  it('doubts the row with three numbers for seven cells and the cell that says 无', () => {
    const process = COLUMNS.map((c) => `requests.withheld.process_info.${c}`);
    const regulations = ['issued', 'repealed', 'in_force'].map((c) => `proactive.regulations.${c}`);
    expect(doubtCells(parsed)).toEqual([...regulations, ...process, 'requests.other.other.natural_person'].sort());
    const [, row, word] = parsed.report.doubts ?? [];
    // Dropped equal neighbours (1、0、0、0、0、0、1) or blank cells that print nothing: all add up, no guess.
    expect(row.message).toContain(
      '“1 0 1”可以拆成 6 种都符合勾稽关系的读法：（1）1、0、0、0、0、0、1；（2）1、0、空白、空白、空白、空白、1；',
    );
    expect(row.message).toContain('2023-subdistrict-one-cell.txt 第 115–118 行');
    expect(word.message).toContain('“无”');
  });

  it('doubts the missing 规章 row and notes the 3 | 3 placement', () => {
    expect(parsed.report.doubts?.[0].message).toContain('没有找到“规章”一行');
    expect(parsed.notes.some((n) => n.includes('第二项上年结转') && n.includes('两个相等的数字 3'))).toBe(true);
  });

  it('finds section 五 under its longer wording', () => {
    expect(parsed.report.sections.problems).toBe('信息更新不够及时。下一步将完善信息发布机制。');
  });
});

describe('placement rules on edited copies of the samples', () => {
  const district = sample('2024-district-office').text;
  const NEW_ROW = '一、本年新收政府信息公开申请数量 | 100 | 0 | 0 | 0 | 0 | 0 | 100 | ||';
  const edit = (row: string) => {
    expect(district).toContain(NEW_ROW);
    return parseReportText(district.replace(NEW_ROW, row), 'edited.txt');
  };
  const NEW_KEYS = COLUMNS.map((c) => `requests.new.${c}`);
  const newRow = (p: ReturnType<typeof edit>) => NEW_KEYS.map((k) => p.report.values[k]);

  it('a blank cell between numbers is a real cell: the row is placed exactly', () => {
    const p = edit('一、本年新收政府信息公开申请数量 | 100 |  | 0 | 0 | 0 | 0 | 100 | ||');
    expect(newRow(p)).toEqual([100, null, 0, 0, 0, 0, 100]);
    expect(p.report.doubts).toEqual([]);
  });

  it('a blank first cell cannot be told from a merged label cell: doubt, no guess', () => {
    const p = edit('一、本年新收政府信息公开申请数量 |  | 3 | 0 | 0 | 0 | 0 | 3 | ||');
    expect(newRow(p)).toEqual([null, null, null, null, null, null, null]);
    expect(doubtCells(p)).toEqual([...NEW_KEYS].sort());
  });

  it('two different numbers are not placed by the 自然人/总计 rule', () => {
    const p = edit('一、本年新收政府信息公开申请数量 | 100 | 99 | ||');
    expect(newRow(p).every((v) => v === null)).toBe(true);
    expect(doubtCells(p)).toEqual([...NEW_KEYS].sort());
  });

  it('two equal numbers after a blank cell are not placed by the 自然人/总计 rule, but by the relations', () => {
    const p = edit('一、本年新收政府信息公开申请数量 |  | 100 | 100 | ||');
    // R1 (total − carried over + carried forward, per column) pins 自然人 and 总计 at 100, the rest blank as printed.
    expect(newRow(p)).toEqual([100, null, null, null, null, null, 100]);
    expect(p.report.doubts).toEqual([]);
    expect(p.provenance['requests.new.natural_person']).toBe('第 33 行“100 100”按勾稽关系拆分（R1、R2）');
  });

  it('two equal numbers right after the label are 自然人 and 总计, with a note', () => {
    const p = edit('一、本年新收政府信息公开申请数量 | 100 | 100 | |||||');
    expect(newRow(p)).toEqual([100, null, null, null, null, null, 100]);
    expect(p.report.doubts).toEqual([]);
    expect(p.notes.some((n) => n.includes('两个相等的数字 100'))).toBe(true);
  });

  it('more numbers than cells: doubt', () => {
    const p = edit('一、本年新收政府信息公开申请数量 | 100 | 0 | 0 | 0 | 0 | 0 | 0 | 100 | ||');
    expect(doubtCells(p)).toEqual([...NEW_KEYS].sort());
    expect(p.report.doubts?.[0].message).toContain('却读到 8 个数字');
  });

  it('page numbers left by a PDF copy inside a table are not read as values', () => {
    const p = edit('一、本年新收政府信息公开申请数量 | 100 | 0 | 0 |\n- 3 -\n第 3 页 共 5 页\n0 | 0 | 0 | 100 | ||');
    expect(newRow(p)).toEqual([100, 0, 0, 0, 0, 0, 100]);
    expect(p.report.doubts).toEqual([]);
  });

  it('an inserted blank line and 不适用 in words do not shift anything', () => {
    const p = edit('一、本年新收政府信息公开申请数量 | 不适用 | 0 | 0 |\n\n0 | 0 | 0 | 100 | ||');
    expect(newRow(p)).toEqual([NA, 0, 0, 0, 0, 0, 100]);
    expect(p.report.values['requests.carried_over.total']).toBe(13);
  });
});

describe('real markup places by column where text would have to doubt', () => {
  const base = sample('2024-elunchun-banner');
  const values = { ...base.expected.values, 'requests.new.natural_person': null, 'requests.new.commercial': 3, 'requests.new.total': 3 };
  const edited: Sample = { ...base, expected: { ...base.expected, values } };
  const html = renderHtml(edited, HTML_FIXTURES[3]);

  it('a blank first column in a <table> is placed exactly, no doubt', () => {
    const p = parseReportHtml(html, 'edited.html');
    expectValues(p, values);
    expect(p.report.doubts).toEqual([]);
  });

  it('a stray extra cell makes that row doubtful and leaves the other rows right', () => {
    const row = /<tr><td colspan="3"[^>]*>(?:(?!<\/tr>).)*?一、本年新收(?:(?!<\/tr>).)*<\/tr>/.exec(html)?.[0] ?? '';
    expect(row).not.toBe('');
    const p = parseReportHtml(html.replace(row, row.replace('</tr>', '<td>5</td></tr>')), 'stray.html');
    expect(doubtCells(p)).toEqual(COLUMNS.map((c) => `requests.new.${c}`).sort());
    expect(p.report.values['requests.granted.total']).toBe(4);
    expect(p.report.values['appeals.review.total']).toBe(0);
  });

  it('words in a value cell (见附件) are doubted, not dropped', () => {
    const cell = /<td[^>]*><p[^>]*><span[^>]*>1007<\/span><\/p><\/td>/.exec(html)?.[0] ?? '';
    expect(cell).not.toBe('');
    const p = parseReportHtml(html.replace(cell, '<td colspan="3">见附件</td>'), 'words.html');
    expect(doubtCells(p)).toEqual(['proactive.penalty.decisions']);
    expect(p.report.doubts?.[0].message).toContain('写的是“见附件”');
  });

  it('an empty extra column in every row changes nothing', () => {
    const p = parseReportHtml(html.replace(/<\/tr>/g, '<td>&nbsp;</td></tr>'), 'wide.html');
    expectValues(p, values);
    expect(p.report.doubts).toEqual([]);
  });

  it('two numbers under one merged header cell are doubted, not added up', () => {
    const fee = /<td colspan="3"[^>]*><p[^>]*><span[^>]*>317\.29<\/span><\/p><\/td>/.exec(html)?.[0] ?? '';
    expect(fee).not.toBe('');
    const p = parseReportHtml(html.replace(fee, '<td>317.29</td><td>12</td><td></td>'), 'fee.html');
    expect(doubtCells(p)).toEqual(['proactive.fees.amount']);
    expect(p.report.values['proactive.fees.amount']).toBeNull();
  });
});

describe('other shapes', () => {
  it('tables published as images: the template comes from the year, cells stay blank, and a note says why', () => {
    const p = parseReportText(
      [
        '某某县民政局2023年政府信息公开工作年度报告',
        '一、总体情况',
        '2023年，我局做好政务公开。',
        '二、主动公开政府信息情况',
        '（表格见附图）',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '人手不足。',
        '六、其他需要报告的事项',
        '未收取信息处理费。',
      ].join('\n'),
      'images.txt',
    );
    expect(p.report.template).toBe('gov2021');
    expect(Object.values(p.report.values).every((v) => v === null)).toBe(true);
    expect(p.report.doubts).toEqual([]);
    expect(p.notes).toHaveLength(1);
    expect(p.notes[0]).toContain('没有找到统计表格（可能是图片），按2023年认作2021年版格式');
  });

  it('a pre-2019 appendix with tab-separated rows, 本年度/累计 headers and a blank cell', () => {
    const p = parseReportText(
      [
        '某某县2017年政府信息公开工作年度报告',
        '一、概述',
        '2017年，我县政府信息公开工作平稳推进。',
        '二、存在的主要问题及改进措施',
        '宣传不够。',
        '三、其他需要报告的事项',
        '附表',
        '指标名称\t计量单位\t本年度\t累计',
        '主动公开信息数\t条\t120\t900',
        '依申请公开数\t件\t3\t',
        '说明：以上数据截至2017年12月31日。',
      ].join('\n'),
      'appendix.txt',
    );
    expect(p.report.template).toBe('legacy');
    expect(p.report.year).toBe(2017);
    expect(p.report.unit).toBe('某某县');
    expect(p.report.legacy).toEqual([
      { label: '主动公开信息数', unit: '条', this_year: 120, cumulative: 900 },
      { label: '依申请公开数', unit: '件', this_year: 3, cumulative: null },
    ]);
    expect(p.report.sections.other).toBe('附表\n说明：以上数据截至2017年12月31日。');
  });
});
