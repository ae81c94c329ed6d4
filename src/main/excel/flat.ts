// The flat archive sheet: one row per unit and year, one column per cell key (headers show the Chinese
// names), for pivot tables; the same sheet imports back.
import ExcelJS from 'exceljs';
import { parseReportScope, REPORT_SCOPE_LABELS, UNIT_KIND_LABELS, type CellValue, type Report, type UnitKind } from '../../shared/report';
import { getTemplate, isTemplateId, type CellDef } from '../../shared/template';
import type { ParsedReport } from '../importers/types';
import { FONT, HEADER_FILL, HEADER_FONT } from './style';
import { A1 } from './write-report';
import { readValue } from '../../shared/reading/cell-value';

export const FLAT_SHEET = '年报档案';
export const FLAT_META_SHEET = '_nianbao_flat';
const FLAT_FORMAT = 'nianbao-flat';

const FIXED = [
  { key: 'unit', label: '单位' },
  { key: 'unit_kind', label: '单位类型' },
  { key: 'year', label: '年度' },
  { key: 'template', label: '表样版本' },
  { key: 'status', label: '状态' },
  { key: 'published', label: '发布日期' },
  { key: 'scope', label: '范围' },
] as const;

/** Every cell of the 2021 and 2019 formats, each once, in template order. */
function flatCells(): CellDef[] {
  const seen = new Set<string>();
  return [...getTemplate('gov2021').cells, ...getTemplate('gov2019').cells].filter((c) => !seen.has(c.key) && seen.add(c.key));
}

export interface FlatRow {
  report: Report;
  status: 'draft' | 'final';
}

export function flatWorkbook(rows: FlatRow[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(FLAT_SHEET, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  const cells = flatCells();
  const header = [...FIXED.map((f) => f.label), ...cells.map((c) => c.name)];
  ws.addRow(header);
  ws.getRow(1).font = HEADER_FONT;
  ws.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(1).height = 60;
  ws.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  ws.columns.forEach((col, i) => (col.width = i < FIXED.length ? 14 : 16));
  for (const { report, status } of rows) {
    ws.addRow([
      report.unit,
      report.unit_kind ? UNIT_KIND_LABELS[report.unit_kind] : null,
      report.year,
      report.template,
      status === 'final' ? '定稿' : '草稿',
      report.published,
      report.scope ? REPORT_SCOPE_LABELS[report.scope] : null,
      ...cells.map((c) => (c.key in report.values ? report.values[c.key] : null)),
    ]).font = FONT;
  }
  ws.autoFilter = { from: A1(1, 1), to: A1(1, header.length) };
  const meta = wb.addWorksheet(FLAT_META_SHEET, { state: 'hidden' });
  meta.addRow(['format', FLAT_FORMAT]);
  [...FIXED.map((f) => f.key), ...cells.map((c) => c.key)].forEach((key, i) => meta.addRow(['column', i + 1, key]));
  return wb;
}

export const isFlatWorkbook = (wb: ExcelJS.Workbook): boolean => !!wb.getWorksheet(FLAT_SHEET) && !!wb.getWorksheet(FLAT_META_SHEET);

/** Reads the flat sheet back: one candidate report per row. */
export function readFlat(wb: ExcelJS.Workbook, file: string): ParsedReport[] {
  const ws = wb.getWorksheet(FLAT_SHEET)!;
  const columns = new Map<number, string>();
  wb.getWorksheet(FLAT_META_SHEET)!.eachRow((row) => {
    if (row.getCell(1).value === 'column') columns.set(Number(row.getCell(2).value), String(row.getCell(3).value));
  });
  const kinds = new Map(Object.entries(UNIT_KIND_LABELS).map(([k, v]) => [v, k as UnitKind]));
  const out: ParsedReport[] = [];
  ws.eachRow((row, r) => {
    if (r === 1) return;
    const field = (key: string) => {
      const col = [...columns.entries()].find(([, k]) => k === key)?.[0];
      const v = col ? row.getCell(col).value : null;
      return v === null || v === undefined || v === '' ? null : String(v);
    };
    const template = field('template') ?? '';
    if (!isTemplateId(template) || template === 'legacy') return;
    const t = getTemplate(template);
    const values: Record<string, CellValue> = {};
    const provenance: Record<string, string> = {};
    const doubts: NonNullable<Report['doubts']> = [];
    for (const [col, key] of columns) {
      const def = t.cellByKey.get(key);
      if (!def) continue;
      const read = readValue((row.getCell(col).value ?? null) as never, def.kind);
      const where = `${FLAT_SHEET}!${A1(r, col)}`;
      provenance[key] = where;
      if (read.ok) values[key] = read.value;
      else {
        values[key] = null;
        doubts.push({ cells: [key], message: `${where}（${def.name}）${read.problem}` });
      }
    }
    const kind = kinds.get(field('unit_kind') ?? '');
    const scope = parseReportScope(field('scope'));
    out.push({
      report: {
        template,
        unit: field('unit'),
        year: field('year') ? Number(field('year')) : null,
        published: field('published'),
        ...(kind ? { unit_kind: kind } : {}),
        ...(scope ? { scope } : {}),
        sections: {},
        values,
        ...(doubts.length ? { doubts } : {}),
      },
      provenance,
      source: { kind: 'excel', file },
      notes: [],
    });
  });
  return out;
}
