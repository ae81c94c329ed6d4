import { describe, expect, it } from 'vitest';
import { move, parseClipboard, parseInput, pasteTargets, valuePositions } from '../../src/renderer/src/lib/grid';
import { getTemplate } from '../../src/shared/template';

const table = (id: string) => getTemplate('gov2021').tables.find((t) => t.id === id)!;

describe('editor grid', () => {
  const requests = valuePositions(table('requests'));
  const proactive = valuePositions(table('proactive'));

  it('moves like Excel: right/left along the row (wrapping), up/down by column', () => {
    expect(move(requests, 'requests.new.natural_person', 'right')).toBe('requests.new.commercial');
    expect(move(requests, 'requests.new.total', 'right')).toBe('requests.carried_over.natural_person');
    expect(move(requests, 'requests.new.research', 'down')).toBe('requests.carried_over.research');
    expect(move(requests, 'requests.new.research', 'up')).toBe('requests.new.research');
    expect(move(requests, 'requests.carried_forward.total', 'right')).toBe('requests.carried_forward.total');
    // Table 二: from a three-column row to a one-column row and back.
    expect(move(proactive, 'proactive.normative_documents.in_force', 'down')).toBe('proactive.licensing.decisions');
    expect(move(proactive, 'proactive.licensing.decisions', 'up')).toBe('proactive.normative_documents.issued');
  });

  it('pastes a block copied from Excel starting at the selected cell', () => {
    const block = parseClipboard('1\t2\t3\r\n4\t5\t6\r\n');
    expect(block).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
    expect(pasteTargets(requests, 'requests.new.research', block)).toEqual([
      { key: 'requests.new.research', text: '1' },
      { key: 'requests.new.social_org', text: '2' },
      { key: 'requests.new.legal_service', text: '3' },
      { key: 'requests.carried_over.research', text: '4' },
      { key: 'requests.carried_over.social_org', text: '5' },
      { key: 'requests.carried_over.legal_service', text: '6' },
    ]);
    // Cells beyond the table's edge are dropped.
    expect(pasteTargets(requests, 'requests.carried_forward.other_org', [['1', '2', '3']])).toHaveLength(2);
  });

  it('reads typed input: numbers, full-width digits, thousands, 不适用 and /, blank; refuses the rest', () => {
    expect(parseInput('１２', 'count')).toEqual({ ok: true, value: 12 });
    expect(parseInput('2,345', 'count')).toEqual({ ok: true, value: 2345 });
    expect(parseInput('/', 'count')).toEqual({ ok: true, value: '不适用' });
    expect(parseInput('  ', 'count')).toEqual({ ok: true, value: null });
    expect(parseInput('317.29', 'amount')).toEqual({ ok: true, value: 317.29 });
    expect(parseInput('-3', 'count')).toEqual({ ok: false, error: '不能为负数（-3）' });
    expect(parseInput('1.5', 'count')).toEqual({ ok: false, error: '应为整数（1.5）' });
    expect(parseInput('十三', 'count')).toEqual({ ok: false, error: '“十三”不是数字' });
    expect(parseInput('-3', 'signed')).toEqual({ ok: true, value: -3 });
  });
});
