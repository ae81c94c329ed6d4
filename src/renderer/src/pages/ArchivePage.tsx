// 档案: units × years with each report's status and problem counts; add units; search the texts.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import type { UnitView } from '../../../shared/api';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../shared/report';
import { foundText } from '../../../shared/search';
import { SECTION_HEADINGS } from '../../../shared/template';
import { DeleteConfirm, type DeleteTarget } from '../components/DeleteConfirm';
import { DeletedList } from '../components/DeletedList';
import { useApiMutation, useApiQuery } from '../data/query';

const STATUS = { draft: '草稿', final: '定稿' } as const;

interface Props {
  onOpen: (unit: string, year: number, focus?: { section: string; offset: number; length: number }) => void;
}

export function ArchivePage({ onOpen }: Props) {
  const overview = useApiQuery('archive.overview', {}).data;
  const [kind, setKind] = useState<'all' | UnitKind>('all');
  const [yearFilter, setYearFilter] = useState<string>('all');
  /** The unit form: null closed, 'new' to add, a unit to edit (rename, change kind). */
  const [editing, setEditing] = useState<'new' | UnitView | null>(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  const [query, setQuery] = useState('');
  /** The words last searched for; the hits are the cached answer for them, fetched again after any change. */
  const [searched, setSearched] = useState('');
  const hits = useApiQuery('search', searched ? { query: searched } : null).data ?? null;

  const thisYear = new Date().getFullYear() - 1;
  // Every year from the oldest report to last year, so a missing year shows as a gap to fill.
  const first = Math.min(thisYear, ...(overview?.years ?? []));
  const allYears = overview ? Array.from({ length: Math.max(...overview.years, thisYear) - first + 1 }, (_, i) => first + i) : [];
  const years = yearFilter === 'all' ? allYears : allYears.filter((y) => String(y) === yearFilter);
  const units = overview?.units.filter((u) => kind === 'all' || u.kind === kind) ?? [];
  const cell = (unitId: number, year: number) => overview?.reports.find((r) => r.unit_id === unitId && r.year === year);

  const search = () => setSearched(query.trim() ? query : '');

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>档案</Title>
        <Group>
          <TextInput
            placeholder="检索各报告的文字，一两个字也可以"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={(e) => e.key === 'Enter' && search()}
            w={280}
            aria-label="全文检索"
          />
          <Button variant="default" onClick={search}>
            检索
          </Button>
          <Button onClick={() => setEditing('new')}>添加单位</Button>
        </Group>
      </Group>
      {hits && (
        <Card withBorder>
          <Text fw={600} mb="xs">
            {hits.hits.length ? `${foundText(hits, searched)}，点击一处打开报告` : foundText(hits, searched)}
          </Text>
          <Stack gap={6}>
            {hits.hits.slice(0, 50).map((h, i) => (
              <UnstyledButton
                key={i}
                className="search-hit"
                aria-label={`打开${h.unit}${h.year}年报告的检索结果`}
                onClick={() => onOpen(h.unit, h.year, { section: h.section, offset: h.offset, length: searched.length })}
              >
                <Text size="sm">
                  <b>
                    {h.unit} {h.year} 年 · {SECTION_HEADINGS[h.section]}：
                  </b>
                  {h.parts.map((p, j) => (p.hit ? <mark key={j}>{p.text}</mark> : <span key={j}>{p.text}</span>))}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </Card>
      )}
      <Group>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as typeof kind)}
          data={[{ value: 'all', label: '全部单位' }, ...UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))]}
          w="fit-content"
        />
        <Select
          aria-label="年度"
          value={yearFilter}
          onChange={(v) => setYearFilter(v ?? 'all')}
          data={[{ value: 'all', label: '全部年度' }, ...[...allYears].reverse().map((y) => ({ value: String(y), label: `${y} 年` }))]}
          w={130}
          allowDeselect={false}
        />
      </Group>
      {overview && !overview.units.length ? (
        <Card withBorder padding="xl">
          <Text>档案中还没有单位。点击右上角“添加单位”开始，或在左侧“导入”中读入已有的年报（Excel 工作簿、网页、Word、文本）。</Text>
        </Card>
      ) : (
        <ScrollArea>
          <Table withTableBorder withColumnBorders striped highlightOnHover aria-label="档案总览">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>单位</Table.Th>
                <Table.Th>类型</Table.Th>
                {years.map((y) => (
                  <Table.Th key={y}>{y} 年</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="space-between">
                      <Text size="sm">{u.name}</Text>
                      <Group gap={0} wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setEditing(u)} aria-label={`修改${u.name}`}>
                          修改
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          aria-label={`删除单位${u.name}`}
                          onClick={() =>
                            setDeleting({
                              kind: 'unit',
                              name: u.name,
                              years: overview!.reports.filter((r) => r.unit_id === u.id).map((r) => r.year),
                            })
                          }
                        >
                          删除
                        </Button>
                      </Group>
                    </Group>
                  </Table.Td>
                  <Table.Td>{UNIT_KIND_LABELS[u.kind]}</Table.Td>
                  {years.map((y) => {
                    const r = cell(u.id, y);
                    return (
                      <Table.Td key={y}>
                        {r ? (
                          <Group gap={2} wrap="nowrap" justify="space-between" className="archive-cell">
                            <UnstyledButton onClick={() => onOpen(u.name, y)} aria-label={`打开${u.name}${y}年报告`}>
                              <Group gap={4} wrap="nowrap">
                                <Badge variant={r.status === 'final' ? 'filled' : 'light'} color={r.status === 'final' ? 'green' : 'gray'}>
                                  {STATUS[r.status]}
                                </Badge>
                                {r.error_count > 0 && <Badge color="red">错误 {r.error_count}</Badge>}
                                {r.warning_count > 0 && <Badge color="yellow">警告 {r.warning_count}</Badge>}
                              </Group>
                            </UnstyledButton>
                            <Tooltip label="删除这份报告">
                              <ActionIcon
                                size="sm"
                                variant="subtle"
                                color="gray"
                                className="archive-cell-delete"
                                aria-label={`删除${u.name}${y}年报告`}
                                onClick={() => setDeleting({ kind: 'report', unit: u.name, year: y })}
                              >
                                ×
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        ) : (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => onOpen(u.name, y)}
                            aria-label={`新建${u.name}${y}年报告`}
                          >
                            新建
                          </Button>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <DeletedList />
      <DeleteConfirm target={deleting} onClose={() => setDeleting(null)} />
      {editing && <UnitForm unit={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />}
    </Stack>
  );
}

/** Adds a unit, or renames one / changes its kind (its reports follow it). */
function UnitForm({ unit, onClose, onSaved }: { unit: UnitView | null; onClose: () => void; onSaved: () => void }) {
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? 'department');
  // A unit's name is in the overview, the unit lists and every search hit of its reports.
  const changes = ['units.list', 'archive.overview', 'search', 'report.get'] as const;
  const add = useApiMutation('units.add', { invalidates: [...changes], notifyErrors: false, onSuccess: onSaved });
  const change = useApiMutation('units.update', { invalidates: [...changes], notifyErrors: false, onSuccess: onSaved });
  const error = (unit ? change.error : add.error)?.message;
  const submit = () =>
    unit ? change.mutate({ name: unit.name, change: { name: name.trim(), kind } }) : add.mutate({ name: name.trim(), kind });
  return (
    <Modal opened onClose={onClose} title={unit ? `修改单位：${unit.name}` : '添加单位'}>
      <Stack>
        <TextInput
          label="单位名称"
          placeholder="例如：某县教育局"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          data-autofocus
        />
        <Select
          label="单位类型"
          data={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          value={kind}
          onChange={(v) => v && setKind(v as UnitKind)}
          allowDeselect={false}
        />
        {unit && (
          <Text size="xs" c="dimmed">
            改名后，该单位历年的报告都随之显示在新名称下。
          </Text>
        )}
        {/* The name is refused (empty, taken): said next to the form, where it is fixed. */}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={submit}>{unit ? '保存' : '添加'}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
