// Reads one table of the template (表二, 表三 or 表四) from lines of cells: finds each data row by its label and
// places its numbers by the template's column structure. When the numbers cannot be placed with certainty the
// cells stay blank and a doubt says why: a wrong number that looks right is worse than a blank.
import { rowReadings, type Reading } from '../../shared/reading/splits';
import { solveRows, type RowOutcome } from '../../shared/reading/solve';
import type { CellValue, Doubt } from '../../shared/report';
import { getTemplate, TEMPLATE_IDS, type Table, type Template } from '../../shared/template';
import { TABLE_RULE_TITLES, tableEquations } from '../../shared/validation/table-rules';
import { findLabel, labelForms, tableRows, tokensOf, type RowDef, type Token } from './labels';
import { whereRange, type SourceLine } from './lines';
import { readRowOrder, type RowLine } from './row-order';

export interface TableResult {
  values: Record<string, CellValue>;
  provenance: Record<string, string>;
  doubts: Doubt[];
  notes: string[];
  /** Indexes of the lines the table was read from (kept out of the sections' text). */
  usedLines: Set<number>;
  /** How many data rows were found. */
  rowsFound: number;
}

export interface TableContext {
  file: string;
}

/** 表二, 表三, 表四: tables are named after their section's numeral, as people who fill them say. */
export const tableName = (table: Table): string => `表${/^[一二三四五六七八九十]+/.exec(table.section.heading)?.[0] ?? ''}`;

const rowLabel = (row: RowDef): string => row.node.short ?? row.node.label;
const show = (t: Token): string => (t.reading.kind === 'value' ? String(t.reading.value) : `“${t.text}”`);

