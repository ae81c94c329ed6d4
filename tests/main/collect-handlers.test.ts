// The collecting office's channels for the pages to come: arguments checked, dialogs asked, files written.
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import type { Host } from '../../src/main/host';
import type { BoardView, SummaryView, UnitErrorsView, UnitImportView } from '../../src/shared/api';
import { tempDir, tempStore } from '../helpers/archive';
import { PARENT, reportOf, UNITS, writeUnitList } from '../helpers/collect';

function host(saves: (string | null)[]): Host & { titles: string[] } {
  const titles: string[] = [];
  return {
    kind: 'browser',
    titles,
    openFiles: async () => [],
    saveFile: async (o) => (titles.push(`${o.title}|${o.defaultName}`), saves.shift() ?? null),
    chooseFolder: async () => null,
    showInFolder: () => undefined,
    printToPdf: null,
  };
}

describe('collect channels', () => {
  it('imports a unit list, shows the board, the 汇总 and the 差错清单, and exports them through the dialogs', async () => {
    const dir = tempDir();
    const store = await tempStore();
    const out = (n: string) => join(dir, n);
    const h = host([out('催报单.xlsx'), null, out('汇总.xlsx'), out('差错.xlsx')]);
    const handlers = createHandlers(store, h);
    const call = async <T>(channel: string, args: unknown): Promise<T> => {
      const r = await dispatch(handlers, channel, args);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };

    const list = await writeUnitList(dir, 'units.xlsx');
    const dry = await call<UnitImportView>('units.import', { file: list, dryRun: true });
    expect(dry.applied).toBe(false);
    expect(store.archive.listUnits()).toEqual([]);
    expect((await call<UnitImportView>('units.import', { file: list })).rows.filter((r) => r.action === 'add')).toHaveLength(41);

    const bad = reportOf(UNITS[0].name, 1);
    bad.values['requests.total.total'] = (bad.values['requests.total.total'] as number) + 1;
    store.archive.save(bad);
    store.archive.save(reportOf(UNITS[1].name, 2));

    const b = await call<BoardView>('board.get', { year: 2024, parent: PARENT });
    expect(b.counts).toEqual({ missing: 38, draft: 1, errors: 1, warnings: 0, final: 0 });
    const wrong = await dispatch(handlers, 'board.get', { year: '2024' });
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'input', message: expect.stringContaining('请求参数有误：year') } });
    const unknown = await dispatch(handlers, 'board.get', { year: 2024, parent: '某市人民政府' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { kind: 'not_found', message: '档案中没有单位“某市人民政府”（可用 nianbao unit list 查看已有单位）' },
    });

    expect(await call('board.export', { year: 2024, parent: PARENT })).toEqual({ path: out('催报单.xlsx'), count: 39 });
    expect(h.titles[0]).toMatch(/^导出催报单\|2024年年报催报单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await call('summary.export', { year: 2024, parent: PARENT })).toBeNull();
    expect(await call('summary.export', { year: 2024, parent: PARENT })).toEqual({ path: out('汇总.xlsx') });
    expect(h.titles[2]).toBe('导出汇总表|某县人民政府（汇总）-2024年政府信息公开工作年度报告.xlsx');
    const s = await call<SummaryView>('summary.get', { year: 2024, parent: PARENT });
    expect(s.included).toEqual([UNITS[0].name, UNITS[1].name].sort((x, y) => (x < y ? -1 : 1)));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out('汇总.xlsx'));
    expect(wb.getWorksheet('汇总明细')!.rowCount).toBe(2 + 2 + 38);

    const errs = await call<UnitErrorsView[]>('errors.list', { year: 2024, parent: PARENT });
    expect(errs.map((e) => e.unit)).toEqual([UNITS[0].name]);
    expect(errs[0].items.map((i) => i.rule)).toEqual(['R1', 'R2', 'R3']);
    expect(await call('errors.export', { year: 2024, unit: UNITS[0].name })).toEqual({ path: out('差错.xlsx'), units: 1 });
    expect(h.titles[3]).toBe(`导出差错清单|${UNITS[0].name}-2024年年报差错清单.xlsx`);
    expect(existsSync(out('差错.xlsx'))).toBe(true);
    store.close();
  });
});
