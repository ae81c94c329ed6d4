// The one label matcher: whether a cell's text is one of the template's printed labels. The workbook reader
// (labels anywhere on a sheet, by row and column paths) and the text/HTML/Word reader (labels in printed order)
// both ask here; the forms come from the template definitions (printed label, variants, loose numbering).
import { normalizeLabel, type HeaderNode } from '../template';

// Leading enumerators: 一、 （一） 1. 1、 (after normalising, 、 is ',' and （） are ()).
const NUMBERING = /^(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十\d]+[.,:])+/;
export const stripNumbering = (norm: string): string => norm.replace(NUMBERING, '');

/** The normalised forms a node's label may take: printed label, variants, and with a parent's label in front. */
export function labelForms(node: HeaderNode, parent?: HeaderNode): string[] {
  const own = [...new Set([node.label, ...(node.variants ?? [])].map(normalizeLabel).filter(Boolean))];
  if (!parent?.label) return own;
  return [...own, ...own.map((f) => normalizeLabel(parent.label) + f)];
}

/**
 * 'exact' when the normalised text is one of the forms; 'loose' when it is one once the numbering is set aside on
 * both sides (（1）属于国家秘密 for 1.属于国家秘密). `minCore`: a loose match needs that many characters left — where
 * a label is looked for anywhere (a workbook) a short core such as 其他 would match the wrong row or column.
 */
export function formMatches(norm: string, forms: readonly string[], minCore = 0): 'exact' | 'loose' | null {
  if (forms.includes(norm)) return 'exact';
  const core = stripNumbering(norm);
  if (core && core.length >= minCore && forms.some((f) => stripNumbering(f) === core)) return 'loose';
  return null;
}
