// 报送 and 退回 between two archives: real SQLite files, real .nbpkg zips, and packages tampered with every way the
// receiver must refuse.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { deflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPackage, SCHEMA_VERSION } from '../../src/main/exchange/package';
import { ExchangeService } from '../../src/main/exchange/service';
import { listEntries, ZIP_LIMITS } from '../../src/main/exchange/zip';
import type { ArchiveStore } from '../../src/main/services/store';
import { manualClock, tempDir, tempStore } from '../helpers/archive';
import { dumpRows, OFFICE, patchBytes, repack, UNIT, unitReport, unitWithExplainedReport, withExtra } from '../helpers/exchange';

const explained = (s: ArchiveStore) =>
  s.archive
    .validateStored(UNIT, 2024)
    .filter((f) => f.dismissed)
    .map((f) => ({ rule: f.rule, cells: f.cells, reason: f.dismissed!.reason }));

describe('a 报送包 made on one archive and received on another', () => {
  it('arrives identical: cells, texts, dismissals with their reasons; 已报送 at the unit, 已接收 and locked at the office', async () => {
    const unitClock = manualClock('2025-01-20T02:00:00Z');
    const unit = await tempStore(unitClock);
    const office = await tempStore(manualClock('2025-01-22T06:00:00Z'));
    await unitWithExplainedReport(unit);
    expect(explained(unit).length).toBeGreaterThanOrEqual(2);
    const file = join(tempDir(), `${UNIT}-2024-报送.nbpkg`);
    const sent = await new ExchangeService(unit.archive, unitClock).send(UNIT, 2024, file);
    expect(sent.revision).toBe(1);

    // The package holds what the brief lists, with the workbook for people.
    const p = readPackage(readFileSync(file), 'x');
    expect(p.manifest).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      kind: 'send',
      unit: UNIT,
      unitKind: 'department',
      parent: OFFICE,
      year: 2024,
    });
    expect(p.manifest.members.map((m) => m.name).sort()).toEqual(
      ['dismissals.json', 'findings.json', 'report.json', `${UNIT}-2024年政府信息公开工作年度报告.xlsx`].sort(),
    );
    expect(p.manifest.createdAtLocal).toMatch(/^2025-01-2\d \d\d:\d\d:\d\d（UTC[+-]\d\d:\d\d）$/);

    const ex = new ExchangeService(office.archive);
    const before = dumpRows(office.archive.db);
    const dry = ex.receive(file, { dryRun: true });
    expect(dry.status).toBe('previewed');
    expect(dry.preview.existing).toBeNull();
    expect(dumpRows(office.archive.db)).toEqual(before);

    office.archive.addUnit({ name: OFFICE, kind: 'department' });
    const got = ex.receive(file);
    expect(got.status).toBe('accepted');
    const stored = office.archive.get(UNIT, 2024);
    const original = unit.archive.get(UNIT, 2024);
    expect(stored.report.values).toEqual(original.report.values);
    expect(stored.report.sections).toEqual(original.report.sections);
    expect(stored.report.published).toBe('2025-03-15');
    expect(stored.unit).toMatchObject({ kind: 'department', parent: OFFICE });
    expect(explained(office)).toEqual(explained(unit));
    expect(stored.status).toBe('final');
    expect(office.archive.history(UNIT, 2024)[0].note).toContain(`接收报送包 ${UNIT}-2024-报送.nbpkg`);
    expect(ex.history(UNIT, 2024).map((e) => [e.label, e.revision])).toEqual([['已接收', 1]]);
    expect(new ExchangeService(unit.archive).history(UNIT, 2024).map((e) => e.label)).toEqual(['已报送']);

    // The same package again stores nothing.
    const again = dumpRows(office.archive.db);
    expect(ex.receive(file).status).toBe('already_received');
    expect(dumpRows(office.archive.db)).toEqual(again);
  });
});

