// The five reference samples, stored in a real archive, exported as Word and as a web page, and read back by
// the importers: the same template, unit, year, date, every cell, every text and the legacy appendix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePublishedReport, parseReportText } from '../../src/main/importers';
import { exportDocx, exportHtml } from '../../src/main/services/export';
import type { Report } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';
import { tempDir, tempStore } from '../helpers/archive';
import { loadSamples } from '../helpers/samples';

const store = await tempStore();
const dir = tempDir('nianbao-publish-');
afterAll(() => store.close());

// Two samples do not name their unit, one not its year (the importer asks for them); a person supplies them.
const GIVEN: Record<string, { unit: string; year?: number }> = {
  '2021-county-city-office': { unit: '某县教育局', year: 2021 },
  '2024-district-office': { unit: '某区人民政府办公室' },
};
const stored = loadSamples().map((s) => {
  const { report } = parseReportText(s.text, `${s.name}.txt`);
  const given = GIVEN[s.name];
  const r: Report = { ...report, unit: report.unit ?? given.unit, year: report.year ?? given.year!, doubts: undefined };
  store.archive.save(r);
  return { name: s.name, report: store.archive.get(r.unit!, r.year!).report };
});

function expectSame(back: Report, original: Report) {
  expect(back.template).toBe(original.template);
  expect(back.unit).toBe(original.unit);
  expect(back.year).toBe(original.year);
  expect(back.published).toBe(original.published);
  for (const c of getTemplate(original.template).cells) expect(back.values[c.key], c.key).toEqual(original.values[c.key]);
  expect(back.sections).toEqual(original.sections);
  expect(back.legacy).toEqual(original.legacy);
  expect(back.doubts).toEqual([]);
}

describe.each(stored)('$name', ({ report }) => {
  it('reads back from the Word file exactly as stored', async () => {
    const file = join(dir, `${report.unit}-${report.year}.docx`);
    await exportDocx(store.archive, report.unit!, report.year!, file);
    const parsed = await parsePublishedReport(file);
    expect(parsed.source.kind).toBe('docx');
    expectSame(parsed.report, report);
  });

  it('reads back from the web page exactly as stored; the page is self-contained', async () => {
    const file = join(dir, `${report.unit}-${report.year}.html`);
    await exportHtml(store.archive, report.unit!, report.year!, file);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|<link|<style|src=|@import/i);
    expect(html).toMatch(report.template === 'legacy' ? /<td colspan="4"/ : /<td rowspan="\d+" style=|<td colspan="\d+" rowspan="\d+"/);
    const parsed = await parsePublishedReport(file);
    expect(parsed.source.kind).toBe('html');
    expectSame(parsed.report, report);
  });
});
