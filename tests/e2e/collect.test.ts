/// <reference lib="dom" />
// The collecting office's January in Chromium: forty units under a county, forty workbooks (this year's from most
// units, some with an error or a late date, last year's from a few) imported through the import page; the board
// counting them as the SQLite file says; a 全区汇总 whose drill-down adds up to the number on the screen; the
// county's own 全区 report with a planted difference flagged with its unit; the 催报单 read back with exceljs.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/main/excel/write-report';
import { ExchangeService } from '../../src/main/exchange/service';
import { emptyReport, type Report } from '../../src/shared/report';
import { openApp } from '../helpers/app';
import { tempDir, tempStore } from '../helpers/archive';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { childStatesFromFile, PARENT, reportOf, UNITS } from '../helpers/collect';

const YEAR = 2024;
const JUMP = 'proactive.licensing.decisions';
const kindOf = (k: '部门' | '乡镇街道'): 'department' | 'township' => (k === '部门' ? 'department' : 'township');
const nav = (page: Page, label: string) => page.getByRole('navigation').getByText(label, { exact: true }).click();
const num = (s: string | null) => Number((s ?? '').trim());

/** Each child's state as the SQLite file holds it, worked out from the tables, not through the app. */
const statesFromFile = (file: string) => new Map(childStatesFromFile(file, YEAR, PARENT).map((r) => [r.name, r.state]));

