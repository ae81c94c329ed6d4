// 全区汇总: for a parent and a year, the sum of its units' tables in the official layout, each number with its
// drill-down; the comparison with a 全区 report cell by cell; the export to the official workbook.
import { Alert, Box, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { getTemplate, type TemplateId } from '../../../shared/template';
import { ScopePicker, useArrivalFocus, useScope } from '../components/board/scope';
import { SavedFile } from '../components/SavedFile';
import { UnitPicker, useUnit } from '../components/UnitPicker';
import { DrillDown } from '../components/summary/DrillDown';
import { SummaryTables } from '../components/summary/SummaryTables';
import { SummaryUnits } from '../components/summary/SummaryUnits';
import { invalidate, notifyDone, useApiMutation, useApiQuery } from '../data/query';
import { useNavigation, type PageParams } from '../lib/navigation';
import '../components/summary/summary.css';

const NO_COMPARE = '';

export function SummaryPage({ params }: { params: PageParams }) {
  const heading = useArrivalFocus(params);
  const scope = useScope(params);
  const { year, parent } = scope;
  const nav = useNavigation();
  // The 全区 report compared with the sum: by default the parent's own report of the year, when there is one.
  const parentReport = useUnit(parent, { year });
  // The person's choice holds for the parent and year it was made for; otherwise the default.
  const [chosen, setChosen] = useState<{ for: string; unit: string } | null>(null);
  const scopeKey = `${parent}|${year}`;
  const compare =
    parent === null
      ? null
      : chosen?.for === scopeKey
        ? chosen.unit
        : parentReport === undefined
          ? null
          : parentReport
            ? parent
            : NO_COMPARE;
  const setCompare = (unit: string) => setChosen({ for: scopeKey, unit });

  const ready = parent !== null && compare !== null;
  const summary = useApiQuery('summary.get', ready ? { year, parent, compare: compare || null } : null, { meta: { quiet: true } });
  // Reports saved or imported elsewhere change the sums (and which units reported): ask again when the archive changes.
  useEffect(() => {
    if (scope.archiveChanged) void invalidate('summary.get', 'units.find');
  }, [scope.archiveChanged]);
  const view = summary.data;
  const [selected, setSelected] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const showInFolder = useApiMutation('host.showInFolder');
  const exporter = useApiMutation('summary.export', {
    onSuccess: (r) => {
      if (!r) return;
      setSaved(r.path);
      notifyDone('汇总表已导出为官方表样的 Excel 文件', '已导出');
    },
  });

  const cells = useMemo(() => new Map((view?.cells ?? []).map((c) => [c.key, c])), [view]);
  const differences = useMemo(() => new Map((view?.comparison?.differences ?? []).map((d) => [d.key, d])), [view]);
  const differing = useMemo(() => new Set(differences.keys()), [differences]);
  const open = (unit: string) => nav.openReport(unit, year);
  const select = (key: string) => {
    setSelected(key);
    document.querySelector<HTMLElement>(`.summary-page td[data-key="${CSS.escape(key)}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  return (
    <Stack gap="sm" className="summary-page">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <Group align="flex-end" gap="lg" wrap="nowrap">
          <Title order={3} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
            全区汇总
          </Title>
          <ScopePicker scope={scope} />
          <UnitPicker
            label="与全区报告比较"
            w={240}
            nothingFoundMessage="这一年没有这个单位的报告"
            allowDeselect={false}
            // Units with a report this year may be the 全区 report compared with the sum.
            filter={{ year }}
            extra={[{ value: NO_COMPARE, label: '不比较' }]}
            value={compare}
            onChange={(v) => setCompare(v ?? NO_COMPARE)}
          />
        </Group>
        <Button onClick={() => parent && exporter.mutate({ year, parent })} loading={exporter.isPending} disabled={!view}>
          导出汇总表
        </Button>
      </Group>
      {saved && <SavedFile path={saved} onShow={(path) => showInFolder.mutate({ path })} />}

      {!scope.loading && !scope.hasParents && (
        <Alert color="blue" title="还没有下级单位">
          全区汇总把一个上级单位的下级单位的报告逐格相加。请先在“单位”页导入单位名单，或为单位设置上级单位。
        </Alert>
      )}
      {summary.isFetching && !view && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">正在汇总……</Text>
        </Group>
      )}
      {summary.error && (
        <Alert color="red" title="无法汇总">
          {summary.error.message}
        </Alert>
      )}
      {view && !view.included.length && (
        <Alert color="blue" title={`${year} 年还没有可汇总的报告`}>
          {parent}的下级单位还没有这一年的报告，表中各格都是空白。请在“导入”页导入各单位报送的文件，或换一个年度。
        </Alert>
      )}
      {view && (
        <>
          <SummaryUnits summary={view} onSelect={select} onOpen={open} />
          <Group gap="md" align="flex-start" wrap="nowrap">
            <Box flex={1} miw={0}>
              <SummaryTables
                template={getTemplate(view.template as TemplateId)}
                cells={cells}
                selected={selected}
                differing={differing}
                onSelect={select}
              />
            </Box>
            <Box w={320} style={{ flexShrink: 0, alignSelf: 'stretch' }}>
              <div className="summary-drill">
                <DrillDown
                  cell={selected ? (cells.get(selected) ?? null) : null}
                  difference={selected ? (differences.get(selected) ?? null) : null}
                  compareUnit={view.comparison?.unit ?? null}
                  onOpen={open}
                />
              </div>
            </Box>
          </Group>
          <Text size="xs" c="dimmed">
            红底的格子与全区报告不一致。汇总时空白不计，“不适用”不计入数字。
          </Text>
        </>
      )}
    </Stack>
  );
}
