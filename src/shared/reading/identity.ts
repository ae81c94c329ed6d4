// The one reader of unit, year and publication date, for published reports and workbooks alike: from the title,
// a 填报单位 line and the page header when there are. Without a title, only strong evidence is used, and a
// note asks the person to check it.

import { readCalendarDate } from '../calendar-date';

const compact = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

// 鄂伦春自治旗2024年政府信息公开工作年度报告 / 2024年度焦虎镇政府信息公开工作年度报告
const TITLE = /^(.*?)(\d{4})年度?(?:的)?(.*?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)/;
const MAX_TITLE_LENGTH = 80;

function cleanUnit(s: string): string | null {
  const u = s
    .replace(/^.*[>»›]/, '')
    .replace(/^[《<“"「(【[]+|[》>”"」)】\]]+$/g, '')
    .replace(/(?:关于|的)$/, '');
  return u && !/^(?:本|我)/.test(u) ? u : null;
}

export interface Title {
  unit: string | null;
  year: number;
}

/** The first line that reads like a report title. */
export function readTitle(candidates: readonly string[]): Title | null {
  for (const line of candidates) {
    const c = compact(line);
    if (!c || c.length > MAX_TITLE_LENGTH) continue;
    const m = TITLE.exec(c);
    if (!m) continue;
    const year = Number(m[2]);
    if (year < 1990 || year > 2100) continue;
    return { unit: cleanUnit(m[1]) ?? cleanUnit(m[3]), year };
  }
  return null;
}

// 填报单位：某县教育局 (a fill-in form's own line for the unit)
const FILLER = /^(?:填报|报送)?单位(?:名称)?:(.{2,40})$/;

/** The unit named on a 填报单位/报送单位/单位名称 line. */
export function readFiller(candidates: readonly string[]): string | null {
  for (const line of candidates) {
    const m = FILLER.exec(compact(line));
    if (m) return m[1];
  }
  return null;
}

// 发布时间:2025-02-10 / 发布日期：2025年2月10日: the label, then the date as readCalendarDate reads it.
const PUBLISHED = /(?:发布(?:时间|日期)|发布于|日期|时间):?(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2})/;

export function readPublished(candidates: readonly string[]): string | null {
  for (const line of candidates) {
    const m = PUBLISHED.exec(compact(line));
    const date = m && readCalendarDate(m[1]);
    if (date) return date;
  }
  return null;
}

const SUB_HEADING = /^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])/;
const MAX_SUB_HEADING = 25;

/** A report's 总体情况 opens with its year ("2024年，区政府办公室…"): the year of a report without a title. */
export function yearFromOpening(overall: string | undefined): number | null {
  const first = (overall ?? '')
    .split('\n')
    .map(compact)
    .find((l) => l && !(l.length <= MAX_SUB_HEADING && SUB_HEADING.test(l)));
  const m = first && /^(\d{4})年度?[,，]/.exec(first);
  const year = m ? Number(m[1]) : null;
  return year !== null && year >= 1990 && year <= 2100 ? year : null;
}

// The preamble names the report in a sentence (现公布湛江市人民政府2023年政府信息公开工作年度报告。): the title's
// words after the verb that announces it, so a sentence that only mentions some report is not taken.
const NAMED_IN_SENTENCE =
  /(?:现(?:予|向社会)?公布|特编制|现将|现编制|现发布)(.{0,30}?)(\d{4})年度?(?:的)?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)/;

/** A report without a title line, named in its preamble's sentence: its unit (when named) and year. */
export function titleInSentence(candidates: readonly string[]): (Title & { sentence: string }) | null {
  for (const line of candidates) {
    const c = compact(line);
    const m = NAMED_IN_SENTENCE.exec(c);
    if (!m) continue;
    const year = Number(m[2]);
    if (year < 1990 || year > 2100) continue;
    return { unit: m[1] ? cleanUnit(m[1]) : null, year, sentence: m[0] };
  }
  return null;
}

// 统计期限自2023年1月1日起至2023年12月31日止 / 从2019年1月1日到12月31日止: one calendar year, the report's.
const PERIOD = /(\d{4})年1月1日(?:起)?(?:到|至|—|-|～|~)(?:(\d{4})年)?12月31日/;

/** The year of the statistics period a report states (a whole calendar year), or null. */
export function yearFromPeriod(text: string): { year: number; period: string } | null {
  const m = PERIOD.exec(compact(text));
  if (!m || (m[2] && m[2] !== m[1])) return null;
  const year = Number(m[1]);
  return year >= 1990 && year <= 2100 ? { year, period: m[0] } : null;
}

const SELF = /我(区|县|市|镇|乡|旗)/g;
const GOVERNMENT = /([\u4e00-\u9fff]{2,12})人民政府/g;
const MIN_SELF_REFERENCES = 3;
const MIN_NAME_MENTIONS = 3;

/**
 * A report without a title calls its unit 我区/我县…; when the text names exactly one government of that kind
 * (…晋安区人民政府) and mentions that name often, it is the unit. Anything less certain gives null.
 */
export function unitFromBody(text: string): { unit: string; evidence: string } | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(SELF)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  const [suffix, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n < MIN_SELF_REFERENCES) return null;
  const names = new Map<string, string>();
  for (const m of text.matchAll(GOVERNMENT)) {
    const full = m[1];
    if (!full.endsWith(suffix)) continue;
    // The last administrative part: 福州市晋安区 → 晋安区.
    const cut = Math.max(...[...'省市州盟区县'].map((ch) => full.slice(0, -1).lastIndexOf(ch)));
    const name = full.slice(cut + 1);
    if (name.length >= 2 + suffix.length - 1) names.set(name, full);
  }
  if (names.size !== 1) return null;
  const [[unit, full]] = [...names];
  if (text.split(unit).length - 1 < MIN_NAME_MENTIONS) return null;
  return { unit, evidence: `文中自称“我${suffix}”，并提到“${full}人民政府”` };
}
