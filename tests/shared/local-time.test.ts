// Dates a person sees: local time, and with its zone for a time read on another computer (an exchange package).
import { afterEach, describe, expect, it } from 'vitest';
import { localDateTime } from '../../src/shared/local-time';

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('localDateTime', () => {
  it('writes a stored UTC time in the computer’s zone, with the zone when asked', () => {
    process.env.TZ = 'Asia/Shanghai';
    expect(localDateTime('2025-02-10T08:05:09.120Z')).toBe('2025-02-10 16:05:09');
    expect(localDateTime('2025-02-10T20:05:09Z', { offset: true })).toBe('2025-02-11 04:05:09（UTC+08:00）');
    // A zone west of UTC, on the half hour.
    process.env.TZ = 'America/St_Johns';
    expect(localDateTime('2025-02-10T08:05:09Z', { offset: true })).toBe('2025-02-10 04:35:09（UTC-03:30）');
  });

  it('leaves text that is not a time as it is', () => {
    expect(localDateTime('不是时间')).toBe('不是时间');
  });
});
