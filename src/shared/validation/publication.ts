// R12–R17: what third-party evaluations and provincial indicators check before a report goes out, beyond the
// arithmetic: text copied from last year, stale or impossible years, the format's 文号, text that contradicts the
// tables, an empty 五, and (for imported texts) the six parts in their order and numbering.
import { normalizeLabel, type SectionKey, type Template, type TextSectionKey } from '../template';
import type { Finding, Rule, RuleContext } from './types';
import { fmt, numberOf, show, valueOf } from './values';

const TEXT_KEYS: TextSectionKey[] = ['overall', 'problems', 'other'];
const headingOf = (t: Template, key: SectionKey): string => t.sections.find((s) => s.key === key)?.heading ?? key;
const textsOf = (ctx: RuleContext) =>
  TEXT_KEYS.filter((k) => ctx.template.sections.some((s) => s.key === k))
    .map((k) => ({ key: k, heading: headingOf(ctx.template, k), text: ctx.report.sections[k] ?? '' }))
    .filter((s) => s.text.trim());
const clip = (s: string, n = 30): string => (s.length > n ? `${s.slice(0, n)}…` : s);

// ---------- R12 similarity to last year's report ----------

/** Length of the passages compared: long enough that set phrases (“政府信息公开”) alone do not count. */
const SHINGLE = 12;
/** Short parts (六 “未收取信息处理费”) may well repeat every year. */
const MIN_COMPARED_LENGTH = 60;
export const SIMILARITY_LIMIT = 0.5;
const MIN_PASSAGE = 20;
const MAX_PASSAGES = 3;

const compact = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

export interface Similarity {
  /** Share of this text (0–1) that is a passage of the earlier one. */
  share: number;
  /** The repeated passages, longest first. */
  passages: string[];
}

/** How much of `text` repeats passages of `earlier`: characters covered by 12-character runs found in both. */
export function textSimilarity(text: string, earlier: string): Similarity {
  // Line breaks stay (a passage shown never runs across two paragraphs); other white space goes.
  const keepLines = (t: string) =>
    t
      .normalize('NFKC')
      .replace(/[^\S\n]+/gu, '')
      .replace(/\n+/g, '\n');
  const a = keepLines(text);
  const b = keepLines(earlier);
  if (a.length < SHINGLE || b.length < SHINGLE) return { share: 0, passages: [] };
  const grams = new Set<string>();
  for (let i = 0; i + SHINGLE <= b.length; i++) grams.add(b.slice(i, i + SHINGLE));
  const covered = new Uint8Array(a.length);
  for (let i = 0; i + SHINGLE <= a.length; i++) if (grams.has(a.slice(i, i + SHINGLE))) covered.fill(1, i, i + SHINGLE);
  let count = 0;
  const passages: string[] = [];
  for (let i = 0; i < a.length;) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < a.length && covered[j]) j++;
    count += j - i;
    passages.push(
      ...a
        .slice(i, j)
        .split('\n')
        .filter((p) => p.length >= MIN_PASSAGE),
    );
    i = j;
  }
  passages.sort((x, y) => y.length - x.length);
  return { share: count / a.length, passages };
}

export const R12: Rule = {
  id: 'R12',
  title: '正文与上年报告雷同：各部分与同一单位上年报告相同部分的重复超过 50%',
  check(ctx) {
    const { report, previous } = ctx;
    if (!previous || report.year === null || previous.year !== report.year - 1) return [];
    const findings: Finding[] = [];
    for (const s of textsOf(ctx)) {
      const before = previous.sections[s.key] ?? '';
      if (compact(s.text).length < MIN_COMPARED_LENGTH) continue;
      const sim = textSimilarity(s.text, before);
      if (sim.share <= SIMILARITY_LIMIT) continue;
      const shown = sim.passages
        .slice(0, MAX_PASSAGES)
        .map((p) => `“${clip(p, 40)}”`)
        .join('、');
      findings.push({
        rule: 'R12',
        severity: 'warning',
        cells: [],
        message: `“${s.heading}”有 ${Math.round(sim.share * 100)}% 的文字与 ${previous.year} 年报告相同${shown ? `，重复的段落如 ${shown}` : ''}；请按本年度的工作重写`,
      });
    }
    return findings;
  },
};

