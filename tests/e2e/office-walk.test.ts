/// <reference lib="dom" />
// The collecting office's day, walked as a clerk would at 1366×768 and again at 1920×1080: 报送情况 for the year →
// 有错误 → a unit's 差错清单 → its print view → back → a report opened from the board → 全区汇总 → a number's
// drill-down → a unit → 图表 of the 全区 and of one unit → print. After the first click everything is reached with
// Tab, Enter and the arrow keys; the counts are checked against the SQLite file, the drill-down adds up, and focus
// lands where a keyboard user needs it. A screenshot at every step (looked at by a person).
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { emptyReport, type Report } from '../../src/shared/report';
import { openApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { childStatesFromFile, DEPARTMENTS as COUNTY_DEPARTMENTS } from '../helpers/collect';
import { consistentReport } from '../helpers/random-report';

// The board and the 汇总 open on last year: the walk looks at that year as the office does in January.
const YEAR = new Date().getFullYear() - 1;
const YEARS = [YEAR - 2, YEAR - 1, YEAR];
const PARENT = '某区人民政府';
// Twenty-five of the county helper's departments, under a district's name.
const DEPARTMENTS = COUNTY_DEPARTMENTS.slice(0, 25).map((d) => `某区${d}`);
const TOWNS = ['城关街道', '东城街道', '西城街道', '南山镇', '北山镇'].map((t) => `某区${t}`);
const UNITS = [...DEPARTMENTS, ...TOWNS];
const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

/** What the district sends: most units every year, a few never this year, some with a broken total. */
function seedDistrict(a: import('../../src/main/services/archive').Archive) {
  a.addUnit({ name: PARENT, kind: 'government' });
  for (const u of DEPARTMENTS) a.addUnit({ name: u, kind: 'department', parent: PARENT });
  for (const u of TOWNS) a.addUnit({ name: u, kind: 'township', parent: PARENT });
  const sums: Record<string, number> = {};
  UNITS.forEach((unit, i) => {
    for (const year of YEARS) {
      // Every seventh unit has not sent this year's report; two others skipped the year before.
      if (year === YEAR && i % 7 === 3) continue;
      if (year === YEAR - 1 && (i === 5 || i === 20)) continue;
      const r: Report = {
        ...consistentReport('gov2021', 1000 + i * 10 + (year - YEAR), year),
        unit,
        unit_kind: TOWNS.includes(unit) ? 'township' : 'department',
        published: `${year + 1}-01-2${i % 8}`,
      };
      // A broken printed total this year: an error to send back.
      if (year === YEAR && i % 6 === 1) r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 7;
      a.save(r);
      if (year === YEAR) for (const [k, v] of Object.entries(r.values)) if (typeof v === 'number') sums[k] = (sums[k] ?? 0) + v;
      // Older years are done; this year three clean ones are 定稿 already.
      if (year < YEAR || i === 0 || i === 8 || i === 16) a.setStatus(unit, year, 'final', { confirmErrors: true });
    }
  });
  // The district's own 全区 report, which left one unit's 规章 out.
  const county: Report = { ...emptyReport('gov2021', PARENT, YEAR), unit_kind: 'government', published: `${YEAR + 1}-03-20` };
  for (const [k, v] of Object.entries(sums)) county.values[k] = Math.round(v * 100) / 100;
  county.values[PLANT] = sums[PLANT] - (a.get(UNITS[2], YEAR).report.values[PLANT] as number);
  a.save(county);
}
const PLANT = 'proactive.regulations.issued';

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
  });
const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

