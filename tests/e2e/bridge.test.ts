import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../src/main/bridge/server';
import { foundText } from '../../src/shared/search';
import { tempDir } from '../helpers/archive';
import { browserAvailable, launch, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

describe.skipIf(!browserAvailable)('the app in Chromium through the browser bridge', () => {
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launch();
  }, 120_000);

  // Each test has its own archive and page: none depends on what another did before it.
  beforeEach(async () => {
    bridge = await startBridge({ dbPath: join(tempDir('nianbao-e2e-'), 'archive.sqlite'), rendererDir: 'out/renderer' });
    const a = bridge.store.archive;
    a.addUnit({ name: '某县人民政府', kind: 'government' });
    const ok = { ...consistentReport('gov2021', 1, 2023), unit: '某县教育局', unit_kind: 'department' as const };
    ok.sections.problems = '政务公开人才队伍建设相对滞后，兼职人员多。';
    a.save(ok);
    const broken = { ...consistentReport('gov2021', 2, 2024), unit: '某县教育局' };
    broken.values['requests.total.total'] = 1;
    a.save(broken);
    a.setStatus('某县教育局', 2023, 'final');
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(bridge.url);
    await page.getByRole('table', { name: '档案总览' }).waitFor();
  }, 60_000);

  afterEach(async () => {
    await page?.close();
    await bridge?.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the archive: units × years with status and problem counts', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.reload();
    const table = page.getByRole('table', { name: '档案总览' });
    await table.waitFor();
    const row = table.getByRole('row').filter({ hasText: '某县教育局' });
    await expect(row.getByText('定稿').count()).resolves.toBe(1);
    await expect(row.getByText(/^错误 \d+$/).count()).resolves.toBe(1);
    await expect(table.getByRole('row').filter({ hasText: '某县人民政府' }).count()).resolves.toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/archive.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  it('adds a unit and finds text with highlighted snippets', async () => {
    await page.getByRole('button', { name: '添加单位' }).click();
    await page.getByLabel('单位名称').fill('某镇人民政府');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByRole('table', { name: '档案总览' }).getByText('某镇人民政府').waitFor();
    expect(bridge.store.archive.listUnits().map((u) => u.name)).toContain('某镇人民政府');

    await page.getByLabel('全文检索').fill('兼职');
    await page.getByRole('button', { name: '检索' }).click();
    const expected = bridge.store.archive.search('兼职');
    expect(expected.total).toBeGreaterThan(0);
    await page.getByText(`${foundText(expected, '兼职')}，点击一处打开报告`).waitFor();
    await expect(page.locator('mark').first().textContent()).resolves.toBe('兼职');
    await page.screenshot({ path: `${SCREENSHOTS}/archive-search.png`, fullPage: true });

    // A hit opens the report with the found text selected in its section.
    await page.getByRole('button', { name: '打开某县教育局2023年报告的检索结果' }).click();
    const box = page.getByRole('textbox', { name: '五、存在的主要问题及改进情况' });
    await expect.poll(() => box.evaluate((t: HTMLTextAreaElement) => t.value.slice(t.selectionStart, t.selectionEnd))).toBe('兼职');
    await expect(box.evaluate((t) => t === document.activeElement)).resolves.toBe(true);
  });

  it('renames a unit and changes its kind; its reports follow it', async () => {
    const table = page.getByRole('table', { name: '档案总览' });
    await page.getByRole('button', { name: '修改某县教育局' }).click();
    await page.getByLabel('单位名称').fill('某县教育和体育局');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await table.getByText('某县教育和体育局').waitFor();
    const a = bridge.store.archive;
    expect(a.listUnits().map((u) => u.name)).not.toContain('某县教育局');
    expect(a.get('某县教育和体育局', 2023).status).toBe('final');
    await expect(table.getByRole('button', { name: '打开某县教育和体育局2024年报告' }).count()).resolves.toBe(1);

    // Renaming onto an existing name is refused with the reason, and nothing changes.
    await page.getByRole('button', { name: '修改某县教育和体育局' }).click();
    await page.getByLabel('单位名称').fill('某县人民政府');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('单位“某县人民政府”已经存在').waitFor();
    await page.getByRole('button', { name: '取消' }).click();
    expect(
      a
        .listUnits()
        .map((u) => u.name)
        .sort(),
    ).toEqual(['某县人民政府', '某县教育和体育局'].sort());
  });

  it('filters the matrix by year', async () => {
    const table = page.getByRole('table', { name: '档案总览' });
    await expect(table.getByRole('columnheader', { name: '2024 年' }).count()).resolves.toBe(1);
    await page.locator('input[aria-label="年度"]').click();
    await page.getByRole('option', { name: '2023 年' }).click();
    await expect.poll(() => table.getByRole('columnheader', { name: '2024 年' }).count()).toBe(0);
    await expect(table.getByRole('columnheader', { name: '2023 年' }).count()).resolves.toBe(1);
    await page.locator('input[aria-label="年度"]').click();
    await page.getByRole('option', { name: '全部年度' }).click();
  });

  it('refuses calls without the token, and from another host name', async () => {
    const port = new URL(bridge.url).port;
    const noToken = await fetch(`http://127.0.0.1:${port}/api/units.list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(403);
    const ok = await fetch(`http://127.0.0.1:${port}/api/units.list`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-nianbao-token': bridge.token },
    });
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    const bad = await fetch(`http://127.0.0.1:${port}/api/units.add`, {
      method: 'POST',
      body: '{"name":"","kind":"x"}',
      headers: { 'x-nianbao-token': bridge.token },
    });
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^请求参数有误：/);
  });

  it('lets the page pick files where no dialog answer is queued: upload, then the same call gets the path', async () => {
    const port = new URL(bridge.url).port;
    const post = async (path: string, body: string, headers: Record<string, string> = {}) =>
      (await (
        await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body, headers: { 'x-nianbao-token': bridge.token, ...headers } })
      ).json()) as { ok: boolean; value: unknown; pick?: { multiple: boolean; filters: { extensions: string[] }[] } };
    const first = await post('/api/import.pick', '{}');
    expect(first).toMatchObject({ ok: true, value: [], pick: { multiple: true } });
    expect(first.pick!.filters[0]!.extensions).toEqual(expect.arrayContaining(['xlsx', 'txt', 'html', 'docx']));
    const uploaded = await post('/host/upload', '二、主动公开政府信息情况', {
      'x-file-name': encodeURIComponent('某县/../年报.txt'),
    });
    const path = uploaded.value as string;
    expect(path.endsWith('年报.txt')).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('二、主动公开政府信息情况');
    await post('/host/answer', JSON.stringify({ open: [path] }), { 'content-type': 'application/json' });
    expect(await post('/api/import.pick', '{}')).toEqual({ ok: true, value: [path] });
    // A request over the limit is answered in Chinese, and the bridge goes on serving.
    const huge = await fetch(`http://127.0.0.1:${port}/api/units.list`, {
      method: 'POST',
      body: 'x'.repeat(21 * 1024 * 1024),
      headers: { 'x-nianbao-token': bridge.token },
    });
    expect(huge.status).toBe(400);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toBe('文件或请求过大（超过 20 MB）');
    expect((await post('/api/units.list', '{}')).ok).toBe(true);
    // Uploads need the token too.
    const refused = await fetch(`http://127.0.0.1:${port}/host/upload`, { method: 'POST', body: 'x' });
    expect(refused.status).toBe(403);
  });
});
