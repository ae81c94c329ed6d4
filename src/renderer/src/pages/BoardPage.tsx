// 报送情况: for a year and a parent, every child unit with its state, counts that filter, the legal deadline by
// kind with days left, outliers among peers and years, the exchange state, and the 催报单.
import { Alert, Button, Group, Loader, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { BOARD_STATE_LABELS, BOARD_STATES, type BoardRowView, type BoardState } from '../../../shared/api';
import { UNIT_KIND_LABELS, type UnitKind } from '../../../shared/report';
import { daysBetween, publicationDeadline } from '../../../shared/validation';
import { BoardCounts } from '../components/board/BoardCounts';
import { BoardTable } from '../components/board/BoardTable';
import { ScopePicker, useArrivalFocus, useScope } from '../components/board/scope';
import { SavedFile } from '../components/SavedFile';
import { invalidate, notifyDone, useApiMutation, useApiQuery } from '../data/query';
import { useNavigation, type PageParams } from '../lib/navigation';

// Names in the order a Chinese reader expects (拼音), not the archive's byte order.
const collator = new Intl.Collator('zh-CN');
const byName = (a: BoardRowView, b: BoardRowView) => collator.compare(a.unit.name, b.unit.name);
/** The units to chase first: missing, then failing, then drafts, then 定稿. */
const STATE_RANK: Record<BoardState, number> = { missing: 0, errors: 1, warnings: 2, draft: 3, final: 4 };
const ORDERS = {
  name: byName,
  state: (a: BoardRowView, b: BoardRowView) => STATE_RANK[a.state] - STATE_RANK[b.state] || byName(a, b),
  problems: (a: BoardRowView, b: BoardRowView) =>
    b.errors - a.errors || b.warnings - a.warnings || b.outliers.length - a.outliers.length || byName(a, b),
};
type Order = keyof typeof ORDERS;

export function BoardPage({ params }: { params: PageParams }) {
  const heading = useArrivalFocus(params);
  const scope = useScope(params);
  const { year, parent } = scope;
  const nav = useNavigation();
  const board = useApiQuery('board.get', parent ? { year, parent } : null);
  const exchange = useApiQuery('exchange.board', { year });
  // Reports saved, imported or set to 定稿 elsewhere change the board: ask again when the archive overview changes.
  useEffect(() => {
    if (scope.archiveChanged) void invalidate('board.get', 'exchange.board');
  }, [scope.archiveChanged]);
  const [state, setState] = useState<BoardState | null>(null);
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const showInFolder = useApiMutation('host.showInFolder');
  const reminder = useApiMutation('board.export', {
    onSuccess: (r) => {
      if (!r) return;
      setSaved(r.path);
      notifyDone(`催报单列出 ${r.count} 个单位`, '已导出催报单');
    },
  });

  const view = board.data;
  const [order, setOrder] = useState<Order>('name');
  const rows = useMemo(() => {
    const q = name.trim();
    const shown = (view?.rows ?? []).filter((r) => (!state || r.state === state) && (!q || r.unit.name.includes(q)));
    return shown.sort(ORDERS[order]);
  }, [view, state, name, order]);
  const exchangeByUnit = useMemo(() => new Map((exchange.data ?? []).map((e) => [e.unit, e])), [exchange.data]);

  // The legal deadline of each kind of unit on the board, counted from the board's local date.
  const deadlines = useMemo(() => {
    if (!view) return [];
    const kinds = [...new Set(view.rows.map((r) => r.unit.kind))] as UnitKind[];
    return kinds.flatMap((kind) => {
      const d = publicationDeadline(kind, year);
      return d ? [{ kind, date: d.date, days: daysBetween(view.today, d.date) }] : [];
    });
  }, [view, year]);

  const open = (r: BoardRowView) => nav.openReport(r.unit.name, year);
  const errors = (r: BoardRowView) => nav.goTo('errors', { unit: r.unit.name, year });

  return (
    <Stack gap="sm" className="board-page">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Group align="flex-end" gap="lg" wrap="nowrap">
          <Title order={3} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            报送情况
          </Title>
          <ScopePicker scope={scope} />
        </Group>
        <Button
          onClick={() => parent && reminder.mutate({ year, parent })}
          loading={reminder.isPending}
          disabled={!view || !(view.counts.missing + view.counts.errors + view.counts.warnings)}
          title="列出未收到、有错误、有未说明警告的单位"
        >
          导出催报单
        </Button>
      </Group>
      {saved && <SavedFile path={saved} onShow={(path) => showInFolder.mutate({ path })} />}

      {!scope.loading && !scope.hasParents && (
        <Alert color="blue" title="还没有下级单位">
          报送情况按上级单位列出它的下级单位。请先在“单位”页导入单位名单，或为单位设置上级单位。
        </Alert>
      )}

      {board.isFetching && !view && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">正在读取报送情况……</Text>
        </Group>
      )}
      {view && (
        <>
          <BoardCounts counts={view.counts} total={view.rows.length} filter={state} onFilter={setState} />
          <Group gap="lg" wrap="nowrap" aria-label="公布期限">
            <Text size="sm" fw={600}>
              法定公布期限
            </Text>
            {deadlines.map((d) => (
              <Text size="sm" key={d.kind} c={d.days < 0 ? 'red.8' : d.days <= 7 ? 'orange.8' : undefined}>
                {UNIT_KIND_LABELS[d.kind]}：{d.date}（{d.days < 0 ? `已过 ${-d.days} 天` : d.days === 0 ? '今天截止' : `还有 ${d.days} 天`}
                ）
              </Text>
            ))}
            <Text size="sm" c="dimmed">
              今天 {view.today}
              {view.outlierCount ? ` · 异常值 ${view.outlierCount} 处` : ''}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <SegmentedControl
              size="xs"
              aria-label="按状态筛选"
              value={state ?? 'all'}
              onChange={(v) => setState(v === 'all' ? null : (v as BoardState))}
              data={[{ value: 'all', label: '全部' }, ...BOARD_STATES.map((s) => ({ value: s, label: BOARD_STATE_LABELS[s] }))]}
            />
            <TextInput
              size="xs"
              w={220}
              placeholder="按单位名称筛选"
              aria-label="按单位名称筛选"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              size="xs"
              w={150}
              aria-label="排序"
              allowDeselect={false}
              value={order}
              onChange={(v) => v && setOrder(v as Order)}
              data={[
                { value: 'name', label: '按单位名称排序' },
                { value: 'state', label: '按状态排序' },
                { value: 'problems', label: '按错误、警告数排序' },
              ]}
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              显示 {rows.length} / {view.rows.length} 个单位
            </Text>
          </Group>
          <BoardTable rows={rows} exchange={exchangeByUnit} onOpen={open} onErrors={errors} />
          <Text size="xs" c="dimmed">
            点击一行或选中后按 Enter 打开报告；↑/↓ 在行间移动。警告数不含已说明理由的警告。
          </Text>
        </>
      )}
    </Stack>
  );
}
