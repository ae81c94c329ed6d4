// The diff is pure and lives in shared, so the editor's conflict dialog shows the same differences as history.
export * from '../../shared/diff';
