// 导出: one report as our official-layout workbook or printed/PDF; blank fill-in workbooks for the units the
// office collects from (上年结转 pre-filled); the flat archive workbook of all reports.
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { UnitTreeView } from '../../../shared/api';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../shared/report';
import { SavedFile } from '../components/SavedFile';
import { UnitPicker, useUnit } from '../components/UnitPicker';
import { YearSelect } from '../components/YearSelect';
import { notifyError, useApiMutation, useApiQuery } from '../data/query';

type ReportFormat = 'xlsx' | 'docx' | 'html' | 'pdf';
const REPORT_CHANNELS = { xlsx: 'export.report', docx: 'export.docx', html: 'export.html', pdf: 'export.pdf' } as const;
/** The units 导出一份报告 offers: those with reports, each with its years. */
const WITH_REPORTS = { hasReports: true, withYears: true } as const;

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function ExportPage({ onPrint }: { onPrint: (unit: string, year: number) => void }) {
  // What the cards need, each asked for alone: whether there is a unit, the years with reports.
  const anyUnit = useApiQuery('units.find', { limit: 1 });
  const yearsQuery = useApiQuery('archive.years', {});
  const infoQuery = useApiQuery('app.info', {});
  const host = infoQuery.data?.host;
  const failed = anyUnit.isError || yearsQuery.isError || infoQuery.isError;
  const show = useApiMutation('host.showInFolder');
  const showInFolder = (path: string) => show.mutate({ path });
  const years = yearsQuery.data;

  return (
    <Stack gap="md" maw={960}>
      <Title order={3}>导出</Title>
      {anyUnit.data && !anyUnit.data.units.length ? (
        <Card withBorder padding="xl">
          <Text fw={600} mb={4}>
            档案中还没有单位和报告，暂时没有可以导出的内容。
          </Text>
          <Text size="sm" c="dimmed">
            请先在“档案”页点击“添加单位”登记要收集年报的单位，或在“导入”页读入已有的年报和工作簿，再回到这里导出。
          </Text>
        </Card>
      ) : anyUnit.data && years && host ? (
        <>
          <OneReport host={host} onPrint={onPrint} onShow={showInFolder} />
          <Templates years={years} onShow={showInFolder} />
          <Flat onShow={showInFolder} />
        </>
      ) : (
        !failed && <Text c="dimmed">正在读取档案…</Text>
      )}
    </Stack>
  );
}

interface CardProps {
  onShow: (path: string) => void;
}

/** An export's failure, in the notification surface; the card shows only what was written. */
const failedExport = (e: unknown) => notifyError(e, '没有导出');

function OneReport({ host, onPrint, onShow }: CardProps & { host: 'electron' | 'browser'; onPrint: (unit: string, year: number) => void }) {
  // Until the person picks one: the first unit with reports. A choice that is gone (the page stays mounted while
  // units are renamed, reports deleted or imported) falls back to it.
  const first = useApiQuery('units.find', { hasReports: true, limit: 1 }).data;
  const [picked, setUnit] = useState<string | null>(null);
  const pickedUnit = useUnit(picked, WITH_REPORTS);
  const unit = picked && pickedUnit !== null ? picked : (first?.units[0]?.name ?? null);
  const years = useUnit(unit, WITH_REPORTS)?.years ?? [];
  // Kept when the next unit has it; else its latest.
  const [pickedYear, setYear] = useState<number | null>(null);
  const year = pickedYear !== null && years.includes(pickedYear) ? pickedYear : (years[0] ?? null);
  const [saved, setSaved] = useState<string | null>(null);
  const setDone = (r: { path: string } | null) => setSaved(r?.path ?? null);
  const exports = {
    xlsx: useApiMutation(REPORT_CHANNELS.xlsx, { notifyErrors: false, onSuccess: setDone }),
    docx: useApiMutation(REPORT_CHANNELS.docx, { notifyErrors: false, onSuccess: setDone }),
    html: useApiMutation(REPORT_CHANNELS.html, { notifyErrors: false, onSuccess: setDone }),
    pdf: useApiMutation(REPORT_CHANNELS.pdf, { notifyErrors: false, onSuccess: setDone }),
  };
  const busy = (Object.keys(exports) as ReportFormat[]).find((k) => exports[k].isPending) ?? null;

  const chooseUnit = (name: string | null) => {
    setUnit(name);
    // The year shown stays when the next unit has it.
    setYear(year);
    setDone(null);
  };

  const run = (kind: ReportFormat) => {
    if (!unit || year === null) return;
    if (kind === 'pdf' && host === 'browser') return onPrint(unit, year);
    setSaved(null);
    exports[kind].mutate({ unit, year }, { onError: failedExport });
  };

  return (
    <Card withBorder padding="lg">
      <Title order={5}>导出一份报告</Title>
      <Text size="sm" c="dimmed" mb="md">
        导出为与国务院办公厅格式一致的 Excel 工作簿；发布用的 Word 文档（公文格式）或门户网站网页；或按正式格式打印、保存为 PDF。
      </Text>
      {first && !first.units.length ? (
        <Text size="sm">档案中还没有报告。请在“档案”页新建报告，或在“导入”页读入已有的年报，再回来导出。</Text>
      ) : (
        <Stack gap="sm">
          <Group align="flex-end">
            <UnitPicker
              label="单位"
              filter={WITH_REPORTS}
              value={unit}
              onChange={chooseUnit}
              allowDeselect={false}
              nothingFoundMessage="没有这个单位的报告"
              w={240}
            />
            <YearSelect
              years={years}
              value={year}
              onChange={(y) => {
                setYear(y);
                setDone(null);
              }}
              w={140}
            />
            <Button onClick={() => void run('xlsx')} loading={busy === 'xlsx'} disabled={!unit || year === null}>
              导出 Excel
            </Button>
            <Button variant="default" onClick={() => void run('docx')} loading={busy === 'docx'} disabled={!unit || year === null}>
              导出 Word
            </Button>
            <Button variant="default" onClick={() => void run('html')} loading={busy === 'html'} disabled={!unit || year === null}>
              导出网页
            </Button>
            <Button variant="default" onClick={() => void run('pdf')} loading={busy === 'pdf'} disabled={!unit || year === null}>
              打印 / 导出 PDF
            </Button>
          </Group>
          {host === 'browser' && (
            <Text size="xs" c="dimmed">
              “打印 / 导出 PDF”会打开打印视图；在打印对话框中选择“另存为 PDF”即可得到 PDF 文件。
            </Text>
          )}
          {saved && <SavedFile path={saved} onShow={onShow} />}
        </Stack>
      )}
    </Card>
  );
}

