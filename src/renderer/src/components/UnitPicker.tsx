// A unit picked by name among thousands: the archive is asked for a few matches as the person types (units.find),
// never for every unit at once. The chosen unit is always offered, also when it is not among the matches.
import { Autocomplete, Select, type AutocompleteProps, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { UnitFindArg, UnitPickView } from '../../../shared/api';
import { useApiQuery } from '../data/query';

/** Matches a picker shows; typing more of the name finds the others. */
export const PICKER_LIMIT = 50;
const TYPING_PAUSE_MS = 150;
const MORE = '\u0000more';

/** What the units must have: a report of a year, any report, subordinate units, a parent. */
export type UnitFilter = Omit<UnitFindArg, 'text' | 'exact' | 'limit'>;

/** The first units whose name contains `text` (settled after a pause in typing), and whether there are more. */
export function useUnitMatches(text: string, filter: UnitFilter = {}) {
  const [settled] = useDebouncedValue(text.trim(), TYPING_PAUSE_MS);
  const found = useApiQuery(
    'units.find',
    { ...filter, ...(settled ? { text: settled } : {}), limit: PICKER_LIMIT },
    { placeholderData: keepPreviousData },
  );
  return { units: found.data?.units ?? [], more: found.data?.more ?? false, loading: found.isFetching };
}

/** One unit by its whole name with the filter's conditions (undefined while asked, null when there is none). */
export function useUnit(name: string | null, filter: UnitFilter = {}): UnitPickView | null | undefined {
  const q = useApiQuery('units.find', name ? { ...filter, text: name, exact: true, limit: 1 } : null);
  if (!name) return null;
  return q.data ? (q.data.units[0] ?? null) : undefined;
}

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter' | 'limit'> & {
  value: string | null;
  onChange: (name: string | null) => void;
  filter?: UnitFilter;
  /** The option's text (default: the name). */
  optionLabel?: (unit: UnitPickView) => string;
  /** Options before the units (e.g. 不比较). */
  extra?: ComboboxItem[];
};

export function UnitPicker({ value, onChange, filter = {}, optionLabel = (u) => u.name, extra = [], ...rest }: PickerProps) {
  const [search, setSearch] = useState('');
  const chosen = useUnit(value && !extra.some((o) => o.value === value) ? value : null, filter);
  const chosenLabel = extra.find((o) => o.value === value)?.label ?? (chosen ? optionLabel(chosen) : (value ?? ''));
  // After a choice the box shows its label: the list then starts from the first units again.
  const matches = useUnitMatches(search === chosenLabel ? '' : search, filter);
  // At most PICKER_LIMIT + a few options: built afresh each time, as the labels may come from the page's function.
  const data: ComboboxItem[] = [...extra, ...matches.units.map((u) => ({ value: u.name, label: optionLabel(u) }))];
  if (chosen && !data.some((o) => o.value === chosen.name)) data.push({ value: chosen.name, label: optionLabel(chosen) });
  if (matches.more) data.push({ value: MORE, label: `只列出前 ${PICKER_LIMIT} 个，输入名称中的字查找其他单位`, disabled: true });
  return (
    <Select
      searchable
      {...rest}
      data={data}
      value={value}
      onChange={(v) => v !== MORE && onChange(v)}
      searchValue={search}
      onSearchChange={setSearch}
      // The archive already matched the names; what is typed meanwhile narrows the list until the answer comes.
      filter={({ options, search: typed }) =>
        options.filter((o) => !('value' in o) || o.value === MORE || o.label.includes(typed.trim()) || o.value.includes(typed.trim()))
      }
    />
  );
}

type AutocompleteUnitProps = Omit<AutocompleteProps, 'data' | 'filter' | 'limit'> & { value: string };

/** A unit name typed freely (a new unit is allowed), offered the archive's matches as the person types. */
export function UnitAutocomplete({ value, ...rest }: AutocompleteUnitProps) {
  const matches = useUnitMatches(value);
  const data = useMemo(() => matches.units.map((u) => u.name), [matches.units]);
  return <Autocomplete {...rest} value={value} data={data} />;
}
