// 发布前检查: one screen listing what stands between this report and publication — errors, warnings without a
// written reason, 定稿, the deadline and the days left, the checks evaluators apply (R12–R17) — and the exports
// that publish it: Word, the portal page, PDF. It looks at the report as saved in the archive (what is exported).
import { Alert, Badge, Button, Drawer, Group, List, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useState } from 'react';
import type { StoredReportView } from '../../../shared/api';
import { UNIT_KIND_LABELS } from '../../../shared/report';
import { daysBetween, isPublicationRule, publicationDeadline, type DismissedFinding } from '../../../shared/validation';
import { useApiMutation, useApiQuery } from '../data/query';
import { SavedFile } from './SavedFile';

interface Props {
  unit: string;
  year: number;
  /** Shows the print view (the browser prints to PDF itself). */
  onPrint: () => void;
}

/** The button for the editor's toolbar and the drawer it opens. */
export function PublishCheckButton({ unit, year, onPrint }: Props) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" size="xs" onClick={() => setOpened(true)}>
        发布前检查
      </Button>
      <Drawer opened={opened} onClose={() => setOpened(false)} position="right" size="xl" title={`发布前检查：${unit} ${year} 年报告`}>
        {opened && <PublishCheck unit={unit} year={year} onPrint={onPrint} />}
      </Drawer>
    </>
  );
}

/** Today's date where the person sits (not UTC), as YYYY-MM-DD. */
function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

type Verdict = 'ok' | 'block' | 'attention';
const VERDICT = {
  ok: { color: 'green', mark: '✓', label: '已满足' },
  attention: { color: 'yellow', mark: '!', label: '请核对' },
  block: { color: 'red', mark: '✕', label: '需处理' },
} as const;

function Item({ verdict, title, children }: { verdict: Verdict; title: string; children?: React.ReactNode }) {
  const v = VERDICT[verdict];
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" className="publish-item" data-verdict={verdict} aria-label={title}>
      <ThemeIcon color={v.color} radius="xl" size="md" style={{ flexShrink: 0 }} aria-label={v.label}>
        {v.mark}
      </ThemeIcon>
      <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        {children}
      </Stack>
    </Group>
  );
}

function FindingList({ findings }: { findings: DismissedFinding[] }) {
  const MAX = 8;
  return (
    <List size="sm" spacing={2}>
      {findings.slice(0, MAX).map((f, i) => (
        <List.Item key={i} style={{ overflowWrap: 'anywhere' }}>
          <Badge size="xs" variant="light" color={f.severity === 'error' ? 'red' : 'yellow'} mr={4}>
            {f.rule}
          </Badge>
          {f.message}
        </List.Item>
      ))}
      {findings.length > MAX && <List.Item>…另有 {findings.length - MAX} 条，见编辑页右侧的校验结果</List.Item>}
    </List>
  );
}

function deadlineItem(stored: StoredReportView, today: string): { verdict: Verdict; title: string; text: string } {
  const kind = stored.unit.kind;
  const rule = publicationDeadline(kind, stored.year) ?? publicationDeadline('department', stored.year)!;
  const assumed = publicationDeadline(kind, stored.year) ? '' : `（单位类型为“${UNIT_KIND_LABELS[kind]}”，按部门的期限计）`;
  const [, m, d] = rule.date.split('-').map(Number);
  const title = `公布期限：${stored.year + 1}年${m}月${d}日${assumed}`;
  const published = stored.report.published;
  if (published) {
    const late = daysBetween(rule.date, published);
    return late > 0
      ? { verdict: 'block', title, text: `已于 ${published} 发布，晚于期限 ${late} 天` }
      : { verdict: 'ok', title, text: `已于 ${published} 发布，在期限之内` };
  }
  const left = daysBetween(today, rule.date);
  if (left < 0) return { verdict: 'block', title, text: `已逾期 ${-left} 天（今天是 ${today}），请尽快发布` };
  if (left === 0) return { verdict: 'attention', title, text: `今天（${today}）是最后一天` };
  return { verdict: left <= 15 ? 'attention' : 'ok', title, text: `还有 ${left} 天（今天是 ${today}）` };
}

