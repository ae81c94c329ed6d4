// CLI: Excel export, fill-in templates, parse and import (with preview), the flat archive sheet.
import type { Command } from 'commander';
import { basename, extname } from 'node:path';
import { readCellText } from '../../shared/reading/cell-value';
import type { CellValue } from '../../shared/report';
import { SEVERITY_LABELS, validate } from '../../shared/validation';
import { show } from '../../shared/validation/values';
import { parseFile } from '../services/files';
import { findingsText } from './format';
import { InputError } from '../errors';
import { importFiles, STATUS_LABELS, type FileResult } from '../services/batch-import';
import { exportDocx, exportFlat, exportHtml, exportReport, exportTemplateFile, exportTemplates } from '../services/export';
import { outFile, type CliContext } from './context';

/** --set key=value: a number, 不适用, or nothing (a blank). */
function collectSet(pair: string, acc: Record<string, CellValue>): Record<string, CellValue> {
  const m = /^([a-z_.]+)=(.*)$/.exec(pair.trim());
  if (!m) throw new InputError(`--set 的写法应为 键=值，例如 appeals.review.total=1，而不是“${pair}”`);
  const v = m[2].trim();
  // The one cell reader: --set reads a value as the editor and the importers do (1,234, ／, 不适用 …).
  const r = readCellText(v);
  if (r.kind === 'bad' && r.problem === 'too_big')
    throw new InputError(`--set ${m[1]} 的值“${v}”太大，超出能精确保存的范围（最大 ${Number.MAX_SAFE_INTEGER}）`);
  if (r.kind === 'bad' || r.kind === 'text') throw new InputError(`--set ${m[1]} 的值“${v}”不是数字`);
  return { ...acc, [m[1]]: r.kind === 'blank' ? null : r.value };
}

