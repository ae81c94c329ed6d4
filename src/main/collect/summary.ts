// 全区汇总: the sum of a parent's units' tables cell by cell, each number with the units that make it up; the
// comparison of a 全区 report with that sum; the export to the official workbook.
import type ExcelJS from 'exceljs';
import type { ComparisonDifferenceView, ComparisonView, SummaryCellView, SummaryView } from '../../shared/api';
import { emptyReport, NOT_APPLICABLE, type CellValue } from '../../shared/report';
import { getTemplate, templateForYear } from '../../shared/template';
import * as collectDb from '../db/collect';
import { InputError, NotFoundError } from '../errors';
import { A1, protectSheets, reportWorkbook } from '../excel/write-report';
import { FONT, HEADER_FILL, HEADER_FONT } from '../excel/style';
import type { Archive } from '../services/archive';
import { APP_VERSION } from '../version';
import { cellsByUnit, unitsUnder } from './board';

export interface SummaryOptions {
  year: number;
  parent: string;
  /** The unit whose report of the year is the 全区 report to compare with the sum; when none is named, the
   * parent's own report of the year if its scope is 全区汇总. */
  compare?: string | null;
}

/** Sums of amounts are rounded to the cent, so 0.1 + 0.2 shows as 0.3. */
const round = (n: number, amount: boolean) => (amount ? Math.round(n * 100) / 100 : n);
const listNames = (names: string[], max = 8) =>
  names.length <= max ? names.join('、') : `${names.slice(0, max).join('、')} 等 ${names.length} 个单位`;

export function summarize(archive: Archive, options: SummaryOptions): SummaryView {
  const { year } = options;
  const { parentRow, units } = unitsUnder(archive, options.parent);
  const parent = parentRow!;
  if (!units.length)
    throw new InputError(
      `“${parent.name}”没有下级单位，无法汇总（可用 nianbao unit import 导入单位名单，或 nianbao unit set 单位 --parent 上级单位）`,
    );
  const templateId = templateForYear(year);
  if (templateId === 'legacy') throw new InputError(`${year} 年的报告使用旧表样，只有附表，不能逐格汇总（2019 年起的表样才能汇总）`);
  const template = getTemplate(templateId);
  const reports = new Map(collectDb.yearReports(archive.db, parent.id, year).map((r) => [r.unit_id, r]));
  const cells = cellsByUnit(collectDb.yearCells(archive.db, parent.id, year), template.cells);

  const included: { id: number; name: string }[] = [];
  const missing: string[] = [];
  const excluded: SummaryView['excluded'] = [];
  for (const u of units) {
    const r = reports.get(u.id);
    if (!r) missing.push(u.name);
    else if (r.template !== templateId)
      excluded.push({ unit: u.name, reason: `使用${getTemplate(r.template).name}，与 ${year} 年应使用的${template.name}不同，未计入` });
    else included.push({ id: u.id, name: u.name });
  }

  const unitName = `${parent.name}（汇总）`;
  const report = { ...emptyReport(templateId, unitName, year), unit_kind: parent.kind, scope: 'aggregate' as const };
  const rowsOf = included.map((u) => ({ name: u.name, values: cells.get(u.id) ?? [] }));
  const summaryCells: SummaryCellView[] = template.cells.map((c, idx) => {
    let sum = 0;
    const contributors: SummaryCellView['units'] = [];
    const notApplicable: string[] = [];
    const blank: string[] = [];
    for (const u of rowsOf) {
      const v = u.values[idx] ?? null;
      if (typeof v === 'number') {
        sum += v;
        contributors.push({ unit: u.name, value: v });
      } else if (v === NOT_APPLICABLE) notApplicable.push(u.name);
      else blank.push(u.name);
    }
    const value: CellValue = contributors.length ? round(sum, c.kind === 'amount') : notApplicable.length ? NOT_APPLICABLE : null;
    report.values[c.key] = value;
    return { key: c.key, name: c.name, value, reported: contributors.length, units: contributors, notApplicable, blank };
  });
  report.sections = {
    overall:
      `本表为${parent.name}所属 ${included.length} 个单位 ${year} 年政府信息公开工作年度报告的逐格汇总（${listNames(included.map((u) => u.name))}）。` +
      (missing.length ? `未收到报告、未计入的单位：${listNames(missing)}。` : '') +
      (excluded.length ? `表样不同、未计入的单位：${listNames(excluded.map((e) => e.unit))}。` : ''),
  };

  const view: SummaryView = {
    year,
    parent: parent.name,
    unit: unitName,
    template: templateId,
    included: included.map((u) => u.name),
    failing: included.filter((u) => (reports.get(u.id)?.error_count ?? 0) > 0).map((u) => u.name),
    missing,
    excluded,
    cells: summaryCells,
    report,
    comparison: null,
  };
  const compare = options.compare || (archive.find(parent.name, year)?.report.scope === 'aggregate' ? parent.name : null);
  if (compare) view.comparison = compareWithSum(archive, view, compare, reports, units);
  return view;
}