// ---------- R13 years that do not fit the report year ----------

const SENTENCE = /[^。；;！!？?\n]+/g;
/** Sub-heading markers before a sentence: （一） 1. 一是. */
const LEAD = /^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．]|[一二三四五六七八九十]是)?/;
const YEAR = /(?<!\d)((?:19|20)\d{2})年/g;

interface YearSlip {
  year: number;
  snippet: string;
  why: string;
}

/** Years in a text that cannot be right for a report of `year`. */
export function yearSlips(text: string, year: number): YearSlip[] {
  const slips: YearSlip[] = [];
  for (const m of text.matchAll(SENTENCE)) {
    const sentence = compact(m[0]).replace(LEAD, '');
    for (const y of sentence.matchAll(YEAR)) {
      const n = Number(y[1]);
      const at = y.index ?? 0;
      const snippet = clip(sentence.slice(Math.max(0, at - 8), at + 22), 30);
      if (n > year + 1) slips.push({ year: n, snippet, why: `晚于报告年度 ${year} 年` });
      else if (n === year) continue;
      else if (at === 0 && /^\d{4}年度?[,，]/.test(sentence) && n < year)
        slips.push({ year: n, snippet, why: `句首的年份应是报告年度 ${year} 年（多半是沿用往年报告的文字）` });
      else if (/统计(?:期限|时限|区间|时间|期)?(?:从|自|为|是)?$/.test(sentence.slice(Math.max(0, at - 8), at)) && n !== year)
        slips.push({ year: n, snippet, why: `统计期限应从 ${year} 年1月1日起` });
      else if (/^年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告/.test(sentence.slice(at + 5)))
        slips.push({ year: n, snippet, why: `报告名称中的年份应是 ${year} 年` });
    }
  }
  return slips;
}

const MAX_SLIPS = 3;

export const R13: Rule = {
  id: 'R13',
  title: '正文中的年份与报告年度不符（句首写着往年、统计期限或报告名称的年份不对、出现晚于下一年的年份）',
  check(ctx) {
    const year = ctx.report.year;
    if (year === null) return [];
    return textsOf(ctx).flatMap((s): Finding[] => {
      const slips = yearSlips(s.text, year);
      if (!slips.length) return [];
      const listed = slips
        .slice(0, MAX_SLIPS)
        .map((x) => `“${x.snippet}”（${x.year} 年，${x.why}）`)
        .join('；');
      const more = slips.length > MAX_SLIPS ? `等 ${slips.length} 处` : '';
      return [
        { rule: 'R13', severity: 'warning', cells: [], message: `“${s.heading}”中的年份与报告年度 ${year} 年不符：${listed}${more}` },
      ];
    });
  },
};

// ---------- R14 the format's 文号 ----------

export const FORMAT_DOC_2021 = '国办公开办函〔2021〕30号';
const FORMAT_DOC_2019 = '国办公开办函〔2019〕60号';
/** A 文号 as written: prefix, any bracket around the year, the number. */
const DOC_NUMBER = /(国[\u4e00-\u9fff]{0,5}?[函发字])?\s*([〔[［(（{【<])\s*((?:19|20)\d{2})\s*([〕\]］)）}】>])\s*(\d{1,4})\s*号/g;

export interface DocNumberSlip {
  written: string;
  message: string;
}

