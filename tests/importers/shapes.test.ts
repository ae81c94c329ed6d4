// Issue 12's text shapes, made from the five samples (tests/importers/fixtures/variants.ts, written out to
// tests/fixtures/variants/ for a person to look at): every shape reads exactly as the sample's expected.json,
// or leaves blank and doubts exactly the cells it cannot know; never a wrong number presented as right.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportText, type ParsedReport } from '../../src/main/importers';
import { getTemplate } from '../../src/shared/template';
import { loadSamples, type Sample } from '../helpers/samples';
import { REQUEST_COLS } from '../helpers/spec-keys';
import { VARIANTS_DIR, variants, type Shape } from './fixtures/variants';
import { doubtCells } from './helpers';

const samples = new Map(loadSamples().map((s) => [s.name, s]));
const rowOf = (key: string) => key.split('.').slice(0, -1).join('.');

/** Cells whose value differs from expected.json, as `key: got ≠ expected`. */
function differences(parsed: ParsedReport, sample: Sample): string[] {
  return Object.entries(sample.expected.values ?? {})
    .filter(([k, v]) => (parsed.report.values[k] ?? null) !== v)
    .map(([k, v]) => `${k}: ${parsed.report.values[k]} ≠ ${v}`);
}

/** Rows the shape makes unknowable, beyond those the sample itself doubts. */
const UNKNOWABLE: Partial<Record<string, string[]>> = {
  // 1318 → 1、3、18 / 1、31、8 / 13、1、8: 表二 has no relation to choose by.
  '2024-elunchun-banner.no-separators': ['proactive.normative_documents'],
  // 49049 likewise; the sample prints "13 | 13" with the blank cells between, and its 表四 with blanks:
  // without separators the blanks are gone and no relation can put them back.
  '2021-county-city-office.no-separators': ['proactive.normative_documents', 'requests.new', 'requests.granted', 'requests.total'],
  // The sample prints 13, blank ×5, 13 as "13 | 13" and the blanks after: printed once, "13" cannot be placed.
  '2021-county-city-office.equal-neighbours-dropped': ['requests.new', 'requests.granted', 'requests.total'],
};

/** Every shape of every sample is covered (the 2018 one-line appendix included: reflow.ts unfolds it). */
const NOT_COVERED = new Set<string>();

describe('each sample in each shape of issue 12', () => {
  const all = variants();

  it('the variants in tests/fixtures/variants are the ones the generator makes', () => {
    for (const v of all) expect(readFileSync(`${VARIANTS_DIR}${v.file}`, 'utf8'), v.file).toBe(v.text);
  });

  for (const v of all) {
    const id = `${v.sample}.${v.shape}`;
    if (NOT_COVERED.has(id)) continue;
    it(`${id}: exact, or blank and doubted where it cannot be known`, () => {
      const sample = samples.get(v.sample) as Sample;
      const original = parseReportText(sample.text, `${v.sample}.txt`);
      const parsed = parseReportText(v.text, v.file);
      expect([parsed.report.template, parsed.report.unit, parsed.report.year]).toEqual([
        sample.expected.template,
        sample.expected.unit,
        sample.expected.year,
      ]);
      if (sample.expected.legacy) expect(parsed.report.legacy).toEqual(sample.expected.legacy);
      const doubted = new Set(doubtCells(parsed));
      // No wrong number: every cell that differs is blank and doubted.
      const wrong = differences(parsed, sample).filter((d) => !(d.includes(': null ≠') && doubted.has(d.split(':')[0])));
      expect(wrong).toEqual([]);
      // Exactly the cells it cannot know are doubted: the sample's own doubts, and the rows the shape loses.
      const rows = new Set([...doubtCells(original).map(rowOf), ...expectedUnknowable(v.shape, id, sample)]);
      expect([...new Set([...doubted].map(rowOf))].sort()).toEqual([...rows].sort());
    });
  }
});

