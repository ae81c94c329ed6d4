// Import as a plan: what would be written (the report, its findings, where each value came from, the
// difference from the archive) — and only a confirmed plan is written, in one transaction.
import { reportKey, sameReportMessage } from '../../shared/import-rules';
import { getTemplate, normalizeLabel } from '../../shared/template';
import { basename } from 'node:path';
import { valueProblem, type CellValue, type Report, type UnitKind } from '../../shared/report';
import { validate, type Finding } from '../../shared/validation';
import type { ReportStatus } from '../db/reports';
import * as unitsDb from '../db/units';
import { describeError, InputError, LockedError } from '../errors';
import type { ParsedReport } from '../importers/types';
import type { Archive, SaveResult } from './archive';
import { diffReports, type ReportDiff } from './diff';
import { parseFile } from './files';

export interface PlanOverrides {
  unit?: string;
  year?: number;
  unitKind?: UnitKind;
  /** 发布日期 (YYYY-MM-DD) given by the person; null clears it. R11 runs on it. */
  published?: string | null;
  /** Values a person placed by hand; a doubt whose cells are all given here is resolved. */
  values?: Record<string, CellValue>;
}

export interface ImportPlan {
  file: string;
  parsed: ParsedReport;
  /** The report as it would be stored (unit/year from the overrides, texts kept from the archive if the file has none). */
  report: Report;
  findings: Finding[];
  existing: { revision: number; status: ReportStatus } | null;
  /** Cell-by-cell difference from what the archive holds, when it holds that unit and year. */
  diff: ReportDiff | null;
  /** Why the plan cannot simply be written (missing unit or year, doubts, a 定稿 report), in Chinese. */
  problems: string[];
  /** blank: a fill-in template sent back unfilled (空白): nothing to import, never preselected. */
  status: PlanStatus;
  /** Units of the archive the file's unit name, not in it, probably means (see nearUnitNames). */
  nearUnits: string[];
}

/** What planning needs to know of each unit, by name: read once per batch (one query) and passed to every plan. */
export type UnitIndex = ReadonlyMap<string, { kind: UnitKind; deleted: boolean }>;

export const unitIndex = (archive: Archive): UnitIndex =>
  new Map(unitsDb.unitNames(archive.db).map((u) => [u.name, { kind: u.kind, deleted: u.deleted_at !== null }]));

// A name as the clerk may have written it: spaces, full-width forms, a trailing （盖章） or （公章） set aside.
const unitKey = (name: string) => normalizeLabel(name).replace(/\((?:盖章|公章|印章|章)\)?$/, '');
const nearKeys = new WeakMap<UnitIndex, [string, string][]>();

/**
 * Units of the archive a name not in it probably means: the same once spaces, full-width forms and a （盖章）
 * are set aside, or the one ending with the other (区教育局 for 某区教育局, 某市某区教育局 for 某区教育局).
 */
export function nearUnitNames(units: UnitIndex, name: string): string[] {
  let keys = nearKeys.get(units);
  if (!keys) nearKeys.set(units, (keys = [...units].filter(([, u]) => !u.deleted).map(([n]) => [unitKey(n), n])));
  const k = unitKey(name);
  if (k.length < 3) return [];
  const same = keys.filter(([key]) => key === k).map(([, n]) => n);
  if (same.length) return same;
  return keys.filter(([key]) => key.length >= 3 && (key.endsWith(k) || k.endsWith(key))).map(([, n]) => n);
}

/** The first three near names, quoted, as the messages about them list them. */
export const nearNamesShown = (near: string[]): string =>
  near
    .slice(0, 3)
    .map((n) => `“${n}”`)
    .join('、');

/** Why a name the archive lacks is held back: the near names, and how to go on either way. */
export const nearUnitProblem = (name: string, near: string[]): string =>
  `档案中没有单位“${name}”，与已有的${nearNamesShown(near)}${near.length > 3 ? ` 等 ${near.length} 个单位` : ''}相近：如是同一单位，请把单位改为档案中的写法；如确是新单位，请在单位一栏确认这个名称`;

