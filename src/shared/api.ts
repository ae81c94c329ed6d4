// The contract between renderer and main: channel → zod schemas for the arguments and the result.
// Arguments are checked in main before any service runs; results are typed (their shapes come from the
// services and are not re-validated at run time, hence z.custom).
import { z } from 'zod';
import './zod-zh';
import { cellValueSchema, reportSchema, UNIT_KINDS, type CellValue, type Doubt, type Report } from './report';
import { RULE_IDS, type DismissedFinding, type Finding } from './validation';
import type { TemplateId } from './template';

export { CHANNELS, MENU_COMMANDS, type Channel, type MenuCommand } from './channels';
import type { Channel, MenuCommand } from './channels';

const unitYear = z.object({ unit: z.string().min(1), year: z.number().int().min(1990).max(2100) });
const yearArg = z.number().int().min(1990).max(2100);
const findingRef = z.object({ rule: z.enum(RULE_IDS), cells: z.array(z.string()) });

export interface UnitView {
  id: number;
  name: string;
  kind: (typeof UNIT_KINDS)[number];
  parent: string | null;
  code: string | null;
}
export interface OverviewView {
  units: UnitView[];
  years: number[];
  reports: {
    report_id: number;
    unit_id: number;
    year: number;
    template: string;
    status: 'draft' | 'final';
    error_count: number;
    warning_count: number;
  }[];
}
/** One report in the overview matrix (keyed by year in its unit's row). */
export interface OverviewCellView {
  id: number;
  template: string;
  status: 'draft' | 'final';
  errors: number;
  warnings: number;
}
/** The 档案 overview as the page shows it: one page of the units that match, and what the header needs. */
export interface OverviewPageView {
  /** Units that match the filter (all pages). */
  total: number;
  offset: number;
  /** The columns: every year from the oldest report (or the filter's first year) to the newest or last year. */
  years: number[];
  /** Reports per year among the matching units (empty when asked with `counts: false`). */
  counts: { year: number; reports: number; final: number; withErrors: number; withWarnings: number }[];
  /** This page's units, each with its live reports by year (every year, also outside the columns). */
  units: (UnitView & { reports: Record<number, OverviewCellView> })[];
}
export const OVERVIEW_SORTS = ['name', 'kind', 'errors', 'updated'] as const;
export const OVERVIEW_STATUSES = ['draft', 'final', 'errors', 'warnings', 'missing'] as const;
/** The most units one overview request returns. */
export const OVERVIEW_MAX_LIMIT = 100_000;
export const overviewQuery = z.object({
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(OVERVIEW_MAX_LIMIT).optional(),
  /** Part of the unit's name. */
  name: z.string().max(200).optional(),
  kind: z.enum(UNIT_KINDS).optional(),
  yearFrom: yearArg.optional(),
  yearTo: yearArg.optional(),
  status: z.enum(OVERVIEW_STATUSES).optional(),
  /** The parent unit's name: its subordinate units. */
  parent: z.string().optional(),
  sort: z.enum(OVERVIEW_SORTS).optional(),
  desc: z.boolean().optional(),
  /** false: leave out the counts per year (they read every matching report; the rows need not wait for them). */
  counts: z.boolean().optional(),
});
export type OverviewQueryArg = z.infer<typeof overviewQuery>;
/** The most units one `units.find` returns (a picker asks for a few; printing a parent's units for all of them). */
export const UNIT_FIND_MAX = 10_000;
export const unitFindQuery = z.object({
  /** Part of the unit's name (or all of it, with `exact`). */
  text: z.string().max(200).optional(),
  exact: z.boolean().optional(),
  /** Only units with a report of this year; each comes with that report's state. */
  year: yearArg.optional(),
  /** Only units with any report. */
  hasReports: z.boolean().optional(),
  /** Only units that have subordinate units, top units first. */
  parents: z.boolean().optional(),
  /** Only the subordinate units of this unit (its name). */
  parent: z.string().optional(),
  /** Each unit with the years of its reports. */
  withYears: z.boolean().optional(),
  limit: z.number().int().min(1).max(UNIT_FIND_MAX).optional(),
});
export type UnitFindArg = z.infer<typeof unitFindQuery>;
/** A unit a picker offers. */
export interface UnitPickView extends UnitView {
  /** Its report of the year asked for. */
  report?: { status: 'draft' | 'final'; errors: number; warnings: number };
  /** The years of its reports, newest first (asked with `withYears`). */
  years?: number[];
}
export interface UnitFindView {
  units: UnitPickView[];
  /** More units match than were returned. */
  more: boolean;
}
/** A unit of the 单位 page's tree: the state of its reports of the year asked for and the year before, its number
 * of reports (unless asked with `counts: false`). */