export function readTable(table: Table, lines: readonly SourceLine[], from: number, to: number, ctx: TableContext): TableResult {
  const tokens = tokensOf(lines, from, to);
  const result: TableResult = { values: {}, provenance: {}, doubts: [], notes: [], usedLines: new Set(), rowsFound: 0 };
  const name = tableName(table);
  let cursor = 0;
  /** Rows whose printed numbers do not match the cells one to one: read together at the end. */
  const pending: Pending[] = [];
  /** Cells of the rows read without help (what the relations may lean on). */
  const known: Record<string, CellValue> = {};
  /** Text rows whose label has no number after it, and whether some row has more numbers than cells. */
  const empty: { row: RowDef; labelToken: Token }[] = [];
  let overflow = false;

  const rows = tableRows(table);
  const anyGrid = tokens.some((t) => lines[t.line].grid !== undefined);
  const kept = anyGrid ? null : keptColumns(rows, lines, from, to);
  const order = anyGrid ? null : readRowOrder(rows, tokens);
  /** Rows placed by row order (no label of their own): confirmed by the relations at the end. */
  const byOrder: { row: RowDef; rl: RowLine; at: number }[] = [];
  const missingRows: RowDef[] = [];
  for (const [index, row] of rows.entries()) {
    for (const c of row.cells) result.values[c.key] = null;
    if (order) {
      const rl = order.anchors.get(index) ?? order.placed.get(index);
      rl?.label.forEach((t) => result.usedLines.add(t.line));
      if (rl) {
        result.rowsFound++;
        rl.values.forEach((t) => result.usedLines.add(t.line));
        const labelToken = order.anchors.has(index) ? rl.label[rl.label.length - 1] : undefined;
        if (!labelToken) byOrder.push({ row, rl, at: result.doubts.length });
        const placed = placeInOrder(table, row, rl.raw);
        applyPlacement(result, row, rl.values, placed, { file: ctx.file, name, labelToken });
        if (placed.kind === 'placed' && labelToken) for (const c of row.cells) known[c.key] = result.values[c.key];
        continue;
      }
      const why = order.unplaced.get(index) ?? '原文中没有找到这一行';
      result.doubts.push({
        cells: row.cells.map((c) => c.key),
        message: `${ctx.file}：${name}“${rowLabel(row)}”一行：${why}（多见于从 PDF 转换的文字，行标题与数字被拆开）；这些单元格暂留空，请对照原文填写。`,
      });
      continue;
    }
    let runStart: number;
    if (row.node.label) {
      const forms = labelForms(row.node, row.parent);
      // PDF copies may print a row before the rows above it (表二's 行政许可 before 规章): a label found earlier in
      // the table counts only with its numbers on its own line.
      const found = findLabel(tokens, cursor, tokens.length, forms) ?? earlierOnItsLine(tokens, cursor, forms, result.usedLines);
      if (!found) {
        missingRows.push(row);
        continue;
      }
      for (let i = found.at; i < found.at + found.parts; i++) result.usedLines.add(tokens[i].line);
      runStart = found.at + found.parts;
    } else {
      // 表四's single row has no label: it starts at the first value after the header.
      runStart = tokens.findIndex((t, i) => i >= cursor && (t.reading.kind === 'value' || t.reading.kind === 'bad'));
      if (runStart < 0) continue;
    }
    result.rowsFound++;
    const labelToken = row.node.label ? tokens[runStart - 1] : undefined;
    const rowLine = labelToken?.line ?? tokens[runStart].line;
    const grid = lines[rowLine].grid !== undefined;
    // In a grid, 表四's row is read whole, blank cells before its first number included.
    if (grid && !labelToken) runStart = tokens.findIndex((t) => t.line === rowLine);
    const early = runStart <= cursor && labelToken !== undefined;
    // A row on its own line in a table whose rows all keep one cell per column: its line's cells are the row.
    const whole = kept && labelToken && !grid ? kept.get(labelToken.line) : undefined;
    const keep = whole !== undefined && whole === row.cells.length && lastTextCell(tokens, runStart - 1);
    const run = keep ? tokens.slice(runStart, runStart + whole) : collectRun(tokens, runStart, grid || early ? rowLine : undefined);
    run.forEach((t) => result.usedLines.add(t.line));
    if (!early) cursor = runStart + run.length;
    const filled = run.filter((t) => t.reading.kind !== 'blank').length;
    if (!grid && labelToken && filled === 0) empty.push({ row, labelToken });
    if (!grid && filled > row.cells.length) overflow = true;
    const placed = grid
      ? placeByGrid(table, row, lines[rowLine], run, labelToken)
      : keep
        ? { kind: 'placed' as const, cells: new Map(row.cells.map((c, i) => [c.key, run[i]])) }
        : placeInOrder(table, row, run);
    const digits = grid || keep ? null : runTogether(run, placed);
    if (digits) {
      pending.push({ row, run, digits, labelToken, reason: placed.kind === 'doubt' ? placed.reason : '', at: result.doubts.length });
      continue;
    }
    applyPlacement(result, row, run, placed, { file: ctx.file, name, labelToken });
    if (placed.kind === 'placed') for (const c of row.cells) known[c.key] = result.values[c.key];
  }
  if (pending.length) solvePending(table, lines, pending, known, result, { file: ctx.file, name });
  // A row not found in a table that was found is not known to be blank: each is a doubt, not a silent blank.
  if (result.rowsFound > 0) {
    for (const row of missingRows) {
      result.doubts.push({
        cells: row.cells.map((c) => c.key),
        message: `${ctx.file}：${name}中没有找到“${rowLabel(row)}”一行（原文可能漏印了这一行，或把行标题拆散了），这些单元格暂留空，请对照原文填写。`,
      });
    }
  }
  if (order) {
    confirmByOrder(table, byOrder, result, { file: ctx.file, name });
    for (const s of order.strays) {
      const what = s.values.map(show).join('、');
      result.notes.push(`${ctx.file} ${lines[s.line].where}：${name}中单独的“${what}”不足一行，没有放入任何单元格，请对照原文核对。`);
    }
  }
  // Labels without numbers and a row with too many (a PDF copy that put the labels in one block and the numbers
  // in another, not in matching counts): the empty rows' numbers may be among those, so they are not blank.
  const orphans = tokens.slice(cursor).some((t) => t.reading.kind === 'value' || t.reading.kind === 'bad');
  if (overflow || orphans) {
    for (const { row, labelToken } of empty) {
      for (const c of row.cells) result.values[c.key] = null;
      result.doubts.push({
        cells: row.cells.map((c) => c.key),
        message: `${ctx.file} ${labelToken.where}：${name}“${rowLabel(row)}”一行后面没有数字，而表中别处的数字比单元格多（多见于从 PDF 转换的文字，行标题和数字被分开），无法确定这一行的数字，请对照原文填写。`,
      });
    }
  }
  return result;
}

