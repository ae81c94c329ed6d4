// The archive service: units, reports, revisions, cross-year validation, dismissals, search. No electron here;
// the IPC layer, the CLI and the tests all call these methods.
import type { SearchHitView, SearchResultView, UnitView } from '../../shared/api';
import { emptyReport, NOT_APPLICABLE, parseReport, UNIT_KIND_LABELS, type Report, type UnitKind } from '../../shared/report';
import { getTemplate, templateForYear, type TemplateId } from '../../shared/template';
import { countFindings, findingCells, reasonProblem, validate, type DismissedFinding, type Finding } from '../../shared/validation';
import * as dismissalsDb from '../db/dismissals';
import type { Db } from '../db/open';
import * as reportsDb from '../db/reports';
import type { ReportRow, ReportStatus, SourceKind } from '../db/reports';
import * as revisionsDb from '../db/revisions';
import * as searchDb from '../db/search';
import * as unitsDb from '../db/units';
import { ConflictError, InputError, LockedError, NotFoundError } from '../errors';
import { diffReports, type ReportDiff } from './diff';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export type Unit = UnitView;

export interface StoredReport {
  id: number;
  unit: Unit;
  year: number;
  status: ReportStatus;
  revision: number;
  source: { kind: SourceKind; file: string | null };
  report: Report;
  /** Where each value came from: sheet!D7, 上年结转…; absent for typed values. */
  provenance: Record<string, string>;
  updatedAt: string;
  deleted: boolean;
}

export interface SaveOptions {
  /** The revision the edit started from; a different stored revision means someone else saved: refused. */
  baseRevision?: number;
  note?: string;
  source?: { kind: SourceKind; file?: string | null };
  provenance?: Record<string, string>;
  /** Kind for a unit created by this save (default: the report's unit_kind, else 其他). */
  unitKind?: UnitKind;
  /** The editor visit that saves: its saves within a burst of editing amend one revision (see BURST_IDLE_MS). */
  session?: string;
}

/** Saves of one editor session less than this apart are one burst of editing: one revision in the history. */
export const BURST_IDLE_MS = 10_000;

/** What the 已删除 list holds: deleted units (with how many reports went with them) and deleted reports of units in use. */
export interface DeletedItems {
  units: { name: string; deletedAt: string; reports: number }[];
  reports: { unit: string; year: number; deletedAt: string }[];
}

export interface SaveResult {
  id: number;
  revision: number;
  findings: DismissedFinding[];
}

export interface Overview {
  units: Unit[];
  years: number[];
  reports: reportsDb.OverviewRow[];
}

export type SearchHit = SearchHitView;
export type SearchResult = SearchResultView;

const SNIPPET_CONTEXT = 24;
const UNIT_KINDS_BY_LABEL = new Map(Object.entries(UNIT_KIND_LABELS).map(([k, v]) => [v, k as UnitKind]));

/** Accepts government/department/… or the Chinese labels 人民政府/部门/乡镇街道/其他. */
export function parseUnitKind(kind: string): UnitKind {
  if (kind in UNIT_KIND_LABELS) return kind as UnitKind;
  const k = UNIT_KINDS_BY_LABEL.get(kind);
  if (!k) throw new InputError(`未知的单位类型“${kind}”（可用：${Object.values(UNIT_KIND_LABELS).join('、')}）`);
  return k;
}

export class Archive {
  constructor(
    readonly db: Db,
    private readonly clock: Clock = systemClock,
  ) {}

  private now = () => this.clock.now().toISOString();

  // ---- units

  /** A unit in use, by name; a deleted one says where to restore it. */
  private unitRow(name: string): unitsDb.UnitRow {
    const row = unitsDb.unitByName(this.db, name.trim());
    if (!row) throw new NotFoundError(`档案中没有单位“${name}”（可用 nianbao unit list 查看已有单位）`);
    if (row.deleted_at) throw new NotFoundError(`单位“${row.name}”已删除；如需使用，请先在档案页的“已删除”中恢复`);
    return row;
  }

  private toUnit(row: unitsDb.UnitRow): Unit {
    const parent = row.parent_id ? (unitsDb.unitById(this.db, row.parent_id)?.name ?? null) : null;
    return { id: row.id, name: row.name, kind: row.kind, parent, code: row.code };
  }

