// The import wizard's list: one row per report found (a flat archive workbook holds many), its status, and
// whether it is included. Pure functions over the files read so far.
import type { DoubtView, ImportFileView, PlanOverridesArg, PlanView, SourceExcerpt } from '../../../../shared/api';
import { NOT_APPLICABLE, type CellValue, type Doubt } from '../../../../shared/report';
import { batchYear, otherYearMessage, otherYearNote, reportKey, sameReportMessage } from '../../../../shared/import-rules';
import type { Template } from '../../../../shared/template';

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
  /** A year other than the batch's that would change a stored report, held back until the person confirms it. */
  otherYear: number | null;
  /** Said of a ready row beside what will happen (a new report of another year than the batch's). */
  note: string | null;
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
  const usual = batchYear(entries.flatMap((e) => (e.failure ? [] : (e.view?.plans ?? []).map((p) => p.report.year))));
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
        otherYear: null,
        note: null,
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
      const year = plan.report.year;
      const other = status === 'ready' && usual !== null && year !== null && year !== usual && entry.overrides[index]?.year === undefined;
      const otherYear = other && plan.existing ? year : null;
      const note = other && !plan.existing ? otherYearNote(year!, usual!) : null;
      if (otherYear !== null) {
        status = 'attention';
        reasons.push(otherYearMessage(otherYear, usual!));
      }
      if (status === 'ready' && key && taken.has(key)) {
        status = 'attention';
        reasons.push(`${sameReportMessage(taken.get(key)!, plan.report.unit!, plan.report.year!)}：跳过那一份，或改正这一份的单位或年度`);
      }
      const canInclude = status === 'ready';
      const included = canInclude && !skipped.has(id);
      const row: Row = { id, entry, index, plan, status, reasons, canInclude, included, otherYear, note };
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

/** Every doubt of a plan as read, including those answered (older plan views carry the open ones only). */
export const doubtsOf = (plan: PlanView): DoubtView[] => plan.doubtList ?? (plan.report.doubts ?? []).map((d) => ({ ...d, excerpt: null }));

/** A doubt is answered when the person gave every one of its cells (blank counts: it was chosen). */
export const isAnswered = (d: Doubt, given: Record<string, CellValue>) => d.cells.every((k) => k in given);

/** The reading to take without looking: only when the solver offers exactly one. */
export const suggestionOf = (d: Doubt): (number | null)[] | null => (d.candidates?.length === 1 ? d.candidates[0] : null);

/** A candidate reading (or one value for all) as the cells' values. */
export const readingValues = (d: Doubt, reading: CellValue[] | CellValue): Record<string, CellValue> =>
  Object.fromEntries(d.cells.map((k, i) => [k, Array.isArray(reading) ? (reading[i] ?? null) : reading]));

/** One value for the cells of a doubt the person has not given yet (what they typed stays). */
export const restValues = (d: Doubt, given: Record<string, CellValue>, v: CellValue): Record<string, CellValue> =>
  Object.fromEntries(d.cells.filter((k) => !(k in given)).map((k) => [k, v]));

export type DoubtAnswer = 'suggested' | 'zero' | 'blank' | 'na';
export const DOUBT_ANSWERS: Record<DoubtAnswer, string> = {
  suggested: '按建议采用',
  zero: '全部填 0',
  blank: '全部留空',
  na: '全部标为不适用',
};
const FILL: Record<Exclude<DoubtAnswer, 'suggested'>, CellValue> = { zero: 0, blank: null, na: NOT_APPLICABLE };

/** One answer for all unanswered doubts of a plan: the values to add to the person's given ones. */
export function answerAll(doubts: DoubtView[], given: Record<string, CellValue>, how: DoubtAnswer): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  for (const d of doubts) {
    if (isAnswered(d, given)) continue;
    if (how === 'suggested') {
      const s = suggestionOf(d);
      if (s && !d.cells.some((k) => k in given)) Object.assign(out, readingValues(d, s));
    } else Object.assign(out, restValues(d, given, FILL[how]));
  }
  return out;
}

/** How a reading is shown: values in cell order, blank as 空. */
export const showReadingShort = (r: readonly (number | null)[]) => r.map((v) => (v === null ? '空' : String(v))).join('·');

/** An excerpt on one line (line breaks of the source as ⏎), for lists and hover titles. */
export const excerptText = (e: SourceExcerpt, marks: [string, string] = ['【', '】']) =>
  `${e.before}${e.mark ? `${marks[0]}${e.mark}${marks[1]}` : ''}${e.after}`.replace(/\r?\n/g, ' ⏎ ');

/** A row's label as the form prints it (the innermost row heading of the cell); 表四's one row has none. */
export function rowLabelOf(template: Template, key: string): string {
  const cell = template.cellByKey.get(key);
  const table = cell && template.tables.find((t) => t.id === cell.table);
  if (!cell || !table) return key;
  if (!table.layout.cells.some((c) => c.role === 'row')) return '整行';
  const row = table.layout.cells
    .filter((c) => c.role === 'row' && c.row <= cell.row && cell.row < c.row + c.rowSpan)
    .sort((a, b) => b.col - a.col)[0];
  return row?.text ?? '整行';
}
