// The small pieces: reading one cell, splitting a text line into cells, titles and dates, label matching.
import { describe, expect, it } from 'vitest';
import { readCellText as readCell } from '../../src/shared/reading/cell-value';
import { labelForms, matchAt, stripNumbering, type Token } from '../../src/main/importers/labels';
import { splitTextLine } from '../../src/main/importers/lines';
import {
  readPublished,
  readTitle,
  titleInSentence,
  unitFromBody,
  yearFromOpening,
  yearFromPeriod,
} from '../../src/shared/reading/identity';
import { normalizeLabel } from '../../src/shared/template';

describe('readCell', () => {
  it.each([
    ['0', 0],
    ['１２', 12],
    ['1,208', 1208],
    ['１，２０８', 1208],
    ['317.29', 317.29],
    ['0.00', 0],
    ['-2', -2],
    ['−2', -2],
    ['+3', 3],
    ['12件', 12],
    ['86.2万元', 86.2],
    [' 7 ', 7],
  ])('%s is the number %s', (text, n) => expect(readCell(text)).toEqual({ kind: 'value', value: n }));

  it.each(['/', '／', '—', '——', '－', '-', '–', '不适用', '\\'])('%s is 不适用', (text) =>
    expect(readCell(text)).toEqual({ kind: 'value', value: '不适用' }),
  );

  it.each(['', '  ', '\u3000', '\u00a0'])('%j is blank (never 0)', (text) => expect(readCell(text)).toEqual({ kind: 'blank' }));

  it.each(['无', '零', '暂无', '1.2.3', '12,34', '100%'])('%s is not a number a person can trust', (text) =>
    expect(readCell(text).kind).toBe('bad'),
  );

  it.each(['规章', '结果 维持', '2018年', '1.属于国家秘密'])('%s is text', (text) => expect(readCell(text).kind).toBe('text'));
});

describe('splitTextLine', () => {
  it('splits | cells; a trailing | ends the last cell; runs of | are blank cells', () => {
    expect(splitTextLine('规章 | 0 | 0 | 0 |')).toEqual(['规章', '0', '0', '0']);
    expect(splitTextLine('13 |')).toEqual(['13']);
    expect(splitTextLine('|||')).toEqual(['', '', '']);
    expect(splitTextLine('a | b')).toEqual(['a', 'b']);
  });

  it('splits tabs and keeps the empty cells merged cells leave', () => {
    expect(splitTextLine('\t\t1. 属于国家秘密\t0\t0')).toEqual(['', '', '1. 属于国家秘密', '0', '0']);
  });

  it('drops markdown rules, whose dashes are not 不适用', () => {
    expect(splitTextLine('|---|:---:|---|')).toEqual([]);
  });

  it('splits trailing values off a space-separated row, but not words inside a label', () => {
    expect(splitTextLine('规章 0 0 0')).toEqual(['规章', '0', '0', '0']);
    expect(splitTextLine('3. 其他 / 0')).toEqual(['3. 其他', '/', '0']);
    expect(splitTextLine('0 0 1')).toEqual(['0', '0', '1']);
    expect(splitTextLine('1. 属于国家秘密')).toEqual(['1. 属于国家秘密']);
    expect(splitTextLine('2024 年主动公开各类信息 331 条')).toEqual(['2024 年主动公开各类信息 331 条']);
    expect(splitTextLine('   ')).toEqual([]);
  });
});

