// 报送 and 退回 between a unit and its collecting office: writing packages from the archive, previewing and
// accepting received ones, and the record of every exchange. The archive service does the storing.
import { existsSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  ExchangeBoardView,
  ExchangePreviewView,
  ExchangeView as ExchangeViewApi,
  OpenReturnView,
  PackageWrittenView,
  ReceiveResultView,
} from '../../shared/api';
import { getTemplate } from '../../shared/template';
import type { DismissedFinding } from '../../shared/validation';
import * as exchangeDb from '../db/exchange';
import type { ExchangeDirection, ExchangeRow } from '../db/exchange';
import * as unitsDb from '../db/units';
import { InputError, LockedError, NotFoundError } from '../errors';
import { reportBuffer } from '../excel/write-report';
import { systemClock, type Archive, type Clock, type StoredReport } from '../services/archive';
import { diffReports } from '../services/diff';
import { nearNamesShown, nearUnitNames, unitIndex } from '../services/import-plan';
import { APP_VERSION } from '../version';
import {
  errorListName,
  errorListWorkbook,
  packageFileName,
  readPackage,
  reportWorkbookName,
  writePackage,
  type PackageContents,
  type PackageDismissal,
  type PackageKind,
  type ReadPackage,
  type ReturnReasons,
} from './package';
import { ZIP_LIMITS } from './zip';

export const DIRECTION_LABELS: Record<ExchangeDirection, string> = { sent: '已报送', received: '已接收', returned: '已退回' };

// The shapes the renderer receives are the contract's (src/shared/api.ts).
export type ExchangeView = ExchangeViewApi;
export type PackageWritten = PackageWrittenView;
export type ExchangePreview = ExchangePreviewView;
export type ReceiveResult = ReceiveResultView;
export type OpenReturn = OpenReturnView;
export type ExchangeBoardRow = ExchangeBoardView;

export interface ReturnInput {
  general: string[];
  cells: { key: string; reason: string }[];
}

/** Writes the file next to its final name first, so a failure never leaves half a package under that name. */
function writeAtomic(out: string, data: Buffer): void {
  const part = `${out}.part`;
  writeFileSync(part, data);
  renameSync(part, out);
}

const dismissalsOf = (findings: DismissedFinding[]): PackageDismissal[] =>
  findings.filter((f) => f.dismissed).map((f) => ({ rule: f.rule, cells: f.cells, reason: f.dismissed!.reason, at: f.dismissed!.at }));

export class ExchangeService {
  constructor(
    private readonly archive: Archive,
    private readonly clock: Clock = systemClock,
  ) {}

  private get db() {
    return this.archive.db;
  }

  private unitId(name: string): number {
    return this.archive.unit(name).id;
  }

  private record(unit: string, year: number, e: Omit<ExchangeRow, 'id' | 'unit_id' | 'year' | 'created_at'>): void {
    exchangeDb.insertExchange(this.db, { ...e, unit_id: this.unitId(unit), year, created_at: this.clock.now().toISOString() });
  }

  private async contents(s: StoredReport, kind: PackageKind, reasons?: ReturnReasons, revision = s.revision): Promise<PackageContents> {
    const findings = this.archive.validateStored(s.unit.name, s.year);
    const now = this.clock.now();
    const workbooks = [
      {
        name: reportWorkbookName(s.unit.name, s.year),
        data: await reportBuffer(s.report, { appVersion: APP_VERSION, status: s.status, provenance: s.provenance, now }),
      },
    ];
    if (kind === 'return' && reasons)
      workbooks.push({ name: errorListName(s.unit.name, s.year), data: await errorListWorkbook(s.report, findings, reasons) });
    return {
      kind,
      unit: { name: s.unit.name, kind: s.unit.kind, parent: s.unit.parent },
      year: s.year,
      revision,
      report: s.report,
      findings,
      dismissals: dismissalsOf(findings),
      reasons,
      workbooks,
    };
  }

  /** 报送: the unit's report as a package written to `out`; recorded as 已报送. */
  async send(unit: string, year: number, out: string): Promise<PackageWritten> {
    const s = this.archive.get(unit, year);
    const data = await writePackage(await this.contents(s, 'send'), { appVersion: APP_VERSION, now: this.clock.now() });
    return this.writeAndRecord(out, data, s, 'sent', null, s.revision);
  }

