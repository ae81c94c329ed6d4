// The real reports (tests/fixtures/real) in the forms a portal page reaches a person in: saved by the browser in
// GBK with a <meta> saying so, or in UTF-8 under a page that still declares gb2312; copied into Word and saved as
// .docx; and with the noise copies pick up (full-width digits, ideographic and no-break spaces, CRLF line ends).
// Each must read to what the file as found reads to: the same figures, the same doubts, nothing wrong.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import type { ParsedReport } from '../../src/main/importers';
import { parseReportText } from '../../src/main/importers';
import { parseFile } from '../../src/main/services/files';
import { loadRealReports, scoreReal, type RealReport } from '../helpers/real-reports';
import { encodeGbk } from './fixtures/generate';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-real-variants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FULL_WIDTH_DIGIT = (d: string) => String.fromCharCode(d.charCodeAt(0) - 0x30 + 0xff10);
/** What copies pick up: full-width digits, an ideographic-space indent, no-break spaces around bars, CRLF. */
const noisy = (text: string): string =>
  text
    .replace(/[0-9]/g, FULL_WIDTH_DIGIT)
    .split('\n')
    .map((l) => (l.trim() ? `\u3000\u3000${l.replace(/ \| /g, '\u00a0|\u00a0')}` : l))
    .join('\r\n');

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A browser's "save page as" around the article body, declaring the given charset. */
const savedPage = (body: string, charset: string): string =>
  `<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">` +
  `<title>政府信息公开工作年度报告</title></head>\n<body><div class="article">${body}</div></body></html>\n`;
const textAsHtml = (text: string): string =>
  text
    .split('\n')
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('\n');

