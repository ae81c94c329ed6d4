// Finds the template's tables in any grid (a workbook's sheets, a web page's or Word document's tables) by their
// labels and reads the values: rows and columns are mapped by label (printed form, variants, the normaliser),
// never by fixed coordinates. What cannot be placed with certainty becomes a doubt on the cells concerned.
import type { CellValue, Doubt } from '../report';
import type { BlockDef, HeaderNode, Table, Template } from '../template';
import type { Grid, GridCell } from './grid';
import { readCellText, readValue } from './cell-value';
import { settleUnknowns } from './formulas';
import { formMatches, labelForms } from './labels';
import { TABLE_RULE_TITLES } from '../validation/table-rules';

export interface TableRead {
  values: Record<string, CellValue>;
  provenance: Record<string, string>;
  doubts: Doubt[];
  notes: string[];
  /** How many labelled rows and columns were found: the evidence that this template fits the workbook. */
  score: number;
  /** Cells holding a formula without a saved result → their address (settleFormulas may compute them). */
  formulas?: Record<string, string>;
  /** Rows whose values could not be aligned with the header's columns (their cells are in doubt). */
  unaligned?: string[][];
}

interface Leaf {
  path: HeaderNode[];
}

const leaves = (nodes: HeaderNode[], path: HeaderNode[] = []): Leaf[] =>
  nodes.flatMap((n) => (n.children?.length ? leaves(n.children, [...path, n]) : [{ path: [...path, n] }]));

const keyOf = (path: HeaderNode[]) =>
  path
    .map((n) => n.key)
    .filter(Boolean)
    .join('.');

// Labels are looked for anywhere on the sheets: a loose match (numbering set aside) needs a distinctive core.
const MIN_CORE = 4;
const formCache = new WeakMap<HeaderNode, string[]>();
const formsOf = (node: HeaderNode): string[] => formCache.get(node) ?? (formCache.set(node, labelForms(node)).get(node) as string[]);
// Every row and column looked for tests the same cells again: the answers are remembered (a bounded number).
const matchCache = new WeakMap<HeaderNode, Map<string, boolean>>();
const MATCH_CACHE_SIZE = 2000;
function isLabel(norm: string, node: HeaderNode): boolean {
  if (!norm) return false;
  let seen = matchCache.get(node);
  if (!seen) matchCache.set(node, (seen = new Map()));
  let hit = seen.get(norm);
  if (hit === undefined) {
    if (seen.size >= MATCH_CACHE_SIZE) seen.clear();
    hit = formMatches(norm, formsOf(node), MIN_CORE) !== null;
    seen.set(norm, hit);
  }
  return hit;
}

/** The ancestors that carry a key (e.g. （三）不予公开, 行政复议): they tell apart leaves with the same label. */
const keyedAncestors = (path: HeaderNode[]) => path.slice(0, -1).filter((n) => n.key && n.label);

/** A value cell: a number, a formula, or text that reads as a value (12件, /, 不适用 — a row of 不适用 is data, not a header). */
const isNumeric = (c: GridCell | undefined) =>
  !!c &&
  (typeof c.raw === 'number' ||
    (typeof c.raw === 'object' && c.raw !== null && !(c.raw instanceof Date)) ||
    (typeof c.raw === 'string' && readCellText(c.raw).kind !== 'text'));

const FILL_LIMIT = 30;

/**
 * Texts of the label cells to the left of a cell in its row. A group label (（三）不予公开) is merged over its
 * rows, or, in sheets without merges, written once above: an empty cell takes the nearest label above it.
 */
function rowPath(grid: Grid, row: number, col: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= col; c++) {
    let m = grid.at(row, c);
    for (let r = row - 1; !m?.norm && c < col && r >= Math.max(1, row - FILL_LIMIT); r--) m = grid.at(r, c);
    if (m?.norm && out[out.length - 1] !== m.norm) out.push(m.norm);
  }
  return out;
}

/**
 * Texts of the header cells above a column, top to bottom (a merged header counts for every column it spans).
 * With `fill`, an empty header cell takes the nearest header to its left (a group header not merged).
 */
function columnPath(grid: Grid, rows: number[], col: number, fromCol: number, fill: boolean): string[] {
  const out: string[] = [];
  for (const r of rows) {
    let m = grid.at(r, col);
    for (let c = col - 1; fill && !m?.norm && c >= fromCol; c--) m = grid.at(r, c);
    if (m?.norm && out[out.length - 1] !== m.norm) out.push(m.norm);
  }
  return out;
}

