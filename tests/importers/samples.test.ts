// The five reference samples (spec §9): each parses to exactly its hand-read figures, with the doubts and
// findings its notes describe.
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/main/importers';
import { validate } from '../../src/shared/validation';
import { getTemplate } from '../../src/shared/template';
import { loadSamples } from '../helpers/samples';
import { doubtCells, expectValues } from './helpers';

const samples = loadSamples();
const parse = (name: string) => {
  const s = samples.find((x) => x.name === name);
  if (!s) throw new Error(`no sample ${name}`);
  return { sample: s, parsed: parseReportText(s.text, `${name}.txt`) };
};

describe('reference samples', () => {
  it('finds all five samples', () => {
    expect(samples.map((s) => s.name)).toEqual([
      '2018-jinan-district',
      '2021-county-city-office',
      '2024-district-office',
      '2024-elunchun-banner',
      '2024-jiaohu-town',
    ]);
  });

  describe.each(samples.map((s) => s.name))('%s', (name) => {
    const { sample, parsed } = parse(name);
    const { report } = parsed;

    it('detects the template from the tables and reads unit, year and publication date', () => {
      expect(report.template).toBe(sample.expected.template);
      expect(report.unit).toBe(sample.expected.unit);
      expect(report.year).toBe(sample.expected.year);
      expect(report.published).toBe(sample.expected.published ?? null);
    });

    it('reads every cell exactly as the hand-read figures (null where the report left it blank)', () => {
      const keys = getTemplate(report.template).cells.map((c) => c.key);
      expect(Object.keys(sample.expected.values ?? {}).sort()).toEqual([...keys].sort());
      expectValues(parsed, sample.expected.values ?? {});
    });

    it('says where every value came from (line of the source text)', () => {
      const filled = Object.entries(report.values).filter(([, v]) => v !== null);
      for (const [key] of filled) expect(parsed.provenance[key], key).toMatch(/^第 \d+ 行$/);
      const lines = sample.text.split('\n');
      for (const [key, v] of filled) {
        const line = lines[Number(/\d+/.exec(parsed.provenance[key])?.[0]) - 1];
        expect(line.normalize('NFKC'), key).toContain(String(v));
      }
    });

    it('keeps the legacy appendix rows (pre-2019 only)', () => {
      if (sample.expected.template === 'legacy') expect(report.legacy).toEqual(sample.expected.legacy);
      else expect(report.legacy).toBeUndefined();
    });

    it('splits the text sections', () => {
      expect(Object.keys(report.sections).sort()).toEqual(['other', 'overall', 'problems']);
      for (const text of Object.values(report.sections)) expect(text?.length).toBeGreaterThan(0);
    });

    it('has no error findings, and the warnings its notes describe', () => {
      const findings = validate(report);
      expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
      const r8 = findings.some((f) => f.rule === 'R8');
      expect(r8).toBe(sample.expected.expected_findings.warnings_include.some((w) => w.includes('信息处理费')));
    });
  });

  it('2024 elunchun: title, page-header date, one cell per line, decimal fee; no doubts', () => {
    const { parsed } = parse('2024-elunchun-banner');
    expect(parsed.report.doubts).toEqual([]);
    expect(parsed.report.values['proactive.fees.amount']).toBe(317.29);
    expect(parsed.provenance['proactive.fees.amount']).toBe('第 89 行');
    expect(parsed.provenance['requests.other.other.natural_person']).toBe('第 481 行');
    expect(parsed.report.sections.other).toBe('本年度鄂伦春自治旗未产生政府信息公开信息处理费。');
    expect(parsed.notes).toEqual([]);
  });

  it('2021 county: table 四 has four numbers for fifteen cells → all null with one doubt, never a guess', () => {
    const { sample, parsed } = parse('2021-county-city-office');
    const appeals = getTemplate('gov2021')
      .cells.filter((c) => c.table === 'appeals')
      .map((c) => c.key);
    expect(appeals).toHaveLength(15);
    for (const k of appeals) expect(parsed.report.values[k]).toBeNull();
    expect(parsed.report.doubts).toHaveLength(1);
    expect(doubtCells(parsed)).toEqual([...appeals].sort());
    expect(doubtCells(parsed)).toEqual([...((sample.expected as { ambiguous?: string[] }).ambiguous ?? [])].sort());
    const message = parsed.report.doubts?.[0].message ?? '';
    expect(message).toContain('2021-county-city-office.txt');
    expect(message).toContain('第 155–158 行');
    expect(message).toContain('表四');
    expect(message).toContain('1、1、2、2');
  });

  it('2021 county: blank cells of table 三 stay null, never 0; 13 | 13 goes to 自然人 and 总计 with a note', () => {
    const { parsed } = parse('2021-county-city-office');
    const v = parsed.report.values;
    expect([v['requests.new.natural_person'], v['requests.new.total']]).toEqual([13, 13]);
    expect(v['requests.new.commercial']).toBeNull();
    expect(v['requests.carried_over.natural_person']).toBeNull();
    expect(v['requests.carried_forward.total']).toBeNull();
    const zerosInRequests = Object.entries(v).filter(([k, x]) => k.startsWith('requests.') && x === 0);
    expect(zerosInRequests).toEqual([]);
    expect(parsed.provenance['requests.new.natural_person']).toBe('第 73 行');
    expect(parsed.provenance['requests.new.total']).toBe('第 74 行');
    const pairNotes = parsed.notes.filter((n) => n.includes('两个相等的数字'));
    expect(pairNotes).toHaveLength(3);
    expect(pairNotes[0]).toMatch(/^2021-county-city-office\.txt 第 72–75 行：表三/);
  });

  it('2021 county: no title, so unit and year stay null; findings flag the blanks and the missing fee statement', () => {
    const { parsed } = parse('2021-county-city-office');
    expect(parsed.report.unit).toBeNull();
    expect(parsed.report.year).toBeNull();
    const findings = validate(parsed.report);
    const blanks = findings.filter((f) => f.rule === 'R9' && f.severity === 'warning');
    expect(blanks.some((f) => f.cells.includes('requests.carried_over.natural_person'))).toBe(true);
    expect(findings.some((f) => f.rule === 'R8')).toBe(true);
  });

  it('2024 district office: pipes, stray repeated paragraph noted and kept out of the sections, year from the opening', () => {
    const { parsed } = parse('2024-district-office');
    expect(parsed.report.doubts).toEqual([]);
    expect(parsed.notes.some((n) => n.includes('第 1 行与第 7 行是同一段文字'))).toBe(true);
    expect(parsed.notes.some((n) => n.includes('报告年份 2024 取自“总体情况”的第一句'))).toBe(true);
    expect(parsed.report.sections.overall?.startsWith('2024年,区政府办公室坚持')).toBe(true);
    expect(parsed.report.values['requests.total.total']).toBe(113);
    expect(parsed.provenance['requests.total.total']).toBe('第 56 行');
  });

  it('2024 jiaohu: tabs with empty merged cells, full-width brackets, spaced title', () => {
    const { parsed } = parse('2024-jiaohu-town');
    expect(parsed.report.doubts).toEqual([]);
    expect(parsed.report.unit).toBe('焦虎镇');
    expect(parsed.provenance['requests.other.other.total']).toBe('第 73 行');
    expect(parsed.provenance['appeals.litigation_after_review.total']).toBe('第 82 行');
  });

  it('2018 jinan: legacy appendix, year from its 2018年 column, unit inferred from the text with a note', () => {
    const { parsed } = parse('2018-jinan-district');
    expect(parsed.report.doubts).toEqual([]);
    expect(parsed.report.legacy).toHaveLength(15);
    expect(parsed.provenance['legacy.0']).toBe('第 102 行');
    expect(parsed.notes.some((n) => n.includes('单位名称“晋安区”是从正文推断的'))).toBe(true);
    expect(parsed.report.sections.other).not.toContain('主动公开文件数');
    expect(parsed.report.sections.other).toContain('无其他需要说明的事项');
  });
});
