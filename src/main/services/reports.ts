// Reports of the archive: reading, saving (one transaction each, or all-or-nothing for a batch), drafts, 定稿,
// deletion. Every change records its revision (RevisionLog) and is recounted (FindingsService.afterChange).
import type { UnitView } from '../../shared/api';
import { emptyReport, NOT_APPLICABLE, parseReport, type Report, type UnitKind } from '../../shared/report';
import { getTemplate, templateForYear, type TemplateId } from '../../shared/template';
import type { DismissedFinding } from '../../shared/validation';
import * as reportsDb from '../db/reports';
import { BatchIndexer, type SectionIndexer } from '../db/search';
import type { ReportRow, ReportStatus, SourceKind } from '../db/reports';
import * as unitsDb from '../db/units';
import { ConflictError, InputError } from '../errors';
import type { FindingsService } from './findings';
import type { RevisionLog } from './history';
import type { ArchiveContext } from './lookup';

export interface StoredReport {
  id: number;
  unit: UnitView;
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

export interface SaveResult {
  id: number;
  revision: number;
  findings: DismissedFinding[];
}

/** What the 已删除 list holds: deleted units (with how many reports went with them) and deleted reports of units in use. */
export interface DeletedItems {
  units: { name: string; deletedAt: string; reports: number }[];
  reports: { unit: string; year: number; deletedAt: string }[];
}

export class ReportsService {
  constructor(
    private readonly ctx: ArchiveContext,
    private readonly log: RevisionLog,
    private readonly findings: FindingsService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  private stored(row: ReportRow): StoredReport {
    const unit = this.ctx.toUnit(unitsDb.unitById(this.db, row.unit_id)!);
    const contents = reportsDb.readContents(this.db, row.id);
    return {
      id: row.id,
      unit,
      year: row.year,
      status: row.status,
      revision: row.revision,
      source: { kind: row.source_kind, file: row.source_file },
      report: reportsDb.buildReport(row, unit, contents),
      provenance: contents.provenance,
      updatedAt: row.updated_at,
      deleted: row.deleted_at !== null,
    };
  }

  /** The stored report, or undefined when the archive has none (or it was deleted). */
  find(unitName: string, year: number): StoredReport | undefined {
    const unit = unitsDb.unitByName(this.db, unitName.trim());
    const row = unit && reportsDb.reportRow(this.db, unit.id, year);
    return row && !row.deleted_at ? this.stored(row) : undefined;
  }

  get(unitName: string, year: number): StoredReport {
    return this.stored(this.ctx.reportRow(unitName, year));
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
        this.findings.inBatch(() => {
          const index = new BatchIndexer(this.db);
          const results = items.map((item, i) => {
            const result = this.saveInTransaction(item.report, item.options ?? {}, index);
            onProgress?.(i + 1);
            return result;
          });
          index.flush();
          return results;
        }),
      )
      .immediate();
  }

  private saveInTransaction(report: Report, options: SaveOptions, index?: SectionIndexer): SaveResult {
    const checked = parseReport(report);
    if (!checked.ok) throw new InputError(`报告有误：\n${checked.errors.map((e) => `  - ${e}`).join('\n')}`);
    const r = checked.report;
    if (!r.unit?.trim()) throw new InputError('报告没有写明单位（unit），无法存入档案');
    if (r.year === null) throw new InputError('报告没有写明年度（year），无法存入档案');
    const unitName = r.unit.trim();
    const year = r.year;
    const now = this.ctx.now();
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
      !this.log.sameContent(row.id, options.baseRevision)
    ) {
      throw new ConflictError(
        `保存冲突：“${unitName}”${year} 年的报告已被保存为第 ${row.revision} 版（可能在另一个窗口或命令行中），而你的修改基于第 ${options.baseRevision} 版。为免覆盖他人的修改，本次没有保存；请重新打开报告后再改。`,
        row.revision,
      );
    }
    if (row && !row.deleted_at) this.ctx.assertUnlocked(row, '修改');
    const source = options.source ?? { kind: 'typed' as const };
    const fresh = !row;
    // Every save gets a new number, so a baseRevision from anyone else stays detectable even within a burst.
    const revision = (row?.revision ?? 0) + 1;
    if (!row) {
      // A new report's row is written whole at once: no second write of it (its summary triggers run once).
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
        revision,
      });
      row = reportsDb.reportRowById(this.db, id)!;
    }
    const before = this.log.beforeWrite(row.id, fresh);
    // A report that does not say its scope (an older file, a text import) keeps the stored one.
    const scope = r.scope ?? row.scope;
    const provenance = options.provenance ?? (options.source || fresh ? {} : reportsDb.readContents(this.db, row.id).provenance);
    reportsDb.writeContents(this.db, row.id, year, r, provenance, fresh, index);
    if (!fresh)
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
    const session = options.note ? null : (options.session ?? null);
    const saved = { ...r, unit: unitName, unit_kind: unit.kind, scope };
    // Within a burst of the same session, the new revision replaces the previous unnamed one.
    const stored = reportsDb.stateAsStored({ template: r.template, year, published: r.published, scope }, unit, r, provenance);
    this.log.afterWrite(
      before,
      {
        number: revision,
        note: options.note ?? null,
        session,
        state: { report: saved, provenance },
        amend: this.log.inBurst(before, session),
      },
      stored,
    );
    const findings = this.findings.afterChange({ unitId: unit.id, year }, saved, stored.report);
    return { id: row.id, revision, findings };
  }

  /** A new, unsaved report for a unit and year: 二、上年结转 pre-filled from last year's 四、结转下年度继续办理. */
  draft(
    unitName: string,
    year: number,
    template: TemplateId = templateForYear(year),
  ): { report: Report; provenance: Record<string, string> } {
    const unit = this.ctx.toUnit(this.ctx.unitRow(unitName));
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
        const row = this.ctx.reportRow(unitName, year);
        if (row.status === status) return { revision: row.revision };
        let note = '取消定稿';
        if (status === 'final') {
          const errors = this.findings.findingsOf(row.id).filter((f) => f.severity === 'error');
          if (errors.length && !options.confirmErrors)
            throw new InputError(
              `报告还有 ${errors.length} 个错误，确认后才能定稿：\n${errors.map((f) => `  - ${f.rule} ${f.message}`).join('\n')}`,
            );
          note = errors.length ? `定稿（已确认 ${errors.length} 个错误）` : '定稿';
        }
        const now = this.ctx.now();
        let revision = row.revision;
        if (options.recordRevision !== false) {
          revision = row.revision + 1;
          this.log.recordEvent(row.id, revision, note);
        }
        reportsDb.updateReportRow(this.db, row.id, { status, revision, updated_at: now });
        this.findings.afterChange({ unitId: row.unit_id, year });
        return { revision };
      })
      .immediate();
  }

  /** Deleting keeps everything; the report can be brought back with undelete. */
  delete(unitName: string, year: number): void {
    this.db
      .transaction(() => {
        const row = this.ctx.reportRow(unitName, year);
        reportsDb.updateReportRow(this.db, row.id, { deleted_at: this.ctx.now() });
        this.findings.afterChange({ unitId: row.unit_id, year });
      })
      .immediate();
  }

  undelete(unitName: string, year: number): void {
    this.db
      .transaction(() => {
        const row = this.ctx.reportRow(unitName, year, true);
        if (!row.deleted_at) throw new InputError(`“${unitName.trim()}”${year} 年的报告没有被删除`);
        reportsDb.updateReportRow(this.db, row.id, { deleted_at: null });
        this.findings.afterChange({ unitId: row.unit_id, year });
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
}
