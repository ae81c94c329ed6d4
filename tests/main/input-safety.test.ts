// Input that used to change data without saying so, or stop the program (issue 11): numbers past 2^53, deeply
// nested HTML, size limits for every file type, a folder or a FIFO in a batch, #REF! and NaN cells, zod's and
// the bridge's English. Each case: a Chinese message, and the archive unchanged.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/main/api-handlers';
import { startBridge } from '../../src/main/bridge/server';
import { createBridgeHost } from '../../src/main/bridge/host';
import { readValue } from '../../src/shared/reading/cell-value';
import { InputError } from '../../src/main/errors';
import { importFiles } from '../../src/main/services/batch-import';
import { exportReport } from '../../src/main/services/export';
import { parseFile } from '../../src/main/services/files';
import { parseReport, type Report } from '../../src/shared/report';
import { archiveDigest, tempDir, tempStore } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { consistentReport } from '../helpers/random-report';
import { SAMPLES_DIR } from '../helpers/samples';

const TOO_BIG = '9007199254740993'; // 2^53 + 1: Number() makes it …992
const unitReport = (unit: string, year: number, seed = year): Report => ({ ...consistentReport('gov2021', seed, year), unit });
const reports = (store: Awaited<ReturnType<typeof tempStore>>) => store.archive.overview().reports.length;

/** A published sample with one table number replaced by 2^53+1 (a number that occurs once in the text). */
function sampleWithHugeNumber(dir: string): { file: string; key: string } {
  const text = readFileSync(join(SAMPLES_DIR, '2024-elunchun-banner.txt'), 'utf8');
  const expected = JSON.parse(readFileSync(join(SAMPLES_DIR, '2024-elunchun-banner.expected.json'), 'utf8')) as Report;
  const [key, value] = Object.entries(expected.values).find(
    ([, v]) => typeof v === 'number' && v >= 100 && text.split(new RegExp(`(?<!\\d)${v}(?!\\d)`)).length === 2,
  )!;
  const file = join(dir, '超大数字.txt');
  writeFileSync(file, text.replace(new RegExp(`(?<!\\d)${String(value)}(?!\\d)`), TOO_BIG));
  return { file, key };
}

describe('numbers beyond Number.MAX_SAFE_INTEGER are never stored rounded', () => {
  it('a published report with 9007199254740993 in a table: the cell is a doubt, nothing is written', async () => {
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2024));
    const before = archiveDigest(store.path);
    const { file, key } = sampleWithHugeNumber(tempDir());
    const [parsed] = await parseFile(file);
    expect(parsed.report.values[key]).toBeNull();
    const doubt = parsed.report.doubts!.find((d) => d.cells.includes(key))!;
    expect(doubt.message).toContain(`写的是“${TOO_BIG}”，数字太大`);
    const [result] = await importFiles(store.archive, [file]);
    expect(result.status).toBe('needs_attention');
    expect(reports(store)).toBe(1);
    expect(archiveDigest(store.path)).toBe(before);
    store.close();
  });

  it('report JSON, an Excel cell and the renderer’s own reading refuse it with the number as written', async () => {
    const report = unitReport('甲局', 2024);
    const key = Object.keys(report.values)[0];
    const json = `{"template":"gov2021","unit":"甲局","year":2024,"values":{"${key}":${TOO_BIG}}}`;
    const parsed = parseReport(JSON.parse(json));
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).toContain('数字太大，超出能精确保存的范围（最大 9007199254740991）');
    expect(JSON.stringify(parsed)).not.toContain('9007199254740992');
    expect(readValue(TOO_BIG, 'count')).toEqual({ ok: false, problem: expect.stringMatching(new RegExp(`数字太大.*（${TOO_BIG}）$`)) });
    expect(readValue('9007199254740991', 'count')).toEqual({ ok: true, value: 9007199254740991 });
    const { parseInput } = await import('../../src/renderer/src/lib/grid');
    expect(parseInput(TOO_BIG, 'count')).toMatchObject({ ok: false, error: expect.stringContaining('数字太大') });

    const dir = tempDir();
    const db = join(dir, 'archive.sqlite');
    const file = join(dir, 'r.json');
    writeFileSync(file, json);
    const put = runCli(['report', 'put', file, '--db', db]);
    expect(put.code).toBe(2);
    expect(put.stderr).toContain('数字太大');
    // JSON Lines, one report per line: nothing was stored.
    expect(runCli(['list', '--json', '--db', db]).stdout.trim()).toBe('');
    const set = runCli(['import', file, '--set', `${key}=${TOO_BIG}`, '--db', db]);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('太大，超出能精确保存的范围');
  });
});

