// Plain-text output of the CLI, in Chinese.
import type { Report } from '../../shared/report';
import { localDateTime } from '../../shared/local-time';
import { REPORT_SCOPE_LABELS, UNIT_KIND_LABELS } from '../../shared/report';
import { getTemplate, SECTION_HEADINGS } from '../../shared/template';
import { countFindings, SEVERITY_LABELS, type DismissedFinding } from '../../shared/validation';
import type { ListedReportRow } from '../db/overview';
import type { SearchResult, StoredReport, Unit } from '../services/archive';
import { foundText } from '../../shared/search';
import type { ReportDiff } from '../services/diff';

export const STATUS_LABELS = { draft: '草稿', final: '定稿' } as const;
const show = (v: unknown) => (v === null || v === undefined ? '（空白）' : String(v));

export function findingsText(report: Report, findings: DismissedFinding[]): string {
  const t = getTemplate(report.template);
  const head = `报告：${report.unit ?? '（未写明单位）'} ${report.year ?? '（未写明年度）'}${report.year ? ' 年' : ''}，${t.name}`;
  const open = findings.filter((f) => !f.dismissed);
  if (!open.length && !findings.length) return `${head}\n没有发现问题`;
  const n = countFindings(open);
  return [
    head,
    `错误 ${n.error} 项，警告 ${n.warning} 项，提示 ${n.info} 项${findings.length > open.length ? `，已忽略 ${findings.length - open.length} 项` : ''}`,
    ...findings.map((f) =>
      f.dismissed
        ? `[已忽略] ${f.rule} ${f.message}（理由：${f.dismissed.reason}）`
        : `[${SEVERITY_LABELS[f.severity]}] ${f.rule} ${f.message}`,
    ),
  ].join('\n');
}

export function unitsText(units: Unit[]): string {
  if (!units.length) return '档案中还没有单位。用 nianbao unit add 名称 --kind 人民政府 添加，或用 nianbao report put 报告.json 导入报告。';
  return units
    .map((u) =>
      [u.name, UNIT_KIND_LABELS[u.kind], u.parent ? `上级：${u.parent}` : '', u.code ? `代码：${u.code}` : ''].filter(Boolean).join('\t'),
    )
    .join('\n');
}

/** How much output `writeList` gathers before writing it (rows go out as they are read, a chunk at a time). */
const LIST_CHUNK = 64 * 1024;

/**
 * `nianbao list`: one line per report, written while the rows are read, so the archive's size never becomes one
 * string. Text: a header, the rows, a total line; `json`: JSON lines, one object per report (nothing for an empty archive).
 */
export function writeList(
  rows: Iterable<ListedReportRow>,
  json: boolean | undefined,
  write: (chunk: string) => void,
  /** Units in the archive (with reports or not), for the total line. */
  unitCount: () => number,
): void {
  let buffer = json ? '' : '单位\t年度\t状态\t表样\t错误\t警告\n';
  let reports = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const r of rows) {
    reports++;
    first = Math.min(first, r.year);
    last = Math.max(last, r.year);
    buffer += json
      ? `${JSON.stringify({ unit: r.unit, year: r.year, status: r.status, template: r.template, errors: r.error_count, warnings: r.warning_count })}\n`
      : `${[r.unit, r.year, STATUS_LABELS[r.status], r.template, r.error_count, r.warning_count].join('\t')}\n`;
    if (buffer.length >= LIST_CHUNK) {
      write(buffer);
      buffer = '';
    }
  }
  if (!json)
    buffer = reports
      ? `${buffer}共 ${unitCount()} 个单位、${reports} 份报告（${first}–${last} 年）\n`
      : '档案中还没有报告。用 nianbao report put 报告.json 存入第一份报告。\n';
  if (buffer) write(buffer);
}

export function reportText(s: StoredReport): string {
  const t = getTemplate(s.report.template);
  const lines = [
    `${s.unit.name} ${s.year} 年政府信息公开工作年度报告`,
    `表样：${t.name}　状态：${STATUS_LABELS[s.status]}　第 ${s.revision} 版　来源：${s.source.kind}${s.source.file ? `（${s.source.file}）` : ''}`,
    `发布日期：${s.report.published ?? '（未填）'}　单位类型：${UNIT_KIND_LABELS[s.unit.kind]}　范围：${REPORT_SCOPE_LABELS[s.report.scope ?? 'own']}`,
  ];
  for (const [key, text] of Object.entries(s.report.sections)) lines.push('', SECTION_HEADINGS[key] ?? key, text ?? '');
  for (const table of t.tables) {
    lines.push('', table.section.heading);
    for (const c of table.cells)
      lines.push(`  ${c.name}\t${show(s.report.values[c.key])}${s.provenance[c.key] ? `\t← ${s.provenance[c.key]}` : ''}`);
  }
  for (const row of s.report.legacy ?? []) lines.push(`  ${row.label}\t${row.unit ?? ''}\t${show(row.this_year)}\t${show(row.cumulative)}`);
  return lines.join('\n');
}

/** Newest first, local time; an unnamed revision is one burst of editing. */
export function historyText(revisions: { number: number; createdAt: string; note: string | null }[]): string {
  return revisions.map((r) => `第 ${r.number} 版\t${localDateTime(r.createdAt)}\t${r.note ?? '编辑'}`).join('\n');
}

export function diffText(d: ReportDiff, from: number, to: number): string {
  if (!d.cells.length && !d.texts.length && !d.fields.length) return `第 ${from} 版与第 ${to} 版没有差别`;
  const lines = [`第 ${from} 版 → 第 ${to} 版`];
  for (const f of d.fields) lines.push(`  ${f}`);
  for (const c of d.cells) lines.push(`  ${c.name}：${show(c.before)} → ${show(c.after)}`);
  for (const t of d.texts) lines.push(`  ${t.heading}：文字有修改（${t.before.length} 字 → ${t.after.length} 字）`);
  return lines.join('\n');
}

export function searchText(result: SearchResult, query: string): string {
  const { hits } = result;
  if (!hits.length) return foundText(result, query);
  return [
    `${foundText(result, query)}：`,
    ...hits.map(
      (h) =>
        `${h.unit} ${h.year} 年 · ${SECTION_HEADINGS[h.section] ?? h.section}：${h.parts.map((p) => (p.hit ? `【${p.text}】` : p.text)).join('')}`,
    ),
  ].join('\n');
}
