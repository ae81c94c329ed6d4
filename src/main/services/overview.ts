// The 档案 overview the page asks for: a page of units with their reports, the number of units that match,
// the columns (years) and the report counts per year. Filtering, sorting and paging happen in SQL.
import type { OverviewPageView, OverviewQueryArg } from '../../shared/api';
import * as overviewDb from '../db/overview';
import type { Db } from '../db/open';
import * as unitsDb from '../db/units';
import { NotFoundError } from '../errors';

export type OverviewQuery = OverviewQueryArg;

// Counts per year and the units a status filter leaves read every report of the archive; they change only with
// the archive, so the last few answers are kept per connection and dropped when this or another connection writes.
// The other pages' answers that read every report (services/pickers.ts) are kept the same way.
const memos = new WeakMap<Db, { stamp: string; answers: Map<string, unknown> }>();
const MEMO_SIZE = 32;
/** Below this many matching units, counts go unit by unit; above, one pass over the reports is cheaper. */
const FEW_UNITS = 4000;

export function remembered<T>(db: Db, key: string, compute: () => T): T {
  const stamp = overviewDb.changeStamp(db);
  let memo = memos.get(db);
  if (!memo || memo.stamp !== stamp) memos.set(db, (memo = { stamp, answers: new Map() }));
  // Least recently used goes first: a hit moves to the end.
  const value = memo.answers.has(key) ? (memo.answers.get(key) as T) : compute();
  memo.answers.delete(key);
  if (memo.answers.size >= MEMO_SIZE) memo.answers.delete(memo.answers.keys().next().value!);
  memo.answers.set(key, value);
  return value;
}

/**
 * The page of the overview. The columns run from the oldest report (or `yearFrom`) to the newest or last year
 * (or `yearTo`), gaps included, so a missing year shows as a gap to fill. `now` gives "last year" (local time).
 */
export function overviewPage(db: Db, q: Partial<OverviewQuery> = {}, now = new Date()): OverviewPageView {
  const lastYear = now.getFullYear() - 1;
  const range = overviewDb.reportYearRange(db);
  const from = q.yearFrom ?? Math.min(range?.first ?? lastYear, lastYear);
  const to = Math.max(q.yearTo ?? Math.max(range?.last ?? lastYear, lastYear), from);
  let parentId: number | null = null;
  if (q.parent) {
    const parent = unitsDb.unitByName(db, q.parent.trim());
    if (!parent) throw new NotFoundError(`档案中没有上级单位“${q.parent}”`);
    parentId = parent.id;
  }
  const allYears = !range || (from <= range.first && to >= range.last);
  const filter: overviewDb.OverviewFilter = {
    name: q.name?.trim() || null,
    kind: q.kind ?? null,
    parentId,
    unitIds: q.status
      ? remembered(db, `units ${q.status} ${from} ${to}`, () => overviewDb.statusUnitIds(db, q.status!, from, to, allYears))
      : null,
    from,
    to,
    allYears,
  };
  const offset = q.offset ?? 0;
  const limit = q.limit ?? OVERVIEW_PAGE;
  const key = JSON.stringify([filter.name, filter.kind, parentId, q.status, from, to]);
  const sort = q.sort ?? 'name';
  const ids = remembered(db, `ids ${key} ${sort} ${q.desc ?? false}`, () => overviewDb.matchingUnitIds(db, filter, sort, q.desc ?? false));
  const rows = overviewDb.unitsByIds(db, ids.slice(offset, offset + limit));
  const cells = new Map<number, OverviewPageView['units'][number]['reports']>();
  for (const c of overviewDb.overviewCells(
    db,
    rows.map((u) => u.id),
  )) {
    let byYear = cells.get(c.unit_id);
    if (!byYear) cells.set(c.unit_id, (byYear = {}));
    byYear[c.year] = { id: c.report_id, template: c.template, status: c.status, errors: c.error_count, warnings: c.warning_count };
  }
  return {
    total: ids.length,
    offset,
    years: Array.from({ length: to - from + 1 }, (_, i) => from + i),
    counts: (q.counts === false
      ? []
      : // A filter that leaves every unit has the whole archive's counts: the summary, one row a year.
        ids.length === unitsDb.countUnits(db)
        ? overviewDb.allYearCounts(db, from, to)
        : remembered(db, `counts ${key}`, () =>
            ids.length < FEW_UNITS ? overviewDb.yearCountsOfUnits(db, ids, from, to) : overviewDb.overviewYearCounts(db, filter),
          )
    ).map((c) => ({
      year: c.year,
      reports: c.reports,
      final: c.final,
      withErrors: c.with_errors,
      withWarnings: c.with_warnings,
    })),
    units: rows.map((u) => ({ ...u, reports: cells.get(u.id) ?? {} })),
  };
}

/** Units per page when the caller does not say. */
export const OVERVIEW_PAGE = 100;
