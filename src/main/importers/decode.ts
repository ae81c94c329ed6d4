// Bytes → text for .txt and .html files: government sites still serve GBK/GB2312 as often as UTF-8.
// Order of trust: a byte-order mark, then valid UTF-8, then what the page declares (<meta charset>), then
// GB18030 (the superset of GBK and GB2312).
import { InputError } from '../errors';

const GB_LABELS = new Set(['gbk', 'gb2312', 'gb18030', 'x-gbk', 'gb_2312-80', 'csgb2312', 'chinese', 'euc-cn', 'cp936', 'windows-936']);
// Control characters other than tab, line breaks, form feed and escape do not occur in text.
const isControl = (code: number): boolean => code <= 0x08 || (code >= 0x0e && code <= 0x1a) || (code >= 0x1c && code <= 0x1f);
const MAX_CONTROL_SHARE = 0.01;

function tryDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function checkText(text: string, file: string): string {
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) controls++;
  if (controls > 0 && (text.includes('\0') || controls > text.length * MAX_CONTROL_SHARE)) {
    throw new InputError(`文件 ${file} 不是文本文件（含有二进制内容），无法作为年度报告读取。`);
  }
  return text;
}

/** The charset a page declares in its first bytes (<meta charset="gbk"> or http-equiv content=…charset=gbk). */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

export function decodeBytes(bytes: Uint8Array, file: string, declared: string | null = null): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return checkText(new TextDecoder('utf-8').decode(bytes.subarray(3)), file);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return checkText(new TextDecoder('utf-16le').decode(bytes.subarray(2)), file);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return checkText(new TextDecoder('utf-16be').decode(bytes.subarray(2)), file);
  if (bytes.includes(0)) throw new InputError(`文件 ${file} 不是文本文件（含有二进制内容），无法作为年度报告读取。`);

  // Valid UTF-8 is the strongest sign there is; a page may declare one encoding and be saved in another.
  const utf8 = tryDecode(bytes, 'utf-8');
  if (utf8 !== null) return checkText(utf8, file);
  let order = ['gb18030'];
  if (declared) {
    const label = GB_LABELS.has(declared) ? 'gb18030' : declared;
    try {
      new TextDecoder(label);
    } catch {
      throw new InputError(`文件 ${file} 声明的字符编码“${declared}”无法识别，请另存为 UTF-8 或 GBK 后再导入。`);
    }
    order = [...new Set([label, 'gb18030'])];
  }
  for (const label of order) {
    const text = tryDecode(bytes, label);
    if (text !== null) return checkText(text, file);
  }
  throw new InputError(`文件 ${file} 的字符编码无法识别（既不是 UTF-8，也不是 GBK/GB18030），请另存为 UTF-8 后再导入。`);
}
