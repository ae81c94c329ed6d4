// Reading one table value from a workbook cell, as clerks type them: numbers stored as text, full-width
// digits, thousands separators, formulas (their cached values), / — 不适用, blanks.
import { NOT_APPLICABLE, valueProblem, type CellValue } from '../../shared/report';
import type { CellKind } from '../../shared/template';
import type { Raw } from './grid';

export type ReadValue = { ok: true; value: CellValue } | { ok: false; problem: string };

const NA_MARKS = new Set(['/', '／', '—', '——', '-', '－', '–', '不适用', 'N/A', 'n/a']);

export function readValue(raw: Raw, kind: CellKind): ReadValue {
  let v: unknown = raw;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    if ((v as { result?: unknown }).result === undefined)
      return { ok: false, problem: '是公式但文件里没有保存计算结果，请在 Excel 或 WPS 中打开、保存后再导入' };
    v = (v as { result: unknown }).result;
  }
  if (v === null || v === undefined) return { ok: true, value: null };
  if (typeof v === 'object' && !(v instanceof Date)) {
    // exceljs: an error value {error: '#REF!'}, rich text {richText: [{text}]}, a link {text, hyperlink}.
    const o = v as { error?: unknown; richText?: { text?: unknown }[]; text?: unknown };
    if (typeof o.error === 'string') return { ok: false, problem: `是错误值 ${o.error}（公式算不出结果），不是数字` };
    if (Array.isArray(o.richText)) v = o.richText.map((r) => String(r.text ?? '')).join('');
    else if (o.text !== undefined) v = String(o.text);
    else return { ok: false, problem: '内容无法识别，不是数字' };
  }
  if (v instanceof Date) return { ok: false, problem: `是日期（${v.toISOString().slice(0, 10)}），不是数字` };
  if (typeof v === 'boolean') return { ok: false, problem: `是逻辑值 ${v ? 'TRUE' : 'FALSE'}，不是数字` };
  let n: number;
  let shown: string;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false, problem: '不是有效数字' };
    n = v;
    shown = String(v);
  } else {
    const s = String(v).normalize('NFKC').replace(/\s+/g, '');
    if (!s) return { ok: true, value: null };
    if (NA_MARKS.has(s)) return { ok: true, value: NOT_APPLICABLE };
    const plain = s.replace(/(\d),(?=\d{3}(\D|$))/g, '$1');
    if (!/^-?\d+(\.\d+)?$/.test(plain)) return { ok: false, problem: `“${String(v).trim()}”不是数字` };
    n = Number(plain);
    shown = String(v).trim();
  }
  const problem = valueProblem(kind, n);
  // The text as written, not the number it became (which may already be rounded).
  return problem ? { ok: false, problem: `${problem}（${shown}）` } : { ok: true, value: n };
}
