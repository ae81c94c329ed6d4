// 图表: a unit's or a 全区's figures over the years — applications received and their outcomes (表三), the shares
// granted / partly granted / refused, 复议 and 诉讼 with their 纠错 rates (表四). Printable: one A4 page for the
// office (全区) and one per unit.
import { Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { UNIT_FIND_MAX } from '../../../shared/api';
import { localDate } from '../../../shared/local-time';
import { ChartsSet, ChartsSheet, chartsTitle } from '../components/charts/ChartsSet';
import { PagePrint } from '../components/PagePrint';
import { UnitPicker } from '../components/UnitPicker';
import { invalidate, useApiQuery } from '../data/query';
import { useNavigation, type PageParams } from '../lib/navigation';
import { useArrivalFocus } from '../components/board/scope';

type Scope = 'unit' | 'region';
/** The parent picker's units: those with subordinate units, top units first. */
const PARENTS = { parents: true } as const;

function UnitSheet({ unit, today }: { unit: string; today: string }) {
  const view = useApiQuery('charts.unit', { unit }).data;
  return view ? <ChartsSheet view={view} today={today} /> : null;
}

export function ChartsPage({ params }: { params: PageParams }) {
  const heading = useArrivalFocus(params);
  const { goTo } = useNavigation();
  // Only to notice changes of the archive; the units are asked for as the person types (units.find).
  const yearsQuery = useApiQuery('archive.years', {});
  // Every change of a report refreshes the year list: the answers here are made of the same reports.
  const seen = useRef(0);
  useEffect(() => {
    const at = yearsQuery.dataUpdatedAt;
    if (seen.current && at !== seen.current) void invalidate('charts.unit', 'charts.region');
    seen.current = at;
  }, [yearsQuery.dataUpdatedAt]);
  const [scope, setScope] = useState<Scope>(params.parent && !params.unit ? 'region' : 'unit');
  const [unit, setUnit] = useState<string | null>(params.unit ?? null);
  const [chosenParent, setParent] = useState<string | null>(params.parent ?? null);
  const [printing, setPrinting] = useState<'one' | 'all' | null>(null);
  // Compared by value: App passes a fresh {} while the page has no parameters.
  const paramsKey = JSON.stringify(params);
  const [shownParams, setShownParams] = useState(paramsKey);
  if (paramsKey !== shownParams) {
    setShownParams(paramsKey);
    if (params.unit) {
      setScope('unit');
      setUnit(params.unit);
    } else if (params.parent) setScope('region');
    if (params.parent) setParent(params.parent);
  }

  // Top units first, as on 报送情况 and 全区汇总; until the person picks one, the first of them.
  const firstParent = useApiQuery('units.find', { ...PARENTS, limit: 1 }).data;
  const hasParents = !!firstParent?.units.length;
  const parent = chosenParent ?? firstParent?.units[0]?.name ?? null;
  // The subordinate units, only when all of them are printed (a page each).
  const childList = useApiQuery('units.find', printing === 'all' && parent ? { parent, limit: UNIT_FIND_MAX } : null).data;
  const children = useMemo(() => [...(childList?.units ?? [])].map((u) => u.name).sort((a, b) => a.localeCompare(b, 'zh-CN')), [childList]);

  const unitQuery = useApiQuery('charts.unit', scope === 'unit' && unit ? { unit } : null, { refetchOnMount: 'always' });
  const regionQuery = useApiQuery('charts.region', scope === 'region' && parent ? { parent } : null, {
    refetchOnMount: 'always',
  });
  const query = scope === 'unit' ? unitQuery : regionQuery;
  const view = query.data;
  const closePrint = useCallback(() => setPrinting(null), []);
  const today = localDate(new Date());

  return (
    <Stack gap="md">
      <Title order={3} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        图表
      </Title>
      <Card withBorder padding="md">
        <Group align="flex-end" wrap="wrap">
          <SegmentedControl
            aria-label="范围"
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            data={[
              { value: 'unit', label: '一个单位' },
              { value: 'region', label: '全区（下级单位合计）' },
            ]}
          />
          {scope === 'unit' ? (
            <UnitPicker label="单位" placeholder="选择单位" value={unit} onChange={setUnit} nothingFoundMessage="没有这个单位" w={300} />
          ) : (
            <UnitPicker
              label="上级单位"
              placeholder={hasParents ? '选择上级单位' : '还没有设置上级单位'}
              filter={PARENTS}
              value={parent}
              onChange={setParent}
              nothingFoundMessage="没有这个单位"
              w={300}
            />
          )}
          <Button variant="default" onClick={() => setPrinting('one')} disabled={!view?.years.length}>
            打印本页
          </Button>
          {scope === 'region' && (
            <Button variant="default" onClick={() => setPrinting('all')} disabled={!view?.years.length}>
              打印全区及各单位（每单位一页）
            </Button>
          )}
          {scope === 'unit' && unit && view?.years.length ? (
            <Button variant="subtle" onClick={() => goTo('errors', { unit, year: view.years[view.years.length - 1].year })}>
              查看 {view.years[view.years.length - 1].year} 年差错清单
            </Button>
          ) : null}
          {scope === 'region' && parent && (
            <Button variant="subtle" onClick={() => goTo('summary', { parent })}>
              查看全区汇总
            </Button>
          )}
        </Group>
      </Card>
      {view ? (
        <>
          <Title order={4}>{chartsTitle(view)}</Title>
          <ChartsSet view={view} />
        </>
      ) : query.isFetching ? (
        <Text c="dimmed">正在读取…</Text>
      ) : (
        <Text c="dimmed">
          {scope === 'unit'
            ? '请选择一个单位，看它历年的申请、办理结果、复议和诉讼；或改看“全区（下级单位合计）”。'
            : hasParents
              ? '请选择一个上级单位，看它的下级单位历年合计。'
              : '还没有设置上级单位：请先在“单位”页导入单位名单，或为单位设置上级单位。'}
        </Text>
      )}
      {printing && view && (
        <PagePrint title={chartsTitle(view)} onClose={closePrint}>
          <ChartsSheet view={view} today={today} />
          {printing === 'all' && children.map((c) => <UnitSheet key={c} unit={c} today={today} />)}
        </PagePrint>
      )}
    </Stack>
  );
}
