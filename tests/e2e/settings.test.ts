/// <reference lib="dom" />
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkBackupFile } from '../../src/main/services/store';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

const UNIT = '某县教育局';
const LATER_UNIT = '某县卫生健康委员会';

describe.skipIf(!browserAvailable)('设置与备份 in Chromium through the browser bridge', () => {
  let app: OpenApp;
  const seeded = { ...consistentReport('gov2021', 7, 2023), unit: UNIT, unit_kind: 'department' as const };
  // store.archive is replaced by a restore: always read it fresh.
  const archive = () => app.bridge.store.archive;
  const snapshot = () => JSON.stringify({ overview: archive().overview(), report: archive().get(UNIT, 2023) });
  const goSettings = async () => {
    await app.page.locator('nav').getByText('设置与备份', { exact: true }).click();
    await app.page.getByRole('heading', { name: '设置与备份' }).waitFor();
  };
  const notice = () => app.page.getByRole('alert');
  /** Mantine fades modals and alerts in; screenshots wait for the CSS transitions to end. */
  const settled = () => app.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

  // Each test has its own archive and page, on the 设置与备份 page: none depends on another's backups or restores.
  beforeEach(async () => {
    app = await openApp((bridge) => void bridge.store.archive.save(seeded));
    // Shorter than the test's timeout, so a failure names the element it waited for.
    app.page.setDefaultTimeout(10_000);
    await goSettings();
  }, 120_000);

  afterEach(async () => {
    await app?.close();
  });

  it('shows where the archive is and the automatic backup made at start', async () => {
    const { page, bridge } = app;
    await expect(page.getByLabel('档案文件路径').textContent()).resolves.toBe(bridge.store.path);
    await page.getByText('NIANBAO_DB', { exact: true }).waitFor();
    // The bridge made today's automatic backup when it opened the archive.
    const table = page.getByRole('table', { name: '备份列表' });
    const daily = bridge.store.backups().find((b) => /-\d{4}-\d{2}-\d{2}\.sqlite$/.test(b.file));
    expect(daily).toBeDefined();
    await expect(
      table
        .getByRole('row')
        .filter({ hasText: basename(daily!.file) })
        .getByText('每日自动')
        .count(),
    ).resolves.toBe(1);

    await page.getByRole('button', { name: '在文件夹中显示' }).first().click();
    await notice().filter({ hasText: '浏览器中不能打开文件夹' }).waitFor();
    expect(bridge.host.shown).toEqual([bridge.store.path]);

    // The path is copyable (the clipboard API, or the fallback where its permission is denied).
    await page.getByRole('button', { name: '复制路径' }).click();
    await page.getByRole('button', { name: '已复制' }).waitFor();
    expect(app.pageErrors).toEqual([]);
  });

  it('backs up now: the new backup is listed and is a readable archive on disk', async () => {
    const { page, bridge } = app;
    const before = new Set(bridge.store.backups().map((b) => b.file));
    await page.getByRole('button', { name: '立即备份' }).click();
    await notice().filter({ hasText: '已备份' }).waitFor();
    await expect(notice().getByRole('button', { name: '关闭', exact: true }).count()).resolves.toBe(1);
    const added = bridge.store.backups().filter((b) => !before.has(b.file));
    expect(added).toHaveLength(1);
    const manual = added[0].file;
    expect(basename(manual)).toMatch(/^archive-manual-.+\.sqlite$/);
    expect(existsSync(manual)).toBe(true);
    expect(checkBackupFile(manual)).toMatchObject({ units: 1, reports: 1 });
    await expect(notice().textContent()).resolves.toContain(manual);
    // Listed first (newest), labelled 手动, with a size.
    const firstRow = page.getByRole('table', { name: '备份列表' }).getByRole('row').nth(1);
    await expect(firstRow.textContent()).resolves.toMatch(new RegExp(`^手动.*\\d+ KB${basename(manual)}`));
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/settings.png`, fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('restores a backup made a moment ago after a check and a confirmation, keeping a safety copy; the archive page shows it', async () => {
    const { page, bridge } = app;
    // A backup made a moment ago (making one with the button is tested above).
    const manual = (await bridge.store.backupNow()).file;
    await page.reload();
    await goSettings();
    await page
      .getByRole('table', { name: '备份列表' })
      .getByRole('row')
      .filter({ hasText: basename(manual) })
      .waitFor();
    const backedUp = snapshot();

    // Changes after the backup: another unit with a report, and a changed value in the seeded report.
    archive().save({ ...consistentReport('gov2021', 8, 2024), unit: LATER_UNIT, unit_kind: 'department' });
    const changed = archive().get(UNIT, 2023).report;
    archive().save({ ...changed, sections: { ...changed.sections, problems: '备份之后改过的文字。' } });
    expect(snapshot()).not.toBe(backedUp);

    const restoreButton = () =>
      page
        .getByRole('table', { name: '备份列表' })
        .getByRole('row')
        .filter({ hasText: basename(manual) })
        .getByRole('button', { name: /恢复/ });
    await restoreButton().click();
    const modal = page.getByRole('dialog', { name: '从备份恢复档案' });
    await modal.waitFor();
    const text = (await modal.textContent()) ?? '';
    expect(text).toContain('1 个单位、1 份报告');
    expect(text).toContain('当前档案有 2 个单位、2 份报告');
    expect(text).toContain('当前档案将被替换');
    expect(text).toContain('恢复前自动保存');
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-restore-confirm.png` });

    // Cancelling changes nothing.
    await modal.getByRole('button', { name: '取消' }).click();
    await modal.waitFor({ state: 'hidden' });
    expect(bridge.store.backups().some((b) => b.file.includes('before-restore'))).toBe(false);

    await restoreButton().click();
    await modal.waitFor();
    await modal.getByRole('button', { name: '恢复', exact: true }).click();
    await notice().filter({ hasText: '已从备份恢复' }).waitFor();
    await modal.waitFor({ state: 'hidden' });

    expect(snapshot()).toBe(backedUp);
    expect(
      archive()
        .listUnits()
        .map((u) => u.name),
    ).toEqual([UNIT]);
    expect(archive().get(UNIT, 2023).report.values).toEqual(seeded.values);
    const safety = bridge.store.backups().filter((b) => b.file.includes('-before-restore-'));
    expect(safety).toHaveLength(1);
    expect(existsSync(safety[0].file)).toBe(true);
    expect(checkBackupFile(safety[0].file)).toMatchObject({ units: 2, reports: 2 });
    await expect(notice().textContent()).resolves.toContain(safety[0].file);
    // The safety copy is the newest backup, listed first.
    await expect(page.getByRole('table', { name: '备份列表' }).getByRole('row').nth(1).textContent()).resolves.toMatch(/^恢复前自动保存/);
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-restored.png`, fullPage: true });

    // The rest of the app shows the restored archive.
    await page.locator('nav').getByText('档案', { exact: true }).click();
    const overview = page.getByRole('table', { name: '档案总览' });
    await overview.getByText(UNIT).waitFor();
    await expect(overview.getByText(LATER_UNIT).count()).resolves.toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses files that are not an archive, with the reason in Chinese, and leaves the archive as it was', async () => {
    const { page, bridge, dir } = app;
    const before = snapshot();
    const backupsBefore = bridge.store.backups().map((b) => b.file);

    // A text file with the right extension, answered through the queued open dialog.
    const text = join(dir, '不是档案.sqlite');
    writeFileSync(text, '这不是数据库');
    bridge.host.answers.open.push([text]);
    await page.getByRole('button', { name: '从其他文件恢复…' }).click();
    const refused = notice().filter({ hasText: '这个文件不能用来恢复，档案没有改动' });
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toMatch(/不是可用的 SQLite 数据库/);
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    // Another program's SQLite database, picked in the page as a person would in the browser.
    const other = join(dir, '别的数据库.sqlite');
    new Database(other).exec('CREATE TABLE t(x)');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '从其他文件恢复…' }).click();
    await (await chooser).setFiles(other);
    await notice().filter({ hasText: '不是本程序的档案备份，没有恢复' }).waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);

    expect(snapshot()).toBe(before);
    expect(bridge.store.backups().map((b) => b.file)).toEqual(backupsBefore);
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-refused.png` });
    expect(app.pageErrors).toEqual([]);
  });
});
