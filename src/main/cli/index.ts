// The headless command line `nianbao`, over the same shared code and services as the app.
import { basename } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { UNIT_KIND_LABELS, type Report } from '../../shared/report';
import { getTemplate, isTemplateId, TEMPLATE_IDS, type Template } from '../../shared/template';
import { validate } from '../../shared/validation';
import { BUSY_MESSAGE, DamagedError, describeError, InputError, isBusy, sqliteMessage } from '../errors';
import { readReportFile } from '../report-file';
import { parseUnitKind } from '../services/archive';
import { createContext, year, type Io } from './context';
import { HELP_IN_CHINESE } from './help';
import { registerCollectCommands } from './collect-commands';
import { registerExchangeCommands } from './exchange-commands';
import { registerImportCommands } from './import-commands';
import { iterateListedReports } from '../db/overview';
import { countUnits } from '../db/units';
import { resolveArchivePath } from '../services/paths';
import { APP_VERSION } from '../version';
import { ArchiveStore } from '../services/store';
import { diffText, findingsText, historyText, reportText, searchText, unitsText, writeList } from './format';

/** Exit codes (README “退出码”): 3 another program is writing the archive; 4 the archive file is damaged; 5 an internal error. */
export const EXIT = { ok: 0, findings: 1, input: 2, busy: 3, damaged: 4, internal: 5 } as const;

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

function templateJson(t: Template) {
  const { cellByKey: _unused, ...rest } = t;
  void _unused;
  return rest;
}

function templateText(t: Template): string {
  const lines = [`${t.id}：${t.name}`, `依据：${t.issuedBy}`, ''];
  for (const s of t.sections) lines.push(s.heading);
  for (const table of t.tables) {
    lines.push('', `${table.section.heading}（${table.cells.length} 格）`);
    for (const c of table.cells) lines.push(`  ${c.key}\t${c.name}`);
  }
  if (t.legacyColumns) lines.push('', `附表各列：${t.legacyColumns.map((c) => c.label).join(' | ')}`);
  lines.push('', `共 ${t.cells.length} 格`);
  return lines.join('\n');
}

/** Commander's English errors in Chinese, naming what the person typed. */
function commanderMessage(e: CommanderError): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `未知的选项“${quoted}”`;
    case 'commander.unknownCommand':
      return `未知的命令“${quoted}”`;
    case 'commander.missingArgument':
      return `缺少参数“${quoted}”`;
    case 'commander.optionMissingArgument':
      return `选项“${quoted}”缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项“${quoted}”`;
    case 'commander.excessArguments':
      return `参数过多${quoted ? `（命令 ${quoted}）` : ''}`;
    case 'commander.invalidArgument':
      return `参数“${quoted}”不合法`;
    default:
      return '命令行有误';
  }
}

/** The (sub)command words the person typed, e.g. ['report', 'get'], for pointing at that command's help. */
function commandPath(program: Command, argv: string[]): string[] {
  const path: string[] = [];
  let cmd = program;
  const words = argv.slice(2);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    // Global options may come first: `nianbao --db 档案.sqlite report get …`.
    if (word === '--db') i++;
    if (word.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === word);
    if (!sub) break;
    path.push(word);
    cmd = sub;
  }
  return path;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`“${value}”不是有效的版本号`);
  return n;
}

