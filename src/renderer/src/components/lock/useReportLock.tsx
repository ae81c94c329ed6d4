// 定稿 as a lock, on the editor's side: the 定稿/取消定稿 button, the dialog that lists the errors and asks before 定稿,
// the banner that says why nothing can be changed and how to unlock, and feedback when someone types into it anyway.
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { Finding } from '../../../../shared/validation';
import { useApiMutation } from '../../data/query';

export const LOCKED_MESSAGE = '已定稿，不能修改。如需修改，请先点“取消定稿”。';
const FEEDBACK_GAP_MS = 2500;

/** One notification per attempt burst, not one per key. */
export function useLockedFeedback(): () => void {
  const last = useRef(0);
  return () => {
    const now = Date.now();
    if (now - last.current < FEEDBACK_GAP_MS) return;
    last.current = now;
    notifications.show({
      id: 'report-locked',
      color: 'yellow',
      title: '这份报告已定稿',
      message: LOCKED_MESSAGE,
      autoClose: 4000,
      // Once it is gone, the next attempt says it again.
      onClose: () => (last.current = 0),
    });
  };
}

interface Options {
  unit: string;
  year: number;
  status: 'draft' | 'final';
  /** Open errors of the report as it is now; 定稿 with any asks first. */
  errors: Finding[];
  /** 定稿 only once everything is saved. */
  canFinalize: boolean;
  onChanged: (status: 'draft' | 'final', revision: number) => void;
}

export interface ReportLock {
  locked: boolean;
  /** Tell the person that the report is locked (typing, a fill, a dismissal). */
  refuse: () => void;
  button: ReactNode;
  banner: ReactNode;
  dialogs: ReactNode;
  /** Spread on the element around the grid and texts: keys that would change something say why they do nothing. */
  guard: { onKeyDownCapture: (e: KeyboardEvent) => void; onPasteCapture: (e: ClipboardEvent) => void };
}

const EDIT_KEYS = new Set(['Delete', 'Backspace', 'F2']);

export function useReportLock({ unit, year, status, errors, canFinalize, onChanged }: Options): ReportLock {
  const [asking, setAsking] = useState<Finding[] | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  const refuse = useLockedFeedback();
  const mutation = useApiMutation('report.setStatus', { invalidates: ['archive.overview', 'report.get', 'report.history'] });
  const locked = status === 'final';
  const set = (s: 'draft' | 'final', confirmErrors?: boolean) =>
    mutation.mutate({ unit, year, status: s, confirmErrors }, { onSuccess: (r) => onChanged(s, r.revision) });

  // The button is disabled while the change is under way, which takes the keyboard from it (and 取消定稿 in the
  // banner goes away): once done, a keyboard left nowhere comes back to the button, not to the page body.
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasPending = useRef(false);
  useEffect(() => {
    const done = wasPending.current && !mutation.isPending;
    wasPending.current = mutation.isPending;
    if (!done) return;
    const frame = requestAnimationFrame(() => {
      const el = document.activeElement as HTMLElement | null;
      // Still in the closing dialog, whose return of focus would go to the banner's button, gone now.
      if (!el || el === document.body || el.getClientRects().length === 0 || el.closest('[role="dialog"]')) buttonRef.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [mutation.isPending]);

  const finalize = () => (errors.length ? setAsking(errors) : set('final'));
  const isEditTarget = (t: EventTarget) => {
    const el = t as HTMLElement;
    return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' || !!el.closest?.('table');
  };
  const guard: ReportLock['guard'] = {
    onKeyDownCapture: (e) => {
      if (!locked || !isEditTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key.length === 1 || EDIT_KEYS.has(e.key)) refuse();
    },
    onPasteCapture: (e) => {
      if (!locked || !isEditTarget(e.target)) return;
      e.preventDefault();
      refuse();
    },
  };

  const button = locked ? (
    <Button ref={buttonRef} size="xs" variant="outline" onClick={() => setUnlocking(true)} loading={mutation.isPending}>
      取消定稿
    </Button>
  ) : (
    <Button ref={buttonRef} size="xs" color="green" disabled={!canFinalize} onClick={finalize} loading={mutation.isPending}>
      定稿
    </Button>
  );

  // One line, so the report stays in view under the sticky toolbar at 1366×768.
  const banner = locked ? (
    <Alert color="green" variant="light" aria-label="已定稿" py={8}>
      <Group justify="space-between" wrap="nowrap" align="center">
        <Text size="sm">
          <b>这份报告已定稿，已锁定。</b>
          表格、文字、发布日期都不能修改，“填入”和“忽略”也已停用。如需修改，请先取消定稿；修改会记录为新的版本。
        </Text>
        <Button size="xs" variant="outline" onClick={() => setUnlocking(true)} style={{ flexShrink: 0 }}>
          取消定稿
        </Button>
      </Group>
    </Alert>
  ) : null;

  const dialogs = (
    <>
      <Modal opened={!!asking} onClose={() => setAsking(null)} title="报告还有错误，确定要定稿吗？" size="lg">
        <Stack>
          <Text size="sm">
            下面 {asking?.length ?? 0} 个错误还没有改正。仍要定稿的，这一确认会记录在历史中：“定稿（已确认 {asking?.length ?? 0} 个错误）”。
          </Text>
          <List size="sm" spacing={4} aria-label="未改正的错误">
            {asking?.map((f, i) => (
              <List.Item key={i}>
                <b>{f.rule}</b> {f.message}
              </List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(null)}>
              先去改正
            </Button>
            <Button
              color="red"
              onClick={() => {
                setAsking(null);
                set('final', true);
              }}
            >
              仍然定稿
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={unlocking} onClose={() => setUnlocking(false)} title="取消定稿">
        <Text size="sm">这份报告已经定稿。取消定稿后可以再修改，修改会记录为新的版本。确定要取消定稿吗？</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setUnlocking(false)}>
            不取消
          </Button>
          <Button
            color="red"
            onClick={() => {
              setUnlocking(false);
              set('draft');
            }}
          >
            取消定稿
          </Button>
        </Group>
      </Modal>
    </>
  );

  return { locked, refuse, button, banner, dialogs, guard };
}
