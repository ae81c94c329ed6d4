/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/main/bridge/server';
import { parseFile } from '../../src/main/services/files';
import { openApp } from '../helpers/app';
import { tempDir } from '../helpers/archive';
import { browserAvailable, launch, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

describe.skipIf(!browserAvailable)('the editor in Chromium through the browser bridge', () => {
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const cell = (key: string) => page.locator(`td[data-key="${key}"]`);

  beforeAll(async () => {
    browser = await launch();
  }, 120_000);

  // Each test has its own archive (2023 stored, 2024 not yet) and page: none depends on another's order.
  beforeEach(async () => {
    bridge = await startBridge({ dbPath: join(tempDir('nianbao-e2e-'), 'archive.sqlite'), rendererDir: 'out/renderer' });
    bridge.store.archive.save({ ...consistentReport('gov2021', 3, 2023), unit: '某县教育局', unit_kind: 'department' });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(bridge.url);
  }, 60_000);

  afterEach(async () => {
    await page?.close();
    await bridge?.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Creates the 2024 report from 档案 and types 100 into 本年新收（自然人）: a draft whose 总计 does not add up yet. */
  async function newReportWith100() {
    await page.getByRole('button', { name: '新建某县教育局2024年报告' }).click();
    await page.getByText('新报告，填写后自动保存').waitFor();
    await cell('requests.new.natural_person').click();
    await page.keyboard.type('100');
    await page.keyboard.press('Tab');
    await expect(cell('requests.new.natural_person').textContent()).resolves.toBe('100');
  }

  it('creates the next year’s report with 上年结转 pre-filled, types and pastes numbers, and autosaves', async () => {
    await newReportWith100();
    const carried = bridge.store.archive.get('某县教育局', 2023).report.values['requests.carried_forward.total'];
    await expect(cell('requests.carried_over.total').textContent()).resolves.toBe(String(carried));
    // Paste a block copied from Excel into 商业企业 … of the same row.
    await cell('requests.new.commercial').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '1\t2\t0\r\n');
      document
        .querySelector('table[aria-label="三、收到和处理政府信息公开申请情况"]')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    await expect(cell('requests.new.social_org').textContent()).resolves.toBe('0');
    await expect(cell('requests.new.legal_service').textContent()).resolves.toBe('空');
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor({ timeout: 10_000 });
    expect(bridge.store.archive.get('某县教育局', 2024).report.values['requests.new.research']).toBe(2);
    await page.screenshot({ path: `${SCREENSHOTS}/editor.png`, fullPage: false });
  });

  it('shows an R1 error with its numbers, highlights its cells, and offers the total as a one-click fill', async () => {
    await newReportWith100();
    const r1 = page.locator('.finding[data-rule="R1"]').filter({ hasText: '第三项（七）总计（自然人）' });
    await r1.waitFor();
    expect(await r1.textContent()).toMatch(/第三项（七）总计（自然人）应为 \d+（=100\+\d+−0），实为 空白/);
    await r1.click();
    await expect(cell('requests.total.natural_person').getAttribute('class')).resolves.toContain('flagged');
    await page.screenshot({ path: `${SCREENSHOTS}/editor-r1.png`, fullPage: false });
    await r1.getByRole('button', { name: /^填入 \d+$/ }).click();
    await page.locator('.finding[data-rule="R1"]').filter({ hasText: '第三项（七）总计（自然人）' }).waitFor({ state: 'detached' });
  });

  it('dismisses a warning only with a real reason', async () => {
    await newReportWith100();
    await page.getByLabel('六、其他需要报告的事项').fill('无');
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor({ timeout: 10_000 });
    const r8 = page.locator('.finding[data-rule="R8"]');
    await r8.waitFor();
    await r8.getByRole('button', { name: '忽略…' }).click();
    await page.getByLabel('理由（会和报告一起保存）').fill('核实无误');
    await page.getByRole('button', { name: '忽略', exact: true }).click();
    await page.getByText('仅写“核实无误”不够').waitFor();
    await page.getByLabel('理由（会和报告一起保存）').fill('本单位全年未收取任何费用，已在第一部分说明');
    await page.getByRole('button', { name: '忽略', exact: true }).click();
    await page.getByText('理由：本单位全年未收取任何费用，已在第一部分说明').waitFor();
    expect(bridge.store.archive.validateStored('某县教育局', 2024).find((f) => f.rule === 'R8')?.dismissed?.reason).toBe(
      '本单位全年未收取任何费用，已在第一部分说明',
    );
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.screenshot({ path: `${SCREENSHOTS}/editor-dismissed.png`, fullPage: false });
  });
});

describe.skipIf(!browserAvailable)('history in Chromium', () => {
  it('lists revisions, shows the difference side by side, and restores one as a new revision', async () => {
    const bridge = await startBridge({ dbPath: join(tempDir('nianbao-e2e-'), 'archive.sqlite'), rendererDir: 'out/renderer' });
    const r = { ...consistentReport('gov2021', 4, 2024), unit: '某镇人民政府' };
    bridge.store.archive.save(r, { note: '初稿' });
    bridge.store.archive.save({ ...r, values: { ...r.values, 'proactive.penalty.decisions': 77 } }, { note: '改处罚数' });
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(bridge.url);
      await page.getByRole('button', { name: '打开某镇人民政府2024年报告' }).click();
      await page.getByRole('button', { name: '历史' }).click();
      const diff = page.getByRole('table', { name: '数字的差别' });
      await diff.waitFor();
      expect(await diff.getByRole('row').filter({ hasText: '行政处罚（本年处理决定数量）' }).textContent()).toContain('77');
      await page.screenshot({ path: `${SCREENSHOTS}/history.png` });
      await page.getByRole('row').filter({ hasText: '初稿' }).getByRole('button', { name: '恢复为这一版' }).click();
      await page.getByText('已保存 · 第 3 版').waitFor();
      expect(bridge.store.archive.get('某镇人民政府', 2024).report.values['proactive.penalty.decisions']).toBe(
        r.values['proactive.penalty.decisions'],
      );
    } finally {
      await browser.close();
      await bridge.close();
    }
  }, 60_000);
});

describe.skipIf(!browserAvailable)('exporting and printing from the editor', () => {
  it('saves the report as the official workbook and shows its print view', async () => {
    const r = { ...consistentReport('gov2021', 5, 2024), unit: '某县档案馆', unit_kind: 'department' as const };
    const app = await openApp((b) => b.store.archive.save(r));
    try {
      const { page, bridge } = app;
      await page.getByRole('button', { name: '打开某县档案馆2024年报告' }).click();
      await page.getByText(/已保存 · 第 1 版/).waitFor();
      const out = join(app.dir, '某县档案馆.xlsx');
      bridge.host.answers.save.push(out);
      await page.getByRole('button', { name: '导出 Excel' }).click();
      await page.getByText(`已保存到 ${out}`).waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/editor-exported.png` });
      const [back] = await parseFile(out);
      expect(back!.report.values).toEqual(bridge.store.archive.get('某县档案馆', 2024).report.values);
      await page.getByRole('button', { name: '在文件夹中显示' }).click();
      await expect.poll(() => bridge.host.shown).toEqual([out]);

      await page.getByRole('button', { name: '打印 / PDF' }).click();
      await page.locator('body[data-print-ready="1"]').waitFor();
      await expect(page.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' }).count()).resolves.toBe(1);
      await page.getByRole('button', { name: '返回' }).click();
      await page.getByRole('button', { name: '导出 Excel' }).waitFor();
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);
});
