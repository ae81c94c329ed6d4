import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkbook } from '../../src/main/excel/load';
import { reportBuffer } from '../../src/main/excel/write-report';
import { importFiles } from '../../src/main/services/batch-import';
import { exportFlat, exportReport, exportTemplates } from '../../src/main/services/export';
import { parseFile } from '../../src/main/services/files';
import { commitPlans, planImport } from '../../src/main/services/import-plan';
import { tempDir, tempStore } from '../helpers/archive';
import { handmadeWorkbook } from '../helpers/handmade';
import { consistentReport } from '../helpers/random-report';

const dir = tempDir('nianbao-plan-');
let n = 0;
const file = (content: Buffer | string, ext = '.xlsx') => {
  const p = join(dir, `f${n++}${ext}`);
  writeFileSync(p, content);
  return p;
};
const workbookFile = async (wb: ExcelJS.Workbook) => file(Buffer.from(await wb.xlsx.writeBuffer()));
const revisions = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('bad workbooks get a clear message naming the file, and nothing is written', () => {
  const cases: [string, () => Promise<string> | string, RegExp][] = [
    ['not a workbook', () => file('这是一个文本文件，不是工作簿'), /f\d+\.xlsx 不是 Excel 工作簿（\.xlsx）/],
    ['empty', () => file(''), /是空文件/],
    ['a zip that is not a workbook', () => file(Buffer.from('504b0304140000000800', 'hex')), /已损坏或不是 \.xlsx 工作簿/],
    [
      'encrypted',
      () =>
        file(
          Buffer.concat([
            Buffer.from('d0cf11e0a1b11ae1', 'hex'),
            Buffer.alloc(504),
            Buffer.from('EncryptionInfo', 'utf16le'),
            Buffer.alloc(1024),
          ]),
        ),
      /设置了打开密码（已加密）/,
    ],
    ['old .xls', () => file(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048)]), '.xls'), /旧版 Excel 97-2003/],
    [
      'corrupt (truncated)',
      async () => {
        const buf = await reportBuffer(consistentReport('gov2021', 1), { appVersion: '0' });
        return file(buf.subarray(0, Math.floor(buf.length * 0.6)));
      },
      /已损坏或不是 \.xlsx 工作簿/,
    ],
    [
      'no recognisable table',
      async () => {
        const wb = new ExcelJS.Workbook();
        wb.addWorksheet('工资表').addRows([
          ['姓名', '基本工资'],
          ['张三', 5000],
        ]);
        return workbookFile(wb);
      },
      /中没有找到年报表格/,
    ],
    ['unsupported type', () => file('x', '.pdf'), /不支持的文件类型“\.pdf”/],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      const store = await tempStore();
      store.archive.save({ ...consistentReport('gov2021', 1), unit: '甲' });
      const path = await make();
      await expect(parseFile(path)).rejects.toThrow(message);
      const results = await importFiles(store.archive, [path]);
      expect(results).toMatchObject([{ status: 'failed' }]);
      expect(results[0].reason).toMatch(message);
      // Chinese only: not the zip reader's "Corrupted zip: can't find end of central directory".
      expect(results[0].reason).not.toMatch(/[A-Za-z]{3,} [a-z]{2,}/);
      expect(revisions(store.path)).toBe(1);
      store.close();
    });
  }

  it('a file far too large', async () => {
    const path = file(Buffer.alloc(2 * 1024 * 1024, 1));
    await expect(loadWorkbook(path, 1024 * 1024)).rejects.toThrow(/太大（2\.0 MB，上限 1 MB）/);
  });
});

describe('import plan', () => {
  it('shows the report, findings, provenance and the difference from the archive before writing anything', async () => {
    const store = await tempStore();
    const stored = { ...consistentReport('gov2021', 2), unit: '甲' };
    store.archive.save(stored);
    const changed = { ...stored, values: { ...stored.values, 'proactive.penalty.decisions': 4321 } };
    const [parsed] = await parseFile(
      await workbookFile(handmadeWorkbook(changed, { title: '甲2024年政府信息公开工作年度报告', rowOffset: 1 })),
    );
    const plan = planImport(store.archive, parsed);
    expect(plan.status).toBe('ready');
    expect(plan.existing).toEqual({ revision: 1, status: 'draft' });
    expect(plan.diff?.cells).toEqual([
      {
        key: 'proactive.penalty.decisions',
        name: '行政处罚（本年处理决定数量）',
        before: stored.values['proactive.penalty.decisions'],
        after: 4321,
      },
    ]);
    // Texts are not in a hand-made workbook: the archive's are kept.
    expect(plan.report.sections).toEqual(stored.sections);
    expect(plan.parsed.provenance['proactive.penalty.decisions']).toBe('Sheet1!B11');
    expect(revisions(store.path)).toBe(1);
    commitPlans(store.archive, [plan]);
    const after = store.archive.get('甲', 2024);
    expect(after.report.values['proactive.penalty.decisions']).toBe(4321);
    expect(after.provenance['proactive.penalty.decisions']).toBe('Sheet1!B11');
    expect(after.source.kind).toBe('excel');
    store.close();
  });

  it('needs unit and year when the file does not say, and doubts resolved (or forced)', async () => {
    const store = await tempStore();
    const r = consistentReport('gov2021', 3);
    const [parsed] = await parseFile(
      await workbookFile(handmadeWorkbook(r, { value: (v, k) => (k === 'requests.new.total' ? '约20' : v) })),
    );
    const plan = planImport(store.archive, parsed);
    expect(plan.problems).toEqual([
      '文件中没有写明单位，请指定单位',
      '文件中没有写明年度，请指定年度',
      '1 处数字无法确定位置或读法，需要人工确认',
    ]);
    expect(() => commitPlans(store.archive, [plan], { force: true })).toThrow('没有单位或年度');
    const withUnit = planImport(store.archive, parsed, { unit: '乙', year: 2024 });
    expect(withUnit.status).toBe('needs_attention');
    expect(() => commitPlans(store.archive, [withUnit])).toThrow('无法确定位置或读法');
    commitPlans(store.archive, [withUnit], { force: true });
    expect(store.archive.get('乙', 2024).report.values['requests.new.total']).toBeNull();
    store.close();
  });
});

