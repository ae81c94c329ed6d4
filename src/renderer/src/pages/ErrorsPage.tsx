// 差错清单: for a year, one unit's errors and unexplained warnings, or those of every failing unit (of the archive or
// under a parent); exported as a workbook (a sheet per unit) and printed to send back; one click opens a report.
import { Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { localDate } from '../../../shared/local-time';
import { SavedFile } from '../components/SavedFile';
import { UnitPicker, useUnit } from '../components/UnitPicker';
import { YearSelect } from '../components/YearSelect';
import { PagePrint } from '../components/PagePrint';
import { ERRORS_TITLE, UnitErrorsCard, UnitErrorsSheet } from '../components/errors/ErrorList';
import { invalidate, notifyError, useApiMutation, useApiQuery } from '../data/query';
import { useNavigation, type PageParams } from '../lib/navigation';
import { useArrivalFocus } from '../components/board/scope';

type Scope = 'unit' | 'all';
/** The parent picker's units: those with subordinate units, top units first. */
const PARENTS = { parents: true } as const;

export function ErrorsPage({ params }: { params: PageParams }) {
  const heading = useArrivalFocus(params);
  const { openReport } = useNavigation();
  const yearsQuery = useApiQuery('archive.years', {});
  // Every change of a report refreshes the year list: the answers here are made of the same reports.
  const seen = useRef(0);
  useEffect(() => {
    const at = yearsQuery.dataUpdatedAt;
    if (seen.current && at !== seen.current) void invalidate('errors.list');
    seen.current = at;
  }, [yearsQuery.dataUpdatedAt]);
  const [scope, setScope] = useState<Scope>(params.unit ? 'unit' : 'all');
  const [pickedYear, setYear] = useState<number | null>(params.year ?? null);
  const [pickedUnit, setUnit] = useState<string | null>(params.unit ?? null);
  const [parent, setParent] = useState<string | null>(params.parent ?? null);
  const [printing, setPrinting] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // Shown again with new parameters (the board's “差错清单” for a unit): they replace the choices.
  // Compared by value: App passes a fresh {} while the page has no parameters.
  const paramsKey = JSON.stringify(params);
  const [shownParams, setShownParams] = useState(paramsKey);
  if (paramsKey !== shownParams) {
    setShownParams(paramsKey);
    if (params.unit) setScope('unit');
    else if (params.parent) setScope('all');
    if (params.year) setYear(params.year);
    if (params.unit) setUnit(params.unit);
    if (params.parent !== undefined) setParent(params.parent);
    setSaved(null);
  }

  const years = useMemo(() => [...(yearsQuery.data ?? [])].sort((a, b) => b - a), [yearsQuery.data]);
  // Last year first, as on 报送情况 and 全区汇总 (a draft of this year must not move the office off its January).
  const lastYear = new Date().getFullYear() - 1;
  const year = pickedYear ?? (years.includes(lastYear) ? lastYear : years[0]) ?? null;
  // A unit is offered for the year when it has a report of it; a choice without one is no choice.
  const ofYear = useMemo(() => (year === null ? null : { year }), [year]);
  const picked = useUnit(year === null ? null : pickedUnit, ofYear ?? {});
  const unit = picked ? picked.name : null;
  const unitPending = picked === undefined;

  const args = year === null ? null : scope === 'unit' ? (unit ? { year, unit } : null) : { year, parent };
  const query = useApiQuery('errors.list', args, { refetchOnMount: 'always' });
  const lists = query.data ?? [];
  const exporting = useApiMutation('errors.export', { onSuccess: (r) => setSaved(r?.path ?? null) });
  const show = useApiMutation('host.showInFolder');
  const closePrint = useCallback(() => setPrinting(false), []);

  const who = scope === 'unit' ? (unit ?? '') : parent ? `${parent}下级单位` : '全部单位';
  return (
    <Stack gap="md">
      <Title order={3} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        差错清单
      </Title>
      <Card withBorder padding="md">
        <Group align="flex-end" wrap="wrap">
          <YearSelect
            years={years}
            value={year}
            onChange={(y) => {
              setYear(y);
              setSaved(null);
            }}
          />
          <SegmentedControl
            aria-label="范围"
            value={scope}
            onChange={(v) => {
              setScope(v as Scope);
              setSaved(null);
            }}
            data={[
              { value: 'unit', label: '一个单位' },
              { value: 'all', label: '全部有问题的单位' },
            ]}
          />
          {scope === 'unit' ? (
            <UnitPicker
              label="单位"
              placeholder="选择单位"
              filter={ofYear ?? {}}
              optionLabel={(u) =>
                `${u.name}${u.report?.errors ? `（错误 ${u.report.errors}）` : u.report?.warnings ? `（警告 ${u.report.warnings}）` : ''}`
              }
              value={unit ?? (unitPending ? pickedUnit : null)}
              onChange={(v) => {
                setUnit(v);
                setSaved(null);
              }}
              nothingFoundMessage="这一年没有这个单位的报告"
              w={300}
            />
          ) : (
            <UnitPicker
              label="上级单位"
              placeholder="全部单位"
              filter={PARENTS}
              value={parent}
              onChange={(v) => {
                setParent(v);
                setSaved(null);
              }}
              clearable
              nothingFoundMessage="没有这个单位"
              w={240}
            />
          )}
          <Button
            onClick={() => args && exporting.mutate(args, { onError: (e) => notifyError(e, '没有导出') })}
            loading={exporting.isPending}
            disabled={!args || !query.data}
          >
            导出差错清单（Excel）
          </Button>
          <Button variant="default" onClick={() => setPrinting(true)} disabled={!lists.length}>
            打印差错清单
          </Button>
        </Group>
        {saved && (
          <Stack mt="sm" gap={4}>
            <SavedFile path={saved} onShow={(path) => show.mutate({ path })} />
          </Stack>
        )}
      </Card>

      {year === null ? (
        <Text c="dimmed">档案中还没有报告。</Text>
      ) : scope === 'unit' && unitPending ? (
        <Text c="dimmed">正在读取…</Text>
      ) : scope === 'unit' && !unit ? (
        <Text c="dimmed">请选择一个单位，或改看“全部有问题的单位”。</Text>
      ) : query.isPending ? (
        <Text c="dimmed">正在校验…</Text>
      ) : query.data && !lists.length ? (
        <Card withBorder padding="lg">
          <Text>
            {year} 年{who}的报告都没有错误或未说明的警告。
          </Text>
        </Card>
      ) : (
        <>
          {scope === 'all' && lists.length > 0 && (
            <Text size="sm" c="dimmed">
              {year} 年{who}中有 {lists.length} 个单位的报告有错误或未说明的警告。
            </Text>
          )}
          {lists.map((l) => (
            <UnitErrorsCard key={l.unit} list={l} onOpen={() => openReport(l.unit, l.year)} />
          ))}
        </>
      )}

      {printing && lists.length > 0 && (
        <PagePrint title={lists.length === 1 ? ERRORS_TITLE(lists[0]) : `${year}年${who}差错清单`} onClose={closePrint}>
          {lists.map((l) => (
            <UnitErrorsSheet key={l.unit} list={l} today={localDate(new Date())} />
          ))}
        </PagePrint>
      )}
    </Stack>
  );
}
