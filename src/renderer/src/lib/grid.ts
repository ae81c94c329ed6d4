// Excel-like movement, ranges, copy and paste over the value cells of a table layout (pure functions,
// unit-tested in tests/shared/editor-grid.test.ts). Label cells are never visited.
import { readCellText, readValue } from '../../../shared/reading/cell-value';
import type { CellValue } from '../../../shared/report';
import type { CellKind, Table } from '../../../shared/template';

/** A value cell in the layout grid: its first row/column and how many columns it spans. */
export interface Pos {
  key: string;
  row: number;
  col: number;
  span: number;
}

/** Value cells of a table, row by row, left to right. */
export const valuePositions = (table: Table): Pos[] =>
  table.layout.cells
    .filter((c) => c.role === 'value')
    .map((c) => ({ key: c.key!, row: c.row, col: c.col, span: c.colSpan }))
    .sort((a, b) => a.row - b.row || a.col - b.col);

export type Move = 'left' | 'right' | 'up' | 'down';

const rowsOf = (cells: Pos[]) => [...new Set(cells.map((c) => c.row))];
const covers = (c: Pos, col: number) => c.col <= col && col < c.col + c.span;

/**
 * The cell one step from `key`, or null at the table's edge. Left/right stay in the row; up/down go to the
 * next row that has value cells, to the cell covering the goal column (the column the person started from,
 * so going down through a merged cell and back up returns to the same column) or else the nearest one.
 */
export function move(cells: Pos[], key: string, dir: Move, goalCol?: number): string | null {
  const i = cells.findIndex((c) => c.key === key);
  if (i < 0) return null;
  const here = cells[i];
  if (dir === 'right' || dir === 'left') {
    const next = cells[i + (dir === 'right' ? 1 : -1)];
    return next && next.row === here.row ? next.key : null;
  }
  const rows = rowsOf(cells);
  const row = rows[rows.indexOf(here.row) + (dir === 'down' ? 1 : -1)];
  if (row === undefined) return null;
  const goal = goalCol ?? here.col;
  const inRow = cells.filter((c) => c.row === row);
  const hit = inRow.find((c) => covers(c, goal));
  if (hit) return hit.key;
  const dist = (c: Pos) => Math.min(Math.abs(c.col - goal), Math.abs(c.col + c.span - 1 - goal));
  return inRow.reduce((best, c) => (dist(c) < dist(best) ? c : best)).key;
}

/** Tab order: the next (or previous) value cell in reading order, wrapping to the next row; null past the end. */
export function tabMove(cells: Pos[], key: string, back: boolean): string | null {
  const i = cells.findIndex((c) => c.key === key);
  if (i < 0) return null;
  return cells[i + (back ? -1 : 1)]?.key ?? null;
}

/**
 * Enter after a run of Tabs goes, as in Excel, to the row below at the column where the run started
 * (`startCol`), so a table can be typed row by row with Tab … Tab Enter.
 */
export function enterMove(cells: Pos[], key: string, back: boolean, startCol?: number): string | null {
  return move(cells, key, back ? 'up' : 'down', startCol);
}

/** The cell where a person lands when moving into a table from the one before (`first`) or after (`last`). */
export function edgeCell(cells: Pos[], which: 'first' | 'last'): string | null {
  return (which === 'first' ? cells[0] : cells[cells.length - 1])?.key ?? null;
}

/** The cell to land on when leaving table `i` of `tables` past its top or bottom edge (null: no table there). */
export function neighbourCell(tables: Table[], i: number, dir: 'prev' | 'next'): string | null {
  const t = tables[i + (dir === 'next' ? 1 : -1)];
  return t ? edgeCell(valuePositions(t), dir === 'next' ? 'first' : 'last') : null;
}

/** The rectangle spanned by two cells, as rows of cells (cells overlapping the rectangle's columns). */
export function rangeRows(cells: Pos[], a: string, b: string): Pos[][] {
  const pa = cells.find((c) => c.key === a);
  const pb = cells.find((c) => c.key === b) ?? pa;
  if (!pa || !pb) return [];
  const [r0, r1] = [Math.min(pa.row, pb.row), Math.max(pa.row, pb.row)];
  const c0 = Math.min(pa.col, pb.col);
  const c1 = Math.max(pa.col + pa.span - 1, pb.col + pb.span - 1);
  return rowsOf(cells)
    .filter((r) => r >= r0 && r <= r1)
    .map((r) => cells.filter((c) => c.row === r && c.col <= c1 && c.col + c.span - 1 >= c0))
    .filter((row) => row.length > 0);
}

