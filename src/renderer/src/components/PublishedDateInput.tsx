// 发布日期 of a report (YYYY-MM-DD, the day it was published): R11 checks it against the deadline for the unit's kind.
import { TextInput } from '@mantine/core';

interface Props {
  value: string | null;
  readOnly?: boolean;
  onChange: (value: string | null) => void;
  /** Shown under the field, e.g. the deadline. */
  description?: string;
  size?: 'xs' | 'sm';
}

export function PublishedDateInput({ value, readOnly, onChange, description, size = 'xs' }: Props) {
  return (
    <TextInput
      type="date"
      size={size}
      label="发布日期"
      aria-label="发布日期"
      description={description}
      readOnly={readOnly}
      value={value ?? ''}
      min="1990-01-01"
      max="2100-12-31"
      w={170}
      // The browser's date field gives YYYY-MM-DD or '' (cleared or not yet a whole date).
      onChange={(e) => onChange(e.currentTarget.value || null)}
    />
  );
}
