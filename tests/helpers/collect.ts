// A county's forty units and their reports, for the collecting-office tests.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Report } from '../../src/shared/report';
import { consistentReport } from './random-report';

export const PARENT = '某县人民政府';
/** Department names without the place, as a county or district has them. */
export const DEPARTMENTS = [
  '教育局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业局',
  '信访局',
  '发展和改革局',
  '工业和信息化局',
  '科学技术局',
  '民族宗教事务局',
  '城市管理局',
  '数据局',
  '档案局',
];
const TOWNS = ['城关镇', '东关镇', '西关镇', '南山镇', '北山镇', '河口镇', '新华镇', '太平镇', '永安镇', '长乐镇'];

export const UNITS: { name: string; kind: '部门' | '乡镇街道' }[] = [
  ...DEPARTMENTS.map((d) => ({ name: `某县${d}`, kind: '部门' as const })),
  ...TOWNS.map((t) => ({ name: `某县${t}`, kind: '乡镇街道' as const })),
];

/** A unit list as offices keep it: a title row, then 序号 / 单位名称 / 单位类型 / 上级单位 (children before the parent). */
export async function writeUnitList(dir: string, name: string, extraRows: (string | number | null)[][] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位名单');
  ws.addRow(['某县政务公开单位名单（2024年）']);
  ws.addRow(['序号', '单位名称', '单位类型', '上级单位']);
  UNITS.forEach((u, i) => ws.addRow([i + 1, u.name, u.kind, PARENT]));
  ws.addRow([UNITS.length + 1, PARENT, '人民政府', null]);
  for (const r of extraRows) ws.addRow(r);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

export const reportOf = (unit: string, seed: number, year = 2024, published = `${year + 1}-01-20`): Report => ({
  ...consistentReport('gov2021', seed, year),
  unit,
  published,
});

/** Each child unit's board state for a year, worked out from the SQLite file itself (not through the app). */
export function childStatesFromFile(file: string, year: number, parent: string) {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT u.name, r.status, r.error_count AS errors, r.warning_count AS warnings
         FROM units u JOIN units p ON p.id = u.parent_id
         LEFT JOIN reports r ON r.unit_id = u.id AND r.year = ? AND r.deleted_at IS NULL
         WHERE p.name = ?`,
      )
      .all(year, parent) as { name: string; status: string | null; errors: number | null; warnings: number | null }[];
    return rows.map((r) => ({
      ...r,
      state:
        r.status === null ? 'missing' : r.status === 'final' ? 'final' : r.errors! > 0 ? 'errors' : r.warnings! > 0 ? 'warnings' : 'draft',
    }));
  } finally {
    db.close();
  }
}
