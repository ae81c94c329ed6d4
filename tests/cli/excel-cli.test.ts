import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

describe('nianbao Excel commands', () => {
  it('export, template-xlsx, import with preview, export-flat, with the usual exit codes', () => {
    const dir = tempDir('nianbao-cli-xlsx-');
    const db = join(dir, 'a.sqlite');
    const cli = (...args: string[]) => runCli(['--db', db, ...args]);
    const r = { ...consistentReport('gov2021', 7, 2024), unit: '甲局' };
    writeFileSync(join(dir, 'r.json'), JSON.stringify(r));
    expect(cli('report', 'put', join(dir, 'r.json')).code).toBe(0);

    const out = join(dir, '甲局2024.xlsx');
    expect(cli('export', '--unit', '甲局', '--year', '2024', '--out', out).code).toBe(0);
    expect(existsSync(out)).toBe(true);

    const dry = cli('import', out, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('与档案相同，无需导入');
    expect(dry.stdout).toContain('预览（没有写入）');

    const json = JSON.parse(cli('import', out, '--dry-run', '--json').stdout);
    expect(json.files[0].reports[0].report.values).toEqual(r.values);
    expect(json.files[0].reports[0].provenance['requests.new.total']).toBe('三、收到和处理政府信息公开申请情况!J4');

    expect(cli('template-xlsx', '--unit', '甲局', '--year', '2025', '--out', join(dir, 't.xlsx')).code).toBe(0);
    // Sent back unfilled (only the 上年结转 it came with): 空白, nothing written, and the exit code says so.
    const blank = cli('import', join(dir, 't.xlsx'));
    expect(blank.stdout).toContain('t.xlsx：空白（文件是空白的填报模板，没有填写任何数字或文字）');
    expect(blank.stdout).toContain('1 个是空白模板（未写入）');
    expect(blank.code).toBe(1);
    const blankJson = JSON.parse(cli('import', join(dir, 't.xlsx'), '--dry-run', '--json').stdout);
    expect([blankJson.files[0].status, blankJson.files[0].reports[0].status]).toEqual(['blank', 'blank']);
    expect(cli('report', 'get', '--unit', '甲局', '--year', '2025').code).not.toBe(0);
    const imported = cli('import', join(dir, 't.xlsx'), '--set', 'requests.new.natural_person=1');
    expect(imported.stdout).toContain('已导入 1 个文件');
    // One number and the 上年结转 break R1: imported, and the exit code says the report has errors.
    expect(imported.code).toBe(1);
    expect(
      JSON.parse(cli('report', 'get', '--unit', '甲局', '--year', '2025', '--json').stdout).values['requests.carried_over.total'],
    ).toBe(r.values['requests.carried_forward.total']);

    expect(cli('unit', 'add', '乙局').code).toBe(0);
    expect(cli('template-xlsx', '--all-units', '--year', '2026', '--out', join(dir, '填报表')).stdout).toContain('生成 2 个填报表');
    expect(readdirSync(join(dir, '填报表'))).toHaveLength(2);

    const flat = join(dir, 'flat.xlsx');
    expect(cli('export-flat', '--out', flat).stdout).toContain('已导出 2 份报告');

    writeFileSync(join(dir, 'bad.xlsx'), 'not a workbook');
    const bad = cli('import', join(dir, 'bad.xlsx'), out);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toContain('bad.xlsx：失败（bad.xlsx 不是 Excel 工作簿（.xlsx））');
    expect(bad.stderr).toContain('[1/2] bad.xlsx');
  });
});

describe('nianbao parse and import of published reports', () => {
  it('parse prints the report, doubts and findings without storing; import --unit --year stores a text report', () => {
    const dir = tempDir('nianbao-cli-txt-');
    const db = join(dir, 'a.sqlite');
    const sample = join(SAMPLES_DIR, '2021-county-city-office.txt');
    const parsed = runCli(['parse', sample, '--json']);
    expect(parsed.code, parsed.stderr).toBe(0);
    const p = JSON.parse(parsed.stdout);
    expect(p.report.values['requests.new.natural_person']).toBe(13);
    expect(p.report.values['appeals.review.total']).toBeNull();
    expect(p.doubts[0].cells).toHaveLength(15);
    expect(p.findings.some((f: { rule: string }) => f.rule === 'R8')).toBe(true);

    const pending = runCli(['--db', db, 'import', sample]);
    expect(pending.code).toBe(1);
    expect(pending.stdout).toContain('需要处理');
    const forced = runCli(['--db', db, 'import', sample, '--unit', '某市政府办', '--year', '2021', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('已导入 1 个文件');
    const stored = JSON.parse(runCli(['--db', db, 'report', 'get', '--unit', '某市政府办', '--year', '2021', '--json']).stdout);
    expect(stored.values['requests.total.total']).toBe(13);
    expect(stored.values['appeals.review.total']).toBeNull();

    // A person places the four numbers of table 四 (and says the other cells are 0): the doubt is resolved.
    const groups = ['review', 'litigation_direct', 'litigation_after_review'];
    const placed: Record<string, number> = Object.fromEntries(
      groups.flatMap((g) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => [`appeals.${g}.${c}`, 0])),
    );
    Object.assign(placed, {
      'appeals.review.upheld': 1,
      'appeals.review.total': 1,
      'appeals.litigation_direct.upheld': 2,
      'appeals.litigation_direct.total': 2,
    });
    const set = Object.entries(placed).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const resolved = runCli(['--db', db, 'import', sample, '--unit', '某市政府办', '--year', '2021', ...set]);
    expect(resolved.stdout).toContain('已导入 1 个文件');
    expect(resolved.stdout).not.toContain('[存疑]');
    const after = JSON.parse(runCli(['--db', db, 'report', 'get', '--unit', '某市政府办', '--year', '2021', '--json']).stdout);
    expect(after.values['appeals.litigation_direct.total']).toBe(2);
    const wrong = runCli(['--db', db, 'import', sample, '--set', 'appeals.nope=1']);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toContain('“appeals.nope”不是 gov2021 表样中的单元格');
  });
});
