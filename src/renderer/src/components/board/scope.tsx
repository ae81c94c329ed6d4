// The year and the parent unit a collecting-office page looks at (报送情况, 全区汇总). Defaults: last year and the
// top unit that has children; parameters from another page (goTo) win.
import { Group, Select } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
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
  /** When the archive overview was last fetched: reports saved or imported elsewhere in the app change it. */
  archiveChanged: number;
}

const lastYear = () => new Date().getFullYear() - 1;

export function useScope(params: PageParams): Scope {
  const units = useApiQuery('units.list', {});
  // Asked afresh when a page opens: reports may have been saved through paths that do not invalidate it.
  const overview = useApiQuery('archive.overview', {}, { refetchOnMount: 'always' });
  const [year, setYear] = useState(params.year ?? lastYear());
  const [chosenParent, setParent] = useState<string | null>(params.parent ?? null);
  // New parameters from another page (goTo) replace the choice; compared by value, as the page gets a fresh {}.
  const [seen, setSeen] = useState({ year: params.year, parent: params.parent });
  if (seen.year !== params.year || seen.parent !== params.parent) {
    setSeen({ year: params.year, parent: params.parent });
    if (params.year) setYear(params.year);
    if (params.parent) setParent(params.parent);
  }

  const parents = useMemo(() => {
    const list = units.data ?? [];
    const withChildren = new Set(list.map((u) => u.parent).filter((p): p is string => !!p));
    return list
      .filter((u) => withChildren.has(u.name))
      .sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null) || a.name.localeCompare(b.name, 'zh-CN'));
  }, [units.data]);
  // Until the person picks one: the first top unit with children.
  const parent = chosenParent ?? parents[0]?.name ?? null;

  const years = useMemo(() => {
    const set = new Set([...(overview.data?.years ?? []), lastYear(), year]);
    return [...set].sort((a, b) => b - a);
  }, [overview.data, year]);

  return {
    year,
    setYear,
    parent,
    setParent,
    parents,
    years,
    units: units.data ?? [],
    loading: units.isPending,
    archiveChanged: overview.dataUpdatedAt,
  };
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
        limit={200}
        nothingFoundMessage="没有这个单位"
        placeholder={scope.parents.length ? '选择上级单位' : '还没有设置上级单位'}
        data={scope.parents.map((u) => u.name)}
        value={scope.parent}
        onChange={(v) => v && scope.setParent(v)}
      />
    </Group>
  );
}

/**
 * Another page sent the person here (goTo with parameters, e.g. the board's 差错清单): the focus was on a button
 * of the page now hidden and would fall back to the top of the document. It moves to this page's heading, so Tab
 * continues from here. App keeps the parameters object until the next goTo, so this runs once per arrival.
 */
export function useArrivalFocus(params: PageParams) {
  // The heading only holds the place in the Tab order (tabIndex -1, no outline): it is not a control.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!Object.keys(params).length) return;
    const id = requestAnimationFrame(() => heading.current?.focus());
    return () => cancelAnimationFrame(id);
  }, [params]);
  return heading;
}