export interface UnitTreeView extends UnitView {
  reports?: number;
  status: 'draft' | 'final' | null;
  previous: 'draft' | 'final' | null;
}
export interface StoredReportView {
  id: number;
  unit: UnitView;
  year: number;
  status: 'draft' | 'final';
  revision: number;
  source: { kind: string; file: string | null };
  report: Report;
  provenance: Record<string, string>;
  updatedAt: string;
  findings: DismissedFinding[];
}
/** The 已删除 list: units deleted with their reports, and single deleted reports of units in use. */
export interface DeletedView {
  units: { name: string; deletedAt: string; reports: number }[];
  reports: { unit: string; year: number; deletedAt: string }[];
}
export interface DiffView {
  cells: { key: string; name: string; before: CellValue; after: CellValue }[];
  texts: { key: string; heading: string; before: string; after: string }[];
  fields: string[];
}
export interface SearchHitView {
  reportId: number;
  unit: string;
  year: number;
  section: string;
  parts: { text: string; hit: boolean }[];
  offset: number;
  /** How many times the word occurs in this section. */
  count: number;
}
/** The newest sections containing a word (at most the cap); `total` counts occurrences in them. */
export interface SearchResultView {
  hits: SearchHitView[];
  total: number;
  /** More sections contain the word than were returned: `total` is a lower bound. */
  capped: boolean;
}

/** The source text around a number, for the import wizard: `before` + `mark` (the number as printed) + `after`. */
export interface SourceExcerpt {
  /** '第 33 行', '第 33–35 行', '表格 2 第 5 行第 3 格'. */
  where: string;
  before: string;
  /** Empty when the number could not be found with certainty in the text (then no place is marked). */
  mark: string;
  after: string;
}
/** A doubt of the file as read (before the person's answers), with the text it was read from. */
export interface DoubtView extends Doubt {
  excerpt: SourceExcerpt | null;
}
export interface PlanView {
  report: Report;
  provenance: Record<string, string>;
  findings: Finding[];
  existing: { revision: number; status: 'draft' | 'final' } | null;
  diff: DiffView | null;
  /** Why it cannot simply be written, in Chinese; empty when ready. */
  problems: string[];
  /** blank (空白): a fill-in template sent back unfilled; nothing to import, not to be preselected. */
  status: 'ready' | 'needs_attention' | 'blank';
  /** True when the archive already holds exactly this. */
  unchanged: boolean;
  /** Text, HTML and Word sources: per cell read, the source text around its number. */
  excerpts?: Record<string, SourceExcerpt>;
  /** Every doubt of the file, including those the person has answered (`report.doubts` keeps the open ones). */
  doubtList?: DoubtView[];
  /** The unit is not in the archive but these are near (a name written differently): the person picks one or confirms. */
  nearUnits?: string[];
}
export interface ImportFileView {
  file: string;
  name: string;
  /** Set when the file could not be read at all, in Chinese. */
  error: string | null;
  notes: string[];
  plans: PlanView[];
}
/** What a backup is, from its name: store.ts names each kind. */
export type BackupKind = 'daily' | 'manual' | 'before-restore' | 'before-upgrade' | 'other';
export interface BackupView {
  file: string;
  kind: BackupKind;
  size: number;
  createdAt: string;
}
export interface BackupCheckView {
  file: string;
  version: number;
  units: number;
  reports: number;
}

