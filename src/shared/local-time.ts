// Dates a person sees (file names, CLI output, the settings page) are in the computer's local time; stored
// timestamps stay ISO UTC.
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** 2026-03-01 in local time: the day a daily backup belongs to, the date in an export's file name. */
export const localDate = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** 2026-03-01T16-05-09-123: a local time usable in a file name, sorting as text. */
export const localStamp = (d: Date): string =>
  `${localDate(d)}T${pad(d.getHours())}-${pad(d.getMinutes())}-${pad(d.getSeconds())}-${pad(d.getMilliseconds(), 3)}`;

/**
 * 2026-03-01 16:05:09 in local time, from a stored ISO timestamp. With `offset`, the zone follows, as in
 * 2026-03-01 16:05:09（UTC+08:00）: for a time read on another computer (an exchange package's creation).
 */
export function localDateTime(iso: string, { offset = false } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (!offset) return time;
  const minutes = -d.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${time}（UTC${minutes >= 0 ? '+' : '-'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}）`;
}
