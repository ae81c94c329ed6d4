// Text converted from PDF with number rows whose labels were lost (tests/fixtures/real/2024-shanghai-kewei.txt):
// bare rows are placed by the template's row order only when their count fits and the relations hold;
// otherwise exactly those rows are doubts. Variants of the real file make each way out fail on purpose.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/main/importers';
import { REAL_DIR, loadRealReports, scoreReal } from '../helpers/real-reports';
import { doubtCells } from './helpers';

const FILE = '2024-shanghai-kewei.txt';
const source = readFileSync(`${REAL_DIR}${FILE}`, 'utf8');
const expected = loadRealReports().find((r) => r.name === '2024-shanghai-kewei')!.expected;
const rowKeys = (row: string) =>
  ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other_org', 'total'].map((c) => `requests.${row}.${c}`);

/** The source with one line (1-based, as printed in messages) replaced; checks the line is the one meant. */
function variant(line: number, was: string, now: string | null): string {
  const lines = source.split('\n');
  expect(lines[line - 1]).toBe(was);
  if (now === null) lines.splice(line - 1, 1);
  else lines[line - 1] = now;
  return lines.join('\n');
}

const read = (text: string) => {
  const parsed = parseReportText(text, FILE);
  return { parsed, score: scoreReal(parsed, expected) };
};

describe('bare number rows placed by row order', () => {
  it('reads the real file: tables numbered on their own, 表二 rows printed first, bare 表三 rows in order', () => {
    const { parsed, score } = read(source);
    expect(score.wrong).toEqual([]);
    expect(score.missing).toBe(0);
    expect(parsed.report.values['proactive.licensing.decisions']).toBe(97);
    expect(parsed.report.values['requests.withheld.internal_affairs.total']).toBe(1);
    expect(parsed.report.values['requests.other.no_correction.natural_person']).toBe(8);
    expect(parsed.provenance['requests.other.no_correction.natural_person']).toMatch(/第 163 行.*行序.*勾稽关系成立/);
    // Only the row the publication itself leaves short is doubted; the stray "1" is said, not placed.
    expect(doubtCells(parsed)).toEqual(rowKeys('carried_forward').sort());
    // Its markdown row ends in an empty cell `|  |`: that reading is offered, not taken.
    expect(parsed.report.doubts![0].candidates).toEqual([[1, 0, 0, 0, 0, 0, null]]);
    expect(parsed.notes.join('\n')).toMatch(/第 172 行.*单独的“1”/);
  });

  it('one bare row fewer than the template rows between two labels: those rows are doubts, none guessed', () => {
    const { parsed, score } = read(variant(134, '| 4 | 0 | 0 | 0 | 0 | 0 | 4 |', null));
    expect(score.wrong).toEqual([]);
    const gap = ['unavailable.not_held', 'unavailable.needs_creation', 'unavailable.still_unclear'].flatMap(rowKeys);
    expect(doubtCells(parsed)).toEqual([...gap, ...rowKeys('carried_forward')].sort());
    expect(parsed.report.doubts!.find((d) => d.cells[0] === gap[0])!.message).toMatch(/2 行没有行标题的数字，对应模板的 3 行/);
    for (const k of gap) expect(parsed.report.values[k]).toBeNull();
  });

  it('a placement that breaks a relation is a doubt naming it, with the placement offered', () => {
    const { parsed, score } = read(variant(141, '| 6 | 0 | 0 | 0 | 0 | 0 | 6 |', '| 6 | 0 | 0 | 0 | 0 | 0 | 7 |'));
    expect(score.wrong).toEqual([]);
    const row = rowKeys('unavailable.needs_creation');
    const doubt = parsed.report.doubts!.find((d) => d.cells[0] === row[0])!;
    expect(doubt.message).toMatch(/第 141 行.*“2\.没有现成信息需要另行制作”.*R2/);
    expect(doubt.candidates).toEqual([[6, 0, 0, 0, 0, 0, 7]]);
    for (const k of row) expect(parsed.report.values[k]).toBeNull();
    // The 总计 column no longer adds up either, so every bare row with a cell in it is in doubt; labelled rows stay read.
    expect(doubtCells(parsed)).toContain('requests.unavailable.not_held.total');
    expect(parsed.report.values['requests.withheld.process_info.natural_person']).toBe(1);
  });

  it('a label fragment that does not belong to the row its place gives: the gap is doubted', () => {
    const { parsed, score } = read(variant(159, '| 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 信访举报 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |'));
    expect(score.wrong).toEqual([]);
    const gap = ['not_processed.excessive', 'not_processed.reconfirm', 'other.no_correction', 'other.no_fee'].flatMap(rowKeys);
    for (const k of gap) expect(doubtCells(parsed)).toContain(k);
    expect(parsed.report.doubts!.find((d) => d.cells[0] === gap[0])!.message).toMatch(/行标题的残片与行序不符/);
  });

  it('a table whose heading is nowhere: its cells are one doubt, not silently blank', () => {
    const { parsed, score } = read(variant(180, '三、政府信息公开行政复议、行政诉讼情况', '（表四见附件）'));
    expect(score.wrong).toEqual([]);
    const appeals = parsed.report.doubts!.find((d) => d.cells.every((k) => k.startsWith('appeals.')))!;
    expect(appeals.cells).toHaveLength(15);
    expect(appeals.message).toMatch(/没有读到表四/);
    // 表四's 15 numbers stay out of 表三, which still reads as before.
    expect(parsed.report.values['requests.total.total']).toBe(35);
  });

  it('the same rows with spaces instead of | (a PDF copy without markdown) read the same', () => {
    const plain = source
      .split('\n')
      .filter((l) => !/^\|[-|]+\|$/.test(l))
      .map((l) =>
        l.startsWith('|')
          ? l
              .split('|')
              .map((c) => c.trim())
              .filter(Boolean)
              .join(' ')
          : l,
      )
      .join('\n');
    const { parsed, score } = read(plain);
    expect(score).toMatchObject({ wrong: [], missing: 0, exact: read(source).score.exact });
    expect(doubtCells(parsed)).toEqual(rowKeys('carried_forward').sort());
  });
});
