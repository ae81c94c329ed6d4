// Saved web pages (.html/.htm): paragraphs become lines, each <table> row becomes a line of cells with its
// grid column, rowspan and colspan laid out as a browser does, so numbers are placed by column, not by order.
// parse5 builds the tree the way browsers do (unclosed <td>/<tr>/<p>, implied <tbody>), which matters for
// the scraped, hand-edited markup of government sites.
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import type { SourceKind } from '../db/reports';
import { InputError } from '../errors';
import { readDocument } from './document';
import { cell, type SourceLine } from './lines';
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

function tableLines(table: T.Element, index: number): SourceLine[] {
  const rows = rowsOf(table);
  const taken: boolean[][] = rows.map(() => []);
  const out = rows.map((tr, r) => {
    let col = 0;
    return cellsOf(tr).map((td) => {
      while (taken[r][col]) col++;
      const colSpan = span(td, 'colspan', 1000);
      const rowSpan = span(td, 'rowspan', rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr][col + dc] = true;
      const c = cell(textOf(td).trim(), `表格 ${index} 第 ${r + 1} 行第 ${col + 1} 格`, col, colSpan);
      col += colSpan;
      return c;
    });
  });
  return out.map((cells, r) => ({
    text: cells.map((c) => c.text).join(' | '),
    cells,
    where: `表格 ${index} 第 ${r + 1} 行`,
    grid: { table: index },
  }));
}

export interface HtmlContent {
  lines: SourceLine[];
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
  let tables = 0;
  let paragraphs = 0;
  const flush = () => {
    const text = buffer.trim();
    buffer = '';
    if (!text) return;
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
      lines.push(...tableLines(n, ++tables));
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
  return { lines, title: title ? textOf(title).trim() : undefined, published: pubDate ? attr(pubDate, 'content') : undefined };
}

export function readHtml(html: string, file: string, kind: SourceKind): ParsedReport {
  const { lines, title, published } = htmlToLines(html, file);
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(published ?? '');
  return readDocument({ lines, file, kind, hints: { title, published: date ? date.slice(1).join('-') : undefined } });
}

/** A saved web page with real <table> markup → a candidate report. */
export function parseReportHtml(html: string, file: string): ParsedReport {
  return readHtml(html, file, 'html');
}
