// What the pages other than 档案 show, each asked for alone (issue 11): the years with reports, units found by
// name for a picker (a few at a time, as the person types), the unit tree with one year's state, the flat
// export's counts. Fixed statement texts, so the connection's statement cache serves them.
import type { UnitKind } from '../../shared/report';
import type { Db } from './open';
import type { ReportStatus } from './reports';

/** The years with a live report, oldest first: one index seek per year (the year index), not a pass over reports. */
export function liveYears(db: Db): number[] {
  const next = db.prepare('SELECT year FROM reports WHERE year > ? AND deleted_at IS NULL ORDER BY year LIMIT 1');
  const years: number[] = [];
  for (let row = next.get(0) as { year: number } | undefined; row; row = next.get(row.year) as { year: number } | undefined)
    years.push(row.year);
  return years;
}

export interface UnitFindFilter {
  /** Part of the name, or the whole name when `exact`. */
  text: string | null;
  exact: boolean;
  /** Only units with a live report of this year (and that report's state in the answer). */
  year: number | null;
  /** Only units with any live report. */
  hasReports: boolean;
  /** Only units that have subordinate units; top units first. */
  parents: boolean;
  /** Only the subordinate units of this unit (id). */
  parentId: number | null;
  limit: number;
}

export interface FoundUnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  code: string | null;
  parent: string | null;
  status: ReportStatus | null;
  error_count: number | null;
  warning_count: number | null;
}

// The parents' test reads the units once (an IN list SQLite builds a single time), not once per unit.
const FIND = `SELECT u.id, u.name, u.kind, u.code, p.name AS parent, r.status, r.error_count, r.warning_count
  FROM units u LEFT JOIN units p ON p.id = u.parent_id
  LEFT JOIN reports r ON @year IS NOT NULL AND r.unit_id = u.id AND r.year = @year AND r.deleted_at IS NULL
  WHERE u.deleted_at IS NULL
    AND (@text IS NULL OR (@exact = 1 AND u.name = @text) OR (@exact = 0 AND instr(u.name, @text) > 0))
    AND (@year IS NULL OR r.id IS NOT NULL)
    AND (@parentId IS NULL OR u.parent_id = @parentId)
    AND (@parents = 0 OR u.id IN (SELECT parent_id FROM units WHERE deleted_at IS NULL AND parent_id IS NOT NULL))
    AND (@hasReports = 0 OR EXISTS (SELECT 1 FROM reports x WHERE x.unit_id = u.id AND x.deleted_at IS NULL))
  ORDER BY (@parents = 1 AND u.parent_id IS NOT NULL), u.name
  LIMIT @limit`;

/** Up to `limit` matching units in name order (top units first for `parents`). */
export const findUnits = (db: Db, f: UnitFindFilter): FoundUnitRow[] =>
  db.prepare(FIND).all({
    text: f.text,
    exact: f.exact ? 1 : 0,
    year: f.year,
    hasReports: f.hasReports ? 1 : 0,
    parents: f.parents ? 1 : 0,
    parentId: f.parentId,
    limit: f.limit,
  }) as FoundUnitRow[];

/** The years with a live report of each of these units, newest first. */
export const yearsOfUnits = (db: Db, unitIds: number[]): { unit_id: number; year: number }[] =>
  unitIds.length
    ? (db
        .prepare(
          `SELECT unit_id, year FROM reports WHERE unit_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
           ORDER BY unit_id, year DESC`,
        )
        .all(JSON.stringify(unitIds)) as { unit_id: number; year: number }[])
    : [];

export interface TreeUnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  code: string | null;
  parent: string | null;
  /** Null when not asked for (see `unitTree`). */
  reports: number | null;
  status: ReportStatus | null;
  previous: ReportStatus | null;
}

/**
 * Every unit in use with its parent and the state of its reports of `year` and the year before (two index
 * lookups per unit); with `counts`, also its number of live reports (from migration 0007's summary, not a pass over reports).
 */
export const unitTree = (db: Db, year: number, counts: boolean): TreeUnitRow[] =>
  db
    .prepare(
      counts
        ? `SELECT u.id, u.name, u.kind, u.code, p.name AS parent, coalesce(n.reports, 0) AS reports, r.status, b.status AS previous
           FROM units u LEFT JOIN units p ON p.id = u.parent_id
           LEFT JOIN unit_reports n ON n.unit_id = u.id
           LEFT JOIN reports r ON r.unit_id = u.id AND r.year = @year AND r.deleted_at IS NULL
           LEFT JOIN reports b ON b.unit_id = u.id AND b.year = @year - 1 AND b.deleted_at IS NULL
           WHERE u.deleted_at IS NULL ORDER BY u.name`
        : `SELECT u.id, u.name, u.kind, u.code, p.name AS parent, NULL AS reports, r.status, b.status AS previous
           FROM units u LEFT JOIN units p ON p.id = u.parent_id
           LEFT JOIN reports r ON r.unit_id = u.id AND r.year = @year AND r.deleted_at IS NULL
           LEFT JOIN reports b ON b.unit_id = u.id AND b.year = @year - 1 AND b.deleted_at IS NULL
           WHERE u.deleted_at IS NULL ORDER BY u.name`,
    )
    .all({ year }) as TreeUnitRow[];

/** Live reports, and how many of them are of the 2018 and earlier form (left out of the flat workbook). */
export const reportCounts = (db: Db): { reports: number; legacy: number } =>
  db.prepare("SELECT count(*) AS reports, coalesce(sum(template = 'legacy'), 0) AS legacy FROM reports WHERE deleted_at IS NULL").get() as {
    reports: number;
    legacy: number;
  };
