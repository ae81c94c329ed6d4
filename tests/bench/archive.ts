// The archive at scale. small (CI): 500 units × 20 years = 10,000 reports written through the service.
// medium (1,000 × 20 = 20,000) and province (20,000 × 20 = 400,000): written by the bulk generator once and
// reused from ~/.cache/nianbao-bench/. The figures are printed beside the targets of issue 11.
import { rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { unitCharts } from '../../src/main/collect/charts';
import type { Db } from '../../src/main/db/open';
import { ArchiveStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/archive';
import { rng } from '../helpers/random-report';
import { benchOverview } from './overview';
import { benchReport, cachedArchive, FIRST_YEAR, RARE, type Scale, SCALES } from './generate';

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};
const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(0);
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const verdict = (x: number, target: number) => (x <= target ? '达标' : '未达标');

/** Reports per second written through the service before migration 0006 (issue 11), and the 5× target. */
const TODAY_RATE = 110;
const TARGET_RATE = TODAY_RATE * 5;
/**
 * Reports per second by the clock and by this process's CPU time (on a shared machine the clock also counts other
 * programs' turns), beside the target.
 */
function rateLine(reports: number, wallMs: number, cpu: NodeJS.CpuUsage): string {
  const wall = reports / (wallMs / 1000);
  const byCpu = reports / ((cpu.user + cpu.system) / 1e6);
  return `${wall.toFixed(0)} 份/秒（按本进程 CPU 时间 ${byCpu.toFixed(0)} 份/秒；目标 ≥ ${TARGET_RATE} 份/秒，即原先 ${TODAY_RATE} 份/秒的 5 倍：${wall >= TARGET_RATE ? '达标' : byCpu >= TARGET_RATE ? '按 CPU 时间达标' : '未达标'}）`;
}

// Issue 11 found these fine at 400,000 reports and set no target: they must not get slower (twice is the margin
// for a shared machine). A backup took 61–89 s there; a smaller file must back up faster.
const OPEN_BEFORE_MS = 7;
const VALIDATE_BEFORE_MS = 2.5;
const BACKUP_BEFORE_S = 61;

const timeWithCpu = (fn: () => void): { wallMs: number; cpuMs: number } => {
  const cpu = process.cpuUsage();
  const [, wallMs] = time(fn);
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
};
/** The mean per item by the clock and by this process's CPU time, beside twice issue 11's figure. */
function perItemLine(t: { wallMs: number; cpuMs: number }, n: number, beforeMs: number): string {
  const wall = t.wallMs / n;
  const cpu = t.cpuMs / n;
  const met = wall <= beforeMs * 2 ? '达标' : cpu <= beforeMs * 2 ? '按 CPU 时间达标' : '未达标';
  return `平均 ${ms(wall)}（按本进程 CPU 时间 ${ms(cpu)}；目标：不慢于问题 11 测得的 ${beforeMs} ms 的两倍：${met}）`;
}

/** Bytes per report of the generated archive before migration 0006 (medium scale, schema version 4). */
const TODAY_BYTES_PER_REPORT = 8116;

// Which tables hold what, for the split of the file's bytes.
const PARTS: [string, (name: string) => boolean][] = [
  ['修订记录', (n) => n === 'revisions' || n.startsWith('sqlite_autoindex_revisions')],
  ['单元格', (n) => n === 'cells' || n.startsWith('cell_keys') || n.startsWith('sqlite_autoindex_cell')],
  ['检索索引', (n) => n.startsWith('section_grams')],
  ['文字', (n) => n === 'sections' || n.startsWith('sqlite_autoindex_sections')],
];

/** Bytes per report in the file, and how they split between revisions, cells, the search index and texts. */
function sizeLines(db: Db, reports: number): string[] {
  const pages = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
  const total = pages.reduce((n, p) => n + p.bytes, 0);
  const part = (test: (name: string) => boolean) => pages.filter((p) => test(p.name)).reduce((n, p) => n + p.bytes, 0);
  const parts = PARTS.map(([label, test]) => [label, part(test)] as const);
  const rest = total - parts.reduce((n, [, b]) => n + b, 0);
  const perReport = total / reports;
  const share = (b: number) => `${(b / reports).toFixed(0)} B（${((b / total) * 100).toFixed(0)} %）`;
  return [
    `每份报告占用：${perReport.toFixed(0)} 字节（目标 < ${TODAY_BYTES_PER_REPORT / 2}，即原先 ${TODAY_BYTES_PER_REPORT} 的一半：${perReport < TODAY_BYTES_PER_REPORT / 2 ? '达标' : '未达标'}）`,
    `  其中 ${parts.map(([label, b]) => `${label} ${share(b)}`).join('，')}，其他 ${share(rest)}`,
  ];
}

export function scaleFromArgs(argv = process.argv): Scale {
  const i = argv.indexOf('--scale');
  const name = i >= 0 ? argv[i + 1] : 'small';
  const scale = SCALES[name];
  if (!scale) throw new Error(`--scale 只能是 ${Object.keys(SCALES).join('、')}`);
  return scale;
}

export async function benchArchive(scale: Scale = scaleFromArgs()): Promise<string[]> {
  const lines: string[] = [];
  const total = scale.units * scale.years;
  let store: ArchiveStore;
  let path: string;
  if (scale.name === 'small') {
    path = join(tempDir('nianbao-bench-'), 'archive.sqlite');
    store = await ArchiveStore.open(path);
    const rand = rng(99);
    const start = performance.now();
    let cpuMicros = 0;
    let firstRss = 0;
    // One year per batch (a sensible transaction: 500 reports); memory must stay flat from batch to batch.
    for (let y = 0; y < scale.years; y++) {
      const items = Array.from({ length: scale.units }, (_, u) => ({ report: benchReport(u, FIRST_YEAR + y, rand) }));
      const cpu = process.cpuUsage();
      store.archive.saveMany(items);
      const used = process.cpuUsage(cpu);
      cpuMicros += used.user + used.system;
      if (y === 0) firstRss = process.memoryUsage().rss;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const buildMs = performance.now() - start;
    lines.push(
      `建立档案（经档案服务，每年一批）：${scale.units} 个单位 × ${scale.years} 年 = ${total} 份报告，${(buildMs / 1000).toFixed(1)} s，${rateLine(total, buildMs, { user: cpuMicros, system: 0 })}`,
      `  写入时的内存：第一批后 ${mib(firstRss)} MB，最后一批后 ${mib(process.memoryUsage().rss)} MB，峰值 ${mib(process.resourceUsage().maxRSS * 1024)} MB（原先写入时增长到 9 GB）`,
    );
  } else {
    const cached = await cachedArchive(scale, (l) => console.log(l));
    path = cached.path;
    lines.push(
      cached.built
        ? `建立档案（批量生成器）：${total} 份报告，${cached.seconds.toFixed(0)} s（${(total / cached.seconds).toFixed(0)} 份/秒），文件 ${mb(path)} MB，存于 ${path}`
        : `沿用已建好的档案 ${path}（${total} 份报告，${mb(path)} MB）`,
    );
    store = await ArchiveStore.open(path);
  }
  lines.push(...sizeLines(store.archive.db, total));
  const lastYear = FIRST_YEAR + scale.years - 1;
  const unit = (u: number) => benchReport(u, lastYear, () => 0).unit!;

  // Writing at this size: a batch through the service, rolled back so a cached archive stays as built; twice, as
  // the first batch after opening also reads the pages it touches from disk.
  const batch = Math.min(500, scale.units);
  const db = store.archive.db;
  for (const round of ['第一批', '第二批（同样的单位，所需的页已读入）']) {
    db.exec('BEGIN IMMEDIATE');
    const rand = rng(round === '第一批' ? 5 : 6);
    const items = Array.from({ length: batch }, (_, u) => ({ report: { ...benchReport(u, lastYear + 1, rand), unit: unit(u) } }));
    const cpu = process.cpuUsage();
    const [, batchMs] = time(() => store.archive.saveMany(items));
    const batchCpu = process.cpuUsage(cpu);
    db.exec('ROLLBACK');
    lines.push(`批量保存 ${batch} 份新报告（经档案服务，一个事务，${round}）：${rateLine(batch, batchMs, batchCpu)}`);
  }

  const opened = timeWithCpu(() => {
    for (let i = 0; i < 200; i++) store.archive.get(unit((i * 7919) % scale.units), FIRST_YEAR + (i % scale.years));
  });
  lines.push(`打开一份报告：${perItemLine(opened, 200, OPEN_BEFORE_MS)}`);
  const validated = timeWithCpu(() => {
    for (let i = 0; i < 100; i++) store.archive.validateStored(unit((i * 7919) % scale.units), lastYear - (i % 5));
  });
  lines.push(`校验一份已存报告（含上一年度）：${perItemLine(validated, 100, VALIDATE_BEFORE_MS)}`);

  lines.push(...(await benchOverview(store, scale)));

  // 图表 of one unit over all its years (issue 13: < 200 ms at province scale); the slowest of 50 units.
  const chartTimes = Array.from({ length: 50 }, (_, i) => time(() => unitCharts(store.archive, unit((i * 7919) % scale.units)))[1]);
  const chartWorst = Math.max(...chartTimes);
  lines.push(
    `一个单位的图表（${scale.years} 年，表三、表四各系列）：平均 ${ms(chartTimes.reduce((s, x) => s + x, 0) / chartTimes.length)}，最慢 ${ms(chartWorst)}（目标 < 200 ms：${verdict(chartWorst, 200)}）`,
  );

  const queries: [string, string][] = [
    ['公开', '2 字，常见'],
    [RARE, '2 字，罕见'],
    ['政务公开', '4 字，常见'],
    ['网', '1 字'],
    ['人才队伍', '4 字，较少'],
    ['标本展览', '4 字，罕见'],
    ['公开展', '3 字，两个两字词都常见而整词没有'],
    ['不存在的词', '没有'],
  ];
  for (const [q, kind] of queries) {
    const r = store.archive.search(q); // warm-up, and the hits to show
    // The best of three by the clock, and that run's CPU time (other programs' turns are not the search's).
    const runs = [0, 1, 2].map(() => timeWithCpu(() => store.archive.search(q)));
    const best = runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
    const met = best.wallMs <= 200 ? '达标' : best.cpuMs <= 200 ? '按 CPU 时间达标' : '未达标';
    lines.push(
      `全文检索“${q}”（${kind}）：${r.hits.length}${r.capped ? '+' : ''} 段，${r.total}${r.capped ? '+' : ''} 处，${ms(best.wallMs)}（按本进程 CPU 时间 ${ms(best.cpuMs)}；目标 < 200 ms：${met}）`,
    );
  }

  const backup = join(tempDir('nianbao-bench-'), 'backup.sqlite');
  const t = performance.now();
  const cpuBefore = process.cpuUsage();
  await store.backupTo(backup);
  const backupS = (performance.now() - t) / 1000;
  // The copy runs in a worker thread of this process: the process's CPU time is the copy's.
  const cpuUsed = process.cpuUsage(cpuBefore);
  const backupCpuS = (cpuUsed.user + cpuUsed.system) / 1e6;
  const backupMet = backupS < BACKUP_BEFORE_S ? '达标' : backupCpuS < BACKUP_BEFORE_S ? '按 CPU 时间达标' : '未达标';
  lines.push(
    `备份（快速检查、VACUUM INTO 临时文件、完整性与结构检查后改名）：${backupS.toFixed(1)} s（按本进程 CPU 时间 ${backupCpuS.toFixed(1)} s），${mb(backup)} MB（问题 11 测得 ${BACKUP_BEFORE_S}–89 s；目标：快于原先：${backupMet}）`,
  );
  rmSync(backup, { force: true });
  store.close();
  // Other helpers share this machine's cores at times: the load average says how far to trust the figures.
  lines.push(
    `（测量结束时系统负载 ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')}（1、5、15 分钟），${cpus().length} 核）`,
  );
  return lines;
}