/** Tab (or Shift+Tab) until the target has the focus: proves it is reachable by keyboard, counts the presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 80 } = {}): Promise<number> {
  // Attached, not visible: Mantine's segmented radios are visually hidden inputs that still take the focus.
  await target.waitFor({ state: 'attached' });
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    path.push((await focused(page)).slice(0, 20));
  }
  throw new Error(`${max} 次 Tab 后焦点仍未到达目标，经过：${[...new Set(path)].join(' | ')}`);
}

describe.skipIf(!browserAvailable)('the collecting office walked by keyboard', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ])
    it(`walks the day at ${width}×${height}`, async () => {
      const app = await openApp((b) => seedDistrict(b.store.archive), { width, height });
      const { page, dir } = app;
      const a = app.bridge.store.archive;
      page.setDefaultTimeout(30_000);
      const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/walk-${name}-${width}.png` });
      // What the printer gets: the print stylesheet, the whole length.
      const paper = async (name: string) => {
        await page.emulateMedia({ media: 'print' });
        await page.screenshot({ path: `${SCREENSHOTS}/walk-${name}-paper-${width}.png`, fullPage: true });
        await page.emulateMedia({ media: 'screen' });
      };
      const navLink = (label: string) => page.locator('.mantine-NavLink-root').filter({ has: page.getByText(label, { exact: true }) });
      const states = childStatesFromFile(join(dir, 'archive.sqlite'), YEAR, PARENT);
      const count = (s: string) => states.filter((r) => r.state === s).length;
      expect(states).toHaveLength(30);
      try {
        // ---- 报送情况: the only click of the walk.
        await navLink('报送情况').click();
        const board = page.locator('[data-page="board"]');
        await page.getByText(`显示 30 / 30 个单位`).waitFor();
        expect(await board.getByLabel('年度').inputValue()).toBe(`${YEAR} 年`);
        expect(await board.getByLabel('上级单位').inputValue()).toBe(PARENT);
        for (const s of ['missing', 'draft', 'errors', 'warnings', 'final'])
          expect(num(await board.locator(`[data-count="${s}"]`).textContent()), s).toBe(count(s));
        expect(count('missing')).toBe(4);
        expect(count('errors')).toBeGreaterThan(2);
        await shot('01-board');

        // 未收到: the units to chase, each with the days past the legal deadline (部门 and 乡镇街道: 1月31日),
        // counted from today's local date; a received report says 已收到 instead of a red count.
        const missingButton = board.getByRole('button', { name: `未收到 ${count('missing')} 个` });
        await tabTo(page, missingButton);
        await page.keyboard.press('Enter');
        await page.getByText(`显示 ${count('missing')} / 30 个单位`).waitFor();
        const now = new Date();
        const past = Math.round((Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(YEAR + 1, 0, 31)) / 864e5);
        const deadlines = await board.locator('.board-body [role="row"] [role="cell"]:nth-child(7)').allTextContents();
        expect(deadlines).toHaveLength(count('missing'));
        expect(new Set(deadlines)).toEqual(new Set([past < 0 ? `剩 ${-past} 天` : past === 0 ? '今天截止' : `已过 ${past} 天`]));
        await shot('01b-board-missing');
        await page.keyboard.press('Enter');
        await page.getByText(`显示 30 / 30 个单位`).waitFor();
        expect(
          await board.locator('.board-body [role="row"]:not([data-state="missing"]) [role="cell"]:nth-child(7)').first().textContent(),
        ).toBe('已收到');

        // 有错误: reached by Tab, pressed with Enter; only the failing units are listed.
        const errorsButton = board.getByRole('button', { name: `有错误 ${count('errors')} 个` });
        await tabTo(page, errorsButton);
        await page.keyboard.press('Enter');
        await page.getByText(`显示 ${count('errors')} / 30 个单位`).waitFor();
        expect(await errorsButton.getAttribute('aria-pressed')).toBe('true');
        const shown = await board.locator('.board-body [role="row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')));
        expect(shown.sort()).toEqual(
          states
            .filter((r) => r.state === 'errors')
            .map((r) => r.name)
            .sort(),
        );
        await shot('02-board-errors');

        // The first failing unit's 差错清单.
        const first = shown[0]!;
        const firstRow = states.find((r) => r.name === first)!;
        await tabTo(page, board.getByRole('button', { name: `${first}的差错清单` }));
        await page.keyboard.press('Enter');
        const errorsPage = page.locator('[data-page="errors"]');
        await errorsPage.and(page.locator(':not([hidden])')).waitFor();
        // The focus moves to the page that opened (not left on the board's hidden button): Tab goes on from here.
        await expect.poll(() => isFocused(errorsPage.getByRole('heading', { name: '差错清单' }))).toBe(true);
        const card = errorsPage.getByLabel(`${first}的差错`);
        await card.waitFor();
        // The list holds exactly the errors the archive counted for that report.
        expect(await card.locator('[data-severity="error"]').count()).toBe(firstRow.errors);
        await shot('03-errors');

        // Its print view: focus on 打印; Escape goes back and the focus returns to the button that opened it.
        const printButton = errorsPage.getByRole('button', { name: '打印差错清单' });
        expect(await tabTo(page, printButton, { max: 8 })).toBeLessThanOrEqual(8);
        await page.keyboard.press('Enter');
        const sheet = page.getByRole('dialog', { name: new RegExp(`${first}${YEAR}年`) });
        await sheet.waitFor();
        expect(await isFocused(sheet.getByRole('button', { name: '打印', exact: true }))).toBe(true);
        await shot('04-errors-print');
        await paper('04-errors-print');
        await page.keyboard.press('Escape');
        await sheet.waitFor({ state: 'detached' });
        await expect.poll(() => isFocused(printButton)).toBe(true);

        // ---- back to 报送情况 (the navigation is reached backwards), the filter still on; a report opens with Enter.
        await tabTo(page, navLink('报送情况'), { back: true, max: 40 });
        await page.keyboard.press('Enter');
        await page.getByText(`显示 ${count('errors')} / 30 个单位`).waitFor();
        const row = board.locator(`.board-body [role="row"][data-unit="${first}"]`);
        await tabTo(page, row);
        await page.keyboard.press('Enter');
        await page.getByRole('navigation').getByLabel(`回到正在编辑的${first}${YEAR}年报告`).waitFor();
        await shot('05-report');

        // ---- 全区汇总, compared with the district's own 全区 report.
        // The editor's grid is hundreds of Tab stops (its own part, not the office's): the clerk jumps to the menu.
        await navLink('全区汇总').focus();
        await page.keyboard.press('Enter');
        const summary = page.locator('[data-page="summary"]');
        const comparison = page.getByRole('table', { name: '与全区报告不一致的单元格' });
        await comparison.waitFor();
        expect(await comparison.locator('tbody tr').count()).toBe(1);
        const left = a.get(UNITS[2], YEAR).report.values[PLANT] as number;
        const planted = comparison.locator(`tr[data-key="${PLANT}"]`);
        expect(await planted.textContent()).toContain(UNITS[2]);
        expect(await planted.textContent()).toContain(`-${left}`);
        await shot('06-summary');

        // The first number of the first table is one Tab stop; Enter shows its drill-down, which adds up both to
        // the number on the screen and to the sum of the reports in the archive.
        const drill = page.getByLabel('汇总明细');
        const firstCell = summary.locator('.summary-table td[tabindex="0"]').first();
        await tabTo(page, firstCell, { max: 40 });
        // One Tab stop per table, not one per number.
        expect(await summary.locator('.summary-table td[tabindex="0"]').count()).toBeLessThanOrEqual(4);
        await page.keyboard.press('Enter');
        const key = (await firstCell.getAttribute('data-key'))!;
        expect(key).toBe(PLANT);
        const received = states.filter((r) => r.state !== 'missing').map((r) => a.get(r.name, YEAR).report.values[key]);
        const archiveSum = received.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
        const onScreen = num(await firstCell.textContent());
        expect(onScreen).toBe(archiveSum);
        await expect.poll(async () => num(await drill.getByTestId('drill-sum').textContent())).toBe(onScreen);
        const parts = (await drill.locator('.drill-value').allTextContents()).map(num);
        expect(parts).toHaveLength(received.length);
        expect(parts.reduce((s, v) => s + v, 0)).toBe(onScreen);
        // The flagged number names the unit the 全区 report left out.
        expect(await drill.getByLabel('与全区报告的差异').textContent()).toContain(UNITS[2]);
        // Arrow keys move the Tab stop with the selection.
        await page.keyboard.press('ArrowRight');
        const moved = summary.locator('.summary-table td[tabindex="0"]').first();
        await expect.poll(() => moved.getAttribute('data-key')).not.toBe(PLANT);
        expect(await isFocused(moved)).toBe(true);
        await page.keyboard.press('ArrowLeft');
        await shot('07-summary-drill');

        // Into a unit from the drill-down: Tab reaches its link, Enter opens the report.
        const topUnit = (await drill.locator('tbody tr').first().getAttribute('data-unit'))!;
        await tabTo(page, drill.getByRole('button', { name: `打开${topUnit}的报告` }), { max: 20 });
        await page.keyboard.press('Enter');
        await page.getByRole('navigation').getByLabel(`回到正在编辑的${topUnit}${YEAR}年报告`).waitFor();
        await shot('08-unit');

        // ---- 图表 of the 全区 and of one unit.
        await navLink('图表').focus();
        await page.keyboard.press('Enter');
        const charts = page.locator('[data-page="charts"]');
        await shot('09-charts-empty');
        await tabTo(page, charts.getByRole('radio', { name: '一个单位' }), { max: 10 });
        await page.keyboard.press('ArrowRight');
        const parentPicker = charts.getByRole('combobox', { name: '上级单位' });
        await tabTo(page, parentPicker, { max: 10 });
        await expect.poll(() => parentPicker.inputValue()).toBe(PARENT);
        await charts.locator('[data-chart="applications"] .recharts-bar-rectangle path').first().waitFor();
        await page.waitForTimeout(500);
        await shot('10-charts-region');
        const printAll = charts.getByRole('button', { name: '打印本页' });
        await tabTo(page, printAll, { max: 10 });
        await page.keyboard.press('Enter');
        const chartSheet = page.getByRole('dialog', { name: new RegExp(PARENT) });
        await chartSheet.waitFor();
        await page.waitForTimeout(500);
        await shot('11-charts-region-print');
        await paper('11-charts-region-print');
        await page.keyboard.press('Escape');
        await chartSheet.waitFor({ state: 'detached' });
        await expect.poll(() => isFocused(printAll)).toBe(true);

        // One unit: the scope back to 一个单位, the unit typed into the picker.
        await tabTo(page, charts.getByRole('radio', { name: '全区（下级单位合计）' }), { back: true, max: 10 });
        await page.keyboard.press('ArrowLeft');
        const unitPicker = charts.getByRole('combobox', { name: '单位' });
        await tabTo(page, unitPicker, { max: 10 });
        await page.keyboard.type(UNITS[1]);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await expect.poll(() => unitPicker.inputValue()).toBe(UNITS[1]);
        await charts.locator('[data-chart="applications"] .recharts-bar-rectangle path').first().waitFor();
        await page.waitForTimeout(500);
        // The table under the chart holds the archive's numbers.
        const table = charts.locator('[data-chart="applications"] table');
        const heads = (await table.locator('thead th').allTextContents()).slice(1);
        const totalRow = table
          .locator('tbody tr')
          .filter({ has: page.locator('td', { hasText: '总计' }) })
          .first();
        const cellText = await totalRow
          .locator('td')
          .nth(heads.indexOf(String(YEAR)) + 1)
          .textContent();
        expect(num(cellText)).toBe(a.get(UNITS[1], YEAR).report.values['requests.new.total']);
        await shot('12-charts-unit');
        await tabTo(page, charts.getByRole('button', { name: '打印本页' }), { max: 10 });
        await page.keyboard.press('Enter');
        const unitSheet = page.getByRole('dialog', { name: new RegExp(UNITS[1]) });
        await unitSheet.waitFor();
        await page.waitForTimeout(500);
        await shot('13-charts-unit-print');
        await paper('13-charts-unit-print');
        await page.keyboard.press('Escape');
        expect(app.pageErrors).toEqual([]);
      } finally {
        await app.close();
      }
    }, 600_000);
});