export type PlanStatus = 'ready' | 'needs_attention' | 'blank';

/**
 * Nothing filled in: no text, no appendix row, and no value but the 上年结转 figures a fill-in template comes
 * with (archive.draft carries them over from last year's report).
 */
export function isBlankReport(report: Report): boolean {
  if (Object.values(report.sections).some((t) => t?.trim())) return false;
  if (report.legacy?.length) return false;
  const template = getTemplate(report.template);
  // Fill-in templates are of the table formats; a 2018-format file without its appendix is another problem.
  if (!template.cells.length) return false;
  return Object.entries(report.values).every(([k, v]) => v === null || template.cellByKey.get(k)?.rowKey === 'carried_over');
}

export const BLANK_PROBLEM = '文件是空白的填报模板，没有填写任何数字或文字';

export function planImport(
  archive: Archive,
  parsed: ParsedReport,
  overrides: PlanOverrides = {},
  units: UnitIndex = unitIndex(archive),
): ImportPlan {
  const report: Report = {
    ...parsed.report,
    unit: overrides.unit?.trim() || parsed.report.unit,
    year: overrides.year ?? parsed.report.year,
    ...(overrides.unitKind ? { unit_kind: overrides.unitKind } : {}),
    ...(overrides.published !== undefined ? { published: overrides.published } : {}),
  };
  const given = overrides.values ?? {};
  const template = getTemplate(report.template);
  for (const key of Object.keys(given))
    if (!template.cellByKey.has(key)) throw new InputError(`“${key}”不是 ${template.id} 表样中的单元格`);
  const problems: string[] = [];
  let nearUnits: string[] = [];
  // A typed value that does not fit its cell (negative, a fraction of a count) is a problem to fix, not a refusal at commit.
  for (const [key, v] of Object.entries(given)) {
    const cell = template.cellByKey.get(key)!;
    const problem = valueProblem(cell.kind, v);
    if (problem) problems.push(`${cell.name}：${problem}，填的是 ${String(v)}`);
  }
  if (Object.keys(given).length) {
    report.values = { ...report.values, ...given };
    const open = (report.doubts ?? []).filter((d) => !d.cells.every((k) => k in given));
    report.doubts = open.length ? open : undefined;
  }
  const blank = isBlankReport(report);
  if (blank) problems.push(BLANK_PROBLEM);
  if (!report.unit) problems.push('文件中没有写明单位，请指定单位');
  if (report.year === null) problems.push('文件中没有写明年度，请指定年度');
  const doubts = report.doubts ?? [];
  if (doubts.length) problems.push(`${doubts.length} 处数字无法确定位置或读法，需要人工确认`);
  const stored = report.unit && report.year !== null ? archive.find(report.unit, report.year) : undefined;
  if (stored) {
    if (!Object.values(report.sections).some((t) => t?.trim())) report.sections = stored.report.sections;
    report.unit_kind ??= stored.unit.kind;
    // A file without the appendix rows the archive holds would delete them: never without a person's say.
    const rows = stored.report.legacy?.length ?? 0;
    if (rows && !report.legacy?.length) problems.push(`文件中没有统计附表，而档案中的报告有 ${rows} 行附表；导入会删去它们，请核对`);
    if (stored.status === 'final') problems.push(`档案中“${report.unit}”${report.year} 年的报告已定稿，需先取消定稿才能导入`);
  } else if (report.unit) {
    const unit = units.get(report.unit);
    if (unit && !unit.deleted) report.unit_kind ??= unit.kind;
    if (unit?.deleted) problems.push(`单位“${report.unit}”已删除，需先在档案页的“已删除”中恢复才能导入`);
    // A name written a little differently would add a second unit beside the real one: a name the person typed is taken as meant.
    if (!unit && !overrides.unit?.trim()) {
      // The 全区汇总 workbook (导出汇总表) names “某区人民政府（汇总）”: its report is the parent's 全区 report.
      const base = report.scope === 'aggregate' ? /^(.+)[（(]汇总[)）]$/.exec(report.unit)?.[1] : undefined;
      if (base && units.get(base) && !units.get(base)!.deleted) {
        nearUnits = [base];
        problems.push(
          `这是“${base}”下级单位的汇总表：作为“${base}”${report.year ?? ''}年的全区报告导入时，请把单位改为“${base}”；如要另存为一个单位，请在单位一栏确认这个名称`,
        );
      } else {
        nearUnits = nearUnitNames(units, report.unit);
        if (nearUnits.length) problems.push(nearUnitProblem(report.unit, nearUnits));
      }
    }
  }
  const previous = report.unit && report.year !== null ? archive.find(report.unit, report.year - 1)?.report : undefined;
  return {
    file: parsed.source.file,
    parsed,
    report,
    findings: validate(report, { previous, sourceText: parsed.text }),
    existing: stored ? { revision: stored.revision, status: stored.status } : null,
    diff: stored ? diffReports(stored.report, report) : null,
    problems,
    status: blank ? 'blank' : problems.length ? 'needs_attention' : 'ready',
    nearUnits,
  };
}

