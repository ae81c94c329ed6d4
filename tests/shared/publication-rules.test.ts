// R12–R17, the checks evaluators apply before publication: each on a real sample text and on a planted fault.
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/main/importers';
import type { Report } from '../../src/shared/report';
import { daysBetween, publicationDeadline, validate, type Finding, type RuleId } from '../../src/shared/validation';
import { textSimilarity } from '../../src/shared/validation/publication';
import { loadSamples } from '../helpers/samples';

const samples = new Map(loadSamples().map((s) => [s.name, s]));
const read = (name: string): { report: Report; text: string } => {
  const s = samples.get(name)!;
  return { report: parseReportText(s.text, `${name}.txt`).report, text: s.text };
};
const only = (findings: Finding[], rule: RuleId) => findings.filter((f) => f.rule === rule);
const withText = (r: Report, key: 'overall' | 'problems' | 'other', text: string): Report => ({
  ...r,
  sections: { ...r.sections, [key]: text },
});
const NEW_RULES: RuleId[] = ['R12', 'R13', 'R14', 'R15', 'R16', 'R17'];

describe('the real samples', () => {
  it('trigger none of the new rules, except the 2021 sample’s mistyped 文号 (R14)', () => {
    for (const [name, s] of samples) {
      const { report } = read(name);
      const found = validate(report, { sourceText: s.text }).filter((f) => NEW_RULES.includes(f.rule));
      if (name === '2021-county-city-office') {
        expect(found.map((f) => f.rule)).toEqual(['R14']);
        expect(found[0].message).toBe(
          '“一、总体情况”：文号“国办公开函{2019}61号”有误，发文机关代字应为“国办公开办函”（如 国办公开办函〔2019〕61号）',
        );
      } else expect(found, name).toEqual([]);
    }
  });
});

describe('R12 similarity to last year', () => {
  const { report } = read('2024-elunchun-banner');
  const lastYear = (sections: Report['sections']): Report => ({ ...report, year: 2023, sections });

  it('warns when a part repeats last year’s text, naming the share and the repeated passages', () => {
    const f = only(validate(report, { previous: lastYear(report.sections) }), 'R12');
    // 一 and 五 are long enough to compare; 六 is one short sentence that may well stay the same every year.
    expect(f.map((x) => x.message.split('，')[0])).toEqual([
      '“一、总体情况”有 100% 的文字与 2023 年报告相同',
      '“五、存在的主要问题及改进情况”有 100% 的文字与 2023 年报告相同',
    ]);
    expect(f[0].message).toContain('重复的段落如 “');
    // A passage shown is one paragraph, not the heading （一） run into the text after it.
    expect(f[0].message).not.toContain('主动公开情况鄂伦春');
    expect(f[0].severity).toBe('warning');
  });

  it('stays quiet for another unit’s text, for a short 六, and when the previous report is not the year before', () => {
    const other = read('2024-district-office').report;
    expect(only(validate(report, { previous: lastYear(other.sections) }), 'R12')).toEqual([]);
    expect(only(validate(report, { previous: { ...report, year: 2022 } }), 'R12')).toEqual([]);
  });

  it('counts half rewritten as below the limit, and more than half kept as above it', () => {
    const text = report.sections.overall!;
    const paragraphs = text.split('\n');
    const half = Math.floor(paragraphs.length / 2);
    const sim = textSimilarity(text, paragraphs.slice(0, half).join('\n'));
    expect(sim.share).toBeGreaterThan(0.1);
    expect(sim.share).toBeLessThan(0.9);
    const rewritten = lastYear({ overall: paragraphs.slice(0, 2).join('\n') });
    expect(only(validate(report, { previous: rewritten }), 'R12')).toEqual([]);
    const kept = lastYear({ overall: paragraphs.slice(0, -1).join('\n') });
    expect(only(validate(report, { previous: kept }), 'R12')).toHaveLength(1);
  });
});

