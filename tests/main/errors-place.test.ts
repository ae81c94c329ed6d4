// 差错清单 as the unit's clerk reads it: each cell with its number and where it stands in the file the unit sent.
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcePlace, unitErrors, yearErrors } from '../../src/main/collect/errors-list';
import { errorsWorkbook } from '../../src/main/collect/workbooks';
import { importFiles } from '../../src/main/services/batch-import';
import { parseFile } from '../../src/main/services/files';
import { tempDir, tempStore } from '../helpers/archive';
import { handmadeWorkbook } from '../helpers/handmade';
import { consistentReport } from '../helpers/random-report';

describe('差错清单 names the place in the unit’s file', () => {
  it('gives each cell its sheet and cell in the workbook the unit sent, and the file’s name', async () => {
    const store = await tempStore();
    const a = store.archive;
    const r = { ...consistentReport('gov2021', 8, 2024), unit: '某区教育局' };
    r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 7;
    const file = join(tempDir(), '教育局年报.xlsx');
    await handmadeWorkbook(r, {
      rowOffset: 2,
      title: '某区教育局2024年政府信息公开工作年度报告',
      sheetNames: ['表二', '表三', '表四'],
    }).xlsx.writeFile(file);
    const read = (await parseFile(file))[0].provenance['requests.total.total'];
    expect(read).toMatch(/^表三!([A-Z]+)(\d+)$/);
    expect((await importFiles(a, [file]))[0].status).toBe('imported');
    // One typed by hand in the archive: no file, no place.
    a.save({ ...consistentReport('gov2021', 9, 2024), unit: '某区公安局', values: { ...r.values } });

    const list = unitErrors(a, '某区教育局', 2024);
    expect(list.file).toBe(basename(file));
    const r1 = list.items.find((i) => i.rule === 'R1')!;
    const total = r1.cells.find((c) => c.key === 'requests.total.total')!;
    expect(total.where).toBe(`“表三”${read.split('!')[1]}`);
    expect(r1.cells.every((c) => c.where?.startsWith('“表三”'))).toBe(true);

    const typed = unitErrors(a, '某区公安局', 2024);
    expect(typed.file).toBeNull();
    expect(typed.items.flatMap((i) => i.cells).every((c) => c.where === undefined)).toBe(true);

    // The exported sheet sent back says the same.
    const wb = errorsWorkbook(yearErrors(a, 2024), new Date());
    const sheet = wb.getWorksheet('某区教育局')!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.some((t) => t.includes(`依据报送的文件：${basename(file)}`))).toBe(true);
    expect(texts.some((t) => t.includes(`${total.name} = ${r.values['requests.total.total']}（${total.where}）`))).toBe(true);
    store.close();
  });
});

describe('sourcePlace', () => {
  it('shortens a long sheet name to its beginning, reads text lines, and says nothing for carried or summed values', () => {
    expect(sourcePlace('三、收到和处理政府信息公开申请情况!J29')).toBe('“三、收到和处理政府…”J29');
    expect(sourcePlace('表三!D7')).toBe('“表三”D7');
    expect(sourcePlace('第 12 行“规章 3 0 5”')).toBe('原文第 12 行');
    expect(sourcePlace('表格 2 第 5 行第 3 格')).toBe('原文表格 2 第 5 行第 3 格');
    expect(sourcePlace('上年结转：2023 年报告第四项结转下年度继续办理')).toBeUndefined();
    expect(sourcePlace('汇总：3 个单位填了数字')).toBeUndefined();
    expect(sourcePlace(undefined)).toBeUndefined();
  });
});
