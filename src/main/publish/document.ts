// The report as it is published (Word and the portal page): title, date, opening paragraph, the parts in order
// with their paragraphs, the tables in the template's merged layout, and a legacy report's appendix. Both
// writers draw from this, so the Word file and the web page say exactly the same thing.
import { NOT_APPLICABLE, type CellValue, type LegacyRow, type Report } from '../../shared/report';
import { getTemplate, type LayoutCell, type LegacyColumnDef, type Table } from '../../shared/template';

/** Font names per role, the official one first, then what Windows, UOS, Kylin and macOS carry. Word names the
 * first per run; the web page lists them all. */
export const FONTS = {
  title: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '华文中宋', 'STZhongsong', '宋体', 'SimSun', 'Noto Serif CJK SC'],
  heading: ['黑体', 'SimHei', 'Heiti SC', 'Microsoft YaHei', 'Noto Sans CJK SC'],
  body: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', '宋体', 'SimSun', 'Noto Serif CJK SC'],
  subHeading: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC'],
  table: ['宋体', 'SimSun', 'Songti SC', 'Noto Serif CJK SC'],
  latin: ['Times New Roman'],
} as const;

export interface PublishedPart {
  heading: string;
  paragraphs: string[];
  table?: Table;
}

export interface PublishedAppendix {
  caption: string;
  columns: LegacyColumnDef[];
  rows: LegacyRow[];
}

export interface PublishedDocument {
  title: string;
  /** 发布日期 as people write it (2025年2月10日), when the report has one. */
  date: string | null;
  opening: string;
  parts: PublishedPart[];
  appendix: PublishedAppendix | null;
  values: Report['values'];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const NUMBERED = /^([一二三四五六七八九十])[、,，.．]/;

const TITLE_TAIL = '政府信息公开工作年度报告';

export const reportTitle = (r: Pick<Report, 'unit' | 'year'>): string =>
  `${r.unit ?? ''}${r.year !== null ? `${r.year}年` : ''}${TITLE_TAIL}`;

/** Width in full-width characters (digits and Latin letters count half). */
const fullWidth = (s: string): number => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 1 : 0.5), 0);

/**
 * The title as set on the page: one line when it fits, else broken before 政府信息公开工作年度报告 rather than
 * leaving its last character alone on the second line.
 */
export function titleLines(title: string, perLine: number): string[] {
  if (fullWidth(title) <= perLine || !title.endsWith(TITLE_TAIL) || title === TITLE_TAIL) return [title];
  return [title.slice(0, -TITLE_TAIL.length), TITLE_TAIL];
}

export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Paragraphs of a part's text: one per line, as the editor keeps them. */
export const paragraphsOf = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The opening paragraph every report carries: what it is based on, what it contains, the period it covers. */
function openingOf(report: Report): string {
  const t = getTemplate(report.template);
  const basis =
    t.id === 'legacy'
      ? `《中华人民共和国政府信息公开条例》（2007年）`
      : `《中华人民共和国政府信息公开条例》（以下简称《条例》）和${t.issuedBy}`;
  const parts = t.sections.map((s) => s.heading.replace(NUMBERED, '')).join('，');
  const period = report.year !== null ? `本报告中所列数据的统计期限自${report.year}年1月1日起至${report.year}年12月31日止。` : '';
  return `本报告根据${basis}的要求编制，全文包括${parts}。${period}`;
}

export function publishedDocument(report: Report): PublishedDocument {
  const t = getTemplate(report.template);
  const parts: PublishedPart[] = [];
  // The 2019 and 2021 formats number the six parts 一 to 六. Older reports numbered their parts freely, and
  // the sub-parts of 概述 often carry 二、三、…: a later part continues after the highest numeral used.
  let next = 0;
  for (const s of t.sections) {
    const paragraphs = s.kind === 'text' ? paragraphsOf(report.sections[s.key as 'overall']) : [];
    const heading = t.id === 'legacy' ? `${NUMERALS[next]}、${s.heading.replace(NUMBERED, '')}` : s.heading;
    next++;
    if (t.id === 'legacy') {
      for (const p of paragraphs) {
        const m = NUMBERED.exec(p);
        if (m && p.length <= 40) next = Math.max(next, NUMERALS.indexOf(m[1]) + 1);
      }
    }
    parts.push({ heading, paragraphs, table: t.tables.find((x) => x.id === s.key) });
  }
  const appendix =
    t.id === 'legacy' && report.legacy?.length
      ? { caption: '政府信息公开情况统计表', columns: t.legacyColumns ?? [], rows: report.legacy }
      : null;
  return {
    title: reportTitle(report),
    date: report.published ? chineseDate(report.published) : null,
    opening: openingOf(report),
    parts,
    appendix,
    values: report.values,
  };
}

/** A value as printed: blank stays blank (never 0), 不适用 as the form's slash. */
const printedValue = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : v === NOT_APPLICABLE ? '/' : String(v));

const legacyCell = (r: LegacyRow, key: LegacyColumnDef['key']): string => {
  const v = key === 'label' ? r.label : key === 'unit' ? r.unit : key === 'this_year' ? r.this_year : r.cumulative;
  return v === null ? '' : String(v);
};

/** A cell of a published table: its printed text, its role (which sets its style), where it starts and its merge. */
export interface PrintedCell {
  text: string;
  role: LayoutCell['role'];
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** A row of a published table; a header row (corner and column labels only) repeats on each page the table runs onto. */
export interface PrintedRow {
  header: boolean;
  cells: PrintedCell[];
}

/** An official table as Word and the web page print it: the template's merged layout with the report's values. */
export function officialRows(table: Table, values: Report['values']): PrintedRow[] {
  const rows: LayoutCell[][] = Array.from({ length: table.layout.rows }, () => []);
  for (const c of table.layout.cells) rows[c.row - 1].push(c);
  return rows.map((row) => ({
    header: row.every((c) => c.role === 'corner' || c.role === 'column'),
    cells: row
      .sort((a, b) => a.col - b.col)
      .map((c) => ({
        text: c.role === 'value' ? printedValue(values[c.key!]) : c.text,
        role: c.role,
        col: c.col,
        rowSpan: c.rowSpan,
        colSpan: c.colSpan,
      })),
  }));
}

/** The legacy appendix: its caption across all columns, the column labels (a header row), one row per item. */
export function appendixRows(a: PublishedAppendix): PrintedRow[] {
  const one = (text: string, role: PrintedCell['role'], i: number): PrintedCell => ({ text, role, col: i + 1, rowSpan: 1, colSpan: 1 });
  return [
    { header: false, cells: [{ ...one(a.caption, 'caption', 0), colSpan: a.columns.length }] },
    { header: true, cells: a.columns.map((c, i) => one(c.label, 'column', i)) },
    ...a.rows.map((r) => ({
      header: false,
      cells: a.columns.map((c, i) => one(legacyCell(r, c.key), c.key === 'label' ? 'row' : 'value', i)),
    })),
  ];
}

/** A short line that opens with （一） is a sub-heading, set in 楷体. */
export const isSubHeading = (p: string): boolean => /^[（(][一二三四五六七八九十]+[)）]/.test(p) && p.length <= 30;
