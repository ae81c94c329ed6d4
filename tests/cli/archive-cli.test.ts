import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { fileHash, tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

const setup = () => {
  const dir = tempDir('nianbao-cli-');
  const db = join(dir, 'archive.sqlite');
  const file = (name: string, content: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
  const cli = (...args: string[]) => runCli(['--db', db, ...args]);
  return { dir, db, file, cli };
};
/** `list --json` writes JSON lines: one report per line. */
const jsonLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { unit: string; year: number });

describe('nianbao archive commands', () => {
  it('unit add/list, report put/get, list, history, validate with the previous year', () => {
    const { db, file, cli } = setup();
    expect(cli('unit', 'add', '甲县人民政府', '--kind', '人民政府', '--code', '130100').code).toBe(0);
    expect(cli('unit', 'add', '甲县教育局', '--kind', 'department', '--parent', '甲县人民政府').stdout).toContain(
      '已添加单位“甲县教育局”（部门）',
    );
    expect(cli('unit', 'add', '甲县教育局').code).toBe(2);
    const units = JSON.parse(cli('unit', 'list', '--json').stdout).units;
    expect(units).toMatchObject([
      { name: '甲县人民政府', kind: 'government', code: '130100' },
      { name: '甲县教育局', kind: 'department', parent: '甲县人民政府' },
    ]);

    const r2024 = { ...consistentReport('gov2021', 4, 2024), unit: '甲县教育局' };
    const r2023 = { ...consistentReport('gov2021', 5, 2023), unit: '甲县教育局' };
    const put = cli('report', 'put', file('2024.json', r2024), '--note', '初稿');
    expect(put.code, put.stderr).toBe(0);
    expect(put.stdout).toContain('已存入“甲县教育局”2024 年的报告，第 1 版');
    expect(cli('report', 'put', file('2023.json', r2023)).code).toBe(0);

    const got = cli('report', 'get', '--unit', '甲县教育局', '--year', '2024', '--json');
    expect(JSON.parse(got.stdout).values).toEqual(r2024.values);
    expect(cli('report', 'get', '--unit', '甲县教育局', '--year', '2024').stdout).toContain('甲县教育局 2024 年政府信息公开工作年度报告');

    const list = jsonLines(cli('list', '--json').stdout);
    expect(list.map((r) => [r.unit, r.year])).toEqual([
      ['甲县教育局', 2023],
      ['甲县教育局', 2024],
    ]);
    expect(cli('list').stdout).toContain('共 2 个单位、2 份报告（2023–2024 年）');

    const v = cli('validate', '--unit', '甲县教育局', '--year', '2024', '--json');
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout).findings.some((f: { rule: string }) => f.rule === 'R5')).toBe(true);

    expect(cli('report', 'put', file('2024b.json', { ...r2024, published: '2025-01-10' }), '--note', '补发布日期').code).toBe(0);
    const h = cli('history', '--unit', '甲县教育局', '--year', '2024');
    expect(h.stdout).toMatch(/第 2 版\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t补发布日期\n第 1 版\t.*\t初稿/);
    expect(cli('history', '--unit', '甲县教育局', '--year', '2024', '--diff', '1..2').stdout).toContain('发布日期：空 → 2025-01-10');
    expect(cli('report', 'restore-revision', '--unit', '甲县教育局', '--year', '2024', '--revision', '1').stdout).toContain(
      '保存为第 3 版',
    );

    const broken = { ...r2024, values: { ...r2024.values, 'requests.total.total': 1 } };
    expect(cli('report', 'put', file('broken.json', broken)).code).toBe(0);
    expect(cli('validate', '--unit', '甲县教育局', '--year', '2024').code).toBe(1);
    expect(readFileSync(db).length).toBeGreaterThan(0);
  });

  it('searches texts with highlights, 2-character queries too', () => {
    const { file, cli } = setup();
    const r = { ...consistentReport('gov2021', 4, 2024), unit: '乙镇' };
    r.sections.overall = '本年度开展政务公开培训1次，政务新媒体减量提质。';
    cli('report', 'put', file('r.json', r));
    expect(cli('search', '新媒体').stdout).toContain('乙镇 2024 年 · 一、总体情况：本年度开展政务公开培训1次，政务【新媒体】减量提质。');
    const hits = JSON.parse(cli('search', '培训', '--json').stdout).hits;
    expect(hits.map((h: { section: string }) => h.section).sort()).toEqual(['overall', 'problems']);
    expect(cli('search', '不存在的词').stdout).toContain('没有找到');
  });

  it('backs up and restores', () => {
    const { dir, file, cli } = setup();
    cli('report', 'put', file('a.json', { ...consistentReport('gov2021', 1, 2024), unit: '甲' }));
    const backup = join(dir, '备份.sqlite');
    expect(cli('backup', backup).stdout).toContain('已备份到');
    cli('report', 'put', file('b.json', { ...consistentReport('gov2021', 2, 2024), unit: '乙' }));
    const restored = cli('restore', backup);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('1 个单位、1 份报告');
    expect(jsonLines(cli('list', '--json').stdout)).toHaveLength(1);
  });

  it('uses NIANBAO_DB when --db is not given', () => {
    const { db, file } = setup();
    const put = runCli(['report', 'put', file('a.json', { ...consistentReport('gov2021', 1, 2024), unit: '丙' })], { NIANBAO_DB: db });
    expect(put.code, put.stderr).toBe(0);
    expect(JSON.parse(runCli(['--db', db, 'unit', 'list', '--json']).stdout).units[0].name).toBe('丙');
  });

  it('rejects bad input with exit 2 and a clear message, changing nothing', () => {
    const { dir, db, file, cli } = setup();
    cli('report', 'put', file('ok.json', { ...consistentReport('gov2021', 1, 2024), unit: '甲' }));
    const snapshot = () => cli('list', '--json').stdout + cli('history', '--unit', '甲', '--year', '2024').stdout;
    const before = snapshot();
    const cases: [string[], RegExp | string][] = [
      [['report', 'put', file('bad.json', '{ "template": "gov2021", ')], '不是有效的 JSON'],
      [
        ['report', 'put', file('neg.json', { ...consistentReport('gov2021', 1, 2024), unit: '甲', values: { 'requests.new.total': -5 } })],
        '不能为负数',
      ],
      [['report', 'put', file('nounit.json', { template: 'gov2021', year: 2024 })], '没有写明单位'],
      [['report', 'get', '--unit', '不存在的单位', '--year', '2024'], '档案中没有单位“不存在的单位”'],
      [['report', 'get', '--unit', '甲', '--year', '2019'], '档案中没有“甲”2019 年的报告'],
      [['report', 'get', '--unit', '甲', '--year', '二〇二四'], '年度“二〇二四”不合法'],
      [['unit', 'add', '丁', '--kind', '国企'], '未知的单位类型“国企”'],
      [['restore', join(dir, 'missing.sqlite')], '找不到备份文件'],
    ];
    for (const [args, message] of cases) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(snapshot()).toBe(before);
    expect(fileHash(db)).toBeTruthy();
  });

  it('refuses a --db that is not a database, or is a truncated one, and leaves the file as it was', () => {
    const { dir, file, cli } = setup();
    cli('report', 'put', file('ok.json', { ...consistentReport('gov2021', 1, 2024), unit: '甲' }));
    const notDb = file('notes.sqlite', '会议纪要：'.repeat(500));
    const h = fileHash(notDb);
    const r = runCli(['--db', notDb, 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不是可用的 SQLite 数据库');
    expect(r.stderr).not.toMatch(/[a-z]{4,} [a-z]{2,}/); // not SQLite's "file is not a database"
    expect(fileHash(notDb)).toBe(h);

    const backup = join(dir, 'b.sqlite');
    cli('backup', backup);
    const bytes = readFileSync(backup);
    const truncated = join(dir, 'truncated.sqlite');
    writeFileSync(truncated, bytes.subarray(0, 4096 * 3));
    const t = fileHash(truncated);
    const r2 = runCli(['--db', truncated, 'report', 'get', '--unit', '甲', '--year', '2024']);
    expect(r2.code).toBe(2);
    expect(r2.stderr.length).toBeGreaterThan(0);
    expect(fileHash(truncated)).toBe(t);
  });

  it('puts a sample expected file into the archive', () => {
    const { cli } = setup();
    const r = cli('report', 'put', join(SAMPLES_DIR, '2024-elunchun-banner.expected.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(cli('report', 'get', '--unit', '鄂伦春自治旗', '--year', '2024', '--json').stdout).toContain('"proactive.fees.amount": 317.29');
  });
});
