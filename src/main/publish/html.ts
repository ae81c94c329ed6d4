// The report as one self-contained web page for the portal: no scripts, no external files, every style written
// on its element (a CMS that takes pasted content keeps style attributes but drops <head> and <style>), the
// tables as real <table> markup with the template's rowspan/colspan merges.
import type { Report } from '../../shared/report';
import type { Table } from '../../shared/template';
import { columnWidths } from '../excel/style';
import { appendixRows, FONTS, isSubHeading, officialRows, publishedDocument, type PrintedRow, type PublishedAppendix } from './document';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const css = (names: readonly string[], generic: string) => `${names.map((n) => `'${n}'`).join(',')},${generic}`;
const FAMILY = {
  title: css(FONTS.title, 'serif'),
  heading: css(FONTS.heading, 'sans-serif'),
  body: css(FONTS.body, 'serif'),
  kai: css(FONTS.subHeading, 'serif'),
  table: css(FONTS.table, 'serif'),
};

const style = (s: Record<string, string | number>): string =>
  Object.entries(s)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${v}`)
    .join(';');

const P = style({ margin: '0', textIndent: '2em', textAlign: 'justify', lineHeight: 1.9 });
const SUB = style({ margin: '0', textIndent: '2em', lineHeight: 1.9, fontFamily: FAMILY.kai });
const H2 = style({ margin: '0.8em 0 0.2em', textIndent: '2em', fontFamily: FAMILY.heading, fontSize: '16pt', fontWeight: 'normal' });
const TABLE = style({
  width: '100%',
  borderCollapse: 'collapse',
  tableLayout: 'fixed',
  margin: '0.5em 0 1em',
  fontFamily: FAMILY.table,
  fontSize: '10.5pt',
  lineHeight: 1.4,
});
const cellStyle = (role: string): string =>
  style({
    border: '1px solid #000',
    padding: '3px 4px',
    verticalAlign: 'middle',
    textAlign: role === 'row' || role === 'caption' ? 'left' : 'center',
    ...(role === 'column' || role === 'corner' || role === 'caption' ? { fontWeight: 'bold', background: '#f2f2f2' } : {}),
  });

const td = (text: string, role: string, spans: { row?: number; col?: number } = {}): string =>
  `<td${spans.col && spans.col > 1 ? ` colspan="${spans.col}"` : ''}${spans.row && spans.row > 1 ? ` rowspan="${spans.row}"` : ''} style="${cellStyle(role)}">${esc(text)}</td>`;

const tr = (row: PrintedRow) => `<tr>${row.cells.map((c) => td(c.text, c.role, { row: c.rowSpan, col: c.colSpan })).join('')}</tr>`;

function officialTable(table: Table, values: Report['values']): string {
  const w = columnWidths(table);
  const total = w.reduce((a, b) => a + b, 0);
  const cols = w.map((x) => `<col style="width:${((x / total) * 100).toFixed(2)}%">`).join('');
  const small = table.layout.cols > 10 ? ` style="font-size:9pt"` : '';
  const rows = officialRows(table, values);
  const head = rows.filter((r) => r.header);
  return [
    `<table style="${TABLE}" summary="${esc(table.section.heading)}"><colgroup>${cols}</colgroup>`,
    // Only a header that starts the table can be a <thead>; 表二's blocks each have their own.
    head.length && rows.indexOf(head[0]) === 0 && head.length === rows.findIndex((r) => !r.header)
      ? `<thead${small}>${head.map(tr).join('\n')}</thead><tbody${small}>${rows.slice(head.length).map(tr).join('\n')}</tbody>`
      : `<tbody${small}>${rows.map(tr).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

const appendixTable = (a: PublishedAppendix): string =>
  [`<table style="${TABLE}"><tbody>`, ...appendixRows(a).map(tr), '</tbody></table>'].join('\n');

export function reportHtml(report: Report): string {
  const doc = publishedDocument(report);
  const body: string[] = [
    `<h1 style="${style({ margin: '0 0 0.4em', textAlign: 'center', fontFamily: FAMILY.title, fontSize: '22pt', fontWeight: 'normal', lineHeight: 1.5 })}">${esc(doc.title)}</h1>`,
  ];
  if (doc.date)
    body.push(`<p style="${style({ margin: '0 0 1em', textAlign: 'center', fontFamily: FAMILY.kai })}">发布日期：${esc(doc.date)}</p>`);
  body.push(`<p style="${P}">${esc(doc.opening)}</p>`);
  for (const part of doc.parts) {
    body.push(`<h2 style="${H2}">${esc(part.heading)}</h2>`);
    for (const p of part.paragraphs) body.push(`<p style="${isSubHeading(p) ? SUB : P}">${esc(p)}</p>`);
    if (part.table) body.push(officialTable(part.table, doc.values));
  }
  if (doc.appendix) body.push(appendixTable(doc.appendix));
  const article = style({
    maxWidth: '860px',
    margin: '0 auto',
    padding: '24px 20px 48px',
    background: '#fff',
    color: '#000',
    fontFamily: FAMILY.body,
    fontSize: '16pt',
  });
  const pubDate = report.published ? `\n<meta name="PubDate" content="${esc(report.published)}">` : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${pubDate}
<title>${esc(doc.title)}</title>
</head>
<body style="margin:0;background:#fff">
<article style="${article}">
${body.join('\n')}
</article>
</body>
</html>
`;
}
