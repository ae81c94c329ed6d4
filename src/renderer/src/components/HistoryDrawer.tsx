// 历史: the revisions of a report with time and note, the difference between any two side by side (cells and
// texts), and restoring one as a new revision.
import { Alert, Button, Drawer, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DiffView } from '../../../shared/api';
import { show } from '../../../shared/validation/values';
import { call } from '../api';

interface Props {
  unit: string;
  year: number;
  opened: boolean;
  onClose: () => void;
  onRestored: () => void;
}

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

export function HistoryDrawer({ unit, year, opened, onClose, onRestored }: Props) {
  const [revisions, setRevisions] = useState<{ number: number; createdAt: string; note: string | null }[]>([]);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [diff, setDiff] = useState<DiffView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    call('report.history', { unit, year }).then(
      (h) => {
        setRevisions(h);
        setTo(h[0] ? String(h[0].number) : null);
        setFrom(h[1] ? String(h[1].number) : null);
      },
      (e: Error) => setError(e.message),
    );
  }, [opened, unit, year]);

  useEffect(() => {
    if (!from || !to) return;
    call('report.diff', { unit, year, from: Number(from), to: Number(to) }).then(setDiff, (e: Error) => setError(e.message));
  }, [from, to, unit, year]);

  const options = revisions.map((r) => ({
    value: String(r.number),
    label: `第 ${r.number} 版 · ${when(r.createdAt)} · ${r.note ?? '编辑'}`,
  }));
  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="xl" title={`${unit} ${year} 年报告的历史`}>
      <Stack>
        {error && <Alert color="red">{error}</Alert>}
        <Table aria-label="版本列表">
          <Table.Tbody>
            {revisions.map((r) => (
              <Table.Tr key={r.number}>
                <Table.Td>第 {r.number} 版</Table.Td>
                <Table.Td>{when(r.createdAt)}</Table.Td>
                {/* A named revision (定稿, 导入, 恢复…) says what happened; the others are one burst of editing each. */}
                <Table.Td>{r.note ?? '编辑'}</Table.Td>
                <Table.Td>
                  {r.number !== revisions[0]?.number && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() =>
                        call('report.restoreRevision', { unit, year, revision: r.number }).then(onRestored, (e: Error) =>
                          setError(e.message),
                        )
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
          <Select label="比较：原来" data={options} value={from} onChange={setFrom} />
          <Select label="现在" data={options} value={to} onChange={setTo} />
        </Group>
        {from && to && diff && !diff.cells.length && !diff.texts.length && !diff.fields.length && <Text c="dimmed">这两版没有差别。</Text>}
        {diff && (diff.cells.length > 0 || diff.fields.length > 0) && (
          <Table withTableBorder withColumnBorders aria-label="数字的差别">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>单元格</Table.Th>
                <Table.Th>第 {from} 版</Table.Th>
                <Table.Th>第 {to} 版</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diff.fields.map((f) => (
                <Table.Tr key={f}>
                  <Table.Td colSpan={3}>{f}</Table.Td>
                </Table.Tr>
              ))}
              {diff.cells.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td>{show(c.before)}</Table.Td>
                  <Table.Td>{show(c.after)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {diff?.texts.map((t) => (
          <div key={t.key}>
            <Text fw={600}>{t.heading}</Text>
            <Group grow align="flex-start">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} bg="red.0" p="xs">
                {t.before || '（空）'}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} bg="green.0" p="xs">
                {t.after || '（空）'}
              </Text>
            </Group>
          </div>
        ))}
      </Stack>
    </Drawer>
  );
}
