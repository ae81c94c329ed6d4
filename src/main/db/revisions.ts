// Revisions: one per burst of editing, and per named event (定稿, import, restore…). Each holds only its difference
// from the state after it (migration 0006, db/delta.ts); the latest one's is from the report as the tables hold it.
import type { Db } from './open';

export interface RevisionRow {
  report_id: number;
  number: number;
  created_at: string;
  /** Why this revision exists (定稿, 从 x.xlsx 导入…); null for an ordinary edit. A named revision is never amended. */
  note: string | null;
  /** The editor session that wrote it; its next save within a burst replaces it. */
  session: string | null;
  /** JSON of what turns the state after it into this revision's state; null when they are the same. */
  delta: string | null;
}

export function insertRevision(db: Db, r: RevisionRow): void {
  db.prepare(
    `INSERT INTO revisions (report_id, number, created_at, note, session, delta)
     VALUES (@report_id, @number, @created_at, @note, @session, @delta)`,
  ).run(r);
}

export const listRevisions = (db: Db, reportId: number): Omit<RevisionRow, 'delta'>[] =>
  db
    .prepare('SELECT report_id, number, created_at, note, session FROM revisions WHERE report_id = ? ORDER BY number DESC')
    .all(reportId) as Omit<RevisionRow, 'delta'>[];

/** The revisions from `number` up to the latest, newest first: the differences that lead back to `number`. */
export const revisionsSince = (db: Db, reportId: number, number: number): RevisionRow[] =>
  db.prepare('SELECT * FROM revisions WHERE report_id = ? AND number >= ? ORDER BY number DESC').all(reportId, number) as RevisionRow[];

/** The latest two, newest first (a burst amends the latest: the one before it then leads to the new state). */
export const latestRevisions = (db: Db, reportId: number): RevisionRow[] =>
  db.prepare('SELECT * FROM revisions WHERE report_id = ? ORDER BY number DESC LIMIT 2').all(reportId) as RevisionRow[];

export function setDelta(db: Db, reportId: number, number: number, delta: string | null): void {
  db.prepare('UPDATE revisions SET delta = ? WHERE report_id = ? AND number = ?').run(delta, reportId, number);
}

/** Drops a revision superseded by a later save of the same burst. */
export function deleteRevision(db: Db, reportId: number, number: number): void {
  db.prepare('DELETE FROM revisions WHERE report_id = ? AND number = ?').run(reportId, number);
}
