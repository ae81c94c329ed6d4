// A worksheet as a plain grid: each cell's text and raw value, with merged ranges resolved to their master
// cell. The table reader works on this, so it does not care whether Excel or WPS wrote the file.
import type ExcelJS from 'exceljs';
import { readCellText } from '../../shared/reading/cell-value';
import { normalizeLabel } from '../../shared/template';
import { A1 } from './write-report';

export type Raw = number | string | boolean | Date | null | { formula: true; result: unknown };

export interface GridCell {
  row: number;
  col: number;
  raw: Raw;
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
  /** Every non-empty master cell. */
  cells: GridCell[];
  address(row: number, col: number): string;
}

function rawOf(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { formula: true, result: (v as ExcelJS.CellFormulaValue).result };
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

function textOf(raw: Raw): string {
  if (raw === null) return '';
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    const r = raw.result;
    if (r === undefined || r === null) return '';
    // A formula whose result is an error value ({error: '#REF!'}) reads as that error, not [object Object].
    if (typeof r === 'object' && !(r instanceof Date)) return String((r as { error?: unknown }).error ?? '');
    return r instanceof Date ? r.toISOString().slice(0, 10) : String(r);
  }
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  return String(raw);
}

export function gridOf(ws: ExcelJS.Worksheet): Grid {
  const byPos = new Map<string, GridCell>();
  let rows = 0;
  let cols = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const master = cell.isMerged ? cell.master : cell;
      const raw = rawOf(master.value);
      const text = textOf(raw).trim();
      if (raw === null && !cell.isMerged) return;
      byPos.set(`${r},${c}`, {
        row: r,
        col: c,
        raw: cell.isMerged && master !== cell ? null : raw,
        text,
        norm: normalizeLabel(text),
        master: { row: Number(master.row), col: Number(master.col) },
      });
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    });
  });
  restoreFilledMerges(byPos, rows, cols);
  const cells = [...byPos.values()].filter((g) => g.master.row === g.row && g.master.col === g.col && g.text);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { sheet: ws.name, rows, cols, cells, at: (r, c) => byPos.get(`${r},${c}`), address: (r, c) => `${ws.name}!${A1(r, c)}` };
}

/**
 * WPS "取消合并并填充" leaves a former merged range as the same label in each of its cells. A label cell equal to
 * its left (or else upper) neighbour joins that neighbour's range, so it reads as one label again. Only labels:
 * equal numbers side by side are real values.
 */
function restoreFilledMerges(byPos: Map<string, GridCell>, rows: number, cols: number): void {
  const at = (r: number, c: number) => byPos.get(`${r},${c}`);
  const unmerged = (g: GridCell | undefined): g is GridCell =>
    !!g && g.master.row === g.row && g.master.col === g.col && !!g.norm && readCellText(g.text).kind === 'text';
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const g = at(r, c);
      if (!unmerged(g)) continue;
      const left = at(r, c - 1);
      const up = at(r - 1, c);
      const same = [left, up].find((n) => n && n.text === g.text && (n.master.row !== n.row || n.master.col !== n.col || unmerged(n)));
      if (same) g.master = same.master;
    }
  }
}
