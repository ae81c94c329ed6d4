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

export interface RowReadings {
  /** Distinct readings, each one number per cell. */
  readings: number[][];
  /** Per reading: it exists only by restoring dropped equal neighbours (a guess unless relations confirm it). */
  restored: boolean[];
  /** More than MAX_READINGS: the list is cut short. */
  truncated: boolean;
}

/**
 * Every reading of `pieces` (the printed texts after the row label, in order) into cells of `kinds`:
 * all digits joined and cut into cells (no leading zeros except 0 itself, at most 7 digits, a minus only in a
 * signed cell, a decimal point only in an amount), and, when there are fewer pieces than cells and each is a
 * number, each piece standing for one or more equal neighbouring cells.
 */
export function rowReadings(pieces: readonly string[], kinds: readonly CellKind[]): RowReadings {
  const out = new Map<string, { r: number[]; restored: boolean }>();
  let truncated = false;
  const add = (r: number[], restored = false) => {
    const key = r.join(',');
    if (out.has(key)) return;
    if (out.size >= MAX_READINGS) truncated = true;
    else out.set(key, { r, restored });
  };
  const n = kinds.length;
  const joined = pieces.join('').replace(/\s+/gu, '');
  if (/^[\d.-]+$/.test(joined)) {
    const cut: number[] = [];
    const walk = (pos: number, cell: number): void => {
      if (truncated) return;
      if (cell === n) {
        if (pos === joined.length) add([...cut]);
        return;
      }
      const left = n - cell - 1;
      for (let end = pos + 1; end <= joined.length - left; end++) {
        const piece = joined.slice(pos, end);
        if (piece.replace(/^-/, '').length > MAX_DIGITS + 3) break;
        // A piece may not be followed by its own decimals.
        if (!fits(piece, kinds[cell]) || joined[end] === '.') continue;
        cut.push(Number(piece));
        walk(end, cell + 1);
        cut.pop();
      }
    };
    walk(0, 0);
  }
  const words = pieces.map((p) => p.replace(/\s+/gu, ''));
  if (words.length < n && words.length > 0 && words.every((w) => PIECE.signed.test(w) || PIECE.amount.test(w))) {
    // Each printed number covers a run of ≥ 1 cells.
    const row: number[] = [];
    const spread = (word: number, cell: number): void => {
      if (truncated) return;
      if (word === words.length) {
        if (cell === n) add([...row], true);
        return;
      }
      const wordsLeft = words.length - word - 1;
      for (let len = 1; cell + len + wordsLeft <= n; len++) {
        if (!fits(words[word], kinds[cell + len - 1])) break;
        for (let i = 0; i < len; i++) row.push(Number(words[word]));
        spread(word + 1, cell + len);
        row.length -= len;
      }
    };
    spread(0, 0);
  }
  const all = [...out.values()];
  return { readings: all.map((x) => x.r), restored: all.map((x) => x.restored), truncated };
}
