// The real reports (tests/fixtures/real) in the forms a portal page reaches a person in: saved by the browser in
// GBK with a <meta> saying so, or in UTF-8 under a page that still declares gb2312; copied into Word and saved as
// .docx; and with the noise copies pick up (full-width digits, ideographic and no-break spaces, CRLF line ends).
// Shared by tests/importers/real-variants.test.ts and npm run bench.
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { ParsedReport } from '../../src/main/importers';
import { parseFile } from '../../src/main/services/files';
import { encodeGbk } from '../importers/fixtures/generate';
import type { RealReport } from './real-reports';

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

export interface Made {
  name: string;
  path: string;
}

/** Writes the report's variants into `dir`. */
export async function variantsOf(real: RealReport, dir: string): Promise<Made[]> {
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

export async function readReport(path: string): Promise<ParsedReport | null> {
  try {
    return (await parseFile(path))[0];
  } catch {
    return null; // no table found: nothing read, nothing wrong
  }
}

/** What a reading says about the hand-read cells: each cell's value, or that it is in doubt. */
export function reading(parsed: ParsedReport | null, keys: string[]): Record<string, unknown> {
  const doubtful = new Set((parsed?.report.doubts ?? []).flatMap((d) => d.cells));
  return Object.fromEntries(keys.map((k) => [k, doubtful.has(k) ? '存疑' : (parsed?.report.values[k] ?? null)]));
}
