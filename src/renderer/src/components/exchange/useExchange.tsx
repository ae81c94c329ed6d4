// 报送 and 退回 on the editor's side: the state badge (已报送 / 已接收 / 已退回), the 报送 button (warning first
// when errors or unexplained warnings remain), the office's 退回 dialog with general and per-cell reasons, the
// 报送与退回记录 drawer, and the office's reasons next to the cells and in a 退回意见 panel until the next 报送.
import { Alert, Anchor, Badge, Button, Drawer, Group, List, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ExchangeView, PackageWrittenView } from '../../../../shared/api';
import type { Template } from '../../../../shared/template';
import { localDateTime } from '../../../../shared/local-time';
import type { DismissedFinding } from '../../../../shared/validation';
import { notifyDone, useApiMutation, useApiQuery } from '../../data/query';
import { SavedFile } from '../SavedFile';
import './exchange.css';

interface Options {
  unit: string;
  year: number;
  template: Template;
  /** The report is in the archive (not a new draft). */
  exists: boolean;
  /** Nothing waits to be saved: what is sent is what the person sees. */
  saved: boolean;
  /** The report as on screen, checked: errors and unexplained warnings ask before 报送. */
  findings: DismissedFinding[];
  /** The current grid cell, offered in the 退回 dialog. */
  selected: string | null;
  /** Shows a cell of the report (a reason in the panel was clicked). */
  onShowCell: (key: string) => void;
  /** The archive changed the report's state (a return unlocks it at the office). */
  onReturned: () => void;
  onShowFile: (path: string) => void;
}

export interface ExchangeUi {
  badge: ReactNode;
  buttons: ReactNode;
  /** Where the package just made was saved, above the report. */
  panel: ReactNode;
  /** 退回意见: the office's reasons while the report stands returned, beside the report. */
  reasons: ReactNode;
  dialogs: ReactNode;
  /** The office's reason for a cell while the report stands returned. */
  cellReason: (key: string) => string | undefined;
}

const EXCHANGES = ['exchange.history', 'exchange.lastReturn', 'exchange.board'] as const;

/** The record's one line: what happened and when, in local time. */
const describe = (e: ExchangeView) =>
  e.direction === 'received' ? `已接收（报送方第 ${e.revision} 版）` : `${e.label}（第 ${e.revision} 版）`;

