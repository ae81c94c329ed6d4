// R1–R4: the cross-checks printed on the form, derived from the template's rows and columns. The equations are
// also what the table reader uses to decide where run-together digits split (src/shared/reading).
import type { Template } from '../template';
import { checkSum, type Term } from './arithmetic';
import type { Finding, Rule, RuleContext } from './types';
import { axes, keyOf } from './values';

const plus = (key: string): Term => ({ key, sign: 1 });
const notNull = (f: Finding | null): f is Finding => f !== null;
const hasTable = (t: Template, id: string): boolean => t.tables.some((x) => x.id === id);
/** Rows of table 三 that are not results of this year's handling. */
const NON_RESULT_ROWS = new Set(['new', 'carried_over', 'total', 'carried_forward']);

/** One printed sum: target = Σ sign·term. */
export interface Equation {
  rule: 'R1' | 'R2' | 'R3' | 'R4';
  target: string;
  terms: Term[];
}

const R1_EQUATIONS = (t: Template): Equation[] => {
  if (!hasTable(t, 'requests')) return [];
  return axes(t, 'requests').cols.map((c) => ({
    rule: 'R1',
    target: keyOf('requests', 'total', c),
    terms: [
      plus(keyOf('requests', 'new', c)),
      plus(keyOf('requests', 'carried_over', c)),
      { key: keyOf('requests', 'carried_forward', c), sign: -1 },
    ],
  }));
};

const R2_EQUATIONS = (t: Template): Equation[] => {
  if (!hasTable(t, 'requests')) return [];
  const { rows, cols } = axes(t, 'requests');
  const parts = cols.filter((c) => c !== 'total');
  return rows.map((r) => ({
    rule: 'R2',
    target: keyOf('requests', r, 'total'),
    terms: parts.map((c) => plus(keyOf('requests', r, c))),
  }));
};

const R3_EQUATIONS = (t: Template): Equation[] => {
  if (!hasTable(t, 'requests')) return [];
  const { rows, cols } = axes(t, 'requests');
  const results = rows.filter((r) => !NON_RESULT_ROWS.has(r));
  return cols.map((c) => ({
    rule: 'R3',
    target: keyOf('requests', 'total', c),
    terms: results.map((r) => plus(keyOf('requests', r, c))),
  }));
};

const R4_EQUATIONS = (t: Template): Equation[] => {
  if (!hasTable(t, 'appeals')) return [];
  const { cols } = axes(t, 'appeals');
  const groups = [...new Set(cols.map((c) => c.split('.')[0]))];
  return groups.map((g) => ({
    rule: 'R4',
    target: keyOf('appeals', '', `${g}.total`),
    terms: cols.filter((c) => c.startsWith(`${g}.`) && c !== `${g}.total`).map((c) => plus(keyOf('appeals', '', c))),
  }));
};

/** Every R1–R4 equation of a template's tables. */
export const tableEquations = (t: Template): Equation[] => [...R1_EQUATIONS(t), ...R2_EQUATIONS(t), ...R3_EQUATIONS(t), ...R4_EQUATIONS(t)];

// A template's equations are the same for every report: each rule derives them once per template.
const once = (equations: (t: Template) => Equation[]) => {
  const cache = new WeakMap<Template, Equation[]>();
  return (t: Template) => cache.get(t) ?? (cache.set(t, equations(t)).get(t) as Equation[]);
};

const check = (equations: (t: Template) => Equation[]) => {
  const of = once(equations);
  return (ctx: RuleContext) =>
    of(ctx.template)
      .map((e) => checkSum(e.rule, ctx.template, ctx.report, e.target, e.terms))
      .filter(notNull);
};

export const R1: Rule = {
  id: 'R1',
  title: '第三项各列：第一项加第二项之和，等于第三项（七）总计加第四项之和',
  check: check(R1_EQUATIONS),
};

export const R2: Rule = {
  id: 'R2',
  title: '第三项各行：自然人与五类法人或其他组织之和等于总计',
  check: check(R2_EQUATIONS),
};

export const R3: Rule = {
  id: 'R3',
  title: '第三项各列：（七）总计等于（一）至（六）各项之和',
  check: check(R3_EQUATIONS),
};

export const R4: Rule = {
  id: 'R4',
  title: '第四项：行政复议、两类行政诉讼各自的结果维持、结果纠正、其他结果、尚未审结之和等于总计',
  check: check(R4_EQUATIONS),
};

/** The title of each table rule, for naming a broken relation. */
export const TABLE_RULE_TITLES: Record<Equation['rule'], string> = {
  R1: R1.title,
  R2: R2.title,
  R3: R3.title,
  R4: R4.title,
};