/** The keys in the rectangle spanned by two cells. */
export const rangeKeys = (cells: Pos[], a: string, b: string): string[] => rangeRows(cells, a, b).flatMap((r) => r.map((c) => c.key));

/** How a value is written for Excel: blank → empty, 不适用 → 不适用, numbers as they are. */
export const formatValue = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v));

/** A block as Excel and WPS put it on the clipboard: tab-separated cells, CRLF after each line. */
export const formatTsv = (block: string[][]): string => block.map((line) => line.join('\t') + '\r\n').join('');

/** A block copied from Excel or WPS (or typed text): tab-separated lines, an optional trailing line break. */
export const parseClipboard = (text: string): string[][] =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));

export type Placed = { ok: true; targets: { key: string; text: string }[] } | { ok: false; error: string };

/**
 * Where each value of a pasted block goes: block row r → the r-th row with value cells below the start, block
 * column c → the c-th value cell to the right in that row, starting under the start cell's column. A block that
 * does not fit is refused as a whole (nothing is dropped silently). A single value pasted onto a selected
 * range fills the range, as in Excel.
 */
export function pasteTargets(cells: Pos[], start: string, block: string[][], range?: string[]): Placed {
  if (range && range.length > 1 && block.length === 1 && block[0].length === 1)
    return { ok: true, targets: range.map((key) => ({ key, text: block[0][0] })) };
  const rows = rowsOf(cells);
  const first = cells.find((c) => c.key === start);
  if (!first) return { ok: false, error: '没有选中单元格' };
  const r0 = rows.indexOf(first.row);
  const out: { key: string; text: string }[] = [];
  const size = `${block.length} 行 ${Math.max(...block.map((l) => l.length))} 列`;
  for (let r = 0; r < block.length; r++) {
    const row = rows[r0 + r];
    if (row === undefined) return { ok: false, error: `粘贴的内容有 ${size}，从这一格起超出了表格的最后一行` };
    const inRow = cells.filter((c) => c.row === row);
    const c0 = inRow.findIndex((c) => c.col + c.span - 1 >= first.col);
    for (let c = 0; c < block[r].length; c++) {
      const target = c0 < 0 ? undefined : inRow[c0 + c];
      if (!target) return { ok: false, error: `粘贴的内容有 ${size}，从这一格起超出了表格的右边` };
      out.push({ key: target.key, text: block[r][c] });
    }
  }
  return { ok: true, targets: out };
}

export type Parsed = { ok: true; value: CellValue } | { ok: false; error: string };

/** What a person typed into a cell, read by the one cell reader the importers use (12件, ／, 无此项 alike). */
export function parseInput(text: string, kind: CellKind): Parsed {
  const r = readValue(text, kind);
  if (r.ok) return r;
  // Words where a number belongs (无, 零, 十三): say what to write instead, as the reader keeps them from being 0.
  return { ok: false, error: r.problem.endsWith('”不是数字') ? `${r.problem}，请填数字：没有的填 0，不适用的填 /` : r.problem };
}

/**
 * Why a pasted block is refused for one of its values (`error` from parseInput), naming the cell it was meant for.
 * Words such as a row label mean the copy took the labels too: the fix is to copy the number cells only.
 */
export function pasteRefusal(cellName: string, text: string, error: string): string {
  if (readCellText(text).kind !== 'text') return `没有粘贴，内容有误：${cellName}：${error}`;
  const shown = text.trim().length > 12 ? `${text.trim().slice(0, 12)}…` : text.trim();
  return `没有粘贴：内容里有文字“${shown}”（对着${cellName}）。复制时请只选数字格，不带行名和列名`;
}

/** Word boundaries for a header label, so it wraps between words (结果/维持), not inside one. */
export function words(text: string): string[] {
  if (typeof Intl === 'undefined' || !('Segmenter' in Intl)) return [text];
  const seg = new Intl.Segmenter('zh-CN', { granularity: 'word' });
  const out: string[] = [];
  for (const s of seg.segment(text)) {
    // Punctuation stays with the word before it (no line starting with “、” or “）”).
    if (out.length && !s.isWordLike && /^[、，。：；.．）)”」]/.test(s.segment)) out[out.length - 1] += s.segment;
    else if (out.length && /[（(“「]$/.test(out[out.length - 1])) out[out.length - 1] += s.segment;
    else out.push(s.segment);
  }
  return out;
}
