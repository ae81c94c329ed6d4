// Validating 10,000 reports (target: under 1 ms a report), with the previous year for the cross-year rules.
import { validate } from '../../src/shared/validation';
import { consistentReport } from '../helpers/random-report';

export function benchValidation(): string[] {
  const N = 10_000;
  const reports = Array.from({ length: N }, (_, i) => {
    const r = i % 5 === 0 ? consistentReport('gov2019', i + 1, 2020) : consistentReport('gov2021', i + 1, 2021 + (i % 4));
    if (i % 3 === 0) r.values['requests.total.natural_person'] = 999_999; // some reports with errors
    r.sections.overall = `本年度新收到政府信息公开申请${i}件，上年结转3件，办结${i + 3}件。行政许可${i * 2}件。`;
    return r;
  });
  const previous = consistentReport('gov2021', 424242, 2020);
  let findings = 0;
  validate(reports[0]); // warm-up
  const start = performance.now();
  for (const r of reports) findings += validate(r, { previous: { ...previous, year: (r.year ?? 2021) - 1 } }).length;
  const ms = performance.now() - start;
  return [`校验 ${N} 份报告：共 ${ms.toFixed(0)} ms，平均每份 ${(ms / N).toFixed(3)} ms（目标 < 1 ms），共 ${findings} 条发现`];
}
