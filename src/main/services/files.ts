// Reading any file a person gives to import: workbooks (ours, hand-made, the flat archive sheet) and published
// reports (.txt, .html, .docx).
import { extname } from 'node:path';
import { isFlatWorkbook, readFlat } from '../excel/flat';
import { loadWorkbook } from '../excel/load';
import { readWorkbook } from '../excel/read-workbook';
import { InputError } from '../errors';
import { parsePublishedReport, PUBLISHED_REPORT_EXTENSIONS } from '../importers';
import type { ParsedReport } from '../importers/types';

const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et'];
export const IMPORTABLE = ['.xlsx', ...PUBLISHED_REPORT_EXTENSIONS];

/** One file → the candidate reports in it (a flat archive sheet holds many). */
export async function parseFile(path: string): Promise<ParsedReport[]> {
  const ext = extname(path).toLowerCase();
  // .xls/.et are read too: loadWorkbook explains the old formats, and a renamed .xlsx still works.
  if (WORKBOOK_EXTENSIONS.includes(ext)) {
    const wb = await loadWorkbook(path);
    return isFlatWorkbook(wb) ? readFlat(wb, path) : [readWorkbook(wb, path)];
  }
  if ((PUBLISHED_REPORT_EXTENSIONS as readonly string[]).includes(ext)) return [await parsePublishedReport(path)];
  throw new InputError(`不支持的文件类型“${ext || '（无扩展名）'}”：${path}（可导入：${IMPORTABLE.join('、')}）`);
}
