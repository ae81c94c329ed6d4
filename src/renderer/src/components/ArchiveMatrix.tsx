// The 档案 matrix: units × years, virtualised. Only the rows in view are drawn, and only the pages of units in
// view are asked for (100 units a page, filtered and sorted in main); a cell is its unit's report by year.
import { ActionIcon, Badge, Button, Group, ScrollArea, Skeleton, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { ApiArgs, OverviewCellView, OverviewPageView, UnitView } from '../../../shared/api';
import { UNIT_KIND_LABELS } from '../../../shared/report';
import { call, type ApiCallError } from '../api';
import { queryKey, useApiQuery } from '../data/query';
import type { DeleteTarget } from './DeleteConfirm';

export const MATRIX_PAGE = 100;
const ROW_HEIGHT = 41;
/** The column headers (year and counts: two lines) and the least height the matrix keeps. */
const HEAD_HEIGHT = 56;
const MIN_HEIGHT = 320;
const STATUS = { draft: '草稿', final: '定稿' } as const;

export type OverviewFilterArgs = Omit<ApiArgs<'archive.overview'>, 'offset' | 'limit'>;
type UnitRow = OverviewPageView['units'][number];

interface Actions {
  onOpen: (unit: string, year: number) => void;
  onEdit: (unit: UnitView) => void;
  onDelete: (target: DeleteTarget) => void;
}

interface Props extends Actions {
  filter: OverviewFilterArgs;
  /** No filter is set: an empty answer means an empty archive. */
  unfiltered: boolean;
}

/**
 * The pages of units in view, fetched as the person scrolls; page 0 also gives the total and the years. The
 * counts per year come in their own request (one unit's page), so the rows never wait for them.
 */
function usePages(filter: OverviewFilterArgs, pages: number[]) {
  return useQueries({
    queries: pages.map((p) => {
      const args: ApiArgs<'archive.overview'> = { ...filter, offset: p * MATRIX_PAGE, limit: MATRIX_PAGE, counts: false };
      return {
        queryKey: queryKey('archive.overview', args),
        queryFn: () => call('archive.overview', args),
        // While the next filter's answer comes, the rows of the last one stay (no flash of an empty table).
        placeholderData: keepPreviousData,
      };
    }),
  }) as { data?: OverviewPageView; isError: boolean; error: ApiCallError | null }[];
}

export const ArchiveMatrix = memo(function ArchiveMatrix({ filter, unfiltered, onOpen, onEdit, onDelete }: Props) {
  const viewport = useRef<HTMLDivElement>(null);
  // Page 0 first: how many rows there are is known only from its answer.
  const [head] = usePages(filter, [0]);
  const first = head.data;
  const total = first?.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => viewport.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  // The pages under the rows in view (beyond page 0); a new list only when the view crosses into another page.
  const firstPage = items.length ? Math.floor(items[0].index / MATRIX_PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1].index / MATRIX_PAGE) : 0;
  const wanted = useMemo(
    () => Array.from({ length: lastPage - firstPage + 1 }, (_, i) => firstPage + i).filter((p) => p > 0),
    [firstPage, lastPage],
  );
  const more = usePages(filter, wanted);
  const rowAt = (index: number): UnitRow | undefined => {
    const p = Math.floor(index / MATRIX_PAGE);
    const data = p === 0 ? first : more[wanted.indexOf(p)]?.data;
    return data && data.offset === p * MATRIX_PAGE ? data.units[index - data.offset] : undefined;
  };
  const years = first?.years;
  const countsAnswer = useApiQuery('archive.overview', { ...filter, limit: 1 }, { placeholderData: keepPreviousData }).data;
  const counts = useMemo(() => new Map(countsAnswer?.counts.map((c) => [c.year, c])), [countsAnswer]);
  const actions = useMemo(() => ({ onOpen, onEdit, onDelete }), [onOpen, onEdit, onDelete]);

  if (!first || !years) return head.isError ? <Text c="red">{head.error?.message}</Text> : <Skeleton h={200} />;
  if (!total)
    return (
      <Text p="md" c={unfiltered ? undefined : 'dimmed'}>
        {unfiltered
          ? '档案中还没有单位。点击右上角“添加单位”开始，或在左侧“导入”中读入已有的年报（Excel 工作簿、网页、Word、文本）。'
          : '没有符合条件的单位。'}
      </Text>
    );
  const before = items.length ? items[0].start : 0;
  const after = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const columns = years.length + 2;
  return (
    // Fills the height the page leaves it (global.css): the rows drawn follow the window's size.
    <div className="archive-matrix-box">
      <Text size="sm" c="dimmed" aria-live="polite">
        共 {total} 个单位
      </Text>
      <ScrollArea
        viewportRef={viewport}
        type="auto"
        className="archive-matrix"
        // Never squeezed below a few rows by what stands above or below it (search hits, 已删除), nor taller than its rows.
        mih={Math.min(MIN_HEIGHT, HEAD_HEIGHT + total * ROW_HEIGHT)}
      >
        <Table
          withTableBorder
          withColumnBorders
          striped
          highlightOnHover
          stickyHeader
          aria-label="档案总览"
          aria-rowcount={total + 1}
          style={{ minWidth: 260 + years.length * 150 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th miw={240}>单位</Table.Th>
              <Table.Th miw={80}>类型</Table.Th>
              {years.map((y) => {
                const c = counts.get(y);
                return (
                  <Table.Th key={y} miw={140}>
                    <div>{y} 年</div>
                    <Text size="xs" c="dimmed" fw={400}>
                      {!countsAnswer
                        ? '…'
                        : c
                          ? `${c.reports} 份${c.final ? `，定稿 ${c.final}` : ''}${c.withErrors ? `，有错 ${c.withErrors}` : ''}`
                          : '无报告'}
                    </Text>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {before > 0 && (
              <tr aria-hidden>
                <td colSpan={columns} style={{ height: before, padding: 0, border: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const u = rowAt(item.index);
              return u ? (
                <MatrixRow key={u.id} unit={u} years={years} index={item.index} actions={actions} />
              ) : (
                <tr key={`loading-${item.index}`} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }}>
                  <td colSpan={columns}>
                    <Skeleton h={16} w="60%" />
                  </td>
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden>
                <td colSpan={columns} style={{ height: after, padding: 0, border: 0 }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </div>
  );
});

/** One unit's row; drawn again only when its own answer or the columns change. */
const MatrixRow = memo(function MatrixRow({
  unit: u,
  years,
  index,
  actions,
}: {
  unit: UnitRow;
  years: number[];
  index: number;
  actions: Actions;
}) {
  return (
    <Table.Tr aria-rowindex={index + 2} style={{ height: ROW_HEIGHT }}>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="space-between">
          <Text size="sm">{u.name}</Text>
          <Group gap={0} wrap="nowrap">
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => actions.onEdit(u)} aria-label={`修改${u.name}`}>
              修改
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              aria-label={`删除单位${u.name}`}
              onClick={() => actions.onDelete({ kind: 'unit', name: u.name, years: Object.keys(u.reports).map(Number) })}
            >
              删除
            </Button>
          </Group>
        </Group>
      </Table.Td>
      <Table.Td>{UNIT_KIND_LABELS[u.kind]}</Table.Td>
      {years.map((y) => (
        <Table.Td key={y}>
          <Cell unit={u.name} year={y} report={u.reports[y]} actions={actions} />
        </Table.Td>
      ))}
    </Table.Tr>
  );
});

function Cell({ unit, year, report: r, actions }: { unit: string; year: number; report: OverviewCellView | undefined; actions: Actions }) {
  if (!r)
    return (
      // Gray, not the accent colour: a year without a report is the usual case, not an alarm (no sea of red).
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        onClick={() => actions.onOpen(unit, year)}
        aria-label={`新建${unit}${year}年报告`}
      >
        新建
      </Button>
    );
  return (
    <Group gap={2} wrap="nowrap" justify="space-between" className="archive-cell">
      <UnstyledButton onClick={() => actions.onOpen(unit, year)} aria-label={`打开${unit}${year}年报告`}>
        <Group gap={4} wrap="nowrap">
          <Badge variant={r.status === 'final' ? 'filled' : 'light'} color={r.status === 'final' ? 'green' : 'gray'}>
            {STATUS[r.status]}
          </Badge>
          {r.errors > 0 && <Badge color="red">错误 {r.errors}</Badge>}
          {r.warnings > 0 && <Badge color="yellow">警告 {r.warnings}</Badge>}
        </Group>
      </UnstyledButton>
      <Tooltip label="删除这份报告">
        <ActionIcon
          size="sm"
          variant="subtle"
          color="gray"
          className="archive-cell-delete"
          aria-label={`删除${unit}${year}年报告`}
          onClick={() => actions.onDelete({ kind: 'report', unit, year })}
        >
          ×
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
