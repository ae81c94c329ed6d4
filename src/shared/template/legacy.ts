// Reports up to 2018 (2007 条例): no national grid; the appendix statistics are free label/value rows.
import type { TemplateDef } from './types';

export const legacy: TemplateDef = {
  id: 'legacy',
  name: '2018年及以前（无统一表样）',
  issuedBy: '《中华人民共和国政府信息公开条例》（2007年）',
  years: { from: null, to: 2018 },
  sections: [
    { key: 'overall', heading: '一、概述', keywords: ['概述', '总体情况', '基本情况'], kind: 'text' },
    { key: 'problems', heading: '存在的主要问题及改进措施', keywords: ['存在的主要问题', '存在的问题', '改进'], kind: 'text' },
    { key: 'other', heading: '其他需要报告的事项', keywords: ['其他需要报告', '其他事项', '需要说明的事项'], kind: 'text' },
  ],
  tables: [],
  legacyHeading: '统计附表',
  legacyColumns: [
    { key: 'label', label: '指标名称', variants: ['统计指标', '指标', '项目'] },
    { key: 'unit', label: '单位', variants: ['计量单位'] },
    { key: 'this_year', label: '本年', variants: ['本年度', '本年数'] },
    { key: 'cumulative', label: '历年累计', variants: ['累计'] },
  ],
};
