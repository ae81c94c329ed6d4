// Published reports (.txt, .html/.htm, .docx) → a candidate report with provenance, doubts and notes.
// Nothing is stored here: the preview and commit plan decides what is written.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { InputError } from '../errors';
import { declaredCharset, decodeBytes } from './decode';
import { parseReportDocx } from './docx';
import { parseReportHtml } from './html';
import { parseReportText } from './text';
import type { ParsedReport } from './types';

export { parseReportText } from './text';
export { parseReportHtml } from './html';
export { parseReportDocx } from './docx';
export type { ParsedReport } from './types';

export const PUBLISHED_REPORT_EXTENSIONS = ['.txt', '.html', '.htm', '.docx'] as const;

export async function parsePublishedReport(path: string): Promise<ParsedReport> {
  const ext = extname(path).toLowerCase();
  if (!(PUBLISHED_REPORT_EXTENSIONS as readonly string[]).includes(ext)) {
    const hint = ext === '.doc' ? '旧版 .doc 请先用 Word 另存为 .docx；' : ext === '.pdf' ? 'PDF 请先复制其中的文字存为 .txt；' : '';
    throw new InputError(
      `不支持导入文件 ${path}（扩展名“${ext || '无'}”）。${hint}可导入的类型：${PUBLISHED_REPORT_EXTENSIONS.join('、')}。`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件 ${path}。` : `无法读取文件 ${path}（${code ?? String(e)}）。`);
  }
  if (bytes.length === 0) throw new InputError(`文件 ${path} 是空的，没有可读的内容。`);
  if (ext === '.docx') return parseReportDocx(bytes, path);
  if (ext === '.txt') return parseReportText(decodeBytes(bytes, path), path);
  return parseReportHtml(decodeBytes(bytes, path, declaredCharset(bytes)), path);
}
