// The drill-down of one number of the 汇总: each unit with its figure (they add up to the number), the units that
// said 不适用 or left it blank, and — when compared — the 全区 report's figure with the likely culprits.
import { Anchor, Badge, Divider, Group, Paper, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { ComparisonDifferenceView, SummaryCellView } from '../../../../shared/api';
import { NOT_APPLICABLE, type CellValue } from '../../../../shared/report';

const show = (v: CellValue) => (v === null ? '空白' : String(v));

interface Props {
  cell: SummaryCellView | null;
  difference: ComparisonDifferenceView | null;
  compareUnit: string | null;
  onOpen(unit: string): void;
}

export function DrillDown({ cell, difference, compareUnit, onOpen }: Props) {
  if (!cell)
    return (
      <Paper withBorder p="md" aria-label="汇总明细">
        <Text size="sm" c="dimmed">
          点击（或用方向键选中后按 Enter）表中的数字，这里列出构成它的各单位及其数字。
        </Text>
      </Paper>
    );
  const units = [...cell.units].sort((a, b) => b.value - a.value);
  const unitLink = (unit: string) => (
    <Anchor component="button" type="button" size="sm" c="blue.8" onClick={() => onOpen(unit)} aria-label={`打开${unit}的报告`}>
      {unit}
    </Anchor>
  );
  return (
    <Paper withBorder p="md" aria-label="汇总明细">
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {cell.name}
        </Text>
        <Group gap="xs">
          <Text size="sm">汇总</Text>
          <Text fw={700} fz={20} data-testid="drill-sum">
            {cell.value === NOT_APPLICABLE ? NOT_APPLICABLE : show(cell.value)}
          </Text>
          <Text size="sm" c="dimmed">
            {cell.reported} 个单位填了数字
          </Text>
        </Group>
        {difference && (
          <Paper bg="red.0" p="xs" aria-label="与全区报告的差异">
            <Text size="sm" c="red.9">
              {compareUnit}的全区报告填 {show(difference.reported)}，汇总为 {show(difference.sum)}
              {difference.difference !== null ? `，差额 ${difference.difference > 0 ? '+' : ''}${difference.difference}` : ''}
            </Text>
            {difference.suspects.map((s) => (
              <Text size="sm" key={s.unit}>
                {unitLink(s.unit)}：{s.why}
              </Text>
            ))}
          </Paper>
        )}
        <ScrollArea.Autosize mah="calc(100vh - 360px)" type="auto">
          <Table striped highlightOnHover withTableBorder aria-label="构成汇总数的单位">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>单位</Table.Th>
                <Table.Th ta="right">数字</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {units.map((u) => (
                <Table.Tr key={u.unit} data-unit={u.unit}>
                  <Table.Td>{unitLink(u.unit)}</Table.Td>
                  <Table.Td ta="right" className="drill-value">
                    {u.value}
                  </Table.Td>
                </Table.Tr>
              ))}
              {!units.length && (
                <Table.Tr>
                  <Table.Td colSpan={2}>
                    <Text size="sm" c="dimmed">
                      没有单位在这一格填数字
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {cell.notApplicable.length > 0 && <Names label="填“不适用”" names={cell.notApplicable} />}
          {cell.blank.length > 0 && <Names label="空白（未计入）" names={cell.blank} />}
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}

function Names({ label, names }: { label: string; names: string[] }) {
  return (
    <>
      <Divider my={6} />
      <Text size="xs" c="dimmed">
        {label}：
        {names.map((n) => (
          <Badge key={n} variant="light" color="gray" size="sm" mr={4} tt="none">
            {n}
          </Badge>
        ))}
      </Text>
    </>
  );
}