describe.skipIf(!browserAvailable)('the collecting office in Chromium', () => {
  it('imports forty workbooks, counts them on the board, sums them with a drill-down and flags the 全区 report', async () => {
    const app = await openApp(
      (b) => {
        const a = b.store.archive;
        a.addUnit({ name: PARENT, kind: 'government' });
        for (const u of UNITS) a.addUnit({ name: u.name, kind: kindOf(u.kind), parent: PARENT });
      },
      { width: 1366, height: 768 },
    );
    const { page, bridge, dir } = app;
    const a = bridge.store.archive;
    const dbFile = join(dir, 'archive.sqlite');
    try {
      expect(UNITS).toHaveLength(40);
      // 36 units send this year's report, four of them last year's too; the last four units send nothing.
      const files: string[] = [];
      const sent = new Map<string, Report>();
      const out = tempDir('nianbao-collect-');
      const errorUnits: string[] = [];
      const write = async (r: Report, year: number) => {
        const file = join(out, `${r.unit}-${year}.xlsx`);
        await writeReportFile(r, file, { appVersion: 'test' });
        files.push(file);
      };
      for (const [i, u] of UNITS.slice(0, 36).entries()) {
        const r: Report = { ...reportOf(u.name, 200 + i, YEAR), unit_kind: kindOf(u.kind) };
        if (i % 6 === 1) {
          // A broken printed total: an error.
          r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 7;
          errorUnits.push(u.name);
        }
        // Published after the legal deadline: a warning.
        if (i % 6 === 2) r.published = `${YEAR + 1}-04-15`;
        sent.set(u.name, r);
        await write(r, YEAR);
      }
      for (const [i, u] of UNITS.slice(0, 4).entries()) {
        const prev: Report = { ...reportOf(u.name, 300 + i, YEAR - 1), unit_kind: kindOf(u.kind) };
        // The first unit's figure last year is over ten times this year's: an outlier among the years.
        if (i === 0) prev.values[JUMP] = (sent.get(u.name)!.values[JUMP] as number) * 10 + 100;
        await write(prev, YEAR - 1);
      }
      const jumpUnit = UNITS[0].name;
      expect(files).toHaveLength(40);

      await nav(page, '导入');
      bridge.host.answers.open.push(files);
      await page.getByRole('button', { name: '选择文件…' }).click();
      const importAll = page.getByRole('button', { name: '导入所选 40 份' });
      await importAll.waitFor({ timeout: 240_000 });
      await expect.poll(() => importAll.isEnabled(), { timeout: 240_000, interval: 500 }).toBe(true);
      await importAll.click();
      await page.getByText('已导入 40 份报告').waitFor({ timeout: 120_000 });
      // The office has already checked two clean reports and set them to 定稿.
      for (const i of [3, 9]) a.setStatus(UNITS[i].name, YEAR, 'final');
      // One unit sends its report as a 报送包 from its own archive and the office receives it; another is returned.
      const received = UNITS[4].name;
      const returned = UNITS[7].name;
      const unitStore = await tempStore();
      unitStore.archive.addUnit({ name: received, kind: 'department' });
      unitStore.archive.save(sent.get(received)!);
      const pkg = join(out, `${received}-${YEAR}-报送.nbpkg`);
      await new ExchangeService(unitStore.archive).send(received, YEAR, pkg);
      const office = new ExchangeService(a);
      expect(office.receive(pkg).status).toBe('accepted');
      await office.returnTo(
        returned,
        YEAR,
        { general: ['表三总计与各项之和不符，请核实'], cells: [] },
        join(out, `${returned}-退回.nbpkg`),
      );

      // ---- 报送情况
      await nav(page, '报送情况');
      // The board opens on last year; the reports are of 2024.
      const boardPage = page.locator('[data-page="board"]');
      await boardPage.getByLabel('年度').click();
      await page.getByRole('option', { name: `${YEAR} 年` }).click();
      await page.getByText('显示 40 / 40 个单位').waitFor();
      expect(await boardPage.getByLabel('上级单位').inputValue()).toBe(PARENT);
      const states = statesFromFile(dbFile);
      expect(states.size).toBe(40);
      const expected = (s: string) => [...states.values()].filter((x) => x === s).length;
      for (const s of ['missing', 'draft', 'errors', 'warnings', 'final'])
        expect(num(await page.locator(`[data-count="${s}"]`).textContent()), s).toBe(expected(s));
      expect(expected('missing')).toBe(4);
      // Two set to 定稿, and the received package is locked as 定稿 too.
      expect(expected('final')).toBeGreaterThanOrEqual(2);
      for (const u of errorUnits) expect(states.get(u)).toBe('errors');
      expect(expected('warnings')).toBeGreaterThan(0);
      await page.screenshot({ path: `${SCREENSHOTS}/board-1366.png` });

      // A count is a filter: only the failing units are listed.
      const errorsCount = expected('errors');
      await page.getByRole('button', { name: `有错误 ${errorsCount} 个` }).click();
      await page.getByText(`显示 ${errorsCount} / 40 个单位`).waitFor();
      const shownStates = await page
        .locator('.board-body [role="row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state')));
      expect(shownStates.length).toBeGreaterThan(0);
      expect(new Set(shownStates)).toEqual(new Set(['errors']));
      await page.getByRole('button', { name: `有错误 ${errorsCount} 个` }).click();
      await page.getByText('显示 40 / 40 个单位').waitFor();

      // The exchange with each unit: 已接收 and 已退回.
      for (const [unit, label] of [
        [received, '已接收'],
        [returned, '已退回'],
      ]) {
        await page.getByLabel('按单位名称筛选').fill(unit);
        await page.getByText('显示 1 / 40 个单位').waitFor();
        await page.locator(`.board-body [role="row"][data-unit="${unit}"]`).getByText(label, { exact: true }).waitFor();
      }
      await page.screenshot({ path: `${SCREENSHOTS}/board-returned-1366.png` });

      // The outlier among the years, explained on hover; the row opens its report with Enter.
      await page.getByLabel('按单位名称筛选').fill(jumpUnit);
      await page.getByText('显示 1 / 40 个单位').waitFor();
      const row = page.locator(`.board-body [role="row"][data-unit="${jumpUnit}"]`);
      await row.getByText(/^异常值 \d+$/).hover();
      const tip = page.getByRole('tooltip');
      await tip.waitFor();
      expect(await tip.textContent()).toMatch(/本年 \d+，上年 \d+，只有上年的 \d+%/);
      await page.screenshot({ path: `${SCREENSHOTS}/board-outlier-1366.png` });
      // A click lists them all, without opening the report.
      await row.getByRole('button', { name: /^异常值 \d+ 处/ }).click();
      const all = page.getByLabel(`${jumpUnit}的异常值`);
      await all.waitFor();
      const outlierCount = num((await row.getByRole('button', { name: /^异常值 \d+ 处/ }).textContent())!.replace('异常值', ''));
      expect(await all.locator('[data-outlier]').count()).toBe(outlierCount);
      await page.screenshot({ path: `${SCREENSHOTS}/board-outlier-list-1366.png` });
      await page.keyboard.press('Escape');
      await all.waitFor({ state: 'hidden' });
      await row.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('navigation').getByLabel(`回到正在编辑的${jumpUnit}${YEAR}年报告`).waitFor();
      await nav(page, '报送情况');
      await row.getByRole('button', { name: `${jumpUnit}的差错清单` }).click();
      await page.locator('[data-page="errors"]:not([hidden])').waitFor();
      await nav(page, '报送情况');
      await page.getByLabel('按单位名称筛选').fill('');

      // 催报单: the missing and failing units, read back from the file.
      await page.getByRole('button', { name: '导出催报单' }).click();
      const where = page.getByLabel('保存位置');
      await where.waitFor();
      const reminder = (await where.textContent())!.replace(/^已保存到\s*/, '').trim();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(reminder);
      const ws = wb.getWorksheet('催报单')!;
      let header = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(2).value === '单位') header = n;
      });
      expect(header).toBeGreaterThan(0);
      const listed = new Map<string, string>();
      for (let n = header + 1; n <= ws.rowCount; n++)
        listed.set(String(ws.getRow(n).getCell(2).value), String(ws.getRow(n).getCell(4).value));
      const due = [...states].filter(([, s]) => s === 'missing' || s === 'errors' || s === 'warnings');
      expect([...listed.keys()].sort()).toEqual(due.map(([u]) => u).sort());
      const LABEL = { missing: '未收到', errors: '有错误', warnings: '有未说明的警告' } as Record<string, string>;
      for (const [u, s] of due) expect(listed.get(u)).toBe(LABEL[s]);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: `${SCREENSHOTS}/board-1920.png` });
      await page.setViewportSize({ width: 1366, height: 768 });

      // ---- 全区汇总, compared with the county's own 全区 report that left one unit out of one cell.
      const included = [...sent.keys()].filter((u) => states.get(u) !== 'missing');
      const sums: Record<string, number> = {};
      for (const u of included)
        for (const [k, v] of Object.entries(sent.get(u)!.values)) if (typeof v === 'number') sums[k] = (sums[k] ?? 0) + v;
      const PLANT = 'proactive.regulations.issued';
      const culprit = UNITS[5].name;
      const culpritValue = sent.get(culprit)!.values[PLANT] as number;
      expect(culpritValue).toBeGreaterThan(0);
      const county: Report = { ...emptyReport('gov2021', PARENT, YEAR), unit_kind: 'government', published: `${YEAR + 1}-03-20` };
      for (const [k, v] of Object.entries(sums)) county.values[k] = Math.round(v * 100) / 100;
      county.values[PLANT] = sums[PLANT] - culpritValue;
      a.save(county);

      await nav(page, '全区汇总');
      const summaryPage = page.locator('[data-page="summary"]');
      await summaryPage.getByLabel('年度').click();
      await page.getByRole('option', { name: `${YEAR} 年` }).click();
      const comparison = page.getByRole('table', { name: '与全区报告不一致的单元格' });
      await comparison.waitFor();
      const diffRows = comparison.locator('tbody tr');
      expect(await diffRows.count()).toBe(1);
      const planted = comparison.locator(`tr[data-key="${PLANT}"]`);
      expect(await planted.textContent()).toContain(culprit);
      expect(await planted.textContent()).toContain(`-${culpritValue}`);
      const plantedCell = page.locator(`.summary-table td[data-key="${PLANT}"]`);
      expect(await plantedCell.getAttribute('class')).toContain('flagged');
      await page.screenshot({ path: `${SCREENSHOTS}/summary-1366.png` });

      // The drill-down of a number adds up to the number shown, both read from the screen.
      const drill = page.getByLabel('汇总明细');
      const pick = 'requests.total.total';
      await page.locator(`.summary-table td[data-key="${pick}"]`).click();
      const shown = num(await page.locator(`.summary-table td[data-key="${pick}"]`).textContent());
      expect(num(await drill.getByTestId('drill-sum').textContent())).toBe(shown);
      const parts = (await drill.locator('.drill-value').allTextContents()).map(num);
      expect(parts.length).toBe(included.length);
      expect(parts.reduce((s, v) => s + v, 0)).toBe(shown);
      expect(shown).toBe(sums[pick]);

      // Enter on the flagged number: its drill-down names the unit left out.
      await plantedCell.focus();
      await page.keyboard.press('Enter');
      const why = drill.getByLabel('与全区报告的差异');
      await why.waitFor();
      expect(await why.textContent()).toContain(
        `${PARENT}的全区报告填 ${sums[PLANT] - culpritValue}，汇总为 ${sums[PLANT]}，差额 -${culpritValue}`,
      );
      expect(await why.textContent()).toContain(`${culprit}：该单位的 ${culpritValue} 与差额相同：全区报告可能漏计了该单位`);
      await page.screenshot({ path: `${SCREENSHOTS}/summary-drill-1366.png` });
      // Arrow keys move between numbers as in the editor, and the drill-down follows.
      await page.keyboard.press('ArrowRight');
      const next = await page.evaluate(() => document.activeElement?.getAttribute('data-key') ?? null);
      expect(next).not.toBeNull();
      expect(next).not.toBe(PLANT);
      const nextShown = num(await page.locator(`.summary-table td[data-key="${next}"]`).textContent());
      await expect.poll(async () => num(await drill.getByTestId('drill-sum').textContent())).toBe(nextShown);
      expect(nextShown).toBe(sums[next!]);
      await plantedCell.focus();
      await page.keyboard.press('Enter');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: `${SCREENSHOTS}/summary-1920.png` });

      // The 汇总 as the official workbook, with the drill-down sheet: its 合计 row holds the sums.
      await page.getByRole('button', { name: '导出汇总表' }).click();
      const summaryWhere = summaryPage.getByLabel('保存位置');
      await summaryWhere.waitFor();
      const summaryFile = (await summaryWhere.textContent())!.replace(/^已保存到\s*/, '').trim();
      const swb = new ExcelJS.Workbook();
      await swb.xlsx.readFile(summaryFile);
      const detail = swb.getWorksheet('汇总明细')!;
      const heads = detail.getRow(1).values as unknown[];
      const plantedName = (await planted.locator('td').first().textContent())!.trim();
      const col = heads.indexOf(plantedName);
      expect(col).toBeGreaterThan(1);
      expect(detail.getRow(2).getCell(col).value).toBe(sums[PLANT]);
      expect(detail.rowCount).toBe(2 + included.length + 4);

      // The unit in the drill-down opens its report.
      await why.getByRole('button', { name: `打开${culprit}的报告` }).click();
      await page.getByRole('navigation').getByLabel(`回到正在编辑的${culprit}${YEAR}年报告`).waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 600_000);

  it('keeps a board of 2,000 children light: only the rows in view are drawn, and the keyboard reaches the last', async () => {
    const big = '某市人民政府';
    const name = (i: number) => `某市第${String(i).padStart(4, '0')}单位`;
    const app = await openApp(
      (b) => {
        const a = b.store.archive;
        a.addUnit({ name: big, kind: 'government' });
        for (let i = 1; i <= 2000; i++) a.addUnit({ name: name(i), kind: 'department', parent: big });
        a.save({ ...reportOf(name(2000), 1, YEAR), unit_kind: 'department' });
      },
      { width: 1366, height: 768 },
    );
    const { page } = app;
    try {
      // The archive page draws all 2,000 units first; on a loaded machine that can take a while.
      await page.getByRole('navigation').getByText('报送情况', { exact: true }).click({ timeout: 120_000 });
      const boardPage = page.locator('[data-page="board"]');
      await boardPage.getByLabel('年度').click();
      await page.getByRole('option', { name: `${YEAR} 年` }).click();
      await page.getByText('显示 2000 / 2000 个单位').waitFor();
      expect(num(await page.locator('[data-count="missing"]').textContent())).toBe(1999);
      const drawn = page.locator('.board-body [role="row"]');
      expect(await drawn.count()).toBeLessThan(40);
      await drawn.first().focus();
      await page.keyboard.press('End');
      const last = page.locator(`.board-body [role="row"][data-unit="${name(2000)}"]`);
      await last.waitFor();
      await expect.poll(() => last.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await last.getAttribute('data-state')).not.toBe('missing');
      await page.screenshot({ path: `${SCREENSHOTS}/board-2000-1366.png` });
      await page.keyboard.press('Enter');
      await page
        .getByRole('navigation')
        .getByLabel(`回到正在编辑的${name(2000)}${YEAR}年报告`)
        .waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);
});
