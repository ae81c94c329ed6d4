// What the person sets once for all selected files: unit, year, the new unit's kind and 发布日期 (each only when
// filled in), and one answer for all open doubts of those files. The files are then checked again.
import { Button, Card, Group, NumberInput, Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { PlanOverridesArg } from '../../../../shared/api';
import { UnitAutocomplete } from '../UnitPicker';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../../../shared/report';
import { PublishedDateInput } from '../PublishedDateInput';
import { DOUBT_ANSWERS, type DoubtAnswer } from './model';

interface Props {
  count: number;
  /** Open doubts in the selected files, and how many of them have a single suggested reading. */
  openDoubts: number;
  suggested: number;
  busy: boolean;
  onApply: (o: PlanOverridesArg) => void;
  onAnswer: (how: DoubtAnswer) => void;
  onClear: () => void;
}

const validYear = (y: number | string) => typeof y === 'number' && Number.isInteger(y) && y >= 1990 && y <= 2100;

export function BatchBar({ count, openDoubts, suggested, busy, onApply, onAnswer, onClear }: Props) {
  const [unit, setUnit] = useState('');
  const [year, setYear] = useState<number | string>('');
  const [kind, setKind] = useState<UnitKind | null>(null);
  const [published, setPublished] = useState<string | null>(null);
  const yearProblem = year !== '' && !validYear(year) ? '年度应在 1990 到 2100 之间' : null;
  const change: PlanOverridesArg = {
    ...(unit.trim() ? { unit: unit.trim() } : {}),
    ...(validYear(year) ? { year: year as number } : {}),
    ...(kind ? { unitKind: kind } : {}),
    ...(published ? { published } : {}),
  };
  const empty = !Object.keys(change).length;
  const apply = () => {
    if (empty || yearProblem) return;
    onApply(change);
  };
  return (
    <Card withBorder padding="xs" bg="blue.0" aria-label="批量设置">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm" fw={600} style={{ alignSelf: 'center' }}>
          已选 {count} 份，统一设置：
        </Text>
        <UnitAutocomplete
          size="xs"
          label="单位"
          placeholder="不改"
          value={unit}
          onChange={setUnit}
          onKeyDown={(e) => e.key === 'Enter' && !e.nativeEvent.isComposing && apply()}
          w={220}
        />
        <NumberInput
          size="xs"
          label="年度"
          placeholder="不改"
          value={year}
          onChange={setYear}
          onKeyDown={(e) => e.key === 'Enter' && apply()}
          allowDecimal={false}
          allowNegative={false}
          hideControls
          error={yearProblem}
          w={90}
        />
        <Select
          size="xs"
          label="新单位的类型"
          placeholder="不改"
          data={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
          value={kind}
          onChange={(v) => setKind(v as UnitKind | null)}
          clearable
          w={130}
        />
        <PublishedDateInput value={published} onChange={setPublished} />
        <Button size="xs" onClick={apply} disabled={empty || !!yearProblem || busy}>
          应用到所选 {count} 份
        </Button>
        <Group gap={4} aria-label="所选文件的存疑" style={{ alignSelf: 'center' }}>
          <Text size="xs" c="dimmed">
            所选文件的存疑 {openDoubts} 处：
          </Text>
          {(Object.keys(DOUBT_ANSWERS) as DoubtAnswer[]).map((how) => (
            <Button
              key={how}
              size="compact-xs"
              variant="light"
              color={how === 'suggested' ? 'blue' : 'gray'}
              disabled={!openDoubts || busy || (how === 'suggested' && !suggested)}
              onClick={() => onAnswer(how)}
            >
              {DOUBT_ANSWERS[how]}
              {how === 'suggested' ? `（${suggested}）` : ''}
            </Button>
          ))}
        </Group>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onClear} style={{ alignSelf: 'center' }}>
          取消选择
        </Button>
      </Group>
    </Card>
  );
}