  private writeAndRecord(
    out: string,
    data: Buffer,
    s: StoredReport,
    direction: ExchangeDirection,
    reasons: ReturnReasons | null,
    revision: number,
    alsoInTransaction?: () => void,
  ): PackageWritten {
    writeAtomic(out, data);
    const sha256 = readPackage(data, basename(out)).sha256;
    try {
      this.db
        .transaction(() => {
          this.record(s.unit.name, s.year, {
            direction,
            revision,
            package_sha256: sha256,
            file: basename(out),
            reasons: reasons ? JSON.stringify(reasons) : null,
          });
          alsoInTransaction?.();
        })
        .immediate();
    } catch (e) {
      // Not recorded: the package must not travel as if it had been.
      rmSync(out, { force: true });
      throw e;
    }
    return { file: out, unit: s.unit.name, year: s.year, revision, sha256 };
  }

  /** 退回: the office returns a unit's report with its reasons and the 差错清单; recorded as 已退回, unlocked here. */
  async returnTo(unit: string, year: number, input: ReturnInput, out: string): Promise<PackageWritten> {
    const s = this.archive.get(unit, year);
    const t = getTemplate(s.report.template);
    const general = input.general.map((g) => g.trim()).filter(Boolean);
    const cells = input.cells.map((c) => ({ key: c.key.trim(), reason: c.reason.trim() }));
    for (const c of cells) {
      if (!t.cellByKey.has(c.key)) throw new InputError(`单元格“${c.key}”不在 ${t.name} 中（可用 nianbao template ${t.id} 查看单元格键）`);
      if (!c.reason) throw new InputError(`单元格“${t.cellByKey.get(c.key)!.name}”的退回理由为空`);
    }
    if (!general.length && !cells.length) throw new InputError('请写明退回理由（总体理由或某个单元格的理由）');
    const reasons: ReturnReasons = { general, cells: cells.map((c) => ({ ...c, name: t.cellByKey.get(c.key)!.name })) };
    const received = exchangeDb.latestExchange(this.db, s.unit.id, year, 'received');
    const revision = received?.revision ?? s.revision;
    const data = await writePackage(await this.contents(s, 'return', reasons, revision), {
      appVersion: APP_VERSION,
      now: this.clock.now(),
    });
    return this.writeAndRecord(out, data, s, 'returned', reasons, revision, () => {
      // Part of the return, which the exchanges table records: no revision of its own.
      if (s.status === 'final') this.archive.setStatus(s.unit.name, year, 'draft', { recordRevision: false });
    });
  }

  /** Reads and checks a package file; throws a Chinese InputError when it cannot be received. */
  private load(file: string): ReadPackage {
    if (!existsSync(file)) throw new NotFoundError(`找不到报送包：${file}`);
    const size = statSync(file).size;
    if (size > ZIP_LIMITS.maxPackageBytes)
      throw new InputError(`报送包 ${basename(file)} 不能接收：文件过大（${(size / 1048576).toFixed(1)} MB）。没有存入任何内容。`);
    return readPackage(readFileSync(file), basename(file));
  }

  /** What receiving the package would do, without storing anything. */
  preview(file: string, options: { asUnit?: string } = {}): ExchangePreview {
    return this.previewOf(file, this.asUnit(this.load(file), basename(file), options.asUnit));
  }

  /**
   * A unit's own archive may spell its name otherwise than the office's (区教育局 for 某区教育局): the office
   * receives the package as one of its units, named by `asUnit`, never adding a second unit beside the real one.
   */
  private asUnit(p: ReadPackage, label: string, asUnit: string | undefined): ReadPackage {
    if (!asUnit || asUnit === p.unit.name) return p;
    const row = unitsDb.unitByName(this.db, asUnit);
    if (!row || row.deleted_at) throw new NotFoundError(`报送包 ${label} 不能按“${asUnit}”接收：档案中没有这个单位。没有存入任何内容。`);
    return { ...p, unit: { ...p.unit, name: row.name }, report: { ...p.report, unit: row.name } };
  }