/** Citations of the State Council's format documents that are superseded or mistyped. */
export function docNumberSlips(text: string, reportYear: number | null): DocNumberSlip[] {
  const slips: DocNumberSlip[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const [written, prefix = '', open, y, close, num] = m;
    const year = Number(y);
    const n = Number(num);
    const isFormat2021 = year === 2021 && n === 30;
    const isFormat2019 = year === 2019 && n === 60;
    // The office's own documents (国办公开办函, or its mistyped 国办公开函), or the two format numbers written
    // without a prefix; another office's 〔2021〕30号 is another document.
    const fromOffice = /^国办公开/.test(prefix);
    // 某政办发〔2021〕30号: a number right after another office's 代字 (not after 依据, 按照, 和…) is not ours.
    const otherPrefix = !prefix && /[\u4e00-\u9fff]$/.test(text.slice(0, m.index)) && !/[据照按的和及与见]$/.test(text.slice(0, m.index));
    if (!fromOffice && (prefix || otherPrefix || (!isFormat2021 && !isFormat2019))) continue;
    const right = `国办公开办函〔${year}〕${n}号`;
    const w = compact(written);
    if (isFormat2019 && reportYear !== null && reportYear >= 2021) {
      slips.push({
        written: w,
        message: `引用的“${w}”是2019年版（试行）格式，已被${FORMAT_DOC_2021}替代；${reportYear} 年的报告应依据${FORMAT_DOC_2021}`,
      });
      continue;
    }
    if (fromOffice && prefix !== '国办公开办函') {
      const correct = isFormat2021 ? FORMAT_DOC_2021 : isFormat2019 ? FORMAT_DOC_2019 : `国办公开办函〔${year}〕${n}号`;
      slips.push({ written: w, message: `文号“${w}”有误，发文机关代字应为“国办公开办函”（如 ${correct}）` });
      continue;
    }
    if (open !== '〔' || close !== '〕') {
      slips.push({ written: w, message: `文号“${w}”的年份应使用六角括号〔〕，写作“${right}”` });
    }
  }
  return slips;
}

export const R14: Rule = {
  id: 'R14',
  title: `格式文号：引用已被替代的国办公开办函〔2019〕60号，或把${FORMAT_DOC_2021}写错（如“国办公开函”、括号不对）`,
  check(ctx) {
    return textsOf(ctx).flatMap((s) =>
      docNumberSlips(s.text, ctx.report.year).map((x): Finding => ({
        rule: 'R14',
        severity: 'warning',
        cells: [],
        message: `“${s.heading}”：${x.message}`,
      })),
    );
  },
};

// ---------- R15 text against tables ----------

/** A sentence about 申请 that says every one of them was finished. */
const ALL_DONE =
  /(?:所有|全部|均已?|都已?|一律)[^,.;:，。；：]{0,10}?(?:办结|办理完毕|答复完毕)|(?:办结|答复)率(?:达到?|为|是)?100(?:\.0+)?%/;

export const R15: Rule = {
  id: 'R15',
  title: '正文与表格自相矛盾：称申请“均已办结/按时办结”而表中结转下年度继续办理大于 0；附表历年累计小于本年数',
  check(ctx) {
    const { report } = ctx;
    if (report.template === 'legacy') {
      const rows = (report.legacy ?? []).filter((r) => r.this_year !== null && r.cumulative !== null && r.cumulative < r.this_year);
      if (!rows.length) return [];
      const listed = rows.map((r) => `“${r.label}”本年 ${fmt(r.this_year!)}、历年累计 ${fmt(r.cumulative!)}`).join('；');
      return [{ rule: 'R15', severity: 'warning', cells: [], message: `附表中历年累计小于本年数，不可能成立：${listed}` }];
    }
    const key = 'requests.carried_forward.total';
    const carried = valueOf(report, key);
    if (numberOf(carried) <= 0) return [];
    const text = report.sections.overall ?? '';
    for (const m of text.matchAll(SENTENCE)) {
      const sentence = normalizeLabel(m[0]);
      if (!sentence.includes('申请')) continue;
      const claim = ALL_DONE.exec(sentence);
      if (!claim) continue;
      return [
        {
          rule: 'R15',
          severity: 'warning',
          cells: [key],
          message: `一、总体情况称“${clip(compact(m[0]).slice(Math.max(0, claim.index - 12), claim.index + claim[0].length + 4), 40)}”，而表中第四项结转下年度继续办理（总计）为 ${show(carried)}：尚有申请未办结，二者矛盾`,
        },
      ];
    }
    return [];
  },
};