// ---- the collecting office (src/main/collect): board, 汇总, 差错清单, unit lists

/** A unit's state on the board: 未收到 / 草稿 / 有错误 / 有未说明的警告 / 已定稿. */
export const BOARD_STATES = ['missing', 'draft', 'errors', 'warnings', 'final'] as const;
export type BoardState = (typeof BOARD_STATES)[number];
export const BOARD_STATE_LABELS: Record<BoardState, string> = {
  missing: '未收到',
  draft: '草稿',
  errors: '有错误',
  warnings: '有未说明的警告',
  final: '已定稿',
};
export interface OutlierView {
  key: string;
  name: string;
  /** jump: more than 5× or under 0.2× last year; zero: 0 where peers' median is high; not_applicable: 不适用 where peers report numbers. */
  kind: 'jump' | 'zero' | 'not_applicable';
  value: CellValue;
  message: string;
}
export interface BoardRowView {
  unit: UnitView;
  state: BoardState;
  reportId: number | null;
  template: string | null;
  revision: number | null;
  errors: number;
  warnings: number;
  updatedAt: string | null;
  /** Legal publishing deadline (YYYY-MM-DD) for the unit's kind; null for 其他. */
  deadline: string | null;
  /** Days from today (local date) to the deadline; negative when past. */
  daysLeft: number | null;
  outliers: OutlierView[];
}
export interface BoardView {
  year: number;
  parent: string | null;
  /** Local date the days are counted from. */
  today: string;
  counts: Record<BoardState, number>;
  outlierCount: number;
  rows: BoardRowView[];
}
export interface SummaryCellView {
  key: string;
  name: string;
  /** The sum; 不适用 when no unit gave a number and some said 不适用; null when nobody filled it in. */
  value: CellValue;
  /** Units that gave a number (0 included). */
  reported: number;
  /** The drill-down: each unit that gave a number, with it; these add up to value. */
  units: { unit: string; value: number }[];
  notApplicable: string[];
  blank: string[];
}
export interface ComparisonDifferenceView {
  key: string;
  name: string;
  /** The 全区 report's figure. */
  reported: CellValue;
  sum: CellValue;
  /** reported − sum, when both are numbers. */
  difference: number | null;
  /** Units that likely explain it (left out, counted twice, changed afterwards), with why. */
  suspects: { unit: string; value: CellValue; why: string }[];
  /** The units that make up the sum, with their figures (the drill-down of the cell). */
  units: { unit: string; value: number }[];
  /** Units whose cell is blank. */
  blank: string[];
}
export interface ComparisonView {
  /** The unit whose report is taken as the 全区 report. */
  unit: string;
  checked: number;
  differences: ComparisonDifferenceView[];
  /** Units under the parent with no report this year: missing from the sum. */
  missing: string[];
}
export interface SummaryView {
  year: number;
  parent: string;
  /** The unit name the 汇总 report carries, e.g. 某县人民政府（汇总）. */
  unit: string;
  template: string;
  included: string[];
  /** Included units whose reports still have errors: the sums carry them (a broken total makes the 全区 total wrong). */
  failing: string[];
  missing: string[];
  excluded: { unit: string; reason: string }[];
  cells: SummaryCellView[];
  report: Report;
  comparison: ComparisonView | null;
}
export interface ErrorItemView {
  rule: string;
  ruleTitle: string;
  severity: 'error' | 'warning';
  /** where: the cell's place in the file the report was read from (a sheet and cell, a line), for the unit's clerk. */
  cells: { key: string; name: string; value: CellValue; where?: string }[];
  message: string;
}
export interface UnitErrorsView {
  unit: string;
  year: number;
  status: 'draft' | 'final';
  revision: number;
  /** The file the report was last read from (its name), when it came from one. */
  file?: string | null;
  items: ErrorItemView[];
}
export interface UnitImportView {
  file: string;
  sheet: string;
  rows: {
    row: number;
    name: string;
    kind: (typeof UNIT_KINDS)[number];
    parent: string | null;
    code: string | null;
    action: 'add' | 'update' | 'same';
  }[];
  /** Why nothing was written, in Chinese with the row numbers; empty when the list is usable. */
  problems: string[];
  notes: string[];
  /** Rows whose name repeats an earlier row (ofRow) or a unit in the archive (ofRow null): the very same name
   * with the same details (same) or differing only in spaces around it (spaces), both imported once; the same name
   * with other details (conflict); a spelling differing in inner spaces, full-width forms or punctuation (near). */
  duplicates: { row: number; name: string; of: string; ofRow: number | null; kind: 'same' | 'spaces' | 'conflict' | 'near' }[];
  applied: boolean;
}

