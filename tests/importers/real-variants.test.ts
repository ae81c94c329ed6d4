// The real reports (tests/fixtures/real) as a portal hands them on (tests/helpers/real-variants.ts): each form
// must read to what the file as found reads to: the same figures, the same doubts, nothing wrong. Also the two
// shapes of portal copies the real reports showed the reader (a lone | closing each cell, 表三 rows that keep
// every cell), on small made-up tables.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReportHtml, parseReportText } from '../../src/main/importers';
import { parseFile } from '../../src/main/services/files';
import { loadRealReports, scoreReal, type RealReport } from '../helpers/real-reports';
import { readReport, reading, variantsOf } from '../helpers/real-variants';

const dir = mkdtempSync(join(tmpdir(), 'nianbao-real-variants-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const reports = loadRealReports();

describe.each(reports.map((r) => [r.name, r] as const))('%s as a portal hands it on', (_name, real) => {
  it('reads the same in every form: GBK or UTF-8 under any declaration, in Word, with copy noise', async () => {
    const keys = Object.keys(real.expected.values);
    const original = await readReport(real.file);
    const want = reading(original, keys);
    for (const v of await variantsOf(real, dir)) {
      const parsed = await readReport(v.path);
      expect(scoreReal(parsed, real.expected).wrong, v.name).toEqual([]);
      expect(reading(parsed, keys), v.name).toEqual(want);
      expect(parsed?.report.year ?? null, v.name).toBe(original?.report.year ?? null);
      expect(parsed?.report.unit ?? null, v.name).toBe(original?.report.unit ?? null);
    }
  });
});

describe('cells closed by a line holding only |', () => {
  const row = (label: string, cells: string[]) => [label, ...cells].map((c) => `${c}\n|`).join('\n');
  const head = '二、主动公开政府信息情况\n第二十条第(一)项\n|\n信息内容\n|\n本年制发件数\n|\n本年废止件数\n|\n现行有效件数\n|';

  it('reads each | after a cell as the end of that cell, not as one more blank cell', () => {
    const text = `${head}\n${row('规章', ['1', '0', '6'])}\n${row('行政规范性文件', ['3', '2', '40'])}\n`;
    const p = parseReportText(text, 'x.txt');
    expect(p.report.values['proactive.regulations.in_force']).toBe(6);
    expect(p.report.values['proactive.normative_documents.issued']).toBe(3);
    expect(p.report.values['proactive.normative_documents.in_force']).toBe(40);
  });

  it('a | right after another | is a blank cell, kept in its column', () => {
    const text = `${head}\n${row('规章', ['1', '0', '6'])}\n行政规范性文件\n|\n3\n|\n|\n40\n|\n`;
    const p = parseReportText(text, 'x.txt');
    expect(p.report.values['proactive.normative_documents.issued']).toBe(3);
    expect(p.report.values['proactive.normative_documents.repealed']).toBeNull();
    expect(p.report.values['proactive.normative_documents.in_force']).toBe(40);
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).not.toContain('proactive.normative_documents.repealed');
  });
});

describe('a 表三 whose rows all keep one cell per column', () => {
  const table = (rows: string[]) =>
    [
      '三、收到和处理政府信息公开申请情况',
      '(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |',
      '自然人 | 法人或其他组织 | 总计 |',
      '商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |',
      ...rows,
      '四、政府信息公开行政复议、行政诉讼情况',
    ].join('\n');

  it('keeps the blank cells at a row’s edges in their columns', () => {
    const p = parseReportText(
      table(['一、本年新收政府信息公开申请数量 | 2 | | | | | 1 | 3 |', '二、上年结转政府信息公开申请数量 | | | | | | | 0 |']),
      'x.txt',
    );
    expect(p.report.values['requests.new.natural_person']).toBe(2);
    expect(p.report.values['requests.new.other_org']).toBe(1);
    expect(p.report.values['requests.carried_over.natural_person']).toBeNull();
    expect(p.report.values['requests.carried_over.total']).toBe(0);
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).not.toContain('requests.carried_over.total');
  });

  it('does not when some row has one cell more (a merged cell may have left the edge blank)', () => {
    const p = parseReportText(
      table(['一、本年新收政府信息公开申请数量 | 2 | | | | | 1 | 3 | |', '二、上年结转政府信息公开申请数量 | | | | | | | 0 |']),
      'x.txt',
    );
    expect(p.report.values['requests.carried_over.total']).toBeNull();
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).toContain('requests.carried_over.total');
  });

  it('does not when no row starts with a number right after its label', () => {
    const p = parseReportText(
      table(['一、本年新收政府信息公开申请数量 | | | | | | 1 | 1 |', '二、上年结转政府信息公开申请数量 | | | | | | | 0 |']),
      'x.txt',
    );
    expect((p.report.doubts ?? []).flatMap((d) => d.cells)).toContain('requests.carried_over.total');
  });
});

describe('a copy in traditional characters (a portal’s 繁体版 page)', () => {
  const real = () => loadRealReports().find((r) => r.name === '2022-suixi-beipo-town-traditional') as RealReport;

  it('is read through the simplified forms of its wording, and its sections keep the characters as written', async () => {
    const [parsed] = await parseFile(real().file);
    expect(parsed.report.values['proactive.penalty.decisions']).toBe(4);
    expect(parsed.report.values['proactive.fees.amount']).toBe(190.457379);
    expect(parsed.report.sections.overall).toContain('我鎮堅持以習近平新時代中國特色社會主義思想為指導');
    expect(parsed.notes.some((n) => n.includes('原文是繁体字'))).toBe(true);
  });

  it('reads the same from a page in traditional characters, tables pasted as text or as real markup', () => {
    const rows = [
      ['信息內容', '本年制發件數', '本年廢止件數', '現行有效件數'],
      ['規章', '1', '0', '6'],
      ['行政規範性文件', '3', '2', '40'],
    ];
    const table = `<table border="1">${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
    const page = `<html><body><p>某某鎮2023年政府信息公開工作年度報告</p><p>一、總體情況</p><p>本鎮堅持公開為常態。</p><p>二、主動公開政府信息情況</p><p>第二十條第（一）項</p>${table}<p>三、收到和處理政府信息公開申請情況</p></body></html>`;
    const parsed = parseReportHtml(page, 'x.html');
    expect(parsed.report.year).toBe(2023);
    expect(parsed.report.values['proactive.regulations.in_force']).toBe(6);
    expect(parsed.report.values['proactive.normative_documents.repealed']).toBe(2);
    expect(parsed.report.sections.overall).toBe('本鎮堅持公開為常態。');
  });

  it('a simplified text without a report still gets the plain message', () => {
    expect(() =>
      parseReportText(
        '本机关开展政务公开，报告数据、条目、总计、请示、机关事务处理为内部情况，项目规范、许可费用、发布、废止、现行决定、权力、复议、诉讼。開報數條總計請機關務',
        'x.txt',
      ),
    ).toThrow(/没有找到政府信息公开工作年度报告/);
  });
});
