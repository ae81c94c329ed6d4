// Excel-like movement and paste over the value cells of a table layout (pure functions, unit-tested).
import { NOT_APPLICABLE, valueProblem, type CellValue } from '../../../shared/report';
import type { CellKind, Table } from '../../../shared/template';

export interface Pos {
  key: string;
  row: number;
  col: number;
}

/** Value cells of a table, row by row, left to right. */
export const valuePositions = (table: Table): Pos[] =>
  table.layout.cells
    .filter((c) => c.role === 'value')
    .map((c) => ({ key: c.key!, row: c.row, col: c.col }))
    .sort((a, b) => a.row - b.row || a.col - b.col);

export type Move = 'left' | 'right' | 'up' | 'down';

/** The cell reached from `key` by one step; stays put at the edges. */
export function move(cells: Pos[], key: string, dir: Move): string {
  const i = cells.findIndex((c) => c.key === key);
  if (i < 0) return key;
  const here = cells[i];
  if (dir === 'right') return cells[i + 1]?.key ?? key;
  if (dir === 'left') return cells[i - 1]?.key ?? key;
  const rows = [...new Set(cells.map((c) => c.row))];
  const r = rows.indexOf(here.row) + (dir === 'down' ? 1 : -1);
  if (r < 0 || r >= rows.length) return key;
  const inRow = cells.filter((c) => c.row === rows[r]);
  // The cell in that row whose column is closest (rows of table 二 have one to three value cells).
  return inRow.reduce((best, c) => (Math.abs(c.col - here.col) < Math.abs(best.col - here.col) ? c : best)).key;
}

/** Where each value of a pasted block goes: block row r → r rows down, block column c → c cells right. */
export function pasteTargets(cells: Pos[], start: string, block: string[][]): { key: string; text: string }[] {
  const out: { key: string; text: string }[] = [];
  const rows = [...new Set(cells.map((c) => c.row))];
  const first = cells.find((c) => c.key === start);
  if (!first) return out;
  const r0 = rows.indexOf(first.row);
  block.forEach((line, r) => {
    const row = rows[r0 + r];
    if (row === undefined) return;
    const inRow = cells.filter((c) => c.row === row);
    const c0 =
      r === 0
        ? inRow.findIndex((c) => c.key === start)
        : Math.max(
            0,
            inRow.findIndex((c) => c.col >= first.col),
          );
    line.forEach((text, c) => {
      const target = inRow[c0 + c];
      if (target) out.push({ key: target.key, text });
    });
  });
  return out;
}

/** A block copied from Excel or WPS: tab-separated lines, a trailing line break. */
export const parseClipboard = (text: string): string[][] =>
  text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => line.split('\t'));

export type Parsed = { ok: true; value: CellValue } | { ok: false; error: string };

/** What a person typed into a cell: a number, 不适用 (or /), or nothing. */
export function parseInput(text: string, kind: CellKind): Parsed {
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/,(?=\d{3}\b)/g, '');
  if (!s) return { ok: true, value: null };
  if (s === '/' || s === NOT_APPLICABLE || s === '—' || s === '-') return { ok: true, value: NOT_APPLICABLE };
  if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, error: `“${text.trim()}”不是数字` };
  const n = Number(s);
  const problem = valueProblem(kind, n);
  return problem ? { ok: false, error: `${problem}（${text.trim()}）` } : { ok: true, value: n };
}
