// The report as a Word document in the look of official documents (GB/T 9704): A4, title in 方正小标宋简体 二号,
// body in 仿宋_GB2312 三号 at a fixed 28-point line, part headings in 黑体, sub-headings in 楷体, page numbers
// “— 1 —”, the three tables in the template's merged layout. Fonts are named per run (east-Asian and Latin): a
// run holds one name, the official one; the font table names the fallback Word uses where a machine lacks it.
import {
  AlignmentType,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import type { Report } from '../../shared/report';
import type { Table } from '../../shared/template';
import { columnWidths } from '../excel/style';
import {
  appendixRows,
  FONTS,
  isSubHeading,
  officialRows,
  publishedDocument,
  titleLines,
  type PrintedRow,
  type PublishedAppendix,
  type PublishedDocument,
} from './document';

type Role = Exclude<keyof typeof FONTS, 'latin'>;

// Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt, 小五 9pt.
const SIZE = { title: 44, text: 32, footer: 28, table: 21, smallTable: 18 };
const TWIPS_PER_MM = 56.7;
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** 28-point lines: 22 lines of 28 characters on a page, as the standard sets them. */
const LINE = 560;
const INDENT = 640;
/** Characters of 二号 on a line of the text block, one kept spare (fallback fonts run wider). */
const TITLE_PER_LINE = Math.floor(TEXT_WIDTH / (SIZE.title * 10)) - 1;
/** Twips: three characters of 五号 and the cell margins; four characters for the outer label columns. */
const CELL_MARGIN = 40;
const MIN_VALUE_WIDTH = 3 * 210 + 2 * CELL_MARGIN + 10;
const OUTER_LABEL_WIDTH = 4 * 210 + 2 * CELL_MARGIN + 10;

const run = (text: string, role: Role, extra: Partial<IRunOptions> = {}): TextRun =>
  new TextRun({
    text,
    font: { eastAsia: FONTS[role][0], ascii: FONTS.latin[0], hAnsi: FONTS.latin[0], hint: 'eastAsia' },
    size: role === 'title' ? SIZE.title : role === 'table' ? SIZE.table : SIZE.text,
    ...extra,
  });

const textParagraph = (text: string, role: Role): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: INDENT },
    spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    children: [run(text, role)],
  });

function tableCell(text: string, role: string, width: number, size: number, spans: { row: number; col: number }): TableCell {
  const left = role === 'row' || role === 'caption';
  return new TableCell({
    rowSpan: spans.row,
    columnSpan: spans.col,
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: left ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 240, lineRule: LineRuleType.AUTO },
        children: [run(text, 'table', { size, bold: role === 'column' || role === 'corner' || role === 'caption' })],
      }),
    ],
  });
}

/** Column widths in twips: the Excel writer's proportions, stretched to the width of the text block. */
function gridOf(table: Table): number[] {
  const w = columnWidths(table);
  const total = w.reduce((a, b) => a + b, 0);
  const grid = w.map((x) => Math.floor((x / total) * TEXT_WIDTH));
  const { labelColumns, cols } = table.layout;
  if (!labelColumns) return grid;
  // Value columns wide enough for 自然人 or a four-figure number on one line. Of the label columns, the outer
  // ones (三、本年度办理结果, （三）不予公开) take four characters a line, the innermost the rest.
  const values = Math.max(MIN_VALUE_WIDTH, ...grid.slice(labelColumns));
  const outer = Array.from({ length: labelColumns - 1 }, () => OUTER_LABEL_WIDTH);
  const inner = TEXT_WIDTH - values * (cols - labelColumns) - outer.reduce((a, b) => a + b, 0);
  return [...outer, inner, ...grid.slice(labelColumns).map(() => values)];
}

