// Read-only queries of the collecting office: a parent's units, their reports of a year, their cells.
import type { CellValue } from '../../shared/report';
import type { TemplateId } from '../../shared/template';
import type { Db } from './open';
import type { ReportStatus } from './reports';
import type { UnitRow } from './units';

/** The units under a parent; with parentId null, every unit of the archive. */
export const childUnits = (db: Db, parentId: number | null): UnitRow[] =>
  (parentId === null
    ? db.prepare('SELECT * FROM units ORDER BY name')
    : db.prepare('SELECT * FROM units WHERE parent_id = ? ORDER BY name')
  ).all(...(parentId === null ? [] : [parentId])) as UnitRow[];

export interface YearReportRow {
  report_id: number;
  unit_id: number;
  template: TemplateId;
  status: ReportStatus;
  error_count: number;
  warning_count: number;
  revision: number;
  updated_at: string;
}

const REPORT_COLS = `r.id AS report_id, r.unit_id, r.template, r.status, r.error_count, r.warning_count, r.revision, r.updated_at`;

/** The live (not deleted) reports of one year of the units under a parent (every unit when parentId is null). */
export const yearReports = (db: Db, parentId: number | null, year: number): YearReportRow[] =>
  (parentId === null
    ? db.prepare(`SELECT ${REPORT_COLS} FROM reports r WHERE r.year = ? AND r.deleted_at IS NULL`).all(year)
    : db
        .prepare(
          `SELECT ${REPORT_COLS} FROM reports r JOIN units u ON u.id = r.unit_id
           WHERE u.parent_id = ? AND r.year = ? AND r.deleted_at IS NULL`,
        )
        .all(parentId, year)) as YearReportRow[];

export interface UnitCellRow {
  unit_id: number;
  key: string;
  value: CellValue;
}

/** Every stored cell of the live reports of one year of the units under a parent (every unit when null). */
export const yearCells = (db: Db, parentId: number | null, year: number): UnitCellRow[] =>
  (parentId === null
    ? db
        .prepare(
          `SELECT r.unit_id, k.key, c.value FROM reports r JOIN cells c ON c.report_id = r.id JOIN cell_keys k ON k.id = c.cell
           WHERE r.year = ? AND r.deleted_at IS NULL`,
        )
        .all(year)
    : db
        .prepare(
          `SELECT r.unit_id, k.key, c.value FROM units u JOIN reports r ON r.unit_id = u.id JOIN cells c ON c.report_id = r.id
             JOIN cell_keys k ON k.id = c.cell
           WHERE u.parent_id = ? AND r.year = ? AND r.deleted_at IS NULL`,
        )
        .all(parentId, year)) as UnitCellRow[];
