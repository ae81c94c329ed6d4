// The import wizard's services: preview a file with the person's overrides, then write the chosen plans of many
// files in one transaction.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exportFlat, exportReport } from '../../src/main/services/export';
import { commitFiles, previewFile } from '../../src/main/services/import-preview';
import type { Archive } from '../../src/main/services/archive';
import { tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

const SAMPLE = join(SAMPLES_DIR, '2021-county-city-office.txt');
const dir = tempDir('nianbao-preview-');
let n = 0;
const path = (ext: string) => join(dir, `f${n++}${ext}`);

/** The archive's report of unit/year written to a workbook, with some cells changed. */
async function workbookOf(archive: Archive, unit: string, year: number, change: (ws: ExcelJS.Worksheet) => void = () => {}) {
  const file = path('.xlsx');
  await exportReport(archive, unit, year, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  change(wb.getWorksheet('二、主动公开政府信息情况')!);
  await wb.xlsx.writeFile(file);
  return file;
}

async function seeded() {
  const store = await tempStore();
  store.archive.save({ ...consistentReport('gov2021', 1, 2023), unit: '某县教育局', unit_kind: 'department' });
  return store;
}

const revisionCount = (a: Archive) =>
  a.overview().reports.reduce((sum, r) => sum + a.history(a.listUnits().find((u) => u.id === r.unit_id)!.name, r.year).length, 0);

describe('previewFile', () => {
  it('reads a published text without unit or year and lists its doubt, writing nothing', async () => {
    const store = await tempStore();
    const v = await previewFile(store.archive, SAMPLE);
    expect(v.error).toBeNull();
    expect(v.name).toBe('2021-county-city-office.txt');
    expect(v.plans).toHaveLength(1);
    const [p] = v.plans;
    expect(p.status).toBe('needs_attention');
    expect(p.problems).toEqual([
      '文件中没有写明单位，请指定单位',
      '文件中没有写明年度，请指定年度',
      '1 处数字无法确定位置或读法，需要人工确认',
    ]);
    expect(p.report.doubts).toHaveLength(1);
    expect(p.report.doubts![0].cells).toContain('appeals.review.upheld');
    expect(p.report.doubts![0].message).toMatch(/表四/);
    expect(p.provenance['requests.new.natural_person']).toMatch(/^第 \d+ 行$/);
    expect(p.report.values['requests.new.natural_person']).toBe(13);
    expect(p.existing).toBeNull();
    expect(p.diff).toBeNull();
    expect(store.archive.listUnits()).toEqual([]);
    store.close();
  });

  it('overrides give unit, year and the doubtful cells; the doubt resolves only when all its cells are given', async () => {
    const store = await tempStore();
    const cells = (await previewFile(store.archive, SAMPLE)).plans[0].report.doubts![0].cells;
    const some = { 'appeals.review.upheld': 1, 'appeals.review.total': 1 };
    const partial = (await previewFile(store.archive, SAMPLE, [{ unit: '某市某局', year: 2021, values: some }])).plans[0];
    expect(partial.problems).toEqual(['1 处数字无法确定位置或读法，需要人工确认']);
    expect(partial.report.unit).toBe('某市某局');
    expect(partial.report.values['appeals.review.upheld']).toBe(1);

    const all = Object.fromEntries(cells.map((k) => [k, some[k as keyof typeof some] ?? 0]));
    const ready = (await previewFile(store.archive, SAMPLE, [{ unit: '某市某局', year: 2021, unitKind: 'department', values: all }]))
      .plans[0];
    expect(ready.status).toBe('ready');
    expect(ready.problems).toEqual([]);
    expect(ready.report.doubts).toBeUndefined();
    expect(ready.report.unit_kind).toBe('department');
    store.close();
  });

  it('a typed value that does not fit its cell is a problem; a cell the template lacks is refused', async () => {
    const store = await tempStore();
    const v = await previewFile(store.archive, SAMPLE, [{ unit: '甲', year: 2021, values: { 'appeals.review.upheld': -1 } }]);
    expect(v.plans[0].status).toBe('needs_attention');
    expect(v.plans[0].problems).toContain('行政复议·结果维持：不能为负数，填的是 -1');
    await expect(previewFile(store.archive, SAMPLE, [{ values: { 'no.such.cell': 1 } }])).rejects.toThrow(
      '“no.such.cell”不是 gov2021 表样中的单元格',
    );
    store.close();
  });

  it('reads a workbook exported from the archive: identical, then changed with the difference cell by cell', async () => {
    const store = await seeded();
    const a = store.archive;
    const same = await previewFile(a, await workbookOf(a, '某县教育局', 2023));
    expect(same.plans[0]).toMatchObject({ status: 'ready', unchanged: true, existing: { revision: 1, status: 'draft' } });
    expect(same.plans[0].diff).toEqual({ cells: [], texts: [], fields: [] });

    const before = a.get('某县教育局', 2023).report.values['proactive.regulations.issued'];
    const file = await workbookOf(a, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 7777));
    const changed = (await previewFile(a, file)).plans[0];
    expect(changed.unchanged).toBe(false);
    expect(changed.status).toBe('ready');
    expect(changed.diff!.cells).toEqual([{ key: 'proactive.regulations.issued', name: '规章（本年制发件数）', before, after: 7777 }]);
    expect(changed.provenance['proactive.regulations.issued']).toBe('二、主动公开政府信息情况!B3');
    expect(a.get('某县教育局', 2023).revision).toBe(1);

    // The same workbook claimed for another year is a new report.
    const other = (await previewFile(a, file, [{ year: 2024 }])).plans[0];
    expect(other).toMatchObject({ existing: null, diff: null, status: 'ready', unchanged: false });
    store.close();
  });

  it('a file that is not a report comes back with a Chinese reason instead of plans', async () => {
    const store = await tempStore();
    const txt = path('.txt');
    writeFileSync(txt, '今天开会，讨论明年的工作安排。');
    const csv = path('.csv');
    writeFileSync(csv, '姓名,工资\n张三,5000\n');
    const t = await previewFile(store.archive, txt);
    expect(t.plans).toEqual([]);
    expect(t.error).toMatch(/没有找到政府信息公开工作年度报告/);
    expect((await previewFile(store.archive, csv)).error).toMatch(/^不支持的文件类型“\.csv”/);
    store.close();
  });

  it('a 定稿 report in the archive needs attention', async () => {
    const store = await seeded();
    const file = await workbookOf(store.archive, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 1));
    store.archive.setStatus('某县教育局', 2023, 'final');
    const p = (await previewFile(store.archive, file)).plans[0];
    expect(p.status).toBe('needs_attention');
    expect(p.problems).toEqual(['档案中“某县教育局”2023 年的报告已定稿，需先取消定稿才能导入']);
    await expect(commitFiles(store.archive, [{ file, plans: [{ index: 0 }] }])).rejects.toThrow(/已定稿/);
    store.close();
  });
});

