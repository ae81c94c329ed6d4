// HTML and Word tables become grids (shared/reading/grid.ts) read by the same table reader as workbooks
// (shared/reading/read-tables.ts), in the shapes portals publish: 表二–表四 in one big table, tables cut in two
// by a page break, header cells broken with <br>, &nbsp; blanks, 表二's merges shifting from row to row, and Word
// documents with gridSpan/vMerge made with the docx package. Real files, read to the samples' hand-read figures.
import { describe, expect, it } from 'vitest';
import { parseReportDocx, parseReportHtml, type ParsedReport } from '../../src/main/importers';
import { htmlToLines } from '../../src/main/importers/html';
import { readGridTable } from '../../src/shared/reading/read-tables';
import { getTemplate } from '../../src/shared/template';
import { loadSamples, type Sample } from '../helpers/samples';
import { HTML_FIXTURES, renderDocx, renderHtml, type HtmlFixture } from './fixtures/generate';
import { doubtCells, expectValues } from './helpers';

const samples = loadSamples().filter((s) => s.expected.template === 'gov2021');
const gov2021 = getTemplate('gov2021');
const fixture = (style: HtmlFixture['style']): HtmlFixture => ({ ...HTML_FIXTURES[2], style });
const ADDRESS = /^表格 \d+ 第 \d+ 行第 \d+ 格$/;

function expectExact(parsed: ParsedReport, s: Sample) {
  expect(parsed.report.template).toBe('gov2021');
  expect(parsed.report.year).toBe(s.expected.year);
  expectValues(parsed, s.expected.values ?? {});
  expect(parsed.report.doubts).toEqual([]);
  for (const [key, v] of Object.entries(parsed.report.values)) if (v !== null) expect(parsed.provenance[key], key).toMatch(ADDRESS);
}

/** Each statistics table read from the page's grids alone: every row placed by its label. */
function expectAllFoundInGrids(html: string) {
  const { grids } = htmlToLines(html);
  for (const table of gov2021.tables) {
    const read = readGridTable(grids, table);
    expect({ table: table.id, rows: read.rows }).toEqual({ table: table.id, rows: read.of });
    expect(read.doubts).toEqual([]);
  }
}

describe.each(samples.map((s) => [s.name, s] as const))('%s', (_name, s) => {
  it('表二–表四 in one big <table> (headings as its rows, header cells broken with <br>, &nbsp; blanks)', () => {
    const html = renderHtml(s, fixture({ oneTable: true, breakHeaders: true, blankAsNbsp: true }));
    expect(html.match(/<table/g)).toHaveLength(1);
    expect(htmlToLines(html).grids).toHaveLength(1);
    expectAllFoundInGrids(html);
    expectExact(parseReportHtml(html, 'one.html'), s);
  });

  it('each table cut in two <table>s by a page break: the parts are one grid, provenance names each part', () => {
    const html = renderHtml(s, fixture({ pageBreak: true, word: true, blankAsNbsp: true }));
    expect(html.match(/<table/g)).toHaveLength(6);
    const { grids } = htmlToLines(html);
    expect(grids.map((g) => g.sheet)).toEqual(['表格 1–2', '表格 3–4', '表格 5–6']);
    expectAllFoundInGrids(html);
    const parsed = parseReportHtml(html, 'split.html');
    expectExact(parsed, s);
    // 表三's last rows are in the second part.
    expect(parsed.provenance['requests.carried_forward.total']).toMatch(/^表格 4 第 \d+ 行第 10 格$/);
    // The cut ends the merges of 三、本年度办理结果 and （三）不予公开: their rows after it still belong to them.
    expect(parsed.provenance['requests.withheld.administrative_query.natural_person']).toBe('表格 4 第 1 行第 4 格');
  });

  it('表二 with merges shifting from row to row is read in order, each value under its own header', () => {
    const html = renderHtml(s, fixture({ shiftSpans: true, th: true }));
    expect(html).toContain('<th colspan="2">本年废止件数</th>');
    expectAllFoundInGrids(html);
    const parsed = parseReportHtml(html, 'shift.html');
    expectExact(parsed, s);
    expect(parsed.provenance['proactive.regulations.issued']).toBe('表格 1 第 3 行第 2 格');
    expect(parsed.provenance['proactive.regulations.repealed']).toBe('表格 1 第 3 行第 4 格');
    expect(parsed.provenance['proactive.regulations.in_force']).toBe('表格 1 第 3 行第 5 格');
  });

  it('a Word document with 表二’s shifted merges (gridSpan) and 表三’s vMerge reads exactly', async () => {
    expectExact(await parseReportDocx(await renderDocx(s, { shiftSpans: true }), 'one.docx'), s);
  });

  it('a Word document whose tables a page break cuts in two (and 表二 shifted) reads exactly', async () => {
    expectExact(await parseReportDocx(await renderDocx(s, { pageBreak: true, shiftSpans: true }), 'split.docx'), s);
  });
});

