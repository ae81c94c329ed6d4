// Label normaliser for matching real-world text against the printed labels (spec §1 and §6).

const CHAR_MAP: Record<string, string> = {
  '〔': '(',
  '〕': ')',
  '【': '(',
  '】': ')',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '“': '"',
  '”': '"',
  '‘': '"',
  '’': '"',
  "'": '"',
  '「': '"',
  '」': '"',
  '、': ',',
  '，': ',',
  '；': ';',
  '．': '.',
  '﹒': '.',
};

const WORD_MAP: [RegExp, string][] = [
  [/钩稽/g, '勾稽'],
  [/其它/g, '其他'],
];

/** Normalise a label for comparison: NFKC, no whitespace, one form for brackets, quotes and commas. */
export function normalizeLabel(text: string): string {
  let s = text.normalize('NFKC').replace(/\s+/gu, '');
  s = s.replace(/[〔〕【】[\]{}“”‘’'「」、，；．﹒]/g, (ch) => CHAR_MAP[ch] ?? ch);
  for (const [re, to] of WORD_MAP) s = s.replace(re, to);
  return s;
}

/** True when `text` is the label or one of its variants, after normalising both. */
export function labelMatches(text: string, label: string, variants: readonly string[] = []): boolean {
  const t = normalizeLabel(text);
  return t === normalizeLabel(label) || variants.some((v) => t === normalizeLabel(v));
}
