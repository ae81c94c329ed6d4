import { describe, expect, it } from 'vitest';
import { emptyReport, NOT_APPLICABLE, parseReport } from '../../src/shared/report';

const base = { template: 'gov2021', unit: '某县人民政府', year: 2024 };

describe('report model', () => {
  it('keeps blanks blank: absent and null cells are null, never 0', () => {
    const r = parseReport({ ...base, values: { 'requests.new.total': 5, 'requests.new.natural_person': null } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.values['requests.new.total']).toBe(5);
    expect(r.report.values['requests.new.natural_person']).toBeNull();
    expect(r.report.values['appeals.review.total']).toBeNull();
    expect(Object.keys(r.report.values)).toHaveLength(200);
    expect(Object.values(emptyReport('gov2019').values).every((v) => v === null)).toBe(true);
  });

  it('keeps 不适用 as 不适用 and accepts a decimal fee', () => {
    const r = parseReport({ ...base, values: { 'proactive.fees.amount': 317.29, 'proactive.regulations.issued': NOT_APPLICABLE } });
    expect(r.ok && r.report.values['proactive.fees.amount']).toBe(317.29);
    expect(r.ok && r.report.values['proactive.regulations.issued']).toBe(NOT_APPLICABLE);
  });

  it('refuses an unknown template, naming the ones that exist', () => {
    const r = parseReport({ ...base, template: 'gov2020' });
    expect(r).toEqual({ ok: false, errors: ['template：未知的表样版本“gov2020”（可用：gov2021、gov2019、legacy）'] });
  });

  it('refuses an unknown cell key, and a key of the other version', () => {
    const r = parseReport({ ...base, values: { 'requests.new.people': 1, 'proactive.procurement.items': 2 } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual([
      'values.requests.new.people：不是 gov2021 表样中的单元格',
      'values.proactive.procurement.items：不是 gov2021 表样中的单元格',
    ]);
  });

  it('refuses negative and fractional counts, saying which cell', () => {
    const r = parseReport({ ...base, values: { 'requests.new.total': -3, 'requests.granted.total': 1.5 } });
    expect(!r.ok && r.errors).toEqual([
      'values.requests.new.total（第一项本年新收（总计））：不能为负数，实为 -3',
      'values.requests.granted.total（第三项（一）予以公开（总计））：应为整数，实为 1.5',
    ]);
  });

  it('lets a gov2019 本年增/减 be negative but not fractional; a fee may not be negative', () => {
    expect(parseReport({ ...base, template: 'gov2019', year: 2020, values: { 'proactive.licensing.delta': -4 } }).ok).toBe(true);
    expect(parseReport({ ...base, template: 'gov2019', year: 2020, values: { 'proactive.licensing.delta': 0.5 } }).ok).toBe(false);
    expect(parseReport({ ...base, values: { 'proactive.fees.amount': -1 } }).ok).toBe(false);
  });

  it('refuses wrong types with the path of the problem', () => {
    const r = parseReport({ ...base, values: { 'requests.new.total': '12' } });
    expect(!r.ok && r.errors[0]).toBe('values.requests.new.total（第一项本年新收（总计））：应为数字、空值（null）或“不适用”，实为“12”');
    const nested = parseReport({ ...base, values: { 'requests.new.total': { formula: '=A1' } } });
    expect(!nested.ok && nested.errors[0]).toMatch(/^values\.requests\.new\.total（.+）：.+实为对象$/);
    expect(parseReport({ ...base, values: [1, 2] }).ok).toBe(false);
    expect(parseReport({ ...base, published: '2025/2/10' }).ok).toBe(false);
    expect(parseReport({ ...base, unit_kind: 'ministry' }).ok).toBe(false);
    expect(parseReport('not a report').ok).toBe(false);
  });

  it('drops keys it does not know at the top level (the samples carry notes)', () => {
    const r = parseReport({ ...base, notes: 'x', expected_findings: {} });
    expect(r.ok && 'notes' in r.report).toBe(false);
  });
});
