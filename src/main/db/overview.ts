// The 档案 overview as the page asks for it: one page of units (with their parents, in one query), their
// reports, the number of matching units and the report counts per year. Filters and sort run here, in SQL.
// Every statement is fixed text (the sort picks one of a few), so the connection's statement cache serves it.
import type { TemplateId } from '../../shared/template';
import type { UnitKind } from '../../shared/report';
import type { Db } from './open';
import type { OverviewRow, ReportStatus } from './reports';

export type OverviewSort = 'name' | 'kind' | 'errors' | 'updated';
export type OverviewStatus = 'draft' | 'final' | 'errors' | 'warnings' | 'missing';

export interface OverviewFilter {
  /** Part of the unit's name. */
  name: string | null;
  kind: UnitKind | null;
  /** The parent unit's id. */
  parentId: number | null;
  /** Only these units (those a status filter leaves), or null for all. */
  unitIds: number[] | null;
  from: number;
  to: number;
  /** [from, to] holds every live report: the 最近修改 sort and 有缺报年度 may read the summary (unit_reports). */
  allYears?: boolean;
}

export interface OverviewUnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  code: string | null;
  parent: string | null;
}

export type OverviewCellRow = Omit<OverviewRow, 'updated_at'>;

export interface YearCountRow {
  year: number;
  reports: number;
  final: number;
  with_errors: number;
  with_warnings: number;
}

// The unit filter, shared by the page, the total and the counts (u is the unit). A status filter arrives as the
// ids of the units it leaves (read once, by `statusUnitIds`), so no statement runs a subquery per unit or report.
const MATCHES = `u.deleted_at IS NULL
  AND (@name IS NULL OR instr(u.name, @name) > 0)
  AND (@kind IS NULL OR u.kind = @kind)
  AND (@parentId IS NULL OR u.parent_id = @parentId)
  AND (@unitIds IS NULL OR u.id IN (SELECT value FROM json_each(@unitIds)))`;

const STATUS_CONDITION: Record<Exclude<OverviewStatus, 'missing'>, string> = {
  draft: "status = 'draft'",
  final: "status = 'final'",
  errors: 'error_count > 0',
  warnings: 'warning_count > 0',
};

/** Changes whenever this connection (total_changes) or another one (data_version) has written to the archive. */
export const changeStamp = (db: Db): string =>
  `${db.pragma('data_version', { simple: true })}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;

/**
 * The units a status filter leaves: one pass over the reports of [from, to]. With `allYears` ([from, to] holds
 * every live report), 有缺报年度 is a unit with fewer live reports than years, from the summary of migration 0007.
 */
export function statusUnitIds(db: Db, status: OverviewStatus, from: number, to: number, allYears = false): number[] {
  if (status === 'missing' && allYears)
    return (
      db
        .prepare(
          `SELECT u.id FROM units u LEFT JOIN unit_reports s ON s.unit_id = u.id
           WHERE u.deleted_at IS NULL AND coalesce(s.reports, 0) < @to - @from + 1`,
        )
        .all({ from, to }) as { id: number }[]
    ).map((r) => r.id);
  if (status === 'missing')
    return (
      db
        .prepare(
          // Complete units by the (unit_id, year) index alone; a deleted report leaves its year missing too.
          `SELECT u.id FROM units u WHERE u.deleted_at IS NULL AND (
             u.id NOT IN (SELECT unit_id FROM reports WHERE year BETWEEN @from AND @to
                          GROUP BY unit_id HAVING count(*) = @to - @from + 1)
             OR u.id IN (SELECT unit_id FROM reports WHERE deleted_at IS NOT NULL AND year BETWEEN @from AND @to))`,
        )
        .all({ from, to }) as { id: number }[]
    ).map((r) => r.id);
  return (
    db
      .prepare(
        `SELECT DISTINCT unit_id AS id FROM reports
         WHERE deleted_at IS NULL AND year BETWEEN @from AND @to AND ${STATUS_CONDITION[status]}`,
      )
      .all({ from, to }) as { id: number }[]
  ).map((r) => r.id);
}

// Name breaks ties, so equal keys keep one order from page to page.
const ORDER: Record<OverviewSort, (dir: string) => string> = {
  name: (d) => `u.name ${d}`,
  kind: (d) => `u.kind ${d}, u.name`,
  errors: (d) => `coalesce(s.errors, 0) ${d}, u.name`,
  updated: (d) => `s.updated ${d}, u.name`,
};
// What the report-based sorts order by, per unit, in one pass (not a subquery per unit). Errors: only the
// reports that have some are grouped (a unit without is 0).
const PER_UNIT: Record<'errors' | 'updated', string> = {
  errors: `LEFT JOIN (SELECT unit_id, sum(error_count) AS errors FROM reports
    WHERE deleted_at IS NULL AND error_count > 0 AND year BETWEEN @from AND @to GROUP BY unit_id) s ON s.unit_id = u.id`,
  updated: `LEFT JOIN (SELECT unit_id, max(updated_at) AS updated FROM reports
    WHERE deleted_at IS NULL AND year BETWEEN @from AND @to GROUP BY unit_id) s ON s.unit_id = u.id`,
};
// Over all years, each unit's newest live report is kept by the triggers of migration 0007.
const UPDATED_ALL_YEARS = 'LEFT JOIN unit_reports s ON s.unit_id = u.id';

const params = (f: OverviewFilter) => ({
  name: f.name,
  kind: f.kind,
  parentId: f.parentId,
  unitIds: f.unitIds && JSON.stringify(f.unitIds),
  from: f.from,
  to: f.to,
});

/** The ids of every matching unit in display order (a page is a slice of it; its length is the total). */
export function matchingUnitIds(db: Db, f: OverviewFilter, sort: OverviewSort, desc: boolean): number[] {
  const joined = sort === 'updated' && f.allYears ? UPDATED_ALL_YEARS : sort === 'errors' || sort === 'updated' ? PER_UNIT[sort] : '';
  return (
    db.prepare(`SELECT u.id FROM units u ${joined} WHERE ${MATCHES} ORDER BY ${ORDER[sort](desc ? 'DESC' : 'ASC')}`).all(params(f)) as {
      id: number;
    }[]
  ).map((r) => r.id);
}

/** These units with their parents' names, in the order given. */
export function unitsByIds(db: Db, ids: number[]): OverviewUnitRow[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(
      `SELECT u.id, u.name, u.kind, u.code, p.name AS parent
       FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as OverviewUnitRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
}

