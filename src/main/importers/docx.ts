// Word (.docx): mammoth turns the document into HTML (paragraphs, headings, tables with colspan from gridSpan
// and rowspan from vMerge), and the HTML path reads it, so Word and web pages are read the same way.
import mammoth from 'mammoth';
import { InputError } from '../errors';
import { readHtml } from './html';
import type { ParsedReport } from './types';

// Images (scanned tables, seals) are left out: nothing is read from them, and they would bloat the HTML.
const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

export async function parseReportDocx(data: Buffer, file: string): Promise<ParsedReport> {
  let html: string;
  try {
    ({ value: html } = await mammoth.convertToHtml({ buffer: data }, { convertImage: noImages }));
  } catch {
    throw new InputError(
      `文件 ${file} 不是有效的 Word 文档（.docx），可能已损坏，或是旧版 .doc 改了扩展名；请用 Word 另存为 .docx 后再导入。`,
    );
  }
  return readHtml(html, file, 'docx');
}
