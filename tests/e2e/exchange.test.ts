/// <reference lib="dom" />
// Issue 14 in Chromium at 1366×768, with two archives open side by side: a unit's and its collecting office's. The
// unit sends its report from the editor (asked first about a wrong number and an unexplained warning; it explains
// the warning and sends anyway); the office previews the package in the import page next to a damaged copy that is
// refused, accepts it, and returns it with a general and a per-cell reason; the unit imports the return, sees the
// reason on the cell, fixes the number and sends again without being asked; the office receives the new version and
// its record shows receive / return / receive.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/main/excel/write-report';
import { ExchangeService } from '../../src/main/exchange/service';
import { getTemplate } from '../../src/shared/template';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

const VIEWPORT = { width: 1366, height: 768 };
const UNIT = '某县教育局';
const YEAR = 2024;
const CELL = 'requests.new.natural_person';
const CELL_NAME = getTemplate('gov2021').cellByKey.get(CELL)!.name;
const CELL_REASON = '自然人新收申请数与登记台账不符，请核对';
const GENERAL_REASON = '请核对第三部分的数字后重新报送';
const DISMISS_REASON = '本单位年报经县政府办统一审核后于3月5日发布';

/** Lets a dialog's opening transition finish, so the screenshot shows it. */
const settled = (page: Page) => page.waitForTimeout(400);
const packageRow = (page: Page, file: string) => page.locator(`tr[data-package="${file}"]`);
const goImport = (page: Page) => page.getByRole('navigation').getByText('导入', { exact: true }).click();
const openReport = (page: Page) => page.getByRole('button', { name: `打开${UNIT}${YEAR}年报告` }).click();
/** The first pick of the page starts from the empty state; later ones add to the list. */
async function pick(app: OpenApp, files: string[]) {
  app.bridge.host.answers.open.push(files);
  const first = app.page.getByRole('button', { name: '选择文件…' });
  await ((await first.isVisible()) ? first : app.page.getByRole('button', { name: '再添加文件…' })).click();
}

