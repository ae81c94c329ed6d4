// Units: the agencies whose reports the archive keeps.
import type { UnitKind } from '../../shared/report';
import type { Db } from './open';

export interface UnitRow {
  id: number;
  name: string;
  kind: UnitKind;
  parent_id: number | null;
  code: string | null;
  created_at: string;
}

export const listUnits = (db: Db): UnitRow[] => db.prepare('SELECT * FROM units ORDER BY name').all() as UnitRow[];

export const unitByName = (db: Db, name: string): UnitRow | undefined =>
  db.prepare('SELECT * FROM units WHERE name = ?').get(name) as UnitRow | undefined;

export const unitById = (db: Db, id: number): UnitRow | undefined =>
  db.prepare('SELECT * FROM units WHERE id = ?').get(id) as UnitRow | undefined;

export function insertUnit(db: Db, u: Omit<UnitRow, 'id'>): number {
  return Number(
    db.prepare('INSERT INTO units (name, kind, parent_id, code, created_at) VALUES (@name, @kind, @parent_id, @code, @created_at)').run(u)
      .lastInsertRowid,
  );
}

export function updateUnit(db: Db, id: number, u: Pick<UnitRow, 'name' | 'kind' | 'parent_id' | 'code'>): void {
  db.prepare('UPDATE units SET name = @name, kind = @kind, parent_id = @parent_id, code = @code WHERE id = @id').run({ ...u, id });
}
