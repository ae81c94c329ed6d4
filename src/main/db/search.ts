// Full-text search over section texts. `section_grams` (migration 0003) indexes every section by its distinct
// characters, character pairs and triples (no positions): a word of 1–3 characters is one token, found exactly; a
// longer one is every triple of it, and the rows found are checked for the word. Its rowid is year × 2³² + section
// id: one year's matches are a rowid range, so the newest years are read first and a search stops once it has
// enough hits instead of sorting every match.
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

export interface SearchRow {
  report_id: number;
  unit: string;
  year: number;
  key: string;
  text: string;
}

const YEAR_STRIDE = 2 ** 32;

/** Search ignores the case of Latin letters only (what SQLite's lower() does), so offsets never move. */
export const foldCase = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

// Tokens of the commonest characters and pairs are kept (bounded), since indexing encodes them over and over.
const tokenCache = new Map<string, string>();
function token(gram: string): string {
  let t = tokenCache.get(gram);
  if (t === undefined) {
    t = Buffer.from(gram, 'utf8').toString('hex');
    if (tokenCache.size >= 50_000) tokenCache.clear();
    tokenCache.set(gram, t);
  }
  return t;
}

// Indexing runs once per section written: its two statements are prepared once per connection.
const statements = new WeakMap<Db, { insert: Statement; remove: Statement }>();
function indexStatements(db: Db): { insert: Statement; remove: Statement } {
  let s = statements.get(db);
  if (!s) {
    s = {
      insert: db.prepare('INSERT INTO section_grams (rowid, grams) VALUES (?, ?)'),
      remove: db.prepare('DELETE FROM section_grams WHERE rowid = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/**
 * The index tokens of a text: its distinct characters, pairs and triples, each the hex of its UTF-8 bytes (grams of
 * different lengths are different strings, so their tokens never collide).
 */
export function textTokens(text: string): string {
  const chars = [...foldCase(text)];
  const set = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    set.add(token(chars[i]));
    if (i + 1 < chars.length) set.add(token(chars[i] + chars[i + 1]));
    if (i + 2 < chars.length) set.add(token(chars[i] + chars[i + 1] + chars[i + 2]));
  }
  return [...set].join(' ');
}

/**
 * The FTS5 query for texts containing `query`: its one token if it has up to 3 characters, which is exact; for
 * longer words every triple, and the rows found are checked for the word (instr in the queries below).
 */
export function queryMatch(query: string): string {
  const chars = [...foldCase(query)];
  const n = Math.min(chars.length, 3);
  const grams = new Set(chars.slice(0, chars.length - n + 1).map((_, i) => token(chars.slice(i, i + n).join(''))));
  return [...grams].map((t) => `"${t}"`).join(' AND ');
}

/** Indexes one section (new or changed). Call inside the transaction that writes it. */
export function indexSection(db: Db, sectionId: number, year: number, text: string, replace: boolean): void {
  const rowid = year * YEAR_STRIDE + sectionId;
  const { insert, remove } = indexStatements(db);
  if (replace) remove.run(rowid);
  insert.run(rowid, textTokens(text));
}

export function unindexSection(db: Db, sectionId: number, year: number): void {
  indexStatements(db).remove.run(year * YEAR_STRIDE + sectionId);
}

/** How writeContents keeps the index of the sections it writes: at once, or at the end of a batch. */
export interface SectionIndexer {
  add(sectionId: number, year: number, text: string): void;
  replace(sectionId: number, year: number, text: string): void;
  remove(sectionId: number, year: number): void;
}

export const indexAtOnce = (db: Db): SectionIndexer => ({
  add: (id, year, text) => indexSection(db, id, year, text, false),
  replace: (id, year, text) => indexSection(db, id, year, text, true),
  remove: (id, year) => unindexSection(db, id, year),
});

/**
 * Indexes a batch's new and changed texts together at its end (flush, inside the batch's transaction): FTS5
 * inserts interleaved with the other tables' writes cost about three times as much (1.5 ms against 0.5 ms a report).
 */
export class BatchIndexer implements SectionIndexer {
  private readonly pending = new Map<number, { year: number; text: string }>();
  constructor(private readonly db: Db) {}

  add(id: number, year: number, text: string): void {
    this.pending.set(id, { year, text });
  }

  replace(id: number, year: number, text: string): void {
    if (!this.pending.has(id)) unindexSection(this.db, id, year);
    this.pending.set(id, { year, text });
  }

  remove(id: number, year: number): void {
    if (!this.pending.delete(id)) unindexSection(this.db, id, year);
  }

  flush(): void {
    for (const [id, { year, text }] of [...this.pending].sort((a, b) => a[0] - b[0])) indexSection(this.db, id, year, text, false);
    this.pending.clear();
  }
}

const SPARSE_SQL = `SELECT s.report_id, u.name AS unit, r.year, s.key, s.text
  FROM section_grams g CROSS JOIN sections s CROSS JOIN reports r CROSS JOIN units u
  WHERE g.section_grams MATCH @match AND g.rowid BETWEEN @lo AND @hi
    AND s.id = g.rowid - @lo AND r.id = s.report_id AND r.year = @year AND r.deleted_at IS NULL AND u.id = r.unit_id
    AND instr(lower(s.text), @query) > 0
  ORDER BY u.name, s.key LIMIT @limit`;

// The years present, newest first: one index seek per year instead of reading every report's year.
const YEARS_SQL = `WITH RECURSIVE y (year) AS (
    SELECT max(year) FROM reports
    UNION ALL SELECT (SELECT max(year) FROM reports WHERE year < y.year) FROM y WHERE y.year IS NOT NULL
  ) SELECT year FROM y WHERE year IS NOT NULL`;

// Units in name order (their unique index), each one's report of the year and its sections in key order: no sort.
const DENSE_SQL = `SELECT s.report_id, u.name AS unit, r.year, s.key, s.text
  FROM units u CROSS JOIN reports r CROSS JOIN sections s
  WHERE r.unit_id = u.id AND r.year = @year AND r.deleted_at IS NULL AND s.report_id = r.id
    AND instr(lower(s.text), @query) > 0
  ORDER BY u.name, s.key LIMIT @limit`;

/**
 * The first `limit` sections containing `query`, newest year first, then by unit name and section key; `more`
 * tells whether there are others. `how` forces one way through every year (tests compare them).
 */
export function searchSections(
  db: Db,
  query: string,
  limit: number,
  how: 'auto' | 'join' | 'walk' = 'auto',
): { rows: SearchRow[]; more: boolean } {
  const folded = foldCase(query);
  const match = queryMatch(query);
  const years = db.prepare(YEARS_SQL).pluck().all() as number[];
  const count = db.prepare(
    'SELECT count(*) FROM (SELECT rowid FROM section_grams WHERE section_grams MATCH ? AND rowid BETWEEN ? AND ? LIMIT ?)',
  );
  const rows: SearchRow[] = [];
  for (const year of years) {
    const want = limit + 1 - rows.length;
    if (want <= 0) break;
    const lo = year * YEAR_STRIDE;
    const hi = lo + YEAR_STRIDE - 1;
    // Fewer than `want` candidates are all joined, checked and sorted; otherwise this year's units are walked in
    // name order (for words of up to 3 characters the candidates are exact, so that walk fills the page).
    const n = count.pluck().get(match, lo, hi, want) as number;
    if (n === 0) continue;
    const walk = how === 'auto' ? n >= want : how === 'walk';
    const args = { year, query: folded, limit: want };
    const found = (walk ? db.prepare(DENSE_SQL).all(args) : db.prepare(SPARSE_SQL).all({ ...args, match, lo, hi })) as SearchRow[];
    rows.push(...found);
  }
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** How many times `query` occurs in `text` (not overlapping, Latin case ignored). */
export function countOccurrences(text: string, query: string): number {
  const t = foldCase(text);
  const q = foldCase(query);
  let n = 0;
  for (let i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + q.length)) n++;
  return n;
}
