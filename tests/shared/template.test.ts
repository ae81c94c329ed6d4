import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLES_DIR } from '../helpers/samples';
import { REQUEST_COLS, requestRowKeys } from '../helpers/spec-keys';
import { getTemplate, labelMatches, normalizeLabel, type Table } from '../../src/shared/template';

// The keys as spec §3–§5 list them, written out here on purpose: the template must reproduce them.
const requestRows = requestRowKeys;
const APPEALS = ['review', 'litigation_direct', 'litigation_after_review'].flatMap((g) =>
  ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `appeals.${g}.${c}`),
);
const specKeys2021 = [
  ...['regulations', 'normative_documents'].flatMap((r) => ['issued', 'repealed', 'in_force'].map((c) => `proactive.${r}.${c}`)),
  'proactive.licensing.decisions',
  'proactive.penalty.decisions',
  'proactive.coercion.decisions',
  'proactive.fees.amount',
  ...requestRows(['other.no_correction', 'other.no_fee', 'other.other']).flatMap((r) => REQUEST_COLS.map((c) => `requests.${r}.${c}`)),
  ...APPEALS,
];
const specKeys2019 = [
  ...['regulations', 'normative_documents'].flatMap((r) =>
    ['new_made', 'new_published', 'total_published'].map((c) => `proactive.${r}.${c}`),
  ),
  ...['licensing', 'other_services', 'penalty', 'coercion'].flatMap((r) =>
    ['prev_items', 'delta', 'decisions'].map((c) => `proactive.${r}.${c}`),
  ),
  'proactive.fees.prev_items',
  'proactive.fees.delta',
  'proactive.procurement.items',
  'proactive.procurement.amount',
  ...requestRows(['other']).flatMap((r) => REQUEST_COLS.map((c) => `requests.${r}.${c}`)),
  ...APPEALS,
];

const count = (id: 'gov2021' | 'gov2019', table: string) => getTemplate(id).cells.filter((c) => c.table === table).length;

/** "A1:C3" style ranges of the non-value layout cells, for comparing with spec §8. */
const a1 = (row: number, col: number) => `${String.fromCharCode(64 + col)}${row}`;
const range = (c: { row: number; col: number; rowSpan: number; colSpan: number }) =>
  c.rowSpan === 1 && c.colSpan === 1 ? a1(c.row, c.col) : `${a1(c.row, c.col)}:${a1(c.row + c.rowSpan - 1, c.col + c.colSpan - 1)}`;
const rangeOf = (t: Table, text: string) => t.layout.cells.filter((c) => c.text === text).map(range);
const table = (id: 'gov2021' | 'gov2019', tid: string) => getTemplate(id).tables.find((t) => t.id === tid)!;

describe('template definitions', () => {
  it('gov2021 has 10 + 175 + 15 = 200 cells with the spec keys, in order', () => {
    expect([count('gov2021', 'proactive'), count('gov2021', 'requests'), count('gov2021', 'appeals')]).toEqual([10, 175, 15]);
    expect(getTemplate('gov2021').cells.map((c) => c.key)).toEqual(specKeys2021);
  });

  it('gov2019 has 22 + 161 + 15 = 198 cells with the spec keys, in order', () => {
    expect([count('gov2019', 'proactive'), count('gov2019', 'requests'), count('gov2019', 'appeals')]).toEqual([22, 161, 15]);
    expect(getTemplate('gov2019').cells.map((c) => c.key)).toEqual(specKeys2019);
  });

  it('legacy has no grid but the label/unit/this-year/cumulative columns', () => {
    const t = getTemplate('legacy');
    expect(t.cells).toHaveLength(0);
    expect(t.legacyColumns?.map((c) => c.key)).toEqual(['label', 'unit', 'this_year', 'cumulative']);
  });

  it('the gov2021 sample expected files use exactly the template keys', () => {
    for (const name of ['2024-elunchun-banner', '2024-district-office', '2024-jiaohu-town', '2021-county-city-office']) {
      const expected = JSON.parse(readFileSync(`${SAMPLES_DIR}/${name}.expected.json`, 'utf8'));
      expect(Object.keys(expected.values).sort()).toEqual([...specKeys2021].sort());
    }
  });

  it('amount and signed cells are typed', () => {
    const kinds = (id: 'gov2021' | 'gov2019') =>
      getTemplate(id)
        .cells.filter((c) => c.kind !== 'count')
        .map((c) => `${c.key}:${c.kind}`);
    expect(kinds('gov2021')).toEqual(['proactive.fees.amount:amount']);
    expect(kinds('gov2019')).toEqual([
      'proactive.licensing.delta:signed',
      'proactive.other_services.delta:signed',
      'proactive.penalty.delta:signed',
      'proactive.coercion.delta:signed',
      'proactive.fees.delta:signed',
      'proactive.procurement.amount:amount',
    ]);
  });

  it('names cells the way messages need them', () => {
    const t = getTemplate('gov2021');
    expect(t.cellByKey.get('requests.total.natural_person')?.name).toBe('第三项（七）总计（自然人）');
    expect(t.cellByKey.get('appeals.litigation_direct.total')?.name).toBe('行政诉讼（未经复议直接起诉）·总计');
  });
});

