// Parse time per published report: the five samples as text, the HTML pages and Word files built from them,
// each read from disk through parsePublishedReport (decoding included), many times; the mean per report.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parsePublishedReport } from '../../src/main/importers';
import { writeHtmlFixtures } from '../importers/fixtures/generate';
import { FIXTURES } from '../importers/helpers';
import { SAMPLES_DIR } from '../helpers/samples';

const RUNS = { text: 200, html: 100, docx: 30 };

async function meanMs(path: string, runs: number): Promise<number> {
  await parsePublishedReport(path); // warm-up
  const start = performance.now();
  for (let i = 0; i < runs; i++) await parsePublishedReport(path);
  return (performance.now() - start) / runs;
}

export async function benchParse(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-html-'));
  try {
    const groups: [string, keyof typeof RUNS, string[]][] = [
      [
        '文本',
        'text',
        readdirSync(SAMPLES_DIR)
          .filter((f) => f.endsWith('.txt'))
          .sort()
          .map((f) => join(SAMPLES_DIR, f)),
      ],
      ['网页', 'html', writeHtmlFixtures(dir)],
      [
        'Word',
        'docx',
        readdirSync(join(FIXTURES, 'docx'))
          .sort()
          .map((f) => join(FIXTURES, 'docx', f)),
      ],
    ];
    const lines: string[] = [];
    for (const [label, kind, paths] of groups) {
      const times: number[] = [];
      for (const path of paths) {
        const ms = await meanMs(path, RUNS[kind]);
        times.push(ms);
        lines.push(`解析${label} ${basename(path)}：平均每份 ${ms.toFixed(2)} ms（${RUNS[kind]} 次）`);
      }
      lines.push(`解析${label}（${paths.length} 份）：平均每份 ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(2)} ms`);
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
