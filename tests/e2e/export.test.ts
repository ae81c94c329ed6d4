/// <reference lib="dom" />
// 导出 and the print view in Chromium through the browser bridge: files written are read back and compared with
// the archive; the print view is checked against the template and printed to a real PDF.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFlat } from '../../src/main/excel/flat';
import { loadWorkbook } from '../../src/main/excel/load';
import { readWorkbookFile } from '../../src/main/excel/read-workbook';
import { emptyReport, NOT_APPLICABLE, type Report } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

/** The navigation entry (Mantine's NavLink without an address has no link role). */
const nav = (p: Page, label: string) => p.locator('.mantine-NavLink-root').filter({ hasText: label });

const OVERALL =
  '2023年，本局坚持以公开为常态、不公开为例外。\n\n全年主动公开政府信息 128 条，其中规范性文件 3 件。\n依申请公开工作依法办理。';

describe.skipIf(!browserAvailable)('导出 and the print view in Chromium through the browser bridge', () => {
  let app: OpenApp;
  const page = () => app.page;
  const archive = () => app.bridge.store.archive;

  beforeAll(async () => {
    app = await openApp((bridge) => {
      const a = bridge.store.archive;
      const save = (r: Report, unit: string, kind: Report['unit_kind']) => a.save({ ...r, unit, unit_kind: kind });
      const edu2023 = consistentReport('gov2021', 11, 2023);
      edu2023.sections.overall = OVERALL;
      edu2023.values['proactive.fees.amount'] = NOT_APPLICABLE;
      edu2023.values['proactive.licensing.decisions'] = null;
      save(edu2023, '某县教育局', 'department');
      save(consistentReport('gov2021', 12, 2024), '某县教育局', 'department');
      save(consistentReport('gov2021', 13, 2023), '某县人民政府', 'government');
      save(consistentReport('gov2021', 14, 2024), '某县人民政府', 'government');
      save(consistentReport('gov2021', 15, 2024), '某镇人民政府', 'township');
      a.addUnit({ name: '某县档案馆', kind: 'other' });
      // Up to 2018 there was no national grid: the statistics are free rows, and the flat workbook leaves them out.
      a.save({
        ...emptyReport('legacy', '某县档案馆', 2017),
        sections: { overall: '2017年，本馆认真贯彻《条例》。', problems: '公开意识有待提高。', other: '无。' },
        legacy: [
          { label: '主动公开政府信息数', unit: '条', this_year: 86, cumulative: 1024 },
          { label: '收到政府信息公开申请数', unit: '件', this_year: 3, cumulative: null },
        ],
      });
    });
    // Shorter than the test's own limit, so a failing step names its locator.
    page().setDefaultTimeout(10_000);
    await nav(page(), '导出').click();
    await page().getByRole('heading', { name: '导出一份报告' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    expect(app?.pageErrors ?? []).toEqual([]);
    await app?.close();
  });

  const chooseOption = async (label: string, option: string) => {
    await page().getByRole('combobox', { name: label }).click();
    await page().getByRole('option', { name: option, exact: true }).click();
  };

  it('exports one report as the official workbook, which reads back as the stored report', async () => {
    await page().screenshot({ path: `${SCREENSHOTS}/export.png`, fullPage: true });
    await chooseOption('单位', '某县教育局');
    await chooseOption('年度', '2023 年');
    // A folder the person chose in the save dialog (dialogs only offer folders that exist).
    mkdirSync(join(app.dir, '自选位置'));
    const out = join(app.dir, '自选位置', '教育局2023.xlsx');
    app.bridge.host.answers.save.push(out);
    await page().getByRole('button', { name: '导出 Excel' }).click();
    await page().getByText(`已保存到 ${out}`).waitFor();

    const stored = archive().get('某县教育局', 2023).report;
    const back = (await readWorkbookFile(out)).report;
    expect(back.unit).toBe('某县教育局');
    expect(back.year).toBe(2023);
    expect(back.template).toBe(stored.template);
    expect(back.values).toEqual(stored.values);
    expect(back.values['proactive.fees.amount']).toBe(NOT_APPLICABLE);
    expect(back.values['proactive.licensing.decisions']).toBeNull();
    expect(back.sections.overall).toBe(stored.sections.overall);

    await page().getByRole('button', { name: '在文件夹中显示' }).click();
    await expect.poll(() => app.bridge.host.shown).toEqual([out]);
  });

  it('says in a notification when a file cannot be written, and writes nothing', async () => {
    const out = join(app.dir, '不存在的文件夹', '报告.xlsx');
    app.bridge.host.answers.save.push(out);
    const card = page()
      .locator('.mantine-Card-root')
      .filter({ has: page().getByRole('heading', { name: '导出一份报告' }) });
    await card.getByRole('button', { name: '导出 Excel' }).click();
    const failed = page().locator('.mantine-Notification-root').filter({ hasText: '没有导出' });
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain('找不到文件或文件夹');
    expect(existsSync(out)).toBe(false);
    await failed.getByRole('button').click();
    await failed.waitFor({ state: 'detached' });
  });

  it('generates fill-in workbooks for two chosen units with last year’s 结转 filled in', async () => {
    const card = page()
      .locator('.mantine-Card-root')
      .filter({ has: page().getByRole('heading', { name: '生成空白填报表' }) });
    // The latest year in the archive is 2024, so the workbooks are for 2025.
    await expect(card.getByRole('textbox', { name: '填报年度' }).inputValue()).resolves.toBe('2025 年');
    await card.getByText('部门', { exact: true }).click();
    await expect(card.getByRole('checkbox').count()).resolves.toBe(2); // 全选 and the one department
    await card.getByRole('checkbox', { name: '某县教育局' }).check();
    await card.getByText('人民政府', { exact: true }).click();
    await card.getByRole('checkbox', { name: '某县人民政府' }).check();
    // 全选 under a filter selects only what is shown; the count says what is hidden.
    await card.getByText('乡镇街道', { exact: true }).click();
    await card.getByRole('checkbox', { name: '全选（乡镇街道）' }).check();
    await card.getByText('已选 3 个单位（其中 2 个不在当前筛选中）').waitFor();
    await card.getByRole('checkbox', { name: '全选（乡镇街道）' }).uncheck();
    await card.getByText('全部单位', { exact: true }).click();
    await card.getByText('已选 2 个单位').waitFor();
    await card.getByText('上年结转从 2024 年报告填入').first().waitFor();
    await card.getByText('没有 2024 年报告，上年结转留空').waitFor(); // 某县档案馆

    const folder = join(app.dir, '填报表');
    app.bridge.host.answers.folder.push(folder);
    await card.getByRole('button', { name: '生成 2 份填报表' }).click();
    await card.getByText(`已生成 2 份填报表，保存在 ${folder}`).waitFor();
    const listed = await card.getByRole('list', { name: '生成的填报表' }).getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(2);
    await page().screenshot({ path: `${SCREENSHOTS}/export-templates.png`, fullPage: true });

    for (const unit of ['某县教育局', '某县人民政府']) {
      const name = listed.find((f) => f.startsWith(unit))!;
      expect(name).toBe(`${unit}-2025年政府信息公开年报填报表.xlsx`);
      const file = join(folder, name);
      expect(existsSync(file)).toBe(true);
      const r = (await readWorkbookFile(file)).report;
      expect([r.unit, r.year]).toEqual([unit, 2025]);
      const last = archive().get(unit, 2024).report.values;
      const carried = getTemplate('gov2021').cells.filter((c) => c.rowKey === 'carried_over');
      expect(carried.length).toBe(7);
      for (const c of carried) expect(r.values[c.key], c.key).toBe(last[`requests.carried_forward.${c.colKey}`]);
      expect(r.values['requests.new.total']).toBeNull();
    }
  });

  it('exports the flat archive workbook, one row per report', async () => {
    const card = page()
      .locator('.mantine-Card-root')
      .filter({ has: page().getByRole('heading', { name: '导出档案总表' }) });
    await expect(card.getByLabel('总表报告数').textContent()).resolves.toBe('5 份报告');
    await card.getByText('2018 年及以前的 1 份报告没有统一表样，不包含在总表中。').waitFor();
    const out = join(app.dir, '总表.xlsx');
    app.bridge.host.answers.save.push(out);
    await card.getByRole('button', { name: '导出档案总表' }).click();
    await card.getByText(`已保存到 ${out}（共 5 份报告）`).waitFor();
    const rows = readFlat(await loadWorkbook(out), out);
    expect(rows.map((r) => `${r.report.unit}-${r.report.year}`).sort()).toEqual(
      ['某县人民政府-2023', '某县人民政府-2024', '某县教育局-2023', '某县教育局-2024', '某镇人民政府-2024'].sort(),
    );
    const edu = rows.find((r) => r.report.unit === '某县教育局' && r.report.year === 2024)!.report;
    expect(edu.values).toEqual(archive().get('某县教育局', 2024).report.values);
  });

  it('shows the print view in the official look, prints it to a PDF, and goes back', async () => {
    await chooseOption('单位', '某县教育局');
    await chooseOption('年度', '2023 年');
    await page().getByRole('button', { name: '打印 / 导出 PDF' }).click();
    await page().locator('body[data-print-ready="1"]').waitFor();

    const stored = archive().get('某县教育局', 2023).report;
    const template = getTemplate(stored.template);
    await expect(page().getByRole('heading', { level: 1 }).textContent()).resolves.toBe('某县教育局2023年政府信息公开工作年度报告');
    const headings = await page().getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).toEqual(template.sections.map((s) => s.heading));
    expect(headings).toHaveLength(6);
    for (const t of template.tables) await page().getByRole('table', { name: t.section.heading }).waitFor();

    // Every value cell shows the stored value: blank empty, 不适用 as words, numbers as they are.
    const shown = await page().evaluate(() =>
      Object.fromEntries(Array.from(document.querySelectorAll('td[data-key]')).map((td) => [td.getAttribute('data-key'), td.textContent])),
    );
    expect(Object.keys(shown).sort()).toEqual(template.cells.map((c) => c.key).sort());
    for (const c of template.cells) {
      const v = stored.values[c.key];
      expect(shown[c.key], c.key).toBe(v === null ? '' : String(v));
    }
    expect(shown['proactive.fees.amount']).toBe('不适用');
    expect(shown['proactive.licensing.decisions']).toBe('');
    const align = await page()
      .locator('td[data-key="requests.total.total"]')
      .evaluate((td) => getComputedStyle(td).textAlign);
    expect(align).toBe('right');
    // The overall text keeps its three paragraphs.
    await expect(page().locator('.print-paragraph').filter({ hasText: '本局坚持' }).count()).resolves.toBe(1);
    const overall = page()
      .locator('section')
      .filter({ has: page().getByRole('heading', { name: '一、总体情况' }) });
    await expect(overall.locator('p').count()).resolves.toBe(3);
    await page().screenshot({ path: `${SCREENSHOTS}/print-view.png`, fullPage: true });
    await page().screenshot({ path: `${SCREENSHOTS}/print-view-top.png` });

    // In print the buttons are gone and the page is white.
    await page().emulateMedia({ media: 'print' });
    await expect(page().getByRole('button', { name: '打印', exact: true }).isVisible()).resolves.toBe(false);
    await expect(page().getByRole('button', { name: '返回' }).isVisible()).resolves.toBe(false);
    await expect(page().evaluate(() => getComputedStyle(document.body).backgroundColor)).resolves.toBe('rgb(255, 255, 255)');
    const pdf = await page().pdf({ format: 'A4', printBackground: true });
    writeFileSync(`${SCREENSHOTS}/print-view.pdf`, pdf);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(6);
    await page().emulateMedia({ media: 'screen' });

    await page().getByRole('button', { name: '返回' }).click();
    await page().getByRole('heading', { name: '导出一份报告' }).waitFor();
    await expect(page().locator('body').getAttribute('data-print-ready')).resolves.toBeNull();
  });

  it('draws the print view alone from #print?… (what Electron’s PDF export loads), or says why it cannot', async () => {
    const alone = await app.browser.newPage({ viewport: { width: 1000, height: 1400 } });
    try {
      await alone.goto(`${app.bridge.url}#print?unit=${encodeURIComponent('某镇人民政府')}&year=2024`);
      await alone.locator('body[data-print-ready="1"]').waitFor();
      await expect(alone.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('某镇人民政府2024年政府信息公开工作年度报告');
      await expect(alone.getByRole('button', { name: '返回' }).count()).resolves.toBe(0);
      await expect(nav(alone, '导出').count()).resolves.toBe(0);

      // A 2017 report: the legacy headings and its statistics rows as they were read.
      await alone.goto(`${app.bridge.url}#print?unit=${encodeURIComponent('某县档案馆')}&year=2017`);
      await alone.reload();
      await alone.locator('body[data-print-ready="1"]').waitFor();
      const legacy = getTemplate('legacy');
      await expect(alone.getByRole('heading', { level: 2 }).allTextContents()).resolves.toEqual([
        ...legacy.sections.map((s) => s.heading),
        legacy.legacyHeading,
      ]);
      const rows = await alone.getByRole('table', { name: '统计指标' }).getByRole('row').allTextContents();
      expect(rows).toEqual([legacy.legacyColumns!.map((c) => c.label).join(''), '主动公开政府信息数条861024', '收到政府信息公开申请数件3']);
      await alone.screenshot({ path: `${SCREENSHOTS}/print-view-legacy.png` });

      await alone.goto(`${app.bridge.url}#print?unit=${encodeURIComponent('不存在的单位')}&year=2024`);
      await alone.reload();
      await alone.locator('body[data-print-error]').waitFor();
      const message = await alone.locator('body').getAttribute('data-print-error');
      expect(message).toMatch(/^无法打开“不存在的单位”2024 年的报告：/);
      expect(await alone.locator('body').getAttribute('data-print-ready')).toBeNull();
      await alone.getByText('无法打印').waitFor();
    } finally {
      await alone.close();
    }
  });

  it('in Electron asks main for the PDF instead of showing the print view', async () => {
    const electron = await app.browser.newPage({ viewport: { width: 1400, height: 900 } });
    const asked: unknown[] = [];
    try {
      // Only the host kind and the PDF channel are answered here; everything else is the real bridge.
      await electron.route('**/api/app.info', async (route) => {
        const real = (await (await route.fetch()).json()) as { ok: true; value: object };
        await route.fulfill({ json: { ok: true, value: { ...real.value, host: 'electron' } } });
      });
      await electron.route('**/api/export.pdf', async (route) => {
        asked.push(route.request().postDataJSON());
        await route.fulfill({ json: { ok: true, value: { path: '/tmp/某县人民政府-2024.pdf' } } });
      });
      await electron.goto(app.bridge.url);
      await nav(electron, '导出').click();
      await electron.getByRole('combobox', { name: '单位' }).click();
      await electron.getByRole('option', { name: '某县人民政府', exact: true }).click();
      await expect(electron.getByRole('combobox', { name: '年度' }).inputValue()).resolves.toBe('2024 年');
      await electron.getByRole('button', { name: '打印 / 导出 PDF' }).click();
      await electron.getByText('已保存到 /tmp/某县人民政府-2024.pdf').waitFor();
      expect(asked).toEqual([{ unit: '某县人民政府', year: 2024 }]);
      await expect(electron.locator('.print-paper').count()).resolves.toBe(0);
    } finally {
      await electron.close();
    }
  });

  it('says what to do when the archive is empty', async () => {
    const empty = await openApp();
    try {
      await nav(empty.page, '导出').click();
      await empty.page.getByText('档案中还没有单位和报告').waitFor();
      await empty.page.getByText(/在“档案”页点击“添加单位”.*在“导入”页读入/).waitFor();
      await expect(empty.page.getByRole('button', { name: '导出 Excel' }).count()).resolves.toBe(0);
      await empty.page.screenshot({ path: `${SCREENSHOTS}/export-empty.png` });
      expect(empty.pageErrors).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
