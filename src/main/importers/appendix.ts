// Pre-2019 reports have no national grid; their statistics are an appendix of label / unit / this year /
// cumulative rows (spec §1, `legacy`). The header is found by the legacy template's column labels.
import type { LegacyRow } from '../../shared/report';
import { normalizeLabel, type LegacyColumnDef, type Template } from '../../shared/template';
import { tokensOf, type Token } from './labels';
import type { SourceLine } from './lines';

type ColumnKey = LegacyColumnDef['key'];

export interface LegacyHeader {
  columns: ColumnKey[];
  tokens: Token[];
  /** Index of the first token after the header. */
  end: number;
  /** The year printed as the this-year column's header (2018年), if any. */
  year: number | null;
}

const YEAR_COLUMN = /^(\d{4})年度?$/;

function columnOf(t: Token, columns: readonly { key: ColumnKey; forms: string[] }[]): { key: ColumnKey; year: number | null } | null {
  if (t.reading.kind !== 'text') return null;
  const y = YEAR_COLUMN.exec(t.norm);
  if (y) return { key: 'this_year', year: Number(y[1]) };
  const c = columns.find((col) => col.forms.includes(t.norm));
  return c ? { key: c.key, year: null } : null;
}

const MIN_COLUMNS = 3;

/** The appendix header: at least three of the legacy columns, in their order, in consecutive cells. */
export function findLegacyHeader(tokens: readonly Token[], from: number, to: number, template: Template): LegacyHeader | null {
  const defs = (template.legacyColumns ?? []).map((d) => ({ key: d.key, forms: [d.label, ...d.variants].map(normalizeLabel) }));
  for (let i = from; i < to; i++) {
    const first = columnOf(tokens[i], defs);
    if (!first) continue;
    const columns = [first.key];
    const used = [tokens[i]];
    let year = first.year;
    let j = i + 1;
    for (; j < to; j++) {
      if (tokens[j].reading.kind === 'blank') continue;
      const c = columnOf(tokens[j], defs);
      const order = (k: ColumnKey) => defs.findIndex((d) => d.key === k);
      if (!c || order(c.key) <= order(columns[columns.length - 1])) break;
      columns.push(c.key);
      used.push(tokens[j]);
      year ??= c.year;
    }
    if (columns.length >= MIN_COLUMNS && columns.some((k) => k === 'this_year' || k === 'cumulative')) {
      return { columns, tokens: used, end: j, year };
    }
  }
  return null;
}

export interface AppendixResult {
  rows: LegacyRow[];
  provenance: Record<string, string>;
  notes: string[];
  usedLines: Set<number>;
  year: number | null;
}

const MAX_UNIT_LENGTH = 6;
const MAX_LABEL_LENGTH = 60;

export function readAppendix(lines: readonly SourceLine[], template: Template, file: string): AppendixResult | null {
  const tokens = tokensOf(lines, 0, lines.length);
  const header = findLegacyHeader(tokens, 0, tokens.length, template);
  if (!header) return null;
  const result: AppendixResult = { rows: [], provenance: {}, notes: [], usedLines: new Set(), year: header.year };
  header.tokens.forEach((t) => result.usedLines.add(t.line));
  // When the header sits on one line, the scraper kept rows: a row never runs over into the next line.
  const rowMode = new Set(header.tokens.map((t) => t.line)).size === 1;
  const valueColumns = header.columns.filter((k) => k !== 'label');
  let i = header.end;
  while (i < tokens.length) {
    const label = tokens[i];
    if (label.reading.kind === 'blank') {
      i++;
      continue;
    }
    if (label.reading.kind !== 'text' || label.text.length > MAX_LABEL_LENGTH) break;
    const row: LegacyRow = { label: label.text.trim(), unit: null, this_year: null, cumulative: null };
    let j = i + 1;
    let fits = true;
    let numbers = 0;
    for (const key of valueColumns) {
      const t = tokens[j];
      if (!t || (rowMode && t.line !== label.line)) {
        fits = rowMode && numbers > 0;
        break;
      }
      if (key === 'unit') {
        if (t.reading.kind === 'value' || t.reading.kind === 'bad' || t.text.trim().length > MAX_UNIT_LENGTH) {
          fits = false;
          break;
        }
        row.unit = t.reading.kind === 'blank' ? null : t.text.trim();
      } else if (key === 'this_year' || key === 'cumulative') {
        if (t.reading.kind === 'text') {
          fits = false;
          break;
        }
        if (t.reading.kind === 'value' && typeof t.reading.value === 'number') {
          row[key] = t.reading.value;
          numbers++;
        } else if (t.reading.kind !== 'blank') {
          result.notes.push(
            `${file} ${t.where}：附表“${row.label}”写的是“${t.text}”，${t.reading.kind === 'bad' ? t.reading.why : '不是数字'}，已留空。`,
          );
        }
      }
      j++;
    }
    if (!fits) break;
    const index = result.rows.length;
    result.rows.push(row);
    result.provenance[`legacy.${index}`] = label.where;
    for (let k = i; k < j; k++) result.usedLines.add(tokens[k].line);
    i = j;
  }
  return result;
}
