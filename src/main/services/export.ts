// Writing workbooks from the archive: a report, blank fill-in templates, the flat archive sheet.
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { flatWorkbook } from '../excel/flat';
import { writeReportFile } from '../excel/write-report';
import { InputError } from '../errors';
import { APP_VERSION } from '../version';
import type { Archive } from './archive';

/** A file name Windows accepts, from a unit name. */
export const safeFileName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);

export async function exportReport(archive: Archive, unit: string, year: number, out: string): Promise<void> {
  const s = archive.get(unit, year);
  await writeReportFile(s.report, out, { appVersion: APP_VERSION, status: s.status, provenance: s.provenance });
}

/** The report as published: a Word document in the official look. */
export async function exportDocx(archive: Archive, unit: string, year: number, out: string): Promise<void> {
  const report = archive.get(unit, year).report;
  // Loaded when used: every CLI command imports this module, few of them write Word.
  const { reportDocx } = await import('../publish/docx');
  await writeFile(out, await reportDocx(report));
}

/** The report as one self-contained web page for the portal. */
export async function exportHtml(archive: Archive, unit: string, year: number, out: string): Promise<void> {
  const report = archive.get(unit, year).report;
  const { reportHtml } = await import('../publish/html');
  await writeFile(out, reportHtml(report), 'utf8');
}

/**
 * Blank fill-in workbooks for the collecting office to send out: one per unit, 上年结转 pre-filled from the
 * archive where last year's report is there. Units that already have a report for the year get it instead.
 */
export async function exportTemplates(archive: Archive, units: string[], year: number, outDir: string): Promise<string[]> {
  if (!units.length) throw new InputError('没有选择单位');
  mkdirSync(outDir, { recursive: true });
  const files: string[] = [];
  for (const name of units) {
    const file = join(outDir, `${safeFileName(archive.unit(name).name)}-${year}年政府信息公开年报填报表.xlsx`);
    await exportTemplateFile(archive, name, year, file);
    files.push(file);
  }
  return files;
}

export async function exportTemplateFile(archive: Archive, unit: string, year: number, out: string): Promise<void> {
  const name = archive.unit(unit).name;
  const existing = archive.find(name, year);
  const { report, provenance } = existing ?? archive.draft(name, year);
  // The fill-in form: 填报说明, the unit and year in cells, the 校验 sheet (src/main/excel/fill-in.ts).
  await writeReportFile(report, out, { appVersion: APP_VERSION, provenance, fillIn: true });
}

export async function exportFlat(archive: Archive, out: string): Promise<number> {
  const o = archive.overview();
  const units = new Map(o.units.map((u) => [u.id, u.name]));
  const rows = o.reports
    .filter((r) => r.template !== 'legacy')
    .map((r) => {
      const s = archive.get(units.get(r.unit_id)!, r.year);
      return { report: s.report, status: s.status };
    });
  await flatWorkbook(rows).xlsx.writeFile(out);
  return rows.length;
}
