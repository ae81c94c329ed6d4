// The headless command line `nianbao`, over the same shared code and services as the app.
import { Command, CommanderError } from 'commander';
import { getTemplate, isTemplateId, TEMPLATE_IDS, type Template } from '../shared/template';
import { countFindings, SEVERITY_LABELS, validate, type Finding } from '../shared/validation';
import type { Report } from '../shared/report';
import { InputError } from './errors';
import { readReportFile } from './report-file';

export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

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

export function findingsText(report: Report, findings: Finding[]): string {
  const t = getTemplate(report.template);
  const head = `报告：${report.unit ?? '（未写明单位）'} ${report.year ?? '（未写明年度）'}${report.year ? ' 年' : ''}，${t.name}`;
  if (!findings.length) return `${head}\n没有发现问题`;
  const n = countFindings(findings);
  return [
    head,
    `错误 ${n.error} 项，警告 ${n.warning} 项，提示 ${n.info} 项`,
    ...findings.map((f) => `[${SEVERITY_LABELS[f.severity]}] ${f.rule} ${f.message}`),
  ].join('\n');
}

const COMMANDER_MESSAGES: Record<string, string> = {
  'commander.unknownOption': '未知的选项',
  'commander.unknownCommand': '未知的命令',
  'commander.missingArgument': '缺少参数',
  'commander.optionMissingArgument': '选项缺少取值',
  'commander.excessArguments': '参数过多',
};

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('nianbao')
    .description('政府信息公开工作年度报告：表样、校验与归档')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .showHelpAfterError('（用 nianbao --help 查看用法）');

  program
    .command('template')
    .description('显示表样定义：单元格键、标签与合并单元格布局')
    .argument('<版本>', `表样版本：${TEMPLATE_IDS.join(' | ')}`)
    .option('--json', '以 JSON 输出')
    .action((id: string, opts: { json?: boolean }) => {
      if (!isTemplateId(id)) throw new InputError(`未知的表样版本“${id}”（可用：${TEMPLATE_IDS.join('、')}）`);
      const t = getTemplate(id);
      io.out(opts.json ? JSON.stringify(templateJson(t), null, 2) : templateText(t));
    });

  program
    .command('validate')
    .description('按规则 R1–R11 校验一份报告（JSON 文件）')
    .argument('<报告.json>', '报告文件（格式见 shared/spec/template.md §10）')
    .option('--previous <上年报告.json>', '同一单位上一年度的报告，用于跨年度校验（R5、R6）')
    .option('--json', '以 JSON 输出 {"findings":[…]}')
    .action((file: string, opts: { previous?: string; json?: boolean }) => {
      const report = readReportFile(file);
      const previous = opts.previous ? readReportFile(opts.previous) : undefined;
      const findings = validate(report, { previous });
      io.out(opts.json ? JSON.stringify({ findings }, null, 2) : findingsText(report, findings));
      setExit(findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok);
    });

  return program;
}

/** Runs the CLI; returns the exit code (0 no errors, 1 the report has errors, 2 unusable input). */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof InputError) {
      io.err(e.message);
      return EXIT.input;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      const zh = COMMANDER_MESSAGES[e.code];
      if (zh) io.err(`${zh}：${e.message.replace(/^error: /, '')}`);
      return EXIT.input;
    }
    throw e;
  }
}
