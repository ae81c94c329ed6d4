// Version 6: half the bytes per report. A cell names its key by an integer into cell_keys instead of repeating the
// key's text in every row; a revision holds only its difference from the state after it (the next revision, or
// for the latest one the report as the tables hold it), not a full JSON copy; revisions are keyed by report and
// number (no separate rowid and index). The conversion is exact: every revision reads back as it was.
import { getTemplate, TEMPLATE_IDS } from '../../../shared/template';
import type { Db } from '../open';
import { encodeDelta, type Json } from '../delta';
import { readState } from '../reports';

export const sql = `
CREATE TABLE cell_keys (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE
);

-- value: a number, '不适用', or NULL for a blank cell. source: where the value came from (sheet!D7, 上年结转…).
CREATE TABLE cells_compact (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  cell INTEGER NOT NULL REFERENCES cell_keys(id),
  value ANY,
  source TEXT,
  PRIMARY KEY (report_id, cell)
) WITHOUT ROWID;

-- delta: JSON of what turns the state after this revision into this one (db/delta.ts); NULL when equal.
CREATE TABLE revisions_compact (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  note TEXT,
  session TEXT,
  delta TEXT,
  PRIMARY KEY (report_id, number)
) WITHOUT ROWID;
`;

/**
 * The templates' cell keys get their ids in template order (the same ids in every archive), cells are copied with
 * them; each report's snapshots, newest first, become differences from the state after them; the old tables go.
 */
export function run(db: Db): void {
  const key = db.prepare('INSERT INTO cell_keys (key) VALUES (?) ON CONFLICT (key) DO NOTHING');
  for (const id of TEMPLATE_IDS) for (const c of getTemplate(id).cells) key.run(c.key);
  db.exec(`INSERT INTO cell_keys (key) SELECT DISTINCT key FROM cells WHERE key NOT IN (SELECT key FROM cell_keys) ORDER BY key;
    INSERT INTO cells_compact (report_id, cell, value, source)
      SELECT c.report_id, k.id, c.value, c.source FROM cells c JOIN cell_keys k ON k.key = c.key;
    DROP TABLE cells;
    ALTER TABLE cells_compact RENAME TO cells;`);

  const reports = db.prepare('SELECT id FROM reports WHERE id > ? ORDER BY id LIMIT 500');
  const snapshots = db.prepare(
    'SELECT number, created_at, note, session, snapshot FROM revisions WHERE report_id = ? ORDER BY number DESC',
  );
  const insert = db.prepare(
    'INSERT INTO revisions_compact (report_id, number, created_at, note, session, delta) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (let last = 0; ;) {
    const ids = (reports.all(last) as { id: number }[]).map((r) => r.id);
    if (!ids.length) break;
    for (const id of ids) {
      const revisions = snapshots.all(id) as {
        number: number;
        created_at: string;
        note: string | null;
        session: string | null;
        snapshot: string;
      }[];
      if (!revisions.length) continue;
      let after = readState(db, id) as unknown as Json;
      for (const r of revisions) {
        const state = JSON.parse(r.snapshot) as { report: Record<string, Json> } & Record<string, Json>;
        // Snapshots from before 0005 have no scope: those reports were all 本级, as 0005 recorded them.
        if (state.report && !('scope' in state.report)) state.report.scope = 'own';
        insert.run(id, r.number, r.created_at, r.note, r.session, encodeDelta(after, state));
        after = state;
      }
    }
    last = ids[ids.length - 1];
  }
  db.exec('DROP TABLE revisions; ALTER TABLE revisions_compact RENAME TO revisions;');
}
