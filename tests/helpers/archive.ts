// Temporary archives on disk for tests.
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
