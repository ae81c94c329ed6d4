// The shapes of a template definition. Definitions are plain data (gov2021.ts, gov2019.ts, legacy.ts);
// build.ts derives the cell list and the merged-cell layout from them.

export type TemplateId = 'gov2021' | 'gov2019' | 'legacy';
export type SectionKey = 'overall' | 'proactive' | 'requests' | 'appeals' | 'problems' | 'other';
export type TextSectionKey = 'overall' | 'problems' | 'other';
export type TableId = 'proactive' | 'requests' | 'appeals';

/** count: whole number ≥ 0; signed: whole number, may be negative; amount: decimal ≥ 0. */
export type CellKind = 'count' | 'signed' | 'amount';

/**
 * A node of a row tree or a column tree. `key` is the node's part of the cell key ('' adds nothing);
 * `label` is the printed text (full-width punctuation as printed); `variants` are other spellings seen in
 * real reports; `short` is the name used in messages when the label is long.
 */
export interface HeaderNode {
  key: string;
  label: string;
  variants?: string[];
  short?: string;
  kind?: CellKind;
  children?: HeaderNode[];
}

/** One grid of a table: an optional caption row above, a corner cell, a column tree and a row tree. */
export interface BlockDef {
  caption?: { label: string; variants?: string[] };
  corner: string;
  columns: HeaderNode[];
  rows: HeaderNode[];
}

export interface TableDef {
  id: TableId;
  /** Number of value columns every block is laid out in (a block with fewer leaves widens its last one). */
  valueColumns: number;
  blocks: BlockDef[];
}

export interface SectionDef {
  key: SectionKey;
  heading: string;
  /** Words that identify the heading when its wording varies. */
  keywords: string[];
  kind: 'text' | 'table';
}

export interface LegacyColumnDef {
  key: 'label' | 'unit' | 'this_year' | 'cumulative';
  label: string;
  variants: string[];
}

export interface TemplateDef {
  id: TemplateId;
  name: string;
  issuedBy: string;
  /** Report years the version is meant for (inclusive); `to` null = still current. */
  years: { from: number | null; to: number | null };
  sections: SectionDef[];
  tables: TableDef[];
  legacyColumns?: LegacyColumnDef[];
  /** The heading of the appendix table (editor, print, Excel sheet name). */
  legacyHeading?: string;
}

/** A cell of the layout grid (1-based row/col, like a spreadsheet). */
export interface LayoutCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  role: 'caption' | 'corner' | 'column' | 'row' | 'value';
  text: string;
  /** Cell key, for role 'value'. */
  key?: string;
}

export interface TableLayout {
  rows: number;
  cols: number;
  labelColumns: number;
  cells: LayoutCell[];
}

export interface CellDef {
  key: string;
  table: TableId;
  kind: CellKind;
  /** Keys of the row and column paths, e.g. ['withheld','state_secret'] and ['natural_person']. */
  rowKey: string;
  colKey: string;
  /** Name used in messages, e.g. 第三项（七）总计（自然人）. */
  name: string;
  /** Where the value sits in the table layout. */
  row: number;
  col: number;
}

export interface Table extends TableDef {
  section: SectionDef;
  layout: TableLayout;
  cells: CellDef[];
}

export interface Template extends Omit<TemplateDef, 'tables'> {
  tables: Table[];
  cells: CellDef[];
  cellByKey: ReadonlyMap<string, CellDef>;
}
