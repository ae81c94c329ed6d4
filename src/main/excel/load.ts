// Opening a workbook file safely: what it is (xlsx, old xls, encrypted, not a workbook), how big, and a
// clear Chinese message naming the file when it cannot be read.
import ExcelJS from 'exceljs';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors';

export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export async function loadWorkbook(path: string, maxBytes = MAX_WORKBOOK_BYTES): Promise<ExcelJS.Workbook> {
  const name = basename(path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new InputError(`找不到文件：${path}`);
  }
  if (size > maxBytes) {
    throw new InputError(
      `${name} 太大（${(size / 1024 / 1024).toFixed(1)} MB，上限 ${(maxBytes / 1024 / 1024).toFixed(0)} MB），不像是一份年报工作簿，没有导入`,
    );
  }
  const data = readFileSync(path);
  if (size === 0) throw new InputError(`${name} 是空文件`);
  if (data.subarray(0, 8).equals(CFB)) {
    // Encrypted .xlsx files are OLE containers holding an EncryptionInfo stream; other OLE files are old .xls/.et.
    if (data.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
      throw new InputError(`${name} 设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再导入`);
    }
    throw new InputError(`${name} 是旧版 Excel 97-2003（.xls）或 WPS（.et）格式，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入`);
  }
  if (!data.subarray(0, 4).equals(ZIP)) throw new InputError(`${name} 不是 Excel 工作簿（.xlsx）`);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    // The zip or XML reader's own words are English and say nothing more to a clerk than this.
    throw new InputError(`${name} 已损坏或不是 .xlsx 工作簿（压缩包或表格内容不完整），无法读取`);
  }
  if (!wb.worksheets.length) throw new InputError(`${name} 中没有工作表`);
  return wb;
}