// ---------- R16 五 that says nothing ----------

/** What is left of 五 once punctuation, dashes and the word 无 are gone: nothing means nothing was reported. */
export function saysNothing(text: string): boolean {
  const t = compact(text);
  if (!t) return false; // an empty part is R9's finding
  return !t.replace(/[-—–―－_＿/／\\.。、,，;；:：!！…·*＊()（）"“”]+/g, '').replace(/^(?:暂?无|没有|无问题|略|不存在)$/, '');
}

export const R16: Rule = {
  id: 'R16',
  title: '五、存在的主要问题及改进情况只写了“无”或一条横线（空白的由 R9 提示）',
  check(ctx) {
    const def = ctx.template.sections.find((s) => s.key === 'problems');
    const text = ctx.report.sections.problems ?? '';
    if (!def || !saysNothing(text)) return [];
    return [
      {
        rule: 'R16',
        severity: 'warning',
        cells: [],
        message: `“${def.heading}”只写了“${compact(text)}”：应如实写明工作中存在的主要问题和改进情况，评估中按未报告计`,
      },
    ];
  },
};

// ---------- R17 the six parts in an imported text ----------

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const HEADING = /^([一二三四五六七八九十]+)[、,.:\s]/;
const MAX_HEADING = 40;

export interface OutlineProblem {
  message: string;
}

/**
 * The parts of a published text: a part's heading is a short line that starts with a numeral and holds one of
 * its key words. Reports: parts missing, out of order, or numbered other than 一 to 六.
 */
export function outlineProblems(text: string, template: Template): OutlineProblem[] {
  if (template.id === 'legacy') return []; // older reports numbered their parts freely
  const found = new Map<SectionKey, { line: string; numeral: string; order: number }>();
  let order = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = normalizeLabel(raw);
    const m = HEADING.exec(line);
    if (!m || line.length > MAX_HEADING) continue;
    const s = template.sections.find((x) => !found.has(x.key) && x.keywords.some((k) => line.includes(normalizeLabel(k))));
    if (s) found.set(s.key, { line: compact(raw), numeral: m[1], order: order++ });
  }
  const problems: OutlineProblem[] = [];
  const missing = template.sections.filter((s) => !found.has(s.key));
  if (missing.length) problems.push({ message: `原文缺少 ${missing.map((s) => `“${s.heading}”`).join('、')} 部分` });
  const present = template.sections.filter((s) => found.has(s.key));
  const byOrder = [...present].sort((a, b) => found.get(a.key)!.order - found.get(b.key)!.order);
  const misplaced = byOrder.filter((s, i) => s.key !== present[i].key);
  if (misplaced.length) {
    problems.push({ message: `原文各部分的顺序与格式不符：${byOrder.map((s) => `“${found.get(s.key)!.line}”`).join(' → ')}` });
  }
  template.sections.forEach((s, i) => {
    const f = found.get(s.key);
    if (f && f.numeral !== NUMERALS[i]) problems.push({ message: `原文的“${f.line}”编号有误，应为“${s.heading}”` });
  });
  return problems;
}

export const R17: Rule = {
  id: 'R17',
  title: '导入的原文：六个部分齐全、顺序正确、编号为一至六',
  check(ctx) {
    if (!ctx.sourceText) return [];
    return outlineProblems(ctx.sourceText, ctx.template).map((p): Finding => ({
      rule: 'R17',
      severity: 'warning',
      cells: [],
      message: p.message,
    }));
  },
};

export const PUBLICATION_RULES = [R12, R13, R14, R15, R16, R17] as const;

/** Findings of the publication rules only (for the 发布前检查 screen's own list). */
export const isPublicationRule = (rule: string): boolean => PUBLICATION_RULES.some((r) => r.id === rule);
