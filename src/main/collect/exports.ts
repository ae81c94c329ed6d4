// The collecting office's files, for the CLI and the app alike.
import type { Archive, Clock } from '../services/archive';
import { systemClock } from '../services/archive';
import { board } from './board';
import { unitErrors, yearErrors } from './errors-list';
import { summarize, writeSummaryFile } from './summary';
import { errorsWorkbook, reminderWorkbook } from './workbooks';

export interface Scope {
  year: number;
  parent?: string | null;
}

/** 催报单 of the units under a parent that are missing or failing; returns how many are listed. */
export async function exportReminder(archive: Archive, scope: Scope, path: string, clock: Clock = systemClock): Promise<number> {
  const b = board(archive, { ...scope, outliers: false, clock });
  const { workbook, count } = reminderWorkbook(b, clock.now());
  await workbook.xlsx.writeFile(path);
  return count;
}

/** 差错清单 of one unit, or of every failing unit of the year (under a parent); returns how many units it holds. */
export async function exportErrors(
  archive: Archive,
  scope: Scope & { unit?: string },
  path: string,
  clock: Clock = systemClock,
): Promise<number> {
  const lists = scope.unit ? [unitErrors(archive, scope.unit, scope.year)] : yearErrors(archive, scope.year, scope.parent ?? null);
  await errorsWorkbook(lists, clock.now()).xlsx.writeFile(path);
  return lists.length;
}

export async function exportSummary(archive: Archive, scope: { year: number; parent: string }, path: string, clock: Clock = systemClock) {
  const s = summarize(archive, scope);
  await writeSummaryFile(s, path, clock.now());
  return s;
}
