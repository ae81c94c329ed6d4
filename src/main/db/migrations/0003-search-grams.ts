// Version 3: search by characters and character pairs (db/search.ts) instead of trigrams, which cannot serve
// 1- and 2-character words. The rowid is year × 2³² + section id. Existing texts are indexed here with the same
// tokens as textTokens(): hex of each character and each pair, after lower() (Latin letters only).
export default `
DROP TRIGGER IF EXISTS sections_ai;
DROP TRIGGER IF EXISTS sections_ad;
DROP TRIGGER IF EXISTS sections_au;
DROP TABLE IF EXISTS sections_fts;

CREATE VIRTUAL TABLE section_grams USING fts5(grams, content = '', contentless_delete = 1, detail = none, tokenize = 'ascii');

WITH RECURSIVE chars (id, year, text, len, i) AS (
  SELECT s.id, r.year, lower(s.text), length(s.text), 1 FROM sections s JOIN reports r ON r.id = s.report_id
  UNION ALL
  SELECT id, year, text, len, i + 1 FROM chars WHERE i < len
)
INSERT INTO section_grams (rowid, grams)
SELECT year * 4294967296 + id,
       group_concat(hex(substr(text, i, 1)) || CASE WHEN i < len THEN ' ' || hex(substr(text, i, 2)) ELSE '' END, ' ')
FROM chars WHERE len > 0 GROUP BY id, year;
`;
