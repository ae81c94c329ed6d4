// 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》, for 2021 and later.
import { APPEALS_TABLE, SECTIONS, requestsTable } from './common';
import type { HeaderNode, TemplateDef } from './types';

const decisions: HeaderNode[] = [{ key: 'decisions', label: '本年处理决定数量' }];

export const gov2021: TemplateDef = {
  id: 'gov2021',
  name: '2021年版格式（国办公开办函〔2021〕30号）',
  issuedBy: '国办公开办函〔2021〕30号',
  years: { from: 2021, to: null },
  sections: SECTIONS,
  tables: [
    {
      id: 'proactive',
      valueColumns: 3,
      blocks: [
        {
          caption: { label: '第二十条第（一）项' },
          corner: '信息内容',
          columns: [
            { key: 'issued', label: '本年制发件数' },
            { key: 'repealed', label: '本年废止件数' },
            { key: 'in_force', label: '现行有效件数' },
          ],
          rows: [
            { key: 'regulations', label: '规章' },
            { key: 'normative_documents', label: '行政规范性文件', variants: ['规范性文件'] },
          ],
        },
        {
          caption: { label: '第二十条第（五）项' },
          corner: '信息内容',
          columns: decisions,
          rows: [{ key: 'licensing', label: '行政许可' }],
        },
        {
          caption: { label: '第二十条第（六）项' },
          corner: '信息内容',
          columns: decisions,
          rows: [
            { key: 'penalty', label: '行政处罚' },
            { key: 'coercion', label: '行政强制' },
          ],
        },
        {
          caption: { label: '第二十条第（八）项' },
          corner: '信息内容',
          columns: [
            {
              key: 'amount',
              label: '本年收费金额（单位：万元）',
              short: '本年收费金额（万元）',
              variants: ['本年收费金额单位:万元', '本年收费金额(万元)', '本年收费金额'],
              kind: 'amount',
            },
          ],
          rows: [{ key: 'fees', label: '行政事业性收费' }],
        },
      ],
    },
    requestsTable({
      key: 'other',
      label: '（六）其他处理',
      children: [
        {
          key: 'no_correction',
          label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
          short: '1.逾期不补正',
        },
        {
          key: 'no_fee',
          label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
          short: '2.逾期未缴费',
        },
        { key: 'other', label: '3.其他', variants: ['3.其它'] },
      ],
    }),
    APPEALS_TABLE,
  ],
};
