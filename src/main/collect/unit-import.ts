// A unit list from an Excel sheet (name, kind, parent, code): the header row is found by its labels; duplicate and
// near-duplicate names (NFKC, spaces, full-width forms) are refused with the rows named; the units are written
// through the archive's addUnit/updateUnit in one transaction, so a bad list writes nothing.
import { basename } from 'node:path';
import type { UnitImportView } from '../../shared/api';
import { UNIT_KIND_LABELS, type UnitKind } from '../../shared/report';
import { normalizeLabel } from '../../shared/template';
import { InputError } from '../errors';
import { gridOf, type Grid } from '../excel/grid';
import { loadWorkbook } from '../excel/load';
import { parseUnitKind, type Archive } from '../services/archive';

const HEADERS = {
  name: ['单位名称', '名称', '单位'],
  kind: ['单位类型', '类型'],
  parent: ['上级单位', '上级', '上级单位名称', '主管单位'],
  code: ['单位代码', '代码', '统一社会信用代码'],
} as const;
type Field = keyof typeof HEADERS;

/** The key two names are the same by: NFKC, no whitespace, one form of brackets and punctuation. */
export const nameKey = (name: string) => normalizeLabel(name);

/**
 * A unit type as offices write it in their lists: the app's four labels, or 区人民政府 / 县政府, 区直部门 / 委办局,
 * 乡镇 / 街道 / 街道办事处 (the type is read from the word, not the exact label).
 */
export function listKind(text: string): UnitKind {
  const t = text.replace(/\s+/g, '');
  if (/^(?:[乡镇]|街道|乡镇|乡镇街道|街道办事处|街道办|镇人民政府|乡人民政府|乡镇人民政府|乡镇（街道）|乡镇\(街道\))$/.test(t))
    return 'township';
  if (/^(?:[区县市旗]{0,2}(?:人民)?政府|[区县市旗]级政府)$/.test(t)) return 'government';
  if (/^(?:[区县市旗]直?(?:属)?部门|[区县市旗]直单位|政府部门|政府工作部门|委办局|直属单位|部门单位)$/.test(t)) return 'department';
  return parseUnitKind(t);
}

interface Found {
  grid: Grid;
  row: number;
  cols: Partial<Record<Field, number>>;
}

function findHeader(grids: Grid[]): Found | null {
  for (const grid of grids)
    for (let row = 1; row <= Math.min(grid.rows, 20); row++) {
      const cols: Partial<Record<Field, number>> = {};
      for (let col = 1; col <= grid.cols; col++) {
        const norm = grid.at(row, col)?.norm;
        if (!norm) continue;
        for (const field of Object.keys(HEADERS) as Field[])
          if (cols[field] === undefined && HEADERS[field].some((h) => normalizeLabel(h) === norm)) cols[field] = col;
      }
      if (cols.name !== undefined && (cols.kind !== undefined || cols.parent !== undefined)) return { grid, row, cols };
    }
  return null;
}

interface Row {
  row: number;
  name: string;
  /** The name as the cell holds it, spaces around it included. */
  written: string;
  kind: UnitKind;
  kindGiven: boolean;
  parent: string | null;
  code: string | null;
}

/**
 * Reads, checks and (unless dryRun) applies a unit list. Throws InputError listing every problem when it cannot be
 * applied; with `preview` (a dry run for the 单位 page) the problems come back in the view instead.
 */
