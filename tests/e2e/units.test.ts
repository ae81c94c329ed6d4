/// <reference lib="dom" />
// 单位 in Chromium through the browser bridge: a list with a near-duplicate name is previewed with its rows and
// refused; the county's forty units are imported from a generated unit list and shown as a tree; a parent is changed
// by keyboard alone, and a cycle is refused with its reason.
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importUnits } from '../../src/main/collect/unit-import';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { PARENT, reportOf, UNITS, writeUnitList } from '../helpers/collect';

const nav = (p: Page, label: string) => p.locator('.mantine-NavLink-root').filter({ hasText: label });
const CITY = '某市人民政府';

describe.skipIf(!browserAvailable)('单位 in Chromium through the browser bridge', () => {
  let app: OpenApp;
  const page = () => app.page;
  const archive = () => app.bridge.store.archive;
  const row = (name: string) => page().locator(`tr[data-unit="${name}"]`);

  // Each test has its own archive (the city with its 2024 report) and page, on 单位: none depends on another.
  beforeEach(async () => {
    app = await openApp(
      (bridge) => {
        bridge.store.archive.addUnit({ name: CITY, kind: 'government' });
        bridge.store.archive.save(reportOf(CITY, 5));
      },
      { width: 1366, height: 768 },
    );
    page().setDefaultTimeout(15_000);
    await nav(page(), '单位').click();
    await page().getByRole('heading', { name: '单位', exact: true }).waitFor();
  }, 120_000);

  afterEach(async () => {
    expect(app?.pageErrors ?? []).toEqual([]);
    await app?.close();
  });

  /** The county's forty units as the unit list brings them (importing it is tested below), the page opened anew. */
  const withFortyUnits = async () => {
    await importUnits(archive(), await writeUnitList(app.dir, 'good.xlsx'), {});
    await page().reload();
    await nav(page(), '单位').click();
    await row(PARENT).waitFor();
  };

  it('previews a list with a near-duplicate name, naming both rows, and imports nothing', async () => {
    expect(UNITS).toHaveLength(40);
    const bad = await writeUnitList(app.dir, 'bad.xlsx', [
      [42, '某县　教育局', '部门', PARENT],
      [43, '某县公安局 ', '部门', PARENT],
    ]);
    app.bridge.host.answers.open.push([bad]);
    await page().getByRole('button', { name: '导入单位名单…' }).click();
    const dialog = page().getByRole('dialog');
    await dialog.getByText('有 1 处问题').waitFor();
    const dup = dialog.getByRole('table', { name: '重名与近似重名' });
    await expect(dup.locator('tbody tr').count()).resolves.toBe(2);
    expect(await dup.locator('tbody tr').nth(0).locator('td').allInnerTexts()).toEqual([
      '第 44 行',
      '“某县　教育局”',
      '第 3 行“某县教育局”',
      '近似重名（只差空格、全角半角或标点）',
    ]);
    // The trailing space is kept in what is shown, so the person sees why the row is listed.
    expect(await dup.locator('tbody tr').nth(1).locator('td').allInnerTexts()).toEqual([
      '第 45 行',
      '“某县公安局 ”',
      '第 4 行“某县公安局”',
      '只差首尾空格（按同一单位，只导入一次）',
    ]);
    await expect(dialog.getByRole('button', { name: /^导入 \d+ 个单位$/ }).isDisabled()).resolves.toBe(true);
    await page().screenshot({ path: `${SCREENSHOTS}/units-import-problem.png` });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect(
      archive()
        .listUnits()
        .map((u) => u.name),
    ).toEqual([CITY]);
  });

  it('imports the forty units with their parent and shows them as a tree', async () => {
    const good = await writeUnitList(app.dir, 'good.xlsx');
    app.bridge.host.answers.open.push([good]);
    await page().getByRole('button', { name: '导入单位名单…' }).click();
    const dialog = page().getByRole('dialog');
    await dialog.getByText('新增 41 个').waitFor();
    await dialog.getByRole('button', { name: '导入 41 个单位' }).click();
    await page().getByText('新增 41 个，更新 0 个，不变 0 个').waitFor();
    await dialog.waitFor({ state: 'hidden' });

    expect(archive().listUnits()).toHaveLength(42);
    // Top level: the city and the county government; the county's forty units one level down.
    await row(UNITS[39].name).waitFor();
    expect(await row(PARENT).getAttribute('aria-level')).toBe('1');
    expect(await row(CITY).getAttribute('aria-level')).toBe('1');
    for (const u of [UNITS[0], UNITS[25], UNITS[39]]) expect(await row(u.name).getAttribute('aria-level')).toBe('2');
    await expect(page().locator('tr[aria-level="2"]').count()).resolves.toBe(40);
    await expect(row(PARENT).locator('td').nth(2).innerText()).resolves.toBe('40');
    await page().screenshot({ path: `${SCREENSHOTS}/units-tree-1366.png` });
  });

  /** Tabs until the focused element's text or label is `name`. */
  const tabTo = async (name: string) => {
    for (let i = 0; i < 12; i++) {
      const focused = await page().evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const input = el as HTMLInputElement | null;
        return el?.getAttribute('aria-label') ?? input?.labels?.[0]?.innerText.trim() ?? el?.innerText?.trim() ?? '';
      });
      if (focused === name) return;
      await page().keyboard.press('Tab');
    }
    throw new Error(`没有用 Tab 走到“${name}”`);
  };

  it('changes a parent by keyboard, and refuses a cycle with its reason', async () => {
    await withFortyUnits();
    // The county government goes under the city: only the keyboard.
    await page()
      .getByRole('button', { name: `修改${PARENT}` })
      .focus();
    await page().keyboard.press('Enter');
    const dialog = page().getByRole('dialog', { name: `修改单位：${PARENT}` });
    await dialog.waitFor();
    await tabTo('上级单位');
    await page().keyboard.type('某市');
    await page().getByRole('option', { name: CITY }).waitFor();
    await page().keyboard.press('ArrowDown');
    await page().keyboard.press('Enter');
    await expect(dialog.getByRole('combobox', { name: '上级单位' }).inputValue()).resolves.toBe(CITY);
    await page().screenshot({ path: `${SCREENSHOTS}/units-parent-keyboard.png` });
    await tabTo('保存');
    await page().keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    expect(archive().unit(PARENT).parent).toBe(CITY);
    await page()
      .getByRole('button', { name: `展开${PARENT}的下级单位` })
      .waitFor();
    expect(await row(PARENT).getAttribute('aria-level')).toBe('2');

    // The city under one of the county's departments would be a loop: said in the form, 保存 disabled.
    await page()
      .getByRole('button', { name: `修改${CITY}` })
      .click();
    const city = page().getByRole('dialog', { name: `修改单位：${CITY}` });
    await city.getByRole('combobox', { name: '上级单位' }).fill(UNITS[0].name);
    await page()
      .getByRole('option', { name: `${UNITS[0].name}（下级单位）` })
      .click();
    await city.getByText(`“${UNITS[0].name}”是“${CITY}”的下级单位，不能作为它的上级`).waitFor();
    await expect(city.getByRole('button', { name: '保存' }).isDisabled()).resolves.toBe(true);
    await city.getByRole('button', { name: '取消' }).click();
    expect(archive().unit(CITY).parent).toBeNull();
  });

  it('opens every level at 1920×1080 and goes to a unit’s 报送情况', async () => {
    await withFortyUnits();
    archive().updateUnit(PARENT, { parent: CITY });
    await page().reload();
    await nav(page(), '单位').click();
    await page().setViewportSize({ width: 1920, height: 1080 });
    await page().getByRole('button', { name: '全部展开' }).click();
    await row(UNITS[0].name).waitFor();
    expect(await row(UNITS[0].name).getAttribute('aria-level')).toBe('3');
    await page().screenshot({ path: `${SCREENSHOTS}/units-tree-1920.png` });
    await page()
      .getByRole('button', { name: `${PARENT}的报送情况` })
      .click();
    await page().getByRole('heading', { name: '报送情况' }).waitFor();
  });

  it('sets a report’s scope to 全区汇总 in the editor’s header, saved like any edit', async () => {
    expect(archive().get(CITY, 2024).report.scope).toBe('own');
    await nav(page(), '档案').click();
    // The matrix draws only the rows in view: find the unit by name, as a clerk would with forty units.
    await page().getByLabel('筛选单位').fill(CITY);
    await page()
      .getByRole('button', { name: `打开${CITY}2024年报告` })
      .click();
    const scope = page().getByRole('radiogroup', { name: '报告范围' });
    await scope.waitFor();
    await scope.getByText('全区汇总').click();
    await expect.poll(() => archive().get(CITY, 2024).report.scope, { timeout: 15_000 }).toBe('aggregate');
    await page().screenshot({ path: `${SCREENSHOTS}/units-editor-scope.png` });
  });
});
