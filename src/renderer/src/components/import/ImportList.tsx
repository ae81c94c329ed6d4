// The files read so far, one row per report: forty workbooks at once stay usable (a filter by status, a
// scrolling table with its header kept in view, the selected row marked).
import { Badge, Checkbox, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { counts, rowName, STATUS_COLORS, STATUS_LABELS, type Row, type RowStatus } from './model';

export type Filter = 'all' | Exclude<RowStatus, 'reading'>;
const FILTERS: Filter[] = ['all', 'attention', 'ready', 'unchanged', 'unreadable'];
// 选择, 导入, 文件, 单位, 年度, 状态, 校验, 说明 (the rest).
const WIDTHS = [78, 48, '23%', '16%', 64, 96, 136, undefined];

interface Props {
  rows: Row[];
  selected: string | null;
  filter: Filter;
  onFilter: (f: Filter) => void;
  onSelect: (id: string) => void;
  onToggle: (row: Row, include: boolean) => void;
  /** Rows selected for setting unit/year/kind or answering doubts at once (ids). */
  picked: ReadonlySet<string>;
  onPicked: (next: Set<string>) => void;
}

/**
 * Selection works as in a file manager: a click opens a row's preview, Ctrl+click adds or removes it, Shift+click
 * selects the range from the last one; the 选择 checkboxes do the same. Keys: ↑↓ move, Shift+↑↓ extend, Space
 * selects, Ctrl+A selects all shown, Enter goes to the row's doubts.
 */
export function ImportList({ rows, selected, filter, onFilter, onSelect, onToggle, picked, onPicked }: Props) {
  const shown = rows.filter((r) => filter === 'all' || r.status === filter);
  const n = (f: Filter) => (f === 'all' ? rows.length : rows.filter((r) => r.status === f).length);
  const anchor = useRef<string | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const at = Math.max(
    0,
    shown.findIndex((r) => r.id === selected),
  );
  const allPicked = shown.length > 0 && shown.every((r) => picked.has(r.id));

  const range = (to: string, base: ReadonlySet<string> = picked) => {
    const a = shown.findIndex((r) => r.id === (anchor.current ?? to));
    const b = shown.findIndex((r) => r.id === to);
    const next = new Set(base);
    for (let i = Math.min(a, b); i <= Math.max(a, b); i++) if (shown[i]) next.add(shown[i].id);
    return next;
  };
  const flip = (id: string) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    anchor.current = id;
    onPicked(next);
  };
  const click = (e: MouseEvent, r: Row) => {
    if (e.shiftKey) onPicked(range(r.id));
    else if (e.ctrlKey || e.metaKey) flip(r.id);
    else {
      anchor.current = r.id;
      onSelect(r.id);
    }
  };
  const move = (i: number, extend: boolean) => {
    const r = shown[Math.max(0, Math.min(shown.length - 1, i))];
    if (!r) return;
    if (extend) onPicked(range(r.id, new Set([...picked, shown[at]?.id ?? r.id])));
    else anchor.current = r.id;
    onSelect(r.id);
    const tr = body.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${shown.indexOf(r)}"]`);
    tr?.focus();
    tr?.scrollIntoView({ block: 'nearest' });
  };
  const key = (e: KeyboardEvent, i: number) => {
    const r = shown[i];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (e.shiftKey && !anchor.current) anchor.current = r.id;
      move(i + (e.key === 'ArrowDown' ? 1 : -1), e.shiftKey);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      move(e.key === 'Home' ? 0 : shown.length - 1, e.shiftKey);
    } else if (e.key === ' ') {
      e.preventDefault();
      flip(r.id);
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      onPicked(new Set([...picked, ...shown.map((x) => x.id)]));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onSelect(r.id);
      // Once the preview is drawn for this row, its first open doubt (or its first field) takes the focus.
      requestAnimationFrame(() => {
        const target =
          document.querySelector<HTMLElement>('[aria-label="存疑列表"] tr[tabindex="0"]') ??
          document.querySelector<HTMLElement>('[aria-label="导入预览"] input');
        target?.focus();
      });
    }
  };
  return (
    <div>
      <SegmentedControl
        size="xs"
        mb="xs"
        value={filter}
        onChange={(v) => onFilter(v as Filter)}
        aria-label="按状态筛选"
        data={FILTERS.map((f) => ({ value: f, label: `${f === 'all' ? '全部' : STATUS_LABELS[f]} ${n(f)}` }))}
      />
      <div className="import-list-scroll">
        <Table stickyHeader highlightOnHover withTableBorder layout="fixed" aria-label="导入文件列表" verticalSpacing={4} fz="sm">
          <colgroup>
            {WIDTHS.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox
                  aria-label="全选"
                  title="全选（Ctrl+A）"
                  label="选择"
                  styles={{ label: { whiteSpace: 'nowrap' } }}
                  size="xs"
                  checked={allPicked}
                  indeterminate={!allPicked && shown.some((r) => picked.has(r.id))}
                  onChange={() =>
                    onPicked(
                      allPicked
                        ? new Set([...picked].filter((id) => !shown.some((r) => r.id === id)))
                        : new Set([...picked, ...shown.map((r) => r.id)]),
                    )
                  }
                />
              </Table.Th>
              <Table.Th>导入</Table.Th>
              <Table.Th>文件</Table.Th>
              <Table.Th>单位</Table.Th>
              <Table.Th>年度</Table.Th>
              <Table.Th>状态</Table.Th>
              <Table.Th>校验</Table.Th>
              <Table.Th>说明</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {shown.map((r, i) => {
              const c = r.plan ? counts(r.plan.findings) : null;
              return (
                <Table.Tr
                  key={r.id}
                  data-row={r.id}
                  data-index={i}
                  aria-selected={r.id === selected}
                  tabIndex={i === at ? 0 : -1}
                  className={`import-row${r.id === selected ? ' selected' : ''}${picked.has(r.id) ? ' picked' : ''}`}
                  // Shift/Ctrl+click selects rows, not the text in them.
                  onMouseDown={(e) => (e.shiftKey || e.ctrlKey || e.metaKey) && e.preventDefault()}
                  onClick={(e) => click(e, r)}
                  onKeyDown={(e) => key(e, i)}
                >
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      tabIndex={-1}
                      aria-label={`选择 ${rowName(r)}`}
                      checked={picked.has(r.id)}
                      onChange={() => undefined}
                      onClick={(e) => (e.shiftKey ? onPicked(range(r.id)) : flip(r.id))}
                    />
                  </Table.Td>
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      tabIndex={-1}
                      aria-label={`导入 ${rowName(r)}`}
                      checked={r.included}
                      disabled={!r.canInclude}
                      title={r.canInclude ? undefined : r.reasons[0]}
                      onChange={(e) => onToggle(r, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={r.id === selected ? 600 : undefined} style={{ wordBreak: 'break-all' }}>
                      {rowName(r)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{given(r.plan?.report.unit)}</Table.Td>
                  <Table.Td>{given(r.plan?.report.year)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[r.status]} variant={r.status === 'ready' ? 'filled' : 'light'}>
                      {STATUS_LABELS[r.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {c && (
                      <Group gap={4} wrap="nowrap">
                        <Badge size="sm" color={c.errors ? 'red' : 'gray'} variant={c.errors ? 'filled' : 'outline'}>
                          错误 {c.errors}
                        </Badge>
                        <Badge size="sm" color={c.warnings ? 'yellow' : 'gray'} variant={c.warnings ? 'filled' : 'outline'}>
                          警告 {c.warnings}
                        </Badge>
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text
                      size="xs"
                      c={r.status === 'unreadable' ? 'red' : r.note ? 'orange.9' : 'dimmed'}
                      lineClamp={2}
                      title={[...r.reasons, ...(r.note ? [r.note] : [])].join('\n')}
                    >
                      {r.note ??
                        (r.status === 'ready'
                          ? r.plan?.existing
                            ? `将更新档案中的第 ${r.plan.existing.revision} 版`
                            : `档案中新增这份 ${r.plan?.report.year ?? ''} 年的报告`
                          : r.reasons.join('；'))}
                      {r.status === 'ready' && !r.included ? '（已跳过）' : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {!shown.length && (
          <Text size="sm" c="dimmed" p="sm">
            没有这种状态的文件。
          </Text>
        )}
      </div>
    </div>
  );
}

/** A unit or year read from the file: '—' for a file that could not be read, 未写明 when the file does not say. */
function given(v: string | number | null | undefined) {
  if (v === undefined) return '—';
  return (
    v ?? (
      <Text c="orange" size="sm">
        未写明
      </Text>
    )
  );
}