const kindHelp = `单位类型：${Object.values(UNIT_KIND_LABELS).join(' | ')}（或 ${Object.keys(UNIT_KIND_LABELS).join(' | ')}）`;

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program: Command = new Command('nianbao')
    .description('政府信息公开工作年度报告：表样、校验与归档')
    .option('--db <路径>', '档案数据库文件（默认：环境变量 NIANBAO_DB，否则为应用数据目录中的 archive.sqlite）')
    .version(APP_VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureHelp(HELP_IN_CHINESE)
    // Commander's own error lines are English; main() prints them in Chinese instead.
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s), outputError: () => undefined })
    .exitOverride()
    .addHelpText(
      'after',
      (): string => `
示例：
  nianbao validate 报告.json --json          校验一个报告文件，输出 {"findings":[…]}
  nianbao list --json                        各单位各年度报告的状态（JSON Lines）
  nianbao backup D:\\备份\\年报档案.sqlite       备份档案（应用开着也可以）
  nianbao restore D:\\备份\\年报档案.sqlite      从备份恢复（先检查备份，并先把当前档案另存一份）
  nianbao help export                        某个命令的用法和选项

退出码：0 完成（校验没有错误）；1 报告有错误，或导入的文件需要处理；2 输入无法使用（文件、参数、单位、年度有误）；
        3 另一个程序正在写入档案；4 档案文件已损坏（请从备份恢复）；5 程序内部出错
档案：${resolveArchivePath(program.opts<{ db?: string }>().db)}（自动备份在同一文件夹的 backups 中）`,
    );

  const ctx = createContext(program, io, setExit);
  const { withStore, print, unitYear } = ctx;

  program
    .command('template')
    .description('显示表样定义：单元格键、标签与合并单元格布局')
    .argument('<版本>', `表样版本：${TEMPLATE_IDS.join(' | ')}`)
    .option('--json', '以 JSON 输出')
    .action((id: string, opts: { json?: boolean }) => {
      if (!isTemplateId(id)) throw new InputError(`未知的表样版本“${id}”（可用：${TEMPLATE_IDS.join('、')}）`);
      const t = getTemplate(id);
      print(opts.json, templateJson(t), () => templateText(t));
    });

  program
    .command('validate')
    .description('按规则 R1–R17 校验一份报告：JSON 文件，或档案中某单位某年的报告（自动带上年报告做跨年度校验）')
    .argument('[报告.json]', '报告文件（格式见 shared/spec/template.md §10）')
    .option('--previous <上年报告.json>', '同一单位上一年度的报告文件，用于跨年度校验（R5、R6）')
    .option('--unit <单位>', '校验档案中的报告：单位名称')
    .option('--year <年度>', '校验档案中的报告：年度', year)
    .option('--json', '以 JSON 输出 {"findings":[…]}')
    .action(async (file: string | undefined, opts: { previous?: string; unit?: string; year?: number; json?: boolean }) => {
      let report: Report;
      let findings;
      if (file) {
        report = readReportFile(file);
        findings = validate(report, { previous: opts.previous ? readReportFile(opts.previous) : undefined });
      } else {
        if (!opts.unit || opts.year === undefined) throw new InputError('请给出报告文件，或用 --unit 和 --year 指定档案中的报告');
        ({ report, findings } = await withStore(false, (s) => ({
          report: s.archive.get(opts.unit!, opts.year!).report,
          findings: s.archive.validateStored(opts.unit!, opts.year!),
        })));
      }
      print(opts.json, { findings }, () => findingsText(report, findings));
      setExit(findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok);
    });

  const unit = program.command('unit').description('单位：添加、修改、列出、删除、恢复');
  unit
    .command('add')
    .description('添加单位')
    .argument('<名称>', '单位名称，例如 鄂伦春自治旗人民政府')
    .addOption(new Option('--kind <类型>', kindHelp).default('其他'))
    .option('--parent <上级单位>', '上级单位名称')
    .option('--code <代码>', '单位代码')
    .action(async (name: string, opts: { kind: string; parent?: string; code?: string }) => {
      const u = await withStore(true, (s) =>
        s.archive.addUnit({ name, kind: parseUnitKind(opts.kind), parent: opts.parent, code: opts.code }),
      );
      io.out(`已添加单位“${u.name}”（${UNIT_KIND_LABELS[u.kind]}）`);
    });
  unit
    .command('set')
    .description('修改单位：改名、类型、上级单位、代码')
    .argument('<名称>', '现在的单位名称')
    .option('--name <新名称>', '新名称')
    .option('--kind <类型>', kindHelp)
    .option('--parent <上级单位>', '上级单位名称（空字符串表示没有上级）')
    .option('--code <代码>', '单位代码')
    .action(async (name: string, opts: { name?: string; kind?: string; parent?: string; code?: string }) => {
      const u = await withStore(true, (s) =>
        s.archive.updateUnit(name, {
          name: opts.name,
          kind: opts.kind ? parseUnitKind(opts.kind) : undefined,
          parent: opts.parent,
          code: opts.code,
        }),
      );
      io.out(`已更新单位“${u.name}”（${UNIT_KIND_LABELS[u.kind]}）`);
    });
  unit
    .command('delete')
    .description('删除单位及其全部报告（保留在档案中，可用 unit undelete 恢复）')
    .argument('<名称>', '单位名称')
    .action(async (name: string) => {
      const r = await withStore(true, (s) => s.archive.deleteUnit(name));
      io.out(`已删除单位“${name}”及其 ${r.reports} 份报告（可用 nianbao unit undelete 恢复）`);
    });
  unit
    .command('undelete')
    .description('恢复已删除的单位，连同和它一起删除的报告')
    .argument('<名称>', '单位名称')
    .action(async (name: string) => {
      const r = await withStore(true, (s) => s.archive.undeleteUnit(name));
      io.out(`已恢复单位“${name}”及其 ${r.reports} 份报告`);
    });
  unit
    .command('list')
    .description('列出档案中的单位')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { json?: boolean }) => {
      const units = await withStore(false, (s) => s.archive.listUnits());
      print(opts.json, { units }, () => unitsText(units));
    });

  const report = program.command('report').description('报告：存入、取出、删除、定稿');
  report
    .command('put')
    .description('把报告 JSON 文件存入档案（新的一版；单位不存在时自动添加）')
    .argument('<报告.json>', '报告文件')
    .option('--note <说明>', '这一版的说明')
    .option('--base-revision <版本>', '基于哪一版修改；档案中已有更新的版本时拒绝保存', positiveInt)
    .action(async (file: string, opts: { note?: string; baseRevision?: number }) => {
      const r = readReportFile(file);
      const saved = await withStore(true, (s) =>
        s.archive.save(r, {
          // Always a named revision in the history: the CLI's saves are never merged into an editing burst.
          note: opts.note ?? `命令行存入 ${basename(file)}`,
          baseRevision: opts.baseRevision,
          source: { kind: 'json', file },
        }),
      );
      const errors = saved.findings.filter((f) => f.severity === 'error' && !f.dismissed).length;
      const warnings = saved.findings.filter((f) => f.severity === 'warning' && !f.dismissed).length;
      io.out(`已存入“${r.unit}”${r.year} 年的报告，第 ${saved.revision} 版；错误 ${errors} 项，警告 ${warnings} 项`);
    });
  unitYear(report.command('get').description('取出档案中的报告'))
    .option('--json', '以报告 JSON 输出（可再用 nianbao validate 校验）')
    .action(async (opts: { unit: string; year: number; json?: boolean }) => {
      const s = await withStore(false, (st) => st.archive.get(opts.unit, opts.year));
      print(opts.json, s.report, () => reportText(s));
    });
  unitYear(report.command('delete').description('删除报告（保留在档案中，可用 report undelete 恢复）')).action(
    async (opts: { unit: string; year: number }) => {
      await withStore(true, (s) => s.archive.delete(opts.unit, opts.year));
      io.out(`已删除“${opts.unit}”${opts.year} 年的报告（可用 nianbao report undelete 恢复）`);
    },
  );
  unitYear(report.command('undelete').description('恢复已删除的报告')).action(async (opts: { unit: string; year: number }) => {
    await withStore(true, (s) => s.archive.undelete(opts.unit, opts.year));
    io.out(`已恢复“${opts.unit}”${opts.year} 年的报告`);
  });
  unitYear(report.command('status').description('设置报告状态：定稿（锁定）或草稿'))
    .argument('<状态>', '定稿 | 草稿')
    .option('--confirm-errors', '报告还有错误时仍然定稿（记录在这一版的说明中）')
    .action(async (status: string, opts: { unit: string; year: number; confirmErrors?: boolean }) => {
      const value = status === '定稿' || status === 'final' ? 'final' : status === '草稿' || status === 'draft' ? 'draft' : null;
      if (!value) throw new InputError(`未知的状态“${status}”（可用：定稿、草稿）`);
      const r = await withStore(true, (s) => s.archive.setStatus(opts.unit, opts.year, value, { confirmErrors: opts.confirmErrors }));
      io.out(`“${opts.unit}”${opts.year} 年的报告已设为${value === 'final' ? '定稿' : '草稿'}（第 ${r.revision} 版）`);
    });
  unitYear(report.command('restore-revision').description('把报告恢复为历史上的某一版（作为新的一版保存）'))
    .requiredOption('--revision <版本>', '要恢复的版本号', positiveInt)
    .action(async (opts: { unit: string; year: number; revision: number }) => {
      const saved = await withStore(true, (s) => s.archive.restoreRevision(opts.unit, opts.year, opts.revision));
      io.out(`已把“${opts.unit}”${opts.year} 年的报告恢复为第 ${opts.revision} 版的内容，保存为第 ${saved.revision} 版`);
    });

  program
    .command('list')
    .description('档案总览：各单位各年度报告的状态与问题数')
    .option('--json', '以 JSON Lines 输出（每行一份报告）')
    .action(async (opts: { json?: boolean }) => {
      await withStore(false, (s) =>
        writeList(
          iterateListedReports(s.archive.db),
          opts.json,
          (chunk) => io.out(chunk),
          () => countUnits(s.archive.db),
        ),
      );
    });

  unitYear(program.command('history').description('报告的历次版本；--diff 显示两版之间的差别'))
    .option('--diff <甲..乙>', '比较两个版本，例如 1..3')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { unit: string; year: number; diff?: string; json?: boolean }) => {
      if (opts.diff) {
        const m = /^(\d+)\.\.(\d+)$/.exec(opts.diff);
        if (!m) throw new InputError(`--diff 的写法应为 甲..乙，例如 1..3，而不是“${opts.diff}”`);
        const [a, b] = [Number(m[1]), Number(m[2])];
        const d = await withStore(false, (s) => s.archive.diff(opts.unit, opts.year, a, b));
        print(opts.json, d, () => diffText(d, a, b));
        return;
      }
      const h = await withStore(false, (s) => s.archive.history(opts.unit, opts.year));
      print(opts.json, { revisions: h }, () => historyText(h));
    });

  program
    .command('search')
    .description('全文检索各报告的文字部分')
    .argument('<关键词>', '要查找的文字（一两个字也可以）')
    .option('--json', '以 JSON 输出')
    .action(async (query: string, opts: { json?: boolean }) => {
      const result = await withStore(false, (s) => s.archive.search(query));
      print(opts.json, result, () => searchText(result, query));
    });

  program
    .command('backup')
    .description('把档案备份到一个文件（应用开着也可以；先检查档案和备份都完整无损，才写成这个文件名）')
    .argument('<文件>', '备份文件路径，例如 D:\\备份\\年报档案-2025-03-01.sqlite')
    .addHelpText(
      'after',
      `
示例：
  nianbao backup D:\\备份\\年报档案-2025-03-01.sqlite
  nianbao --db D:\\年报\\archive.sqlite backup E:\\U盘\\年报档案.sqlite   备份另一个档案文件

已有同名的备份时覆盖它；已有同名但不是本程序备份的文件时拒绝。档案已损坏时不备份，退出码 4。`,
    )
    .action(async (file: string) => {
      const b = await withStore(false, (s) => s.backupTo(file));
      io.out(`已备份到 ${b.file}（${(b.size / 1024).toFixed(0)} KB）`);
    });

  program
    .command('restore')
    .description('从备份文件恢复档案（先检查备份，并先把当前档案另存一份）')
    .argument('<文件>', '备份文件（nianbao backup、“立即备份”或自动备份写出的 .sqlite 文件）')
    .addHelpText(
      'after',
      `
示例：
  nianbao restore D:\\备份\\年报档案-2025-03-01.sqlite
  nianbao restore %APPDATA%\\nianbao\\backups\\archive-2025-03-01.sqlite   Windows 上的自动备份

恢复前检查：是本程序的档案、结构完整、完整无损、不是更新版本的程序写的；不通过时档案不变，退出码 2。
通过后先把当前档案另存为 backups 中的 archive-before-restore-时间.sqlite，再替换。`,
    )
    .action(async (file: string) => {
      const path = resolveArchivePath(program.opts<{ db?: string }>().db);
      let store: ArchiveStore;
      try {
        store = await ArchiveStore.open(path);
      } catch (e) {
        // The archive is too damaged to open: restoring is exactly what the person needs, so it still works.
        const r = await ArchiveStore.restoreOverDamaged(path, file, e);
        io.out(`已从 ${file} 恢复档案：${r.check.units} 个单位、${r.check.reports} 份报告。损坏的档案已移到 ${r.safetyCopy}`);
        return;
      }
      store.close();
      const r = await withStore(false, (s) => s.restoreFrom(file));
      io.out(`已从 ${file} 恢复档案：${r.check.units} 个单位、${r.check.reports} 份报告。恢复前的档案已另存为 ${r.safetyCopy}`);
    });

  registerImportCommands(program, ctx);
  registerCollectCommands(program, ctx);
  registerExchangeCommands(program, ctx);
  return program;
}

