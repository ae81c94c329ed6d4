// The contract between renderer and main: channel → zod schemas for the arguments and the result.
// Arguments are checked in main before any service runs; results are typed (their shapes come from the
// services and are not re-validated at run time, hence z.custom).
import { z } from 'zod';
import { cellValueSchema, reportSchema, UNIT_KINDS, type CellValue, type Report } from './report';
import { RULE_IDS, type DismissedFinding, type Finding } from './validation';

export { CHANNELS, MENU_COMMANDS, type Channel, type MenuCommand } from './channels';
import type { Channel, MenuCommand } from './channels';

const unitYear = z.object({ unit: z.string().min(1), year: z.number().int().min(1990).max(2100) });
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
    updated_at: string;
  }[];
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

export interface PlanView {
  report: Report;
  provenance: Record<string, string>;
  findings: Finding[];
  existing: { revision: number; status: 'draft' | 'final' } | null;
  diff: DiffView | null;
  /** Why it cannot simply be written, in Chinese; empty when ready. */
  problems: string[];
  status: 'ready' | 'needs_attention';
  /** True when the archive already holds exactly this. */
  unchanged: boolean;
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

const planOverrides = z.object({
  unit: z.string().optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  unitKind: z.enum(UNIT_KINDS).optional(),
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
  'archive.overview': { args: z.object({}), result: out<OverviewView>() },
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
    result: out<null>(),
  },
  'report.delete': { args: unitYear, result: out<null>() },
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
  'host.showInFolder': { args: z.object({ path: z.string().min(1) }), result: out<null>() },
  'backup.list': { args: z.object({}), result: out<{ archivePath: string; backupDir: string; backups: BackupView[] }>() },
  'backup.now': { args: z.object({}), result: out<BackupView>() },
  'backup.pick': { args: z.object({}), result: out<string | null>() },
  'backup.check': { args: z.object({ file: z.string().min(1) }), result: out<BackupCheckView>() },
  'backup.restore': { args: z.object({ file: z.string().min(1) }), result: out<{ check: BackupCheckView; safetyCopy: string }>() },
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