  listUnits(): Unit[] {
    return unitsDb.listUnitsWithParents(this.db).map((u) => ({ id: u.id, name: u.name, kind: u.kind, parent: u.parent, code: u.code }));
  }

  unit(name: string): Unit {
    return this.toUnit(this.unitRow(name));
  }

  addUnit(input: { name: string; kind: UnitKind; parent?: string | null; code?: string | null }): Unit {
    const name = input.name.trim();
    if (!name) throw new InputError('单位名称不能为空');
    const existing = unitsDb.unitByName(this.db, name);
    if (existing?.deleted_at) throw new InputError(`单位“${name}”在“已删除”中，请恢复它，而不是再添加一个`);
    if (existing) throw new InputError(`单位“${name}”已经存在`);
    const parentId = input.parent ? this.unit(input.parent).id : null;
    const id = unitsDb.insertUnit(this.db, {
      name,
      kind: input.kind,
      parent_id: parentId,
      code: input.code ?? null,
      created_at: this.now(),
    });
    return this.toUnit(unitsDb.unitById(this.db, id)!);
  }

  updateUnit(name: string, change: { name?: string; kind?: UnitKind; parent?: string | null; code?: string | null }): Unit {
    // By the trimmed name, as unit() finds it: ' 乙局 ' is 乙局.
    const row = this.unitRow(name);
    const current = this.toUnit(row);
    const newName = change.name?.trim() ?? current.name;
    if (!newName) throw new InputError('单位名称不能为空');
    if (newName !== current.name && unitsDb.unitByName(this.db, newName)) throw new InputError(`单位“${newName}”已经存在`);
    const parentId = change.parent === undefined ? row.parent_id : change.parent ? this.unit(change.parent).id : null;
    if (parentId === row.id) throw new InputError('上级单位不能是它自己');
    if (parentId !== null && parentId !== row.parent_id) this.assertNoCycle(row, parentId);
    unitsDb.updateUnit(this.db, row.id, {
      name: newName,
      kind: change.kind ?? row.kind,
      parent_id: parentId,
      code: change.code === undefined ? row.code : change.code,
    });
    return this.toUnit(unitsDb.unitById(this.db, row.id)!);
  }

  /** Refuses a parent that is the unit itself or one of its descendants: the tree would become a loop. */
  private assertNoCycle(row: unitsDb.UnitRow, parentId: number): void {
    const chain: string[] = [];
    const seen = new Set<number>();
    for (let id: number | null = parentId; id !== null && !seen.has(id);) {
      seen.add(id);
      const u = unitsDb.unitById(this.db, id);
      if (!u) break;
      chain.push(u.name);
      if (u.id === row.id)
        throw new InputError(
          `不能把“${chain[0]}”设为“${row.name}”的上级：“${chain[0]}”是“${row.name}”的下级单位，上下级会形成循环（${[row.name, ...chain].join(' → ')}）`,
        );
      id = u.parent_id;
    }
  }

  // ---- reports

  private stored(row: ReportRow): StoredReport {
    const unit = this.toUnit(unitsDb.unitById(this.db, row.unit_id)!);
    const contents = reportsDb.readContents(this.db, row.id);
    const template = getTemplate(row.template);
    const values: Report['values'] = {};
    for (const c of template.cells) values[c.key] = contents.values[c.key] ?? null;
    const report: Report = {
      template: row.template,
      unit: unit.name,
      year: row.year,
      published: row.published,
      unit_kind: unit.kind,
      scope: row.scope,
      sections: contents.sections,
      values,
      ...(row.template === 'legacy' ? { legacy: contents.legacy } : {}),
    };
    return {
      id: row.id,
      unit,
      year: row.year,
      status: row.status,
      revision: row.revision,
      source: { kind: row.source_kind, file: row.source_file },
      report,
      provenance: contents.provenance,
      updatedAt: row.updated_at,
      deleted: row.deleted_at !== null,
    };
  }

