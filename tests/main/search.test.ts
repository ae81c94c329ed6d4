// Search on a generated archive, checked against a brute-force scan of what was saved.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { APPLICATION_ID, type Db } from '../../src/main/db/open';
import * as searchDb from '../../src/main/db/search';
import { ArchiveStore } from '../../src/main/services/store';
import type { Report } from '../../src/shared/report';
import { foundText } from '../../src/shared/search';
import { tempDir, tempStore } from '../helpers/archive';
import { consistentReport, rng } from '../helpers/random-report';

const ALPHABET = [...'政务公开培训网站人才队伍年度工作Aab1，。'];
const KEYS = ['overall', 'problems', 'other'] as const;
const UNITS = ['乙局', '甲局', '丙镇人民政府', '某县教育局', 'A单位', 'b单位', '丁局', '戊局', '己局', '庚局', '辛局', '壬局'];
const YEARS = [2019, 2020, 2022, 2023, 2024];

interface Saved {
  unit: string;
  year: number;
  sections: Partial<Record<(typeof KEYS)[number], string>>;
  deleted: boolean;
}

function generate(seed: number, years = YEARS): Saved[] {
  const rand = rng(seed);
  const text = () => Array.from({ length: 5 + Math.floor(rand() * 60) }, () => ALPHABET[Math.floor(rand() * ALPHABET.length)]).join('');
  const out: Saved[] = [];
  for (const year of years)
    for (const unit of UNITS) {
      if (rand() < 0.15) continue;
      const sections: Saved['sections'] = {};
      for (const k of KEYS) if (rand() < 0.8) sections[k] = text();
      out.push({ unit, year, sections, deleted: rand() < 0.1 });
    }
  return out;
}

const report = (s: Saved): Report => ({ ...consistentReport('gov2021', s.year, s.year), unit: s.unit, sections: s.sections });

/** Occurrences, not overlapping, Latin case ignored: written independently of the code under test. */
const occurrences = (text: string, q: string) =>
  text.replace(/[A-Z]/g, (c) => c.toLowerCase()).split(q.replace(/[A-Z]/g, (c) => c.toLowerCase())).length - 1;

function bruteForce(saved: Saved[], q: string) {
  const hits = saved
    .filter((s) => !s.deleted)
    .flatMap((s) =>
      KEYS.filter((k) => s.sections[k] !== undefined).map((k) => ({
        unit: s.unit,
        year: s.year,
        section: k,
        count: occurrences(s.sections[k]!, q),
      })),
    )
    .filter((h) => h.count > 0);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return hits.sort((a, b) => b.year - a.year || cmp(a.unit, b.unit) || cmp(a.section, b.section));
}

/** An archive file as migration 0001 made it, with the saved reports written by plain SQL. */
function version1File(saved: Saved[]): string {
  const path = join(tempDir(), 'v1.sqlite');
  const db = new Database(path);
  db.exec(MIGRATIONS[0].sql);
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma('user_version = 1');
  const units = new Map<string, number>();
  for (const s of saved) {
    if (!units.has(s.unit))
      units.set(
        s.unit,
        Number(db.prepare("INSERT INTO units (name, kind, created_at) VALUES (?, 'other', 'now')").run(s.unit).lastInsertRowid),
      );
    const id = db
      .prepare("INSERT INTO reports (unit_id, year, template, deleted_at, updated_at) VALUES (?, ?, 'gov2021', ?, 'now')")
      .run(units.get(s.unit), s.year, s.deleted ? 'now' : null).lastInsertRowid;
    for (const [k, t] of Object.entries(s.sections))
      db.prepare('INSERT INTO sections (report_id, key, text) VALUES (?, ?, ?)').run(id, k, t);
  }
  db.close();
  return path;
}

async function generatedStore(seed: number, years = YEARS) {
  const store = await tempStore();
  const saved = generate(seed, years);
  store.archive.saveMany(saved.map((s) => ({ report: report(s) })));
  for (const s of saved.filter((x) => x.deleted)) store.archive.delete(s.unit, s.year);
  return { store, saved };
}

function queries(saved: Saved[], seed: number): string[] {
  const rand = rng(seed);
  const texts = saved.flatMap((s) => Object.values(s.sections)).filter((t) => t.length >= 6);
  const piece = (n: number) => {
    const t = texts[Math.floor(rand() * texts.length)];
    const i = Math.floor(rand() * (t.length - n));
    return t.slice(i, i + n);
  };
  const pieces = [1, 2, 2, 2, 3, 3, 4, 4, 5].flatMap((n) => [piece(n), piece(n)]);
  return [...new Set([...ALPHABET, ...pieces, 'AB', 'ab', 'aB', '政务公开', '不存在', '局', 'x'])];
}

function check(store: ArchiveStore, saved: Saved[], q: string, limit: number) {
  const want = bruteForce(saved, q);
  const got = store.archive.search(q, limit);
  const shown = want.slice(0, limit);
  expect(
    got.hits.map((h) => ({ unit: h.unit, year: h.year, section: h.section, count: h.count })),
    q,
  ).toEqual(shown);
  expect(got.total, q).toBe(shown.reduce((n, h) => n + h.count, 0));
  expect(got.capped, q).toBe(want.length > limit);
  for (const h of got.hits) expect(h.parts.filter((p) => p.hit).length, q).toBeGreaterThan(0);
}

