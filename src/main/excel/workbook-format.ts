// Names inside our own workbooks: the hidden metadata sheet lets our files re-import exactly.
import type { Table } from '../../shared/template';

export const META_SHEET = '_nianbao';
export const TEXT_SHEET = '文字部分';
/** The fill-in workbook's instruction and 勾稽 check sheets: for people, never read by the importer. */
export const GUIDE_SHEET = '填报说明';
export const CHECK_SHEET = '校验';
export const NOT_DATA_SHEETS: ReadonlySet<string> = new Set([META_SHEET, GUIDE_SHEET, CHECK_SHEET]);
export const FORMAT_ID = 'nianbao-report';
export const FORMAT_VERSION = 1;

/** An A1 address from a row and column (1-based). */
export const A1 = (row: number, col: number): string => {
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${row}`;
};

/** A table's sheet is named by its section heading (≤ 31 characters, as Excel requires). */
export const sheetName = (table: Table): string => table.section.heading.slice(0, 31);
