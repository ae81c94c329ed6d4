// Adds a unit (under a parent or at the top level) or changes one: name, kind and parent. A parent that is the unit
// itself or one of its descendants is refused here with the reason (the archive refuses it too). Without `units`
// (the 档案 page, which does not load the unit tree) only name and kind are edited; the parent stays as it is.
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { UnitKindSelect } from '../UnitKindSelect';
import { useMemo, useState } from 'react';
import type { UnitView } from '../../../../shared/api';
import type { UnitKind } from '../../../../shared/report';
import { notifyDone, useApiMutation } from '../../data/query';
import { descendantsOf } from './tree';

/** What the editor is open for: a unit to change, or a new unit under `parent` (null: top level). */
export type UnitEditing = { unit: UnitView } | { parent: string | null };

// A unit's name and parent show in the overview, the board, the 汇总 and every report of it.
const CHANGES = ['units.list', 'archive.overview', 'search', 'report.get', 'board.get', 'summary.get', 'errors.list'] as const;

export function UnitEditor({ editing, units, onClose }: { editing: UnitEditing; units?: UnitView[]; onClose: () => void }) {
  const unit = 'unit' in editing ? editing.unit : null;
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState<UnitKind>(unit?.kind ?? 'department');
  const [parent, setParent] = useState<string | null>(unit ? unit.parent : 'parent' in editing ? editing.parent : null);
  const done = (message: string) => {
    notifyDone(message);
    onClose();
  };
  const add = useApiMutation('units.add', {
    invalidates: [...CHANGES],
    notifyErrors: false,
    onSuccess: (u) => done(`已添加单位“${u.name}”`),
  });
  const change = useApiMutation('units.update', {
    invalidates: [...CHANGES],
    notifyErrors: false,
    onSuccess: (u) => done(`已保存单位“${u.name}”`),
  });
  const below = useMemo(() => (unit && units ? descendantsOf(units, unit.name) : new Set<string>()), [units, unit]);
  const options = useMemo(
    () =>
      (units ?? [])
        .filter((u) => u.name !== unit?.name)
        .map((u) => ({ value: u.name, label: below.has(u.name) ? `${u.name}（下级单位）` : u.name })),
    [units, unit, below],
  );
  const cycle =
    unit && parent && below.has(parent)
      ? `“${parent}”是“${unit.name}”的下级单位，不能作为它的上级（上下级会形成循环）。请选择其他单位，或先调整“${parent}”的上级。`
      : null;
  const serverError = (unit ? change.error : add.error)?.message;
  const busy = add.isPending || change.isPending;
  const submit = () => {
    if (cycle || busy) return;
    if (unit) change.mutate({ name: unit.name, change: { name: name.trim(), kind, parent } });
    else add.mutate({ name: name.trim(), kind, parent });
  };
  const title = unit ? `修改单位：${unit.name}` : parent ? `在“${parent}”下添加单位` : '添加单位';
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack>
        <TextInput
          label="单位名称"
          placeholder="例如：某县教育局"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && submit()}
          data-autofocus
        />
        <UnitKindSelect value={kind} onChange={setKind} />
        {units && (
          <Select
            label="上级单位"
            description="可输入名称查找；不选为顶级单位"
            placeholder="（无上级，顶级单位）"
            data={options}
            value={parent}
            onChange={setParent}
            searchable
            clearable
            nothingFoundMessage="没有这个单位"
            limit={200}
            error={cycle}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {unit && (
          <Text size="xs" c="dimmed">
            改名后，该单位历年的报告都随之显示在新名称下。
          </Text>
        )}
        {serverError && <Alert color="red">{serverError}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={submit} disabled={!!cycle || !name.trim()} loading={busy}>
            {unit ? '保存' : '添加'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
