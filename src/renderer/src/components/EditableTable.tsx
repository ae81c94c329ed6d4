// A table of the official layout whose value cells are edited as in Excel or WPS: the arrows, Tab and Enter
// move (and commit what is being typed), typing replaces, F2 edits in place, Escape cancels; Shift+arrows or
// a mouse drag select a range that Ctrl+C copies, Delete clears and Ctrl+V pastes onto; 空白填 0 for a range
// or the whole table. Focus always stays on a cell, so the next key goes where the person looks.
import { Button, Group, Menu, Tooltip } from '@mantine/core';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { NOT_APPLICABLE, type CellValue } from '../../../shared/report';
import type { Table } from '../../../shared/template';
import {
  enterMove,
  formatTsv,
  formatValue,
  move,
  parseClipboard,
  parseInput,
  pasteRefusal,
  pasteTargets,
  rangeKeys,
  rangeRows,
  tabMove,
  valuePositions,
  type Move,
} from '../lib/grid';
import { OfficialTable } from './OfficialTable';

interface Props {
  table: Table;
  values: Record<string, CellValue>;
  /** Where each value came from (shown on hover). */
  provenance?: Record<string, string>;
  /** The active cell; it may be in another table of the page (then this table shows none). */
  selected: string | null;
  highlighted?: Set<string>;
  readOnly: boolean;
  onSelect: (key: string) => void;
  /** Every change, one cell or a block, arrives here at once and already checked. */
  onChange: (changes: Record<string, CellValue>) => void;
  /** Which value cells may be changed (all when absent). */
  canEdit?: (key: string) => boolean;
  /** A change was tried on a cell that may not change (read-only table or canEdit false). */
  onRefused?: (key: string) => void;
  /** An extra class for a value cell, e.g. to mark it changed. */
  cellClass?: (key: string) => string | undefined;
  /** A remark on a cell, e.g. why the report was returned: shown beside it while it is active or hovered. */
  cellNote?: (key: string) => string | undefined;
  /** Moving off the top or bottom edge: go on into the table before or after; false when there is none. */
  onLeave?: (dir: 'prev' | 'next') => boolean;
  /** The table's title, drawn on the line with its buttons. */
  heading?: ReactNode;
  /**
   * Whether its first cell is in the page's tab order while no cell of this table is active (default true). A page
   * of several tables sets it on one only, so the grid is one Tab stop (roving tabindex) and the actions stay near.
   */
  tabStop?: boolean;
}

interface Editing {
  key: string;
  text: string;
  /** 'enter': started by typing, the arrows commit and move; 'edit': F2 or double-click, ←/→ move the caret. */
  mode: 'enter' | 'edit';
  error: string | null;
}

const ARROWS: Record<string, Move> = { ArrowRight: 'right', ArrowLeft: 'left', ArrowUp: 'up', ArrowDown: 'down' };

function display(v: CellValue) {
  if (v === null || v === undefined) return <span className="blank">空</span>;
  if (v === NOT_APPLICABLE) return <span className="na">不适用</span>;
  return <span className={v === 0 ? 'zero' : undefined}>{v}</span>;
}

/** Puts text on the clipboard from a click (the context menu), where no copy event is under way. */
function copyText(text: string) {
  const put = (e: ClipboardEvent) => {
    e.clipboardData?.setData('text/plain', text);
    e.preventDefault();
  };
  document.addEventListener('copy', put);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', put);
  }
}

