// The editor's save queue: the report is saved whole, so edits batch by keeping only the newest version; one save
// is in flight at a time and each is based on the revision the archive last acknowledged, so a slow save followed by
// more typing never conflicts with itself. No React here: the editor subscribes to its state.

/** What the person sees next to the toolbar. */
export type SaveState =
  | { kind: 'new' }
  | { kind: 'saved'; revision: number; at: string }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  /** Not stored; the edits are kept and sent again (automatically for a failure of the program, else on the next edit). */
  | { kind: 'error'; message: string; errorKind: string }
  /** Someone else saved the report: nothing is sent until the person chooses whose version stays. */
  | { kind: 'conflict'; storedRevision: number; message: string };

/** A failed save as the queue needs to know it: `ApiCallError` fits. */
export interface SaveFailure {
  kind: string;
  message: string;
  storedRevision?: number;
}

export interface SaveQueueOptions<T, R extends { revision: number }> {
  /** The stored revision the editor opened, or null for a report not yet in the archive. */
  revision: number | null;
  /** When that revision was stored. */
  savedAt?: string;
  save: (doc: T, baseRevision: number) => Promise<R>;
  /** How long typing may pause before the batch is sent. */
  delayMs: number;
  /** First wait before resending after a failure of the program (doubles up to a minute). */
  retryMs?: number;
  onState?: (state: SaveState) => void;
  onSaved?: (result: R, doc: T) => void;
  /** Called once per conflict, when it is found. */
  onConflict?: (failure: SaveFailure & { storedRevision: number }, mine: T) => void;
  now?: () => Date;
}

export class SaveQueue<T, R extends { revision: number } = { revision: number }> {
  private base: number;
  private pending: T | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryWait: number;
  private failure: SaveState | null = null;
  private savedAt: string | null = null;
  private waiters: (() => void)[] = [];
  state: SaveState;

  constructor(private options: SaveQueueOptions<T, R>) {
    // A new report is saved from revision 0: if someone created it meanwhile, that is a conflict, not an overwrite.
    this.base = options.revision ?? 0;
    this.retryWait = options.retryMs ?? 2000;
    this.savedAt = options.revision === null ? null : (options.savedAt ?? '');
    this.state = options.revision === null ? { kind: 'new' } : { kind: 'saved', revision: options.revision, at: this.savedAt ?? '' };
  }

  /** Newer callbacks (a React component passes the ones of its latest render). */
  setCallbacks(callbacks: Pick<SaveQueueOptions<T, R>, 'save' | 'onSaved' | 'onConflict'>): void {
    this.options = { ...this.options, ...callbacks };
  }

  /** The revision the next save is based on. */
  get revision(): number {
    return this.base;
  }

  /** True while an edit is not yet stored (for leaving the page or closing the window). */
  get unsaved(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** The newest version of the document; replaces any unsent one and restarts the batch timer. */
  edit(doc: T): void {
    this.pending = doc;
    if (this.failure?.kind === 'error') this.failure = null;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.send();
    }, this.options.delayMs);
    this.update();
  }

  /** Sends what is waiting now and resolves when nothing is waiting or in flight, or when a save failed. */
  flush(): Promise<void> {
    this.clearTimer();
    if (this.failure?.kind === 'error') this.failure = null;
    this.send();
    if (!this.unsaved || this.failure) return Promise.resolve();
    return new Promise((ok) => this.waiters.push(ok));
  }

  /** After a conflict: keep mine (saved over the stored revision) or take theirs (mine is dropped). */
  resolveConflict(choice: 'mine' | 'theirs', storedRevision: number, mine?: T): void {
    if (this.failure?.kind !== 'conflict') return;
    this.failure = null;
    this.base = storedRevision;
    if (choice === 'theirs') {
      this.pending = null;
      this.savedAt = (this.options.now?.() ?? new Date()).toISOString();
      this.update();
      this.settle();
      return;
    }
    if (mine !== undefined) this.pending = mine;
    this.send();
  }

  private clearTimer() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private send(): void {
    if (this.inFlight || this.pending === null || this.failure) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const doc = this.pending;
    const base = this.base;
    this.pending = null;
    this.inFlight = this.options.save(doc, base).then(
      (result) => {
        this.inFlight = null;
        this.base = result.revision;
        this.savedAt = (this.options.now?.() ?? new Date()).toISOString();
        this.retryWait = this.options.retryMs ?? 2000;
        this.options.onSaved?.(result, doc);
        // An edit made while this save was in flight: sent at once if its batch timer already ran out or someone
        // waits for everything to be stored.
        if (this.pending !== null && (!this.timer || this.waiters.length)) {
          this.clearTimer();
          this.send();
        }
        this.update();
        this.settle();
      },
      (thrown: unknown) => {
        this.inFlight = null;
        // Anything else thrown (a bug, a broken connection) is a failure of the program: retried.
        const given = thrown as Partial<SaveFailure> | null;
        const e: SaveFailure = {
          kind: given?.kind ?? 'internal',
          message: given?.message ?? String(thrown),
          storedRevision: given?.storedRevision,
        };
        // The failed version is kept unless a newer one is waiting (the report is saved whole).
        this.pending ??= doc;
        if (e.kind === 'conflict' && e.storedRevision !== undefined) {
          this.failure = { kind: 'conflict', storedRevision: e.storedRevision, message: e.message };
          this.update();
          this.options.onConflict?.({ ...e, storedRevision: e.storedRevision }, this.pending);
        } else {
          this.failure = { kind: 'error', message: e.message, errorKind: e.kind };
          this.update();
          // A failure of the program (a busy disk, a lost connection) may pass: try again, waiting longer each time.
          if (e.kind === 'internal') {
            this.retryTimer = setTimeout(() => {
              this.retryTimer = null;
              if (this.failure?.kind === 'error') this.failure = null;
              this.send();
            }, this.retryWait);
            this.retryWait = Math.min(this.retryWait * 2, 60_000);
          }
        }
        this.settle();
      },
    );
    this.update();
  }

  /** Wakes `flush` callers once nothing is left to do, or a failure stops the queue. */
  private settle() {
    if (this.inFlight || (this.pending !== null && !this.failure)) return;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }

  private update() {
    const next: SaveState =
      this.failure ??
      (this.inFlight
        ? { kind: 'saving' }
        : this.pending !== null
          ? { kind: 'dirty' }
          : this.savedAt !== null
            ? { kind: 'saved', revision: this.base, at: this.savedAt }
            : { kind: 'new' });
    this.state = next;
    this.options.onState?.(next);
  }
}
