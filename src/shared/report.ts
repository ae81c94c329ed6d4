// The report model (spec §10): what the CLI reads and prints, what the archive stores, what the editor edits.
// A cell is a number, blank (null) or 不适用; a blank is never turned into 0 here.
import { z } from 'zod';
import './zod-zh';
import { TEMPLATE_IDS, getTemplate, isTemplateId, type CellDef, type CellKind, type TemplateId } from './template';

export const NOT_APPLICABLE = '不适用';
export type CellValue = number | null | typeof NOT_APPLICABLE;

export const UNIT_KINDS = ['government', 'department', 'township', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  government: '人民政府',
  department: '部门',
  township: '乡镇街道',
  other: '其他',
};

/** What a report covers: the unit's own work (本级) or the unit with everything under it (全区汇总). */
export const REPORT_SCOPES = ['own', 'aggregate'] as const;
export type ReportScope = (typeof REPORT_SCOPES)[number];
export const REPORT_SCOPE_LABELS: Record<ReportScope, string> = { own: '本级', aggregate: '全区汇总' };

/** Accepts own/aggregate or the Chinese labels 本级/全区汇总 (as a workbook or a package writes them). */
export function parseReportScope(text: unknown): ReportScope | undefined {
  const t = typeof text === 'string' ? text.trim() : '';
  if ((REPORT_SCOPES as readonly string[]).includes(t)) return t as ReportScope;
  return (Object.entries(REPORT_SCOPE_LABELS).find(([, v]) => v === t)?.[0] as ReportScope | undefined) ?? undefined;
}

export const SECTION_KEYS = ['overall', 'proactive', 'requests', 'appeals', 'problems', 'other'] as const;

export const cellValueSchema = z.union([z.number(), z.null(), z.literal(NOT_APPLICABLE)]);

const legacyRowSchema = z.object({
  label: z.string(),
  unit: z.string().nullable().default(null),
  this_year: z.number().nullable(),
  cumulative: z.number().nullable().default(null),
});

const doubtSchema = z.object({
  cells: z.array(z.string()),
  message: z.string(),
  /** The readings the table solver offers, one value per cell of `cells` (null: blank); a person picks one. */
  candidates: z.array(z.array(z.number().nullable())).optional(),
});

/** Structure only; template-dependent checks are in parseReport. Unknown top-level keys are dropped. */
export const reportSchema = z.object({
  template: z.string(),
  unit: z.string().nullable().default(null),
  year: z.number().int().min(1990).max(2100).nullable().default(null),
  published: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '发布日期应写成 YYYY-MM-DD')
    .nullable()
    .default(null),
  unit_kind: z.enum(UNIT_KINDS).optional(),
  /** Absent: 本级 for a new report, unchanged for a stored one. */
  scope: z.enum(REPORT_SCOPES).optional(),
  sections: z.partialRecord(z.enum(SECTION_KEYS), z.string()).default({}),
  // An object; each value is checked against its cell in parseReport (a zod record of unions was half a save's
  // parsing time).
  values: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), '应为对象').default({}),
  legacy: z.array(legacyRowSchema).optional(),
  doubts: z.array(doubtSchema).optional(),
});

export type LegacyRow = z.infer<typeof legacyRowSchema>;
export type Doubt = z.infer<typeof doubtSchema>;
export interface Report extends Omit<z.infer<typeof reportSchema>, 'template' | 'values'> {
  template: TemplateId;
  values: Record<string, CellValue>;
}

export type ParseResult = { ok: true; report: Report } | { ok: false; errors: string[] };

/** Why a value does not fit its cell, or null when it does. */
export function valueProblem(kind: CellKind, v: CellValue): string | null {
  if (typeof v !== 'number') return null;
  if (!Number.isFinite(v)) return '不是有效数字';
  // Beyond 2^53 a number is silently rounded (9007199254740993 becomes …992): refused, never stored rounded.
  if (Math.abs(v) > Number.MAX_SAFE_INTEGER) return `数字太大，超出能精确保存的范围（最大 ${Number.MAX_SAFE_INTEGER}），请核对`;
  if (kind === 'amount') return v < 0 ? '金额不能为负数' : null;
  if (!Number.isInteger(v)) return '应为整数';
  if (kind === 'count' && v < 0) return '不能为负数';
  return null;
}

const isCellValue = (v: unknown): v is CellValue => v === null || typeof v === 'number' || v === NOT_APPLICABLE;
const describeValue = (v: unknown): string =>
  typeof v === 'string'
    ? `“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`
    : Array.isArray(v)
      ? '列表'
      : typeof v === 'object'
        ? '对象'
        : String(v);

const pathOf = (path: PropertyKey[]): string => path.map(String).join('.');

/**
 * Reads a report from parsed JSON: structure, a known template, known cell keys, values that fit their cells.
 * Cells the input leaves out are blank (null). Errors are Chinese and say where.
 */
export function parseReport(input: unknown): ParseResult {
  const parsed = reportSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${pathOf(i.path) || '报告'}：${i.message}`) };
  }
  const raw = parsed.data;
  if (!isTemplateId(raw.template)) {
    return { ok: false, errors: [`template：未知的表样版本“${raw.template}”（可用：${TEMPLATE_IDS.join('、')}）`] };
  }
  const template = getTemplate(raw.template);
  const errors: string[] = [];
  const values: Record<string, CellValue> = {};
  for (const key of Object.keys(raw.values)) {
    if (!template.cellByKey.has(key)) errors.push(`values.${key}：不是 ${template.id} 表样中的单元格`);
  }
  for (const cell of template.cells) {
    const v = raw.values[cell.key] ?? null;
    if (!isCellValue(v)) {
      errors.push(`values.${cell.key}（${cell.name}）：应为数字、空值（null）或“${NOT_APPLICABLE}”，实为${describeValue(v)}`);
      continue;
    }
    const problem = valueProblem(cell.kind, v);
    // A number past 2^53 has already been rounded by JSON.parse: showing it would show a number nobody wrote.
    const shown = typeof v === 'number' && Math.abs(v) > Number.MAX_SAFE_INTEGER ? '' : `，实为 ${String(v)}`;
    if (problem) errors.push(`values.${cell.key}（${cell.name}）：${problem}${shown}`);
    values[cell.key] = v;
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, report: { ...raw, template: template.id, values } };
}

/** A report of the given template with every cell blank. */
export function emptyReport(template: TemplateId, unit: string | null = null, year: number | null = null): Report {
  const values: Record<string, CellValue> = {};
  for (const c of getTemplate(template).cells) values[c.key] = null;
  return { template, unit, year, published: null, sections: {}, values };
}

export const cellsOf = (r: Pick<Report, 'template'>): CellDef[] => getTemplate(r.template).cells;
