// The appendix of a legacy report (2018 and earlier) as a worksheet: a title, the template's column labels, one row
// per statistic. Read back by its header from our export and from a hand-made sheet with the same columns.
import type ExcelJS from 'exceljs';
import type { LegacyRow } from '../../shared/report';
import { normalizeLabel, type LegacyColumnDef, type Template } from '../../shared/template';
import type { Grid } from './grid';
import { BORDER, FONT, HEADER_FILL, HEADER_FONT, INPUT_FILL, textWidth } from './style';
import { readValue } from '../../shared/reading/cell-value';

type ColumnKey = LegacyColumnDef['key'];
const YEAR_HEADER = /^(\d{4})年度?$/;
const FIRST_ROW = 3;

export const legacySheetName = (template: Template): string => (template.legacyHeading ?? '统计附表').slice(0, 31);

/** Writes the sheet; returns where each row's label sits (for the hidden cell map). */
export function writeLegacySheet(wb: ExcelJS.Workbook, template: Template, rows: LegacyRow[], title: string): string[] {
  const columns = template.legacyColumns ?? [];
  const ws = wb.addWorksheet(legacySheetName(template), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true },
    views: [{ state: 'normal', showGridLines: false }],
  });
  ws.headerFooter.oddHeader = `&C&"${FONT.name},Bold"${title}　${legacySheetName(template)}`;
  ws.headerFooter.oddFooter = '&C第 &P 页，共 &N 页';
  const longest = Math.max(10, ...rows.map((r) => textWidth(r.label)));
  columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.key === 'label' ? Math.min(60, longest + 2) : c.key === 'unit' ? 10 : 16));
  ws.mergeCells(1, 1, 1, columns.length);
  const head = ws.getCell(1, 1);
  head.value = legacySheetName(template);
  head.font = { ...HEADER_FONT, size: 14 };
  head.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;
  columns.forEach((c, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = c.label;
    cell.font = HEADER_FONT;
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const where: string[] = [];
  rows.forEach((r, i) => {
    const rowNo = FIRST_ROW + i;
    columns.forEach((c, j) => {
      const cell = ws.getCell(rowNo, j + 1);
      cell.value = r[c.key];
      cell.font = FONT;
      cell.border = BORDER;
      cell.fill = INPUT_FILL;
      cell.protection = { locked: false };
      const number = c.key === 'this_year' || c.key === 'cumulative';
      cell.alignment = { horizontal: number ? 'right' : c.key === 'unit' ? 'center' : 'left', vertical: 'middle', wrapText: !number };
      // Labels stay text when edited in Excel, even one that starts with = or +.
      if (!number) cell.numFmt = '@';
      if (c.key === 'label') where.push(cell.address);
    });
  });
  return where;
}

export interface LegacyRead {
  rows: LegacyRow[];
  provenance: Record<string, string>;
  notes: string[];
}

/** The header row: at least three of the template's columns in order, one of them a number column. */
function findHeader(grid: Grid, template: Template): { row: number; columns: Map<number, ColumnKey> } | null {
  const defs = (template.legacyColumns ?? []).map((d) => ({ key: d.key, forms: [d.label, ...d.variants].map(normalizeLabel) }));
  const order = (k: ColumnKey) => defs.findIndex((d) => d.key === k);
  for (let r = 1; r <= grid.rows; r++) {
    const columns = new Map<number, ColumnKey>();
    let last = -1;
    for (let c = 1; c <= grid.cols; c++) {
      const cell = grid.at(r, c);
      if (!cell || cell.master.col !== c || !cell.norm) continue;
      const key = YEAR_HEADER.test(cell.norm) ? 'this_year' : defs.find((d) => d.forms.includes(cell.norm))?.key;
      if (!key || order(key) <= last) continue;
      columns.set(c, key);
      last = order(key);
    }
    const keys = [...columns.values()];
    if (keys.length >= 3 && keys.includes('label') && (keys.includes('this_year') || keys.includes('cumulative')))
      return { row: r, columns };
  }
  return null;
}

/** Reads the appendix rows below the header until the first row without a label; null when no sheet has the header. */
export function readLegacySheet(grids: Grid[], template: Template, file: string): LegacyRead | null {
  for (const grid of grids) {
    const header = findHeader(grid, template);
    if (!header) continue;
    const out: LegacyRead = { rows: [], provenance: {}, notes: [] };
    for (let r = header.row + 1; r <= grid.rows; r++) {
      const labelCol = [...header.columns].find(([, k]) => k === 'label')![0];
      if (!grid.at(r, labelCol)?.text) {
        const rest = [...header.columns.keys()].filter((c) => grid.at(r, c)?.text);
        if (rest.length)
          out.notes.push(`${file} ${grid.address(r, labelCol)}：${template.legacyHeading}这一行没有指标名称，以下各行没有导入`);
        break;
      }
      const row: LegacyRow = { label: '', unit: null, this_year: null, cumulative: null };
      for (const [c, key] of header.columns) {
        const cell = grid.at(r, c);
        if (key === 'label') row.label = cell?.text ?? '';
        else if (key === 'unit') row.unit = cell?.text || null;
        else {
          const raw = cell?.raw ?? null;
          // A figure stored as a number is kept as it is (a change on last year may be negative).
          const read = typeof raw === 'number' && Number.isFinite(raw) ? { ok: true as const, value: raw } : readValue(raw, 'amount');
          if (read.ok) row[key] = typeof read.value === 'number' ? read.value : null;
          else out.notes.push(`${file} ${grid.address(r, c)}：${template.legacyHeading}“${row.label}”${read.problem}，已留空`);
        }
      }
      out.provenance[`legacy.${out.rows.length}`] = grid.address(r, labelCol);
      out.rows.push(row);
    }
    return out;
  }
  return null;
}
