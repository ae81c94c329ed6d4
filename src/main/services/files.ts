// Reading any file a person gives to import: workbooks (ours, hand-made, the flat archive sheet) and published
// reports (.txt, .html, .docx). Every file is checked first: a regular file (not a folder, a pipe or a device,
// which would fail or hang), within the size limit of its type.
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { isFlatWorkbook, readFlat } from '../excel/flat';
import { loadWorkbook, MAX_WORKBOOK_BYTES } from '../excel/load';
import { readWorkbook } from '../excel/read-workbook';
import { InputError } from '../errors';
import { parsePublishedReport, PUBLISHED_REPORT_EXTENSIONS } from '../importers';
import type { ParsedReport } from '../importers/types';

const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et'];
export const IMPORTABLE = ['.xlsx', ...PUBLISHED_REPORT_EXTENSIONS];

const MB = 1024 * 1024;
/** Far above any real annual report of the type (a report's text is tens of KB; Word files carry pictures). */
export const MAX_IMPORT_BYTES: Record<string, number> = {
  '.txt': 5 * MB,
  '.html': 20 * MB,
  '.htm': 20 * MB,
  '.docx': 50 * MB,
  ...Object.fromEntries(WORKBOOK_EXTENSIONS.map((e) => [e, MAX_WORKBOOK_BYTES])),
};

/** Refuses, naming the file, what is not a regular file or is too large for its type; never opens it for reading. */
export function checkImportFile(path: string): void {
  const name = basename(path);
  let s;
  try {
    s = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}（${code ?? String(e)}）`);
  }
  if (s.isDirectory()) throw new InputError(`${name} 是一个文件夹，不是文件；请选择文件夹里的文件（${path}）`);
  if (!s.isFile()) throw new InputError(`${name} 不是普通文件（可能是管道或设备），没有读取（${path}）`);
  const limit = MAX_IMPORT_BYTES[extname(path).toLowerCase()];
  if (limit && s.size > limit)
    throw new InputError(
      `${name} 太大（${(s.size / MB).toFixed(1)} MB，此类文件上限 ${(limit / MB).toFixed(0)} MB），不像是一份年度报告，没有导入`,
    );
}

/** One file → the candidate reports in it (a flat archive sheet holds many). */
export async function parseFile(path: string): Promise<ParsedReport[]> {
  const ext = extname(path).toLowerCase();
  checkImportFile(path);
  // .xls/.et are read too: loadWorkbook explains the old formats, and a renamed .xlsx still works.
  if (WORKBOOK_EXTENSIONS.includes(ext)) {
    const wb = await loadWorkbook(path);
    return isFlatWorkbook(wb) ? readFlat(wb, path) : [readWorkbook(wb, path)];
  }
  if ((PUBLISHED_REPORT_EXTENSIONS as readonly string[]).includes(ext)) return [await parsePublishedReport(path)];
  throw new InputError(`不支持的文件类型“${ext || '（无扩展名）'}”：${path}（可导入：${IMPORTABLE.join('、')}）`);
}