export function useExchange({
  unit,
  year,
  template,
  exists,
  saved,
  findings,
  selected,
  onShowCell,
  onReturned,
  onShowFile,
}: Options): ExchangeUi {
  const history = useApiQuery('exchange.history', exists ? { unit, year } : null, { meta: { quiet: true } });
  const list = history.data ?? [];
  const latest = list[0];
  const [asking, setAsking] = useState<DismissedFinding[] | null>(null);
  const [returning, setReturning] = useState(false);
  const [record, setRecord] = useState(false);
  const [written, setWritten] = useState<{ kind: 'send' | 'return'; file: PackageWrittenView } | null>(null);

  const send = useApiMutation('exchange.send', {
    invalidates: [...EXCHANGES],
    onSuccess: (r) => {
      if (!r) return;
      setWritten({ kind: 'send', file: r });
      notifyDone(`第 ${r.revision} 版已做成报送包，请把它交给上级机关。`, '已报送');
    },
  });
  const open = findings.filter((f) => f.severity === 'error' || (f.severity === 'warning' && !f.dismissed));
  const trySend = () => (open.length ? setAsking(open) : send.mutate({ unit, year }));

  // The office holds what a unit sent (its latest exchange is a receipt): it may return it, not send it on.
  const received = latest?.direction === 'received';
  const returned = latest?.direction === 'returned' ? latest : null;
  const reasons = returned?.reasons ?? null;
  const byCell = new Map((reasons?.cells ?? []).map((c) => [c.key, c.reason]));

  const badge = latest ? (
    <Badge
      variant="light"
      color={latest.direction === 'returned' ? 'orange' : latest.direction === 'received' ? 'teal' : 'blue'}
      aria-label="报送状态"
      title={`${describe(latest)} · ${localDateTime(latest.createdAt)}`}
    >
      {latest.label} · 第 {latest.revision} 版 · {localDateTime(latest.createdAt).slice(0, 16)}
    </Badge>
  ) : null;

  const buttons = (
    <>
      {received ? (
        <Button size="xs" color="orange" variant="light" onClick={() => setReturning(true)}>
          退回…
        </Button>
      ) : (
        <Button size="xs" variant="light" onClick={trySend} disabled={!saved} loading={send.isPending}>
          报送
        </Button>
      )}
      <Button size="xs" variant="default" onClick={() => setRecord(true)}>
        报送记录
      </Button>
    </>
  );

  const panel = (
    <>
      {written && (
        <Alert color="green" withCloseButton onClose={() => setWritten(null)} aria-label={written.kind === 'send' ? '报送包' : '退回包'}>
          <SavedFile
            path={written.file.file}
            label={written.kind === 'send' ? `已报送第 ${written.file.revision} 版，报送包保存在` : '已退回，退回包保存在'}
            onShow={onShowFile}
          />
        </Alert>
      )}
    </>
  );

  const reasonsPanel = reasons && (
    <Alert
      color="orange"
      variant="light"
      mb="sm"
      aria-label="退回意见"
      title={`退回意见（${localDateTime(returned!.createdAt)} 退回第 ${returned!.revision} 版）`}
    >
      <Stack gap={4}>
        {reasons.general.map((g, i) => (
          <Text size="sm" key={i}>
            {g}
          </Text>
        ))}
        {reasons.cells.length > 0 && (
          <List size="sm" spacing={2} aria-label="单元格的退回理由">
            {reasons.cells.map((c) => (
              <List.Item key={c.key}>
                <Anchor component="button" size="sm" onClick={() => onShowCell(c.key)}>
                  {c.name}
                </Anchor>
                ：{c.reason}
              </List.Item>
            ))}
          </List>
        )}
        <Text size="xs" c="dimmed">
          {received ? '' : '改正后请再次报送。'}
          标有橙色角标的单元格有退回理由，选中或鼠标停在格上可以看到。
        </Text>
      </Stack>
    </Alert>
  );

  const errorCount = asking?.filter((f) => f.severity === 'error').length ?? 0;
  const warningCount = (asking?.length ?? 0) - errorCount;
  const dialogs = (
    <>
      <Modal opened={!!asking} onClose={() => setAsking(null)} title="报告还有问题，确定要报送吗？" size="lg">
        <Stack>
          <Text size="sm">
            下面 {[errorCount && `${errorCount} 个错误`, warningCount && `${warningCount} 个没有写明理由的警告`].filter(Boolean).join('、')}
            会随报送包一起交给上级机关。警告如确属实际情况，可以先在右侧“忽略…”中写明理由。
          </Text>
          <List size="sm" spacing={4} aria-label="报送前的问题">
            {asking?.map((f, i) => (
              <List.Item key={i}>
                <b>{f.severity === 'error' ? '错误' : '警告'}</b> {f.rule} {f.message}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              先去处理
            </Button>
            <Button
              color="orange"
              onClick={() => {
                setAsking(null);
                send.mutate({ unit, year });
              }}
            >
              仍然报送
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ReturnDialog
        opened={returning}
        unit={unit}
        year={year}
        template={template}
        selected={selected}
        onClose={() => setReturning(false)}
        onReturned={(r) => {
          setReturning(false);
          setWritten({ kind: 'return', file: r });
          notifyDone(`已把${unit} ${year} 年的报告退回，请把退回包交给该单位。`, '已退回');
          onReturned();
        }}
      />
      <Drawer opened={record} onClose={() => setRecord(false)} position="right" size="lg" title={`${unit} ${year} 年报告的报送与退回记录`}>
        <ExchangeHistory list={list} />
      </Drawer>
    </>
  );

  return { badge, buttons, panel, reasons: reasonsPanel, dialogs, cellReason: (key) => byCell.get(key) };
}

/** Every send, receipt and return of the report, newest first, with the reasons of each return. */
export function ExchangeHistory({ list }: { list: ExchangeView[] }) {
  if (!list.length) return <Text c="dimmed">这份报告还没有报送或退回过。</Text>;
  return (
    <Table aria-label="报送与退回记录" verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>时间</Table.Th>
          <Table.Th>事项</Table.Th>
          <Table.Th>报送包</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((e) => (
          <Table.Tr key={e.id} data-direction={e.direction}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{localDateTime(e.createdAt)}</Table.Td>
            <Table.Td>
              <Text size="sm" fw={600}>
                {describe(e)}
              </Text>
              {e.reasons && (
                <List size="xs" spacing={2}>
                  {e.reasons.general.map((g, i) => (
                    <List.Item key={`g${i}`}>{g}</List.Item>
                  ))}
                  {e.reasons.cells.map((c) => (
                    <List.Item key={c.key}>
                      {c.name}：{c.reason}
                    </List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }} title={`SHA-256 ${e.sha256}`}>
                {e.file}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface ReturnProps {
  opened: boolean;
  unit: string;
  year: number;
  template: Template;
  selected: string | null;
  onClose: () => void;
  onReturned: (r: PackageWrittenView) => void;
}

/** 退回: a general reason and reasons for cells, the cell taken from the grid's current one. */
function ReturnDialog({ opened, unit, year, template, selected, onClose, onReturned }: ReturnProps) {
  const [general, setGeneral] = useState('');
  const [cells, setCells] = useState<{ key: string; reason: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useApiMutation('exchange.return', {
    invalidates: [...EXCHANGES, 'report.get', 'archive.overview', 'report.history'],
    notifyErrors: false,
    onSuccess: (r) => {
      if (!r) return;
      setGeneral('');
      setCells([]);
      onReturned(r);
    },
  });
  const name = (key: string) => template.cellByKey.get(key)?.name ?? key;
  const canAdd = !!selected && template.cellByKey.has(selected) && !cells.some((c) => c.key === selected);
  const submit = () => {
    const filled = cells.filter((c) => c.reason.trim());
    const empty = cells.find((c) => !c.reason.trim());
    if (empty) return setProblem(`请写明“${name(empty.key)}”的退回理由，或把这一格去掉`);
    if (!general.trim() && !filled.length) return setProblem('请写明退回理由：总体理由，或某个单元格的理由');
    setProblem(null);
    mutation.mutate(
      { unit, year, general: general.trim() ? [general.trim()] : [], cells: filled.map((c) => ({ key: c.key, reason: c.reason.trim() })) },
      { onError: (e) => setProblem(e.message) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`退回 ${unit} ${year} 年的报告`} size="lg">
      <Stack>
        <Text size="sm">
          退回后会生成退回包（附差错清单），交给该单位导入；单位在编辑器中会看到这些理由，改正后重新报送。本档案中的报告同时取消锁定。
        </Text>
        <Textarea label="总体理由" autosize minRows={2} value={general} onChange={(e) => setGeneral(e.currentTarget.value)} />
        <Stack gap={6}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              单元格的理由
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              disabled={!canAdd}
              onClick={() => selected && setCells((cs) => [...cs, { key: selected, reason: '' }])}
            >
              {selected && template.cellByKey.has(selected) ? `添加当前单元格：${name(selected)}` : '先在表格中选中一个单元格'}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            要给另一格写理由：关闭这个对话框，在表格中选中那一格，再点“退回…”；已写的理由会保留。
          </Text>
          {cells.map((c, i) => (
            <Group key={c.key} wrap="nowrap" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={name(c.key)}
                placeholder="这一格的问题"
                value={c.reason}
                data-autofocus={i === cells.length - 1 || undefined}
                onChange={(e) => {
                  const reason = e.currentTarget.value;
                  setCells((cs) => cs.map((x) => (x.key === c.key ? { ...x, reason } : x)));
                }}
              />
              <Button variant="subtle" color="gray" onClick={() => setCells((cs) => cs.filter((x) => x.key !== c.key))}>
                去掉
              </Button>
            </Group>
          ))}
        </Stack>
        {problem && (
          <Text size="sm" c="red" role="alert">
            {problem}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="orange" onClick={submit} loading={mutation.isPending}>
            生成退回包
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
