// The difference between two versions of a report: cells and texts.
import { REPORT_SCOPE_LABELS, type CellValue, type Report } from './report';
import { getTemplate, SECTION_HEADINGS } from './template';

export interface CellChange {
  key: string;
  name: string;
  before: CellValue;
  after: CellValue;
}

export interface TextChange {
  key: string;
  heading: string;
  before: string;
  after: string;
}

export interface ReportDiff {
  cells: CellChange[];
  texts: TextChange[];
  /** Other fields that changed (template, published date…), as Chinese descriptions. */
  fields: string[];
}

export function diffReports(a: Report, b: Report): ReportDiff {
  const template = getTemplate(b.template);
  const keys = [...new Set([...Object.keys(a.values), ...Object.keys(b.values)])];
  const cells = keys
    .filter((k) => (a.values[k] ?? null) !== (b.values[k] ?? null))
    .map((k) => ({
      key: k,
      name: template.cellByKey.get(k)?.name ?? getTemplate(a.template).cellByKey.get(k)?.name ?? k,
      before: a.values[k] ?? null,
      after: b.values[k] ?? null,
    }));
  const sectionKeys = [...new Set([...Object.keys(a.sections), ...Object.keys(b.sections)])] as (keyof Report['sections'])[];
  const texts = sectionKeys
    .filter((k) => (a.sections[k] ?? '') !== (b.sections[k] ?? ''))
    .map((k) => ({ key: k, heading: SECTION_HEADINGS[k] ?? k, before: a.sections[k] ?? '', after: b.sections[k] ?? '' }));
  const fields: string[] = [];
  if (a.template !== b.template) fields.push(`表样版本：${a.template} → ${b.template}`);
  if ((a.published ?? null) !== (b.published ?? null)) fields.push(`发布日期：${a.published ?? '空'} → ${b.published ?? '空'}`);
  if ((a.scope ?? 'own') !== (b.scope ?? 'own'))
    fields.push(`范围：${REPORT_SCOPE_LABELS[a.scope ?? 'own']} → ${REPORT_SCOPE_LABELS[b.scope ?? 'own']}`);
  if (JSON.stringify(a.legacy ?? []) !== JSON.stringify(b.legacy ?? [])) fields.push('统计附表有变化');
  return { cells, texts, fields };
}
