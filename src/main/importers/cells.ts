// Reads one table cell's text as the report means it: a number, 不适用, blank, or something else.
import { NOT_APPLICABLE } from '../../shared/report';

export type Reading =
  | { kind: 'blank' }
  | { kind: 'value'; value: number | typeof NOT_APPLICABLE }
  /** Looks like it belongs in a value cell but is not a number (无, 1.2.3…): a person must read it. */
  | { kind: 'bad'; why?: string }
  | { kind: 'text' };

// Marks the spec (§10) reads as 不适用: slashes and dashes of any width (NFKC has already made ／－ ASCII).
const NOT_APPLICABLE_MARK = /^(?:[/\\]+|[-‐‑‒–—―─━]+|不适用|无此项)$/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
// A unit written into the cell itself (12件, 317.29万元): the number is still certain.
const UNIT_SUFFIX = /(?:件|条|个|项|次|人|家|万元)$/;
// Short words some agencies write where a number belongs; they are not a number, so never 0.
const NON_NUMBER_WORDS = /^(?:无|零|空|暂无|没有)$/;
const LOOKS_NUMERIC = /^[\d.,+\-%]+$/;

export function readCell(text: string): Reading {
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
    if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return { kind: 'bad', why: '数字太大，超出能精确保存的范围' };
    return { kind: 'value', value };
  }
  if (NON_NUMBER_WORDS.test(s) || LOOKS_NUMERIC.test(s)) return { kind: 'bad' };
  return { kind: 'text' };
}

/** True for a cell that may sit in a row of values (a number, a mark, a blank or an unreadable value). */
export const isValueLike = (r: Reading): boolean => r.kind !== 'text';
