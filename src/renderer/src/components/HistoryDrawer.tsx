// 历史: the revisions of a report with time and note, the difference between any two side by side (cells and
// texts), and restoring one as a new revision.
import { Button, Drawer, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../data/query';
import { ReportDiff } from './ReportDiff';
import { localDateTime } from '../../../shared/local-time';

interface Props {
  unit: string;
  year: number;
  opened: boolean;
  onClose: () => void;
  /** Resolves once the editor's unsaved edits are stored, so the restored version is not overwritten by them. */
  beforeRestore?: () => Promise<void>;
  onRestored: () => void;
}

export function HistoryDrawer({ unit, year, opened, onClose, beforeRestore, onRestored }: Props) {
  const history = useApiQuery('report.history', opened ? { unit, year } : null);
  const revisions = history.data ?? [];
  // The newest two are compared until the person picks others.
  const [picked, setPicked] = useState<{ from: string | null; to: string | null } | null>(null);
  const from = picked ? picked.from : revisions[1] ? String(revisions[1].number) : null;
  const to = picked ? picked.to : revisions[0] ? String(revisions[0].number) : null;
  const diff = useApiQuery('report.diff', opened && from && to ? { unit, year, from: Number(from), to: Number(to) } : null).data;
  const restore = useApiMutation('report.restoreRevision', {
    invalidates: ['report.get', 'report.history', 'report.diff', 'archive.overview'],
    onSuccess: onRestored,
  });

  const options = revisions.map((r) => ({
    value: String(r.number),
    label: `第 ${r.number} 版 · ${localDateTime(r.createdAt)} · ${r.note ?? '编辑'}`,
  }));
  return (
    <Drawer
      opened={opened}
      onClose={() => {
        // Opened again later, it compares the newest two again.
        setPicked(null);
        onClose();
      }}
      position="right"
      size="xl"
      title={`${unit} ${year} 年报告的历史`}
    >
      <Stack>
        <Table aria-label="版本列表">
          <Table.Tbody>
            {revisions.map((r) => (
              <Table.Tr key={r.number}>
                <Table.Td>第 {r.number} 版</Table.Td>
                <Table.Td>{localDateTime(r.createdAt)}</Table.Td>
                {/* A named revision (定稿, 导入, 恢复…) says what happened; the others are one burst of editing each. */}
                <Table.Td>{r.note ?? '编辑'}</Table.Td>
                <Table.Td>
                  {r.number !== revisions[0]?.number && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      loading={restore.isPending}
                      onClick={() =>
                        void (beforeRestore?.() ?? Promise.resolve()).then(() => restore.mutate({ unit, year, revision: r.number }))
                      }
                    >
                      恢复为这一版
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group grow>
          <Select label="比较：原来" data={options} value={from} onChange={(v) => setPicked({ from: v, to })} />
          <Select label="现在" data={options} value={to} onChange={(v) => setPicked({ from, to: v })} />
        </Group>
        {from && to && diff && !diff.cells.length && !diff.texts.length && !diff.fields.length && <Text c="dimmed">这两版没有差别。</Text>}
        {diff && <ReportDiff diff={diff} before={`第 ${from} 版`} after={`第 ${to} 版`} label="数字的差别" />}
      </Stack>
    </Drawer>
  );
}
