// Version 7: the 档案 page at province scale. Its header (live reports, 定稿, with errors, with warnings per year),
// its 最近修改 sort and its 有缺报年度 filter read every report; now they read a small summary: year_counts (one
// row per year) and unit_reports (each unit's number of live reports and the newest of them). Triggers on reports
// keep both right at every write of a reports row — in the same statement, so inside the writer's transaction,
// whichever path wrote it (save, 定稿, delete, undelete, a unit's deletion, the recount in
// FindingsService.afterChange). A trigger sees the row before and after; recounting a year from the service would
// read its 20,000 reports on every save.
// The other status filters (有错误…) read an index that holds what they test, not the reports' rows.
export default `
CREATE TABLE year_counts (
  year INTEGER PRIMARY KEY,
  reports INTEGER NOT NULL,
  final INTEGER NOT NULL,
  with_errors INTEGER NOT NULL,
  with_warnings INTEGER NOT NULL
);

-- unit_id: a unit with at least one live report; reports: how many; updated: the newest updated_at among them.
CREATE TABLE unit_reports (
  unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
  reports INTEGER NOT NULL,
  updated TEXT NOT NULL
);

INSERT INTO year_counts (year, reports, final, with_errors, with_warnings)
  SELECT year, count(*), sum(status = 'final'), sum(error_count > 0), sum(warning_count > 0)
  FROM reports WHERE deleted_at IS NULL GROUP BY year;
INSERT INTO unit_reports (unit_id, reports, updated)
  SELECT unit_id, count(*), max(updated_at) FROM reports WHERE deleted_at IS NULL GROUP BY unit_id;

-- A live report adds itself to its year; an update takes the old row out and puts the new one in.
CREATE TRIGGER reports_counts_insert AFTER INSERT ON reports WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO year_counts (year, reports, final, with_errors, with_warnings)
    VALUES (new.year, 1, new.status = 'final', new.error_count > 0, new.warning_count > 0)
    ON CONFLICT (year) DO UPDATE SET reports = reports + 1, final = final + excluded.final,
      with_errors = with_errors + excluded.with_errors, with_warnings = with_warnings + excluded.with_warnings;
END;
CREATE TRIGGER reports_counts_update AFTER UPDATE OF year, status, error_count, warning_count, deleted_at ON reports BEGIN
  UPDATE year_counts SET reports = reports - 1, final = final - (old.status = 'final'),
      with_errors = with_errors - (old.error_count > 0), with_warnings = with_warnings - (old.warning_count > 0)
    WHERE year = old.year AND old.deleted_at IS NULL;
  INSERT INTO year_counts (year, reports, final, with_errors, with_warnings)
    SELECT new.year, 1, new.status = 'final', new.error_count > 0, new.warning_count > 0 WHERE new.deleted_at IS NULL
    ON CONFLICT (year) DO UPDATE SET reports = reports + 1, final = final + excluded.final,
      with_errors = with_errors + excluded.with_errors, with_warnings = with_warnings + excluded.with_warnings;
END;
CREATE TRIGGER reports_counts_delete AFTER DELETE ON reports WHEN old.deleted_at IS NULL BEGIN
  UPDATE year_counts SET reports = reports - 1, final = final - (old.status = 'final'),
      with_errors = with_errors - (old.error_count > 0), with_warnings = with_warnings - (old.warning_count > 0)
    WHERE year = old.year;
END;

-- A unit's live reports: a new one adds one and can only raise the newest; a change or delete recounts the
-- unit's ~20 reports.
CREATE TRIGGER reports_unit_insert AFTER INSERT ON reports WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO unit_reports (unit_id, reports, updated) VALUES (new.unit_id, 1, new.updated_at)
    ON CONFLICT (unit_id) DO UPDATE SET reports = reports + 1, updated = max(updated, excluded.updated);
END;
CREATE TRIGGER reports_unit_update AFTER UPDATE OF unit_id, updated_at, deleted_at ON reports BEGIN
  DELETE FROM unit_reports WHERE unit_id IN (old.unit_id, new.unit_id);
  INSERT INTO unit_reports (unit_id, reports, updated)
    SELECT unit_id, count(*), max(updated_at) FROM reports
    WHERE unit_id IN (old.unit_id, new.unit_id) AND deleted_at IS NULL GROUP BY unit_id;
END;
CREATE TRIGGER reports_unit_delete AFTER DELETE ON reports WHEN old.deleted_at IS NULL BEGIN
  DELETE FROM unit_reports WHERE unit_id = old.unit_id;
  INSERT INTO unit_reports (unit_id, reports, updated)
    SELECT unit_id, count(*), max(updated_at) FROM reports WHERE unit_id = old.unit_id AND deleted_at IS NULL GROUP BY unit_id;
END;

-- Year first (the year range), then what the status filters and counts test, and the unit they report: those
-- queries read this index alone. It serves everything the year index did.
DROP INDEX reports_year;
CREATE INDEX reports_year_status ON reports (year, deleted_at, status, error_count, warning_count, unit_id);
`;
