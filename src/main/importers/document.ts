// Turns lines of cells (from text, HTML or Word) into a candidate report: template, sections, tables,
// appendix, unit/year/date, with provenance, doubts and notes. Every importer of published reports ends here.
// Real table markup (HTML, Word) is also given as grids: its statistics tables are read from them by the
// reader workbooks use (shared/reading/read-tables.ts); a table not found there is read from the lines.
import { basename } from 'node:path';
import { emptyReport, type Doubt, type Report } from '../../shared/report';
import { getTemplate, normalizeLabel, type SectionKey, type Template, type TemplateId } from '../../shared/template';
import type { SourceKind } from '../db/reports';
import { InputError } from '../errors';
import { readAppendix } from './appendix';
import { detectTemplate } from './detect';
import type { SourceLine } from './lines';
import { readPublished, readTitle, titleInSentence, unitFromBody, yearFromOpening, yearFromPeriod } from '../../shared/reading/identity';
import { splitSections, type SplitText } from './sections';
import { readTable, tableName } from './table-reader';
import type { Grid } from '../../shared/reading/grid';
import { readGridTable } from '../../shared/reading/read-tables';
import type { ParsedReport } from './types';

export interface DocumentInput {
  lines: SourceLine[];
  file: string;
  kind: SourceKind;
  /** The document's tables as grids (HTML and Word): where the statistics tables are read first. */
  grids?: Grid[];
  /** Page title and publication date from HTML metadata, used when the text itself has none. */
  hints?: { title?: string; published?: string };
  /** The lines are a copy in traditional characters folded to simplified (shared/reading/traditional.ts). */
  traditional?: boolean;
}

const TEXT_SECTIONS: SectionKey[] = ['overall', 'problems', 'other'];
/** The templates whose tables are read from grids, as for workbooks (the legacy form has its own appendix reader). */
const GRID_TEMPLATES: TemplateId[] = ['gov2021', 'gov2019'];
const MIN_REPEATED_LENGTH = 30;

