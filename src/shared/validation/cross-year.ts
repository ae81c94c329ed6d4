// R5, R6: this year's report against the same unit's report of the year before.
import type { Finding, Rule, RuleContext } from './types';
import { axes, cellName, fmt, isEmpty, keyOf, numberOf, same, show, valueOf } from './values';

/** The previous report, when it really is the year before. */
function previousYear(ctx: RuleContext) {
  const { report, previous } = ctx;
  if (!previous || report.year === null || previous.year !== report.year - 1) return null;
  return previous;
}

export const R5: Rule = {
  id: 'R5',
  title: '跨年度：本年第二项上年结转（各列）等于上年报告第四项结转下年度继续办理',
  check(ctx) {
    const prev = previousYear(ctx);
    if (!prev || prev.template === 'legacy' || ctx.report.template === 'legacy') return [];
    const findings: Finding[] = [];
    for (const c of axes(ctx.template, 'requests').cols) {
      const here = keyOf('requests', 'carried_over', c);
      const there = keyOf('requests', 'carried_forward', c);
      const a = valueOf(ctx.report, here);
      const b = valueOf(prev, there);
      if (isEmpty(a) && isEmpty(b)) continue;
      if (typeof a === 'number' && typeof b === 'number' && same(a, b)) continue;
      findings.push({
        rule: 'R5',
        severity: 'warning',
        cells: [here],
        message: `${cellName(ctx.template, here)}为 ${show(a)}，而 ${prev.year} 年报告${cellName(ctx.template, there)}为 ${show(b)}，两者应相等`,
      });
    }
    return findings;
  },
};

export const R6: Rule = {
  id: 'R6',
  title: '跨年度（2021年版格式）：现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数',
  check(ctx) {
    const prev = previousYear(ctx);
    // Never across 2020→2021: the 2019 format counted documents differently.
    if (!prev || ctx.report.template !== 'gov2021' || prev.template !== 'gov2021') return [];
    const findings: Finding[] = [];
    for (const row of ['regulations', 'normative_documents']) {
      const k = (col: string) => keyOf('proactive', row, col);
      const keys = [k('in_force'), k('issued'), k('repealed')];
      const last = valueOf(prev, k('in_force'));
      if (isEmpty(last) || keys.every((x) => isEmpty(valueOf(ctx.report, x)))) continue;
      const expected = numberOf(last) + numberOf(valueOf(ctx.report, k('issued'))) - numberOf(valueOf(ctx.report, k('repealed')));
      const actual = valueOf(ctx.report, k('in_force'));
      if (typeof actual === 'number' && same(actual, expected)) continue;
      findings.push({
        rule: 'R6',
        severity: 'warning',
        cells: keys,
        message:
          `${cellName(ctx.template, k('in_force'))}应为 ${fmt(expected)}` +
          `（=${fmt(numberOf(last))}+${fmt(numberOf(valueOf(ctx.report, k('issued'))))}−${fmt(numberOf(valueOf(ctx.report, k('repealed'))))}，` +
          `${fmt(numberOf(last))} 为 ${prev.year} 年现行有效件数），实为 ${show(actual)}`,
      });
    }
    return findings;
  },
};