/** Rows a shape makes unknowable. Equal neighbours printed once: a row that had a run of equal zeros
 * (blank cells print the same, so no relation can restore them); other shapes: the list above. */
function expectedUnknowable(shape: Shape, id: string, sample: Sample): string[] {
  if (shape !== 'equal-neighbours-dropped') return UNKNOWABLE[id] ?? [];
  const listed = UNKNOWABLE[id] ?? [];
  const rows = new Map<string, (number | string | null)[]>();
  for (const c of getTemplate(sample.expected.template).cells) {
    const row = rowOf(c.key);
    rows.set(row, [...(rows.get(row) ?? []), sample.expected.values[c.key] ?? null]);
  }
  return [...listed, ...[...rows].filter(([, vs]) => vs.some((v, i) => i > 0 && v === 0 && vs[i - 1] === 0)).map(([r]) => r)];
}

describe('PDF text with row labels detached from their numbers', () => {
  const v = variants().find((x) => x.file === '2024-district-office.labels-detached.txt') as { text: string };
  const sample = samples.get('2024-district-office') as Sample;

  it('labels and numbers in matching blocks read exactly, numbers named by the label’s line', () => {
    const parsed = parseReportText(v.text, 'detached.txt');
    expect(differences(parsed, sample)).toEqual([]);
    expect(parsed.provenance['requests.new.natural_person']).toMatch(/^第 \d+ 行/);
  });

  it('blocks that do not match (a line of numbers lost): every row that may be wrong is blank and doubted', () => {
    const lines = v.text.split('\n');
    const lost = lines.findIndex((l) => l.startsWith('13 | 0 | 0'));
    expect(lost).toBeGreaterThan(0);
    const parsed = parseReportText([...lines.slice(0, lost), ...lines.slice(lost + 1)].join('\n'), 'detached-short.txt');
    const doubted = new Set(doubtCells(parsed));
    const wrong = differences(parsed, sample).filter((d) => !(d.includes(': null ≠') && doubted.has(d.split(':')[0])));
    expect(wrong).toEqual([]);
    // Every 表三 row is doubted (none can be placed for sure); 表二 and 表四 still read exactly.
    const requestRows = new Set(
      getTemplate('gov2021')
        .cells.filter((c) => c.table === 'requests')
        .map((c) => rowOf(c.key)),
    );
    expect(new Set([...doubted].map(rowOf))).toEqual(requestRows);
    expect(parsed.report.doubts?.some((d) => d.message.includes('行标题和数字被分开'))).toBe(true);
  });
});

describe('run-together rows are split by the relations and say so', () => {
  it('表三 rows printed as one run of digits read exactly, with the relation in the provenance', () => {
    const v = variants().find((x) => x.file === '2024-district-office.no-separators.txt');
    const parsed = parseReportText(v?.text ?? '', 'no-separators.txt');
    expect(REQUEST_COLS.map((c) => parsed.report.values[`requests.new.${c}`])).toEqual([100, 0, 0, 0, 0, 0, 100]);
    expect(parsed.provenance['requests.new.natural_person']).toMatch(/^第 \d+ 行“10000000100”按勾稽关系拆分（R/);
  });

  it('a report on one line: rows are restored, and messages still name the file’s line', () => {
    const v = variants().find((x) => x.file === '2024-district-office.one-line.txt');
    const parsed = parseReportText(v?.text ?? '', 'one-line.txt');
    expect(REQUEST_COLS.map((c) => parsed.report.values[`requests.new.${c}`])).toEqual([100, 0, 0, 0, 0, 0, 100]);
    expect(parsed.provenance['requests.new.natural_person']).toBe('第 1 行');
    expect(parsed.report.sections.problems).toMatch(/^\(一\)主要问题 一是信息公开的质量不高。/);
    expect(parsed.report.sections.other).toBe('本年度未收取信息处理费。');
  });
});
