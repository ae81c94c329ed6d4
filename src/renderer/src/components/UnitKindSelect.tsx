// The unit kind (人民政府 / 部门 / 乡镇街道 / 其他), as the 档案 and 单位 pages' unit forms ask for it.
import { Select } from '@mantine/core';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../shared/report';

export function UnitKindSelect({ value, onChange }: { value: UnitKind; onChange: (kind: UnitKind) => void }) {
  return (
    <Select
      label="单位类型"
      data={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
      value={value}
      onChange={(v) => v && onChange(v as UnitKind)}
      allowDeselect={false}
    />
  );
}