  private previewOf(file: string, p: ReadPackage): ExchangePreview {
    const label = basename(file);
    const existing = this.archive.find(p.unit.name, p.year);
    const unitRow = unitsDb.unitByName(this.db, p.unit.name);
    const notes: string[] = [];
    const nearUnits = unitRow ? [] : nearUnitNames(unitIndex(this.archive), p.unit.name);
    if (nearUnits.length)
      notes.push(
        `档案中没有单位“${p.unit.name}”，与已有的${nearNamesShown(nearUnits)}相近：如是同一单位，请按档案中的名称接收；如确是新单位，请先在“单位”页添加“${p.unit.name}”`,
      );
    if (p.kind === 'return' && !existing)
      throw new NotFoundError(
        `退回包 ${label} 不能接收：本档案中没有“${p.unit.name}”${p.year} 年的报告（退回包应由报送的单位接收）。没有存入任何内容。`,
      );
    const lastReceived = unitRow && exchangeDb.latestExchange(this.db, unitRow.id, p.year, 'received');
    const older = p.kind === 'send' && !!lastReceived && p.revision < lastReceived.revision;
    if (older) notes.push(`这个报送包比档案中的版本旧（报送包为第 ${p.revision} 版，档案中已接收第 ${lastReceived.revision} 版）`);
    const alreadyReceived = !!unitRow && !!exchangeDb.exchangeBySha(this.db, unitRow.id, p.year, p.sha256);
    if (alreadyReceived) notes.push('这个报送包已经接收过');
    if (p.kind === 'send' && existing?.status === 'final')
      notes.push(`档案中“${p.unit.name}”${p.year} 年的报告已定稿（已接收），要接收新的报送包请先退回或取消定稿`);
    const open = p.findings.filter((f) => f.severity === 'error' || (f.severity === 'warning' && !f.dismissed));
    const openErrors = open.filter((f) => f.severity === 'error').length;
    const openWarnings = open.length - openErrors;
    // Only the kinds there are: "2 项错误", not "2 项错误、0 项未说明的警告".
    if (open.length)
      notes.push(
        `${p.kind === 'send' ? '报送时' : '退回时'}有 ${[openErrors && `${openErrors} 项错误`, openWarnings && `${openWarnings} 项未说明的警告`].filter(Boolean).join('、')}`,
      );
    return {
      file,
      kind: p.kind,
      unit: p.unit.name,
      unitKind: p.unit.kind,
      parent: p.unit.parent,
      year: p.year,
      revision: p.revision,
      createdAt: p.manifest.createdAt,
      createdAtLocal: p.manifest.createdAtLocal,
      appVersion: p.manifest.appVersion,
      sha256: p.sha256,
      existing: existing ? { revision: existing.revision, status: existing.status } : null,
      diff: existing ? diffReports(existing.report, p.report) : null,
      older,
      alreadyReceived,
      report: p.report,
      findings: p.findings,
      dismissals: p.dismissals,
      reasons: p.reasons ?? null,
      notes,
      nearUnits,
    };
  }