describe('batch import', () => {
  it('imports forty units’ workbooks with progress and a result per file, in one transaction', async () => {
    const store = await tempStore();
    const files: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = { ...consistentReport('gov2021', i + 1), unit: `第${i + 1}单位` };
      files.push(file(await reportBuffer(r, { appVersion: '0' })));
    }
    files.push(file('坏文件'));
    files.push(await workbookFile(handmadeWorkbook(consistentReport('gov2021', 99), {}))); // no unit, no year
    const progress: number[] = [];
    const results = await importFiles(store.archive, files, { onProgress: (p) => progress.push(p.done) });
    expect(progress).toEqual([...Array(43).keys()]);
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(40);
    expect(results[40]).toMatchObject({ status: 'failed' });
    expect(results[41]).toMatchObject({
      status: 'needs_attention',
      reason: '文件中没有写明单位，请指定单位；文件中没有写明年度，请指定年度',
    });
    expect(store.archive.overview().reports).toHaveLength(40);
    // Importing the same files again writes nothing new.
    const again = await importFiles(store.archive, files.slice(0, 40));
    expect(again.every((r) => r.status === 'unchanged')).toBe(true);
    expect(revisions(store.path)).toBe(40);
    store.close();
  });

  it('a dry run writes nothing', async () => {
    const store = await tempStore();
    const results = await importFiles(
      store.archive,
      [file(await reportBuffer({ ...consistentReport('gov2021', 1), unit: '甲' }, { appVersion: '0' }))],
      { dryRun: true },
    );
    expect(results[0].status).toBe('ready');
    expect(store.archive.overview().reports).toHaveLength(0);
    store.close();
  });
});

describe('exports from the archive', () => {
  it('a report, blank fill-in templates for many units, and the flat sheet that imports back', async () => {
    const store = await tempStore();
    for (const [i, unit] of ['甲局', '乙局', '丙镇'].entries()) {
      store.archive.save({ ...consistentReport('gov2021', i + 1, 2023), unit });
      store.archive.save({ ...consistentReport('gov2021', i + 10, 2024), unit });
    }
    const out = join(tempDir(), 'r.xlsx');
    await exportReport(store.archive, '甲局', 2024, out);
    expect((await parseFile(out))[0].report.values).toEqual(store.archive.get('甲局', 2024).report.values);

    const folder = join(tempDir(), '填报表');
    const files = await exportTemplates(store.archive, ['甲局', '乙局', '丙镇'], 2025, folder);
    expect(readdirSync(folder).sort()).toEqual([
      '丙镇-2025年政府信息公开年报填报表.xlsx',
      '乙局-2025年政府信息公开年报填报表.xlsx',
      '甲局-2025年政府信息公开年报填报表.xlsx',
    ]);
    const blank = (await parseFile(files[1]))[0].report;
    expect([blank.unit, blank.year]).toEqual(['乙局', 2025]);
    expect(blank.values['requests.carried_over.total']).toBe(
      store.archive.get('乙局', 2024).report.values['requests.carried_forward.total'],
    );
    expect(blank.values['requests.new.total']).toBeNull();

    const flat = join(tempDir(), 'flat.xlsx');
    expect(await exportFlat(store.archive, flat)).toBe(6);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(flat);
    const header = wb.worksheets[0].getRow(1).values as string[];
    expect(header.slice(1, 9)).toEqual(['单位', '单位类型', '年度', '表样版本', '状态', '发布日期', '范围', '规章（本年制发件数）']);
    const rows = await parseFile(flat);
    expect(rows).toHaveLength(6);
    const other = await tempStore();
    await importFiles(other.archive, [flat]);
    expect(other.archive.get('丙镇', 2023).report.values).toEqual(store.archive.get('丙镇', 2023).report.values);
    store.close();
    other.close();
  });
});