describe('commitFiles', () => {
  it('writes the chosen plans of several files, with the overrides applied again from the files', async () => {
    const store = await seeded();
    const a = store.archive;
    const changed = await workbookOf(a, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 4321));
    const cells = (await previewFile(a, SAMPLE)).plans[0].report.doubts![0].cells;
    const values = Object.fromEntries(cells.map((k) => [k, k === 'appeals.review.upheld' || k === 'appeals.review.total' ? 1 : 0]));
    const saved = await commitFiles(a, [
      { file: changed, plans: [{ index: 0 }] },
      { file: SAMPLE, plans: [{ index: 0, overrides: { unit: '某市某局', year: 2021, unitKind: 'department', values } }] },
    ]);
    expect(saved).toEqual([
      { file: changed, unit: '某县教育局', year: 2023, revision: 2 },
      { file: SAMPLE, unit: '某市某局', year: 2021, revision: 1 },
    ]);
    expect(a.get('某县教育局', 2023).report.values['proactive.regulations.issued']).toBe(4321);
    const stored = a.get('某市某局', 2021);
    expect(stored.report.values['appeals.review.upheld']).toBe(1);
    expect(stored.report.values['appeals.litigation_direct.total']).toBe(0);
    expect(stored.report.values['requests.new.natural_person']).toBe(13);
    expect(stored.source).toEqual({ kind: 'text', file: SAMPLE });
    expect(a.unit('某市某局').kind).toBe('department');
    store.close();
  });

  it('writes nothing when a later item cannot be written', async () => {
    const store = await seeded();
    const a = store.archive;
    const good = await workbookOf(a, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 999));
    const junk = path('.txt');
    writeFileSync(junk, '随便写的几句话，不是年报。');
    const attempts: [string, Parameters<typeof commitFiles>[1][number], RegExp][] = [
      ['still needs attention', { file: SAMPLE, plans: [{ index: 0 }] }, /没有单位或年度|请指定/],
      ['not a report', { file: junk, plans: [{ index: 0 }] }, /没有找到政府信息公开工作年度报告/],
      ['a plan that is not there', { file: good, plans: [{ index: 3 }] }, /中没有第 4 份报告/],
    ];
    for (const [, second, message] of attempts) {
      await expect(commitFiles(a, [{ file: good, plans: [{ index: 0 }] }, second])).rejects.toThrow(message);
      expect(a.get('某县教育局', 2023).revision).toBe(1);
    }
    expect(revisionCount(a)).toBe(1);
    store.close();
  });

  it('rolls back the first report when the archive fails while writing the second', async () => {
    const store = await seeded();
    const a = store.archive;
    const first = await workbookOf(a, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 555));
    a.save({ ...consistentReport('gov2021', 2, 2023), unit: '某县财政局' });
    const second = await workbookOf(a, '某县财政局', 2023, (ws) => (ws.getCell('B3').value = 666));
    // The failure happens inside the transaction, after the first report was written in it.
    const inner = a.reportsService as unknown as { saveInTransaction: (...args: unknown[]) => unknown };
    const original = inner.saveInTransaction.bind(inner);
    let calls = 0;
    const spy = vi.spyOn(inner, 'saveInTransaction').mockImplementation((...args: unknown[]) => {
      if (++calls === 2) throw new Error('磁盘已满');
      return original(...args);
    });
    await expect(
      commitFiles(a, [
        { file: first, plans: [{ index: 0 }] },
        { file: second, plans: [{ index: 0 }] },
      ]),
    ).rejects.toThrow('磁盘已满');
    spy.mockRestore();
    expect(calls).toBe(2);
    expect(a.get('某县教育局', 2023).revision).toBe(1);
    expect(a.get('某县教育局', 2023).report.values['proactive.regulations.issued']).not.toBe(555);
    expect(a.get('某县财政局', 2023).revision).toBe(1);
    store.close();
  });

  it('refuses the same unit and year twice', async () => {
    const store = await seeded();
    const a = store.archive;
    const one = await workbookOf(a, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 1));
    const two = await workbookOf(a, '某县教育局', 2023, (ws) => (ws.getCell('B3').value = 2));
    await expect(
      commitFiles(a, [
        { file: one, plans: [{ index: 0 }] },
        { file: two, plans: [{ index: 0 }] },
      ]),
    ).rejects.toThrow(/是同一单位、同一年度（某县教育局 2023 年）的报告，只能导入其中一份/);
    expect(a.get('某县教育局', 2023).revision).toBe(1);
    // A different year for the second makes them two reports.
    const saved = await commitFiles(a, [
      { file: one, plans: [{ index: 0 }] },
      { file: two, plans: [{ index: 0, overrides: { year: 2024 } }] },
    ]);
    expect(saved.map((s) => [s.year, s.revision])).toEqual([
      [2023, 2],
      [2024, 1],
    ]);
    expect(a.get('某县教育局', 2024).report.values['proactive.regulations.issued']).toBe(2);
    store.close();
  });

  it('skips plans the archive already holds, and writes only the chosen plans of a flat workbook', async () => {
    const store = await seeded();
    const a = store.archive;
    a.save({ ...consistentReport('gov2021', 2, 2024), unit: '某县教育局' });
    a.save({ ...consistentReport('gov2021', 3, 2023), unit: '某县财政局' });
    const same = await workbookOf(a, '某县教育局', 2023);
    expect(await commitFiles(a, [{ file: same, plans: [{ index: 0 }] }])).toEqual([]);
    expect(a.get('某县教育局', 2023).revision).toBe(1);

    const flat = path('.xlsx');
    expect(await exportFlat(a, flat)).toBe(3);
    const view = await previewFile(a, flat);
    expect(view.plans).toHaveLength(3);
    expect(view.plans.every((p) => p.unchanged)).toBe(true);
    const index = view.plans.findIndex((p) => p.report.unit === '某县财政局');
    // Moved to another year: a new report from one row of the sheet; the other rows are not written.
    const saved = await commitFiles(a, [{ file: flat, plans: [{ index, overrides: { year: 2022 } }] }]);
    expect(saved).toEqual([{ file: flat, unit: '某县财政局', year: 2022, revision: 1 }]);
    expect(a.get('某县财政局', 2022).report.values).toEqual(a.get('某县财政局', 2023).report.values);
    expect(revisionCount(a)).toBe(4);
    store.close();
  });
});
