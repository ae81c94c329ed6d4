/// <reference lib="dom" />
// 图表 and 差错清单 in Chromium through the browser bridge: a unit's years and a 全区 drawn (SVG bars and lines,
// the years on the axis, gaps where a year has no number), printed one page per unit; a failing unit's 差错清单
// on screen, exported and read back, printed.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/shared/report';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

const nav = (p: Page, label: string) => p.locator('.mantine-NavLink-root').filter({ hasText: label });
const PARENT = '某县人民政府';
const EDU = '某县教育局';
const POLICE = '某县公安局';
const CIVIL = '某县民政局';

describe.skipIf(!browserAvailable)('图表 and 差错清单 in Chromium', () => {
  let app: OpenApp;
  const page = () => app.page;
  const archive = () => app.bridge.store.archive;
  const saved: Report[] = [];

  beforeAll(async () => {
    app = await openApp(
      (bridge) => {
        const a = bridge.store.archive;
        a.addUnit({ name: PARENT, kind: 'government' });
        for (const name of [EDU, POLICE, CIVIL]) a.addUnit({ name, kind: 'department', parent: PARENT });
        a.save({ ...emptyReport('legacy', EDU, 2017), legacy: [{ label: '收到申请数', unit: '件', this_year: 3, cumulative: null }] });
        const add = (r: Report, unit: string) => {
          const report = { ...r, unit, published: `${r.year! + 1}-01-20` };
          a.save(report);
          saved.push(report);
        };
        add(consistentReport('gov2019', 1, 2019), EDU);
        for (const year of [2021, 2022, 2023, 2024]) add(consistentReport('gov2021', year, year), EDU);
        add(consistentReport('gov2021', 31, 2023), POLICE);
        add(consistentReport('gov2021', 32, 2024), POLICE);
        // 民政局's 2024 report breaks 第一项's sums: an error to send back.
        const civil = consistentReport('gov2021', 41, 2024);
        civil.values['requests.new.natural_person'] = (civil.values['requests.new.natural_person'] as number) + 5;
        add(civil, CIVIL);
      },
      { width: 1366, height: 768 },
    );
    page().setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    expect(app?.pageErrors ?? []).toEqual([]);
    await app?.close();
  });

  // Each test starts from the app as it opens at 1366×768 (the archive is the same for all; none changes it).
  beforeEach(async () => {
    await page().setViewportSize({ width: 1366, height: 768 });
    await page().reload();
  });

  const choose = async (label: string, option: string) => {
    await page().getByRole('combobox', { name: label }).click();
    await page().getByRole('option', { name: option, exact: true }).click();
  };
  const charts = () => page().locator('[data-page="charts"]');
  /** Every chart has drawn marks: bars (rectangles) or line curves. */
  const expectDrawn = async (root: ReturnType<Page['locator']>) => {
    for (const group of ['applications', 'outcomes', 'appeals'])
      expect(await root.locator(`[data-chart="${group}"] .recharts-bar-rectangle path`).count()).toBeGreaterThan(0);
    for (const group of ['shares', 'rates'])
      expect(await root.locator(`[data-chart="${group}"] path.recharts-line-curve`).count()).toBeGreaterThan(0);
  };
  const ticks = (root: ReturnType<Page['locator']>, group: string) =>
    root.locator(`[data-chart="${group}"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value`).allTextContents();
  /** The number in a chart's table for a series (row label) and a year. */
  const cell = async (group: string, row: string, year: number) => {
    const table = charts().locator(`[data-chart="${group}"] table`);
    const years = (await table.locator('thead th').allTextContents()).slice(1);
    const tr = table
      .locator('tbody tr')
      .filter({ has: page().locator('td', { hasText: row }).first() })
      .first();
    return (await tr
      .locator('td')
      .nth(years.indexOf(String(year)) + 1)
      .textContent())!.trim();
  };
  const value = (unit: string, year: number, key: string) => archive().get(unit, year).report.values[key] as number;

  it('draws a unit over its years, with gaps for the 旧表样 and the missing year', async () => {
    await nav(page(), '图表').click();
    await choose('单位', EDU);
    await charts().locator('[data-chart="applications"] .recharts-bar-rectangle path').first().waitFor();
    await expectDrawn(charts());
    // The axis is drawn after the bars are measured.
    await expect
      .poll(() => ticks(charts(), 'applications'), { timeout: 15_000 })
      .toEqual(['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
    await expect
      .poll(() => ticks(charts(), 'rates'), { timeout: 15_000 })
      .toEqual(['2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
    // Axis labels: the years, and the unit of the values.
    await expect
      .poll(
        () => charts().locator('[data-chart="shares"] .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents(),
        { timeout: 15_000 },
      )
      .toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(await cell('applications', '总计', 2024)).toBe(String(value(EDU, 2024, 'requests.new.total')));
    expect(await cell('applications', '自然人', 2019)).toBe(String(value(EDU, 2019, 'requests.new.natural_person')));
    expect(await cell('outcomes', '（一）予以公开', 2022)).toBe(String(value(EDU, 2022, 'requests.granted.total')));
    for (const year of [2017, 2018, 2020]) expect(await cell('applications', '总计', year)).toBe('—');
    const share = (value(EDU, 2023, 'requests.granted.total') / value(EDU, 2023, 'requests.total.total')) * 100;
    expect(await cell('shares', '（一）予以公开', 2023)).toBe(`${(Math.round(share * 10) / 10).toFixed(1)}%`);
    await expect(
      charts()
        .getByText(/2017 年的报告为旧表样/)
        .isVisible(),
    ).resolves.toBe(true);
    await page().screenshot({ path: `${SCREENSHOTS}/charts-unit-1366.png`, fullPage: true });
    await page().setViewportSize({ width: 1920, height: 1080 });
    await page().waitForTimeout(300);
    await page().screenshot({ path: `${SCREENSHOTS}/charts-unit-1920.png`, fullPage: true });
  });

  it('draws a 全区: its units summed year by year, and prints one page for it and one per unit', async () => {
    await page().setViewportSize({ width: 1920, height: 1080 });
    await nav(page(), '图表').click();
    await charts().getByText('全区（下级单位合计）', { exact: true }).click();
    await choose('上级单位', PARENT);
    await charts()
      .getByRole('heading', { name: /某县人民政府（全区）/ })
      .waitFor();
    await charts().locator('[data-chart="outcomes"] .recharts-bar-rectangle path').first().waitFor();
    await expectDrawn(charts());
    const sum = (year: number, key: string) => saved.filter((r) => r.year === year).reduce((s, r) => s + (r.values[key] as number), 0);
    expect(await cell('outcomes', '（一）予以公开', 2024)).toBe(String(sum(2024, 'requests.granted.total')));
    expect(await cell('appeals', '行政复议', 2023)).toBe(String(sum(2023, 'appeals.review.total')));
    await page().screenshot({ path: `${SCREENSHOTS}/charts-region-1920.png`, fullPage: true });
    await page().setViewportSize({ width: 1366, height: 768 });
    await page().waitForTimeout(300);
    await page().screenshot({ path: `${SCREENSHOTS}/charts-region-1366.png` });

    await charts().getByRole('button', { name: '打印全区及各单位（每单位一页）' }).click();
    const sheets = page().locator('.page-print .page-print-sheet');
    await expect.poll(() => sheets.count(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => sheets.locator('path.recharts-line-curve').count(), { timeout: 15_000 }).toBeGreaterThan(4);
    await expect(sheets.nth(0).getByRole('heading').textContent()).resolves.toContain('某县人民政府（全区）');
    await page().waitForTimeout(300);
    await page().screenshot({ path: `${SCREENSHOTS}/charts-print-preview.png` });
    await page().emulateMedia({ media: 'print' });
    await expect(page().locator('.mantine-AppShell-navbar').isVisible()).resolves.toBe(false);
    await expect(page().getByRole('button', { name: '打印', exact: true }).isVisible()).resolves.toBe(false);
    await page().screenshot({ path: `${SCREENSHOTS}/charts-print.png`, fullPage: true });
    const pdf = await page().pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(`${SCREENSHOTS}/charts-print.pdf`, pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    expect(pages.length).toBe(4);
    await page().emulateMedia({ media: 'screen' });
    await page().getByRole('button', { name: '返回' }).click();
    await expect(page().locator('.page-print').count()).resolves.toBe(0);
  });

  const errorsPage = () => page().locator('[data-page="errors"]');

  it('lists a failing unit’s errors with cells and numbers, exports and prints them, and opens the report', async () => {
    await nav(page(), '差错清单').click();
    await errorsPage().getByText('一个单位').click();
    await choose('年度', '2024 年');
    await page().getByRole('combobox', { name: '单位' }).click();
    await page()
      .getByRole('option', { name: new RegExp(`^${CIVIL}（错误 \\d+）$`) })
      .click();
    const card = errorsPage().getByLabel(`${CIVIL}的差错`);
    await card.waitFor();
    await expect(card.getByText(/^错误 \d+$/).isVisible()).resolves.toBe(true);
    const natural = value(CIVIL, 2024, 'requests.new.natural_person');
    await expect(card.getByText(`第一项本年新收（自然人） = ${natural}`).first().isVisible()).resolves.toBe(true);
    await expect(card.getByText('R2').first().isVisible()).resolves.toBe(true);
    await page().screenshot({ path: `${SCREENSHOTS}/errors-unit-1366.png`, fullPage: true });

    const out = join(app.dir, '民政局差错清单.xlsx');
    app.bridge.host.answers.save.push(out);
    await errorsPage().getByRole('button', { name: '导出差错清单（Excel）' }).click();
    await errorsPage().getByText(`已保存到 ${out}`).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([CIVIL]);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A1').value).toBe(`${CIVIL}2024年政府信息公开工作年度报告差错清单`);
    const rows = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? [r.map((v) => String(v ?? '')).join('|')] : []));
    expect(rows.some((r) => r.includes('错误') && r.includes('R2') && r.includes(`第一项本年新收（自然人） = ${natural}`))).toBe(true);

    await errorsPage().getByRole('button', { name: '打印差错清单' }).click();
    const sheet = page().locator('.page-print .page-print-sheet');
    await expect(sheet.getByRole('heading').textContent()).resolves.toBe(`${CIVIL}2024年政府信息公开工作年度报告差错清单`);
    await expect(sheet.getByText('填报说明').isVisible()).resolves.toBe(true);
    // Keyboard: the print button has the focus (the app behind is inert).
    await expect(page().evaluate(() => document.activeElement?.textContent)).resolves.toBe('打印');
    await page().emulateMedia({ media: 'print' });
    await page().screenshot({ path: `${SCREENSHOTS}/errors-print.png`, fullPage: true });
    await page().emulateMedia({ media: 'screen' });
    // Keyboard: Escape goes back.
    await page().keyboard.press('Escape');
    await expect(page().locator('.page-print').count()).resolves.toBe(0);

    await card.getByRole('button', { name: `打开${CIVIL}2024年报告` }).click();
    await page().locator('[data-page="editor"]').getByText(CIVIL).first().waitFor();
  });

  it('opens the 差错清单 of a unit from its charts (the page honours the unit and year it is given)', async () => {
    await nav(page(), '图表').click();
    await charts().getByText('一个单位', { exact: true }).click();
    await choose('单位', CIVIL);
    await charts().getByRole('button', { name: '查看 2024 年差错清单' }).click();
    await errorsPage().getByLabel(`${CIVIL}的差错`).waitFor();
    await expect(page().getByRole('combobox', { name: '单位' }).inputValue()).resolves.toMatch(new RegExp(`^${CIVIL}`));
  });

  it('exports the year’s failing units, a sheet each', async () => {
    await nav(page(), '差错清单').click();
    await errorsPage().getByText('全部有问题的单位').click();
    await errorsPage()
      .getByText(/2024 年全部单位中有 \d+ 个单位/)
      .waitFor();
    const failing = (
      await errorsPage()
        .locator('[aria-label$="的差错"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))
    ).map((l) => l.replace(/的差错$/, ''));
    expect(failing).toContain(CIVIL);
    await page().setViewportSize({ width: 1920, height: 1080 });
    await page().screenshot({ path: `${SCREENSHOTS}/errors-year-1920.png` });
    const out = join(app.dir, '2024差错清单.xlsx');
    app.bridge.host.answers.save.push(out);
    await errorsPage().getByRole('button', { name: '导出差错清单（Excel）' }).click();
    await errorsPage().getByText(`已保存到 ${out}`).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(failing);
  });
});
