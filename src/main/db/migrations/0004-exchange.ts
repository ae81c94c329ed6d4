// Version 4: the record of 报送包 sent, received and returned between a unit and its collecting office.
// Only its own table: it depends on nothing added after version 1.
export default `
-- direction: sent (this archive sent a package up), received (a unit's package accepted here), returned (a return
-- package written here, or one received from the office). reasons: JSON {general: [...], cells: {key: reason}}.
CREATE TABLE exchanges (
  id INTEGER PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units(id),
  year INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('sent', 'received', 'returned')),
  revision INTEGER NOT NULL,
  package_sha256 TEXT NOT NULL,
  file TEXT NOT NULL,
  created_at TEXT NOT NULL,
  reasons TEXT
);

CREATE INDEX exchanges_unit_year ON exchanges (unit_id, year, id);
`;
