// Excel at the scale of a collecting office: export 1,000 reports, import 1,000 workbooks, and compare the
// import with the time exceljs alone needs to load the same files (our overhead should stay under 1.5×).
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportBuffer } from '../../src/main/excel/write-report';
import { importFiles } from '../../src/main/services/batch-import';
import { ArchiveStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

export async function benchExcel(): Promise<string[]> {
  const N = Number(process.env.BENCH_WORKBOOKS ?? 1000);
  const dir = tempDir('nianbao-bench-xlsx-');
  const files: string[] = [];
  let t = performance.now();
  for (let i = 0; i < N; i++) {
    const r = { ...consistentReport(i % 5 === 0 ? 'gov2019' : 'gov2021', i + 1, i % 5 === 0 ? 2020 : 2024), unit: `第${i + 1}单位` };
    const file = join(dir, `${i}.xlsx`);
    writeFileSync(file, await reportBuffer(r, { appVersion: 'bench' }));
    files.push(file);
  }
  const exportMs = performance.now() - t;

  t = performance.now();
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(readFileSync(f) as unknown as ArrayBuffer);
  const loadMs = performance.now() - t;

  const store = await ArchiveStore.open(join(dir, 'archive.sqlite'));
  t = performance.now();
  const results = await importFiles(store.archive, files);
  const importMs = performance.now() - t;
  store.close();
  const imported = results.filter((r) => r.status === 'imported').length;
  return [
    `导出 ${N} 份报告为工作簿：${(exportMs / 1000).toFixed(1)} s，每份 ${(exportMs / N).toFixed(1)} ms`,
    `exceljs 单独读取这 ${N} 个文件：${(loadMs / 1000).toFixed(1)} s，每个 ${(loadMs / N).toFixed(1)} ms`,
    `导入 ${N} 个工作簿（读取、识别、校验、预览、一次事务写入）：${(importMs / 1000).toFixed(1)} s，每秒 ${((N / importMs) * 1000).toFixed(0)} 个，已导入 ${imported} 个；为 exceljs 单独读取的 ${(importMs / loadMs).toFixed(2)} 倍（目标 < 1.5 倍）`,
  ];
}