/** 报送 and 退回 between levels (src/main/exchange). */
export type ExchangeDirection = 'sent' | 'received' | 'returned';
export interface ReturnReasonsView {
  general: string[];
  cells: { key: string; name: string; reason: string }[];
}
export interface ExchangeView {
  id: number;
  direction: ExchangeDirection;
  /** 已报送 / 已接收 / 已退回 */
  label: string;
  revision: number;
  file: string;
  sha256: string;
  createdAt: string;
  reasons: ReturnReasonsView | null;
}
export interface PackageWrittenView {
  file: string;
  unit: string;
  year: number;
  revision: number;
  sha256: string;
}
export interface ExchangePreviewView {
  file: string;
  kind: 'send' | 'return';
  unit: string;
  unitKind: (typeof UNIT_KINDS)[number];
  parent: string | null;
  year: number;
  /** The sender's revision number. */
  revision: number;
  createdAt: string;
  /** The sender's local time, as written into the package. */
  createdAtLocal: string;
  appVersion: string;
  sha256: string;
  /** The report this archive holds for the unit and year. */
  existing: { revision: number; status: 'draft' | 'final' } | null;
  /** From what the archive holds to what the package carries. */
  diff: DiffView | null;
  /** Older than the last package received here (这个报送包比档案中的版本旧). */
  older: boolean;
  alreadyReceived: boolean;
  report: Report;
  findings: DismissedFinding[];
  dismissals: { rule: Finding['rule']; cells: string[]; reason: string; at: string }[];
  reasons: ReturnReasonsView | null;
  /** Remarks to read before accepting, in Chinese. */
  notes: string[];
  /** The package's unit is not in the archive but these are near: it is received as one of them (asUnit), or refused. */
  nearUnits: string[];
}
export interface ReceiveResultView {
  status: 'previewed' | 'accepted' | 'already_received';
  preview: ExchangePreviewView;
  /** The archive revision written (a 报送包 received at the office). */
  revision: number | null;
}
/** A unit's latest exchange for a year, for the board. */
export interface ExchangeBoardView {
  unit: string;
  direction: ExchangeDirection;
  label: string;
  revision: number;
  createdAt: string;
}
/** The latest 退回 of a report, for the editor to show the reasons next to the cells. */
export interface OpenReturnView {
  at: string;
  revision: number;
  general: string[];
  /** Cell key → the office's reason. */
  cells: Record<string, string>;
  /** A package has been sent since. */
  answered: boolean;
}

// ---- charts (src/main/collect/charts.ts): a unit's or a 全区's figures over the years

