// HTML and Word fixtures built from the samples (fixtures/generate.ts): real table markup with merged cells,
// GBK and UTF-8 pages, Word tables with gridSpan/vMerge. They must read to the same report as the text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePublishedReport, parseReportDocx, parseReportHtml, parseReportText } from '../../src/main/importers';
import { htmlToLines } from '../../src/main/importers/html';
import { loadSamples, type Sample } from '../helpers/samples';
import { HTML_FIXTURES, renderDocx, renderHtml, writeHtmlFixtures } from './fixtures/generate';
import { FIXTURES, expectValues } from './helpers';

const samples = new Map(loadSamples().map((s) => [s.name, s]));
const htmlDir = mkdtempSync(join(tmpdir(), 'nianbao-html-'));
writeHtmlFixtures(htmlDir);
afterAll(() => rmSync(htmlDir, { recursive: true, force: true }));
const sample = (name: string) => samples.get(name) as Sample;

function expectSameReport(parsed: Awaited<ReturnType<typeof parsePublishedReport>>, s: Sample) {
  expect(parsed.report.template).toBe(s.expected.template);
  expect(parsed.report.unit).toBe(s.expected.unit);
  expect(parsed.report.year).toBe(s.expected.year);
  expect(parsed.report.published).toBe(s.expected.published ?? null);
  expectValues(parsed, s.expected.values ?? {});
  if (s.expected.template === 'legacy') expect(parsed.report.legacy).toEqual(s.expected.legacy);
  // Real markup keeps every cell's column: nothing is left in doubt, even where the text had to doubt.
  expect(parsed.report.doubts).toEqual([]);
  for (const [key, v] of Object.entries(parsed.report.values)) {
    if (v !== null) expect(parsed.provenance[key], key).toMatch(/^表格 \d+ 第 \d+ 行第 \d+ 格$/);
  }
}

describe('HTML fixtures', () => {
  describe.each(HTML_FIXTURES)('$name$ext ($charset)', (fx) => {
    const path = join(htmlDir, `${fx.name}${fx.ext}`);

    it('reads to the same values, unit, year, date and appendix as the hand-read figures', async () => {
      const parsed = await parsePublishedReport(path);
      expect(parsed.source).toEqual({ kind: 'html', file: path });
      expectSameReport(parsed, sample(fx.name));
    });

    it(`is saved as ${fx.charset}${fx.declare ? ', declared in a <meta>' : ', undeclared'}`, () => {
      const bytes = readFileSync(path);
      const validUtf8 = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          return true;
        } catch {
          return false;
        }
      })();
      expect(validUtf8).toBe(fx.charset === 'utf-8');
      expect(/<meta[^>]*charset/i.test(bytes.toString('latin1'))).toBe(fx.declare);
    });

    it('keeps the text sections of the text path', async () => {
      const parsed = await parsePublishedReport(path);
      const fromText = parseReportText(sample(fx.name).text, 'x.txt');
      expect(parsed.report.sections.overall).toBe(fromText.report.sections.overall);
      expect(parsed.report.sections.problems).toBe(fromText.report.sections.problems);
    });
  });

  it('places numbers by column: the 2021 sample’s 13 | 13 rows need no rule and no note in real markup', async () => {
    const parsed = await parsePublishedReport(join(htmlDir, '2021-county-city-office.htm'));
    expect(parsed.notes.filter((n) => n.includes('两个相等'))).toEqual([]);
    expect(parsed.provenance['requests.new.natural_person']).toBe('表格 2 第 4 行第 4 格');
    expect(parsed.provenance['requests.new.total']).toBe('表格 2 第 4 行第 10 格');
  });

  it('lays out rowspan and colspan as a browser does', () => {
    const { lines } = htmlToLines(`<table>
      <tr><td rowspan="2" colspan="2">A</td><td>B</td></tr>
      <tr><td>C</td></tr>
      <tr><td>D</td><td colspan="2">E</td></tr></table>`);
    expect(lines.map((l) => l.cells.map((c) => `${c.text}@${c.col}+${c.span}`))).toEqual([
      ['A@0+2', 'B@2+1'],
      ['C@2+1'],
      ['D@0+1', 'E@1+2'],
    ]);
    expect(lines.every((l) => l.grid?.table === 1)).toBe(true);
  });

  it('reads cell text across <br> and <p> (商业<br>企业), skips scripts, styles and hidden elements', () => {
    const { lines, title } = htmlToLines(
      '<html><head><title>T</title><style>p{}</style></head><body><script>x=1</script><p>甲<span style="display:none">隐</span></p><table><tr><td>商业<br/>企业</td><td><p>1</p><p>2</p></td></tr></table></body></html>',
    );
    expect(title).toBe('T');
    expect(lines.map((l) => l.text)).toEqual(['甲', '商业企业 | 12']);
  });

  it('reads an HTML string directly with parseReportHtml', () => {
    const html = renderHtml(sample('2024-elunchun-banner'), HTML_FIXTURES[3]);
    const parsed = parseReportHtml(html, 'page.html');
    expect(parsed.source).toEqual({ kind: 'html', file: 'page.html' });
    expect(parsed.report.values['proactive.fees.amount']).toBe(317.29);
  });
});

describe('Word fixtures', () => {
  describe.each([...samples.keys()])('%s.docx', (name) => {
    const path = `${FIXTURES}docx/${name}.docx`;

    it('reads to the same values, unit, year, date and appendix as the hand-read figures', async () => {
      const parsed = await parsePublishedReport(path);
      expect(parsed.source).toEqual({ kind: 'docx', file: path });
      expectSameReport(parsed, sample(name));
    });
  });

  it('merged cells come through (vMerge → rowspan): rows under 三、本年度办理结果 keep their columns', async () => {
    const parsed = await parseReportDocx(readFileSync(`${FIXTURES}docx/2024-elunchun-banner.docx`), 'r.docx');
    expect(parsed.provenance['requests.withheld.prohibited_by_law.total']).toBe('表格 2 第 9 行第 10 格');
    expect(parsed.provenance['requests.other.other.natural_person']).toBe('表格 2 第 26 行第 4 格');
  });

  it('a freshly generated document reads the same as the committed one', async () => {
    const fresh = await parseReportDocx(await renderDocx(sample('2024-jiaohu-town')), 'fresh.docx');
    const committed = await parseReportDocx(readFileSync(`${FIXTURES}docx/2024-jiaohu-town.docx`), 'fresh.docx');
    expect(fresh.report).toEqual(committed.report);
  });
});
