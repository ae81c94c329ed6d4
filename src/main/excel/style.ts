// Look of the official tables in a workbook: a CJK font, thin borders, wrapped labels, widths that fit.
import type ExcelJS from 'exceljs';
import type { Table } from '../../shared/template';

/** 宋体 is what official forms are printed in; WPS and Excel on every Chinese desktop have it (or map it). */
export const FONT_NAME = '宋体';
export const FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 11 };
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 11, bold: true };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
export const INPUT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFFFF' } };

/** Display width of text in Excel column units: CJK characters count double. */
export const textWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 2.1 : 1.1), 0);

const VALUE_WIDTH = 11;
const MAX_LABEL_WIDTH = 46;
const LINE_HEIGHT = 15;

/**
 * Column widths: value columns a fixed width; each label column as wide as the longest label that sits in it
 * alone (capped, longer labels wrap). Table 四 has no label columns and wider headers.
 */
export function columnWidths(table: Table): number[] {
  const { cols, labelColumns } = table.layout;
  const widths: number[] = Array.from({ length: cols }, (_, i) => (i < labelColumns ? 8 : labelColumns === 0 ? 10 : VALUE_WIDTH));
  for (const c of table.layout.cells) {
    if (c.role === 'value' || c.colSpan !== 1 || c.col > labelColumns) continue;
    widths[c.col - 1] = Math.min(MAX_LABEL_WIDTH, Math.max(widths[c.col - 1], textWidth(c.text) + 2));
  }
  return widths;
}

/** Row heights so wrapped labels are not cut off (Excel does not grow rows of merged cells by itself). */
export function rowHeights(table: Table, widths: number[]): number[] {
  const heights = Array.from({ length: table.layout.rows }, () => LINE_HEIGHT + 3);
  for (const c of table.layout.cells) {
    if (!c.text) continue;
    const width = widths.slice(c.col - 1, c.col - 1 + c.colSpan).reduce((a, b) => a + b, 0);
    const lines = Math.ceil(textWidth(c.text) / Math.max(1, width - 1));
    const perRow = (lines * LINE_HEIGHT + 6) / c.rowSpan;
    for (let r = c.row; r < c.row + c.rowSpan; r++) heights[r - 1] = Math.max(heights[r - 1], perRow);
  }
  return heights;
}
