// The exchanges of 报送包 between a unit and its collecting office: one row per package sent, received or returned.
import type { Db } from './open';

export type ExchangeDirection = 'sent' | 'received' | 'returned';

export interface ExchangeRow {
  id: number;
  unit_id: number;
  year: number;
  direction: ExchangeDirection;
  revision: number;
  package_sha256: string;
  file: string;
  created_at: string;
  /** JSON of the return reasons; null for sends and receipts. */
  reasons: string | null;
}

export function insertExchange(db: Db, e: Omit<ExchangeRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO exchanges (unit_id, year, direction, revision, package_sha256, file, created_at, reasons)
         VALUES (@unit_id, @year, @direction, @revision, @package_sha256, @file, @created_at, @reasons)`,
      )
      .run(e).lastInsertRowid,
  );
}

/** Newest first. */
export const listExchanges = (db: Db, unitId: number, year: number): ExchangeRow[] =>
  db.prepare('SELECT * FROM exchanges WHERE unit_id = ? AND year = ? ORDER BY id DESC').all(unitId, year) as ExchangeRow[];

export const latestExchange = (db: Db, unitId: number, year: number, direction: ExchangeDirection): ExchangeRow | undefined =>
  db
    .prepare('SELECT * FROM exchanges WHERE unit_id = ? AND year = ? AND direction = ? ORDER BY id DESC LIMIT 1')
    .get(unitId, year, direction) as ExchangeRow | undefined;

export const exchangeBySha = (db: Db, unitId: number, year: number, sha256: string): ExchangeRow | undefined =>
  db
    .prepare('SELECT * FROM exchanges WHERE unit_id = ? AND year = ? AND package_sha256 = ? ORDER BY id DESC LIMIT 1')
    .get(unitId, year, sha256) as ExchangeRow | undefined;

/** The latest exchange of each unit's report for a year, with the unit's name. */
export const latestByUnit = (db: Db, year: number): (ExchangeRow & { unit: string })[] =>
  db
    .prepare(
      `SELECT e.*, u.name AS unit FROM exchanges e JOIN units u ON u.id = e.unit_id
       WHERE e.year = ? AND e.id = (SELECT max(x.id) FROM exchanges x WHERE x.unit_id = e.unit_id AND x.year = e.year)
       ORDER BY u.name`,
    )
    .all(year) as (ExchangeRow & { unit: string })[];
