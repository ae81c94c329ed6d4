// Reports and their contents: cells, section texts, legacy rows. A stored report is read back exactly.
import type { CellValue, LegacyRow, Report, ReportScope, UnitKind } from '../../shared/report';
import { getTemplate, type TemplateId } from '../../shared/template';
import type { Db } from './open';
import { indexAtOnce, type SectionIndexer } from './search';

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
  r: Omit<ReportRow, 'id' | 'revision' | 'error_count' | 'warning_count' | 'deleted_at' | 'scope'> & {
    scope?: ReportScope;
    revision?: number;
  },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO reports (unit_id, year, template, status, published, scope, source_kind, source_file, updated_at, revision)
         VALUES (@unit_id, @year, @template, @status, @published, @scope, @source_kind, @source_file, @updated_at, @revision)`,
      )
      .run({ scope: 'own', revision: 0, ...r }).lastInsertRowid,
  );
}

export function updateReportRow(db: Db, id: number, r: Partial<Omit<ReportRow, 'id' | 'unit_id' | 'year'>>): void {
  const cols = Object.keys(r);
  if (!cols.length) return;
  db.prepare(`UPDATE reports SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...r, id });
}

// A cell's key is stored once, in cell_keys (migration 0006 enters every template's keys); cells name it by that
// id. Ids never change, so a connection keeps those it read at its first write. A key entered later is looked up
// each time, not kept: the transaction that entered it may still be rolled back.
const cellKeyCache = new WeakMap<Db, { ids: Map<string, number>; keys: string[] }>();
function knownCellKeys(db: Db): { ids: Map<string, number>; keys: string[] } {
  let known = cellKeyCache.get(db);
  if (!known) {
    const rows = db.prepare('SELECT key, id FROM cell_keys').all() as { key: string; id: number }[];
    known = { ids: new Map(rows.map((r) => [r.key, r.id])), keys: [] };
    for (const r of rows) known.keys[r.id] = r.key;
    cellKeyCache.set(db, known);
  }
  return known;
}

function cellId(db: Db, key: string): number {
  const id = knownCellKeys(db).ids.get(key);
  if (id !== undefined) return id;
  db.prepare('INSERT INTO cell_keys (key) VALUES (?) ON CONFLICT (key) DO NOTHING').run(key);
  return (db.prepare('SELECT id FROM cell_keys WHERE key = ?').get(key) as { id: number }).id;
}

/** The key of a cell id: cells are read without joining cell_keys (a lookup per cell, a tenth of a report's read). */
function cellKey(db: Db, id: number): string {
  return knownCellKeys(db).keys[id] ?? (db.prepare('SELECT key FROM cell_keys WHERE id = ?').get(id) as { key: string }).key;
}

const CELLS_PER_INSERT = 250;
const upsertCells = (db: Db, rows: number) =>
  db.prepare(
    `INSERT INTO cells (report_id, cell, value, source) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}
     ON CONFLICT (report_id, cell) DO UPDATE SET value = excluded.value, source = excluded.source`,
  );

/**
 * Replaces the contents of a report (cells, sections, legacy rows), writing only what changed. `year` is the
 * report's (its sections are indexed by year). Call inside a transaction.
 */
export function writeContents(
  db: Db,
  reportId: number,
  year: number,
  report: Report,
  provenance: Record<string, string>,
  fresh = false,
  index: SectionIndexer = indexAtOnce(db),
): void {
  // A report just created has nothing stored to compare with.
  const old = new Map(
    fresh
      ? []
      : (
          db.prepare('SELECT cell, value, source FROM cells WHERE report_id = ?').all(reportId) as {
            cell: number;
            value: CellValue;
            source: string | null;
          }[]
        ).map((c) => [c.cell, c]),
  );
  const changed: (number | string | null)[] = [];
  for (const [key, value] of Object.entries(report.values)) {
    const id = cellId(db, key);
    const source = provenance[key] ?? null;
    const was = old.get(id);
    old.delete(id);
    if (!was || was.value !== value || was.source !== source) changed.push(reportId, id, value, source);
  }
  // Many rows per statement: a report's cells in one or two calls instead of one call each.
  for (let i = 0; i < changed.length; i += CELLS_PER_INSERT * 4) {
    const part = changed.slice(i, i + CELLS_PER_INSERT * 4);
    upsertCells(db, part.length / 4).run(part);
  }
  for (const id of old.keys()) db.prepare('DELETE FROM cells WHERE report_id = ? AND cell = ?').run(reportId, id);

  const existing = new Map(
    fresh
      ? []
      : (
          db.prepare('SELECT id, key, text FROM sections WHERE report_id = ?').all(reportId) as { id: number; key: string; text: string }[]
        ).map((s) => [s.key, s]),
  );
  const sections = Object.entries(report.sections).filter(([, text]) => text !== undefined) as [string, string][];
  // Only changed texts are rewritten, so the search index is not churned on every save.
  for (const [key, s] of existing)
    if (!sections.some(([k]) => k === key)) {
      db.prepare('DELETE FROM sections WHERE id = ?').run(s.id);
      index.remove(s.id, year);
    }
  for (const [key, text] of sections) {
    const old = existing.get(key);
    if (!old) {
      const id = Number(
        db.prepare('INSERT INTO sections (report_id, key, text) VALUES (?, ?, ?)').run(reportId, key, text).lastInsertRowid,
      );
      index.add(id, year, text);
    } else if (old.text !== text) {
      db.prepare('UPDATE sections SET text = ? WHERE id = ?').run(text, old.id);
      index.replace(old.id, year, text);
    }
  }

  const legacy = report.legacy ?? [];
  const stored = fresh
    ? []
    : (db
        .prepare('SELECT label, unit, this_year, cumulative FROM legacy_rows WHERE report_id = ? ORDER BY position')
        .all(reportId) as LegacyRow[]);
  const same =
    stored.length === legacy.length &&
    stored.every(
      (r, i) =>
        r.label === legacy[i].label &&
        r.unit === legacy[i].unit &&
        r.this_year === legacy[i].this_year &&
        r.cumulative === legacy[i].cumulative,
    );
  if (!same) {
    db.prepare('DELETE FROM legacy_rows WHERE report_id = ?').run(reportId);
    const insert = db.prepare(
      'INSERT INTO legacy_rows (report_id, position, label, unit, this_year, cumulative) VALUES (?, ?, ?, ?, ?, ?)',
    );
    legacy.forEach((row, i) => insert.run(reportId, i, row.label, row.unit, row.this_year, row.cumulative));
  }
}

