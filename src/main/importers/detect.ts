// Which template a report uses, from its tables (spec §1), not from its year: some agencies kept the 2019
// grid after 2021, and that is worth flagging rather than hiding.
import { getTemplate, normalizeLabel, templateForYear, type TemplateId } from '../../shared/template';
import { findLegacyHeader } from './appendix';
import { tableVocabulary, tokensOf, type Token } from './labels';
import type { SourceLine } from './lines';

export interface Detection {
  template: TemplateId;
  /** Set when the choice rests on something other than the tables (no grid found, mixed signs). */
  note?: string;
  /** No grid and no appendix was found: the choice rests on headings and year only. */
  noTables?: boolean;
}

const vocab2021 = tableVocabulary('gov2021');
const vocab2019 = tableVocabulary('gov2019');
const only = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => !b.has(x)));
const only2019 = only(vocab2019, vocab2021);
const only2021 = only(vocab2021, vocab2019);
const otherRow = normalizeLabel('（六）其他处理');

/** How many distinct labels of each version the cells hold, counting a lone （六）其他处理 row as 2019. */
function score(tokens: readonly Token[]): { grid: number; v2019: number; v2021: number } {
  const seen = new Set(tokens.filter((t) => t.reading.kind === 'text').map((t) => t.norm));
  const count = (set: Set<string>) => [...set].filter((x) => seen.has(x)).length;
  let v2019 = count(only2019);
  // gov2019 has one （六）其他处理 row with numbers; gov2021 splits it into 1.–3. (found via only2021).
  const i = tokens.findIndex((t) => t.norm === otherRow);
  const next = i >= 0 ? tokens.slice(i + 1).find((t) => t.reading.kind !== 'blank') : undefined;
  if (next && next.reading.kind === 'value') v2019++;
  return { grid: count(new Set([...vocab2019, ...vocab2021])), v2019, v2021: count(only2021) };
}

// A handful of table labels make a grid; a stray 规章 or 行政许可 in a paragraph does not.
const MIN_GRID_LABELS = 5;

export function detectTemplate(
  lines: readonly SourceLine[],
  headingCount: (id: TemplateId) => number,
  year: number | null,
): Detection | null {
  const tokens = tokensOf(lines, 0, lines.length);
  const s = score(tokens);
  if (s.grid >= MIN_GRID_LABELS) {
    if (s.v2019 > s.v2021) {
      return s.v2021
        ? { template: 'gov2019', note: `表格中既有2019年版也有2021年版的栏目，按较多的一方认作2019年版。` }
        : { template: 'gov2019' };
    }
    if (s.v2021 > s.v2019) {
      return s.v2019
        ? { template: 'gov2021', note: `表格中既有2019年版也有2021年版的栏目，按较多的一方认作2021年版。` }
        : { template: 'gov2021' };
    }
    const byYear = year !== null && year < 2021 ? 'gov2019' : 'gov2021';
    const why = year === null ? '默认' : `按${year}年`;
    return { template: byYear, note: `从表格看不出是2019年版还是2021年版，${why}认作${getTemplate(byYear).name}。` };
  }
  if (findLegacyHeader(tokens, 0, tokens.length, getTemplate('legacy'))) return { template: 'legacy' };
  // No grid and no appendix: the tables may have been images. The headings still tell a report.
  const gov = headingCount('gov2021');
  const legacy = headingCount('legacy');
  if (gov >= 3 && (year === null || year >= 2019)) {
    const id = year === null ? 'gov2021' : templateForYear(year);
    const why = year === null ? '章节标题' : `${year}年`;
    return {
      template: id,
      noTables: true,
      note: `没有找到统计表格（可能是图片），按${why}认作${getTemplate(id).name}，表格单元格均留空。`,
    };
  }
  if (legacy >= 2 || gov >= 3) return { template: 'legacy', noTables: true, note: '没有找到统计表格或附表，认作2018年及以前的报告。' };
  return null;
}
