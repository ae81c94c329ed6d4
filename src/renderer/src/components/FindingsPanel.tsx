// The validation panel: errors and warnings with their numbers; click to show the cells; dismiss a warning
// with a written reason; offer a computed total as a one-click fill.
import { Alert, Badge, Button, Card, Group, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { reasonProblem, SEVERITY_LABELS, type DismissedFinding } from '../../../shared/validation';

interface Props {
  findings: DismissedFinding[];
  canDismiss: boolean;
  onShow: (f: DismissedFinding) => void;
  onFill: (key: string, value: number) => void;
  onDismiss: (f: DismissedFinding, reason: string) => Promise<void>;
  onUndismiss: (f: DismissedFinding) => void;
  /** 定稿: 填入, 忽略 and 恢复 stay visible but do nothing except say why (onLocked). */
  locked?: boolean;
  onLocked?: () => void;
}

const LOCKED_TIP = '已定稿，不能修改；如需修改请先取消定稿';

/** A button that is shown disabled while the report is locked, with a tooltip saying why (it still gets the click). */
function Guarded({
  locked,
  onLocked,
  children,
}: {
  locked: boolean;
  onLocked?: () => void;
  children: React.ReactElement<{ onClick?: (e: React.MouseEvent) => void }>;
}) {
  if (!locked) return children;
  return (
    <Tooltip label={LOCKED_TIP}>
      <Button
        {...(children.props as object)}
        data-disabled
        aria-disabled
        onClick={(e: React.MouseEvent) => {
          e.stopPropagation();
          onLocked?.();
        }}
      />
    </Tooltip>
  );
}

const COLORS = { error: 'red', warning: 'yellow', info: 'blue' } as const;

export function FindingsPanel({ findings, canDismiss, onShow, onFill, onDismiss, onUndismiss, locked = false, onLocked }: Props) {
  const [dismissing, setDismissing] = useState<DismissedFinding | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const open = findings.filter((f) => !f.dismissed);
  const dismissed = findings.filter((f) => f.dismissed);
  return (
    <Card withBorder padding="sm" aria-label="校验结果">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>校验结果</Text>
        <Group gap={4}>
          <Badge color="red">错误 {open.filter((f) => f.severity === 'error').length}</Badge>
          <Badge color="yellow">警告 {open.filter((f) => f.severity === 'warning').length}</Badge>
        </Group>
      </Group>
      {!open.length && (
        <Alert color="green" title="没有发现问题">
          各项勾稽关系、跨年度衔接和正文数字都已核对。
        </Alert>
      )}
      <Stack gap={6}>
        {open.map((f, i) => (
          <Card
            key={i}
            padding={6}
            withBorder
            className="finding"
            data-rule={f.rule}
            // A Tab stop of its own: Enter takes the keyboard to the cell, as a click does.
            tabIndex={0}
            role="button"
            title={f.cells.length ? '按回车或点击，转到这一格' : undefined}
            onClick={() => onShow(f)}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
              e.preventDefault();
              onShow(f);
            }}
            style={{ cursor: 'pointer' }}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge color={COLORS[f.severity]} variant="light" style={{ flexShrink: 0 }}>
                {SEVERITY_LABELS[f.severity]} {f.rule}
              </Badge>
              {/* Numbers stay whole on a line (not 10 / 10); only a run too long for the panel breaks anywhere. */}
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {f.message}
              </Text>
            </Group>
            <Group gap={6} mt={4} justify="flex-end">
              {f.fix && (
                <Guarded locked={locked} onLocked={onLocked}>
                  <Button
                    size="compact-xs"
                    variant="light"
                    onClick={(e) => {
                      e.stopPropagation();
                      onFill(f.fix!.key, f.fix!.value);
                    }}
                  >
                    填入 {f.fix.value}
                  </Button>
                </Guarded>
              )}
              {f.severity !== 'error' && (canDismiss || locked) && (
                <Guarded locked={locked} onLocked={onLocked}>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="gray"
                    onClick={(e) => {
                      e.stopPropagation();
                      setDismissing(f);
                      setReason('');
                      setError(null);
                    }}
                  >
                    忽略…
                  </Button>
                </Guarded>
              )}
            </Group>
          </Card>
        ))}
        {dismissed.map((f, i) => (
          <Card key={`d${i}`} padding={6} withBorder bg="gray.0">
            <Text size="xs" c="dimmed">
              已忽略 {f.rule}：{f.message}
            </Text>
            <Text size="xs">理由：{f.dismissed!.reason}</Text>
            <Guarded locked={locked} onLocked={onLocked}>
              <Button size="compact-xs" variant="subtle" onClick={() => onUndismiss(f)}>
                恢复这条警告
              </Button>
            </Guarded>
          </Card>
        ))}
      </Stack>
      <Modal opened={!!dismissing} onClose={() => setDismissing(null)} title="忽略这条警告">
        <Stack>
          <Text size="sm">{dismissing?.message}</Text>
          <Textarea
            label="理由（会和报告一起保存）"
            placeholder="写明为什么这条警告不影响报告，例如：撤回的2件申请计入（六）3.其他"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDismissing(null)}>
              取消
            </Button>
            <Button
              onClick={() => {
                const problem = reasonProblem(reason);
                if (problem) return setError(problem);
                onDismiss(dismissing!, reason).then(
                  () => setDismissing(null),
                  (e: Error) => setError(e.message),
                );
              }}
            >
              忽略
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