describe('退回 and the next 报送', () => {
  it('a return travels back with its reasons, readable per cell at the unit; the history lists every exchange', async () => {
    const unit = await tempStore(manualClock('2025-01-20T02:00:00Z'));
    const office = await tempStore(manualClock('2025-01-22T06:00:00Z'));
    await unitWithExplainedReport(unit);
    const dir = tempDir();
    const u = new ExchangeService(unit.archive);
    const o = new ExchangeService(office.archive);
    const p1 = join(dir, 'p1.nbpkg');
    await u.send(UNIT, 2024, p1);
    o.receive(p1);

    // Sending again while the office holds it locked is refused there, with nothing stored.
    const cellKey = 'requests.new.total';
    const back = join(dir, `${UNIT}-2024-退回.nbpkg`);
    await expect(o.returnTo(UNIT, 2024, { general: [], cells: [] }, back)).rejects.toThrow('请写明退回理由');
    await expect(o.returnTo(UNIT, 2024, { general: [], cells: [{ key: 'no.such.cell', reason: '不对' }] }, back)).rejects.toThrow(
      '单元格“no.such.cell”不在',
    );
    await o.returnTo(
      UNIT,
      2024,
      { general: ['申请情况与上年结转数不衔接'], cells: [{ key: cellKey, reason: '本年新收申请数与各项办理结果之和不符' }] },
      back,
    );
    expect(office.archive.get(UNIT, 2024).status).toBe('draft');
    const rp = readPackage(readFileSync(back), 'back');
    expect(rp.kind).toBe('return');
    const list = new ExcelJS.Workbook();
    await list.xlsx.load(rp.workbooks.find((w) => w.name === `${UNIT}-2024年差错清单.xlsx`)!.data as unknown as ArrayBuffer);
    const rows = list
      .getWorksheet('差错清单')!
      .getSheetValues()
      .map((r) => (Array.isArray(r) ? r.slice(1).join('|') : ''));
    expect(rows).toContain('1|退回理由|||申请情况与上年结转数不衔接');
    expect(rows.some((r) => r.startsWith('2|退回理由||') && r.endsWith('|本年新收申请数与各项办理结果之和不符'))).toBe(true);

    unit.archive.setStatus(UNIT, 2024, 'final');
    const r = u.receive(back);
    expect(r.status).toBe('accepted');
    expect(r.preview.reasons?.general).toEqual(['申请情况与上年结转数不衔接']);
    const open = u.lastReturn(UNIT, 2024)!;
    expect(open.cells[cellKey]).toBe('本年新收申请数与各项办理结果之和不符');
    expect(open.general).toEqual(['申请情况与上年结转数不衔接']);
    expect(open.answered).toBe(false);
    expect(unit.archive.get(UNIT, 2024).status).toBe('draft');

    // The unit fixes and sends again; the office sees the difference, then accepts revision 2.
    const fixed = { ...unit.archive.get(UNIT, 2024).report, sections: { ...unitReport().sections, overall: '修改后的总体情况。' } };
    unit.archive.save(fixed, { note: '按退回理由修改' });
    const p2 = join(dir, 'p2.nbpkg');
    await u.send(UNIT, 2024, p2);
    expect(u.lastReturn(UNIT, 2024)!.answered).toBe(true);
    const preview = o.preview(p2);
    expect(preview.diff?.texts.map((t) => t.key)).toEqual(['overall']);
    expect(o.receive(p2).revision).toBe(2);
    // The unit's own 定稿 above is a named revision (issue 10), so the fixed report it sends is its revision 3.
    expect(o.history(UNIT, 2024).map((e) => `${e.label}${e.revision}`)).toEqual(['已接收3', '已退回1', '已接收1']);
    expect(u.history(UNIT, 2024).map((e) => `${e.label}${e.revision}`)).toEqual(['已报送3', '已退回1', '已报送1']);
    expect(o.history(UNIT, 2024)[1].reasons?.cells[0]).toMatchObject({ key: cellKey, name: expect.stringContaining('新收') });
  });

  it('a package older than the one received is called that and not stored unless allowed', async () => {
    const unit = await tempStore();
    const office = await tempStore();
    await unitWithExplainedReport(unit);
    const dir = tempDir();
    const u = new ExchangeService(unit.archive);
    const o = new ExchangeService(office.archive);
    await u.send(UNIT, 2024, join(dir, 'old.nbpkg'));
    unit.archive.save({ ...unit.archive.get(UNIT, 2024).report, published: '2025-01-20' });
    await u.send(UNIT, 2024, join(dir, 'new.nbpkg'));
    o.receive(join(dir, 'new.nbpkg'));
    await o.returnTo(UNIT, 2024, { general: ['请核对附表'], cells: [] }, join(dir, 'back.nbpkg'));
    const before = dumpRows(office.archive.db);
    expect(o.preview(join(dir, 'old.nbpkg')).notes).toContain('这个报送包比档案中的版本旧（报送包为第 1 版，档案中已接收第 2 版）');
    expect(() => o.receive(join(dir, 'old.nbpkg'))).toThrow('这个报送包比档案中的版本旧');
    expect(dumpRows(office.archive.db)).toEqual(before);
    expect(o.receive(join(dir, 'old.nbpkg'), { allowOlder: true }).status).toBe('accepted');
    expect(office.archive.get(UNIT, 2024).report.published).toBe('2025-03-15');
  });
});

