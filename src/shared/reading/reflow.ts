// Puts back the line structure real copies of a report lose, before it is read line by line: a page's metadata
// lines (标题：…), the whole report on one or a few long lines with headings inline, a table row's label run
// into its digits (`行政规范性文件5845546`), labels broken one character per line (`(` `一` `)` `予以公开`).
// Headings and labels come from the template definitions, never from a second list.
import { getTemplate, normalizeLabel, TEMPLATE_IDS, type HeaderNode } from '../template';
import { readCellText } from './cell-value';

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const FUZZY: Record<string, string> = {
  '(': '[(（〔【]',
  ')': '[)）〕】]',
  ',': '[,，、]',
  '.': '[.．、]',
  ':': '[:：]',
  '"': '["“”‘’\']',
};
/** A regex source matching a label as printed with any spacing and either width of punctuation. */
const fuzzy = (label: string): string => [...normalizeLabel(label)].map((ch) => FUZZY[ch] ?? escape(ch)).join('\\s*');
const alternation = (labels: Iterable<string>): string =>
  [...new Set(labels)]
    .filter(Boolean)
    .sort((a, b) => normalizeLabel(b).length - normalizeLabel(a).length)
    .map(fuzzy)
    .join('|');

interface Vocabulary {
  /** Section headings: numeral, 、 and one of the section's key words. */
  heading: RegExp;
  /** A table's captions and group rows: always start a line. */
  group: RegExp;
  /** Data-row labels: start a line; 总计 (the last column label, before 表四's numbers) only when digits follow. */
  row: RegExp;
  /** A row label run into the digits that end its line. */
  runInto: RegExp;
  /** Normalised data-row label → how many value cells its row has: [fewest, most] over the formats. */
  rowCells: Map<string, [number, number]>;
}

// A heading's words around its key word (四、政府信息公开行政复议、行政诉讼情况), up to a space or a full stop.
const HEADING_WORDS = '[^\\s。，,;；:：]{0,16}';
// …and after it up to the word headings end with (情况, 事项…), so text run on after a heading stays text.
const HEADING_TAIL = '(?:[^\\s。，,;；:：]{0,16}?(?:情况|事项|措施|概述))?';

function vocabulary(): Vocabulary {
  const keywords = new Set<string>();
  const groups = new Set<string>();
  const rows = new Set<string>();
  const rowCells = new Map<string, [number, number]>();
  for (const id of TEMPLATE_IDS) {
    const t = getTemplate(id);
    t.sections.forEach((s) => s.keywords.forEach((k) => keywords.add(k)));
    for (const table of t.tables) {
      for (const b of table.blocks) {
        if (b.caption) [b.caption.label, ...(b.caption.variants ?? [])].forEach((l) => groups.add(l));
        const walk = (nodes: HeaderNode[], path: string[]) =>
          nodes.forEach((n) => {
            const forms = [n.label, ...(n.variants ?? [])];
            const keys = n.key ? [...path, n.key] : path;
            if (n.children?.length) {
              forms.forEach((f) => groups.add(f));
              walk(n.children, keys);
            } else {
              const cells = table.cells.filter((c) => c.rowKey === keys.join('.')).length;
              for (const f of forms) {
                rows.add(f);
                const [min, max] = rowCells.get(normalizeLabel(f)) ?? [cells, cells];
                rowCells.set(normalizeLabel(f), [Math.min(min, cells), Math.max(max, cells)]);
              }
            }
          });
        walk(b.rows, []);
      }
    }
  }
  const kw = alternation(keywords);
  return {
    heading: new RegExp(`[一二三四五六七八九十][、,，.．]\\s*${HEADING_WORDS}?(?:${kw})${HEADING_TAIL}`, 'gu'),
    group: new RegExp(`(?:${alternation(groups)})`, 'gu'),
    row: new RegExp(`(?:${alternation(rows)})|总\\s*计(?=\\s*-?\\d)`, 'gu'),
    runInto: new RegExp(`(${alternation([...rows, '总计'])})(?=-?\\d[-\\d.\\s]*$)`, 'u'),
    rowCells,
  };
}

let cached: Vocabulary | undefined;
const vocab = (): Vocabulary => (cached ??= vocabulary());

