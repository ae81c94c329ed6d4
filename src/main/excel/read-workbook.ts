// A workbook → a candidate report. Our own files are read through their hidden cell map; any other workbook
// through the labels of its tables (shared/reading/read-tables.ts).
import type ExcelJS from 'exceljs';
import { basename } from 'node:path';
import {
  parseReportScope,
  UNIT_KIND_LABELS,
  type CellValue,
  type Doubt,
  type Report,
  type ReportScope,
  type UnitKind,
} from '../../shared/report';
import { getTemplate, isTemplateId, normalizeLabel, type Template, type TemplateId } from '../../shared/template';
import { readFiller, readPublished, readTitle } from '../../shared/reading/identity';
import { InputError } from '../errors';
import type { ParsedReport } from '../importers/types';
import { gridOf, type Grid } from './grid';
import { loadWorkbook } from './load';
import { readLegacySheet } from './legacy-sheet';
import { readTables, settleFormulas, type TableRead } from '../../shared/reading/read-tables';
import { readValue } from '../../shared/reading/cell-value';
import { FORMAT_ID, META_SHEET, NOT_DATA_SHEETS } from './workbook-format';

const GRID_TEMPLATES: TemplateId[] = ['gov2021', 'gov2019'];
/** A label whose value is in the next filled cell to its right (the fill-in workbook's identity row). */
const UNIT_LABEL = /^(?:填报|报送)?单位(?:名称)?[:：]?$/;
const YEAR_LABEL = /^(?:报告)?年度[:：]?$/;

interface Meta {
  template: TemplateId;
  unit: string | null;
  year: number | null;
  published: string | null;
  unitKind: UnitKind | undefined;
  scope: ReportScope | undefined;
  cells: Map<string, { sheet: string; address: string }>;
  /** A fill-in workbook's cells where the unit and year are typed. */
  identity: Map<string, { sheet: string; address: string }>;
}

function readMeta(wb: ExcelJS.Workbook): Meta | null {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws) return null;
  const fields = new Map<string, unknown>();
  const cells = new Map<string, { sheet: string; address: string }>();
  const identity = new Map<string, { sheet: string; address: string }>();
  ws.eachRow((row) => {
    const [k, a, b, c] = [1, 2, 3, 4].map((i) => row.getCell(i).value);
    if (k === 'cell') cells.set(String(a), { sheet: String(b), address: String(c) });
    else if (k === 'identity') identity.set(String(a), { sheet: String(b), address: String(c) });
    else fields.set(String(k), a);
  });
  const template = String(fields.get('template'));
  if (fields.get('format') !== FORMAT_ID || !isTemplateId(template)) return null;
  const kindLabel = fields.get('unit_kind');
  const unitKind = (Object.entries(UNIT_KIND_LABELS).find(([, v]) => v === kindLabel)?.[0] as UnitKind | undefined) ?? undefined;
  const str = (k: string) => (fields.get(k) === null || fields.get(k) === undefined || fields.get(k) === '' ? null : String(fields.get(k)));
  return {
    template,
    unit: str('unit'),
    year: str('year') ? Number(str('year')) : null,
    published: str('published'),
    unitKind,
    scope: parseReportScope(fields.get('scope')),
    cells,
    identity,
  };
}

/** Values through our own cell map; null when the map no longer fits the workbook. */
function readByMap(wb: ExcelJS.Workbook, grids: Grid[], meta: Meta): TableRead | null {
  const template = getTemplate(meta.template);
  const out: TableRead = { values: {}, provenance: {}, doubts: [], notes: [], score: 0 };
  for (const cell of template.cells) {
    const at = meta.cells.get(cell.key);
    const ws = at && wb.getWorksheet(at.sheet);
    const grid = at && grids.find((g) => g.sheet === at.sheet);
    if (!at || !ws || !grid) return null;
    const c = ws.getCell(at.address);
    const raw = grid.at(Number(c.row), Number(c.col))?.raw ?? null;
    const read = readValue(raw, cell.kind);
    const where = `${at.sheet}!${at.address}`;
    out.provenance[cell.key] = where;
    if (read.ok) out.values[cell.key] = read.value;
    else {
      out.values[cell.key] = null;
      out.doubts.push({ cells: [cell.key], message: `${where}（${cell.name}）${read.problem}` });
      if (read.formula) (out.formulas ??= {})[cell.key] = where;
    }
  }
  return out;
}