describe('R13 years that do not fit', () => {
  it('finds nothing in the 2018 sample, which names 2018 many times', () => {
    const { report } = read('2018-jinan-district');
    expect(report.sections.overall).toContain('2018年');
    expect(only(validate(report), 'R13')).toEqual([]);
  });

  it('flags last year left at the start of a sentence, a wrong statistics period and a year after next', () => {
    const { report } = read('2024-elunchun-banner');
    const text = report.sections.overall!.replace('2024年,通过', '2023年,通过');
    expect(text).not.toBe(report.sections.overall);
    const f = only(validate(withText(report, 'overall', text)), 'R13');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('“2023年,通过鄂伦春自治旗人民政府门户网站');
    expect(f[0].message).toContain('句首的年份应是报告年度 2024 年');
    const period = only(validate(withText(report, 'other', '本年度报告中所列数据统计期限从2023年1月1日到12月31日止。')), 'R13');
    expect(period[0].message).toContain('统计期限应从 2024 年1月1日起');
    const future = only(validate(withText(report, 'problems', '2026年将进一步加强培训。2025年将完善制度。')), 'R13');
    expect(future).toHaveLength(1);
    expect(future[0].message).toContain('2026 年，晚于报告年度 2024 年');
  });
});

describe('R14 the format’s 文号', () => {
  const { report } = read('2024-elunchun-banner');
  const cite = (doc: string) =>
    only(validate(withText(report, 'other', `本年度报告依据${doc}制作。本年度未收取信息处理费。`)), 'R14').map((f) => f.message);

  it('accepts the sample’s own citation of the 2021 format', () => {
    // The elunchun page cites the format in its opening paragraph, before 一、总体情况.
    const opening = /本年度报告根据.*?制作。/.exec(samples.get('2024-elunchun-banner')!.text)![0];
    expect(opening).toContain('国办公开办函〔2021〕30号');
    expect(only(validate(withText(report, 'overall', opening)), 'R14')).toEqual([]);
  });

  it('flags the superseded 2019 format, a wrong prefix and the wrong brackets', () => {
    expect(cite('国办公开办函〔2019〕60号')).toEqual([
      '“六、其他需要报告的事项”：引用的“国办公开办函〔2019〕60号”是2019年版（试行）格式，已被国办公开办函〔2021〕30号替代；2024 年的报告应依据国办公开办函〔2021〕30号',
    ]);
    expect(cite('国办公开函〔2021〕30号')).toEqual([
      '“六、其他需要报告的事项”：文号“国办公开函〔2021〕30号”有误，发文机关代字应为“国办公开办函”（如 国办公开办函〔2021〕30号）',
    ]);
    expect(cite('国办公开办函[2021]30号')).toEqual([
      '“六、其他需要报告的事项”：文号“国办公开办函[2021]30号”的年份应使用六角括号〔〕，写作“国办公开办函〔2021〕30号”',
    ]);
    expect(cite('国办公开办函（2021）30号')).toHaveLength(1);
    expect(cite('〔2019〕60号')).toHaveLength(1);
    // Another office's document that happens to carry the same number is not the format.
    expect(cite('国发〔2019〕60号')).toEqual([]);
    expect(cite('某政办发〔2021〕30号')).toEqual([]);
    expect(cite('某政办发[2021]30号')).toEqual([]);
    expect(cite('（[2021]30号）')).toHaveLength(1);
    expect(cite('国办公开办函〔2021〕30号')).toEqual([]);
  });

  it('accepts 〔2019〕60号 in a 2020 report, which used that format', () => {
    const r2020 = { ...withText(report, 'other', '依据国办公开办函〔2019〕60号制作。'), year: 2020, template: 'gov2019' as const };
    expect(only(validate(r2020), 'R14')).toEqual([]);
  });
});

