/// <reference lib="dom" />
// The editor's grid in Chromium through the browser bridge, as a clerk uses it on a 1366×768 screen: a whole
// table typed from the keyboard after one click, a column typed with Enter, a range copied and pasted, a refused
// value explained beside its cell, 空白填 0, the layout (tables fit, toolbar and validation panel stay in view),
// and the import preview's grid.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyReport, NOT_APPLICABLE, type CellValue } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';
import { valuePositions } from '../../src/renderer/src/lib/grid';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { SAMPLES_DIR } from '../helpers/samples';

const UNIT = '某县教育局';
const template = getTemplate('gov2021');
const requests = template.tables.find((t) => t.id === 'requests')!;
const appeals = template.tables.find((t) => t.id === 'appeals')!;

const cell = (page: Page, key: string) => page.locator(`td[data-key="${key}"]`);
/** What has the keyboard: the data-key of the focused cell (or of the cell whose input is focused), else the tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const td = el?.closest('td[data-key]') as HTMLElement | null;
    return td?.dataset.key ?? el?.tagName ?? null;
  });
const stored = (app: OpenApp, year: number) => app.bridge.store.archive.get(UNIT, year).report.values;
/** Waits until the page says a save went through after the last edit. */
const saved = (page: Page) => page.getByText(/^已保存 · 第 \d+ 版$/).waitFor({ timeout: 15_000 });

async function openReport(app: OpenApp, year: number) {
  await app.page.getByRole('button', { name: `打开${UNIT}${year}年报告` }).click();
  await app.page.getByText(/已保存 · 第 \d+ 版/).waitFor();
}

/**
 * Stores the report of `year` as `values` (every other cell blank), then opens it from 档案: each test starts from
 * the report it needs, whatever ran before it.
 */
async function startOn(app: OpenApp, year: number, values: Record<string, CellValue> = {}) {
  await app.page.locator('nav').getByText('档案', { exact: true }).click();
  const report = { ...emptyReport('gov2021', UNIT, year), unit_kind: 'department' as const };
  app.bridge.store.archive.save({ ...report, values: { ...report.values, ...values } });
  await app.page.reload();
  await openReport(app, year);
}

