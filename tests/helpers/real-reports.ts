// Real published reports found by the developers (tests/fixtures/real, see SOURCES.md there), each with the
// figures read by hand. Unlike the samples, an expected file may leave a cell out: the source does not let a
// person read it (say why in its notes). Shared by tests/importers/real.test.ts and npm run bench.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ParsedReport } from '../../src/main/importers';
import type { CellValue } from '../../src/shared/report';

export const REAL_DIR = fileURLToPath(new URL('../fixtures/real/', import.meta.url));

export interface RealReport {
  name: string;
  /** The file as found (.txt/.html/.htm/.docx), for the import pipeline. */
  file: string;
  expected: {
    template: 'gov2021' | 'gov2019' | 'legacy';
    year: number | null;
    unit: string | null;
    published?: string;
    values: Record<string, CellValue>;
    expected_findings: { errors: string[]; warnings_include: string[] };
    notes: string;
  };
}

export function loadRealReports(): RealReport[] {
  const files = readdirSync(REAL_DIR);
  return files
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.replace('.expected.json', '');
      const source = files.find((x) => x !== f && x.startsWith(`${name}.`) && !x.endsWith('.json'));
      if (!source) throw new Error(`no source file beside ${f}`);
      return { name, file: `${REAL_DIR}${source}`, expected: JSON.parse(readFileSync(`${REAL_DIR}${f}`, 'utf8')) };
    });
}

export interface RealScore {
  /** Hand-read cells the importer filled without a doubt, and equal. */
  exact: number;
  /** Hand-read cells the importer flagged as doubts (any value). */
  flagged: number;
  /** Hand-read cells the importer left blank without a doubt, or did not reach (no table, wrong template). */
  missing: number;
  /** Cells presented as certain but not equal to the hand-read figure: must stay empty. */
  wrong: string[];
  /** Cells the source left blank that the importer filled by computing them from the table relations (its provenance says so). */
  derived: number;
  total: number;
}

/** Compares what the importer presents as certain with the hand reading; doubtful cells may hold anything. */
export function scoreReal(parsed: ParsedReport | null, expected: RealReport['expected']): RealScore {
  const keys = Object.keys(expected.values);
  const score: RealScore = { exact: 0, flagged: 0, missing: 0, wrong: [], derived: 0, total: keys.length };
  if (!parsed || parsed.report.template !== expected.template) {
    score.missing = keys.length;
    return score;
  }
  const doubtful = new Set((parsed.report.doubts ?? []).flatMap((d) => d.cells));
  for (const key of keys) {
    const want = expected.values[key];
    const got = parsed.report.values[key] ?? null;
    if (doubtful.has(key)) score.flagged++;
    else if (got === want) score.exact++;
    else if (got === null) score.missing++;
    else if (want === null && /勾稽|计算|推算|算出/.test(parsed.provenance[key] ?? '')) score.derived++;
    else score.wrong.push(`${key}: 读作 ${got}，应为 ${want}`);
  }
  return score;
}
