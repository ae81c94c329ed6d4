// The collecting office on the command line: unit import, board (报送情况, 催报单), summary (全区汇总), errors (差错清单).
import type { Command } from 'commander';
import { BOARD_STATE_LABELS, BOARD_STATES, type BoardView, type SummaryView } from '../../shared/api';
import { UNIT_KIND_LABELS, type CellValue } from '../../shared/report';
import { board } from '../collect/board';
import { unitErrors, yearErrors } from '../collect/errors-list';
import { exportErrors, exportReminder } from '../collect/exports';
import { summarize, writeSummaryFile } from '../collect/summary';
import { importUnits, unitImportText } from '../collect/unit-import';
import { InputError } from '../errors';
import type { CliContext } from './context';

const show = (v: CellValue) => (v === null ? '（空白）' : String(v));

export function boardText(b: BoardView): string {
  const lines = [
    `${b.year} 年报送情况${b.parent ? `（上级单位：${b.parent}）` : '（全部单位）'}，统计日期 ${b.today}`,
    `${BOARD_STATES.map((s) => `${BOARD_STATE_LABELS[s]} ${b.counts[s]}`).join('　')}　共 ${b.rows.length} 个单位${b.outlierCount ? `；疑似异常 ${b.outlierCount} 处` : ''}`,
    '单位\t类型\t状态\t错误\t警告\t公布期限\t剩余天数',
  ];
  if (!b.rows.length) lines.push(b.parent ? `“${b.parent}”没有下级单位（可用 nianbao unit import 导入单位名单）` : '档案中还没有单位');
  for (const r of b.rows) {
    const days = r.daysLeft === null ? '' : r.daysLeft < 0 ? `已过 ${-r.daysLeft} 天` : `${r.daysLeft} 天`;
    lines.push(
      [r.unit.name, UNIT_KIND_LABELS[r.unit.kind], BOARD_STATE_LABELS[r.state], r.errors, r.warnings, r.deadline ?? '', days].join('\t'),
    );
    for (const o of r.outliers) lines.push(`  疑似异常：${o.message}`);
  }
  return lines.join('\n');
}

export function summaryText(s: SummaryView, cellKey?: string): string {
  const lines = [
    `${s.unit} ${s.year} 年：${s.included.length} 个单位的报告逐格相加`,
    ...(s.failing.length ? [`已计入但报告仍有错误（汇总数字含这些错误）：${s.failing.join('、')}`] : []),
    ...(s.missing.length ? [`未收到报告（未计入）：${s.missing.join('、')}`] : []),
    ...s.excluded.map((e) => `未计入：${e.unit}，${e.reason}`),
  ];
  if (cellKey) {
    const c = s.cells.find((x) => x.key === cellKey);
    if (!c) throw new InputError(`汇总表中没有单元格“${cellKey}”（可用 nianbao template ${s.template} 查看单元格键）`);
    lines.push('', `${c.name}：${show(c.value)}（${c.reported} 个单位填了数字）`);
    for (const u of c.units) lines.push(`  ${u.unit}\t${u.value}`);
    if (c.notApplicable.length) lines.push(`  不适用：${c.notApplicable.join('、')}`);
    if (c.blank.length) lines.push(`  空白：${c.blank.join('、')}`);
  } else {
    for (const c of s.cells) {
      const extra = [
        c.notApplicable.length ? `不适用 ${c.notApplicable.length}` : '',
        c.blank.length ? `空白 ${c.blank.length}` : '',
      ].filter(Boolean);
      lines.push(`  ${c.name}\t${show(c.value)}\t${c.reported} 个单位${extra.length ? `（${extra.join('，')}）` : ''}`);
    }
  }
  const cmp = s.comparison;
  if (cmp) {
    lines.push(
      '',
      `与“${cmp.unit}”的 ${s.year} 年报告逐格比较（${cmp.checked} 格）：${cmp.differences.length ? `${cmp.differences.length} 处不一致` : '全部一致'}`,
    );
    for (const d of cmp.differences) {
      lines.push(
        `  ${d.name}：报告 ${show(d.reported)}，各单位合计 ${show(d.sum)}${d.difference !== null ? `，相差 ${d.difference > 0 ? '+' : ''}${d.difference}` : ''}`,
      );
      for (const x of d.suspects) lines.push(`    ${x.unit}（${show(x.value)}）：${x.why}`);
      if (d.blank.length) lines.push(`    本格空白的单位：${d.blank.join('、')}`);
    }
    if (cmp.missing.length) lines.push(`  未计入合计（没有报告）的单位：${cmp.missing.join('、')}`);
  }
  return lines.join('\n');
}

