// Backups as the IT person meets them: a backup folder copied to a new computer keeps the times its backups were
// made; a backup from a newer version is refused in words that speak of restoring.
process.env.TZ = 'Asia/Shanghai';
import Database from 'better-sqlite3';
import { cpSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localDateTime } from '../../src/shared/local-time';
import { ArchiveStore } from '../../src/main/services/store';
import { archiveDigest, manualClock, tempDir } from '../helpers/archive';

describe('backups moved to another computer', () => {
  it('lists each backup at the time in its name, not the time the folder was copied', async () => {
    const dir = tempDir('nianbao-it-');
    const store = await ArchiveStore.open(join(dir, 'archive.sqlite'), { clock: manualClock('2026-03-01T08:05:09.123Z') });
    store.archive.addUnit({ name: '甲局', kind: 'department' });
    const made = await store.backupNow();
    store.close();
    // Copied without keeping file times (as Explorer or a USB copy often does): the copy's time is today's.
    const moved = join(tempDir('nianbao-it-'), 'nianbao');
    cpSync(dir, moved, { recursive: true });
    const copiedName = join(moved, 'backups', basename(made.file));
    utimesSync(copiedName, new Date('2026-11-30T12:00:00Z'), new Date('2026-11-30T12:00:00Z'));
    // The daily backup's name holds only its day: listed on that day, not on the day of copying.
    const daily = join(moved, 'backups', 'archive-2026-03-01.sqlite');
    cpSync(copiedName, daily);
    utimesSync(daily, new Date('2026-11-30T12:00:00Z'), new Date('2026-11-30T12:00:00Z'));
    const there = await ArchiveStore.open(join(moved, 'archive.sqlite'), { clock: manualClock('2026-11-30T12:00:00Z') });
    const listed = there.backups().find((b) => b.kind === 'manual')!;
    const dailyListed = there.backups().find((b) => b.kind === 'daily' && b.file === daily)!;
    there.close();
    expect(localDateTime(dailyListed.createdAt)).toBe('2026-03-01 00:00:00');
    expect(basename(listed.file)).toBe('archive-manual-2026-03-01T16-05-09-123.sqlite');
    expect(listed.createdAt).toBe('2026-03-01T08:05:09.123Z');
    expect(localDateTime(listed.createdAt)).toBe('2026-03-01 16:05:09');
  });
});

describe('a backup from a newer version', () => {
  it('is refused as a restore, the archive unchanged', async () => {
    const dir = tempDir('nianbao-it-');
    const store = await ArchiveStore.open(join(dir, 'archive.sqlite'));
    store.archive.addUnit({ name: '甲局', kind: 'department' });
    const newer = join(dir, 'newer.sqlite');
    await store.backupTo(newer);
    const db = new Database(newer);
    db.pragma('user_version = 99');
    db.close();
    const before = archiveDigest(store.path);
    await expect(store.restoreFrom(newer)).rejects.toThrow(
      new RegExp(
        `^备份文件 ${newer} 由更新版本的程序写入（数据库版本 99，本程序只认识到版本 \\d+），不能用来恢复；请先升级本程序再恢复。档案没有改动$`,
      ),
    );
    expect(archiveDigest(store.path)).toBe(before);
    store.close();
  });
});
