// Chooses among the readings of run-together table rows by the sums printed on the form (R1–R4, from
// validation/table-rules.ts): first each row by the relations within itself (R2, R4), then the rows still open
// together by the relations between rows (R1, R3), keeping the readings that break the fewest relations.
// It never guesses: a row is taken only when exactly one reading fits; otherwise the caller makes it a doubt.
import type { CellValue } from '../report';
import type { Equation } from '../validation/table-rules';
import type { Reading } from './splits';

export interface SolveRow {
  keys: readonly string[];
  /** Readings of the row from splits.ts (one number per key). */
  readings: readonly Reading[];
  /** Per reading: made by restoring dropped equal neighbours, so only relations can confirm it. */
  restored?: readonly boolean[];
  /** Per reading: restored zeros that blank cells would print the same: never taken. */
  guess?: readonly boolean[];
}

export type RowOutcome =
  /** The digits allow one reading only (and it breaks none of the row's own relations). */
  | { kind: 'only'; values: Reading }
  /** Several readings; exactly one satisfies the relations. */
  | { kind: 'solved'; values: Reading; rules: Equation['rule'][] }
  /** Several readings satisfy the relations equally well: a person chooses. */
  | { kind: 'ambiguous'; readings: readonly Reading[]; related: boolean }
  /** No reading satisfies them: the best readings and the relations they break. */
  | { kind: 'inconsistent'; readings: readonly Reading[]; broken: Equation[] }
  /** One reading, but only by restoring dropped neighbours, and no relation can confirm it. */
  | { kind: 'unconfirmed'; readings: readonly Reading[] }
  /** No reading at all (or too many to weigh). */
  | { kind: 'unreadable' };

/** Past this many steps the joint search gives up and leaves the open rows to a person. */
const MAX_STEPS = 200_000;
const MAX_COMBINATIONS = 20_000;

const holds = (eq: Equation, get: (k: string) => number): boolean =>
  Math.abs(get(eq.target) - eq.terms.reduce((s, t) => s + t.sign * get(t.key), 0)) < 1e-6;

/**
 * `known` holds the cells of the rows read without help (blank and 不适用 count 0 in sums, as in the rules);
 * an equation touching a cell that is neither known nor in `rows` (a row not found) is not used.
 */
