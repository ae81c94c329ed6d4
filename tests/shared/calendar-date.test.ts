import { describe, expect, it } from 'vitest';
import { readCalendarDate } from '../../src/shared/calendar-date';

describe('readCalendarDate: 发布日期 as people write it', () => {
  it.each([
    ['2025-02-10', '2025-02-10'],
    ['2025/2/10', '2025-02-10'],
    ['2025.2.1', '2025-02-01'],
    ['2025年2月10日', '2025-02-10'],
    [' 2025 年 2 月 10 日 ', '2025-02-10'],
    ['２０２５－０２－１０', '2025-02-10'],
    ['20250210', '2025-02-10'],
  ])('%s → %s', (text, date) => expect(readCalendarDate(text)).toBe(date));

  it.each(['2025-02-30', '2025-13-01', '2025-2', '2025年2月', '10/02/2025', '', 'abc', '202502100'])('refuses %j', (text) =>
    expect(readCalendarDate(text)).toBeNull(),
  );
});
