// Findings of stored reports: validation with the previous year, dismissed warnings, and the one place where the
// cached error/warning counts are recounted after any change (afterChange).
import type { Report } from '../../shared/report';
import { countFindings, findingCells, reasonProblem, validate, type DismissedFinding, type Finding } from '../../shared/validation';
import * as dismissalsDb from '../db/dismissals';
import * as reportsDb from '../db/reports';
import type { ReportRow } from '../db/reports';
import { InputError } from '../errors';
import type { ArchiveContext } from './lookup';

/**
 * What changed: one report's content, presence or status (its counts and the next year's, whose R5/R6 read it,
 * are recounted), or a unit as a whole (its kind, its deletion: every report of it).
 */
export type Change = { unitId: number; year: number } | { unitId: number };

export class FindingsService {
  /**
   * During a batch (ReportsService.saveMany): each report saved so far as the tables now hold it, by id, so a later
   * report of the batch reads its previous year (and a recount its report) from memory instead of the tables.
   */
  private written: Map<number, Report> | null = null;

  constructor(private readonly ctx: ArchiveContext) {}

  private get db() {
    return this.ctx.db;
  }

  /** Runs a batch of saves (inside its transaction) with the memory of what it wrote; forgotten when it ends. */
  inBatch<T>(run: () => T): T {
    this.written = new Map();
    try {
      return run();
    } finally {
      this.written = null;
    }
  }

  /**
   * Recounts the reports a change affects. Every mutation of the archive ends here, inside its transaction.
   * `report` is the changed report as just written (saves reading it back); its findings are returned. `stored`
   * is what the tables now hold for it (stateAsStored), kept for the rest of a batch.
   */
  afterChange(change: Change, report?: Report, stored?: Report): DismissedFinding[] {
    if (!('year' in change)) {
      // A unit changed as a whole (its kind, its name): what a batch remembered of its reports may be stale.
      this.written?.clear();
      for (const r of reportsDb.liveReportRowsOfUnit(this.db, change.unitId)) this.recount(r);
      return [];
    }
    const row = reportsDb.reportRow(this.db, change.unitId, change.year);
    if (this.written && row) {
      if (stored) this.written.set(row.id, stored);
      else this.written.delete(row.id);
    }
    const findings = row && !row.deleted_at ? this.recount(row, report) : [];
    const next = reportsDb.reportRow(this.db, change.unitId, change.year + 1);
    if (next && !next.deleted_at) this.recount(next);
    return findings;
  }

  private recount(row: ReportRow, report?: Report): DismissedFinding[] {
    const findings = this.findingsOfRow(row, report);
    const n = countFindings(findings.filter((f) => !f.dismissed));
    // Unchanged counts are not written again: the row and its summary triggers are left alone.
    if (n.error !== row.error_count || n.warning !== row.warning_count)
      reportsDb.updateReportRow(this.db, row.id, { error_count: n.error, warning_count: n.warning });
    return findings;
  }

  /** Findings of a stored report, with the same unit's previous year, dismissed warnings marked. */
  findingsOf(reportId: number, report?: Report): DismissedFinding[] {
    return this.findingsOfRow(reportsDb.reportRowById(this.db, reportId)!, report);
  }

  private findingsOfRow(row: ReportRow, report?: Report): DismissedFinding[] {
    const current = report ?? this.storedReport(row);
    const prevRow = reportsDb.reportRow(this.db, row.unit_id, row.year - 1);
    const previous = prevRow && !prevRow.deleted_at ? this.storedReport(prevRow) : undefined;
    const dismissed = new Map(dismissalsDb.listDismissals(this.db, row.id).map((d) => [`${d.rule}|${d.cells}`, d]));
    return validate(current, { previous }).map((f) => {
      const d = f.severity === 'error' ? undefined : dismissed.get(`${f.rule}|${findingCells(f.cells)}`);
      return d ? { ...f, dismissed: { reason: d.reason, at: d.created_at } } : f;
    });
  }

  private storedReport(row: ReportRow): Report {
    return this.written?.get(row.id) ?? reportsDb.readState(this.db, row.id, row).report;
  }

  /** Validates a stored report with the same unit's previous year, marking dismissed warnings. */
  validateStored(unitName: string, year: number): DismissedFinding[] {
    return this.findingsOf(this.ctx.reportRow(unitName, year).id);
  }

  dismiss(unitName: string, year: number, finding: Pick<Finding, 'rule' | 'cells'>, reason: string): void {
    this.db
      .transaction(() => {
        const row = this.ctx.reportRow(unitName, year);
        this.ctx.assertUnlocked(row, '忽略警告');
        const current = this.findingsOf(row.id).find(
          (f) => f.rule === finding.rule && findingCells(f.cells) === findingCells(finding.cells),
        );
        if (!current) throw new InputError(`报告中没有这条问题（${finding.rule}），无法忽略`);
        if (current.severity === 'error') throw new InputError(`${finding.rule} 是错误，不能忽略，只能改正：${current.message}`);
        const problem = reasonProblem(reason);
        if (problem) throw new InputError(problem);
        dismissalsDb.upsertDismissal(this.db, {
          report_id: row.id,
          rule: finding.rule,
          cells: findingCells(finding.cells),
          reason: reason.trim(),
          created_at: this.ctx.now(),
        });
        this.afterChange({ unitId: row.unit_id, year });
      })
      .immediate();
  }

  undismiss(unitName: string, year: number, finding: Pick<Finding, 'rule' | 'cells'>): void {
    this.db
      .transaction(() => {
        const row = this.ctx.reportRow(unitName, year);
        this.ctx.assertUnlocked(row, '恢复已忽略的警告');
        dismissalsDb.deleteDismissal(this.db, row.id, finding.rule, findingCells(finding.cells));
        this.afterChange({ unitId: row.unit_id, year });
      })
      .immediate();
  }
}