export function PublishCheck({ unit, year, onPrint }: Props) {
  // Its failure is this drawer's content (a report not saved yet is no failure), not a notification.
  const query = useApiQuery('report.get', { unit, year }, { refetchOnMount: 'always', staleTime: 0, meta: { quiet: true } });
  const info = useApiQuery('app.info', {});
  const [saved, setSaved] = useState<string | null>(null);
  const onSaved = (r: { path: string } | null) => r && setSaved(r.path);
  const docx = useApiMutation('export.docx', { onSuccess: onSaved });
  const html = useApiMutation('export.html', { onSuccess: onSaved });
  const pdf = useApiMutation('export.pdf', { onSuccess: onSaved });
  const show = useApiMutation('host.showInFolder');

  if (query.isPending) return <Loader size="sm" />;
  if (query.isError)
    return (
      <Alert color="red" title="无法检查">
        {query.error.kind === 'not_found' ? '这份报告还没有保存到档案中，请先填写（自动保存）后再检查。' : query.error.message}
      </Alert>
    );
  const stored = query.data;
  const findings = stored.findings;
  const errors = findings.filter((f) => f.severity === 'error');
  const unexplained = findings.filter((f) => f.severity === 'warning' && !f.dismissed && !isPublicationRule(f.rule));
  const publication = findings.filter((f) => !f.dismissed && isPublicationRule(f.rule));
  const deadline = deadlineItem(stored, localToday());
  const ready = !errors.length && !unexplained.length && !publication.length && stored.status === 'final';
  const showInFolder = (path: string) => show.mutate({ path });
  const exportPdf = () => (info.data?.host === 'electron' ? pdf.mutate({ unit, year }) : onPrint());

  return (
    <Stack gap="md" aria-label="发布前检查">
      <Alert color={ready ? 'green' : 'yellow'} title={ready ? '可以发布' : '发布前还有事项需要处理'}>
        检查的是档案中已保存的第 {stored.revision} 版；导出的文件与它一致。
      </Alert>
      <Item verdict={errors.length ? 'block' : 'ok'} title={errors.length ? `错误 ${errors.length} 条` : '没有错误'}>
        {errors.length ? <FindingList findings={errors} /> : <Text size="sm">各项勾稽关系和数值均已通过校验。</Text>}
      </Item>
      <Item
        verdict={unexplained.length ? 'attention' : 'ok'}
        title={unexplained.length ? `未说明理由的警告 ${unexplained.length} 条` : '警告均已处理或说明理由'}
      >
        {unexplained.length ? (
          <>
            <FindingList findings={unexplained} />
            <Text size="xs" c="dimmed">
              请修改，或在编辑页右侧的校验结果中写明理由后忽略。
            </Text>
          </>
        ) : null}
      </Item>
      <Item verdict={stored.status === 'final' ? 'ok' : 'attention'} title={stored.status === 'final' ? '已定稿' : '尚未定稿'}>
        {stored.status !== 'final' && <Text size="sm">经领导审定后，请点击编辑页上方的“定稿”，定稿后内容锁定，避免发布后再被改动。</Text>}
      </Item>
      <Item verdict={deadline.verdict} title={deadline.title}>
        <Text size="sm">{deadline.text}</Text>
      </Item>
      <Item
        verdict={publication.length ? 'attention' : 'ok'}
        title={publication.length ? `评估常见扣分项 ${publication.length} 条` : '评估常见扣分项：未发现'}
      >
        {publication.length ? (
          <FindingList findings={publication} />
        ) : (
          <Text size="sm">与上年报告的雷同、年份、格式文号、正文与表格的矛盾、“存在的主要问题”是否空洞，均未发现问题。</Text>
        )}
      </Item>

      <Title order={5} mt="sm">
        导出发布用的文件
      </Title>
      <Group>
        <Button onClick={() => docx.mutate({ unit, year })} loading={docx.isPending}>
          导出 Word
        </Button>
        <Button variant="default" onClick={() => html.mutate({ unit, year })} loading={html.isPending}>
          导出网页
        </Button>
        <Button variant="default" onClick={exportPdf} loading={pdf.isPending}>
          导出 PDF
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Word 文档按公文格式排版（A4，方正小标宋简体标题、仿宋_GB2312 正文、页码），可在 Word 或 WPS 中修改后报批；网页为一个独立的 .html
        文件，可上传或粘贴到门户网站的信息发布系统。
      </Text>
      {saved && <SavedFile path={saved} onShow={showInFolder} />}
    </Stack>
  );
}
