// One chart of a ChartsView over the years (bars for counts, lines for shares and rates) with its numbers in a
// table under it. A year without a number is a gap: no bar, a broken line, “—” in the table.
import { BarChart, LineChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Stack, Table, Text } from '@mantine/core';
import { CHART_GROUPS, type ChartGroup, type ChartsView } from '../../../../shared/api';

const COLORS = ['blue.6', 'teal.6', 'orange.6', 'red.6', 'grape.6', 'gray.6', 'cyan.7'];
/** Counts as bars (stacked where the parts add up to a total), shares and rates as lines. */
const KIND: Record<ChartGroup, 'stacked' | 'bars' | 'lines'> = {
  applications: 'stacked',
  outcomes: 'stacked',
  shares: 'lines',
  appeals: 'bars',
  rates: 'lines',
};

const fmt = (v: number | null, unit: string) => (v === null ? '—' : unit === '%' ? `${v.toFixed(1)}%` : String(v));

export function YearChart({
  view,
  group,
  height = 240,
  print = false,
}: {
  view: ChartsView;
  group: ChartGroup;
  height?: number;
  print?: boolean;
}) {
  const all = CHART_GROUPS[group].map((id) => view.series.find((s) => s.id === id)!);
  const drawn = all.filter((s) => !s.total);
  const unit = all[0].unit;
  const series = drawn.map((s, i) => ({ name: s.id, label: s.label, color: COLORS[i % COLORS.length] }));
  const data = view.years.map((y) => ({ year: String(y.year), ...y.values }));
  // On paper a half-width chart's three or more names wrap to a second line: room for it (the plot keeps its
  // height), or the legend runs over the formula under the chart.
  const tallLegend = print && group !== 'outcomes' && drawn.length > 2;
  const common = {
    h: height + (tallLegend ? 26 : 0),
    data,
    dataKey: 'year',
    series,
    withLegend: true,
    // In the series' order (recharts sorts the legend by name unless told not to).
    legendProps: {
      verticalAlign: 'bottom' as const,
      height: tallLegend ? 84 : print ? 58 : 48,
      itemSorter: null,
    },
    xAxisLabel: print ? undefined : '年度',
    valueFormatter: (v: number) => (unit === '%' ? `${v}%` : String(v)),
    tooltipAnimationDuration: 0,
    withTooltip: !print,
  };
  const formulas = [...new Set(all.map((s) => s.formula).filter(Boolean))];
  return (
    <Stack gap={4} data-chart={group}>
      <Text fw={700} size={print ? 'sm' : 'md'}>
        {view.titles[group]}
        <Text span size="xs" c="dimmed" fw={400} ml={6}>
          单位：{unit === '%' ? '%' : '件'}
        </Text>
      </Text>
      {KIND[group] === 'lines' ? (
        <LineChart
          {...common}
          connectNulls={false}
          curveType="linear"
          // Every tick drawn: recharts drops one that crowds the next on a short chart, and 0 25 50 100 reads wrong.
          yAxisProps={{ domain: [0, 100], interval: 0 }}
          lineProps={{ isAnimationActive: false }}
        />
      ) : (
        <BarChart
          {...common}
          type={KIND[group] === 'stacked' ? 'stacked' : 'default'}
          maxBarWidth={36}
          yAxisProps={{ interval: 0 }}
          barProps={{ isAnimationActive: false }}
        />
      )}
      {formulas.length > 0 && (
        <Text size="xs" c="dimmed">
          {formulas.join('；')}
        </Text>
      )}
      {!print && (
        <Table.ScrollContainer minWidth={120 + view.years.length * 56}>
          <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2} aria-label={`${view.titles[group]}数据`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{unit === '%' ? '占比 / 比率' : '件数'}</Table.Th>
                {view.years.map((y) => (
                  <Table.Th key={y.year} ta="right">
                    {y.year}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {all.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td fw={s.total ? 700 : undefined}>{s.label}</Table.Td>
                  {view.years.map((y) => (
                    <Table.Td key={y.year} ta="right" c={y.values[s.id] === null ? 'dimmed' : undefined}>
                      {fmt(y.values[s.id], s.unit)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