const pathHas = (path: string[], node: HeaderNode) => path.some((p) => isLabel(p, node));

interface RowHit {
  grid: Grid;
  row: number;
  /** Rightmost column of the label cells. */
  labelCol: number;
  cell: GridCell;
}

function findRows(grids: Grid[], leaf: Leaf): RowHit[] {
  const node = leaf.path[leaf.path.length - 1];
  const ancestors = keyedAncestors(leaf.path);
  const combined = ancestors.length ? labelForms(node, ancestors[ancestors.length - 1]) : [];
  const hits: RowHit[] = [];
  for (const grid of grids) {
    for (const cell of grid.cells) {
      const both = combined.includes(cell.norm);
      if (!both && !isLabel(cell.norm, node)) continue;
      const path = rowPath(grid, cell.row, cell.col);
      if (!both && !ancestors.every((a) => pathHas(path, a))) continue;
      let labelCol = cell.col;
      while (grid.at(cell.row, labelCol + 1)?.master.col === cell.col && grid.at(cell.row, labelCol + 1)?.master.row === cell.master.row)
        labelCol++;
      hits.push({ grid, row: cell.row, labelCol, cell });
    }
  }
  return hits;
}

const MAX_HEADER_ROWS = 5;

/** A header row holds text but no numbers from `fromCol` rightwards. */
function isHeaderRow(grid: Grid, r: number, fromCol: number): boolean {
  let text = false;
  for (let c = fromCol; c <= grid.cols; c++) {
    const cell = grid.at(r, c);
    if (isNumeric(cell) && cell!.master.row === r) return false;
    if (cell?.text) text = true;
  }
  return text;
}

/** Header rows: the rows just above `row` that hold text and no numbers. */
function headerRowsAbove(grid: Grid, row: number, fromCol: number): number[] {
  const rows: number[] = [];
  for (let r = row - 1; r >= 1 && rows.length < MAX_HEADER_ROWS && isHeaderRow(grid, r, fromCol); r--) rows.unshift(r);
  return rows;
}

interface ColumnMap {
  cols: Map<string, number>;
  /** The columns each mapped header covers (a merged header covers several). */
  spans: Map<string, [number, number]>;
  missing: Leaf[];
  ambiguous: { leaf: Leaf; cols: number[] }[];
}

/** The columns of the merge a cell belongs to, within its row: [first, last]. */
function extentOf(grid: Grid, row: number, col: number): [number, number] {
  const m = grid.at(row, col)?.master ?? { row, col };
  const same = (c: number) => {
    const x = grid.at(row, c)?.master;
    return !!x && x.row === m.row && x.col === m.col;
  };
  let first = col;
  let last = col;
  while (first > 1 && same(first - 1)) first--;
  while (last < grid.cols && same(last + 1)) last++;
  return [first, last];
}

function mapColumns(grid: Grid, headerRows: number[], fromCol: number, block: BlockDef, notes: string[]): ColumnMap {
  const colLeaves = leaves(block.columns);
  const paths = new Map<number, string[]>();
  const filled = new Map<number, string[]>();
  for (let c = fromCol; c <= grid.cols; c++) {
    paths.set(c, columnPath(grid, headerRows, c, fromCol, false));
    filled.set(c, columnPath(grid, headerRows, c, fromCol, true));
  }
  const cols = new Map<string, number>();
  const spans = new Map<string, [number, number]>();
  const missing: Leaf[] = [];
  const ambiguous: ColumnMap['ambiguous'] = [];
  for (const leaf of colLeaves) {
    const node = leaf.path[leaf.path.length - 1];
    const matches = [...paths.entries()]
      .filter(([c, p]) => pathHas(p, node) && keyedAncestors(leaf.path).every((a) => pathHas(filled.get(c)!, a)))
      .map(([c]) => c);
    // A merged header covers several columns: its value sits under the master (leftmost) column.
    const headers = matches.map((c) => ({ c, row: headerRows.find((r) => isLabel(grid.at(r, c)?.norm ?? '', node)) }));
    const masters = [...new Set(headers.map(({ c, row }) => (row === undefined ? c : (grid.at(row, c)?.master.col ?? c))))];
    if (masters.length === 1) {
      cols.set(keyOf(leaf.path), masters[0]);
      const row = headers[0].row;
      spans.set(keyOf(leaf.path), row === undefined ? [masters[0], masters[0]] : extentOf(grid, row, masters[0]));
    } else if (masters.length > 1) ambiguous.push({ leaf, cols: masters });
    else missing.push(leaf);
  }
  // A cut-off header (e.g. 本年新…): when no column label is recognised but the number of header columns
  // equals the number of columns, place them by position.
  if (cols.size === 0 && ambiguous.length === 0) {
    const headerCols = [
      ...new Set(
        [...paths.entries()].filter(([, p]) => p.length).map(([c]) => grid.at(headerRows[headerRows.length - 1], c)?.master.col ?? c),
      ),
    ];
    if (headerCols.length === colLeaves.length) {
      const last = headerRows[headerRows.length - 1];
      colLeaves.forEach((leaf, i) => {
        cols.set(keyOf(leaf.path), headerCols[i]);
        spans.set(keyOf(leaf.path), extentOf(grid, last, headerCols[i]));
      });
      notes.push(`${grid.sheet} 第 ${headerRows.join('、')} 行的表头无法逐一识别，按列的顺序读取`);
      return { cols, spans, missing: [], ambiguous: [] };
    }
  }
  return { cols, spans, missing, ambiguous };
}

