// Label matching against the template definitions: a table's row labels are found in a stream of cells,
// with the normaliser, the variants, labels broken over several cells and loose numbering.
import { formMatches } from '../../shared/reading/labels';
import { getTemplate, normalizeLabel, type HeaderNode, type Table, type TemplateId } from '../../shared/template';

export { labelForms, stripNumbering } from '../../shared/reading/labels';
import type { SourceCell, SourceLine } from './lines';

/** A cell in reading order, with the index of its line. */
export interface Token extends SourceCell {
  line: number;
  norm: string;
}

// Longer cells are paragraphs, never labels: not normalised, which keeps long reports fast.
const MAX_LABEL_CELL = 120;
const allTokens = new WeakMap<readonly SourceLine[], Token[]>();

/** The cells of lines[from, to) in reading order (computed once per document). */
export function tokensOf(lines: readonly SourceLine[], from: number, to: number): Token[] {
  let all = allTokens.get(lines);
  if (!all) {
    all = lines.flatMap((l, i) =>
      l.cells.map((c) => ({ ...c, line: i, norm: c.text.length <= MAX_LABEL_CELL ? normalizeLabel(c.text) : '' })),
    );
    allTokens.set(lines, all);
  }
  return from === 0 && to >= lines.length ? all : all.filter((t) => t.line >= from && t.line < to);
}

// A label may be broken over up to three cells ("商业" "企业", or a long row label over two lines).
const MAX_PARTS = 3;

/** How many tokens from `i` make up one of the forms (the longest that does), or 0. */
export function matchAt(tokens: readonly Token[], i: number, forms: readonly string[]): number {
  for (let n = Math.min(MAX_PARTS, tokens.length - i); n >= 1; n--) {
    const parts = tokens.slice(i, i + n);
    if (parts.some((t) => t.reading.kind !== 'text')) continue;
    if (formMatches(parts.map((t) => t.norm).join(''), forms)) return n;
  }
  return 0;
}

export function findLabel(
  tokens: readonly Token[],
  from: number,
  to: number,
  forms: readonly string[],
): { at: number; parts: number } | null {
  for (let i = from; i < to; i++) {
    if (tokens[i].reading.kind !== 'text') continue;
    const parts = matchAt(tokens, i, forms);
    if (parts) return { at: i, parts };
  }
  return null;
}

/** Every printed label and variant of a template's tables, normalised (captions, corners, columns, rows). */
export function tableVocabulary(id: TemplateId): Set<string> {
  const out = new Set<string>();
  const add = (s: string | undefined) => s && out.add(normalizeLabel(s));
  const walk = (nodes: HeaderNode[]) =>
    nodes.forEach((n) => {
      add(n.label);
      n.variants?.forEach(add);
      if (n.children) walk(n.children);
    });
  for (const t of getTemplate(id).tables) {
    for (const b of t.blocks) {
      add(b.caption?.label);
      b.caption?.variants?.forEach(add);
      add(b.corner);
      walk(b.columns);
      walk(b.rows);
    }
  }
  return out;
}

/** A data row of a table: its node, parent node, and its cells in column order with their place in the layout. */
export interface RowDef {
  node: HeaderNode;
  parent?: HeaderNode;
  cells: { key: string; name: string; start: number; span: number }[];
}

/** The data rows of a table in printed order; `start` is the value column (0-based) where each cell begins. */
export function tableRows(table: Table): RowDef[] {
  const spanOf = new Map(table.layout.cells.filter((c) => c.key).map((c) => [c.key as string, c.colSpan]));
  const byRow = new Map<string, RowDef['cells']>();
  for (const c of table.cells) {
    const list = byRow.get(c.rowKey) ?? [];
    list.push({ key: c.key, name: c.name, start: c.col - table.layout.labelColumns - 1, span: spanOf.get(c.key) ?? 1 });
    byRow.set(c.rowKey, list);
  }
  const rows: RowDef[] = [];
  const walk = (nodes: HeaderNode[], path: HeaderNode[]) =>
    nodes.forEach((n) => {
      const p = [...path, n];
      if (n.children?.length) return walk(n.children, p);
      const key = p
        .map((x) => x.key)
        .filter(Boolean)
        .join('.');
      rows.push({ node: n, parent: path[path.length - 1], cells: byRow.get(key) ?? [] });
    });
  table.blocks.forEach((b) => walk(b.rows, []));
  return rows;
}
