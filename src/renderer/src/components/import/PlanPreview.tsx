// The preview of one report before import: unit and year (set by hand when the file does not say), the
// problems, the difference from the archive, and the tables in the official layout, where only the doubtful
// cells can be filled in — everything else is what the file says, with where it says it on hover.
import {
  Accordion,
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  Loader,
  NumberInput,
  ScrollArea,
  SimpleGrid,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type { PlanOverridesArg } from '../../../../shared/api';
import { UnitAutocomplete, useUnit } from '../UnitPicker';
import { UNIT_KIND_LABELS, UNIT_KINDS, type CellValue, type LegacyRow, type UnitKind } from '../../../../shared/report';
import { getTemplate } from '../../../../shared/template';
import { show } from '../../../../shared/validation/values';
import { neighbourCell } from '../../lib/grid';
import { EditableTable } from '../EditableTable';
import { FindingsPanel } from '../FindingsPanel';
import { DoubtTable } from './DoubtTable';
import { doubtsOf, excerptText, rowName, shortPaths, STATUS_COLORS, STATUS_LABELS, type FileEntry, type Row } from './model';
import { PublishedDateInput } from '../PublishedDateInput';

interface Props {
  row: Row;
  entries: FileEntry[];
  /** The plan is being made again with new overrides. */
  busy: boolean;
  onOverrides: (next: PlanOverridesArg) => void;
  onToggle: (include: boolean) => void;
}

const HAND = '导入前人工填写';
const quote = (k: string) => k.replace(/["\\]/g, '\\$&');

export function PlanPreview({ row, entries, busy, onOverrides, onToggle }: Props) {
  if (!row.plan) return <Unreadable row={row} />;
  return <Preview row={row} entries={entries} busy={busy} onOverrides={onOverrides} onToggle={onToggle} />;
}

function Unreadable({ row }: { row: Row }) {
  return (
    <Card withBorder aria-label="导入预览">
      <Group mb="sm">
        <Title order={4}>{row.entry.name}</Title>
        <Badge color={STATUS_COLORS[row.status]}>{STATUS_LABELS[row.status]}</Badge>
      </Group>
      {row.status === 'reading' ? (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">正在读取…</Text>
        </Group>
      ) : (
        <Alert color="red" title="这个文件无法导入">
          <Text size="sm">{row.reasons.join('；')}</Text>
          <Text size="sm" mt="xs">
            可以导入的是：本程序导出的年报工作簿和填报表、档案总表（.xlsx），以及网上公布的年报全文（.txt、.html、.docx）。
            请确认选对了文件；如果是旧版 .xls 或 WPS 文件，请先另存为 .xlsx。
          </Text>
        </Alert>
      )}
    </Card>
  );
}

function Preview({ row, entries, busy, onOverrides, onToggle }: Props) {
  const plan = row.plan!;
  const report = plan.report;
  const overrides = row.entry.overrides[row.index] ?? {};
  const given = overrides.values ?? {};
  const template = getTemplate(report.template);
  const [unitDraft, setUnitDraft] = useState(overrides.unit ?? report.unit ?? '');
  const [yearDraft, setYearDraft] = useState<number | string>(overrides.year ?? report.year ?? '');
  const [selected, setSelected] = useState<string | null>(null);
  const [focus, setFocus] = useState<string[]>([]);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);

  const doubts = report.doubts ?? [];
  const allDoubts = doubtsOf(plan);
  const doubtful = new Set(doubts.flatMap((d) => d.cells));
  const editable = new Set([...allDoubts.flatMap((d) => d.cells), ...Object.keys(given)]);
  const values: Record<string, CellValue> = { ...report.values, ...given };
  // On hover a cell names where it was read and the source text around it.
  const provenance = {
    ...Object.fromEntries(
      Object.entries(plan.provenance).map(([k, p]) => [k, plan.excerpts?.[k] ? `${p}\n原文：${excerptText(plan.excerpts[k])}` : p]),
    ),
    ...Object.fromEntries(Object.keys(given).map((k) => [k, HAND])),
  };
  const changed = new Set(plan.diff?.cells.map((c) => c.key) ?? []);
  const names = new Map(template.cells.map((c) => [c.key, c.name]));
  // The unit as the archive holds it (undefined while asked, null when it is new).
  const known = useUnit(report.unit ?? null);

  const apply = (unit: string, year: number | string) => {
    const next: PlanOverridesArg = { ...overrides };
    const u = unit.trim();
    if (!u) delete next.unit;
    else if (u !== report.unit) next.unit = u;
    const y = typeof year === 'number' ? year : Number.parseInt(year, 10);
    if (year === '') delete next.year;
    else if (Number.isInteger(y) && y >= 1990 && y <= 2100 && y !== report.year) next.year = y;
    if (next.unit !== overrides.unit || next.year !== overrides.year) onOverrides(next);
  };
  const yearProblem =
    yearDraft !== '' && !(Number.isInteger(Number(yearDraft)) && Number(yearDraft) >= 1990 && Number(yearDraft) <= 2100)
      ? '年度应在 1990 到 2100 之间'
      : null;

  const setValues = (changes: Record<string, CellValue>, all = false) => {
    const accepted = Object.fromEntries(Object.entries(changes).filter(([k]) => all || editable.has(k)));
    if (Object.keys(accepted).length < Object.keys(changes).length)
      setMessage({
        color: 'gray',
        text: '只有标红的存疑单元格可以在导入前填写；其他数字是从文件中读出的，如有错误，请导入后在编辑器中修改。',
      });
    else setMessage(null);
    if (Object.keys(accepted).length) onOverrides({ ...overrides, values: { ...given, ...accepted } });
  };
  const unanswer = (keys: string[]) => {
    const values = Object.fromEntries(Object.entries(given).filter(([k]) => !keys.includes(k)));
    const { values: _old, ...rest } = overrides;
    void _old;
    onOverrides(Object.keys(values).length ? { ...rest, values } : rest);
  };
  const clearGiven = () => {
    const next = { ...overrides };
    delete next.values;
    onOverrides(next);
  };
  const show = (keys: string[], highlight = true) => {
    setFocus(highlight ? keys : []);
    if (keys[0]) {
      setSelected(keys[0]);
      document.querySelector(`.import-tables td[data-key="${quote(keys[0])}"]`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
  };
  // Changing a cell read from the file is refused with a word of why.
  const refuse = (key: string) =>
    setMessage({
      color: 'gray',
      text: `“${names.get(key) ?? key}”是从文件中读出的${plan.provenance[key] ? `（${plan.provenance[key]}）` : ''}，导入前不能在这里修改；如有错误，请导入后在编辑器中修改。`,
    });

  const inTables = !!selected && template.tables.some((t) => t.cells.some((c) => c.key === selected));
  const messageAlert = message && (
    <Alert color={message.color} withCloseButton onClose={() => setMessage(null)} mb="xs">
      {message.text}
    </Alert>
  );

  return (
    <Card withBorder aria-label="导入预览">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Title order={4}>{rowName(row)}</Title>
            <Badge color={STATUS_COLORS[row.status]} variant={row.status === 'ready' ? 'filled' : 'light'}>
              {STATUS_LABELS[row.status]}
            </Badge>
            <Badge variant="outline" color="gray">
              {template.name}
            </Badge>
            {busy && (
              <Group gap={4}>
                <Loader size="xs" />
                <Text size="xs" c="dimmed">
                  正在重新检查…
                </Text>
              </Group>
            )}
          </Group>
          <Stack gap={2} align="flex-end">
            <Switch
              label="导入这份报告"
              checked={row.included}
              disabled={!row.canInclude}
              onChange={(e) => onToggle(e.currentTarget.checked)}
            />
            {!row.canInclude && (
              <Text size="xs" c="dimmed" maw={320} ta="right">
                {row.status === 'unchanged' ? '档案中已是这些内容，不必导入' : '先处理下面列出的问题，才能选择导入'}
              </Text>
            )}
          </Stack>
        </Group>

        <Group align="flex-end" gap="sm">
          <UnitAutocomplete
            label="单位"
            placeholder={report.unit ? undefined : '文件中没有写明，请填写或选择'}
            value={unitDraft}
            onChange={setUnitDraft}
            onOptionSubmit={(v) => apply(v, yearDraft)}
            onBlur={() => apply(unitDraft, yearDraft)}
            onKeyDown={(e) => e.key === 'Enter' && apply(unitDraft, yearDraft)}
            error={!report.unit}
            w={280}
          />
          <NumberInput
            label="年度"
            placeholder="如 2024"
            value={yearDraft}
            onChange={setYearDraft}
            onBlur={() => !yearProblem && apply(unitDraft, yearDraft)}
            onKeyDown={(e) => e.key === 'Enter' && !yearProblem && apply(unitDraft, yearDraft)}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            error={yearProblem ?? report.year === null}
            w={120}
          />
          {report.unit && known === null && (
            <Select
              label="新单位的类型"
              placeholder="请选择"
              data={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
              value={overrides.unitKind ?? report.unit_kind ?? null}
              onChange={(v) => v && onOverrides({ ...overrides, unitKind: v as UnitKind })}
              allowDeselect={false}
              w={140}
            />
          )}
          <PublishedDateInput size="sm" value={report.published} onChange={(published) => onOverrides({ ...overrides, published })} />
        </Group>
        {yearProblem && (
          <Text size="xs" c="red">
            {yearProblem}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {report.unit &&
            known === null &&
            `档案中还没有“${report.unit}”这个单位，导入时新建${report.unit_kind ? '' : '（未选择类型时记为“其他”）'}。`}
          {report.unit && known && `单位类型：${UNIT_KIND_LABELS[known.kind]}。`}
          {overrides.unit || overrides.year ? ' 单位和年度已按你填写的改正。' : ''}
        </Text>

        {plan.problems.length > 0 && !plan.unchanged && (
          <Alert color="orange" title="导入前需要处理">
            <List size="sm">
              {plan.problems.map((p, i) => (
                <List.Item key={i}>{shortPaths(p, entries)}</List.Item>
              ))}
            </List>
            {report.unit && plan.nearUnits?.length ? (
              <Group gap="xs" mt="xs">
                {plan.nearUnits.slice(0, 3).map((n) => (
                  <Button
                    key={n}
                    size="xs"
                    onClick={() => {
                      setUnitDraft(n);
                      onOverrides({ ...overrides, unit: n });
                    }}
                  >
                    改为“{n}”
                  </Button>
                ))}
                <Button size="xs" variant="default" onClick={() => onOverrides({ ...overrides, unit: report.unit! })}>
                  确是新单位“{report.unit}”
                </Button>
              </Group>
            ) : null}
          </Alert>
        )}
        {row.note && (
          <Alert color="yellow" title="年度与本批其他文件不同">
            {row.note}
          </Alert>
        )}
        {row.status === 'attention' && !plan.problems.length && (
          <Alert color="orange" title="导入前需要处理">
            {row.reasons.join('；')}
            {row.otherYear !== null && (
              <Group gap="xs" mt="xs">
                <Button size="xs" variant="default" onClick={() => onOverrides({ ...overrides, year: row.otherYear! })}>
                  确是 {row.otherYear} 年的报告
                </Button>
              </Group>
            )}
          </Alert>
        )}

        {allDoubts.length > 0 && (
          <DoubtTable
            doubts={allDoubts}
            template={template}
            given={given}
            onAnswer={(v) => setValues(v, true)}
            onUnanswer={unanswer}
            onShow={(keys) => show(keys)}
            short={(m) => shortPaths(m, entries)}
          />
        )}
        {Object.keys(given).length > 0 && (
          <Group gap="xs">
            <Text size="sm" c="teal">
              已人工填写 {Object.keys(given).length} 格（表中绿色）。
            </Text>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={clearGiven}>
              清除人工填写
            </Button>
          </Group>
        )}

        <Compare row={row} onShow={show} />

        <SimpleGrid cols={{ base: 1, md: row.entry.view!.notes.length ? 2 : 1 }}>
          <FindingsPanel
            findings={plan.findings}
            canDismiss={false}
            onShow={(f) => show(f.cells)}
            onFill={(key, value) => setValues({ [key]: value }, true)}
            onDismiss={async () => undefined}
            onUndismiss={() => undefined}
          />
          {row.entry.view!.notes.length > 0 && (
            <Card withBorder padding="sm" aria-label="读取说明">
              <Text fw={600} mb="xs">
                读取时的说明
              </Text>
              <List size="sm" spacing={4}>
                {row.entry.view!.notes.map((n, i) => (
                  <List.Item key={i}>{shortPaths(n, entries)}</List.Item>
                ))}
              </List>
            </Card>
          )}
        </SimpleGrid>

        <Group gap="md">
          {doubts.length > 0 && <Legend color="#ffe3e3" label="存疑，待填写" />}
          {Object.keys(given).length > 0 && <Legend color="#d3f9d8" label={HAND} />}
          {plan.existing && <Legend color="#fff3bf" label="与档案不同" />}
          <Legend color="#f4f8ff" label="从文件读出（鼠标停留可看位置）" />
        </Group>
        {message && !inTables && messageAlert}
        <div className="import-tables">
          <Stack gap="md">
            {template.tables.map((t, i) => (
              <div key={t.id}>
                {/* The message goes beside the table being worked on, not far above it. */}
                {message && inTables && t.cells.some((c) => c.key === selected) && messageAlert}
                <EditableTable
                  table={t}
                  heading={<Text fw={600}>{t.section.heading}</Text>}
                  values={values}
                  provenance={provenance}
                  selected={selected}
                  highlighted={new Set([...doubtful, ...focus])}
                  readOnly={false}
                  onSelect={setSelected}
                  onChange={(c) => setValues(c)}
                  canEdit={(key) => editable.has(key)}
                  onRefused={refuse}
                  cellClass={(key) => (key in given ? 'given' : changed.has(key) ? 'changed' : undefined)}
                  onLeave={(dir) => {
                    const key = neighbourCell(template.tables, i, dir);
                    if (key) setSelected(key);
                    return !!key;
                  }}
                />
              </div>
            ))}
            {report.legacy?.length ? <Legacy rows={report.legacy} /> : null}
          </Stack>
        </div>
        <Texts row={row} />
      </Stack>
    </Card>
  );
}

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={4}>
      <span style={{ display: 'inline-block', width: 14, height: 14, background: color, border: '1px solid #999' }} />
      <Text size="xs">{label}</Text>
    </Group>
  );
}

/** New, identical, or the difference from the archive's latest revision. */
function Compare({ row, onShow }: { row: Row; onShow: (keys: string[]) => void }) {
  const plan = row.plan!;
  const r = plan.report;
  if (!plan.existing)
    return r.unit && r.year !== null ? (
      <Alert color="blue" variant="light">
        档案中还没有“{r.unit}”{r.year} 年的报告，导入后新建。
      </Alert>
    ) : null;
  const status = plan.existing.status === 'final' ? '定稿' : '草稿';
  if (plan.unchanged)
    return (
      <Alert color="gray" title="与档案相同">
        档案中“{r.unit}”{r.year} 年的报告（第 {plan.existing.revision} 版，{status}）与这个文件完全相同，不必导入。
      </Alert>
    );
  const d = plan.diff!;
  return (
    <Card withBorder padding="sm" aria-label="与档案的差异">
      <Text fw={600}>
        与档案中第 {plan.existing.revision} 版（{status}）的差异：{d.cells.length} 个单元格
        {d.texts.length ? `、${d.texts.length} 段文字` : ''}
        {d.fields.length ? `、${d.fields.length} 项其他信息` : ''}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        导入后保存为第 {plan.existing.revision + 1} 版，原来的版本仍可在“历史”中查看和恢复。
      </Text>
      {d.cells.length > 0 && (
        <ScrollArea.Autosize mah={240}>
          <Table withTableBorder fz="sm" verticalSpacing={2} highlightOnHover aria-label="单元格差异">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>单元格</Table.Th>
                <Table.Th w={100}>档案中</Table.Th>
                <Table.Th w={100}>导入后</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.cells.map((c) => (
                <Table.Tr key={c.key} onClick={() => onShow([c.key])} style={{ cursor: 'pointer' }}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td c="dimmed">{show(c.before)}</Table.Td>
                  <Table.Td fw={600}>{show(c.after)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {d.texts.map((t) => (
        <div key={t.key} style={{ marginTop: 8 }}>
          <Text size="sm" fw={600}>
            {t.heading}
          </Text>
          <Grid gap="xs">
            <Grid.Col span={6}>
              <Text size="xs" c="dimmed">
                档案中
              </Text>
              <Text size="xs" lineClamp={4} title={t.before} className="import-text-before">
                {t.before || '（空）'}
              </Text>
            </Grid.Col>
            <Grid.Col span={6}>
              <Text size="xs" c="dimmed">
                导入后
              </Text>
              <Text size="xs" lineClamp={4} title={t.after}>
                {t.after || '（空）'}
              </Text>
            </Grid.Col>
          </Grid>
        </div>
      ))}
      {d.fields.length > 0 && (
        <List size="sm" mt="xs">
          {d.fields.map((f, i) => (
            <List.Item key={i}>{f}</List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

function Texts({ row }: { row: Row }) {
  const r = row.plan!.report;
  const template = getTemplate(r.template);
  const texts = template.sections.filter((s) => s.kind === 'text' && r.sections[s.key]?.trim());
  if (!texts.length)
    return (
      <Text size="sm" c="dimmed">
        文件中没有正文{row.plan!.existing ? '，导入时保留档案中原有的正文' : ''}。
      </Text>
    );
  return (
    <Accordion variant="contained" multiple>
      {texts.map((s) => (
        <Accordion.Item key={s.key} value={s.key}>
          <Accordion.Control>
            {s.heading}（{r.sections[s.key]!.length} 字）
          </Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {r.sections[s.key]}
            </Text>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}

function Legacy({ rows }: { rows: LegacyRow[] }) {
  const legacy = getTemplate('legacy');
  return (
    <div>
      <Text fw={600} mb={4}>
        {legacy.legacyHeading}
      </Text>
      <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            {legacy.legacyColumns?.map((c) => (
              <Table.Th key={c.key}>{c.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((l, i) => (
            <Table.Tr key={i}>
              <Table.Td>{l.label}</Table.Td>
              <Table.Td>{l.unit ?? ''}</Table.Td>
              <Table.Td>{l.this_year ?? '空'}</Table.Td>
              <Table.Td>{l.cumulative ?? '空'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
