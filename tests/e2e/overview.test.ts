// The 档案 page on an archive of 2,400 units at 1366×768: the first screen draws only the rows in view, scrolling
// fetches the pages below, and typing a name filter redraws nothing until the typing pauses.
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as reportsDb from '../../src/main/db/reports';
import * as unitsDb from '../../src/main/db/units';
import type { UnitKind } from '../../src/shared/report';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';

const UNITS = 2400;
const YEARS = [2022, 2023, 2024];
const KINDS: UnitKind[] = ['department', 'township', 'government', 'other'];
const unitName = (u: number) => `${['东', '西', '南', '北'][u % 4]}区第${u + 1}单位`;

describe.skipIf(!browserAvailable)('档案 overview at 2,400 units', () => {
  let app: OpenApp;
  const overviewCalls: unknown[] = [];

  beforeAll(async () => {
    app = await openApp(
      (b) => {
        // Units and report rows through the db functions, in one transaction (the overview reads only these).
        const db = b.store.archive.db;
        const now = new Date().toISOString();
        db.transaction(() => {
          for (let u = 0; u < UNITS; u++) {
            const id = unitsDb.insertUnit(db, { name: unitName(u), kind: KINDS[u % 4], parent_id: null, code: null, created_at: now });
            for (const year of YEARS) {
              if (u % 5 === 0 && year === 2024) continue;
              const r = reportsDb.insertReportRow(db, {
                unit_id: id,
                year,
                template: 'gov2021',
                status: u % 7 === 0 ? 'final' : 'draft',
                published: null,
                source_kind: 'typed',
                source_file: null,
                updated_at: now,
              });
              if (u % 11 === 0) reportsDb.updateReportRow(db, r, { error_count: 2 });
            }
          }
        })();
      },
      { width: 1366, height: 768 },
    );
    app.page.on('request', (r: Request) => {
      if (r.url().includes('/api/archive.overview')) overviewCalls.push(r.postDataJSON());
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  const table = () => app.page.getByRole('table', { name: '档案总览' });
  const bodyRows = () => table().locator('tbody tr[aria-rowindex]');
  const names = async () => (await bodyRows().locator('td:first-child p').allTextContents()).filter(Boolean);
  const sorted = Array.from({ length: UNITS }, (_, u) => unitName(u)).sort();

  // Each test starts from the page as it first opens, whatever another test scrolled or filtered.
  beforeEach(async () => {
    await app.page.reload();
    await table().getByText(sorted[0], { exact: true }).waitFor({ timeout: 30_000 });
  }, 60_000);

  it('draws the first screen: the first units by name, the count, the header counts; only rows in view', async () => {
    const { page } = app;
    await table().getByText(sorted[0], { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByText(`共 ${UNITS} 个单位`).waitFor();
    const drawn = await bodyRows().count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    expect((await names()).slice(0, 5)).toEqual(sorted.slice(0, 5));
    const with2024 = Array.from({ length: UNITS }, (_, u) => u).filter((u) => u % 5 !== 0).length;
    await table()
      .getByRole('columnheader', { name: new RegExp(`2024 年\\s*${with2024} 份`) })
      .waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/overview-first-screen.png` });
    expect(app.pageErrors).toEqual([]);
  });

  it('scrolls to the end, fetching the pages of units on the way', async () => {
    const { page } = app;
    const before = overviewCalls.length;
    const viewport = page.locator('.archive-matrix .mantine-ScrollArea-viewport');
    await viewport.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await table()
      .getByText(sorted[UNITS - 1], { exact: true })
      .waitFor({ timeout: 30_000 });
    const last = await names();
    expect(last.at(-1)).toBe(sorted[UNITS - 1]);
    expect(await bodyRows().count()).toBeLessThan(60);
    const asked = overviewCalls.slice(before) as { offset?: number; limit?: number }[];
    expect(asked.some((a) => a.offset === Math.floor((UNITS - 1) / 100) * 100)).toBe(true);
    // Only the pages near the end, not every page on the way down.
    expect(asked.length).toBeLessThan(6);
    await page.screenshot({ path: `${SCREENSHOTS}/overview-scrolled.png` });
    await viewport.evaluate((el) => el.scrollTo({ top: 0 }));
    await table().getByText(sorted[0], { exact: true }).waitFor();
  });

  it('filters by typing: nothing in the matrix changes while typing, then one request for the words', async () => {
    const { page } = app;
    // Count every change to the matrix's DOM while the person types.
    await page.evaluate(() => {
      const w = window as unknown as { matrixChanges: number };
      w.matrixChanges = 0;
      const target = document.querySelector('table[aria-label="档案总览"]')!;
      new MutationObserver((m) => (w.matrixChanges += m.length)).observe(target, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    const before = overviewCalls.length;
    const input = page.getByLabel('筛选单位');
    await input.pressSequentially('第12', { delay: 40 });
    expect(await page.evaluate(() => (window as unknown as { matrixChanges: number }).matrixChanges)).toBe(0);
    const matching = sorted.filter((n) => n.includes('第12'));
    await page.getByText(`共 ${matching.length} 个单位`).waitFor({ timeout: 30_000 });
    // Asked once for the words typed (the rows, and the header counts), never for a part of them.
    const typed = (overviewCalls.slice(before) as { name?: string; counts?: boolean }[]).filter((a) => a.name !== undefined);
    expect(typed.map((a) => [a.name, a.counts !== false]).sort()).toEqual([
      ['第12', false],
      ['第12', true],
    ]);
    const shown = await names();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((n) => n.includes('第12'))).toBe(true);
    expect(shown).toEqual(matching.slice(0, shown.length));
    await page.screenshot({ path: `${SCREENSHOTS}/overview-filtered.png` });

    // The status filter narrows it further, in main.
    await page.getByRole('combobox', { name: '状态' }).click();
    await page.getByRole('option', { name: '有错误' }).click();
    const withErrors = matching.filter((n) => (Number(n.match(/第(\d+)单位/)![1]) - 1) % 11 === 0);
    await page.getByText(`共 ${withErrors.length} 个单位`).waitFor({ timeout: 30_000 });
    expect(await names()).toEqual(withErrors);
    await page.screenshot({ path: `${SCREENSHOTS}/overview-filtered-errors.png` });
    expect(app.pageErrors).toEqual([]);
  });
});
