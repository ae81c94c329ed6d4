// Small helpers over report values shared by the rules.
import { NOT_APPLICABLE, type CellValue, type Report } from '../report';
import type { Template } from '../template';

export const isBlank = (v: CellValue | undefined): boolean => v === null || v === undefined;
/** Blank and 不适用 count as nothing in sums. */
export const isEmpty = (v: CellValue | undefined): boolean => isBlank(v) || v === NOT_APPLICABLE;
export const numberOf = (v: CellValue | undefined): number => (typeof v === 'number' ? v : 0);

/** Numbers as people write them: no float noise, no trailing zeros. */
export const fmt = (n: number): string => String(Math.round(n * 1e6) / 1e6);
export const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6;

export const cellName = (t: Template, key: string): string => t.cellByKey.get(key)?.name ?? key;

// Templates are built once and never change: each table's axes are worked out once (validation asks per report).
const axesCache = new WeakMap<Template, Map<string, { rows: readonly string[]; cols: readonly string[] }>>();

/** Distinct row / column keys of a table, in layout order (shared: do not modify). */
export function axes(t: Template, table: string): { rows: readonly string[]; cols: readonly string[] } {
  let byTable = axesCache.get(t);
  if (!byTable) axesCache.set(t, (byTable = new Map()));
  let found = byTable.get(table);
  if (!found) {
    const cells = t.cells.filter((c) => c.table === table);
    found = { rows: [...new Set(cells.map((c) => c.rowKey))], cols: [...new Set(cells.map((c) => c.colKey))] };
    byTable.set(table, found);
  }
  return found;
}

export const keyOf = (table: string, row: string, col: string): string => [table, row, col].filter(Boolean).join('.');

export const valueOf = (r: Report, key: string): CellValue => r.values[key] ?? null;

/** Shows a value in a message: a number, 空白 or 不适用. */
export const show = (v: CellValue | undefined): string => (isBlank(v) ? '空白' : v === NOT_APPLICABLE ? NOT_APPLICABLE : fmt(v as number));
