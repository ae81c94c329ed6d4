import type { Report } from '../report';
import type { Template } from '../template';

export type Severity = 'error' | 'warning' | 'info';
export const RULE_IDS = [
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R8',
  'R9',
  'R10',
  'R11',
  'R12',
  'R13',
  'R14',
  'R15',
  'R16',
  'R17',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Keys of the cells concerned (empty for findings about texts or metadata). */
  cells: string[];
  /** Chinese, with the actual numbers. */
  message: string;
  /** For a sum that does not hold: the value the first cell would need. Offered to the person, never written by itself. */
  fix?: { key: string; value: number };
}

export interface RuleContext {
  report: Report;
  template: Template;
  /** The same unit's report of the year before, when known. */
  previous?: Report;
  /** The published text the report was read from (imports only), for R17. */
  sourceText?: string;
}

export interface Rule {
  id: RuleId;
  /** What the rule checks, in Chinese (shown in the app and `nianbao validate`). */
  title: string;
  check(ctx: RuleContext): Finding[];
}