export function EditableTable({
  table,
  values,
  provenance = {},
  selected,
  highlighted,
  readOnly,
  onSelect,
  onChange,
  canEdit,
  onRefused,
  cellClass,
  cellNote,
  onLeave,
  heading,
  tabStop = true,
}: Props) {
  const cells = useMemo(() => valuePositions(table), [table]);
  const byKey = useMemo(() => new Map(table.cells.map((c) => [c.key, c])), [table]);
  const posOf = useMemo(() => new Map(cells.map((c) => [c.key, c])), [cells]);
  const active = selected && posOf.has(selected) ? selected : null;

  const [editing, setEditingState] = useState<Editing | null>(null);
  const editingRef = useRef<Editing | null>(null);
  const setEditing = (e: Editing | null) => {
    editingRef.current = e;
    setEditingState(e);
  };
  /** The far corner of the selected range, for the active cell it was made from (the range's other corner). */
  const [cornerOf, setCornerOf] = useState<{ of: string; key: string } | null>(null);
  const corner = cornerOf && cornerOf.of === active ? cornerOf.key : null;
  const setCorner = (key: string | null, of = active) => setCornerOf(key && of ? { of, key } : null);
  /** A word next to a cell: why a paste or a value was not taken. Goes with the next key. */
  const [notice, setNotice] = useState<{ key: string; text: string } | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const wantFocus = useRef(false);
  const lastActive = useRef<string | null>(null);
  const dragging = useRef(false);
  /** Column the person keeps to when going up and down through merged cells. */
  const goalCol = useRef<number | undefined>(undefined);
  /** Column where a run of Tabs began; Enter returns to it on the next row. */
  const tabStart = useRef<number | undefined>(undefined);

  const range = active ? rangeKeys(cells, active, corner ?? active) : [];
  const inRange = new Set(range);

  // The active cell gets the keyboard whenever it changes (keys, clicks, the validation panel, another table)
  // and after every commit or cancel, so focus never falls back to the page.
  useLayoutEffect(() => {
    if (active !== lastActive.current) {
      lastActive.current = active;
      if (active) wantFocus.current = true;
    }
    if (!wantFocus.current || !active || editing) return;
    wantFocus.current = false;
    const td = tableRef.current?.querySelector<HTMLElement>(`td[data-key="${CSS.escape(active)}"]`);
    if (!td) return;
    td.focus({ preventScroll: true });
    td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    // Column headers that stay in view (the editor's sticky <thead>) must not cover the cell.
    const head = tableRef.current?.tHead;
    if (head && !head.contains(td) && getComputedStyle(head).position === 'sticky') {
      const covered = head.getBoundingClientRect().bottom - td.getBoundingClientRect().top;
      if (covered > 0) window.scrollBy(0, -covered - 4);
    }
  });
  useEffect(() => {
    const up = () => (dragging.current = false);
    window.addEventListener('mouseup', up);
    return () => window.removeEventListener('mouseup', up);
  }, []);

  const editable = (key: string) => !readOnly && (!canEdit || canEdit(key));
  /** May all these cells change? If not, says so through onRefused (once) and changes nothing. */
  const mayChange = (keys: string[]) => {
    const refused = keys.find((k) => !editable(k));
    if (refused === undefined) return true;
    onRefused?.(refused);
    return false;
  };
  const apply = (changes: Record<string, CellValue>) => {
    const changed = Object.fromEntries(Object.entries(changes).filter(([k, v]) => v !== (values[k] ?? null)));
    if (Object.keys(changed).length) onChange(changed);
  };
  const select = (key: string, keepGoal = false) => {
    if (!keepGoal) goalCol.current = undefined;
    setCorner(null);
    setNotice(null);
    wantFocus.current = true;
    onSelect(key);
  };
  const startEdit = (key: string, text: string, mode: Editing['mode']) => {
    if (!mayChange([key])) return;
    setNotice(null);
    setEditing({ key, text, mode, error: null });
  };
  /** Stores what is typed; on a refused value the cell stays open with the reason beside it. */
  const commit = (): boolean => {
    const e = editingRef.current;
    if (!e) return true;
    const parsed = parseInput(e.text, byKey.get(e.key)?.kind ?? 'count');
    if (!parsed.ok) {
      setEditing({ ...e, error: parsed.error });
      return false;
    }
    setEditing(null);
    wantFocus.current = true;
    apply({ [e.key]: parsed.value });
    return true;
  };
  const cancel = () => {
    setEditing(null);
    wantFocus.current = true;
  };

  /** Goes one step; past the top or bottom edge on into the next table. */
  const go = (from: string, dir: Move) => {
    const here = posOf.get(from)!;
    if (dir === 'up' || dir === 'down') goalCol.current ??= here.col;
    tabStart.current = undefined;
    const to = move(cells, from, dir, goalCol.current);
    if (to) return select(to, dir === 'up' || dir === 'down');
    wantFocus.current = true;
    setCorner(null);
    if (dir === 'down') onLeave?.('next');
    if (dir === 'up') onLeave?.('prev');
  };
  /** Tab to the next cell; past the last one into the next table. False when there is nowhere to go in the grid. */
  const goTab = (from: string, back: boolean): boolean => {
    tabStart.current ??= posOf.get(from)!.col;
    // Where only some cells may change (the import preview's doubtful ones), Tab goes from one to the next.
    let to = tabMove(cells, from, back);
    while (to && canEdit && !readOnly && !canEdit(to)) to = tabMove(cells, to, back);
    if (to) {
      select(to);
      return true;
    }
    tabStart.current = undefined;
    return onLeave?.(back ? 'prev' : 'next') ?? false;
  };
  const goEnter = (from: string, back: boolean) => {
    const to = enterMove(cells, from, back, tabStart.current);
    tabStart.current = undefined;
    if (to) return select(to);
    onLeave?.(back ? 'prev' : 'next');
  };

  const clearRange = () => {
    if (mayChange(range)) apply(Object.fromEntries(range.map((k) => [k, null])));
  };
  /** 空白填 0: the blank cells among these (that may change) become 0. */
  const fillZero = (keys: string[]) => {
    const blanks = keys.filter((k) => (values[k] ?? null) === null);
    if (mayChange(blanks)) apply(Object.fromEntries(blanks.map((k) => [k, 0])));
  };
  const fillNA = (keys: string[]) => {
    if (mayChange(keys)) apply(Object.fromEntries(keys.map((k) => [k, NOT_APPLICABLE])));
  };
  const rangeText = () =>
    active ? formatTsv(rangeRows(cells, active, corner ?? active).map((row) => row.map((c) => formatValue(values[c.key])))) : '';

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!active) return;
    const ed = editingRef.current;
    if (ed) {
      const arrow = ARROWS[e.key];
      if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        // As in Excel, saving takes what is being typed: stored now, then saved by the page's Ctrl+S.
        commit();
      } else if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        if (commit()) (e.key === 'Tab' ? goTab : goEnter)(ed.key, e.shiftKey);
      } else if (arrow && (ed.mode === 'enter' || arrow === 'up' || arrow === 'down') && !e.shiftKey) {
        e.preventDefault();
        if (commit()) go(ed.key, arrow);
      }
      return;
    }
    const arrow = ARROWS[e.key];
    const ctrl = e.ctrlKey || e.metaKey;
    if (notice) setNotice(null);
    if (arrow && e.shiftKey) {
      e.preventDefault();
      const to = move(cells, corner ?? active, arrow);
      if (to) setCorner(to);
    } else if (arrow) {
      e.preventDefault();
      go(active, arrow);
    } else if (e.key === 'Tab') {
      // Past the grid's last cell Tab goes on to the next thing on the page, so the keyboard is never trapped.
      if (goTab(active, e.shiftKey)) e.preventDefault();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      goEnter(active, e.shiftKey);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      clearRange();
    } else if (e.key === 'F2') {
      e.preventDefault();
      startEdit(active, formatValue(values[active]), 'edit');
    } else if (e.key === 'Escape') {
      setCorner(null);
    } else if (ctrl && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      select(cells[0].key);
      setCorner(cells[cells.length - 1].key, cells[0].key);
    } else if (e.key.length === 1 && !ctrl && !e.altKey) {
      e.preventDefault();
      startEdit(active, e.key, 'enter');
    } else if (e.key === 'Process' || e.nativeEvent.isComposing) {
      // An input method (拼音 in full-width mode) is composing: open the cell empty and let the composition land in it.
      startEdit(active, '', 'enter');
    }
  };

  const onPaste = (e: React.ClipboardEvent) => {
    if (!active || editingRef.current) return;
    e.preventDefault();
    const placed = pasteTargets(cells, active, parseClipboard(e.clipboardData.getData('text/plain')), range);
    if (!placed.ok) return setNotice({ key: active, text: `没有粘贴：${placed.error}` });
    if (!mayChange(placed.targets.map((t) => t.key))) return;
    const changes: Record<string, CellValue> = {};
    for (const t of placed.targets) {
      const parsed = parseInput(t.text, byKey.get(t.key)?.kind ?? 'count');
      if (!parsed.ok) return setNotice({ key: active, text: pasteRefusal(byKey.get(t.key)?.name ?? t.key, t.text, parsed.error) });
      changes[t.key] = parsed.value;
    }
    apply(changes);
    // As in Excel, the pasted block stays selected.
    const last = placed.targets[placed.targets.length - 1]?.key;
    setCorner(last && last !== active ? last : null);
  };
  const onCopy = (e: React.ClipboardEvent) => {
    if (!active || editingRef.current) return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', rangeText());
  };
  const onCut = (e: React.ClipboardEvent) => {
    if (!active || editingRef.current) return;
    onCopy(e);
    clearRange();
  };

  const onMouseDown = (key: string) => (e: MouseEvent) => {
    if (editingRef.current && editingRef.current.key !== key && !commit()) {
      e.preventDefault();
      return;
    }
    if (e.button === 2) {
      // A right click inside the range keeps it (and the active cell) for the context menu.
      if (inRange.has(key)) e.preventDefault();
      else select(key);
      return;
    }
    if (e.button !== 0) return;
    if (e.shiftKey && active) {
      e.preventDefault();
      setCorner(key);
    } else if (key !== active || corner) select(key);
    dragging.current = true;
  };
  const onMouseEnter = (key: string) => () => {
    if (dragging.current && active) setCorner(key === active ? null : key);
  };

  const blankCount = cells.filter((c) => (values[c.key] ?? null) === null && editable(c.key)).length;
  const names = (key: string) =>
    [byKey.get(key)?.name, provenance[key] && `来源：${provenance[key]}`, !readOnly && canEdit && !canEdit(key) && '（不能在这里修改）']
      .filter(Boolean)
      .join('\n');

  const renderValue = (key: string) => {
    if (editing?.key === key)
      return (
        <Tooltip
          label={`${editing.error ?? ''} · 改正后按回车，Esc 取消`}
          opened={!!editing.error}
          color="red"
          position="bottom-start"
          withArrow
          multiline
          maw={360}
        >
          <input
            className="cell-input"
            autoFocus
            size={1}
            value={editing.text}
            aria-label={byKey.get(key)?.name}
            aria-invalid={!!editing.error}
            onFocus={(e) => {
              const end = e.currentTarget.value.length;
              e.currentTarget.setSelectionRange(end, end);
            }}
            onChange={(e) => {
              const text = e.currentTarget.value;
              // The reason goes as soon as what is typed is acceptable.
              const ok = parseInput(text, byKey.get(key)?.kind ?? 'count').ok;
              setEditing({ ...editing, text, error: editing.error && !ok ? editing.error : null });
            }}
            onBlur={() => {
              // Leaving the cell by clicking elsewhere stores it; a value that cannot be stored is dropped with a word.
              const ed = editingRef.current;
              if (!ed || ed.key !== key) return;
              const parsed = parseInput(ed.text, byKey.get(key)?.kind ?? 'count');
              setEditing(null);
              if (parsed.ok) apply({ [key]: parsed.value });
              else {
                // The person is working elsewhere now: the word goes after a while.
                const notice = { key, text: `没有填入：${parsed.error}` };
                setNotice(notice);
                setTimeout(() => setNotice((n) => (n === notice ? null : n)), 6000);
              }
            }}
          />
        </Tooltip>
      );
    const shown = display(values[key] ?? null);
    const note = cellNote?.(key);
    if (notice?.key === key)
      return (
        <Tooltip label={notice.text} opened color="red" position="bottom-start" withArrow multiline maw={360}>
          {shown}
        </Tooltip>
      );
    return note ? (
      // Open while the cell is the active one (the keyboard reaches it too), else on hover.
      // Inside the page, so it goes with the editor when the person switches to another page.
      <Tooltip
        label={note}
        opened={key === active || undefined}
        withinPortal={false}
        color="orange"
        position="top-end"
        withArrow
        multiline
        maw={360}
        // Positioned inside the narrow cell: its own width, not the cell's; its text reads from the left.
        styles={{ tooltip: { width: 'max-content', textAlign: 'left', whiteSpace: 'normal' } }}
      >
        <span>{shown}</span>
      </Tooltip>
    ) : (
      shown
    );
  };

  return (
    <div className="grid-box" data-table={table.id}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb={6}>
        <div>{heading}</div>
        <Button
          size="compact-xs"
          variant="default"
          disabled={readOnly || blankCount === 0}
          title="把本表中空白的格都填为 0（全年没有这类事项时）；已填的数字和“不适用”不变"
          onClick={() => fillZero(cells.map((c) => c.key).filter(editable))}
        >
          空白填 0
        </Button>
      </Group>
      <OfficialTable
        table={table}
        tableProps={{
          ref: tableRef,
          className: 'editable',
          onKeyDown,
          onPaste,
          onCopy,
          onCut,
          onContextMenu: (e) => {
            if (!(e.target as HTMLElement).closest('td.value')) return;
            e.preventDefault();
            setMenu({ x: e.clientX, y: e.clientY });
          },
        }}
        renderValue={renderValue}
        cellProps={(key) => ({
          className: [
            key === active ? 'selected' : '',
            inRange.has(key) && range.length > 1 ? 'in-range' : '',
            highlighted?.has(key) ? 'flagged' : '',
            provenance[key] ? 'sourced' : '',
            canEdit && !canEdit(key) ? 'fixed' : '',
            cellClass?.(key) ?? '',
          ]
            .filter(Boolean)
            .join(' '),
          tabIndex: key === (active ?? (tabStop ? cells[0]?.key : null)) ? 0 : -1,
          title: names(key),
          'aria-invalid': editing?.key === key && !!editing.error ? true : undefined,
          onMouseDown: onMouseDown(key),
          onMouseEnter: onMouseEnter(key),
          onFocus: () => key !== active && !editingRef.current && onSelect(key),
          onDoubleClick: () => startEdit(key, formatValue(values[key]), 'edit'),
        })}
      />
      <Menu
        opened={!!menu}
        onChange={(o) => {
          if (!o) {
            setMenu(null);
            wantFocus.current = true;
          }
        }}
        position="bottom-start"
        returnFocus={false}
        withinPortal
      >
        <Menu.Target>
          <span style={{ position: 'fixed', left: menu?.x ?? 0, top: menu?.y ?? 0, width: 0, height: 0 }} />
        </Menu.Target>
        <Menu.Dropdown aria-label="单元格操作">
          <Menu.Item onClick={() => copyText(rangeText())} rightSection="Ctrl+C">
            复制
          </Menu.Item>
          <Menu.Item disabled={readOnly} onClick={clearRange} rightSection="Delete">
            清空
          </Menu.Item>
          <Menu.Item disabled={readOnly} onClick={() => fillZero(range)}>
            空白填 0（所选的格）
          </Menu.Item>
          <Menu.Item disabled={readOnly} onClick={() => fillNA(range)}>
            填“不适用”
          </Menu.Item>
          <Menu.Label>粘贴：Ctrl+V</Menu.Label>
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
