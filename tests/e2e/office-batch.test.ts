/// <reference lib="dom" />
// The collecting office's January batch as units really send it, in Chromium at 1366×768: fill-in workbooks from
// the app, one with a title row inserted above the table, one with the unit's name written differently, a
// workbook of last year among this year's. The list says per file what will happen and why; the person takes the
// archive's name and confirms the year with one button each; nothing adds a second unit; the 汇总 names the unit
// whose errors it carries and the 差错清单 says where each number stands in the file the unit sent.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ExchangeService } from '../../src/main/exchange/service';
import { exportTemplates } from '../../src/main/services/export';
import { parseFile } from '../../src/main/services/files';
import { openApp } from '../helpers/app';
import { tempDir, tempStore } from '../helpers/archive';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { handmadeWorkbook } from '../helpers/handmade';
import { consistentReport } from '../helpers/random-report';

const PARENT = '某区人民政府';
const UNITS = ['某区教育局', '某区公安局', '某区民政局', '某区住房和城乡建设局', '某区财政局'];
const listRow = (page: Page, text: string) => page.getByRole('table', { name: '导入文件列表' }).getByRole('row').filter({ hasText: text });
const nav = (page: Page, label: string) => page.getByRole('navigation').getByText(label, { exact: true }).click();

describe.skipIf(!browserAvailable)('the office’s batch as units send it', () => {
  it('says per file what happens and why, takes the archive’s name and a confirmed year, adds no second unit', async () => {
    const app = await openApp(
      (b) => {
        const a = b.store.archive;
        a.addUnit({ name: PARENT, kind: 'government' });
        for (const u of UNITS) a.addUnit({ name: u, kind: 'department', parent: PARENT });
        // 财政局's 2023 report is in the archive: a 2023 workbook in this batch would change it.
        a.save({ ...consistentReport('gov2021', 77, 2023), unit: '某区财政局' });
      },
      { width: 1366, height: 768 },
    );
    const { page, bridge, dir } = app;
    const a = bridge.store.archive;
    const slow = { timeout: 60_000 };
    try {
      // Four fill-in workbooks filled in: 民政局's with a broken total, 公安局's with a title row inserted above
      // its first table, 住建局's unit cell written 区住房和城乡建设局.
      const out = tempDir('nianbao-office-batch-');
      const templates = await exportTemplates(a, UNITS.slice(0, 4), 2024, join(out, 'tpl'));
      const typed = new Map<string, Record<string, unknown>>();
      const files: string[] = [];
      for (const [i, f] of templates.entries()) {
        const unit = UNITS[i];
        const r = consistentReport('gov2021', 500 + i, 2024);
        if (unit === '某区民政局') r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 7;
        typed.set(unit, r.values);
        const map = (await parseFile(f))[0].provenance;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(f);
        for (const [k, v] of Object.entries(r.values)) {
          const [sheet, cell] = map[k].split('!');
          wb.getWorksheet(sheet)!.getCell(cell).value = v as number;
        }
        const first = wb.worksheets[1];
        if (unit === '某区公安局') {
          first.spliceRows(1, 0, [`${unit}2024年政府信息公开工作年度报告`]);
          first.mergeCells(1, 1, 1, 6);
        }
        if (unit === '某区住房和城乡建设局') first.getCell('B1').value = '区住房和城乡建设局';
        const to = join(out, basename(f));
        await wb.xlsx.writeFile(to);
        files.push(to);
      }
      // A unit's own workbook, and 财政局's report of last year sent again with this year's.
      for (const [unit, year] of [
        ['某区财政局', 2024],
        ['某区财政局', 2023],
      ] as const) {
        const r = { ...consistentReport('gov2021', year, year), unit };
        const f = join(out, `${unit}${year}年报.xlsx`);
        await handmadeWorkbook(r, { rowOffset: 2, title: `${unit}${year}年政府信息公开工作年度报告` }).xlsx.writeFile(f);
        files.push(f);
      }

      await nav(page, '导入');
      bridge.host.answers.open.push(files);
      await page.getByRole('button', { name: '选择文件…' }).click();
      await page.getByLabel('读取进度').waitFor({ state: 'detached', timeout: 240_000 });
      await page.getByRole('button', { name: '导入所选 4 份' }).waitFor(slow);
      // The moved workbook is read where its cells are now: ready, under its unit.
      await expect(listRow(page, '某区公安局-2024').textContent()).resolves.toContain('可以导入');
      const near = listRow(page, '某区住房和城乡建设局-2024');
      await expect(near.textContent()).resolves.toContain('档案中没有单位“区住房和城乡建设局”，与已有的“某区住房和城乡建设局”相近');
      const last = listRow(page, '某区财政局2023年报');
      await expect(last.textContent()).resolves.toContain(
        '这是 2023 年的报告，而本批其他文件都是 2024 年的；导入会改动档案中已有的 2023 年报告',
      );
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-list.png` });

      // One button takes the archive's spelling…
      await near.getByText('某区住房和城乡建设局-2024').click();
      const take = page.getByRole('button', { name: '改为“某区住房和城乡建设局”' });
      await take.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-near-unit.png` });
      await take.click();
      await expect.poll(() => near.textContent(), slow).toContain('可以导入');
      // …and one confirms the other year.
      await last.getByText('某区财政局2023年报').click();
      const confirm = page.getByRole('button', { name: '确是 2023 年的报告' });
      await confirm.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-other-year.png` });
      await confirm.click();
      await expect.poll(() => last.textContent(), slow).toContain('可以导入');

      await page.getByRole('button', { name: '导入所选 6 份' }).click();
      await page.getByText('已导入 6 份报告').waitFor(slow);

      const db = new Database(join(dir, 'archive.sqlite'), { readonly: true });
      try {
        const names = db.prepare('SELECT name FROM units WHERE deleted_at IS NULL ORDER BY name').pluck().all();
        expect(names).toEqual([PARENT, ...UNITS].sort());
      } finally {
        db.close();
      }
      expect(a.get('某区公安局', 2024).report.values).toEqual(typed.get('某区公安局'));
      expect(a.get('某区住房和城乡建设局', 2024).report.values).toEqual(typed.get('某区住房和城乡建设局'));
      expect(a.get('某区财政局', 2023).revision).toBe(2);

      // 全区汇总 names the unit whose broken total it carries.
      await nav(page, '全区汇总');
      const summary = page.locator('[data-page="summary"]');
      await summary.getByLabel('年度').first().click();
      await page.getByRole('option', { name: '2024 年' }).click();
      await summary.getByText('已汇总的单位中报告仍有错误 1 个，汇总数字含这些错误').waitFor(slow);
      // The list of who is summed opens on demand (closed, its names are no Tab stops before the table).
      await summary.getByText('已汇总的单位中报告仍有错误 1 个，汇总数字含这些错误').click();
      await summary.getByLabel('其中报告仍有错误（宜先退回改正，再汇总）').getByText('某区民政局').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-summary.png` });

      // The 差错清单 says where the numbers stand in the file 民政局 sent.
      await nav(page, '差错清单');
      const errors = page.locator('[data-page="errors"]');
      await errors.getByLabel('年度').first().click();
      await page.getByRole('option', { name: '2024 年' }).click();
      await errors.getByLabel('范围').getByText('全部有问题的单位').click();
      const card = errors.getByLabel('某区民政局的差错');
      await card.getByText(`报送文件 ${basename(files[2])}`).waitFor(slow);
      const where = a.get('某区民政局', 2024).provenance['requests.total.total'].split('!')[1];
      await card.getByText(`（“三、收到和处理政府…”${where}）`).first().waitFor();
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-errors.png` });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 600_000);

  it('receives a 报送包 from a unit that spells its name otherwise as the office’s unit, with one button', async () => {
    const app = await openApp(
      (b) => {
        const a = b.store.archive;
        a.addUnit({ name: PARENT, kind: 'government' });
        a.addUnit({ name: '某区教育局', kind: 'department', parent: PARENT });
      },
      { width: 1366, height: 768 },
    );
    const { page, bridge } = app;
    const a = bridge.store.archive;
    try {
      // The unit's own archive calls it 区教育局.
      const unit = await tempStore();
      unit.archive.save({ ...consistentReport('gov2021', 31, 2024), unit: '区教育局', unit_kind: 'department' });
      const file = join(tempDir('nianbao-office-pkg-'), '区教育局-2024-报送.nbpkg');
      await new ExchangeService(unit.archive).send('区教育局', 2024, file);
      const sent = unit.archive.get('区教育局', 2024).report.values;
      unit.close();

      await nav(page, '导入');
      bridge.host.answers.open.push([file]);
      await page.getByRole('button', { name: '选择文件…' }).click();
      const row = page.locator(`tr[data-package="${basename(file)}"]`);
      await row.getByText('需要选择单位').waitFor({ timeout: 60_000 });
      await row.click();
      const preview = page.getByLabel('报送包预览');
      await preview.getByText('档案中没有单位“区教育局”，与已有的“某区教育局”相近', { exact: false }).waitFor({ timeout: 60_000 });
      await expect(preview.getByRole('button', { name: '接收', exact: true }).isDisabled()).resolves.toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-package-near-unit.png` });
      await preview.getByRole('button', { name: '按“某区教育局”接收' }).click();
      await preview.getByText('报送包：某区教育局 2024 年', { exact: false }).waitFor({ timeout: 60_000 });
      await preview.getByRole('button', { name: '接收', exact: true }).click();
      await preview.getByText('已接收', { exact: true }).waitFor({ timeout: 60_000 });
      await page.screenshot({ path: `${SCREENSHOTS}/office-batch-package-received.png` });
      const stored = a.get('某区教育局', 2024);
      expect([stored.status, stored.report.values]).toEqual(['final', sent]);
      expect(a.listUnits().map((u) => u.name)).toEqual([PARENT, '某区教育局'].sort());
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 600_000);
});
