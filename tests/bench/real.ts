// Coverage on real published reports (tests/fixtures/real): per report, how many hand-read cells the import
// pipeline reads exactly, flags as doubts, leaves missing, or gets wrong (must be 0), and the reading time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ParsedReport } from '../../src/main/importers';
import { parseFile } from '../../src/main/services/files';
import { loadRealReports, scoreReal } from '../helpers/real-reports';
import { readReport, reading, variantsOf } from '../helpers/real-variants';

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
  lines.push(await benchVariants());
  return lines;
}

/** The same reports as a portal hands them on (GBK pages, Word, copy noise): how many read as the file as found. */
async function benchVariants(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-variants-'));
  let forms = 0;
  let same = 0;
  let wrong = 0;
  try {
    for (const real of loadRealReports()) {
      const keys = Object.keys(real.expected.values);
      const want = JSON.stringify(reading(await readReport(real.file), keys));
      for (const v of await variantsOf(real, dir)) {
        const parsed = await readReport(v.path);
        forms++;
        if (JSON.stringify(reading(parsed, keys)) === want) same++;
        wrong += scoreReal(parsed, real.expected).wrong.length;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `同一批报告另存为 GBK 网页、贴进 Word、带全角数字和空格的 ${forms} 份：读法与原文件相同 ${same} 份，错 ${wrong}${wrong ? '（不应有）' : ''}`;
}
