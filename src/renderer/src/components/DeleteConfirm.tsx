// Deleting a report or a unit, after a confirmation that names what goes. Nothing is erased: both wait in the
// 已删除 list on the 档案 page, from which they can be restored.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Channel } from '../../../shared/api';
import { notifyDone, useApiMutation } from '../data/query';
import { useNavigation } from '../lib/navigation';

export type DeleteTarget = { kind: 'report'; unit: string; year: number } | { kind: 'unit'; name: string; years: number[] };

/** What a delete or a restore changes on other pages. */
export const DELETE_INVALIDATES: Channel[] = ['archive.overview', 'archive.deleted', 'report.get', 'units.list', 'search'];

export function DeleteConfirm({
  target,
  onClose,
  onDeleted,
}: {
  target: DeleteTarget | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { reportGone } = useNavigation();
  const done = () => {
    if (target?.kind === 'report') reportGone(target.unit, target.year);
    else if (target) reportGone(target.name);
    onClose();
    onDeleted?.();
  };
  const report = useApiMutation('report.delete', {
    invalidates: DELETE_INVALIDATES,
    onSuccess: (_, a) => (notifyDone(`已删除“${a.unit}”${a.year} 年的报告，可在档案页的“已删除”中恢复`), done()),
  });
  const unit = useApiMutation('units.delete', {
    invalidates: DELETE_INVALIDATES,
    onSuccess: (r, a) => (notifyDone(`已删除单位“${a.name}”及其 ${r.reports} 份报告，可在档案页的“已删除”中恢复`), done()),
  });
  if (!target) return null;
  const title = target.kind === 'report' ? `删除“${target.unit}”${target.year} 年的报告？` : `删除单位“${target.name}”？`;
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack>
        {target.kind === 'report' ? (
          <Text size="sm">
            将删除 <b>{target.unit}</b> <b>{target.year} 年</b>的报告（连同它的历史版本和已忽略的警告）。{target.year + 1}{' '}
            年报告的跨年度核对会随之重新计算。
          </Text>
        ) : (
          <Text size="sm">
            将删除单位 <b>{target.name}</b>
            {target.years.length ? (
              <>
                {' '}
                及其 <b>{target.years.length} 份报告</b>（{target.years.join('、')} 年）
              </>
            ) : (
              '（它还没有报告）'
            )}
            。
          </Text>
        )}
        <Alert color="gray" variant="light">
          删除后可在档案页下方的“已删除”中恢复，内容不会丢失。
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            不删除
          </Button>
          <Button
            color="red"
            loading={report.isPending || unit.isPending}
            onClick={() =>
              target.kind === 'report' ? report.mutate({ unit: target.unit, year: target.year }) : unit.mutate({ name: target.name })
            }
          >
            删除
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
