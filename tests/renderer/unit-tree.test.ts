// The 单位 page's tree: parents before children, sorted by name; what shows when levels are open or a name is
// searched; the descendants a unit cannot take as its parent.
import { describe, expect, it } from 'vitest';
import type { UnitView } from '../../src/shared/api';
import { ancestorsOf, buildTree, descendantsOf, visibleRows } from '../../src/renderer/src/components/units/tree';

let id = 0;
const u = (name: string, parent: string | null = null): UnitView => ({ id: ++id, name, kind: 'department', parent, code: null });
const UNITS = [
  u('某县教育局', '某县人民政府'),
  u('某市人民政府'),
  u('某县人民政府', '某市人民政府'),
  u('某县第一中学', '某县教育局'),
  u('某县公安局', '某县人民政府'),
  u('某区人民政府', '某市人民政府'),
  u('孤儿单位', '已删除的上级'),
];
const names = (rows: { unit: UnitView; depth: number }[]) => rows.map((r) => `${'  '.repeat(r.depth)}${r.unit.name}`);

describe('the unit tree', () => {
  const tree = buildTree(UNITS);

  it('puts units without a (known) parent at the top and children under their parent', () => {
    expect(tree.map((n) => n.unit.name).sort()).toEqual(['孤儿单位', '某市人民政府'].sort());
    const all = visibleRows(tree, new Set(['某市人民政府', '某县人民政府', '某县教育局']), '');
    expect(all.find((r) => r.unit.name === '某县第一中学')!.depth).toBe(3);
    expect(all).toHaveLength(UNITS.length);
    // Closed levels hide their children.
    expect(visibleRows(tree, new Set(['某市人民政府']), '').map((r) => r.unit.name)).not.toContain('某县教育局');
  });

  it('shows a searched unit with the units above it, whatever is open', () => {
    expect(names(visibleRows(tree, new Set(), '第一 中学'))).toEqual([
      '某市人民政府',
      '  某县人民政府',
      '    某县教育局',
      '      某县第一中学',
    ]);
    expect(visibleRows(tree, new Set(), '没有这个')).toEqual([]);
  });

  it('knows every unit under a unit, and the chain above it', () => {
    expect([...descendantsOf(UNITS, '某市人民政府')].sort()).toEqual(
      ['某区人民政府', '某县人民政府', '某县教育局', '某县公安局', '某县第一中学'].sort(),
    );
    expect(descendantsOf(UNITS, '某县第一中学').size).toBe(0);
    expect(ancestorsOf(UNITS, '某县第一中学')).toEqual(['某县教育局', '某县人民政府', '某市人民政府']);
  });

  it('does not hang on a loop in stored data', () => {
    const loop = [u('甲', '乙'), u('乙', '甲'), u('丙')];
    expect(buildTree(loop).map((n) => n.unit.name)).toEqual(['丙']);
    expect([...descendantsOf(loop, '甲')].sort()).toEqual(['乙', '甲'].sort());
  });
});
