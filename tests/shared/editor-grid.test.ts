import { describe, expect, it } from 'vitest';
import {
  edgeCell,
  enterMove,
  formatTsv,
  formatValue,
  move,
  neighbourCell,
  parseClipboard,
  parseInput,
  pasteRefusal,
  pasteTargets,
  rangeKeys,
  rangeRows,
  tabMove,
  valuePositions,
  words,
} from '../../src/renderer/src/lib/grid';
import { NOT_APPLICABLE } from '../../src/shared/report';
import { getTemplate } from '../../src/shared/template';

const gov2021 = getTemplate('gov2021');
const table = (id: string) => gov2021.tables.find((t) => t.id === id)!;

describe('editor grid: moving over the layout', () => {
  const requests = valuePositions(table('requests'));
  const proactive = valuePositions(table('proactive'));
  const appeals = valuePositions(table('appeals'));

  it('visits only value cells, row by row; 表三 has 25 rows of 7', () => {
    expect(requests).toHaveLength(175);
    expect(new Set(requests.map((c) => c.row)).size).toBe(25);
    expect(requests[0].key).toBe('requests.new.natural_person');
    expect(requests[174].key).toBe('requests.carried_forward.total');
  });

  it('arrows stay in the row left and right and stop at the table edge (null)', () => {
    expect(move(requests, 'requests.new.natural_person', 'right')).toBe('requests.new.commercial');
    expect(move(requests, 'requests.new.total', 'right')).toBeNull();
    expect(move(requests, 'requests.carried_over.natural_person', 'left')).toBeNull();
    expect(move(requests, 'requests.new.research', 'down')).toBe('requests.carried_over.research');
    expect(move(requests, 'requests.new.research', 'up')).toBeNull();
    expect(move(requests, 'requests.carried_forward.total', 'down')).toBeNull();
  });

  it('goes up and down through merged label cells and skips caption and header rows', () => {
    // 表三: from （二）部分公开 (its label spans two columns) to （三）1.属于国家秘密 under a three-row label.
    expect(move(requests, 'requests.partial.other_org', 'down')).toBe('requests.withheld.state_secret.other_org');
    // 表二: from 规范性文件 down past the caption and header rows of the next block to 行政许可.
    expect(move(proactive, 'proactive.normative_documents.in_force', 'down')).toBe('proactive.licensing.decisions');
    expect(move(proactive, 'proactive.licensing.decisions', 'down')).toBe('proactive.penalty.decisions');
  });

  it('returns to the column it came from after passing through a merged value cell', () => {
    const start = proactive.find((c) => c.key === 'proactive.normative_documents.in_force')!;
    const down = move(proactive, start.key, 'down', start.col)!;
    expect(down).toBe('proactive.licensing.decisions');
    expect(move(proactive, down, 'up', start.col)).toBe('proactive.normative_documents.in_force');
    // Without a goal column, the merged cell's own first column.
    expect(move(proactive, down, 'up')).toBe('proactive.normative_documents.issued');
  });

  it('Tab goes in reading order, wrapping to the next row, null past the last cell', () => {
    expect(tabMove(requests, 'requests.new.total', false)).toBe('requests.carried_over.natural_person');
    expect(tabMove(requests, 'requests.carried_over.natural_person', true)).toBe('requests.new.total');
    expect(tabMove(requests, 'requests.carried_forward.total', false)).toBeNull();
    expect(tabMove(requests, 'requests.new.natural_person', true)).toBeNull();
  });

  it('Enter after a run of Tabs goes to the row below at the column the run started in', () => {
    const startCol = requests.find((c) => c.key === 'requests.new.commercial')!.col;
    expect(enterMove(requests, 'requests.new.total', false, startCol)).toBe('requests.carried_over.commercial');
    expect(enterMove(requests, 'requests.new.total', false)).toBe('requests.carried_over.total');
    expect(enterMove(requests, 'requests.carried_over.total', true)).toBe('requests.new.total');
  });

  it('leaves a table for the first cell of the next one or the last cell of the one before', () => {
    expect(edgeCell(appeals, 'first')).toBe('appeals.review.upheld');
    expect(neighbourCell(gov2021.tables, 1, 'next')).toBe('appeals.review.upheld');
    expect(neighbourCell(gov2021.tables, 1, 'prev')).toBe('proactive.fees.amount');
    expect(neighbourCell(gov2021.tables, 2, 'next')).toBeNull();
    expect(neighbourCell(gov2021.tables, 0, 'prev')).toBeNull();
  });
});

