// Reports and their contents: cells, section texts, legacy rows. A stored report is read back exactly.
import type { CellValue, LegacyRow, Report, ReportScope } from '../../shared/report';
import type { TemplateId } from '../../shared/template';
import type { Db } from './open';
import { indexSection, unindexSection } from './search';

export type ReportStatus = 'draft' | 'final';
export type SourceKind = 'typed' | 'excel' | 'text' | 'html' | 'docx' | 'json';

export interface ReportRow {
  id: number;
  unit_id: number;
  year: number;
  template: TemplateId;
  status: ReportStatus;
  published: string | null;
  scope: ReportScope;
  source_kind: SourceKind;
  source_file: string | null;
  revision: number;
  error_count: number;
  warning_count: number;
  deleted_at: string | null;
  updated_at: string;
}

export const reportRow = (db: Db, unitId: number, year: number): ReportRow | undefined =>
  db.prepare('SELECT * FROM reports WHERE unit_id = ? AND year = ?').get(unitId, year) as ReportRow | undefined;

export const reportRowById = (db: Db, id: number): ReportRow | undefined =>
  db.prepare('SELECT * FROM reports WHERE id = ?').get(id) as ReportRow | undefined;

export function insertReportRow(
  db: Db,
  r: Omit<ReportRow, 'id' | 'revision' | 'error_count' | 'warning_count' | 'deleted_at' | 'scope'> & { scope?: ReportScope },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO reports (unit_id, year, template, status, published, scope, source_kind, source_file, updated_at)
         VALUES (@unit_id, @year, @template, @status, @published, @scope, @source_kind, @source_file, @updated_at)`,
      )
      .run({ scope: 'own', ...r }).lastInsertRowid,
  );
}

export function updateReportRow(db: Db, id: number, r: Partial<Omit<ReportRow, 'id' | 'unit_id' | 'year'>>): void {
  const cols = Object.keys(r);
  if (!cols.length) return;
  db.prepare(`UPDATE reports SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...r, id });
}

/** Replaces the contents of a report (cells, sections, legacy rows). Call inside a transaction. */
export function writeContents(db: Db, reportId: number, report: Report, provenance: Record<string, string>): void {
  db.prepare('DELETE FROM cells WHERE report_id = ?').run(reportId);
  const cell = db.prepare('INSERT INTO cells (report_id, key, value, source) VALUES (?, ?, ?, ?)');
  for (const [key, value] of Object.entries(report.values)) cell.run(reportId, key, value, provenance[key] ?? null);

  const existing = new Map(
    (db.prepare('SELECT id, key, text FROM sections WHERE report_id = ?').all(reportId) as { id: number; key: string; text: string }[]).map(
      (s) => [s.key, s],
    ),
  );
  const sections = Object.entries(report.sections).filter(([, text]) => text !== undefined) as [string, string][];
  const year = db.prepare('SELECT year FROM reports WHERE id = ?').pluck().get(reportId) as number;
  // Only changed texts are rewritten, so the search index is not churned on every save.
  for (const [key, s] of existing)
    if (!sections.some(([k]) => k === key)) {
      db.prepare('DELETE FROM sections WHERE id = ?').run(s.id);
      unindexSection(db, s.id, year);
    }
  for (const [key, text] of sections) {
    const old = existing.get(key);
    if (!old) {
      const id = Number(
        db.prepare('INSERT INTO sections (report_id, key, text) VALUES (?, ?, ?)').run(reportId, key, text).lastInsertRowid,
      );
      indexSection(db, id, year, text, false);
    } else if (old.text !== text) {
      db.prepare('UPDATE sections SET text = ? WHERE id = ?').run(text, old.id);
      indexSection(db, old.id, year, text, true);
    }
  }

  db.prepare('DELETE FROM legacy_rows WHERE report_id = ?').run(reportId);
  const legacy = db.prepare('INSERT INTO legacy_rows (report_id, position, label, unit, this_year, cumulative) VALUES (?, ?, ?, ?, ?, ?)');
  report.legacy?.forEach((row, i) => legacy.run(reportId, i, row.label, row.unit, row.this_year, row.cumulative));
}

export interface StoredContents {
  values: Record<string, CellValue>;
  provenance: Record<string, string>;
  sections: Report['sections'];
  legacy: LegacyRow[];
}

export function readContents(db: Db, reportId: number): StoredContents {
  const values: Record<string, CellValue> = {};
  const provenance: Record<string, string> = {};
  for (const c of db.prepare('SELECT key, value, source FROM cells WHERE report_id = ?').all(reportId) as {
    key: string;
    value: CellValue;
    source: string | null;
  }[]) {
    values[c.key] = c.value;
    if (c.source) provenance[c.key] = c.source;
  }
  const sections: Report['sections'] = {};
  for (const s of db.prepare('SELECT key, text FROM sections WHERE report_id = ?').all(reportId) as {
    key: keyof Report['sections'];
    text: string;
  }[])
    sections[s.key] = s.text;
  const legacy = db
    .prepare('SELECT label, unit, this_year, cumulative FROM legacy_rows WHERE report_id = ? ORDER BY position')
    .all(reportId) as LegacyRow[];
  return { values, provenance, sections, legacy };
}

export interface OverviewRow {
  report_id: number;
  unit_id: number;
  year: number;
  template: TemplateId;
  status: ReportStatus;
  error_count: number;
  warning_count: number;
  updated_at: string;
}

export const overviewRows = (db: Db): OverviewRow[] =>
  db
    .prepare(
      `SELECT id AS report_id, unit_id, year, template, status, error_count, warning_count, updated_at
       FROM reports WHERE deleted_at IS NULL ORDER BY unit_id, year`,
    )
    .all() as OverviewRow[];

export const deletedReportRows = (db: Db): ReportRow[] =>
  db.prepare('SELECT * FROM reports WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC').all() as ReportRow[];

/** A unit's reports not yet deleted. */
export const liveReportRowsOfUnit = (db: Db, unitId: number): ReportRow[] =>
  db.prepare('SELECT * FROM reports WHERE unit_id = ? AND deleted_at IS NULL ORDER BY year').all(unitId) as ReportRow[];

/** Reports deleted at exactly this moment (with their unit), to restore them together. */
export const reportRowsDeletedAt = (db: Db, unitId: number, deletedAt: string): ReportRow[] =>
  db.prepare('SELECT * FROM reports WHERE unit_id = ? AND deleted_at = ? ORDER BY year').all(unitId, deletedAt) as ReportRow[];