/**
 * A clerk who inserts a row or a column (a title above a table, a 备注 column) moves the cells while the hidden
 * map keeps the old addresses: every number would then be read from its neighbour. The map fits when the tables
 * read by their labels sit exactly where it says (cells the labels do not find are not held against it).
 */
function mapStillFits(grids: Grid[], meta: Meta): boolean {
  const template = getTemplate(meta.template);
  if (!template.cells.length) return true;
  const byLabels = readTables(grids, template);
  for (const [key, where] of Object.entries(byLabels.provenance)) {
    const at = meta.cells.get(key);
    if (at && `${at.sheet}!${at.address}` !== where) return false;
  }
  return true;
}

/** Texts of the six sections: a heading cell with the text in the next filled cell to its right. */
function readSections(grids: Grid[], template: Template): Report['sections'] {
  const sections: Report['sections'] = {};
  for (const s of template.sections.filter((x) => x.kind === 'text')) {
    const heading = normalizeLabel(s.heading);
    for (const g of grids) {
      const cell = g.cells.find(
        (c) =>
          c.norm === heading ||
          (c.norm.length <= 40 && c.norm.startsWith(heading.slice(0, 2)) && s.keywords.some((k) => c.norm.includes(normalizeLabel(k)))),
      );
      if (!cell) continue;
      for (let col = cell.col + 1; col <= g.cols; col++) {
        const t = g.at(cell.row, col);
        if (t && t.master.col === col && t.text) {
          sections[s.key as keyof Report['sections']] = t.text;
          break;
        }
      }
      if (sections[s.key as keyof Report['sections']] !== undefined) break;
    }
  }
  return sections;
}

/**
 * The unit and year as typed in a fill-in workbook's cells; what is left blank there comes from the metadata.
 * A row or column inserted above or before them moves them: then they are found by their labels.
 */
function typedIdentity(wb: ExcelJS.Workbook, grids: Grid[], meta: Meta): { unit: string | null; year: number | null } {
  let labelled: { unit: string | null; year: number | null } | undefined;
  const text = (field: 'unit' | 'year'): string | null => {
    const at = meta.identity.get(field);
    const ws = at && wb.getWorksheet(at.sheet);
    const cell = at && ws?.getCell(at.address);
    const label = cell && Number(cell.col) > 1 ? ws!.getCell(Number(cell.row), Number(cell.col) - 1).value : null;
    if (cell && !(typeof label === 'string' && (field === 'unit' ? UNIT_LABEL : YEAR_LABEL).test(label.replace(/\s+/g, '')))) {
      labelled ??= labelledIdentity(grids, { unit: null, year: null });
      const found = labelled[field];
      return found === null ? null : String(found);
    }
    const v = cell?.value;
    if (v === null || v === undefined) return null;
    const s = (typeof v === 'object' && 'result' in v ? String(v.result ?? '') : String(v)).trim();
    return s || null;
  };
  const unit = text('unit');
  const year = text('year');
  const y = year ? Number(year.replace(/年度?$/, '')) : NaN;
  return { unit: unit ?? meta.unit, year: Number.isInteger(y) ? y : meta.year };
}

function readIdentity(grids: Grid[]): { unit: string | null; year: number | null; published: string | null } {
  const texts = grids.flatMap((g) => g.cells.map((c) => c.text));
  const title = readTitle(texts);
  return {
    ...labelledIdentity(grids, { unit: title?.unit ?? readFiller(texts), year: title?.year ?? null }),
    published: readPublished(texts),
  };
}

