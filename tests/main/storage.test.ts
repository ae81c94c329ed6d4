// The compact archive (migration 0006): revisions as differences, cells by id, the conversion of an archive written
// at version 4; and the one after-change path: every mutation leaves the stored counts as validation says.
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyDelta, diffJson, jsonEqual, type Json } from '../../src/main/db/delta';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { readState, stateAsStored } from '../../src/main/db/reports';
import type { Archive } from '../../src/main/services/archive';
import { ArchiveStore } from '../../src/main/services/store';
import { parseReport, type Report } from '../../src/shared/report';
import { countFindings } from '../../src/shared/validation';
import { manualClock, tempDir, tempStore } from '../helpers/archive';
import { consistentReport, rng } from '../helpers/random-report';
import { loadSamples } from '../helpers/samples';
import { describeArchive } from './fixtures/archive-v4';

const FIXTURE = join(__dirname, '..', 'fixtures', 'archive-v4');
const unitReport = (unit: string, year: number, seed = year): Report => ({ ...consistentReport('gov2021', seed, year), unit });

describe('differences between JSON values', () => {
  it('apply(a, diff(a, b)) is b, for nested objects, arrays, removed keys, null and a key named __proto__', () => {
    const rand = rng(7);
    const value = (depth: number): Json => {
      const k = Math.floor(rand() * 7);
      if (depth > 2 || k < 3) return [null, 0, -1.5, '不适用', '', true, 42][Math.floor(rand() * 7)];
      if (k === 3) return [value(depth + 1), value(depth + 1)];
      const o: { [key: string]: Json } = {};
      for (const key of ['a', 'b', 'requests.new.total', '键'].filter(() => rand() < 0.6)) o[key] = value(depth + 1);
      return o;
    };
    for (let i = 0; i < 500; i++) {
      const a = { x: value(0), y: value(0) };
      const b = { x: value(0), y: i % 3 ? a.y : value(0) };
      const d = diffJson(a, b);
      expect(applyDelta(a, d)).toEqual(b);
      expect(d === null).toBe(jsonEqual(a, b));
    }
    const proto = JSON.parse('{"__proto__": {"polluted": 1}, "a": 1}') as Json;
    const back = applyDelta({ a: 1 }, diffJson({ a: 1 }, proto)) as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(applyDelta({ a: 1 }, diffJson({ a: 1 }, [1, 2]))).toEqual([1, 2]);
  });
});

describe('what a revision stores', () => {
  it('the state computed before writing is the state read back, for every sample and a report with odd provenance', async () => {
    const store = await tempStore();
    const a = store.archive;
    const reports = loadSamples().map((s, i) => {
      const p = parseReport({ ...s.expected, unit: s.expected.unit ?? `样本单位${i}`, year: s.expected.year ?? 2020 });
      if (!p.ok) throw new Error(p.errors.join());
      return p.report;
    });
    const odd = { ...unitReport('甲局', 2024), doubts: [{ cells: ['requests.new.total'], message: '看不清' }] };
    odd.sections = { overall: '', problems: '问题' };
    for (const r of [...reports, odd]) {
      const provenance = { 'requests.new.total': 'Sheet1!D7', 'proactive.fees.amount': '', 'legacy.0': '附表' };
      const saved = a.save(r, { provenance, note: '导入' });
      const unit = a.unit(r.unit!);
      const expected = stateAsStored(
        { template: r.template, year: r.year!, published: r.published, scope: r.scope ?? 'own' },
        unit,
        r,
        provenance,
      );
      expect(readState(a.db, saved.id)).toEqual(expected);
      // The revision is the report as given, doubts and all.
      expect(a.revision(r.unit!, r.year!, saved.revision).report.doubts).toEqual(r.doubts);
    }
    store.close();
  });

  it('the latest revision is no copy of the tables, and a cell row holds no key text', async () => {
    const store = await tempStore();
    const a = store.archive;
    const r = unitReport('甲局', 2024);
    a.save(r);
    a.save({ ...r, values: { ...r.values, 'requests.new.total': 7 } });
    a.setStatus('甲局', 2024, 'final', { confirmErrors: true });
    const rows = a.db.prepare('SELECT number, delta FROM revisions ORDER BY number').all() as { number: number; delta: string | null }[];
    expect(rows.map((x) => x.number)).toEqual([1, 2, 3]);
    // 3 (定稿) and 2 are the tables' state; 1 differs in one cell only.
    expect(rows[2].delta).toBeNull();
    expect(rows[1].delta).toBeNull();
    expect(JSON.parse(rows[0].delta!)).toEqual({
      n: { report: { n: { values: { s: { 'requests.new.total': r.values['requests.new.total'] } } } } },
    });
    const columns = (a.db.prepare('SELECT name FROM pragma_table_info(?)').all('cells') as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['report_id', 'cell', 'value', 'source']);
    expect(a.revision('甲局', 2024, 1).report.values).toEqual(r.values);
    store.close();
  });

  it('a failed batch that entered nothing leaves the cell ids usable', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.db.exec('DELETE FROM cell_keys'); // as if a template had keys the archive never saw
    expect(() => a.saveMany([{ report: unitReport('甲', 2024) }, { report: { ...unitReport('乙', 2024), year: null } }])).toThrow();
    a.save(unitReport('甲', 2024));
    expect(a.get('甲', 2024).report.values).toEqual(unitReport('甲', 2024).values);
    store.close();
  });
});

