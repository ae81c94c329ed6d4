// The doubts of one report as one dense table, grouped by the table of the form they are in: each doubt on one
// line with the source text around the number, the readings the solver offers as choices (every reading is a
// button, the first nine also a key), and what the person answered. A file with a hundred and more doubts stays
// workable from the keyboard: ↑↓ move, 1–9 take a reading, 0 fills 0, Delete leaves the cells blank, / marks them
// 不适用, Backspace takes an answer back, Enter shows the cells in the table.
import { ActionIcon, Badge, Button, Group, Kbd, Table, Text, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { DoubtView, SourceExcerpt } from '../../../../shared/api';
import { NOT_APPLICABLE, type CellValue } from '../../../../shared/report';
import type { Template } from '../../../../shared/template';
import { show } from '../../../../shared/validation/values';
import {
  answerAll,
  DOUBT_ANSWERS,
  excerptText,
  isAnswered,
  readingValues,
  restValues,
  rowLabelOf,
  showReadingShort,
  suggestionOf,
  type DoubtAnswer,
} from './model';

interface Props {
  doubts: DoubtView[];
  template: Template;
  given: Record<string, CellValue>;
  /** Values for cells, added to the person's given ones. */
  onAnswer: (values: Record<string, CellValue>) => void;
  /** Takes the given values of these cells back. */
  onUnanswer: (keys: string[]) => void;
  onShow: (keys: string[]) => void;
  /** File paths in messages shortened to names. */
  short: (message: string) => string;
}

type Line = { kind: 'group'; id: string; title: string; total: number; open: number } | { kind: 'doubt'; d: DoubtView; n: number };

const OTHER = 'other';

export function DoubtTable({ doubts, template, given, onAnswer, onUnanswer, onShow, short }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [active, setActive] = useState<number | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const focusNext = useRef(false);

  const groupOf = (d: DoubtView) => template.cellByKey.get(d.cells[0] ?? '')?.table ?? OTHER;
  const lines = useMemo(() => {
    const out: Line[] = [];
    const groups = [...template.tables.map((t) => ({ id: t.id as string, title: t.section.heading })), { id: OTHER, title: '其他' }];
    for (const g of groups) {
      const items = doubts.map((d, n) => ({ d, n })).filter(({ d }) => groupOf(d) === g.id);
      if (!items.length) continue;
      const open = items.filter(({ d }) => !isAnswered(d, given)).length;
      out.push({ kind: 'group', id: g.id, title: g.title, total: items.length, open });
      if (!collapsed.has(g.id)) out.push(...items.map(({ d, n }) => ({ kind: 'doubt' as const, d, n })));
    }
    return out;
    // groupOf reads only the template.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doubts, template, given, collapsed]);
  // Until the person moves, the first doubt still open has the focus stop.
  const firstOpen = lines.findIndex((l) => l.kind === 'doubt' && !isAnswered(l.d, given));
  const current = Math.min(active ?? Math.max(0, firstOpen), Math.max(0, lines.length - 1));

  const focus = (i: number) => {
    const next = Math.max(0, Math.min(lines.length - 1, i));
    setActive(next);
    const tr = body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-line]')[next];
    tr?.focus();
    tr?.scrollIntoView({ block: 'nearest' });
  };
  // After an answer the plan is read again; the focus moves on once the row shows it.
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-line]')[current]?.focus();
  }, [lines, current]);

  const nextOpen = (from: number) => {
    for (let i = from + 1; i < lines.length; i++) {
      const l = lines[i];
      if (l.kind === 'doubt' && !isAnswered(l.d, given)) return i;
    }
    return Math.min(from + 1, lines.length - 1);
  };
  const answer = (i: number, values: Record<string, CellValue>) => {
    onAnswer(values);
    focusNext.current = true;
    setActive(nextOpen(i));
  };
  const toggle = (id: string) =>
    setCollapsed((c) => {
      const s = new Set(c);
      if (s.has(id)) s.delete(id);
      else s.add(id);
      return s;
    });

  const onKey = (e: KeyboardEvent, i: number) => {
    const l = lines[i];
    const key = e.key;
    if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'Home' || key === 'End' || key === 'PageDown' || key === 'PageUp') {
      e.preventDefault();
      const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: lines.length - 1, PageDown: i + 10, PageUp: i - 10 }[key];
      focus(to);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (l.kind === 'group') {
      if (key === 'Enter' || key === ' ' || key === 'ArrowLeft' || key === 'ArrowRight') {
        e.preventDefault();
        toggle(l.id);
      }
      return;
    }
    const d = l.d;
    if (/^[1-9]$/.test(key)) {
      const r = d.candidates?.[Number(key) - 1];
      if (r) {
        e.preventDefault();
        answer(i, readingValues(d, r));
      }
    } else if (key === '0') {
      e.preventDefault();
      answer(i, restValues(d, given, 0));
    } else if (key === 'Delete') {
      e.preventDefault();
      answer(i, restValues(d, given, null));
    } else if (key === '/') {
      e.preventDefault();
      answer(i, restValues(d, given, NOT_APPLICABLE));
    } else if (key === 'Backspace') {
      e.preventDefault();
      onUnanswer(d.cells.filter((k) => k in given));
    } else if (key === 'Enter') {
      e.preventDefault();
      onShow(d.cells);
    }
  };

  const open = doubts.filter((d) => !isAnswered(d, given));
  const suggested = open.filter((d) => suggestionOf(d)).length;
  const all = (how: DoubtAnswer) => onAnswer(answerAll(doubts, given, how));

  return (
    <div aria-label="存疑列表">
      <Group justify="space-between" mb={6} gap="xs">
        <Group gap="xs">
          <Text fw={600}>存疑 {doubts.length} 处</Text>
          <Badge color={open.length ? 'red' : 'teal'} variant="light">
            {open.length ? `未处理 ${open.length}` : '已全部处理'}
          </Badge>
          {open.length > 0 && (
            <Group gap={4} aria-label="本文件全部存疑">
              <Button size="compact-xs" variant="light" disabled={!suggested} onClick={() => all('suggested')}>
                {DOUBT_ANSWERS.suggested}（{suggested}）
              </Button>
              {(['zero', 'blank', 'na'] as const).map((how) => (
                <Button key={how} size="compact-xs" variant="light" color="gray" onClick={() => all(how)}>
                  {DOUBT_ANSWERS[how]}
                </Button>
              ))}
            </Group>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd>
          <Kbd size="xs">↓</Kbd> 移动 · <Kbd size="xs">1</Kbd>–<Kbd size="xs">9</Kbd> 选读法 · <Kbd size="xs">0</Kbd> 填 0 ·{' '}
          <Kbd size="xs">Delete</Kbd> 留空 · <Kbd size="xs">/</Kbd> 不适用 · <Kbd size="xs">Backspace</Kbd> 撤销 ·{' '}
          <Kbd size="xs">Enter</Kbd> 在表中显示
        </Text>
      </Group>
      <div className="doubt-scroll">
        <Table stickyHeader layout="fixed" fz="xs" verticalSpacing={2} horizontalSpacing={6} withTableBorder className="doubt-table">
          <colgroup>
            <col style={{ width: 36 }} />
            <col style={{ width: '16%' }} />
            <col style={{ width: '22%' }} />
            <col />
            <col style={{ width: 210 }} />
          </colgroup>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>行 / 单元格</Table.Th>
              <Table.Th>原文</Table.Th>
              <Table.Th>可能的读法（按数字键选择）</Table.Th>
              <Table.Th>处理</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={body}>
            {lines.map((l, i) =>
              l.kind === 'group' ? (
                <Table.Tr
                  key={`g-${l.id}`}
                  data-line={i}
                  tabIndex={i === current ? 0 : -1}
                  className="doubt-group"
                  aria-expanded={!collapsed.has(l.id)}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => onKey(e, i)}
                  onClick={() => toggle(l.id)}
                >
                  <Table.Td colSpan={5}>
                    <Group gap={6}>
                      <ActionIcon size="xs" variant="subtle" tabIndex={-1} aria-label={collapsed.has(l.id) ? '展开' : '收起'}>
                        {collapsed.has(l.id) ? '▸' : '▾'}
                      </ActionIcon>
                      <Text size="xs" fw={600}>
                        {l.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {l.total} 处{l.open ? `，未处理 ${l.open}` : '，已全部处理'}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ) : (
                <DoubtRow
                  key={`d-${l.n}`}
                  line={i}
                  n={l.n}
                  d={l.d}
                  template={template}
                  given={given}
                  active={i === current}
                  short={short}
                  onFocus={() => setActive(i)}
                  onKeyDown={(e) => onKey(e, i)}
                  onAnswer={(v) => answer(i, v)}
                  onUnanswer={() => onUnanswer(l.d.cells.filter((k) => k in given))}
                  onShow={() => onShow(l.d.cells)}
                />
              ),
            )}
          </Table.Tbody>
        </Table>
      </div>
    </div>
  );
}

interface RowProps {
  line: number;
  n: number;
  d: DoubtView;
  template: Template;
  given: Record<string, CellValue>;
  active: boolean;
  short: (m: string) => string;
  onFocus: () => void;
  onKeyDown: (e: KeyboardEvent) => void;
  onAnswer: (values: Record<string, CellValue>) => void;
  onUnanswer: () => void;
  onShow: () => void;
}

function DoubtRow({ line, n, d, template, given, active, short, onFocus, onKeyDown, onAnswer, onUnanswer, onShow }: RowProps) {
  const answered = isAnswered(d, given);
  const done = d.cells.filter((c) => c in given).length;
  const first = template.cellByKey.get(d.cells[0] ?? '');
  const label = d.cells.length === 1 ? (first?.name ?? d.cells[0]) : rowLabelOf(template, d.cells[0] ?? '');
  const chosen = d.cells.map((k) => given[k] ?? null);
  const picked = d.candidates?.findIndex((r) => r.every((v, j) => k(chosen[j]) === k(v))) ?? -1;
  // Why the doubt is there, without the file and place the row already shows.
  const full = short(d.message).replace(/^.*?：/, '');
  // The row and the place are in the row already; what is left is the reason.
  const why = full
    .replace(/^表[一二三四五六七八九十]+(?:“[^”]*”(?:一行)?|的数据行)/, '')
    .replace(/[；，]?(?:这些单元格暂留空，)?请对照原文(?:选择或)?填写。$/, '');
  return (
    <Table.Tr
      data-line={line}
      data-doubt={n}
      tabIndex={active ? 0 : -1}
      className={answered ? 'doubt-row answered' : 'doubt-row'}
      aria-selected={active}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      <Table.Td c="dimmed">{n + 1}</Table.Td>
      <Table.Td>
        <Text size="xs" lineClamp={2} title={d.cells.map((c) => template.cellByKey.get(c)?.name ?? c).join('\n')}>
          {label}
          {d.cells.length > 1 && <Text span size="xs" c="dimmed">{`（${d.cells.length} 格）`}</Text>}
        </Text>
      </Table.Td>
      <Table.Td>
        <ExcerptView excerpt={d.excerpt} />
      </Table.Td>
      <Table.Td>
        {d.candidates?.length ? (
          <Group gap={4} title={full}>
            {/* The printed table does not add up itself: say so, the readings are the least wrong ones. */}
            {/不满足/.test(full) && (
              <Text size="xs" c="orange.8" w="100%">
                原表本身不平，以下是违反勾稽关系最少的读法：
              </Text>
            )}
            {d.candidates.map((r, j) => (
              <Tooltip key={j} label={readingTitle(d, r, template)} multiline maw={360} openDelay={300} style={{ whiteSpace: 'pre-line' }}>
                <Button
                  size="compact-xs"
                  tabIndex={-1}
                  variant={answered && picked === j ? 'filled' : 'default'}
                  onClick={() => onAnswer(readingValues(d, r))}
                  className="doubt-reading"
                >
                  {j + 1}. {showReadingShort(r)}
                </Button>
              </Tooltip>
            ))}
          </Group>
        ) : (
          <Text size="xs" c="dimmed" lineClamp={2} title={full}>
            {why}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {answered ? (
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="teal" truncate title={chosen.map(show).join('、')}>
              {picked >= 0 ? `已选第 ${picked + 1} 种` : answerName(chosen)}
            </Text>
            <Button size="compact-xs" variant="subtle" color="gray" tabIndex={-1} onClick={onUnanswer}>
              撤销
            </Button>
          </Group>
        ) : (
          <Group gap={2} wrap="wrap">
            {done > 0 && (
              <Text size="xs" fw={600}>
                已填 {done} / {d.cells.length} 格
              </Text>
            )}
            <Button size="compact-xs" variant="subtle" color="gray" tabIndex={-1} onClick={() => onAnswer(restValues(d, given, 0))}>
              {done ? `其余 ${d.cells.length - done} 格填 0` : '填 0'}
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" tabIndex={-1} onClick={() => onAnswer(restValues(d, given, null))}>
              {done ? '其余留空' : '留空'}
            </Button>
            <Button
              size="compact-xs"
              variant="subtle"
              color="gray"
              tabIndex={-1}
              onClick={() => onAnswer(restValues(d, given, NOT_APPLICABLE))}
            >
              不适用
            </Button>
            <Button size="compact-xs" variant="subtle" tabIndex={-1} onClick={onShow}>
              定位
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** What the person answered, in a word. */
function answerName(values: CellValue[]): string {
  if (values.every((v) => v === null)) return '留空';
  if (values.every((v) => v === 0)) return '填 0';
  if (values.every((v) => v === NOT_APPLICABLE)) return '不适用';
  return '已填写';
}

const k = (v: CellValue | undefined) => (v === undefined ? null : v);

function readingTitle(d: DoubtView, r: (number | null)[], template: Template): ReactNode {
  return d.cells.map((c, i) => `${template.cellByKey.get(c)?.name ?? c}：${r[i] === null ? '空白' : r[i]}`).join('\n');
}

/** The source text around the number, the number marked; the whole excerpt on hover. */
export function ExcerptView({ excerpt }: { excerpt: SourceExcerpt | null }) {
  if (!excerpt)
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  const flat = (s: string) => s.replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' ');
  return (
    <Tooltip label={`${excerpt.where}：${excerptText(excerpt)}`} multiline maw={480} openDelay={200}>
      <Text size="xs" lineClamp={2} className="doubt-excerpt">
        <Text span size="xs" c="dimmed">
          {excerpt.where}{' '}
        </Text>
        {flat(excerpt.before)}
        {excerpt.mark && <mark>{flat(excerpt.mark)}</mark>}
        {flat(excerpt.after)}
      </Text>
    </Tooltip>
  );
}