/** True when the token is the last text cell of its line: only value-like cells follow it there. */
function lastTextCell(tokens: readonly Token[], i: number): boolean {
  for (let j = i + 1; j < tokens.length && tokens[j].line === tokens[i].line; j++) if (tokens[j].reading.kind === 'text') return false;
  return true;
}

/**
 * Text rows printed one per line with explicit separators (| or tabs) keep every cell, blanks included, when
 * each such row of the table (label, then its cells) has exactly as many cells as the table's rows have, and
 * at least one starts with a number right after its label (so a label leaves no blank merged-cell remnant).
 * Then a blank at a row's edge is a real blank cell, not what a merged cell left. Only for tables whose rows
 * all have the same number of cells (表三). Returns, per line index, the number of cells after its last label.
 */
function keptColumns(rows: readonly RowDef[], lines: readonly SourceLine[], from: number, to: number): Map<number, number> | null {
  const n = rows[0]?.cells.length ?? 0;
  if (!n || rows.some((r) => r.cells.length !== n || !r.node.label)) return null;
  const tails = new Map<number, number>();
  let startsWithNumber = false;
  for (let i = from; i < to; i++) {
    const { cells, text } = lines[i];
    if (!/[|\t]/.test(text)) continue;
    const last = cells.map((c) => c.reading.kind).lastIndexOf('text');
    const tail = cells.slice(last + 1);
    if (last < 0 || !tail.some((c) => c.reading.kind !== 'blank')) continue;
    if (tail.length !== n) return null;
    tails.set(i, n);
    if (tail[0].reading.kind !== 'blank') startsWithNumber = true;
  }
  return tails.size >= 2 && startsWithNumber ? tails : null;
}

/** A label before the cursor whose numbers follow on its own line (and not yet read), or null. */
function earlierOnItsLine(
  tokens: readonly Token[],
  cursor: number,
  forms: readonly string[],
  used: ReadonlySet<number>,
): { at: number; parts: number } | null {
  for (let from = 0; from < cursor;) {
    const found = findLabel(tokens, from, cursor, forms);
    if (!found) return null;
    const line = tokens[found.at].line;
    const next = tokens[found.at + found.parts];
    const sameLine = tokens.slice(found.at, found.at + found.parts).every((t) => t.line === line);
    if (sameLine && !used.has(line) && next?.line === line && next.reading.kind !== 'text') return found;
    from = found.at + 1;
  }
  return null;
}

/**
 * Rows placed by row order are kept only when every relation of the table that they take part in, with all its
 * cells known, holds; otherwise they become doubts offering the placement, with the broken relation named.
 */
