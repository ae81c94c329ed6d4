import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
const file = (name: string, content: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
};

describe('nianbao template', () => {
  it('prints gov2021 as JSON with keys, labels and layout', () => {
    const r = runCli(['template', 'gov2021', '--json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t.id).toBe('gov2021');
    expect(t.cells).toHaveLength(200);
    expect(t.tables.map((x: { id: string }) => x.id)).toEqual(['proactive', 'requests', 'appeals']);
    expect(t.tables[1].layout.cells.find((c: { text: string }) => c.text === '申请人情况')).toMatchObject({ row: 1, col: 4, colSpan: 7 });
    expect(t.tables[1].blocks[0].rows[0].label).toBe('一、本年新收政府信息公开申请数量');
  });

  it('prints gov2019 and legacy, and a readable list without --json', () => {
    expect(JSON.parse(runCli(['template', 'gov2019', '--json']).stdout).cells).toHaveLength(198);
    expect(JSON.parse(runCli(['template', 'legacy', '--json']).stdout).legacyColumns).toHaveLength(4);
    const text = runCli(['template', 'gov2021']);
    expect(text.stdout).toContain('requests.total.natural_person\t第三项（七）总计（自然人）');
    expect(text.stdout).toContain('共 200 格');
  });

  it('refuses an unknown version with exit 2', () => {
    const r = runCli(['template', 'gov2020']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知的表样版本“gov2020”');
  });
});

describe('nianbao validate', () => {
  it('accepts every sample expected file with exit 0', () => {
    for (const name of [
      '2024-elunchun-banner',
      '2024-district-office',
      '2024-jiaohu-town',
      '2021-county-city-office',
      '2018-jinan-district',
    ]) {
      const r = runCli(['validate', join(SAMPLES_DIR, `${name}.expected.json`)]);
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(/^报告：/);
    }
  });

  it('says 没有发现问题 for a clean report', () => {
    const r = runCli(['validate', file('clean.json', consistentReport('gov2021', 3))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('没有发现问题');
  });

  it('exits 1 and shows the arithmetic when the report has an error; --json gives {findings}', () => {
    const report = consistentReport('gov2021', 3);
    report.values['requests.new.natural_person'] = 100;
    report.values['requests.carried_over.natural_person'] = 13;
    report.values['requests.carried_forward.natural_person'] = 0;
    report.values['requests.total.natural_person'] = 112;
    const p = file('r1.json', report);
    const r = runCli(['validate', p]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[错误] R1 第三项（七）总计（自然人）应为 113（=100+13−0），实为 112');
    const j = runCli(['validate', p, '--json']);
    expect(j.code).toBe(1);
    const { findings } = JSON.parse(j.stdout);
    expect(findings.find((f: { rule: string }) => f.rule === 'R1')).toMatchObject({
      severity: 'error',
      cells: expect.arrayContaining(['requests.total.natural_person']),
    });
  });

  it('uses --previous for the cross-year rules', () => {
    const prev = { ...consistentReport('gov2021', 8), year: 2023 };
    const cur = consistentReport('gov2021', 9);
    const r = runCli(['validate', file('cur.json', cur), '--previous', file('prev.json', prev), '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.some((f: { rule: string }) => f.rule === 'R5')).toBe(true);
  });

  it('exits 2 with a message that says what and where for unusable input', () => {
    const cases: [string, string | RegExp][] = [
      [file('bad.json', '{\n  "template": "gov2021",\n  "values": {,}\n}'), /不是有效的 JSON，错误在第 3 行第 \d+ 列/],
      [join(dir, 'missing.json'), '找不到文件'],
      [file('tpl.json', { template: 'gov2020' }), '未知的表样版本“gov2020”'],
      [
        file('key.json', { template: 'gov2021', values: { 'requests.new.people': 1 } }),
        'values.requests.new.people：不是 gov2021 表样中的单元格',
      ],
      [
        file('neg.json', { template: 'gov2021', values: { 'requests.new.total': -3 } }),
        'values.requests.new.total（第一项本年新收（总计））：不能为负数，实为 -3',
      ],
      [file('frac.json', { template: 'gov2021', values: { 'appeals.review.total': 1.5 } }), '应为整数，实为 1.5'],
    ];
    for (const [path, message] of cases) {
      const r = runCli(['validate', path]);
      expect(r.code, path).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(path);
      expect(r.stdout).toBe('');
    }
  });

  it('exits 2 on a usage error', () => {
    expect(runCli(['validate']).code).toBe(2);
    expect(runCli(['validate', 'x.json', '--bogus']).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
  });
});