describe('a batch goes on past files it cannot read', () => {
  it('deep HTML, a folder, a FIFO and over-size .txt/.html/.docx are each refused in Chinese; the good file is imported', async () => {
    const store = await tempStore();
    const dir = tempDir();
    const deep = join(dir, '嵌套.html');
    writeFileSync(deep, `<html><body>${'<div>'.repeat(200_000)}一、总体情况</body></html>`);
    const folder = join(dir, '子文件夹.txt');
    mkdirSync(folder);
    const fifo = join(dir, '管道.txt');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const bigTxt = join(dir, '大.txt');
    writeFileSync(bigTxt, '');
    truncateSync(bigTxt, 6 * 1024 * 1024);
    const bigHtml = join(dir, '大.html');
    writeFileSync(bigHtml, '');
    truncateSync(bigHtml, 21 * 1024 * 1024);
    const bigDocx = join(dir, '大.docx');
    writeFileSync(bigDocx, '');
    truncateSync(bigDocx, 51 * 1024 * 1024);
    const good = join(dir, '好.txt');
    writeFileSync(good, readFileSync(join(SAMPLES_DIR, '2024-jiaohu-town.txt')));

    // The refused files alone change nothing.
    store.archive.save(unitReport('甲局', 2024));
    const before = archiveDigest(store.path);
    const refused = await importFiles(store.archive, [deep, folder, fifo, bigTxt, bigHtml, bigDocx], { force: true });
    expect(refused.map((r) => r.status)).toEqual(Array(6).fill('failed'));
    expect(archiveDigest(store.path)).toBe(before);

    const files = [deep, folder, fifo, bigTxt, bigHtml, bigDocx, good];
    const results = await importFiles(store.archive, files, { force: true });
    const reason = (f: string) => results.find((r) => r.file === f)!.reason ?? '';
    expect(reason(deep)).toMatch(/嵌套.html 的网页结构嵌套过深（\d+ 层，上限 512 层）/);
    expect(reason(folder)).toContain('子文件夹.txt 是一个文件夹，不是文件');
    expect(reason(fifo)).toContain('管道.txt 不是普通文件');
    expect(reason(bigTxt)).toContain('大.txt 太大（6.0 MB，此类文件上限 5 MB）');
    expect(reason(bigHtml)).toContain('大.html 太大（21.0 MB，此类文件上限 20 MB）');
    expect(reason(bigDocx)).toContain('大.docx 太大（51.0 MB，此类文件上限 50 MB）');
    expect(results.filter((r) => r.status === 'failed')).toHaveLength(6);
    expect(results.find((r) => r.file === good)!.status).toBe('imported');
    expect(reports(store)).toBe(2);
    store.close();
  });
});