describe('R15 text against tables', () => {
  it('flags “办结率100%” in the elunchun text once cases are carried over, not before', () => {
    const { report } = read('2024-elunchun-banner');
    expect(report.sections.overall).toContain('按期办结率100%');
    expect(only(validate(report), 'R15')).toEqual([]);
    const carried = { ...report, values: { ...report.values, 'requests.carried_forward.total': 2 } };
    const f = only(validate(carried), 'R15');
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual(['requests.carried_forward.total']);
    expect(f[0].message).toContain('而表中第四项结转下年度继续办理（总计）为 2');
  });

  it('flags “所有申请均已办结” when cases are carried over', () => {
    const { report } = read('2024-district-office');
    const r = withText(
      { ...report, values: { ...report.values, 'requests.carried_forward.total': 1 } },
      'overall',
      '本年共收到申请10件，所有申请均已办结。',
    );
    expect(only(validate(r), 'R15')[0].message).toContain('所有申请均已办结');
  });

  it('flags a legacy appendix row whose 历年累计 is below this year', () => {
    const { report } = read('2018-jinan-district');
    expect(only(validate(report), 'R15')).toEqual([]);
    const legacy = report.legacy!.map((r, i) => (i === 3 ? { ...r, cumulative: 100 } : r));
    expect(only(validate({ ...report, legacy }), 'R15')[0].message).toBe(
      '附表中历年累计小于本年数，不可能成立：“受理政府信息公开申请总数”本年 192、历年累计 100',
    );
  });
});

describe('R16 五 that says nothing', () => {
  const { report } = read('2024-jiaohu-town');
  it('accepts the sample’s 五 and leaves an empty 五 to R9', () => {
    expect(only(validate(report), 'R16')).toEqual([]);
    const empty = validate(withText(report, 'problems', ''));
    expect(only(empty, 'R16')).toEqual([]);
    expect(only(empty, 'R9').some((f) => f.message.includes('五、存在的主要问题及改进情况'))).toBe(true);
  });
  it.each(['无', '无。', '——', '暂无', ' / ', '-'])('flags 五 written as “%s”', (text) => {
    const f = only(validate(withText(report, 'problems', text)), 'R16');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('只写了');
  });
});

describe('R17 the six parts of an imported text', () => {
  const { report, text } = read('2024-district-office');
  const r17 = (t: string) => only(validate(report, { sourceText: t }), 'R17').map((f) => f.message);

  it('finds the sample’s six parts in order', () => {
    expect(r17(text)).toEqual([]);
    expect(only(validate(report), 'R17')).toEqual([]);
  });
  it('flags a missing part, parts out of order and a wrong numeral', () => {
    expect(r17(text.replace('六、其他需要报告的事项', '其他需要报告的事项'))).toEqual(['原文缺少 “六、其他需要报告的事项” 部分']);
    const swapped = text
      .replace('四、政府信息公开行政复议、行政诉讼情况', '@@')
      .replace('五、存在的主要问题及改进情况', '四、政府信息公开行政复议、行政诉讼情况')
      .replace('@@', '五、存在的主要问题及改进情况');
    // Swapping the two headings leaves their numbering right but the parts out of order.
    expect(r17(swapped)).toEqual([
      '原文各部分的顺序与格式不符：“一、总体情况” → “二、主动公开政府信息情况” → “三、收到和处理政府信息公开申请情况” → “五、存在的主要问题及改进情况” → “四、政府信息公开行政复议、行政诉讼情况” → “六、其他需要报告的事项”',
    ]);
    expect(r17(text.replace('五、存在的主要问题及改进情况', '四、存在的主要问题及改进情况'))).toEqual([
      '原文的“四、存在的主要问题及改进情况”编号有误，应为“五、存在的主要问题及改进情况”',
    ]);
  });
});

describe('the publication deadline (R11 and 发布前检查)', () => {
  it('is 1月31日 for departments and townships, 3月31日 for governments, of the following year', () => {
    expect(publicationDeadline('department', 2024)?.date).toBe('2025-01-31');
    expect(publicationDeadline('township', 2024)?.date).toBe('2025-01-31');
    expect(publicationDeadline('government', 2024)?.date).toBe('2025-03-31');
    expect(publicationDeadline('other', 2024)).toBeNull();
  });
  it('counts whole days, across a leap day, negative when overdue', () => {
    expect(daysBetween('2025-01-01', '2025-01-31')).toBe(30);
    expect(daysBetween('2028-02-01', '2028-03-31')).toBe(59);
    expect(daysBetween('2025-02-10', '2025-01-31')).toBe(-10);
  });
});