  private row(unitName: string, year: number, includeDeleted = false): ReportRow {
    const unit = this.unit(unitName);
    const row = reportsDb.reportRow(this.db, unit.id, year);
    if (!row || (row.deleted_at && !includeDeleted)) throw new NotFoundError(`档案中没有“${unit.name}”${year} 年的报告`);
    return row;
  }

  /** The stored report, or undefined when the archive has none (or it was deleted). */
  find(unitName: string, year: number): StoredReport | undefined {
    const unit = unitsDb.unitByName(this.db, unitName.trim());
    const row = unit && reportsDb.reportRow(this.db, unit.id, year);
    return row && !row.deleted_at ? this.stored(row) : undefined;
  }

  get(unitName: string, year: number): StoredReport {
    return this.stored(this.row(unitName, year));
  }

  /**
   * Saves a report as a new revision, in one transaction. Creates the unit if needed. Refuses a stale save
   * (baseRevision older than the stored revision) and a save to a report that is 定稿.
   */
  save(report: Report, options: SaveOptions = {}): SaveResult {
    return this.db.transaction(() => this.saveInTransaction(report, options)).immediate();
  }

  /** Saves many reports all-or-nothing: one transaction, so a crash or a bad report leaves none of them half-written. */
  saveMany(items: { report: Report; options?: SaveOptions }[], onProgress?: (done: number) => void): SaveResult[] {
    return this.db
      .transaction(() =>
        items.map((item, i) => {
          const result = this.saveInTransaction(item.report, item.options ?? {});
          onProgress?.(i + 1);
          return result;
        }),
      )
      .immediate();
  }

  private saveInTransaction(report: Report, options: SaveOptions): SaveResult {
    const checked = parseReport(report);
    if (!checked.ok) throw new InputError(`报告有误：\n${checked.errors.map((e) => `  - ${e}`).join('\n')}`);
    const r = checked.report;
    if (!r.unit?.trim()) throw new InputError('报告没有写明单位（unit），无法存入档案');
    if (r.year === null) throw new InputError('报告没有写明年度（year），无法存入档案');
    const unitName = r.unit.trim();
    const year = r.year;
    const now = this.now();
    let unit = unitsDb.unitByName(this.db, unitName);
    if (unit?.deleted_at) throw new InputError(`单位“${unitName}”已删除，不能存入它的报告；如需使用，请先在档案页的“已删除”中恢复该单位`);
    if (!unit) {
      const id = unitsDb.insertUnit(this.db, {
        name: unitName,
        kind: options.unitKind ?? r.unit_kind ?? 'other',
        parent_id: null,
        code: null,
        created_at: now,
      });
      unit = unitsDb.unitById(this.db, id)!;
    }
    let row = reportsDb.reportRow(this.db, unit.id, year);
    if (
      row &&
      options.baseRevision !== undefined &&
      options.baseRevision !== row.revision &&
      !this.sameContent(row.id, options.baseRevision)
    ) {
      throw new ConflictError(
        `保存冲突：“${unitName}”${year} 年的报告已被保存为第 ${row.revision} 版（可能在另一个窗口或命令行中），而你的修改基于第 ${options.baseRevision} 版。为免覆盖他人的修改，本次没有保存；请重新打开报告后再改。`,
        row.revision,
      );
    }
    if (row && !row.deleted_at) this.assertUnlocked(row, '修改');
    const source = options.source ?? { kind: 'typed' as const };
    if (!row) {
      const id = reportsDb.insertReportRow(this.db, {
        unit_id: unit.id,
        year,
        template: r.template,
        status: 'draft',
        published: r.published,
        scope: r.scope ?? 'own',
        source_kind: source.kind,
        source_file: source.file ?? null,
        updated_at: now,
      });
      row = reportsDb.reportRowById(this.db, id)!;
    }
    // Every save gets a new number, so a baseRevision from anyone else stays detectable even within a burst.
    const revision = row.revision + 1;
    // A report that does not say its scope (an older file, a text import) keeps the stored one.
    const scope = r.scope ?? row.scope;
    const provenance = options.provenance ?? (options.source ? {} : reportsDb.readContents(this.db, row.id).provenance);
    reportsDb.writeContents(this.db, row.id, r, provenance);
    reportsDb.updateReportRow(this.db, row.id, {
      template: r.template,
      published: r.published,
      scope,
      revision,
      updated_at: now,
      deleted_at: null,
      // Saving over a deleted report starts it afresh: new content is a draft, whatever the deleted one was.
      ...(row.deleted_at ? { status: 'draft' as const } : {}),
      ...(options.source ? { source_kind: source.kind, source_file: source.file ?? null } : {}),
    });
    const snapshot = JSON.stringify({ report: { ...r, unit: unitName, unit_kind: unit.kind, scope }, provenance });
    const session = options.note ? null : (options.session ?? null);
    const last = revisionsDb.latestRevision(this.db, row.id);
    // Within a burst of the same session, the new snapshot replaces the previous unnamed one.
    if (
      session &&
      last &&
      last.session === session &&
      last.note === null &&
      this.clock.now().getTime() - new Date(last.created_at).getTime() < BURST_IDLE_MS
    )
      revisionsDb.deleteRevision(this.db, last.id);
    revisionsDb.insertRevision(this.db, {
      report_id: row.id,
      number: revision,
      created_at: now,
      note: options.note ?? null,
      session,
      snapshot,
    });
    const findings = this.refreshCounts(row.id, { ...r, unit: unitName, unit_kind: unit.kind, scope });
    // Next year's cross-year findings depend on this report.
    this.refreshNext(unit.id, year);
    return { id: row.id, revision, findings };
  }

