// Draws a table of the official template from its layout: the same merged cells as the printed form. The
// column headers at the top go in <thead>, so a printed table that runs onto another page repeats them.
import type { LayoutCell, Table } from '../../../shared/template';

interface Props {
  table: Table;
  renderValue?: (key: string) => React.ReactNode;
}

export function OfficialTable({ table, renderValue }: Props) {
  const byRow = new Map<number, LayoutCell[]>();
  for (const c of table.layout.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const isHeader = (r: number) => byRow.get(r)!.every((c) => c.role === 'corner' || c.role === 'column');
  const headerCount = rows.findIndex((r) => !isHeader(r));
  const tr = (r: number) => (
    <tr key={r}>
      {byRow
        .get(r)!
        .sort((a, b) => a.col - b.col)
        .map((c) => (
          <td key={`${c.row}-${c.col}`} rowSpan={c.rowSpan} colSpan={c.colSpan} className={c.role} data-key={c.key}>
            {c.role === 'value' ? (renderValue?.(c.key!) ?? '') : c.text}
          </td>
        ))}
    </tr>
  );
  return (
    <table className="official-table" aria-label={table.section.heading}>
      {headerCount > 0 && <thead>{rows.slice(0, headerCount).map(tr)}</thead>}
      <tbody>{rows.slice(Math.max(headerCount, 0)).map(tr)}</tbody>
    </table>
  );
}
