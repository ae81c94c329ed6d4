// Temporary archives on disk for tests.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/main/services/archive';
import { ArchiveStore } from '../../src/main/services/store';

export const tempDir = (prefix = 'nianbao-') => mkdtempSync(join(tmpdir(), prefix));

export async function tempStore(clock?: Clock): Promise<ArchiveStore> {
  return ArchiveStore.open(join(tempDir(), 'archive.sqlite'), { clock });
}

export const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** A clock that the test moves by hand. */
export function manualClock(start = '2026-03-01T08:00:00Z'): Clock & { advance(ms: number): void; set(iso: string): void } {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => (t += ms), set: (iso) => (t = new Date(iso).getTime()) };
}

/**
 * A hash of everything the archive holds: every row of every table (units, reports, cells, revisions, findings,
 * the search index…), independent of page layout, so "unchanged" means no report or revision changed.
 */
export function archiveDigest(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
      )
      .pluck()
      .all() as string[];
    for (const t of tables) {
      const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
      hash.update(`${t}\n${rows.join('\n')}\n`);
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