  /** The content at revision `base` is still what the archive holds (only 定稿/取消定稿 came between). */
  private sameContent(reportId: number, base: number): boolean {
    const then = revisionsDb.revision(this.db, reportId, base);
    const latest = revisionsDb.latestRevision(this.db, reportId);
    return !!then && !!latest && then.snapshot === latest.snapshot;
  }

  /** Validates a stored report with the same unit's previous year, marking dismissed warnings. */
  validateStored(unitName: string, year: number): DismissedFinding[] {
    return this.findingsOf(this.row(unitName, year).id);
  }

  /** Findings of a stored report; `report` saves reading it back when the caller has just written it. */
  private findingsOf(reportId: number, report?: Report): DismissedFinding[] {
    const row = reportsDb.reportRowById(this.db, reportId)!;
    const current = report ?? this.stored(row).report;
    const prevRow = reportsDb.reportRow(this.db, row.unit_id, row.year - 1);
    const previous = prevRow && !prevRow.deleted_at ? this.stored(prevRow).report : undefined;
    const dismissed = new Map(dismissalsDb.listDismissals(this.db, reportId).map((d) => [`${d.rule}|${d.cells}`, d]));
    return validate(current, { previous }).map((f) => {
      const d = f.severity === 'error' ? undefined : dismissed.get(`${f.rule}|${findingCells(f.cells)}`);
      return d ? { ...f, dismissed: { reason: d.reason, at: d.created_at } } : f;
    });
  }

  private refreshCounts(reportId: number, report?: Report): DismissedFinding[] {
    const findings = this.findingsOf(reportId, report);
    const n = countFindings(findings.filter((f) => !f.dismissed));
    reportsDb.updateReportRow(this.db, reportId, { error_count: n.error, warning_count: n.warning });
    return findings;
  }

  /** A new, unsaved report for a unit and year: 二、上年结转 pre-filled from last year's 四、结转下年度继续办理. */
  draft(
    unitName: string,
    year: number,
    template: TemplateId = templateForYear(year),
  ): { report: Report; provenance: Record<string, string> } {
    const unit = this.unit(unitName);
    if (this.find(unit.name, year)) throw new InputError(`“${unit.name}”${year} 年的报告已经存在`);
    const report = { ...emptyReport(template, unit.name, year), unit_kind: unit.kind };
    const provenance: Record<string, string> = {};
    const previous = this.find(unit.name, year - 1);
    const t = getTemplate(template);
    if (previous && previous.report.template !== 'legacy') {
      for (const cell of t.cells.filter((c) => c.rowKey === 'carried_over')) {
        const from = `requests.carried_forward.${cell.colKey}`;
        const v = previous.report.values[from];
        if (typeof v === 'number' || v === NOT_APPLICABLE) {
          report.values[cell.key] = v;
          provenance[cell.key] = `上年结转：${year - 1} 年报告第四项结转下年度继续办理`;
        }
      }
    }
    return { report, provenance };
  }

