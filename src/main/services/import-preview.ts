// The import wizard's two steps over the import plan: preview one file (with the person's overrides), then write
// the confirmed plans of many files in one transaction. Files are read again at commit, so nothing is cached.
import { basename } from 'node:path';
import type { ImportFileView, PlanOverridesArg, PlanView } from '../../shared/api';
import { InputError } from '../errors';
import type { ParsedReport } from '../importers/types';
import type { Archive } from './archive';
import { parseFile } from './files';
import { describeSource, sourceLookup } from './import-context';
import { commitPlans, isUnchanged, planFile, planImport, readError, sameReportProblem, unitIndex, type ImportPlan } from './import-plan';

const view = (p: ImportPlan): PlanView => ({
  report: p.report,
  provenance: p.parsed.provenance,
  findings: p.findings,
  existing: p.existing,
  diff: p.diff,
  problems: p.problems,
  status: p.status,
  unchanged: isUnchanged(p),
  ...(p.nearUnits.length ? { nearUnits: p.nearUnits } : {}),
});

export async function previewFile(archive: Archive, file: string, overrides?: PlanOverridesArg[]): Promise<ImportFileView> {
  let parsed: ParsedReport[];
  try {
    parsed = await parseFile(file);
  } catch (e) {
    return { file, name: basename(file), error: readError(file, e), notes: [], plans: [] };
  }
  // Outside the try: a wrong override (a cell the template lacks) is the caller's mistake, not an unreadable file.
  const units = unitIndex(archive);
  const plans = parsed.map((p, i) => planImport(archive, p, overrides?.[i], units));
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
    const plans = await planFile(archive, item.file, (i) => overrides[i], units);
    for (const { index } of item.plans) {
      const p = plans[index];
      if (!p) throw new InputError(`${basename(item.file)} 中没有第 ${index + 1} 份报告`);
      const twice = sameReportProblem(seen, p);
      if (twice) throw new InputError(`${basename(item.file)}：${twice}`);
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
