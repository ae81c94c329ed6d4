// A worksheet as the reading core's grid model (src/shared/reading/grid.ts): each cell's text and raw value,
// with merged ranges resolved to their master cell, whether Excel or WPS wrote the file.
import type ExcelJS from 'exceljs';
import { buildGrid, type Grid, type GridCell, type GridEntry } from '../../shared/reading/grid';
import { A1 } from './write-report';

export type Raw = number | string | boolean | Date | null | { formula: true; result: unknown };

export type { Grid, GridCell };

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
  const entries: GridEntry[] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const master = cell.isMerged ? cell.master : cell;
      const raw = rawOf(master.value);
      if (raw === null && !cell.isMerged) return;
      entries.push({
        row: r,
        col: c,
        raw: cell.isMerged && master !== cell ? null : raw,
        text: textOf(raw),
        master: { row: Number(master.row), col: Number(master.col) },
      });
    });
  });
  return buildGrid(ws.name, entries, (r, c) => `${ws.name}!${A1(r, c)}`);
}