  /**
   * 定稿 locks the report; 草稿 unlocks it. Each change is a named revision. 定稿 of a report with errors is refused
   * unless `confirmErrors` (the person saw the list); the confirmation is recorded in the revision's note.
   * `recordRevision: false` is for a status change that is part of another recorded event (receiving or returning
   * a 报送包, kept in the exchanges table): the status changes, no revision is added.
   */
  setStatus(
    unitName: string,
    year: number,
    status: ReportStatus,
    options: { confirmErrors?: boolean; recordRevision?: boolean } = {},
  ): { revision: number } {
    return this.db
      .transaction(() => {
        const row = this.row(unitName, year);
        if (row.status === status) return { revision: row.revision };
        let note = '取消定稿';
        if (status === 'final') {
          const errors = this.findingsOf(row.id).filter((f) => f.severity === 'error');
          if (errors.length && !options.confirmErrors)
            throw new InputError(
              `报告还有 ${errors.length} 个错误，确认后才能定稿：\n${errors.map((f) => `  - ${f.rule} ${f.message}`).join('\n')}`,
            );
          note = errors.length ? `定稿（已确认 ${errors.length} 个错误）` : '定稿';
        }
        if (options.recordRevision === false) {
          reportsDb.updateReportRow(this.db, row.id, { status, updated_at: this.now() });
          return { revision: row.revision };
        }
        const revision = row.revision + 1;
        const last = revisionsDb.latestRevision(this.db, row.id);
        const snapshot = last?.snapshot ?? JSON.stringify({ report: this.stored(row).report, provenance: {} });
        const now = this.now();
        revisionsDb.insertRevision(this.db, { report_id: row.id, number: revision, created_at: now, note, session: null, snapshot });
        reportsDb.updateReportRow(this.db, row.id, { status, revision, updated_at: now });
        return { revision };
      })
      .immediate();
  }

  /** Refuses a change to a 定稿 report, saying how to unlock it. */
  private assertUnlocked(row: ReportRow, what: string): void {
    if (row.status === 'final')
      throw new LockedError(
        `“${unitsDb.unitById(this.db, row.unit_id)!.name}”${row.year} 年的报告已定稿，不能${what}；如需修改请先取消定稿`,
      );
  }

  /** Recounts the findings of the report after `year` (its R5/R6 read this one). */
  private refreshNext(unitId: number, year: number): void {
    const next = reportsDb.reportRow(this.db, unitId, year + 1);
    if (next && !next.deleted_at) this.refreshCounts(next.id);
  }

  /** Deleting keeps everything; the report can be brought back with undelete. */
  delete(unitName: string, year: number): void {
    this.db
      .transaction(() => {
        const row = this.row(unitName, year);
        reportsDb.updateReportRow(this.db, row.id, { deleted_at: this.now() });
        this.refreshNext(row.unit_id, year);
      })
      .immediate();
  }

  undelete(unitName: string, year: number): void {
    this.db
      .transaction(() => {
        const row = this.row(unitName, year, true);
        if (!row.deleted_at) throw new InputError(`“${unitName}”${year} 年的报告没有被删除`);
        reportsDb.updateReportRow(this.db, row.id, { deleted_at: null });
        this.refreshCounts(row.id);
        this.refreshNext(row.unit_id, year);
      })
      .immediate();
  }

  /** Deletes a unit with all its reports, restorably (undeleteUnit brings back exactly the reports deleted with it). */
  deleteUnit(name: string): { reports: number } {
    return this.db
      .transaction(() => {
        const unit = this.unitRow(name);
        const now = this.now();
        const reports = reportsDb.liveReportRowsOfUnit(this.db, unit.id);
        for (const r of reports) reportsDb.updateReportRow(this.db, r.id, { deleted_at: now });
        unitsDb.setUnitDeleted(this.db, unit.id, now);
        return { reports: reports.length };
      })
      .immediate();
  }

