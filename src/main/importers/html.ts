// Saved web pages (.html/.htm): paragraphs become lines; each <table> is laid out as a browser does (rowspan,
// colspan) and becomes both a grid (read by the workbooks' table reader, shared/reading/read-tables.ts) and lines
// of cells with their columns (for headings, sections and the text reader's fallback).
// parse5 builds the tree the way browsers do (unclosed <td>/<tr>/<p>, implied <tbody>), which matters for
// the scraped, hand-edited markup of government sites.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { buildGrid, type Grid, type GridEntry } from '../../shared/reading/grid';
import { reflowLines } from '../../shared/reading/reflow';
import { foldTraditional, isTraditional } from '../../shared/reading/traditional';
import type { SourceKind } from '../db/reports';
import { InputError } from '../errors';
import { readDocument } from './document';
import { cell, textToLines, type SourceLine } from './lines';
import { keepWritten } from './text';
import type { ParsedReport } from './types';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'iframe',
  'svg',
  'math',
  'object',
  'select',
  'button',
  'textarea',
]);
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'em',
  'font',
  'i',
  'img',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'o:p',
]);
// A cell holding this much text is page layout, not a statistics cell: its content is read as paragraphs.
const MAX_DATA_CELL = 200;

const isElement = (n: T.Node): n is T.Element => 'tagName' in n;
const attr = (e: T.Element, name: string): string | undefined => e.attrs.find((a) => a.name === name)?.value;
const hidden = (e: T.Element): boolean => /display\s*:\s*none/i.test(attr(e, 'style') ?? '') || attr(e, 'hidden') !== undefined;
const children = (n: T.Node): T.ChildNode[] => ('childNodes' in n ? n.childNodes : []);

/** Text of a node; line breaks and blocks inside a cell join without a space (商业<br>企业 → 商业企业). */
function textOf(n: T.Node): string {
  if (n.nodeName === '#text') return (n as T.TextNode).value.replace(/[\t\n\r ]+/g, ' ');
  if (!isElement(n) || SKIP.has(n.tagName) || hidden(n)) return '';
  if (n.tagName === 'br') return '';
  return children(n).map(textOf).join('');
}

const descendants = (n: T.Node, tag: string): T.Element[] =>
  children(n).flatMap((c) => (isElement(c) ? (c.tagName === tag ? [c] : descendants(c, tag)) : []));

/** The rows of a table, not those of tables nested in it. */
function rowsOf(table: T.Element): T.Element[] {
  const rows: T.Element[] = [];
  const walk = (n: T.Node) =>
    children(n).forEach((c) => {
      if (!isElement(c) || c.tagName === 'table') return;
      if (c.tagName === 'tr') rows.push(c);
      else walk(c);
    });
  walk(table);
  return rows;
}

const cellsOf = (tr: T.Element): T.Element[] =>
  tr.childNodes.filter((c): c is T.Element => isElement(c) && (c.tagName === 'td' || c.tagName === 'th'));

const span = (e: T.Element, name: string, max: number): number => {
  const n = Number.parseInt(attr(e, name) ?? '1', 10);
  if (name === 'rowspan' && n === 0) return max; // rowspan=0 runs to the end of the table
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
};

function isDataTable(table: T.Element): boolean {
  if (descendants(table, 'table').length) return false;
  return rowsOf(table).every((tr) => cellsOf(tr).every((td) => textOf(td).trim().length <= MAX_DATA_CELL));
}

interface LaidCell {
  text: string;
  /** 0-based grid row and column of the cell's top-left corner, as a browser lays the table out. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** The cells of a table placed on its grid: rowspan and colspan resolved as a browser does. */
function layOut(rows: T.Element[]): LaidCell[][] {
  const taken: boolean[][] = rows.map(() => []);
  return rows.map((tr, r) => {
    let col = 0;
    return cellsOf(tr).map((td) => {
      while (taken[r][col]) col++;
      const colSpan = span(td, 'colspan', 1000);
      const rowSpan = span(td, 'rowspan', rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr][col + dc] = true;
      const laid = { text: textOf(td).trim(), row: r, col, rowSpan, colSpan };
      col += colSpan;
      return laid;
    });
  });
}

const cellWhere = (table: number, row: number, col: number) => `表格 ${table} 第 ${row} 行第 ${col} 格`;

function tableLines(laid: LaidCell[][], index: number): SourceLine[] {
  return laid.map((row, r) => {
    const cells = row.map((c) => cell(c.text, cellWhere(index, r + 1, c.col + 1), c.col, c.colSpan));
    return { text: cells.map((c) => c.text).join(' | '), cells, where: `表格 ${index} 第 ${r + 1} 行`, grid: { table: index } };
  });
}

/** One table of the page as laid out, before tables split across pages are joined (see tableGrids). */
interface PageTable {
  index: number;
  laid: LaidCell[][];
  /** Text between the previous table and this one. */
  before: string;
}

// Text allowed between two tables that are one table split across pages: nothing, 续表, a page number.
const SPLIT_GAP = /^(?:续表[一二三四五六七八九十\d]*|（续）|\(续\)|[-—–]?\s*\d+\s*[-—–]?|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)?$/;

/**
 * The page's tables as grids (src/shared/reading/grid.ts) for the table reader workbooks use. A table split
 * across pages (two <table>s with nothing but a page break between) is one grid, its parts stacked; every
 * cell's address still names its own table, row and cell as the lines do.
 */
function tableGrids(tables: PageTable[]): Grid[] {
  const groups: PageTable[][] = [];
  for (const t of tables) {
    const last = groups[groups.length - 1];
    if (last && SPLIT_GAP.test(t.before.replace(/\s+/g, '')) && last[last.length - 1].index === t.index - 1) last.push(t);
    else groups.push([t]);
  }
  return groups.map((group) => {
    const entries: GridEntry[] = [];
    const origin: { table: number; row: number }[] = [];
    for (const t of group) {
      const offset = origin.length;
      t.laid.forEach((_, r) => origin.push({ table: t.index, row: r + 1 }));
      for (const c of t.laid.flat()) {
        const master = { row: offset + c.row + 1, col: c.col + 1 };
        for (let dr = 0; dr < c.rowSpan; dr++)
          for (let dc = 0; dc < c.colSpan; dc++)
            // A blank cell (&nbsp;) holds nothing; a covered cell holds nothing of its own but shows its master's text.
            entries.push({ row: master.row + dr, col: master.col + dc, raw: dr || dc || !c.text ? null : c.text, text: c.text, master });
      }
    }
    const name = group.length === 1 ? `表格 ${group[0].index}` : `表格 ${group[0].index}–${group[group.length - 1].index}`;
    return buildGrid(name, entries, (r, c) => cellWhere(origin[r - 1].table, origin[r - 1].row, c));
  });
}

export interface HtmlContent {
  lines: SourceLine[];
  /** The data tables as grids, for the table reader workbooks use. */
  grids: Grid[];
  title?: string;
  published?: string;
}

/** How deeply elements nest, counted without recursion (the walks below recurse). */
function depthOf(root: T.Node): number {
  let max = 0;
  const stack: [T.Node, number][] = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of children(n)) stack.push([c, d + 1]);
  }
  return max;
}

