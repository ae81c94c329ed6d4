// The source text around each number read from a published report (text, HTML, Word), for the import wizard:
// a person checks a doubt against the original line, not against "第 33 行". Read from the file again and
// located by the provenance the importers give ('第 33 行', '第 33–35 行', '表格 2 第 5 行第 3 格'); a number
// that cannot be found with certainty in that text is shown unmarked, never marked in the wrong place.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import mammoth from 'mammoth';
import type { DoubtView, SourceExcerpt } from '../../shared/api';
import { NOT_APPLICABLE, type CellValue } from '../../shared/report';
import { getTemplate, type Template } from '../../shared/template';
import { declaredCharset, decodeBytes } from '../importers/decode';
import { htmlToLines } from '../importers/html';
import type { ParsedReport } from '../importers/types';

/** Characters shown on each side of the number. */
const SIDE = 36;
/** A text longer than this (a report printed on one line) is searched only after the row's label. */
const SHORT = 160;
/** How far after its row label a number may be. */
const NEAR = 120;

interface Place {
  text: string;
  /** A table cell's span within `text` (HTML/Word rows): the mark, with no search. */
  cell?: [number, number];
}
type Lookup = (where: string) => Place | null;

const LINES = /^第 (\d+)(?:–(\d+))? 行/;
const HTML_PLACE = /^(?:表格 \d+ 第 \d+ 行(?:第 \d+ 格)?|第 \d+ 段)/;
const PLACE_IN_MESSAGE = /(第 \d+(?:–\d+)? 行|表格 \d+ 第 \d+ 行(?:第 \d+ 格)?|第 \d+ 段)(?:至[^：]*)?：/;

