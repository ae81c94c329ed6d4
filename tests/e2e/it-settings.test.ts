/// <reference lib="dom" />
// 设置与备份 as the IT person walks it, from the keyboard at 1366×768: back up now, restore a listed backup,
// refuse a damaged backup and one from a newer version (each message read), times shown in local time; then the
// same page at 1920×1080.
process.env.TZ = 'Asia/Shanghai';
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type OpenApp } from '../helpers/app';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

describe.skipIf(!browserAvailable)('设置与备份 from the keyboard', () => {
  let app: OpenApp;
  const settled = () => app.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  /** Tabs until the focused element is the button named `name` (at most 60 stops), then presses Enter. */
  const press = async (name: string) => {
    for (let i = 0; i < 60; i++) {
      const focused = await app.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() : '';
      });
      if (focused === name) {
        await app.page.keyboard.press('Enter');
        return;
      }
      await app.page.keyboard.press('Tab');
    }
    throw new Error(`没有用 Tab 走到按钮“${name}”`);
  };
  const refusal = (text: string) => app.page.getByRole('alert').filter({ hasText: text });

  const goSettings = async () => {
    await app.page.locator('nav').getByText('设置与备份', { exact: true }).click();
    await app.page.getByRole('heading', { name: '设置与备份' }).waitFor();
  };
  /** A backup made a moment ago, listed on the page (making one with the keyboard is the first test). */
  const backedUp = async () => {
    const file = (await app.bridge.store.backupNow()).file;
    await app.page.reload();
    await goSettings();
    return file;
  };

  // Each test has its own archive and page, on 设置与备份.
  beforeEach(async () => {
    app = await openApp(
      (bridge) => void bridge.store.archive.save({ ...consistentReport('gov2021', 3, 2024), unit: '某县教育局', unit_kind: 'department' }),
      { width: 1366, height: 768 },
    );
    app.page.setDefaultTimeout(15_000);
    await goSettings();
  }, 120_000);

  afterEach(async () => {
    await app?.close();
  });

  it('backs up now and lists it at the local time in its name', async () => {
    const { page, bridge } = app;
    await press('立即备份');
    await page.getByRole('alert').filter({ hasText: '已备份' }).waitFor();
    const manual = bridge.store.backups().find((b) => b.kind === 'manual')!;
    // How to move to a new computer is said where the buttons are.
    await page.getByText('换到新电脑：在这里点“立即备份”', { exact: false }).waitFor();
    // archive-manual-2026-11-30T06-27-11-123.sqlite → 2026-11-30 06:27:11, the same local clock as the name.
    const [, day, h, m, s] = /-manual-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})/.exec(basename(manual.file))!;
    const row = page
      .getByRole('table', { name: '备份列表' })
      .getByRole('row')
      .filter({ hasText: basename(manual.file) });
    await expect(row.textContent()).resolves.toContain(`${day} ${h}:${m}:${s}`);
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/it-settings-1366-backup.png` });
    expect(app.pageErrors).toEqual([]);
  });

  it('refuses a damaged backup and one from a newer version, saying which file and why; the archive unchanged', async () => {
    const { page, bridge, dir } = app;
    const manual = await backedUp();
    const units = () => bridge.store.archive.listUnits().map((u) => u.name);
    const before = units();

    const damaged = join(dir, '损坏的备份.sqlite');
    copyFileSync(manual, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 2, 0x5a), 0, 4096 * 2, Math.floor(statSync(damaged).size / 2 / 4096) * 4096);
    closeSync(fd);
    bridge.host.answers.open.push([damaged]);
    await press('从其他文件恢复…');
    const r1 = refusal('这个文件不能用来恢复，档案没有改动');
    await r1.waitFor();
    await expect(r1.textContent()).resolves.toMatch(new RegExp(`${damaged}.*(已损坏|不是可用的 SQLite 数据库)`));
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/it-settings-1366-damaged.png` });

    const newer = join(dir, '新版本的备份.sqlite');
    copyFileSync(manual, newer);
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    bridge.host.answers.open.push([newer]);
    await press('从其他文件恢复…');
    const r2 = refusal('由更新版本的程序写入');
    await r2.waitFor();
    // The newer refusal replaces the older one instead of stacking up.
    await refusal('已损坏').waitFor({ state: 'detached', timeout: 3000 });
    await expect(r2.textContent()).resolves.toContain(`备份文件 ${newer} 由更新版本的程序写入（数据库版本 99`);
    await expect(r2.textContent()).resolves.toContain('不能用来恢复；请先升级本程序再恢复。档案没有改动');
    await expect(page.getByRole('dialog').count()).resolves.toBe(0);
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/it-settings-1366-newer.png` });
    expect(units()).toEqual(before);
    expect(app.pageErrors).toEqual([]);
  });

  it('restores a listed backup from the keyboard: the confirmation, then the notice with the safety copy', async () => {
    const { page, bridge } = app;
    const manual = await backedUp();
    bridge.store.archive.addUnit({ name: '备份之后添加的单位', kind: 'department' });
    await press(`从 ${basename(manual)} 恢复`);
    const modal = page.getByRole('dialog', { name: '从备份恢复档案' });
    await modal.waitFor();
    // This file passed its check: the earlier files' refusals are taken back.
    await refusal('这个文件不能用来恢复').waitFor({ state: 'detached', timeout: 3000 });
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/it-settings-1366-confirm.png` });
    await press('恢复');
    await page.getByRole('alert').filter({ hasText: '已从备份恢复' }).waitFor();
    expect(bridge.store.archive.listUnits().map((u) => u.name)).not.toContain('备份之后添加的单位');
    // The refusals of the earlier files are taken back: only the success is left to read.
    await refusal('这个文件不能用来恢复').waitFor({ state: 'detached', timeout: 3000 });
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/it-settings-1366-restored.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await settled();
    await page.screenshot({ path: `${SCREENSHOTS}/it-settings-1920.png` });
    // Nothing runs off the side at either size.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
