// Shared by the importer tests: fixture paths, expected values written row by row, and a compact comparison.
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ParsedReport } from '../../src/main/importers';
import type { CellValue } from '../../src/shared/report';
import { getTemplate, type TemplateId } from '../../src/shared/template';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Expected values as one array per row ('requests.new': [自然人 … 总计], 'appeals.review': [维持 … 总计]), expanded to keys. */
export function rowValues(template: TemplateId, rows: Record<string, CellValue[]>): Record<string, CellValue> {
  const byRow = new Map<string, string[]>();
  for (const c of getTemplate(template).cells) {
    const row = c.key.split('.').slice(0, -1).join('.');
    byRow.set(row, [...(byRow.get(row) ?? []), c.key]);
  }
  const out: Record<string, CellValue> = {};
  for (const [row, keys] of byRow) {
    const values = rows[row];
    if (!values) throw new Error(`expected values lack row ${row}`);
    if (values.length !== keys.length) throw new Error(`row ${row}: ${values.length} values for ${keys.length} cells`);
    keys.forEach((k, i) => (out[k] = values[i]));
  }
  const unknown = Object.keys(rows).filter((r) => !byRow.has(r));
  if (unknown.length) throw new Error(`unknown rows ${unknown.join(', ')}`);
  return out;
}

export const zeros = (n: number): CellValue[] => Array.from({ length: n }, () => 0);
export const blanks = (n: number): CellValue[] => Array.from({ length: n }, () => null);

/** Every cell of the template equals the expected value (null where the report left it blank). */
export function expectValues(parsed: ParsedReport, expected: Record<string, CellValue | string>): void {
  const keys = getTemplate(parsed.report.template).cells.map((c) => c.key);
  expect(Object.keys(parsed.report.values).sort()).toEqual([...keys].sort());
  const wrong = keys
    .filter((k) => parsed.report.values[k] !== (expected[k] ?? null))
    .map((k) => `${k}: ${parsed.report.values[k]} ≠ ${expected[k]}`);
  expect(wrong).toEqual([]);
}

export const doubtCells = (parsed: ParsedReport): string[] => (parsed.report.doubts ?? []).flatMap((d) => d.cells).sort();
