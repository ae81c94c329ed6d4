// Refusals a person reads in Chinese, with their own exit codes: another writer holding the archive, a read-only
// archive, commander's usage errors; CLI times in local time.
process.env.TZ = 'Asia/Shanghai';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeError, toApiError } from '../../src/main/errors';
import { ArchiveStore } from '../../src/main/services/store';
import { historyText } from '../../src/main/cli/format';
import { archiveDigest, tempDir } from '../helpers/archive';
import { runCli } from '../helpers/cli';

describe('refusals in Chinese', () => {
  it('another program writing past the busy timeout: 另一个程序正在写入档案, exit code 3, nothing written', async () => {
    const path = join(tempDir(), 'archive.sqlite');
    (await ArchiveStore.open(path)).close();
    expect(runCli(['unit', 'add', '甲局', '--db', path]).code).toBe(0);
    const before = archiveDigest(path);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const r = runCli(['unit', 'add', '乙局', '--db', path], { NIANBAO_BUSY_TIMEOUT_MS: '300' });
      expect(r.stderr.trim()).toBe(`另一个程序正在写入档案，请稍后再试（档案：${path}）`);
      expect(r.code).toBe(3);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(archiveDigest(path)).toBe(before);
    const after = runCli(['unit', 'list', '--db', path]);
    expect(after.stdout).not.toContain('乙局');
    expect(runCli(['unit', 'add', '乙局', '--db', path]).code).toBe(0);
  });

  it('a read-only archive is explained, not "attempt to write a readonly database"', async () => {
    const path = join(tempDir(), 'archive.sqlite');
    (await ArchiveStore.open(path)).close();
    const ro = new Database(path, { readonly: true });
    let error: unknown;
    try {
      ro.prepare("INSERT INTO units (name, kind, created_at) VALUES ('甲', 'other', 'x')").run();
    } catch (e) {
      error = e;
    } finally {
      ro.close();
    }
    expect((error as { code: string }).code).toBe('SQLITE_READONLY');
    expect(describeError(error)).toMatch(/^档案文件是只读的/);
    expect(toApiError(error)).toMatchObject({ kind: 'input' });

    // Through the app's API, on a connection SQLite will not let write (the tests run as root, where file
    // permissions do not stop a write): a Chinese refusal, and the archive unchanged.
    const { createHandlers, dispatch } = await import('../../src/main/api-handlers');
    const { createBridgeHost } = await import('../../src/main/bridge/host');
    const store = await ArchiveStore.open(path);
    store.archive.addUnit({ name: '甲局', kind: 'department' });
    await store.settled();
    const before = archiveDigest(path);
    store.archive.db.pragma('query_only = 1');
    const r = await dispatch(createHandlers(store, createBridgeHost(tempDir())), 'units.add', { name: '乙局', kind: 'department' });
    expect(r).toEqual({ ok: false, error: { kind: 'input', message: expect.stringMatching(/^档案文件是只读的.*不能写入/) } });
    expect(JSON.stringify(r)).not.toContain('readonly');
    await store.settled();
    store.close();
    expect(archiveDigest(path)).toBe(before);
  });

  it("commander's usage errors are in Chinese, naming what was typed", () => {
    const unknown = runCli(['search', '新媒体', '-公开']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知的选项“-公开”');
    expect(unknown.stderr).not.toMatch(/unknown option|error:/);
    const command = runCli(['frobnicate']);
    expect(command.stderr).toContain('未知的命令“frobnicate”');
    const missing = runCli(['report', 'get', '--year', '2024']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('缺少必需的选项“--unit <单位>”');
    // The hint names the command to type (nianbao search --help); no English sentence besides.
    expect(missing.stderr).toContain('（用 nianbao report get --help 查看用法）');
    expect(`${unknown.stderr}${command.stderr}${missing.stderr}`.replace(/（用 nianbao [a-z -]+ 查看用法）/g, '')).not.toMatch(
      /[a-z]{4,} [a-z]{4,}/,
    );
  });

  it('help is in Chinese: headings, [选项] and defaults, for every command', async () => {
    const { buildProgram, main } = await import('../../src/main/cli/index');
    const help = async (...args: string[]) => {
      let out = '';
      expect(await main(['node', 'nianbao', ...args, '--help'], { out: (t) => (out += t), err: (t) => (out += t) })).toBe(0);
      return out;
    };
    expect(await help('unit', 'add')).toMatch(/^用法： nianbao unit add \[选项\] <名称>[\s\S]*参数：[\s\S]*选项：[\s\S]*（默认："其他"）/);
    expect(await help()).toMatch(/^用法： nianbao \[选项\] \[命令\][\s\S]*命令：/);
    // Every command and subcommand: no English heading or note left.
    const all = (c: import('commander').Command): import('commander').Command[] => [c, ...c.commands.flatMap(all)];
    const program = buildProgram({ out: () => undefined, err: () => undefined }, () => undefined);
    const texts = all(program).map((c) => c.helpInformation());
    expect(texts.length).toBeGreaterThan(30);
    for (const text of texts) expect(text).not.toMatch(/Usage|Options|Arguments|Commands|\[options\]|\[command\]|\((default|choices):/);
  });

  it('history shows revision times in local time', () => {
    expect(historyText([{ number: 1, createdAt: '2026-03-01T16:30:05.000Z', note: '初稿' }])).toBe('第 1 版\t2026-03-02 00:30:05\t初稿');
  });
});

const SYSTEM_NODE = '/usr/bin/node';
const systemMajor = existsSync(SYSTEM_NODE)
  ? Number(spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout)
  : 0;
const launcher = (p: string) => fileURLToPath(new URL(`../../src/main/${p}`, import.meta.url));

describe('starting with the wrong Node.js', () => {
  it.skipIf(!systemMajor || systemMajor >= 22)('Node.js 20: the CLI and the browser host say so in Chinese instead of crashing', () => {
    for (const [file, command] of [
      ['cli-launcher.mjs', 'nianbao'],
      ['bridge/web-launcher.mjs', 'npm run web'],
    ] as const) {
      const r = spawnSync(SYSTEM_NODE, [launcher(file), '--db', join(tempDir(), 'a.sqlite')], { encoding: 'utf8' });
      expect(r.signal).toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`${command} 需要 Node.js 22 或更高版本，当前为 v${systemMajor}.`);
    }
  });

  it('the browser host refuses an unknown option in Chinese', () => {
    const r = spawnSync(process.execPath, [launcher('bridge/web-launcher.mjs'), '-公开'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('未知的选项“-公开”（可用：--db 路径、--port 端口）');
  });
});