describe.skipIf(!browserAvailable)('the grid at 1366×768, keyboard only', () => {
  let app: OpenApp;
  let page: Page;

  beforeAll(async () => {
    app = await openApp(
      (b) => {
        for (const year of [2021, 2022, 2023, 2024])
          b.store.archive.save({ ...emptyReport('gov2021', UNIT, year), unit_kind: 'department' });
      },
      { width: 1366, height: 768 },
    );
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    expect(app?.pageErrors).toEqual([]);
    await app?.close();
  });

  it('fills the whole of 表三 from the keyboard after one click: Tab along each row, Enter at its end', async () => {
    await startOn(app, 2024);
    // 25 rows of 7; a few 0s and one 不适用 among them, so all three kinds of value go through.
    const rows = [...new Set(requests.cells.map((c) => c.rowKey))];
    const cols = [...new Set(requests.cells.map((c) => c.colKey))];
    expect(rows.length * cols.length).toBe(175);
    const want = new Map<string, CellValue>();
    rows.forEach((r, i) =>
      cols.forEach((c, j) => want.set(`requests.${r}.${c}`, i === 3 && j === 2 ? NOT_APPLICABLE : (i * 7 + j * 3) % 13)),
    );
    await cell(page, 'requests.new.natural_person').click();
    for (const [i, r] of rows.entries()) {
      for (const [j, c] of cols.entries()) {
        const v = want.get(`requests.${r}.${c}`)!;
        await page.keyboard.type(v === NOT_APPLICABLE ? '/' : String(v));
        await page.keyboard.press(j === cols.length - 1 ? 'Enter' : 'Tab');
      }
      // After each row the keyboard is on the first cell of the next one (after the last row: 表四's first cell).
      expect(await focused(page)).toBe(i + 1 < rows.length ? `requests.${rows[i + 1]}.${cols[0]}` : 'appeals.review.upheld');
    }
    await saved(page);
    const values = stored(app, 2024);
    for (const [key, v] of want) expect([key, values[key]]).toEqual([key, v]);
    // Blank, 0 and 不适用 look different.
    expect(await cell(page, 'requests.new.natural_person').textContent()).toBe('0');
    expect(await cell(page, 'requests.partial.research').textContent()).toBe('不适用');
    expect(await cell(page, 'appeals.review.corrected').textContent()).toBe('空');
    await page.screenshot({ path: `${SCREENSHOTS}/grid-table3-filled.png` });
  }, 120_000);

  it('types a row with Tab and a column with Enter; F2 edits in place; Escape cancels and stays', async () => {
    await startOn(app, 2023);
    await cell(page, 'requests.partial.commercial').click();
    for (const v of ['11', '12', '13', '14']) {
      await page.keyboard.type(v);
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatch(/^requests\.partial\./);
    }
    // Enter after the Tab run goes back to the column where it began, one row down; then down the column.
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('requests.withheld.state_secret.commercial');
    for (const v of ['21', '22', '23']) {
      await page.keyboard.type(v);
      await page.keyboard.press('Enter');
    }
    expect(await focused(page)).toBe('requests.withheld.third_party.commercial');
    // Arrows commit what is being typed and move.
    await page.keyboard.type('31');
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toBe('requests.withheld.third_party.research');
    // F2: the caret at the end of the value; Escape: nothing changes and the cell keeps the keyboard.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('F2');
    await page.keyboard.type('5');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('99');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('requests.withheld.third_party.commercial');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TD');
    await saved(page);
    const v = stored(app, 2023);
    expect(['commercial', 'research', 'social_org', 'legal_service'].map((c) => v[`requests.partial.${c}`])).toEqual([11, 12, 13, 14]);
    expect(['state_secret', 'prohibited_by_law', 'three_safeties'].map((r) => v[`requests.withheld.${r}.commercial`])).toEqual([
      21, 22, 23,
    ]);
    expect(v['requests.withheld.third_party.commercial']).toBe(315);
    expect(v['requests.withheld.internal_affairs.commercial']).toBeNull();
  }, 60_000);

  it('copies a range selected with Shift+arrows, pastes it elsewhere, and Delete clears a range', async () => {
    // A 2×2 block (rows 部分公开 and 1.属于国家秘密, columns 商业企业 and 科研机构), one of its cells blank.
    await startOn(app, 2023, {
      'requests.partial.commercial': 11,
      'requests.partial.research': 12,
      'requests.withheld.state_secret.commercial': 21,
    });
    await cell(page, 'requests.partial.commercial').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.locator('td.in-range').count()).resolves.toBe(4);
    await page.keyboard.press('Control+c');
    // What went to the clipboard is what Excel puts there: tabs, CRLF, a blank as nothing.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.bridge.url).origin });
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('11\t12\r\n21\t\r\n');
    // Down to 5.属于三类内部事务信息 by keyboard, and paste there.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    expect(await focused(page)).toBe('requests.withheld.internal_affairs.commercial');
    await page.keyboard.press('Control+v');
    await expect.poll(() => cell(page, 'requests.withheld.process_info.commercial').textContent()).toBe('21');
    expect(await cell(page, 'requests.withheld.internal_affairs.commercial').textContent()).toBe('11');
    expect(await cell(page, 'requests.withheld.internal_affairs.research').textContent()).toBe('12');
    expect(await cell(page, 'requests.withheld.process_info.research').textContent()).toBe('空');
    await page.screenshot({ path: `${SCREENSHOTS}/grid-pasted-range.png` });
    await saved(page);
    let v = stored(app, 2023);
    expect([v['requests.withheld.internal_affairs.commercial'], v['requests.withheld.internal_affairs.research']]).toEqual([11, 12]);
    expect([v['requests.withheld.process_info.commercial'], v['requests.withheld.process_info.research']]).toEqual([21, null]);

    // The pasted block stays selected; Delete clears it to blank.
    await page.keyboard.press('Delete');
    await expect.poll(() => cell(page, 'requests.withheld.internal_affairs.commercial').textContent()).toBe('空');
    await saved(page);
    v = stored(app, 2023);
    expect([v['requests.withheld.internal_affairs.commercial'], v['requests.withheld.process_info.commercial']]).toEqual([null, null]);
    expect(v['requests.partial.commercial']).toBe(11);
  }, 60_000);

  it('keeps a refused value open with its reason beside the cell, until it is fixed', async () => {
    const key = 'requests.unavailable.not_held.natural_person';
    await startOn(app, 2023);
    await cell(page, key).click();
    await page.keyboard.type('-3');
    await page.keyboard.press('Enter');
    const reason = page.getByRole('tooltip').filter({ hasText: '不能为负数（-3）' });
    await reason.waitFor();
    // Beside the cell: just below it, overlapping it horizontally — not at the top of the page.
    const [c, r] = [await cell(page, key).boundingBox(), await reason.boundingBox()];
    expect(r!.y).toBeGreaterThanOrEqual(c!.y + c!.height - 2);
    expect(r!.y).toBeLessThan(c!.y + c!.height + 30);
    expect(r!.x).toBeLessThan(c!.x + c!.width);
    expect(r!.x + r!.width).toBeGreaterThan(c!.x);
    // The cell stays open with what was typed, and still has the keyboard.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('-3');
    expect(await focused(page)).toBe(key);
    await page.screenshot({ path: `${SCREENSHOTS}/grid-refused-value.png` });
    // A decimal count is refused too; the reason changes only on the next try.
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('1.5');
    await page.keyboard.press('Tab');
    await page.getByRole('tooltip').filter({ hasText: '应为整数（1.5）' }).waitFor();
    // Fixed: the reason goes as soon as the text is acceptable, and Enter stores it.
    await page.keyboard.press('Control+a');
    await page.keyboard.type('3');
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('requests.unavailable.needs_creation.natural_person');
    expect(await cell(page, key).textContent()).toBe('3');
    // Clicking another cell with a value that cannot be stored keeps this one open too; Escape gives up.
    await page.keyboard.type('abc');
    await cell(page, 'requests.unavailable.still_unclear.natural_person').click();
    await page.getByRole('tooltip').filter({ hasText: '“abc”不是数字' }).waitFor();
    expect(await focused(page)).toBe('requests.unavailable.needs_creation.natural_person');
    await page.keyboard.press('Escape');
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('requests.unavailable.needs_creation.natural_person');
    expect(await cell(page, 'requests.unavailable.needs_creation.natural_person').textContent()).toBe('空');

    // A paste with a word in it is refused whole, with the reason beside the cell; nothing changes.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '12\tabc\t3\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    });
    // A word in a block is most often a label copied with the numbers: the reason says to copy the numbers only.
    await page.getByRole('tooltip').filter({ hasText: '没有粘贴：内容里有文字“abc”' }).filter({ hasText: '请只选数字格' }).waitFor();
    expect(await cell(page, 'requests.unavailable.needs_creation.natural_person').textContent()).toBe('空');
    expect(await cell(page, 'requests.unavailable.needs_creation.commercial').textContent()).toBe('空');
    await page.screenshot({ path: `${SCREENSHOTS}/grid-refused-paste.png` });
    // The next key takes the word away.
    await page.keyboard.press('ArrowRight');
    await page.getByRole('tooltip').waitFor({ state: 'detached' });
    await saved(page);
    expect(stored(app, 2023)[key]).toBe(3);
  }, 60_000);

  it('空白填 0 fills a whole table, or the selected cells from the context menu, and keeps what is there', async () => {
    await startOn(app, 2023);
    const box = page.locator('.grid-box[data-table="appeals"]');
    await cell(page, 'appeals.review.upheld').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('/');
    await page.keyboard.press('Tab');
    // Tab past 表四's last cell leaves the grid for the next text box (the keyboard is never trapped).
    await cell(page, 'appeals.litigation_after_review.total').click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('五、存在的主要问题及改进情况');
    await box.getByRole('button', { name: '空白填 0' }).click();
    await expect.poll(() => cell(page, 'appeals.litigation_after_review.total').textContent()).toBe('0');
    await saved(page);
    const v = stored(app, 2023);
    expect(appeals.cells.map((c) => v[c.key])).toEqual([2, NOT_APPLICABLE, ...Array(13).fill(0)]);
    await expect(box.getByRole('button', { name: '空白填 0' }).isDisabled()).resolves.toBe(true);

    // In 表二: select 规章 本年制发 … 行政规范性文件 本年废止 and fill those from the context menu.
    await cell(page, 'proactive.regulations.issued').click();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    // This range drawn with the mouse.
    const centre = async (key: string) => {
      const b = (await cell(page, key).boundingBox())!;
      return [b.x + b.width / 2, b.y + b.height / 2] as const;
    };
    await page.mouse.move(...(await centre('proactive.regulations.issued')));
    await page.mouse.down();
    await page.mouse.move(...(await centre('proactive.regulations.repealed')), { steps: 3 });
    await page.mouse.move(...(await centre('proactive.normative_documents.repealed')), { steps: 3 });
    await page.mouse.up();
    await expect(page.locator('td.in-range').count()).resolves.toBe(4);
    await cell(page, 'proactive.normative_documents.repealed').click({ button: 'right' });
    await page.getByRole('menuitem', { name: '空白填 0（所选的格）' }).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SCREENSHOTS}/grid-context-menu.png` });
    await page.getByRole('menuitem', { name: '空白填 0（所选的格）' }).click();
    await expect.poll(() => cell(page, 'proactive.normative_documents.repealed').textContent()).toBe('0');
    expect(await focused(page)).toBe('proactive.regulations.issued');
    await saved(page);
    const p = stored(app, 2023);
    expect(
      [
        'regulations.issued',
        'regulations.repealed',
        'normative_documents.issued',
        'normative_documents.repealed',
        'regulations.in_force',
      ].map((k) => p[`proactive.${k}`]),
    ).toEqual([4, 0, 0, 0, null]);
  }, 60_000);

  it('fits every table in its box at 1366 px and keeps the toolbar and the validation panel in view', async () => {
    await startOn(app, 2023);
    await page.getByRole('navigation', { name: '跳到' }).getByRole('button', { name: /^四、/ }).click();
    await page.waitForTimeout(300);
    const widths = await measureTables(page);
    console.log('1366×768 table width / box width:', JSON.stringify(widths));
    for (const w of widths) {
      expect(w.min, `${w.id} (at least ${w.min}px) fits its box (${w.box}px)`).toBeLessThanOrEqual(w.box);
      expect(w.overflows).toBe(false);
    }
    // 表四 came into view below the toolbar; the toolbar and the panel stayed where they were.
    const t4 = await page.locator('.grid-box[data-table="appeals"]').boundingBox();
    const bar = await page.locator('.editor-toolbar').boundingBox();
    expect(bar!.y).toBe(56);
    expect(t4!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height);
    expect(t4!.y).toBeLessThan(768);
    const panel = await page.getByLabel('校验结果').boundingBox();
    expect(panel!.y).toBeGreaterThanOrEqual(bar!.y + bar!.height - 1);
    expect(panel!.y).toBeLessThan(300);
    await expect(page.getByRole('button', { name: '撤销' }).isVisible()).resolves.toBe(true);
    // 表三's column headers stay in view under the toolbar while its lower rows are worked on.
    await cell(page, 'requests.carried_forward.total').click();
    const head = await page.locator('.grid-box[data-table="requests"] thead').boundingBox();
    const toolbarBottom = bar!.y + bar!.height;
    expect(Math.abs(head!.y - toolbarBottom)).toBeLessThan(2);
    const row = await cell(page, 'requests.carried_forward.total').boundingBox();
    expect(row!.y).toBeGreaterThanOrEqual(head!.y + head!.height);
    expect(row!.y + row!.height).toBeLessThanOrEqual(768);
    // Going up row by row, the active cell never slips under the headers.
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowUp');
    expect(await focused(page)).toBe('requests.withheld.state_secret.total');
    const up = await cell(page, 'requests.withheld.state_secret.total').boundingBox();
    const headNow = await page.locator('.grid-box[data-table="requests"] thead').boundingBox();
    expect(up!.y).toBeGreaterThanOrEqual(headNow!.y + headNow!.height - 1);
    await page.screenshot({ path: `${SCREENSHOTS}/grid-1366-sticky-headers.png` });
    // Focus is blue, in the grid and in the text boxes; red stays for errors.
    const blue = 'rgb(28, 126, 214)';
    await cell(page, 'appeals.review.total').click();
    expect(await cell(page, 'appeals.review.total').evaluate((td) => getComputedStyle(td).outlineColor)).toBe(blue);
    await page.getByLabel('五、存在的主要问题及改进情况').focus();
    await expect.poll(() => page.getByLabel('五、存在的主要问题及改进情况').evaluate((t) => getComputedStyle(t).borderColor)).toBe(blue);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/grid-1366-table4.png` });
    // Further down, at 六、, the toolbar is still there.
    await page.getByRole('navigation', { name: '跳到' }).getByRole('button', { name: /^六、/ }).click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    expect((await page.locator('.editor-toolbar').boundingBox())!.y).toBe(56);
    await page.screenshot({ path: `${SCREENSHOTS}/grid-1366-sticky-toolbar.png` });
  }, 60_000);

  it('starts editing a cell when an input method composes onto it (全角数字 from 拼音)', async () => {
    await page.locator('nav').getByText('档案', { exact: true }).click();
    await openReport(app, 2022);
    await cell(page, 'requests.granted.natural_person').click();
    // What Chromium sends while an IME composes: a keydown with key "Process" (keyCode 229), then the composition.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Digit1', windowsVirtualKeyCode: 229 });
    await cdp.send('Input.imeSetComposition', { text: '１２', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '１２' });
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('requests.partial.natural_person');
    await saved(page);
    expect(stored(app, 2022)['requests.granted.natural_person']).toBe(12);
  }, 60_000);

  it('keeps the grid one Tab stop: after one click a row is typed and 保存 reached from the keyboard (F6)', async () => {
    // The one click: the navigation's 档案. Everything after it is keys.
    await page.locator('nav').getByText('档案', { exact: true }).click();
    const opener = `打开${UNIT}2021年报告`;
    for (let i = 0; i < 80 && (await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) !== opener; i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(opener);
    await page.keyboard.press('Enter');
    await page.getByText(/已保存 · 第 \d+ 版/).waitFor();
    const tabbableCells = () => page.locator('[data-page="editor"] td[data-key][tabindex="0"]').count();
    expect(await tabbableCells()).toBe(1);
    // From 一、总体情况's text box the grid is two stops on (表一's 空白填 0, then its first cell), not 300.
    await page.getByLabel(template.sections[0].heading).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const first = valuePositions(template.tables[0])[0].key;
    expect(await focused(page)).toBe(first);
    // A whole row of 表一, Tab between its cells, Enter at its end.
    const rowKey = template.tables[0].cells.find((c) => c.key === first)!.rowKey;
    const row = valuePositions(template.tables[0]).filter((p) => template.tables[0].cells.find((c) => c.key === p.key)!.rowKey === rowKey);
    expect(row.length).toBeGreaterThan(1);
    for (const [j, p] of row.entries()) {
      expect(await focused(page)).toBe(p.key);
      await page.keyboard.type(String(40 + j));
      await page.keyboard.press(j === row.length - 1 ? 'Enter' : 'Tab');
    }
    const next = await focused(page);
    expect(next).toMatch(/^proactive\./);
    expect(next).not.toBe(first);
    // Still one stop, now on the active cell.
    expect(await tabbableCells()).toBe(1);
    // F6 goes to the toolbar's 保存, F6 again to the validation panel, and once more back into the grid where it was.
    await page.keyboard.press('F6');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('保存');
    await page.screenshot({ path: `${SCREENSHOTS}/grid-1366-f6-save.png` });
    await page.keyboard.press('Enter');
    await saved(page);
    const v = stored(app, 2021);
    expect(row.map((p) => v[p.key])).toEqual(row.map((_, j) => 40 + j));
    await page.keyboard.press('F6');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.editor-side'))).toBe(true);
    await page.keyboard.press('F6');
    expect(await focused(page)).toBe(next);
    // Shift+F6 goes back round: the panel, then the toolbar.
    await page.keyboard.press('Shift+F6');
    await page.keyboard.press('Shift+F6');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('保存');
    // Ctrl+S in a cell being typed into stores it at once.
    await page.keyboard.press('F6');
    await page.keyboard.press('F6');
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+s');
    await saved(page);
    expect(stored(app, 2021)[next!]).toBe(7);
  }, 90_000);
});

