// The IT person's walk through the command line: restore while another program writes, refusals that name what
// and where, --help with true examples, --json that parses.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli';
import { ArchiveStore } from '../../src/main/services/store';
import { archiveDigest, tempDir } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

/** The CLI in this process over `db`; `out` may be replaced to make printing fail. */
async function cli(db: string, args: string[], out?: (s: string) => void) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(['node', 'nianbao', '--db', db, ...args], { out: out ?? ((s) => stdout.push(s)), err: (s) => stderr.push(s) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

async function archiveWithBackup() {
  const dir = tempDir('nianbao-it-');
  const path = join(dir, 'archive.sqlite');
  expect((await cli(path, ['unit', 'add', '甲局'])).code).toBe(0);
  const backup = join(dir, 'saved.sqlite');
  expect((await cli(path, ['backup', backup])).code).toBe(0);
  expect((await cli(path, ['unit', 'add', '乙局'])).code).toBe(0);
  return { dir, path, backup };
}

describe('restore while another program holds the archive', () => {
  it('another writer past the busy timeout: exit code 3, the archive unchanged, no false “已恢复”', async () => {
    const { path, backup } = await archiveWithBackup();
    const before = archiveDigest(path);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    let r;
    try {
      r = runCli(['restore', backup, '--db', path], { NIANBAO_BUSY_TIMEOUT_MS: '300' });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(r.stdout).not.toContain('已从');
    expect(r.stderr).toContain('另一个程序正在写入档案');
    expect(r.code).toBe(3);
    expect(archiveDigest(path)).toBe(before);
    // Once the other program is done, the same restore goes through.
    const ok = await cli(path, ['restore', backup]);
    expect(ok.code, ok.stderr).toBe(0);
    expect((await cli(path, ['unit', 'list'])).stdout).not.toContain('乙局');
  }, 120_000); // a child process on a busy machine
});

describe('wrong input says what and where', () => {
  it('a folder given as a report file or as a backup file is called a folder, not EISDIR or “not our backup”', async () => {
    const dir = tempDir('nianbao-it-');
    const db = join(dir, 'archive.sqlite');
    const folder = join(dir, '备份');
    mkdirSync(folder);
    const v = await cli(db, ['validate', folder]);
    expect(v).toMatchObject({ code: 2, stderr: `无法读取文件 ${folder}：这是一个文件夹，不是文件` });
    const b = await cli(db, ['backup', folder]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(new RegExp(`^${folder} 是一个文件夹；请给出备份文件的名字，例如 .*\\.sqlite$`));
  });

  it('a damaged archive: exit code 4 naming the archive file', async () => {
    const dir = tempDir('nianbao-it-');
    const db = join(dir, 'archive.sqlite');
    const store = await ArchiveStore.open(db);
    for (let i = 0; i < 40; i++) store.archive.save({ ...consistentReport('gov2021', i + 1, 2024), unit: `单位${i}` });
    store.close();
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, Math.floor(statSync(db).size / 2 / 4096) * 4096);
    closeSync(fd);
    const r = await cli(db, ['search', '政府']);
    expect(r.code).toBe(4);
    expect(r.stderr).toBe(`档案文件已损坏，无法读写；请在“设置与备份”中（或用 nianbao restore）从备份恢复（档案：${db}）`);
  });

  it('a usage error points at the help of the command typed', async () => {
    const db = join(tempDir('nianbao-it-'), 'archive.sqlite');
    expect(await cli(db, ['report', 'get', '--year', '2024'])).toMatchObject({
      code: 2,
      stderr: '缺少必需的选项“--unit <单位>”（用 nianbao report get --help 查看用法）',
    });
    expect((await cli(db, ['unit', 'add'])).stderr).toBe('缺少参数“名称”（用 nianbao unit add --help 查看用法）');
    expect((await cli(db, ['bogus'])).stderr).toBe('未知的命令“bogus”（用 nianbao --help 查看用法）');
  });

  it('a fault of the program reads like the app’s: 操作失败：程序内部出错…, exit code 5', async () => {
    const db = join(tempDir('nianbao-it-'), 'archive.sqlite');
    const r = await cli(db, ['unit', 'list'], () => {
      throw new TypeError('boom');
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toBe('操作失败：程序内部出错，本次操作没有完成。请重试；如仍出错，请把这段提示告诉维护人员（详情：TypeError: boom）');
  });
});

describe('--help', () => {
  it('the main help lists the exit codes and the archive, and its examples run as written', async () => {
    const dir = tempDir('nianbao-it-');
    const db = join(dir, 'archive.sqlite');
    const help = await cli(db, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`档案：${db}`);
    for (const code of [0, 1, 2, 3, 4, 5]) expect(help.stdout).toMatch(new RegExp(`[：；\\s]${code} `));
    const examples = help.stdout
      .split('\n')
      .filter((l) => l.startsWith('  nianbao '))
      .map((l) => l.trim().split(/ {2,}/)[0].split(' ').slice(1));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const sample = join(SAMPLES_DIR, '2024-elunchun-banner.expected.json');
    expect((await cli(db, ['report', 'put', sample])).code).toBe(0);
    const backupFile = join(dir, '年报档案.sqlite');
    for (const args of examples) {
      const real = args.map((a) => (a === '报告.json' ? sample : a.endsWith('.sqlite') ? backupFile : a));
      const r = await cli(db, real);
      expect(r.code, `${real.join(' ')}：${r.stderr}`).toBe(0);
      if (real.includes('--json'))
        for (const line of r.stdout
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('{"')))
          expect(() => JSON.parse(line)).not.toThrow();
    }
    expect(existsSync(backupFile)).toBe(true);
  });

  it('--version prints the version a script can compare, exit code 0', async () => {
    const db = join(tempDir('nianbao-it-'), 'archive.sqlite');
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await cli(db, ['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('npm run web -- --help is in Chinese too', () => {
    const launcher = join(process.cwd(), 'src/main/bridge/web-launcher.mjs');
    const r = spawnSync(process.execPath, [launcher, '--help'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^用法： npm run web -- \[选项\]\n[\s\S]*选项：\n {2}--db <路径>/);
    expect(r.stdout).not.toMatch(/Usage|Options/);
  }, 120_000);

  it('no JavaScript default value in an option’s help', async () => {
    const db = join(tempDir('nianbao-it-'), 'archive.sqlite');
    for (const cmd of [['import'], ['return']]) {
      const r = await cli(db, [...cmd, '--help']);
      expect(r.stdout).toContain('可多次');
      expect(r.stdout).not.toMatch(/（默认：(\{\}|\[\])）/);
    }
  });
});

describe('restore when the archive will not open', () => {
  it('an archive SQLite cannot read is replaced by the checked backup; the damaged file is kept as .damaged', async () => {
    const { dir, path, backup } = await archiveWithBackup();
    const garbage = Buffer.from('被覆盖的档案文件头'.repeat(400));
    writeFileSync(path, garbage);
    expect((await cli(path, ['list'])).code).toBe(2);
    const r = await cli(path, ['restore', backup]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^已从 .* 恢复档案：1 个单位、0 份报告。损坏的档案已移到 .*-已损坏\.damaged$/);
    const kept = readdirSync(join(dir, 'backups')).filter((f) => f.endsWith('.damaged'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dir, 'backups', kept[0]))).toEqual(garbage);
    expect((await cli(path, ['unit', 'list'])).stdout).toContain('甲局');
  });

  it('another program’s database given as the archive is not touched', async () => {
    const { dir, backup } = await archiveWithBackup();
    const other = join(dir, '别的数据库.sqlite');
    new Database(other).exec('CREATE TABLE t(x)');
    const before = archiveDigest(other);
    const r = await cli(other, ['restore', backup]);
    expect(r).toMatchObject({ code: 2, stderr: `${other} 不是本程序的档案数据库，没有打开它` });
    expect(archiveDigest(other)).toBe(before);
  });
});

describe('--out as a script may get it wrong', () => {
  it('a folder for the 报送包 is refused before anything is written or recorded; a flat export must be .xlsx', async () => {
    const dir = tempDir('nianbao-it-');
    const db = join(dir, 'archive.sqlite');
    expect((await cli(db, ['report', 'put', join(SAMPLES_DIR, '2024-elunchun-banner.expected.json')])).code).toBe(0);
    const folder = join(dir, '报送');
    mkdirSync(folder);
    const sent = await cli(db, ['send', '--unit', '鄂伦春自治旗', '--year', '2024', '--out', folder]);
    expect(sent).toMatchObject({
      code: 2,
      stderr: `${folder} 是一个文件夹；请在 --out 中写出文件名，例如 ${join(folder, '文件名.nbpkg')}`,
    });
    expect(existsSync(`${folder}.part`)).toBe(false);
    expect((await cli(db, ['exchanges', '--unit', '鄂伦春自治旗', '--year', '2024'])).stdout).toBe('还没有报送或退回的记录');
    const flat = await cli(db, ['export-flat', '--out', join(dir, '汇总.txt')]);
    expect(flat).toMatchObject({ code: 2, stderr: '--out 的文件名应以 .xlsx 结尾，而不是“汇总.txt”' });
    expect(readdirSync(dir).sort()).toEqual(
      ['archive.sqlite', 'archive.sqlite-shm', 'archive.sqlite-wal', 'backups', '报送'].filter((f) => existsSync(join(dir, f))),
    );
  });
});
