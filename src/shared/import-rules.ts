// Rules of an import batch shared by the CLI, the app's commit and the wizard's list, so they agree.

/** The archive keeps one report per unit and year: the key two reports of one batch must not share. */
export const reportKey = (r: { unit: string | null; year: number | null }): string | null =>
  r.unit && r.year !== null ? `${r.unit}|${r.year}` : null;

/** Why a second report for the same unit and year cannot be imported with the first (`first` names the first). */
export const sameReportMessage = (first: string, unit: string, year: number): string =>
  `与 ${first} 是同一单位、同一年度（${unit} ${year} 年）的报告，只能导入其中一份`;