/**
 * Each table's narrowest possible width (its min-content width: no column can be narrower without breaking a
 * word) and its drawn width, against the width of the box it is drawn in. No sideways scrolling: min ≤ box.
 */
const measureTables = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.grid-box')).map((box) => {
      const table = box.querySelector('table')!;
      table.style.width = 'min-content';
      const min = table.getBoundingClientRect().width;
      table.style.width = '';
      return {
        id: box.dataset.table!,
        min: Math.round(min),
        table: Math.round(table.getBoundingClientRect().width),
        box: Math.round(box.clientWidth),
        overflows: box.scrollWidth > box.clientWidth,
      };
    }),
  );

describe.skipIf(!browserAvailable)('the editor at 1920×1080', () => {
  it('lays the tables out readably with room to spare, toolbar and panel in view', async () => {
    const app = await openApp((b) => b.store.archive.save({ ...emptyReport('gov2021', UNIT, 2024), unit_kind: 'department' }), {
      width: 1920,
      height: 1080,
    });
    try {
      const { page } = app;
      await openReport(app, 2024);
      await page.getByRole('navigation', { name: '跳到' }).getByRole('button', { name: /^四、/ }).click();
      await page.waitForTimeout(300);
      const widths = await measureTables(page);
      console.log('1920×1080 table width / box width:', JSON.stringify(widths));
      for (const w of widths) expect([w.id, w.overflows, w.min <= w.box]).toEqual([w.id, false, true]);
      // Readable: every header of 表二 and 表四 and every column header of 表三 on one line.
      const wrapped = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.grid-box td.column .label-words'))
          .filter((label) => label.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(label).lineHeight))
          .map((label) => label.textContent),
      );
      expect(wrapped).toEqual([]);
      expect((await page.locator('.editor-toolbar').boundingBox())!.y).toBe(56);
      await page.screenshot({ path: `${SCREENSHOTS}/grid-1920-table4.png` });
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 60_000);
});

