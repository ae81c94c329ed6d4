// Reading any file a person gives to import: our workbooks and hand-made ones, the flat archive sheet.
import { extname } from 'node:path';
import { isFlatWorkbook, readFlat } from '../excel/flat';
import { loadWorkbook } from '../excel/load';
import { readWorkbook } from '../excel/read-workbook';
import { InputError } from '../errors';
import type { ParsedReport } from '../importers/types';

export const IMPORTABLE = ['.xlsx'];

/** One file → the candidate reports in it (a flat archive sheet holds many). */
export async function parseFile(path: string): Promise<ParsedReport[]> {
  const ext = extname(path).toLowerCase();
  // .xls/.et are read too: loadWorkbook explains the old formats, and a renamed .xlsx still works.
  if (['.xlsx', '.xlsm', '.xls', '.et'].includes(ext)) {
    const wb = await loadWorkbook(path);
    return isFlatWorkbook(wb) ? readFlat(wb, path) : [readWorkbook(wb, path)];
  }
  throw new InputError(`不支持的文件类型“${ext || '（无扩展名）'}”：${path}（可导入：${IMPORTABLE.join('、')}）`);
}
