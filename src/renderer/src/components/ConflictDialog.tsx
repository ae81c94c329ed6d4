// 保存冲突: the report was changed behind the editor's back (the CLI, another window, an import). Shows what differs
// between the archive's version and the person's, and lets them keep theirs (saved over the stored revision) or take
// the archive's.
import { Alert, Button, Group, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { diffReports } from '../../../shared/diff';
import type { Report } from '../../../shared/report';
import { useApiQuery } from '../data/query';
import { ReportDiff } from './ReportDiff';
import { localDateTime } from '../../../shared/local-time';

interface Props {
  unit: string;
  year: number;
  /** The person's version, not stored. */
  mine: Report;
  onKeepMine: (storedRevision: number) => void;
  onTakeTheirs: () => void;
}

export function ConflictDialog({ unit, year, mine, onKeepMine, onTakeTheirs }: Props) {
  // Always asked again: the cached answer is the version the editor opened, not the one that won. Its failure is
  // shown here, in the dialog that waits for it.
  const theirs = useApiQuery('report.get', { unit, year }, { refetchOnMount: 'always', meta: { quiet: true } });
  const stored = theirs.isFetchedAfterMount ? theirs.data : undefined;
  const diff = stored ? diffReports(stored.report, mine) : null;
  const same = diff && !diff.cells.length && !diff.texts.length && !diff.fields.length;
  return (
    <Modal opened onClose={() => undefined} withCloseButton={false} closeOnEscape={false} size="xl" title="保存冲突：报告已在别处被修改">
      <Stack gap="sm">
        {theirs.error && <Alert color="red">{theirs.error.message}</Alert>}
        {!stored && !theirs.error && <Text size="sm">正在读取档案中的版本…</Text>}
        {stored && diff && (
          <>
            <Text size="sm">
              你编辑期间，档案中的这份报告已被保存为第 {stored.revision} 版（
              {localDateTime(stored.updatedAt)}
              ，可能来自另一个窗口、命令行或导入）。你的修改还没有保存。下面是两个版本不同的地方，请选择保留哪一个。
            </Text>
            {stored.status === 'final' && (
              <Alert color="yellow">档案中的版本已定稿。要保留你的修改，请先采用档案的版本并取消定稿，再重新修改。</Alert>
            )}
            {same && <Text size="sm">两个版本的内容相同。</Text>}
            <ScrollArea.Autosize mah={380}>
              <ReportDiff diff={diff} before={`档案中（第 ${stored.revision} 版）`} after="你的修改" label="两个版本的数字差别" />
            </ScrollArea.Autosize>
          </>
        )}
        <Group justify="flex-end">
          {/* The archive's version cannot be read (deleted meanwhile?): reopening the report shows what is there. */}
          <Button variant="default" onClick={onTakeTheirs} disabled={!stored && !theirs.error}>
            采用档案中的版本（放弃我的修改）
          </Button>
          <Button onClick={() => stored && onKeepMine(stored.revision)} disabled={!stored || stored.status === 'final'}>
            保留我的修改{stored ? `（覆盖档案中的第 ${stored.revision} 版）` : ''}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
