// Text converted from PDF often keeps a table's rows one per line (`| 标签 | 1 | 0 | … |`) but loses some row
// labels: they are printed as loose lines elsewhere, broken into fragments, or missing, leaving bare number
// rows. The rows whose label is on the same line as their numbers anchor the table; the bare number rows
// between two anchors are placed by the template's row order, but only when their count is exactly the count
// of template rows between the anchors (and a label fragment, if any, belongs to the row it lands on).
// The caller confirms the placement by the table's relations; anything else becomes a doubt, never a guess.
import { normalizeLabel } from '../../shared/template';
import { formMatches, labelForms, stripNumbering } from '../../shared/reading/labels';
import type { RowDef, Token } from './labels';

export interface RowLine {
  line: number;
  /** The label cells before the numbers (may be empty). */
  label: Token[];
  /** The value cells (blank cells at the edges dropped). */
  values: Token[];
  /** The same with the blank cells at the edges (a `|  |` at the end of a markdown row may be a real cell). */
  raw: Token[];
}

export interface RowOrder {
  /** Template row index → the line whose label names it (numbers on the same line). */
  anchors: Map<number, RowLine>;
  /** Template row index → the bare number line placed there by row order. */
  placed: Map<number, RowLine>;
  /** Template row indexes between two anchors whose number lines did not fit one to one, with why. */
  unplaced: Map<number, string>;
  /** Number lines that are too short to be a row (a stray `1`): left out, said in a note. */
  strays: RowLine[];
}

// A bare number row is placed only in tables whose rows have this many cells or more: a line holding one or two
// numbers is too weak a sign of a row (a note like `22` under a heading).
const MIN_ROW_WIDTH = 3;

/** The lines of a text table that end in numbers, with the text before them. */
function rowLines(tokens: readonly Token[]): RowLine[] {
  const byLine = new Map<number, Token[]>();
  for (const t of tokens) byLine.set(t.line, [...(byLine.get(t.line) ?? []), t]);
  const out: RowLine[] = [];
  for (const [line, cells] of byLine) {
    let end = cells.length;
    while (end > 0 && cells[end - 1].reading.kind === 'blank') end--;
    let start = end;
    while (start > 0 && cells[start - 1].reading.kind !== 'text') start--;
    const values = cells.slice(start, end);
    let a = 0;
    while (a < values.length && values[a].reading.kind === 'blank') a++;
    if (a === values.length) continue;
    const raw = cells.slice(start);
    out.push({ line, label: cells.slice(0, start).filter((c) => c.text.trim()), values: values.slice(a), raw });
  }
  return out.sort((x, y) => x.line - y.line);
}

/** Which template row a line's own label names: the last one, two or three label cells together. */
function anchorOf(rl: RowLine, forms: readonly string[][]): number {
  for (let n = Math.min(3, rl.label.length); n >= 1; n--) {
    const norm = rl.label
      .slice(-n)
      .map((t) => t.norm)
      .join('');
    const i = forms.findIndex((f) => formMatches(norm, f));
    if (i >= 0) return i;
  }
  return -1;
}

/** A fragment of a label fits a row when, its numbering set aside, it is part of one of the row's forms. */
const fragmentFits = (rl: RowLine, forms: readonly string[]): boolean => {
  const frag = stripNumbering(normalizeLabel(rl.label.map((t) => t.text).join('')));
  return !frag || forms.some((f) => f.includes(frag));
};

/**
 * Reads the row structure of a text table, or null when it does not have this shape (no bare number rows of
 * full width, fewer than two anchors, or anchors out of the template's order: then the label reader decides).
 */
export function readRowOrder(rows: readonly RowDef[], tokens: readonly Token[]): RowOrder | null {
  if (rows.some((r) => !r.node.label || r.cells.length < MIN_ROW_WIDTH)) return null;
  const forms = rows.map((r) => labelForms(r.node, r.parent));
  const width = rows[0].cells.length;
  if (rows.some((r) => r.cells.length !== width)) return null;
  const anchors = new Map<number, RowLine>();
  const between: { at: number; bare: RowLine[] }[] = [];
  const strays: RowLine[] = [];
  let bare: RowLine[] = [];
  let last = -1;
  for (const rl of rowLines(tokens)) {
    const i = anchorOf(rl, forms);
    if (i >= 0) {
      if (i <= last) return null;
      between.push({ at: i, bare });
      anchors.set(i, rl);
      bare = [];
      last = i;
    } else if (rl.values.length === width) bare.push(rl);
    else if (rl.values.length < width && rl.label.length === 0) strays.push(rl);
  }
  between.push({ at: rows.length, bare });
  if (anchors.size < 2 || between.every((b) => !b.bare.length)) return null;

  const placed = new Map<number, RowLine>();
  const unplaced = new Map<number, string>();
  let prev = -1;
  for (const { at, bare: lines } of between) {
    const gap = Array.from({ length: at - prev - 1 }, (_, k) => prev + 1 + k);
    prev = at;
    if (!gap.length && !lines.length) continue;
    if (gap.length === lines.length && lines.every((rl, k) => fragmentFits(rl, forms[gap[k]]))) {
      gap.forEach((row, k) => placed.set(row, lines[k]));
    } else if (gap.length) {
      const why = lines.length
        ? `这里有 ${lines.length} 行没有行标题的数字，对应模板的 ${gap.length} 行${gap.length === lines.length ? '，但行标题的残片与行序不符' : ''}，无法确定各是哪一行`
        : '原文在这里没有这一行的数字';
      gap.forEach((row) => unplaced.set(row, why));
    }
    // Bare rows with no template row left for them stay unused: the relations of the placed rows still hold.
  }
  return { anchors, placed, unplaced, strays };
}