const stripTags = (s: string): string =>
  s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string): number => Number(new RegExp(`${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(tag)?.[1] ?? 1);

/** The page pasted into Word: paragraphs stay paragraphs, tables become Word tables with the same merges. */
function wordOf(html: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const paragraphs = (part: string) =>
    part
      .split(/<\/p>|<br\s*\/?>|\n/i)
      .map((p) => stripTags(p).trim())
      .filter(Boolean)
      .forEach((t) => children.push(new Paragraph(t)));
  let rest = html;
  for (let m = /<table[\s\S]*?<\/table>/i.exec(rest); m; m = /<table[\s\S]*?<\/table>/i.exec(rest)) {
    paragraphs(rest.slice(0, m.index));
    const rows = [...m[0].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/gi)].map(
      (tr) =>
        new TableRow({
          children: [...tr[1].matchAll(/(<t[dh][^>]*>)([\s\S]*?)<\/t[dh]>/gi)].map(
            ([, tag, inner]) =>
              new TableCell({
                columnSpan: attr(tag, 'colspan'),
                rowSpan: attr(tag, 'rowspan'),
                children: stripTags(inner.replace(/<\/p>/gi, '\n'))
                  .split('\n')
                  .map((t) => new Paragraph(t.trim())),
              }),
          ),
        }),
    );
    children.push(new Table({ rows }));
    rest = rest.slice(m.index + m[0].length);
  }
  paragraphs(rest);
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

interface Made {
  name: string;
  path: string;
}

async function variantsOf(real: RealReport): Promise<Made[]> {
  const source = readFileSync(real.file, 'utf8');
  const html = extname(real.file) === '.html';
  const out: [string, string | Buffer][] = [];
  if (html) {
    out.push(['gbk-declared.html', encodeGbk(savedPage(source, 'gb2312'))]);
    out.push(['utf8-under-gb2312.html', savedPage(source, 'gb2312')]);
    out.push([
      'noise.html',
      savedPage(
        source.replace(/>([^<]*)</g, (_, t: string) => `>${t.replace(/[0-9]/g, FULL_WIDTH_DIGIT)}<`),
        'utf-8',
      ),
    ]);
  } else {
    out.push(['noise.txt', noisy(source)]);
    out.push(['gbk.txt', encodeGbk(source)]);
    out.push(['gbk-declared.html', encodeGbk(savedPage(textAsHtml(source), 'gb2312'))]);
  }
  out.push(['word.docx', await wordOf(html ? source : textAsHtml(source))]);
  return out.map(([suffix, data]) => {
    const path = join(dir, `${real.name}.${suffix}`);
    writeFileSync(path, data);
    return { name: suffix, path };
  });
}

async function read(path: string): Promise<ParsedReport | null> {
  try {
    return (await parseFile(path))[0];
  } catch {
    return null; // no table found: nothing read, nothing wrong
  }
}

/** What a reading says about the hand-read cells: each cell's value, or that it is in doubt. */
function reading(parsed: ParsedReport | null, keys: string[]): Record<string, unknown> {
  const doubtful = new Set((parsed?.report.doubts ?? []).flatMap((d) => d.cells));
  return Object.fromEntries(keys.map((k) => [k, doubtful.has(k) ? '存疑' : (parsed?.report.values[k] ?? null)]));
}

const reports = loadRealReports();

describe.each(reports.map((r) => [r.name, r] as const))('%s as a portal hands it on', (_name, real) => {
  it('reads the same in every form: GBK or UTF-8 under any declaration, in Word, with copy noise', async () => {
    const keys = Object.keys(real.expected.values);
    const original = await read(real.file);
    const want = reading(original, keys);
    for (const v of await variantsOf(real)) {
      const parsed = await read(v.path);
      expect(scoreReal(parsed, real.expected).wrong, v.name).toEqual([]);
      expect(reading(parsed, keys), v.name).toEqual(want);
      expect(parsed?.report.year ?? null, v.name).toBe(original?.report.year ?? null);
      expect(parsed?.report.unit ?? null, v.name).toBe(original?.report.unit ?? null);
    }
  });
});

describe('cells closed by a line holding only |', () => {
  const row = (label: string, cells: string[]) => [label, ...cells].map((c) => `${c}\n|`).join('\n');
  const head = '二、主动公开政府信息情况\n第二十条第(一)项\n|\n信息内容\n|\n本年制发件数\n|\n本年废止件数\n|\n现行有效件数\n|';

  it('reads each | after a cell as the end of that cell, not as one more blank cell', () => {
    const text = `${head}\n${row('规章', ['1', '0', '6'])}\n${row('行政规范性文件', ['3', '2', '40'])}\n`;
    const p = parseReportText(text, 'x.txt');
    expect(p.report.values['proactive.regulations.in_force']).toBe(6);
    expect(p.report.values['proactive.normative_documents.issued']).toBe(3);
    expect(p.report.values['proactive.normative_documents.in_force']).toBe(40);
  });

  it('a | right after another | is a blank cell, kept in its column', () => {
    const text = `${head}\n${row('规章', ['1', '0', '6'])}\n行政规范性文件\n|\n3\n|\n|\n40\n|\n`;
    const p = parseReportText(text, 'x.txt');
    expect(p.report.values['proactive.normative_documents.issued']).toBe(3);
    expect(p.report.values['proactive.normative_documents.repealed']).toBeNull();
    expect(p.report.values['proactive.normative_documents.in_force']).toBe(40);
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).not.toContain('proactive.normative_documents.repealed');
  });
});

describe('a 表三 whose rows all keep one cell per column', () => {
  const table = (rows: string[]) =>
    [
      '三、收到和处理政府信息公开申请情况',
      '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |',
      '自然人 | 法人或其他组织 | 总计 |',
      '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
      ...rows,
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n');

  it('keeps the blank cells at a row’s edges in their columns', () => {
    const p = parseReportText(
      table(['一、本年新收政府信息公开申请数量 | 2 | | | | | 1 | 3 |', '二、上年结转政府信息公开申请数量 | | | | | | | 0 |']),
      'x.txt',
    );
    expect(p.report.values['requests.new.natural_person']).toBe(2);
    expect(p.report.values['requests.new.other_org']).toBe(1);
    expect(p.report.values['requests.carried_over.natural_person']).toBeNull();
    expect(p.report.values['requests.carried_over.total']).toBe(0);
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).not.toContain('requests.carried_over.total');
  });

  it('does not when some row has one cell more (a merged cell may have left the edge blank)', () => {
    const p = parseReportText(
      table(['一、本年新收政府信息公开申请数量 | 2 | | | | | 1 | 3 | |', '二、上年结转政府信息公开申请数量 | | | | | | | 0 |']),
      'x.txt',
    );
    expect(p.report.values['requests.carried_over.total']).toBeNull();
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).toContain('requests.carried_over.total');
  });

  it('does not when no row starts with a number right after its label', () => {
    const p = parseReportText(
      table(['一、本年新收政府信息公开申请数量 | | | | | | 1 | 1 |', '二、上年结转政府信息公开申请数量 | | | | | | | 0 |']),
      'x.txt',
    );
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).toContain('requests.carried_over.total');
  });
});
