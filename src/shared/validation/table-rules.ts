// R1–R4: the cross-checks printed on the form, derived from the template's rows and columns.
import { checkSum, type Term } from './arithmetic';
import type { Finding, Rule, RuleContext } from './types';
import { axes, keyOf } from './values';

const plus = (key: string): Term => ({ key, sign: 1 });
const notNull = (f: Finding | null): f is Finding => f !== null;
const hasTable = (ctx: RuleContext, id: string): boolean => ctx.template.tables.some((t) => t.id === id);
/** Rows of table 三 that are not results of this year's handling. */
const NON_RESULT_ROWS = new Set(['new', 'carried_over', 'total', 'carried_forward']);

export const R1: Rule = {
  id: 'R1',
  title: '第三项各列：第一项加第二项之和，等于第三项（七）总计加第四项之和',
  check(ctx) {
    if (!hasTable(ctx, 'requests')) return [];
    const { cols } = axes(ctx.template, 'requests');
    return cols
      .map((c) =>
        checkSum('R1', ctx.template, ctx.report, keyOf('requests', 'total', c), [
          plus(keyOf('requests', 'new', c)),
          plus(keyOf('requests', 'carried_over', c)),
          { key: keyOf('requests', 'carried_forward', c), sign: -1 },
        ]),
      )
      .filter(notNull);
  },
};

export const R2: Rule = {
  id: 'R2',
  title: '第三项各行：自然人与五类法人或其他组织之和等于总计',
  check(ctx) {
    if (!hasTable(ctx, 'requests')) return [];
    const { rows, cols } = axes(ctx.template, 'requests');
    const parts = cols.filter((c) => c !== 'total');
    return rows
      .map((r) =>
        checkSum(
          'R2',
          ctx.template,
          ctx.report,
          keyOf('requests', r, 'total'),
          parts.map((c) => plus(keyOf('requests', r, c))),
        ),
      )
      .filter(notNull);
  },
};

export const R3: Rule = {
  id: 'R3',
  title: '第三项各列：（七）总计等于（一）至（六）各项之和',
  check(ctx) {
    if (!hasTable(ctx, 'requests')) return [];
    const { rows, cols } = axes(ctx.template, 'requests');
    const results = rows.filter((r) => !NON_RESULT_ROWS.has(r));
    return cols
      .map((c) =>
        checkSum(
          'R3',
          ctx.template,
          ctx.report,
          keyOf('requests', 'total', c),
          results.map((r) => plus(keyOf('requests', r, c))),
        ),
      )
      .filter(notNull);
  },
};

export const R4: Rule = {
  id: 'R4',
  title: '第四项：行政复议、两类行政诉讼各自的结果维持、结果纠正、其他结果、尚未审结之和等于总计',
  check(ctx) {
    if (!hasTable(ctx, 'appeals')) return [];
    const { cols } = axes(ctx.template, 'appeals');
    const groups = [...new Set(cols.map((c) => c.split('.')[0]))];
    return groups
      .map((g) => {
        const parts = cols.filter((c) => c.startsWith(`${g}.`) && c !== `${g}.total`);
        return checkSum(
          'R4',
          ctx.template,
          ctx.report,
          keyOf('appeals', '', `${g}.total`),
          parts.map((c) => plus(keyOf('appeals', '', c))),
        );
      })
      .filter(notNull);
  },
};