describe('editor grid: every table of every version', () => {
  const tables = (['gov2021', 'gov2019'] as const).flatMap((id) => getTemplate(id).tables.map((t) => ({ id: `${id} ${t.id}`, t })));

  it.each(tables)('$id: Tab visits each value cell once; every step lands on a value cell of the table', ({ t }) => {
    const cells = valuePositions(t);
    expect(cells.map((c) => c.key).sort()).toEqual(t.cells.map((c) => c.key).sort());
    const seen: string[] = [cells[0].key];
    for (let k = tabMove(cells, cells[0].key, false); k; k = tabMove(cells, k, false)) seen.push(k);
    expect(seen).toEqual(cells.map((c) => c.key));
    const keys = new Set(t.cells.map((c) => c.key));
    for (const c of cells)
      for (const dir of ['up', 'down', 'left', 'right'] as const) {
        const to = move(cells, c.key, dir);
        if (to !== null) expect(keys.has(to)).toBe(true);
      }
    // Down from the first row reaches the last row in as many steps as there are rows with values.
    let k: string | null = cells[0].key;
    let steps = 0;
    while (k && steps < 100) [k, steps] = [move(cells, k, 'down'), steps + 1];
    expect(steps).toBe(new Set(cells.map((c) => c.row)).size);
  });
});