/** The series of each chart; labels come from the template (ChartsView.series), ids are the renderer's data keys. */
export const CHART_GROUPS = {
  applications: ['new_natural_person', 'new_legal', 'new_total'],
  outcomes: ['granted', 'partial', 'withheld', 'unavailable', 'not_processed', 'other', 'outcome_total'],
  shares: ['share_granted', 'share_partial', 'share_withheld'],
  appeals: ['review', 'litigation_direct', 'litigation_after_review'],
  rates: ['review_rate', 'litigation_rate'],
} as const;
export type ChartGroup = keyof typeof CHART_GROUPS;
export type ChartSeriesId = (typeof CHART_GROUPS)[ChartGroup][number];
export interface ChartSeriesView {
  id: ChartSeriesId;
  label: string;
  unit: '件' | '%';
  /** A total shown in the table under the chart, not drawn as a part of the stack. */
  total: boolean;
  /** How a share or rate is computed, in the template's words. */
  formula: string | null;
}
export interface ChartYearView {
  year: number;
  /** The formats of the reports in the figures; [] when there is no report of the year. */
  templates: TemplateId[];
  /** Reports whose tables are in the figures (旧表样 reports have no tables and are not). */
  reports: number;
  /** null: no number for the year (no report, 旧表样, blank or 不适用, a rate without a base) — drawn as a gap. */
  values: Record<ChartSeriesId, number | null>;
}
export interface ChartsView {
  scope: 'unit' | 'region';
  /** The unit, or the parent whose units are summed. */
  name: string;
  /** 全区: how many units are under the parent. */
  units: number;
  titles: Record<ChartGroup, string>;
  series: ChartSeriesView[];
  /** Every year from the first report to the last, gaps included. */
  years: ChartYearView[];
  /** What the person should know about the figures (旧表样 years, years without a report), in Chinese. */
  notes: string[];
}

const planOverrides = z.object({
  unit: z.string().optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  unitKind: z.enum(UNIT_KINDS).optional(),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '发布日期应写成 YYYY-MM-DD')
    .nullable()
    .optional(),
  values: z.record(z.string(), cellValueSchema).optional(),
});
export type PlanOverridesArg = z.infer<typeof planOverrides>;

const out = <T>() => z.custom<T>();

