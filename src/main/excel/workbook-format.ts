// Names inside our own workbooks: the hidden metadata sheet lets our files re-import exactly.
import type { Table } from '../../shared/template';

export const META_SHEET = '_nianbao';
export const TEXT_SHEET = '文字部分';
/** The free label/value rows of a 2018-or-earlier report (legacy template), one row each under a header. */
export const LEGACY_SHEET = '统计附表';
export const FORMAT_ID = 'nianbao-report';
export const FORMAT_VERSION = 1;

/** A table's sheet is named by its section heading (≤ 31 characters, as Excel requires). */
export const sheetName = (table: Table): string => table.section.heading.slice(0, 31);