describe('merged-cell layout (spec §8)', () => {
  it('table 二 gov2021: captions over A:D, one value column spans B:D', () => {
    const t = table('gov2021', 'proactive');
    expect(t.layout).toMatchObject({ rows: 14, cols: 4, labelColumns: 1 });
    expect(rangeOf(t, '第二十条第（一）项')).toEqual(['A1:D1']);
    expect(rangeOf(t, '第二十条第（五）项')).toEqual(['A5:D5']);
    expect(rangeOf(t, '第二十条第（六）项')).toEqual(['A8:D8']);
    expect(rangeOf(t, '第二十条第（八）项')).toEqual(['A12:D12']);
    expect(rangeOf(t, '本年处理决定数量')).toEqual(['B6:D6', 'B9:D9']);
    expect(rangeOf(t, '信息内容')).toEqual(['A2', 'A6', 'A9', 'A13']);
    expect(rangeOf(t, '行政许可')).toEqual(['A7']);
    const value = (key: string) => range(t.layout.cells.find((c) => c.key === key)!);
    expect(value('proactive.regulations.issued')).toBe('B3');
    expect(value('proactive.normative_documents.in_force')).toBe('D4');
    expect(value('proactive.licensing.decisions')).toBe('B7:D7');
    expect(value('proactive.coercion.decisions')).toBe('B11:D11');
    expect(value('proactive.fees.amount')).toBe('B14:D14');
  });

  it('table 三 gov2021: the 勾稽 note, the applicant header and the row groups', () => {
    const t = table('gov2021', 'requests');
    expect(t.layout).toMatchObject({ rows: 28, cols: 10, labelColumns: 3 });
    expect(rangeOf(t, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')).toEqual(['A1:C3']);
    expect(rangeOf(t, '申请人情况')).toEqual(['D1:J1']);
    expect(rangeOf(t, '自然人')).toEqual(['D2:D3']);
    expect(rangeOf(t, '法人或其他组织')).toEqual(['E2:I2']);
    expect(rangeOf(t, '总计')).toEqual(['J2:J3']);
    expect(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((x) => rangeOf(t, x)[0])).toEqual([
      'E3',
      'F3',
      'G3',
      'H3',
      'I3',
    ]);
    expect(rangeOf(t, '一、本年新收政府信息公开申请数量')).toEqual(['A4:C4']);
    expect(rangeOf(t, '二、上年结转政府信息公开申请数量')).toEqual(['A5:C5']);
    expect(rangeOf(t, '三、本年度办理结果')).toEqual(['A6:A27']);
    expect(rangeOf(t, '（一）予以公开')).toEqual(['B6:C6']);
    expect(rangeOf(t, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toEqual(['B7:C7']);
    expect(rangeOf(t, '（三）不予公开')).toEqual(['B8:B15']);
    expect(rangeOf(t, '1.属于国家秘密')).toEqual(['C8']);
    expect(rangeOf(t, '（四）无法提供')).toEqual(['B16:B18']);
    expect(rangeOf(t, '（五）不予处理')).toEqual(['B19:B23']);
    expect(rangeOf(t, '（六）其他处理')).toEqual(['B24:B26']);
    expect(rangeOf(t, '（七）总计')).toEqual(['B27:C27']);
    expect(rangeOf(t, '四、结转下年度继续办理')).toEqual(['A28:C28']);
    const values = t.layout.cells.filter((c) => c.role === 'value');
    expect(values.map((c) => range(c))[0]).toBe('D4');
    expect(values.map((c) => range(c)).at(-1)).toBe('J28');
  });

  it('table 三 gov2019: one （六） row, （七） at row 25, 四 at row 26', () => {
    const t = table('gov2019', 'requests');
    expect(rangeOf(t, '三、本年度办理结果')).toEqual(['A6:A25']);
    expect(rangeOf(t, '（六）其他处理')).toEqual(['B24:C24']);
    expect(rangeOf(t, '（七）总计')).toEqual(['B25:C25']);
    expect(rangeOf(t, '四、结转下年度继续办理')).toEqual(['A26:C26']);
  });

  it('table 四: 行政复议 A1:E1, 行政诉讼 F1:O1, its two groups, data in A4:O4', () => {
    const t = table('gov2021', 'appeals');
    expect(t.layout).toMatchObject({ rows: 4, cols: 15, labelColumns: 0 });
    expect(rangeOf(t, '行政复议')).toEqual(['A1:E1']);
    expect(rangeOf(t, '行政诉讼')).toEqual(['F1:O1']);
    expect(rangeOf(t, '未经复议直接起诉')).toEqual(['F2:J2']);
    expect(rangeOf(t, '复议后起诉')).toEqual(['K2:O2']);
    expect(rangeOf(t, '结果维持')).toEqual(['A2:A3', 'F3', 'K3']);
    expect(rangeOf(t, '总计')).toEqual(['E2:E3', 'J3', 'O3']);
    const values = t.layout.cells.filter((c) => c.role === 'value').map(range);
    expect(values[0]).toBe('A4');
    expect(values.at(-1)).toBe('O4');
  });

  it('every layout covers its grid exactly once, and every cell key has one value position', () => {
    for (const id of ['gov2021', 'gov2019'] as const) {
      for (const t of getTemplate(id).tables) {
        const seen = new Map<string, number>();
        for (const c of t.layout.cells)
          for (let r = c.row; r < c.row + c.rowSpan; r++)
            for (let col = c.col; col < c.col + c.colSpan; col++) seen.set(`${r},${col}`, (seen.get(`${r},${col}`) ?? 0) + 1);
        expect(seen.size, `${id} ${t.id}`).toBe(t.layout.rows * t.layout.cols);
        expect(
          [...seen.values()].every((n) => n === 1),
          `${id} ${t.id} overlaps`,
        ).toBe(true);
        const valueKeys = t.layout.cells.filter((c) => c.role === 'value').map((c) => c.key);
        expect(valueKeys).toEqual(t.cells.map((c) => c.key));
      }
    }
  });
});

describe('label normaliser', () => {
  it('ignores whitespace, line breaks and full-width forms', () => {
    expect(normalizeLabel('商业\n企业')).toBe('商业企业');
    expect(normalizeLabel('第二十条第（一）项')).toBe(normalizeLabel('第二十条第(一)项'));
    expect(normalizeLabel('本年收费金额（单位：万元）')).toBe('本年收费金额(单位:万元)');
    expect(normalizeLabel('１２３')).toBe('123');
  });

  it('treats 钩稽/勾稽, 其它/其他, 、/，/, and quote styles alike', () => {
    expect(normalizeLabel('本列数据的钩稽关系')).toBe(normalizeLabel('本列数据的勾稽关系'));
    expect(normalizeLabel('3.其它')).toBe(normalizeLabel('3.其他'));
    expect(normalizeLabel('逾期不补正，行政机关')).toBe(normalizeLabel('逾期不补正、行政机关'));
    expect(normalizeLabel('危及"三安全一稳定"')).toBe(normalizeLabel('危及“三安全一稳定”'));
    expect(normalizeLabel('〔2021〕30号')).toBe(normalizeLabel('(2021)30号'));
  });

  it('matches printed labels and their variants, and nothing else', () => {
    expect(labelMatches('本年收费金额单位:万元', '本年收费金额（单位：万元）', ['本年收费金额单位:万元'])).toBe(true);
    expect(
      labelMatches('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'),
    ).toBe(true);
    expect(labelMatches('行政许可', '行政处罚')).toBe(false);
  });

  it('every printed label of every template is stable under normalisation (idempotent)', () => {
    for (const id of ['gov2021', 'gov2019'] as const)
      for (const t of getTemplate(id).tables)
        for (const c of t.layout.cells) expect(normalizeLabel(normalizeLabel(c.text))).toBe(normalizeLabel(c.text));
  });
});
