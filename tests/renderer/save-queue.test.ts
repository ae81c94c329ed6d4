import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveQueue, type SaveFailure, type SaveState } from '../../src/renderer/src/lib/save-queue';

/** A stand-in for the archive: refuses a save whose base is not the stored revision, as archive.save does. */
class FakeArchive {
  revision = 0;
  stored: string | null = null;
  calls: { doc: string; base: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Milliseconds each save takes, in order of calls; the last one repeats. */
  delays = [0];
  failures: (SaveFailure | null)[] = [];

  save = (doc: string, base: number): Promise<{ revision: number }> => {
    const n = this.calls.push({ doc, base }) - 1;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const delay = this.delays[Math.min(n, this.delays.length - 1)]!;
    // A quick save answers at once (a microtask); a slow one after its delay.
    const later = (f: () => void) => (delay ? setTimeout(f, delay) : void Promise.resolve().then(f));
    return new Promise((ok, fail) =>
      later(() => {
        this.inFlight--;
        const failure = this.failures[n];
        if (failure) return fail(failure);
        if (base !== this.revision)
          return fail({ kind: 'conflict', message: `保存冲突：已是第 ${this.revision} 版`, storedRevision: this.revision });
        this.revision++;
        this.stored = doc;
        ok({ revision: this.revision });
      }),
    );
  };
}

describe('the editor save queue', () => {
  let archive: FakeArchive;
  let states: SaveState[];
  beforeEach(() => {
    vi.useFakeTimers();
    archive = new FakeArchive();
    states = [];
  });
  afterEach(() => vi.useRealTimers());

  const queue = (revision: number | null, extra: Partial<ConstructorParameters<typeof SaveQueue<string>>[0]> = {}) =>
    new SaveQueue<string>({ revision, save: archive.save, delayMs: 1000, retryMs: 500, onState: (s) => states.push(s), ...extra });

  it('batches a burst of edits into one save of the newest version', async () => {
    const q = queue(null);
    expect(q.state.kind).toBe('new');
    q.edit('a');
    await vi.advanceTimersByTimeAsync(500);
    q.edit('ab');
    await vi.advanceTimersByTimeAsync(500);
    q.edit('abc');
    expect(q.state.kind).toBe('dirty');
    expect(archive.calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(archive.calls).toEqual([{ doc: 'abc', base: 0 }]);
    expect(q.state).toMatchObject({ kind: 'saved', revision: 1 });
  });

  it('stores edits made while a slow save is in flight, after it, on the acknowledged revision, in order', async () => {
    archive.revision = 4;
    archive.delays = [5000, 10];
    const q = queue(4);
    q.edit('v1');
    await vi.advanceTimersByTimeAsync(1000);
    expect(q.state.kind).toBe('saving');
    q.edit('v2');
    await vi.advanceTimersByTimeAsync(1000);
    q.edit('v3');
    // v3's batch timer runs out while v1 is still being saved: nothing more is sent yet.
    await vi.advanceTimersByTimeAsync(1500);
    expect(archive.calls).toHaveLength(1);
    // v1 is answered at 6 s: v3 goes at once, based on v1's revision.
    await vi.advanceTimersByTimeAsync(2500);
    expect(archive.calls).toEqual([
      { doc: 'v1', base: 4 },
      { doc: 'v3', base: 5 },
    ]);
    await vi.advanceTimersByTimeAsync(100);
    expect(archive.stored).toBe('v3');
    expect(archive.revision).toBe(6);
    expect(archive.maxInFlight).toBe(1);
    expect(states.some((s) => s.kind === 'conflict' || s.kind === 'error')).toBe(false);
    expect(q.state).toMatchObject({ kind: 'saved', revision: 6 });
  });

  it('flush sends at once and resolves when everything, including an edit made in flight, is stored', async () => {
    archive.delays = [300];
    const q = queue(null);
    q.edit('x');
    const flushed = q.flush();
    expect(archive.calls).toHaveLength(1);
    q.edit('xy');
    let done = false;
    void flushed.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toBe(true);
    expect(archive.stored).toBe('xy');
    expect(q.unsaved).toBe(false);
  });

  it('keeps a failed edit dirty and retries a failure of the program, waiting longer each time', async () => {
    archive.failures = [
      { kind: 'internal', message: '磁盘忙' },
      { kind: 'internal', message: '磁盘忙' },
    ];
    const q = queue(2);
    archive.revision = 2;
    q.edit('keep me');
    await vi.advanceTimersByTimeAsync(1000);
    expect(q.state).toMatchObject({ kind: 'error', message: '磁盘忙' });
    expect(q.unsaved).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(archive.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(archive.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(archive.calls).toEqual([
      { doc: 'keep me', base: 2 },
      { doc: 'keep me', base: 2 },
      { doc: 'keep me', base: 2 },
    ]);
    expect(archive.stored).toBe('keep me');
    expect(q.state).toMatchObject({ kind: 'saved', revision: 3 });
  });

  it('takes anything else thrown for a failure of the program, and retries it', async () => {
    let first = true;
    const q = new SaveQueue<string>({
      revision: 0,
      delayMs: 100,
      retryMs: 200,
      save: (doc, base) => {
        if (first) {
          first = false;
          return Promise.reject(new TypeError('Failed to fetch'));
        }
        return archive.save(doc, base);
      },
    });
    q.edit('x');
    await vi.advanceTimersByTimeAsync(100);
    expect(q.state).toMatchObject({ kind: 'error', errorKind: 'internal', message: 'Failed to fetch' });
    await vi.advanceTimersByTimeAsync(200);
    expect(archive.stored).toBe('x');
    expect(q.state).toMatchObject({ kind: 'saved', revision: 1 });
  });

  it('does not resend a refused edit on its own, but sends it with the next edit', async () => {
    archive.failures = [{ kind: 'locked', message: '已定稿' }];
    const q = queue(0);
    q.edit('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(archive.calls).toHaveLength(1);
    expect(q.state).toMatchObject({ kind: 'error', errorKind: 'locked' });
    q.edit('ab');
    await vi.advanceTimersByTimeAsync(1000);
    expect(archive.stored).toBe('ab');
  });

  it('surfaces a real conflict once, holds further edits, and saves over the stored revision when the person keeps theirs', async () => {
    archive.revision = 7; // someone else saved revisions 6 and 7
    const conflicts: { storedRevision: number; mine: string }[] = [];
    const q = queue(5, { onConflict: (f, mine) => conflicts.push({ storedRevision: f.storedRevision, mine }) });
    q.edit('mine');
    await vi.advanceTimersByTimeAsync(1000);
    expect(q.state).toMatchObject({ kind: 'conflict', storedRevision: 7 });
    q.edit('mine, more');
    await vi.advanceTimersByTimeAsync(5000);
    await q.flush();
    expect(archive.calls).toHaveLength(1);
    expect(conflicts).toEqual([{ storedRevision: 7, mine: 'mine' }]);
    q.resolveConflict('mine', 7);
    await vi.advanceTimersByTimeAsync(0);
    expect(archive.calls[1]).toEqual({ doc: 'mine, more', base: 7 });
    expect(archive.stored).toBe('mine, more');
    expect(q.state).toMatchObject({ kind: 'saved', revision: 8 });
  });

  it('drops the person’s version when they take the archive’s, and continues from the stored revision', async () => {
    archive.revision = 3;
    const q = queue(1);
    q.edit('mine');
    await vi.advanceTimersByTimeAsync(1000);
    q.resolveConflict('theirs', 3);
    expect(q.unsaved).toBe(false);
    expect(q.state).toMatchObject({ kind: 'saved', revision: 3 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(archive.calls).toHaveLength(1);
    q.edit('on theirs');
    await vi.advanceTimersByTimeAsync(1000);
    expect(archive.calls[1]).toEqual({ doc: 'on theirs', base: 3 });
    expect(archive.revision).toBe(4);
  });
});
