// A batch saved through saveMany (one transaction, the batch's memory of what it wrote, the search index written at
// its end) must leave exactly what the same reports saved one by one leave: cells, texts, revisions, the counts of
// every report and of the next years, search hits. Two real archive files, compared table by table.
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/open';
import type { Archive, SaveOptions } from '../../src/main/services/archive';
import type { ArchiveStore } from '../../src/main/services/store';
import { emptyReport, type Report } from '../../src/shared/report';
import { countFindings } from '../../src/shared/validation';
import { manualClock, tempStore } from '../helpers/archive';
import { consistentReport } from '../helpers/random-report';

const TEXTS = ['坚持以公开为常态、不公开为例外。', '政务公开人才队伍建设相对滞后。', '今年还开展了蝴蝶标本展览。'];

/** A gov2021 (from 2021) or gov2019 report of `unit`; `broken` breaks a printed sum (an R1–R3 error). */
function report(unit: string, year: number, seed: number, broken = false): Report {
  const r: Report = { ...consistentReport(year >= 2021 ? 'gov2021' : 'gov2019', seed, year), unit };
  r.sections = { ...r.sections, overall: `${TEXTS[seed % 3]}${TEXTS[(seed + 1) % 3]}`, other: `第 ${seed} 号说明` };
  if (broken) r.values['requests.total.total'] = (r.values['requests.total.total'] as number) + 7;
  return r;
}

/** `r` changed so that its 结转下年度 is what `next` carried over (no R5 warning between them), its sums kept. */
function carriedInto(r: Report, next: Report): Report {
  const v = { ...r.values };
  const cols = Object.keys(v)
    .filter((k) => k.startsWith('requests.carried_forward.') && !k.endsWith('.total'))
    .map((k) => k.slice('requests.carried_forward.'.length));
  const sum = (row: string) => cols.reduce((s, c) => s + (v[`requests.${row}.${c}`] as number), 0);
  for (const c of cols) {
    const forward = next.values[`requests.carried_over.${c}`] as number;
    const total = v[`requests.total.${c}`] as number;
    const over = Math.min(v[`requests.carried_over.${c}`] as number, total + forward);
    Object.assign(v, {
      [`requests.carried_forward.${c}`]: forward,
      [`requests.carried_over.${c}`]: over,
      [`requests.new.${c}`]: total + forward - over,
    });
  }
  for (const row of ['new', 'carried_over', 'carried_forward']) v[`requests.${row}.total`] = sum(row);
  return { ...r, values: v };
}

const legacy = (unit: string, year: number, n: number): Report => ({
  ...emptyReport('legacy', unit, year),
  legacy: [{ label: '主动公开文件数', unit: '条', this_year: n, cumulative: n * 10 }],
  sections: { overall: `${TEXTS[n % 3]}旧格式年报。` },
});

/** What both archives hold before the batch: units with a few years, one dismissed warning. */
function populate(a: Archive): void {
  for (const [u, unit] of ['甲局', '乙局', '丙局'].entries())
    for (let year = 2019; year <= 2023; year++) a.save(report(unit, year, u * 100 + year, year === 2020 && u === 1));
  a.save(legacy('丁局', 2010, 4));
  const warning = a.validateStored('乙局', 2022).find((f) => f.severity === 'warning');
  expect(warning, '乙局 2022 has a warning to dismiss').toBeDefined();
  a.dismiss('乙局', 2022, warning!, '上年结转已与业务科室核对，差额为跨年撤回的申请');
}

/** The batch: overwrites with existing previous and next years, several years of one unit (in and out of order),
 * a new unit, a report twice, a legacy year, and plain new years. */
const batch = (): { report: Report; options?: SaveOptions }[] => [
  { report: report('甲局', 2021, 7) },
  { report: report('甲局', 2024, 8), options: { note: '从 甲局2024.xlsx 导入', source: { kind: 'excel', file: '甲局2024.xlsx' } } },
  { report: report('新局', 2022, 9) },
  { report: report('新局', 2023, 10, true) },
  { report: report('新局', 2021, 11), options: { unitKind: 'department' } },
  { report: report('乙局', 2021, 12) },
  { report: report('乙局', 2022, 13) },
  { report: report('丙局', 2024, 14), options: { provenance: { 'requests.new.total': '丙局!D7' } } },
  { report: report('丙局', 2024, 15) },
  { report: legacy('丁局', 2011, 5) },
  { report: report('丁局', 2012, 16) },
  // Saved again: 2023 is recounted against this one (fewer R5 warnings), not against the first.
  { report: carriedInto(report('新局', 2022, 17), report('新局', 2023, 10, true)) },
];