export function registerCollectCommands(program: Command, ctx: CliContext): void {
  const { io, withStore, print, year, setExit } = ctx;

  const unit = program.commands.find((c) => c.name() === 'unit');
  if (!unit) throw new Error('unit command missing');
  unit
    .command('import')
    .description('从 Excel 单位名单导入单位（表头：单位名称、单位类型、上级单位，可有单位代码）；有重名或近似重名时不导入')
    .argument('<单位.xlsx>', '单位名单工作簿')
    .option('--dry-run', '只检查并列出将要新增、更新的单位，不写入档案')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }) => {
      const v = await withStore(!opts.dryRun, (s) => importUnits(s.archive, file, { dryRun: opts.dryRun }));
      print(opts.json, v, () => unitImportText(v));
    });

  program
    .command('board')
    .description('报送情况：某年度各单位的状态（未收到、草稿、有错误、有未说明的警告、已定稿）、公布期限与疑似异常')
    .requiredOption('--year <年度>', '报告年度', year)
    .option('--parent <上级单位>', '只看这个单位的下级单位（默认：全部单位）')
    .option('--reminder <催报单.xlsx>', '把未收到、有错误、有未说明警告的单位导出为催报单')
    .option('--no-outliers', '不检查疑似异常（与上年相比、与同级单位相比）')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: number; parent?: string; reminder?: string; outliers: boolean; json?: boolean }) => {
      const { b, count } = await withStore(false, async (s) => ({
        b: board(s.archive, { year: opts.year, parent: opts.parent, outliers: opts.outliers }),
        count: opts.reminder ? await exportReminder(s.archive, { year: opts.year, parent: opts.parent }, opts.reminder) : 0,
      }));
      print(opts.json, b, () => boardText(b));
      if (opts.reminder && !opts.json) io.out(`已导出催报单：${opts.reminder}（${count} 个单位）`);
    });

  program
    .command('summary')
    .description('全区汇总：某上级单位所属各单位报告的逐格合计，可导出为正式表样工作簿，并可与全区报告逐格比较')
    .requiredOption('--year <年度>', '报告年度', year)
    .requiredOption('--parent <上级单位>', '上级单位名称')
    .option('--out <汇总.xlsx>', '导出汇总表（正式表样，另有“汇总明细”工作表）')
    .option('--compare [单位]', '与全区报告逐格比较：该单位的本年度报告（不写单位名时为上级单位自己的报告）')
    .option('--cell <单元格键>', '只显示一个单元格的明细：各单位的数值')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: number; parent: string; out?: string; compare?: string | boolean; cell?: string; json?: boolean }) => {
      const s = await withStore(false, async (st) => {
        const compare = opts.compare === true ? st.archive.unit(opts.parent).name : opts.compare || null;
        const v = summarize(st.archive, { year: opts.year, parent: opts.parent, compare });
        if (opts.out) await writeSummaryFile(v, opts.out);
        return v;
      });
      print(opts.json, s, () => summaryText(s, opts.cell));
      if (opts.out && !opts.json) io.out(`已导出汇总表：${opts.out}`);
      if (s.comparison?.differences.length) setExit(1);
    });

  program
    .command('errors')
    .description('差错清单：一个单位（--unit）或某年度全部有问题的单位（每个单位一个工作表）的错误和未说明的警告')
    .requiredOption('--year <年度>', '报告年度', year)
    .option('--unit <单位>', '只列这个单位')
    .option('--parent <上级单位>', '只列这个单位的下级单位')
    .option('--out <差错清单.xlsx>', '导出工作簿')
    .option('--json', '以 JSON 输出')
    .action(async (opts: { year: number; unit?: string; parent?: string; out?: string; json?: boolean }) => {
      const y = opts.year;
      const { lists, units } = await withStore(false, async (s) => ({
        lists: opts.unit ? [unitErrors(s.archive, opts.unit, y)] : yearErrors(s.archive, y, opts.parent ?? null),
        units: opts.out ? await exportErrors(s.archive, { year: y, unit: opts.unit, parent: opts.parent }, opts.out) : 0,
      }));
      print(opts.json, { units: lists }, () =>
        [
          lists.length ? `${y} 年有问题的单位 ${lists.length} 个` : `${y} 年没有错误或未说明的警告`,
          ...lists.flatMap((l) => [
            `${l.unit}（第 ${l.revision} 版）`,
            ...l.items.map((i) => `  [${i.severity === 'error' ? '错误' : '警告'}] ${i.rule} ${i.message}`),
          ]),
          ...(opts.out ? [`已导出差错清单：${opts.out}（${units} 个单位）`] : []),
        ].join('\n'),
      );
    });
}
