// Reports with random but consistent figures (every printed sum holds), for tests and benchmarks.
import { emptyReport, type Report } from '../../src/shared/report';
import { getTemplate, type TemplateId } from '../../src/shared/template';

/** Small deterministic PRNG (mulberry32), so failures can be replayed from the seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NON_RESULT = new Set(['new', 'carried_over', 'total', 'carried_forward']);

export function consistentReport(
  templateId: Exclude<TemplateId, 'legacy'>,
  seed = 1,
  year = templateId === 'gov2021' ? 2024 : 2020,
): Report {
  const t = getTemplate(templateId);
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const r = emptyReport(templateId, `测试单位${seed}`, year);
  const v = r.values;
  for (const c of t.cells.filter((c) => c.table === 'proactive')) {
    v[c.key] = c.kind === 'amount' ? Math.round(rand() * 100000) / 100 : c.kind === 'signed' ? int(20) - 10 : int(3000);
  }
  const req = t.cells.filter((c) => c.table === 'requests');
  const rows = [...new Set(req.map((c) => c.rowKey))];
  const cols = [...new Set(req.map((c) => c.colKey))].filter((c) => c !== 'total');
  const k = (row: string, col: string) => `requests.${row}.${col}`;
  for (const col of cols) {
    let total = 0;
    for (const row of rows.filter((x) => !NON_RESULT.has(x))) {
      const n = rand() < 0.6 ? 0 : int(40);
      v[k(row, col)] = n;
      total += n;
    }
    const forward = int(10);
    const over = int(total + forward);
    v[k('total', col)] = total;
    v[k('carried_forward', col)] = forward;
    v[k('carried_over', col)] = over;
    v[k('new', col)] = total + forward - over;
  }
  for (const row of rows) v[k(row, 'total')] = cols.reduce((s, col) => s + (v[k(row, col)] as number), 0);
  for (const g of ['review', 'litigation_direct', 'litigation_after_review']) {
    let total = 0;
    for (const col of ['upheld', 'corrected', 'other', 'pending']) {
      const n = int(5);
      v[`appeals.${g}.${col}`] = n;
      total += n;
    }
    v[`appeals.${g}.total`] = total;
  }
  r.sections = {
    overall: '本年度认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。',
    problems: '存在的主要问题：公开工作人员多为兼职。改进情况：加强培训。',
    other: '本年度未收取政府信息公开信息处理费。',
  };
  return r;
}