describe('refused packages change nothing', () => {
  let good: string;
  let dir: string;
  let office: ArchiveStore;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    const unit = await tempStore();
    await unitWithExplainedReport(unit);
    dir = tempDir();
    good = join(dir, 'good.nbpkg');
    await new ExchangeService(unit.archive).send(UNIT, 2024, good);
    office = await tempStore();
    // The office already holds an earlier version, so a wrongly stored package would show.
    office.archive.save({ ...unitReport(9), unit: UNIT });
    before = dumpRows(office.archive.db);
  });

  const refused = (file: string, ...parts: (string | RegExp)[]) => {
    const ex = new ExchangeService(office.archive);
    let message = '';
    try {
      ex.receive(file);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message, 'refused').not.toBe('');
    for (const p of parts) expect(message).toMatch(p);
    expect(dumpRows(office.archive.db)).toEqual(before);
    return message;
  };
  const path = (name: string) => join(dir, name);

  it('one byte changed in a member', () => {
    const buf = readFileSync(good);
    const entry = listEntries(buf, 'x').find((e) => e.name === 'report.json')!;
    // Inside the stored data of report.json: past the local header and its name.
    const at = entry.localOffset + 30 + 'report.json'.length + Math.floor(entry.compressedSize / 2);
    buf[at] ^= 0x01;
    writeFileSync(path('byte.nbpkg'), buf);
    refused(path('byte.nbpkg'), 'byte.nbpkg', '“report.json”', '没有存入任何内容');
  });

  it('a member changed without its hash, an extra member, a missing manifest', async () => {
    await repack(
      good,
      path('hash.nbpkg'),
      (m) => m.set('report.json', Buffer.from(m.get('report.json')!.toString().replace('2025-03-15', '2025-01-15'))),
      false,
    );
    refused(path('hash.nbpkg'), '成员“report.json”与清单记录的校验值不符');
    await withExtra(good, path('extra.nbpkg'), [{ name: 'readme.txt', data: 'hi' }]);
    refused(path('extra.nbpkg'), '含有清单中没有的成员“readme.txt”');
    const z = await JSZip.loadAsync(readFileSync(good));
    z.remove('manifest.json');
    writeFileSync(path('nomanifest.nbpkg'), await z.generateAsync({ type: 'nodebuffer' }));
    refused(path('nomanifest.nbpkg'), '缺少清单 manifest.json');
    writeFileSync(path('notzip.nbpkg'), '这不是 zip');
    refused(path('notzip.nbpkg'), '不是有效的报送包');
  });

  it('path traversal, absolute paths, a symlink, duplicate names, too many members', async () => {
    await withExtra(good, path('dotdot.nbpkg'), [{ name: '../../evil.xlsx', data: 'x' }]);
    refused(path('dotdot.nbpkg'), 'dotdot.nbpkg', '“../../evil.xlsx”', '试图写到包外');
    await withExtra(good, path('abs.nbpkg'), [{ name: '/etc/evil.xlsx', data: 'x' }]);
    refused(path('abs.nbpkg'), '绝对路径', '/etc/evil.xlsx');
    await withExtra(good, path('drive.nbpkg'), [{ name: 'C:\\evil.xlsx', data: 'x' }]);
    refused(path('drive.nbpkg'), '绝对路径');
    await withExtra(good, path('link.nbpkg'), [{ name: 'link.xlsx', data: '/etc/passwd', unixPermissions: 0o120777 }], 'UNIX');
    refused(path('link.nbpkg'), '成员“link.xlsx”是符号链接');
    await withExtra(good, path('dup0.nbpkg'), [{ name: 'reporX.json', data: '{}' }]);
    patchBytes(path('dup0.nbpkg'), path('dup.nbpkg'), 'reporX.json', 'report.json');
    refused(path('dup.nbpkg'), '成员“report.json”重复出现');
    const many = Array.from({ length: ZIP_LIMITS.maxMembers }, (_, i) => ({ name: `extra${i}.xlsx`, data: 'x' }));
    await withExtra(good, path('many.nbpkg'), many);
    refused(path('many.nbpkg'), '成员过多');
  });

  it('zip bombs: a member declared too large, a highly compressed member, and one whose header lies about its size', async () => {
    await withExtra(good, path('big.nbpkg'), [{ name: 'bomb.xlsx', data: Buffer.alloc(ZIP_LIMITS.maxMemberBytes + 1024) }]);
    expect(readFileSync(path('big.nbpkg')).length).toBeLessThan(200 * 1024);
    refused(path('big.nbpkg'), '成员“bomb.xlsx”过大');
    await withExtra(good, path('ratio.nbpkg'), [{ name: 'bomb.xlsx', data: Buffer.alloc(5 * 1024 * 1024) }]);
    refused(path('ratio.nbpkg'), '成员“bomb.xlsx”压缩比异常', '压缩炸弹');
    // Many members each under the limits, together over it (random bytes do not compress).
    const chunk = Math.floor(ZIP_LIMITS.maxMemberBytes * 0.9);
    const count = Math.ceil(ZIP_LIMITS.maxTotalBytes / chunk);
    await withExtra(
      good,
      path('total.nbpkg'),
      Array.from({ length: count }, (_, i) => ({ name: `big${i}.xlsx`, data: randomBytes(chunk) })),
    );
    refused(path('total.nbpkg'), '超过上限');

    // A member that says it is 1000 bytes but inflates to 50 MB: inflating stops at the declared size.
    await repack(good, path('liar0.nbpkg'), (m) => m.set('bomb.xlsx', Buffer.alloc(1000)));
    const buf = readFileSync(path('liar0.nbpkg'));
    const e = listEntries(buf, 'x').find((x) => x.name === 'bomb.xlsx')!;
    const big = deflateRawSync(Buffer.alloc(50 * 1024 * 1024));
    const dataStart = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const rebuilt = Buffer.concat([buf.subarray(0, dataStart), big, buf.subarray(dataStart + e.compressedSize)]);
    // Central directory: fix the compressed size and offsets, keep the declared (false) uncompressed size.
    const shift = big.length - e.compressedSize;
    const eocd = rebuilt.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cdOffset = rebuilt.readUInt32LE(eocd + 16) + shift;
    rebuilt.writeUInt32LE(cdOffset, eocd + 16);
    for (let p = cdOffset; rebuilt.readUInt32LE(p) === 0x02014b50;) {
      const name = rebuilt.toString('utf8', p + 46, p + 46 + rebuilt.readUInt16LE(p + 28));
      if (name === 'bomb.xlsx') rebuilt.writeUInt32LE(big.length, p + 20);
      const off = rebuilt.readUInt32LE(p + 42);
      if (off > e.localOffset) rebuilt.writeUInt32LE(off + shift, p + 42);
      p += 46 + rebuilt.readUInt16LE(p + 28) + rebuilt.readUInt16LE(p + 30) + rebuilt.readUInt16LE(p + 32);
    }
    rebuilt.writeUInt32LE(big.length, e.localOffset + 18);
    writeFileSync(path('liar.nbpkg'), rebuilt);
    refused(path('liar.nbpkg'), '成员“bomb.xlsx”解压后超过声明的大小');
  });

  it('a package of a newer schema, of the wrong year, of another unit than its report', async () => {
    await repack(good, path('newer.nbpkg'), (_, m) => (m.schemaVersion = SCHEMA_VERSION + 1));
    refused(path('newer.nbpkg'), `这个报送包由更新版本的程序生成（格式版本 ${SCHEMA_VERSION + 1}），请升级后再接收`);
    await repack(good, path('year.nbpkg'), (_, m) => (m.year = 2023));
    refused(path('year.nbpkg'), '报告的年度（2024）与清单中的年度（2023）不一致');
    await repack(good, path('unit.nbpkg'), (_, m) => (m.unit = '另一个局'));
    refused(path('unit.nbpkg'), '报告的单位（某县教育局）与清单中的单位（另一个局）不一致');
    const ex = new ExchangeService(office.archive);
    expect(() => ex.receive(good, { year: 2025 })).toThrow('它是 2024 年的报告，而不是 2025 年的');
    expect(dumpRows(office.archive.db)).toEqual(before);
  });
});