function compareWithSum(
  archive: Archive,
  summary: SummaryView,
  compareUnit: string,
  reports: Map<number, collectDb.YearReportRow>,
  units: { id: number; name: string }[],
): ComparisonView {
  const stored = archive.find(compareUnit, summary.year);
  if (!stored) throw new NotFoundError(`档案中没有“${compareUnit}”${summary.year} 年的报告，无法与汇总比较`);
  if (stored.report.template !== summary.template)
    throw new InputError(
      `“${stored.unit.name}”${summary.year} 年的报告使用${getTemplate(stored.report.template).name}，与汇总的表样不同，无法逐格比较`,
    );
  const updatedAfter = new Set(
    units.filter((u) => (reports.get(u.id)?.updated_at ?? '') > stored.updatedAt && summary.included.includes(u.name)).map((u) => u.name),
  );
  const amountKeys = new Set(
    getTemplate(summary.report.template)
      .cells.filter((c) => c.kind === 'amount')
      .map((c) => c.key),
  );
  const differences: ComparisonDifferenceView[] = [];
  for (const cell of summary.cells) {
    const reported = stored.report.values[cell.key] ?? null;
    const sum = cell.value;
    const bothNumbers = typeof reported === 'number' && typeof sum === 'number';
    const same = bothNumbers
      ? Math.abs(reported - sum) < (amountKeys.has(cell.key) ? 0.005 : 0.5)
      : reported === sum || (reported === null && sum === NOT_APPLICABLE);
    if (same) continue;
    const difference = bothNumbers
      ? round(reported - sum, amountKeys.has(cell.key))
      : typeof reported === 'number' && sum === null
        ? reported
        : null;
    const suspects: ComparisonDifferenceView['suspects'] = [];
    for (const u of cell.units) {
      if (difference !== null && difference !== 0 && u.value === Math.abs(difference))
        suspects.push({
          unit: u.unit,
          value: u.value,
          why:
            difference < 0
              ? `该单位的 ${u.value} 与差额相同：全区报告可能漏计了该单位`
              : `该单位的 ${u.value} 与差额相同：全区报告可能重复计入了该单位`,
        });
      else if (updatedAfter.has(u.unit) && u.value !== 0)
        suspects.push({ unit: u.unit, value: u.value, why: '全区报告保存之后，该单位的报告又修改过' });
    }
    differences.push({ key: cell.key, name: cell.name, reported, sum, difference, suspects, units: cell.units, blank: cell.blank });
  }
  return { unit: stored.unit.name, checked: summary.cells.length, differences, missing: summary.missing };
}

/** The drill-down as a sheet: the sum on top, then one row per unit, one column per cell. */
function drillDownSheet(wb: ExcelJS.Workbook, s: SummaryView): void {
  const ws = wb.addWorksheet('汇总明细', { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
  const header = ['单位', ...s.cells.map((c) => c.name)];
  ws.addRow(header);
  ws.addRow(['合计', ...s.cells.map((c) => c.value)]);
  const byUnit = new Map<string, Map<string, CellValue>>(s.included.map((u) => [u, new Map()]));
  for (const c of s.cells) {
    for (const u of c.units) byUnit.get(u.unit)!.set(c.key, u.value);
    for (const u of c.notApplicable) byUnit.get(u)!.set(c.key, NOT_APPLICABLE);
  }
  for (const [unit, values] of byUnit) ws.addRow([unit, ...s.cells.map((c) => values.get(c.key) ?? null)]).font = FONT;
  for (const u of s.missing) ws.addRow([u, '未收到报告']).font = FONT;
  for (const e of s.excluded) ws.addRow([e.unit, e.reason]).font = FONT;
  for (const r of [1, 2]) {
    ws.getRow(r).font = HEADER_FONT;
    ws.getRow(r).eachCell((c) => (c.fill = HEADER_FILL));
  }
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(1).height = 60;
  ws.getColumn(1).width = 28;
  for (let i = 2; i <= header.length; i++) ws.getColumn(i).width = 14;
  ws.autoFilter = { from: A1(1, 1), to: A1(1, header.length) };
}

/** The 汇总 as the official workbook (through the report writer), each cell noting how it was made, plus the drill-down sheet. */
export async function writeSummaryFile(s: SummaryView, path: string, now?: Date): Promise<void> {
  const provenance: Record<string, string> = {};
  for (const c of s.cells) {
    const parts = [`${c.reported} 个单位填了数字`];
    if (c.notApplicable.length) parts.push(`不适用：${listNames(c.notApplicable, 5)}`);
    if (c.blank.length) parts.push(`空白：${listNames(c.blank, 5)}`);
    provenance[c.key] = `汇总：${parts.join('；')}`;
  }
  const wb = reportWorkbook(s.report, { appVersion: APP_VERSION, status: 'draft', provenance, now });
  drillDownSheet(wb, s);
  await protectSheets(wb);
  await wb.xlsx.writeFile(path);
}
