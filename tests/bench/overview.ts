// The 档案 overview and import planning at scale (issue 11, item 1), beside their targets: the first screen
// (what the page asks for when it opens: its first page and the year list) under 300 ms, any filter under 500 ms,
// both with the size of the JSON sent; a 40-workbook dry run into the populated archive ≤ 1.5 × exceljs's own load.
// Alone: npm run bench -- --scale province --only overview [--archive 某.sqlite]
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportBuffer } from '../../src/main/excel/write-report';
import { importFiles } from '../../src/main/services/batch-import';
import { overviewPage } from '../../src/main/services/overview';
import { ArchiveStore } from '../../src/main/services/store';
import type { OverviewQueryArg } from '../../src/shared/api';
import { tempDir } from '../helpers/archive';
import { rng } from '../helpers/random-report';
import { benchReport, cachedArchive, FIRST_YEAR, type Scale } from './generate';

const kb = (s: string) => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KB`;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
const verdict = (x: number, target: number) => `目标 < ${target} ms：${x < target ? '达标' : '未达标'}`;

/** A request as the bridge answers it: the service, then the JSON it sends. */
function request(store: ArchiveStore, q: Partial<OverviewQueryArg>): { ms: number; json: string } {
  const t = performance.now();
  const json = JSON.stringify({ ok: true, value: overviewPage(store.archive.db, q) });
  return { ms: performance.now() - t, json };
}

export async function benchOverview(store: ArchiveStore, scale: Scale): Promise<string[]> {
  const lines: string[] = [];
  // The page opens with two requests: its first 100 units (the rows), and one unit's page with the counts per
  // year for the header (and the year list). The first time, the counts read every report; then they, and the
  // order of the matching units, are remembered until the archive changes.
  const rows = request(store, { offset: 0, limit: 100, counts: false });
  const head = request(store, { limit: 1 });
  lines.push(
    `档案页首屏（首次打开）：行 ${ms(rows.ms)}（${verdict(rows.ms, 300)}），发送 ${kb(rows.json)}；表头各年份数随后 ${ms(head.ms)}，发送 ${kb(head.json)}；两者合计 ${ms(rows.ms + head.ms)}（${verdict(rows.ms + head.ms, 300)}）`,
  );
  const again = request(store, { offset: 0, limit: 100, counts: false });
  const againHead = request(store, { limit: 1 });
  lines.push(`档案页首屏（再次打开，档案未变）：行 + 表头 ${ms(again.ms + againHead.ms)}（${verdict(again.ms + againHead.ms, 300)}）`);

  const lastYear = FIRST_YEAR + scale.years - 1;
  const filters: [string, Partial<OverviewQueryArg>][] = [
    ['名称含“第12”', { name: '第12' }],
    ['名称含“区”（几乎全部）', { name: '区' }],
    ['名称含“没有的名字”', { name: '没有的名字' }],
    ['类型：乡镇街道', { kind: 'township' }],
    ['有错误', { status: 'errors' }],
    ['有缺报年度', { status: 'missing' }],
    [`只看 ${lastYear} 年`, { yearFrom: lastYear, yearTo: lastYear }],
    ['按错误数排序', { sort: 'errors', desc: true }],
    ['按最近修改排序', { sort: 'updated', desc: true }],
  ];
  for (const [label, q] of filters) {
    const page = request(store, { limit: 100, counts: false, ...q });
    const counts = request(store, { limit: 1, ...q });
    const total = (JSON.parse(page.json) as { value: { total: number } }).value.total;
    const both = page.ms + counts.ms;
    lines.push(
      `档案页筛选“${label}”：${total} 个单位，行 ${ms(page.ms)} + 表头 ${ms(counts.ms)} = ${ms(both)}，发送 ${kb(page.json)}（${verdict(both, 500)}）`,
    );
  }
  const deep = request(store, { offset: Math.max(0, scale.units - 100), limit: 100, counts: false });
  lines.push(`档案页滚动到最后一页：${ms(deep.ms)}，发送 ${kb(deep.json)}（${verdict(deep.ms, 500)}）`);

  // 40 workbooks of existing units for the next year (not in the archive: planning looks each unit up and
  // validates against the year before), planned without writing.
  const dir = tempDir('nianbao-bench-plan-');
  const files: string[] = [];
  const rand = rng(40);
  for (let i = 0; i < 40; i++) {
    const u = (i * 7919) % scale.units;
    const report = benchReport(u, lastYear + 1, rand);
    const file = join(dir, `${i}.xlsx`);
    writeFileSync(file, await reportBuffer(report, { appVersion: 'bench' }));
    files.push(file);
  }
  let t = performance.now();
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(readFileSync(f) as unknown as ArrayBuffer);
  const loadMs = performance.now() - t;
  t = performance.now();
  const results = await importFiles(store.archive, files, { dryRun: true });
  const planMs = performance.now() - t;
  const ready = results.filter((r) => r.status === 'ready').length;
  const ratio = planMs / loadMs;
  lines.push(
    `导入预演 40 个工作簿（读取、识别、校验、比对，不写入）：${(planMs / 1000).toFixed(2)} s，可以导入 ${ready} 个；exceljs 单独读取 ${(loadMs / 1000).toFixed(2)} s；为其 ${ratio.toFixed(2)} 倍（目标 ≤ 1.5 倍：${ratio <= 1.5 ? '达标' : '未达标'}）`,
  );
  return lines;
}

/** The overview figures alone, on the scale's archive (or the one given with --archive). */
export async function benchOverviewAlone(scale: Scale, argv = process.argv): Promise<string[]> {
  const i = argv.indexOf('--archive');
  const path = i >= 0 ? argv[i + 1] : (await cachedArchive(scale, (l) => console.log(l))).path;
  const store = await ArchiveStore.open(path);
  try {
    return [`档案 ${path}`, ...(await benchOverview(store, scale))];
  } finally {
    store.close();
  }
}