describe('what the grids cannot place stays blank or in doubt', () => {
  const s = samples.find((x) => x.name === '2024-elunchun-banner') as Sample;
  const html = renderHtml(s, fixture({ shiftSpans: true }));

  it('a 表二 row whose merges fit no header order is a doubt, not a guess; the other rows stay exact', () => {
    // Two values under the 3-column header of 行政许可: which one is it?
    const row = /<tr><td>行政许可<\/td><td colspan="4">(\d+)<\/td><\/tr>/.exec(html);
    expect(row).not.toBeNull();
    const p = parseReportHtml(
      html.replace(row![0], `<tr><td>行政许可</td><td colspan="2">${row![1]}</td><td colspan="2">7</td></tr>`),
      'x.html',
    );
    expect(doubtCells(p)).toEqual(['proactive.licensing.decisions']);
    expect(p.report.values['proactive.licensing.decisions']).toBeNull();
    expect(p.report.doubts?.[0].message).toMatch(/^x\.html 表格 1 第 7 行第 2 格 起的这一行，数字的合并格与表头的列对不齐/);
    expectValues(p, Object.fromEntries(Object.entries(s.expected.values ?? {}).filter(([k]) => k !== 'proactive.licensing.decisions')));
  });

  it('a part after a page break printed without its group columns: its rows are placed from their own labels, exactly', () => {
    const split = renderHtml(s, fixture({ pageBreak: true }));
    // The second part of 表三 (the page's 4th <table>) without its empty carried-over merge cells: one column
    // fewer than the header above, so the grid cannot align its rows; the text reader counts from each label.
    const at = split.split('<table', 4).join('<table').length;
    const end = split.indexOf('</table>', at);
    const part = split.slice(at, end);
    const narrow = part.replace(/<tr><td rowspan="\d+"><\/td><td><\/td>/, '<tr>');
    expect(narrow).not.toBe(part);
    const page = split.slice(0, at) + narrow + split.slice(end);
    const requests = gov2021.tables.find((t) => t.id === 'requests')!;
    expect(readGridTable(htmlToLines(page).grids, requests).unaligned?.length).toBeGreaterThan(0);
    const p = parseReportHtml(page, 'narrow.html');
    expectValues(p, s.expected.values ?? {});
    expect(p.report.doubts).toEqual([]);
    expect(p.provenance['requests.unavailable.not_held.total']).toBe('表格 4 第 2 行第 9 格');
  });

  it('a table the grids do not hold (表四 printed as paragraphs) is read from the text', () => {
    const table = html.split('<table').length - 1;
    const last = html.lastIndexOf('<table');
    const end = html.indexOf('</table>', last) + '</table>'.length;
    const cells = [...html.slice(last, end).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    const values = cells.slice(-15).map((v) => v || '0');
    const page = `${html.slice(0, last)}<p>${values.join(' ')}</p>${html.slice(end)}`;
    expect(page.split('<table').length - 1).toBe(table - 1);
    const p = parseReportHtml(page, 'p.html');
    expect(p.report.values['appeals.review.total']).toBe(s.expected.values?.['appeals.review.total'] ?? 0);
    expect(p.provenance['appeals.review.total']).toMatch(/^第 \d+ 段/);
    expect(p.provenance['requests.new.total']).toMatch(ADDRESS);
  });
});
