// 图表: a unit's figures over the years, or a 全区's (the units under a parent, summed): applications received and
// their outcomes (表三), the shares granted / partly granted / refused, 复议 and 诉讼 with their 纠错 rates (表四).
// Every series is made of the template's cells, so 2019 and 2021 formats each give their own keys; a year with
// no number (no report, 旧表样, blank, 不适用) is null, drawn as a gap, never 0.
import {
  CHART_GROUPS,
  type ChartGroup,
  type ChartSeriesId,
  type ChartSeriesView,
  type ChartsView,
  type ChartYearView,
} from '../../shared/api';
import { getTemplate, type HeaderNode, type TemplateId } from '../../shared/template';
import * as chartsDb from '../db/charts';
import * as collectDb from '../db/collect';
import type { ChartScope } from '../db/charts';
import { InputError } from '../errors';
import type { Archive } from '../services/archive';

type TableTemplate = Exclude<TemplateId, 'legacy'>;
const TABLE_TEMPLATES: TableTemplate[] = ['gov2021', 'gov2019'];

const name = (n: HeaderNode) => n.short ?? n.label;
/** The key paths of a node's leaves, e.g. withheld → withheld.state_secret, …; a leaf → its own key. */
const leafPaths = (n: HeaderNode, prefix = ''): string[] => {
  const here = [prefix, n.key].filter(Boolean).join('.');
  return n.children?.length ? n.children.flatMap((c) => leafPaths(c, here)) : [here];
};

/** A quantity summed from cells: the series' own, or a part of a rate (corrected, pending). */
interface Quantity {
  id: string;
  keys: Record<TableTemplate, string[]>;
}

interface Plan {
  quantities: Quantity[];
  series: ChartSeriesView[];
  titles: Record<ChartGroup, string>;
  keys: string[];
}

/** Reads the series from the templates: labels from the newest, cell keys from each. */
function makePlan(): Plan {
  const parts = (t: TableTemplate) => {
    const tpl = getTemplate(t);
    const requests = tpl.tables.find((x) => x.id === 'requests')!.blocks[0];
    const appeals = tpl.tables.find((x) => x.id === 'appeals')!.blocks[0];
    const applicants = requests.columns[0].children!;
    const results = requests.rows.find((r) => !r.key && r.children?.some((c) => c.key === 'granted'))!;
    const groups = appeals.columns.flatMap((c) => (c.key ? [c] : c.children!));
    const check = (keys: string[]) => {
      for (const k of keys) if (!tpl.cellByKey.has(k)) throw new Error(`图表用到的单元格 ${k} 不在${tpl.name}中`);
      return keys;
    };
    return { tpl, requests, applicants, results, appeals, groups, check };
  };
  const newest = parts('gov2021');
  const both = (f: (p: ReturnType<typeof parts>) => string[]) =>
    Object.fromEntries(TABLE_TEMPLATES.map((t) => [t, parts(t).check(f(parts(t)))])) as Record<TableTemplate, string[]>;

  const quantities: Quantity[] = [];
  const series: ChartSeriesView[] = [];
  const add = (id: string, keys: Record<TableTemplate, string[]>, view?: Omit<ChartSeriesView, 'id'>) => {
    quantities.push({ id, keys });
    if (view) series.push({ id: id as ChartSeriesId, ...view });
  };

  // 一、本年新收: 自然人, 法人或其他组织 (its five columns), 总计.
  const newRow = newest.requests.rows.find((r) => r.key === 'new')!;
  const applicant = (p: ReturnType<typeof parts>, i: number) => leafPaths(p.applicants[i]).map((c) => `requests.new.${c}`);
  newest.applicants.forEach((col, i) => {
    const id = col.key === 'natural_person' ? 'new_natural_person' : col.key === 'total' ? 'new_total' : 'new_legal';
    add(
      id,
      both((p) => applicant(p, i)),
      { label: col.label, unit: '件', total: col.key === 'total', formula: null },
    );
  });

  // 三、本年度办理结果 in the 总计 column: （一）…（六） and （七）总计; （六） has one row in 2019, three in 2021.
  const resultKeys = (p: ReturnType<typeof parts>, key: string) =>
    leafPaths(p.results.children!.find((c) => c.key === key)!).map((r) => `requests.${r}.total`);
  for (const row of newest.results.children!) {
    const id = row.key === 'total' ? 'outcome_total' : row.key;
    add(
      id,
      both((p) => resultKeys(p, row.key)),
      { label: name(row), unit: '件', total: row.key === 'total', formula: null },
    );
  }
  const outcomeTotal = name(newest.results.children!.find((c) => c.key === 'total')!);
  for (const key of ['granted', 'partial', 'withheld'] as const) {
    const row = newest.results.children!.find((c) => c.key === key)!;
    series.push({ id: `share_${key}`, label: name(row), unit: '%', total: false, formula: `${name(row)} ÷ ${outcomeTotal}` });
  }

  // 表四: each group's 总计, and the parts of its 纠错率 (结果纠正 ÷ 已审结, i.e. 总计 − 尚未审结).
  const leafLabel = (g: HeaderNode, key: string) => g.children!.find((c) => c.key === key)!.label;
  for (const g of newest.groups) {
    add(
      g.key,
      both(() => [`appeals.${g.key}.total`]),
      { label: name(g), unit: '件', total: false, formula: null },
    );
    for (const part of ['corrected', 'pending'])
      add(
        `${g.key}.${part}`,
        both(() => [`appeals.${g.key}.${part}`]),
      );
  }
  const review = newest.groups.find((g) => g.key === 'review')!;
  const litigation = newest.appeals.columns.find((c) => !c.key)!;
  const rateFormula = (g: HeaderNode) => `${leafLabel(g, 'corrected')} ÷（${leafLabel(g, 'total')} − ${leafLabel(g, 'pending')}）`;
  series.push({ id: 'review_rate', label: review.label, unit: '%', total: false, formula: `${review.label}：${rateFormula(review)}` });
  series.push({
    id: 'litigation_rate',
    label: litigation.label,
    unit: '%',
    total: false,
    formula: `${litigation.label}：${rateFormula(review)}（${litigation.children!.map((g) => g.label).join('与')}合计）`,
  });

  const titles: Record<ChartGroup, string> = {
    applications: newRow.label,
    outcomes: newest.results.label,
    shares: `办理结果占比（占${outcomeTotal}）`,
    appeals: newest.tpl.sections.find((s) => s.key === 'appeals')!.heading,
    rates: `纠错率（${leafLabel(review, 'corrected')} ÷ 已审结）`,
  };
  const keys = [...new Set(quantities.flatMap((q) => TABLE_TEMPLATES.flatMap((t) => q.keys[t])))];
  // Every id of the contract has a series, in the contract's order.
  const order = Object.values(CHART_GROUPS).flat() as readonly string[];
  series.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  if (series.length !== order.length) throw new Error('图表的系列与接口定义不一致');
  return { quantities, series, titles, keys };
}

