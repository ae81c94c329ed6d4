// The files read so far, one row per report: forty workbooks at once stay usable (a filter by status, a
// scrolling table with its header kept in view, the selected row marked).
import { Badge, Checkbox, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { counts, rowName, STATUS_COLORS, STATUS_LABELS, type Row, type RowStatus } from './model';

export type Filter = 'all' | Exclude<RowStatus, 'reading'>;
const FILTERS: Filter[] = ['all', 'attention', 'ready', 'unchanged', 'unreadable'];
// 导入, 文件, 单位, 年度, 状态, 校验, 说明 (the rest).
const WIDTHS = [56, '26%', '18%', 64, 100, 140, undefined];

interface Props {
  rows: Row[];
  selected: string | null;
  filter: Filter;
  onFilter: (f: Filter) => void;
  onSelect: (id: string) => void;
  onToggle: (row: Row, include: boolean) => void;
}

export function ImportList({ rows, selected, filter, onFilter, onSelect, onToggle }: Props) {
  const shown = rows.filter((r) => filter === 'all' || r.status === filter);
  const n = (f: Filter) => (f === 'all' ? rows.length : rows.filter((r) => r.status === f).length);
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
              <Table.Th>导入</Table.Th>
              <Table.Th>文件</Table.Th>
              <Table.Th>单位</Table.Th>
              <Table.Th>年度</Table.Th>
              <Table.Th>状态</Table.Th>
              <Table.Th>校验</Table.Th>
              <Table.Th>说明</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => {
              const c = r.plan ? counts(r.plan.findings) : null;
              return (
                <Table.Tr
                  key={r.id}
                  data-row={r.id}
                  aria-selected={r.id === selected}
                  className={r.id === selected ? 'import-row selected' : 'import-row'}
                  onClick={() => onSelect(r.id)}
                >
                  <Table.Td onClick={(e) => e.stopPropagation()}>
                    <Checkbox
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
                    <Text size="xs" c={r.status === 'unreadable' ? 'red' : 'dimmed'} lineClamp={2} title={r.reasons.join('\n')}>
                      {r.status === 'ready'
                        ? r.plan?.existing
                          ? `将更新档案中的第 ${r.plan.existing.revision} 版`
                          : '档案中新建'
                        : r.reasons.join('；')}
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
