// The one reader of "what a clerk wrote in a cell": a workbook cell, a cell of an HTML/Word/text table, or what a
// person types into the editor grid all go through here, so 12件, N/A, 无此项, –, ／ or #REF! read the same way
// everywhere. Pure: used by main and renderer alike.
import { NOT_APPLICABLE, valueProblem, type CellValue } from '../report';
import type { CellKind } from '../template';

export type CellReading =
  | { kind: 'blank' }
  | { kind: 'value'; value: number | typeof NOT_APPLICABLE }
  /** Belongs in a value cell but is not a number a person can trust (无, 1.2.3, #REF!): a person must read it. */
  | { kind: 'bad'; why: string; problem: 'error' | 'too_big' | 'not_number' }
  /** Words: a label, not a value. */
  | { kind: 'text' };

// Marks the spec (§10) reads as 不适用: slashes and dashes of any width (NFKC has already made ／－ ASCII),
// 不适用 itself, 无此项 and N/A.
const NOT_APPLICABLE_MARK = /^(?:[/\\]+|[-‐‑‒–—―─━]+|不适用|无此项|n\/?a)$/i;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
// A unit written into the cell itself (12件, 317.29万元): the number is still certain.
const UNIT_SUFFIX = /(?:件|条|个|项|次|人|家|万元)$/;
// Short words some agencies write where a number belongs; they are not a number, so never 0.
const NON_NUMBER_WORDS = /^(?:无|零|空|暂无|没有)$/;
const LOOKS_NUMERIC = /^[\d.,+\-%]+$/;
// Excel's error values (a formula that cannot be computed): never a number, never 不适用 (#N/A included).
const EXCEL_ERROR = /^#(?:REF!|DIV\/0!|VALUE!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

const errorWhy = (e: string) => `是错误值 ${e}（公式算不出结果），不是数字`;

/** Reads one cell's text: a number, 不适用, blank, a value a person must read, or a label's words. */
export function readCellText(text: string): CellReading {
  const raw = text.trim();
  if (EXCEL_ERROR.test(raw)) return { kind: 'bad', why: errorWhy(raw.toUpperCase()), problem: 'error' };
  const s = text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/^[−﹣]/, '-');
  if (s === '') return { kind: 'blank' };
  if (NOT_APPLICABLE_MARK.test(s)) return { kind: 'value', value: NOT_APPLICABLE };
  const n = s.replace(UNIT_SUFFIX, '');
  if (PLAIN_NUMBER.test(n) || GROUPED_NUMBER.test(n)) {
    const value = Number(n.replace(/,/g, ''));
    // Beyond 2^53 the number would be stored rounded: a person must read it.
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER)
      return { kind: 'bad', why: `数字太大，超出能精确保存的范围（最大 ${Number.MAX_SAFE_INTEGER}），请核对`, problem: 'too_big' };
    return { kind: 'value', value };
  }
  if (NON_NUMBER_WORDS.test(s) || LOOKS_NUMERIC.test(s)) return { kind: 'bad', why: '不是数字', problem: 'not_number' };
  return { kind: 'text' };
}

/** True for a cell that may sit in a row of values (a number, a mark, a blank or an unreadable value). */
export const isValueLike = (r: CellReading): boolean => r.kind !== 'text';

/**
 * A cell as a spreadsheet library gives it: a number, text, a boolean, a date, an error value, rich text, a
 * link, or a formula with (or without) its saved result. Shaped after exceljs but without depending on it.
 */
export type RawCell =
  | number
  | string
  | boolean
  | Date
  | null
  | undefined
  | { formula: true; result: unknown }
  | { error: string }
  | { richText: { text?: unknown }[] }
  | { text: unknown };

export type ValueRead =
  | { ok: true; value: CellValue }
  /** `formula`: a formula whose result the file does not hold (it may still be computed from its parts). */
  | { ok: false; problem: string; formula?: true };

export const NO_FORMULA_RESULT = '是公式但文件里没有保存计算结果';

/** The value of a cell of the given kind: what the reading means for the report, or why it cannot be stored. */
export function readValue(raw: RawCell, kind: CellKind): ValueRead {
  let v: unknown = raw;
  if (v !== null && typeof v === 'object' && 'formula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) return { ok: false, problem: NO_FORMULA_RESULT, formula: true };
    v = result;
  }
  if (v === null || v === undefined) return { ok: true, value: null };
  if (v instanceof Date) return { ok: false, problem: `是日期（${v.toISOString().slice(0, 10)}），不是数字` };
  if (typeof v === 'object') {
    const o = v as { error?: unknown; richText?: { text?: unknown }[]; text?: unknown };
    if (typeof o.error === 'string') return { ok: false, problem: errorWhy(o.error) };
    if (Array.isArray(o.richText)) v = o.richText.map((r) => String(r.text ?? '')).join('');
    else if (o.text !== undefined) v = String(o.text);
    else return { ok: false, problem: '内容无法识别，不是数字' };
  }
  if (typeof v === 'boolean') return { ok: false, problem: `是逻辑值 ${v ? 'TRUE' : 'FALSE'}，不是数字` };
  let value: CellValue;
  let shown: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, problem: '不是有效数字' };
    value = v;
    shown = String(v);
  } else {
    const text = String(v);
    const r = readCellText(text);
    if (r.kind === 'blank') return { ok: true, value: null };
    if (r.kind === 'text' || (r.kind === 'bad' && r.problem === 'not_number')) return { ok: false, problem: `“${text.trim()}”不是数字` };
    if (r.kind === 'bad') return { ok: false, problem: r.problem === 'too_big' ? `${r.why}（${text.trim()}）` : r.why };
    value = r.value;
    shown = text.trim();
  }
  const problem = valueProblem(kind, value);
  // The text as written, not the number it became (which may already be rounded).
  return problem ? { ok: false, problem: `${problem}（${shown}）` } : { ok: true, value };
}