/** Reports per year among the matching units (for the column headers). */
export const overviewYearCounts = (db: Db, f: OverviewFilter): YearCountRow[] =>
  db
    .prepare(
      `SELECT r.year, count(*) AS reports, sum(r.status = 'final') AS final,
              sum(r.error_count > 0) AS with_errors, sum(r.warning_count > 0) AS with_warnings
       FROM reports r JOIN units u ON u.id = r.unit_id
       WHERE r.deleted_at IS NULL AND r.year BETWEEN @from AND @to AND ${MATCHES}
       GROUP BY r.year ORDER BY r.year`,
    )
    .all(params(f)) as YearCountRow[];

/**
 * Reports per year among all live reports (the header when every unit matches), from the summary the triggers of
 * migration 0007 keep: one row a year instead of every report. A deleted unit's reports are deleted with it.
 */
export const allYearCounts = (db: Db, from: number, to: number): YearCountRow[] =>
  db
    .prepare(
      `SELECT year, reports, final, with_errors, with_warnings FROM year_counts
       WHERE year BETWEEN ? AND ? AND reports > 0 ORDER BY year`,
    )
    .all(from, to) as YearCountRow[];

/**
 * Reports per year among these units (the matching ones, already found), unit by unit through the (unit_id, year)
 * index: for a few thousand units far less than reading every report.
 */
export const yearCountsOfUnits = (db: Db, unitIds: number[], from: number, to: number): YearCountRow[] =>
  db
    .prepare(
      `SELECT r.year, count(*) AS reports, sum(r.status = 'final') AS final,
              sum(r.error_count > 0) AS with_errors, sum(r.warning_count > 0) AS with_warnings
       FROM json_each(@ids) j CROSS JOIN reports r ON r.unit_id = j.value
       WHERE r.deleted_at IS NULL AND r.year BETWEEN @from AND @to
       GROUP BY r.year ORDER BY r.year`,
    )
    .all({ ids: JSON.stringify(unitIds), from, to }) as YearCountRow[];

/** The live reports of these units, every year (a unit's delete names them all). */
export const overviewCells = (db: Db, unitIds: number[]): OverviewCellRow[] =>
  unitIds.length
    ? (db
        .prepare(
          `SELECT id AS report_id, unit_id, year, template, status, error_count, warning_count
           FROM reports WHERE unit_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY unit_id, year`,
        )
        .all(JSON.stringify(unitIds)) as OverviewCellRow[])
    : [];

/** The oldest and newest year with a live report (by the year index: stops at the first live one). */
export function reportYearRange(db: Db): { first: number; last: number } | null {
  const first = db.prepare('SELECT year FROM reports WHERE deleted_at IS NULL ORDER BY year LIMIT 1').get() as { year: number } | undefined;
  const last = db.prepare('SELECT year FROM reports WHERE deleted_at IS NULL ORDER BY year DESC LIMIT 1').get() as
    { year: number } | undefined;
  return first && last ? { first: first.year, last: last.year } : null;
}

export interface ListedReportRow {
  unit: string;
  year: number;
  template: TemplateId;
  status: ReportStatus;
  error_count: number;
  warning_count: number;
}

/**
 * Every live report with its unit's name, in name and year order, read one row at a time (for `nianbao list`).
 * Units by their name index, each unit's reports by (unit_id, year): rows come in order without a sort.
 */
export const iterateListedReports = (db: Db): IterableIterator<ListedReportRow> =>
  db
    .prepare(
      `SELECT u.name AS unit, r.year, r.template, r.status, r.error_count, r.warning_count
       FROM units u JOIN reports r ON r.unit_id = u.id
       WHERE r.deleted_at IS NULL ORDER BY u.name, r.year`,
    )
    .iterate() as IterableIterator<ListedReportRow>;
