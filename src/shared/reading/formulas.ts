// Cells whose value the file does not hold (a formula saved without its result) computed from the other cells
// by the form's own relations (R1–R4). A cell is settled only when every relation that can compute it gives the
// same value and that value fits the cell; anything else stays unknown for a person to read.
import { valueProblem, type CellValue } from '../report';
import type { Template } from '../template';
import { tableEquations, type Equation } from '../validation/table-rules';

export interface Settled {
  value: number;
  rules: Equation['rule'][];
}

export interface FormulaOutcome {
  settled: Map<string, Settled>;
  /** Cells two relations compute differently: the candidate values, for the doubt. */
  conflicting: Map<string, number[]>;
}

/** Computes the `unknown` cells that the relations determine, given the known `values` (never changed here). */
export function settleUnknowns(template: Template, values: Readonly<Record<string, CellValue>>, unknown: Iterable<string>): FormulaOutcome {
  const open = new Set(unknown);
  const known = new Map<string, number>();
  for (const [k, v] of Object.entries(values)) if (typeof v === 'number' && !open.has(k)) known.set(k, v);
  const equations = tableEquations(template);
  const settled = new Map<string, Settled>();
  const conflicting = new Map<string, number[]>();
  for (let progress = true; progress;) {
    progress = false;
    for (const key of open) {
      const found: { value: number; rule: Equation['rule'] }[] = [];
      for (const eq of equations) {
        const all = [{ key: eq.target, sign: -1 }, ...eq.terms];
        if (!all.some((t) => t.key === key) || !all.every((t) => t.key === key || known.has(t.key))) continue;
        // Σ sign·term − target = 0, solved for the one unknown.
        const self = all.filter((t) => t.key === key).reduce((s, t) => s + t.sign, 0);
        if (self === 0) continue;
        const rest = all.filter((t) => t.key !== key).reduce((s, t) => s + t.sign * known.get(t.key)!, 0);
        found.push({ value: -rest / self, rule: eq.rule });
      }
      if (!found.length) continue;
      const values = [...new Set(found.map((f) => f.value))];
      const kind = template.cellByKey.get(key)?.kind ?? 'count';
      open.delete(key);
      progress = true;
      if (values.length === 1 && !valueProblem(kind, values[0])) {
        known.set(key, values[0]);
        settled.set(key, { value: values[0], rules: [...new Set(found.map((f) => f.rule))] });
      } else conflicting.set(key, values);
    }
  }
  // A settled value that breaks a relation it takes part in (the other cells do not add up) proves nothing:
  // then nothing is settled, so no computed number can be wrong.
  const broken = equations.some((eq) => {
    const all = [{ key: eq.target, sign: -1 }, ...eq.terms];
    if (!all.some((t) => settled.has(t.key)) || !all.every((t) => known.has(t.key))) return false;
    return all.reduce((s, t) => s + t.sign * known.get(t.key)!, 0) !== 0;
  });
  if (broken) {
    for (const [k, v] of settled) conflicting.set(k, [v.value]);
    settled.clear();
  }
  return { settled, conflicting };
}
