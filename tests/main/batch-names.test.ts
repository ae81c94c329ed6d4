// The collecting office's batch: a unit's name written a little differently must not add a second unit beside
// the real one, and a workbook of another year among forty of one year is held back with the reason.
import ExcelJS from 'exceljs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/main/services/batch-import';
import { exportSummary } from '../../src/main/collect/exports';
import { commitFiles, previewFile } from '../../src/main/services/import-preview';
import { buildRows, type FileEntry } from '../../src/renderer/src/components/import/model';
import { tempDir, tempStore } from '../helpers/archive';
import { handmadeWorkbook } from '../helpers/handmade';
import { consistentReport } from '../helpers/random-report';

const dir = tempDir('nianbao-batch-names-');
let n = 0;
async function workbook(unit: string, year: number, seed: number): Promise<string> {
  const r = { ...consistentReport('gov2021', seed, year), unit };
  const wb: ExcelJS.Workbook = handmadeWorkbook(r, { rowOffset: 2, title: `${unit}${year}年政府信息公开工作年度报告` });
  const path = join(dir, `${n++}-${unit}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('unit names in a batch', () => {
  it('a name written differently is held back with the archive’s near names; a new name or a confirmed one goes in', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: '某区人民政府', kind: 'government' });
    for (const u of ['某区住房和城乡建设局', '某区交通运输局', '某区教育局'])
      a.addUnit({ name: u, kind: 'department', parent: '某区人民政府' });
    const short = await workbook('区住房和城乡建设局', 2024, 1);
    const stamped = await workbook('某区 交通运输局（盖章）', 2024, 2);
    const fresh = await workbook('某区数据局', 2024, 3);
    const exact = await workbook('某区教育局', 2024, 4);

    const results = await importFiles(a, [short, stamped, fresh, exact], { dryRun: true });
    expect(results.map((r) => r.status)).toEqual(['needs_attention', 'needs_attention', 'ready', 'ready']);
    expect(results[0].reason).toBe(
      '档案中没有单位“区住房和城乡建设局”，与已有的“某区住房和城乡建设局”相近：如是同一单位，请把单位改为档案中的写法；如确是新单位，请在单位一栏确认这个名称',
    );
    expect(results[1].plans[0].nearUnits).toEqual(['某区交通运输局']);

    // The app's preview names them for the buttons; the name the person chose (the archive's, or the file's confirmed) goes in.
    expect((await previewFile(a, short)).plans[0].nearUnits).toEqual(['某区住房和城乡建设局']);
    expect((await previewFile(a, short, [{ unit: '某区住房和城乡建设局' }])).plans[0].status).toBe('ready');
    expect((await previewFile(a, stamped, [{ unit: '某区 交通运输局（盖章）' }])).plans[0].status).toBe('ready');

    // Imported as the batch stands: the two held back are not written, no second unit appears.
    const done = await importFiles(a, [short, stamped, fresh, exact]);
    expect(done.map((r) => r.status)).toEqual(['needs_attention', 'needs_attention', 'imported', 'imported']);
    expect(
      a
        .listUnits()
        .map((u) => u.name)
        .sort(),
    ).toEqual(['某区人民政府', '某区住房和城乡建设局', '某区交通运输局', '某区教育局', '某区数据局'].sort());
    store.close();
  });
});

describe('a workbook of another year in the batch', () => {
  it('is said per file; held back until its year is confirmed only when it would change a stored report', async () => {
    const store = await tempStore();
    const a = store.archive;
    // 司法局's 2023 report is in the archive; 财政局 has none for 2023.
    a.save({ ...consistentReport('gov2021', 90, 2023), unit: '某区司法局' });
    const files = [
      await workbook('某区教育局', 2024, 11),
      await workbook('某区公安局', 2024, 12),
      await workbook('某区民政局', 2024, 13),
      await workbook('某区司法局', 2023, 14),
      await workbook('某区财政局', 2023, 15),
      await workbook('某区档案局', 2024, 16),
      await workbook('某区统计局', 2024, 17),
      await workbook('某区审计局', 2024, 18),
    ];
    const why =
      '这是 2023 年的报告，而本批其他文件都是 2024 年的；导入会改动档案中已有的 2023 年报告：如确要改动，请在年度一栏确认 2023；如是 2024 年的，请把年度改为 2024';
    const note = '注意：这是 2023 年的报告（本批其他文件都是 2024 年的），将存为 2023 年的报告';
    const before = a.get('某区司法局', 2023).revision;
    const results = await importFiles(a, files);
    expect(results.map((r) => r.status)).toEqual([...Array(3).fill('imported'), 'needs_attention', ...Array(4).fill('imported')]);
    expect(results[3].reason).toBe(why);
    expect(a.get('某区司法局', 2023).revision).toBe(before);
    expect(a.find('某区财政局', 2023)).toBeDefined();

    // The wizard's list says the same (on a fresh archive state for 财政局: its 2023 report is new there too).
    a.delete('某区财政局', 2023);
    const entries: FileEntry[] = await Promise.all(
      files.map(async (file) => ({ file, name: basename(file), view: await previewFile(a, file), overrides: [], failure: null })),
    );
    const rows = buildRows(entries, new Set());
    expect([rows[3].status, rows[3].reasons, rows[3].otherYear, rows[3].note]).toEqual(['attention', [why], 2023, null]);
    expect([rows[4].status, rows[4].reasons, rows[4].otherYear, rows[4].note]).toEqual(['ready', [], null, note]);
    entries[3] = { ...entries[3], overrides: [{ year: 2023 }], view: await previewFile(a, files[3], [{ year: 2023 }]) };
    expect(buildRows(entries, new Set())[3].status).toBe('ready');

    // A unit's reports of many years are no batch of one year: nothing is held back or noted.
    const history = [2019, 2020, 2021, 2022, 2023].map((y, i) => workbook('某区档案局', y, 20 + i));
    expect((await importFiles(a, await Promise.all(history), { dryRun: true })).map((r) => r.status)).toEqual(Array(5).fill('ready'));
    store.close();
  });
});

describe('the 全区汇总 workbook brought back', () => {
  it('is offered as the parent’s 全区 report instead of adding a unit “…（汇总）”', async () => {
    const store = await tempStore();
    const a = store.archive;
    a.addUnit({ name: '某区人民政府', kind: 'government' });
    for (const [i, u] of ['某区教育局', '某区公安局'].entries()) {
      a.addUnit({ name: u, kind: 'department', parent: '某区人民政府' });
      a.save({ ...consistentReport('gov2021', 40 + i, 2024), unit: u });
    }
    const file = join(dir, '汇总.xlsx');
    await exportSummary(a, { year: 2024, parent: '某区人民政府' }, file);
    const view = await previewFile(a, file);
    expect(view.plans[0].report.unit).toBe('某区人民政府（汇总）');
    expect(view.plans[0].status).toBe('needs_attention');
    expect(view.plans[0].nearUnits).toEqual(['某区人民政府']);
    expect(view.plans[0].problems).toContain(
      '这是“某区人民政府”下级单位的汇总表：作为“某区人民政府”2024年的全区报告导入时，请把单位改为“某区人民政府”；如要另存为一个单位，请在单位一栏确认这个名称',
    );
    await commitFiles(a, [{ file, plans: [{ index: 0, overrides: { unit: '某区人民政府' } }] }]);
    const stored = a.get('某区人民政府', 2024);
    expect(stored.report.scope).toBe('aggregate');
    expect(stored.report.values['requests.new.total']).toBe(
      (a.get('某区教育局', 2024).report.values['requests.new.total'] as number) +
        (a.get('某区公安局', 2024).report.values['requests.new.total'] as number),
    );
    expect(a.listUnits().map((u) => u.name)).not.toContain('某区人民政府（汇总）');
    store.close();
  });
});
