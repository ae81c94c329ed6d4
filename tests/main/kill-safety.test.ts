// Backups and restore killed part-way (SIGKILL of a real process at the moment its copy is being written): the
// archive is unchanged (every row of every table hashes the same), no broken file is listed as a backup, the
// leftovers are removed, and the day still gets a usable backup (issue 11).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArchiveStore, checkBackupFile } from '../../src/main/services/store';
import { archiveDigest, manualClock, tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const OP = fileURLToPath(new URL('./fixtures/store-op.ts', import.meta.url));
const DAY = 'archive-2026-03-01.sqlite';

/** An archive big enough that copying it takes a while. */
async function archiveWith(count: number): Promise<string> {
  const path = join(tempDir(), 'archive.sqlite');
  const store = await ArchiveStore.open(path);
  store.archive.saveMany(
    Array.from({ length: count }, (_, i) => ({ report: { ...consistentReport('gov2021', i + 1, 2024), unit: `单位${i}` } })),
  );
  store.close();
  return path;
}

/**
 * Runs store-op.ts and kills it with SIGKILL as soon as `when` sees the file it waits for in the backup folder.
 * Returns what the folder held at that moment; fails if the process finished first.
 */
function killWhen(db: string, args: string[], when: (names: string[], dir: string) => boolean): Promise<string[]> {
  const dir = join(db, '..', 'backups');
  const child = spawn(process.execPath, ['--import', 'tsx', OP, db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let seen: string[] | null = null;
    const poll = () => {
      if (seen) return;
      const names = existsSync(dir) ? readdirSync(dir) : [];
      if (when(names, dir)) {
        seen = names;
        child.kill('SIGKILL');
      } else setImmediate(poll);
    };
    setImmediate(poll);
    child.on('exit', (code, signal) => {
      if (seen && signal === 'SIGKILL') resolve(seen);
      else {
        seen = [];
        reject(new Error(`the process ended before it was killed (code ${code}): ${stderr}`));
      }
    });
  });
}

const partial = (names: string[], dir: string, prefix: string) =>
  names.some((n) => n.startsWith(prefix) && n.endsWith('.partial') && statSync(join(dir, n), { throwIfNoEntry: false })?.size);

/** Every backup listed opens and passes the checks. */
function listedAreUsable(store: ArchiveStore): void {
  for (const b of store.backups()) expect(() => checkBackupFile(b.file), b.file).not.toThrow();
}

describe('killed part-way', () => {
  it('the first save of a day, killed while the daily backup is written: the save stands, no broken backup, and a later save makes the day’s backup', async () => {
    const path = await archiveWith(300);
    const seen = await killWhen(path, ['save'], (names, dir) => partial(names, dir, `${DAY}.`));
    expect(seen.some((n) => n.startsWith(`${DAY}.`) && n.endsWith('.partial'))).toBe(true);
    expect(seen).not.toContain(DAY);

    const store = await ArchiveStore.open(path, { clock: manualClock('2026-03-01T03:00:00Z') });
    expect(store.archive.get('当天第一次保存', 2025).revision).toBe(1);
    expect(store.backups()).toEqual([]); // the killed copy is not listed
    // A later save that day redoes the backup; the leftover of the killed process is removed.
    const { createHandlers, dispatch } = await import('../../src/main/api-handlers');
    const { createBridgeHost } = await import('../../src/main/bridge/host');
    const saved = await dispatch(createHandlers(store, createBridgeHost(tempDir())), 'report.save', {
      report: { ...consistentReport('gov2021', 7, 2025), unit: '乙局' },
    });
    expect(saved.ok).toBe(true);
    await store.settled();
    expect(store.backups().map((b) => b.file.slice(-DAY.length))).toEqual([DAY]);
    expect(checkBackupFile(store.backups()[0].file).reports).toBe(302);
    expect(readdirSync(store.backupDir)).toEqual([DAY]);
    store.close();
  });

  it('a manual backup, killed while it is written: the archive unchanged, nothing broken listed, the leftover removed', async () => {
    const path = await archiveWith(300);
    const before = archiveDigest(path);
    const seen = await killWhen(path, ['manual'], (names, dir) => partial(names, dir, 'archive-manual-'));
    expect(seen.filter((n) => n.endsWith('.sqlite'))).toEqual([]);
    expect(archiveDigest(path)).toBe(before);

    const store = await ArchiveStore.open(path, { clock: manualClock('2026-03-01T03:00:00Z') });
    expect(store.backups()).toEqual([]);
    await store.dailyBackup();
    expect(readdirSync(store.backupDir)).toEqual([DAY]);
    listedAreUsable(store);
    store.close();
    expect(archiveDigest(path)).toBe(before);
  });

  it('a restore, killed while the safety copy is written or while the backup is copied in: the archive is the old one or the restored one, whole; no broken copy is listed', async () => {
    const path = await archiveWith(300);
    const good = join(tempDir(), 'good.sqlite');
    {
      const store = await ArchiveStore.open(path);
      await store.backupTo(good);
      store.archive.saveMany(
        Array.from({ length: 50 }, (_, i) => ({ report: { ...consistentReport('gov2021', 900 + i, 2025), unit: `后来${i}` } })),
      );
      store.close();
    }
    const restored = archiveDigest(good);
    const before = archiveDigest(path);
    expect(restored).not.toBe(before);

    // 1. While the safety copy of the current archive is written: nothing has been replaced yet.
    const seen = await killWhen(path, ['restore', good], (names, dir) => partial(names, dir, 'archive-before-restore-'));
    expect(seen.filter((n) => n.endsWith('.sqlite'))).toEqual([]);
    expect(archiveDigest(path)).toBe(before);
    {
      const store = await ArchiveStore.open(path, { clock: manualClock('2026-03-01T03:00:00Z') });
      expect(store.backups()).toEqual([]);
      store.close();
    }

    // 2. Once the safety copy is in place, while the backup is copied into the archive: all of it or none.
    await killWhen(path, ['restore', good], (names) => names.some((n) => /^archive-before-restore-.*\.sqlite$/.test(n)));
    expect([before, restored]).toContain(archiveDigest(path));
    const store = await ArchiveStore.open(path, { clock: manualClock('2026-03-01T03:00:00Z') });
    const kinds = store.backups().map((b) => b.kind);
    expect(kinds).toEqual(['before-restore']);
    listedAreUsable(store);
    expect(checkBackupFile(store.backups()[0].file).reports).toBe(350); // the archive as it was before the restore
    // The archive works on: a restore that is not killed finishes, and leaves no temporary file behind.
    await store.restoreFrom(good);
    await store.dailyBackup();
    expect(readdirSync(store.backupDir).filter((n) => !n.endsWith('.sqlite'))).toEqual([]);
    listedAreUsable(store);
    store.close();
    expect(archiveDigest(path)).toBe(restored);
  });
});
