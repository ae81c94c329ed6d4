/// <reference lib="dom" />
// The import wizard on a real batch at 1366×768: thirteen mixed files (published-report variants in several
// shapes, workbooks made by the project's export, a report with two hundred unreadable cells, one report twice).
// Unit and kind are set once for a selection, all doubts of a file are answered in one action, a doubt is answered
// from the keyboard with the solver's reading, and the batch is committed and checked in the SQLite file.
// Every click and key press of the person is counted.
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/main/excel/write-report';
import { parseFile } from '../../src/main/services/files';
import { tempDir } from '../helpers/archive';
import { openApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

const VARIANTS = fileURLToPath(new URL('../fixtures/variants/', import.meta.url));
const listRow = (page: Page, name: string) => page.getByRole('table', { name: '导入文件列表' }).getByRole('row').filter({ hasText: name });

describe.skipIf(!browserAvailable)('the import wizard on a batch of mixed files', () => {
  it('takes thirteen files to the archive in a few actions per file', async () => {
    const app = await openApp(undefined, { width: 1366, height: 768 });
    const { page, bridge } = app;
    let actions = 0;
    const click = async (l: Locator, opts?: Parameters<Locator['click']>[0]) => {
      actions++;
      await l.click(opts);
    };
    const fill = async (l: Locator, text: string) => {
      actions++;
      await l.fill(text);
    };
    const press = async (key: string) => {
      actions++;
      await page.keyboard.press(key);
    };
    // The machine is shared and slow: answers may take a while.
    const slow = { timeout: 15_000 };
    const idle = () => page.getByLabel('读取进度').waitFor({ state: 'detached', timeout: 120_000 });
    try {
      const dir = tempDir('nianbao-wizard-');
      const files: string[] = [];
      const variant = (name: string) => {
        const to = join(dir, name);
        copyFileSync(join(VARIANTS, name), to);
        files.push(to);
        return to;
      };
      variant('2024-jiaohu-town.crlf.txt');
      variant('2018-jinan-district.one-line.txt');
      variant('2024-elunchun-banner.no-separators.txt');
      // Neither says its unit; the county report says no year either.
      variant('2024-district-office.no-separators.txt');
      variant('2021-county-city-office.no-separators.txt');
      variant('2021-county-city-office.crlf.txt');
      // The same report twice: only one of them can be imported.
      variant('2018-jinan-district.labels-split.txt');
      // A town's report whose scraper printed 无 for every zero: 199 cells to read by a person.
      const many = join(dir, '柳河镇2024.txt');
      const town = readFileSync(join(VARIANTS, '2024-jiaohu-town.crlf.txt'), 'utf8');
      writeFileSync(
        many,
        town
          .replace(/焦虎镇/g, '柳河镇')
          .split('\r\n')
          .map((l) => (l.includes('\t') ? l.replace(/\t0(?=\t|$)/g, '\t无') : l))
          .join('\r\n'),
      );
      files.push(many);
      const workbooks = [
        { ...consistentReport('gov2021', 3, 2023), unit: '某县财政局', unit_kind: 'department' as const },
        { ...consistentReport('gov2021', 4, 2024), unit: '某县财政局', unit_kind: 'department' as const },
        { ...consistentReport('gov2021', 5, 2024), unit: '某县教育局', unit_kind: 'department' as const },
        { ...consistentReport('gov2019', 6, 2020), unit: '某镇人民政府', unit_kind: 'township' as const },
        { ...consistentReport('gov2021', 7, 2022), unit: '某县卫健委', unit_kind: 'department' as const },
      ];
      for (const r of workbooks) {
        const f = join(dir, `${r.unit}${r.year}.xlsx`);
        await writeReportFile(r, f, { appVersion: 'test' });
        files.push(f);
      }
      expect(files.length).toBe(13);

      await click(page.getByRole('navigation').getByText('导入', { exact: true }));
      bridge.host.answers.open.push(files);
      await click(page.getByRole('button', { name: '选择文件…' }));
      await idle();
      await listRow(page, '某县卫健委2022.xlsx').getByText('可以导入').waitFor();
      await listRow(page, '柳河镇2024.txt').getByText('需要处理').waitFor();

      // 1. Unit and kind once for the three reports that do not name their unit.
      const unnamed = [
        '2024-district-office.no-separators.txt',
        '2021-county-city-office.no-separators.txt',
        '2021-county-city-office.crlf.txt',
      ];
      // They are next to each other in the list: a click on the first, Shift+click on the last.
      await click(listRow(page, unnamed[0]).getByText(unnamed[0]));
      await click(listRow(page, unnamed[2]).getByText(unnamed[2]), { modifiers: ['Shift'] });
      const bar = page.getByLabel('批量设置');
      await bar.getByText('已选 3 份，统一设置：').waitFor();
      for (const name of unnamed) await expect(page.getByRole('checkbox', { name: `选择 ${name}` }).isChecked()).resolves.toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/wizard-batch-bar.png` });
      await fill(bar.getByLabel('单位', { exact: true }), '某区人民政府办公室');
      await click(bar.getByLabel('新单位的类型', { exact: true }));
      await click(page.getByRole('option', { name: '人民政府' }));
      await click(bar.getByRole('button', { name: '应用到所选 3 份' }));
      await idle();
      for (const name of unnamed) await expect.poll(() => listRow(page, name).textContent(), slow).toContain('某区人民政府办公室');
      // 2. The doubts of the selected files (five in one, the 表四 row in another) in one action: left blank.
      await bar.getByText('所选文件的存疑 6 处：').waitFor();
      await click(bar.getByRole('button', { name: '全部留空' }));
      await idle();
      await bar.getByText('所选文件的存疑 0 处：').waitFor();
      // The year for the two county files, which say none: once for a selection of one, once in the preview.
      await click(bar.getByRole('button', { name: '取消选择' }));
      await click(page.getByRole('checkbox', { name: '选择 2021-county-city-office.crlf.txt' }));
      await fill(bar.getByLabel('年度', { exact: true }), '2021');
      await click(bar.getByRole('button', { name: '应用到所选 1 份' }));
      await idle();
      await click(bar.getByRole('button', { name: '取消选择' }));
      await click(listRow(page, '2021-county-city-office.no-separators.txt').getByText('2021-county-city-office.no-separators.txt'));
      const preview = page.getByLabel('导入预览');
      await fill(preview.getByLabel('年度', { exact: true }), '2020');
      await press('Enter');
      await expect.poll(() => listRow(page, '2021-county-city-office.no-separators.txt').textContent(), slow).toContain('2020');

      const doubts = preview.getByLabel('存疑列表');
      await doubts.getByText('存疑 5 处').waitFor();
      await doubts.getByText('已全部处理', { exact: true }).waitFor();
      await expect.poll(() => listRow(page, '2021-county-city-office.no-separators.txt').textContent(), slow).toContain('可以导入');
      await doubts.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/wizard-readings-answered.png` });

      // 3. One file's doubts in one action. The 199-doubt file: one dense table that scrolls; the source text around each number.
      await click(listRow(page, '柳河镇2024.txt').getByText('柳河镇2024.txt'));
      await doubts.getByText('存疑 199 处').waitFor();
      const first = doubts.locator('tr.doubt-row').first();
      expect(await first.textContent()).toContain('第 33 行');
      expect(await first.locator('mark').textContent()).toBe('无');
      await preview.scrollIntoViewIfNeeded();
      await doubts.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOTS}/wizard-199-doubts-1366.png` });
      // From the keyboard: Enter in the list goes to the first open doubt, 0 answers it and moves on.
      await press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-doubt')), slow).toBe('0');
      await press('0');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-doubt')), slow).toBe('1');
      await press('0');
      await doubts.getByText('未处理 197').waitFor();
      expect(await doubts.locator('tr.doubt-row.answered').count()).toBe(2);
      // Groups fold: 表三's 175 rows out of the way, and back.
      const group = doubts.locator('tr.doubt-group').filter({ hasText: '三、收到和处理政府信息公开申请情况' });
      await group.click();
      await expect.poll(() => doubts.locator('tr.doubt-row').count(), slow).toBe(199 - 175);
      await group.press('Enter');
      await expect.poll(() => doubts.locator('tr.doubt-row').count(), slow).toBe(199);
      // 无 is not a number, so each is a doubt; the person sees the town had none of these: the rest at once.
      await click(doubts.getByRole('button', { name: '全部填 0' }));
      await doubts.getByText('已全部处理', { exact: true }).waitFor();
      await expect.poll(() => listRow(page, '柳河镇2024.txt').textContent(), { timeout: 30_000 }).toContain('可以导入');

      // 4. The one doubt of the banner's report, from the keyboard: ↓ in the list, Enter to its doubts, 1 for the
      // first reading the solver offers (1, 3, 18 for “1318”), its source line shown.
      await click(listRow(page, '2024-elunchun-banner.no-separators.txt').getByText('2024-elunchun-banner.no-separators.txt'));
      await press('Enter');
      const row = doubts.locator('tr.doubt-row').first();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-doubt')), slow).toBe('0');
      expect(await row.locator('mark').textContent()).toBe('1318');
      expect(await row.textContent()).toContain('1. 1·3·18');
      await row.locator('.doubt-excerpt').hover();
      await page.getByRole('tooltip').filter({ hasText: '第 36 行' }).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/wizard-excerpt.png` });
      await press('1');
      await doubts.getByText('已全部处理', { exact: true }).waitFor();
      await expect.poll(() => listRow(page, '2024-elunchun-banner.no-separators.txt').textContent(), slow).toContain('可以导入');
      // A number read from a text file shows its line on hover in the table.
      const cell = preview.locator('td[data-key="proactive.licensing.decisions"]');
      expect(await cell.getAttribute('title')).toMatch(/来源：第 \d+ 行\n原文：行政许可【\d+】/);

      // The report given twice: the second is flagged, not imported.
      expect(await listRow(page, '2018-jinan-district.labels-split.txt').textContent()).toContain('是同一单位、同一年度');
      await page.screenshot({ path: `${SCREENSHOTS}/wizard-batch-ready.png` });

      const statuses = await page.getByRole('table', { name: '导入文件列表' }).locator('tbody tr').allTextContents();
      expect(statuses.filter((t) => t.includes('可以导入')).length, statuses.join('\n')).toBe(12);
      await click(page.getByRole('button', { name: '导入所选 12 份' }));
      await page.getByText('已导入 12 份报告').waitFor({ timeout: 60_000 });

      // In the SQLite file itself.
      const db = new Database(join(app.dir, 'archive.sqlite'), { readonly: true });
      const stored = db
        .prepare(
          'SELECT u.name AS unit, r.year AS year FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.deleted_at IS NULL ORDER BY 1, 2',
        )
        .all() as { unit: string; year: number }[];
      const kind = db.prepare('SELECT kind FROM units WHERE name = ?').pluck().get('某区人民政府办公室');
      const count = (unit: string, year: number, value: number) =>
        db
          .prepare(
            'SELECT count(*) FROM cells c JOIN reports r ON r.id = c.report_id JOIN units u ON u.id = r.unit_id WHERE u.name = ? AND r.year = ? AND c.value = ?',
          )
          .pluck()
          .get(unit, year, value);
      const zeros = count('柳河镇', 2024, 0);
      db.close();
      expect(stored.map((s) => `${s.unit}${s.year}`).sort()).toEqual(
        [
          '焦虎镇2024',
          '晋安区2018',
          '鄂伦春自治旗2024',
          '某区人民政府办公室2024',
          '某区人民政府办公室2020',
          '某区人民政府办公室2021',
          '柳河镇2024',
          ...workbooks.map((w) => `${w.unit}${w.year}`),
        ].sort(),
      );
      expect(kind).toBe('government');
      expect(zeros).toBeGreaterThanOrEqual(199);
      // The town with 无 read as 0 is the town's own report; the banner's row is the sample's.
      const a = bridge.store.archive;
      const [jiaohu] = await parseFile(join(VARIANTS, '2024-jiaohu-town.crlf.txt'));
      expect(a.get('柳河镇', 2024).report.values).toEqual(jiaohu.report.values);
      const [banner] = await parseFile(join(VARIANTS, '2024-elunchun-banner.crlf.txt'));
      expect(a.get('鄂伦春自治旗', 2024).report.values).toEqual(banner.report.values);
      const county = a.get('某区人民政府办公室', 2020).report.values;
      expect(county['requests.new.total']).toBeNull();
      for (const w of workbooks) expect(a.get(w.unit, w.year!).report.values).toEqual(w.values);

      console.log(`wizard: ${actions} clicks and keys for ${files.length} files (${(actions / files.length).toFixed(1)} per file)`);
      expect(actions / files.length).toBeLessThan(3);
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 300_000);
});