/** One file → a plan per report in it, each with the person's overrides for it (by index, of `count` reports). */
export async function planFile(
  archive: Archive,
  file: string,
  overridesFor: (index: number, count: number) => PlanOverrides | undefined = () => undefined,
  units: UnitIndex = unitIndex(archive),
): Promise<ImportPlan[]> {
  const parsed = await parseFile(file);
  return parsed.map((p, i) => planImport(archive, p, overridesFor(i, parsed.length), units));
}

/** Why a file could not be read at all, in Chinese (a reader's own failure included). */
export const readError = (file: string, e: unknown): string =>
  e instanceof InputError ? e.message : `读取 ${basename(file)} 时出错：${describeError(e)}`;

/**
 * The one rule for a batch: the archive keeps one report per unit and year, so of two plans for the same unit
 * and year only the first can be written. `seen` maps unit|year → the file that came first; returns the problem
 * for a repeat (and records a first).
 */
export function sameReportProblem(seen: Map<string, string>, plan: ImportPlan): string | null {
  const id = reportKey(plan.report);
  if (!id) return null;
  const first = seen.get(id);
  if (first === undefined) {
    seen.set(id, basename(plan.file));
    return null;
  }
  return sameReportMessage(first, plan.report.unit!, plan.report.year!);
}

/** The archive already holds exactly what the plan would write. */
export const isUnchanged = (p: ImportPlan): boolean => !!p.diff && !p.diff.cells.length && !p.diff.texts.length && !p.diff.fields.length;

/**
 * Writes confirmed plans in one transaction. A plan that still needs attention is refused unless `force`
 * (its doubtful cells are then stored blank); one without unit or year is always refused.
 */
export function commitPlans(archive: Archive, plans: ImportPlan[], options: { force?: boolean; note?: string } = {}): SaveResult[] {
  for (const p of plans) {
    if (!p.report.unit || p.report.year === null) throw new InputError(`${p.file}：没有单位或年度，不能导入`);
    if (p.existing?.status === 'final')
      throw new LockedError(`${p.file}：档案中“${p.report.unit}”${p.report.year} 年的报告已定稿，不能导入；如需导入请先取消定稿`);
    if (p.status === 'blank') throw new InputError(`${p.file}：${BLANK_PROBLEM}，不能导入`);
    if (p.status !== 'ready' && !options.force) throw new InputError(`${p.file}：${p.problems.join('；')}`);
  }
  return archive.saveMany(
    plans.map((p) => {
      const { doubts: _doubts, ...report } = p.report;
      void _doubts;
      return {
        report,
        options: {
          source: { kind: p.parsed.source.kind, file: p.parsed.source.file },
          provenance: p.parsed.provenance,
          note: options.note ?? `从 ${p.file.split(/[\\/]/).pop()} 导入`,
          unitKind: report.unit_kind,
        },
      };
    }),
  );
}
