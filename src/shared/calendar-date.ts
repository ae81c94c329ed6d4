// A calendar day as people write it (2025-02-10, 2025/2/10, 2025.2.10, 2025年2月10日, 20250210, full-width digits):
// the one reader of 发布日期 for the editor, the import preview and the importers.
const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** YYYY-MM-DD, or null when the text is not a real day (2025-02-30 is not). */
export function readCalendarDate(text: string): string | null {
  const t = text.normalize('NFKC').trim();
  const m = DATE.exec(t) ?? COMPACT.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