describe('search index kept by a batch', () => {
  it('a batch that adds, changes and removes texts (one report twice) leaves the index as single saves would', async () => {
    const store = await tempStore();
    const a = store.archive;
    const base = unitReport('甲局', 2024);
    a.save({ ...base, sections: { overall: '旧文字甲壳虫', problems: '将被删去的蜻蜓' } });
    a.saveMany([
      { report: { ...base, sections: { overall: '新文字萤火虫' } } },
      { report: { ...unitReport('乙局', 2024), sections: { overall: '第一次写蚂蚁' } } },
      { report: { ...unitReport('乙局', 2024), sections: { overall: '第二次写蝈蝈' } } },
    ]);
    const found = (word: string) => a.search(word).hits.map((h) => `${h.unit}/${h.section}`);
    expect(found('萤火虫')).toEqual(['甲局/overall']);
    expect(found('甲壳虫')).toEqual([]);
    expect(found('蜻蜓')).toEqual([]);
    expect(found('蚂蚁')).toEqual([]);
    expect(found('蝈蝈')).toEqual(['乙局/overall']);
    store.close();
  });
});

/** Every report in a described archive (an object with a template and sections) gets `scope: 'own'`. */
function withOwnScope(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withOwnScope);
  if (v === null || typeof v !== 'object') return v;
  const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withOwnScope(x)]));
  return 'template' in o && 'sections' in o && !('scope' in o) ? { ...o, scope: 'own' } : o;
}

describe('migration 0006 on an archive written at version 4', () => {
  it('every report, revision, diff and finding reads back as version 4 read it; the archive works on', async () => {
    const dir = tempDir();
    const path = join(dir, 'archive.sqlite');
    copyFileSync(join(FIXTURE, 'archive-v4.sqlite'), path);
    // Migration 0005 gave every report the scope 本级 ('own'); version 4 had no scope.
    const expected = withOwnScope(JSON.parse(readFileSync(join(FIXTURE, 'archive-v4.json'), 'utf8'))) as any; // eslint-disable-line @typescript-eslint/no-explicit-any -- a described archive, compared whole
    const clock = manualClock('2025-06-01T00:00:00Z');
    const store = await ArchiveStore.open(path, { clock });
    const a = store.archive;
    expect(describeArchive(a)).toEqual(expected);
    expect(store.backups().filter((b) => b.kind === 'before-upgrade')).toHaveLength(1);

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const full = db.prepare('SELECT count(*) AS n FROM revisions WHERE length(delta) > 2000').get() as { n: number };
    expect(full.n).toBe(0);
    db.close();

    // An old revision written under the unit's old name comes back under its present one.
    const history = a.history('乙镇人民政府', 2019);
    expect(a.revision('乙镇人民政府', 2019, 1).report.unit).toBe('乙镇');
    const restored = a.restoreRevision('乙镇人民政府', 2019, 1);
    expect(restored.revision).toBe(history[0].number + 1);
    expect(a.get('乙镇人民政府', 2019).report.values).toEqual(a.revision('乙镇人民政府', 2019, 1).report.values);
    expect(a.listUnits().map((u) => u.name)).not.toContain('乙镇');
    // A revision from before the migration is still what it was after another save.
    const before = expected.reports.find(
      (r: { stored: { unit: { name: string }; year: number } }) => r.stored.unit.name === '甲局' && r.stored.year === 2024,
    );
    a.save({ ...a.get('甲局', 2024).report, published: '2025-03-03' });
    expect(JSON.parse(JSON.stringify(a.revision('甲局', 2024, 2)))).toEqual(
      before.revisions[before.history.findIndex((h: { number: number }) => h.number === 2)],
    );
    store.close();
  });
});

/** The stored counts of every live report are what validating it now gives. */
function expectCountsTrue(a: Archive): void {
  for (const r of a.overview().reports) {
    const unit = a.listUnits().find((u) => u.id === r.unit_id)!;
    const n = countFindings(a.validateStored(unit.name, r.year).filter((f) => !f.dismissed));
    expect({ unit: unit.name, year: r.year, errors: r.error_count, warnings: r.warning_count }).toEqual({
      unit: unit.name,
      year: r.year,
      errors: n.error,
      warnings: n.warning,
    });
  }
}