describe('title, date, year and unit', () => {
  it('reads unit and year from titles in their usual forms', () => {
    expect(readTitle(['鄂伦春自治旗2024年政府信息公开工作年度报告'])).toEqual({ unit: '鄂伦春自治旗', year: 2024 });
    expect(readTitle(['焦虎镇 2024 年政府信息公开工作年度报告'])).toEqual({ unit: '焦虎镇', year: 2024 });
    expect(readTitle(['2023年度某某街道办事处政府信息公开工作年度报告'])).toEqual({ unit: '某某街道办事处', year: 2023 });
    expect(readTitle(['某某市人民政府办公室关于2022年政府信息公开工作年度报告'])).toEqual({ unit: '某某市人民政府办公室', year: 2022 });
    expect(readTitle(['2021年政府信息公开工作年度报告'])).toEqual({ unit: null, year: 2021 });
  });

  it('ignores breadcrumbs and long paragraphs that mention the format', () => {
    expect(readTitle(['网站首页 > 政务公开 > 政府信息公开年报'])).toBeNull();
    expect(
      readTitle([`本年度报告根据《关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》制作。${'全文'.repeat(40)}`]),
    ).toBeNull();
  });

  it('reads publication dates from page headers', () => {
    expect(readPublished(['发布时间:2025-02-10 来源:某某办公室'])).toBe('2025-02-10');
    expect(readPublished(['发布日期：2021年1月28日'])).toBe('2021-01-28');
    expect(readPublished(['时间：2024/3/5'])).toBe('2024-03-05');
    expect(readPublished(['发布时间:2025-02-30'])).toBeNull();
    expect(readPublished(['2025-02-10'])).toBeNull();
  });

  it('takes the year from the first sentence of 总体情况, skipping sub-headings, and nothing else', () => {
    expect(yearFromOpening('（一）主动公开\n2024年，本机关…')).toBe(2024);
    expect(yearFromOpening('一、重点领域信息公开\n(一)做好精准扶贫领域信息公开。2021年…')).toBeNull();
    expect(yearFromOpening('本机关2024年…')).toBeNull();
  });

  it('reads a report named in its opening sentence only after the verb that announces it', () => {
    expect(titleInSentence(['根据《条例》要求,特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告。本报告包括…'])).toMatchObject(
      {
        unit: '湛江市人民政府地方志办公室',
        year: 2023,
      },
    );
    expect(titleInSentence(['根据《条例》规定,现公布区统计局2023年政府信息公开工作年度报告。'])).toMatchObject({
      unit: '区统计局',
      year: 2023,
    });
    expect(titleInSentence(['现将我局2022年政府信息公开工作年度报告公布如下'])).toMatchObject({ unit: null, year: 2022 });
    expect(titleInSentence(['对照2022年政府信息公开工作年度报告中提出的问题，逐项整改。'])).toBeNull();
  });

  it('takes the year from a statistics period of one whole calendar year, and nothing else', () => {
    expect(yearFromPeriod('本报告中使用数据统计期限为2023年1月1日起至2023年12月31日止。')?.year).toBe(2023);
    expect(yearFromPeriod('数据统计期限从2019年1月1日到12月31日止')?.year).toBe(2019);
    expect(yearFromPeriod('自2022年1月1日至2023年12月31日')).toBeNull();
    expect(yearFromPeriod('截止2023年12月31日我局通过官方网站发布信息')).toBeNull();
  });

  it('infers the unit from the text only with strong evidence', () => {
    const text = `我区${'我区'.repeat(3)}《福州市晋安区人民政府办公室关于…》晋安区晋安区晋安区《福州市人民政府关于…》`;
    expect(unitFromBody(text)?.unit).toBe('晋安区');
    expect(unitFromBody(`我市我市我市《某某市人民政府》`)).toBeNull(); // named only once
    expect(unitFromBody(`我区我区我区 甲区人民政府 乙区人民政府 甲区甲区乙区乙区`)).toBeNull(); // two candidates
    expect(unitFromBody(`我县 晋安区人民政府 晋安区晋安区`)).toBeNull(); // self-reference too rare
  });
});

describe('label matching', () => {
  const tokens = (...texts: string[]): Token[] =>
    texts.map((text, line) => ({ text, line, norm: normalizeLabel(text), where: '', reading: { kind: 'text' } }));
  const node = { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', variants: ['（二）部分公开'] };

  it('matches printed labels with other brackets, spaces and commas', () => {
    expect(matchAt(tokens('(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)'), 0, labelForms(node))).toBe(1);
  });

  it('takes the longest match when a label is broken over cells', () => {
    expect(matchAt(tokens('（二）部分公开（区分处理的，', '只计这一情形，不计其他情形）', '下一行'), 0, labelForms(node))).toBe(2);
    expect(matchAt(tokens('（二）部分公开', '4'), 0, labelForms(node))).toBe(1);
  });

  it('accepts a parent label in the same cell and loose numbering', () => {
    const leaf = { key: 'state_secret', label: '1.属于国家秘密' };
    const parent = { key: 'withheld', label: '（三）不予公开' };
    expect(matchAt(tokens('（三）不予公开1.属于国家秘密'), 0, labelForms(leaf, parent))).toBe(1);
    expect(matchAt(tokens('属于国家秘密'), 0, labelForms(leaf, parent))).toBe(1);
    expect(matchAt(tokens('1.其他法律行政法规禁止公开'), 0, labelForms(leaf, parent))).toBe(0);
    expect(stripNumbering(normalizeLabel('（七）总计'))).toBe('总计');
  });
});
