// The year a page looks at (差错清单, 导出, 报送情况, 全区汇总, 单位), from the years it offers, newest first.
import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  years: readonly number[];
  value: number | null;
  onChange: (year: number) => void;
};

export function YearSelect({ years, value, onChange, label = '年度', ...rest }: Props) {
  const data = useMemo(() => [...years].sort((a, b) => b - a).map((y) => ({ value: String(y), label: `${y} 年` })), [years]);
  return (
    <Select
      label={label}
      w={120}
      {...rest}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => v && onChange(Number(v))}
      allowDeselect={false}
    />
  );
}
