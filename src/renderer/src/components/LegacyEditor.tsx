// The 统计附表 of a report of 2018 or earlier: free rows of label, unit, this year, cumulative (template `legacy`).
// Keyboard: Tab moves along a row, Enter goes down the same column (and adds a row after the last one).
import { ActionIcon, Button, Card, Group, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useRef, useState, type KeyboardEvent } from 'react';
import type { LegacyRow } from '../../../shared/report';
import type { LegacyColumnDef, Template } from '../../../shared/template';
import { parseInput } from '../lib/grid';

type Key = LegacyColumnDef['key'];
const NUMBER_KEYS: Key[] = ['this_year', 'cumulative'];
const EMPTY: LegacyRow = { label: '', unit: null, this_year: null, cumulative: null };

interface Props {
  template: Template;
  rows: LegacyRow[];
  readOnly: boolean;
  onChange: (rows: LegacyRow[]) => void;
}

const without = (o: Record<string, string>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
const shown = (v: string | number | null) => (v === null ? '' : String(v));

export function LegacyEditor({ template, rows, readOnly, onChange }: Props) {
  const columns = template.legacyColumns ?? [];
  const heading = template.legacyHeading ?? '统计附表';
  /** Numbers being typed, by row and column, until they are committed (blur or Enter). */
  const [typing, setTyping] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const box = useRef<HTMLDivElement>(null);
  const id = (i: number, key: Key) => `${i}.${key}`;
  const focus = (i: number, key: Key) =>
    setTimeout(() => box.current?.querySelector<HTMLInputElement>(`input[data-cell="${id(i, key)}"]`)?.focus(), 0);

  const setRow = (i: number, row: LegacyRow) => onChange(rows.map((r, j) => (j === i ? row : r)));

  /** Commits a typed number; false (and the reason beside the cell) when it is not one. */
  const commit = (i: number, key: Key): boolean => {
    const text = typing[id(i, key)];
    if (text === undefined) return true;
    // The appendix may hold a change on last year: a leading minus is allowed here, unlike in the national tables.
    const negative = /^\s*[-－]/.test(text) && /\d/.test(text);
    const unsigned = parseInput(negative ? text.replace(/^\s*[-－]/, '') : text, 'amount');
    const parsed = unsigned.ok && negative && typeof unsigned.value === 'number' ? { ok: true as const, value: -unsigned.value } : unsigned;
    const problem = !parsed.ok ? parsed.error : typeof parsed.value === 'string' ? '附表只填数字，没有的留空' : null;
    if (problem || !parsed.ok) {
      setErrors((e) => ({ ...e, [id(i, key)]: problem! }));
      return false;
    }
    setErrors((e) => without(e, id(i, key)));
    setTyping((t) => without(t, id(i, key)));
    if (parsed.value !== rows[i][key as 'this_year']) setRow(i, { ...rows[i], [key]: parsed.value });
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, i: number, key: Key) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (!commit(i, key)) return;
    if (i + 1 < rows.length) focus(i + 1, key);
    else if (!readOnly) {
      onChange([...rows, { ...EMPTY }]);
      focus(i + 1, 'label');
    }
  };

  const input = (i: number, c: LegacyColumnDef) => {
    const r = rows[i];
    const key = c.key;
    const number = NUMBER_KEYS.includes(key);
    const value = number ? (typing[id(i, key)] ?? shown(r[key as 'this_year'])) : key === 'label' ? r.label : (r.unit ?? '');
    return (
      <TextInput
        size="xs"
        variant="unstyled"
        data-cell={id(i, key)}
        aria-label={`第 ${i + 1} 行${c.label}`}
        readOnly={readOnly}
        value={value}
        error={errors[id(i, key)]}
        styles={{ input: { textAlign: number ? 'right' : 'left', paddingInline: 6 } }}
        onChange={(e) => {
          const text = e.currentTarget.value;
          if (number) setTyping((t) => ({ ...t, [id(i, key)]: text }));
          else setRow(i, key === 'label' ? { ...r, label: text } : { ...r, unit: text || null });
        }}
        onBlur={() => number && commit(i, key)}
        onKeyDown={(e) => onKeyDown(e, i, key)}
      />
    );
  };

  return (
    <Card withBorder data-part="legacy">
      <Group justify="space-between" mb="xs">
        <Title order={5}>{heading}</Title>
        <Text size="xs" c="dimmed">
          2018 年及以前没有统一表样：每行一项统计指标。Tab 到右边一格，Enter 到下一行。
        </Text>
      </Group>
      <div ref={box}>
        <Table withTableBorder withColumnBorders className="legacy-editor" aria-label={heading}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>#</Table.Th>
              {columns.map((c) => (
                <Table.Th key={c.key} w={c.key === 'label' ? undefined : c.key === 'unit' ? 80 : 120}>
                  {c.label}
                </Table.Th>
              ))}
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((_, i) => (
              <Table.Tr key={i}>
                <Table.Td c="dimmed">{i + 1}</Table.Td>
                {columns.map((c) => (
                  <Table.Td key={c.key} p={0}>
                    {input(i, c)}
                  </Table.Td>
                ))}
                <Table.Td p={2}>
                  {!readOnly && (
                    <Tooltip label="删除这一行">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`删除第 ${i + 1} 行`}
                        onClick={() => onChange(rows.filter((__, j) => j !== i))}
                      >
                        ×
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {!rows.length && (
              <Table.Tr>
                <Table.Td colSpan={columns.length + 2}>
                  <Text size="sm" c="dimmed">
                    还没有统计指标。
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {!readOnly && (
        <Group mt="xs">
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              onChange([...rows, { ...EMPTY }]);
              focus(rows.length, 'label');
            }}
          >
            添加一行
          </Button>
        </Group>
      )}
    </Card>
  );
}