const ROWS: Record<string, string> = {
  units: 'SELECT name, kind, parent_id, code, created_at, deleted_at FROM units ORDER BY name',
  reports: `SELECT u.name, r.year, r.template, r.status, r.published, r.scope, r.source_kind, r.source_file, r.revision,
      r.error_count, r.warning_count, r.deleted_at, r.updated_at
    FROM reports r JOIN units u ON u.id = r.unit_id ORDER BY u.name, r.year`,
  cells: `SELECT u.name, r.year, k.key, c.value, c.source FROM cells c JOIN cell_keys k ON k.id = c.cell
    JOIN reports r ON r.id = c.report_id JOIN units u ON u.id = r.unit_id ORDER BY u.name, r.year, k.key`,
  sections: `SELECT u.name, r.year, s.key, s.text FROM sections s JOIN reports r ON r.id = s.report_id
    JOIN units u ON u.id = r.unit_id ORDER BY u.name, r.year, s.key`,
  legacy: `SELECT u.name, r.year, l.position, l.label, l.unit, l.this_year, l.cumulative FROM legacy_rows l
    JOIN reports r ON r.id = l.report_id JOIN units u ON u.id = r.unit_id ORDER BY u.name, r.year, l.position`,
  revisions: `SELECT u.name, r.year, v.number, v.created_at, v.note, v.session, v.delta FROM revisions v
    JOIN reports r ON r.id = v.report_id JOIN units u ON u.id = r.unit_id ORDER BY u.name, r.year, v.number`,
  dismissals: `SELECT u.name, r.year, d.rule, d.cells, d.reason FROM dismissals d JOIN reports r ON r.id = d.report_id
    JOIN units u ON u.id = r.unit_id ORDER BY u.name, r.year, d.rule, d.cells`,
};
const tables = (db: Db) => Object.fromEntries(Object.entries(ROWS).map(([name, sql]) => [name, db.prepare(sql).all()]));
const searches = (a: Archive) =>
  ['公开', '蝴蝶', '人才队伍', '旧格式', '号说明', '第 15 号'].map((q) => {
    const r = a.search(q);
    return { q, total: r.total, hits: r.hits.map((h) => `${h.unit}|${h.year}|${h.section}|${h.count}`) };
  });

describe('a batch saved at once and the same reports saved one by one', () => {
  it('store the same cells, texts, revisions, counts (the next years too) and search hits', async () => {
    const stores: ArchiveStore[] = [];
    for (let i = 0; i < 2; i++) {
      const store = await tempStore(manualClock('2026-03-01T08:00:00Z'));
      populate(store.archive);
      stores.push(store);
    }
    const [batched, single] = stores.map((s) => s.archive);
    const atOnce = batched.saveMany(batch());
    const oneByOne = batch().map((item) => single.save(item.report, item.options));

    expect(atOnce).toEqual(oneByOne);
    const after = tables(batched.db);
    expect(after).toEqual(tables(single.db));
    expect(searches(batched)).toEqual(searches(single));

    // Equal, and right: every stored count is what validating the report with its previous year says now.
    const reports = after.reports as { name: string; year: number; error_count: number; warning_count: number }[];
    for (const r of reports) {
      const n = countFindings(batched.validateStored(r.name, r.year).filter((f) => !f.dismissed));
      expect([r.name, r.year, r.error_count, r.warning_count]).toEqual([r.name, r.year, n.error, n.warning]);
    }
    // The comparison can fail: the batch changes counts of years it did not save (甲局 2022, 乙局 2023) and finds
    // errors and warnings, and the search sees the new texts.
    expect(reports.filter((r) => r.error_count > 0).length).toBeGreaterThan(0);
    expect(reports.filter((r) => r.warning_count > 0).length).toBeGreaterThan(3);
    const r5 = (year: number) => batched.validateStored('新局', year).filter((f) => f.rule === 'R5').length;
    expect([r5(2022), r5(2023)]).toEqual([expect.any(Number), 0]);
    expect(r5(2022)).toBeGreaterThan(0);
    expect(searches(batched).find((s) => s.q === '第 15 号')!.hits).toEqual(['丙局|2024|other|1']);
    for (const s of stores) s.close();
  });

  it('a batch that fails leaves nothing of it, and the archive then saves as before', async () => {
    const store = await tempStore(manualClock('2026-03-01T08:00:00Z'));
    populate(store.archive);
    const before = tables(store.archive.db);
    const bad = { report: { ...report('甲局', 2025, 3), year: null } };
    expect(() => store.archive.saveMany([...batch(), bad])).toThrow(/年度/);
    expect(tables(store.archive.db)).toEqual(before);
    // What the failed batch remembered (its 甲局 2024) is gone: 2025 is validated without a previous year (no R5).
    const saved = store.archive.save(report('甲局', 2025, 3));
    expect(saved.findings.filter((f) => f.rule === 'R5')).toEqual([]);
    store.archive.save(report('甲局', 2024, 8));
    expect(store.archive.validateStored('甲局', 2025).filter((f) => f.rule === 'R5').length).toBeGreaterThan(0);
    const n = countFindings(store.archive.validateStored('甲局', 2025).filter((f) => !f.dismissed));
    const row = store.archive.db
      .prepare("SELECT error_count, warning_count FROM reports WHERE year = 2025 AND unit_id = (SELECT id FROM units WHERE name = '甲局')")
      .get();
    expect(row).toEqual({ error_count: n.error, warning_count: n.warning });
    store.close();
  });
});