  undeleteUnit(name: string): { reports: number } {
    return this.db
      .transaction(() => {
        const unit = unitsDb.unitByName(this.db, name.trim());
        if (!unit) throw new NotFoundError(`档案中没有单位“${name}”`);
        if (!unit.deleted_at) throw new InputError(`单位“${unit.name}”没有被删除`);
        const reports = reportsDb.reportRowsDeletedAt(this.db, unit.id, unit.deleted_at);
        unitsDb.setUnitDeleted(this.db, unit.id, null);
        for (const r of reports) reportsDb.updateReportRow(this.db, r.id, { deleted_at: null });
        for (const r of reports) this.refreshCounts(r.id);
        return { reports: reports.length };
      })
      .immediate();
  }

  deleted(): DeletedItems {
    const units = unitsDb.deletedUnits(this.db);
    const goneWith = new Map(units.map((u) => [u.id, u.deleted_at]));
    const rows = reportsDb.deletedReportRows(this.db);
    return {
      units: units.map((u) => ({
        name: u.name,
        deletedAt: u.deleted_at!,
        reports: rows.filter((r) => r.unit_id === u.id && r.deleted_at === u.deleted_at).length,
      })),
      // A report of a deleted unit comes back with its unit, so it is listed there.
      reports: rows
        .filter((r) => !goneWith.has(r.unit_id))
        .map((r) => ({ unit: unitsDb.unitById(this.db, r.unit_id)!.name, year: r.year, deletedAt: r.deleted_at! })),
    };
  }

  overview(): Overview {
    const reports = reportsDb.overviewRows(this.db);
    return { units: this.listUnits(), years: [...new Set(reports.map((r) => r.year))].sort((a, b) => a - b), reports };
  }

  // ---- history

  history(unitName: string, year: number) {
    return revisionsDb
      .listRevisions(this.db, this.row(unitName, year).id)
      .map((r) => ({ number: r.number, createdAt: r.created_at, note: r.note }));
  }

  revision(unitName: string, year: number, number: number): { report: Report; provenance: Record<string, string> } {
    const rev = revisionsDb.revision(this.db, this.row(unitName, year).id, number);
    if (!rev) throw new NotFoundError(`“${unitName}”${year} 年的报告没有第 ${number} 版`);
    return JSON.parse(rev.snapshot);
  }

  diff(unitName: string, year: number, from: number, to: number): ReportDiff {
    return diffReports(this.revision(unitName, year, from).report, this.revision(unitName, year, to).report);
  }

  /** Brings back an earlier revision as a new revision; nothing is lost. */
  restoreRevision(unitName: string, year: number, number: number): SaveResult {
    const { report, provenance } = this.revision(unitName, year, number);
    this.assertUnlocked(this.row(unitName, year), '恢复旧版本');
    return this.save(report, { provenance, note: `恢复为第 ${number} 版` });
  }

  // ---- dismissed warnings

  dismiss(unitName: string, year: number, finding: Pick<Finding, 'rule' | 'cells'>, reason: string): void {
    const row = this.row(unitName, year);
    this.assertUnlocked(row, '忽略警告');
    const current = this.findingsOf(row.id).find((f) => f.rule === finding.rule && findingCells(f.cells) === findingCells(finding.cells));
    if (!current) throw new InputError(`报告中没有这条问题（${finding.rule}），无法忽略`);
    if (current.severity === 'error') throw new InputError(`${finding.rule} 是错误，不能忽略，只能改正：${current.message}`);
    const problem = reasonProblem(reason);
    if (problem) throw new InputError(problem);
    this.db
      .transaction(() => {
        dismissalsDb.upsertDismissal(this.db, {
          report_id: row.id,
          rule: finding.rule,
          cells: findingCells(finding.cells),
          reason: reason.trim(),
          created_at: this.now(),
        });
        this.refreshCounts(row.id);
      })
      .immediate();
  }

  undismiss(unitName: string, year: number, finding: Pick<Finding, 'rule' | 'cells'>): void {
    const row = this.row(unitName, year);
    this.assertUnlocked(row, '恢复已忽略的警告');
    this.db
      .transaction(() => {
        dismissalsDb.deleteDismissal(this.db, row.id, finding.rule, findingCells(finding.cells));
        this.refreshCounts(row.id);
      })
      .immediate();
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