describe('search', () => {
  it('finds 1-, 2-, 3-, 4- and 5-character words exactly as a brute-force scan does, newest year first, then unit', async () => {
    const { store, saved } = await generatedStore(7);
    const qs = queries(saved, 8);
    expect(qs.length).toBeGreaterThan(30);
    for (const q of qs) {
      check(store, saved, q, 200);
      check(store, saved, q, 7);
    }
    // The index alone finds exactly the sections containing a word of up to 3 characters (deleted reports keep
    // theirs), and a superset of them for longer words.
    const fold = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const indexed = store.archive.db.prepare('SELECT count(*) FROM section_grams WHERE section_grams MATCH ?').pluck();
    for (const q of qs) {
      const containing = saved.flatMap((s) => Object.values(s.sections)).filter((t) => fold(t).includes(fold(q))).length;
      if ([...q].length <= 3) expect(indexed.get(searchDb.queryMatch(q)), q).toBe(containing);
      else expect(indexed.get(searchDb.queryMatch(q)), q).toBeGreaterThanOrEqual(containing);
    }
    // Both ways through a year (joining its few candidates, walking its units in name order) give the same rows.
    for (const q of qs) {
      const sparse = searchDb.searchSections(store.archive.db, q, 30, 'join');
      const dense = searchDb.searchSections(store.archive.db, q, 30, 'walk');
      expect(dense, q).toEqual(sparse);
    }
    store.close();
  });

  it('counts occurrences, and says "+" when more sections contain the word than the cap', async () => {
    const { store, saved } = await generatedStore(11, [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, ...YEARS]);
    const common = bruteForce(saved, '政');
    expect(common.length).toBeGreaterThan(200);
    const r = store.archive.search('政');
    expect(r.hits).toHaveLength(200);
    expect(r.capped).toBe(true);
    expect(r.total).toBe(common.slice(0, 200).reduce((n, h) => n + h.count, 0));
    expect(foundText(r, '政')).toBe(`找到 ${r.total}+ 处“政”`);
    store.close();

    const one = await tempStore();
    one.archive.save({
      ...report({ unit: '甲局', year: 2024, sections: {}, deleted: false }),
      sections: { overall: '培训培训，再培训。', other: '培训' },
    });
    const two = one.archive.search('培训');
    expect(two).toMatchObject({ total: 4, capped: false });
    expect(two.hits.map((h) => [h.section, h.count])).toEqual([
      ['other', 1],
      ['overall', 3],
    ]);
    expect(foundText(two, '培训')).toBe('找到 4 处“培训”');
    expect(foundText(one.archive.search('没有'), '没有')).toBe('没有找到“没有”');
    one.close();
  });

  it('follows saves, deletes and undeletes', async () => {
    const { archive } = await tempStore();
    const r = {
      ...report({ unit: '甲局', year: 2024, sections: {}, deleted: false }),
      sections: { overall: '政务新媒体减量提质', other: '无' },
    };
    archive.save(r);
    expect(archive.search('媒体').hits).toHaveLength(1);
    archive.save({ ...r, sections: { overall: '门户网站改版' } });
    expect(archive.search('媒体').hits).toHaveLength(0);
    expect(archive.search('无').hits).toHaveLength(0);
    expect(archive.search('网').hits).toHaveLength(1);
    expect(archive.search('网站改版').hits).toHaveLength(1);
    archive.delete('甲局', 2024);
    expect(archive.search('网').hits).toHaveLength(0);
    archive.undelete('甲局', 2024);
    expect(archive.search('网').hits.map((h) => h.unit)).toEqual(['甲局']);
  });

  it('migration 0003 indexes the texts of an archive written by 0001', async () => {
    const saved = generate(21);
    const path = version1File(saved);
    const store = await ArchiveStore.open(path);
    expect(store.archive.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    for (const q of queries(saved, 22)) check(store, saved, q, 200);
    // Written after the migration: found the same way.
    store.archive.save({ ...report({ unit: '新局', year: 2025, sections: {}, deleted: false }), sections: { overall: '迁移之后' } });
    expect(store.archive.search('之后').hits.map((h) => h.unit)).toEqual(['新局']);
    store.close();
  });

  it('a failing migration 0003 leaves the archive as it was', async () => {
    const saved = generate(31);
    const path = version1File(saved);
    const grams = MIGRATIONS.find((m) => m.name === '0003-search-grams')!;
    const failing = {
      ...grams,
      run: (db: Db) => {
        grams.run!(db);
        throw new Error('模拟中途失败');
      },
    };
    await expect(ArchiveStore.open(path, { migrations: [MIGRATIONS[0], failing] })).rejects.toThrow('模拟中途失败');
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('sections_fts', 'section_grams')").pluck().all();
    expect(tables).toEqual(['sections_fts']);
    const sections = saved.reduce((n, s) => n + Object.keys(s.sections).length, 0);
    expect(db.prepare('SELECT count(*) FROM sections').pluck().get()).toBe(sections);
    const word = Object.values(saved.find((s) => Object.values(s.sections).some((t) => t.length >= 3))!.sections)
      .find((t) => t.length >= 3)!
      .slice(0, 3);
    expect(db.prepare('SELECT count(*) FROM sections_fts WHERE sections_fts MATCH ?').pluck().get(`"${word}"`)).toBeGreaterThan(0);
    db.close();
  });
});
