// The small answers of the pages other than 档案 (报送情况, 全区汇总, 差错清单, 图表, 导出, 单位, 导入): the year
// list, a unit picker's few matches as the person types, the unit tree with one year's state, the flat export's
// counts. None of them sends every unit's every year (issue 11).
import type { UnitFindArg, UnitFindView, UnitTreeView } from '../../shared/api';
import type { Db } from '../db/open';
import * as pickersDb from '../db/pickers';
import * as unitsDb from '../db/units';
import { remembered } from './overview';

/** Matches a picker shows when the caller does not say. */
export const FIND_DEFAULT_LIMIT = 50;

/** The years with a live report, oldest first. */
export const archiveYears = (db: Db): number[] => remembered(db, 'years', () => pickersDb.liveYears(db));

/** Units whose name contains the text (or is it, `exact`), with the filters the picker needs; `more` when cut. */
export function findUnits(db: Db, q: UnitFindArg = {}): UnitFindView {
  const limit = q.limit ?? FIND_DEFAULT_LIMIT;
  let parentId: number | null = null;
  if (q.parent) {
    const parent = unitsDb.unitByName(db, q.parent.trim());
    // A parent that is gone has no subordinate units to offer.
    if (!parent || parent.deleted_at) return { units: [], more: false };
    parentId = parent.id;
  }
  const text = q.text?.trim() || null;
  const rows = pickersDb.findUnits(db, {
    text,
    exact: !!q.exact && text !== null,
    year: q.year ?? null,
    hasReports: !!q.hasReports,
    parents: !!q.parents,
    parentId,
    limit: limit + 1,
  });
  const shown = rows.slice(0, limit);
  const years = new Map<number, number[]>();
  if (q.withYears)
    for (const r of pickersDb.yearsOfUnits(
      db,
      shown.map((u) => u.id),
    )) {
      const list = years.get(r.unit_id);
      if (list) list.push(r.year);
      else years.set(r.unit_id, [r.year]);
    }
  return {
    units: shown.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      parent: u.parent,
      code: u.code,
      ...(u.status ? { report: { status: u.status, errors: u.error_count ?? 0, warnings: u.warning_count ?? 0 } } : {}),
      ...(q.withYears ? { years: years.get(u.id) ?? [] } : {}),
    })),
    more: rows.length > limit,
  };
}

/**
 * Every unit with the state of its reports of `year` and the year before, and (unless `counts` is false) its number
 * of reports: the 单位 page's tree, the 导出 page's fill-in list.
 */
export const unitTree = (db: Db, year: number, counts = true): UnitTreeView[] =>
  remembered(db, `tree ${year} ${counts}`, () =>
    pickersDb.unitTree(db, year, counts).map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      parent: u.parent,
      code: u.code,
      ...(u.reports === null ? {} : { reports: u.reports }),
      status: u.status,
      previous: u.previous,
    })),
  );

/** The flat workbook's counts: live reports, and those of the 2018 and earlier form it leaves out. */
export const reportCounts = (db: Db): { reports: number; legacy: number } =>
  remembered(db, 'report counts', () => pickersDb.reportCounts(db));