function confirmByOrder(
  table: Table,
  byOrder: { row: RowDef; rl: RowLine; at: number }[],
  result: TableResult,
  ctx: { file: string; name: string },
): void {
  if (!byOrder.length) return;
  const template = templateOf(table);
  const placedKeys = new Set(byOrder.flatMap((p) => p.row.cells.map((c) => c.key)));
  const value = (k: string) => result.values[k];
  const broken = equationsOf(template).filter((e) => {
    const keys = [e.target, ...e.terms.map((t) => t.key)];
    if (!keys.some((k) => placedKeys.has(k))) return false;
    if (keys.some((k) => typeof value(k) !== 'number')) return false;
    const sum = e.terms.reduce((s, t) => s + t.sign * (value(t.key) as number), 0);
    return Math.abs(sum - (value(e.target) as number)) > 1e-9;
  });
  const doubted = new Set<string>();
  for (const { row, rl } of byOrder) {
    const keys = row.cells.map((c) => c.key);
    const where = whereRange(rl.values[0].where, rl.values[rl.values.length - 1].where);
    const hit = broken.filter((e) => [e.target, ...e.terms.map((t) => t.key)].some((k) => keys.includes(k)));
    if (!hit.length) {
      for (const c of row.cells)
        if (result.values[c.key] !== null)
          result.provenance[c.key] =
            `${where}（这一行没有行标题，按模板的行序放在“${rowLabel(row)}”，数字行数与模板行数一致，勾稽关系成立）`;
      continue;
    }
    const reading = keys.map((k) => result.values[k]);
    const rules = [...new Set(hit.map((e) => `${e.rule}“${TABLE_RULE_TITLES[e.rule]}”`))].join('、');
    keys.forEach((k) => {
      doubted.add(k);
      result.values[k] = null;
      delete result.provenance[k];
    });
    result.doubts.push({
      cells: keys,
      message: `${ctx.file} ${where}：${ctx.name}这一行数字没有行标题，按模板的行序应是“${rowLabel(row)}”，但这样放入后 ${rules} 不成立，无法确定；这些单元格暂留空，请对照原文选择或填写。`,
      candidates: [reading.map((v) => (typeof v === 'number' ? v : null))],
    });
  }
  // A doubt already raised for a cell stays; these rows' other doubts are superseded by the one above.
  result.doubts = result.doubts.filter((d) => !d.cells.every((k) => doubted.has(k)) || d.message.includes('按模板的行序'));
}

interface Pending {
  row: RowDef;
  run: Token[];
  /** The printed pieces that hold the row's digits. */
  digits: Token[];
  labelToken?: Token;
  /** Why the pieces could not be placed one per cell ('' when they could but one has leading zeros). */
  reason: string;
  /** Where its doubt goes among the table's doubts, so they stay in row order. */
  at: number;
}

const DIGITS = /^[-\d.\s]*\d[-\d.\s]*$/u;
const LEADING_ZERO = /(?:^|\s|-)0\d/u;
const plain = (t: Token): string => t.text.normalize('NFKC').trim();

/**
 * A text row goes to the solver when its pieces are bare digits that do not fill the cells one to one, or
 * when one piece has a leading zero (`000`, `01`): digits of several cells run together, never one number.
 */
function runTogether(run: Token[], placed: Placement): Token[] | null {
  const inner = run.filter((t) => t.reading.kind !== 'blank');
  if (!inner.length || !inner.every((t) => DIGITS.test(plain(t)))) return null;
  // Blank cells between numbers are real cells: such a row keeps its columns.
  const first = run.indexOf(inner[0]);
  if (run.slice(first, run.indexOf(inner[inner.length - 1])).some((t) => t.reading.kind === 'blank')) return null;
  if (placed.kind === 'doubt' || inner.some((t) => LEADING_ZERO.test(plain(t)))) return inner;
  return null;
}

const templateOf = (table: Table): Template => TEMPLATE_IDS.map(getTemplate).find((t) => t.tables.includes(table)) as Template;
const MAX_LISTED = 20;
const equationCache = new WeakMap<Template, ReturnType<typeof tableEquations>>();
const equationsOf = (t: Template) =>
  equationCache.get(t) ?? (equationCache.set(t, tableEquations(t)).get(t) as ReturnType<typeof tableEquations>);
const showReading = (r: Reading): string => r.map((x) => (x === null ? '空白' : x)).join('、');

/** Time spent splitting and solving run-together rows, for `npm run bench` (target < 50 ms per report). */
export const solverClock = { ms: 0 };

