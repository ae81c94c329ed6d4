// Version 3: search by characters, pairs and triples (db/search.ts) instead of trigrams alone, which cannot serve
// 1- and 2-character words. The existing texts are indexed by the same code that indexes every save.
import type { Db } from '../open';
import { indexSection } from '../search';

export const sql = `
DROP TRIGGER IF EXISTS sections_ai;
DROP TRIGGER IF EXISTS sections_ad;
DROP TRIGGER IF EXISTS sections_au;
DROP TABLE IF EXISTS sections_fts;

CREATE VIRTUAL TABLE section_grams USING fts5(grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');
`;

/** Indexes every stored section, a page at a time (a statement cannot write while another one is read). */
export function run(db: Db): void {
  const page = db.prepare(
    'SELECT s.id, r.year, s.text FROM sections s JOIN reports r ON r.id = s.report_id WHERE s.id > ? ORDER BY s.id LIMIT 1000',
  );
  for (let last = 0; ;) {
    const rows = page.all(last) as { id: number; year: number; text: string }[];
    if (!rows.length) break;
    for (const r of rows) indexSection(db, r.id, r.year, r.text, false);
    last = rows[rows.length - 1].id;
  }
}
