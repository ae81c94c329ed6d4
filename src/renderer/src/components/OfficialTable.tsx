// Draws a table of the official template from its layout: the same merged cells as the printed form.
import type { LayoutCell, Table } from '../../../shared/template';

interface Props {
  table: Table;
  renderValue?: (key: string) => React.ReactNode;
}

export function OfficialTable({ table, renderValue }: Props) {
  const byRow = new Map<number, LayoutCell[]>();
  for (const c of table.layout.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  return (
    <table className="official-table" aria-label={table.section.heading}>
      <tbody>
        {rows.map((r) => (
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
        ))}
      </tbody>
    </table>
  );
}
