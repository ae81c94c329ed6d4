// Full-text search over section texts: the trigram index for 3+ characters, a scan for shorter queries
// (a trigram index cannot answer them).
import type { Db } from './open';

export interface SearchRow {
  report_id: number;
  unit: string;
  year: number;
  key: string;
  text: string;
}

const JOIN = `FROM sections s JOIN reports r ON r.id = s.report_id AND r.deleted_at IS NULL JOIN units u ON u.id = r.unit_id`;

export function searchTrigram(db: Db, query: string, limit: number): SearchRow[] {
  const phrase = `"${query.replace(/"/g, '""')}"`;
  return db
    .prepare(
      `SELECT s.report_id, u.name AS unit, r.year, s.key, s.text ${JOIN}
       WHERE s.id IN (SELECT rowid FROM sections_fts WHERE sections_fts MATCH ?)
       ORDER BY r.year DESC, u.name LIMIT ?`,
    )
    .all(phrase, limit) as SearchRow[];
}

export function searchScan(db: Db, query: string, limit: number): SearchRow[] {
  return db
    .prepare(
      `SELECT s.report_id, u.name AS unit, r.year, s.key, s.text ${JOIN} WHERE instr(s.text, ?) > 0 ORDER BY r.year DESC, u.name LIMIT ?`,
    )
    .all(query, limit) as SearchRow[];
}
