// Reading report JSON files, with messages that say which file and where.
import { readFileSync } from 'node:fs';
import { parseReport, type Report } from '../shared/report';
import { fileErrorText, InputError } from './errors';

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列`;
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    // A folder, no permission, a file held by another program: said in Chinese, with the path.
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `找不到文件：${path}` : `无法读取文件 ${path}：${fileErrorText(code) ?? code ?? String(e)}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const where = m ? `，错误在${lineColumn(text, Number(m[1]))}` : '';
    throw new InputError(`文件 ${path} 不是有效的 JSON${where}`);
  }
}

export function readReportFile(path: string): Report {
  const parsed = parseReport(readJsonFile(path));
  if (!parsed.ok) throw new InputError(`文件 ${path} 中的报告有误：\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`);
  return parsed.report;
}
