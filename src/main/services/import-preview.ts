// The import wizard's two steps over the import plan: preview one file (with the person's overrides), then write
// the confirmed plans of many files in one transaction. Files are read again at commit, so nothing is cached.
import { basename } from 'node:path';
import type { ImportFileView, PlanOverridesArg, PlanView } from '../../shared/api';
import { InputError } from '../errors';
import type { Archive } from './archive';
import { parseFile } from './files';
import { commitPlans, isUnchanged, planImport, type ImportPlan } from './import-plan';

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

async function plansOf(archive: Archive, file: string, overrides: PlanOverridesArg[] = []): Promise<ImportPlan[]> {
  const parsed = await parseFile(file);
  return parsed.map((p, i) => planImport(archive, p, overrides[i]));
}

export async function previewFile(archive: Archive, file: string, overrides?: PlanOverridesArg[]): Promise<ImportFileView> {
  try {
    const parsed = await parseFile(file);
    const plans = parsed.map((p, i) => planImport(archive, p, overrides?.[i]));
    return { file, name: basename(file), error: null, notes: parsed.flatMap((p) => p.notes), plans: plans.map(view) };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { file, name: basename(file), error: e.message, notes: [], plans: [] };
  }
}

export interface CommitItem {
  file: string;
  plans: { index: number; overrides?: PlanOverridesArg }[];
}

/** Writes the chosen plans of all files, all or nothing; plans identical to the archive are left out. */
export async function commitFiles(archive: Archive, items: CommitItem[]) {
  const chosen: ImportPlan[] = [];
  const seen = new Map<string, string>();
  for (const item of items) {
    const all = await plansOf(
      archive,
      item.file,
      item.plans.reduce<PlanOverridesArg[]>((acc, p) => ((acc[p.index] = p.overrides ?? {}), acc), []),
    );
    for (const { index } of item.plans) {
      const plan = all[index];
      if (!plan) throw new InputError(`${basename(item.file)} 中没有第 ${index + 1} 份报告`);
      const id = `${plan.report.unit}|${plan.report.year}`;
      if (seen.has(id))
        throw new InputError(
          `${basename(item.file)} 与 ${seen.get(id)} 都是“${plan.report.unit}”${plan.report.year} 年的报告，请只保留一份`,
        );
      seen.set(id, basename(item.file));
      if (!isUnchanged(plan)) chosen.push(plan);
    }
  }
  const saved = commitPlans(archive, chosen);
  return saved.map((s, i) => ({
    file: chosen[i]!.file,
    unit: chosen[i]!.report.unit!,
    year: chosen[i]!.report.year!,
    revision: s.revision,
  }));
}
