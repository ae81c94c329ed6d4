// The units as a tree (parent → children), built from the flat list the archive gives; pure, so it is easy to test.
import type { UnitView } from '../../../../shared/api';

export interface UnitNode<U extends UnitView = UnitView> {
  unit: U;
  depth: number;
  children: UnitNode<U>[];
}

const byName = (a: UnitNode, b: UnitNode) => a.unit.name.localeCompare(b.unit.name, 'zh-Hans-CN');

/** Roots are units without a parent (or whose parent is not in the list, e.g. deleted). */
export function buildTree<U extends UnitView>(units: U[]): UnitNode<U>[] {
  const nodes = new Map(units.map((u) => [u.name, { unit: u, depth: 0, children: [] } as UnitNode<U>]));
  const roots: UnitNode<U>[] = [];
  for (const n of nodes.values()) {
    const parent = n.unit.parent ? nodes.get(n.unit.parent) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const settle = (list: UnitNode<U>[], depth: number, seen: Set<string>) => {
    list.sort(byName);
    for (const n of list) {
      n.depth = depth;
      // A loop in stored data (never written by this app) must not hang the page.
      if (seen.has(n.unit.name)) n.children = [];
      seen.add(n.unit.name);
      settle(n.children, depth + 1, seen);
    }
  };
  settle(roots, 0, new Set());
  return roots;
}

/** The rows to show: a node's children only when it is expanded; with a filter, the matches and their ancestors. */
export function visibleRows<U extends UnitView>(roots: UnitNode<U>[], expanded: ReadonlySet<string>, filter: string): UnitNode<U>[] {
  const f = filter.replace(/\s+/g, '');
  const matches = (n: UnitNode<U>): boolean => !f || n.unit.name.replace(/\s+/g, '').includes(f) || n.children.some(matches);
  const out: UnitNode<U>[] = [];
  const walk = (list: UnitNode<U>[]) => {
    for (const n of list) {
      if (!matches(n)) continue;
      out.push(n);
      if (f || expanded.has(n.unit.name)) walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** Names of all units under `name` (children, their children …). */
export function descendantsOf(units: UnitView[], name: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parent) children.set(u.parent, [...(children.get(u.parent) ?? []), u.name]);
  const out = new Set<string>();
  const stack = [...(children.get(name) ?? [])];
  while (stack.length) {
    const n = stack.pop()!;
    if (out.has(n)) continue;
    out.add(n);
    stack.push(...(children.get(n) ?? []));
  }
  return out;
}

/** The chain from a unit up to its top-level unit, e.g. 某县教育局 → 某县人民政府 → 某市人民政府. */
export function ancestorsOf(units: UnitView[], name: string): string[] {
  const byName = new Map(units.map((u) => [u.name, u]));
  const out: string[] = [];
  for (let p = byName.get(name)?.parent ?? null; p && !out.includes(p); p = byName.get(p)?.parent ?? null) out.push(p);
  return out;
}