function Templates({ years, onShow }: CardProps & { years: number[] }) {
  const latest = years.length ? Math.max(...years) + 1 : new Date().getFullYear() - 1;
  const [year, setYear] = useState<number>(latest);
  const [kind, setKind] = useState<'all' | UnitKind>('all');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const exporting = useApiMutation('export.templates', { notifyErrors: false });
  const busy = exporting.isPending;
  const done = exporting.data ?? null;

  const validYear = Number.isInteger(year) && year >= 1990 && year <= 2100;
  // Every unit with whether it has a report of the year and of the year before (not every unit's every year);
  // while the year typed is not one, the list stays as it was.
  const units = useApiQuery('units.tree', validYear ? { year, counts: false } : null, { placeholderData: keepPreviousData }).data ?? [];
  const kinds = UNIT_KINDS.filter((k) => units.some((u) => u.kind === k));
  const shown = units.filter((u) => kind === 'all' || u.kind === kind);
  const shownChosen = shown.filter((u) => chosen.has(u.name)).length;
  const hiddenChosen = chosen.size - shownChosen;
  const note = (u: UnitTreeView) =>
    u.status
      ? `已有 ${year} 年报告，将导出现有内容`
      : u.previous
        ? `上年结转从 ${year - 1} 年报告填入`
        : `没有 ${year - 1} 年报告，上年结转留空`;

  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    setChosen(next);
  };
  const toggleAll = (on: boolean) => {
    const next = new Set(chosen);
    for (const u of shown) {
      if (on) next.add(u.name);
      else next.delete(u.name);
    }
    setChosen(next);
  };

  // In archive order, so the list of files reads like the list of units.
  const generate = () =>
    exporting.mutate({ units: units.filter((u) => chosen.has(u.name)).map((u) => u.name), year }, { onError: failedExport });

  return (
    <Card withBorder padding="lg">
      <Title order={5}>生成空白填报表</Title>
      <Text size="sm" c="dimmed" mb="md">
        为每个单位生成一份 Excel
        填报表，发给各单位填写后再从“导入”页读回（单位和年度按表上方填写的读入）。“二、上年结转政府信息公开申请数量”按档案中上一年的“结转下年度继续办理”预先填好；每份附“填报说明”和“校验”表，校验表随填写自动算出各项勾稽差额，不为
        0 的显示为红色。
      </Text>
      <Stack gap="sm">
        <Group align="flex-end" justify="space-between">
          <NumberInput
            label="填报年度"
            value={year}
            onChange={(v) => setYear(typeof v === 'number' ? v : Number(v))}
            min={1990}
            max={2100}
            allowDecimal={false}
            suffix=" 年"
            w={140}
            error={validYear ? undefined : '请填写 1990 至 2100 之间的年份'}
          />
          {kinds.length > 1 && (
            <SegmentedControl
              aria-label="按单位类型筛选"
              value={kind}
              onChange={(v) => setKind(v as typeof kind)}
              data={[{ value: 'all', label: '全部单位' }, ...kinds.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))]}
            />
          )}
        </Group>
        <Card withBorder padding="sm" radius="sm">
          <Group justify="space-between" mb="xs">
            <Checkbox
              label={kind === 'all' ? '全选' : `全选（${UNIT_KIND_LABELS[kind]}）`}
              checked={shown.length > 0 && shownChosen === shown.length}
              indeterminate={shownChosen > 0 && shownChosen < shown.length}
              onChange={(e) => toggleAll(e.currentTarget.checked)}
            />
            <Text size="sm" c="dimmed">
              已选 {chosen.size} 个单位{hiddenChosen > 0 ? `（其中 ${hiddenChosen} 个不在当前筛选中）` : ''}
            </Text>
          </Group>
          <UnitChecklist units={shown} chosen={chosen} note={validYear ? note : null} onToggle={toggle} />
        </Card>
        <Group>
          <Button onClick={() => void generate()} loading={!!busy} disabled={!chosen.size || !validYear}>
            {chosen.size ? `生成 ${chosen.size} 份填报表` : '请先选择单位'}
          </Button>
        </Group>
        {done && (
          <Stack gap={4}>
            <SavedFile
              path={done.dir}
              label={`已生成 ${done.files.length} 份填报表，保存在`}
              onShow={() => onShow(done.files[0] ?? done.dir)}
            />
            <List size="sm" spacing={2} aria-label="生成的填报表">
              {done.files.map((f) => (
                <List.Item key={f}>{fileName(f)}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** Height of one row of the checklist (a checkbox with its note). */
const CHECK_ROW = 50;
const CHECK_COLUMNS = 3;

/** The units to choose, three a row; only the rows in view are drawn (a province has thousands of units). */
function UnitChecklist({
  units,
  chosen,
  note,
  onToggle,
}: {
  units: UnitTreeView[];
  chosen: ReadonlySet<string>;
  note: ((u: UnitTreeView) => string) | null;
  onToggle: (name: string, on: boolean) => void;
}) {
  const viewport = useRef<HTMLDivElement>(null);
  const rows = Math.ceil(units.length / CHECK_COLUMNS);
  // The virtualiser keeps its own state; the React compiler leaves this component alone, which is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => viewport.current, estimateSize: () => CHECK_ROW, overscan: 6 });
  return (
    <ScrollArea h={Math.min(300, rows * CHECK_ROW)} viewportRef={viewport} type="auto">
      <div role="group" aria-label="选择单位" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <SimpleGrid
            key={row.key}
            cols={CHECK_COLUMNS}
            spacing="xs"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, height: CHECK_ROW, transform: `translateY(${row.start}px)` }}
          >
            {units.slice(row.index * CHECK_COLUMNS, (row.index + 1) * CHECK_COLUMNS).map((u) => (
              <Checkbox
                key={u.id}
                label={u.name}
                description={note ? note(u) : undefined}
                checked={chosen.has(u.name)}
                onChange={(e) => onToggle(u.name, e.currentTarget.checked)}
              />
            ))}
          </SimpleGrid>
        ))}
      </div>
    </ScrollArea>
  );
}

