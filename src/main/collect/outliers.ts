// Outliers among peers and years, shown as warnings on the board: a count far from last year's, a 0 where the
// peers' figures are high, 不适用 where the peers report numbers. Guards keep small numbers and samples quiet.
import type { OutlierView } from '../../shared/api';
import { NOT_APPLICABLE, type CellValue } from '../../shared/report';
import type { CellDef } from '../../shared/template';

export const OUTLIER_LIMITS = {
  /** This year above ratio × last year, or under last year / ratio. */
  ratio: 5,
  /** The larger of the two years must reach this, so 1 → 6 is not a jump. */
  minJump: 20,
  /** A 0 is odd only when the peers' median reaches this. */
  highMedian: 20,
  /** Fewer peers with a figure than this say nothing. */
  minPeers: 5,
  /** Share of the peers with a figure above which 不适用 is odd. */
  numberShare: 0.8,
} as const;

/** A unit's values, by the position of the cell in the list of cells looked at (arrays: a province is large). */
export type UnitCells = CellValue[];

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/**
 * Outliers of each unit's count cells. `current` holds this year's cells of every peer (the units under one
 * parent that reported); `previous` last year's, by the same unit id.
 */
export function findOutliers(
  cells: readonly CellDef[],
  current: Map<number, UnitCells>,
  previous: Map<number, UnitCells>,
): Map<number, OutlierView[]> {
  const out = new Map<number, OutlierView[]>();
  const add = (unit: number, o: OutlierView) => {
    const list = out.get(unit);
    if (list) list.push(o);
    else out.set(unit, [o]);
  };
  const L = OUTLIER_LIMITS;
  cells.forEach((c, idx) => {
    if (c.kind !== 'count') return;
    const numbers: number[] = [];
    let filled = 0;
    for (const values of current.values()) {
      const v = values[idx];
      if (typeof v === 'number') numbers.push(v);
      if (v !== null && v !== undefined) filled++;
    }
    numbers.sort((a, b) => a - b);
    const withoutOneZero = numbers[0] === 0 && numbers.length - 1 >= L.minPeers ? median(numbers.slice(1)) : null;
    for (const [unit, values] of current) {
      const v = values[idx] ?? null;
      if (typeof v === 'number') {
        const p = previous.get(unit)?.[idx];
        if (typeof p === 'number' && p > 0 && Math.max(v, p) >= L.minJump && (v > p * L.ratio || v * L.ratio < p)) {
          const times = v / p;
          add(unit, {
            key: c.key,
            name: c.name,
            kind: 'jump',
            value: v,
            message: `${c.name}：本年 ${v}，上年 ${p}，${times > 1 ? `是上年的 ${times.toFixed(1)} 倍` : `只有上年的 ${(times * 100).toFixed(0)}%`}`,
          });
        }
        // The unit's own 0 is left out of the peers it is compared with: counts are ≥ 0, so that is the first.
        if (v === 0 && withoutOneZero !== null && withoutOneZero >= L.highMedian)
          add(unit, {
            key: c.key,
            name: c.name,
            kind: 'zero',
            value: v,
            message: `${c.name}：填 0，而同级 ${numbers.length - 1} 个单位的中位数为 ${withoutOneZero}`,
          });
      } else if (v === NOT_APPLICABLE) {
        const others = filled - 1;
        if (numbers.length >= L.minPeers && numbers.length >= others * L.numberShare)
          add(unit, {
            key: c.key,
            name: c.name,
            kind: 'not_applicable',
            value: v,
            message: `${c.name}：填“不适用”，而同级 ${others} 个填报单位中有 ${numbers.length} 个填了数字`,
          });
      }
    }
  });
  return out;
}
