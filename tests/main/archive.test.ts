import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../src/main/db/migrations';
import { ConflictError } from '../../src/main/errors';
import { checkBackupFile } from '../../src/main/services/store';
import { emptyReport, parseReport, type Report } from '../../src/shared/report';
import { fileHash, manualClock, tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';
import { loadSamples } from '../helpers/samples';

const count = (db: Database.Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const unitReport = (unit: string, year: number, seed = year): Report => ({ ...consistentReport('gov2021', seed, year), unit });

describe('saving and reading reports', () => {
  it('reads back exactly what was saved: numbers, blanks, 不适用, texts', async () => {
    const { archive } = await tempStore();
    const r = unitReport('焦虎镇人民政府', 2024);
    r.values['requests.partial.research'] = null;
    r.values['proactive.regulations.issued'] = '不适用';
    r.values['proactive.fees.amount'] = 317.29;
    r.published = '2025-01-20';
    archive.save(r);
    const got = archive.get('焦虎镇人民政府', 2024);
    expect(got.report.values).toEqual(r.values);
    expect(got.report.sections).toEqual(r.sections);
    expect(got.report.published).toBe('2025-01-20');
    expect(got.revision).toBe(1);
    expect(got.status).toBe('draft');
  });

  it('stores a legacy report with its appendix rows', async () => {
    const { archive } = await tempStore();
    const sample = loadSamples().find((s) => s.expected.template === 'legacy')!;
    const parsed = parseReport(sample.expected);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    archive.save(parsed.report);
    expect(archive.get('晋安区', 2018).report.legacy).toEqual(sample.expected.legacy);
  });

  it('creates the unit on first save, and refuses a report without unit or year', async () => {
    const { archive } = await tempStore();
    archive.save({ ...unitReport('某县人民政府', 2024), unit_kind: 'government' });
    expect(archive.listUnits()).toMatchObject([{ name: '某县人民政府', kind: 'government' }]);
    expect(() => archive.save({ ...unitReport('x', 2024), unit: null })).toThrow('没有写明单位');
    expect(() => archive.save({ ...unitReport('x', 2024), year: null })).toThrow('没有写明年度');
  });

  it('refuses a stale save and keeps the newer work', async () => {
    const { archive } = await tempStore();
    const r = unitReport('甲局', 2024);
    archive.save(r);
    const mine = { ...r, values: { ...r.values, 'proactive.licensing.decisions': 11 } };
    const theirs = { ...r, values: { ...r.values, 'proactive.licensing.decisions': 22 } };
    expect(archive.save(theirs, { baseRevision: 1 }).revision).toBe(2);
    let error: unknown;
    try {
      archive.save(mine, { baseRevision: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('已被保存为第 2 版');
    expect(archive.get('甲局', 2024).report.values['proactive.licensing.decisions']).toBe(22);
    expect(archive.history('甲局', 2024)).toHaveLength(2);
  });

  it('refuses a bad report and writes nothing', async () => {
    const store = await tempStore();
    const r = unitReport('甲局', 2024);
    store.archive.save(r);
    const bad = { ...r, values: { ...r.values, 'requests.new.total': -1 } };
    expect(() => store.archive.save(bad)).toThrow('不能为负数');
    const db = new Database(store.path, { readonly: true });
    expect(count(db, 'revisions')).toBe(1);
    db.close();
    expect(store.archive.get('甲局', 2024).report.values['requests.new.total']).toBe(r.values['requests.new.total']);
  });

  it('saveMany is all-or-nothing', async () => {
    const { archive } = await tempStore();
    const good = [unitReport('甲', 2023), unitReport('乙', 2023)];
    const bad = { ...unitReport('丙', 2023), year: null };
    expect(() => archive.saveMany([...good, bad].map((report) => ({ report })))).toThrow();
    expect(archive.overview().reports).toHaveLength(0);
    expect(archive.listUnits()).toHaveLength(0);
    archive.saveMany(good.map((report) => ({ report })));
    expect(archive.overview().reports).toHaveLength(2);
  });

  it('locks a 定稿 report until it is set back to 草稿', async () => {
    const { archive } = await tempStore();
    const r = unitReport('甲局', 2024);
    archive.save(r);
    archive.setStatus('甲局', 2024, 'final');
    expect(() => archive.save(r)).toThrow('已定稿');
    archive.setStatus('甲局', 2024, 'draft');
    // 定稿 and 取消定稿 are revisions 2 and 3.
    expect(archive.save(r).revision).toBe(4);
  });

  it('deletes restorably', async () => {
    const { archive } = await tempStore();
    archive.save(unitReport('甲局', 2024));
    archive.delete('甲局', 2024);
    expect(() => archive.get('甲局', 2024)).toThrow('档案中没有“甲局”2024 年的报告');
    expect(archive.overview().reports).toHaveLength(0);
    expect(archive.deleted()).toMatchObject({ units: [], reports: [{ unit: '甲局', year: 2024 }] });
    archive.undelete('甲局', 2024);
    expect(archive.get('甲局', 2024).revision).toBe(1);
  });
});

describe('overview', () => {
  it('lists units × years with status and error/warning counts', async () => {
    const { archive } = await tempStore();
    archive.save(unitReport('甲局', 2023));
    const broken = unitReport('甲局', 2024);
    broken.values['requests.total.total'] = 999_999;
    archive.save(broken);
    archive.save(unitReport('乙局', 2024));
    archive.setStatus('乙局', 2024, 'final');
    const o = archive.overview();
    expect(o.years).toEqual([2023, 2024]);
    expect(o.units.map((u) => u.name)).toEqual(['乙局', '甲局']);
    const row = (unit: string, year: number) =>
      o.reports.find((r) => r.year === year && o.units.find((u) => u.id === r.unit_id)?.name === unit)!;
    expect(row('甲局', 2024).error_count).toBeGreaterThan(0);
    expect(row('乙局', 2024)).toMatchObject({ status: 'final', error_count: 0 });
  });
});

describe('history', () => {
  it('lists revisions, shows the difference, and restores an old one as a new revision', async () => {
    const clock = manualClock();
    const { archive } = await tempStore(clock);
    const r = unitReport('甲局', 2024);
    archive.save(r, { note: '初稿' });
    clock.advance(60_000);
    const changed = {
      ...r,
      values: { ...r.values, 'proactive.penalty.decisions': 7 },
      sections: { ...r.sections, other: '本年度收取信息处理费0.5万元。' },
    };
    archive.save(changed, { note: '改处罚数' });
    expect(archive.history('甲局', 2024)).toEqual([
      { number: 2, createdAt: '2026-03-01T08:01:00.000Z', note: '改处罚数' },
      { number: 1, createdAt: '2026-03-01T08:00:00.000Z', note: '初稿' },
    ]);
    const d = archive.diff('甲局', 2024, 1, 2);
    expect(d.cells).toEqual([
      {
        key: 'proactive.penalty.decisions',
        name: '行政处罚（本年处理决定数量）',
        before: r.values['proactive.penalty.decisions'],
        after: 7,
      },
    ]);
    expect(d.texts).toEqual([
      { key: 'other', heading: '六、其他需要报告的事项', before: r.sections.other, after: '本年度收取信息处理费0.5万元。' },
    ]);
    const restored = archive.restoreRevision('甲局', 2024, 1);
    expect(restored.revision).toBe(3);
    expect(archive.get('甲局', 2024).report.values).toEqual(r.values);
    expect(archive.history('甲局', 2024)[0].note).toBe('恢复为第 1 版');
  });
});

describe('cross-year', () => {
  it('validates with the previous year automatically and refreshes next year’s counts', async () => {
    const { archive } = await tempStore();
    const y2024 = unitReport('甲局', 2024, 5);
    archive.save(y2024);
    const warningsAlone = archive.overview().reports[0].warning_count;
    archive.save(unitReport('甲局', 2023, 6));
    expect(archive.validateStored('甲局', 2024).some((f) => f.rule === 'R5')).toBe(true);
    const after = archive.overview().reports.find((r) => r.year === 2024)!;
    expect(after.warning_count).toBeGreaterThan(warningsAlone);
  });

  it('pre-fills a new report’s 上年结转 from last year’s 结转下年度, column by column, marked as pre-filled', async () => {
    const { archive } = await tempStore();
    const last = unitReport('甲局', 2024);
    last.values['requests.carried_forward.research'] = null;
    archive.save(last);
    const { report, provenance } = archive.draft('甲局', 2025);
    expect(report.template).toBe('gov2021');
    for (const col of ['natural_person', 'commercial', 'social_org', 'legal_service', 'other_org', 'total']) {
      expect(report.values[`requests.carried_over.${col}`]).toBe(last.values[`requests.carried_forward.${col}`]);
      expect(provenance[`requests.carried_over.${col}`]).toBe('上年结转：2024 年报告第四项结转下年度继续办理');
    }
    expect(report.values['requests.carried_over.research']).toBeNull();
    expect(provenance['requests.carried_over.research']).toBeUndefined();
    expect(report.values['requests.new.total']).toBeNull();
    archive.save(report, { provenance });
    expect(archive.get('甲局', 2025).provenance['requests.carried_over.total']).toContain('上年结转');
    expect(() => archive.draft('甲局', 2025)).toThrow('已经存在');
    expect(archive.draft('甲局', 2020).report.template).toBe('gov2019');
  });
});

describe('dismissed warnings', () => {
  it('needs a real reason, never dismisses errors, and can be undone', async () => {
    const { archive } = await tempStore();
    const r = unitReport('甲局', 2024);
    r.sections.other = '无';
    r.values['requests.total.total'] = 999_999;
    archive.save(r);
    const findings = archive.validateStored('甲局', 2024);
    const r8 = findings.find((f) => f.rule === 'R8')!;
    const r2 = findings.find((f) => f.severity === 'error')!;
    expect(() => archive.dismiss('甲局', 2024, r2, '这是我们单位的特殊情况需要说明')).toThrow('是错误，不能忽略');
    expect(() => archive.dismiss('甲局', 2024, r8, '核实无误')).toThrow('仅写“核实无误”不够');
    expect(() => archive.dismiss('甲局', 2024, r8, '  经核实，数据无误。')).toThrow('不够');
    const before = archive.overview().reports[0].warning_count;
    archive.dismiss('甲局', 2024, r8, '本单位不收取信息处理费，已在第一部分说明');
    const dismissed = archive.validateStored('甲局', 2024).find((f) => f.rule === 'R8')!;
    expect(dismissed.dismissed?.reason).toBe('本单位不收取信息处理费，已在第一部分说明');
    expect(archive.overview().reports[0].warning_count).toBe(before - 1);
    archive.undismiss('甲局', 2024, r8);
    expect(archive.validateStored('甲局', 2024).find((f) => f.rule === 'R8')!.dismissed).toBeUndefined();
    expect(archive.overview().reports[0].warning_count).toBe(before);
  });
});

describe('full-text search', () => {
  it('finds words with highlighted snippets (more cases in search.test.ts)', async () => {
    const { archive } = await tempStore();
    const r = unitReport('甲局', 2024);
    r.sections.problems = '存在的主要问题：政务公开人才队伍建设相对滞后，兼职人员多。改进情况：加强培训。';
    archive.save(r);
    archive.save({ ...unitReport('乙局', 2023), sections: { overall: '依申请公开办理规范。' } });
    const { hits } = archive.search('人才队伍');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ unit: '甲局', year: 2024, section: 'problems', count: 1 });
    expect(hits[0].parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['人才队伍']);
    expect(hits[0].parts.map((p) => p.text).join('')).toContain('政务公开人才队伍建设');
    const found = archive.search('公开').hits.map((h) => `${h.year}:${h.unit}`);
    expect(found.at(-1)).toBe('2023:乙局');
    expect(found.slice(0, -1).every((h) => h === '2024:甲局')).toBe(true);
  });
});

describe('backup and restore', () => {
  it('backs up through the SQLite backup API and restores after checking, keeping a safety copy', async () => {
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2023));
    const file = join(tempDir(), '备份.sqlite');
    const b = await store.backupTo(file);
    expect(b.size).toBeGreaterThan(0);
    expect(checkBackupFile(file)).toEqual({ version: LATEST_VERSION, units: 1, reports: 1 });
    store.archive.save(unitReport('乙局', 2024));
    const r = await store.restoreFrom(file);
    expect(r.check.reports).toBe(1);
    expect(store.archive.overview().reports).toHaveLength(1);
    expect(checkBackupFile(r.safetyCopy).reports).toBe(2);
    await store.backupNow();
    await store.dailyBackup();
    expect(
      store
        .backups()
        .map((x) => x.kind)
        .sort(),
    ).toEqual(['before-restore', 'daily', 'manual']);
    // The restored archive is writable and consistent.
    store.archive.save(unitReport('丙局', 2024));
    expect(store.archive.overview().reports).toHaveLength(2);
    store.close();
  });

  it('refuses a file that is not our database, a truncated one, and one from a newer version; the archive is untouched', async () => {
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2023));
    const dir = tempDir();
    const notDb = join(dir, 'x.sqlite');
    writeFileSync(notDb, 'hello');
    const good = join(dir, 'good.sqlite');
    await store.backupTo(good);
    const truncated = join(dir, 'truncated.sqlite');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(good);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const future = join(dir, 'future.sqlite');
    await store.backupTo(future);
    const f = new Database(future);
    f.pragma('user_version = 42');
    f.close();
    const other = join(dir, 'other.sqlite');
    new Database(other).exec('CREATE TABLE t(x)');
    for (const [file, message] of [
      [notDb, /不是可用的 SQLite 数据库|不是本程序的档案备份/],
      [truncated, /已损坏|完整性检查|无法读取|不是可用的/],
      [future, /由更新版本的程序写入/],
      [other, /不是本程序的档案备份/],
      [join(dir, 'missing.sqlite'), /找不到备份文件/],
      [store.path, /就是当前正在使用的档案/],
    ] as const) {
      await expect(store.restoreFrom(file)).rejects.toThrow(message);
    }
    expect(store.archive.overview().reports).toHaveLength(1);
    expect(store.backups().filter((b) => b.file.includes('before-restore'))).toHaveLength(0);
    store.close();
  });

  it('refuses to overwrite a file that is not one of our backups', async () => {
    const store = await tempStore();
    const file = join(tempDir(), '报告.docx');
    writeFileSync(file, '重要文件');
    const before = fileHash(file);
    await expect(store.backupTo(file)).rejects.toThrow('已存在且不是本程序的备份');
    expect(fileHash(file)).toBe(before);
    store.close();
  });

  it('keeps one automatic backup a day, the newest N', async () => {
    const clock = manualClock('2026-01-01T09:00:00Z');
    const store = await tempStore(clock);
    store.archive.save(unitReport('甲局', 2024));
    for (let d = 0; d < 5; d++) {
      expect(await store.dailyBackup(3)).toMatch(/archive-2026-01-0\d\.sqlite$/);
      expect(await store.dailyBackup(3)).toBeNull(); // same day: nothing new
      clock.advance(24 * 3600 * 1000);
    }
    expect(store.backups().map((b) => b.file.slice(-21))).toEqual(
      ['archive-2026-01-05.sqlite', 'archive-2026-01-04.sqlite', 'archive-2026-01-03.sqlite'].map((s) => s.slice(-21)),
    );
    store.close();
  });

  it('starts an empty archive without reports', async () => {
    const { archive } = await tempStore();
    expect(archive.overview()).toEqual({ units: [], years: [], reports: [] });
    expect(emptyReport('gov2021').template).toBe('gov2021');
  });
});
