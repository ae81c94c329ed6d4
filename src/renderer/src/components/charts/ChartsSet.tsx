// The five charts of a unit or a 全区, with what to know about the figures; on screen, or as one A4 page.
import { Alert, Card, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { CHART_GROUPS, type ChartGroup, type ChartsView } from '../../../../shared/api';
import { PrintSheet } from '../PagePrint';
import { YearChart } from './YearChart';

const GROUPS = Object.keys(CHART_GROUPS) as ChartGroup[];
/** On paper the outcomes (six parts, a long legend) take the full width between the two pairs of charts. */
const PRINT_ORDER: ChartGroup[] = ['applications', 'shares', 'outcomes', 'appeals', 'rates'];
export const chartsTitle = (v: ChartsView) => `${v.name}${v.scope === 'region' ? '（全区）' : ''}政府信息公开工作年度报告历年情况`;

export function ChartsSet({ view }: { view: ChartsView }) {
  if (!view.years.length)
    return (
      <Alert color="gray" title="还没有可画的数字">
        {view.scope === 'unit' ? `档案中还没有“${view.name}”的报告。` : `“${view.name}”的下级单位在档案中还没有报告。`}
      </Alert>
    );
  return (
    <Stack gap="md">
      {view.notes.length > 0 && (
        <List size="sm" c="dimmed">
          {view.notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      )}
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        {GROUPS.map((g) => (
          <Card key={g} withBorder padding="md">
            <YearChart view={view} group={g} />
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** One A4 page: the title, the notes, the five charts in two columns. */
export function ChartsSheet({ view, today }: { view: ChartsView; today: string }) {
  return (
    <PrintSheet label={chartsTitle(view)}>
      <h1>{chartsTitle(view)}</h1>
      <Text size="xs" ta="center" mb={6}>
        {view.years.length ? `${view.years[0].year}—${view.years[view.years.length - 1].year} 年` : '没有报告'}
        {'\u3000'}打印日期：{today}
      </Text>
      {view.notes.map((n) => (
        <Text key={n} size="xs" mb={2}>
          {n}
        </Text>
      ))}
      {view.years.length > 0 && (
        <div className="charts-sheet-grid">
          {PRINT_ORDER.map((g) => (
            <div key={g} className={g === 'outcomes' ? 'charts-sheet-wide' : undefined}>
              <YearChart view={view} group={g} height={190} print />
            </div>
          ))}
        </div>
      )}
    </PrintSheet>
  );
}
