// A large archive written fast: the same rows the archive service writes (units, reports, cells, section texts
// and their search index, one revision each, stored as its difference from the tables), through the src/main/db functions, a few thousand reports per
// transaction. Validation is skipped (the generated reports are consistent, so their counts stay 0).
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { encodeDelta, type Json } from '../../src/main/db/delta';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { openArchiveDb } from '../../src/main/db/open';
import * as reportsDb from '../../src/main/db/reports';
import * as revisionsDb from '../../src/main/db/revisions';
import * as unitsDb from '../../src/main/db/units';
import type { Report } from '../../src/shared/report';
import { templateForYear } from '../../src/shared/template';
import { consistentReport, rng } from '../helpers/random-report';

export const PHRASES = [
  '严格按照依申请公开流程规范办理依申请公开件，为社会公众获取政府信息提供更加精准指引。',
  '持续推进政务新媒体减量提质工作，严格落实主体责任。',
  '政务公开人才队伍建设相对滞后，大部分工作人员为兼职人员。',
  '开展政府信息公开工作培训，提升工作人员业务水平。',
  '优化政府门户网站建设，完善信息检索、查阅、下载等功能。',
  '坚持以公开为常态、不公开为例外，全面提升政务公开质效。',
  '围绕重点领域信息公开，及时发布财政预决算、重大建设项目等信息。',
  '做好政策解读，通过图文、视频等形式解读本部门出台的政策文件。',
];
/** A 2-character word in about one report in 2,000 (the rare word the bench searches for). */
export const RARE = '蝴蝶';

export interface Scale {
  name: string;
  units: number;
  years: number;
}

export const SCALES: Record<string, Scale> = {
  small: { name: 'small', units: 500, years: 20 },
  medium: { name: 'medium', units: 1000, years: 20 },
  province: { name: 'province', units: 20_000, years: 20 },
};

export const FIRST_YEAR = 2005;
const BATCH = 2000;

/** Bumped whenever what the generator writes changes, so an older cached archive is not reused. */
const FORMAT = 5;
export const cachePath = (scale: Scale) => join(homedir(), '.cache', 'nianbao-bench', `${scale.name}-${FORMAT}.sqlite`);

/** The report of unit `u` (0-based) in `year`, as the bench archive holds it. */
export function benchReport(u: number, year: number, rand: () => number): Report {
  const pick = () => PHRASES[Math.floor(rand() * PHRASES.length)];
  const template = templateForYear(year);
  const seed = u * 31 + year;
  const base: Report =
    template === 'legacy'
      ? {
          template,
          unit: null,
          year,
          published: null,
          sections: {},
          values: {},
          legacy: [{ label: '主动公开文件数', unit: '条', this_year: u, cumulative: u * 10 }],
        }
      : consistentReport(template, seed, year);
  const rare = rand() < 1 / 2000 ? `今年还开展了${RARE}标本展览。` : '';
  return {
    ...base,
    unit: unitName(u),
    sections: { overall: `${pick()}${pick()}${pick()}${pick()}${rare}`, problems: `${pick()}${pick()}`, other: '本年度未收取信息处理费。' },
  };
}

/** Unit names sort differently from their numbers, as real names do. */
export const unitName = (u: number) => `${['东', '西', '南', '北', '中'][u % 5]}区第${u + 1}单位`;

/**
 * Returns the archive for `scale` from the cache folder, building it first if absent (into a temporary name,
 * renamed when complete, so an interrupted build is never reused). `log` receives progress lines.
 */
export async function cachedArchive(scale: Scale, log: (line: string) => void): Promise<{ path: string; built: boolean; seconds: number }> {
  const path = cachePath(scale);
  if (existsSync(path)) {
    try {
      const db = await openArchiveDb(path, { readonly: true });
      const version = db.pragma('user_version', { simple: true }) as number;
      const n = db.prepare('SELECT count(*) FROM reports').pluck().get() as number;
      db.close();
      if (version === LATEST_VERSION && n === scale.units * scale.years) return { path, built: false, seconds: 0 };
      if (version < LATEST_VERSION && n === scale.units * scale.years) {
        // Same reports, older schema: migrated in place (as the app would) rather than built again, then compacted.
        log(`  档案为第 ${version} 版结构，正在迁移到第 ${LATEST_VERSION} 版…`);
        const start = performance.now();
        const migrated = await openArchiveDb(path);
        migrated.exec('VACUUM');
        migrated.pragma('wal_checkpoint(TRUNCATE)');
        migrated.close();
        log(`  迁移完成：${((performance.now() - start) / 1000).toFixed(0)} s`);
        return { path, built: false, seconds: 0 };
      }
    } catch (e) {
      // A cache whose schema is not what its version says (written before the migrations were renumbered).
      log(`  已有的档案不可用（${(e as Error).message}），重新生成`);
    }
    rmSync(path, { force: true });
  }
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) rmSync(f, { force: true });
  const start = performance.now();
  await buildArchive(building, scale, log);
  renameSync(building, path);
  return { path, built: true, seconds: (performance.now() - start) / 1000 };
}

export async function buildArchive(path: string, scale: Scale, log: (line: string) => void = () => {}): Promise<void> {
  const db = await openArchiveDb(path);
  const rand = rng(99);
  const now = new Date().toISOString();
  const unitIds: number[] = [];
  const total = scale.units * scale.years;
  let done = 0;
  const start = performance.now();
  const write = db.transaction((items: { u: number; year: number }[]) => {
    for (const { u, year } of items) {
      if (unitIds[u] === undefined)
        unitIds[u] = unitsDb.insertUnit(db, { name: unitName(u), kind: 'department', parent_id: null, code: null, created_at: now });
      const report = benchReport(u, year, rand);
      const id = reportsDb.insertReportRow(db, {
        unit_id: unitIds[u],
        year,
        template: report.template,
        status: 'draft',
        published: null,
        source_kind: 'typed',
        source_file: null,
        updated_at: now,
      });
      reportsDb.writeContents(db, id, year, report, {}, true);
      reportsDb.updateReportRow(db, id, { revision: 1 });
      // The revision is stored as its difference from the tables, as the service stores it (none here).
      const state = { report: { ...report, unit_kind: 'department' as const, scope: 'own' as const }, provenance: {} };
      const stored = reportsDb.stateAsStored({ ...report, year, scope: 'own' }, { name: report.unit!, kind: 'department' }, report, {});
      const delta = encodeDelta(stored as unknown as Json, state as unknown as Json);
      revisionsDb.insertRevision(db, { report_id: id, number: 1, created_at: now, note: null, session: null, delta });
    }
  });
  let batch: { u: number; year: number }[] = [];
  for (let y = 0; y < scale.years; y++)
    for (let u = 0; u < scale.units; u++) {
      batch.push({ u, year: FIRST_YEAR + y });
      if (batch.length === BATCH || (y === scale.years - 1 && u === scale.units - 1)) {
        write.immediate(batch);
        done += batch.length;
        batch = [];
        // Yielding between batches lets the statements dropped by the db functions be finalised; a loop that
        // never yields grows native memory by gigabytes.
        await new Promise((resolve) => setImmediate(resolve));
        if (done % 20_000 === 0 || done === total) {
          const s = (performance.now() - start) / 1000;
          const rss = process.memoryUsage().rss / 1024 / 1024;
          log(`  已写入 ${done} / ${total} 份报告，${s.toFixed(0)} s（${(done / s).toFixed(0)} 份/秒），内存 ${rss.toFixed(0)} MB`);
        }
      }
    }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
