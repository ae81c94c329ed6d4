// The CLI's side of issue 10 (in process, over a real archive file): unit delete|undelete, 定稿 with errors only with
// --confirm-errors, and history showing named revisions in local time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { ArchiveStore } from '../../src/main/services/store';
import { tempDir } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

function setup() {
  const dir = tempDir('nianbao-lock-cli-');
  const db = join(dir, 'archive.sqlite');
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['node', 'nianbao', '--db', db, ...args], { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  };
  const file = (name: string, value: unknown) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify(value));
    return p;
  };
  return { db, cli, file };
}

describe('nianbao: deleting units, 定稿 with errors, history', () => {
  it('deletes a unit with its reports and restores them', async () => {
    const { db, cli, file } = setup();
    const r = { ...consistentReport('gov2021', 1, 2024), unit: '甲县教育局', unit_kind: 'department' as const };
    expect((await cli('report', 'put', file('a.json', r))).code).toBe(0);
    expect((await cli('report', 'put', file('b.json', { ...r, year: 2023 }))).code).toBe(0);
    const del = await cli('unit', 'delete', '甲县教育局');
    expect(del).toMatchObject({ code: 0, stdout: '已删除单位“甲县教育局”及其 2 份报告（可用 nianbao unit undelete 恢复）' });
    expect((await cli('unit', 'list')).stdout).not.toContain('甲县教育局');
    const get = await cli('report', 'get', '--unit', '甲县教育局', '--year', '2024');
    expect(get.code).toBe(2);
    expect(get.stderr).toContain('已删除');
    expect(await cli('unit', 'undelete', '甲县教育局')).toMatchObject({ code: 0, stdout: '已恢复单位“甲县教育局”及其 2 份报告' });
    const store = await ArchiveStore.open(db);
    expect(store.archive.overview().reports).toHaveLength(2);
    store.close();
  });

  it('refuses 定稿 with errors without --confirm-errors, and records the confirmation in the history', async () => {
    const { cli, file } = setup();
    const r = { ...consistentReport('gov2021', 2, 2024), unit: '乙局' };
    r.values['requests.total.total'] = 999_999;
    await cli('report', 'put', file('r.json', r));
    const refused = await cli('report', 'status', '--unit', '乙局', '--year', '2024', '定稿');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/报告还有 \d+ 个错误，确认后才能定稿：\n {2}- R\d/);
    const ok = await cli('report', 'status', '--unit', '乙局', '--year', '2024', '定稿', '--confirm-errors');
    expect(ok).toMatchObject({ code: 0, stdout: '“乙局”2024 年的报告已设为定稿（第 2 版）' });
    const locked = await cli('report', 'put', file('r2.json', { ...r, published: '2025-01-10' }));
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('已定稿，不能修改；如需修改请先取消定稿');
    const h = (await cli('history', '--unit', '乙局', '--year', '2024')).stdout.split('\n');
    expect(h[0]).toMatch(/^第 2 版\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\t定稿（已确认 \d+ 个错误）$/);
    expect(h[1]).toMatch(/^第 1 版\t.*\t命令行存入 r\.json$/);
  });
});
