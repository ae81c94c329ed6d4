/// <reference lib="dom" />
// Issue 10 items 4–6 in Chromium through the browser bridge at 1366×768: a 定稿 report refusing a fill, a dismissal
// and typing with the reason shown; 定稿 with errors asking and recording; a 2018 report's 统计附表 edited, exported
// and re-imported; a report deleted and restored from 已删除; 发布日期 typed in the editor and checked by R11.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';
import { loadSamples } from '../helpers/samples';
import { parseReport } from '../../src/shared/report';

const VIEWPORT = { width: 1366, height: 768 };
const listRow = (page: Page, name: string) => page.getByRole('table', { name: '导入文件列表' }).getByRole('row').filter({ hasText: name });
/** Lets a dialog's opening transition finish, so the screenshot shows it. */
const settled = (page: Page) => page.waitForTimeout(400);
const notice = (page: Page, text: string | RegExp) => page.locator('.mantine-Notification-root').filter({ hasText: text });

describe.skipIf(!browserAvailable)('定稿, legacy appendix, 发布日期 and deleting in Chromium at 1366×768', () => {
  it('a 定稿 report refuses a fill, a dismissal and typing, saying why; 定稿 with errors asks and is recorded', async () => {
    const app = await openApp((b) => {
      const r = { ...consistentReport('gov2021', 3, 2024), unit: '某县教育局', unit_kind: 'department' as const };
      r.values['requests.total.natural_person'] = null; // an R1 error with a one-click fill
      r.published = '2025-03-05'; // an R11 warning (late for a department)
      b.store.archive.save(r);
      b.store.archive.setStatus('某县教育局', 2024, 'final', { confirmErrors: true });
    }, VIEWPORT);
    const { page, bridge } = app;
    const a = bridge.store.archive;
    try {
      const before = a.get('某县教育局', 2024);
      await page.getByRole('button', { name: '打开某县教育局2024年报告' }).click();
      const banner = page.getByRole('alert', { name: '已定稿' });
      await banner.waitFor();
      expect(await banner.textContent()).toMatch(/这份报告已定稿，已锁定.*如需修改，请先取消定稿/);

      // 填入: disabled look, a tooltip, a notification; nothing stored.
      const r1 = page.locator('.finding[data-rule="R1"]').first();
      const fill = r1.getByRole('button', { name: /^填入 \d+$/ });
      await expect(fill.getAttribute('data-disabled')).resolves.not.toBeNull();
      await fill.hover();
      await page.locator('.mantine-Tooltip-tooltip').filter({ hasText: '已定稿，不能修改；如需修改请先取消定稿' }).waitFor();
      // Shown disabled (aria-disabled), but a person's click still reaches it and is answered.
      await fill.click({ force: true });
      await notice(page, '已定稿，不能修改').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/lock-fill-refused.png` });
      expect(a.get('某县教育局', 2024).report.values['requests.total.natural_person']).toBeNull();

      // 忽略…: no reason dialog, the same notification.
      await page.locator('.mantine-Notification-root').getByRole('button').first().click();
      await notice(page, '已定稿，不能修改').waitFor({ state: 'detached' });
      const r11 = page.locator('.finding[data-rule="R11"]');
      await r11.getByRole('button', { name: '忽略…' }).click({ force: true });
      await notice(page, '已定稿，不能修改').waitFor();
      await expect(page.getByRole('dialog', { name: '忽略这条警告' }).count()).resolves.toBe(0);
      expect(a.validateStored('某县教育局', 2024).find((f) => f.rule === 'R11')?.dismissed).toBeUndefined();

      // Typing into the grid and into a text: the notification, and nothing changes.
      await page.locator('.mantine-Notification-root').getByRole('button').first().click();
      await notice(page, '已定稿，不能修改').waitFor({ state: 'detached' });
      await page.locator('td[data-key="requests.new.natural_person"]').click();
      await page.keyboard.type('5');
      await notice(page, '已定稿，不能修改').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/lock-typing-refused.png` });
      expect(a.get('某县教育局', 2024).revision).toBe(before.revision);

      // 取消定稿 from the banner, then 定稿 again: the errors are listed and the confirmation recorded.
      await banner.getByRole('button', { name: '取消定稿' }).click();
      await page.getByRole('dialog', { name: '取消定稿' }).getByRole('button', { name: '取消定稿' }).click();
      await banner.waitFor({ state: 'detached' });
      expect(a.get('某县教育局', 2024).status).toBe('draft');
      await page.getByRole('button', { name: '定稿', exact: true }).click();
      const ask = page.getByRole('dialog', { name: '报告还有错误，确定要定稿吗？' });
      await ask.waitFor();
      const errors = a.validateStored('某县教育局', 2024).filter((f) => f.severity === 'error');
      const listed = ask.getByRole('list', { name: '未改正的错误' }).getByRole('listitem');
      await expect(listed.count()).resolves.toBe(errors.length);
      expect(await listed.first().textContent()).toContain(errors[0].message);
      await settled(page);
      await page.screenshot({ path: `${SCREENSHOTS}/lock-confirm-errors.png` });
      await ask.getByRole('button', { name: '仍然定稿' }).click();
      await banner.waitFor();
      expect(a.get('某县教育局', 2024).status).toBe('final');
      expect(a.history('某县教育局', 2024).map((h) => h.note)).toEqual([
        `定稿（已确认 ${errors.length} 个错误）`,
        '取消定稿',
        `定稿（已确认 ${errors.length} 个错误）`,
        null,
      ]);
      await page.screenshot({ path: `${SCREENSHOTS}/lock-banner.png` });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('a 2018 report’s 统计附表 edited in the editor, exported to Excel and imported back', async () => {
    const sample = loadSamples().find((s) => s.expected.template === 'legacy')!;
    const parsed = parseReport(sample.expected);
    if (!parsed.ok) throw new Error(parsed.errors.join());
    const app = await openApp((b) => b.store.archive.save({ ...parsed.report, unit_kind: 'government' }), VIEWPORT);
    const { page, bridge } = app;
    const a = bridge.store.archive;
    const unit = parsed.report.unit!;
    try {
      await page.getByRole('button', { name: `打开${unit}2018年报告` }).click();
      const appendix = page.getByRole('table', { name: '统计附表' });
      await appendix.waitFor();
      await expect(appendix.getByRole('row').count()).resolves.toBe(parsed.report.legacy!.length + 1);

      // Change a number, typing like in a sheet: Enter commits and goes down the column.
      await page.getByLabel('第 1 行本年').fill('1700');
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('第 2 行本年');
      // Remove the second row, add one at the end with Tab between the cells.
      await page.getByRole('button', { name: '删除第 2 行' }).click();
      await page.getByRole('button', { name: '添加一行' }).click();
      const n = parsed.report.legacy!.length; // rows after one removed and one added
      await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe(`第 ${n} 行指标名称`);
      await page.keyboard.type('网上答复咨询');
      await page.keyboard.press('Tab');
      await page.keyboard.type('件');
      await page.keyboard.press('Tab');
      await page.keyboard.type('36');
      await page.keyboard.press('Tab');
      await page.keyboard.type('1,200');
      await page.keyboard.press('Tab');
      await page.getByText(/已保存 · 第 \d+ 版/).waitFor({ timeout: 15_000 });
      const expected = [
        { ...parsed.report.legacy![0], this_year: 1700 },
        ...parsed.report.legacy!.slice(2),
        { label: '网上答复咨询', unit: '件', this_year: 36, cumulative: 1200 },
      ];
      await expect.poll(() => a.get(unit, 2018).report.legacy, { timeout: 10_000 }).toEqual(expected);
      // The jump bar reaches the appendix, just below the sticky toolbar.
      await page.getByRole('navigation', { name: '跳到' }).getByRole('button', { name: '统计附表' }).click();
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${SCREENSHOTS}/legacy-editor.png` });

      // Export to Excel; then the archive loses the rows (replaced by an older version) and the file brings them back.
      const out = join(app.dir, 'legacy-2018.xlsx');
      bridge.host.answers.save.push(out);
      await page.getByRole('button', { name: '导出 Excel' }).click();
      await expect.poll(() => existsSync(out), { timeout: 15_000 }).toBe(true);
      await page.getByRole('button', { name: '← 档案' }).click();
      a.save({ ...a.get(unit, 2018).report, legacy: [] }, { note: '测试：附表被清空' });

      await page.getByRole('navigation').getByText('导入', { exact: true }).click();
      bridge.host.answers.open.push([out]);
      await page.getByRole('button', { name: '选择文件…' }).click();
      await listRow(page, 'legacy-2018.xlsx').getByText('可以导入').waitFor({ timeout: 20_000 });
      await listRow(page, 'legacy-2018.xlsx').click();
      await page.getByLabel('导入预览').getByText('统计附表有变化').waitFor();
      // 发布日期 given in the preview: R11 checks it before anything is written.
      await page.getByLabel('导入预览').getByLabel('发布日期').fill('2019-05-06');
      await page.getByLabel('导入预览').getByText('发布日期 2019-05-06 晚于人民政府的年度报告的公布期限 2019-03-31').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/legacy-import-preview.png`, fullPage: true });
      await page.getByRole('button', { name: '导入所选 1 份' }).click();
      await page.getByText('已导入 1 份报告').waitFor();
      expect(a.get(unit, 2018).report.legacy).toEqual(expected);
      expect(a.get(unit, 2018).report.published).toBe('2019-05-06');
      expect(a.history(unit, 2018)[0].note).toBe('从 legacy-2018.xlsx 导入');

      // The print view shows the appendix under its heading.
      await page.getByRole('navigation').getByText('档案', { exact: true }).click();
      await page.getByRole('button', { name: `打开${unit}2018年报告` }).click();
      await page.getByRole('button', { name: '打印 / PDF' }).click();
      const printed = page.getByRole('table', { name: '统计指标' });
      await printed.waitFor();
      await expect(printed.getByRole('row').count()).resolves.toBe(expected.length + 1);
      await page.getByRole('heading', { name: '统计附表' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/legacy-print.png` });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 150_000);

  it('deletes a report and a unit after a confirmation naming them, and restores both from 已删除; 发布日期 runs R11', async () => {
    const app = await openApp((b) => {
      for (const year of [2023, 2024])
        b.store.archive.save({ ...consistentReport('gov2021', year, year), unit: '某县教育局', unit_kind: 'department' });
      b.store.archive.save({ ...consistentReport('gov2021', 5, 2024), unit: '某县财政局', unit_kind: 'department' });
    }, VIEWPORT);
    const { page, bridge } = app;
    const a = bridge.store.archive;
    try {
      // 发布日期 typed in the editor: late for a department, so R11 warns.
      await page.getByRole('button', { name: '打开某县教育局2024年报告' }).click();
      // Typed as a clerk writes it; stored as 2025-02-10.
      await page.getByLabel('发布日期').click();
      await page.keyboard.type('2025年2月10日');
      await page.locator('.finding[data-rule="R11"]').waitFor();
      await expect.poll(() => a.get('某县教育局', 2024).report.published, { timeout: 10_000 }).toBe('2025-02-10');
      await page.screenshot({ path: `${SCREENSHOTS}/published-r11.png` });

      // The 2023 report goes from the editor.
      await page.getByRole('button', { name: '← 档案' }).click();
      await page.getByRole('button', { name: '打开某县教育局2023年报告' }).click();
      await page.getByRole('button', { name: '删除', exact: true }).click();
      const confirm = page.getByRole('dialog', { name: '删除“某县教育局”2023 年的报告？' });
      await confirm.waitFor();
      expect(await confirm.textContent()).toContain('2024 年报告的跨年度核对会随之重新计算');
      await settled(page);
      await page.screenshot({ path: `${SCREENSHOTS}/delete-report-confirm.png` });
      await confirm.getByRole('button', { name: '删除', exact: true }).click();
      await page.getByRole('table', { name: '档案总览' }).waitFor();
      expect(a.find('某县教育局', 2023)).toBeUndefined();
      // The editor of the deleted report is closed, not kept open to be returned to.
      await expect(page.getByRole('button', { name: '回到正在编辑的某县教育局2023年报告' }).count()).resolves.toBe(0);
      await expect(page.getByLabel('回到正在编辑的某县教育局2023年报告').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: '打开某县教育局2023年报告' }).count()).resolves.toBe(0);

      // The 财政局 unit goes from 档案, with its report — and the editor left open on that report closes.
      await page.getByRole('button', { name: '打开某县财政局2024年报告' }).click();
      await page.getByRole('button', { name: '← 档案' }).click();
      await page.getByLabel('回到正在编辑的某县财政局2024年报告').waitFor();
      await page.getByRole('button', { name: '删除单位某县财政局' }).click();
      const unitConfirm = page.getByRole('dialog', { name: '删除单位“某县财政局”？' });
      expect(await unitConfirm.textContent()).toContain('及其 1 份报告（2024 年）');
      await unitConfirm.getByRole('button', { name: '删除', exact: true }).click();
      await page.getByRole('button', { name: '删除单位某县财政局' }).waitFor({ state: 'detached' });
      await expect(page.getByLabel('回到正在编辑的某县财政局2024年报告').count()).resolves.toBe(0);
      const deleted = page.getByRole('table', { name: '已删除列表' });
      await deleted.getByText('单位：某县财政局').waitFor();
      await deleted.getByText('报告：某县教育局 2023 年').waitFor();
      await page.getByText('已删除', { exact: true }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/deleted-list.png` });

      await deleted.getByRole('button', { name: '恢复某县教育局2023年报告' }).click();
      await page.getByRole('button', { name: '打开某县教育局2023年报告' }).waitFor();
      await deleted.getByRole('button', { name: '恢复单位某县财政局' }).click();
      await page.getByRole('button', { name: '打开某县财政局2024年报告' }).waitFor();
      await deleted.waitFor({ state: 'detached' });
      expect(a.get('某县教育局', 2023).revision).toBe(1);
      expect(a.deleted()).toEqual({ units: [], reports: [] });
      await page.screenshot({ path: `${SCREENSHOTS}/deleted-restored.png` });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 120_000);
});
