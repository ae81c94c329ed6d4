// Revisions: a full snapshot of a report on every save.
import type { Db } from './open';

export interface RevisionRow {
  id: number;
  report_id: number;
  number: number;
  created_at: string;
  note: string | null;
  snapshot: string;
}

export function insertRevision(db: Db, r: Omit<RevisionRow, 'id'>): void {
  db.prepare(
    'INSERT INTO revisions (report_id, number, created_at, note, snapshot) VALUES (@report_id, @number, @created_at, @note, @snapshot)',
  ).run(r);
}

export const listRevisions = (db: Db, reportId: number): Omit<RevisionRow, 'snapshot'>[] =>
  db
    .prepare('SELECT id, report_id, number, created_at, note FROM revisions WHERE report_id = ? ORDER BY number DESC')
    .all(reportId) as Omit<RevisionRow, 'snapshot'>[];

export const revision = (db: Db, reportId: number, number: number): RevisionRow | undefined =>
  db.prepare('SELECT * FROM revisions WHERE report_id = ? AND number = ?').get(reportId, number) as RevisionRow | undefined;
