// R7: figures that the text of 一、总体情况 quotes, compared with the tables.
// Each quote is a phrase pattern (as data) and the cells whose sum it states.
import { normalizeLabel, type Template } from '../template';
import { CHINESE_NUMERAL, parseNumber } from './chinese-number';
import type { Finding, Rule } from './types';
import { axes, cellName, fmt, isEmpty, keyOf, numberOf, same, valueOf } from './values';

const N = `(\\d+|${CHINESE_NUMERAL})`;
/** Wording between a keyword and its number: no digits, no clause breaks, no other topic. */
const WORD = '(?:(?!许可|处罚|强制|复议|诉讼|热线|留言|信箱|建议|提案|转办|培训)[^,.;:!?()\\d])';
const opt = (max: number) => `${WORD}{0,${max}}?`;
const TAIL = '(?:共计|合计|总数|总量|数量|共)?(?:为|是|达)?';

interface Quote {
  /** What the phrase is about, in Chinese. */
  what: string;
  pattern: RegExp;
  /** The cells whose sum the phrase states (given the table's row/column keys). */
  cells: (rowCells: (row: string) => string[]) => string[];
  /** Only counted in a sentence about 政府信息公开申请. */
  aboutRequests?: boolean;
}

const total = (row: string) => () => [keyOf('requests', row, 'total')];
const rowTotals = (prefix: string) => (rowCells: (row: string) => string[]) => rowCells(prefix);
const rx = (s: string) => new RegExp(s, 'g');

const QUOTES: Quote[] = [
  { what: '本年新收申请', pattern: rx(`(?:新收到?|新受理|收到|受理)${opt(14)}申请(?:公开)?${TAIL}${N}件`), cells: total('new') },
  { what: '上年结转申请', pattern: rx(`上一?年度?结转${opt(12)}${TAIL}${N}件`), cells: total('carried_over'), aboutRequests: true },
  {
    what: '本年办理（办结）申请',
    pattern: rx(`(?<!继续)(?:办结|办理(?:完成|完毕)?)${opt(14)}${TAIL}${N}件`),
    cells: total('total'),
    aboutRequests: true,
  },
  {
    what: '结转下年度继续办理',
    pattern: rx(`结转(?:至|到)?下一?年度?(?:继续办理)?${opt(6)}${TAIL}${N}件`),
    cells: total('carried_forward'),
    aboutRequests: true,
  },
  { what: '予以公开', pattern: rx(`予以公开${N}件`), cells: total('granted'), aboutRequests: true },
  { what: '部分公开', pattern: rx(`部分公开${N}件`), cells: total('partial'), aboutRequests: true },
  { what: '不予公开', pattern: rx(`不予公开${N}件`), cells: rowTotals('withheld'), aboutRequests: true },
  { what: '无法提供', pattern: rx(`无法提供${N}件`), cells: rowTotals('unavailable'), aboutRequests: true },
  { what: '不予处理', pattern: rx(`不予处理${N}件`), cells: rowTotals('not_processed'), aboutRequests: true },
  { what: '行政许可', pattern: rx(`行政许可${opt(8)}${TAIL}${N}件`), cells: () => ['proactive.licensing.decisions'] },
  { what: '行政处罚', pattern: rx(`行政处罚${opt(8)}${TAIL}${N}件`), cells: () => ['proactive.penalty.decisions'] },
  { what: '行政强制', pattern: rx(`行政强制${opt(8)}${TAIL}${N}件`), cells: () => ['proactive.coercion.decisions'] },
  { what: '政府信息公开行政复议', pattern: rx(`行政复议${opt(6)}${TAIL}${N}(?:件|起)`), cells: () => ['appeals.review.total'] },
  {
    what: '政府信息公开行政诉讼',
    pattern: rx(`行政诉讼${opt(6)}${TAIL}${N}(?:件|起)`),
    cells: () => ['appeals.litigation_direct.total', 'appeals.litigation_after_review.total'],
  },
  {
    what: '本年制发行政规范性文件',
    pattern: rx(`(?:制发|印发|新增|出台|制定)(?:行政)?规范性文件${TAIL}${N}件`),
    cells: () => ['proactive.normative_documents.issued'],
  },
  {
    what: '本年废止行政规范性文件',
    pattern: rx(`废止(?:行政)?规范性文件${TAIL}${N}件`),
    cells: () => ['proactive.normative_documents.repealed'],
  },
  {
    what: '现行有效行政规范性文件',
    pattern: rx(`现行有效的?(?:行政)?规范性文件${TAIL}${N}件`),
    cells: () => ['proactive.normative_documents.in_force'],
  },
];

/** Sentences of a text, normalised (NFKC, no spaces, ASCII punctuation) so the patterns stay simple. */
const sentences = (text: string): string[] =>
  text
    .split(/[。;；!！?？\n]+/)
    .map(normalizeLabel)
    .filter(Boolean);

// The quotes a template's tables can answer, with their cells: the same for every report of the template.
const quoteCells = new WeakMap<Template, { q: Quote; cells: string[] }[]>();
function quotesOf(template: Template): { q: Quote; cells: string[] }[] {
  let found = quoteCells.get(template);
  if (!found) {
    const requestRows = axes(template, 'requests').rows;
    const rowCells = (prefix: string) => requestRows.filter((r) => r.startsWith(`${prefix}.`)).map((r) => keyOf('requests', r, 'total'));
    found = QUOTES.map((q) => ({ q, cells: q.cells(rowCells) })).filter(
      ({ cells }) => cells.length > 0 && cells.every((k) => template.cellByKey.has(k)),
    );
    quoteCells.set(template, found);
  }
  return found;
}

export const R7: Rule = {
  id: 'R7',
  title: '一、总体情况中引用的数字（新收申请、上年结转、办结、行政许可、行政复议等）与表格一致',
  check(ctx) {
    const text = ctx.report.sections.overall;
    if (!text || ctx.report.template === 'legacy') return [];
    const { template, report } = ctx;
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const quotes = quotesOf(template);
    for (const sentence of sentences(text)) {
      // Every quote ends in 件 or 起: a sentence with neither quotes nothing (most of a long text).
      if (!sentence.includes('件') && !sentence.includes('起')) continue;
      for (const { q, cells } of quotes) {
        if (q.aboutRequests && !sentence.includes('申请')) continue;
        for (const m of sentence.matchAll(q.pattern)) {
          const quoted = parseNumber(m[1]);
          if (quoted === null) continue;
          const id = `${q.what}|${quoted}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const values = cells.map((k) => valueOf(report, k));
          if (values.every(isEmpty)) {
            findings.push({
              rule: 'R7',
              severity: 'warning',
              cells,
              message: `一、总体情况写明“${m[0]}”，但表中${cells.map((k) => cellName(template, k)).join('、')}为空白`,
            });
            continue;
          }
          const inTable = values.reduce<number>((s, v) => s + numberOf(v), 0);
          if (same(inTable, quoted)) continue;
          const how = cells.length > 1 ? `（${cells.map((k) => cellName(template, k)).join('＋')}）` : cellName(template, cells[0]);
          findings.push({
            rule: 'R7',
            severity: 'warning',
            cells,
            message: `一、总体情况写明“${m[0]}”（${q.what} ${fmt(quoted)}），而表中${how}为 ${fmt(inTable)}`,
          });
        }
      }
    }
    return findings;
  },
};