/** Reads the pending rows by the template's relations (R1–R4) and applies what is certain; the rest become doubts. */
function solvePending(
  table: Table,
  lines: readonly SourceLine[],
  pending: Pending[],
  known: Record<string, CellValue>,
  result: TableResult,
  ctx: { file: string; name: string },
): void {
  const started = performance.now();
  const template = templateOf(table);
  const kinds = (row: RowDef) => row.cells.map((c) => template.cellByKey.get(c.key)?.kind ?? 'count');
  const rows = pending.map((p) => {
    // Pieces of one line split at spaces only (a PDF copy) may share a cell; |, tabs and new lines part cells.
    const spaced = p.digits.slice(1).map((t, j) => t.line === p.digits[j].line && !/[|\t]/.test(lines[t.line].text));
    const { readings, restored, guess, truncated } = rowReadings(
      p.digits.map((t) => plain(t)),
      kinds(p.row),
      spaced,
    );
    return { keys: p.row.cells.map((c) => c.key), readings: truncated ? [] : readings, restored, guess, truncated };
  });
  const outcomes = solveRows(rows, known, equationsOf(template));
  solverClock.ms += performance.now() - started;
  const later = result.doubts;
  result.doubts = [];
  let taken = 0;
  pending.forEach((p, i) => {
    result.doubts.push(...later.slice(taken, p.at));
    taken = p.at;
    applyOutcome(result, p, outcomes[i], rows[i].truncated, { ...ctx, template });
  });
  result.doubts.push(...later.slice(taken));
}

function applyOutcome(
  result: TableResult,
  p: Pending,
  outcome: RowOutcome,
  truncated: boolean,
  ctx: { file: string; name: string; template: Template },
): void {
  const first = p.labelToken ?? p.run[0];
  const last = p.run[p.run.length - 1] ?? first;
  const where = whereRange(first.where, last.where);
  const printed = p.digits.map((t) => plain(t)).join(' ');
  const rowName = p.row.node.label ? `“${rowLabel(p.row)}”一行` : '的数据行';
  result.usedLines.add(first.line);
  p.run.forEach((t) => result.usedLines.add(t.line));
  if (outcome.kind === 'only' || outcome.kind === 'solved') {
    const how = outcome.kind === 'only' ? '只有一种拆法' : `按勾稽关系拆分（${[...new Set(outcome.rules)].sort().join('、')}）`;
    p.row.cells.forEach((c, j) => {
      result.values[c.key] = outcome.values[j];
      if (outcome.values[j] !== null) result.provenance[c.key] = `${where}“${printed}”${how}`;
    });
    return;
  }
  const list = (readings: readonly Reading[]) => readings.map((r, j) => `（${j + 1}）${showReading(r)}`).join('；');
  let why: string;
  const tooMany = (outcome.kind === 'ambiguous' || outcome.kind === 'inconsistent') && outcome.readings.length > MAX_LISTED;
  if (tooMany) {
    // Listing dozens of readings helps nobody: say why the row does not fit and how many readings remain.
    const base = p.reason || `“${printed}”无法按 ${p.row.cells.length} 个单元格确定`;
    why = `${base}，按勾稽关系仍有 ${outcome.readings.length} 种可能的读法，无法确定`;
  } else if (outcome.kind === 'ambiguous') {
    why = outcome.related
      ? `“${printed}”可以拆成 ${outcome.readings.length} 种都符合勾稽关系的读法：${list(outcome.readings)}`
      : `“${printed}”可以拆成 ${outcome.readings.length} 种读法（这一行没有勾稽关系可以判断）：${list(outcome.readings)}`;
  } else if (outcome.kind === 'inconsistent') {
    const broken = [
      ...new Set(
        outcome.broken.map((e) => `${e.rule}“${TABLE_RULE_TITLES[e.rule]}”（${ctx.template.cellByKey.get(e.target)?.name ?? e.target}）`),
      ),
    ];
    why = `“${printed}”没有一种拆法能满足勾稽关系（原表本身可能不平），违反最少的读法是：${list(outcome.readings)}，它不满足 ${broken.join('、')}`;
  } else if (outcome.kind === 'unconfirmed') {
    why = `“${printed}”只有在相同的相邻数字只印了一次时才能读作 ${list(outcome.readings).slice(3)}，但没有勾稽关系可以确认（重复的 0 也可能是空白单元格）`;
  } else {
    why = truncated ? `“${printed}”的拆法太多，无法确定` : p.reason || `“${printed}”无法按 ${p.row.cells.length} 个单元格拆分`;
  }
  const offered = !tooMany && outcome.kind !== 'unreadable' ? outcome.readings.map((r) => [...r]) : [];
  result.doubts.push({
    cells: p.row.cells.map((c) => c.key),
    message: `${ctx.file} ${where}：${ctx.name}${rowName}${why}；这些单元格暂留空，请对照原文选择或填写。`,
    ...(offered.length ? { candidates: offered } : {}),
  });
}

