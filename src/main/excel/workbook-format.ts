// Names inside our own workbooks: the hidden metadata sheet lets our files re-import exactly.
import type { Table } from '../../shared/template';

export const META_SHEET = '_nianbao';
export const TEXT_SHEET = '文字部分';
export const FORMAT_ID = 'nianbao-report';
export const FORMAT_VERSION = 1;

/** A table's sheet is named by its section heading (≤ 31 characters, as Excel requires). */
export const sheetName = (table: Table): string => table.section.heading.slice(0, 31);