export async function importUnits(
  archive: Archive,
  file: string,
  options: { dryRun?: boolean; preview?: boolean } = {},
): Promise<UnitImportView> {
  const wb = await loadWorkbook(file);
  const found = findHeader(wb.worksheets.map(gridOf));
  const name = basename(file);
  if (!found)
    throw new InputError(
      `${name} 中没有找到单位名单的表头：需要一行写有“单位名称”（或“名称”），以及“单位类型”（或“类型”）、“上级单位”（或“上级”）中的至少一列`,
    );
  const { grid, cols } = found;
  const problems: string[] = [];
  const notes: string[] = [];
  const duplicates: UnitImportView['duplicates'] = [];
  const text = (row: number, f: Field) => (cols[f] === undefined ? '' : (grid.at(row, cols[f]!)?.text ?? '').trim());
  const where = (row: number) => `${grid.sheet} 第 ${row} 行`;

  const rows: Row[] = [];
  for (let r = found.row + 1; r <= grid.rows; r++) {
    const n = text(r, 'name');
    const k = text(r, 'kind');
    const p = text(r, 'parent');
    const c = text(r, 'code');
    if (!n) {
      if (k || p || c) problems.push(`${where(r)}：没有单位名称`);
      continue;
    }
    let kind: UnitKind | null = null;
    if (k) {
      try {
        kind = listKind(k);
      } catch (e) {
        problems.push(`${where(r)}：${(e as Error).message}`);
      }
    }
    const raw = cols.name === undefined ? null : grid.at(r, cols.name)?.raw;
    rows.push({
      row: r,
      name: n,
      written: typeof raw === 'string' ? raw : n,
      kind: kind ?? 'other',
      kindGiven: kind !== null,
      parent: p || null,
      code: c || null,
    });
  }
  if (!rows.length && !problems.length) problems.push(`${name} 的 ${grid.sheet} 表头下面没有单位`);

  // Duplicates and near-duplicates within the list.
  const byKey = new Map<string, Row>();
  const keep: Row[] = [];
  for (const r of rows) {
    const first = byKey.get(nameKey(r.name));
    if (!first) {
      byKey.set(nameKey(r.name), r);
      keep.push(r);
    } else if (first.name !== r.name) {
      problems.push(`${where(r.row)}“${r.name}”与第 ${first.row} 行“${first.name}”近似重名（只差空格、全角半角或标点），请统一写法`);
      duplicates.push({ row: r.row, name: r.name, of: first.name, ofRow: first.row, kind: 'near' });
    } else if (first.kind !== r.kind || first.parent !== r.parent || first.code !== r.code) {
      problems.push(`${where(r.row)}“${r.name}”与第 ${first.row} 行重复，但类型、上级或代码不同，请只保留一行`);
      duplicates.push({ row: r.row, name: r.name, of: first.name, ofRow: first.row, kind: 'conflict' });
    } else if (first.written !== r.written) {
      notes.push(`${where(r.row)}“${r.written}”与第 ${first.row} 行“${first.written}”只差首尾空格，按同一单位只导入一次`);
      duplicates.push({ row: r.row, name: r.written, of: first.written, ofRow: first.row, kind: 'spaces' });
    } else {
      notes.push(`${where(r.row)}“${r.name}”与第 ${first.row} 行完全重复，只导入一次`);
      duplicates.push({ row: r.row, name: r.name, of: first.name, ofRow: first.row, kind: 'same' });
    }
  }

  // Against the archive: the same name updates; a near-duplicate of another name is refused.
  const existing = archive.listUnits();
  const existingByKey = new Map(existing.map((u) => [nameKey(u.name), u]));
  const existingByName = new Map(existing.map((u) => [u.name, u]));
  for (const r of keep) {
    // What the list leaves out of a unit the archive has stays as it is.
    const same = existingByName.get(r.name);
    if (same && !r.kindGiven) r.kind = same.kind;
    if (same && cols.parent === undefined) r.parent = same.parent;
    if (!same && !r.kindGiven) notes.push(`${where(r.row)}“${r.name}”没有填单位类型，按“其他”处理`);
    const e = existingByKey.get(nameKey(r.name));
    if (e && e.name !== r.name) {
      problems.push(`${where(r.row)}“${r.name}”与档案中已有的单位“${e.name}”近似重名，请改用档案中的写法`);
      duplicates.push({ row: r.row, name: r.name, of: e.name, ofRow: null, kind: 'near' });
    }
  }

  // Parents: in the list or in the archive; a near-duplicate spelling is taken as that unit and noted.
  const finalParent = new Map<string, string | null>(existing.map((u) => [u.name, u.parent]));
  const canonical = new Map<string, string>([...existingByKey].map(([k, u]) => [k, u.name]));
  for (const r of keep) canonical.set(nameKey(r.name), r.name);
  for (const r of keep) {
    if (r.parent) {
      const p = canonical.get(nameKey(r.parent));
      if (!p) problems.push(`${where(r.row)}“${r.name}”的上级单位“${r.parent}”既不在名单中，也不在档案中`);
      else {
        if (p !== r.parent) notes.push(`${where(r.row)}上级单位“${r.parent}”按“${p}”处理`);
        if (p === r.name) problems.push(`${where(r.row)}“${r.name}”的上级单位不能是它自己`);
        r.parent = p;
      }
    }
    finalParent.set(r.name, r.parent);
  }
  for (const r of keep) {
    const seen = new Set<string>([r.name]);
    for (let p = finalParent.get(r.name); p; p = finalParent.get(p) ?? null) {
      if (seen.has(p)) {
        problems.push(`${where(r.row)}“${r.name}”的上级关系形成循环（${[...seen].join(' → ')} → ${p}）`);
        break;
      }
      seen.add(p);
    }
  }

  const view: UnitImportView = {
    file,
    sheet: grid.sheet,
    rows: keep.map((r) => {
      const e = existingByName.get(r.name);
      const action = !e ? 'add' : e.kind === r.kind && e.parent === r.parent && (r.code === null || e.code === r.code) ? 'same' : 'update';
      return { row: r.row, name: r.name, kind: r.kind, parent: r.parent, code: r.code, action };
    }),
    problems,
    notes,
    duplicates,
    applied: false,
  };
  if (problems.length && options.preview) return view;
  if (problems.length)
    throw new InputError(
      `${name} 的单位名单有 ${problems.length} 处问题，没有导入任何单位：\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  if (options.dryRun || options.preview) return view;

  archive.db
    .transaction(() => {
      // Units first without parents, so a child may come before its parent in the list.
      for (const r of view.rows) if (r.action === 'add') archive.addUnit({ name: r.name, kind: r.kind, code: r.code });
      for (const r of view.rows)
        if (r.action !== 'same' && (r.parent || r.action === 'update'))
          archive.updateUnit(r.name, { kind: r.kind, parent: r.parent, ...(r.code !== null ? { code: r.code } : {}) });
    })
    .immediate();
  return { ...view, applied: true };
}

export const unitImportText = (v: UnitImportView): string => {
  const count = (a: string) => v.rows.filter((r) => r.action === a).length;
  return [
    ...v.rows.map(
      (r) =>
        `${{ add: '新增', update: '更新', same: '不变' }[r.action]}\t${r.name}\t${UNIT_KIND_LABELS[r.kind]}${r.parent ? `\t上级：${r.parent}` : ''}`,
    ),
    ...v.notes.map((n) => `注意：${n}`),
    `${v.applied ? '已导入' : '试导入（未写入档案）'}：新增 ${count('add')} 个，更新 ${count('update')} 个，不变 ${count('same')} 个（${v.sheet}）`,
  ].join('\n');
};
