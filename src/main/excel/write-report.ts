// A report as a workbook in the official table layout (spec §8): one sheet per table, a sheet of texts and a
// hidden metadata sheet. Everything is drawn from the template definitions.
import ExcelJS from 'exceljs';
import { NOT_APPLICABLE, REPORT_SCOPE_LABELS, UNIT_KIND_LABELS, type CellValue, type Report } from '../../shared/report';
import { getTemplate, type CellKind, type Table } from '../../shared/template';
import { writeLegacySheet } from './legacy-sheet';
import { BORDER, columnWidths, FONT, HEADER_FILL, HEADER_FONT, INPUT_FILL, rowHeights } from './style';
import { FILL_IN_TOP, identityCells, writeCheckSheet, writeGuideSheet, writeIdentityRow, type IdentityCells } from './fill-in';
import { A1, FORMAT_ID, FORMAT_VERSION, META_SHEET, sheetName, TEXT_SHEET } from './workbook-format';

export interface WriteOptions {
  appVersion: string;
  status?: 'draft' | 'final';
  /** Where each value came from, shown as a cell note (e.g. 上年结转). */
  provenance?: Record<string, string>;
  now?: Date;
  /** The fill-in workbook a unit receives: 填报说明, unit and year in cells above each table, the 校验 sheet. */
  fillIn?: boolean;
}

