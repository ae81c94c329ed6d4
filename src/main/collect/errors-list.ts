// 差错清单: a unit's errors and unexplained warnings (rule, cells with their values, the message with numbers),
// to send back; and the list of a whole year, a unit per sheet.
import { basename } from 'node:path';
import type { ErrorItemView, UnitErrorsView } from '../../shared/api';
import { getTemplate } from '../../shared/template';
import { RULES } from '../../shared/validation';
import * as collectDb from '../db/collect';
import type { Archive } from '../services/archive';
import { unitsUnder } from './board';

const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));

/**
 * Where a value stands in the file the unit sent, as its clerk finds it: “sheet”D7 of a workbook, 原文第 12 行 of a
 * text, 原文表格 1 第 3 行第 2 格 of a web page or Word table. Nothing for values carried over, summed or typed.
 */
export function sourcePlace(provenance: string | undefined): string | undefined {
  if (!provenance) return undefined;
  const cell = /^(.+)!\$?([A-Z]{1,3})\$?(\d+)$/.exec(provenance);
  if (cell) {
    // A long sheet name (the fill-in workbook's are the section headings) by its beginning, as its tab shows it.
    const chars = [...cell[1]];
    return `“${chars.length > 10 ? `${chars.slice(0, 9).join('')}…` : cell[1]}”${cell[2]}${cell[3]}`;
  }
  const line = /^(?:第 [\d–]+ 行|表格 \d+ 第 \d+ 行(?:第 \d+ 格)?)/.exec(provenance);
  return line ? `原文${line[0]}` : undefined;
}

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
      cells: f.cells.map((key) => {
        const where = sourcePlace(s.provenance[key]);
        return { key, name: t.cellByKey.get(key)?.name ?? key, value: s.report.values[key] ?? null, ...(where ? { where } : {}) };
      }),
      message: f.message,
    }));
  const file = s.source.file ? basename(s.source.file) : null;
  return { unit: s.unit.name, year, status: s.status, revision: s.revision, file, items };
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
