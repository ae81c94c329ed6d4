// Words and times of the exchange that the CLI prints; kept apart from the package code so every CLI command
// does not load the zip and workbook code.
export type PackageKind = 'send' | 'return';
export const KIND_LABELS: Record<PackageKind, string> = { send: '报送', return: '退回' };

/** Local wall-clock time with its offset, e.g. 2025-02-10 16:05:00（UTC+08:00）: what a person at either end reads. */
export function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}（UTC${sign}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}）`;
}