function Flat({ onShow }: CardProps) {
  const counts = useApiQuery('export.counts', {}).data;
  const legacy = counts?.legacy ?? 0;
  const count = (counts?.reports ?? 0) - legacy;
  const exporting = useApiMutation('export.flat', { notifyErrors: false });
  const busy = exporting.isPending;
  const done = exporting.data ?? null;

  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={5}>导出档案总表</Title>
          <Text size="sm" c="dimmed">
            一个 Excel 工作簿，每份报告一行，便于汇总、筛选和留档；也可以从“导入”页整表读回。
          </Text>
        </div>
        <Badge variant="light" size="lg" aria-label="总表报告数">
          {count} 份报告
        </Badge>
      </Group>
      {legacy > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          2018 年及以前的 {legacy} 份报告没有统一表样，不包含在总表中。
        </Text>
      )}
      <Stack gap="sm" mt="md">
        <Group>
          <Button onClick={() => exporting.mutate({}, { onError: failedExport })} loading={busy} disabled={!count}>
            导出档案总表
          </Button>
          {!count && (
            <Text size="sm" c="dimmed">
              档案中还没有 2019 年及以后的报告。
            </Text>
          )}
        </Group>
        {done && <SavedFile path={done.path} after={`（共 ${done.count} 份报告）`} onShow={onShow} />}
      </Stack>
    </Card>
  );
}
