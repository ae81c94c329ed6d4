// 发布日期 of a report (the day it was published): R11 checks it against the deadline for the unit's kind. A text
// field, not the browser's date picker: clerks type 2025-02-10, 2025/2/10 or 2025年2月10日 as in Excel, and the
// picker shows mm/dd/yyyy on an English system.
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { readCalendarDate } from '../../../shared/calendar-date';

interface Props {
  value: string | null;
  readOnly?: boolean;
  onChange: (value: string | null) => void;
  /** Shown under the field, e.g. the deadline. */
  description?: string;
  size?: 'xs' | 'sm';
}

export function PublishedDateInput({ value, readOnly, onChange, description, size = 'xs' }: Props) {
  // What is being typed; the stored value changes only when it is a whole, real date (or cleared).
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const finish = () => {
    if (text === null) return;
    if (text.trim() && !readCalendarDate(text)) setError('请写成 2025-02-10 或 2025年2月10日');
    else setText(null);
  };
  return (
    <TextInput
      size={size}
      label="发布日期"
      aria-label="发布日期"
      placeholder="年-月-日"
      description={description}
      error={error}
      readOnly={readOnly}
      value={text ?? value ?? ''}
      w={170}
      onChange={(e) => {
        const typed = e.currentTarget.value;
        setText(typed);
        setError(null);
        const date = readCalendarDate(typed);
        if (date) onChange(date);
        else if (!typed.trim()) onChange(null);
      }}
      onBlur={finish}
      onKeyDown={(e) => e.key === 'Enter' && finish()}
    />
  );
}
