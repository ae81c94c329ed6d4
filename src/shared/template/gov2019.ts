// 国办公开办函〔2019〕60号《…年度报告格式（试行）》, for 2019 and 2020.
import { APPEALS_TABLE, SECTIONS, requestsTable } from './common';
import type { HeaderNode, TemplateDef } from './types';

const items: HeaderNode[] = [
  { key: 'prev_items', label: '上一年项目数量' },
  { key: 'delta', label: '本年增/减', variants: ['本年增减'], kind: 'signed' },
  { key: 'decisions', label: '处理决定数量' },
];

export const gov2019: TemplateDef = {
  id: 'gov2019',
  name: '2019年版试行格式（国办公开办函〔2019〕60号）',
  issuedBy: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
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
            { key: 'new_made', label: '本年新制作数量' },
            { key: 'new_published', label: '本年新公开数量' },
            { key: 'total_published', label: '对外公开总数量' },
          ],
          rows: [
            { key: 'regulations', label: '规章' },
            { key: 'normative_documents', label: '规范性文件', variants: ['行政规范性文件'] },
          ],
        },
        {
          caption: { label: '第二十条第（五）项' },
          corner: '信息内容',
          columns: items,
          rows: [
            { key: 'licensing', label: '行政许可' },
            { key: 'other_services', label: '其他对外管理服务事项' },
          ],
        },
        {
          caption: { label: '第二十条第（六）项' },
          corner: '信息内容',
          columns: items,
          rows: [
            { key: 'penalty', label: '行政处罚' },
            { key: 'coercion', label: '行政强制' },
          ],
        },
        {
          caption: { label: '第二十条第（八）项' },
          corner: '信息内容',
          columns: items.slice(0, 2),
          rows: [{ key: 'fees', label: '行政事业性收费' }],
        },
        {
          caption: { label: '第二十条第（九）项' },
          corner: '信息内容',
          columns: [
            { key: 'items', label: '采购项目数量' },
            { key: 'amount', label: '采购总金额', kind: 'amount' },
          ],
          rows: [{ key: 'procurement', label: '政府集中采购' }],
        },
      ],
    },
    requestsTable({ key: 'other', label: '（六）其他处理' }),
    APPEALS_TABLE,
  ],
};
