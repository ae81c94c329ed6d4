import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ArchiveStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/archive';

const WRITER = fileURLToPath(new URL('./fixtures/writer.ts', import.meta.url));
const writerArgs = (db: string, mode: string, prefix: string, count: number) => [
  '--import',
  'tsx',
  WRITER,
  db,
  mode,
  prefix,
  String(count),
];

function countReports(path: string): { reports: number; integrity: string; revisions: number } {
  const db = new Database(path, { readonly: true });
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      reports: (db.prepare('SELECT count(*) AS n FROM reports').get() as { n: number }).n,
      revisions: (db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('reliability', () => {
  it('a writer killed with SIGKILL in the middle of a large write leaves all of it or none of it', async () => {
    const path = join(tempDir(), 'crash.sqlite');
    (await ArchiveStore.open(path)).close();
    const N = 1500;
    const child = spawn(process.execPath, writerArgs(path, 'batch', '单位', N), { stdio: ['ignore', 'pipe', 'inherit'] });
    let killedAt = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const m = /progress (\d+)/.exec(chunk.toString());
        if (m && !killedAt && Number(m[1]) >= N / 3) {
          killedAt = Number(m[1]);
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => resolve());
    });
    expect(killedAt).toBeGreaterThan(0);
    const after = countReports(path);
    expect(after.integrity).toBe('ok');
    expect(after.reports).toBe(0);
    expect(after.revisions).toBe(0);
    // The archive still opens and takes writes.
    const store = await ArchiveStore.open(path);
    store.archive.saveMany([{ report: { ...(await import('../helpers/random-report')).consistentReport('gov2021', 1), unit: '恢复后' } }]);
    store.close();
    expect(countReports(path).reports).toBe(1);
  });

  it('a completed large write is all there', () => {
    const path = join(tempDir(), 'whole.sqlite');
    const r = spawnSync(process.execPath, writerArgs(path, 'batch', '单位', 120), { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(countReports(path)).toEqual({ integrity: 'ok', reports: 120, revisions: 120 });
  });

  it('two processes writing at the same time both succeed', async () => {
    const path = join(tempDir(), 'two.sqlite');
    (await ArchiveStore.open(path)).close();
    const run = (prefix: string) =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, writerArgs(path, 'each', prefix, 150), { stdio: 'inherit' });
        child.on('exit', (code) => resolve(code));
      });
    const codes = await Promise.all([run('甲'), run('乙')]);
    expect(codes).toEqual([0, 0]);
    expect(countReports(path)).toEqual({ integrity: 'ok', reports: 300, revisions: 300 });
  });
});
