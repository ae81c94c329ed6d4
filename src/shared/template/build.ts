// Derives the cell list and the merged-cell layout of each table from its definition.
import type { CellDef, HeaderNode, LayoutCell, SectionDef, Table, TableDef, TableLayout, Template, TemplateDef } from './types';

const leafCount = (n: HeaderNode): number => (n.children?.length ? n.children.reduce((s, c) => s + leafCount(c), 0) : 1);

/** Depth of a tree counting only labelled nodes (an unlabelled single row has depth 0). */
function depth(nodes: HeaderNode[]): number {
  let d = 0;
  for (const n of nodes) d = Math.max(d, (n.label ? 1 : 0) + (n.children ? depth(n.children) : 0));
  return d;
}

interface Leaf {
  path: HeaderNode[];
}

function leaves(nodes: HeaderNode[], path: HeaderNode[] = []): Leaf[] {
  return nodes.flatMap((n) => (n.children?.length ? leaves(n.children, [...path, n]) : [{ path: [...path, n] }]));
}

const keyOf = (path: HeaderNode[]): string =>
  path
    .map((n) => n.key)
    .filter(Boolean)
    .join('.');

/** Names in messages use the nodes that carry a key or a short name (not bare group headings). */
const nameOf = (path: HeaderNode[], sep: string): string =>
  path
    .filter((n) => n.key || n.short)
    .map((n) => n.short ?? n.label)
    .join(sep);

export function buildTable(def: TableDef, section: SectionDef): Table {
  const labelColumns = Math.max(...def.blocks.map((b) => depth(b.rows)));
  const width = labelColumns + def.valueColumns;
  const cells: LayoutCell[] = [];
  const cellDefs: CellDef[] = [];
  let r = 1;

  for (const block of def.blocks) {
    if (block.caption) {
      cells.push({ row: r, col: 1, rowSpan: 1, colSpan: width, role: 'caption', text: block.caption.label });
      r++;
    }
    const headerRows = depth(block.columns);
    if (labelColumns > 0) {
      cells.push({ row: r, col: 1, rowSpan: headerRows, colSpan: labelColumns, role: 'corner', text: block.corner });
    }

    // Value columns: one per leaf; when a block has fewer leaves than the table, the last one widens.
    const colLeaves = leaves(block.columns);
    const spans = colLeaves.map((_, i) => (i === colLeaves.length - 1 ? def.valueColumns - colLeaves.length + 1 : 1));
    const leafCol: number[] = [];
    let c = labelColumns + 1;
    let leafIndex = 0;
    const placeColumn = (n: HeaderNode, d: number): number => {
      const start = c;
      if (n.children?.length) {
        const span = n.children.reduce((s, ch) => s + placeColumn(ch, d + 1), 0);
        cells.push({ row: r + d, col: start, rowSpan: 1, colSpan: span, role: 'column', text: n.label });
        return span;
      }
      const span = spans[leafIndex];
      leafCol.push(start);
      leafIndex++;
      c += span;
      cells.push({ row: r + d, col: start, rowSpan: headerRows - d, colSpan: span, role: 'column', text: n.label });
      return span;
    };
    block.columns.forEach((n) => placeColumn(n, 0));

    let rr = r + headerRows;
    const placeRow = (n: HeaderNode, d: number, path: HeaderNode[]): void => {
      const p = [...path, n];
      if (n.children?.length) {
        cells.push({ row: rr, col: d + 1, rowSpan: leafCount(n), colSpan: 1, role: 'row', text: n.label });
        n.children.forEach((ch) => placeRow(ch, d + 1, p));
        return;
      }
      if (n.label) cells.push({ row: rr, col: d + 1, rowSpan: 1, colSpan: labelColumns - d, role: 'row', text: n.label });
      colLeaves.forEach((cl, i) => {
        const key = [def.id, keyOf(p), keyOf(cl.path)].filter(Boolean).join('.');
        const rowName = nameOf(p, '');
        const colName = nameOf(cl.path, '·');
        const kind = cl.path[cl.path.length - 1].kind ?? 'count';
        cells.push({ row: rr, col: leafCol[i], rowSpan: 1, colSpan: spans[i], role: 'value', text: '', key });
        cellDefs.push({
          key,
          table: def.id,
          kind,
          rowKey: keyOf(p),
          colKey: keyOf(cl.path),
          name: rowName ? `${rowName}（${colName}）` : colName,
          row: rr,
          col: leafCol[i],
        });
      });
      rr++;
    };
    block.rows.forEach((n) => placeRow(n, 0, []));
    r = rr;
  }

  const layout: TableLayout = { rows: r - 1, cols: width, labelColumns, cells };
  return { ...def, section, layout, cells: cellDefs };
}

export function buildTemplate(def: TemplateDef): Template {
  const tables = def.tables.map((t) => {
    const section = def.sections.find((s) => s.key === t.id);
    if (!section) throw new Error(`template ${def.id}: no section for table ${t.id}`);
    return buildTable(t, section);
  });
  const cells = tables.flatMap((t) => t.cells);
  const cellByKey = new Map(cells.map((c) => [c.key, c]));
  if (cellByKey.size !== cells.length) throw new Error(`template ${def.id}: duplicate cell keys`);
  return { ...def, tables, cells, cellByKey };
}
