// What the fill-in workbook a unit receives has beyond the official tables: an instruction sheet, the unit and year
// in cells above each table (the importer reads them back), and a 校验 sheet whose formulas compute every 勾稽
// difference from the template's relations (tableEquations), red while it is not 0. Nothing here is hand-written
// per cell: labels, keys and relations all come from the template.
import type ExcelJS from 'exceljs';
import { NOT_APPLICABLE, REPORT_SCOPE_LABELS, type Report } from '../../shared/report';
import { getTemplate, type Table } from '../../shared/template';
import { TABLE_RULE_TITLES, tableEquations } from '../../shared/validation/table-rules';
import { BORDER, FONT, HEADER_FILL, HEADER_FONT, INPUT_FILL, textWidth } from './style';
import { A1, CHECK_SHEET, GUIDE_SHEET, sheetName } from './workbook-format';

/** Rows above each table in a fill-in workbook: the identity row and a spacer. */
export const FILL_IN_TOP = 2;

const ref = (sheet: string, address: string) => `'${sheet.replace(/'/g, "''")}'!${address}`;

/** Where the unit and year are typed: on the first table's sheet; the other sheets show them by formula. */
export interface IdentityCells {
  sheet: string;
  unit: string;
  year: string;
}

export function identityCells(report: Report): IdentityCells | null {
  const first = getTemplate(report.template).tables[0];
  if (!first) return null;
  return { sheet: sheetName(first), unit: 'B1', year: A1(1, first.layout.cols) };
}

const RED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' }, fgColor: { argb: 'FFFFC7CE' } };
const RED_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' }, bold: true };
const GREEN_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF006100' } };

/** Row 1 of a table sheet: 填报单位 [unit] … 报告年度 [year]. Typed on the first sheet, shown on the others. */
export function writeIdentityRow(ws: ExcelJS.Worksheet, table: Table, report: Report, id: IdentityCells): void {
  const cols = table.layout.cols;
  const first = sheetName(table) === id.sheet;
  const label = (col: number, text: string) => {
    const c = ws.getCell(1, col);
    c.value = text;
    c.font = HEADER_FONT;
    c.alignment = { horizontal: 'right', vertical: 'middle' };
  };
  label(1, '填报单位：');
  if (cols - 2 > 2) ws.mergeCells(1, 2, 1, cols - 2);
  label(cols - 1, '报告年度：');
  const unit = ws.getCell(1, 2);
  const year = ws.getCell(1, cols);
  for (const c of [unit, year]) {
    c.font = FONT;
    c.border = BORDER;
    c.alignment = { horizontal: 'left', vertical: 'middle' };
  }
  if (first) {
    unit.value = report.unit ?? null;
    year.value = report.year ?? null;
    unit.fill = INPUT_FILL;
    year.fill = INPUT_FILL;
    unit.protection = { locked: false };
    year.protection = { locked: false };
    unit.dataValidation = {
      type: 'textLength',
      operator: 'between',
      allowBlank: false,
      formulae: [2, 60],
      showErrorMessage: true,
      errorTitle: '填写有误',
      error: '请填写单位全称（2 至 60 个字）。',
    };
    year.dataValidation = {
      type: 'whole',
      operator: 'between',
      allowBlank: false,
      formulae: [1990, 2100],
      showErrorMessage: true,
      errorTitle: '填写有误',
      error: '报告年度应为四位年份，例如 2024。',
    };
  } else {
    // Shown from the first sheet, so the unit is typed once.
    unit.value = { formula: `IF(${ref(id.sheet, id.unit)}="","",${ref(id.sheet, id.unit)})`, result: report.unit ?? '' };
    year.value = { formula: `IF(${ref(id.sheet, id.year)}="","",${ref(id.sheet, id.year)})`, result: report.year ?? '' };
    unit.fill = HEADER_FILL;
    year.fill = HEADER_FILL;
  }
  ws.getRow(1).height = 22;
  ws.getRow(2).height = 8;
}

