// 报送情况: for a year and a parent, every unit under it with its state, counts, the legal deadline and days left,
// and outliers among peers and years. Reads the stored findings counts (dismissed warnings already left out).
import { BOARD_STATES, type BoardRowView, type BoardState, type BoardView, type UnitView } from '../../shared/api';
import type { CellValue } from '../../shared/report';
import { getTemplate, templateForYear, type CellDef, type TemplateId } from '../../shared/template';
import { publicationDeadline } from '../../shared/validation';
import * as collectDb from '../db/collect';
import type { UnitRow } from '../db/units';
import * as unitsDb from '../db/units';
import type { Archive, Clock } from '../services/archive';
import { systemClock } from '../services/archive';
import { findOutliers, type UnitCells } from './outliers';

const pad = (n: number) => String(n).padStart(2, '0');
/** The person's calendar date, not UTC's: in Beijing 2027-01-31 07:00 is still 2027-01-31. */
export const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function daysBetween(from: string, to: string): number {
  const utc = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** The units under `parent` (every unit when null), as views, with the parent resolved once. */
export function unitsUnder(
  archive: Archive,
  parent: string | null,
): { parentRow: UnitRow | null; units: UnitRow[]; view: (u: UnitRow) => UnitView } {
  const parentRow = parent === null ? null : (unitsDb.unitById(archive.db, archive.unit(parent).id) ?? null);
  const units = collectDb.childUnits(archive.db, parentRow?.id ?? null);
  const names = new Map<number, string>();
  if (parentRow) names.set(parentRow.id, parentRow.name);
  else for (const u of units) names.set(u.id, u.name);
  const view = (u: UnitRow): UnitView => ({
    id: u.id,
    name: u.name,
    kind: u.kind,
    parent: u.parent_id === null ? null : (names.get(u.parent_id) ?? unitsDb.unitById(archive.db, u.parent_id)?.name ?? null),
    code: u.code,
  });
  return { parentRow, units, view };
}

/** Cells of a year grouped by unit id, each unit's values in the order of `cells`; other keys are left out. */
export function cellsByUnit(rows: collectDb.UnitCellRow[], cells: readonly CellDef[]): Map<number, UnitCells> {
  const index = new Map(cells.map((c, i) => [c.key, i]));
  const m = new Map<number, UnitCells>();
  for (const r of rows) {
    const i = index.get(r.key);
    if (i === undefined) continue;
    let u = m.get(r.unit_id);
    if (!u) m.set(r.unit_id, (u = new Array<CellValue>(cells.length).fill(null)));
    u[i] = r.value;
  }
  return m;
}

export interface BoardOptions {
  year: number;
  parent?: string | null;
  /** Outliers among peers and years (default on). */
  outliers?: boolean;
  clock?: Clock;
}

export function board(archive: Archive, options: BoardOptions): BoardView {
  const { year } = options;
  const parent = options.parent ?? null;
  const today = localDate((options.clock ?? systemClock).now());
  const { parentRow, units, view } = unitsUnder(archive, parent);
  const reports = new Map(collectDb.yearReports(archive.db, parentRow?.id ?? null, year).map((r) => [r.unit_id, r]));

  let outliers = new Map<number, BoardRowView['outliers']>();
  if (options.outliers !== false && reports.size) {
    const template: TemplateId = templateForYear(year);
    if (template !== 'legacy') {
      const cells = getTemplate(template).cells;
      const current = cellsByUnit(collectDb.yearCells(archive.db, parentRow?.id ?? null, year), cells);
      // Peers are the reports in this year's format; a report in another format is compared with nobody.
      for (const [id, r] of reports) if (r.template !== template) current.delete(id);
      const previous = cellsByUnit(collectDb.yearCells(archive.db, parentRow?.id ?? null, year - 1), cells);
      outliers = findOutliers(cells, current, previous);
    }
  }

  const counts = Object.fromEntries(BOARD_STATES.map((s) => [s, 0])) as Record<BoardState, number>;
  let outlierCount = 0;
  const rows = units.map((u): BoardRowView => {
    const r = reports.get(u.id);
    const state: BoardState = !r
      ? 'missing'
      : r.status === 'final'
        ? 'final'
        : r.error_count > 0
          ? 'errors'
          : r.warning_count > 0
            ? 'warnings'
            : 'draft';
    counts[state]++;
    const deadline = publicationDeadline(u.kind, year)?.date ?? null;
    const o = outliers.get(u.id) ?? [];
    outlierCount += o.length;
    return {
      unit: view(u),
      state,
      reportId: r?.report_id ?? null,
      template: r?.template ?? null,
      revision: r?.revision ?? null,
      errors: r?.error_count ?? 0,
      warnings: r?.warning_count ?? 0,
      updatedAt: r?.updated_at ?? null,
      deadline,
      daysLeft: deadline ? daysBetween(today, deadline) : null,
      outliers: o,
    };
  });
  return { year, parent: parentRow?.name ?? null, today, counts, outlierCount, rows };
}
