// The archive at office scale: 500 units × 20 years = 10,000 reports.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveStore } from '../../src/main/services/store';
import { templateForYear } from '../../src/shared/template';
import { tempDir } from '../helpers/archive';
import { consistentReport, rng } from '../helpers/random-report';

const PHRASES = [
  '严格按照依申请公开流程规范办理依申请公开件，为社会公众获取政府信息提供更加精准指引。',
  '持续推进政务新媒体减量提质工作，严格落实主体责任。',
  '政务公开人才队伍建设相对滞后，大部分工作人员为兼职人员。',
  '开展政府信息公开工作培训，提升工作人员业务水平。',
  '优化政府门户网站建设，完善信息检索、查阅、下载等功能。',
  '坚持以公开为常态、不公开为例外，全面提升政务公开质效。',
];

const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const v = fn();
  return [v, performance.now() - t];
};

export async function benchArchive(): Promise<string[]> {
  const UNITS = 500;
  const YEARS = 20;
  const path = join(tempDir('nianbao-bench-'), 'archive.sqlite');
  const store = await ArchiveStore.open(path);
  const rand = rng(99);
  const pick = () => PHRASES[Math.floor(rand() * PHRASES.length)];
  const lines: string[] = [];

  const start = performance.now();
  for (let y = 0; y < YEARS; y++) {
    const year = 2005 + y;
    const template = templateForYear(year);
    const batch = Array.from({ length: UNITS }, (_, u) => {
      const base =
        template === 'legacy' ? consistentReport('gov2021', u + y * UNITS, 2021) : consistentReport(template, u + y * UNITS, year);
      const report =
        template === 'legacy'
          ? {
              template,
              unit: `第${u + 1}单位`,
              year,
              published: null,
              sections: {},
              values: {},
              legacy: [{ label: '主动公开文件数', unit: '条', this_year: u, cumulative: u * 10 }],
            }
          : { ...base, unit: `第${u + 1}单位` };
      report.sections = { overall: `${pick()}${pick()}`, problems: pick(), other: '本年度未收取信息处理费。' };
      return { report };
    });
    store.archive.saveMany(batch);
  }
  const buildMs = performance.now() - start;
  lines.push(
    `建立档案：${UNITS} 个单位 × ${YEARS} 年 = ${UNITS * YEARS} 份报告，${(buildMs / 1000).toFixed(1)} s（每份 ${(buildMs / (UNITS * YEARS)).toFixed(2)} ms），文件 ${(statSync(path).size / 1024 / 1024).toFixed(0)} MB`,
  );

  const saves = 50;
  const [, saveMs] = time(() => {
    for (let i = 0; i < saves; i++) {
      const r = store.archive.get(`第${i + 1}单位`, 2024).report;
      store.archive.save({ ...r, values: { ...r.values, 'proactive.penalty.decisions': i } });
    }
  });
  const [, getMs] = time(() => {
    for (let i = 0; i < 200; i++) store.archive.get(`第${((i * 7) % UNITS) + 1}单位`, 2010 + (i % 15));
  });
  lines.push(`保存一份报告（新的一版，含校验与跨年度）：平均 ${((saveMs - getMs / 4) / saves).toFixed(2)} ms`);
  lines.push(`打开一份报告：平均 ${(getMs / 200).toFixed(2)} ms`);

  const [overview, overviewMs] = time(() => store.archive.overview());
  const [, overview2] = time(() => store.archive.overview());
  lines.push(`档案总览（${overview.reports.length} 份报告）：${Math.min(overviewMs, overview2).toFixed(1)} ms（目标远低于 100 ms）`);

  for (const q of ['人才队伍建设', '新媒体', '培训', '网']) {
    const [hits, ms] = time(() => store.archive.search(q, 100_000));
    lines.push(
      `全文检索“${q}”（${[...q].length} 字，${[...q].length >= 3 ? 'trigram 索引' : '逐条查找'}）：${hits.length} 处，${ms.toFixed(0)} ms`,
    );
  }

  const backup = join(tempDir('nianbao-bench-'), 'backup.sqlite');
  const t = performance.now();
  await store.backupTo(backup);
  lines.push(
    `备份（SQLite 备份接口）：${((performance.now() - t) / 1000).toFixed(2)} s，${(statSync(backup).size / 1024 / 1024).toFixed(0)} MB`,
  );
  store.close();
  return lines;
}
