// The 汇总 in the official layout, read-only: each number is focusable; a click or Enter shows its drill-down,
// arrow keys move between numbers as in the editor. Cells that differ from the 全区 report are marked.
import { Stack, Text } from '@mantine/core';
import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { SummaryCellView } from '../../../../shared/api';
import { NOT_APPLICABLE } from '../../../../shared/report';
import type { Template } from '../../../../shared/template';
import { move, valuePositions, type Move } from '../../lib/grid';
import { OfficialTable } from '../OfficialTable';

const ARROWS: Record<string, Move> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

interface Props {
  template: Template;
  cells: Map<string, SummaryCellView>;
  selected: string | null;
  /** Cell keys whose sum differs from the 全区 report. */
  differing: Set<string>;
  onSelect(key: string): void;
}

export function SummaryTables({ template, cells, selected, differing, onSelect }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const positions = useMemo(() => template.tables.map((t) => valuePositions(t)), [template]);
  // One Tab stop per table (the selected number, else the table's first): arrows move inside, Tab goes on to the
  // next table and the drill-down instead of through hundreds of numbers.
  const stops = useMemo(() => positions.map((ps) => new Set(ps.map((p) => p.key))), [positions]);
  const firstKey = (ti: number) => positions[ti][0]?.key;
  const focus = (key: string) => {
    root.current?.querySelector<HTMLElement>(`td[data-key="${CSS.escape(key)}"]`)?.focus();
    onSelect(key);
  };
  const onKey = (e: KeyboardEvent, key: string, tableIndex: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(key);
      return;
    }
    const dir = ARROWS[e.key];
    if (!dir) return;
    e.preventDefault();
    const next = move(positions[tableIndex], key, dir);
    if (next) focus(next);
  };

  return (
    <Stack gap="lg" ref={root}>
      {template.tables.map((t, ti) => (
        <div key={t.id}>
          <Text fw={600} mb={6}>
            {t.section.heading}
          </Text>
          <OfficialTable
            table={t}
            tableProps={{ className: 'summary-table' }}
            renderValue={(key) => {
              const v = cells.get(key)?.value ?? null;
              return v === null ? '' : v === NOT_APPLICABLE ? <span className="na">{NOT_APPLICABLE}</span> : String(v);
            }}
            cellProps={(key) => {
              const c = cells.get(key);
              const classes = [differing.has(key) && 'flagged', selected === key && 'selected'].filter(Boolean).join(' ');
              return {
                tabIndex: (selected && stops[ti].has(selected) ? selected === key : firstKey(ti) === key) ? 0 : -1,
                className: classes || undefined,
                title: c
                  ? `${c.name}：${c.reported} 个单位填了数字${differing.has(key) ? '；与全区报告不一致' : ''}（点击查看明细）`
                  : undefined,
                'aria-selected': selected === key,
                onClick: () => onSelect(key),
                onKeyDown: (e) => onKey(e, key, ti),
              };
            }}
          />
        </div>
      ))}
    </Stack>
  );
}
