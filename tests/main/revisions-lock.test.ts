// Issue 10, items 3, 4 and 6 on the server side: one revision per burst of editing plus named revisions, 定稿 as a
// lock on every write path, and deleting/restoring reports and units (with the next year's findings recounted).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, LockedError } from '../../src/main/errors';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import type { Host } from '../../src/main/host';
import { BURST_IDLE_MS } from '../../src/main/services/archive';
import { exportReport } from '../../src/main/services/export';
import { commitFiles, previewFile } from '../../src/main/services/import-preview';
import type { Report } from '../../src/shared/report';
import { manualClock, tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const unitReport = (unit: string, year: number, seed = year): Report => ({ ...consistentReport('gov2021', seed, year), unit });
const withValue = (r: Report, key: string, v: number): Report => ({ ...r, values: { ...r.values, [key]: v } });
const KEY = 'proactive.licensing.decisions';
const revisionRows = (path: string) => {
  const db = new Database(path, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n;
  db.close();
  return n;
};

describe('one revision per burst of editing', () => {
  it('amends the burst for saves of the same session close together, and keeps numbers increasing', async () => {
    const clock = manualClock();
    const store = await tempStore(clock);
    const a = store.archive;
    const r = unitReport('甲局', 2024);
    let rev = a.save(r, { session: 'A' }).revision;
    for (let i = 1; i <= 5; i++) {
      clock.advance(2_000);
      rev = a.save(withValue(r, KEY, i), { session: 'A', baseRevision: rev }).revision;
    }
    expect(rev).toBe(6);
    expect(a.history('甲局', 2024)).toEqual([{ number: 6, createdAt: clock.now().toISOString(), note: null }]);
    expect(revisionRows(store.path)).toBe(1);
    // The one revision holds the last content.
    expect(a.revision('甲局', 2024, 6).report.values[KEY]).toBe(5);
    store.close();
  });

  it('starts a new revision after an idle gap, for another session, and for a save without a session (CLI)', async () => {
    const clock = manualClock();
    const { archive: a } = await tempStore(clock);
    const r = unitReport('甲局', 2024);
    let rev = a.save(r, { session: 'A' }).revision;
    clock.advance(BURST_IDLE_MS + 1);
    rev = a.save(withValue(r, KEY, 1), { session: 'A', baseRevision: rev }).revision;
    clock.advance(1_000);
    rev = a.save(withValue(r, KEY, 2), { session: 'B', baseRevision: rev }).revision;
    clock.advance(1_000);
    rev = a.save(withValue(r, KEY, 3), { baseRevision: rev }).revision;
    clock.advance(1_000);
    a.save(withValue(r, KEY, 4), { baseRevision: rev });
    expect(a.history('甲局', 2024).map((h) => h.number)).toEqual([5, 4, 3, 2, 1]);
  });

  it('never merges named revisions, and a session does not amend across one', async () => {
    const clock = manualClock();
    const { archive: a } = await tempStore(clock);
    const r = unitReport('甲局', 2024);
    let rev = a.save(r, { session: 'A' }).revision;
    clock.advance(1_000);
    rev = a.save(withValue(r, KEY, 1), { session: 'A', note: '从 甲.xlsx 导入', baseRevision: rev }).revision;
    clock.advance(1_000);
    a.save(withValue(r, KEY, 2), { session: 'A', baseRevision: rev });
    clock.advance(1_000);
    a.setStatus('甲局', 2024, 'final');
    clock.advance(1_000);
    rev = a.setStatus('甲局', 2024, 'draft').revision;
    clock.advance(1_000);
    a.save(withValue(r, KEY, 3), { session: 'A', baseRevision: rev });
    clock.advance(1_000);
    a.restoreRevision('甲局', 2024, 2);
    expect(a.history('甲局', 2024).map((h) => [h.number, h.note])).toEqual([
      [7, '恢复为第 2 版'],
      [6, null],
      [5, '取消定稿'],
      [4, '定稿'],
      [3, null],
      [2, '从 甲.xlsx 导入'],
      [1, null],
    ]);
  });

  it('still detects a conflict within a burst: another writer’s save in between is not overwritten', async () => {
    const clock = manualClock();
    const { archive: a } = await tempStore(clock);
    const r = unitReport('甲局', 2024);
    const mine = a.save(r, { session: 'A' }).revision;
    clock.advance(1_000);
    const theirs = a.save(withValue(r, KEY, 22), { note: '命令行存入 x.json', baseRevision: mine }).revision;
    clock.advance(1_000);
    expect(() => a.save(withValue(r, KEY, 11), { session: 'A', baseRevision: mine })).toThrow(ConflictError);
    // Same session, the burst's revision was replaced by a later number: an old base from it is stale too.
    const b1 = a.save(withValue(r, KEY, 30), { session: 'B', baseRevision: theirs }).revision;
    clock.advance(1_000);
    const b2 = a.save(withValue(r, KEY, 31), { session: 'B', baseRevision: b1 }).revision;
    clock.advance(1_000);
    expect(() => a.save(withValue(r, KEY, 99), { session: 'C', baseRevision: b1 })).toThrow(/已被保存为第 4 版/);
    expect(a.get('甲局', 2024).report.values[KEY]).toBe(31);
    expect(b2).toBe(4);
  });

  it('a status change that is part of another recorded event (a 报送包) adds no revision', async () => {
    const { archive: a } = await tempStore();
    a.save(withValue(unitReport('甲局', 2024), 'requests.total.total', 999_999));
    expect(a.setStatus('甲局', 2024, 'final', { confirmErrors: true, recordRevision: false })).toEqual({ revision: 1 });
    expect(a.get('甲局', 2024).status).toBe('final');
    a.setStatus('甲局', 2024, 'draft', { recordRevision: false });
    expect(a.history('甲局', 2024).map((h) => h.number)).toEqual([1]);
  });

  it('a base from before 定稿/取消定稿 is still good: the content did not change', async () => {
    const { archive: a } = await tempStore();
    const r = unitReport('甲局', 2024);
    const base = a.save(r, { session: 'A' }).revision;
    a.setStatus('甲局', 2024, 'final');
    a.setStatus('甲局', 2024, 'draft');
    expect(a.save(withValue(r, KEY, 5), { session: 'A', baseRevision: base }).revision).toBe(4);
  });
});

describe('定稿 means locked', () => {
  const broken = () => withValue(unitReport('甲局', 2024), 'requests.total.total', 999_999);

  it('refuses 定稿 with errors unless confirmed, listing them; records the confirmation', async () => {
    const { archive: a } = await tempStore();
    a.save(broken());
    const errors = a.validateStored('甲局', 2024).filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    let message = '';
    try {
      a.setStatus('甲局', 2024, 'final');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(`还有 ${errors.length} 个错误`);
    for (const f of errors) expect(message).toContain(f.message);
    expect(a.get('甲局', 2024).status).toBe('draft');
    a.setStatus('甲局', 2024, 'final', { confirmErrors: true });
    expect(a.get('甲局', 2024).status).toBe('final');
    expect(a.history('甲局', 2024)[0].note).toBe(`定稿（已确认 ${errors.length} 个错误）`);
  });

  it('refuses saves, fills, restores, dismissals and undismissals of a 定稿 report with LockedError', async () => {
    const { archive: a } = await tempStore();
    const r = unitReport('甲局', 2024);
    // Published late: an R11 warning to dismiss.
    a.save({ ...r, unit_kind: 'department', published: '2025-03-01' });
    const r11 = a.validateStored('甲局', 2024).find((f) => f.rule === 'R11')!;
    a.dismiss('甲局', 2024, r11, '系统故障推迟发布，已报上级备案');
    a.setStatus('甲局', 2024, 'final');
    const rev = a.get('甲局', 2024).revision;
    const attempts: [string, () => unknown][] = [
      ['save', () => a.save(withValue(r, KEY, 1), { baseRevision: rev })],
      ['fill', () => a.save(withValue(a.get('甲局', 2024).report, KEY, 2), { session: 'A', baseRevision: rev })],
      ['restore', () => a.restoreRevision('甲局', 2024, 1)],
      ['undismiss', () => a.undismiss('甲局', 2024, r11)],
      ['dismiss', () => a.dismiss('甲局', 2024, r11, '系统故障推迟发布，已报上级备案')],
    ];
    for (const [what, attempt] of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error, what).toBeInstanceOf(LockedError);
      expect((error as Error).message, what).toMatch(/已定稿.*请先取消定稿/);
    }
    expect(a.get('甲局', 2024).revision).toBe(rev);
    expect(a.validateStored('甲局', 2024).find((f) => f.rule === 'R11')!.dismissed).toBeDefined();
  });

  it('reaches the page as kind “locked”, and the import plan says the report is locked', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.save({ ...unitReport('甲局', 2024), unit_kind: 'department' });
    const file = join(tempDir(), '甲局.xlsx');
    await exportReport(a, '甲局', 2024, file);
    // The archive moves on, so the file differs from it (an identical file would simply be skipped).
    a.save(withValue(a.get('甲局', 2024).report, KEY, 77));
    a.setStatus('甲局', 2024, 'final', { confirmErrors: true });
    const handlers = createHandlers(store, { kind: 'browser' } as Host);
    const f = a.validateStored('甲局', 2024)[0] ?? { rule: 'R8', cells: [] };
    const res = await dispatch(handlers, 'findings.undismiss', { unit: '甲局', year: 2024, finding: { rule: f.rule, cells: f.cells } });
    expect(res).toMatchObject({ ok: false, error: { kind: 'locked' } });
    const plan = (await previewFile(a, file)).plans[0];
    expect(plan.problems.join()).toMatch(/已定稿/);
    await expect(commitFiles(a, [{ file, plans: [{ index: 0 }] }])).rejects.toBeInstanceOf(LockedError);
    store.close();
  });
});

describe('deleting and restoring', () => {
  it('a report: the next year’s R5 findings are recounted both ways', async () => {
    const { archive: a } = await tempStore();
    a.save(unitReport('甲局', 2023, 1));
    a.save(unitReport('甲局', 2024, 2));
    const warnings = () => a.overview().reports.find((r) => r.year === 2024)!.warning_count;
    const rules = () => a.validateStored('甲局', 2024).map((f) => f.rule);
    const withPrevious = warnings();
    expect(rules()).toContain('R5');
    a.delete('甲局', 2023);
    expect(rules()).not.toContain('R5');
    expect(warnings()).toBeLessThan(withPrevious);
    expect(a.deleted()).toMatchObject({ units: [], reports: [{ unit: '甲局', year: 2023 }] });
    a.undelete('甲局', 2023);
    expect(warnings()).toBe(withPrevious);
    expect(a.deleted()).toEqual({ units: [], reports: [] });
  });

  it('a unit with its reports, in one step; restoring brings back exactly those', async () => {
    const clock = manualClock();
    const store = await tempStore(clock);
    const a = store.archive;
    a.save(unitReport('甲局', 2022));
    a.save(unitReport('甲局', 2023));
    a.save(unitReport('甲局', 2024));
    a.save(unitReport('乙局', 2024));
    a.delete('甲局', 2022); // deleted on its own before: stays deleted when the unit comes back
    clock.advance(60_000);
    expect(a.deleteUnit('甲局')).toEqual({ reports: 2 });
    expect(a.listUnits().map((u) => u.name)).toEqual(['乙局']);
    expect(a.overview().reports).toHaveLength(1);
    expect(a.deleted().units).toMatchObject([{ name: '甲局', reports: 2 }]);
    expect(a.deleted().reports).toEqual([]);
    expect(() => a.get('甲局', 2024)).toThrow(/已删除/);
    expect(() => a.save(unitReport('甲局', 2025))).toThrow(/已删除/);
    expect(() => a.addUnit({ name: '甲局', kind: 'department' })).toThrow(/已删除/);
    expect(() => a.undelete('甲局', 2022)).toThrow(/已删除/);
    expect(a.undeleteUnit('甲局')).toEqual({ reports: 2 });
    expect(
      a
        .overview()
        .reports.filter((r) => r.unit_id === a.unit('甲局').id)
        .map((r) => r.year),
    ).toEqual([2023, 2024]);
    expect(a.deleted().reports).toMatchObject([{ unit: '甲局', year: 2022 }]);
    store.close();
    // Kept on disk: a fresh open sees the same.
    const db = new Database(store.path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM units WHERE deleted_at IS NULL').get()).toEqual({ n: 2 });
    db.close();
  });

  it('saving over a deleted 定稿 report brings it back as a new draft', async () => {
    const { archive: a } = await tempStore();
    const r = unitReport('甲局', 2024);
    a.save(r);
    a.setStatus('甲局', 2024, 'final');
    a.delete('甲局', 2024);
    expect(a.save(withValue(r, KEY, 9), { note: '从 x.xlsx 导入' }).revision).toBe(3);
    expect(a.get('甲局', 2024)).toMatchObject({ status: 'draft', deleted: false });
  });

  it('through the app contract: delete, list, restore', async () => {
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2024));
    const h = createHandlers(store, { kind: 'browser' } as Host);
    expect(await dispatch(h, 'units.delete', { name: '甲局' })).toEqual({ ok: true, value: { reports: 1 } });
    expect(await dispatch(h, 'archive.deleted', {})).toMatchObject({ ok: true, value: { units: [{ name: '甲局', reports: 1 }] } });
    expect(await dispatch(h, 'units.undelete', { name: '甲局' })).toEqual({ ok: true, value: { reports: 1 } });
    expect(await dispatch(h, 'report.delete', { unit: '甲局', year: 2024 })).toEqual({ ok: true, value: null });
    expect(await dispatch(h, 'report.undelete', { unit: '甲局', year: 2024 })).toEqual({ ok: true, value: null });
    expect(store.archive.get('甲局', 2024).revision).toBe(1);
    store.close();
  });
});

describe('发布日期', () => {
  it('R11 runs on the stored date with the unit’s kind', async () => {
    const { archive: a } = await tempStore();
    const r = { ...unitReport('甲局', 2024), unit_kind: 'department' as const };
    a.save({ ...r, published: '2025-01-20' });
    expect(a.validateStored('甲局', 2024).map((f) => f.rule)).not.toContain('R11');
    a.save({ ...r, published: '2025-02-10' });
    const r11 = a.validateStored('甲局', 2024).find((f) => f.rule === 'R11')!;
    expect(r11.message).toContain('2025-02-10 晚于政府部门的年度报告的公布期限 2025-01-31');
  });

  it('an import override sets it, and R11 sees it in the preview', async () => {
    const { archive: a } = await tempStore();
    a.save({ ...unitReport('甲局', 2024), unit_kind: 'department' });
    const file = join(tempDir(), 'x.xlsx');
    await exportReport(a, '甲局', 2024, file);
    const plan = (await previewFile(a, file, [{ published: '2025-03-01' }])).plans[0];
    expect(plan.report.published).toBe('2025-03-01');
    expect(plan.findings.map((f) => f.rule)).toContain('R11');
  });
});
