/// <reference lib="dom" />
// Every page walked keyboard-only after the first click, at 1366×768, on a filled archive: 档案, 导入, 单位,
// 报送情况, 全区汇总, 差错清单, 图表, 导出, 设置与备份, 表样, the editor and the print view. Each page is reached
// from the navigation with Tab and Enter; on each, Tab goes through its controls and every one that takes the
// keyboard must be visible and show that it has it; nothing runs off the side, and no English word is shown to
// the clerk. A screenshot of each page and of its focus (looked at by a person).
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/report';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { DEPARTMENTS as COUNTY_DEPARTMENTS } from '../helpers/collect';
import { consistentReport } from '../helpers/random-report';

const YEAR = new Date().getFullYear() - 1;
const YEARS = [YEAR - 2, YEAR - 1, YEAR];
const PARENT = '某区人民政府';
const UNITS = COUNTY_DEPARTMENTS.slice(0, 14).map((d) => `某区${d}`);
const OPENED = UNITS[1];

/** Fourteen departments over three years: a few missing this year, some with a broken total, the old years 定稿. */
function seed(a: import('../../src/main/services/archive').Archive) {
  a.addUnit({ name: PARENT, kind: 'government' });
  for (const u of UNITS) a.addUnit({ name: u, kind: 'department', parent: PARENT });
  UNITS.forEach((unit, i) => {
    for (const year of YEARS) {
      if (year === YEAR && i % 5 === 4) continue;
      const r: Report = {
        ...consistentReport('gov2021', 2000 + i * 10 + (year - YEAR), year),
        unit,
        unit_kind: 'department',
        published: `${year + 1}-01-2${i % 8}`,
      };
      if (year === YEAR && i % 4 === 1) r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 3;
      a.save(r);
      if (year < YEAR) a.setStatus(unit, year, 'final', { confirmErrors: true });
    }
  });
}

/** Words a clerk may see in Latin letters: file kinds, programs and key names. */
const ALLOWED_LATIN = new Set(
  [
    'Excel',
    'nbpkg',
    'Linux',
    'macOS',
    'WPS',
    'Word',
    'PDF',
    'HTML',
    'CSV',
    'xlsx',
    'xls',
    'docx',
    'doc',
    'txt',
    'htm',
    'html',
    'zip',
    'sqlite',
    'nianbao',
    'Ctrl',
    'Shift',
    'Tab',
    'Enter',
    'Esc',
    'Delete',
    'UTC',
    'LibreOffice',
    'Calc',
    'Office',
    'GB',
    'MB',
    'KB',
    'json',
    'cli',
    'Alt',
    'Backspace',
    'Windows',
    'Electron',
    'Chromium',
    'SQLite',
  ].map((w) => w.toLowerCase()),
);

interface Stop {
  what: string;
  visible: boolean;
  ring: boolean;
  /** The ring is drawn in red, the colour this app keeps for errors. */
  red: boolean;
}

/** What has the keyboard: its name, whether it is on screen, and whether anything shows that it is focused. */
const stopNow = (page: Page): Promise<Stop | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const name = (
      el.getAttribute('aria-label') ||
      el.getAttribute('title') ||
      (el as HTMLInputElement).placeholder ||
      el.textContent ||
      el.tagName
    )
      .trim()
      .slice(0, 40);
    // A Mantine radio, checkbox or switch input is drawn by its label or track; the ring is on that.
    const shown = (el as HTMLInputElement).type === 'radio' || (el as HTMLInputElement).type === 'checkbox' ? el.parentElement! : el;
    const r = shown.getBoundingClientRect();
    const visible = r.width > 0 && r.height > 0 && r.bottom > 56 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
    let red = false;
    const ringOf = (x: Element) => {
      const s = getComputedStyle(x);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const [cr, cg, cb] = (s.outlineColor.match(/\d+/g) ?? []).map(Number);
      if (outline && cr > 180 && cg < 120 && cb < 120) red = true;
      return outline || s.boxShadow !== 'none';
    };
    // Text boxes show focus by their border colour (global.css: blue).
    const field = el.tagName === 'TEXTAREA' || (el.tagName === 'INPUT' && !['radio', 'checkbox'].includes((el as HTMLInputElement).type));
    const ring = field || ringOf(el) || (shown !== el && (ringOf(shown) || Array.from(shown.querySelectorAll('*')).some(ringOf)));
    return { what: `${el.tagName.toLowerCase()} ${name}`, visible, ring, red };
  });

/** Where a Tab walk should stop: a navigation link by its label, or a control by its aria-label or text. */
type Target = { nav: string } | { label: string } | { text: string };