export function readDocument(input: DocumentInput): ParsedReport {
  const { lines, kind } = input;
  const file = basename(input.file);
  if (!lines.some((l) => l.cells.some((c) => c.text.trim()))) throw new InputError(`文件 ${input.file} 是空的，没有可读的内容。`);

  const text = lines.map((l) => l.text).join('\n');
  const splits = new Map<TemplateId, SplitText>();
  const split = (id: TemplateId): SplitText => {
    if (!splits.has(id)) splits.set(id, splitSections(text, getTemplate(id)));
    return splits.get(id) as SplitText;
  };
  const headingCount = (id: TemplateId) => Object.keys(split(id).headingLines).length;
  const preambleOf = (id: TemplateId) =>
    lines.slice(0, Math.min(lines.length, ...Object.values(split(id).headingLines))).map((l) => l.text);
  const preamble0 = preambleOf('gov2021');
  // A long title is often set on two lines (某县教育局2024年 / 政府信息公开工作年度报告): after single lines, pairs.
  const pairs = preamble0.slice(1).map((l, i) => `${preamble0[i]}${l}`);
  const titleCandidates = [...preamble0, ...(input.hints?.title ? [input.hints.title] : []), ...pairs];
  const title = readTitle(titleCandidates);

  const detection = detectTemplate(lines, headingCount, title?.year ?? null);
  if (!detection) {
    if (input.traditional)
      throw new InputError(
        `文件 ${input.file} 是繁体字（多见于网站“繁体版”页面或转换成繁体的转载），按简体字对照后仍没有读出年度报告；请打开原网站的简体版页面另存后再导入。`,
      );
    throw new InputError(`文件 ${input.file} 中没有找到政府信息公开工作年度报告（既没有统计表格，也没有“一、总体情况”等章节标题）。`);
  }
  const template = getTemplate(detection.template);
  const { headingLines } = split(template.id);
  const notes: string[] = detection.note ? [`${file}：${detection.note}`] : [];
  const doubts: Doubt[] = [];
  const provenance: Record<string, string> = {};
  const used = new Set<number>();
  const report: Report = emptyReport(template.id);

  const grids = GRID_TEMPLATES.includes(template.id) ? (input.grids ?? []) : [];
  const tableHeads = { ...tableTitleLines(template, lines, headingLines), ...headingLines };
  for (const [range, table] of tableRanges(template, tableHeads, lines.length)) {
    const g = grids.length ? readGridTable(grids, table) : null;
    // Found in the grids when most of its rows were placed by label; otherwise the lines are read as text.
    if (g?.found && 2 * g.rows >= g.of) {
      Object.assign(report.values, g.values);
      Object.assign(provenance, g.provenance);
      const rescued = g.unaligned?.length ? alignedByText(g.unaligned, readTable(table, lines, range.from, range.to, { file })) : [];
      for (const r of rescued) {
        Object.assign(report.values, r.values);
        Object.assign(provenance, r.provenance);
      }
      const settled = new Set(rescued.flatMap((r) => Object.keys(r.values)));
      const kept = g.doubts.filter((d) => !d.cells.every((c) => settled.has(c)));
      doubts.push(...kept.map((d) => ({ ...d, message: `${file} ${sentence(d.message)}` })));
      notes.push(...g.notes.map((n) => `${file}：${sentence(n)}`));
      continue;
    }
    const r = readTable(table, lines, range.from, range.to, { file });
    Object.assign(report.values, r.values);
    Object.assign(provenance, r.provenance);
    doubts.push(...r.doubts);
    r.usedLines.forEach((i) => used.add(i));
    if (r.rowsFound > 0) notes.push(...r.notes);
    else if (!detection.noTables) {
      const what = `${tableName(table)}（${table.section.heading.slice(2)}）`;
      notes.push(`${file}：没有读到${what}的任何数据行，单元格均留空。`);
      // A table printed under its heading with no numbers is blank; one whose heading is nowhere is unknown.
      if (tableHeads[table.id] === undefined)
        doubts.push({
          cells: table.cells.map((c) => c.key),
          message: `${file}：没有读到${what}的任何数据行（原文可能没有印这张表，或它的形式无法识别），这张表的单元格暂留空，请对照原文填写。`,
        });
    }
  }

  let appendixYear: number | null = null;
  if (template.id === 'legacy') {
    const a = readAppendix(lines, template, file);
    if (a) {
      report.legacy = a.rows;
      Object.assign(provenance, a.provenance);
      notes.push(...a.notes);
      a.usedLines.forEach((i) => used.add(i));
      appendixYear = a.year;
    } else {
      report.legacy = [];
    }
  }

  report.sections = sectionTexts(lines, headingLines, used);
  const missing = TEXT_SECTIONS.filter((k) => template.sections.some((s) => s.key === k) && headingLines[k] === undefined);
  if (missing.length) {
    const headings = missing.map((k) => `“${template.sections.find((s) => s.key === k)?.heading}”`).join('、');
    notes.push(`${file}：没有找到章节 ${headings}。`);
  }

  const preamble = lines.slice(0, Math.min(lines.length, ...Object.values(headingLines))).map((l) => l.text);
  report.published = readPublished(preamble) ?? input.hints?.published ?? null;
  report.unit = title?.unit ?? null;
  report.year = title?.year ?? appendixYear ?? null;
  // No title line: the preamble may name the report in a sentence, or state its statistics period.
  const named = title ? null : titleInSentence(preamble);
  if (named && report.year === null) {
    report.year = named.year;
    report.unit = named.unit;
    const unit = named.unit ? `单位“${named.unit}”和` : '';
    notes.push(`${file}：原文没有标题，${unit}报告年份 ${named.year} 取自开头的“${named.sentence}”，请核对。`);
  }
  const period = report.year === null ? yearFromPeriod([...preamble, report.sections.overall ?? ''].join('\n')) : null;
  if (period) {
    report.year = period.year;
    notes.push(`${file}：原文没有标题，报告年份 ${period.year} 取自统计期限“${period.period}”，请核对。`);
  }
  if (report.year === null) {
    report.year = yearFromOpening(report.sections.overall);
    if (report.year !== null) notes.push(`${file}：原文没有标题，报告年份 ${report.year} 取自“总体情况”的第一句，请核对。`);
  }
  if (report.unit === null) {
    const inferred = unitFromBody(text);
    if (inferred) {
      report.unit = inferred.unit;
      const why = title ? '标题中没有单位名称' : '原文没有标题';
      notes.push(`${file}：${why}，单位名称“${inferred.unit}”是从正文推断的（${inferred.evidence}），请核对。`);
    }
  }
  if (input.traditional) notes.push(`${file}：原文是繁体字，表格、标题和日期按对应的简体字读取；各部分文字保持原文的繁体字，请核对。`);
  notes.push(...repeatedParagraphs(lines, file));
  report.doubts = doubts;
  return { report, provenance, source: { kind, file: input.file }, notes, text };
}

