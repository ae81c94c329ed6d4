// The shape every input is turned into before it is read: lines of cells. A text file gives one line per
// source line (split at | or tabs when the scraper kept them); HTML and Word give one line per paragraph and
// one per table row, with each cell's grid column, so one reader places the numbers for all of them.
import { readCellText as readCell, type CellReading as Reading } from '../../shared/reading/cell-value';

export interface SourceCell {
  text: string;
  reading: Reading;
  /** Where the cell is, for provenance and messages: '第 12 行' or '表格 2 第 5 行第 3 格'. */
  where: string;
  /** Grid column (0-based) and width: only for real table markup, where positions can be trusted. */
  col?: number;
  span?: number;
}

export interface SourceLine {
  /** The line as text, for finding section headings and for the sections' text. */
  text: string;
  /** The line as written when `text` is its traditional characters folded to simplified: what the sections show. */
  shown?: string;
  cells: SourceCell[];
  /** '第 12 行' or '表格 2 第 5 行'. */
  where: string;
  /** For rows of real table markup: which table (1-based) of the document. */
  grid?: { table: number };
}

export const cell = (text: string, where: string, col?: number, span?: number): SourceCell => ({
  text,
  reading: readCell(text),
  where,
  ...(col === undefined ? {} : { col, span }),
});

// A markdown rule line (|---|:---:|) separates a header; its dashes are not 不适用 marks.
const MARKDOWN_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Cells of one text line. Trailing `|` ends the last cell; a line without separators is one cell. */
export function splitTextLine(raw: string): string[] {
  if (raw.includes('\t')) return raw.split('\t').map((s) => s.trim());
  if (raw.includes('|')) {
    if (MARKDOWN_RULE.test(raw)) return [];
    const parts = raw.split('|').map((s) => s.trim());
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  const t = raw.trim();
  return t ? splitTrailingValues(t) : [];
}

// PDF copies keep a row on one line with spaces between cells ("规章 0 0 0"): split off the trailing values.
// A line of words only (`1 2 3`) stays whole unless every word is a value.
// Labels themselves contain spaces ("1. 属于国家秘密"), so only whole value words are split off.
function splitTrailingValues(t: string): string[] {
  const words = t.split(/\s+/u);
  if (words.length < 2) return [t];
  let i = words.length;
  // Unreadable values (88-720 run together, 无) stay cells too, so the row is found and the value doubted.
  while (i > 0 && readCell(words[i - 1]).kind !== 'text' && readCell(words[i - 1]).kind !== 'blank') i--;
  if (i === words.length || (i === 0 && words.length < 2)) return [t];
  return i === 0 ? words : [words.slice(0, i).join(' '), ...words.slice(i)];
}

// Page numbers left by PDF copies (- 3 -, 第3页 共12页) would read as values inside a table.
const PAGE_NUMBER = /^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)\s*$/;

/** `origin[i]`: the 0-based line of the file that line i comes from, when lines were restored (reflow.ts). */
export function textToLines(text: string, origin?: readonly number[]): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => {
    const where = `第 ${(origin?.[i] ?? i) + 1} 行`;
    if (PAGE_NUMBER.test(raw)) return { text: '', where, cells: [] };
    return { text: raw, where, cells: splitTextLine(raw).map((t) => cell(t, where)) };
  });
}

/** '第 3 行' + '第 7 行' → '第 3–7 行'; other places are joined with 至. */
export function whereRange(first: string, last: string): string {
  if (first === last) return first;
  const a = /^第 (\d+) 行$/.exec(first);
  const b = /^第 (\d+) 行$/.exec(last);
  return a && b ? `第 ${a[1]}–${b[1]} 行` : `${first}至${last}`;
}
