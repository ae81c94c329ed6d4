// Finding units and reports by what a person names them, with the Chinese refusals every service gives.
import type { UnitView } from '../../shared/api';
import type { Db } from '../db/open';
import * as reportsDb from '../db/reports';
import type { ReportRow } from '../db/reports';
import * as unitsDb from '../db/units';
import { LockedError, NotFoundError } from '../errors';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** What every archive service works on: the connection and the clock. */
export class ArchiveContext {
  constructor(
    readonly db: Db,
    readonly clock: Clock = systemClock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /** A unit in use, by name (trimmed: ' 乙局 ' is 乙局); a deleted one says where to restore it. */
  unitRow(name: string): unitsDb.UnitRow {
    const row = unitsDb.unitByName(this.db, name.trim());
    if (!row) throw new NotFoundError(`档案中没有单位“${name.trim()}”（可用 nianbao unit list 查看已有单位）`);
    if (row.deleted_at) throw new NotFoundError(`单位“${row.name}”已删除；如需使用，请先在档案页的“已删除”中恢复`);
    return row;
  }

  toUnit(row: unitsDb.UnitRow): UnitView {
    const parent = row.parent_id ? (unitsDb.unitById(this.db, row.parent_id)?.name ?? null) : null;
    return { id: row.id, name: row.name, kind: row.kind, parent, code: row.code };
  }

  /** The report of a unit in use for a year; a deleted one only with `includeDeleted`. */
  reportRow(unitName: string, year: number, includeDeleted = false): ReportRow {
    const unit = this.unitRow(unitName);
    const row = reportsDb.reportRow(this.db, unit.id, year);
    if (!row || (row.deleted_at && !includeDeleted)) throw new NotFoundError(`档案中没有“${unit.name}”${year} 年的报告`);
    return row;
  }

  /** Refuses a change to a 定稿 report, saying how to unlock it. */
  assertUnlocked(row: ReportRow, what: string): void {
    if (row.status === 'final')
      throw new LockedError(
        `“${unitsDb.unitById(this.db, row.unit_id)!.name}”${row.year} 年的报告已定稿，不能${what}；如需修改请先取消定稿`,
      );
  }
}