describe('SQL lives only in src/main/db', () => {
  it('no other source file prepares a statement, runs a pragma or holds SQL text', () => {
    const src = join(__dirname, '..', '..', 'src');
    const files = (readdirSync(src, { recursive: true }) as string[]).filter(
      (f) => /\.(ts|tsx|js|mjs)$/.test(f) && !f.startsWith(join('main', 'db')),
    );
    expect(files.length).toBeGreaterThan(50);
    const SQL =
      /\.prepare\(|\.pragma\(|\bdb\.exec\(|new Database\(|\b(SELECT|INSERT INTO|DELETE FROM|CREATE (TABLE|INDEX|TRIGGER)|VACUUM|PRAGMA) |\bUPDATE \w+ SET\b/;
    const outside = files.flatMap((f) =>
      readFileSync(join(src, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (SQL.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(outside).toEqual([]);
  });
});

describe('one after-change path', () => {
  it('undeleting a year recounts the next year', async () => {
    const { archive: a } = await tempStore();
    a.save(unitReport('甲局', 2023, 1));
    a.save(unitReport('甲局', 2024, 2));
    const live = () => a.overview().reports.find((r) => r.year === 2024)!.warning_count;
    const withPrevious = live();
    a.delete('甲局', 2023);
    expect(live()).toBeLessThan(withPrevious);
    a.undelete('甲局', 2023);
    expect(live()).toBe(withPrevious);
    expectCountsTrue(a);
  });

  it('changing a unit’s kind recounts R11', async () => {
    const { archive: a } = await tempStore();
    a.save({ ...unitReport('甲县人民政府', 2024), unit_kind: 'government', published: '2025-02-10' });
    const warnings = () => a.overview().reports[0].warning_count;
    const asGovernment = warnings();
    a.updateUnit('甲县人民政府', { kind: 'department' });
    expect(warnings()).toBe(asGovernment + 1);
    expect(a.validateStored('甲县人民政府', 2024).map((f) => f.rule)).toContain('R11');
    a.updateUnit('甲县人民政府', { kind: 'government' });
    expect(warnings()).toBe(asGovernment);
    expectCountsTrue(a);
  });

  it('updateUnit(‘ 乙局 ’) finds 乙局 by its trimmed name, and a rename keeps every revision as it was', async () => {
    const { archive: a } = await tempStore();
    a.save({ ...unitReport('乙局', 2024), unit_kind: 'department' });
    a.save({ ...unitReport('乙局', 2024, 9), unit_kind: 'department' });
    const revisions = a.history('乙局', 2024).map((h) => a.revision('乙局', 2024, h.number));
    expect(a.updateUnit(' 乙局 ', { name: ' 乙局（新） ', kind: 'township' })).toMatchObject({ name: '乙局（新）', kind: 'township' });
    expect(a.history('乙局（新）', 2024).map((h) => a.revision('乙局（新）', 2024, h.number))).toEqual(revisions);
    expect(a.get('乙局（新）', 2024).report).toMatchObject({ unit: '乙局（新）', unit_kind: 'township' });
  });

  it('after every kind of change the stored counts are what validation says', async () => {
    const clock = manualClock();
    const { archive: a } = await tempStore(clock);
    const steps: [string, () => unknown][] = [
      ['save 2023', () => a.save(unitReport('甲局', 2023, 1))],
      ['save 2024', () => a.save(unitReport('甲局', 2024, 2))],
      ['save 2025', () => a.save(unitReport('甲局', 2025, 3))],
      [
        'change 2024',
        () =>
          a.save({
            ...unitReport('甲局', 2024, 2),
            values: { ...unitReport('甲局', 2024, 2).values, 'requests.carried_forward.total': 999 },
          }),
      ],
      ['delete 2024', () => a.delete('甲局', 2024)],
      ['undelete 2024', () => a.undelete('甲局', 2024)],
      ['restore 2024 r1', () => a.restoreRevision('甲局', 2024, 1)],
      ['kind', () => a.updateUnit('甲局', { kind: 'government' })],
      [
        'dismiss',
        () => {
          const w = a.validateStored('甲局', 2025).find((f) => f.severity === 'warning');
          if (w) a.dismiss('甲局', 2025, w, '撤回申请2件计入（六）3.其他，已与业务科室核对');
        },
      ],
      ['final', () => a.setStatus('甲局', 2025, 'final', { confirmErrors: true })],
      ['draft', () => a.setStatus('甲局', 2025, 'draft')],
      ['delete unit', () => a.deleteUnit('甲局')],
      ['undelete unit', () => a.undeleteUnit('甲局')],
      ['saveMany', () => a.saveMany([{ report: unitReport('乙局', 2023) }, { report: unitReport('乙局', 2024) }])],
    ];
    for (const [, step] of steps) {
      clock.advance(60_000);
      step();
      expectCountsTrue(a);
    }
  });
});