export interface StoredContents {
  values: Record<string, CellValue>;
  provenance: Record<string, string>;
  sections: Report['sections'];
  legacy: LegacyRow[];
}

// Read for every report validated (and its previous year): rows as arrays, not objects, about half the cost for
// a report's 200 cells. These statement texts are used only in raw mode (statements are shared per connection).
const rawRows = (db: Db, sql: string, id: number): unknown[][] => db.prepare(sql).raw(true).all(id) as unknown[][];

export function readContents(db: Db, reportId: number): StoredContents {
  const values: Record<string, CellValue> = {};
  const provenance: Record<string, string> = {};
  for (const [id, value, source] of rawRows(db, 'SELECT cell, value, source FROM cells WHERE report_id = ? /* raw */', reportId) as [
    number,
    CellValue,
    string | null,
  ][]) {
    const key = cellKey(db, id);
    values[key] = value;
    if (source) provenance[key] = source;
  }
  const sections: Report['sections'] = {};
  for (const [key, text] of rawRows(db, 'SELECT key, text FROM sections WHERE report_id = ? /* raw */', reportId) as [
    keyof Report['sections'],
    string,
  ][])
    sections[key] = text;
  const legacy = rawRows(
    db,
    'SELECT label, unit, this_year, cumulative FROM legacy_rows WHERE report_id = ? ORDER BY position /* raw */',
    reportId,
  ).map(([label, unit, this_year, cumulative]) => ({ label, unit, this_year, cumulative }) as LegacyRow);
  return { values, provenance, sections, legacy };
}

/** A report as the tables hold it, with its unit's name and kind: what the archive returns for it. */
export function buildReport(
  row: Pick<ReportRow, 'template' | 'year' | 'published' | 'scope'>,
  unit: { name: string; kind: UnitKind },
  contents: StoredContents,
): Report {
  const values: Report['values'] = {};
  for (const c of getTemplate(row.template).cells) values[c.key] = contents.values[c.key] ?? null;
  return {
    template: row.template,
    unit: unit.name,
    year: row.year,
    published: row.published,
    unit_kind: unit.kind,
    scope: row.scope,
    sections: contents.sections,
    values,
    ...(row.template === 'legacy' ? { legacy: contents.legacy } : {}),
  };
}

/** The report and its provenance as they stand now: the base the latest revision's difference applies to. */
export interface ReportState {
  report: Report;
  provenance: Record<string, string>;
}

/**
 * The state that readState will return once writeContents has stored `report` with `provenance` (computed without
 * reading it back): only the template's cells, sources of stored cells that are not empty, legacy rows only for
 * the legacy template. tests/main/history.test.ts holds the two to each other.
 */
export function stateAsStored(
  row: Pick<ReportRow, 'template' | 'year' | 'published' | 'scope'>,
  unit: { name: string; kind: UnitKind },
  report: Report,
  provenance: Record<string, string>,
): ReportState {
  const stored: StoredContents = { values: report.values, provenance: {}, sections: {}, legacy: [] };
  for (const key of Object.keys(report.values)) if (provenance[key]) stored.provenance[key] = provenance[key];
  for (const [key, text] of Object.entries(report.sections))
    if (text !== undefined) stored.sections[key as keyof Report['sections']] = text;
  stored.legacy = (report.legacy ?? []).map((r) => ({ label: r.label, unit: r.unit, this_year: r.this_year, cumulative: r.cumulative }));
  return { report: buildReport(row, unit, stored), provenance: stored.provenance };
}

/** `row`: the report's row when the caller has it already. */
export function readState(db: Db, reportId: number, row: ReportRow = reportRowById(db, reportId)!): ReportState {
  const unit = db.prepare('SELECT name, kind FROM units WHERE id = ?').get(row.unit_id) as { name: string; kind: UnitKind };
  const contents = readContents(db, reportId);
  return { report: buildReport(row, unit, contents), provenance: contents.provenance };
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

/** Every report of a unit, deleted or not. */
export const reportRowsOfUnit = (db: Db, unitId: number): ReportRow[] =>
  db.prepare('SELECT * FROM reports WHERE unit_id = ? ORDER BY year').all(unitId) as ReportRow[];