function officialTable(table: Table, values: Report['values']): DocxTable {
  const grid = gridOf(table);
  // 表四 has fifteen value columns: its text is set a size smaller so 结果维持 fits in two lines.
  const size = table.layout.cols > 10 ? SIZE.smallTable : SIZE.table;
  return new DocxTable({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: grid,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: officialRows(table, values).map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          cantSplit: true,
          height: { value: 400, rule: HeightRule.ATLEAST },
          children: row.cells.map((c) =>
            tableCell(
              c.text,
              c.role,
              grid.slice(c.col - 1, c.col - 1 + c.colSpan).reduce((a, b) => a + b, 0),
              size,
              {
                row: c.rowSpan,
                col: c.colSpan,
              },
            ),
          ),
        }),
    ),
  });
}

function appendixTable(a: PublishedAppendix): DocxTable {
  const share = [0.52, 0.12, 0.18, 0.18];
  const grid = share.slice(0, a.columns.length).map((s) => Math.floor(s * TEXT_WIDTH));
  const width = grid.reduce((x, y) => x + y, 0);
  const cellWidth = (c: PrintedRow['cells'][number]) => grid.slice(c.col - 1, c.col - 1 + c.colSpan).reduce((x, y) => x + y, 0);
  return new DocxTable({
    width: { size: width, type: WidthType.DXA },
    columnWidths: grid,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: appendixRows(a).map(
      (row, i) =>
        new TableRow({
          tableHeader: row.header,
          cantSplit: i > 1,
          children: row.cells.map((c) => tableCell(c.text, c.role, cellWidth(c), SIZE.table, { row: 1, col: c.colSpan })),
        }),
    ),
  });
}

function body(doc: PublishedDocument): (Paragraph | DocxTable)[] {
  const out: (Paragraph | DocxTable)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: doc.date ? 0 : LINE },
      children: titleLines(doc.title, TITLE_PER_LINE).map((line, i) => run(line, 'title', i ? { break: 1 } : {})),
    }),
  ];
  if (doc.date) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: LINE / 2 },
        children: [run(`发布日期：${doc.date}`, 'subHeading')],
      }),
    );
  }
  out.push(textParagraph(doc.opening, 'body'));
  for (const part of doc.parts) {
    out.push(
      new Paragraph({
        indent: { firstLine: INDENT },
        keepNext: true,
        spacing: { line: LINE, lineRule: LineRuleType.EXACT },
        children: [run(part.heading, 'heading')],
      }),
    );
    for (const p of part.paragraphs) out.push(textParagraph(p, isSubHeading(p) ? 'subHeading' : 'body'));
    if (part.table) {
      out.push(officialTable(part.table, doc.values));
      // A little air below a table before the next heading.
      out.push(new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: [] }));
    }
  }
  if (doc.appendix) out.push(appendixTable(doc.appendix));
  return out;
}

/** What Word and WPS use where the official font is missing: what every Chinese Windows has. */
const ALT_NAMES: Partial<Record<Role, string>> = { title: '宋体', body: '仿宋', subHeading: '楷体' };

/**
 * The font table says what each named font is (Chinese charset; 黑体 sans, the others serif) and gives the
 * w:altName that Word uses where the machine lacks it, so a report in 仿宋_GB2312 falls back to 仿宋.
 */
function fontTable(): string {
  const font = (name: string, charset: string, family: string, alt?: string) =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="${charset}"/>` +
    `<w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  const roles: Role[] = ['title', 'heading', 'body', 'subHeading', 'table'];
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    roles.map((r) => font(FONTS[r][0], '86', r === 'heading' ? 'modern' : 'roman', ALT_NAMES[r])).join('') +
    font(FONTS.latin[0], '00', 'roman') +
    '</w:fonts>'
  );
}

export async function reportDocx(report: Report): Promise<Buffer> {
  const doc = publishedDocument(report);
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: { eastAsia: FONTS.table[0], ascii: FONTS.table[0], hAnsi: FONTS.table[0] },
            size: SIZE.footer,
          }),
        ],
      }),
    ],
  });
  const document = new Document({
    creator: '政府信息公开年报助手',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { font: { eastAsia: FONTS.body[0], ascii: FONTS.latin[0], hAnsi: FONTS.latin[0] }, size: SIZE.text },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: Math.round(18 * TWIPS_PER_MM) },
          },
        },
        footers: { default: footer },
        children: body(doc),
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}
