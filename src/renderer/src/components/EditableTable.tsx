// A table of the official layout whose value cells can be edited like Excel: arrows, Tab, Enter, typing
// replaces, Delete clears to blank, paste a block from Excel or WPS.
import { useState, type KeyboardEvent } from 'react';
import { NOT_APPLICABLE, type CellValue } from '../../../shared/report';
import type { Table } from '../../../shared/template';
import { move, parseClipboard, parseInput, pasteTargets, valuePositions, type Move } from '../lib/grid';

interface Props {
  table: Table;
  values: Record<string, CellValue>;
  provenance: Record<string, string>;
  selected: string | null;
  highlighted: Set<string>;
  readOnly: boolean;
  onSelect: (key: string) => void;
  onChange: (changes: Record<string, CellValue>) => void;
  onError: (message: string) => void;
  /** Which value cells may be changed (all when absent); trying another one calls onRefused. */
  canEdit?: (key: string) => boolean;
  onRefused?: (key: string) => void;
  /** An extra class for a value cell, e.g. to mark it changed. */
  cellClass?: (key: string) => string | undefined;
}

const KEYS: Record<string, Move> = { ArrowRight: 'right', ArrowLeft: 'left', ArrowUp: 'up', ArrowDown: 'down' };

function display(v: CellValue) {
  if (v === null || v === undefined) return <span className="blank">空</span>;
  if (v === NOT_APPLICABLE) return <span className="na">不适用</span>;
  return <span className={v === 0 ? 'zero' : undefined}>{v}</span>;
}

export function EditableTable({
  table,
  values,
  provenance,
  selected,
  highlighted,
  readOnly,
  onSelect,
  onChange,
  onError,
  canEdit,
  onRefused,
  cellClass,
}: Props) {
  const [editing, setEditing] = useState<{ key: string; text: string } | null>(null);
  const cells = valuePositions(table);
  const kinds = new Map(table.cells.map((c) => [c.key, c.kind]));
  const names = new Map(table.cells.map((c) => [c.key, c.name]));

  /** May the person change this cell? Says why not (onRefused) when the table is editable but the cell is not. */
  const mayEdit = (key: string): boolean => {
    if (readOnly) return false;
    if (!canEdit || canEdit(key)) return true;
    onRefused?.(key);
    return false;
  };

  const commit = (key: string, text: string): boolean => {
    const parsed = parseInput(text, kinds.get(key) ?? 'count');
    if (!parsed.ok) {
      onError(`${names.get(key)}：${parsed.error}`);
      return false;
    }
    if (parsed.value !== (values[key] ?? null)) onChange({ [key]: parsed.value });
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!selected || !cells.some((c) => c.key === selected)) return;
    if (editing) {
      if (e.key === 'Escape') setEditing(null);
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        if (commit(editing.key, editing.text)) {
          setEditing(null);
          onSelect(move(cells, selected, e.key === 'Tab' ? (e.shiftKey ? 'left' : 'right') : 'down'));
        }
      }
      return;
    }
    const dir = KEYS[e.key] ?? (e.key === 'Tab' ? (e.shiftKey ? 'left' : 'right') : e.key === 'Enter' ? 'down' : null);
    if (dir) {
      e.preventDefault();
      onSelect(move(cells, selected, dir));
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      if (mayEdit(selected)) onChange({ [selected]: null });
    } else if (e.key === 'F2') {
      if (mayEdit(selected)) setEditing({ key: selected, text: values[selected] === null ? '' : String(values[selected]) });
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      if (mayEdit(selected)) setEditing({ key: selected, text: e.key });
    }
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (!selected || readOnly || editing) return;
    e.preventDefault();
    const changes: Record<string, CellValue> = {};
    for (const t of pasteTargets(cells, selected, parseClipboard(e.clipboardData.getData('text/plain')))) {
      const parsed = parseInput(t.text, kinds.get(t.key) ?? 'count');
      if (!parsed.ok) return onError(`粘贴的内容有误，没有填入：${names.get(t.key)}：${parsed.error}`);
      changes[t.key] = parsed.value;
    }
    onChange(changes);
  };

  const byRow = new Map<number, typeof table.layout.cells>();
  for (const c of table.layout.cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  return (
    <table className="official-table editable" aria-label={table.section.heading} tabIndex={0} onKeyDown={onKeyDown} onPaste={onPaste}>
      <tbody>
        {[...byRow.keys()]
          .sort((a, b) => a - b)
          .map((r) => (
            <tr key={r}>
              {byRow
                .get(r)!
                .sort((a, b) => a.col - b.col)
                .map((c) => {
                  const key = c.key;
                  const cls = [
                    c.role,
                    key === selected ? 'selected' : '',
                    key && highlighted.has(key) ? 'flagged' : '',
                    key && provenance[key] ? 'sourced' : '',
                    (key && cellClass?.(key)) ?? '',
                  ].join(' ');
                  return (
                    <td
                      key={`${c.row}-${c.col}`}
                      rowSpan={c.rowSpan}
                      colSpan={c.colSpan}
                      className={cls}
                      data-key={key}
                      title={key ? [names.get(key), provenance[key] && `来源：${provenance[key]}`].filter(Boolean).join('\n') : undefined}
                      onClick={key ? () => onSelect(key) : undefined}
                      onDoubleClick={
                        key && !readOnly
                          ? () => mayEdit(key) && setEditing({ key, text: values[key] === null ? '' : String(values[key]) })
                          : undefined
                      }
                    >
                      {c.role !== 'value' ? (
                        c.text
                      ) : editing?.key === key ? (
                        <input
                          className="cell-input"
                          autoFocus
                          value={editing?.text ?? ''}
                          aria-label={names.get(key!)}
                          onChange={(e) => setEditing({ key: key!, text: e.currentTarget.value })}
                          onBlur={() => {
                            if (editing && commit(editing.key, editing.text)) setEditing(null);
                          }}
                        />
                      ) : (
                        display(values[key!] ?? null)
                      )}
                    </td>
                  );
                })}
            </tr>
          ))}
      </tbody>
    </table>
  );
}
