// The preview of a unit list before it is imported: new, changed and unchanged units, duplicate and near-duplicate
// names with their rows, and the problems that stop the import. Nothing is written until 导入.
import { Alert, Badge, Button, Group, List, Modal, ScrollArea, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { UnitImportView } from '../../../../shared/api';
import { UNIT_KIND_LABELS } from '../../../../shared/report';
import { notifyDone, useApiMutation } from '../../data/query';

const ACTIONS = { add: '新增', update: '更新', same: '不变' } as const;
const ACTION_COLORS = { add: 'green', update: 'blue', same: 'gray' } as const;
const DUPLICATE = {
  same: '重复（完全相同，只导入一次）',
  spaces: '只差首尾空格（按同一单位，只导入一次）',
  conflict: '重名（类型、上级或代码不同）',
  near: '近似重名（只差空格、全角半角或标点）',
} as const;

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function UnitImport({ view, onClose }: { view: UnitImportView; onClose: () => void }) {
  const [show, setShow] = useState<'changes' | 'all'>('changes');
  const commit = useApiMutation('units.import', {
    invalidates: ['units.list', 'archive.overview', 'board.get', 'summary.get', 'errors.list'],
    notifyErrors: false,
    onSuccess: (v) => {
      const n = (a: string) => v.rows.filter((r) => r.action === a).length;
      notifyDone(`新增 ${n('add')} 个，更新 ${n('update')} 个，不变 ${n('same')} 个`, '单位名单已导入');
      onClose();
    },
  });
  const count = (a: keyof typeof ACTIONS) => view.rows.filter((r) => r.action === a).length;
  const rows = show === 'all' ? view.rows : view.rows.filter((r) => r.action !== 'same');
  const blocked = view.problems.length > 0;
  return (
    <Modal opened onClose={onClose} title={`导入单位名单：${fileName(view.file)}（${view.sheet}）`} size="xl">
      <Stack gap="sm">
        <Group gap="xs" aria-label="导入预览的统计">
          {(Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).map((a) => (
            <Badge key={a} color={ACTION_COLORS[a]} variant="light" size="lg">
              {ACTIONS[a]} {count(a)} 个
            </Badge>
          ))}
          {view.duplicates.length > 0 && (
            <Badge color="orange" variant="light" size="lg">
              重名 {view.duplicates.length} 处
            </Badge>
          )}
        </Group>
        {blocked && (
          <Alert color="red" title={`有 ${view.problems.length} 处问题，改好名单后再导入（现在不会写入任何单位）`}>
            <List size="sm">
              {view.problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {view.duplicates.length > 0 && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              重名与近似重名
            </Text>
            <Table withTableBorder striped fz="sm" aria-label="重名与近似重名">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>行</Table.Th>
                  <Table.Th>名单中的写法</Table.Th>
                  <Table.Th>与之重名</Table.Th>
                  <Table.Th>情况</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {view.duplicates.map((d) => (
                  <Table.Tr key={`${d.row}-${d.of}`}>
                    <Table.Td>第 {d.row} 行</Table.Td>
                    {/* Quoted so a trailing or full-width space can be seen. */}
                    <Table.Td>“{d.name}”</Table.Td>
                    <Table.Td>{d.ofRow === null ? `档案中的“${d.of}”` : `第 ${d.ofRow} 行“${d.of}”`}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={d.kind === 'same' || d.kind === 'spaces' ? 'dimmed' : 'red'}>
                        {DUPLICATE[d.kind]}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {view.notes.length > 0 && (
          <Alert color="yellow" title="请留意">
            <List size="sm">
              {view.notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="space-between">
          <Text fw={600} size="sm">
            名单中的单位
          </Text>
          <SegmentedControl
            size="xs"
            value={show}
            onChange={(v) => setShow(v as 'changes' | 'all')}
            data={[
              { value: 'changes', label: '只看新增和更新' },
              { value: 'all', label: '全部' },
            ]}
          />
        </Group>
        <ScrollArea.Autosize mah={260}>
          <Table striped fz="sm" aria-label="名单中的单位">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>行</Table.Th>
                <Table.Th>单位名称</Table.Th>
                <Table.Th>类型</Table.Th>
                <Table.Th>上级单位</Table.Th>
                <Table.Th>导入后</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td>第 {r.row} 行</Table.Td>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>{UNIT_KIND_LABELS[r.kind]}</Table.Td>
                  <Table.Td>{r.parent ?? '（顶级）'}</Table.Td>
                  <Table.Td>
                    <Badge color={ACTION_COLORS[r.action]} variant="light">
                      {ACTIONS[r.action]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
              {!rows.length && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" c="dimmed">
                      名单中的单位与档案完全一致，没有要新增或更新的。
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
        {commit.error && <Alert color="red">{commit.error.message}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button
            onClick={() => commit.mutate({ file: view.file })}
            disabled={blocked || count('add') + count('update') === 0}
            loading={commit.isPending}
          >
            导入 {count('add') + count('update')} 个单位
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