/** Presses Tab (or Shift+Tab) until the target has the keyboard; fails after `max` presses. Returns the count. */
async function tabTo(page: Page, target: Target, back = false, max = 250) {
  for (let i = 0; i < max; i++) {
    const there = await page.evaluate((t) => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return false;
      if ('nav' in t)
        return el.tagName === 'BUTTON' && !!el.closest('nav') && el.querySelector('.mantine-NavLink-label')?.textContent === t.nav;
      if ('label' in t) return el.getAttribute('aria-label') === t.label;
      return el.tagName === 'BUTTON' && el.textContent?.trim() === t.text;
    }, target);
    if (there) return i;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach ${JSON.stringify(target)} in ${max} presses`);
}

/** Latin words on screen (in the shown page) that are not file kinds or key names. */
const englishShown = (page: Page, selector: string) =>
  page.evaluate(
    ([sel, allowed]) => {
      const root = document.querySelector(sel) as HTMLElement | null;
      // File paths (a backup folder, a saved file) are what they are.
      const text = (root?.innerText ?? '').replace(/[^\s，。：（）“”]*[\\/][^\s，。：（）“”]*/g, ' ');
      const words = text.replace(/[\w.-]+\.(sqlite|xlsx|xls|docx|html|txt|nbpkg|zip|pdf|csv)\b/gi, ' ').match(/[A-Za-z]{3,}/g) ?? [];
      return [...new Set(words.filter((w) => !allowed.includes(w.toLowerCase())))];
    },
    [selector, [...ALLOWED_LATIN]] as const,
  );

/** Tabs into `selector`'s element (past the navigation), then through up to `max` stops until the keyboard leaves it. */
async function walkStops(page: Page, selector: string, shot: string, max = 45, until?: string): Promise<Stop[]> {
  const inside = () => page.evaluate((sel) => !!document.activeElement?.closest(sel), selector);
  for (let i = 0; i < 20 && !(await inside()); i++) await page.keyboard.press('Tab');
  const stops: Stop[] = [];
  for (let i = 0; i < max && (await inside()); i++) {
    if (until && (await page.evaluate((sel) => !!document.activeElement?.matches(sel), until))) break;
    const s = await stopNow(page);
    if (s) stops.push(s);
    // The sixth stop (or an earlier last one) is photographed, its focus ring on screen.
    if (i === 5) await page.screenshot({ path: shot });
    await page.keyboard.press('Tab');
    await page.waitForTimeout(30);
  }
  if (stops.length <= 5) {
    // Few stops: back onto the last one, so the picture shows its focus.
    if (stops.length) await page.keyboard.press('Shift+Tab');
    await page.screenshot({ path: shot });
  }
  return stops;
}

describe.skipIf(!browserAvailable)('every page, keyboard only after the first click, at 1366×768', () => {
  let app: OpenApp;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    app = await openApp((b) => seed(b.store.archive), { width: 1366, height: 768 });
    page = app.page;
  }, 120_000);

  // Each test starts from the app as it opens, after the one click; what it finds is checked at its end.
  beforeEach(async () => {
    problems.length = 0;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.reload();
    await page.getByRole('button', { name: `打开${OPENED}${YEAR}年报告` }).waitFor();
    // The one click.
    await page.locator('nav').getByText('档案', { exact: true }).click();
  }, 60_000);

  // Every control reached shows it has the keyboard and is on screen.
  afterEach(() => {
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    expect(app?.pageErrors).toEqual([]);
    await app?.close();
  });

  const PAGES: { key: string; label: string; ready: RegExp }[] = [
    { key: 'archive', label: '档案', ready: /^档案$/ },
    { key: 'import', label: '导入', ready: /^导入$/ },
    { key: 'units', label: '单位', ready: /^单位$/ },
    { key: 'board', label: '报送情况', ready: /报送情况/ },
    { key: 'summary', label: '全区汇总', ready: /汇总/ },
    { key: 'errors', label: '差错清单', ready: /差错清单/ },
    { key: 'charts', label: '图表', ready: /图表/ },
    { key: 'export', label: '导出', ready: /^导出$/ },
    { key: 'settings', label: '设置与备份', ready: /^设置与备份$/ },
    { key: 'templates', label: '表样', ready: /表样/ },
  ];

  for (const p of PAGES)
    it(`${p.label}: reached from the navigation by keyboard, every stop visible with its focus shown`, async () => {
      await tabTo(page, { nav: p.label }, true);
      await page.keyboard.press('Enter');
      const pane = `[data-page="${p.key}"]`;
      await page.locator(pane).getByRole('heading', { name: p.ready }).first().waitFor();
      await page.waitForTimeout(600);
      await page.screenshot({ path: `${SCREENSHOTS}/walk-${p.key}-1366.png` });
      const stops = await walkStops(page, pane, `${SCREENSHOTS}/walk-${p.key}-1366-focus.png`);
      // A page with controls gets some of them by Tab (表样 is a picture of the forms only, with its own choice).
      expect(stops.length, `${p.label}: controls reached by Tab`).toBeGreaterThan(0);
      for (const s of stops) {
        if (!s.visible) problems.push(`${p.label}: ${s.what} has the keyboard off screen`);
        if (!s.ring) problems.push(`${p.label}: ${s.what} shows no focus`);
        if (s.red) problems.push(`${p.label}: ${s.what} shows focus in red`);
      }
      expect(await englishShown(page, pane), `${p.label}: English on screen`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `${p.label}: runs off the side`).toBe(true);
    }, 90_000);

  it('档案: the matrix fills the window below the filters, and follows a resize to 1920×1080 and back', async () => {
    await tabTo(page, { nav: '档案' }, true);
    await page.keyboard.press('Enter');
    const matrix = page.locator('.archive-matrix');
    const bottomGap = async () => {
      await page.waitForTimeout(300);
      const box = (await matrix.boundingBox())!;
      const height = await page.evaluate(() => innerHeight);
      return {
        gap: height - (box.y + box.height),
        height: box.height,
        rows: await page.locator('.archive-matrix tbody tr[aria-rowindex]').count(),
      };
    };
    // The window's bottom less the page's padding (16 px): no empty band below the table.
    const small = await bottomGap();
    expect(small.gap).toBeGreaterThanOrEqual(0);
    expect(small.gap).toBeLessThanOrEqual(20);
    // At 1920×1080 every unit fits: the matrix is as tall as its rows, with nothing to scroll.
    await page.setViewportSize({ width: 1920, height: 1080 });
    const large = await bottomGap();
    expect(large.rows).toBe(UNITS.length + 1);
    expect(large.height).toBeGreaterThan(small.height + 50);
    expect(await page.locator('.archive-matrix .mantine-ScrollArea-viewport').evaluate((v) => v.scrollHeight <= v.clientHeight + 1)).toBe(
      true,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/walk-archive-1920.png` });
    await page.setViewportSize({ width: 1366, height: 768 });
    expect((await bottomGap()).height).toBe(small.height);
  }, 60_000);

  it('the editor and its print view: opened from 档案 with Enter, F6 to the toolbar, 打印 / PDF to the print view', async () => {
    await tabTo(page, { nav: '档案' }, true);
    await page.keyboard.press('Enter');
    await tabTo(page, { label: `打开${OPENED}${YEAR}年报告` });
    await page.keyboard.press('Enter');
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${SCREENSHOTS}/walk-editor-1366.png` });
    const editor = '[data-page="editor"]';
    // From the toolbar down to the grid: the toolbar, the jump bar, the date and 一、's text, then the grid's one stop.
    const stops = await walkStops(page, editor, `${SCREENSHOTS}/walk-editor-1366-focus.png`, 40, 'td[data-key]');
    expect(await page.evaluate(() => !!document.activeElement?.matches('td[data-key]'))).toBe(true);
    expect(stops.length).toBeLessThan(30);
    // F6 on to the validation panel, through its first controls.
    await page.keyboard.press('F6');
    await page.keyboard.press('F6');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.editor-side'))).toBe(true);
    for (let i = 0; i < 3; i++) {
      const s = await stopNow(page);
      if (s) stops.push(s);
      await page.keyboard.press('Tab');
    }
    await page.screenshot({ path: `${SCREENSHOTS}/walk-editor-1366-panel.png` });
    // From the panel F6 goes round to the grid, then to the toolbar.
    await page.keyboard.press('F6');
    expect(await page.evaluate(() => !!document.activeElement?.matches('td[data-key]'))).toBe(true);
    for (const s of stops) {
      if (!s.visible) problems.push(`编辑: ${s.what} has the keyboard off screen`);
      if (!s.ring) problems.push(`编辑: ${s.what} shows no focus`);
      if (s.red) problems.push(`编辑: ${s.what} shows focus in red`);
    }
    expect(await englishShown(page, editor), '编辑: English on screen').toEqual([]);
    // F6 to the toolbar's 保存, then Tab along it to 打印 / PDF.
    await page.keyboard.press('F6');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('保存');
    await tabTo(page, { text: '打印 / PDF' }, false, 20);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '打印' }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SCREENSHOTS}/walk-print-1366.png` });
    expect(await englishShown(page, 'body'), '打印: English on screen').toEqual([]);
    // The print view's buttons are reached by Tab; 返回 goes back to the editor.
    const back = await tabTo(page, { text: '返回' }, false, 10);
    expect(back).toBeLessThan(10);
    await page.screenshot({ path: `${SCREENSHOTS}/walk-print-1366-focus.png` });
    await page.keyboard.press('Enter');
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor();
  }, 120_000);
});