describe('a 报送包 whose unit is spelled otherwise than in the office’s archive', () => {
  it('is refused with the near names, received as the office’s unit when the office says so, and adds no unit', async () => {
    const unit = await tempStore(manualClock('2025-01-20T02:00:00Z'));
    const office = await tempStore(manualClock('2025-01-22T06:00:00Z'));
    // The unit's own archive calls it 县教育局; the office has 某县教育局.
    unit.archive.save({ ...unitReport(), unit: '县教育局' });
    office.archive.addUnit({ name: '某县人民政府', kind: 'government' });
    office.archive.addUnit({ name: UNIT, kind: 'department', parent: '某县人民政府' });
    const file = join(tempDir(), '县教育局-2024-报送.nbpkg');
    await new ExchangeService(unit.archive).send('县教育局', 2024, file);

    const ex = new ExchangeService(office.archive);
    const units = () => office.archive.listUnits().map((u) => u.name);
    const before = units();
    const p = ex.preview(file);
    expect(p.nearUnits).toEqual([UNIT]);
    const why = `档案中没有单位“县教育局”，与已有的“${UNIT}”相近：如是同一单位，请按档案中的名称接收；如确是新单位，请先在“单位”页添加“县教育局”`;
    expect(p.notes[0]).toBe(why);
    expect(() => ex.receive(file)).toThrow(`报送包 县教育局-2024-报送.nbpkg 没有接收：${why}。没有存入任何内容。`);
    expect(units()).toEqual(before);
    expect(office.archive.find(UNIT, 2024)).toBeUndefined();

    // Received as the office's unit: its report, locked, the unit list unchanged.
    expect(ex.preview(file, { asUnit: UNIT })).toMatchObject({ unit: UNIT, nearUnits: [], existing: null });
    expect(ex.receive(file, { asUnit: UNIT }).status).toBe('accepted');
    const stored = office.archive.get(UNIT, 2024);
    expect([stored.report.unit, stored.status]).toEqual([UNIT, 'final']);
    expect(stored.report.values).toEqual(unit.archive.get('县教育局', 2024).report.values);
    expect(units()).toEqual(before);
    expect(() => ex.receive(file, { asUnit: '某县不存在局' })).toThrow('档案中没有这个单位');
    unit.close();
    office.close();
  });
});
