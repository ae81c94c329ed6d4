// Real published reports (tests/fixtures/real) through the import pipeline the CLI's parse/import use. The honest
// invariant: a cell the importer presents as certain equals the figure read by hand; a cell it flags as a doubt
// may hold anything. How much it reads (exact / flagged / missing) is printed, not asserted: that is the bench.
import { describe, expect, it } from 'vitest';
import type { ParsedReport } from '../../src/main/importers';
import { parseFile } from '../../src/main/services/files';
import { emptyReport } from '../../src/shared/report';
import { validate } from '../../src/shared/validation';
import { loadRealReports, scoreReal } from '../helpers/real-reports';

const reports = loadRealReports();

describe('real published reports', () => {
  it('has real reports with hand-read figures', () => {
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(Object.keys(r.expected.values).length, r.name).toBeGreaterThan(0);
  });

  it('the score catches a wrong number presented as certain, and lets a doubtful one pass', () => {
    const real = reports[0];
    const [key] = Object.keys(real.expected.values).filter((k) => typeof real.expected.values[k] === 'number');
    const right = { ...emptyReport(real.expected.template), values: { ...real.expected.values } };
    const parsed = (values: typeof right.values, doubts: { cells: string[]; message: string }[] = []): ParsedReport => ({
      report: { ...right, values, doubts },
      provenance: {},
      source: { kind: 'text', file: real.file },
      notes: [],
    });
    expect(scoreReal(parsed(right.values), real.expected).wrong).toEqual([]);
    const off = { ...right.values, [key]: (real.expected.values[key] as number) + 1 };
    expect(scoreReal(parsed(off), real.expected).wrong).toHaveLength(1);
    expect(scoreReal(parsed(off, [{ cells: [key], message: '存疑' }]), real.expected)).toMatchObject({ wrong: [], flagged: 1 });
  });

  describe.each(reports.map((r) => [r.name, r] as const))('%s', (_name, real) => {
    it('the hand reading keeps the table relations, except where the notes say the publication breaks them', () => {
      const report = { ...emptyReport(real.expected.template), values: { ...real.expected.values } };
      const errors = validate(report).filter((f) => f.severity === 'error');
      expect([...new Set(errors.map((f) => f.rule))]).toEqual(real.expected.expected_findings.errors);
    });

    it('never presents a wrong number as certain', async () => {
      let parsed: ParsedReport | null = null;
      let failure = '';
      try {
        [parsed] = await parseFile(real.file);
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e); // no table found: nothing read, nothing wrong
      }
      const score = scoreReal(parsed, real.expected);
      console.log(
        `[real] ${real.name}: ${score.total} 格中 确定且正确 ${score.exact}，存疑 ${score.flagged}，缺 ${score.missing}` +
          `${score.derived ? `，按勾稽算出 ${score.derived}` : ''}，错 ${score.wrong.length}` +
          `${failure ? `（未读出：${failure}）` : parsed?.report.template !== real.expected.template ? `（模板 ${parsed?.report.template}）` : ''}`,
      );
      expect(score.wrong).toEqual([]);
      // Unit, year and publication date: unread is fine, a wrong one is not.
      const meta = parsed?.report;
      if (meta?.year != null) expect(meta.year).toBe(real.expected.year);
      if (meta?.unit != null) expect(meta.unit).toBe(real.expected.unit);
      if (meta?.published != null) expect(meta.published).toBe(real.expected.published);
    });
  });
});