function resultText(results: FileResult[], dryRun: boolean): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${basename(r.file)}：${STATUS_LABELS[r.status]}${r.reason ? `（${r.reason}）` : ''}`);
    for (const p of r.plans) {
      const e = p.findings.filter((f) => f.severity === 'error').length;
      const w = p.findings.filter((f) => f.severity === 'warning').length;
      lines.push(
        `  ${p.report.unit ?? '（单位未知）'} ${p.report.year ?? '（年度未知）'} 年，${p.report.template}；错误 ${e} 项，警告 ${w} 项${p.existing ? `；档案中已有第 ${p.existing.revision} 版` : '；档案中还没有'}`,
      );
      for (const d of p.report.doubts ?? []) lines.push(`  [存疑] ${d.message}`);
      for (const n of p.parsed.notes) lines.push(`  [说明] ${n}`);
      for (const f of p.findings.filter((x) => x.severity === 'error'))
        lines.push(`  [${SEVERITY_LABELS[f.severity]}] ${f.rule} ${f.message}`);
      if (p.diff) {
        for (const c of p.diff.cells.slice(0, 20)) lines.push(`  [变化] ${c.name}：${show(c.before)} → ${show(c.after)}`);
        if (p.diff.cells.length > 20) lines.push(`  [变化] 另有 ${p.diff.cells.length - 20} 格有变化`);
        for (const t of p.diff.texts) lines.push(`  [变化] ${t.heading}的文字有修改`);
      }
    }
  }
  const n = (s: string) => results.filter((r) => r.status === s).length;
  const blank = n('blank') ? `，${n('blank')} 个是空白模板${dryRun ? '' : '（未写入）'}` : '';
  lines.push(
    dryRun
      ? `预览（没有写入）：${n('ready')} 个文件可以导入，${n('needs_attention')} 个需要处理${blank}，${n('failed')} 个失败`
      : `已导入 ${n('imported')} 个文件，${n('needs_attention')} 个需要处理（未写入）${blank}，${n('failed')} 个失败`,
  );
  return lines.join('\n');
}

const EXPORT_FORMATS = ['xlsx', 'docx', 'html', 'pdf'] as const;

/** The format asked for, or the one the output file's extension names; PDF is drawn by the app's print view. */
function exportFormat(given: string | undefined, out: string): 'xlsx' | 'docx' | 'html' {
  const ext = extname(out).toLowerCase().slice(1);
  const format = (given ?? (ext === 'htm' ? 'html' : ext)).toLowerCase();
  if (format === 'pdf') {
    throw new InputError(
      '命令行不能导出 PDF：PDF 由应用的打印视图生成（年报编辑中的“打印/PDF”或“发布前检查”中的“导出 PDF”）；也可以导出 Word（--format docx）后用 Word 或 WPS 另存为 PDF。',
    );
  }
  if (format === 'docx' || format === 'html' || format === 'xlsx') return format;
  if (given !== undefined) throw new InputError(`未知的导出格式“${given}”（可用：${EXPORT_FORMATS.join('、')}）`);
  return 'xlsx';
}

export function registerImportCommands(program: Command, ctx: CliContext): void {
  const { io, withStore, unitYear, year } = ctx;

  unitYear(
    program.command('export').description('把档案中的报告导出：官方表格版式的 Excel 工作簿（默认）、发布用的 Word 文档或门户网站网页'),
  )
    .requiredOption('--out <文件>', '输出文件（.xlsx、.docx 或 .html）')
    .option('--format <格式>', `导出格式：${EXPORT_FORMATS.join(' | ')}（默认按输出文件的扩展名，否则 xlsx）`)
    .action(async (opts: { unit: string; year: number; out: string; format?: string }) => {
      const format = exportFormat(opts.format, opts.out);
      const write = format === 'docx' ? exportDocx : format === 'html' ? exportHtml : exportReport;
      await withStore(false, (s) => write(s.archive, opts.unit, opts.year, opts.out));
      io.out(`已导出到 ${opts.out}`);
    });

  program
    .command('template-xlsx')
    .description('生成空白填报表（上年结转已按档案预填）：一个单位一个文件，或多个单位各一个文件放在一个文件夹里')
    .option('--unit <单位>', '单位名称')
    .option('--units <单位,单位…>', '多个单位，用逗号分隔')
    .option('--all-units', '档案中的全部单位')
    .requiredOption('--year <年度>', '报告年度', year)
    .requiredOption('--out <文件或文件夹>', '一个单位时为 .xlsx 文件，多个单位时为文件夹')
    .action(async (opts: { unit?: string; units?: string; allUnits?: boolean; year: number; out: string }) => {
      await withStore(false, async (s) => {
        if (opts.unit) {
          await exportTemplateFile(s.archive, opts.unit, opts.year, opts.out);
          io.out(`已生成 ${opts.out}`);
          return;
        }
        const units = opts.allUnits
          ? s.archive.listUnits().map((u) => u.name)
          : (opts.units ?? '')
              .split(/[,，]/)
              .map((x) => x.trim())
              .filter(Boolean);
        if (!units.length) throw new InputError('请用 --unit、--units 或 --all-units 指定单位');
        const files = await exportTemplates(s.archive, units, opts.year, opts.out);
        io.out(`已在 ${opts.out} 生成 ${files.length} 个填报表`);
      });
    });

  program
    .command('parse')
    .description('读取一个文件（.xlsx、.txt、.html、.docx），显示识别出的报告、存疑的格和校验结果，不存入档案')
    .argument('<文件>', '要读取的文件')
    .option('--json', '以 JSON 输出 {report, provenance, doubts, notes, findings}')
    .action(async (path: string, opts: { json?: boolean }) => {
      const parsed = await parseFile(path);
      const out = parsed.map(({ text, ...p }) => ({
        ...p,
        doubts: p.report.doubts ?? [],
        findings: validate(p.report, { sourceText: text }),
      }));
      ctx.print(opts.json, out.length === 1 ? out[0] : { reports: out }, () =>
        out
          .map((p) =>
            [
              findingsText(p.report, p.findings),
              ...p.doubts.map((d) => `[存疑] ${d.message}`),
              ...p.notes.map((x) => `[说明] ${x}`),
              `识别出 ${Object.values(p.report.values).filter((v) => v !== null).length} 个数字，${Object.values(p.report.values).filter((v) => v === null).length} 格空白`,
            ].join('\n'),
          )
          .join('\n\n'),
      );
      ctx.setExit(out.some((p) => p.findings.some((f) => f.severity === 'error')) ? 1 : 0);
    });

  program
    .command('import')
    .description('导入文件（Excel 工作簿、档案汇总表，或已发布年报的 .txt、.html、.docx）；先显示预览，再写入')
    .argument('<文件...>', '一个或多个文件')
    .option('--unit <单位>', '文件没有写明单位时使用')
    .option('--year <年度>', '文件没有写明年度时使用', year)
    .option('--dry-run', '只预览，不写入')
    .option(
      '--set <键=值>',
      '人工填入某格（可多次使用），例如 --set appeals.review.total=1；一处存疑的格都填了即视为已确认',
      collectSet,
      {},
    )
    .option('--force', '有存疑数字的文件也写入（存疑的格留空）')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        files: string[],
        opts: { unit?: string; year?: number; set: Record<string, CellValue>; dryRun?: boolean; force?: boolean; json?: boolean },
      ) => {
        const results = await withStore(!opts.dryRun, (s) =>
          importFiles(s.archive, files, {
            overrides: { unit: opts.unit, year: opts.year, values: opts.set },
            dryRun: opts.dryRun,
            force: opts.force,
            onProgress: ({ done, total, file }) => {
              if (!opts.json && total > 1 && file) io.err(`[${done + 1}/${total}] ${basename(file)}`);
            },
          }),
        );
        if (opts.json) {
          io.out(
            JSON.stringify(
              {
                files: results.map((r) => ({
                  file: r.file,
                  status: r.status,
                  reason: r.reason,
                  reports: r.plans.map((p) => ({
                    status: p.status,
                    report: p.report,
                    provenance: p.parsed.provenance,
                    findings: p.findings,
                    doubts: p.report.doubts ?? [],
                    notes: p.parsed.notes,
                    existing: p.existing,
                    diff: p.diff,
                  })),
                })),
              },
              null,
              2,
            ),
          );
        } else io.out(resultText(results, !!opts.dryRun));
        const failed = results.some((r) => r.status === 'failed');
        const attention = results.some(
          (r) =>
            r.status === 'needs_attention' || r.status === 'blank' || r.plans.some((p) => p.findings.some((f) => f.severity === 'error')),
        );
        ctx.setExit(failed ? 2 : attention ? 1 : 0);
      },
    );

  program
    .command('export-flat')
    .description('导出档案汇总表：每个单位每年一行，每个单元格一列（可做数据透视表，也可再导入）')
    .requiredOption('--out <文件.xlsx>', '输出文件')
    .action(async (opts: { out: string }) => {
      const n = await withStore(false, (s) => exportFlat(s.archive, outFile(opts.out, '.xlsx')));
      io.out(`已导出 ${n} 份报告到 ${opts.out}`);
    });
}
