// nianbao send / receive / return / exchanges, run in process on two real archive files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main/cli/index';
import { fileHash, tempDir } from '../helpers/archive';
import { UNIT, unitReport } from '../helpers/exchange';

async function nianbao(db: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'nianbao', '--db', db, ...args], { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`) });
  return { code, stdout, stderr };
}

describe('nianbao send / receive / return / exchanges', () => {
  it('sends up, previews, receives, returns with reasons, and lists the exchanges on both sides', async () => {
    const dir = tempDir('nianbao-exchange-cli-');
    const unitDb = join(dir, 'unit.sqlite');
    const officeDb = join(dir, 'office.sqlite');
    const report = join(dir, 'r.json');
    writeFileSync(report, JSON.stringify(unitReport()));
    expect((await nianbao(unitDb, 'report', 'put', report)).code).toBe(0);

    const pkg = join(dir, `${UNIT}-2024-报送.nbpkg`);
    const sent = await nianbao(unitDb, 'send', '--unit', UNIT, '--year', '2024', '--out', pkg);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('已记为已报送');

    const dry = await nianbao(officeDb, 'receive', pkg, '--dry-run', '--json');
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ status: 'previewed', preview: { unit: UNIT, year: 2024, existing: null } });
    expect((await nianbao(officeDb, 'list', '--json')).stdout.trim()).toBe('');

    const got = await nianbao(officeDb, 'receive', pkg);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain(`已接收“${UNIT}”2024 年的报送包，存为第 1 版并定稿`);

    const back = join(dir, `${UNIT}-2024-退回.nbpkg`);
    const ret = await nianbao(
      officeDb,
      'return',
      '--unit',
      UNIT,
      '--year',
      '2024',
      '--reason',
      '请补充信息处理费的收取情况',
      '--cell',
      'requests.new.total=与上年结转数不衔接',
      '--out',
      back,
    );
    expect(ret.code, ret.stderr).toBe(0);
    const bad = await nianbao(officeDb, 'return', '--unit', UNIT, '--year', '2024', '--cell', 'requests.new.total', '--out', back);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cell 的写法应为 键=理由');

    const atUnit = await nianbao(unitDb, 'receive', back);
    expect(atUnit.code, atUnit.stderr).toBe(0);
    expect(atUnit.stdout).toContain('[退回理由] 请补充信息处理费的收取情况');
    expect(atUnit.stdout).toMatch(/\[退回理由\] .*新收.*：与上年结转数不衔接/);

    const hist = await nianbao(unitDb, 'exchanges', '--unit', UNIT, '--year', '2024');
    expect(hist.stdout).toMatch(/已退回\t第 1 版\t.*退回\.nbpkg\n {2}理由：请补充信息处理费的收取情况/);
    expect(hist.stdout).toMatch(/已报送\t第 1 版/);
    const officeHist = JSON.parse((await nianbao(officeDb, 'exchanges', '--unit', UNIT, '--year', '2024', '--json')).stdout);
    expect(officeHist.exchanges.map((e: { label: string }) => e.label)).toEqual(['已退回', '已接收']);
  });

  it('a refused package exits 2 with the reason, in JSON when asked, and leaves the archive file as it was', async () => {
    const dir = tempDir('nianbao-exchange-cli-');
    const officeDb = join(dir, 'office.sqlite');
    expect((await nianbao(officeDb, 'unit', 'add', '某县人民政府办公室')).code).toBe(0);
    const hash = fileHash(officeDb);
    const broken = join(dir, 'broken.nbpkg');
    writeFileSync(broken, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]));
    const r = await nianbao(officeDb, 'receive', broken, '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'refused',
      file: 'broken.nbpkg',
      message: expect.stringContaining('不是有效的报送包'),
    });
    const plain = await nianbao(officeDb, 'receive', broken);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('报送包 broken.nbpkg 不能接收');
    expect(fileHash(officeDb)).toBe(hash);
    expect(readFileSync(broken).length).toBe(104);
  });
});
