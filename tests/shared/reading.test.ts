// The constraint-based reader's two pure parts: the readings of one printed row (splits.ts) and the choice among
// them by the form's relations R1–R4 (solve.ts), with the relations taken from validation/table-rules.ts.
import { describe, expect, it } from 'vitest';
import { rowReadings } from '../../src/shared/reading/splits';
import { solveRows } from '../../src/shared/reading/solve';
import { getTemplate, type CellKind } from '../../src/shared/template';
import { tableEquations } from '../../src/shared/validation/table-rules';
import { REQUEST_COLS } from '../helpers/spec-keys';

const counts = (n: number): CellKind[] => Array.from({ length: n }, () => 'count');
const equations = tableEquations(getTemplate('gov2021'));
const keys = (row: string) => REQUEST_COLS.map((c) => `requests.${row}.${c}`);
const r2Holds = (r: readonly (number | null)[]) => r.slice(0, 6).reduce((a: number, b) => a + (b ?? 0), 0) === (r[6] ?? 0);
const rowOf = (row: string, values: number[]) => Object.fromEntries(keys(row).map((k, i) => [k, values[i]]));

describe('rowReadings', () => {
  it('cuts run-together digits into cells, without leading zeros or over-long numbers', () => {
    const { readings } = rowReadings(['15130000154'], counts(7));
    expect(readings).toContainEqual([151, 3, 0, 0, 0, 0, 154]);
    expect(readings.length).toBeGreaterThan(20);
    for (const r of readings) expect(r.map(String).join('')).toBe('15130000154');
    expect(readings.filter(r2Holds)).toEqual([[151, 3, 0, 0, 0, 0, 154]]);
  });

  it('lets a space of a PDF copy fall inside a cell, but never a | or tab boundary', () => {
    expect(rowReadings(['10', '0', '0', '0', '01'], counts(7), [true, true, true, true]).readings).toEqual([[1, 0, 0, 0, 0, 0, 1]]);
    // Parted by | a piece may still hold several cells, but a cell cannot span two pieces.
    expect(rowReadings(['1', '0', '0'], counts(2), [true, true]).readings).toEqual([[10, 0]]);
    expect(rowReadings(['1', '0', '0'], counts(2)).readings).toEqual([]);
  });

  it('puts a minus only at the start of a signed cell (the 2019 format’s 本年增/减)', () => {
    const kinds: CellKind[] = ['count', 'signed', 'count'];
    expect(rowReadings(['88-720'], kinds).readings).toEqual([
      [88, -7, 20],
      [88, -72, 0],
    ]);
    expect(rowReadings(['88-720'], ['count', 'signed']).readings).toEqual([[88, -720]]);
  });

  it('keeps a decimal point inside an amount', () => {
    expect(rowReadings(['317.29'], ['amount']).readings).toEqual([[317.29]]);
    expect(rowReadings(['3', '17.29'], ['count', 'count']).readings).toEqual([]);
  });

  it('restores equal neighbours printed once, and marks repeated zeros as a guess', () => {
    const r = rowReadings(['100', '0', '100'], counts(7));
    const i = r.readings.findIndex((x) => x.join() === '100,0,0,0,0,0,100');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(r.restored[i]).toBe(true);
    expect(r.guess[i]).toBe(true);
    const j = rowReadings(['2', '6'], counts(4)).readings.findIndex((x) => x.join() === '2,2,2,6');
    expect(rowReadings(['2', '6'], counts(4)).guess[j]).toBe(false);
  });
});

