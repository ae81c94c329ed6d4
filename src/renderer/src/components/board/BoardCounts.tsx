// The counts at the top of the board, one per state; each is a button that filters the table to that state.
import { Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { BOARD_STATE_LABELS, BOARD_STATES, type BoardState } from '../../../../shared/api';

export const STATE_COLORS: Record<BoardState, string> = {
  missing: 'gray',
  draft: 'blue',
  errors: 'red',
  warnings: 'orange',
  final: 'green',
};

interface Props {
  counts: Record<BoardState, number>;
  total: number;
  filter: BoardState | null;
  onFilter(state: BoardState | null): void;
}

export function BoardCounts({ counts, total, filter, onFilter }: Props) {
  const card = (key: BoardState | null, label: string, n: number, color: string) => {
    const active = filter === key;
    return (
      <UnstyledButton
        key={key ?? 'all'}
        onClick={() => onFilter(active ? null : key)}
        aria-pressed={active}
        aria-label={`${label} ${n} 个`}
        style={{ flex: '1 1 0', minWidth: 110 }}
      >
        <Paper
          withBorder
          px="sm"
          py={6}
          bg={active ? `${color}.0` : undefined}
          style={{ borderColor: active ? `var(--mantine-color-${color}-6)` : undefined, borderWidth: active ? 2 : 1 }}
        >
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700} fz={22} c={n && key ? `${color}.8` : undefined} data-count={key ?? 'all'}>
            {n}
          </Text>
        </Paper>
      </UnstyledButton>
    );
  };
  return (
    <Group gap="sm" wrap="nowrap" role="group" aria-label="各状态单位数（点击筛选）">
      {card(null, '全部单位', total, 'indigo')}
      {BOARD_STATES.map((s) => card(s, BOARD_STATE_LABELS[s], counts[s], STATE_COLORS[s]))}
    </Group>
  );
}