/** Runs the CLI; returns the exit code (EXIT: 0 no errors, 1 the report has errors, 2 unusable input, 3 busy, 4 damaged, 5 internal). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    const archive = () => `（档案：${resolveArchivePath(program.opts<{ db?: string }>().db)}）`;
    if (isBusy(e)) {
      io.err(`${BUSY_MESSAGE}${archive()}`);
      return EXIT.busy;
    }
    if (e instanceof DamagedError || /^SQLITE_(CORRUPT|NOTADB)/.test(String((e as { code?: unknown }).code))) {
      // Our DamagedError names the file already; SQLite's own does not.
      io.err(e instanceof DamagedError ? describeError(e) : `${describeError(e)}${archive()}`);
      return EXIT.damaged;
    }
    // Our input errors, file-system errors (a folder that is not there, a file open in Excel) and SQLite's
    // (a read-only archive, a full disk), in Chinese.
    if (e instanceof InputError || /^E[A-Z]+$/.test(String((e as { code?: unknown }).code)) || sqliteMessage(e)) {
      io.err(describeError(e));
      return EXIT.input;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      io.err(`${commanderMessage(e)}（用 nianbao ${commandPath(program, argv).concat('--help').join(' ')} 查看用法）`);
      return EXIT.input;
    }
    // The same words as the app's (errors.ts); every write is one transaction, so nothing is half-written.
    io.err(describeError(e));
    return EXIT.internal;
  }
}
