// Version 1: units, reports, cells, section texts with a trigram full-text index, legacy rows, revisions,
// dismissed warnings.
export default `
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('government', 'department', 'township', 'other')),
  parent_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
  code TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  year INTEGER NOT NULL,
  template TEXT NOT NULL CHECK (template IN ('gov2021', 'gov2019', 'legacy')),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  published TEXT,
  source_kind TEXT NOT NULL DEFAULT 'typed' CHECK (source_kind IN ('typed', 'excel', 'text', 'html', 'docx', 'json')),
  source_file TEXT,
  revision INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  warning_count INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id, year)
);

-- value: a number, '不适用', or NULL for a blank cell. source: where the value came from (sheet!D7, 上年结转…).
CREATE TABLE cells (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value ANY,
  source TEXT,
  PRIMARY KEY (report_id, key)
) WITHOUT ROWID;

CREATE TABLE sections (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (report_id, key)
);

CREATE VIRTUAL TABLE sections_fts USING fts5(text, content = 'sections', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER sections_ai AFTER INSERT ON sections BEGIN
  INSERT INTO sections_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sections_ad AFTER DELETE ON sections BEGIN
  INSERT INTO sections_fts (sections_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sections_au AFTER UPDATE ON sections BEGIN
  INSERT INTO sections_fts (sections_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO sections_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TABLE legacy_rows (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  unit TEXT,
  this_year REAL,
  cumulative REAL,
  PRIMARY KEY (report_id, position)
) WITHOUT ROWID;

CREATE TABLE revisions (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  note TEXT,
  snapshot TEXT NOT NULL,
  UNIQUE (report_id, number)
);

-- A warning a person has checked and explained; errors cannot be dismissed. cells: JSON array, sorted.
CREATE TABLE dismissals (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  cells TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (report_id, rule, cells)
);

CREATE INDEX reports_year ON reports (year);
`;
