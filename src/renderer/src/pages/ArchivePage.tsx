// 档案: units × years with each report's status and problem counts; add units; search the texts.
// The matrix asks main for what it shows (pages of units, filtered and sorted there); the inputs keep their
// text to themselves, so typing redraws only the input, and the filter changes once the typing pauses.
import { Button, Card, Group, SegmentedControl, Select, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OverviewQueryArg, UnitView } from '../../../shared/api';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../shared/report';
import { foundText } from '../../../shared/search';
import { SECTION_HEADINGS } from '../../../shared/template';
import { ArchiveMatrix, type OverviewFilterArgs } from '../components/ArchiveMatrix';
import { DeleteConfirm, type DeleteTarget } from '../components/DeleteConfirm';
import { DeletedList } from '../components/DeletedList';
import { useApiQuery } from '../data/query';
import { UnitEditor } from '../components/units/UnitEditor';

/** How long typing pauses before the name filter asks again. */
const TYPING_PAUSE_MS = 250;
const STATUS_FILTERS: { value: string; label: string }[] = [
  { value: 'all', label: '全部状态' },
  { value: 'missing', label: '有缺报年度' },
  { value: 'draft', label: '有草稿' },
  { value: 'final', label: '有定稿' },
  { value: 'errors', label: '有错误' },
  { value: 'warnings', label: '有警告' },
];
const SORTS: { value: string; label: string }[] = [
  { value: 'name', label: '按名称' },
  { value: 'kind', label: '按类型' },
  { value: 'errors', label: '错误多的在前' },
  { value: 'updated', label: '最近修改的在前' },
];

type Focus = { section: string; offset: number; length: number };

interface Props {
  onOpen: (unit: string, year: number, focus?: Focus) => void;
}

export function ArchivePage({ onOpen }: Props) {
  const [kind, setKind] = useState<'all' | UnitKind>('all');
  const [yearFilter, setYearFilter] = useState<string>('all');
  const [status, setStatus] = useState<string>('all');
  const [sort, setSort] = useState<string>('name');
  const [name, setName] = useState('');
  /** The unit form: null closed, 'new' to add, a unit to edit (rename, change kind). */
  const [editing, setEditing] = useState<'new' | UnitView | null>(null);
  const [deleting, setDeleting] = useState<DeleteTarget | null>(null);
  /** The words last searched for; the hits are the cached answer for them, fetched again after any change. */
  const [searched, setSearched] = useState('');
  // The year list: every column of the unfiltered archive (a cheap one-unit page).
  const allYears = useApiQuery('archive.overview', { limit: 1 }).data?.years ?? [];

  const filter = useMemo<OverviewFilterArgs>(() => {
    const f: OverviewFilterArgs = {};
    if (name) f.name = name;
    if (kind !== 'all') f.kind = kind;
    if (yearFilter !== 'all') f.yearFrom = f.yearTo = Number(yearFilter);
    if (status !== 'all') f.status = status as OverviewQueryArg['status'];
    if (sort !== 'name') f.sort = sort as OverviewQueryArg['sort'];
    if (sort === 'errors' || sort === 'updated') f.desc = true;
    return f;
  }, [name, kind, yearFilter, status, sort]);
  const unfiltered = !name && kind === 'all' && yearFilter === 'all' && status === 'all';

  // The matrix is drawn again only when what it shows changes: its callbacks stay the same functions.
  const openRef = useRef(onOpen);
  useEffect(() => {
    openRef.current = onOpen;
  }, [onOpen]);
  const open = useCallback((unit: string, year: number) => openRef.current(unit, year), []);

  return (
    <Stack gap="md" className="archive-page">
      <Group justify="space-between">
        <Title order={3}>档案</Title>
        <Group>
          <SearchBox onSearch={setSearched} />
          <Button onClick={() => setEditing('new')}>添加单位</Button>
        </Group>
      </Group>
      {searched && <SearchHits searched={searched} onOpen={onOpen} />}
      <Group gap="sm">
        <NameFilter onChange={setName} />
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
        <Select
          aria-label="状态"
          value={status}
          onChange={(v) => setStatus(v ?? 'all')}
          data={STATUS_FILTERS}
          w={140}
          allowDeselect={false}
        />
        <Select aria-label="排序" value={sort} onChange={(v) => setSort(v ?? 'name')} data={SORTS} w={160} allowDeselect={false} />
      </Group>
      <ArchiveMatrix filter={filter} unfiltered={unfiltered} onOpen={open} onEdit={setEditing} onDelete={setDeleting} />
      <DeletedList />
      <DeleteConfirm target={deleting} onClose={() => setDeleting(null)} />
      {editing && <UnitEditor editing={editing === 'new' ? { parent: null } : { unit: editing }} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

/** The name filter: its text stays here; the page hears of it once typing pauses. */
const NameFilter = memo(function NameFilter({ onChange }: { onChange: (name: string) => void }) {
  const [text, setText] = useState('');
  const [settled] = useDebouncedValue(text.trim(), TYPING_PAUSE_MS);
  useEffect(() => onChange(settled), [settled, onChange]);
  return (
    <TextInput placeholder="按名称筛选单位" aria-label="筛选单位" value={text} onChange={(e) => setText(e.currentTarget.value)} w={200} />
  );
});

/** The full-text search box: its text stays here until 检索 or Enter. */
const SearchBox = memo(function SearchBox({ onSearch }: { onSearch: (query: string) => void }) {
  const [query, setQuery] = useState('');
  const search = () => onSearch(query.trim() ? query : '');
  return (
    <>
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
    </>
  );
});

function SearchHits({ searched, onOpen }: { searched: string; onOpen: Props['onOpen'] }) {
  const hits = useApiQuery('search', { query: searched }).data ?? null;
  if (!hits) return null;
  return (
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
  );
}
