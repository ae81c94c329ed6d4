// The archive: one object for the IPC layer, the CLI and the tests, over the services that do the work — units
// (services/units.ts), reports (reports.ts), history (history.ts) and findings (findings.ts), which recounts
// every change in one place. No electron here. The overview and search are read-only and live here.
import type { SearchHitView, SearchResultView, UnitView } from '../../shared/api';
import type { Report, UnitKind } from '../../shared/report';
import type { TemplateId } from '../../shared/template';
import type { DismissedFinding, Finding } from '../../shared/validation';
import type { Db } from '../db/open';
import * as reportsDb from '../db/reports';
import type { ReportStatus } from '../db/reports';
import * as searchDb from '../db/search';
import type { ReportDiff } from './diff';
import { FindingsService } from './findings';
import { HistoryService, RevisionLog } from './history';
import { ArchiveContext, systemClock, type Clock } from './lookup';
import { ReportsService, type DeletedItems, type SaveOptions, type SaveResult, type StoredReport } from './reports';
import { UnitsService } from './units';

export { BURST_IDLE_MS } from './history';
export { systemClock, type Clock } from './lookup';
export type { DeletedItems, SaveOptions, SaveResult, StoredReport } from './reports';
export { parseUnitKind } from './units';

export type Unit = UnitView;

export interface Overview {
  units: Unit[];
  years: number[];
  reports: reportsDb.OverviewRow[];
}

export type SearchHit = SearchHitView;
export type SearchResult = SearchResultView;

const SNIPPET_CONTEXT = 24;

export class Archive {
  readonly unitsService: UnitsService;
  readonly reportsService: ReportsService;
  readonly historyService: HistoryService;
  readonly findingsService: FindingsService;
  private readonly ctx: ArchiveContext;

  constructor(
    readonly db: Db,
    clock: Clock = systemClock,
  ) {
    this.ctx = new ArchiveContext(db, clock);
    const log = new RevisionLog(this.ctx);
    this.findingsService = new FindingsService(this.ctx);
    this.unitsService = new UnitsService(this.ctx, log, this.findingsService);
    this.reportsService = new ReportsService(this.ctx, log, this.findingsService);
    this.historyService = new HistoryService(this.ctx, log);
  }

  // ---- units

  listUnits(): Unit[] {
    return this.unitsService.listUnits();
  }

  unit(name: string): Unit {
    return this.unitsService.unit(name);
  }

  addUnit(input: { name: string; kind: UnitKind; parent?: string | null; code?: string | null }): Unit {
    return this.unitsService.addUnit(input);
  }

  updateUnit(name: string, change: { name?: string; kind?: UnitKind; parent?: string | null; code?: string | null }): Unit {
    return this.unitsService.updateUnit(name, change);
  }

  deleteUnit(name: string): { reports: number } {
    return this.unitsService.deleteUnit(name);
  }

  undeleteUnit(name: string): { reports: number } {
    return this.unitsService.undeleteUnit(name);
  }

  // ---- reports

  find(unitName: string, year: number): StoredReport | undefined {
    return this.reportsService.find(unitName, year);
  }

  get(unitName: string, year: number): StoredReport {
    return this.reportsService.get(unitName, year);
  }

  save(report: Report, options: SaveOptions = {}): SaveResult {
    return this.reportsService.save(report, options);
  }

  saveMany(items: { report: Report; options?: SaveOptions }[], onProgress?: (done: number) => void): SaveResult[] {
    return this.reportsService.saveMany(items, onProgress);
  }

  draft(unitName: string, year: number, template?: TemplateId): { report: Report; provenance: Record<string, string> } {
    return this.reportsService.draft(unitName, year, template);
  }

  setStatus(
    unitName: string,
    year: number,
    status: ReportStatus,
    options: { confirmErrors?: boolean; recordRevision?: boolean } = {},
  ): { revision: number } {
    return this.reportsService.setStatus(unitName, year, status, options);
  }

  delete(unitName: string, year: number): void {
    this.reportsService.delete(unitName, year);
  }

  undelete(unitName: string, year: number): void {
    this.reportsService.undelete(unitName, year);
  }

  deleted(): DeletedItems {
    return this.reportsService.deleted();
  }

  overview(): Overview {
    const reports = reportsDb.overviewRows(this.db);
    return { units: this.listUnits(), years: [...new Set(reports.map((r) => r.year))].sort((a, b) => a - b), reports };
  }

  // ---- history

  history(unitName: string, year: number) {
    return this.historyService.history(unitName, year);
  }

  revision(unitName: string, year: number, number: number): { report: Report; provenance: Record<string, string> } {
    return this.historyService.revision(unitName, year, number);
  }

  diff(unitName: string, year: number, from: number, to: number): ReportDiff {
    return this.historyService.diff(unitName, year, from, to);
  }

  /** Brings back an earlier revision as a new revision, under the unit's present name; nothing is lost. */
  restoreRevision(unitName: string, year: number, number: number): SaveResult {
    const row = this.ctx.reportRow(unitName, year);
    const { report, provenance } = this.historyService.revision(unitName, year, number);
    this.ctx.assertUnlocked(row, '恢复旧版本');
    return this.save({ ...report, unit: this.unit(unitName).name }, { provenance, note: `恢复为第 ${number} 版` });
  }

  // ---- findings

  validateStored(unitName: string, year: number): DismissedFinding[] {
    return this.findingsService.validateStored(unitName, year);
  }

  dismiss(unitName: string, year: number, finding: Pick<Finding, 'rule' | 'cells'>, reason: string): void {
    this.findingsService.dismiss(unitName, year, finding, reason);
  }

  undismiss(unitName: string, year: number, finding: Pick<Finding, 'rule' | 'cells'>): void {
    this.findingsService.undismiss(unitName, year, finding);
  }

  // ---- search

  /** The newest `limit` sections containing `query` (Latin case ignored), with occurrence counts. */
  search(query: string, limit = 200): SearchResult {
    const q = query.trim();
    if (!q) return { hits: [], total: 0, capped: false };
    const { rows, more } = searchDb.searchSections(this.db, q, limit);
    const hits = rows.map((r) => ({
      reportId: r.report_id,
      unit: r.unit,
      year: r.year,
      section: r.key,
      ...snippet(r.text, q),
      count: searchDb.countOccurrences(r.text, q),
    }));
    return { hits, total: hits.reduce((n, h) => n + h.count, 0), capped: more };
  }
}

/** The text around the first match, with every match in it marked. */
export function snippet(text: string, query: string): { parts: SearchHit['parts']; offset: number } {
  const lower = searchDb.foldCase(text);
  const q = searchDb.foldCase(query);
  const offset = Math.max(0, lower.indexOf(q));
  const start = Math.max(0, offset - SNIPPET_CONTEXT);
  const end = Math.min(text.length, offset + q.length + SNIPPET_CONTEXT * 2);
  const parts: SearchHit['parts'] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let i = start;
  while (i < end) {
    const j = lower.indexOf(q, i);
    if (j < 0 || j >= end) {
      parts.push({ text: text.slice(i, end), hit: false });
      break;
    }
    if (j > i) parts.push({ text: text.slice(i, j), hit: false });
    parts.push({ text: text.slice(j, j + q.length), hit: true });
    i = j + q.length;
  }
  if (end < text.length) parts.push({ text: '…', hit: false });
  return { parts, offset };
}