/** The cells that follow a row label: in a grid, the rest of its row; in text, every value-like cell up to the next text. */
function collectRun(tokens: readonly Token[], start: number, gridLine?: number): Token[] {
  const run: Token[] = [];
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (gridLine !== undefined ? t.line !== gridLine : t.reading.kind === 'text') break;
    run.push(t);
  }
  return run;
}

type Placement =
  /** cell key → the token placed there (or null: certainly blank). */
  { kind: 'placed'; cells: Map<string, Token | null>; rule?: string } | { kind: 'doubt'; reason: string; candidates?: (number | null)[][] };

/**
 * Real table markup keeps every cell's column (merges are explicit), so each value goes to the template cell
 * whose columns it covers, counting from the end of the row's label. 表四's row has no label: its values
 * begin at its first cell that is not text. A number outside the value columns (a stray extra cell) makes
 * the row doubtful; extra blank cells do not matter.
 */
function placeByGrid(table: Table, row: RowDef, line: SourceLine, run: Token[], label?: Token): Placement {
  const n = table.valueColumns;
  const start = label ? (label.col ?? 0) + (label.span ?? 1) : (line.cells.find((c) => c.reading.kind !== 'text')?.col ?? 0);
  const rel = (t: Token) => (t.col ?? 0) - start;
  const outside = run.filter((t) => (rel(t) < 0 || rel(t) >= n) && t.reading.kind !== 'blank');
  if (outside.length) return { kind: 'doubt', reason: `有数字（${outside.map(show).join('、')}）落在表格的 ${n} 个数据列之外` };
  const cells = new Map<string, Token | null>();
  for (const c of row.cells) {
    const inside = run.filter((t) => rel(t) < c.start + c.span && rel(t) + (t.span ?? 1) > c.start);
    const filled = inside.filter((t) => t.reading.kind !== 'blank');
    if (filled.length > 1)
      return { kind: 'doubt', reason: `在“${c.name}”的位置有 ${filled.length} 个数字（${filled.map(show).join('、')}）` };
    cells.set(c.key, filled[0] ?? inside[0] ?? null);
  }
  return { kind: 'placed', cells };
}

/**
 * Text keeps the order of the cells but not reliably their columns: merged cells leave blank cells at the
 * edges of a row (before the first number, after the last). So the blanks at the edges are dropped, the blanks
 * between numbers are real cells, and the numbers are placed only when they and those blanks fill the row.
 */
