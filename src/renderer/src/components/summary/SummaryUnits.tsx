// Who is in the 汇总 and who is not: included, missing (no report), excluded (another template), and — when a
// 全区 report is compared — the cells that differ, each with the units that likely explain it.
import { Accordion, Anchor, Badge, Group, Table, Text } from '@mantine/core';
import type { ComparisonView, SummaryView } from '../../../../shared/api';
import type { CellValue } from '../../../../shared/report';

const show = (v: CellValue) => (v === null ? '空白' : String(v));

interface Props {
  summary: SummaryView;
  onSelect(key: string): void;
  onOpen(unit: string): void;
}

export function SummaryUnits({ summary, onSelect, onOpen }: Props) {
  const c = summary.comparison;
  return (
    <Accordion multiple variant="contained" defaultValue={c?.differences.length ? ['comparison'] : []}>
      {c && (
        <Accordion.Item value="comparison">
          <Accordion.Control>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                与“{c.unit}”的全区报告逐格比较
              </Text>
              {c.differences.length ? (
                <Badge color="red">{c.differences.length} 个单元格不一致</Badge>
              ) : (
                <Badge color="green">{c.checked} 个单元格全部一致</Badge>
              )}
              {c.missing.length > 0 && <Badge color="gray">{c.missing.length} 个单位未收到报告</Badge>}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Differences comparison={c} onSelect={onSelect} onOpen={onOpen} />
          </Accordion.Panel>
        </Accordion.Item>
      )}
      <Accordion.Item value="included">
        <Accordion.Control>
          <Text size="sm">
            已汇总 <b>{summary.included.length}</b> 个单位 · 未收到 <b>{summary.missing.length}</b> 个 · 表样不同未计入{' '}
            <b>{summary.excluded.length}</b> 个
            {summary.failing.length > 0 && (
              <>
                {' · '}
                <Text span size="sm" c="red.8">
                  已汇总的单位中报告仍有错误 <b>{summary.failing.length}</b> 个，汇总数字含这些错误
                </Text>
              </>
            )}
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <NameList label="已汇总" names={summary.included} color="green" onOpen={onOpen} />
          <NameList label="其中报告仍有错误（宜先退回改正，再汇总）" names={summary.failing} color="red" onOpen={onOpen} />
          <NameList label="未收到报告，未计入" names={summary.missing} color="gray" onOpen={onOpen} />
          {summary.excluded.map((e) => (
            <Text size="sm" key={e.unit}>
              <Anchor component="button" type="button" size="sm" c="blue.8" onClick={() => onOpen(e.unit)}>
                {e.unit}
              </Anchor>
              ：{e.reason}
            </Text>
          ))}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

function NameList({ label, names, color, onOpen }: { label: string; names: string[]; color: string; onOpen(unit: string): void }) {
  if (!names.length) return null;
  return (
    <Group gap={4} mb="xs" aria-label={label}>
      <Text size="sm" fw={600} mr={4}>
        {label}（{names.length}）：
      </Text>
      {names.map((n) => (
        <Badge key={n} color={color} variant="light" tt="none" style={{ cursor: 'pointer' }} onClick={() => onOpen(n)} component="button">
          {n}
        </Badge>
      ))}
    </Group>
  );
}

function Differences({
  comparison,
  onSelect,
  onOpen,
}: {
  comparison: ComparisonView;
  onSelect(key: string): void;
  onOpen(unit: string): void;
}) {
  if (!comparison.differences.length)
    return (
      <Text size="sm" c="green.8">
        全区报告的 {comparison.checked} 个单元格与各单位之和一致。
      </Text>
    );
  return (
    <>
      <Table withTableBorder striped aria-label="与全区报告不一致的单元格">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>单元格</Table.Th>
            <Table.Th ta="right">全区报告</Table.Th>
            <Table.Th ta="right">各单位之和</Table.Th>
            <Table.Th ta="right">差额</Table.Th>
            <Table.Th>可能的原因</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {comparison.differences.map((d) => (
            <Table.Tr key={d.key} data-key={d.key}>
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => onSelect(d.key)} title="在表中查看明细">
                  {d.name}
                </Anchor>
              </Table.Td>
              <Table.Td ta="right">{show(d.reported)}</Table.Td>
              <Table.Td ta="right">{show(d.sum)}</Table.Td>
              <Table.Td ta="right" c="red.8">
                {d.difference === null ? '—' : `${d.difference > 0 ? '+' : ''}${d.difference}`}
              </Table.Td>
              <Table.Td>
                {d.suspects.length
                  ? d.suspects.map((s) => (
                      <Text size="sm" key={s.unit}>
                        <Anchor component="button" type="button" size="sm" c="blue.8" onClick={() => onOpen(s.unit)}>
                          {s.unit}
                        </Anchor>
                        ：{s.why}
                      </Text>
                    ))
                  : comparison.missing.length
                    ? `可能是未收到报告的单位：${comparison.missing.slice(0, 5).join('、')}${comparison.missing.length > 5 ? ` 等 ${comparison.missing.length} 个` : ''}`
                    : '没有单个单位的数字与差额相同'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {comparison.missing.length > 0 && (
        <Text size="sm" mt="xs">
          未计入汇总（未收到报告）：{comparison.missing.join('、')}
        </Text>
      )}
    </>
  );
}
