// What the pages other than 档案 ask for when they open (issue 11): before, every unit's overview row (or the whole
// unit list); now, each page's own small answers (year list, a picker's first matches, the unit tree of one year).
// Timed in the service plus the JSON the bridge sends, on a fresh connection each (nothing remembered yet).
// Alone: npm run bench -- --scale medium --only pages [--archive 某.sqlite]
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openArchiveDb } from '../../src/main/db/open';
import * as unitsDb from '../../src/main/db/units';
import type { Db } from '../../src/main/db/open';
import { Archive, systemClock } from '../../src/main/services/archive';
import { overviewPage } from '../../src/main/services/overview';
import { archiveYears, findUnits, reportCounts, unitTree } from '../../src/main/services/pickers';
import { OVERVIEW_MAX_LIMIT } from '../../src/shared/api';
import { tempDir } from '../helpers/archive';
import { cachedArchive, type Scale } from './generate';

/** Units per parent given to an archive without a tree (the bench archives have none). */
const PER_PARENT = 20;
/** Archives up to this size are copied and given parents; a larger one is measured as it is. */
const COPY_LIMIT = 2 * 1024 ** 3;

type Ask = (db: Db) => unknown;
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;
const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;

/** The requests of one page open, each answered and serialised as the bridge does, on a fresh connection. */
async function open(path: string, asks: Ask[]): Promise<{ ms: number; bytes: number }> {
  const db = await openArchiveDb(path, { readonly: true });
  try {
    let total = 0;
    let bytes = 0;
    for (const ask of asks) {
      const t = performance.now();
      const json = JSON.stringify({ ok: true, value: ask(db) });
      total += performance.now() - t;
      bytes += Buffer.byteLength(json);
    }
    return { ms: total, bytes };
  } finally {
    db.close();
  }
}

/** A copy of the archive where every PER_PARENT units have a parent (written through src/main/db, one transaction). */
async function withParents(path: string): Promise<string> {
  const copy = join(tempDir('nianbao-bench-pages-'), 'archive.sqlite');
  copyFileSync(path, copy);
  const db = await openArchiveDb(copy);
  try {
    if (db.prepare('SELECT 1 FROM units WHERE parent_id IS NOT NULL LIMIT 1').get()) return copy;
    const units = unitsDb.listUnits(db);
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let i = 0; i < units.length; i += PER_PARENT) {
        const parent = unitsDb.insertUnit(db, {
          name: `第${i / PER_PARENT + 1}片区人民政府`,
          kind: 'government',
          parent_id: null,
          code: null,
          created_at: now,
        });
        for (const u of units.slice(i, i + PER_PARENT))
          unitsDb.updateUnit(db, u.id, { name: u.name, kind: u.kind, parent_id: parent, code: u.code });
      }
    })();
  } finally {
    db.close();
  }
  return copy;
}

export async function benchPages(path: string): Promise<string[]> {
  const first = await openArchiveDb(path, { readonly: true });
  const years = archiveYears(first);
  const someUnit = findUnits(first, { hasReports: true, limit: 1 }).units[0]?.name ?? '';
  const someParent = findUnits(first, { parents: true, limit: 1 }).units[0]?.name ?? '';
  first.close();
  const last = years[years.length - 1] ?? new Date().getFullYear() - 1;
  const listUnits: Ask = (db) => new Archive(db, systemClock).listUnits();
  const all: Ask = (db) => overviewPage(db, { limit: OVERVIEW_MAX_LIMIT, counts: false });
  // What each page asked for before, and what it asks for now, when it opens (its pickers' first lists included).
  const pages: [string, Ask[], Ask[]][] = [
    [
      '报送情况（年度与上级单位）',
      [listUnits, (db) => overviewPage(db, {})],
      [archiveYears, (db) => findUnits(db, { parents: true, limit: 1 })],
    ],
    [
      '全区汇总（年度、上级单位、比较的报告）',
      [listUnits, (db) => overviewPage(db, {}), (db) => overviewPage(db, { limit: OVERVIEW_MAX_LIMIT, counts: false })],
      [
        archiveYears,
        (db) => findUnits(db, { parents: true, limit: 1 }),
        (db) => findUnits(db, { text: someParent, exact: true, year: last, limit: 1 }),
        (db) => findUnits(db, { year: last, limit: 51 }),
      ],
    ],
    [
      '差错清单（年度、单位或上级单位）',
      [all],
      [archiveYears, (db) => findUnits(db, { year: last, limit: 51 }), (db) => findUnits(db, { parents: true, limit: 51 })],
    ],
    [
      '图表（单位或上级单位）',
      [(db) => overviewPage(db, { limit: 1, counts: false }), listUnits],
      [archiveYears, (db) => findUnits(db, { parents: true, limit: 1 }), (db) => findUnits(db, { limit: 51 })],
    ],
    [
      '导出（一份报告、空白填报表、档案总表）',
      [(db) => overviewPage(db, { limit: OVERVIEW_MAX_LIMIT })],
      [
        (db) => findUnits(db, { limit: 1 }),
        archiveYears,
        (db) => findUnits(db, { hasReports: true, limit: 1 }),
        (db) => findUnits(db, { text: someUnit, exact: true, hasReports: true, withYears: true, limit: 1 }),
        (db) => unitTree(db, last + 1, false),
        reportCounts,
      ],
    ],
    ['单位（单位树与一年的状态）', [all], [(db) => unitTree(db, last), archiveYears]],
    ['导入（单位名称的候选）', [listUnits], [(db) => findUnits(db, { text: someUnit.slice(0, 2), limit: 51 })]],
  ];
  const lines: string[] = [];
  for (const [label, before, after] of pages) {
    const b = await open(path, before);
    const a = await open(path, after);
    lines.push(`${label}：原来 ${ms(b.ms)}、发送 ${size(b.bytes)}；现在 ${ms(a.ms)}、发送 ${size(a.bytes)}`);
  }
  return lines;
}

/** The pages' figures alone, on the scale's archive (or the one given with --archive). */
export async function benchPagesAlone(scale: Scale, argv = process.argv): Promise<string[]> {
  const i = argv.indexOf('--archive');
  const path = i >= 0 ? argv[i + 1] : (await cachedArchive(scale, (l) => console.log(l))).path;
  const small = statSync(path).size <= COPY_LIMIT;
  const measured = small ? await withParents(path) : path;
  const db = await openArchiveDb(measured, { readonly: true });
  const units = unitsDb.countUnits(db);
  const reports = reportCounts(db).reports;
  db.close();
  return [
    `档案 ${path}（${units} 个单位，${reports} 份报告${small ? `；副本中每 ${PER_PARENT} 个单位设一个上级单位` : ''}）`,
    ...(await benchPages(measured)),
  ];
}
