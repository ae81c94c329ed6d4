// The export channels over a fake host: which dialogs they open, what they write, what cancelling does, and the
// Chinese messages the export screen shows.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import { readFlat } from '../../src/main/excel/flat';
import { loadWorkbook } from '../../src/main/excel/load';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import type { FileFilter, Host } from '../../src/main/host';
import { emptyReport } from '../../src/shared/report';
import { tempDir, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

interface FakeHost extends Host {
  saves: { title: string; defaultName: string; filters: FileFilter[] }[];
  folders: string[];
  printed: { report: { unit: string; year: number }; file: string }[];
}

/** A host whose dialogs answer from the given lists (undefined = cancelled), and which records what was asked. */
function fakeHost(answers: { save?: (string | null)[]; folder?: (string | null)[] }, canPrint = true): FakeHost {
  const host: FakeHost = {
    kind: canPrint ? 'electron' : 'browser',
    saves: [],
    folders: [],
    printed: [],
    openFiles: async () => [],
    saveFile: async (o) => (host.saves.push(o), answers.save?.shift() ?? null),
    chooseFolder: async ({ title }) => (host.folders.push(title), answers.folder?.shift() ?? null),
    showInFolder: () => undefined,
    printToPdf: canPrint
      ? async (report, file) => {
          host.printed.push({ report, file });
          writeFileSync(file, '%PDF-1.4 fake');
        }
      : null,
  };
  return host;
}

async function seeded() {
  const store = await tempStore();
  const a = store.archive;
  a.save({ ...consistentReport('gov2021', 1, 2023), unit: '某县教育局', unit_kind: 'department' });
  a.save({ ...consistentReport('gov2021', 2, 2024), unit: '某县教育局', unit_kind: 'department' });
  a.save({
    ...emptyReport('legacy', '某县教育局', 2017),
    legacy: [{ label: '主动公开信息', unit: '条', this_year: 12, cumulative: null }],
  });
  return store;
}

describe('export handlers', () => {
  it('export.pdf asks where to save, then prints that report to the chosen file', async () => {
    const store = await seeded();
    const out = join(tempDir(), 'a.pdf');
    const host = fakeHost({ save: [out] });
    const r = await createHandlers(store, host)['export.pdf']({ unit: '某县教育局', year: 2023 });
    expect(r).toEqual({ path: out });
    expect(host.saves[0].defaultName).toBe('某县教育局-2023年政府信息公开工作年度报告.pdf');
    expect(host.saves[0].filters[0].extensions).toEqual(['pdf']);
    expect(host.printed).toEqual([{ report: { unit: '某县教育局', year: 2023 }, file: out }]);
    expect(existsSync(out)).toBe(true);
  });

  it('export.pdf: cancelling prints nothing; a missing report fails before any dialog; the browser is told how', async () => {
    const store = await seeded();
    const host = fakeHost({});
    const handlers = createHandlers(store, host);
    await expect(handlers['export.pdf']({ unit: '某县教育局', year: 2024 })).resolves.toBeNull();
    expect(host.printed).toEqual([]);

    const missing = await dispatch(handlers, 'export.pdf', { unit: '某县教育局', year: 2020 });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found', message: '档案中没有“某县教育局”2020 年的报告' } });
    expect(host.saves).toHaveLength(1); // only the cancelled one above

    const browser = await dispatch(createHandlers(store, fakeHost({}, false)), 'export.pdf', { unit: '某县教育局', year: 2024 });
    expect(browser).toEqual({
      ok: false,
      error: { kind: 'input', message: '浏览器中请用打印视图的“打印”按钮，在打印对话框中选择“另存为 PDF”' },
    });
  });

  it('export.report writes the official workbook that reads back as the stored report; cancelling writes nothing', async () => {
    const store = await seeded();
    const out = join(tempDir(), 'r.xlsx');
    const handlers = createHandlers(store, fakeHost({ save: [null, out] }));
    await expect(handlers['export.report']({ unit: '某县教育局', year: 2024 })).resolves.toBeNull();
    expect(existsSync(out)).toBe(false);
    await expect(handlers['export.report']({ unit: '某县教育局', year: 2024 })).resolves.toEqual({ path: out });
    const back = (await readWorkbookFile(out)).report;
    expect(back.values).toEqual(store.archive.get('某县教育局', 2024).report.values);
  });

  it('export.templates names the year in the folder dialog and needs at least one unit', async () => {
    const store = await seeded();
    const dir = join(tempDir(), '填报表');
    const host = fakeHost({ folder: [dir] });
    const handlers = createHandlers(store, host);
    const r = await handlers['export.templates']({ units: ['某县教育局'], year: 2025 });
    expect(host.folders).toEqual(['选择保存 2025 年填报表的文件夹']);
    expect(r?.files).toEqual([join(dir, '某县教育局-2025年政府信息公开年报填报表.xlsx')]);
    const t = (await readWorkbookFile(r!.files[0])).report;
    expect(t.values['requests.carried_over.total']).toBe(
      store.archive.get('某县教育局', 2024).report.values['requests.carried_forward.total'],
    );
    expect(await dispatch(handlers, 'export.templates', { units: [], year: 2025 })).toEqual({
      ok: false,
      error: { kind: 'input', message: '请求参数有误：units 请至少选择一个单位' },
    });
  });

  it('export.flat counts the reports it wrote: those of 2019 and later (the screen shows the same count)', async () => {
    const store = await seeded();
    const out = join(tempDir(), 'flat.xlsx');
    const r = await createHandlers(store, fakeHost({ save: [out] }))['export.flat']({});
    const o = store.archive.overview();
    expect(o.reports).toHaveLength(3);
    expect(r).toEqual({ path: out, count: o.reports.filter((x) => x.template !== 'legacy').length });
    expect(r?.count).toBe(2);
    expect(readFlat(await loadWorkbook(out), out)).toHaveLength(2);
  });
});
