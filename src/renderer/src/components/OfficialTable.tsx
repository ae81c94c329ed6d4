// Draws a table of the official template from its layout: the same merged cells as the printed form. The
// column headers at the top go in <thead>, so a printed table that runs onto another page repeats them. The
// editable grid draws through this too (cellProps, tableProps), so there is one drawing of the layout.
import { Fragment, type ComponentPropsWithRef, type ReactNode, type TdHTMLAttributes } from 'react';
import type { LayoutCell, Table } from '../../../shared/template';
import { words } from '../lib/grid';

interface Props {
  table: Table;
  renderValue?: (key: string) => ReactNode;
  /** Extra attributes of a value cell (class, handlers) — used by the editable grid. */
  cellProps?: (key: string) => TdHTMLAttributes<HTMLTableCellElement>;
  tableProps?: ComponentPropsWithRef<'table'>;
}

/** A printed label that wraps between words only (keep-all, with break chances at word boundaries). */
export function Label({ text }: { text: string }) {
  return (
    <span className="label-words">
      {words(text).map((w, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {w}
        </Fragment>
      ))}
    </span>
  );
}

export function OfficialTable({ table, renderValue, cellProps, tableProps }: Props) {
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
        .map((c) => {
          const extra = c.role === 'value' ? cellProps?.(c.key!) : undefined;
          return (
            <td
              key={`${c.row}-${c.col}`}
              rowSpan={c.rowSpan}
              colSpan={c.colSpan}
              data-key={c.key}
              {...extra}
              className={[c.role, extra?.className].filter(Boolean).join(' ')}
            >
              {c.role === 'value' ? (renderValue?.(c.key!) ?? '') : <Label text={c.text} />}
            </td>
          );
        })}
    </tr>
  );
  return (
    <table
      aria-label={table.section.heading}
      {...tableProps}
      className={['official-table', tableProps?.className].filter(Boolean).join(' ')}
    >
      {headerCount > 0 && <thead>{rows.slice(0, headerCount).map(tr)}</thead>}
      <tbody>{rows.slice(Math.max(headerCount, 0)).map(tr)}</tbody>
    </table>
  );
}
