/// <reference lib="dom" />
// The renderer's data layer in Chromium through the browser bridge at 1366×768: saves through one queue (a slow save
// in flight does not make the next one conflict), a real conflict shows both versions and either choice works,
// failures from main reach the notification surface in Chinese, a failing report.get never opens an empty draft, and
// pages keep their state when the person goes elsewhere.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { writeReportFile } from '../../src/main/excel/write-report';
import { InputError } from '../../src/main/errors';
import { validate } from '../../src/shared/validation';
import { openApp, type OpenApp } from '../helpers/app';
import { tempDir } from '../helpers/archive';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

const VIEWPORT = { width: 1366, height: 768 };
const UNIT = '某县教育局';
const YEAR = 2024;
const seed = () => ({ ...consistentReport('gov2021', 11, YEAR), unit: UNIT, unit_kind: 'department' as const });

const cell = (page: Page, key: string) => page.locator(`[data-page="editor"] td[data-key="${key}"]`);
const typeInto = async (page: Page, key: string, text: string) => {
  await cell(page, key).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  await expect.poll(() => cell(page, key).textContent()).toBe(text);
};
const notification = (page: Page, title: string) => page.locator('.mantine-Notification-root').filter({ hasText: title });
const saveState = (page: Page) => page.getByLabel('保存状态');
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe.skipIf(!browserAvailable)('the data layer in Chromium at 1366×768', () => {
  let app: OpenApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const openReport = async () => {
    app = await openApp((b) => b.store.archive.save(seed()), VIEWPORT);
    await app.page.getByRole('button', { name: `打开${UNIT}${YEAR}年报告` }).click();
    await app.page.getByText('已保存 · 第 1 版').waitFor();
    return app;
  };

  it('stores an edit made while a slow save is in flight, after it, without a conflict', async () => {
    const { page, bridge, pageErrors } = await openReport();
    // The first save waits 3 s in main (as behind a long daily backup); the archive sees the calls in order.
    const save = bridge.handlers['report.save'];
    const calls: { base: number | undefined; at: number }[] = [];
    let slow = true;
    bridge.handlers['report.save'] = async (args) => {
      calls.push({ base: args.baseRevision, at: Date.now() });
      if (slow) {
        slow = false;
        await sleep(3000);
      }
      return save(args);
    };

    await typeInto(page, 'requests.new.natural_person', '321');
    await saveState(page).getByText('正在保存…').waitFor({ timeout: 5000 });
    // Typed while the first save is still in flight, and left idle long enough for its own batch to be due.
    await typeInto(page, 'requests.new.commercial', '45');
    await page.waitForTimeout(1500);
    expect(calls).toHaveLength(1);
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor({ timeout: 10_000 });

    const stored = bridge.store.archive.get(UNIT, YEAR);
    expect(stored.report.values['requests.new.natural_person']).toBe(321);
    expect(stored.report.values['requests.new.commercial']).toBe(45);
    expect(calls).toHaveLength(2);
    // The second save was sent after the first was answered, based on the revision it made.
    expect(calls[0]!.base).toBe(1);
    expect(calls[1]!.base).toBeGreaterThan(1);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(3000);
    await expect(page.getByText('保存冲突').count()).resolves.toBe(0);
    await expect(saveState(page).textContent()).resolves.toBe(`已保存 · 第 ${stored.revision} 版`);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('never lets a late validation answer for an older version replace the newest one', async () => {
    const { page, bridge, pageErrors } = await openReport();
    const original = seed().values['requests.new.natural_person'] as number;
    const broken = { ...seed(), values: { ...seed().values, 'requests.new.natural_person': original + 1000 } };
    // The late answer would show errors: the test fails if it ever reaches the panel.
    expect(validate(broken).filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
    const errors = page
      .getByLabel('校验结果')
      .getByText(/^错误 \d+$/)
      .first();
    await expect.poll(() => errors.textContent()).toBe('错误 0');
    // The answer for the broken version (its 总计 no longer adds up) comes 3 s late; the repaired version's at once.
    const answer = bridge.handlers['report.validate'];
    let calls = 0;
    bridge.handlers['report.validate'] = async (args) => {
      const result = answer(args);
      if (calls++ === 0) await sleep(3000);
      return result;
    };
    await typeInto(page, 'requests.new.natural_person', String(original + 1000));
    await page.waitForTimeout(400);
    await typeInto(page, 'requests.new.natural_person', String(original));
    // A version never checked before, so its answer is asked for (not taken from the cache) while the late one waits.
    await page.getByLabel('六、其他需要报告的事项').fill('本年度无其他需要报告的事项。');
    await expect.poll(() => errors.textContent()).toBe('错误 0');
    await page.waitForTimeout(3500);
    expect(calls).toBeGreaterThanOrEqual(2);
    await expect(errors.textContent()).resolves.toBe('错误 0');
    await expect(page.locator('.finding[data-rule="R1"]').count()).resolves.toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows both versions when the report was changed behind the page, and keeps the person’s on request', async () => {
    const { page, bridge, pageErrors } = await openReport();
    const a = bridge.store.archive;
    // The CLI or another window saves revision 2: a different 行政处罚 figure and a new 第一部分 text.
    const theirs = a.get(UNIT, YEAR).report;
    a.save(
      {
        ...theirs,
        values: { ...theirs.values, 'proactive.penalty.decisions': 901 },
        sections: { ...theirs.sections, overall: '另一窗口写的总体情况' },
      },
      { baseRevision: 1 },
    );

    await typeInto(page, 'requests.new.natural_person', '777');
    const dialog = page.getByRole('dialog', { name: '保存冲突：报告已在别处被修改' });
    await dialog.waitFor({ timeout: 10_000 });
    const numbers = dialog.getByRole('table', { name: '两个版本的数字差别' });
    await numbers.waitFor();
    const penalty = numbers.getByRole('row').filter({ hasText: '行政处罚' });
    await expect(penalty.getByRole('cell').nth(1).textContent()).resolves.toBe('901');
    const mine = numbers.getByRole('row').filter({ hasText: '自然人' });
    await expect(mine.getByRole('cell').nth(2).textContent()).resolves.toBe('777');
    await dialog.getByLabel('文字差别：一、总体情况').getByText('另一窗口写的总体情况').waitFor();
    await expect(dialog.textContent()).resolves.toContain('第 2 版');
    await page.screenshot({ path: `${SCREENSHOTS}/data-conflict.png` });

    await dialog.getByRole('button', { name: '保留我的修改' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已保存 · 第 3 版').waitFor({ timeout: 10_000 });
    const kept = a.get(UNIT, YEAR);
    expect(kept.revision).toBe(3);
    expect(kept.report.values['requests.new.natural_person']).toBe(777);
    expect(kept.report.values['proactive.penalty.decisions']).toBe(theirs.values['proactive.penalty.decisions']);
    expect(kept.report.sections.overall).toBe(theirs.sections.overall);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('takes the archive’s version on request: the editor shows it and the person’s edit is not stored', async () => {
    const { page, bridge, pageErrors } = await openReport();
    const a = bridge.store.archive;
    const theirs = a.get(UNIT, YEAR).report;
    a.save({ ...theirs, values: { ...theirs.values, 'proactive.penalty.decisions': 902 } }, { baseRevision: 1 });

    await typeInto(page, 'requests.new.natural_person', '555');
    const dialog = page.getByRole('dialog', { name: '保存冲突：报告已在别处被修改' });
    await dialog.getByRole('table', { name: '两个版本的数字差别' }).waitFor({ timeout: 10_000 });
    await dialog.getByRole('button', { name: '采用档案中的版本（放弃我的修改）' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('已保存 · 第 2 版').waitFor();
    await expect.poll(() => cell(page, 'proactive.penalty.decisions').textContent()).toBe('902');
    await expect
      .poll(() => cell(page, 'requests.new.natural_person').textContent())
      .toBe(String(theirs.values['requests.new.natural_person'] ?? '空'));
    await page.waitForTimeout(2000);
    const stored = a.get(UNIT, YEAR);
    expect(stored.revision).toBe(2);
    expect(stored.report.values['requests.new.natural_person']).toBe(theirs.values['requests.new.natural_person']);

    // Editing goes on from the archive's version without another conflict.
    await typeInto(page, 'requests.new.natural_person', '556');
    await page.getByText('已保存 · 第 3 版').waitFor({ timeout: 10_000 });
    expect(a.get(UNIT, YEAR).report.values['proactive.penalty.decisions']).toBe(902);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows a refusal from main as a notification with its Chinese message, and keeps the edit', async () => {
    const { page, bridge, pageErrors } = await openReport();
    // Set to 定稿 in another window: the next save is refused as locked.
    bridge.store.archive.setStatus(UNIT, YEAR, 'final');
    await typeInto(page, 'requests.new.natural_person', '42');
    const refused = notification(page, '没有保存，修改还在');
    await refused.waitFor({ timeout: 10_000 });
    await expect(refused.textContent()).resolves.toContain('已定稿，不能修改；如需修改请先取消定稿');
    await expect(saveState(page).textContent()).resolves.toBe('没有保存，修改还在（原因见提示）');
    await page.screenshot({ path: `${SCREENSHOTS}/data-notification.png` });
    // Unlocked again: the kept edit is stored with the next one.
    bridge.store.archive.setStatus(UNIT, YEAR, 'draft');
    await typeInto(page, 'requests.new.commercial', '43');
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor({ timeout: 10_000 });
    // Stored now: the failure notice is taken back.
    await refused.waitFor({ state: 'detached' });
    const values = bridge.store.archive.get(UNIT, YEAR).report.values;
    expect([values['requests.new.natural_person'], values['requests.new.commercial']]).toEqual([42, 43]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows why a report cannot be read instead of opening an empty draft over it', async () => {
    app = await openApp((b) => b.store.archive.save(seed()), VIEWPORT);
    const { page, bridge, pageErrors } = app;
    const get = bridge.handlers['report.get'];
    bridge.handlers['report.get'] = () => {
      throw new InputError('档案文件暂时无法读取（测试）');
    };
    await page.getByRole('button', { name: `打开${UNIT}${YEAR}年报告` }).click();
    await notification(page, '无法打开这份报告').getByText('档案文件暂时无法读取（测试）').waitFor();
    await page.getByText(`无法打开${UNIT} ${YEAR} 年的报告：档案文件暂时无法读取（测试）`).waitFor();
    await expect(page.getByText('新报告，填写后自动保存').count()).resolves.toBe(0);
    bridge.handlers['report.get'] = get;
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByText('已保存 · 第 1 版').waitFor();
    await notification(page, '无法打开这份报告').waitFor({ state: 'detached' });
    expect(bridge.store.archive.get(UNIT, YEAR).revision).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('keeps the import list — files, a typed unit, a resolved doubt — across a visit to 档案', async () => {
    app = await openApp(undefined, VIEWPORT);
    const { page, bridge, pageErrors } = app;
    const dir = tempDir('nianbao-import-');
    const files = [join(SAMPLES_DIR, '2021-county-city-office.txt')];
    for (const [i, unit] of ['某县财政局', '某县民政局'].entries()) {
      const file = join(dir, `${unit}2024.xlsx`);
      await writeReportFile({ ...consistentReport('gov2021', 20 + i, 2024), unit, unit_kind: 'department' }, file, { appVersion: 'test' });
      files.push(file);
    }
    const listRow = (name: string) => page.getByRole('table', { name: '导入文件列表' }).getByRole('row').filter({ hasText: name });
    const preview = page.getByLabel('导入预览');

    await page.getByRole('navigation').getByText('导入', { exact: true }).click();
    bridge.host.answers.open.push(files);
    await page.getByRole('button', { name: '选择文件…' }).click();
    await listRow('某县民政局2024.xlsx').getByText('可以导入').waitFor({ timeout: 20_000 });
    await listRow('2021-county-city-office.txt').getByText('需要处理').waitFor();
    await listRow('2021-county-city-office.txt').getByText('2021-county-city-office.txt', { exact: true }).click();
    await preview.getByLabel('单位', { exact: true }).fill('某市某局');
    await preview.getByLabel('单位', { exact: true }).press('Enter');
    await preview.getByLabel('年度', { exact: true }).fill('2021');
    await preview.getByLabel('年度', { exact: true }).press('Enter');
    const doubt = preview.getByLabel('存疑列表').locator('tr.doubt-row').first();
    await doubt.waitFor();
    await doubt.getByRole('button', { name: '填 0', exact: true }).click();
    await preview.getByLabel('存疑列表').getByText('已全部处理', { exact: true }).waitFor();
    await listRow('2021-county-city-office.txt').getByText('可以导入').waitFor();
    await page.getByRole('button', { name: '导入所选 3 份' }).waitFor();

    await page.getByRole('navigation').getByText('档案', { exact: true }).click();
    await page.getByRole('table', { name: '导入文件列表' }).waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: '档案' }).waitFor();
    await page.getByRole('navigation').getByText('导入', { exact: true }).click();

    await expect(page.getByRole('table', { name: '导入文件列表' }).getByRole('row').count()).resolves.toBeGreaterThanOrEqual(3);
    for (const name of ['2021-county-city-office.txt', '某县财政局2024.xlsx', '某县民政局2024.xlsx'])
      await listRow(name).getByText('可以导入').waitFor({ timeout: 2000 });
    await expect(preview.getByLabel('单位', { exact: true }).inputValue()).resolves.toBe('某市某局');
    await expect(preview.getByLabel('存疑列表').getByText('已全部处理', { exact: true }).count()).resolves.toBe(1);
    await expect(preview.locator('td[data-key="appeals.review.total"]').textContent()).resolves.toBe('0');
    await page.screenshot({ path: `${SCREENSHOTS}/data-import-kept.png` });
    expect(bridge.store.archive.listUnits()).toEqual([]);

    await page.getByRole('button', { name: '导入所选 3 份' }).click();
    await page.getByText('已导入 3 份报告').waitFor();
    expect(bridge.store.archive.get('某市某局', 2021).report.values['appeals.review.total']).toBe(0);
    // The archive page, kept mounted, shows the imported units at once (the import invalidated its answer).
    await page.getByRole('navigation').getByText('档案', { exact: true }).click();
    await page.getByRole('button', { name: '打开某县民政局2024年报告' }).waitFor();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('sends a waiting edit when the page is left (reload, close) before its batch is due', async () => {
    const { page, bridge, pageErrors } = await openReport();
    await typeInto(page, 'requests.new.natural_person', '4321');
    // Left at once, well inside the 1.2 s batch, so only the unload handler can have sent it.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    // Reloading or closing the window: beforeunload sends what waits and asks the person to stay until it is stored.
    await page.goto('about:blank');
    expect(dialogs).toEqual(['beforeunload']);
    await expect
      .poll(() => bridge.store.archive.get(UNIT, YEAR).report.values['requests.new.natural_person'], { timeout: 5000 })
      .toBe(4321);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('reopens the report being edited, with its unsaved state, after a visit to another page', async () => {
    const { page, bridge, pageErrors } = await openReport();
    await typeInto(page, 'requests.new.natural_person', '88');
    // Leaving at once: the edit is saved now, not lost.
    await page.getByRole('navigation').getByText('导出', { exact: true }).click();
    await expect.poll(() => bridge.store.archive.get(UNIT, YEAR).report.values['requests.new.natural_person'], { timeout: 5000 }).toBe(88);
    await page.getByRole('navigation').getByLabel(`回到正在编辑的${UNIT}${YEAR}年报告`).click();
    await expect(cell(page, 'requests.new.natural_person').textContent()).resolves.toBe('88');
    await page.getByText(/已保存 · 第 2 版/).waitFor();
    // Undo still knows the edit made before leaving.
    await page.getByRole('button', { name: '撤销' }).click();
    await expect
      .poll(() => bridge.store.archive.get(UNIT, YEAR).report.values['requests.new.natural_person'], { timeout: 5000 })
      .toBe(seed().values['requests.new.natural_person']);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