function placeInOrder(table: Table, row: RowDef, run: Token[]): Placement {
  let a = 0;
  let b = run.length;
  while (a < b && run[a].reading.kind === 'blank') a++;
  while (b > a && run[b - 1].reading.kind === 'blank') b--;
  const inner = run.slice(a, b);
  const n = row.cells.length;
  const filled = inner.filter((t) => t.reading.kind !== 'blank');
  const cells = new Map<string, Token | null>();
  if (filled.length === 0) {
    row.cells.forEach((c) => cells.set(c.key, null));
    return { kind: 'placed', cells };
  }
  if (inner.length === n) {
    row.cells.forEach((c, i) => cells.set(c.key, inner[i]));
    return { kind: 'placed', cells };
  }
  const pair = a === 0 ? equalPairInRequests(table, row, inner) : null;
  if (pair) return pair;
  const what = filled.map(show).join('、');
  // With its blank edge cells the row fills the cells exactly (a markdown row's trailing `|  |`): offered, not taken,
  // as the edges may as well be what a merged cell left.
  const numbers = run.map((t) => (t.reading.kind === 'value' && typeof t.reading.value === 'number' ? t.reading.value : null));
  const whole = run.length === n && run.every((t, i) => numbers[i] !== null || t.reading.kind === 'blank');
  const candidates = whole ? [numbers] : undefined;
  return {
    kind: 'doubt',
    ...(candidates ? { candidates } : {}),
    reason:
      filled.length > n
        ? `有 ${n} 个单元格，却读到 ${filled.length} 个数字（${what}）`
        : `有 ${n} 个单元格，只读到 ${filled.length} 个数字（${what}），无法确定它们各在哪一列`,
  };
}

/**
 * 表三: a row whose only numbers are two equal ones, every other cell blank (e.g. `13 | 13` scraped from a row
 * of seven). The six applicant columns add up to 总计 (R2), so with the rest blank one of the two is 总计, and
 * 总计 is the last column, so it is the second. The first sits directly after the label with no blank cell
 * before it (the caller checks), so it is the first applicant column, 自然人. Any other spread (one number,
 * two different numbers, three or more, a blank cell before the first) is left to a person.
 */
function equalPairInRequests(table: Table, row: RowDef, inner: Token[]): Placement | null {
  if (table.id !== 'requests' || inner.length !== 2) return null;
  const [x, y] = inner;
  if (x.reading.kind !== 'value' || y.reading.kind !== 'value') return null;
  if (typeof x.reading.value !== 'number' || x.reading.value !== y.reading.value) return null;
  const first = row.cells[0];
  const last = row.cells[row.cells.length - 1];
  if (!first.key.endsWith('.natural_person') || !last.key.endsWith('.total')) return null;
  const cells = new Map<string, Token | null>(row.cells.map((c) => [c.key, null]));
  cells.set(first.key, x);
  cells.set(last.key, y);
  return { kind: 'placed', cells, rule: `只有两个相等的数字 ${x.reading.value}，其余为空，按表格结构填入“自然人”和“总计”，请核对` };
}

function applyPlacement(
  result: TableResult,
  row: RowDef,
  run: Token[],
  placed: Placement,
  ctx: { file: string; name: string; labelToken?: Token },
): void {
  const first = ctx.labelToken ?? run[0];
  const last = run[run.length - 1] ?? first;
  const where = first ? whereRange(first.where, last.where) : '';
  const rowName = row.node.label ? `“${rowLabel(row)}”一行` : '的数据行';
  if (placed.kind === 'doubt') {
    result.doubts.push({
      cells: row.cells.map((c) => c.key),
      message: `${ctx.file} ${where}：${ctx.name}${rowName}${placed.reason}${placed.candidates ? `（连同行首行尾的空格正好 ${row.cells.length} 格，可选这种读法）` : ''}；这些单元格暂留空，请对照原文填写。`,
      ...(placed.candidates ? { candidates: placed.candidates } : {}),
    });
    return;
  }
  for (const c of row.cells) {
    const t = placed.cells.get(c.key);
    if (!t) continue;
    result.provenance[c.key] = t.where;
    if (t.reading.kind === 'value') result.values[c.key] = t.reading.value;
    if (t.reading.kind === 'bad' || t.reading.kind === 'text') {
      result.doubts.push({
        cells: [c.key],
        message: `${ctx.file} ${t.where}：${ctx.name}“${c.name}”写的是“${t.text}”，${t.reading.kind === 'bad' ? t.reading.why : '不是数字'}，请对照原文填写。`,
      });
    }
  }
  if (placed.rule) result.notes.push(`${ctx.file} ${where}：${ctx.name}${rowName}${placed.rule}。`);
}
