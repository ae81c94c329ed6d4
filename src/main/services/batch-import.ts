// Importing many files at once (the office that collects forty units' workbooks): a plan per file, progress,
// a result per file, and one transaction for everything that is written.
import { basename } from 'node:path';
import { describeError, InputError } from '../errors';
import type { SaveResult } from './archive';
import type { Archive } from './archive';
import { parseFile } from './files';
import { commitPlans, isUnchanged, planImport, unitIndex, type ImportPlan, type PlanOverrides } from './import-plan';

export type FileStatus = 'imported' | 'ready' | 'unchanged' | 'needs_attention' | 'failed';

export interface FileResult {
  file: string;
  status: FileStatus;
  /** Why it failed or needs attention, in Chinese. */
  reason: string | null;
  plans: ImportPlan[];
  saved: SaveResult[];
}

export interface BatchOptions {
  overrides?: PlanOverrides;
  /** Plan only; write nothing. */
  dryRun?: boolean;
  /** Also write plans that need attention (their doubtful cells stay blank). */
  force?: boolean;
  onProgress?: (p: { done: number; total: number; file: string }) => void;
}

export const STATUS_LABELS: Record<FileStatus, string> = {
  imported: '已导入',
  ready: '可以导入',
  unchanged: '与档案相同，无需导入',
  needs_attention: '需要处理',
  failed: '失败',
};

export async function importFiles(archive: Archive, files: string[], options: BatchOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const seen = new Map<string, string>();
  const units = unitIndex(archive);
  for (const [i, file] of files.entries()) {
    options.onProgress?.({ done: i, total: files.length, file });
    try {
      const parsed = await parseFile(file);
      const plans = parsed.map((p) => planImport(archive, p, parsed.length === 1 ? options.overrides : undefined, units));
      for (const plan of plans) {
        const id = `${plan.report.unit}|${plan.report.year}`;
        if (plan.report.unit && plan.report.year !== null && seen.has(id)) {
          plan.problems.push(`与 ${seen.get(id)} 是同一单位、同一年度的报告`);
          plan.status = 'needs_attention';
        }
        seen.set(id, file);
      }
      const attention = plans.filter((p) => p.status !== 'ready');
      results.push({
        file,
        status: attention.length ? 'needs_attention' : plans.every(isUnchanged) ? 'unchanged' : 'ready',
        reason: attention.length ? attention.flatMap((p) => p.problems).join('；') : null,
        plans,
        saved: [],
      });
    } catch (e) {
      // Whatever one file does (a reader's own failure included), it is that file's result; the batch goes on.
      const reason = e instanceof InputError ? e.message : `读取 ${basename(file)} 时出错：${describeError(e)}`;
      results.push({ file, status: 'failed', reason, plans: [], saved: [] });
    }
  }
  options.onProgress?.({ done: files.length, total: files.length, file: '' });
  if (options.dryRun) return results;
  const writable = results.filter(
    (r) =>
      r.status === 'ready' ||
      (options.force &&
        r.status === 'needs_attention' &&
        r.plans.every((p) => p.report.unit && p.report.year !== null && p.existing?.status !== 'final')),
  );
  const toWrite = (r: FileResult) => r.plans.filter((p) => !isUnchanged(p));
  const saved = commitPlans(archive, writable.flatMap(toWrite), { force: options.force });
  let k = 0;
  for (const r of writable) {
    const n = toWrite(r).length;
    r.saved = saved.slice(k, k + n);
    k += n;
    r.status = 'imported';
  }
  return results;
}
