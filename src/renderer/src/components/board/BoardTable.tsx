// Every child unit of the board, one row each. Rows are virtualised (a province parent has 2,000 children); a row
// is focusable: Enter or a click on the row opens the report, ↑/↓ move between rows.
import { Badge, Button, Popover, ScrollArea, Text, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type KeyboardEvent } from 'react';
import { BOARD_STATE_LABELS, type BoardRowView, type ExchangeBoardView } from '../../../../shared/api';
import { UNIT_KIND_LABELS } from '../../../../shared/report';
import { STATE_COLORS } from './BoardCounts';
import './board.css';
import { localDateTime } from '../../../../shared/local-time';

const ROW_HEIGHT = 44;
const COLUMNS = 'minmax(180px, 2.4fr) 78px 118px 92px minmax(110px, 1fr) 112px 120px 96px';
const HEADERS = ['单位', '类型', '状态', '错误/警告', '异常值', '报送包', '距公布期限', ''];

/** 已接收 / 已退回 / 已报送未接收, as the office reads its exchange with a unit. */
const EXCHANGE_LABELS: Record<ExchangeBoardView['direction'], { label: string; color: string }> = {
  received: { label: '已接收', color: 'green' },
  returned: { label: '已退回', color: 'red' },
  sent: { label: '已报送未接收', color: 'yellow' },
};

interface Props {
  rows: BoardRowView[];
  exchange: Map<string, ExchangeBoardView>;
  onOpen(row: BoardRowView): void;
  onErrors(row: BoardRowView): void;
}

