// 单位: the units as a tree (parent → children) with kind, reports and the year's state; add, change, move a unit;
// import a unit list with a preview; go to a unit's 报送情况 / 图表 / 差错清单 for the year.
import { ActionIcon, Badge, Button, Group, ScrollArea, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { UnitImportView, UnitTreeView } from '../../../shared/api';
import { UNIT_KIND_LABELS } from '../../../shared/report';
import { call } from '../api';
import { UnitEditor, type UnitEditing } from '../components/units/UnitEditor';
import { UnitImport } from '../components/units/UnitImport';
import { YearSelect } from '../components/YearSelect';
import { buildTree, visibleRows, type UnitNode } from '../components/units/tree';
import { notifyError, useApiQuery } from '../data/query';
import { useNavigation, type PageParams } from '../lib/navigation';

/** Up to this many units, the top level starts open. */
const AUTO_OPEN_LIMIT = 500;
const STATE = { draft: { label: '草稿', color: 'yellow' }, final: { label: '已定稿', color: 'green' } } as const;

export function UnitsPage({ params }: { params: PageParams }) {
  const { goTo } = useNavigation();
  const lastYear = new Date().getFullYear() - 1;
  const [year, setYear] = useState(params.year ?? lastYear);
  // A year another page sends (goTo('units', {year})) replaces the one shown; adjusted while rendering.
  const [sentYear, setSentYear] = useState(params.year);
  if (params.year !== sentYear) {
    setSentYear(params.year);
    if (params.year) setYear(params.year);
  }
  // Every unit (the tree) with its number of reports and the state of the year shown; not every unit's every year.
  const tree = useApiQuery('units.tree', { year }, { placeholderData: keepPreviousData }).data;
  const archiveYears = useApiQuery('archive.years', {}).data;
  const [filter, setFilter] = useState('');
  // Top-level units start open (a county's departments show at once), deeper ones closed; a click flips one.
  const [flipped, setFlipped] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<UnitEditing | null>(null);
  const [preview, setPreview] = useState<UnitImportView | null>(null);
  const [picking, setPicking] = useState(false);

  const units = useMemo(() => tree ?? [], [tree]);
  const roots = useMemo(() => buildTree(units), [units]);
  // A province's thousands of units start closed: opening a level is one click, and the page stays quick.
  const autoOpen = units.length <= AUTO_OPEN_LIMIT;
  const expanded = useMemo(() => {
    const open = new Set<string>();
    const walk = (list: UnitNode<UnitTreeView>[]) =>
      list.forEach((n) => {
        if ((n.depth === 0 && autoOpen) !== flipped.has(n.unit.name)) open.add(n.unit.name);
        walk(n.children);
      });
    walk(roots);
    return open;
  }, [roots, flipped, autoOpen]);
  const rows = useMemo(() => visibleRows(roots, expanded, filter), [roots, expanded, filter]);
  const years = useMemo(() => [...new Set([...(archiveYears ?? []), lastYear, lastYear + 1, year])], [archiveYears, lastYear, year]);

  const toggle = (name: string) =>
    setFlipped((f) => {
      const next = new Set(f);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  /** Flips exactly the units whose default differs from the wanted state. */
  const setAll = (open: boolean) => {
    const all = new Set<string>();
    const walk = (list: UnitNode<UnitTreeView>[]) =>
      list.forEach((n) => {
        if (n.children.length && (n.depth === 0 && autoOpen) !== open) all.add(n.unit.name);
        walk(n.children);
      });
    walk(roots);
    setFlipped(all);
  };

  const importList = async () => {
    setPicking(true);
    try {
      const file = await call('units.pick', {});
      if (file) setPreview(await call('units.import', { file, preview: true }));
    } catch (e) {
      notifyError(e, '无法读取单位名单');
    } finally {
      setPicking(false);
    }
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Title order={3}>单位</Title>
        <Group gap="xs" wrap="nowrap">
          <YearSelect
            label={null}
            aria-label="年度"
            w={130}
            years={years}
            value={year}
            onChange={setYear}
            leftSection={<Text size="xs">年度</Text>}
            leftSectionWidth={40}
          />
          <Button variant="default" onClick={() => setEditing({ parent: null })}>
            添加单位
          </Button>
          <Button onClick={() => void importList()} loading={picking}>
            导入单位名单…
          </Button>
        </Group>
      </Group>
      <Group gap="xs">
        <TextInput
          aria-label="查找单位"
          placeholder="查找单位（输入名称中的字）"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          w={280}
        />
        <Button variant="subtle" size="xs" onClick={() => setAll(true)}>
          全部展开
        </Button>
        <Button variant="subtle" size="xs" onClick={() => setAll(false)}>
          全部收起
        </Button>
        <Text size="sm" c="dimmed">
          共 {units.length} 个单位；报告状态为 {year} 年
        </Text>
      </Group>
      {tree && !units.length && (
        <Text c="dimmed">档案中还没有单位。可以“添加单位”，或用“导入单位名单…”从 Excel 名单（单位名称、单位类型、上级单位）一次导入。</Text>
      )}
      {units.length > 0 && (
        <ScrollArea.Autosize mah="calc(100vh - 200px)" type="auto">
          <Table striped highlightOnHover stickyHeader fz="sm" aria-label="单位树" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>单位</Table.Th>
                <Table.Th w={80}>类型</Table.Th>
                <Table.Th w={60}>下级</Table.Th>
                <Table.Th w={60}>报告</Table.Th>
                <Table.Th w={80}>{year} 年</Table.Th>
                <Table.Th w={380}>操作</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((n) => {
                const u = n.unit;
                const open = !!filter || expanded.has(u.name);
                const state = u.status;
                const hasChildren = n.children.length > 0;
                return (
                  <Table.Tr key={u.id} data-unit={u.name} aria-level={n.depth + 1}>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" pl={n.depth * 22}>
                        {hasChildren ? (
                          <ActionIcon
                            variant="subtle"
                            size="sm"
                            onClick={() => toggle(u.name)}
                            aria-label={`${open ? '收起' : '展开'}${u.name}的下级单位`}
                            aria-expanded={open}
                          >
                            {open ? '▾' : '▸'}
                          </ActionIcon>
                        ) : (
                          <span style={{ width: 22, display: 'inline-block' }} />
                        )}
                        <Text size="sm" fw={hasChildren ? 600 : 400}>
                          {u.name}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>{UNIT_KIND_LABELS[u.kind]}</Table.Td>
                    <Table.Td>{hasChildren ? n.children.length : ''}</Table.Td>
                    <Table.Td>{u.reports ?? ''}</Table.Td>
                    <Table.Td>
                      {state ? (
                        <Badge size="sm" variant="light" color={STATE[state].color}>
                          {STATE[state].label}
                        </Badge>
                      ) : (
                        <Text size="xs" c="dimmed">
                          未收到
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="light" onClick={() => setEditing({ unit: u })} aria-label={`修改${u.name}`}>
                          修改
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => setEditing({ parent: u.name })}
                          aria-label={`在${u.name}下添加单位`}
                        >
                          添加下级
                        </Button>
                        <Tooltip label={hasChildren ? `${u.name}的下级单位 ${year} 年的报送情况` : '没有下级单位'}>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            disabled={!hasChildren}
                            onClick={() => goTo('board', { parent: u.name, year })}
                            aria-label={`${u.name}的报送情况`}
                          >
                            报送情况
                          </Button>
                        </Tooltip>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => goTo('charts', { unit: u.name, year })}
                          aria-label={`${u.name}的图表`}
                        >
                          图表
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => goTo('errors', hasChildren ? { parent: u.name, year } : { unit: u.name, year })}
                          aria-label={`${u.name}的差错清单`}
                        >
                          差错清单
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {!rows.length && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      没有名称含“{filter}”的单位
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {editing && <UnitEditor editing={editing} units={units} onClose={() => setEditing(null)} />}
      {preview && <UnitImport view={preview} onClose={() => setPreview(null)} />}
    </Stack>
  );
}
