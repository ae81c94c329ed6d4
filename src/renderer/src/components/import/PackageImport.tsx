// 报送包 and 退回包 picked in the import page: one row per package, checked by main (manifest, hashes, schema,
// zip limits) before anything is shown; the selected one's preview says who sent which revision when, the
// findings and the unit's written reasons it carries, the difference from the archive, and accepts it.
import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Channel, ExchangePreviewView } from '../../../../shared/api';
import { UNIT_KIND_LABELS } from '../../../../shared/report';
import type { ApiCallError } from '../../api';
import { notifyDone, useApiMutation, useApiQuery } from '../../data/query';
import { ReportDiff } from '../ReportDiff';

/** What receiving a package changes. */
const RECEIVED: Channel[] = [
  'archive.overview',
  'units.list',
  'report.get',
  'report.history',
  'report.diff',
  'search',
  'exchange.preview',
  'exchange.history',
  'exchange.lastReturn',
  'exchange.board',
];

export const isPackage = (path: string) => /\.nbpkg$/i.test(path);
const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

interface Props {
  files: string[];
  onRemove: (file: string) => void;
  onOpen: (unit: string, year: number) => void;
}

type State = { label: string; color: string };
function stateOf(p: ExchangePreviewView | undefined, error: ApiCallError | null, accepted: boolean): State {
  if (error) return { label: '不能接收', color: 'red' };
  if (!p) return { label: '正在检查', color: 'gray' };
  if (accepted || p.alreadyReceived) return { label: p.kind === 'send' ? '已接收' : '已导入', color: 'teal' };
  if (p.older) return { label: '比档案中的旧', color: 'orange' };
  if (p.kind === 'send' && p.existing?.status === 'final') return { label: '需要处理', color: 'orange' };
  // The unit's name is not the archive's: received only as a unit the office picks.
  if (p.nearUnits.length) return { label: '需要选择单位', color: 'orange' };
  return { label: p.kind === 'send' ? '可以接收' : '可以导入', color: 'green' };
}

export function PackageImport({ files, onRemove, onOpen }: Props) {
  const [selected, setSelected] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<Set<string>>(new Set());
  const current = files.includes(selected ?? '') ? selected! : files[0];
  return (
    <Card withBorder padding="sm" aria-label="报送包">
      <Title order={5} mb="xs">
        报送包与退回包
      </Title>
      <Table highlightOnHover withTableBorder aria-label="报送包列表" verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>文件</Table.Th>
            <Table.Th>类型</Table.Th>
            <Table.Th>单位</Table.Th>
            <Table.Th>年度</Table.Th>
            <Table.Th>版本</Table.Th>
            <Table.Th>状态</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((f) => (
            <PackageRow
              key={f}
              file={f}
              selected={f === current}
              accepted={accepted.has(f)}
              onSelect={() => setSelected(f)}
              onRemove={() => onRemove(f)}
            />
          ))}
        </Table.Tbody>
      </Table>
      {current && (
        <PackagePreview
          key={current}
          file={current}
          accepted={accepted.has(current)}
          onAccepted={() => setAccepted((s) => new Set(s).add(current))}
          onOpen={onOpen}
        />
      )}
    </Card>
  );
}

