// The archive at scale. small (CI): 500 units × 20 years = 10,000 reports written through the service.
// medium (1,000 × 20 = 20,000) and province (20,000 × 20 = 400,000): written by the bulk generator once and
// reused from ~/.cache/nianbao-bench/. The figures are printed beside the targets of issue 11.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unitCharts } from '../../src/main/collect/charts';
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
const verdict = (x: number, target: number) => (x <= target ? '达标' : '未达标');

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
    for (let y = 0; y < scale.years; y++)
      store.archive.saveMany(Array.from({ length: scale.units }, (_, u) => ({ report: benchReport(u, FIRST_YEAR + y, rand) })));
    const buildMs = performance.now() - start;
    lines.push(
      `建立档案（经档案服务，每年一批）：${scale.units} 个单位 × ${scale.years} 年 = ${total} 份报告，${(buildMs / 1000).toFixed(1)} s（${(total / (buildMs / 1000)).toFixed(0)} 份/秒），文件 ${mb(path)} MB（每份 ${((statSync(path).size / total) * 1e-3).toFixed(1)} KB）`,
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
  const lastYear = FIRST_YEAR + scale.years - 1;
  const unit = (u: number) => benchReport(u, lastYear, () => 0).unit!;

  // Writing at this size: one batch through the service, rolled back so a cached archive stays as built.
  const batch = Math.min(500, scale.units);
  const db = store.archive.db;
  db.exec('BEGIN IMMEDIATE');
  const rand = rng(5);
  const [, batchMs] = time(() =>
    store.archive.saveMany(Array.from({ length: batch }, (_, u) => ({ report: { ...benchReport(u, lastYear + 1, rand), unit: unit(u) } }))),
  );
  db.exec('ROLLBACK');
  const rate = batch / (batchMs / 1000);
  lines.push(
    `批量保存 ${batch} 份新报告（经档案服务，一个事务）：${rate.toFixed(0)} 份/秒（目标 ≥ 550 份/秒，即原先 110 份/秒的 5 倍：${rate >= 550 ? '达标' : '未达标'}）`,
  );

  const [, getMs] = time(() => {
    for (let i = 0; i < 200; i++) store.archive.get(unit((i * 7919) % scale.units), FIRST_YEAR + (i % scale.years));
  });
  lines.push(`打开一份报告：平均 ${ms(getMs / 200)}`);
  const [, validateMs] = time(() => {
    for (let i = 0; i < 100; i++) store.archive.validateStored(unit((i * 7919) % scale.units), lastYear - (i % 5));
  });
  lines.push(`校验一份已存报告（含上一年度）：平均 ${ms(validateMs / 100)}`);

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
    ['公开展', '3 字，两个两字词都常见而整词没有'],
    ['不存在的词', '没有'],
  ];
  for (const [q, kind] of queries) {
    store.archive.search(q);
    const runs = [0, 1, 2].map(() => time(() => store.archive.search(q)));
    const [r, best] = runs.reduce((a, b) => (b[1] < a[1] ? b : a));
    lines.push(
      `全文检索“${q}”（${kind}）：${r.hits.length}${r.capped ? '+' : ''} 段，${r.total}${r.capped ? '+' : ''} 处，${ms(best)}（目标 < 200 ms：${verdict(best, 200)}）`,
    );
  }

  const backup = join(tempDir('nianbao-bench-'), 'backup.sqlite');
  const t = performance.now();
  await store.backupTo(backup);
  lines.push(`备份（SQLite 备份接口）：${((performance.now() - t) / 1000).toFixed(2)} s，${mb(backup)} MB`);
  rmSync(backup, { force: true });
  store.close();
  return lines;
}
