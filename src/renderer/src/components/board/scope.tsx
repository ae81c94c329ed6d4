// The year and the parent unit a collecting-office page looks at (报送情况, 全区汇总). Defaults: last year and the
// top unit that has children; parameters from another page (goTo) win.
import { Group, Select } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { UnitView } from '../../../../shared/api';
import { useApiQuery } from '../../data/query';
import type { PageParams } from '../../lib/navigation';

export interface Scope {
  year: number;
  setYear(year: number): void;
  parent: string | null;
  setParent(parent: string | null): void;
  /** Units that have children, top units first. */
  parents: UnitView[];
  years: number[];
  units: UnitView[];
  loading: boolean;
}

const lastYear = () => new Date().getFullYear() - 1;

export function useScope(params: PageParams): Scope {
  const units = useApiQuery('units.list', {});
  const overview = useApiQuery('archive.overview', {});
  const [year, setYear] = useState(params.year ?? lastYear());
  const [parent, setParent] = useState<string | null>(params.parent ?? null);
  useEffect(() => {
    if (params.year) setYear(params.year);
    if (params.parent) setParent(params.parent);
  }, [params]);

  const parents = useMemo(() => {
    const list = units.data ?? [];
    const withChildren = new Set(list.map((u) => u.parent).filter((p): p is string => !!p));
    return list
      .filter((u) => withChildren.has(u.name))
      .sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null) || a.name.localeCompare(b.name, 'zh-CN'));
  }, [units.data]);
  // The default parent once the units are known: the first top unit with children.
  useEffect(() => {
    if (parent === null && parents.length) setParent(parents[0].name);
  }, [parent, parents]);

  const years = useMemo(() => {
    const set = new Set([...(overview.data?.years ?? []), lastYear(), year]);
    return [...set].sort((a, b) => b - a);
  }, [overview.data, year]);

  return { year, setYear, parent, setParent, parents, years, units: units.data ?? [], loading: units.isPending };
}

/** The two selectors, side by side. */
export function ScopePicker({ scope }: { scope: Scope }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Select
        label="年度"
        w={110}
        allowDeselect={false}
        data={scope.years.map((y) => ({ value: String(y), label: `${y} 年` }))}
        value={String(scope.year)}
        onChange={(v) => v && scope.setYear(Number(v))}
      />
      <Select
        label="上级单位"
        w={260}
        searchable
        allowDeselect={false}
        nothingFoundMessage="没有这个单位"
        placeholder={scope.parents.length ? '选择上级单位' : '还没有设置上级单位'}
        data={scope.parents.map((u) => u.name)}
        value={scope.parent}
        onChange={(v) => v && scope.setParent(v)}
      />
    </Group>
  );
}
