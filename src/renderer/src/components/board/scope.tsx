// The year and the parent unit a collecting-office page looks at (报送情况, 全区汇总). Defaults: last year and the
// top unit that has children; parameters from another page (goTo) win.
import { Group } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApiQuery } from '../../data/query';
import type { PageParams } from '../../lib/navigation';
import { UnitPicker } from '../UnitPicker';
import { YearSelect } from '../YearSelect';

export interface Scope {
  year: number;
  setYear(year: number): void;
  parent: string | null;
  setParent(parent: string | null): void;
  /** Some unit has subordinate units (false also while the archive is asked). */
  hasParents: boolean;
  years: number[];
  loading: boolean;
  /** When the archive's years were last fetched: reports saved or imported elsewhere in the app change them. */
  archiveChanged: number;
}

const lastYear = () => new Date().getFullYear() - 1;
/** The parent picker's units: those with subordinate units, top units first. */
const PARENTS = { parents: true } as const;

export function useScope(params: PageParams): Scope {
  // Asked afresh when a page opens: reports may have been saved through paths that do not invalidate it.
  const archiveYears = useApiQuery('archive.years', {}, { refetchOnMount: 'always' });
  // Until the person picks one: the first top unit with children (one unit, not the list).
  const firstParent = useApiQuery('units.find', { ...PARENTS, limit: 1 });
  const [year, setYear] = useState(params.year ?? lastYear());
  const [chosenParent, setParent] = useState<string | null>(params.parent ?? null);
  // New parameters from another page (goTo) replace the choice; compared by value, as the page gets a fresh {}.
  const [seen, setSeen] = useState({ year: params.year, parent: params.parent });
  if (seen.year !== params.year || seen.parent !== params.parent) {
    setSeen({ year: params.year, parent: params.parent });
    if (params.year) setYear(params.year);
    if (params.parent) setParent(params.parent);
  }
  const parent = chosenParent ?? firstParent.data?.units[0]?.name ?? null;

  const years = useMemo(() => {
    const set = new Set([...(archiveYears.data ?? []), lastYear(), year]);
    return [...set].sort((a, b) => b - a);
  }, [archiveYears.data, year]);

  return {
    year,
    setYear,
    parent,
    setParent,
    hasParents: !!firstParent.data?.units.length,
    years,
    loading: firstParent.isPending,
    archiveChanged: archiveYears.dataUpdatedAt,
  };
}

/** The two selectors, side by side. */
export function ScopePicker({ scope }: { scope: Scope }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <YearSelect w={110} years={scope.years} value={scope.year} onChange={scope.setYear} />
      <UnitPicker
        label="上级单位"
        w={260}
        allowDeselect={false}
        nothingFoundMessage="没有这个单位"
        placeholder={scope.hasParents || scope.loading ? '选择上级单位' : '还没有设置上级单位'}
        filter={PARENTS}
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
