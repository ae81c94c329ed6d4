// The archive file as SQLite sees it: its schema compared with what the migrations build, integrity checks, and
// the counts a restore shows. The services in services/store.ts call these; no SQL lives there.
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import type { Db } from './open';

interface SchemaObject {
  type: string;
  name: string;
  columns: string[];
}

const expectedCache = new WeakMap<readonly Migration[], Map<number, SchemaObject[]>>();

function schemaOf(db: Db): SchemaObject[] {
  const rows = db
    .prepare("SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { type: string; name: string }[];
  return rows.map((r) => ({
    ...r,
    columns:
      r.type === 'table'
        ? (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(r.name) as { name: string }[]).map((c) => c.name)
        : [],
  }));
}

/** What the migrations up to `version` build, from an empty in-memory database (computed once per version). */
export function expectedSchema(version: number, migrations: readonly Migration[] = MIGRATIONS): SchemaObject[] {
  let byVersion = expectedCache.get(migrations);
  if (!byVersion) expectedCache.set(migrations, (byVersion = new Map()));
  let schema = byVersion.get(version);
  if (!schema) {
    const mem = new Database(':memory:');
    try {
      // The whole of each migration, `run` included: a run step may finish its schema change (rename, drop).
      for (const m of migrations.filter((x) => x.version <= version)) {
        mem.exec(m.sql);
        m.run?.(mem);
      }
      schema = schemaOf(mem);
    } finally {
      mem.close();
    }
    byVersion.set(version, schema);
  }
  return schema;
}

/**
 * What is missing from a database that says it is at `version`: tables, columns, indexes and triggers the
 * migrations create. Null when nothing is missing. Version 0 never holds an archive.
 */
export function schemaProblem(db: Db, version: number, migrations: readonly Migration[] = MIGRATIONS): string | null {
  if (version < 1) return '结构版本号为 0（不是完整的档案）';
  const actual = new Map(schemaOf(db).map((o) => [o.name, o]));
  const missing: string[] = [];
  for (const want of expectedSchema(version, migrations)) {
    const have = actual.get(want.name);
    if (!have || have.type !== want.type) missing.push(want.name);
    else for (const c of want.columns) if (!have.columns.includes(c)) missing.push(`${want.name}.${c}`);
  }
  if (!missing.length) return null;
  const shown = missing.slice(0, 5).join('、');
  return `缺少 ${missing.length} 项结构（${shown}${missing.length > 5 ? ' 等' : ''}）`;
}

/** SQLite's own check: 'ok', or the first problems it found. `quick` skips index contents (faster). */
export function integrityProblem(db: Db, quick = false): string | null {
  const rows = db.pragma(quick ? 'quick_check(5)' : 'integrity_check(5)') as { quick_check?: string; integrity_check?: string }[];
  const lines = rows.map((r) => r.quick_check ?? r.integrity_check ?? '');
  return lines.length === 1 && lines[0] === 'ok' ? null : lines.join('；');
}

/** A database file opened to read only (a backup to check, or to copy from); it must exist. */
export const openReadonly = (file: string): Db => new Database(file, { readonly: true, fileMustExist: true });

/** Application id and schema version of a file. */
export function identity(db: Db): { applicationId: number; version: number; tables: number } {
  return {
    applicationId: db.pragma('application_id', { simple: true }) as number,
    version: db.pragma('user_version', { simple: true }) as number,
    tables: (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n,
  };
}

/** Units and live reports: what a restore tells the person the backup holds. */
export function contentCounts(db: Db): { units: number; reports: number } {
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    units: count('SELECT count(*) AS n FROM units'),
    reports: count('SELECT count(*) AS n FROM reports WHERE deleted_at IS NULL'),
  };
}
