// The import wizard's list: one row per report found (a flat archive workbook holds many), its status, and
// whether it is included. Pure functions over the files read so far.
import type { ImportFileView, PlanOverridesArg, PlanView } from '../../../../shared/api';
import { reportKey, sameReportMessage } from '../../../../shared/import-rules';

export interface FileEntry {
  file: string;
  name: string;
  /** Null while the file is being read. */
  view: ImportFileView | null;
  /** Per plan of the file, in order. */
  overrides: PlanOverridesArg[];
  /** The plan request itself failed (not the file), in Chinese. */
  failure: string | null;
}

export type RowStatus = 'reading' | 'unreadable' | 'unchanged' | 'attention' | 'ready';

export const STATUS_LABELS: Record<RowStatus, string> = {
  reading: '正在读取',
  unreadable: '无法读取',
  unchanged: '与档案相同',
  attention: '需要处理',
  ready: '可以导入',
};
export const STATUS_COLORS: Record<RowStatus, string> = {
  reading: 'gray',
  unreadable: 'red',
  unchanged: 'gray',
  attention: 'orange',
  ready: 'green',
};

export interface Row {
  /** `file#index` */
  id: string;
  entry: FileEntry;
  index: number;
  plan: PlanView | null;
  status: RowStatus;
  /** Why it is not (or cannot be) imported, in Chinese; empty when ready. */
  reasons: string[];
  canInclude: boolean;
  included: boolean;
}

export const rowId = (file: string, index: number) => `${file}#${index}`;

/** A row's name in lists: the file, and which report of it when the file holds several. */
export const rowName = (r: Row) =>
  r.entry.view && r.entry.view.plans.length > 1
    ? `${r.entry.name}（第 ${r.index + 1} 份，共 ${r.entry.view.plans.length} 份）`
    : r.entry.name;

/** Messages name files by their full path; the person knows them by name. */
export function shortPaths(message: string, entries: FileEntry[]): string {
  let m = message;
  for (const e of entries) m = m.split(e.file).join(e.name);
  return m;
}

/**
 * The rows of all files. A ready report is included unless the person skipped it; of two reports for the same
 * unit and year only the first included one can be (the archive would keep just one).
 */
export function buildRows(entries: FileEntry[], skipped: ReadonlySet<string>): Row[] {
  const rows: Row[] = [];
  const taken = new Map<string, string>();
  for (const entry of entries) {
    const view = entry.view;
    if (!view || entry.failure || view.error || !view.plans.length) {
      const reason = entry.failure ?? view?.error ?? (view ? '文件中没有找到可导入的报告' : null);
      rows.push({
        id: rowId(entry.file, 0),
        entry,
        index: 0,
        plan: null,
        status: view || entry.failure ? 'unreadable' : 'reading',
        reasons: reason ? [shortPaths(reason, entries)] : [],
        canInclude: false,
        included: false,
      });
      continue;
    }
    view.plans.forEach((plan, index) => {
      const id = rowId(entry.file, index);
      const key = reportKey(plan.report);
      let status: RowStatus = plan.unchanged ? 'unchanged' : plan.status === 'ready' ? 'ready' : 'attention';
      const reasons =
        status === 'unchanged'
          ? [`与档案中的第 ${plan.existing?.revision} 版完全相同，无需导入`]
          : plan.problems.map((p) => shortPaths(p, entries));
      if (status === 'ready' && key && taken.has(key)) {
        status = 'attention';
        reasons.push(`${sameReportMessage(taken.get(key)!, plan.report.unit!, plan.report.year!)}：跳过那一份，或改正这一份的单位或年度`);
      }
      const canInclude = status === 'ready';
      const included = canInclude && !skipped.has(id);
      const row: Row = { id, entry, index, plan, status, reasons, canInclude, included };
      if (included && key) taken.set(key, rowName(row));
      rows.push(row);
    });
  }
  return rows;
}

export const counts = (fs: { severity: string }[]) => ({
  errors: fs.filter((f) => f.severity === 'error').length,
  warnings: fs.filter((f) => f.severity === 'warning').length,
});

/** Overrides without empty parts, as the API takes them. */
export function cleanOverrides(o: PlanOverridesArg | undefined): PlanOverridesArg | undefined {
  if (!o) return undefined;
  const out: PlanOverridesArg = {};
  if (o.unit?.trim()) out.unit = o.unit.trim();
  if (o.year !== undefined) out.year = o.year;
  if (o.unitKind) out.unitKind = o.unitKind;
  if (o.published !== undefined) out.published = o.published;
  if (o.values && Object.keys(o.values).length) out.values = o.values;
  return Object.keys(out).length ? out : undefined;
}