let plan: Plan | null = null;
const getPlan = () => (plan ??= makePlan());

/** null + null is null (no number at all); a number plus null is the number. */
const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
const ratio = (part: number | null, base: number | null) =>
  part === null || base === null || base <= 0 ? null : Math.round((part / base) * 1000) / 10;

function build(archive: Archive, by: ChartScope, id: number): { years: ChartYearView[]; notes: string[] } {
  const p = getPlan();
  const counts = chartsDb.reportCounts(archive.db, by, id);
  if (!counts.length) return { years: [], notes: [] };
  const sums = new Map<string, number | null>();
  for (const s of chartsDb.cellSums(archive.db, by, id, p.keys)) sums.set(`${s.year}|${s.template}|${s.key}`, s.value);

  const first = counts[0].year;
  const last = counts[counts.length - 1].year;
  const years: ChartYearView[] = [];
  const legacyYears: number[] = [];
  const emptyYears: number[] = [];
  for (let year = first; year <= last; year++) {
    const here = counts.filter((c) => c.year === year);
    const q = new Map<string, number | null>(p.quantities.map((x) => [x.id, null]));
    let reports = 0;
    for (const c of here) {
      if (c.template === 'legacy') continue;
      reports += c.reports;
      for (const x of p.quantities)
        for (const key of x.keys[c.template]) q.set(x.id, add(q.get(x.id)!, sums.get(`${year}|${c.template}|${key}`) ?? null));
    }
    const v = (k: string) => q.get(k) ?? null;
    const decided = (g: string) => (v(g) === null ? null : v(g)! - (v(`${g}.pending`) ?? 0));
    const values = Object.fromEntries(p.series.map((s) => [s.id, s.unit === '件' ? v(s.id) : null])) as ChartYearView['values'];
    for (const k of ['granted', 'partial', 'withheld'] as const) values[`share_${k}`] = ratio(v(k), v('outcome_total'));
    values.review_rate = ratio(v('review.corrected'), decided('review'));
    values.litigation_rate = ratio(
      add(v('litigation_direct.corrected'), v('litigation_after_review.corrected')),
      add(decided('litigation_direct'), decided('litigation_after_review')),
    );
    if (!here.length) emptyYears.push(year);
    else if (!reports) legacyYears.push(year);
    years.push({ year, templates: here.map((c) => c.template), reports, values });
  }
  const notes: string[] = [];
  const span = (ys: number[]) => ys.map((y) => `${y}`).join('、');
  if (legacyYears.length) notes.push(`${span(legacyYears)} 年的报告为旧表样（只有统计附表，没有表三、表四），图中这些年份空缺，不按 0 画`);
  if (emptyYears.length) notes.push(`${span(emptyYears)} 年${by === 'unit' ? '没有报告' : '没有下级单位的报告'}，图中空缺`);
  return { years, notes };
}

function view(scope: ChartsView['scope'], name: string, units: number, built: ReturnType<typeof build>): ChartsView {
  const p = getPlan();
  return { scope, name, units, titles: p.titles, series: p.series, ...built };
}

export function unitCharts(archive: Archive, unit: string): ChartsView {
  const u = archive.unit(unit);
  return view('unit', u.name, 1, build(archive, 'unit', u.id));
}

/** The units under `parent` summed year by year (the parent's own report is not added: it may be the 全区 report). */
export function regionCharts(archive: Archive, parent: string): ChartsView {
  const u = archive.unit(parent);
  const children = collectDb.childUnits(archive.db, u.id).filter((c) => !c.deleted_at).length;
  if (!children) throw new InputError(`“${u.name}”没有下级单位，无法画全区图表（可在“单位”页设置上级单位，或导入单位名单）`);
  const built = build(archive, 'parent', u.id);
  if (built.years.length) {
    const per = built.years.filter((y) => y.reports).map((y) => `${y.year} 年 ${y.reports} 个`);
    built.notes.unshift(
      `全区数字为 ${children} 个下级单位报告的逐格合计，不含${u.name}本级的报告；各年计入的单位：${per.join('，') || '无'}`,
    );
  }
  return view('region', u.name, children, built);
}
