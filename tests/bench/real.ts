// Coverage on real published reports (tests/fixtures/real): per report, how many hand-read cells the import
// pipeline reads exactly, flags as doubts, leaves missing, or gets wrong (must be 0), and the reading time.
import { basename } from 'node:path';
import type { ParsedReport } from '../../src/main/importers';
import { parseFile } from '../../src/main/services/files';
import { loadRealReports, scoreReal } from '../helpers/real-reports';

const RUNS = 20;

export async function benchReal(): Promise<string[]> {
  const lines: string[] = [];
  const sum = { exact: 0, flagged: 0, missing: 0, wrong: 0, total: 0 };
  for (const real of loadRealReports()) {
    let parsed: ParsedReport | null = null;
    let ms = NaN;
    try {
      [parsed] = await parseFile(real.file);
      const start = performance.now();
      for (let i = 0; i < RUNS; i++) await parseFile(real.file);
      ms = (performance.now() - start) / RUNS;
    } catch {
      // no table found: every cell counts as missing
    }
    const s = scoreReal(parsed, real.expected);
    sum.exact += s.exact;
    sum.flagged += s.flagged;
    sum.missing += s.missing;
    sum.wrong += s.wrong.length;
    sum.total += s.total;
    const time = Number.isNaN(ms) ? '未读出表格' : `${ms.toFixed(1)} ms`;
    lines.push(
      `${basename(real.file)}：${s.total} 格，确定且正确 ${s.exact}，存疑 ${s.flagged}，缺 ${s.missing}，错 ${s.wrong.length}（${time}）`,
    );
  }
  const pct = (n: number) => `${((100 * n) / Math.max(sum.total, 1)).toFixed(0)}%`;
  lines.push(
    `合计 ${sum.total} 格：确定且正确 ${sum.exact}（${pct(sum.exact)}），存疑 ${sum.flagged}（${pct(sum.flagged)}），缺 ${sum.missing}（${pct(sum.missing)}），错 ${sum.wrong}${sum.wrong ? '（不应有）' : ''}`,
  );
  return lines;
}