/** The 填报说明 sheet, first in the workbook. */
export function writeGuideSheet(wb: ExcelJS.Workbook, report: Report): void {
  const t = getTemplate(report.template);
  const ws = wb.addWorksheet(GUIDE_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'normal', showGridLines: false }],
  });
  const WIDTH = 70;
  ws.getColumn(1).width = WIDTH;
  const unit = report.unit ?? '（本单位）';
  const tables = t.tables.map((x) => `“${sheetName(x)}”`).join('、');
  const lines: [string, 'title' | 'head' | 'text'][] = [
    [`${unit}${report.year ?? ''}年政府信息公开工作年度报告 填报说明`, 'title'],
    ['一、填什么', 'head'],
    [`1. ${tables}各表的白色格子填本单位${report.year ?? '本'}年度的数字；灰色格子是表头和项目名称，已锁定，不能修改。`, 'text'],
    ['2. 每张表上方的“填报单位”“报告年度”在第一张表上填写（已预填，如有误请改正），其他表自动显示。', 'text'],
    ['3. “文字部分”工作表的右栏填写总体情况、存在的主要问题及改进情况、其他需要报告的事项等文字。', 'text'],
    [`4. 本表样为${t.name}${report.scope ? `，报告范围：${REPORT_SCOPE_LABELS[report.scope]}` : ''}。`, 'text'],
    ['二、空白、0 与不适用', 'head'],
    ['1. 发生数为零的，填 0，不要留空：空白表示“没有填写”，汇总时会被列为未填。', 'text'],
    [`2. 本单位没有这项职能、这一项不适用的，填“${NOT_APPLICABLE}”或“/”。`, 'text'],
    ['3. 件数只能填不小于 0 的整数；金额以万元为单位，可有两位小数。填错时 Excel 会提示并拒绝。', 'text'],
    ['三、填完以后先看“校验”表', 'head'],
    [
      `1. “${CHECK_SHEET}”工作表按表样的勾稽关系自动计算每一项的差额，差额不为 0 的显示为红色；请核对相关数字，直到全部为 0（“相符”）。`,
      'text',
    ],
    ['2. 上年结转的数字已按上年报告预填；如与实际不符，请改正并在文字部分说明。', 'text'],
    ['四、怎样交回', 'head'],
    ['1. 直接保存本工作簿（.xlsx 格式），不要改工作表的名称、不要删除或插入行列，也不要另存为其他格式。', 'text'],
    ['2. 文件名可保留原名；按通知的时间和方式交回政务公开工作机构（电子邮件或内网报送均可）。', 'text'],
    ['3. 收到后，数字会按本工作簿的位置逐格读入，单位和年度按表上方填写的读入，无需另行说明。', 'text'],
  ];
  lines.forEach(([text, kind], i) => {
    const c = ws.getCell(i + 1, 1);
    c.value = text;
    c.font = kind === 'title' ? { ...HEADER_FONT, size: 14 } : kind === 'head' ? HEADER_FONT : FONT;
    c.alignment = { vertical: 'middle', wrapText: true, horizontal: 'left' };
    // Rows grow with their wrapped lines (Excel does not measure them for us).
    const lines = Math.ceil(textWidth(text) / WIDTH);
    ws.getRow(i + 1).height = kind === 'title' ? 22 * lines + 8 : kind === 'head' ? 24 : 16 * lines + 6;
  });
}

/** The address of every cell key in the workbook (table sheets start FILL_IN_TOP rows down). */
function cellRefs(report: Report, top: number): Map<string, { sheet: string; address: string; name: string }> {
  const out = new Map<string, { sheet: string; address: string; name: string }>();
  for (const table of getTemplate(report.template).tables)
    for (const c of table.cells) out.set(c.key, { sheet: sheetName(table), address: A1(c.row + top, c.col), name: c.name });
  return out;
}

/**
 * The 校验 sheet: one row per relation of the template's tables — the total cell, the sum of its parts, their
 * difference (red when not 0) and 相符/不符. Blank and 不适用 count as 0, as the rules count them.
 */
export function writeCheckSheet(wb: ExcelJS.Workbook, report: Report, top: number): number {
  const t = getTemplate(report.template);
  const equations = tableEquations(t);
  if (!equations.length) return 0;
  const refs = cellRefs(report, top);
  const ws = wb.addWorksheet(CHECK_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  const widths = [6, 8, 70, 12, 12, 10, 8];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.mergeCells(1, 1, 1, widths.length);
  const title = ws.getCell(1, 1);
  title.value = '勾稽关系校验（自动计算，不需填写）：差额应为 0，不为 0 的显示为红色，请核对相关数字';
  title.font = HEADER_FONT;
  title.alignment = { vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 24;
  const head = ['序号', '规则', '勾稽关系', '合计格', '各项之和', '差额', '结果'];
  head.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = HEADER_FONT;
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  equations.forEach((e, i) => {
    const row = i + 3;
    const target = refs.get(e.target)!;
    const terms = e.terms.map((x) => ({ ...x, ...refs.get(x.key)! }));
    const relation = `${target.name} = ${terms.map((x, j) => `${j === 0 ? (x.sign < 0 ? '−' : '') : x.sign < 0 ? ' − ' : ' + '}${x.name}`).join('')}`;
    const sumFormula = terms.map((x, j) => `${x.sign < 0 ? '-' : j === 0 ? '' : '+'}N(${ref(x.sheet, x.address)})`).join('');
    // No saved results: every spreadsheet program computes them when the file opens (LibreOffice and WPS would
    // otherwise show the saved ones until something changes).
    const cells: ExcelJS.CellValue[] = [
      i + 1,
      e.rule,
      relation,
      { formula: `N(${ref(target.sheet, target.address)})` } as ExcelJS.CellFormulaValue,
      { formula: sumFormula } as ExcelJS.CellFormulaValue,
      { formula: `D${row}-E${row}` } as ExcelJS.CellFormulaValue,
      { formula: `IF(F${row}=0,"相符","不符")` } as ExcelJS.CellFormulaValue,
    ];
    cells.forEach((v, j) => {
      const c = ws.getCell(row, j + 1);
      c.value = v;
      c.font = FONT;
      c.border = BORDER;
      c.alignment = { vertical: 'middle', wrapText: j === 2, horizontal: j === 2 ? 'left' : 'center' };
    });
    ws.getCell(row, 2).note = TABLE_RULE_TITLES[e.rule];
    ws.getRow(row).height = Math.min(120, 16 * Math.ceil(relation.length / 34) + 4);
  });
  const last = equations.length + 2;
  ws.addConditionalFormatting({
    ref: `F3:G${last}`,
    rules: [
      { type: 'expression', priority: 1, formulae: [`$F3<>0`], style: { fill: RED_FILL, font: RED_FONT } },
      { type: 'expression', priority: 2, formulae: [`$F3=0`], style: { font: GREEN_FONT } },
    ],
  });
  return equations.length;
}
