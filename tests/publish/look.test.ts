// What makes the Word file and the web page look like the official document: page, fonts, page numbers, merges.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/main/importers';
import { reportDocx } from '../../src/main/publish/docx';
import { reportHtml } from '../../src/main/publish/html';
import { getTemplate } from '../../src/shared/template';
import { loadSamples } from '../helpers/samples';

const sample = loadSamples().find((s) => s.name === '2024-elunchun-banner')!;
const { report } = parseReportText(sample.text, 'elunchun.txt');

describe('the Word document', async () => {
  const zip = await JSZip.loadAsync(await reportDocx(report));
  const xml = await zip.file('word/document.xml')!.async('string');
  const footer = await zip.file('word/footer1.xml')!.async('string');

  it('is A4 with the margins of official documents', () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
  });

  it('names 方正小标宋简体, 黑体, 仿宋_GB2312, 楷体_GB2312 and 宋体 as east-Asian fonts of their runs', () => {
    const fontOf = (text: string) => {
      const at = xml.indexOf(`>${text}<`);
      const run = xml.slice(xml.lastIndexOf('<w:r>', at), at);
      return /w:eastAsia="([^"]+)"/.exec(run)?.[1];
    };
    expect(fontOf('鄂伦春自治旗2024年')).toBe('方正小标宋简体');
    expect(fontOf('一、总体情况')).toBe('黑体');
    expect(fontOf('(一)主动公开情况')).toBe('楷体_GB2312');
    expect(fontOf('本年度鄂伦春自治旗未产生政府信息公开信息处理费。')).toBe('仿宋_GB2312');
    expect(fontOf('行政许可')).toBe('宋体');
  });

  it('breaks a long title before 政府信息公开工作年度报告, not before its last character', () => {
    expect(xml).toMatch(/>鄂伦春自治旗2024年<\/w:t><\/w:r><w:r>(?:(?!<\/w:r>).)*<w:br\/><w:t[^>]*>政府信息公开工作年度报告</);
  });

  it('gives Word a fallback for each official font in its font table', async () => {
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  it('numbers its pages “— 1 —” in the footer', () => {
    expect(footer).toContain('— ');
    expect(footer).toMatch(/PAGE/);
  });

  it('draws each table with the template’s merges and repeats its header rows', () => {
    const merges = getTemplate('gov2021')
      .tables.flatMap((t) => t.layout.cells)
      .filter((c) => c.colSpan > 1 || c.rowSpan > 1);
    expect(merges.length).toBeGreaterThan(20);
    expect((xml.match(/<w:gridSpan w:val="(?:[2-9]|\d\d)"\/>/g) ?? []).length).toBe(
      merges.filter((c) => c.colSpan > 1).reduce((n, c) => n + c.rowSpan, 0),
    );
    expect((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBe(merges.filter((c) => c.rowSpan > 1).length);
    expect(xml).toContain('<w:tblHeader/>');
  });
});

describe('the web page', () => {
  const html = reportHtml(report);
  it('lists the official fonts with fallbacks, on the elements themselves', () => {
    expect(html).toMatch(/<h1 style="[^"]*font-family:'方正小标宋简体',[^"]*'宋体'/);
    expect(html).toMatch(/<article style="[^"]*font-family:'仿宋_GB2312',[^"]*'仿宋',/);
    expect(html).toContain('<meta name="PubDate" content="2025-02-10">');
    expect(html).toContain('发布日期：2025年2月10日');
  });
});
