// The ways one printed table row can be read into its cells when the printed pieces do not match the cells one
// to one: digits run together (`15130000154`), spaces not on cell boundaries (`10 0 0 0 01`), negatives run
// together (`88-720`), or a run of equal neighbouring cells printed once (`0 0 0` → `0`). Pure: no template.
import type { CellKind } from '../template';

/** Enumeration stops here: a row with more readings than this is left to a person. */
export const MAX_READINGS = 20000;
/** No count in these reports has more digits (and the bound keeps the search small). */
const MAX_DIGITS = 7;

const PIECE: Record<CellKind, RegExp> = {
  count: /^(?:0|[1-9]\d*)$/,
  signed: /^(?:0|-?[1-9]\d*)$/,
  amount: /^(?:0|[1-9]\d*)(?:\.\d+)?$/,
};

const fits = (piece: string, kind: CellKind): boolean =>
  piece.replace(/^-/, '').replace(/\.\d+$/, '').length <= MAX_DIGITS && PIECE[kind].test(piece);

/** One number per cell; null: the cell is blank. */
export type Reading = (number | null)[];

export interface RowReadings {
  /** Distinct readings, each one number per cell. */
  readings: Reading[];
  /** Per reading: it exists only by restoring dropped equal neighbours (a guess unless relations confirm it). */
  restored: boolean[];
  /** Per reading: restored zeros that could as well be blank cells: never taken without a person. */
  guess: boolean[];
  /** More than MAX_READINGS: the list is cut short. */
  truncated: boolean;
}

/**
 * Every reading of `pieces` (the printed texts after the row label, in order) into cells of `kinds`:
 * - the digits cut into cells (no leading zeros except 0 itself, at most 7 digits, a minus only in a signed
 *   cell, a decimal point only in an amount); `spaced[i]` says pieces i and i+1 are apart by a space only
 *   (a PDF copy's space may fall inside a cell), otherwise their boundary (|, tab, a new line) is a cell's;
 * - when there are fewer pieces than cells and each is a number, each piece standing for one or more equal
 *   neighbouring cells. Such a reading is `restored`; when a repeated cell is 0 it is also a `guess`: blank
 *   cells would print the same and add up the same, so no relation can tell them apart;
 * - and, in that case too, each piece one cell and the cells left over blank (blank cells print nothing).
 */
export function rowReadings(pieces: readonly string[], kinds: readonly CellKind[], spaced: readonly boolean[] = []): RowReadings {
  const out = new Map<string, { r: Reading; restored: boolean; guess: boolean }>();
  let truncated = false;
  const add = (r: Reading, restored = false, guess = false) => {
    const key = r.map((x) => (x === null ? '_' : x)).join(',');
    if (out.has(key)) return;
    if (out.size >= MAX_READINGS) truncated = true;
    else out.set(key, { r, restored, guess });
  };
  const n = kinds.length;
  const words = pieces.map((p) => p.replace(/\s+/gu, ''));
  const chunks: string[] = [];
  words.forEach((w, i) => (i > 0 && spaced[i - 1] ? (chunks[chunks.length - 1] += w) : chunks.push(w)));
  if (chunks.every((c) => /^[\d.-]+$/.test(c))) {
    const cut: number[] = [];
    // Cells left for the chunks after this one: each needs one at least.
    const walk = (chunk: number, pos: number, cell: number): void => {
      if (truncated) return;
      const text = chunks[chunk];
      if (chunk === chunks.length) {
        if (cell === n) add([...cut]);
        return;
      }
      if (pos === text.length) return walk(chunk + 1, 0, cell);
      const later = chunks.length - chunk - 1;
      if (cell + 1 + later > n) return;
      for (let end = pos + 1; end <= text.length; end++) {
        const piece = text.slice(pos, end);
        if (piece.replace(/^-/, '').length > MAX_DIGITS + 3) break;
        // A piece may not be followed by its own decimals.
        if (!fits(piece, kinds[cell]) || text[end] === '.') continue;
        cut.push(Number(piece));
        walk(chunk, end, cell + 1);
        cut.pop();
      }
    };
    walk(0, 0, 0);
  }
  if (words.length < n && words.length > 0 && words.every((w) => PIECE.signed.test(w) || PIECE.amount.test(w))) {
    // Each printed number covers a run of ≥ 1 cells.
    const row: number[] = [];
    const spread = (word: number, cell: number, zeroRepeated: boolean): void => {
      if (truncated) return;
      if (word === words.length) {
        if (cell === n) add([...row], true, zeroRepeated);
        return;
      }
      const wordsLeft = words.length - word - 1;
      const value = Number(words[word]);
      for (let len = 1; cell + len + wordsLeft <= n; len++) {
        if (!fits(words[word], kinds[cell + len - 1])) break;
        for (let i = 0; i < len; i++) row.push(value);
        spread(word + 1, cell + len, zeroRepeated || (len > 1 && value === 0));
        row.length -= len;
      }
    };
    spread(0, 0, false);
  }
  if (words.length < n && words.length > 0 && words.every((w) => PIECE.signed.test(w) || PIECE.amount.test(w))) {
    // Blank cells print nothing: each printed number is one cell, the cells between them may be blank.
    const row: Reading = Array.from({ length: n }, () => null);
    const place = (word: number, from: number): void => {
      if (truncated) return;
      if (word === words.length) return add([...row]);
      for (let cell = from; cell + (words.length - word - 1) < n; cell++) {
        if (!fits(words[word], kinds[cell])) continue;
        row[cell] = Number(words[word]);
        place(word + 1, cell + 1);
        row[cell] = null;
      }
    };
    place(0, 0);
  }
  const all = [...out.values()];
  return { readings: all.map((x) => x.r), restored: all.map((x) => x.restored), guess: all.map((x) => x.guess), truncated };
}
