// Importing many files at once (the office that collects forty units' workbooks): a plan per file, progress,
// a result per file, and one transaction for everything that is written.
import { batchYear, otherYearMessage } from '../../shared/import-rules';
import type { Archive, SaveResult } from './archive';
import {
  BLANK_PROBLEM,
  commitPlans,
  isUnchanged,
  planFile,
  readError,
  sameReportProblem,
  unitIndex,
  type ImportPlan,
  type PlanOverrides,
} from './import-plan';

export type FileStatus = 'imported' | 'ready' | 'unchanged' | 'needs_attention' | 'blank' | 'failed';

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
  blank: '空白',
  failed: '失败',
};

export async function importFiles(archive: Archive, files: string[], options: BatchOptions = {}): Promise<FileResult[]> {
  const results: FileResult[] = [];
  const seen = new Map<string, string>();
  const units = unitIndex(archive);
  for (const [i, file] of files.entries()) {
    options.onProgress?.({ done: i, total: files.length, file });
    try {
      // The overrides name one report: they apply to a file that holds one.
      const plans = await planFile(archive, file, (_, count) => (count === 1 ? options.overrides : undefined), units);
      for (const plan of plans) {
        if (plan.status === 'blank') continue;
        const twice = sameReportProblem(seen, plan);
        if (twice) {
          plan.problems.push(twice);
          plan.status = 'needs_attention';
        }
      }
      const attention = plans.filter((p) => p.status === 'needs_attention');
      const status: FileStatus = attention.length
        ? 'needs_attention'
        : plans.length && plans.every((p) => p.status === 'blank')
          ? 'blank'
          : plans.every((p) => p.status === 'blank' || isUnchanged(p))
            ? 'unchanged'
            : 'ready';
      results.push({
        file,
        status,
        reason: attention.length ? attention.flatMap((p) => p.problems).join('；') : status === 'blank' ? BLANK_PROBLEM : null,
        plans,
        saved: [],
      });
    } catch (e) {
      // Whatever one file does (a reader's own failure included), it is that file's result; the batch goes on.
      results.push({ file, status: 'failed', reason: readError(file, e), plans: [], saved: [] });
    }
  }
  // A workbook of another year among a batch of one year that would change a stored report is held back.
  const usual = options.overrides?.year === undefined ? batchYear(results.flatMap((r) => r.plans.map((p) => p.report.year))) : null;
  for (const r of results) {
    if (r.status !== 'ready' || usual === null) continue;
    const other = r.plans.find((p) => p.status !== 'blank' && p.existing && p.report.year !== null && p.report.year !== usual);
    if (!other) continue;
    const why = otherYearMessage(other.report.year!, usual);
    other.problems.push(why);
    other.status = 'needs_attention';
    r.status = 'needs_attention';
    r.reason = why;
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
  const toWrite = (r: FileResult) => r.plans.filter((p) => p.status !== 'blank' && !isUnchanged(p));
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
