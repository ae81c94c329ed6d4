// The import wizard's two steps over the import plan: preview one file (with the person's overrides), then write
// the confirmed plans of many files in one transaction. Files are read again at commit, so nothing is cached.
import { basename } from 'node:path';
import type { ImportFileView, PlanOverridesArg, PlanView } from '../../shared/api';
import { valueProblem } from '../../shared/report';
import { getTemplate } from '../../shared/template';
import { describeError, InputError } from '../errors';
import type { ParsedReport } from '../importers/types';
import type { Archive } from './archive';
import { parseFile } from './files';
import { describeSource, sourceLookup } from './import-context';
import { commitPlans, isUnchanged, planImport, unitIndex, type ImportPlan, type UnitIndex } from './import-plan';

const view = (p: ImportPlan): PlanView => ({
  report: p.report,
  provenance: p.parsed.provenance,
  findings: p.findings,
  existing: p.existing,
  diff: p.diff,
  problems: p.problems,
  status: p.status,
  unchanged: isUnchanged(p),
});

/**
 * Plans a parsed report with the person's overrides. A typed value that does not fit its cell (negative, a
 * fraction of a count) is a problem to fix here, not a refusal from the archive at commit.
 */
function plan(archive: Archive, parsed: ParsedReport, overrides: PlanOverridesArg | undefined, units: UnitIndex): ImportPlan {
  const p = planImport(archive, parsed, overrides, units);
  const template = getTemplate(p.report.template);
  for (const [key, v] of Object.entries(overrides?.values ?? {})) {
    const cell = template.cellByKey.get(key);
    const problem = cell && valueProblem(cell.kind, v);
    if (problem) p.problems.push(`${cell.name}：${problem}，填的是 ${String(v)}`);
  }
  if (p.problems.length) p.status = 'needs_attention';
  return p;
}

export async function previewFile(archive: Archive, file: string, overrides?: PlanOverridesArg[]): Promise<ImportFileView> {
  let parsed: ParsedReport[];
  try {
    parsed = await parseFile(file);
  } catch (e) {
    const error = e instanceof InputError ? e.message : `读取 ${basename(file)} 时出错：${describeError(e)}`;
    return { file, name: basename(file), error, notes: [], plans: [] };
  }
  // Outside the try: a wrong override (a cell the template lacks) is the caller's mistake, not an unreadable file.
  const units = unitIndex(archive);
  const plans = parsed.map((p, i) => plan(archive, p, overrides?.[i], units));
  const lookup = await sourceLookup(file);
  return {
    file,
    name: basename(file),
    error: null,
    notes: parsed.flatMap((p) => p.notes),
    plans: plans.map((p) => ({ ...view(p), ...describeSource(p.parsed, lookup) })),
  };
}

export interface CommitItem {
  file: string;
  plans: { index: number; overrides?: PlanOverridesArg }[];
}

/** Writes the chosen plans of all files, all or nothing; plans identical to the archive are left out. */
export async function commitFiles(archive: Archive, items: CommitItem[]) {
  const chosen: { file: string; plan: ImportPlan }[] = [];
  const seen = new Map<string, string>();
  const units = unitIndex(archive);
  for (const item of items) {
    const overrides: PlanOverridesArg[] = [];
    for (const p of item.plans) overrides[p.index] = p.overrides ?? {};
    const parsed = await parseFile(item.file);
    for (const { index } of item.plans) {
      if (!parsed[index]) throw new InputError(`${basename(item.file)} 中没有第 ${index + 1} 份报告`);
      const p = plan(archive, parsed[index], overrides[index], units);
      const id = `${p.report.unit}|${p.report.year}`;
      if (seen.has(id))
        throw new InputError(`${basename(item.file)} 与 ${seen.get(id)} 都是“${p.report.unit}”${p.report.year} 年的报告，请只保留一份`);
      seen.set(id, basename(item.file));
      if (!isUnchanged(p)) chosen.push({ file: item.file, plan: p });
    }
  }
  const saved = commitPlans(
    archive,
    chosen.map((c) => c.plan),
  );
  return saved.map((s, i) => ({
    file: chosen[i]!.file,
    unit: chosen[i]!.plan.report.unit!,
    year: chosen[i]!.plan.report.year!,
    revision: s.revision,
  }));
}
