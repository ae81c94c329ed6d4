// Revisions: a full snapshot of a report per burst of editing, and per named event (定稿, import, restore…).
import type { Db } from './open';

export interface RevisionRow {
  id: number;
  report_id: number;
  number: number;
  created_at: string;
  /** Why this revision exists (定稿, 从 x.xlsx 导入…); null for an ordinary edit. A named revision is never amended. */
  note: string | null;
  /** The editor session that wrote it; its next save within a burst replaces it. */
  session: string | null;
  snapshot: string;
}

export function insertRevision(db: Db, r: Omit<RevisionRow, 'id'>): void {
  db.prepare(
    `INSERT INTO revisions (report_id, number, created_at, note, session, snapshot)
     VALUES (@report_id, @number, @created_at, @note, @session, @snapshot)`,
  ).run(r);
}

export const listRevisions = (db: Db, reportId: number): Omit<RevisionRow, 'snapshot'>[] =>
  db
    .prepare('SELECT id, report_id, number, created_at, note, session FROM revisions WHERE report_id = ? ORDER BY number DESC')
    .all(reportId) as Omit<RevisionRow, 'snapshot'>[];

export const revision = (db: Db, reportId: number, number: number): RevisionRow | undefined =>
  db.prepare('SELECT * FROM revisions WHERE report_id = ? AND number = ?').get(reportId, number) as RevisionRow | undefined;

export const latestRevision = (db: Db, reportId: number): RevisionRow | undefined =>
  db.prepare('SELECT * FROM revisions WHERE report_id = ? ORDER BY number DESC LIMIT 1').get(reportId) as RevisionRow | undefined;

/** Drops a revision superseded by a later save of the same burst. */
export function deleteRevision(db: Db, id: number): void {
  db.prepare('DELETE FROM revisions WHERE id = ?').run(id);
}
