// parsePublishedReport: dispatch by extension, encodings, and a clear Chinese error naming the file for
// every kind of unusable input.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/main/errors';
import { parsePublishedReport, parseReportDocx, parseReportHtml, parseReportText } from '../../src/main/importers';
import { loadSamples, SAMPLES_DIR } from '../helpers/samples';
import { encodeGbk } from './fixtures/generate';
import { FIXTURES, expectValues } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, data: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
const elunchun = loadSamples().find((s) => s.name === '2024-elunchun-banner');
if (!elunchun) throw new Error('sample missing');

/** The promise rejects with an InputError whose message names the file and matches `pattern`. */
async function expectInputError(promise: Promise<unknown>, path: string, pattern: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toContain(path);
  expect((error as Error).message).toMatch(pattern);
}

describe('reading files by extension and encoding', () => {
  it('reads a .txt sample as UTF-8', async () => {
    const path = join(SAMPLES_DIR, '2024-elunchun-banner.txt');
    const parsed = await parsePublishedReport(path);
    expect(parsed.source).toEqual({ kind: 'text', file: path });
    expectValues(parsed, elunchun.expected.values ?? {});
  });

  it('reads the same text saved as GBK, with a UTF-8 BOM, and as UTF-16', async () => {
    for (const [name, data] of [
      ['gbk.txt', encodeGbk(elunchun.text)],
      ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(elunchun.text)])],
      ['utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(elunchun.text, 'utf16le')])],
    ] as const) {
      const parsed = await parsePublishedReport(file(name, data));
      expect(parsed.report.unit, name).toBe('鄂伦春自治旗');
      expectValues(parsed, elunchun.expected.values ?? {});
    }
  });

  it('accepts upper-case extensions and .htm', async () => {
    copyFileSync(join(SAMPLES_DIR, '2024-jiaohu-town.txt'), join(dir, 'UPPER.TXT'));
    expect((await parsePublishedReport(join(dir, 'UPPER.TXT'))).report.unit).toBe('焦虎镇');
    const htm = file(
      'page.HTM',
      '<html><body><p>焦虎镇2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>……</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p></body></html>',
    );
    expect((await parsePublishedReport(htm)).source.kind).toBe('html');
  });

  it('reads a .docx through the Word path', async () => {
    const parsed = await parsePublishedReport(join(FIXTURES, 'docx', '2024-elunchun-banner.docx'));
    expect(parsed.source.kind).toBe('docx');
    expect(parsed.report.values['proactive.fees.amount']).toBe(317.29);
  });
});

describe('unusable input gets a clear Chinese error naming the file', () => {
  it('an unsupported extension (.pdf, .doc, none)', async () => {
    for (const name of ['report.pdf', 'report.doc', 'report']) {
      const path = file(name, 'x');
      await expectInputError(parsePublishedReport(path), path, /不支持导入文件.*\.txt、\.html、\.htm、\.docx/);
    }
    await expectInputError(parsePublishedReport(join(dir, 'r.doc')), 'r.doc', /另存为 \.docx/);
  });

  it('a missing file', async () => {
    const path = join(dir, 'missing.txt');
    await expectInputError(parsePublishedReport(path), path, /找不到文件/);
  });

  it('an empty file, and one with only blank lines', async () => {
    for (const [name, data] of [
      ['empty.txt', ''],
      ['blank.txt', '\n   \n\t\n'],
      ['empty.html', ''],
      ['blank.html', '<html><body><p>  </p></body></html>'],
    ]) {
      const path = file(name, data);
      await expectInputError(parsePublishedReport(path), path, /是空的/);
    }
  });

  it('a binary file with a text extension', async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    for (const name of ['binary.txt', 'binary.html']) {
      const path = file(name, bytes);
      await expectInputError(parsePublishedReport(path), path, /不是文本文件/);
    }
  });

  it('text that is neither UTF-8 nor GBK, and a page declaring an unknown charset', async () => {
    const bad = Buffer.from([0xe5, 0xb9, 0xb4, 0x41, 0xff, 0xfe, 0x41, 0x80, 0xff]);
    const txt = file('latin.txt', Buffer.concat([Buffer.from('报告'), bad]));
    await expectInputError(parsePublishedReport(txt), txt, /字符编码无法识别/);
    const html = file('klingon.html', Buffer.concat([Buffer.from('<meta charset="x-klingon"><p>'), bad]));
    await expectInputError(parsePublishedReport(html), html, /声明的字符编码“x-klingon”无法识别/);
  });

  it('a page with no report in it', async () => {
    const path = file(
      'news.html',
      '<html><head><meta charset="utf-8"><title>新闻</title></head><body><h1>我县召开春耕动员会</h1><p>3月5日，我县召开春耕生产动员会，部署全年农业生产工作。</p></body></html>',
    );
    await expectInputError(parsePublishedReport(path), path, /没有找到政府信息公开工作年度报告/);
    const txt = file('notes.txt', '会议纪要\n一、会议时间\n二、参会人员\n');
    await expectInputError(parsePublishedReport(txt), txt, /没有找到政府信息公开工作年度报告/);
  });

  it('a corrupt .docx, a text file renamed .docx, and a Word file with no report in it', async () => {
    const corrupt = file('corrupt.docx', Buffer.from('PK\u0003\u0004 this is not really a zip'));
    await expectInputError(parsePublishedReport(corrupt), corrupt, /不是有效的 Word 文档/);
    const renamed = file('renamed.docx', elunchun.text);
    await expectInputError(parsePublishedReport(renamed), renamed, /不是有效的 Word 文档/);
    const other = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('周末加班安排')] }] }));
    const path = file('other.docx', other);
    await expectInputError(parsePublishedReport(path), path, /没有找到政府信息公开工作年度报告/);
  });

  it('the string entry points name the file too', async () => {
    await expectInputError(
      Promise.resolve().then(() => parseReportText('', 'a.txt')),
      'a.txt',
      /是空的/,
    );
    await expectInputError(
      Promise.resolve().then(() => parseReportHtml('<p>你好</p>', 'b.html')),
      'b.html',
      /没有找到/,
    );
    await expectInputError(parseReportDocx(Buffer.from('nope'), 'c.docx'), 'c.docx', /不是有效的 Word 文档/);
  });
});