export const API = {
  'app.info': {
    args: z.object({}),
    result: out<{ version: string; platform: string; archivePath: string; host: 'electron' | 'browser' }>(),
  },
  'units.list': { args: z.object({}), result: out<UnitView[]>() },
  'units.add': {
    args: z.object({
      name: z.string().min(1, '单位名称不能为空'),
      kind: z.enum(UNIT_KINDS),
      parent: z.string().nullable().optional(),
      code: z.string().nullable().optional(),
    }),
    result: out<UnitView>(),
  },
  'units.update': {
    args: z.object({
      name: z.string().min(1),
      change: z.object({
        name: z.string().optional(),
        kind: z.enum(UNIT_KINDS).optional(),
        parent: z.string().nullable().optional(),
        code: z.string().nullable().optional(),
      }),
    }),
    result: out<UnitView>(),
  },
  'units.delete': { args: z.object({ name: z.string().min(1) }), result: out<{ reports: number }>() },
  'units.undelete': { args: z.object({ name: z.string().min(1) }), result: out<{ reports: number }>() },
  'archive.overview': { args: overviewQuery, result: out<OverviewPageView>() },
  /** The years with reports, oldest first. */
  'archive.years': { args: z.object({}), result: out<number[]>() },
  /** A few units by name for a picker, asked as the person types. */
  'units.find': { args: unitFindQuery, result: out<UnitFindView>() },
  /** `counts: false` leaves out each unit's number of reports (that reads every report). */
  'units.tree': { args: z.object({ year: yearArg, counts: z.boolean().optional() }), result: out<UnitTreeView[]>() },
  /** Live reports, and those of the 2018 and earlier form (not in the flat workbook). */
  'export.counts': { args: z.object({}), result: out<{ reports: number; legacy: number }>() },
  'archive.deleted': { args: z.object({}), result: out<DeletedView>() },
  'report.get': { args: unitYear, result: out<StoredReportView>() },
  'report.draft': { args: unitYear, result: out<{ report: Report; provenance: Record<string, string> }>() },
  'report.save': {
    args: z.object({
      report: reportSchema,
      baseRevision: z.number().int().min(0).optional(),
      /** The editor session that saves: its saves within a burst of editing make one revision in the history. */
      session: z.string().max(100).optional(),
      note: z.string().optional(),
      provenance: z.record(z.string(), z.string()).optional(),
    }),
    result: out<{ id: number; revision: number; findings: DismissedFinding[] }>(),
  },
  'report.validate': { args: z.object({ report: reportSchema }), result: out<Finding[]>() },
  'report.setStatus': {
    /** 定稿 of a report with errors needs `confirmErrors`: the person saw the list and confirmed it. */
    args: unitYear.extend({ status: z.enum(['draft', 'final']), confirmErrors: z.boolean().optional() }),
    /** The revision after the change (定稿 and 取消定稿 are named revisions). */
    result: out<{ revision: number }>(),
  },
  'report.delete': { args: unitYear, result: out<null>() },
  'report.undelete': { args: unitYear, result: out<null>() },
  'report.history': { args: unitYear, result: out<{ number: number; createdAt: string; note: string | null }[]>() },
  'report.diff': { args: unitYear.extend({ from: z.number().int().min(1), to: z.number().int().min(1) }), result: out<DiffView>() },
  'report.restoreRevision': { args: unitYear.extend({ revision: z.number().int().min(1) }), result: out<{ revision: number }>() },
  'findings.dismiss': { args: unitYear.extend({ finding: findingRef, reason: z.string() }), result: out<DismissedFinding[]>() },
  'findings.undismiss': { args: unitYear.extend({ finding: findingRef }), result: out<DismissedFinding[]>() },
  search: { args: z.object({ query: z.string() }), result: out<SearchResultView>() },
  'import.pick': { args: z.object({}), result: out<string[]>() },
  'import.plan': {
    args: z.object({ file: z.string().min(1), overrides: z.array(planOverrides).optional() }),
    result: out<ImportFileView>(),
  },
  'import.commit': {
    args: z.object({
      items: z.array(
        z.object({
          file: z.string().min(1),
          /** Per plan of the file (a flat archive sheet holds many), in order; plans not listed are skipped. */
          plans: z.array(z.object({ index: z.number().int().min(0), overrides: planOverrides.optional() })),
        }),
      ),
    }),
    result: out<{ file: string; unit: string; year: number; revision: number }[]>(),
  },
  'export.report': { args: unitYear, result: out<{ path: string } | null>() },
  'export.templates': {
    args: z.object({ units: z.array(z.string()).min(1, '请至少选择一个单位'), year: z.number().int().min(1990).max(2100) }),
    result: out<{ dir: string; files: string[] } | null>(),
  },
  'export.flat': { args: z.object({}), result: out<{ path: string; count: number } | null>() },
  'export.pdf': { args: unitYear, result: out<{ path: string } | null>() },
  /** The report as published: a Word document in the official look, or one self-contained page for the portal. */
  'export.docx': { args: unitYear, result: out<{ path: string } | null>() },
  'export.html': { args: unitYear, result: out<{ path: string } | null>() },
  'board.get': {
    args: z.object({ year: yearArg, parent: z.string().min(1).nullable().optional(), outliers: z.boolean().optional() }),
    result: out<BoardView>(),
  },
  'board.export': {
    args: z.object({ year: yearArg, parent: z.string().min(1).nullable().optional() }),
    result: out<{ path: string; count: number } | null>(),
  },
  'summary.get': {
    args: z.object({ year: yearArg, parent: z.string().min(1), compare: z.string().min(1).nullable().optional() }),
    result: out<SummaryView>(),
  },
  'summary.export': {
    args: z.object({ year: yearArg, parent: z.string().min(1) }),
    result: out<{ path: string } | null>(),
  },
  'errors.list': {
    args: z.object({ year: yearArg, unit: z.string().min(1).optional(), parent: z.string().min(1).nullable().optional() }),
    result: out<UnitErrorsView[]>(),
  },
  'errors.export': {
    args: z.object({ year: yearArg, unit: z.string().min(1).optional(), parent: z.string().min(1).nullable().optional() }),
    result: out<{ path: string; units: number } | null>(),
  },
  'charts.unit': { args: z.object({ unit: z.string().min(1) }), result: out<ChartsView>() },
  'charts.region': { args: z.object({ parent: z.string().min(1) }), result: out<ChartsView>() },
  'units.import': {
    /** preview: a dry run that returns the problems in the view instead of failing (the 单位 page shows them). */
    args: z.object({ file: z.string().min(1), dryRun: z.boolean().optional(), preview: z.boolean().optional() }),
    result: out<UnitImportView>(),
  },
  /** Asks for a unit-list workbook; null when cancelled. */
  'units.pick': { args: z.object({}), result: out<string | null>() },
  'host.showInFolder': { args: z.object({ path: z.string().min(1) }), result: out<null>() },
  'backup.list': {
    args: z.object({}),
    // problem: the archive failed SQLite's checks, or the last automatic backup failed (in Chinese), else null.
    result: out<{ archivePath: string; backupDir: string; backups: BackupView[]; problem: string | null }>(),
  },
  'backup.now': { args: z.object({}), result: out<BackupView>() },
  'backup.pick': { args: z.object({}), result: out<string | null>() },
  'backup.check': { args: z.object({ file: z.string().min(1) }), result: out<BackupCheckView>() },
  'backup.restore': { args: z.object({ file: z.string().min(1) }), result: out<{ check: BackupCheckView; safetyCopy: string }>() },
  /** 报送: asks where to save the package; null when cancelled. */
  'exchange.send': { args: unitYear, result: out<PackageWrittenView | null>() },
  'exchange.pick': { args: z.object({}), result: out<string | null>() },
  /** Checks a package and shows what receiving it would do; nothing is stored. */
  /** asUnit: the office's unit to receive it as, when the package spells the unit's name otherwise. */
  'exchange.preview': {
    args: z.object({ file: z.string().min(1), asUnit: z.string().min(1).optional() }),
    result: out<ExchangePreviewView>(),
  },
  'exchange.receive': {
    args: z.object({ file: z.string().min(1), allowOlder: z.boolean().optional(), asUnit: z.string().min(1).optional() }),
    result: out<ReceiveResultView>(),
  },
  /** 退回 with reasons: asks where to save the package; null when cancelled. */
  'exchange.return': {
    args: unitYear.extend({
      general: z.array(z.string()),
      cells: z.array(z.object({ key: z.string().min(1), reason: z.string().min(1, '退回理由不能为空') })),
    }),
    result: out<PackageWrittenView | null>(),
  },
  'exchange.history': { args: unitYear, result: out<ExchangeView[]>() },
  'exchange.lastReturn': { args: unitYear, result: out<OpenReturnView | null>() },
  /** Each unit's latest exchange for a year (已接收 / 已退回 / 已报送). */
  'exchange.board': { args: z.object({ year: z.number().int().min(1990).max(2100) }), result: out<ExchangeBoardView[]>() },
} as const satisfies Record<Channel, { args: z.ZodType; result: z.ZodType }>;

export type ApiArgs<C extends Channel> = z.input<(typeof API)[C]['args']>;
export type ApiResult<C extends Channel> = z.output<(typeof API)[C]['result']>;
/** Why a call failed, so a page can act on it (a conflict shows both versions, a locked report says how to unlock). */
export const API_ERROR_KINDS = ['input', 'conflict', 'locked', 'not_found', 'internal'] as const;
export type ApiErrorKind = (typeof API_ERROR_KINDS)[number];
/** A failure as it crosses IPC and the bridge: its kind, a message a person can read (Chinese), and for a conflict
 * the revision the archive holds. */
export interface ApiError {
  kind: ApiErrorKind;
  message: string;
  storedRevision?: number;
}
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload (Electron) or the bridge script (browser) puts on window.api. */
export interface WindowApi {
  invoke<C extends Channel>(channel: C, args: ApiArgs<C>): Promise<ApiResponse<ApiResult<C>>>;
  /** The application menu's page commands; absent in the browser, which has no menu. */
  onMenu?(listener: (command: MenuCommand) => void): () => void;
}
