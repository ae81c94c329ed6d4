// R1–R4: the sums printed on the form. One equation: target = Σ sign·term.
import type { Report } from '../report';
import type { Template } from '../template';
import type { Finding, RuleId } from './types';
import { cellName, fmt, isEmpty, numberOf, same, show, valueOf } from './values';

export interface Term {
  key: string;
  sign: 1 | -1;
}

/**
 * Checks target = Σ terms. Skipped when every cell involved is blank or 不适用; otherwise blanks count as 0
 * and the message says so, so a report with a few blanks is still checked.
 */
export function checkSum(rule: RuleId, t: Template, r: Report, target: string, terms: Term[], prefix = ''): Finding | null {
  const keys = [target, ...terms.map((x) => x.key)];
  if (keys.every((k) => isEmpty(valueOf(r, k)))) return null;
  const expected = terms.reduce((s, x) => s + x.sign * numberOf(valueOf(r, x.key)), 0);
  const actual = valueOf(r, target);
  if (typeof actual === 'number' && same(actual, expected)) return null;
  if (isEmpty(actual) && same(expected, 0)) return null;
  const arithmetic = terms
    .map((x, i) => (i === 0 ? (x.sign < 0 ? '−' : '') : x.sign < 0 ? '−' : '+') + fmt(numberOf(valueOf(r, x.key))))
    .join('');
  const blanks = keys.some((k) => isEmpty(valueOf(r, k))) ? '（空白按 0 计）' : '';
  return {
    rule,
    severity: 'error',
    cells: keys,
    message: `${prefix}${cellName(t, target)}应为 ${fmt(expected)}（=${arithmetic}），实为 ${show(actual)}${blanks}`,
    ...(expected >= 0 ? { fix: { key: target, value: expected } } : {}),
  };
}