describe('solveRows with the template’s relations', () => {
  it('takes the one reading that satisfies the row’s own relation (R2)', () => {
    const rows = [{ keys: keys('new'), readings: rowReadings(['15130000154'], counts(7)).readings }];
    expect(solveRows(rows, {}, equations)).toEqual([{ kind: 'solved', values: [151, 3, 0, 0, 0, 0, 154], rules: ['R2'] }]);
  });

  it('lists the candidates when several readings satisfy the relations, and never picks one', () => {
    const rows = [{ keys: keys('new'), readings: rowReadings(['13130220048'], counts(7)).readings }];
    expect(solveRows(rows, {}, equations)).toEqual([
      {
        kind: 'ambiguous',
        related: true,
        readings: [
          [13, 13, 0, 2, 20, 0, 48],
          [13, 13, 0, 22, 0, 0, 48],
        ],
      },
    ]);
  });

  it('solves rows together: the column relation R1 decides what R2 alone cannot', () => {
    const known = {
      ...rowOf('carried_over', [0, 0, 0, 0, 0, 0, 0]),
      ...rowOf('carried_forward', [0, 0, 0, 0, 0, 0, 0]),
      ...rowOf('total', [13, 13, 0, 22, 0, 0, 48]),
    };
    const rows = [{ keys: keys('new'), readings: rowReadings(['13130220048'], counts(7)).readings }];
    const [out] = solveRows(rows, known, equations);
    expect(out).toEqual({ kind: 'solved', values: [13, 13, 0, 22, 0, 0, 48], rules: ['R1', 'R2'] });
  });

  it('offers the reading that breaks the fewest relations, naming them, when none adds up', () => {
    // 1 1 1 1 1 1 1: the only cut, and 1+1+1+1+1+1 ≠ 1.
    const rows = [{ keys: keys('new'), ...rowReadings(['1111111'], counts(7)) }];
    const [out] = solveRows(rows, {}, equations);
    expect(out.kind).toBe('inconsistent');
    if (out.kind !== 'inconsistent') return;
    expect(out.readings).toContainEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(out.broken.map((e) => `${e.rule} ${e.target}`)).toEqual(['R2 requests.new.total']);
  });

  it('when the columns do not add up under any choice, names the broken column relation (R1)', () => {
    const known = {
      ...rowOf('carried_over', [0, 0, 0, 0, 0, 0, 0]),
      ...rowOf('carried_forward', [0, 0, 0, 0, 0, 0, 0]),
      ...rowOf('total', [13, 13, 0, 12, 10, 0, 48]),
    };
    const rows = [{ keys: keys('new'), ...rowReadings(['13130220048'], counts(7)) }];
    const [out] = solveRows(rows, known, equations);
    expect(out.kind).toBe('inconsistent');
    if (out.kind !== 'inconsistent') return;
    // Both R2 readings break two R1 columns; both are offered, never one of them taken.
    expect(out.readings).toEqual([
      [13, 13, 0, 2, 20, 0, 48],
      [13, 13, 0, 22, 0, 0, 48],
    ]);
    expect(new Set(out.broken.map((e) => e.rule))).toEqual(new Set(['R1']));
  });

  it('a 表二 row printed short: equal neighbours or blank cells, every placement listed and none taken', () => {
    const row = ['proactive.regulations.issued', 'proactive.regulations.repealed', 'proactive.regulations.in_force'];
    const [out] = solveRows([{ keys: row, ...rowReadings(['2'], counts(3)) }], {}, equations);
    expect(out).toEqual({
      kind: 'ambiguous',
      related: false,
      readings: [
        [2, 2, 2],
        [2, null, null],
        [null, 2, null],
        [null, null, 2],
      ],
    });
  });

  it('restored zeros are never taken: blank cells would print and add up the same', () => {
    const [out] = solveRows([{ keys: keys('new'), ...rowReadings(['0'], counts(7)) }], {}, equations);
    expect(out.kind).toBe('ambiguous');
    if (out.kind === 'ambiguous') expect(out.readings).toContainEqual([0, null, null, null, null, null, null]);
  });

  it('a whole 表三 run together: single readings taken, the two rows R1 ties together weighed jointly', () => {
    const rowKeys = [
      ...new Set(
        getTemplate('gov2021')
          .cells.filter((c) => c.table === 'requests')
          .map((c) => c.rowKey),
      ),
    ];
    const rows = rowKeys.map((r) => ({
      keys: keys(r),
      readings: rowReadings([r === 'new' || r === 'total' ? '13130220048' : '0000000'], counts(7)).readings,
    }));
    const out = solveRows(rows, {}, equations);
    // With carried_over/forward all 0, R1 makes total equal new column by column: two readings of each fit it,
    // so new stays a doubt (total also breaks R3 against the all-0 results).
    expect(out.filter((o) => o.kind === 'only')).toHaveLength(rowKeys.length - 2);
    expect(out.find((o, i) => rowKeys[i] === 'new')?.kind).toBe('ambiguous');
  });
});
