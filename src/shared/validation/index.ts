// The validation engine: a pure function of (report, previous year's report) → findings.
import type { Report } from '../report';
import { getTemplate } from '../template';
import { R5, R6 } from './cross-year';
import { R7 } from './quoted-figures';
import { R8, R9, R10, R11 } from './report-rules';
import { R1, R2, R3, R4 } from './table-rules';
import type { Finding, Rule, Severity } from './types';

export * from './types';
export { publishDeadline } from './report-rules';
export { reasonProblem, findingCells, type DismissedFinding } from './dismissal';

export const RULES: readonly Rule[] = [R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, R11];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export interface ValidateOptions {
  previous?: Report;
}

/** Every finding of every rule, errors first, then in rule order. */
export function validate(report: Report, options: ValidateOptions = {}): Finding[] {
  const ctx = { report, template: getTemplate(report.template), previous: options.previous };
  const findings = RULES.flatMap((rule) => rule.check(ctx));
  const ruleIndex = (f: Finding) => RULES.findIndex((r) => r.id === f.rule);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || ruleIndex(a.f) - ruleIndex(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
