// The collecting office's lists as workbooks in the house style: 催报单 (missing and failing units) and 差错清单.
import ExcelJS from 'exceljs';
import { BOARD_STATE_LABELS, type BoardView, type UnitErrorsView } from '../../shared/api';
import { UNIT_KIND_LABELS, type CellValue } from '../../shared/report';
import { BORDER, FONT, FONT_NAME, HEADER_FILL, HEADER_FONT, textWidth } from '../excel/style';
import { localDate } from './board';

interface Column {
  header: string;
  width?: number;
  /** Long text that wraps (widths are capped). */
  wrap?: boolean;
}

const MAX_WIDTH = 60;

/** One list sheet: a title, lines under it, a header row and bordered rows, printable on A4 landscape. */
function listSheet(
  wb: ExcelJS.Workbook,
  name: string,
  title: string,
  lines: string[],
  columns: Column[],
  rows: (string | number | null)[][],
) {
  const ws = wb.addWorksheet(sheetName(wb, name), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    views: [{ state: 'frozen', ySplit: lines.length + 2, showGridLines: false }],
  });
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
  ws.mergeCells(1, 1, 1, columns.length);
  const t = ws.getCell(1, 1);
  t.value = title;
  t.font = { name: FONT_NAME, size: 16, bold: true };
  t.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  lines.forEach((line, i) => {
    ws.mergeCells(i + 2, 1, i + 2, columns.length);
    const c = ws.getCell(i + 2, 1);
    c.value = line;
    c.font = FONT;
    c.alignment = { wrapText: true, vertical: 'middle' };
  });
  const headerRow = lines.length + 2;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  columns.forEach((col, i) => {
    const c = ws.getCell(headerRow, i + 1);
    c.value = col.header;
    c.font = HEADER_FONT;
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const widths = columns.map((col) => col.width ?? textWidth(col.header) + 2);
  rows.forEach((values, r) => {
    const row = ws.getRow(headerRow + 1 + r);
    let lines = 1;
    values.forEach((v, i) => {
      const c = row.getCell(i + 1);
      c.value = v;
      c.font = FONT;
      c.border = BORDER;
      c.alignment = { vertical: 'top', wrapText: !!columns[i].wrap, horizontal: typeof v === 'number' ? 'right' : 'left' };
      const w = textWidth(String(v ?? '')) + 2;
      if (!columns[i].width) widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH, w));
      if (columns[i].wrap)
        lines = Math.max(
          lines,
          String(v ?? '')
            .split('\n')
            // A tenth of the width kept back: spreadsheet programs break lines before the estimate does.
            .reduce((n, part) => n + Math.max(1, Math.ceil((textWidth(part) + 2) / ((columns[i].width ?? MAX_WIDTH) * 0.9))), 0),
        );
    });
    // 17 points a line: Chinese fonts stand taller than 11 points (at 15 the last lines of a long list were cut off).
    if (lines > 1) row.height = lines * 17 + 4;
  });
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return ws;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(wb: ExcelJS.Workbook, name: string): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let s = base;
  for (let i = 2; wb.getWorksheet(s); i++) s = `${base.slice(0, 31 - String(i).length - 2)}（${i}）`;
  return s;
}

const show = (v: CellValue) => (v === null ? '空白' : String(v));

/** 催报单: the units not yet received, with errors or with unexplained warnings, with their deadline. */
export function reminderWorkbook(b: BoardView, now: Date): { workbook: ExcelJS.Workbook; count: number } {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政府信息公开年报助手';
  const due = b.rows.filter((r) => r.state === 'missing' || r.state === 'errors' || r.state === 'warnings');
  const what = { missing: '请尽快报送', errors: '请改正错误后重新报送', warnings: '请核实警告，改正或说明理由后重新报送' } as const;
  listSheet(
    wb,
    '催报单',
    `${b.year}年政府信息公开工作年度报告催报单`,
    [
      `${b.parent ? `上级单位：${b.parent}　` : ''}统计日期：${localDate(now)}　共 ${b.rows.length} 个单位：` +
        Object.entries(b.counts)
          .map(([s, n]) => `${BOARD_STATE_LABELS[s as keyof typeof BOARD_STATE_LABELS]} ${n}`)
          .join('，'),
    ],
    [
      { header: '序号', width: 6 },
      { header: '单位' },
      { header: '单位类型' },
      { header: '状态' },
      { header: '错误' },
      { header: '警告' },
      { header: '公布期限' },
      { header: '剩余天数' },
      { header: '请办理', width: 40, wrap: true },
    ],
    due.map((r, i) => [
      i + 1,
      r.unit.name,
      UNIT_KIND_LABELS[r.unit.kind],
      BOARD_STATE_LABELS[r.state],
      r.state === 'missing' ? null : r.errors,
      r.state === 'missing' ? null : r.warnings,
      r.deadline ?? '（无）',
      r.daysLeft === null ? null : r.daysLeft,
      what[r.state as keyof typeof what] + (r.daysLeft !== null && r.daysLeft < 0 ? `（已超过公布期限 ${-r.daysLeft} 天）` : ''),
    ]),
  );
  return { workbook: wb, count: due.length };
}

/** 差错清单: one sheet per unit. */
export function errorsWorkbook(lists: UnitErrorsView[], now: Date): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政府信息公开年报助手';
  for (const l of lists) {
    const errors = l.items.filter((i) => i.severity === 'error').length;
    listSheet(
      wb,
      l.unit,
      `${l.unit}${l.year}年政府信息公开工作年度报告差错清单`,
      [
        `报告版本：第 ${l.revision} 版（${l.status === 'final' ? '已定稿' : '草稿'}）　导出日期：${localDate(now)}　错误 ${errors} 项，未说明的警告 ${l.items.length - errors} 项${l.file ? `　依据报送的文件：${l.file}` : ''}`,
        '错误须改正；警告请核实，确属实际情况的请在报告中说明理由。',
      ],
      [
        { header: '序号', width: 6 },
        { header: '类别', width: 8 },
        { header: '规则', width: 30, wrap: true },
        { header: '涉及单元格及所填数值', width: 46, wrap: true },
        { header: '问题说明', width: 60, wrap: true },
      ],
      l.items.map((it, i) => [
        i + 1,
        it.severity === 'error' ? '错误' : '警告',
        `${it.rule} ${it.ruleTitle}`,
        it.cells.length ? it.cells.map((c) => `${c.name} = ${show(c.value)}${c.where ? `（${c.where}）` : ''}`).join('\n') : '（报告整体）',
        it.message,
      ]),
    );
  }
  if (!lists.length) listSheet(wb, '差错清单', '差错清单', ['没有错误或未说明的警告。'], [{ header: '说明', width: 40 }], []);
  return wb;
}