describe('editor grid: ranges, copy and paste', () => {
  const requests = valuePositions(table('requests'));
  const proactive = valuePositions(table('proactive'));

  it('a range is the rectangle between two cells, whichever way it was drawn', () => {
    const rows = rangeRows(requests, 'requests.carried_over.research', 'requests.new.commercial');
    expect(rows.map((r) => r.map((c) => c.key))).toEqual([
      ['requests.new.commercial', 'requests.new.research'],
      ['requests.carried_over.commercial', 'requests.carried_over.research'],
    ]);
    expect(rangeKeys(requests, 'requests.new.total', 'requests.new.total')).toEqual(['requests.new.total']);
    // A merged value cell widens the rectangle to all the columns it covers, as in Excel.
    expect(rangeKeys(proactive, 'proactive.regulations.in_force', 'proactive.licensing.decisions')).toEqual([
      'proactive.regulations.issued',
      'proactive.regulations.repealed',
      'proactive.regulations.in_force',
      'proactive.normative_documents.issued',
      'proactive.normative_documents.repealed',
      'proactive.normative_documents.in_force',
      'proactive.licensing.decisions',
    ]);
    expect(rangeKeys(proactive, 'proactive.regulations.in_force', 'proactive.normative_documents.in_force')).toEqual([
      'proactive.regulations.in_force',
      'proactive.normative_documents.in_force',
    ]);
  });

  it('copies as Excel does: tabs, CRLF, blank empty, 不适用 written out', () => {
    const block = [
      [formatValue(3), formatValue(null), formatValue(NOT_APPLICABLE)],
      [formatValue(0), formatValue(317.29), formatValue(undefined)],
    ];
    expect(formatTsv(block)).toBe('3\t\t不适用\r\n0\t317.29\t\r\n');
    // What we copy reads back as the same block.
    expect(parseClipboard(formatTsv(block))).toEqual(block);
  });

  it('reads a block copied from Excel or WPS (CRLF, LF, no trailing break, empty cells)', () => {
    expect(parseClipboard('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(parseClipboard('7\n\t8')).toEqual([['7'], ['', '8']]);
    expect(parseClipboard('9')).toEqual([['9']]);
  });

  it('pastes a block starting at the active cell', () => {
    const placed = pasteTargets(requests, 'requests.new.research', parseClipboard('1\t2\t3\r\n4\t5\t6\r\n'));
    expect(placed).toEqual({
      ok: true,
      targets: [
        { key: 'requests.new.research', text: '1' },
        { key: 'requests.new.social_org', text: '2' },
        { key: 'requests.new.legal_service', text: '3' },
        { key: 'requests.carried_over.research', text: '4' },
        { key: 'requests.carried_over.social_org', text: '5' },
        { key: 'requests.carried_over.legal_service', text: '6' },
      ],
    });
  });

  it('refuses a block that does not fit, saying where it runs over', () => {
    const right = pasteTargets(requests, 'requests.carried_forward.other_org', [['1', '2', '3']]);
    expect(right).toEqual({ ok: false, error: '粘贴的内容有 1 行 3 列，从这一格起超出了表格的右边' });
    const below = pasteTargets(requests, 'requests.carried_forward.total', [['1'], ['2']]);
    expect(below).toEqual({ ok: false, error: '粘贴的内容有 2 行 1 列，从这一格起超出了表格的最后一行' });
  });

  it('a refused paste names the cell; a row label copied with the numbers is told to be left out', () => {
    const label = '一、本年新收政府信息公开申请数量';
    const bad = parseInput(label, 'count');
    expect(bad.ok).toBe(false);
    expect(pasteRefusal('第一项本年新收（自然人）', label, bad.ok ? '' : bad.error)).toBe(
      '没有粘贴：内容里有文字“一、本年新收政府信息公开…”（对着第一项本年新收（自然人））。复制时请只选数字格，不带行名和列名',
    );
    // A value that is not a word keeps the reader's reason.
    expect(pasteRefusal('第一项本年新收（自然人）', '-3', '不能为负数（-3）')).toBe(
      '没有粘贴，内容有误：第一项本年新收（自然人）：不能为负数（-3）',
    );
  });

  it('a single value pasted onto a range fills the range', () => {
    const range = rangeKeys(requests, 'requests.new.commercial', 'requests.carried_over.research');
    const placed = pasteTargets(requests, 'requests.new.commercial', [['0']], range);
    expect(placed.ok && placed.targets.map((t) => [t.key, t.text])).toEqual(range.map((k) => [k, '0']));
  });

  it('reads typed input: numbers, full-width digits, thousands, 不适用 and /, blank; refuses the rest', () => {
    expect(parseInput('１２', 'count')).toEqual({ ok: true, value: 12 });
    expect(parseInput('2,345', 'count')).toEqual({ ok: true, value: 2345 });
    expect(parseInput('/', 'count')).toEqual({ ok: true, value: '不适用' });
    expect(parseInput('不适用', 'count')).toEqual({ ok: true, value: '不适用' });
    expect(parseInput('  ', 'count')).toEqual({ ok: true, value: null });
    expect(parseInput('317.29', 'amount')).toEqual({ ok: true, value: 317.29 });
    expect(parseInput('-3', 'count')).toEqual({ ok: false, error: '不能为负数（-3）' });
    expect(parseInput('1.5', 'count')).toEqual({ ok: false, error: '应为整数（1.5）' });
    // Words where a number belongs are never read as 0; the message says what to write instead.
    expect(parseInput('十三', 'count')).toEqual({ ok: false, error: '“十三”不是数字，请填数字：没有的填 0，不适用的填 /' });
    expect(parseInput('无', 'count')).toEqual({ ok: false, error: '“无”不是数字，请填数字：没有的填 0，不适用的填 /' });
    expect(parseInput('-3', 'count')).toEqual({ ok: false, error: '不能为负数（-3）' });
    expect(parseInput('-3', 'signed')).toEqual({ ok: true, value: -3 });
  });
});

describe('header labels', () => {
  it('wrap between words, keeping punctuation with its word', () => {
    expect(words('结果维持')).toEqual(['结果', '维持']);
    expect(words('社会公益组织').join('|')).toBe('社会|公益|组织');
    const w = words('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    expect(w.join('')).toBe('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请');
    expect(w[0].startsWith('1.')).toBe(true);
    expect(w.some((x) => /^[、。）]/.test(x))).toBe(false);
  });
});
