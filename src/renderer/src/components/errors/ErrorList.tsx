// One unit's 差错清单: its errors and unexplained warnings, each with the rule, the cells (template labels) with
// their numbers, and the message with the formula as the rule prints it. On screen and on paper.
import { Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import type { ErrorItemView, UnitErrorsView } from '../../../../shared/api';
import type { CellValue } from '../../../../shared/report';
import { PrintSheet } from '../PagePrint';

const show = (v: CellValue) => (v === null ? '空白' : String(v));
const counts = (l: UnitErrorsView) => {
  const errors = l.items.filter((i) => i.severity === 'error').length;
  return { errors, warnings: l.items.length - errors };
};

export const ERRORS_TITLE = (l: UnitErrorsView) => `${l.unit}${l.year}年政府信息公开工作年度报告差错清单`;

function Cells({ item }: { item: ErrorItemView }) {
  if (!item.cells.length) return <>（报告整体）</>;
  return (
    <>
      {item.cells.map((c) => (
        <div key={c.key}>
          {c.name} = {show(c.value)}
          {c.where && (
            <Text span size="xs" c="dimmed">
              （{c.where}）
            </Text>
          )}
        </div>
      ))}
    </>
  );
}

export function UnitErrorsCard({ list, onOpen }: { list: UnitErrorsView; onOpen: () => void }) {
  const { errors, warnings } = counts(list);
  return (
    <Card withBorder padding="md" aria-label={`${list.unit}的差错`}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap="sm">
          <Text fw={700}>{list.unit}</Text>
          <Text size="sm" c="dimmed">
            {list.year} 年 · 第 {list.revision} 版 · {list.status === 'final' ? '已定稿' : '草稿'}
            {list.file ? ` · 报送文件 ${list.file}` : ''}
          </Text>
          {errors > 0 && <Badge color="red">错误 {errors}</Badge>}
          {warnings > 0 && <Badge color="orange">未说明的警告 {warnings}</Badge>}
          {!list.items.length && <Badge color="green">没有错误或未说明的警告</Badge>}
        </Group>
        <Button size="compact-sm" variant="light" onClick={onOpen} aria-label={`打开${list.unit}${list.year}年报告`}>
          打开报告
        </Button>
      </Group>
      {list.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped withTableBorder verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={56} style={{ whiteSpace: 'nowrap' }}>
                  序号
                </Table.Th>
                <Table.Th w={64}>类别</Table.Th>
                <Table.Th w={200}>规则</Table.Th>
                <Table.Th w={280}>涉及单元格及所填数值</Table.Th>
                <Table.Th>问题说明</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((it, i) => (
                <Table.Tr key={i} data-severity={it.severity}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={it.severity === 'error' ? 'red' : 'orange'}>
                      {it.severity === 'error' ? '错误' : '警告'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {it.rule} {it.ruleTitle}
                  </Table.Td>
                  <Table.Td>
                    <Cells item={it} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{it.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/** The page sent back to the unit: heading with unit and year, what to do, the list. */
export function UnitErrorsSheet({ list, today }: { list: UnitErrorsView; today: string }) {
  const { errors, warnings } = counts(list);
  return (
    <PrintSheet label={ERRORS_TITLE(list)}>
      <h1>{ERRORS_TITLE(list)}</h1>
      <p style={{ margin: '0 0 3mm', textAlign: 'center' }}>
        报告版本：第 {list.revision} 版（{list.status === 'final' ? '已定稿' : '草稿'}）{'\u3000'}错误 {errors} 项，未说明的警告 {warnings}{' '}
        项{'\u3000'}打印日期：
        {today}
        {list.file && (
          <>
            <br />
            依据报送的文件：{list.file}（括号中是数字在这个文件中的位置）
          </>
        )}
      </p>
      <div style={{ border: '0.75pt solid #000', padding: '2mm 3mm', margin: '0 0 4mm' }}>
        <strong>填报说明</strong>
        <ol style={{ margin: '1mm 0 0', paddingLeft: '6mm' }}>
          <li>“错误”是表内勾稽关系不成立或数值不合规，须逐项改正：按“问题说明”中的算式核对所列单元格，改正后各项应当相等。</li>
          <li>
            “警告”请逐项核实：确属填报差错的请改正；确属实际情况的，请在年报助手的校验结果中“忽略这条警告”并写明理由，理由随报告一起报送。
          </li>
          <li>单元格名称与国务院办公厅年度报告格式的表格一致；“空白”表示该格未填写，没有数字的请填 0，不适用的请填“/”。</li>
          <li>改正后请重新导出年报工作簿报送，并在报送时说明已改正的事项。</li>
        </ol>
      </div>
      {list.items.length ? (
        // Fixed layout: the widths hold even when one message is long (auto layout squeezed the first columns).
        <table style={{ tableLayout: 'fixed' }}>
          <thead>
            <tr>
              <th style={{ width: '6%' }}>序号</th>
              <th style={{ width: '7%' }}>类别</th>
              <th style={{ width: '22%' }}>规则</th>
              <th style={{ width: '32%' }}>涉及单元格及所填数值</th>
              <th>问题说明</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((it, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{it.severity === 'error' ? '错误' : '警告'}</td>
                <td>
                  {it.rule} {it.ruleTitle}
                </td>
                <td>
                  <Cells item={it} />
                </td>
                <td style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{it.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>这份报告没有错误或未说明的警告。</p>
      )}
    </PrintSheet>
  );
}