// Real pages nest a few dozen levels; browsers stop building deeper than 512.
export const MAX_HTML_DEPTH = 512;

/** Lines of a page: one per paragraph (block, <br>), one per table row. */
export function htmlToLines(html: string, file = '网页'): HtmlContent {
  const doc = parse(html);
  const depth = depthOf(doc);
  if (depth > MAX_HTML_DEPTH)
    throw new InputError(`文件 ${file} 的网页结构嵌套过深（${depth} 层，上限 ${MAX_HTML_DEPTH} 层），不像是一篇年度报告，没有读取。`);
  const lines: SourceLine[] = [];
  let buffer = '';
  const tables: PageTable[] = [];
  let paragraphs = 0;
  let sinceTable = '';
  const flush = () => {
    const text = buffer.trim();
    buffer = '';
    if (!text) return;
    sinceTable += text;
    const where = `第 ${++paragraphs} 段`;
    lines.push({ text, where, cells: [cell(text, where)] });
  };
  const walk = (n: T.Node): void => {
    if (n.nodeName === '#text') {
      buffer += (n as T.TextNode).value.replace(/[\t\n\r ]+/g, ' ');
      return;
    }
    if (!isElement(n)) return children(n).forEach(walk);
    if (SKIP.has(n.tagName) || hidden(n)) return;
    if (n.tagName === 'br') return flush();
    if (n.tagName === 'table' && isDataTable(n)) {
      flush();
      const table: PageTable = { index: tables.length + 1, laid: layOut(rowsOf(n)), before: sinceTable };
      tables.push(table);
      sinceTable = '';
      lines.push(...tableLines(table.laid, table.index));
      return;
    }
    const block = !INLINE.has(n.tagName);
    if (block) flush();
    children(n).forEach(walk);
    if (block) flush();
  };
  walk(doc);
  flush();

  const head = descendants(doc, 'head')[0];
  const title = head ? descendants(head, 'title')[0] : undefined;
  const pubDate = head
    ? descendants(head, 'meta').find((m) =>
        /^(?:pubdate|publishdate|article:published_time)$/i.test(attr(m, 'name') ?? attr(m, 'property') ?? ''),
      )
    : undefined;
  return {
    lines,
    grids: tableGrids(tables),
    title: title ? textOf(title).trim() : undefined,
    published: pubDate ? attr(pubDate, 'content') : undefined,
  };
}

export function readHtml(html: string, file: string, kind: SourceKind): ParsedReport {
  // A page in traditional characters is read through its fold to simplified; its lines keep what was written.
  const traditional = isTraditional(html);
  const page = htmlToLines(traditional ? foldTraditional(html) : html, file);
  const written = traditional ? htmlToLines(html, file).lines.map((l) => l.text) : null;
  const { grids, title, published } = page;
  // No table markup: the tables, if any, were pasted as text (`规章 | 0 | 0 | 0`, one cell per paragraph…),
  // so the paragraphs are read as the lines of a text copy, the way a .txt is.
  const lines = grids.length ? page.lines : paragraphsAsText(page.lines);
  if (written) keepWritten(lines, grids.length ? lines.map((_, i) => i) : lines.map((l) => paragraphIndex(l.where)), written);
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return readDocument({ lines, grids, file, kind, traditional, hints: { title, published: date ? date.slice(1).join('-') : undefined } });
}

/** Paragraphs read as text lines (reflowed and split at | or tabs), still named by paragraph in messages. */
function paragraphsAsText(paragraphs: readonly SourceLine[]): SourceLine[] {
  const { lines, origin } = reflowLines(paragraphs.map((p) => p.text).join('\n'));
  const where = (w: string) => w.replace(/^第 (\d+)(–\d+)? 行$/, '第 $1$2 段');
  return textToLines(lines.join('\n'), origin).map((l) => ({
    ...l,
    where: where(l.where),
    cells: l.cells.map((c) => ({ ...c, where: where(c.where) })),
  }));
}

/** The 0-based paragraph a line read as text comes from ('第 12 段' → 11), or -1. */
const paragraphIndex = (where: string): number => Number(/^第 (\d+)/.exec(where)?.[1] ?? 0) - 1;

/** A saved web page with real <table> markup → a candidate report. */
export function parseReportHtml(html: string, file: string): ParsedReport {
  return readHtml(html, file, 'html');
}