export function BoardTable({ rows, exchange, onOpen, onErrors }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The virtualiser keeps its own state; the React compiler leaves this component alone, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, index));
    virtualizer.scrollToIndex(i);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter') onOpen(rows[index]);
    else if (e.key === 'ArrowDown') focusRow(index + 1);
    else if (e.key === 'ArrowUp') focusRow(index - 1);
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(rows.length - 1);
    else return;
    e.preventDefault();
  };

  return (
    <div className="board-table" role="table" aria-label="下级单位报送情况" aria-rowcount={rows.length + 1}>
      <div role="rowgroup">
        <div role="row" className="board-row board-head" style={{ gridTemplateColumns: COLUMNS }}>
          {HEADERS.map((h, i) => (
            <div role="columnheader" key={i}>
              {h}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="board-body">
        {!rows.length && (
          <Text c="dimmed" ta="center" py="xl">
            没有符合筛选条件的单位。点上方的“全部单位”或清空名称筛选，可看全部单位。
          </Text>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const r = rows[v.index];
            const ex = exchange.get(r.unit.name);
            return (
              <div
                key={r.unit.id}
                role="row"
                aria-rowindex={v.index + 2}
                data-index={v.index}
                data-unit={r.unit.name}
                data-state={r.state}
                tabIndex={0}
                className="board-row"
                aria-label={`${r.unit.name}：${BOARD_STATE_LABELS[r.state]}（按 Enter 打开报告）`}
                onKeyDown={(e) => onKey(e, v.index)}
                // One click anywhere on the row opens the report, except on the row's own buttons.
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('[data-no-open]')) onOpen(r);
                }}
                style={{ gridTemplateColumns: COLUMNS, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              >
                <div role="cell">
                  <Text span className="board-unit" title={r.state === 'missing' ? '还没有收到报告：点击新建' : '点击打开报告'}>
                    {r.unit.name}
                  </Text>
                </div>
                <div role="cell">
                  <Text size="sm">{UNIT_KIND_LABELS[r.unit.kind]}</Text>
                </div>
                <div role="cell">
                  <Badge
                    color={STATE_COLORS[r.state]}
                    // A light gray badge all but vanishes on the row: 未收到 gets an outline.
                    variant={r.state === 'final' ? 'filled' : r.state === 'missing' ? 'outline' : 'light'}
                  >
                    {BOARD_STATE_LABELS[r.state]}
                  </Badge>
                </div>
                <div role="cell">
                  {r.state === 'missing' ? (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  ) : (
                    <Text size="sm">
                      <Text span c={r.errors ? 'red.8' : 'dimmed'} fw={r.errors ? 700 : undefined}>
                        {r.errors}
                      </Text>
                      {' / '}
                      <Text span c={r.warnings ? 'orange.8' : 'dimmed'}>
                        {r.warnings}
                      </Text>
                    </Text>
                  )}
                </div>
                <div role="cell">
                  <Outliers row={r} />
                </div>
                <div role="cell">
                  {ex ? (
                    <Tooltip label={`第 ${ex.revision} 版 · ${localDateTime(ex.createdAt)}`}>
                      <Badge variant="outline" color={EXCHANGE_LABELS[ex.direction].color}>
                        {EXCHANGE_LABELS[ex.direction].label}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </div>
                <div role="cell">
                  <Deadline row={r} />
                </div>
                <div role="cell">
                  {r.reportId !== null && (
                    <Button
                      data-no-open
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => onErrors(r)}
                      aria-label={`${r.unit.name}的差错清单`}
                    >
                      差错清单
                    </Button>
                  )}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** Outliers as a count; the first few explained on hover or focus, all of them in a list on click (or Enter). */
function Outliers({ row }: { row: BoardRowView }) {
  if (!row.outliers.length)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  // A long list would run off the screen: the first few, and how many more.
  const SHOWN = 8;
  const label = (
    <div>
      {row.outliers.slice(0, SHOWN).map((o, i) => (
        <div key={i}>{o.message}</div>
      ))}
      {row.outliers.length > SHOWN && <div>…… 另有 {row.outliers.length - SHOWN} 处，点击查看全部</div>}
    </div>
  );
  return (
    <Popover width={480} position="bottom-start" shadow="md" withinPortal trapFocus returnFocus>
      <Popover.Target>
        <Tooltip label={label} multiline maw={460} events={{ hover: true, focus: true, touch: false }} withinPortal>
          <Badge
            component="button"
            type="button"
            data-no-open
            color="grape"
            variant="light"
            style={{ cursor: 'pointer' }}
            aria-label={`异常值 ${row.outliers.length} 处（点击查看全部）`}
          >
            异常值 {row.outliers.length}
          </Badge>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-no-open aria-label={`${row.unit.name}的异常值`}>
        <Text size="sm" fw={600} mb={4}>
          {row.unit.name}：异常值 {row.outliers.length} 处
        </Text>
        <ScrollArea.Autosize mah={320} type="auto">
          {row.outliers.map((o, i) => (
            <Text size="sm" key={i} py={2} data-outlier>
              {o.message}
            </Text>
          ))}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function Deadline({ row }: { row: BoardRowView }) {
  if (!row.deadline || row.daysLeft === null)
    return (
      <Text size="sm" c="dimmed">
        无法定期限
      </Text>
    );
  // The countdown chases units whose report has not come in; a received report's own date is checked by the
  // rules (a late 发布日期 is a warning), so a red “已过 303 天” on it would only alarm.
  if (row.state !== 'missing')
    return (
      <Text size="sm" c="dimmed" title={`公布期限 ${row.deadline}；报告已收到，发布日期是否逾期见校验结果`}>
        已收到
      </Text>
    );
  const late = row.daysLeft < 0;
  return (
    <Text
      size="sm"
      c={late ? 'red.8' : row.daysLeft <= 7 ? 'orange.8' : undefined}
      title={`公布期限 ${row.deadline}`}
      aria-label={`公布期限 ${row.deadline}，${late ? `已过 ${-row.daysLeft} 天` : `剩 ${row.daysLeft} 天`}`}
    >
      {late ? `已过 ${-row.daysLeft} 天` : row.daysLeft === 0 ? '今天截止' : `剩 ${row.daysLeft} 天`}
    </Text>
  );
}
