// Units of the archive: adding, renaming, kind and parent, deletion with their reports. A change that affects
// findings (kind: R11; deletion) is recounted through FindingsService.afterChange; a rename or kind change keeps
// the revisions exact (they are stored against the current state, which names the unit).
import type { UnitView } from '../../shared/api';
import { UNIT_KIND_LABELS, type UnitKind } from '../../shared/report';
import * as reportsDb from '../db/reports';
import * as unitsDb from '../db/units';
import { InputError, NotFoundError } from '../errors';
import type { FindingsService } from './findings';
import type { RevisionLog } from './history';
import type { ArchiveContext } from './lookup';

const UNIT_KINDS_BY_LABEL = new Map(Object.entries(UNIT_KIND_LABELS).map(([k, v]) => [v, k as UnitKind]));

/** Accepts government/department/… or the Chinese labels 人民政府/部门/乡镇街道/其他. */
export function parseUnitKind(kind: string): UnitKind {
  if (kind in UNIT_KIND_LABELS) return kind as UnitKind;
  const k = UNIT_KINDS_BY_LABEL.get(kind);
  if (!k) throw new InputError(`未知的单位类型“${kind}”（可用：${Object.values(UNIT_KIND_LABELS).join('、')}）`);
  return k;
}

export class UnitsService {
  constructor(
    private readonly ctx: ArchiveContext,
    private readonly log: RevisionLog,
    private readonly findings: FindingsService,
  ) {}

  private get db() {
    return this.ctx.db;
  }

  /** Units in use with their parents' names: one query, however many units. */
  listUnits(): UnitView[] {
    return unitsDb.listUnitsWithParents(this.db).map((u) => ({ id: u.id, name: u.name, kind: u.kind, parent: u.parent, code: u.code }));
  }

  unit(name: string): UnitView {
    return this.ctx.toUnit(this.ctx.unitRow(name));
  }

  addUnit(input: { name: string; kind: UnitKind; parent?: string | null; code?: string | null }): UnitView {
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
      created_at: this.ctx.now(),
    });
    return this.ctx.toUnit(unitsDb.unitById(this.db, id)!);
  }

  updateUnit(name: string, change: { name?: string; kind?: UnitKind; parent?: string | null; code?: string | null }): UnitView {
    return this.db
      .transaction(() => {
        // By the trimmed name, as unit() finds it: ' 乙局 ' is 乙局.
        const row = this.ctx.unitRow(name);
        const newName = change.name?.trim() ?? row.name;
        if (!newName) throw new InputError('单位名称不能为空');
        if (newName !== row.name && unitsDb.unitByName(this.db, newName)) throw new InputError(`单位“${newName}”已经存在`);
        const parentId = change.parent === undefined ? row.parent_id : change.parent ? this.unit(change.parent).id : null;
        if (parentId === row.id) throw new InputError('上级单位不能是它自己');
        if (parentId !== null && parentId !== row.parent_id) this.assertNoCycle(row, parentId);
        const kind = change.kind ?? row.kind;
        // The name and kind are part of every report's state: the revisions are kept against the new one.
        const named = newName !== row.name || kind !== row.kind;
        const reports = named ? reportsDb.reportRowsOfUnit(this.db, row.id).map((r) => this.log.beforeWrite(r.id)) : [];
        unitsDb.updateUnit(this.db, row.id, {
          name: newName,
          kind,
          parent_id: parentId,
          code: change.code === undefined ? row.code : change.code,
        });
        for (const before of reports) this.log.afterWrite(before);
        if (kind !== row.kind) this.findings.afterChange({ unitId: row.id });
        return this.ctx.toUnit(unitsDb.unitById(this.db, row.id)!);
      })
      .immediate();
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

  /** Deletes a unit with all its reports, restorably (undeleteUnit brings back exactly the reports deleted with it). */
  deleteUnit(name: string): { reports: number } {
    return this.db
      .transaction(() => {
        const unit = this.ctx.unitRow(name);
        const now = this.ctx.now();
        const reports = reportsDb.liveReportRowsOfUnit(this.db, unit.id);
        for (const r of reports) reportsDb.updateReportRow(this.db, r.id, { deleted_at: now });
        unitsDb.setUnitDeleted(this.db, unit.id, now);
        this.findings.afterChange({ unitId: unit.id });
        return { reports: reports.length };
      })
      .immediate();
  }

  undeleteUnit(name: string): { reports: number } {
    return this.db
      .transaction(() => {
        const unit = unitsDb.unitByName(this.db, name.trim());
        if (!unit) throw new NotFoundError(`档案中没有单位“${name.trim()}”`);
        if (!unit.deleted_at) throw new InputError(`单位“${unit.name}”没有被删除`);
        const reports = reportsDb.reportRowsDeletedAt(this.db, unit.id, unit.deleted_at);
        unitsDb.setUnitDeleted(this.db, unit.id, null);
        for (const r of reports) reportsDb.updateReportRow(this.db, r.id, { deleted_at: null });
        this.findings.afterChange({ unitId: unit.id });
        return { reports: reports.length };
      })
      .immediate();
  }
}
