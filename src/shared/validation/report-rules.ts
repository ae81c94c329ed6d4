// R8–R11: what the report as a whole must say and how it must be filled in.
import { UNIT_KIND_LABELS, valueProblem } from '../report';
import { getTemplate, templateForYear } from '../template';
import type { Finding, Rule } from './types';
import { isBlank, show } from './values';

export const R8: Rule = {
  id: 'R8',
  title: '六、其他需要报告的事项写明信息处理费的收取情况（收取多少，或未收取）',
  check(ctx) {
    if (ctx.report.template === 'legacy') return [];
    const text = ctx.report.sections.other?.trim() ?? '';
    // An empty section is R9's finding; here we look at what the section says.
    if (!text || /处理费|收费|费用|收取/.test(text)) return [];
    return [
      {
        rule: 'R8',
        severity: 'warning',
        cells: [],
        message: `六、其他需要报告的事项（“${text.length > 30 ? `${text.slice(0, 30)}…` : text}”）未说明信息处理费的收取情况，应写明收取的金额，或写明未收取`,
      },
    ];
  },
};

const MAX_LISTED = 6;

export const R9: Rule = {
  id: 'R9',
  title: '结构：各部分齐全；表格每格都已填写（空白不等于 0）；件数为非负整数，金额为非负数',
  check(ctx) {
    const { report, template } = ctx;
    const findings: Finding[] = [];
    for (const s of template.sections) {
      if (s.kind === 'text' && !report.sections[s.key as 'overall']?.trim()) {
        findings.push({ rule: 'R9', severity: 'warning', cells: [], message: `“${s.heading}”部分没有内容` });
      }
    }
    for (const cell of template.cells) {
      const problem = valueProblem(cell.kind, report.values[cell.key] ?? null);
      if (problem) {
        findings.push({
          rule: 'R9',
          severity: 'error',
          cells: [cell.key],
          message: `${cell.name}${problem}，实为 ${show(report.values[cell.key])}`,
        });
      }
    }
    for (const table of template.tables) {
      const blanks = table.cells.filter((c) => isBlank(report.values[c.key]));
      if (!blanks.length) continue;
      const names = blanks
        .slice(0, MAX_LISTED)
        .map((c) => c.name)
        .join('、');
      const more = blanks.length > MAX_LISTED ? ` 等 ${blanks.length} 格` : '';
      findings.push({
        rule: 'R9',
        severity: 'warning',
        cells: blanks.map((c) => c.key),
        message: `${table.section.heading}有 ${blanks.length} 个空白单元格（${names}${more}）；空白不等于 0，没有发生的请填 0`,
      });
    }
    return findings;
  },
};

export const R10: Rule = {
  id: 'R10',
  title: '表样版本与年度相符（2019、2020年用2019年版，2021年起用2021年版）',
  check({ report }) {
    if (report.year === null) return [];
    const expected = templateForYear(report.year);
    if (expected === report.template) return [];
    return [
      {
        rule: 'R10',
        severity: 'warning',
        cells: [],
        message: `${report.year} 年的报告应使用${getTemplate(expected).name}，本报告使用的是${getTemplate(report.template).name}`,
      },
    ];
  },
};

const DEADLINES: Partial<Record<string, { date: string; who: string }>> = {
  government: { date: '03-31', who: '人民政府的年度报告' },
  department: { date: '01-31', who: '政府部门的年度报告' },
  township: { date: '01-31', who: '乡镇（街道）的年度报告' },
};

/** The legal publishing deadline (YYYY-MM-DD) of a unit kind's report of a year; null for kinds without one. */
export function publishDeadline(kind: string | undefined, year: number): string | null {
  const rule = kind ? DEADLINES[kind] : undefined;
  return rule ? `${year + 1}-${rule.date}` : null;
}

export const R11: Rule = {
  id: 'R11',
  title: '按期公布：政府部门在1月31日前，人民政府在3月31日前',
  check({ report }) {
    const rule = report.unit_kind ? DEADLINES[report.unit_kind] : undefined;
    if (!rule || report.year === null || !report.published) return [];
    const deadline = publishDeadline(report.unit_kind, report.year)!;
    if (report.published <= deadline) return [];
    return [
      {
        rule: 'R11',
        severity: 'warning',
        cells: [],
        message: `发布日期 ${report.published} 晚于${rule.who}的公布期限 ${deadline}（单位类型：${UNIT_KIND_LABELS[report.unit_kind!]}）`,
      },
    ];
  },
};
