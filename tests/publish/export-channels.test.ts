// export.docx / export.html over a fake host, and `nianbao export --format docx|html|pdf`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import type { FileFilter, Host } from '../../src/main/host';
import { parsePublishedReport } from '../../src/main/importers';
import { tempDir, tempStore } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { consistentReport } from '../helpers/random-report';

function fakeHost(answers: (string | null)[]): Host & { saves: { defaultName: string; filters: FileFilter[] }[] } {
  const saves: { defaultName: string; filters: FileFilter[] }[] = [];
  return {
    kind: 'browser',
    saves,
    openFiles: async () => [],
    saveFile: async (o) => (saves.push(o), answers.shift() ?? null),
    chooseFolder: async () => null,
    showInFolder: () => undefined,
    printToPdf: null,
  };
}

describe('export.docx and export.html', () => {
  it('ask where to save (named after the report), write the file, and read back to the stored report', async () => {
    const store = await tempStore();
    const report = { ...consistentReport('gov2021', 3, 2024), unit: '某县教育局', unit_kind: 'department' as const };
    store.archive.save(report);
    const dir = tempDir();
    const host = fakeHost([join(dir, 'a.docx'), join(dir, 'a.html'), null]);
    const handlers = createHandlers(store, host);
    expect(await handlers['export.docx']({ unit: '某县教育局', year: 2024 })).toEqual({ path: join(dir, 'a.docx') });
    expect(await handlers['export.html']({ unit: '某县教育局', year: 2024 })).toEqual({ path: join(dir, 'a.html') });
    expect(host.saves.map((s) => [s.defaultName, s.filters[0].extensions[0]])).toEqual([
      ['某县教育局-2024年政府信息公开工作年度报告.docx', 'docx'],
      ['某县教育局-2024年政府信息公开工作年度报告.html', 'html'],
    ]);
    for (const f of ['a.docx', 'a.html']) {
      const back = (await parsePublishedReport(join(dir, f))).report;
      expect(back.values, f).toEqual(store.archive.get('某县教育局', 2024).report.values);
      expect(back.sections, f).toEqual(report.sections);
    }
    // Cancelled: nothing written, null back.
    expect(await handlers['export.docx']({ unit: '某县教育局', year: 2024 })).toBeNull();
    // A report that is not in the archive: refused before any dialog, in Chinese.
    const missing = await dispatch(handlers, 'export.html', { unit: '某县教育局', year: 2020 });
    expect(missing.ok).toBe(false);
    expect(host.saves).toHaveLength(3);
    store.close();
  });
});

describe('nianbao export --format', () => {
  it('writes Word and web pages, keeps xlsx the default, and says PDF comes from the app (exit 2)', async () => {
    const dir = tempDir('nianbao-cli-publish-');
    const db = join(dir, 'a.sqlite');
    const cli = (...args: string[]) => runCli(['--db', db, ...args]);
    writeFileSync(join(dir, 'r.json'), JSON.stringify({ ...consistentReport('gov2021', 5, 2024), unit: '甲局' }));
    expect(cli('report', 'put', join(dir, 'r.json')).code).toBe(0);
    const at = (f: string) => join(dir, f);
    expect(cli('export', '--unit', '甲局', '--year', '2024', '--format', 'docx', '--out', at('甲局.docx')).code).toBe(0);
    expect(readFileSync(at('甲局.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(cli('export', '--unit', '甲局', '--year', '2024', '--out', at('甲局.html')).stdout).toContain('已导出到');
    expect(readFileSync(at('甲局.html'), 'utf8')).toContain('<h1');
    expect((await parsePublishedReport(at('甲局.html'))).report.unit).toBe('甲局');
    expect(cli('export', '--unit', '甲局', '--year', '2024', '--out', at('甲局.xlsx')).code).toBe(0);
    expect(readFileSync(at('甲局.xlsx')).subarray(0, 2).toString()).toBe('PK');
    const pdf = cli('export', '--unit', '甲局', '--year', '2024', '--format', 'pdf', '--out', at('甲局.pdf'));
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('命令行不能导出 PDF');
    expect(existsSync(at('甲局.pdf'))).toBe(false);
    const bad = cli('export', '--unit', '甲局', '--year', '2024', '--format', 'odt', '--out', at('x.odt'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('未知的导出格式“odt”');
  });
});
