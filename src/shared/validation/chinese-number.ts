// Chinese numerals as reports write them in running text: 十三, 一百零五, 两千三百四十五, 三万, 二〇二四.
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千万]+';

/** Parses Arabic digits or a Chinese numeral; null when it is neither. */
export function parseNumber(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (!new RegExp(`^${CHINESE_NUMERAL}$`).test(text)) return null;
  // Without 十百千万 the digits are written one by one (二〇二四).
  if (!/[十百千万]/.test(text)) return Number([...text].map((ch) => DIGITS[ch]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch];
    else if (ch in UNITS) {
      section += (digit || (ch === '十' ? 1 : 0)) * UNITS[ch];
      digit = 0;
    } else {
      total += (section + digit) * 10000;
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}