describe.skipIf(!browserAvailable)('报送 and 退回 between two archives in Chromium at 1366×768', () => {
  it('a report sent, received, returned with a cell reason, fixed and sent again', async () => {
    let right = 0;
    const unitApp = await openApp((b) => {
      const r = { ...consistentReport('gov2021', 3, YEAR), unit: UNIT, unit_kind: 'department' as const };
      right = Number(r.values[CELL]);
      r.values[CELL] = right + 1; // off by one: the totals (R1, R2) disagree
      r.published = '2025-03-05'; // an R11 warning (late for a department), to explain before sending
      b.store.archive.save(r);
    }, VIEWPORT);
    const office = await openApp(undefined, VIEWPORT);
    const u = unitApp.bridge.store.archive;
    const o = office.bridge.store.archive;
    const sent1 = join(unitApp.dir, `${UNIT}-${YEAR}-报送.nbpkg`);
    const sent2 = join(unitApp.dir, `${UNIT}-${YEAR}-报送-2.nbpkg`);
    const returned = join(office.dir, `${UNIT}-${YEAR}-退回.nbpkg`);
    try {
      // ── The unit: 报送 asks about the errors and the unexplained warning; it explains the warning, sends anyway. ──
      let page = unitApp.page;
      await openReport(page);
      await page.getByRole('button', { name: '报送', exact: true }).click();
      const ask = page.getByRole('dialog', { name: '报告还有问题，确定要报送吗？' });
      const problems = ask.getByRole('list', { name: '报送前的问题' });
      await problems.getByText(/R11/).waitFor();
      await expect(problems.getByText(/^错误/).count()).resolves.toBeGreaterThan(0);
      await settled(page);
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-send-ask.png` });
      await ask.getByRole('button', { name: '先去处理' }).click();
      await page.locator('.finding[data-rule="R11"]').getByRole('button', { name: '忽略…' }).click();
      const dismiss = page.getByRole('dialog', { name: '忽略这条警告' });
      await dismiss.getByLabel('理由（会和报告一起保存）').fill(DISMISS_REASON);
      await dismiss.getByRole('button', { name: '忽略', exact: true }).click();
      await dismiss.waitFor({ state: 'detached' });
      unitApp.bridge.host.answers.save.push(sent1);
      await page.getByRole('button', { name: '报送', exact: true }).click();
      // Asked again for the errors alone.
      await problems.getByText(/^错误/).first().waitFor();
      await expect(problems.getByText(/R11/).count()).resolves.toBe(0);
      await ask.getByRole('button', { name: '仍然报送' }).click();
      const savedAt = page.getByRole('alert', { name: '报送包' });
      await savedAt.waitFor();
      expect(await savedAt.getByLabel('保存位置').textContent()).toContain(sent1);
      const firstRevision = u.get(UNIT, YEAR).revision;
      await expect(page.getByLabel('报送状态').textContent()).resolves.toContain(`已报送 · 第 ${firstRevision} 版`);
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-sent.png` });
      // The same revision packed again a moment later (the CLI's send): the office will get it after a newer one.
      const stale = join(unitApp.dir, `${UNIT}-${YEAR}-报送-旧.nbpkg`);
      await new ExchangeService(u).send(UNIT, YEAR, stale);

      // ── The office: the package previewed beside a copy changed by one byte, which is refused, and a workbook of
      // another unit, which goes to the list of reports as ever. ──
      const damaged = join(office.dir, '改动过的报送包.nbpkg');
      const bytes = readFileSync(sent1);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      writeFileSync(damaged, bytes);
      const workbook = join(office.dir, '某县财政局2024.xlsx');
      const other = { ...consistentReport('gov2021', 7, YEAR), unit: '某县财政局', unit_kind: 'department' as const };
      await writeReportFile(other, workbook, { appVersion: 'test' });
      page = office.page;
      await goImport(page);
      await pick(office, [sent1, damaged, workbook]);
      await page
        .getByRole('table', { name: '导入文件列表' })
        .getByRole('row')
        .filter({ hasText: '某县财政局2024.xlsx' })
        .getByText('可以导入')
        .waitFor();
      await expect(page.locator('tr[data-package]').count()).resolves.toBe(2);
      await packageRow(page, '改动过的报送包.nbpkg').getByText('不能接收').waitFor();
      await packageRow(page, '改动过的报送包.nbpkg').click();
      const refusal = page.getByRole('alert', { name: '不能接收' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toMatch(/改动过的报送包\.nbpkg 不能接收：.*没有存入任何内容/);
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-refused.png` });
      expect(o.find(UNIT, YEAR)).toBeUndefined();

      await packageRow(page, `${UNIT}-${YEAR}-报送.nbpkg`).click();
      const preview = page.getByLabel('报送包预览');
      await preview.getByText(`报送方第 ${firstRevision} 版`, { exact: false }).first().waitFor();
      await preview.getByText(`单位说明：${DISMISS_REASON}`).waitFor();
      await preview.getByText('档案中还没有这份报告，接收后新建。').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-receive-preview.png`, fullPage: true });
      await preview.getByRole('button', { name: '接收', exact: true }).click();
      await packageRow(page, `${UNIT}-${YEAR}-报送.nbpkg`).getByText('已接收').waitFor();
      const atOffice = o.get(UNIT, YEAR);
      expect(atOffice.status).toBe('final');
      expect(atOffice.report.values).toEqual(u.get(UNIT, YEAR).report.values);
      expect(atOffice.report.sections).toEqual(u.get(UNIT, YEAR).report.sections);
      expect(o.validateStored(UNIT, YEAR).find((f) => f.rule === 'R11')?.dismissed?.reason).toBe(DISMISS_REASON);

      // ── The office returns it: a general reason and one for the cell selected in the grid. ──
      await preview.getByRole('button', { name: '打开报告' }).click();
      await expect(page.getByLabel('报送状态').textContent()).resolves.toContain('已接收');
      await page.locator(`.editor-page td[data-key="${CELL}"]`).click();
      await page.getByRole('button', { name: '退回…' }).click();
      const dialog = page.getByRole('dialog', { name: `退回 ${UNIT} ${YEAR} 年的报告` });
      await dialog.getByLabel('总体理由').fill(GENERAL_REASON);
      await dialog.getByRole('button', { name: `添加当前单元格：${CELL_NAME}` }).click();
      await dialog.getByLabel(CELL_NAME).fill(CELL_REASON);
      await settled(page);
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-return-dialog.png` });
      office.bridge.host.answers.save.push(returned);
      await dialog.getByRole('button', { name: '生成退回包' }).click();
      await page.getByRole('alert', { name: '退回包' }).waitFor();
      await expect(page.getByLabel('报送状态').textContent()).resolves.toContain('已退回');
      expect(o.get(UNIT, YEAR).status).toBe('draft');

      // ── The unit imports the return: the reason is on the cell and in the 退回意见 panel. ──
      page = unitApp.page;
      await goImport(page);
      await pick(unitApp, [returned]);
      const back = page.getByLabel('报送包预览');
      await back.getByText(`${CELL_NAME}：${CELL_REASON}`).waitFor();
      await back.getByRole('button', { name: '导入退回意见' }).click();
      await back.getByRole('button', { name: '打开报告' }).click();
      const panel = page.getByRole('alert', { name: '退回意见' });
      await panel.getByText(GENERAL_REASON).waitFor();
      const cell = page.locator(`.editor-page td[data-key="${CELL}"]`);
      await expect(cell.getAttribute('class')).resolves.toContain('returned');
      await panel.getByRole('button', { name: CELL_NAME }).click();
      await expect(cell.getAttribute('class')).resolves.toContain('selected');
      // The reason beside the cell while it is the active one.
      await page.locator('.mantine-Tooltip-tooltip').filter({ hasText: CELL_REASON }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-returned-editor.png` });

      // Fixed and sent again, without being asked (nothing is open now); the marks go once the package is made.
      const fixed = right;
      await page.keyboard.type(String(fixed));
      await page.keyboard.press('Enter');
      await expect.poll(() => u.get(UNIT, YEAR).report.values[CELL], { timeout: 15_000 }).toBe(fixed);
      await expect
        .poll(() => page.getByLabel('保存状态').textContent(), { timeout: 15_000 })
        .toBe(`已保存 · 第 ${u.get(UNIT, YEAR).revision} 版`);
      unitApp.bridge.host.answers.save.push(sent2);
      await page.getByRole('button', { name: '报送', exact: true }).click();
      await page.getByRole('alert', { name: '报送包' }).getByText(sent2).waitFor();
      expect(u.validateStored(UNIT, YEAR).filter((f) => f.severity === 'error' || (f.severity === 'warning' && !f.dismissed))).toEqual([]);
      await expect(ask.count()).resolves.toBe(0);
      const secondRevision = u.get(UNIT, YEAR).revision;
      await expect(page.getByLabel('报送状态').textContent()).resolves.toContain(`已报送 · 第 ${secondRevision} 版`);
      await panel.waitFor({ state: 'detached' });
      await expect(cell.getAttribute('class')).resolves.not.toContain('returned');

      // ── The office receives the new version; its record shows receive, return, receive. ──
      page = office.page;
      await goImport(page);
      await pick(office, [sent2]);
      await packageRow(page, `${UNIT}-${YEAR}-报送-2.nbpkg`).click();
      const second = page.getByLabel('报送包预览');
      const diff = second.getByRole('table', { name: '报送包与档案的差别' });
      await diff.getByRole('row').filter({ hasText: CELL_NAME }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-receive-again.png`, fullPage: true });
      await second.getByRole('button', { name: '接收', exact: true }).click();
      await second.getByRole('button', { name: '打开报告' }).click();
      await page.getByRole('button', { name: '报送记录' }).click();
      const record = page.getByRole('table', { name: '报送与退回记录' });
      await record.getByRole('row').nth(3).waitFor();
      expect(await record.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-direction')))).toEqual([
        'received',
        'returned',
        'received',
      ]);
      expect(await record.locator('tbody tr').first().textContent()).toContain(`报送方第 ${secondRevision} 版`);
      expect(await record.textContent()).toContain(`${CELL_NAME}：${CELL_REASON}`);
      await settled(page);
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-office-history.png` });
      expect(o.get(UNIT, YEAR).report.values[CELL]).toBe(fixed);
      expect(o.get(UNIT, YEAR).status).toBe('final');

      // The earlier revision arriving now is called older, and is not taken over the newer one.
      await page
        .getByRole('button', { name: '关闭' })
        .click()
        .catch(() => undefined);
      await page.keyboard.press('Escape');
      await record.waitFor({ state: 'detached' });
      await goImport(page);
      await pick(office, [stale]);
      const staleRow = packageRow(page, `${UNIT}-${YEAR}-报送-旧.nbpkg`);
      await staleRow.getByText('比档案中的旧').waitFor();
      await staleRow.click();
      const older = page.getByLabel('报送包预览');
      await older.getByText(`这个报送包比档案中的版本旧（报送包为第 ${firstRevision} 版，档案中已接收第 ${secondRevision} 版）`).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/exchange-older.png`, fullPage: true });
      // Only the kinds of problem there are are named (no "0 项未说明的警告").
      expect(await older.getByLabel('提示').textContent()).toMatch(/报送时有 \d+ 项错误(?!、)/);
      const revisions = o.get(UNIT, YEAR).revision;
      await older.getByRole('button', { name: '仍然接收这个旧版本' }).click();
      await page
        .getByRole('alert', { name: '没有接收' })
        .getByText(/已定稿/)
        .waitFor();
      expect(o.get(UNIT, YEAR).revision).toBe(revisions);
      expect(o.get(UNIT, YEAR).report.values[CELL]).toBe(fixed);
      expect(unitApp.pageErrors).toEqual([]);
      expect(office.pageErrors).toEqual([]);
    } finally {
      await office.close();
      await unitApp.close();
    }
  }, 300_000);
});
