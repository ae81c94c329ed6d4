/// <reference lib="dom" />
// The pages other than 档案 on an archive of 1,201 units (a province, 30 cities, 39 offices each) in Chromium at
// 1366×768: each shows the unit and years asked for, its unit pickers find a unit far down the list by typing
// (the archive answers a few matches, not every unit), and no page asks for every unit's overview row.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

const nav = (p: Page, label: string) => p.locator('.mantine-NavLink-root').filter({ hasText: label });
const TOP = '某省人民政府';
const CITIES = 30;
const OFFICES = 39;
const two = (n: number) => String(n).padStart(2, '0');
const city = (c: number) => `第${two(c)}市人民政府`;
const office = (c: number, o: number) => `第${two(c)}市第${two(o)}局`;
const LAST = new Date().getFullYear() - 1;
/** Far down the name order (not among any picker's first 50); it has a report of LAST only. */
const TARGET = office(27, 33);
/** Its LAST report has errors; it has the year before too. */
const FAILING = office(28, 12);

describe.skipIf(!browserAvailable)('the pages on 1,201 units in Chromium', () => {
  let app: OpenApp;
  const page = () => app.page;
  let reports = 0;
  /** Every request the page made, as channel and arguments. */
  const asked: { channel: string; args: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    app = await openApp(
      (bridge) => {
        const a = bridge.store.archive;
        a.addUnit({ name: TOP, kind: 'government' });
        const items: { report: Report }[] = [];
        const add = (unit: string, year: number, seed: number) =>
          items.push({ report: { ...consistentReport('gov2021', seed, year), unit, published: `${year + 1}-01-20` } });
        for (let c = 1; c <= CITIES; c++) {
          a.addUnit({ name: city(c), kind: 'government', parent: TOP });
          for (let o = 1; o <= OFFICES; o++) {
            a.addUnit({ name: office(c, o), kind: 'department', parent: city(c) });
            // Every office of cities 27 and 28 reports, one in five elsewhere (the bridge validates them in the
            // test's own process, which must keep answering the browser).
            if (c !== 27 && c !== 28 && o % 5) continue;
            add(office(c, o), LAST, c * 100 + o);
            if (o % 2 === 0) add(office(c, o), LAST - 1, c * 1000 + o);
          }
        }
        add(city(27), LAST, 9999);
        const failing = items.find((i) => i.report.unit === FAILING && i.report.year === LAST)!.report;
        failing.values = {
          ...failing.values,
          'requests.new.natural_person': (failing.values['requests.new.natural_person'] as number) + 5,
        };
        a.saveMany(items);
        reports = items.length;
      },
      { width: 1366, height: 768 },
    );
    // The machine is shared: the bridge answers in this process, slowly when others are busy.
    page().setDefaultTimeout(45_000);
    page().on('request', (r) => {
      const m = /\/api\/([^/?]+)/.exec(r.url());
      if (m && r.method() === 'POST') asked.push({ channel: decodeURIComponent(m[1]), args: JSON.parse(r.postData() || '{}') });
    });
  }, 240_000);

  afterAll(async () => {
    expect(app?.pageErrors ?? []).toEqual([]);
    await app?.close();
  });

  beforeEach(() => {
    asked.length = 0;
  });

  // No page asks for every unit: the overview only a page at a time, pickers a few units at a time, never the whole
  // unit list. Checked after each test, on what that test's pages asked for.
  afterEach(() => {
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((a) => a.channel === 'units.list')).toEqual([]);
    const overview = asked.filter((a) => a.channel === 'archive.overview');
    expect(overview.every((a) => typeof a.args.limit === 'number' && a.args.limit <= 100)).toBe(true);
    const finds = asked.filter((a) => a.channel === 'units.find');
    expect(finds.every((a) => typeof a.args.limit === 'number' && a.args.limit <= 50)).toBe(true);
  });

  const open = async (label: string, heading: string) => {
    await nav(page(), label).click();
    await page().getByRole('heading', { name: heading, exact: true }).waitFor();
  };
  const shown = (key: string) => page().locator(`[data-page="${key}"]`);
  /** Types part of a name into a unit picker and picks the option whose text starts with the whole name. */
  const pick = async (root: ReturnType<Page['locator']>, label: string, typed: string, option: string) => {
    const box = root.getByRole('combobox', { name: label });
    await box.click();
    await box.fill(typed);
    await page().getByRole('option', { name: option }).first().click();
  };
  const shot = (name: string) => page().screenshot({ path: `${SCREENSHOTS}/pages-scale-${name}.png` });

  it('单位: every unit in the tree, the year’s state of a unit found by name', async () => {
    await open('单位', '单位');
    const units = shown('units');
    await units.getByText(`共 ${1 + CITIES + CITIES * OFFICES} 个单位；报告状态为 ${LAST} 年`).waitFor();
    await units.getByRole('textbox', { name: '查找单位' }).fill('27市第33');
    const row = units.locator(`tr[data-unit="${TARGET}"]`);
    await row.waitFor();
    expect(await row.locator('td').nth(3).innerText()).toBe('1');
    expect(await row.locator('td').nth(4).innerText()).toBe('草稿');
    await shot('units');
  }, 120_000);

  it('差错清单: a failing unit far down the list, found by typing, with the years of the archive', async () => {
    await open('差错清单', '差错清单');
    const errors = shown('errors');
    await errors.getByRole('combobox', { name: '年度' }).click();
    expect(await page().getByRole('option').allInnerTexts()).toEqual([`${LAST} 年`, `${LAST - 1} 年`]);
    await page().keyboard.press('Escape');
    await errors.getByText(`${LAST} 年全部单位中有`).waitFor();
    await errors.getByText('一个单位', { exact: true }).click();
    await pick(errors, '单位', '28市第12', `${FAILING}（错误`);
    await errors
      .getByRole('region', { name: `${FAILING}的差错` })
      .or(errors.getByLabel(`${FAILING}的差错`))
      .waitFor();
    await shot('errors');
  }, 120_000);

  it('导出: a unit found by typing offers exactly its years', async () => {
    await open('导出', '导出');
    const ex = shown('export');
    await pick(ex, '单位', '27市第33', TARGET);
    await ex.getByRole('combobox', { name: '年度' }).click();
    expect(await page().getByRole('option').allInnerTexts()).toEqual([`${LAST} 年`]);
    await page().keyboard.press('Escape');
    await pick(ex, '单位', '28市第12', FAILING);
    await ex.getByRole('combobox', { name: '年度' }).click();
    expect(await page().getByRole('option').allInnerTexts()).toEqual([`${LAST} 年`, `${LAST - 1} 年`]);
    await page().keyboard.press('Escape');
    // The fill-in list draws only the rows in view: a few dozen of the 1,201 checkboxes; scrolled to the end, the last.
    const list = ex.getByRole('group', { name: '选择单位' });
    expect(await list.getByRole('checkbox').count()).toBeLessThan(60);
    await list.evaluate((el) => el.parentElement!.closest('.mantine-ScrollArea-viewport')!.scrollTo(0, 1e7));
    await list.getByRole('checkbox', { name: office(CITIES, OFFICES) }).waitFor();
    await ex.getByLabel('总表报告数').getByText(`${reports} 份报告`).waitFor();
    await shot('export');
  }, 120_000);

  it('报送情况 and 全区汇总: a city found by typing shows its 39 offices', async () => {
    await open('报送情况', '报送情况');
    const board = shown('board');
    // The first parent is the top unit, with its 30 cities.
    await expect.poll(() => board.getByRole('table', { name: '下级单位报送情况' }).getAttribute('aria-rowcount')).toBe(String(CITIES + 1));
    await pick(board, '上级单位', '第27市人民', city(27));
    await expect.poll(() => board.getByRole('table', { name: '下级单位报送情况' }).getAttribute('aria-rowcount')).toBe(String(OFFICES + 1));
    await shot('board');

    await open('全区汇总', '全区汇总');
    const summary = shown('summary');
    await pick(summary, '上级单位', '第27市人民', city(27));
    // The city's own report of the year is compared by default.
    await expect.poll(() => summary.getByRole('combobox', { name: '与全区报告比较' }).inputValue()).toBe(city(27));
    await summary.getByText(`与“${city(27)}”的全区报告逐格比较`).waitFor();
    await summary.getByText(/已汇总\s*39\s*个单位/).waitFor();
    await shot('summary');
  }, 120_000);

  it('图表: a unit found by typing is drawn', async () => {
    await open('图表', '图表');
    const charts = shown('charts');
    // Opened without typing: the first 50 units and a note that typing finds the others (not 1,201 options).
    await charts.getByRole('combobox', { name: '单位' }).click();
    await page().getByRole('option', { name: '只列出前 50 个，输入名称中的字查找其他单位' }).waitFor();
    expect(await page().getByRole('option').count()).toBe(51);
    expect(await page().getByRole('option').first().innerText()).toBe(TOP);
    await shot('picker');
    await page().keyboard.press('Escape');
    await pick(charts, '单位', '27市第33', TARGET);
    await charts.getByRole('heading', { name: `${TARGET}政府信息公开工作年度报告历年情况` }).waitFor();
    await shot('charts');
  }, 120_000);
});
