// Pieces the State Council formats of 2019 and 2021 share: the six sections, table 三's columns and most of
// its rows, and table 四 whole.
import type { HeaderNode, SectionDef, TableDef } from './types';

export const SECTIONS: SectionDef[] = [
  { key: 'overall', heading: '一、总体情况', keywords: ['总体情况', '概述'], kind: 'text' },
  { key: 'proactive', heading: '二、主动公开政府信息情况', keywords: ['主动公开'], kind: 'table' },
  { key: 'requests', heading: '三、收到和处理政府信息公开申请情况', keywords: ['收到和处理', '申请情况'], kind: 'table' },
  { key: 'appeals', heading: '四、政府信息公开行政复议、行政诉讼情况', keywords: ['行政复议', '行政诉讼'], kind: 'table' },
  { key: 'problems', heading: '五、存在的主要问题及改进情况', keywords: ['存在的主要问题', '存在的问题', '改进情况'], kind: 'text' },
  { key: 'other', heading: '六、其他需要报告的事项', keywords: ['其他需要报告', '其他事项'], kind: 'text' },
];

/** Heading of each section key, for messages and history views. */
export const SECTION_HEADINGS: Record<string, string> = Object.fromEntries(SECTIONS.map((s) => [s.key, s.heading]));

const leaf = (key: string, label: string, extra: Partial<HeaderNode> = {}): HeaderNode => ({ key, label, ...extra });

export const REQUEST_COLUMNS: HeaderNode[] = [
  {
    key: '',
    label: '申请人情况',
    children: [
      leaf('natural_person', '自然人'),
      {
        key: '',
        label: '法人或其他组织',
        children: [
          leaf('commercial', '商业企业'),
          leaf('research', '科研机构'),
          leaf('social_org', '社会公益组织'),
          leaf('legal_service', '法律服务机构'),
          leaf('other_org', '其他', { variants: ['其它'] }),
        ],
      },
      leaf('total', '总计'),
    ],
  },
];

export const REQUESTS_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Table 三's row tree; `otherRows` is the （六）其他处理 part, which differs between versions. */
export function requestRows(otherRows: HeaderNode): HeaderNode[] {
  return [
    leaf('new', '一、本年新收政府信息公开申请数量', { short: '第一项本年新收' }),
    leaf('carried_over', '二、上年结转政府信息公开申请数量', { short: '第二项上年结转' }),
    {
      key: '',
      label: '三、本年度办理结果',
      short: '第三项',
      children: [
        leaf('granted', '（一）予以公开'),
        leaf('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', {
          short: '（二）部分公开',
          variants: ['（二）部分公开'],
        }),
        {
          key: 'withheld',
          label: '（三）不予公开',
          children: [
            leaf('state_secret', '1.属于国家秘密'),
            leaf('prohibited_by_law', '2.其他法律行政法规禁止公开'),
            leaf('three_safeties', '3.危及“三安全一稳定”'),
            leaf('third_party', '4.保护第三方合法权益'),
            leaf('internal_affairs', '5.属于三类内部事务信息'),
            leaf('process_info', '6.属于四类过程性信息'),
            leaf('enforcement_file', '7.属于行政执法案卷'),
            leaf('administrative_query', '8.属于行政查询事项'),
          ],
        },
        {
          key: 'unavailable',
          label: '（四）无法提供',
          children: [
            leaf('not_held', '1.本机关不掌握相关政府信息'),
            leaf('needs_creation', '2.没有现成信息需要另行制作'),
            leaf('still_unclear', '3.补正后申请内容仍不明确'),
          ],
        },
        {
          key: 'not_processed',
          label: '（五）不予处理',
          children: [
            leaf('complaint', '1.信访举报投诉类申请'),
            leaf('duplicate', '2.重复申请'),
            leaf('publication', '3.要求提供公开出版物'),
            leaf('excessive', '4.无正当理由大量反复申请'),
            leaf('reconfirm', '5.要求行政机关确认或重新出具已获取信息'),
          ],
        },
        otherRows,
        leaf('total', '（七）总计'),
      ],
    },
    leaf('carried_forward', '四、结转下年度继续办理', { short: '第四项结转下年度' }),
  ];
}

export function requestsTable(otherRows: HeaderNode): TableDef {
  return {
    id: 'requests',
    valueColumns: 7,
    blocks: [{ corner: REQUESTS_NOTE, columns: REQUEST_COLUMNS, rows: requestRows(otherRows) }],
  };
}

const appealColumns = (key: string, label: string, short?: string): HeaderNode => ({
  ...(short ? { short } : {}),
  key,
  label,
  children: [
    leaf('upheld', '结果维持'),
    leaf('corrected', '结果纠正'),
    leaf('other', '其他结果'),
    leaf('pending', '尚未审结'),
    leaf('total', '总计'),
  ],
});

export const APPEALS_TABLE: TableDef = {
  id: 'appeals',
  valueColumns: 15,
  blocks: [
    {
      corner: '',
      columns: [
        appealColumns('review', '行政复议'),
        {
          key: '',
          label: '行政诉讼',
          children: [
            appealColumns('litigation_direct', '未经复议直接起诉', '行政诉讼（未经复议直接起诉）'),
            appealColumns('litigation_after_review', '复议后起诉', '行政诉讼（复议后起诉）'),
          ],
        },
      ],
      rows: [{ key: '', label: '' }],
    },
  ],
};
