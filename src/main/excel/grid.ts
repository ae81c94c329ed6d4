// A worksheet as a plain grid: each cell's text and raw value, with merged ranges resolved to their master
// cell. The table reader works on this, so it does not care whether Excel or WPS wrote the file.
import type ExcelJS from 'exceljs';
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
  const cells: GridCell[] = [];
  let rows = 0;
  let cols = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const master = cell.isMerged ? cell.master : cell;
      const raw = rawOf(master.value);
      const text = textOf(raw).trim();
      const g: GridCell = {
        row: r,
        col: c,
        raw: cell.isMerged && master !== cell ? null : raw,
        text,
        norm: normalizeLabel(text),
        master: { row: Number(master.row), col: Number(master.col) },
      };
      if (raw === null && !cell.isMerged) return;
      byPos.set(`${r},${c}`, g);
      if (g.master.row === r && g.master.col === c && text) cells.push(g);
      rows = Math.max(rows, r);
      cols = Math.max(cols, c);
    });
  });
  return { sheet: ws.name, rows, cols, cells, at: (r, c) => byPos.get(`${r},${c}`), address: (r, c) => `${ws.name}!${A1(r, c)}` };
}