describe.skipIf(!browserAvailable)('the import preview uses the same grid', () => {
  it('types the doubtful 表四 numbers with the keyboard, focus staying in the grid', async () => {
    const app = await openApp(undefined, { width: 1366, height: 768 });
    const { page, bridge } = app;
    try {
      await page.getByRole('navigation').getByText('导入', { exact: true }).click();
      bridge.host.answers.open.push([join(SAMPLES_DIR, '2021-county-city-office.txt')]);
      await page.getByRole('button', { name: '选择文件…' }).click();
      const p = page.getByLabel('导入预览');
      await p.getByLabel('单位', { exact: true }).fill('某市某局');
      await p.getByLabel('单位', { exact: true }).press('Enter');
      await p.getByLabel('年度', { exact: true }).fill('2021');
      await p.getByLabel('年度', { exact: true }).press('Enter');
      const doubts = p.getByLabel('存疑列表');
      await doubts.locator('tr.doubt-row').filter({ hasText: '（15 格）' }).waitFor();

      await p.locator('td[data-key="appeals.review.upheld"]').click();
      const typed = ['1', '0', '0', '0', '1', '2', '0', '0', '0', '2', '0', '0', '0', '0', '0'];
      for (const [i, v] of typed.entries()) {
        await page.keyboard.type(v);
        await page.keyboard.press('Tab');
        // The plan is made again after each value; the keyboard stays on the next cell all the same.
        if (i < typed.length - 1) expect(await focused(page)).toBe(appeals.cells[i + 1].key);
        if (i === 6) await page.screenshot({ path: `${SCREENSHOTS}/grid-import-preview.png` });
      }
      await doubts.getByText('已全部处理', { exact: true }).waitFor();
      // A number read from the file is not changed by typing over it; the reason is given.
      await p.locator('td[data-key="requests.new.natural_person"]').click();
      await page.keyboard.type('5');
      await p.getByText('导入前不能在这里修改', { exact: false }).waitFor();
      expect(await p.locator('td[data-key="requests.new.natural_person"]').textContent()).toBe('13');
      expect(await focused(page)).toBe('requests.new.natural_person');
      await page.screenshot({ path: `${SCREENSHOTS}/grid-import-refused.png` });

      await p.getByLabel('新单位的类型', { exact: true }).click();
      await page.getByRole('option', { name: '部门' }).click();
      await page.getByRole('button', { name: '导入所选 1 份' }).click();
      await page.getByText('已导入 1 份报告').waitFor();
      const v = bridge.store.archive.get('某市某局', 2021).report.values;
      expect(appeals.cells.map((c) => v[c.key])).toEqual(typed.map(Number));
      expect(app.pageErrors).toEqual([]);
    } finally {
      await app.close();
    }
  }, 90_000);
});