  /**
   * Receives a package: a 报送包 at the office is stored as a new revision, its explained warnings with it, and
   * locked (已接收); a 退回包 at the unit records the reasons (已退回) and unlocks the report for fixing. All in one
   * transaction; a refused package stores nothing.
   */
  receive(file: string, options: { dryRun?: boolean; year?: number; allowOlder?: boolean; asUnit?: string } = {}): ReceiveResult {
    const label = basename(file);
    const p = this.asUnit(this.load(file), label, options.asUnit);
    if (options.year !== undefined && p.year !== options.year)
      throw new InputError(`报送包 ${label} 不能接收：它是 ${p.year} 年的报告，而不是 ${options.year} 年的。没有存入任何内容。`);
    const preview = this.previewOf(file, p);
    if (options.dryRun) return { status: 'previewed', preview, revision: null };
    if (preview.alreadyReceived) return { status: 'already_received', preview, revision: null };
    if (preview.nearUnits.length) throw new InputError(`报送包 ${label} 没有接收：${preview.notes[0]}。没有存入任何内容。`);
    if (p.kind === 'return') {
      this.db
        .transaction(() => {
          this.record(p.unit.name, p.year, {
            direction: 'returned',
            revision: p.revision,
            package_sha256: p.sha256,
            file: label,
            reasons: JSON.stringify(p.reasons),
          });
          if (preview.existing?.status === 'final') this.archive.setStatus(p.unit.name, p.year, 'draft', { recordRevision: false });
        })
        .immediate();
      return { status: 'accepted', preview, revision: null };
    }
    if (preview.older && !options.allowOlder)
      throw new InputError(`报送包 ${label} 没有接收：${preview.notes[0]}。如确需接收旧版本，请确认后重试（命令行加 --force）。`);
    if (preview.existing?.status === 'final')
      throw new LockedError(
        `报送包 ${label} 没有接收：档案中“${p.unit.name}”${p.year} 年的报告已定稿（已接收）。要接收新的报送包，请先退回或取消定稿。`,
      );
    const revision = this.db
      .transaction(() => {
        const isNewUnit = !unitsDb.unitByName(this.db, p.unit.name);
        const saved = this.archive.save(p.report, {
          note: `接收报送包 ${label}（报送方第 ${p.revision} 版，${p.manifest.createdAtLocal}）`,
          source: { kind: 'json', file: label },
          provenance: {},
          unitKind: p.unit.kind,
        });
        if (isNewUnit && p.unit.parent && unitsDb.unitByName(this.db, p.unit.parent))
          this.archive.updateUnit(p.unit.name, { parent: p.unit.parent });
        // The explanations arrive as the unit wrote them: this archive's own earlier ones for the report give way.
        for (const f of saved.findings.filter((x) => x.dismissed)) this.archive.undismiss(p.unit.name, p.year, f);
        for (const d of p.dismissals) {
          try {
            this.archive.dismiss(p.unit.name, p.year, d, d.reason);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            preview.notes.push(`单位对 ${d.rule} 的说明在本档案中没有对应的问题，未记入：${d.reason}`);
          }
        }
        // Locked as received (errors and all: they are the sender's); the receive revision above names the event.
        this.archive.setStatus(p.unit.name, p.year, 'final', { confirmErrors: true, recordRevision: false });
        this.record(p.unit.name, p.year, {
          direction: 'received',
          revision: p.revision,
          package_sha256: p.sha256,
          file: label,
          reasons: null,
        });
        return saved.revision;
      })
      .immediate();
    return { status: 'accepted', preview, revision };
  }

  /** Sends and returns of one unit's report for a year, newest first. */
  history(unit: string, year: number): ExchangeView[] {
    return exchangeDb.listExchanges(this.db, this.unitId(unit), year).map((r) => ({
      id: r.id,
      direction: r.direction,
      label: DIRECTION_LABELS[r.direction],
      revision: r.revision,
      file: r.file,
      sha256: r.package_sha256,
      createdAt: r.created_at,
      reasons: r.reasons ? (JSON.parse(r.reasons) as ReturnReasons) : null,
    }));
  }

  /** Where each unit's report of a year stands (its latest exchange), for the board. */
  board(year: number): ExchangeBoardRow[] {
    return exchangeDb.latestByUnit(this.db, year).map((r) => ({
      unit: r.unit,
      direction: r.direction,
      label: DIRECTION_LABELS[r.direction],
      revision: r.revision,
      createdAt: r.created_at,
    }));
  }

  /** The latest return of the report, with its reasons per cell, or null when it was never returned. */
  lastReturn(unit: string, year: number): OpenReturn | null {
    const id = this.unitId(unit);
    const r = exchangeDb.latestExchange(this.db, id, year, 'returned');
    if (!r) return null;
    const reasons = JSON.parse(r.reasons ?? '{"general":[],"cells":[]}') as ReturnReasons;
    const sent = exchangeDb.latestExchange(this.db, id, year, 'sent');
    return {
      at: r.created_at,
      revision: r.revision,
      general: reasons.general,
      cells: Object.fromEntries(reasons.cells.map((c) => [c.key, c.reason])),
      answered: !!sent && sent.id > r.id,
    };
  }
}

export { packageFileName };