describe('messages that leaked English or internals', () => {
  it('a #REF! cell says #REF!, not [object Object]; NaN is not shown as NaN', async () => {
    expect(readValue({ formula: true, result: { error: '#REF!' } } as never, 'count')).toEqual({
      ok: false,
      problem: '是错误值 #REF!（公式算不出结果），不是数字',
    });
    expect(readValue(Number.NaN, 'count')).toEqual({ ok: false, problem: '不是有效数字' });

    // The same through a real workbook: one of our exports with a value cell turned into a #REF! formula.
    const store = await tempStore();
    store.archive.save(unitReport('甲局', 2024));
    const file = join(tempDir(), 'ref.xlsx');
    await exportReport(store.archive, '甲局', 2024, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const map = wb.getWorksheet('_nianbao')!;
    let target: { sheet: string; address: string } | undefined;
    map.eachRow((row) => {
      const [kind, key, sheet, address] = [1, 2, 3, 4].map((i) => row.getCell(i).text);
      if (!target && kind === 'cell' && key.startsWith('requests.')) target = { sheet, address };
    });
    expect(target).toBeDefined();
    wb.getWorksheet(target!.sheet)!.getCell(target!.address).value = { formula: 'A1/#REF!', result: { error: '#REF!' } } as never;
    await wb.xlsx.writeFile(file);
    const [parsed] = await parseFile(file);
    const text = JSON.stringify([parsed.report.doubts, parsed.notes]);
    expect(text).toContain('#REF!');
    expect(text).not.toContain('[object Object]');
    store.close();
  });

  it('zod’s argument errors are Chinese', async () => {
    const store = await tempStore();
    const handlers = createHandlers(store, createBridgeHost(tempDir()));
    const r = await dispatch(handlers, 'report.setStatus', { unit: '甲局', year: '2024', status: 'done' });
    expect(r.ok).toBe(false);
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toContain('year 应为数字，实为文字');
    expect(message).toContain('status 应为以下之一：“draft”、“final”，实为“done”');
    expect(message).not.toMatch(/Invalid|expected|received/i);
    store.close();
  });

  it('the bridge: a malformed file name is answered in Chinese, foreign origins are refused, uploads are deleted when it stops', async () => {
    const dir = tempDir();
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<html><head><script type="module" src="x.js"></script></head></html>');
    const bridge = await startBridge({ dbPath: join(dir, 'archive.sqlite'), rendererDir: renderer, onProblem: () => undefined });
    const base = new URL(bridge.url).origin;
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${base}${path}`, { method: 'POST', body, headers: { 'x-nianbao-token': bridge.token, ...headers } });

    const bad = await post('/host/upload', 'x', { 'x-file-name': '%E0%A4%A' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      '上传的文件名的编码有误（不是有效的 URL 编码），没有处理',
    );

    const foreign = await post('/api/units.list', '{}', { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('拒绝：来自其他网页的请求');
    const own = await post('/api/units.list', '{}', { origin: base });
    expect(await own.json()).toEqual({ ok: true, value: [] });

    const up = await post('/host/upload', '内容', { 'x-file-name': encodeURIComponent('年报.txt') });
    const uploaded = ((await up.json()) as { value: string }).value;
    expect(existsSync(uploaded)).toBe(true);
    await bridge.close();
    expect(existsSync(uploaded)).toBe(false);
  });
});

describe('the browser host refuses to start in Chinese', () => {
  it('a port another program holds, and a missing build; the archive is closed again and unchanged', async () => {
    const dir = tempDir();
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<html></html>');
    const dbPath = join(dir, 'archive.sqlite');
    const first = await startBridge({ dbPath, rendererDir: renderer, onProblem: () => undefined });
    await first.store.settled();
    first.store.archive.addUnit({ name: '甲局', kind: 'department' });
    const port = Number(new URL(first.url).port);
    const before = archiveDigest(dbPath);
    await expect(startBridge({ dbPath, port, rendererDir: renderer, onProblem: () => undefined })).rejects.toThrow(
      `端口 ${port} 已被其他程序占用；请换一个端口（--port），或不写 --port 由程序自选`,
    );
    await expect(startBridge({ dbPath, rendererDir: join(dir, 'none'), onProblem: () => undefined })).rejects.toBeInstanceOf(InputError);
    await first.close();
    expect(archiveDigest(dbPath)).toBe(before);
  });
});

describe('a 2018-format report through Excel and back', () => {
  it('keeps its whole 统计附表; a workbook without it is not “可以导入” over a report that has one', async () => {
    const store = await tempStore();
    const sample = JSON.parse(readFileSync(join(SAMPLES_DIR, '2018-jinan-district.expected.json'), 'utf8')) as Report;
    expect(sample.legacy!.length).toBeGreaterThan(10);
    store.archive.save(sample);
    const dir = tempDir();
    const file = join(dir, '晋安区2018.xlsx');
    await exportReport(store.archive, sample.unit!, 2018, file);
    const [parsed] = await parseFile(file);
    expect(parsed.report.legacy).toEqual(store.archive.get(sample.unit!, 2018).report.legacy);
    const [same] = await importFiles(store.archive, [file], { dryRun: true });
    expect(same.status).toBe('unchanged');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.removeWorksheet(wb.getWorksheet('统计附表')!.id);
    const stripped = join(dir, '没有附表.xlsx');
    await wb.xlsx.writeFile(stripped);
    const before = archiveDigest(store.path);
    const [result] = await importFiles(store.archive, [stripped]);
    expect(result.status).toBe('needs_attention');
    expect(result.reason).toContain(`文件中没有统计附表，而档案中的报告有 ${sample.legacy!.length} 行附表；导入会删去它们`);
    expect(store.archive.get(sample.unit!, 2018).report.legacy).toHaveLength(sample.legacy!.length);
    expect(archiveDigest(store.path)).toBe(before);
    store.close();
  });
});

describe('units', () => {
  it('updateUnit finds a name given with spaces around it', async () => {
    const store = await tempStore();
    store.archive.addUnit({ name: '乙局', kind: 'department' });
    expect(store.archive.updateUnit(' 乙局 ', { code: '001' })).toMatchObject({ name: '乙局', code: '001' });
    store.close();
  });
});
