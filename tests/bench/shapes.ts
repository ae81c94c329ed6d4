// Reading time per report for each text shape of issue 12 (the five samples turned into each shape, see
// tests/importers/fixtures/variants.ts): the mean of many reads from memory, and the constraint solver's share
// (splitting and solving run-together rows), whose target is < 50 ms per report.
import { parseReportText } from '../../src/main/importers';
import { solverClock } from '../../src/main/importers/table-reader';
import { SHAPES, variants, type Shape } from '../importers/fixtures/variants';

const RUNS = 40;
const SOLVER_TARGET_MS = 50;

export function benchShapes(): string[] {
  const all = variants();
  const lines: string[] = [];
  for (const shape of Object.keys(SHAPES) as Shape[]) {
    const texts = all.filter((v) => v.shape === shape);
    const times: number[] = [];
    const solver: number[] = [];
    let worst = 0;
    for (const v of texts) {
      try {
        parseReportText(v.text, v.file); // warm-up
      } catch {
        continue; // a shape a sample cannot take (the legacy sample on one line) is not timed
      }
      solverClock.ms = 0;
      const start = performance.now();
      for (let i = 0; i < RUNS; i++) parseReportText(v.text, v.file);
      const ms = (performance.now() - start) / RUNS;
      times.push(ms);
      solver.push(solverClock.ms / RUNS);
      worst = Math.max(worst, solverClock.ms / RUNS);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const flag = worst < SOLVER_TARGET_MS ? '' : `（超过目标 ${SOLVER_TARGET_MS} ms）`;
    lines.push(
      `形态 ${shape}：读取平均每份 ${mean(times).toFixed(2)} ms，其中拆分求解 ${mean(solver).toFixed(2)} ms（最慢 ${worst.toFixed(2)} ms，目标 < ${SOLVER_TARGET_MS} ms；${times.length} 份 × ${RUNS} 次）${flag}`,
    );
  }
  return lines;
}
