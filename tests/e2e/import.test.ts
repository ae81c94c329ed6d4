/// <reference lib="dom" />
// The import wizard in Chromium through the browser bridge: workbooks with a difference from the archive, a
// published text whose unit, year and 表四 numbers a person supplies, and files picked in the page.
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/main/excel/write-report';
import { exportReport } from '../../src/main/services/export';
import { tempDir } from '../helpers/archive';
import { openApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

const preview = (page: import('playwright-core').Page) => page.getByLabel('导入预览');
const listRow = (page: import('playwright-core').Page, name: string) =>
  page.getByRole('table', { name: '导入文件列表' }).getByRole('row').filter({ hasText: name });

describe.skipIf(!browserAvailable)('the import wizard in Chromium', () => {
  it('imports a changed workbook and a new one, showing the difference from the archive first', async () => {
    const app = await openApp((b) =>
      b.store.archive.save({ ...consistentReport('gov2021', 1, 2023), unit: '某县教育局', unit_kind: 'department' }),
    );
    const { page, bridge } = app;
    try {
      const a = bridge.store.archive;
      const dir = tempDir('nianbao-import-');
      const changed = join(dir, '某县教育局2023.xlsx');
      await exportReport(a, '某县教育局', 2023, changed);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(changed);
      const before = a.get('某县教育局', 2023).report.values['proactive.regulations.issued'];
      wb.getWorksheet('二、主动公开政府信息情况')!.getCell('B3').value = 4321;
      await wb.xlsx.writeFile(changed);
      const fresh = join(dir, '某县财政局2024.xlsx');
      const other = { ...consistentReport('gov2021', 7, 2024), unit: '某县财政局', unit_kind: 'department' as const };
      await writeReportFile(other, fresh, { appVersion: 'test' });

      await page.getByRole('navigation').getByText('导入', { exact: true }).click();
      await page.getByText('在你点“导入所选”之前，档案不会有任何改动。').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/import-empty.png` });
      bridge.host.answers.open.push([changed, fresh]);
      await page.getByRole('button', { name: '选择文件…' }).click();
      await listRow(page, '某县财政局2024.xlsx').getByText('可以导入').waitFor();
      await expect(listRow(page, '某县教育局2023.xlsx').getByText('可以导入').count()).resolves.toBe(1);
      expect(await listRow(page, '某县教育局2023.xlsx').textContent()).toContain('将更新档案中的第 1 版');

      await listRow(page, '某县教育局2023.xlsx').getByText('某县教育局2023.xlsx', { exact: true }).click();
      const diff = preview(page).getByLabel('与档案的差异');
      await diff.getByText('与档案中第 1 版（草稿）的差异：1 个单元格').waitFor();
      const change = diff.getByRole('row').filter({ hasText: '规章（本年制发件数）' });
      expect((await change.getByRole('cell').allTextContents()).slice(1)).toEqual([String(before), '4321']);
      // The changed cell in the table says where the number came from.
      const cell = preview(page).locator('td[data-key="proactive.regulations.issued"]');
      expect(await cell.textContent()).toBe('4321');
      expect(await cell.getAttribute('title')).toContain('来源：二、主动公开政府信息情况!B3');
      await page.screenshot({ path: `${SCREENSHOTS}/import-diff.png`, fullPage: true });
      expect(a.get('某县教育局', 2023).revision).toBe(1);

      // Someone sets the report to 定稿 meanwhile: the commit is refused as a whole, the new unit's report too.
      a.setStatus('某县教育局', 2023, 'final');
      await page.getByRole('button', { name: '导入所选 2 份' }).click();
      const refused = page.locator('.mantine-Notification-root').filter({ hasText: '没有导入：档案没有任何改动' });
      await refused.waitFor();
      expect(await refused.textContent()).toContain('某县教育局2023.xlsx：档案中“某县教育局”2023 年的报告已定稿，不能导入');
      expect(a.find('某县财政局', 2024)).toBeUndefined();
      // Revision 2 is the 定稿; the refused import added none.
      expect(a.get('某县教育局', 2023).revision).toBe(2);
      // The chosen files are read again, so the list says why.
      await listRow(page, '某县教育局2023.xlsx').getByText('需要处理').waitFor();
      expect(await listRow(page, '某县教育局2023.xlsx').textContent()).toContain('已定稿，需先取消定稿才能导入');
      await page.screenshot({ path: `${SCREENSHOTS}/import-refused.png` });
      a.setStatus('某县教育局', 2023, 'draft');
      await page.getByRole('button', { name: '重新读取' }).click();
      await listRow(page, '某县教育局2023.xlsx').getByText('可以导入').waitFor();

      await page.getByRole('button', { name: '导入所选 2 份' }).click();
      await page.getByText('已导入 2 份报告').waitFor();
      // The refusal's notice went when the new attempt started.
      await refused.waitFor({ state: 'detached', timeout: 2000 });
      const stored = a.get('某县教育局', 2023);
      // 定稿 and 取消定稿 above are revisions 2 and 3.
      expect(stored.revision).toBe(4);
      expect(stored.report.values['proactive.regulations.issued']).toBe(4321);
      expect(a.get('某县财政局', 2024).report.values).toEqual(other.values);
      await page.screenshot({ path: `${SCREENSHOTS}/import-summary-workbooks.png`, fullPage: true });

      await page.getByRole('button', { name: '打开某县教育局2023年报告' }).click();
      await page.getByText('已保存 · 第 4 版').waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('takes unit and year from the person and lets them place the doubtful 表四 numbers', async () => {
    const app = await openApp();
    const { page, bridge } = app;
    try {
      const sample = join(SAMPLES_DIR, '2021-county-city-office.txt');
      await page.getByRole('navigation').getByText('导入', { exact: true }).click();
      bridge.host.answers.open.push([sample]);
      await page.getByRole('button', { name: '选择文件…' }).click();
      await listRow(page, '2021-county-city-office.txt').getByText('需要处理').waitFor();
      const p = preview(page);
      const problems = p.getByRole('alert', { name: '导入前需要处理' });
      await problems.getByText('文件中没有写明单位，请指定单位').waitFor();
      await expect(page.getByRole('checkbox', { name: '导入 2021-county-city-office.txt' }).isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: '导入所选 0 份' }).isDisabled()).resolves.toBe(true);

      await p.getByLabel('单位', { exact: true }).fill('某市某局');
      await p.getByLabel('单位', { exact: true }).press('Enter');
      await p.getByLabel('年度', { exact: true }).fill('2021');
      await p.getByLabel('年度', { exact: true }).press('Enter');
      await problems.getByText('文件中没有写明年度，请指定年度').waitFor({ state: 'detached' });
      await problems.getByText('1 处数字无法确定位置或读法，需要人工确认').waitFor();

      const doubt = p.getByLabel('存疑列表').locator('tr.doubt-row').first();
      expect(await doubt.textContent()).toMatch(/第 155–158 行.*有 15 个单元格，只读到 4 个数字（1、1、2、2）/);
      const cell = (key: string) => p.locator(`td[data-key="${key}"]`);
      const appeals = p.locator('td[data-key^="appeals."]');
      expect(await appeals.count()).toBe(15);
      for (const c of await appeals.all()) expect(await c.getAttribute('class')).toContain('flagged');
      await expect(cell('requests.new.natural_person').getAttribute('class')).resolves.not.toContain('flagged');
      expect(await cell('requests.new.natural_person').getAttribute('title')).toMatch(/来源：第 \d+ 行/);
      await page.screenshot({ path: `${SCREENSHOTS}/import-doubt.png`, fullPage: true });
      await doubt.getByRole('button', { name: '定位' }).click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${SCREENSHOTS}/import-doubt-table.png` });

      // A number read from the file cannot be changed here.
      await cell('requests.new.natural_person').click();
      await page.keyboard.type('5');
      await p
        .getByText('只有标红的存疑单元格可以在导入前填写', { exact: false })
        .or(p.getByText('导入前不能在这里修改', { exact: false }))
        .waitFor();
      expect(await cell('requests.new.natural_person').textContent()).toBe('13');

      const type = async (key: string, text: string) => {
        await cell(key).click();
        await page.keyboard.type(text);
        await page.keyboard.press('Tab');
        await expect.poll(() => cell(key).textContent()).toBe(text);
      };
      await type('appeals.review.upheld', '1');
      await type('appeals.review.total', '1');
      await type('appeals.litigation_direct.upheld', '2');
      await type('appeals.litigation_direct.total', '2');
      await doubt.getByText('已填 4 / 15 格').waitFor();
      await doubt.getByRole('button', { name: '其余 11 格填 0' }).click();
      await p.getByLabel('存疑列表').getByText('已全部处理', { exact: true }).waitFor();
      await problems.waitFor({ state: 'detached' });
      await listRow(page, '2021-county-city-office.txt').getByText('可以导入').waitFor();
      await expect(page.getByRole('checkbox', { name: '导入 2021-county-city-office.txt' }).isChecked()).resolves.toBe(true);
      expect(await cell('appeals.review.upheld').getAttribute('title')).toContain('来源：导入前人工填写');

      await p.getByLabel('新单位的类型', { exact: true }).click();
      await page.getByRole('option', { name: '部门' }).click();
      await cell('appeals.review.upheld').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/import-doubt-resolved.png` });
      expect(bridge.store.archive.listUnits()).toEqual([]);

      await page.getByRole('button', { name: '导入所选 1 份' }).click();
      await page.getByText('已导入 1 份报告').waitFor();
      const stored = bridge.store.archive.get('某市某局', 2021);
      const v = stored.report.values;
      expect([v['appeals.review.upheld'], v['appeals.review.total'], v['appeals.litigation_direct.upheld']]).toEqual([1, 1, 2]);
      expect(v['appeals.litigation_direct.total']).toBe(2);
      expect(v['appeals.litigation_after_review.total']).toBe(0);
      expect(v['requests.new.natural_person']).toBe(13);
      expect(v['requests.new.commercial']).toBeNull();
      expect(stored.report.doubts).toBeUndefined();
      expect(bridge.store.archive.unit('某市某局').kind).toBe('department');
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('reads files picked in the page, says why the ones that are not reports cannot be read, and sums up', async () => {
    const app = await openApp();
    const { page, bridge } = app;
    try {
      const dir = tempDir('nianbao-pick-');
      const junk = join(dir, '会议纪要.txt');
      writeFileSync(junk, '今天下午开会，讨论了明年的工作安排和值班表。');
      const csv = join(dir, '工资表.csv');
      writeFileSync(csv, '姓名,基本工资\n张三,5000\n');
      await page.getByRole('navigation').getByText('导入', { exact: true }).click();
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: '选择文件…' }).click();
      await (await chooser).setFiles([join(SAMPLES_DIR, '2024-elunchun-banner.txt'), junk, csv]);

      await listRow(page, '工资表.csv').getByText('无法读取').waitFor();
      await listRow(page, '2024-elunchun-banner.txt').getByText('可以导入').waitFor();
      const junkRow = listRow(page, '会议纪要.txt');
      await junkRow.getByText('无法读取').waitFor();
      expect(await junkRow.textContent()).toMatch(/会议纪要\.txt 中没有找到政府信息公开工作年度报告/);
      expect(await listRow(page, '工资表.csv').textContent()).toMatch(/不支持的文件类型“\.csv”：工资表\.csv/);
      // The bridge keeps picked files in a temporary folder; the person sees their names, not that path.
      expect(await junkRow.textContent()).not.toContain('nianbao-web-');
      await expect(page.getByRole('checkbox', { name: '导入 会议纪要.txt' }).isDisabled()).resolves.toBe(true);

      await junkRow.getByText('会议纪要.txt', { exact: true }).click();
      await preview(page).getByText('这个文件无法导入').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/import-unreadable.png`, fullPage: true });

      await page.getByRole('button', { name: '导入所选 1 份' }).click();
      await page.getByText('已导入 1 份报告').waitFor();
      const stat = async (label: string) => (await page.getByLabel(label, { exact: true }).textContent())?.replace(label, '');
      expect(await stat('已导入')).toBe('1');
      expect(await stat('无法读取')).toBe('2');
      expect(await stat('跳过')).toBe('0');
      const imported = page.getByRole('table', { name: '已导入的报告' }).getByRole('row');
      expect(await imported.count()).toBe(2);
      const overview = bridge.store.archive.overview();
      expect(overview.reports).toHaveLength(1);
      const unit = overview.units[0].name;
      expect(await imported.nth(1).textContent()).toContain(unit);
      await page.screenshot({ path: `${SCREENSHOTS}/import-summary.png`, fullPage: true });

      await page.getByRole('button', { name: '继续导入' }).click();
      await page.getByRole('button', { name: '选择文件…' }).waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 90_000);

  it('reads forty workbooks with a progress bar and keeps the list usable', async () => {
    const app = await openApp();
    const { page, bridge } = app;
    try {
      const dir = tempDir('nianbao-forty-');
      const files: string[] = [];
      for (let i = 1; i <= 40; i++) {
        const file = join(dir, `第${String(i).padStart(2, '0')}号单位.xlsx`);
        await writeReportFile({ ...consistentReport('gov2021', i, 2024), unit: `某区第${i}号单位` }, file, { appVersion: 'test' });
        files.push(file);
      }
      // One of them claims a unit and year another already has.
      await writeReportFile({ ...consistentReport('gov2021', 99, 2024), unit: '某区第1号单位' }, join(dir, '重复.xlsx'), {
        appVersion: 'test',
      });
      files.push(join(dir, '重复.xlsx'));
      await page.getByRole('navigation').getByText('导入', { exact: true }).click();
      bridge.host.answers.open.push(files);
      await page.getByRole('button', { name: '选择文件…' }).click();
      await page.getByText(/^已读取 ([1-9]|[1-3]\d) \/ 41$/).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/import-progress.png` });
      await page.getByLabel('读取进度').waitFor({ state: 'detached', timeout: 60_000 });
      const rows = page.getByRole('table', { name: '导入文件列表' }).locator('tbody tr');
      expect(await rows.count()).toBe(41);
      const dup = listRow(page, '重复.xlsx');
      await dup.getByText('需要处理').waitFor();
      expect(await dup.textContent()).toContain('与 第01号单位.xlsx 是同一单位、同一年度');
      await page.getByRole('button', { name: '导入所选 40 份' }).waitFor();
      await page.getByText('需要处理 1', { exact: true }).click();
      expect(await rows.count()).toBe(1);
      await page.getByText('全部 41', { exact: true }).click();
      await page.screenshot({ path: `${SCREENSHOTS}/import-forty.png` });
      // Skipping the first makes the duplicate the one to import.
      await page.getByRole('checkbox', { name: '导入 第01号单位.xlsx' }).uncheck();
      await dup.getByText('可以导入').waitFor();
      await page.getByRole('button', { name: '导入所选 40 份' }).click();
      await page.getByText('已导入 40 份报告').waitFor({ timeout: 30_000 });
      expect(await page.getByLabel('跳过', { exact: true }).textContent()).toBe('跳过1');
      await page.screenshot({ path: `${SCREENSHOTS}/import-forty-summary.png` });
      const a = bridge.store.archive;
      expect(a.overview().reports).toHaveLength(40);
      expect(a.get('某区第1号单位', 2024).report.values).toEqual(consistentReport('gov2021', 99, 2024).values);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 120_000);
});
