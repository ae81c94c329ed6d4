// The difference between two versions of a report, side by side: the cells and fields in one table, each changed
// text in two columns. The history drawer and the conflict dialog both show a difference this way.
import { Group, Table, Text } from '@mantine/core';
import type { DiffView } from '../../../shared/api';
import { show } from '../../../shared/validation/values';

interface Props {
  diff: DiffView;
  /** Column headings of the two versions, e.g. 第 2 版 / 第 3 版. */
  before: string;
  after: string;
  /** Accessible name of the numbers table. */
  label: string;
}

export function ReportDiff({ diff, before, after, label }: Props) {
  return (
    <>
      {(diff.cells.length > 0 || diff.fields.length > 0) && (
        <Table withTableBorder withColumnBorders aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>单元格</Table.Th>
              <Table.Th>{before}</Table.Th>
              <Table.Th>{after}</Table.Th>
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
      {diff.texts.map((t) => (
        <div key={t.key} aria-label={`文字差别：${t.heading}`}>
          <Text fw={600} size="sm" mt="xs">
            {t.heading}
          </Text>
          <Group grow align="flex-start">
            {[
              { name: before, text: t.before, bg: 'gray.0' },
              { name: after, text: t.after, bg: 'blue.0' },
            ].map((side) => (
              <div key={side.bg}>
                <Text size="xs" c="dimmed">
                  {side.name}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} bg={side.bg} p="xs">
                  {side.text || '（空）'}
                </Text>
              </div>
            ))}
          </Group>
        </div>
      ))}
    </>
  );
}
