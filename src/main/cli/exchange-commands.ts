// CLI: 报送 and 退回 between a unit and its collecting office (send, receive, return, exchanges).
import type { Command } from 'commander';
import { basename } from 'node:path';
import { show } from '../../shared/validation/values';
import { InputError } from '../errors';
import { localDateTime } from '../../shared/local-time';
import { KIND_LABELS } from '../exchange/labels';
import type { ExchangePreview, ExchangeView, ReceiveResult } from '../exchange/service';
import { outFile, type CliContext } from './context';

/** --cell key=理由, repeatable. */
function collectCell(pair: string, acc: { key: string; reason: string }[]) {
  const m = /^([a-z_.0-9]+)=(.+)$/s.exec(pair.trim());
  if (!m) throw new InputError(`--cell 的写法应为 键=理由，例如 requests.new.total=本年新收申请数与明细不符，而不是“${pair}”`);
  return [...acc, { key: m[1], reason: m[2].trim() }];
}
const collect = (v: string, acc: string[]) => [...acc, v];

const local = (iso: string) => localDateTime(iso, { offset: true });

function previewText(p: ExchangePreview): string[] {
  const lines = [
    `${KIND_LABELS[p.kind]}包：${p.unit} ${p.year} 年，${p.kind === 'send' ? '' : '退回的是'}报送方第 ${p.revision} 版，生成于 ${p.createdAtLocal}（程序版本 ${p.appVersion}）`,
    p.existing ? `档案中已有第 ${p.existing.revision} 版（${p.existing.status === 'final' ? '定稿' : '草稿'}）` : '档案中还没有这份报告',
  ];
  for (const n of p.notes) lines.push(`  [注意] ${n}`);
  if (p.diff) {
    const d = p.diff;
    if (!d.cells.length && !d.texts.length && !d.fields.length) lines.push('  与档案中的报告相同');
    for (const f of d.fields) lines.push(`  [变化] ${f}`);
    for (const c of d.cells.slice(0, 20)) lines.push(`  [变化] ${c.name}：${show(c.before)} → ${show(c.after)}`);
    if (d.cells.length > 20) lines.push(`  [变化] 另有 ${d.cells.length - 20} 格有变化`);
    for (const t of d.texts) lines.push(`  [变化] ${t.heading}的文字有修改`);
  }
  for (const d of p.dismissals) lines.push(`  [说明] ${d.rule}：${d.reason}`);
  if (p.reasons) {
    for (const g of p.reasons.general) lines.push(`  [退回理由] ${g}`);
    for (const c of p.reasons.cells) lines.push(`  [退回理由] ${c.name}：${c.reason}`);
  }
  return lines;
}

function receiveText(r: ReceiveResult): string {
  const lines = previewText(r.preview);
  const p = r.preview;
  if (r.status === 'previewed') lines.push('预览（没有写入）');
  else if (r.status === 'already_received') lines.push('这个报送包已经接收过，没有重复存入');
  else if (p.kind === 'send') lines.push(`已接收“${p.unit}”${p.year} 年的报送包，存为第 ${r.revision} 版并定稿`);
  else lines.push(`已接收“${p.unit}”${p.year} 年的退回包：报告已退回，请按理由修改后重新报送`);
  return lines.join('\n');
}

function historyText(list: ExchangeView[]): string {
  if (!list.length) return '还没有报送或退回的记录';
  const lines: string[] = [];
  for (const e of list) {
    lines.push(`${local(e.createdAt)}\t${e.label}\t第 ${e.revision} 版\t${e.file}`);
    for (const g of e.reasons?.general ?? []) lines.push(`  理由：${g}`);
    for (const c of e.reasons?.cells ?? []) lines.push(`  ${c.name}：${c.reason}`);
  }
  return lines.join('\n');
}

export function registerExchangeCommands(program: Command, ctx: CliContext): void {
  const { io, print, unitYear, setExit } = ctx;
  // Loaded when used: every CLI command registers these, few of them exchange packages.
  const withExchange = async <T>(write: boolean, fn: (ex: import('../exchange/service').ExchangeService) => T | Promise<T>) => {
    const { ExchangeService } = await import('../exchange/service');
    return ctx.withStore(write, (s) => fn(new ExchangeService(s.archive)));
  };

  unitYear(program.command('send').description('报送：把档案中的报告做成报送包（.nbpkg），交给上级机关接收'))
    .requiredOption('--out <文件.nbpkg>', '报送包路径，例如 某县教育局-2024-报送.nbpkg')
    .action(async (opts: { unit: string; year: number; out: string }) => {
      const w = await withExchange(true, (ex) => ex.send(opts.unit, opts.year, outFile(opts.out, '.nbpkg')));
      io.out(`已生成报送包 ${w.file}（“${w.unit}”${w.year} 年第 ${w.revision} 版），已记为已报送`);
    });

  program
    .command('receive')
    .description('接收报送包或退回包：先全部检查，再显示与档案的差别；接收的报送包存为新的一版并定稿')
    .argument('<文件.nbpkg>', '报送包或退回包')
    .option('--dry-run', '只检查和预览，不写入')
    .option('--year <年度>', '只接收这一年度的报送包', ctx.year)
    .option('--force', '报送包比已接收的版本旧时仍然接收')
    .option('--as-unit <单位>', '报送包中的单位名称与档案中的写法不同时，按档案中的这个单位接收')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { dryRun?: boolean; year?: number; force?: boolean; asUnit?: string; json?: boolean }) => {
      try {
        const r = await withExchange(!opts.dryRun, (ex) =>
          ex.receive(file, { dryRun: opts.dryRun, year: opts.year, allowOlder: opts.force, asUnit: opts.asUnit }),
        );
        print(opts.json, r, () => receiveText(r));
      } catch (e) {
        if (!(e instanceof InputError) || !opts.json) throw e;
        print(true, { status: 'refused', file: basename(file), message: e.message }, () => '');
        io.err(e.message);
        setExit(2);
      }
    });

  unitYear(program.command('return').description('退回：把报告连同退回理由和差错清单做成退回包，交给报送的单位'))
    .option('--reason <理由>', '总体退回理由（可多次给出）', collect, [] as string[])
    .option(
      '--cell <键=理由>',
      '某个单元格的退回理由（可多次给出），键见 nianbao template',
      collectCell,
      [] as { key: string; reason: string }[],
    )
    .requiredOption('--out <文件.nbpkg>', '退回包路径，例如 某县教育局-2024-退回.nbpkg')
    .action(async (opts: { unit: string; year: number; reason: string[]; cell: { key: string; reason: string }[]; out: string }) => {
      const w = await withExchange(true, (ex) =>
        ex.returnTo(opts.unit, opts.year, { general: opts.reason, cells: opts.cell }, outFile(opts.out, '.nbpkg')),
      );
      io.out(`已生成退回包 ${w.file}（“${w.unit}”${w.year} 年），已记为已退回`);
    });

  unitYear(program.command('exchanges').description('某单位某年度报告的报送、接收与退回记录'))
    .option('--json', '以 JSON 输出')
    .action(async (opts: { unit: string; year: number; json?: boolean }) => {
      const list = await withExchange(false, (ex) => ex.history(opts.unit, opts.year));
      print(opts.json, { exchanges: list }, () => historyText(list));
    });
}
