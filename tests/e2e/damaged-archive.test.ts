/// <reference lib="dom" />
// A damaged archive (random bytes mid-file) opened in the app: the background check at start-up finds it, no
// backup is made of it, and 设置与备份 says so in Chinese.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ArchiveStore } from '../../src/main/services/store';
import { openApp, type OpenApp } from '../helpers/app';
import { tempDir } from '../helpers/archive';
import { browserAvailable, SCREENSHOTS } from '../helpers/browser';
import { consistentReport } from '../helpers/random-report';

describe.skipIf(!browserAvailable)('a damaged archive in the app', () => {
  let app: OpenApp | undefined;
  afterAll(async () => {
    await app?.close();
  });

  it('is reported on the settings page, and no backup of it is listed', async () => {
    const path = join(tempDir(), 'archive.sqlite');
    const store = await ArchiveStore.open(path);
    for (let i = 0; i < 40; i++) store.archive.save({ ...consistentReport('gov2021', i + 1, 2024), unit: `单位${i}` });
    store.close();
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);

    app = await openApp(undefined, undefined, path);
    expect(app.bridge.store.health().damaged).toMatch(/已损坏/);
    const { page } = app;
    await page.locator('nav').getByText('设置与备份', { exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: '档案需要注意' });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/档案文件 .*archive\.sqlite 已损坏（未通过 SQLite 的完整性检查）.*从最近的备份恢复/);
    await page.getByText('还没有备份', { exact: false }).waitFor();
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await page.screenshot({ path: `${SCREENSHOTS}/settings-damaged-archive.png`, fullPage: true });
  });
});