// The sections that hold tables (二、三、四 in the 2019 and 2021 formats): only there do labels start rows.
const INLINE_TITLE = /(?:[^\s>»›]{1,30} ?)?\d{4}\s*年度?\S{0,30}?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)/u;
const METADATA = /(?:发布(?:时间|日期)|来源|原文链接|字体)\s*[:：]/gu;
const ENDS_IN_DIGIT = /\d\s*$/u;
const TABLE_SECTION = /^\s*[二三四][、,，.．]/u;
/** A line this long holding one heading inline (or any line with two) is a run-together report. */
const LONG_LINE = 300;
// Page metadata before the body: the title line keeps only the title; the rest stay as they are.
const TITLE_FIELD = /^\s*(?:标题|题目|文章标题|名称)\s*[:：]\s*(\S.*)$/u;
// One character of a label per line: Han characters and brackets, not value marks or digits.
const LABEL_CHAR = /^\s*([\p{Script=Han}()（）]|[.．、])\s*$/u;
const NOT_LABEL_CHAR = /^\s*[无零空]\s*$/u;
const OPENS_LABEL = /[(（.．、)）]$/u;

const breakBefore = (line: string, re: RegExp): string =>
  line.replace(re, (m, ...rest) => ((rest[rest.length - 2] as number) > 0 ? `\n${m}` : m));
/** Headings stand on their own line: break before and after. */
const breakAround = (line: string, re: RegExp): string =>
  line.replace(re, (m, ...rest) => {
    const at = rest[rest.length - 2] as number;
    return `${at > 0 ? '\n' : ''}${m}${at + m.length < line.length ? '\n' : ''}`;
  });

export interface Reflowed {
  lines: string[];
  /** For each line, the 0-based line of the original text it comes from (for 第 N 行 in messages). */
  origin: number[];
}

/** The text's lines with their structure restored; a text that needs nothing comes back unchanged. */
export function reflowLines(text: string): Reflowed {
  const v = vocab();
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  const origin: number[] = [];
  let metadata = true;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (metadata) {
      const m = TITLE_FIELD.exec(line);
      if (m) line = m[1];
      else if (line.trim() && !/^\s*[^\s:：]{1,8}[:：]/u.test(line)) metadata = false;
    }
    // Labels broken one character per line: two or more such lines are one label (and the line after a
    // bracket or enumerator is its rest).
    if (LABEL_CHAR.test(line) && !NOT_LABEL_CHAR.test(line) && i + 1 < lines.length && LABEL_CHAR.test(lines[i + 1])) {
      let j = i;
      let joined = '';
      while (j < lines.length && LABEL_CHAR.test(lines[j]) && !NOT_LABEL_CHAR.test(lines[j])) joined += lines[j++].trim();
      if (OPENS_LABEL.test(joined) && j < lines.length && lines[j].trim() && !/^\s*\d/.test(lines[j])) joined += lines[j++].trimStart();
      out.push(joined);
      origin.push(i);
      i = j - 1;
      continue;
    }
    for (const piece of unfold(line, v).flatMap(unfoldAppendix)) {
      out.push(piece);
      origin.push(i);
    }
  }
  const joined = joinSeparatorLines(out, origin);
  return rejoinDetached(joined.lines, joined.origin, v);
}

const SEPARATOR_LINE = /^\s*\|\s*$/u;
/** Needed before a copy counts as one cell per line with each cell closed by a `|` line of its own. */
const MIN_SEPARATOR_LINES = 8;

/**
 * Some portals' tables copy as one cell per line with each cell closed by a line holding only `|`
 * (`规章` `|` `0` `|` …). Read line by line, every such `|` would be one more blank cell. When nearly every
 * lone `|` follows a line of text without separators, the copy has this shape: a `|` after a cell closes it,
 * and only a `|` after another `|` (or an empty line) is a blank cell.
 */
function joinSeparatorLines(lines: string[], origin: number[]): Reflowed {
  const closes = (k: number) => k > 0 && SEPARATOR_LINE.test(lines[k]) && lines[k - 1].trim() !== '' && !/[|\t]/.test(lines[k - 1]);
  const lone = lines.filter((l) => SEPARATOR_LINE.test(l)).length;
  const closing = lines.filter((_, k) => closes(k)).length;
  if (lone < MIN_SEPARATOR_LINES || closing < 0.8 * lone) return { lines, origin };
  const out: string[] = [];
  const from: number[] = [];
  lines.forEach((line, k) => {
    if (closes(k)) out[out.length - 1] += ' |';
    else {
      out.push(line);
      from.push(origin[k]);
    }
  });
  return { lines: out, origin: from };
}

/** Cells of a line: split at | or tabs; without them, a label line is one cell and a line of values splits at spaces. */
const cellsOf = (line: string, words: boolean): string[] =>
  (/[|\t]/.test(line) ? line.split(/[|\t]/) : words ? line.trim().split(/\s+/u) : [line]).map((c) => c.trim()).filter(Boolean);

/**
 * Text converted from PDF often gives a table's row labels as one block and the rows' numbers as another. When
 * a block of N data-row labels is followed by exactly N lines of numbers, each of which fits its row (no more
 * values than the row has cells, and a row of several cells printed as several values), label k and numbers k
 * are one row again. Anything less certain is left as it is, for the table reader to doubt.
 */