function PackageRow({
  file,
  selected,
  accepted,
  onSelect,
  onRemove,
}: {
  file: string;
  selected: boolean;
  accepted: boolean;
  onSelect: () => void;
  onRemove: () => void;
}) {
  // A refused package is a message on its row, not a notification.
  const q = useApiQuery('exchange.preview', { file }, { meta: { quiet: true } });
  const p = q.data;
  const state = stateOf(p, q.error, accepted);
  return (
    <Table.Tr
      data-package={baseName(file)}
      aria-selected={selected}
      className={selected ? 'import-row selected' : 'import-row'}
      tabIndex={0}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
    >
      <Table.Td style={{ wordBreak: 'break-all' }}>
        <Text size="sm" fw={selected ? 600 : undefined}>
          {baseName(file)}
        </Text>
      </Table.Td>
      <Table.Td>{p ? (p.kind === 'send' ? '报送包' : '退回包') : '—'}</Table.Td>
      <Table.Td>{p?.unit ?? '—'}</Table.Td>
      <Table.Td>{p?.year ?? '—'}</Table.Td>
      <Table.Td>{p ? `第 ${p.revision} 版` : '—'}</Table.Td>
      <Table.Td>
        <Badge color={state.color} variant="light">
          {state.label}
        </Badge>
      </Table.Td>
      <Table.Td onClick={(e) => e.stopPropagation()}>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onRemove}>
          移除
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

function PackagePreview({
  file,
  accepted,
  onAccepted,
  onOpen,
}: {
  file: string;
  accepted: boolean;
  onAccepted: () => void;
  onOpen: (unit: string, year: number) => void;
}) {
  // The office's unit to receive it as, when the package spells the unit's name otherwise.
  const [asUnit, setAsUnit] = useState<string | undefined>(undefined);
  const q = useApiQuery('exchange.preview', { file, asUnit }, { meta: { quiet: true } });
  const [problem, setProblem] = useState<string | null>(null);
  const receive = useApiMutation('exchange.receive', {
    invalidates: RECEIVED,
    notifyErrors: false,
    onSuccess: (r) => {
      setProblem(null);
      onAccepted();
      const p = r.preview;
      notifyDone(
        p.kind === 'send'
          ? `已接收${p.unit} ${p.year} 年的报告（报送方第 ${p.revision} 版），档案中已锁定。`
          : `已导入${p.unit} ${p.year} 年报告的退回意见，请在编辑器中改正后重新报送。`,
        p.kind === 'send' ? '已接收' : '已导入退回意见',
      );
    },
  });
  if (q.error)
    return (
      <Alert color="red" mt="sm" title="这个文件不能接收" aria-label="不能接收">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {q.error.message}
        </Text>
      </Alert>
    );
  const p = q.data;
  if (!p)
    return (
      <Text size="sm" c="dimmed" mt="sm">
        正在检查报送包…
      </Text>
    );
  const send = p.kind === 'send';
  const done = accepted || p.alreadyReceived;
  const blocked = send && p.existing?.status === 'final' && !done;
  const errors = p.findings.filter((f) => f.severity === 'error');
  const warnings = p.findings.filter((f) => f.severity === 'warning');
  const accept = (allowOlder?: boolean) => receive.mutate({ file, allowOlder, asUnit }, { onError: (e) => setProblem(e.message) });
  const near = !done && p.nearUnits.length > 0;
  return (
    <Stack gap="sm" mt="sm" aria-label="报送包预览">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text fw={600}>
            {send ? '报送包' : '退回包'}：{p.unit} {p.year} 年（{UNIT_KIND_LABELS[p.unitKind]}
            {p.parent ? `，上级 ${p.parent}` : ''}）
          </Text>
          <Text size="sm" c="dimmed">
            {send ? '报送方' : '退回的'}第 {p.revision} 版 · {send ? '报送' : '退回'}于 {p.createdAtLocal} · 程序版本 {p.appVersion}
          </Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            SHA-256 {p.sha256}（已核对每个文件的校验值）
          </Text>
        </Stack>
        <Group gap="xs">
          {done ? (
            <>
              <Badge color="teal" size="lg">
                {send ? '已接收' : '已导入'}
              </Badge>
              <Button size="xs" variant="default" onClick={() => onOpen(p.unit, p.year)}>
                打开报告
              </Button>
            </>
          ) : p.older ? (
            <Button color="orange" onClick={() => accept(true)} loading={receive.isPending}>
              仍然接收这个旧版本
            </Button>
          ) : (
            <Button onClick={() => accept()} loading={receive.isPending} disabled={blocked || near}>
              {send ? '接收' : '导入退回意见'}
            </Button>
          )}
        </Group>
      </Group>
      {p.notes.length > 0 && (
        <Alert color={p.older || blocked || near ? 'orange' : 'blue'} variant="light" aria-label="提示">
          <List size="sm" spacing={2}>
            {p.notes.map((n, i) => (
              <List.Item key={i}>{n}</List.Item>
            ))}
          </List>
          {near && (
            <Group gap="xs" mt="xs">
              {p.nearUnits.slice(0, 3).map((n) => (
                <Button key={n} size="xs" onClick={() => setAsUnit(n)}>
                  按“{n}”接收
                </Button>
              ))}
            </Group>
          )}
        </Alert>
      )}
      {problem && (
        <Alert color="red" aria-label="没有接收">
          <Text size="sm">{problem}</Text>
        </Alert>
      )}
      {p.reasons && (
        <div aria-label="退回理由">
          <Text fw={600} size="sm">
            退回理由
          </Text>
          <List size="sm" spacing={2}>
            {p.reasons.general.map((g, i) => (
              <List.Item key={`g${i}`}>{g}</List.Item>
            ))}
            {p.reasons.cells.map((c) => (
              <List.Item key={c.key}>
                {c.name}：{c.reason}
              </List.Item>
            ))}
          </List>
        </div>
      )}
      <div aria-label="报送时的校验结果">
        <Text fw={600} size="sm">
          {send ? '报送时' : '退回时'}的校验结果：错误 {errors.length} 项，警告 {warnings.length} 项
          {p.dismissals.length ? `（其中 ${p.dismissals.length} 项已由单位说明理由）` : ''}
        </Text>
        {p.findings.length > 0 && (
          <List size="sm" spacing={2}>
            {p.findings.map((f, i) => (
              <List.Item key={i}>
                <Badge size="xs" color={f.severity === 'error' ? 'red' : 'yellow'} mr={4}>
                  {f.severity === 'error' ? '错误' : '警告'}
                </Badge>
                {f.rule} {f.message}
                {f.dismissed && (
                  <Text span size="sm" c="teal">
                    {' '}
                    —— 单位说明：{f.dismissed.reason}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </div>
      {send && (
        <div aria-label="与档案的差别">
          <Text fw={600} size="sm">
            与档案中的报告相比
          </Text>
          {!p.existing ? (
            <Text size="sm" c="dimmed">
              档案中还没有这份报告，接收后新建。
            </Text>
          ) : p.diff && (p.diff.cells.length || p.diff.texts.length || p.diff.fields.length) ? (
            <ReportDiff
              diff={p.diff}
              before={`档案中第 ${p.existing.revision} 版`}
              after={`报送包（报送方第 ${p.revision} 版）`}
              label="报送包与档案的差别"
            />
          ) : (
            <Text size="sm" c="dimmed">
              与档案中第 {p.existing.revision} 版相同。
            </Text>
          )}
        </div>
      )}
      {!send && p.existing && (
        <Text size="xs" c="dimmed">
          导入后，档案中的报告会标为“已退回”{p.existing.status === 'final' ? '并取消定稿' : ''}，退回理由显示在编辑器中对应的单元格旁。
        </Text>
      )}
    </Stack>
  );
}