/** Reads the file's text again and answers where → text; null for workbooks (their provenance is the cell address). */
async function lookupOf(file: string): Promise<Lookup | null> {
  const ext = extname(file).toLowerCase();
  if (!['.txt', '.html', '.htm', '.docx'].includes(ext)) return null;
  const bytes = await readFile(file);
  if (ext === '.txt') {
    const lines = decodeBytes(bytes, file).split(/\r\n|\r|\n/);
    return (where) => {
      const m = LINES.exec(where);
      if (!m) return null;
      const a = Number(m[1]);
      const b = m[2] ? Number(m[2]) : a;
      if (a < 1 || b > lines.length || b < a) return null;
      return { text: lines.slice(a - 1, b).join('\n') };
    };
  }
  const html = ext === '.docx' ? (await mammoth.convertToHtml({ buffer: bytes })).value : decodeBytes(bytes, file, declaredCharset(bytes));
  const byWhere = new Map<string, Place>();
  for (const line of htmlToLines(html, file).lines) {
    byWhere.set(line.where, { text: line.text });
    // Rows of real tables: their cells joined by ' | ', as the line's text is.
    let at = 0;
    for (const c of line.cells) {
      if (line.grid) byWhere.set(c.where, { text: line.text, cell: [at, at + c.text.length] });
      at += c.text.length + 3;
    }
  }
  return (where) => {
    const m = HTML_PLACE.exec(where);
    return m ? (byWhere.get(m[0]) ?? null) : null;
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number as it may be printed: whole (not part of a longer number). */
function valuePattern(v: CellValue): RegExp | null {
  if (v === null) return null;
  if (v === NOT_APPLICABLE) return /不适用|无此项|[/\\／]+|[-‐‑‒–—―─━]+/g;
  return new RegExp(`(?<![\\d.])${escape(String(v))}(?![\\d.])`, 'g');
}
/** A printed run (“0 0 0”, “15130000154”): its pieces with any separator between them. */
const printedPattern = (printed: string) =>
  new RegExp(`(?<![\\d.])${printed.trim().split(/\s+/).map(escape).join('[\\s|，,]+')}(?![\\d.])`, 'g');

/** Finds `label` in `text` loosely (width, spaces and brackets as printed vary); the index after it, or -1. */
function afterLabel(text: string, label: string): number {
  const norm = (s: string) => s.normalize('NFKC').replace(/[\s:：]/gu, '');
  const want = norm(label);
  if (!want) return -1;
  // Compare on the normalised text, keeping each of its characters' index in `text`.
  let flat = '';
  const index: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = norm(text[i]);
    for (const ch of c) {
      flat += ch;
      index.push(i);
    }
  }
  const at = flat.indexOf(want);
  return at < 0 ? -1 : index[at + want.length - 1] + 1;
}

function clip(where: string, text: string, a: number, b: number): SourceExcerpt {
  const before = text.slice(Math.max(0, a - SIDE), a);
  const after = text.slice(b, b + SIDE);
  return {
    where,
    before: (a > SIDE ? '…' : '') + before,
    mark: text.slice(a, b),
    after: after + (b + SIDE < text.length ? '…' : ''),
  };
}

/**
 * The excerpt for a number at `where`: marked where it is certain — the `column`-th printed piece after the row's
 * label when that piece is the number, or else the number's only occurrence near the label — else unmarked.
 */
function excerptAt(place: Place, where: string, pattern: RegExp | null, labels: string[], column?: number): SourceExcerpt {
  const { text } = place;
  if (place.cell) return clip(where, text, place.cell[0], place.cell[1]);
  let from = 0;
  let limit = text.length;
  const found = labels.map((l) => afterLabel(text, l)).find((i) => i >= 0);
  if (found !== undefined) {
    from = found;
    limit = Math.min(text.length, found + NEAR);
  } else if (text.length > SHORT) pattern = null; // a long text without the row's label: no place is certain
  if (pattern) {
    const window = text.slice(from, limit);
    if (column !== undefined) {
      const piece = [...window.matchAll(/[^\s|]+/g)][column];
      const whole = piece && new RegExp(`^(?:${pattern.source})$`).test(piece[0]);
      if (piece && whole) return clip(where, text, from + piece.index, from + piece.index + piece[0].length);
    }
    const all = [...window.matchAll(new RegExp(pattern.source, 'g'))];
    if (all.length === 1) return clip(where, text, from + all[0].index, from + all[0].index + all[0][0].length);
  }
  const start = found ?? 0;
  return {
    where,
    before: (start > 0 ? '…' : '') + text.slice(start, start + 2 * SIDE),
    mark: '',
    after: start + 2 * SIDE < text.length ? '…' : '',
  };
}

/** The row labels of a cell as the template prints them, most specific first (with and without numbering). */
function rowLabels(template: Template, key: string): string[] {
  const cell = template.cellByKey.get(key);
  const table = cell && template.tables.find((t) => t.id === cell.table);
  if (!cell || !table) return [];
  const row = table.layout.cells
    .filter((c) => c.role === 'row' && c.row <= cell.row && cell.row < c.row + c.rowSpan)
    .sort((a, b) => b.col - a.col)[0];
  if (!row) return [];
  const plain = row.text.replace(/^[（(]?[一二三四五六七八九十\d]+[)）.、．]\s*/u, '');
  return plain && plain !== row.text ? [row.text, plain] : [row.text];
}

/** Which cell of its row a cell is (0-based), as the row is printed left to right. */
function columnOf(template: Template, key: string): number | undefined {
  const cell = template.cellByKey.get(key);
  if (!cell) return undefined;
  const row = template.cells.filter((c) => c.table === cell.table && c.row === cell.row).sort((a, b) => a.col - b.col);
  return row.indexOf(cell);
}

const quoted = (s: string) => [...s.matchAll(/“([^”]*)”/g)].map((m) => m[1]);
const NUMBERS = /^[\d\s.,+-]+$/;

/** A workbook's doubt names its cell first (`Sheet1!D7（…）…`): the sheet and the address, no text around it. */
function workbookPlace(message: string): SourceExcerpt | null {
  const m = /^(.+)!(\$?[A-Z]{1,3}\$?\d+)(?::\$?[A-Z]{1,3}\$?\d+)?（/.exec(message);
  return m ? { where: `工作表“${m[1].replace(/^'|'$/g, '')}”${m[2].replace(/\$/g, '')} 单元格`, before: '', mark: '', after: '' } : null;
}

/** Excerpts and the doubt list of one parsed report; `lookup` null for workbooks. */
export function describeSource(
  parsed: ParsedReport,
  lookup: Lookup | null,
): { excerpts?: Record<string, SourceExcerpt>; doubtList: DoubtView[] } {
  const template = getTemplate(parsed.report.template);
  const doubts = parsed.report.doubts ?? [];
  if (!lookup) return { doubtList: doubts.map((d) => ({ ...d, excerpt: workbookPlace(d.message) })) };
  const excerpts: Record<string, SourceExcerpt> = {};
  for (const [key, prov] of Object.entries(parsed.provenance)) {
    const where = (LINES.exec(prov) ?? HTML_PLACE.exec(prov))?.[0];
    const place = where ? lookup(where) : null;
    if (!where || !place) continue;
    // A run split by the relations names what was printed (“15130000154”): mark that, not the digit.
    const printed = quoted(prov).find((q) => NUMBERS.test(q));
    const pattern = printed ? printedPattern(printed) : valuePattern(parsed.report.values[key] ?? null);
    excerpts[key] = excerptAt(place, where, pattern, rowLabels(template, key), printed ? undefined : columnOf(template, key));
  }
  const doubtList = doubts.map((d): DoubtView => {
    // Messages name the file and the place: `a.txt 第 33 行：表二“规章”一行“0”可以拆成…`.
    const at = PLACE_IN_MESSAGE.exec(d.message);
    const where = at?.[1];
    const rest = at ? d.message.slice(at.index + at[1].length) : '';
    const place = where ? lookup(where) : null;
    if (!where || !place) return { ...d, excerpt: null };
    const q = quoted(rest);
    const printed = q.find((s) => NUMBERS.test(s));
    const label = rest.includes('一行') ? q[0] : undefined;
    const labels = label ? [label] : d.cells[0] ? rowLabels(template, d.cells[0]) : [];
    const pattern = printed ? printedPattern(printed) : q.length > 1 ? new RegExp(escape(q[q.length - 1]), 'g') : null;
    // A single cell's doubt (“无” where a number belongs) is the cell's column of its row.
    const column = d.cells.length === 1 && !printed ? columnOf(template, d.cells[0]) : undefined;
    return { ...d, excerpt: excerptAt(place, where, pattern, labels, column) };
  });
  return { excerpts, doubtList };
}

/** Reads the source of `file` once for all its reports; a failure leaves the wizard without excerpts, not broken. */
export async function sourceLookup(file: string): Promise<Lookup | null> {
  try {
    return await lookupOf(file);
  } catch {
    return null;
  }
}
