// The IT person's walk through the command line: restore while another program writes, refusals that name what
// and where, --help with true examples, --json that parses.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveStore } from '../../src/main/services/store';
import { archiveDigest, tempDir } from '../helpers/archive';
import { runCli } from '../helpers/cli';

async function archiveWithBackup() {
  const dir = tempDir('nianbao-it-');
  const path = join(dir, 'archive.sqlite');
  (await ArchiveStore.open(path)).close();
  expect(runCli(['unit', 'add', '甲局', '--db', path]).code).toBe(0);
  const backup = join(dir, 'saved.sqlite');
  expect(runCli(['backup', backup, '--db', path]).code).toBe(0);
  expect(runCli(['unit', 'add', '乙局', '--db', path]).code).toBe(0);
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
    const ok = runCli(['restore', backup, '--db', path]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(runCli(['unit', 'list', '--db', path]).stdout).not.toContain('乙局');
  });
});