/**
 * Rows the grid could not align with its header (a part after a page break printed without its group columns)
 * are placed by the text reader, which counts columns from the row's own label: taken only where it placed the
 * whole row without a doubt.
 */
function alignedByText(
  rows: string[][],
  text: ReturnType<typeof readTable>,
): Pick<ReturnType<typeof readTable>, 'values' | 'provenance'>[] {
  const doubted = new Set(text.doubts.flatMap((d) => d.cells));
  return rows
    .filter((keys) => keys.every((k) => !doubted.has(k)) && keys.some((k) => text.provenance[k] !== undefined))
    .map((keys) => ({
      values: Object.fromEntries(keys.map((k) => [k, text.values[k] ?? null])),
      provenance: Object.fromEntries(keys.filter((k) => text.provenance[k] !== undefined).map((k) => [k, text.provenance[k]])),
    }));
}

const sentence = (s: string) => (/[。！？]$/.test(s) ? s : `${s}。`);

// 表三：, ## 表三, 附表3 before a table's title, and the numbering of a heading (一、 （一） 1.).
const TITLE_PREFIX =
  /^(?:#+\s*)?(?:附?表\s*[一二三四五六七八九十\d]+\s*[:：、.]?\s*)?(?:[（(]?[一二三四五六七八九十\d]+[)）]?\s*[、.．]?\s*)?/u;

/**
 * Tables whose section heading was not found by its numeral: a report that numbers its statistical tables on
 * their own (`一、主动公开政府信息情况` after a prose section 三) still prints each table's full title, which is
 * looked for as a whole line, in order, after the previous table.
 */
function tableTitleLines(template: Template, lines: readonly SourceLine[], headingLines: Partial<Record<SectionKey, number>>) {
  const out: Partial<Record<SectionKey, number>> = {};
  let from = headingLines.overall ?? 0;
  for (const table of template.tables) {
    const h = headingLines[table.id];
    if (h !== undefined) {
      from = h + 1;
      continue;
    }
    const title = normalizeLabel(table.section.heading.replace(TITLE_PREFIX, ''));
    for (let i = from; i < lines.length; i++) {
      const t = lines[i].text.trim();
      if (!t || t.length > 60 || normalizeLabel(t.replace(TITLE_PREFIX, '')) !== title) continue;
      out[table.id] = i;
      from = i + 1;
      break;
    }
  }
  return out;
}

/** Where each table of the template is looked for: from its heading to the next heading found. */
function tableRanges(template: Template, headingLines: Partial<Record<SectionKey, number>>, end: number) {
  const starts = Object.values(headingLines).sort((a, b) => a - b);
  const next = (line: number) => starts.find((s) => s > line) ?? end;
  const out: [{ from: number; to: number }, Template['tables'][number]][] = [];
  let previousEnd = headingLines.overall ?? 0;
  for (const table of template.tables) {
    const h = headingLines[table.id];
    // Without its heading, a table is looked for after the previous one, up to the next heading found.
    const from = h !== undefined ? h + 1 : previousEnd;
    const to = next(h ?? from);
    out.push([{ from, to }, table]);
    previousEnd = to;
  }
  return out;
}

/** The text sections, without the lines a table or the appendix was read from. */
function sectionTexts(lines: readonly SourceLine[], headingLines: Partial<Record<SectionKey, number>>, used: Set<number>) {
  const starts = Object.values(headingLines).sort((a, b) => a - b);
  const sections: Report['sections'] = {};
  for (const key of TEXT_SECTIONS) {
    const h = headingLines[key];
    if (h === undefined) continue;
    const end = starts.find((s) => s > h) ?? lines.length;
    sections[key] = lines
      .slice(h + 1, end)
      .filter((l, i) => !used.has(h + 1 + i) && !l.grid)
      .map((l) => (l.shown ?? l.text).trim())
      .filter(Boolean)
      .join('\n');
  }
  return sections;
}

/** Scraped pages often repeat a paragraph (a teaser before the title): say so, so a person can check. */
function repeatedParagraphs(lines: readonly SourceLine[], file: string): string[] {
  const seen = new Map<string, string>();
  const notes: string[] = [];
  for (const l of lines) {
    const t = l.text.trim();
    if (t.length < MIN_REPEATED_LENGTH || l.grid || l.cells.length !== 1) continue;
    const first = seen.get(t);
    if (first) notes.push(`${file}：${first}与${l.where}是同一段文字（多半是网页抓取时多出来的一份）。`);
    else seen.set(t, l.where);
  }
  return notes;
}
