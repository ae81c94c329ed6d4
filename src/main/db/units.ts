// Units: the agencies whose reports the archive keeps. A deleted unit keeps its row (and name) until restored.
import type { UnitKind } from '../../shared/report';
import type { Db } from './open';

export interface UnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  code: string | null;
  created_at: string;
  deleted_at: string | null;
}

/** Units in use (not deleted). */
export const listUnits = (db: Db): UnitRow[] => db.prepare('SELECT * FROM units WHERE deleted_at IS NULL ORDER BY name').all() as UnitRow[];

/** Units in use with their parent's name, in one query. */
export const listUnitsWithParents = (db: Db): (UnitRow & { parent: string | null })[] =>
  db
    .prepare('SELECT u.*, p.name AS parent FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.deleted_at IS NULL ORDER BY u.name')
    .all() as (UnitRow & { parent: string | null })[];

/** Every unit's name, kind and whether it is deleted (what import planning needs), in one query. */
export const unitNames = (db: Db): Pick<UnitRow, 'name' | 'kind' | 'deleted_at'>[] =>
  db.prepare('SELECT name, kind, deleted_at FROM units').all() as Pick<UnitRow, 'name' | 'kind' | 'deleted_at'>[];

export const countUnits = (db: Db): number =>
  (db.prepare('SELECT count(*) AS n FROM units WHERE deleted_at IS NULL').get() as { n: number }).n;

export const deletedUnits = (db: Db): UnitRow[] =>
  db.prepare('SELECT * FROM units WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC').all() as UnitRow[];

/** By name, deleted or not (a deleted unit still holds its name). */
export const unitByName = (db: Db, name: string): UnitRow | undefined =>
  db.prepare('SELECT * FROM units WHERE name = ?').get(name) as UnitRow | undefined;

export const unitById = (db: Db, id: number): UnitRow | undefined =>
  db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;

export function insertUnit(db: Db, u: Omit<UnitRow, 'id' | 'deleted_at'>): number {
  return Number(
    db.prepare('INSERT INTO units (name, kind, parent_id, code, created_at) VALUES (@name, @kind, @parent_id, @code, @created_at)').run(u)
      .lastInsertRowid,
  );
}

export function updateUnit(db: Db, id: number, u: Pick<UnitRow, 'name' | 'kind' | 'parent_id' | 'code'>): void {
  db.prepare('UPDATE units SET name = @name, kind = @kind, parent_id = @parent_id, code = @code WHERE id = @id').run({ ...u, id });
}

/** Marks a unit deleted (or restored with null). Call inside a transaction with the reports' change. */
export function setUnitDeleted(db: Db, id: number, deletedAt: string | null): void {
  db.prepare('UPDATE units SET deleted_at = ? WHERE id = ?').run(deletedAt, id);
}
