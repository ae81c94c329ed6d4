// Warnings a person has checked and explained.
import type { Db } from './open';

export interface DismissalRow {
  id: number;
  report_id: number;
  rule: string;
  cells: string;
  reason: string;
  created_at: string;
}

export const listDismissals = (db: Db, reportId: number): DismissalRow[] =>
  db.prepare('SELECT * FROM dismissals WHERE report_id = ?').all(reportId) as DismissalRow[];

export function upsertDismissal(db: Db, d: Omit<DismissalRow, 'id'>): void {
  db.prepare(
    `INSERT INTO dismissals (report_id, rule, cells, reason, created_at) VALUES (@report_id, @rule, @cells, @reason, @created_at)
     ON CONFLICT (report_id, rule, cells) DO UPDATE SET reason = excluded.reason, created_at = excluded.created_at`,
  ).run(d);
}

export function deleteDismissal(db: Db, reportId: number, rule: string, cells: string): boolean {
  return db.prepare('DELETE FROM dismissals WHERE report_id = ? AND rule = ? AND cells = ?').run(reportId, rule, cells).changes > 0;
}
