/// <reference lib="dom" />
// 发布前检查 in Chromium through the browser bridge at 1366×768: opened from the editor's toolbar, it lists what
// stands between the report and publication, and exports the Word file, which reads back to the stored report.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePublishedReport, parseReportText } from '../../src/main/importers';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { loadSamples } from '../helpers/samples';

describe.skipIf(!browserAvailable)('发布前检查 in the editor', () => {
  let app: OpenApp;

  beforeAll(async () => {
    const sample = loadSamples().find((s) => s.name === '2024-elunchun-banner')!;
    const { report } = parseReportText(sample.text, 'elunchun.txt');
    app = await openApp(
      (bridge) => {
        const a = bridge.store.archive;
        const base = { ...report, unit: '某县教育局', unit_kind: 'department' as const, published: null, doubts: undefined };
        // Last year's report with the same 总体情况: this year's text repeats it (R12).
        a.save({ ...base, year: 2023, sections: { ...base.sections, problems: '（略）去年的问题。', other: '无。' } });
        a.save({ ...base, year: 2024 });
      },
      { width: 1366, height: 768 },
    );
    app.page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    expect(app?.pageErrors ?? []).toEqual([]);
    await app?.close();
  });

  it('lists errors, warnings, 定稿, the deadline and the evaluators’ checks, then exports Word', async () => {
    const page = app.page;
    await page.getByRole('button', { name: '打开某县教育局2024年报告' }).click();
    await page.getByRole('button', { name: '发布前检查' }).waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/publish-toolbar.png` });
    await page.getByRole('button', { name: '发布前检查' }).click();
    const drawer = page.getByLabel('发布前检查', { exact: true });
    await drawer.waitFor();
    await expect(drawer.getByLabel('没有错误').isVisible()).resolves.toBe(true);
    await expect(drawer.getByLabel('尚未定稿').isVisible()).resolves.toBe(true);
    await expect(drawer.getByText('公布期限：2025年1月31日').isVisible()).resolves.toBe(true);
    const checks = drawer.locator('.publish-item').filter({ hasText: '评估常见扣分项' });
    await expect(checks.textContent()).resolves.toContain('R12');
    await expect(checks.textContent()).resolves.toContain('与 2023 年报告相同');
    await page.screenshot({ path: `${SCREENSHOTS}/publish-check.png` });

    await drawer.getByRole('button', { name: '导出 Word' }).click();
    const saved = drawer.getByLabel('保存位置');
    await saved.waitFor();
    const path = join(app.dir, 'exports', '某县教育局-2024年政府信息公开工作年度报告.docx');
    await expect(saved.textContent()).resolves.toContain(path);
    expect(existsSync(path)).toBe(true);
    const back = await parsePublishedReport(path);
    const stored = app.bridge.store.archive.get('某县教育局', 2024).report;
    expect(back.report.values).toEqual(stored.values);
    expect(back.report.sections).toEqual(stored.sections);
    expect(back.report.unit).toBe('某县教育局');
    await page.screenshot({ path: `${SCREENSHOTS}/publish-check-exported.png` });
    await page.keyboard.press('Escape');
  });

  it('the export page offers Word and 网页 for one report next to Excel', async () => {
    const page = app.page;
    await page.locator('.mantine-NavLink-root').filter({ hasText: '导出' }).click();
    await page.getByRole('heading', { name: '导出一份报告' }).waitFor();
    await page.getByRole('button', { name: '导出网页' }).click();
    await page.getByLabel('保存位置').waitFor();
    const path = join(app.dir, 'exports', '某县教育局-2024年政府信息公开工作年度报告.html');
    expect(existsSync(path)).toBe(true);
    expect((await parsePublishedReport(path)).report.values).toEqual(app.bridge.store.archive.get('某县教育局', 2024).report.values);
    await page.screenshot({ path: `${SCREENSHOTS}/publish-export-page.png` });
  });
});
