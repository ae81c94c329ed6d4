// One table of what clerks write in a cell → one answer, whichever way the cell arrives: typed into the editor
// grid, read from a workbook cell, or read from a cell of a text/HTML/Word table.
import { describe, expect, it } from 'vitest';
import { cell } from '../../src/main/importers/lines';
import { parseInput } from '../../src/renderer/src/lib/grid';
import { readCellText, readValue } from '../../src/shared/reading/cell-value';

const NA = '不适用';
type Answer = number | typeof NA | null | 'bad';

const TABLE: [string, Answer][] = [
  ['0', 0],
  ['12', 12],
  [' 12 ', 12],
  ['１２', 12],
  ['1,234', 1234],
  ['１，２３４', 1234],
  ['12件', 12],
  ['3项', 3],
  ['317.29万元', 317.29],
  ['+5', 5],
  ['12.0', 12],
  ['', null],
  ['\u3000', null],
  ['/', NA],
  ['／', NA],
  ['\\', NA],
  ['-', NA],
  ['－', NA],
  ['–', NA],
  ['—', NA],
  ['——', NA],
  ['不适用', NA],
  ['无此项', NA],
  ['N/A', NA],
  ['n/a', NA],
  ['NA', NA],
  ['无', 'bad'],
  ['暂无', 'bad'],
  ['零', 'bad'],
  ['1.2.3', 'bad'],
  ['12,34', 'bad'],
  ['100%', 'bad'],
  ['#REF!', 'bad'],
  ['#DIV/0!', 'bad'],
  ['#N/A', 'bad'],
  ['9007199254740993', 'bad'],
  ['十三', 'bad'],
];

const fromText = (text: string): Answer => {
  const r = cell(text, '第 1 行').reading;
  return r.kind === 'blank' ? null : r.kind === 'value' ? r.value : 'bad';
};
const fromWorkbook = (text: string): Answer => {
  const r = readValue(text, 'count');
  return r.ok ? r.value : 'bad';
};
const fromEditor = (text: string): Answer => {
  const r = parseInput(text, text.includes('万元') ? 'amount' : 'count');
  return r.ok ? r.value : 'bad';
};

describe('one cell reader', () => {
  it.each(TABLE)('%j reads as %j in the editor, a workbook and a text table alike', (text, answer) => {
    // 317.29 is only a valid value in an amount cell; the others are counts.
    const workbook = text.includes('万元') ? (readValue(text, 'amount') as { value: Answer }).value : fromWorkbook(text);
    expect({ editor: fromEditor(text), workbook, text: fromText(text) }).toEqual({ editor: answer, workbook: answer, text: answer });
  });

  it('says why a value cannot be read, in Chinese', () => {
    expect(readValue('#REF!', 'count')).toEqual({ ok: false, problem: '是错误值 #REF!（公式算不出结果），不是数字' });
    expect(readValue('无', 'count')).toEqual({ ok: false, problem: '“无”不是数字' });
    expect(readValue('-3', 'count')).toEqual({ ok: false, problem: '不能为负数（-3）' });
    expect(readValue({ formula: true, result: undefined }, 'count')).toMatchObject({ ok: false, formula: true });
    expect(readValue({ formula: true, result: 7 }, 'count')).toEqual({ ok: true, value: 7 });
    expect(readValue({ richText: [{ text: '1' }, { text: '2' }] }, 'count')).toEqual({ ok: true, value: 12 });
    expect(readValue(new Date(Date.UTC(2024, 0, 2)), 'count')).toEqual({ ok: false, problem: '是日期（2024-01-02），不是数字' });
    expect(readValue(true, 'count')).toEqual({ ok: false, problem: '是逻辑值 TRUE，不是数字' });
  });

  it('labels are words, not values', () => {
    for (const t of ['规章', '2018年', '1.属于国家秘密', '结果 维持']) expect(readCellText(t).kind).toBe('text');
  });
});
