// Reading time per report for each text shape of issue 12 (the five samples turned into each shape, see
// tests/importers/fixtures/variants.ts): the mean of many reads from memory, and the constraint solver's share
// (splitting and solving run-together rows), whose target is < 50 ms per report.
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../src/main/excel/read-workbook';
import { parseReportText } from '../../src/main/importers';
import { solverClock } from '../../src/main/importers/table-reader';
import { handmadeWorkbook, type HandmadeOptions } from '../helpers/handmade';
import { consistentReport } from '../helpers/random-report';
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
        continue; // a shape a sample cannot take is not timed
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

const WORKBOOK_RUNS = 10;
const formula = { formula: 'SUM(A1:A2)' } as ExcelJS.CellFormulaValue;
const WORKBOOK_SHAPES: [string, HandmadeOptions][] = [
  ['带合并单元格', {}],
  ['取消合并并填充（WPS）', { fillMerged: true }],
  ['总计为未保存结果的公式', { value: (v, k) => (k.endsWith('.total') ? formula : v) }],
  ['表四全为 /', { value: (v, k) => (k.startsWith('appeals.') ? '/' : v) }],
];

/** Reading time per workbook shape (issue 12 item 6): load from memory and read, the mean of a few runs. */
export async function benchWorkbookShapes(): Promise<string[]> {
  const report = { ...consistentReport('gov2021', 7), unit: '测试单位' };
  const lines: string[] = [];
  for (const [name, options] of WORKBOOK_SHAPES) {
    const buffer = await handmadeWorkbook(report, options).xlsx.writeBuffer();
    const read = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(buffer);
      return readWorkbook(wb, 'bench.xlsx');
    };
    await read(); // warm-up
    const start = performance.now();
    for (let i = 0; i < WORKBOOK_RUNS; i++) await read();
    lines.push(`工作簿形态 ${name}：读取平均每份 ${((performance.now() - start) / WORKBOOK_RUNS).toFixed(1)} ms（${WORKBOOK_RUNS} 次）`);
  }
  return lines;
}