const cellName = (table: Table, key: string) => table.cells.find((c) => c.key === key)?.name ?? key;

/** How much of a table was found: its data rows placed by label (表四's row counts when most columns are). */
export interface TableFound {
  found: boolean;
  rows: number;
  of: number;
}

/** `document`: the grids are a document's tables (web page, Word), whose doubts speak of what was written. */
interface ReadOptions {
  document?: boolean;
}

/** Reads one table of the template from the grids into `out`. */
function readTable(grids: Grid[], table: Table, out: TableRead, opts: ReadOptions = {}): TableFound {
  const keyFor = (rowPath: HeaderNode[], colPath: HeaderNode[]) => [table.id, keyOf(rowPath), keyOf(colPath)].filter(Boolean).join('.');
  const doubt = (cells: string[], message: string) => out.doubts.push({ cells, message });
  let found = false;
  const share = { rows: 0, of: 0 };

  for (const block of table.blocks) {
    const rowLeaves = leaves(block.rows);
    const colLeaves = leaves(block.columns);
    const labelled = rowLeaves.some((l) => l.path.some((n) => n.label));
    type Placed = { leaf: Leaf; hit: RowHit };
    const placed: Placed[] = [];
    share.of += labelled ? rowLeaves.length : 1;

    if (labelled) {
      for (const leaf of rowLeaves) {
        const hits = findRows(grids, leaf);
        const cells = colLeaves.map((c) => keyFor(leaf.path, c.path));
        const label = leaf.path[leaf.path.length - 1].label;
        if (hits.length === 1) placed.push({ leaf, hit: hits[0] });
        else if (hits.length > 1)
          doubt(
            cells,
            `行“${label}”在 ${hits.map((h) => h.grid.address(h.row, h.cell.col)).join('、')} 出现了 ${hits.length} 次，无法确定用哪一行`,
          );
      }
      if (!placed.length) continue;
      found = true;
      out.score += placed.length;
      share.rows += placed.length;
      // The block's rows are where most of them were found.
      const grid = mostCommon(placed.map((p) => p.hit.grid));
      const rows = placed.filter((p) => p.hit.grid === grid);
      const labelCol = Math.max(...rows.map((p) => p.hit.labelCol));
      const firstRow = Math.min(...rows.map((p) => p.hit.row));
      const headerRows = headerRowsAbove(grid, firstRow, labelCol + 1);
      const map = mapColumns(grid, headerRows, labelCol + 1, block, out.notes);
      out.score += map.cols.size;
      for (const leaf of rowLeaves) {
        const p = rows.find((x) => x.leaf === leaf);
        if (!p && !placed.some((x) => x.leaf === leaf) && !out.doubts.some((d) => d.cells.includes(keyFor(leaf.path, colLeaves[0].path)))) {
          doubt(
            colLeaves.map((c) => keyFor(leaf.path, c.path)),
            `在 ${grid.sheet} 中找不到行“${leaf.path[leaf.path.length - 1].label}”，这些格留空`,
          );
        }
        if (!p) continue;
        readRow(grid, p.hit.row, p.hit.labelCol, leaf, colLeaves, map, table, keyFor, out, opts);
      }
    } else {
      // A table without row labels (表四): found by its column headers; the values are in the row below them.
      const first = colLeaves[0].path[0];
      const anchors = grids.flatMap((g) => g.cells.filter((c) => isLabel(c.norm, first)).map((c) => ({ grid: g, cell: c })));
      const candidates = anchors
        .map(({ grid, cell }) => {
          const headerRows: number[] = [];
          for (let r = cell.row; r <= grid.rows && headerRows.length < MAX_HEADER_ROWS && isHeaderRow(grid, r, cell.col); r++)
            headerRows.push(r);
          const notes: string[] = [];
          const map = mapColumns(grid, headerRows, cell.col, block, notes);
          return { grid, dataRow: headerRows[headerRows.length - 1] + 1, map, notes };
        })
        .sort((a, b) => b.map.cols.size - a.map.cols.size);
      if (!candidates.length || candidates[0].map.cols.size === 0) continue;
      if (candidates.length > 1 && candidates[1].map.cols.size === candidates[0].map.cols.size) {
        doubt(
          colLeaves.map((c) => keyFor([], c.path)),
          `表“${table.section.heading}”出现了 ${candidates.length} 次（${candidates.map((c) => c.grid.sheet).join('、')}），无法确定用哪一个`,
        );
        found = true;
        continue;
      }
      const best = candidates[0];
      found = true;
      out.score += best.map.cols.size;
      if (2 * best.map.cols.size >= colLeaves.length) share.rows += 1;
      out.notes.push(...best.notes);
      readRow(
        best.grid,
        best.dataRow,
        (best.map.cols.size ? Math.min(...best.map.cols.values()) : 1) - 1,
        rowLeaves[0],
        colLeaves,
        best.map,
        table,
        keyFor,
        out,
        opts,
      );
    }
  }
  return { found, ...share };
}

