// The history of a report: its revisions, each stored as the difference from the state after it (db/delta.ts), so
// the current state is stored once, in the tables. RevisionLog writes them as the report changes; HistoryService
// reads them back and compares two (Archive.restoreRevision saves one as a new revision).
import { applyDelta, decodeDelta, encodeDelta, jsonEqual, type Json } from '../db/delta';
import { readState, type ReportState } from '../db/reports';
import * as revisionsDb from '../db/revisions';
import { NotFoundError } from '../errors';
import { diffReports, type ReportDiff } from './diff';
import type { ArchiveContext } from './lookup';

/** Saves of one editor session less than this apart are one burst of editing: one revision in the history. */
export const BURST_IDLE_MS = 10_000;

const asJson = (s: ReportState) => s as unknown as Json;

export interface NewRevision {
  number: number;
  note: string | null;
  session: string | null;
  /** What the revision holds (the saved report as given); usually what the tables now hold. */
  state: ReportState;
}

/** Writes revisions. Call inside the transaction that changes the report. */
export class RevisionLog {
  constructor(private readonly ctx: ArchiveContext) {}

  private get db() {
    return this.ctx.db;
  }

  /** The state of revision `number`: the current state with the differences from the latest down to it applied. */
  stateAt(reportId: number, number: number): ReportState | undefined {
    const rows = revisionsDb.revisionsSince(this.db, reportId, number);
    if (!rows.length || rows[rows.length - 1].number !== number) return undefined;
    let state = asJson(readState(this.db, reportId));
    for (const r of rows) state = applyDelta(state, decodeDelta(r.delta));
    return state as unknown as ReportState;
  }

  latestNumber(reportId: number): number | undefined {
    return revisionsDb.latestRevisions(this.db, reportId)[0]?.number;
  }

  /**
   * Before the report's stored state changes: what its latest revisions hold, so `afterWrite` can keep them
   * exact once the base they are stored against has moved.
   */
  beforeWrite(reportId: number, fresh = false): { reportId: number; latest: revisionsDb.RevisionRow[]; states: ReportState[] } {
    const latest = fresh ? [] : revisionsDb.latestRevisions(this.db, reportId);
    if (!latest.length) return { reportId, latest, states: [] };
    const first = applyDelta(asJson(readState(this.db, reportId)), decodeDelta(latest[0].delta));
    const states = [first];
    if (latest[1]) states.push(applyDelta(first, decodeDelta(latest[1].delta)));
    return { reportId, latest, states: states as unknown as ReportState[] };
  }

  /**
   * After the stored state changed (a save, a unit renamed): the latest revision is stored against the new state;
   * with `add`, a new revision is recorded, replacing the latest if `amend` (a burst of the same session).
   * `current` is the stored state when the caller knows it (stateAsStored), else it is read back.
   */
  afterWrite(before: ReturnType<RevisionLog['beforeWrite']>, add?: NewRevision & { amend: boolean }, current?: ReportState): void {
    const { reportId, latest, states } = before;
    const now = asJson(current ?? readState(this.db, reportId));
    let kept = 0;
    if (add?.amend && latest.length) {
      revisionsDb.deleteRevision(this.db, reportId, latest[0].number);
      kept = 1;
    }
    if (latest[kept]) {
      const base = add ? asJson(add.state) : now;
      revisionsDb.setDelta(this.db, reportId, latest[kept].number, encodeDelta(base, asJson(states[kept])));
    }
    if (add)
      revisionsDb.insertRevision(this.db, {
        report_id: reportId,
        number: add.number,
        created_at: this.ctx.now(),
        note: add.note,
        session: add.session,
        delta: encodeDelta(now, asJson(add.state)),
      });
  }

  /** A named revision whose content is the latest one's (定稿, 取消定稿): the stored state does not change. */
  recordEvent(reportId: number, number: number, note: string): void {
    const [last] = revisionsDb.latestRevisions(this.db, reportId);
    // The new one takes the latest's place against the tables; the latest then equals it.
    const delta = last
      ? last.delta
      : encodeDelta(asJson(readState(this.db, reportId)), asJson({ ...readState(this.db, reportId), provenance: {} }));
    if (last) revisionsDb.setDelta(this.db, reportId, last.number, null);
    revisionsDb.insertRevision(this.db, { report_id: reportId, number, created_at: this.ctx.now(), note, session: null, delta });
  }

  /** Whether the latest revision is an unnamed one of `session` made less than BURST_IDLE_MS ago. */
  inBurst(before: ReturnType<RevisionLog['beforeWrite']>, session: string | null): boolean {
    const last = before.latest[0];
    return (
      !!session &&
      !!last &&
      last.session === session &&
      last.note === null &&
      this.ctx.clock.now().getTime() - new Date(last.created_at).getTime() < BURST_IDLE_MS
    );
  }

  /** The content at revision `base` is still what the latest revision holds (only 定稿/取消定稿 came between). */
  sameContent(reportId: number, base: number): boolean {
    const latest = this.latestNumber(reportId);
    const then = this.stateAt(reportId, base);
    return latest !== undefined && !!then && jsonEqual(asJson(then), asJson(this.stateAt(reportId, latest)!));
  }
}

export class HistoryService {
  constructor(
    private readonly ctx: ArchiveContext,
    private readonly log: RevisionLog,
  ) {}

  history(unitName: string, year: number): { number: number; createdAt: string; note: string | null }[] {
    return revisionsDb
      .listRevisions(this.ctx.db, this.ctx.reportRow(unitName, year).id)
      .map((r) => ({ number: r.number, createdAt: r.created_at, note: r.note }));
  }

  revision(unitName: string, year: number, number: number): ReportState {
    const state = this.log.stateAt(this.ctx.reportRow(unitName, year).id, number);
    if (!state) throw new NotFoundError(`“${unitName.trim()}”${year} 年的报告没有第 ${number} 版`);
    return state;
  }

  diff(unitName: string, year: number, from: number, to: number): ReportDiff {
    return diffReports(this.revision(unitName, year, from).report, this.revision(unitName, year, to).report);
  }
}
