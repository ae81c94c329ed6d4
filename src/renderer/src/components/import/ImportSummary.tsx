// What the import did: counts, the reports written (each one a click from the editor), and what was left out
// and why.
import { Alert, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { rowName, type Row } from './model';

export interface Imported {
  file: string;
  unit: string;
  year: number;
  revision: number;
}

interface Props {
  rows: Row[];
  imported: Imported[];
  onOpen: (unit: string, year: number) => void;
  onRestart: () => void;
}

export function ImportSummary({ rows, imported, onOpen, onRestart }: Props) {
  const unchanged = rows.filter((r) => r.status === 'unchanged' || (r.included && !isImported(r, imported)));
  const skipped = rows.filter((r) => !r.included && (r.status === 'ready' || r.status === 'attention'));
  const failed = rows.filter((r) => r.status === 'unreadable');
  const nameOf = (file: string) => rows.find((r) => r.entry.file === file)?.entry.name ?? file;
  return (
    <Stack gap="md" aria-label="导入结果">
      <Alert color="green" title={imported.length ? `已导入 ${imported.length} 份报告` : '没有导入任何报告'}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">
            {imported.length
              ? '这些报告已存入档案，可以在“档案”中查看，或点“打开”进入编辑器继续核对。'
              : '所选的报告都与档案相同，档案没有变化。'}
          </Text>
          <Button onClick={onRestart}>继续导入</Button>
        </Group>
      </Alert>
      <SimpleGrid cols={4}>
        <Stat label="已导入" value={imported.length} color="green" />
        <Stat label="跳过" value={skipped.length} color="orange" />
        <Stat label="与档案相同" value={unchanged.length} color="gray" />
        <Stat label="无法读取" value={failed.length} color="red" />
      </SimpleGrid>
      {imported.length > 0 && (
        <Card withBorder>
          <Title order={5} mb="xs">
            已导入
          </Title>
          <Table withTableBorder highlightOnHover fz="sm" verticalSpacing={4} aria-label="已导入的报告">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>单位</Table.Th>
                <Table.Th>年度</Table.Th>
                <Table.Th>版本</Table.Th>
                <Table.Th>来自文件</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imported.map((r) => (
                <Table.Tr key={`${r.unit}|${r.year}`}>
                  <Table.Td>{r.unit}</Table.Td>
                  <Table.Td>{r.year}</Table.Td>
                  <Table.Td>{r.revision === 1 ? '新建（第 1 版）' : `更新为第 ${r.revision} 版`}</Table.Td>
                  <Table.Td>{nameOf(r.file)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="light"
                      onClick={() => onOpen(r.unit, r.year)}
                      aria-label={`打开${r.unit}${r.year}年报告`}
                    >
                      打开
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
      <Left title="跳过" rows={skipped} why={(r) => (r.canInclude ? '你选择了跳过' : r.reasons.join('；'))} />
      <Left title="与档案相同，未导入" rows={unchanged} why={(r) => r.reasons.join('；') || '与档案相同'} />
      <Left title="无法读取" rows={failed} why={(r) => r.reasons.join('；')} />
    </Stack>
  );
}

const isImported = (r: Row, imported: Imported[]) =>
  imported.some((i) => i.file === r.entry.file && i.unit === r.plan?.report.unit && i.year === r.plan?.report.year);

function Stat({ label, value, color }: { label: string; value: number; color: string }) {
  return (
    <Card withBorder padding="sm" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} c={value ? color : 'dimmed'}>
        {value}
      </Text>
    </Card>
  );
}

function Left({ title, rows, why }: { title: string; rows: Row[]; why: (r: Row) => string }) {
  if (!rows.length) return null;
  return (
    <Card withBorder>
      <Title order={5} mb="xs">
        {title}（{rows.length}）
      </Title>
      <List size="sm" spacing={4}>
        {rows.map((r) => (
          <List.Item key={r.id}>
            <b>{rowName(r)}</b>
            {r.plan?.report.unit ? `（${r.plan.report.unit} ${r.plan.report.year ?? ''}）` : ''}：{why(r)}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