function rejoinDetached(lines: string[], origin: number[], v: Vocabulary): Reflowed {
  const labelCells = (line: string): [number, number] | undefined => {
    const cells = cellsOf(line, false);
    if (!cells.length || cells.some((c) => readCellText(c).kind !== 'text')) return undefined;
    return v.rowCells.get(normalizeLabel(cells[cells.length - 1]));
  };
  const values = (line: string): number => {
    const cells = cellsOf(line, true);
    return cells.length && cells.every((c) => readCellText(c).kind !== 'text') ? cells.length : 0;
  };
  const out: string[] = [];
  const from: number[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && labelCells(lines[j])) j++;
    let k = j;
    while (k < lines.length && !lines[k].trim()) k++;
    let m = k;
    while (m < lines.length && values(lines[m])) m++;
    const n = j - i;
    const fits =
      n > 1 &&
      m - k === n &&
      Array.from({ length: n }, (_, x) => ({ cells: labelCells(lines[i + x])!, count: values(lines[k + x]) })).every(
        ({ cells: [min, max], count }) => count <= max && (count > 1 || min === 1),
      );
    if (!fits) {
      // The whole block stays as it is: a block is matched from its first label or not at all.
      for (let x = i; x < Math.max(j, i + 1); x++) {
        out.push(lines[x]);
        from.push(origin[x]);
      }
      i = Math.max(j, i + 1);
      continue;
    }
    for (let x = 0; x < n; x++) {
      out.push(`${lines[i + x].trim()} | ${lines[k + x].trim()}`);
      from.push(origin[i + x]);
    }
    i = m;
  }
  return { lines: out, origin: from };
}

/** A long line with headings inline → one line per heading, and in the table sections one per row. */
function unfold(line: string, v: Vocabulary): string[] {
  const headings = line.match(v.heading)?.length ?? 0;
  if (!(headings >= 2 || (headings === 1 && line.length > LONG_LINE))) return [line.replace(v.runInto, '$1 ')];
  const whole = new RegExp(`^(?:${v.heading.source})$`, 'u');
  let inTable = false;
  return breakAround(line, v.heading)
    .split('\n')
    .flatMap((piece, i) => {
      // Before the first heading: the title and the page's metadata on lines of their own.
      if (i === 0 && !whole.test(piece.trim())) return breakBefore(breakAround(piece, INLINE_TITLE), METADATA).split('\n');
      if (whole.test(piece.trim())) {
        inTable = TABLE_SECTION.test(piece);
        return [piece];
      }
      const p = inTable ? breakBefore(breakBefore(piece, v.group), v.row) : piece;
      return p.split('\n').map((l) => (ENDS_IN_DIGIT.test(l) ? l.replace(v.runInto, '$1 ') : l));
    });
}

// A 2018-or-earlier appendix run onto one line (`指标名称 单位 2018年 历年累计 主动公开文件数 条 1630 20080 …`):
// the header and each `label unit value value` row on a line of its own, cells separated by |, so the appendix
// reader finds them as it does in a copy that kept its lines. Anything that is not such a row ends the table.
let appendixHeader: RegExp | undefined;
const APPENDIX_VALUE = '(?:-?[\\d,，.]+|[/／\\\\—–-]+|无)';
const APPENDIX_ROW = new RegExp(`^\\s*(\\S.{0,59}?)\\s+([^\\s\\d]{1,6})\\s+(${APPENDIX_VALUE})\\s+(${APPENDIX_VALUE})(?=\\s|$)`, 'u');

function unfoldAppendix(line: string): string[] {
  if (!appendixHeader) {
    const columns = getTemplate('legacy').legacyColumns ?? [];
    const forms = (key: string) => alternation(columns.filter((c) => c.key === key).flatMap((c) => [c.label, ...c.variants]));
    appendixHeader = new RegExp(
      `(${forms('label')})\\s*\\|?\\s*(${forms('unit')})\\s*\\|?\\s*(\\d{4}\\s*年度?|${forms('this_year')})\\s*\\|?\\s*(${forms('cumulative')})`,
      'u',
    );
  }
  const h = appendixHeader.exec(line);
  if (!h) return [line];
  let rest = line.slice(h.index + h[0].length);
  const rows: string[] = [];
  for (let m = APPENDIX_ROW.exec(rest); m; m = APPENDIX_ROW.exec(rest)) {
    rows.push(m.slice(1, 5).join(' | '));
    rest = rest.slice(m[0].length);
  }
  if (!rows.length) return [line];
  const before = line.slice(0, h.index).trim();
  return [...(before ? [before] : []), h.slice(1, 5).join(' | '), ...rows, ...(rest.trim() ? [rest.trim()] : [])];
}
