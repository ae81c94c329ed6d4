// 差错清单: a unit's errors and unexplained warnings (rule, cells with their values, the message with numbers),
// to send back; and the list of a whole year, a unit per sheet.
import type { ErrorItemView, UnitErrorsView } from '../../shared/api';
import { getTemplate } from '../../shared/template';
import { RULES } from '../../shared/validation';
import * as collectDb from '../db/collect';
import type { Archive } from '../services/archive';
import { unitsUnder } from './board';

const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));

export function unitErrors(archive: Archive, unit: string, year: number): UnitErrorsView {
  const s = archive.get(unit, year);
  const t = getTemplate(s.report.template);
  const items: ErrorItemView[] = archive
    .validateStored(s.unit.name, year)
    .filter((f) => f.severity === 'error' || (f.severity === 'warning' && !f.dismissed))
    .map((f) => ({
      rule: f.rule,
      ruleTitle: RULE_TITLES.get(f.rule) ?? f.rule,
      severity: f.severity as 'error' | 'warning',
      cells: f.cells.map((key) => ({ key, name: t.cellByKey.get(key)?.name ?? key, value: s.report.values[key] ?? null })),
      message: f.message,
    }));
  return { unit: s.unit.name, year, status: s.status, revision: s.revision, items };
}

/** Every unit (under `parent`, or in the archive) whose report of the year has errors or unexplained warnings. */
export function yearErrors(archive: Archive, year: number, parent: string | null = null): UnitErrorsView[] {
  const { parentRow, units } = unitsUnder(archive, parent);
  const names = new Map(units.map((u) => [u.id, u.name]));
  return collectDb
    .yearReports(archive.db, parentRow?.id ?? null, year)
    .filter((r) => r.error_count > 0 || r.warning_count > 0)
    .map((r) => names.get(r.unit_id)!)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'))
    .map((name) => unitErrors(archive, name, year));
}