/** Accepts a number, blank, 不适用 or / (a clerk's way to write 不适用); for counts only whole numbers ≥ 0. */
function validationFor(kind: CellKind, ref: string): ExcelJS.DataValidation {
  const number =
    kind === 'amount'
      ? `AND(ISNUMBER(${ref}),${ref}>=0)`
      : kind === 'signed'
        ? `AND(ISNUMBER(${ref}),INT(${ref})=${ref})`
        : `AND(ISNUMBER(${ref}),${ref}>=0,INT(${ref})=${ref})`;
  const what = kind === 'amount' ? '不小于 0 的金额（万元，可有小数）' : kind === 'signed' ? '整数（可为负数）' : '不小于 0 的整数';
  return {
    type: 'custom',
    allowBlank: true,
    formulae: [`OR(${number},${ref}="${NOT_APPLICABLE}",${ref}="/")`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '填写有误',
    error: `这里应填${what}；不适用的填“${NOT_APPLICABLE}”或“/”，没有发生的填 0。`,
    showInputMessage: false,
  };
}

function writeTable(wb: ExcelJS.Workbook, table: Table, report: Report, options: WriteOptions, identity: IdentityCells | null): void {
  const top = identity ? FILL_IN_TOP : 0;
  const ws = wb.addWorksheet(sheetName(table), {
    pageSetup: {
      paperSize: 9,
      orientation: table.layout.cols > 4 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.8, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    views: [{ state: 'normal', showGridLines: false }],
  });
  const title = `${report.unit ?? ''}${report.year ? `${report.year}年` : ''}政府信息公开工作年度报告`;
  ws.headerFooter.oddHeader = `&C&"${FONT.name},Bold"${title}　${table.section.heading}`;
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
  const widths = columnWidths(table);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  rowHeights(table, widths).forEach((h, i) => (ws.getRow(i + 1 + top).height = h));
  if (identity) writeIdentityRow(ws, table, report, identity);
  const cellKinds = new Map(table.cells.map((c) => [c.key, c.kind]));

  for (const c of table.layout.cells) {
    const row = c.row + top;
    if (c.rowSpan > 1 || c.colSpan > 1) ws.mergeCells(row, c.col, row + c.rowSpan - 1, c.col + c.colSpan - 1);
    const cell = ws.getCell(row, c.col);
    const isValue = c.role === 'value';
    const left = c.role === 'row' || c.role === 'caption';
    cell.font = isValue || c.role === 'row' ? FONT : HEADER_FONT;
    cell.alignment = { horizontal: isValue ? 'right' : left ? 'left' : 'center', vertical: 'middle', wrapText: !isValue };
    if (isValue) {
      const v: CellValue = report.values[c.key!] ?? null;
      cell.value = v;
      cell.fill = INPUT_FILL;
      cell.protection = { locked: false };
      cell.dataValidation = validationFor(cellKinds.get(c.key!) ?? 'count', A1(row, c.col));
      if (cellKinds.get(c.key!) === 'amount') cell.numFmt = '0.00##';
      const source = options.provenance?.[c.key!];
      if (source) cell.note = source;
    } else {
      cell.value = c.text;
      if (c.role !== 'row') cell.fill = HEADER_FILL;
    }
    // Borders on every cell of a merged range, so the printed grid is complete.
    for (let r = row; r < row + c.rowSpan; r++) for (let col = c.col; col < c.col + c.colSpan; col++) ws.getCell(r, col).border = BORDER;
  }
}

function writeTexts(wb: ExcelJS.Workbook, report: Report): void {
  const t = getTemplate(report.template);
  const ws = wb.addWorksheet(TEXT_SHEET, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 100;
  t.sections
    .filter((s) => s.kind === 'text')
    .forEach((s, i) => {
      const row = ws.getRow(i + 1);
      const text = report.sections[s.key as keyof Report['sections']] ?? '';
      row.getCell(1).value = s.heading;
      row.getCell(1).font = HEADER_FONT;
      row.getCell(1).alignment = { vertical: 'top', wrapText: true };
      // Written as a text cell with the text format, so =, +, - or @ at the start never becomes a formula.
      row.getCell(2).value = text;
      row.getCell(2).numFmt = '@';
      row.getCell(2).font = FONT;
      row.getCell(2).alignment = { vertical: 'top', wrapText: true };
      row.getCell(2).protection = { locked: false };
      row.height = Math.min(409, Math.max(30, Math.ceil(text.length / 48) * 15 + 8));
    });
}

function writeMeta(
  wb: ExcelJS.Workbook,
  report: Report,
  options: WriteOptions,
  legacyCells: string[],
  identity: IdentityCells | null,
): void {
  const top = identity ? FILL_IN_TOP : 0;
  const t = getTemplate(report.template);
  const ws = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  const rows: (string | number | null)[][] = [
    ['format', FORMAT_ID],
    ['format_version', FORMAT_VERSION],
    ['template', report.template],
    ['unit', report.unit],
    ['year', report.year],
    ['published', report.published],
    ['unit_kind', report.unit_kind ? UNIT_KIND_LABELS[report.unit_kind] : null],
    ['scope', report.scope ? REPORT_SCOPE_LABELS[report.scope] : null],
    ['status', options.status ?? 'draft'],
    ['app_version', options.appVersion],
    ['exported_at', (options.now ?? new Date()).toISOString()],
  ];
  for (const table of t.tables) for (const c of table.cells) rows.push(['cell', c.key, sheetName(table), A1(c.row + top, c.col)]);
  // Where the unit and year are typed in a fill-in workbook: read back from there, as the unit wrote them.
  if (identity) rows.push(['identity', 'unit', identity.sheet, identity.unit], ['identity', 'year', identity.sheet, identity.year]);
  // The appendix rows by their label cell; the reader finds them by the header, so rows added below are read too.
  legacyCells.forEach((at, i) => rows.push(['legacy', i, t.legacyHeading ?? '', at]));
  ws.addRows(rows);
}

export function reportWorkbook(report: Report, options: WriteOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '政府信息公开年报助手';
  wb.created = options.now ?? new Date();
  const t = getTemplate(report.template);
  const identity = options.fillIn ? identityCells(report) : null;
  if (options.fillIn) {
    writeGuideSheet(wb, report);
    // The 校验 formulas recompute when the file is opened, whatever values were saved with them.
    wb.calcProperties.fullCalcOnLoad = true;
  }
  for (const table of t.tables) writeTable(wb, table, report, options, identity);
  const title = `${report.unit ?? ''}${report.year ? `${report.year}年` : ''}政府信息公开工作年度报告`;
  const legacyCells = t.legacyColumns ? writeLegacySheet(wb, t, report.legacy ?? [], title) : [];
  writeTexts(wb, report);
  if (options.fillIn) writeCheckSheet(wb, report, identity ? FILL_IN_TOP : 0);
  writeMeta(wb, report, options, legacyCells, identity);
  return wb;
}

export async function protectSheets(wb: ExcelJS.Workbook): Promise<void> {
  // No password: the protection only stops accidental edits of the labels and merges.
  for (const ws of wb.worksheets) {
    if (ws.name === META_SHEET) continue;
    await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
}

export async function writeReportFile(report: Report, path: string, options: WriteOptions): Promise<void> {
  const wb = reportWorkbook(report, options);
  await protectSheets(wb);
  await wb.xlsx.writeFile(path);
}

export async function reportBuffer(report: Report, options: WriteOptions): Promise<Buffer> {
  const wb = reportWorkbook(report, options);
  await protectSheets(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { A1 };
