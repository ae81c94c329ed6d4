/// <reference lib="dom" />
// The clerk's walk-through at 1366×768, keyboard only after the first click: opening a report puts the keyboard on
// the grid (not on the page body, from where Tab would start at the side bar), and the validation panel takes the
// keyboard to the cell a finding names.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';
import { openApp, type OpenApp } from '../helpers/app';
import { consistentReport } from '../helpers/random-report';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';

const UNIT = '某县民政局';
/** A report without a single finding: the validation panel has nothing to focus. */
const CLEAN = '某县档案馆';
const template = getTemplate('gov2021');
const requests = template.tables.find((t) => t.id === 'requests')!;

/** What has the keyboard: the data-key of the focused cell, else the element's tag and accessible name. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const td = el?.closest('td[data-key]') as HTMLElement | null;
    return td?.dataset.key ?? `${el?.tagName}:${el?.getAttribute('aria-label') ?? el?.textContent ?? ''}`;
  });

describe.skipIf(!browserAvailable)('the clerk at 1366×768, keyboard only', () => {
  let app: OpenApp;
  let page: Page;

  /**
   * Each test has its own archive and page: last year's report carries 3 forward in every column; this year's is
   * started (二、上年结转 filled in, nothing else) when `thisYear`; a clean report of another unit.
   */
  const start = async (thisYear: boolean) => {
    app = await openApp(
      (b) => {
        const last = { ...emptyReport('gov2021', UNIT, 2024), unit_kind: 'department' as const };
        for (const c of requests.cells) if (c.rowKey === 'carried_forward') last.values[c.key] = 3;
        b.store.archive.save(last);
        if (thisYear) b.store.archive.save({ ...b.store.archive.draft(UNIT, 2025).report, unit_kind: 'department' });
        const clean = { ...consistentReport('gov2021', 7, 2025), unit: CLEAN, unit_kind: 'department' as const };
        clean.sections = { ...clean.sections, overall: '总体情况。', problems: '问题。', other: '本年度未收取信息处理费。' };
        b.store.archive.save(clean);
      },
      { width: 1366, height: 768 },
    );
    page = app.page;
  };
  const openThisYear = async () => {
    await page.getByRole('button', { name: `打开${UNIT}2025年报告` }).click();
    await page.getByText(/^已保存 · 第 \d+ 版$/).waitFor();
  };

  afterEach(async () => {
    expect(app?.pageErrors).toEqual([]);
    await app?.close();
  });

  it('starts this year’s report with the keyboard on 表二’s first cell, and types at once', async () => {
    await start(false);
    await page.getByRole('button', { name: `新建${UNIT}2025年报告` }).click();
    await page.getByText('新报告，填写后自动保存').waitFor();
    // 二、上年结转 comes from last year's 四、结转下年度继续办理.
    expect(await page.locator('td[data-key="requests.carried_over.natural_person"]').textContent()).toBe('3');
    await expect.poll(() => focused(page)).toBe('proactive.regulations.issued');
    await page.keyboard.type('4');
    await page.keyboard.press('Tab');
    // Ctrl+S while a figure is still being typed saves it too, as in Excel (no Enter first).
    await page.keyboard.type('1');
    await page.keyboard.press('Control+s');
    await page.getByText(/^已保存 · 第 \d+ 版$/).waitFor({ timeout: 15_000 });
    const values = app.bridge.store.archive.get(UNIT, 2025).report.values;
    expect([values['proactive.regulations.issued'], values['proactive.regulations.repealed']]).toEqual([4, 1]);
    expect(await focused(page)).toBe('proactive.regulations.repealed');
    await page.screenshot({ path: `${SCREENSHOTS}/clerk-opened.png` });
  }, 60_000);

  it('← 档案 goes back to the report’s button there; reopened, the keyboard is back on the cell last worked on', async () => {
    await start(true);
    await openThisYear();
    await page.locator('td[data-key="proactive.regulations.repealed"]').click();
    await page.getByRole('button', { name: '← 档案' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(`BUTTON:打开${UNIT}2025年报告`);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('proactive.regulations.repealed');
  }, 60_000);

  it('goes from a finding in the panel to its cell with the keyboard (F6, Tab, Enter) and fixes it there', async () => {
    await start(true);
    await openThisYear();
    // 5 new requests from natural persons (3 carried over) and no total: R1 names 第三项（七）总计（自然人）.
    await page.locator('td[data-key="requests.new.natural_person"]').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    const r1 = page.locator('.finding[data-rule="R1"]').filter({ hasText: '第三项（七）总计（自然人）' });
    await r1.waitFor();
    // F6 twice: the toolbar, then the panel, whose first stop is the first finding itself (not its 填入 button).
    await page.keyboard.press('F6');
    await page.keyboard.press('F6');
    await expect.poll(() => focused(page)).toMatch(/^DIV:错误 R1第三项（七）总计（自然人）应为 8/);
    await page.screenshot({ path: `${SCREENSHOTS}/clerk-finding-focused.png` });
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('requests.total.natural_person');
    await page.screenshot({ path: `${SCREENSHOTS}/clerk-finding-cell.png` });
    // The keyboard is in the grid: the right total typed there clears the finding.
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await r1.waitFor({ state: 'detached' });
  }, 60_000);

  it('with nothing in the panel F6 still goes round; 定稿 and 取消定稿 leave the keyboard on the button, not the page', async () => {
    await start(false);
    await page.getByRole('button', { name: `打开${CLEAN}2025年报告` }).click();
    await page.getByText('没有发现问题').waitFor();
    await expect.poll(() => focused(page)).toBe('proactive.regulations.issued');
    // Grid → toolbar → (the panel has nothing to focus) → grid: F6 never sticks on the toolbar.
    await page.keyboard.press('F6');
    expect(await focused(page)).toBe('BUTTON:保存');
    await page.keyboard.press('F6');
    expect(await focused(page)).toBe('proactive.regulations.issued');
    // Shift+F6 back to the toolbar, Tab along it to 定稿.
    await page.keyboard.press('Shift+F6');
    for (let i = 0; i < 20 && (await page.evaluate(() => document.activeElement?.textContent)) !== '定稿'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('这份报告已定稿，已锁定。').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('取消定稿');
    // Typing into the locked grid changes nothing and says why.
    await page.keyboard.press('Shift+F6');
    expect(await focused(page)).toBe('proactive.regulations.issued');
    const before = app.bridge.store.archive.get(CLEAN, 2025).report.values['proactive.regulations.issued'];
    await page.keyboard.type('9');
    await page.keyboard.press('Delete');
    await page.getByText('已定稿，不能修改。如需修改，请先点“取消定稿”。').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/clerk-locked.png` });
    expect(app.bridge.store.archive.get(CLEAN, 2025).report.values['proactive.regulations.issued']).toBe(before);
    // 取消定稿 from the banner, confirmed in the dialog: the keyboard lands on 定稿 in the toolbar.
    await page.getByLabel('已定稿').getByRole('button', { name: '取消定稿' }).focus();
    await page.keyboard.press('Enter');
    // The dialog's icon-only close button has a name, as every close button does.
    await expect(page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).count()).resolves.toBe(1);
    await page.getByRole('dialog').getByRole('button', { name: '取消定稿' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('这份报告已定稿，已锁定。').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('定稿');
    await page.screenshot({ path: `${SCREENSHOTS}/clerk-unlocked.png` });
  }, 60_000);

  it('Ctrl+Z undoes the last change on its cell, and while a figure is typed only the typing', async () => {
    await start(true);
    await openThisYear();
    const cell = (key: string) => page.locator(`[data-page="editor"] td[data-key="${key}"]`);
    await cell('proactive.licensing.decisions').click();
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('proactive.coercion.decisions');
    // The undo takes the keyboard to the cell it changed, as in Excel.
    await page.keyboard.press('Control+z');
    expect(await cell('proactive.penalty.decisions').textContent()).toBe('空');
    expect(await focused(page)).toBe('proactive.penalty.decisions');
    // Typing into the cell, Ctrl+Z takes back a typed character; the 5 above stays.
    await page.keyboard.type('77');
    await page.keyboard.press('Control+z');
    expect(await page.locator('input.cell-input').inputValue()).toBe('7');
    expect(await cell('proactive.licensing.decisions').textContent()).toBe('5');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+s');
    await page.getByText(/^已保存 · 第 \d+ 版$/).waitFor({ timeout: 15_000 });
    const values = app.bridge.store.archive.get(UNIT, 2025).report.values;
    expect([values['proactive.licensing.decisions'], values['proactive.penalty.decisions']]).toEqual([5, null]);
  }, 60_000);
});
