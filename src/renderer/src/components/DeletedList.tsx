// 已删除: units (with the reports deleted with them) and single reports, each restorable with one click.
import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { notifyDone, useApiMutation, useApiQuery } from '../data/query';
import { DELETE_INVALIDATES } from './DeleteConfirm';
import { localDateTime } from '../../../shared/local-time';

export function DeletedList({ onRestored }: { onRestored?: () => void }) {
  const deleted = useApiQuery('archive.deleted', {}).data;
  const restoreReport = useApiMutation('report.undelete', {
    invalidates: DELETE_INVALIDATES,
    onSuccess: (_, a) => (notifyDone(`已恢复“${a.unit}”${a.year} 年的报告`), onRestored?.()),
  });
  const restoreUnit = useApiMutation('units.undelete', {
    invalidates: DELETE_INVALIDATES,
    onSuccess: (r, a) => (notifyDone(`已恢复单位“${a.name}”及其 ${r.reports} 份报告`), onRestored?.()),
  });
  if (!deleted || (!deleted.units.length && !deleted.reports.length)) return null;
  return (
    <Card withBorder aria-label="已删除" className="deleted-list">
      <Group gap="xs" mb="xs">
        <Text fw={600}>已删除</Text>
        <Badge variant="light" color="gray">
          {deleted.units.length + deleted.reports.length}
        </Badge>
        <Text size="xs" c="dimmed">
          删除的单位和报告都保留在这里，随时可以恢复。
        </Text>
      </Group>
      <Table aria-label="已删除列表" verticalSpacing={4}>
        <Table.Tbody>
          {deleted.units.map((u) => (
            <DeletedRow
              key={`u-${u.name}`}
              what={`单位：${u.name}`}
              detail={`连同 ${u.reports} 份报告一起删除`}
              deletedAt={u.deletedAt}
              restoreLabel={`恢复单位${u.name}`}
              restoring={restoreUnit.isPending && restoreUnit.variables?.name === u.name}
              onRestore={() => restoreUnit.mutate({ name: u.name })}
            />
          ))}
          {deleted.reports.map((r) => (
            <DeletedRow
              key={`r-${r.unit}-${r.year}`}
              what={`报告：${r.unit} ${r.year} 年`}
              deletedAt={r.deletedAt}
              restoreLabel={`恢复${r.unit}${r.year}年报告`}
              restoring={false}
              onRestore={() => restoreReport.mutate({ unit: r.unit, year: r.year })}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

/** One deleted unit or report: what it is, when it went, and its 恢复 button. */
function DeletedRow(props: {
  what: string;
  detail?: string;
  deletedAt: string;
  restoreLabel: string;
  restoring: boolean;
  onRestore: () => void;
}) {
  return (
    <Table.Tr>
      {/* 恢复 first: at the row's right end it sat under the notification of the last restore (bottom right). */}
      <Table.Td w={60}>
        <Button size="compact-xs" variant="light" aria-label={props.restoreLabel} loading={props.restoring} onClick={props.onRestore}>
          恢复
        </Button>
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          <Text size="sm">{props.what}</Text>
          {props.detail && (
            <Text size="xs" c="dimmed">
              {props.detail}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          删除于 {localDateTime(props.deletedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
