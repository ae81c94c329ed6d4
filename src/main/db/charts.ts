// Read-only queries of the charts: a unit's (or a parent's units') live reports per year, and some of their cells
// summed per year and template.
import type { TemplateId } from '../../shared/template';
import type { Db } from './open';

export interface YearTemplateCount {
  year: number;
  template: TemplateId;
  reports: number;
}

export interface YearTemplateSum {
  year: number;
  template: TemplateId;
  key: string;
  /** The sum of the numbers given; null when no report gave a number (blank or 不适用 everywhere). */
  value: number | null;
}

/** One unit's reports, or those of every unit under a parent. */
export type ChartScope = 'unit' | 'parent';

// CROSS JOIN keeps this order (units → reports by unit → cells by report and key): left to itself, SQLite may scan
// every cell of the archive for a parent's units (13 s for 2,000 units at province scale instead of well under 1 s).
const REPORTS: Record<ChartScope, string> = {
  unit: 'FROM reports r',
  parent: 'FROM units u CROSS JOIN reports r ON r.unit_id = u.id',
};
const WHERE: Record<ChartScope, string> = { unit: 'r.unit_id = ?', parent: 'u.parent_id = ? AND u.deleted_at IS NULL' };

/** How many live reports each year and template has. */
export const reportCounts = (db: Db, by: ChartScope, id: number): YearTemplateCount[] =>
  db
    .prepare(
      `SELECT r.year, r.template, COUNT(*) AS reports ${REPORTS[by]}
       WHERE ${WHERE[by]} AND r.deleted_at IS NULL GROUP BY r.year, r.template ORDER BY r.year`,
    )
    .all(id) as YearTemplateCount[];

/** The cells of `keys` summed per year and template; 不适用 and blanks are left out of the sums. */
export const cellSums = (db: Db, by: ChartScope, id: number, keys: readonly string[]): YearTemplateSum[] =>
  db
    .prepare(
      `SELECT r.year, r.template, k.key, SUM(CASE WHEN typeof(c.value) IN ('integer', 'real') THEN c.value END) AS value
       ${REPORTS[by]} CROSS JOIN cells c ON c.report_id = r.id JOIN cell_keys k ON k.id = c.cell
       WHERE ${WHERE[by]} AND r.deleted_at IS NULL AND r.template <> 'legacy'
         AND c.cell IN (SELECT id FROM cell_keys WHERE key IN (SELECT value FROM json_each(?)))
       GROUP BY r.year, r.template, k.key`,
    )
    .all(id, JSON.stringify(keys)) as YearTemplateSum[];
