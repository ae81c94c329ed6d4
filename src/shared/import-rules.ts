// Rules of an import batch shared by the CLI, the app's commit and the wizard's list, so they agree.

/** The archive keeps one report per unit and year: the key two reports of one batch must not share. */
export const reportKey = (r: { unit: string | null; year: number | null }): string | null =>
  r.unit && r.year !== null ? `${r.unit}|${r.year}` : null;

/** Why a second report for the same unit and year cannot be imported with the first (`first` names the first). */
export const sameReportMessage = (first: string, unit: string, year: number): string =>
  `与 ${first} 是同一单位、同一年度（${unit} ${year} 年）的报告，只能导入其中一份`;

/**
 * The year a batch is clearly of: at least four reports and three in four of them of one year (an office's forty
 * workbooks of January). Null for a mixed batch (a unit's reports of many years).
 */
export function batchYear(years: readonly (number | null)[]): number | null {
  const known = years.filter((y): y is number => y !== null);
  if (known.length < 4) return null;
  const counts = new Map<number, number>();
  for (const y of known) counts.set(y, (counts.get(y) ?? 0) + 1);
  const [year, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  return count * 4 >= known.length * 3 ? year : null;
}

/**
 * A report of another year than its batch: held back when it would change a report the archive holds for that
 * year (a unit that sent last year's file again by mistake), until the person confirms the year.
 */
export const otherYearMessage = (year: number, batch: number): string =>
  `这是 ${year} 年的报告，而本批其他文件都是 ${batch} 年的；导入会改动档案中已有的 ${year} 年报告：如确要改动，请在年度一栏确认 ${year}；如是 ${batch} 年的，请把年度改为 ${batch}`;

/** …and said, without holding it back, when it adds that year's report. */
export const otherYearNote = (year: number, batch: number): string =>
  `注意：这是 ${year} 年的报告（本批其他文件都是 ${batch} 年的），将存为 ${year} 年的报告`;
