// Full-text search over section texts. `section_grams` (migration 0003) indexes every section by its distinct
// characters (column chars) and character triples (triples), and by the sequence of its character pairs (pairs,
// with positions): a word is a token, or its triples and the phrase of its consecutive pairs, so every word is found
// exactly by the index. Its rowid is year × 2³² + section id: one year's matches are a rowid range, so the newest years are read
// first and a search stops once it has enough hits instead of sorting every match.
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
/** From this many candidates in a year, its units are walked in name order instead of joining the candidates. */
const DENSE = 2000;

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
      insert: db.prepare('INSERT INTO section_grams (rowid, chars, pairs, triples) VALUES (?, ?, ?, ?)'),
      remove: db.prepare('DELETE FROM section_grams WHERE rowid = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

/** The index columns of a text: its distinct characters and triples, and its pairs in order (hex of UTF-8). */
export function textTokens(text: string): { chars: string; pairs: string; triples: string } {
  const chars = [...foldCase(text)];
  const pairs: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) pairs.push(token(chars[i] + chars[i + 1]));
  const triples = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) triples.add(token(chars[i] + chars[i + 1] + chars[i + 2]));
  return { chars: [...new Set(chars)].map(token).join(' '), pairs: pairs.join(' '), triples: [...triples].join(' ') };
}

/**
 * The FTS5 query for texts containing `query`: the character; the pair; the triple; for longer words every
 * triple (whose rarest one narrows the search quickly) and the phrase of the pairs in order (which makes it exact).
 */
export function queryMatch(query: string): string {
  const chars = [...foldCase(query)];
  const grams = (n: number) => chars.slice(0, chars.length - n + 1).map((_, i) => token(chars.slice(i, i + n).join('')));
  if (chars.length === 1) return `chars : "${grams(1)[0]}"`;
  if (chars.length === 2) return `pairs : "${grams(2)[0]}"`;
  const triples = [...new Set(grams(3))].map((t) => `triples : "${t}"`);
  return chars.length === 3 ? triples[0] : `${triples.join(' AND ')} AND pairs : "${grams(2).join(' ')}"`;
}

/** Indexes one section (new or changed). Call inside the transaction that writes it. */
export function indexSection(db: Db, sectionId: number, year: number, text: string, replace: boolean): void {
  const rowid = year * YEAR_STRIDE + sectionId;
  const { insert, remove } = indexStatements(db);
  if (replace) remove.run(rowid);
  const { chars, pairs, triples } = textTokens(text);
  insert.run(rowid, chars, pairs, triples);
}

export function unindexSection(db: Db, sectionId: number, year: number): void {
  indexStatements(db).remove.run(year * YEAR_STRIDE + sectionId);
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
  const reportsInYear = db.prepare('SELECT count(*) FROM reports WHERE year = ?');
  const rows: SearchRow[] = [];
  for (const year of years) {
    const want = limit + 1 - rows.length;
    if (want <= 0) break;
    const lo = year * YEAR_STRIDE;
    const hi = lo + YEAR_STRIDE - 1;
    const n = count.pluck().get(match, lo, hi, DENSE) as number;
    if (n === 0) continue;
    // Walking visits about want × reports / n reports before it has enough; joining costs about n rows.
    const walk = how === 'auto' ? n >= DENSE || n * n > want * (reportsInYear.pluck().get(year) as number) : how === 'walk';
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