/**
 * The cell each column of a row is read from. A value cell lies under its column's header, or covers whole
 * columns (a `/` merged across 表四 is 不适用 in each). Web pages often shift merges from row to row (a header over
 * columns 3–4, the value below over 2–3): when values straddle the headers, they are taken in order if they are
 * exactly one per column and each overlaps its own column; otherwise the row cannot be placed (null).
 */
function rowSources(
  grid: Grid,
  row: number,
  labelCol: number,
  ranges: ([number, number] | undefined)[],
  strict: boolean,
): (GridCell | undefined)[] | null {
  const values: { cell: GridCell | undefined; first: number; last: number }[] = [];
  for (let c = labelCol + 1; c <= grid.cols; c++) {
    const cell = grid.at(row, c);
    if (!cell || cell.master.row !== row || cell.master.col !== c) continue;
    const [, last] = extentOf(grid, row, c);
    values.push({ cell, first: c, last });
  }
  const straight = ranges.map((r) => (r ? values.find((v) => v.first <= r[0] && v.last >= r[0]) : undefined));
  const overlaps = (v: { first: number; last: number }, r: [number, number]) => v.first <= r[1] && v.last >= r[0];
  const mapped = ranges.filter((r): r is [number, number] => !!r);
  if (!mapped.length) return straight.map((v) => v?.cell);
  const lo = Math.min(...mapped.map((r) => r[0]));
  const hi = Math.max(...mapped.map((r) => r[1]));
  // A value straddling a header's edge, or different values under one header, is a shifted row. In a workbook,
  // equal values under one header are a WPS filled merge (取消合并并填充): one value.
  const straddles = mapped.some((r) =>
    values.some((v) => overlaps(v, r) && !(v.first <= r[0] && v.last >= r[1]) && !(r[0] <= v.first && r[1] >= v.last)),
  );
  const crowded = mapped.some((r) => {
    const under = values.filter((v) => overlaps(v, r) && v.cell?.text).map((v) => v.cell?.text);
    return (strict ? under.length : new Set(under).size) > 1;
  });
  // With `strict` (documents), a value under no header (before, between or after them) belongs to no column:
  // the row is shifted, or a part of the table cut by a page break has fewer columns than its header.
  const stray = strict && values.some((v) => v.cell?.text && !mapped.some((r) => overlaps(v, r)));
  if (!straddles && !crowded && !stray) return straight.map((v) => v?.cell);
  const inside = values.filter((v) => v.first >= lo && v.last <= hi);
  const outside = values.filter((v) => (v.first > hi || v.last < lo) && v.cell?.text);
  if (outside.length || inside.length !== ranges.length || !ranges.every((r, i) => r && overlaps(inside[i], r))) return null;
  return inside.map((v) => v.cell);
}