/** 填报单位 | 某县教育局 and 年度 | 2024 in neighbouring cells (the fill-in workbook's row), for what `known` lacks. */
function labelledIdentity(
  grids: Grid[],
  known: { unit: string | null; year: number | null },
): { unit: string | null; year: number | null } {
  let { unit, year } = known;
  for (const g of grids)
    for (const c of g.cells) {
      const label = c.text.replace(/\s+/g, '');
      if (!((UNIT_LABEL.test(label) && !unit) || (YEAR_LABEL.test(label) && !year))) continue;
      for (let col = c.col + 1; col <= g.cols; col++) {
        const next = g.at(c.row, col);
        if (!next?.text || next.master.col !== col) continue;
        if (UNIT_LABEL.test(label)) unit = next.text.trim();
        else if (/^\d{4}/.test(next.text)) year = Number(next.text.slice(0, 4));
        break;
      }
    }
  return { unit, year };
}

export function readWorkbook(wb: ExcelJS.Workbook, file: string): ParsedReport {
  const name = basename(file);
  // The fill-in workbook's 填报说明 and 校验 sheets repeat labels next to numbers: never read as tables.
  const grids = wb.worksheets.filter((ws) => !NOT_DATA_SHEETS.has(ws.name) && ws.state === 'visible').map(gridOf);
  const meta = readMeta(wb);
  const byMap = meta && mapStillFits(grids, meta) ? readByMap(wb, grids, meta) : null;
  let template: Template;
  let read: TableRead;
  const legacyTemplate = getTemplate('legacy');
  let legacy = meta?.template === 'legacy' || !meta ? readLegacySheet(grids, legacyTemplate, name) : null;
  if (meta && byMap) {
    template = getTemplate(meta.template);
    read = byMap;
    if (template.id === 'legacy' && !legacy)
      read.notes.push(`文件中没有找到${legacyTemplate.legacyHeading}（指标名称、单位、本年、历年累计各列）`);
  } else {
    const tries = GRID_TEMPLATES.map((id) => ({ template: getTemplate(id), read: readTables(grids, getTemplate(id)) })).sort(
      (a, b) => b.read.score - a.read.score,
    );
    if (tries[0].read.score === 0 && legacy) {
      // No national grid but an appendix table: a report of 2018 or earlier.
      template = legacyTemplate;
      read = { values: {}, provenance: {}, doubts: [], notes: [], score: 0 };
    } else {
      if (tries[0].read.score === 0)
        throw new InputError(
          `${name} 中没有找到年报表格（没有认出表二、表三或表四的行标题和列标题，也没有认出${legacyTemplate.legacyHeading}）`,
        );
      ({ template, read } = tries[0]);
      legacy = null;
    }
    if (meta) read.notes.push('文件的隐藏信息表与表格不一致（可能被改动过），已按表格中的标题重新识别');
  }
  settleFormulas(template, read);
  const identity = meta ? { ...typedIdentity(wb, grids, meta), published: meta.published } : readIdentity(grids);
  const doubts: Doubt[] = read.doubts;
  const values: Record<string, CellValue> = read.values;
  const report: Report = {
    template: template.id,
    unit: identity.unit,
    year: identity.year,
    published: identity.published,
    ...(meta?.unitKind ? { unit_kind: meta.unitKind } : {}),
    ...(meta?.scope ? { scope: meta.scope } : {}),
    sections: readSections(grids, template),
    values,
    ...(template.id === 'legacy' ? { legacy: legacy?.rows ?? [] } : {}),
    ...(doubts.length ? { doubts } : {}),
  };
  return {
    report,
    provenance: { ...read.provenance, ...legacy?.provenance },
    source: { kind: 'excel', file },
    notes: [...read.notes, ...(legacy?.notes ?? [])],
  };
}

export async function readWorkbookFile(path: string): Promise<ParsedReport> {
  return readWorkbook(await loadWorkbook(path), path);
}
