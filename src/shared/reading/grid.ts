// The one grid model the table reader works on: rows of cells with their merged ranges resolved to a master
// cell, each with its raw value, text and an address for provenance. A worksheet becomes this (excel/grid.ts),
// whichever program wrote it; so can any other table that keeps its cells' positions.
import { normalizeLabel } from '../template';
import { readCellText, type RawCell } from './cell-value';

export interface GridCell {
  row: number;
  col: number;
  raw: RawCell;
  /** Display text of the cell (for a merged range, of its master cell). */
  text: string;
  /** normalizeLabel(text), for label matching. */
  norm: string;
  /** The master cell of the merge this cell belongs to (itself when not merged). */
  master: { row: number; col: number };
}

export interface Grid {
  sheet: string;
  rows: number;
  cols: number;
  at(row: number, col: number): GridCell | undefined;
  /** Every non-empty master cell, row by row. */
  cells: GridCell[];
  /** Where a cell is, for provenance and messages ('Sheet1!D7'). */
  address(row: number, col: number): string;
}

/** One cell as a source gives it: its own raw value (null inside a merge) and the text of its master. */
export interface GridEntry {
  row: number;
  col: number;
  raw: RawCell;
  text: string;
  master: { row: number; col: number };
}

// A cell's position as one number (a sheet has at most 16,384 columns): cheaper to look up than a string.
const pos = (row: number, col: number) => row * 20000 + col;

export function buildGrid(sheet: string, entries: Iterable<GridEntry>, address: (row: number, col: number) => string): Grid {
  const byPos = new Map<number, GridCell>();
  // A merged cell's text comes once per cell it covers: normalised once.
  const norms = new Map<string, string>();
  const normOf = (t: string) => norms.get(t) ?? (norms.set(t, normalizeLabel(t)).get(t) as string);
  let rows = 0;
  let cols = 0;
  for (const e of entries) {
    const text = e.text.trim();
    byPos.set(pos(e.row, e.col), { ...e, text, norm: normOf(text) });
    rows = Math.max(rows, e.row);
    cols = Math.max(cols, e.col);
  }
  restoreFilledMerges(byPos, rows, cols);
  const cells = [...byPos.values()].filter((g) => g.master.row === g.row && g.master.col === g.col && g.text);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { sheet, rows, cols, cells, at: (r, c) => byPos.get(pos(r, c)), address };
}

/**
 * WPS "取消合并并填充" leaves a former merged range as the same label in each of its cells. A label cell equal to
 * its left (or else upper) neighbour joins that neighbour's range, so it reads as one label again. Only labels:
 * equal numbers side by side are real values.
 */
function restoreFilledMerges(byPos: Map<number, GridCell>, rows: number, cols: number): void {
  const at = (r: number, c: number) => byPos.get(pos(r, c));
  const isMaster = (g: GridCell) => g.master.row === g.row && g.master.col === g.col;
  const unmergedLabel = (g: GridCell | undefined): g is GridCell => !!g && isMaster(g) && !!g.norm && readCellText(g.text).kind === 'text';
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const g = at(r, c);
      if (!unmergedLabel(g)) continue;
      const same = [at(r, c - 1), at(r - 1, c)].find((n) => n && n.text === g.text && (!isMaster(n) || unmergedLabel(n)));
      if (same) g.master = same.master;
    }
  }
}