function readRow(
  grid: Grid,
  row: number,
  labelCol: number,
  leaf: Leaf,
  colLeaves: Leaf[],
  map: ColumnMap,
  table: Table,
  keyFor: (r: HeaderNode[], c: HeaderNode[]) => string,
  out: TableRead,
  opts: ReadOptions,
): void {
  const sources = rowSources(
    grid,
    row,
    labelCol,
    colLeaves.map((c) => map.spans.get(keyOf(c.path))),
    !!opts.document,
  );
  if (!sources) {
    const cells = colLeaves.map((c) => keyFor(leaf.path, c.path));
    for (const key of cells) out.values[key] = null;
    (out.unaligned ??= []).push(cells);
    out.doubts.push({
      cells,
      message: `${grid.address(row, labelCol + 1)} 起的这一行，数字的合并格与表头的列对不齐，无法确定各数字属于哪一列；这些格暂留空，请对照原文填写`,
    });
    return;
  }
  colLeaves.forEach((col, i) => {
    const key = keyFor(leaf.path, col.path);
    const kind = table.cells.find((c) => c.key === key)?.kind ?? 'count';
    const c = map.cols.get(keyOf(col.path));
    if (c === undefined) {
      const amb = map.ambiguous.find((a) => a.leaf === col);
      out.doubts.push({
        cells: [key],
        message: amb
          ? `${cellName(table, key)}：列“${col.path[col.path.length - 1].label}”在 ${grid.sheet} 中有 ${amb.cols.length} 列，无法确定`
          : `${cellName(table, key)}：在 ${grid.sheet} 中找不到列“${col.path[col.path.length - 1].label}”`,
      });
      return;
    }
    // A value merged across the row (e.g. B7:D7) lives in its master cell; a merge reaching into another row is a label.
    const source = sources[i];
    const read = readValue(source?.raw ?? null, kind);
    const address = grid.address(source?.row ?? row, source?.col ?? c);
    if (read.ok) {
      out.values[key] = read.value;
      out.provenance[key] = address;
    } else {
      out.values[key] = null;
      // A document's doubt quotes what was written, as the text reader's do.
      const text = source?.text ?? '';
      const problem = read.problem.startsWith(`“${text}”`) ? read.problem.slice(text.length + 2) : read.problem;
      const message =
        opts.document && text
          ? `${address}：“${cellName(table, key)}”写的是“${text}”，${problem}，请对照原文填写`
          : `${address}（${cellName(table, key)}）${read.problem}`;
      out.doubts.push({ cells: [key], message });
      if (read.formula) (out.formulas ??= {})[key] = address;
    }
  });
}

/**
 * Formulas saved without their result: each is computed from its parts by the form's relations when they settle
 * it (the provenance says so); the rest stay doubts saying the relations could not compute them either.
 */
export function settleFormulas(template: Template, out: TableRead): void {
  const pending = Object.keys(out.formulas ?? {});
  if (!pending.length) return;
  const { settled, conflicting } = settleUnknowns(template, out.values, pending);
  for (const [key, s] of settled) {
    out.values[key] = s.value;
    out.provenance[key] =
      `${out.formulas![key]}（公式没有保存结果，按${s.rules.map((r) => `${r}“${TABLE_RULE_TITLES[r]}”`).join('、')}计算）`;
  }
  out.doubts = out.doubts.flatMap((d) => {
    if (d.cells.length !== 1 || !pending.includes(d.cells[0])) return [d];
    const key = d.cells[0];
    if (settled.has(key)) return [];
    const c = conflicting.get(key);
    const why = c ? `，按表内勾稽关系算出的 ${c.join('、')} 与其他格对不上，无法确定` : '，其他格也不足以按表内勾稽关系算出它';
    return [{ ...d, message: `${d.message}${why}；请在 Excel 或 WPS 中打开、保存后再导入，或对照原表填写` }];
  });
}

function mostCommon<T>(items: T[]): T {
  const counts = new Map<T, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

export function readTables(grids: Grid[], template: Template): TableRead {
  const out: TableRead = { values: {}, provenance: {}, doubts: [], notes: [], score: 0 };
  for (const c of template.cells) out.values[c.key] = null;
  for (const table of template.tables) {
    if (!readTable(grids, table, out).found)
      out.doubts.push({ cells: table.cells.map((c) => c.key), message: `工作簿中没有找到表“${table.section.heading}”，这些格留空` });
  }
  return out;
}

/** One table of the template from a document's tables (web page, Word): what was read and how much was found. */
export function readGridTable(grids: Grid[], table: Table): TableRead & TableFound {
  const out: TableRead = { values: {}, provenance: {}, doubts: [], notes: [], score: 0 };
  for (const c of table.cells) out.values[c.key] = null;
  const found = readTable(grids, table, out, { document: true });
  return { ...out, ...found };
}