export function solveRows(
  rows: readonly SolveRow[],
  known: Readonly<Record<string, CellValue>>,
  equations: readonly Equation[],
): RowOutcome[] {
  const where = new Map<string, [number, number]>();
  rows.forEach((r, i) => r.keys.forEach((k, j) => where.set(k, [i, j])));
  const keysOf = (eq: Equation) => [eq.target, ...eq.terms.map((t) => t.key)];
  const usable = equations.filter((eq) => {
    const keys = keysOf(eq);
    return keys.some((k) => where.has(k)) && keys.every((k) => where.has(k) || k in known);
  });
  const rowSets = new Map(
    usable.map((eq) => [eq, new Set(keysOf(eq).flatMap((k) => (where.has(k) ? [(where.get(k) as [number, number])[0]] : [])))]),
  );
  const rowsOf = (eq: Equation) => rowSets.get(eq) as Set<number>;
  const fixedValue = (k: string): number => {
    const v = known[k];
    return typeof v === 'number' ? v : 0;
  };

  const outcomes: (RowOutcome | undefined)[] = rows.map((r) => (r.readings.length === 0 ? { kind: 'unreadable' } : undefined));
  // The value of each cell under the current choice (undefined: not chosen yet).
  const chosen: (Reading | undefined)[] = rows.map(() => undefined);
  const get = (k: string): number => {
    const at = where.get(k);
    if (!at) return fixedValue(k);
    const row = chosen[at[0]];
    return row ? (row[at[1]] ?? 0) : 0;
  };
  const unreadable = new Set(rows.flatMap((_, i) => (outcomes[i]?.kind === 'unreadable' ? [i] : [])));
  const live = usable.filter((eq) => ![...rowsOf(eq)].some((i) => unreadable.has(i)));
  /** The relations within one row (R2, R4 and any whose other cells are known). */
  const ownOf = (i: number) => live.filter((eq) => [...rowsOf(eq)].every((x) => x === i));
  const brokenBy = (i: number, reading: Reading, eqs: readonly Equation[]): number => {
    chosen[i] = reading;
    const n = eqs.filter((eq) => !holds(eq, get)).length;
    chosen[i] = undefined;
    return n;
  };
  // A row the digits allow to be read one way only is read so, unless that breaks its own relations or
  // rests on restored neighbours that no relation confirms.
  rows.forEach((r, i) => {
    if (outcomes[i] || r.readings.length !== 1) return;
    const own = ownOf(i);
    if (brokenBy(i, r.readings[0], own) > 0 || r.guess?.[0] || (r.restored?.[0] && !own.length)) return;
    outcomes[i] = { kind: 'only', values: r.readings[0] };
    chosen[i] = r.readings[0];
  });

  // Each open row by its own relations.
  const candidates: number[][] = rows.map(() => []);
  const ownMin: number[] = rows.map(() => 0);
  rows.forEach((r, i) => {
    if (outcomes[i]) return;
    const own = ownOf(i);
    const broken = r.readings.map((reading) => brokenBy(i, reading, own));
    ownMin[i] = Math.min(...broken);
    candidates[i] = broken.flatMap((n, j) => (n === ownMin[i] ? [j] : []));
    if (ownMin[i] === 0 && candidates[i].length === 1 && own.length && !r.guess?.[candidates[i][0]]) {
      outcomes[i] = { kind: 'solved', values: r.readings[candidates[i][0]], rules: [...new Set(own.map((e) => e.rule))] };
      chosen[i] = r.readings[candidates[i][0]];
    }
  });

  // Rows that cannot be taken whatever the others say are settled alone, which keeps the joint search small:
  // only guesses left (restored zeros), or no reading that satisfies the row's own relations.
  rows.forEach((r, i) => {
    if (outcomes[i]) return;
    const readings = candidates[i].map((j) => r.readings[j]);
    if (candidates[i].every((j) => r.guess?.[j])) {
      outcomes[i] =
        readings.length === 1 ? { kind: 'unconfirmed', readings } : { kind: 'ambiguous', readings, related: ownOf(i).length > 0 };
    } else if (ownMin[i] > 0) {
      const own = ownOf(i);
      const kept = candidates[i].filter((j) => !r.restored?.[j]);
      chosen[i] = r.readings[kept[0] ?? candidates[i][0]];
      const broken = own.filter((eq) => !holds(eq, get));
      chosen[i] = undefined;
      outcomes[i] = kept.length ? { kind: 'inconsistent', readings: kept.map((j) => r.readings[j]), broken } : { kind: 'unreadable' };
    }
  });
  // The joint search multiplies the rows' candidates: past MAX_COMBINATIONS the row with the most is left to a
  // person (its candidates listed), until the rest can be weighed together.
  const waiting = () => rows.map((_, i) => i).filter((i) => !outcomes[i]);
  const combinations = () => waiting().reduce((p, i) => p * candidates[i].length, 1);
  while (waiting().length && combinations() > MAX_COMBINATIONS) {
    const widest = waiting().reduce((a, b) => (candidates[b].length > candidates[a].length ? b : a));
    outcomes[widest] = {
      kind: 'ambiguous',
      readings: candidates[widest].map((j) => rows[widest].readings[j]),
      related: ownOf(widest).length > 0,
    };
  }
  const settled = new Set(rows.flatMap((_, i) => (outcomes[i] && !chosen[i] ? [i] : [])));

  // The rows still open, together.
  const open = rows.map((_, i) => i).filter((i) => !outcomes[i]);
  if (!open.length) return outcomes as RowOutcome[];
  open.sort((a, b) => candidates[a].length - candidates[b].length);
  const depthOf = new Map(open.map((r, d) => [r, d]));
  const joint = live.filter((eq) => [...rowsOf(eq)].some((x) => depthOf.has(x)) && ![...rowsOf(eq)].some((x) => settled.has(x)));
  // Each equation is checked once its last open row is chosen.
  const checkAt: Equation[][] = open.map(() => []);
  for (const eq of joint) checkAt[Math.max(...[...rowsOf(eq)].filter((x) => depthOf.has(x)).map((x) => depthOf.get(x) as number))].push(eq);

  let best = Infinity;
  let steps = 0;
  let firstBest: number[] = [];
  const seen: Set<number>[] = open.map(() => new Set());
  const pick: number[] = [];
  const search = (d: number, broken: number): void => {
    if (++steps > MAX_STEPS || broken > best) return;
    if (d === open.length) {
      if (broken < best) {
        best = broken;
        seen.forEach((s) => s.clear());
        firstBest = [...pick];
      }
      pick.forEach((j, x) => seen[x].add(j));
      return;
    }
    const i = open[d];
    for (const j of candidates[i]) {
      chosen[i] = rows[i].readings[j];
      pick.push(j);
      search(d + 1, broken + checkAt[d].filter((eq) => !holds(eq, get)).length);
      pick.pop();
    }
    chosen[i] = undefined;
  };
  search(0, 0);

  if (steps > MAX_STEPS || best === Infinity) {
    for (const i of open) outcomes[i] = { kind: 'ambiguous', readings: candidates[i].map((j) => rows[i].readings[j]), related: true };
    return outcomes as RowOutcome[];
  }
  open.forEach((i, d) => (chosen[i] = rows[i].readings[firstBest[d]]));
  open.forEach((i, d) => {
    const readings = [...seen[d]].map((j) => rows[i].readings[j]);
    const guessed = [...seen[d]].some((j) => rows[i].guess?.[j]);
    const broken = joint.filter((eq) => rowsOf(eq).has(i) && !holds(eq, get));
    const rules = joint.filter((eq) => rowsOf(eq).has(i)).map((e) => e.rule);
    if (best === 0 && readings.length === 1 && rules.length && !guessed) {
      outcomes[i] = { kind: 'solved', values: readings[0], rules: [...new Set(rules)] };
    } else if (best === 0 && readings.length === 1) {
      outcomes[i] = { kind: 'unconfirmed', readings };
    } else if (best === 0 || !broken.length) outcomes[i] = { kind: 'ambiguous', readings, related: rules.length > 0 };
    else {
      // Restored neighbours that break the relations are no reading worth offering.
      const printed = [...seen[d]].filter((j) => !rows[i].restored?.[j]).map((j) => rows[i].readings[j]);
      outcomes[i] = printed.length ? { kind: 'inconsistent', readings: printed, broken } : { kind: 'unreadable' };
    }
  });
  return outcomes as RowOutcome[];
}
