// 设置与备份: where the archive is, backups (make one now, list, restore after a check and a confirmation), about.
import { Alert, Badge, Button, Card, Code, DataList, Group, Loader, Modal, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { BackupCheckView, BackupKind, BackupView } from '../../../shared/api';
import { SavedFile } from '../components/SavedFile';
import { clearNotice, notifyError, queryClient, useApiMutation, useApiQuery } from '../data/query';
import { localDateTime } from '../../../shared/local-time';

const BACKUP_NOTICE = 'settings-backup';
const RESTORE_NOTICE = 'settings-restore';

const PLATFORMS: Record<string, string> = { win32: 'Windows', linux: 'Linux', darwin: 'macOS' };

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

const KINDS: Record<BackupKind, { label: string; color: string }> = {
  daily: { label: '每日自动', color: 'gray' },
  manual: { label: '手动', color: 'blue' },
  'before-restore': { label: '恢复前自动保存', color: 'orange' },
  'before-upgrade': { label: '升级前自动保存', color: 'grape' },
  other: { label: '其他', color: 'gray' },
};

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Clipboard API first; Electron denies its permission (security.ts), so fall back to a selected textarea. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

/** What was done, with the files it wrote; failures go to the notification surface. */
type Notice = { color: 'green' | 'blue'; title: string; body: ReactNode };

export function SettingsPage() {
  const info = useApiQuery('app.info', {}).data;
  const list = useApiQuery('backup.list', {}).data;
  // The whole archive's counts: the number of units and the reports per year (one unit's page carries both).
  const overview = useApiQuery('archive.overview', { limit: 1 });
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<'backup' | 'check' | 'restore' | null>(null);
  const [pending, setPending] = useState<BackupCheckView | null>(null);
  const [current, setCurrent] = useState<{ units: number; reports: number } | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  // The notice sits above the list; after acting on a row far down, bring it into view.
  useEffect(() => {
    // Braces: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.
    noticeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [notice]);

  // Failures of backing up and of restoring each keep one notice, taken back once the same thing succeeds.
  const fail = (title: string, id?: string) => (e: unknown) => notifyError(e, title, id);
  const show = useApiMutation('host.showInFolder', { notifyErrors: false });
  const now = useApiMutation('backup.now', { notifyErrors: false, invalidates: ['backup.list'] });
  const pick = useApiMutation('backup.pick', { notifyErrors: false });
  const check = useApiMutation('backup.check', { notifyErrors: false });
  const restoring = useApiMutation('backup.restore', { notifyErrors: false });

  const showInFolder = (path: string) =>
    show.mutateAsync({ path }).then(() => {
      // The browser bridge cannot open a folder on this machine's desktop; say where the file is instead.
      if (info?.host === 'browser')
        setNotice({ color: 'blue', title: '浏览器中不能打开文件夹', body: <PathText path={path} intro="文件在：" /> });
    }, fail('无法打开文件夹'));

  const backupNow = async () => {
    setBusy('backup');
    try {
      const b = await now.mutateAsync({});
      clearNotice(BACKUP_NOTICE);
      setNotice({
        color: 'green',
        title: '已备份',
        body: <SavedFile path={b.file} label={`备份（${formatSize(b.size)}）保存在：`} onShow={(p) => void showInFolder(p)} />,
      });
    } catch (e) {
      fail('备份没有完成', BACKUP_NOTICE)(e);
    } finally {
      setBusy(null);
    }
  };

  /** Checks the file first; only a file that passes opens the confirmation. */
  const askRestore = async (file: string) => {
    setBusy('check');
    setNotice(null);
    try {
      const checked = await check.mutateAsync({ file });
      // This file passed: an earlier file's refusal no longer applies.
      clearNotice(RESTORE_NOTICE);
      // The confirmation compares with the archive as it is now (the CLI may have changed it).
      const { data: fresh } = await overview.refetch();
      if (fresh) setCurrent({ units: fresh.total, reports: fresh.counts.reduce((n, c) => n + c.reports, 0) });
      setPending(checked);
    } catch (e) {
      fail('这个文件不能用来恢复，档案没有改动', RESTORE_NOTICE)(e);
    } finally {
      setBusy(null);
    }
  };

  const pickAndRestore = async () => {
    try {
      const file = await pick.mutateAsync({});
      if (file) await askRestore(file);
    } catch (e) {
      fail('无法选择文件')(e);
    }
  };

  const restore = async () => {
    if (!pending) return;
    setBusy('restore');
    try {
      const r = await restoring.mutateAsync({ file: pending.file });
      // Every page shows the restored archive: all cached answers are asked again.
      await queryClient.invalidateQueries();
      clearNotice(RESTORE_NOTICE);
      setPending(null);
      setNotice({
        color: 'green',
        title: '已从备份恢复',
        body: (
          <Stack gap={4}>
            <Text size="sm">
              档案现在是这份备份的内容：{r.check.units} 个单位、{r.check.reports} 份报告。其他页面显示的也已是恢复后的数据。
            </Text>
            <SavedFile
              path={r.safetyCopy}
              label="恢复前的档案已另存为（要撤销这次恢复，可以从这份恢复）："
              onShow={(p) => void showInFolder(p)}
            />
          </Stack>
        ),
      });
    } catch (e) {
      setPending(null);
      fail('恢复没有完成，档案保持原样', RESTORE_NOTICE)(e);
    } finally {
      setBusy(null);
    }
  };

  const archivePath = info?.archivePath ?? list?.archivePath ?? '';
  const pendingBackup = pending && list?.backups.find((b) => b.file === pending.file);

  return (
    <Stack gap="md" maw={1100}>
      <Title order={3}>设置与备份</Title>
      {notice && (
        <Alert ref={noticeRef} color={notice.color} title={notice.title} withCloseButton onClose={() => setNotice(null)}>
          {typeof notice.body === 'string' ? <Text size="sm">{notice.body}</Text> : notice.body}
        </Alert>
      )}

      {list?.problem && (
        <Alert color="red" title="档案需要注意" aria-label="档案问题">
          <Text size="sm">{list.problem}</Text>
        </Alert>
      )}

      <Card withBorder>
        <Title order={4} mb="xs">
          档案位置
        </Title>
        <Text size="sm" mb={6}>
          所有单位、各年度的报告都保存在这一个档案文件中：
        </Text>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, userSelect: 'all', wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label="档案文件路径">
            {archivePath || '…'}
          </Code>
          <Button
            variant="default"
            disabled={!archivePath}
            onClick={() =>
              void copyText(archivePath).then((ok) => {
                setCopied(ok);
                setTimeout(() => setCopied(null), 2500);
              })
            }
            color={copied ? 'green' : undefined}
          >
            {copied === null ? '复制路径' : copied ? '已复制' : '复制失败，请选中后按 Ctrl+C'}
          </Button>
          <Button variant="default" disabled={!archivePath} onClick={() => void showInFolder(archivePath)}>
            在文件夹中显示
          </Button>
        </Group>
        <Text size="sm" c="dimmed" mt="sm">
          要改用另一个档案文件：启动前设置环境变量 <Code>NIANBAO_DB</Code> 为该文件的路径；命令行的每条命令都可以加 <Code>--db 路径</Code>{' '}
          指定另一个档案文件。桌面应用和命令行默认使用同一个档案。
        </Text>
        <Text size="sm" c="dimmed" mt={4}>
          程序运行时不要直接复制这个文件（复制出的文件可能不完整）；请用下面的“立即备份”，它使用 SQLite 的备份接口，程序开着也能安全备份。
        </Text>
      </Card>

      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={4}>备份</Title>
          <Group>
            <Button variant="default" onClick={() => void pickAndRestore()} disabled={busy !== null}>
              从其他文件恢复…
            </Button>
            <Button onClick={() => void backupNow()} loading={busy === 'backup'} disabled={busy !== null && busy !== 'backup'}>
              立即备份
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          每天（按本机时间）打开程序或第一次修改档案时，在后台自动备份一份，保留最近 14
          份；“立即备份”做的手动备份不会自动删除。恢复之前、升级程序之前也会自动保存当前档案。每份备份都先写到临时文件、检查完整无损后才出现在下面的列表中。
          {list && (
            <>
              备份保存在 <Code>{list.backupDir}</Code>。
            </>
          )}
        </Text>
        <Text size="sm" c="dimmed" mb="sm">
          换到新电脑：在这里点“立即备份”，把备份文件拷到新电脑，装好本程序后在同一页点“从其他文件恢复…”选择它。
        </Text>
        {busy === 'check' && (
          <Group gap="xs" mb="sm">
            <Loader size="xs" />
            <Text size="sm">正在检查备份文件…</Text>
          </Group>
        )}
        {!list ? (
          <Loader size="sm" />
        ) : !list.backups.length ? (
          <Text size="sm">还没有备份。点击“立即备份”做第一份；以后每天第一次修改档案时也会自动备份。</Text>
        ) : (
          <ScrollArea>
            <Table striped highlightOnHover withTableBorder aria-label="备份列表" verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>类型</Table.Th>
                  <Table.Th>时间</Table.Th>
                  <Table.Th>大小</Table.Th>
                  <Table.Th>文件</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.backups.map((b) => (
                  <BackupRow
                    key={b.file}
                    backup={b}
                    disabled={busy !== null}
                    onRestore={() => void askRestore(b.file)}
                    onShow={() => void showInFolder(b.file)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        )}
      </Card>

      <Card withBorder>
        <Title order={4} mb="xs">
          关于
        </Title>
        <DataList labelWidth={96}>
          <DataList.Item>
            <DataList.ItemLabel>程序</DataList.ItemLabel>
            <DataList.ItemValue>政府信息公开年报助手 {info ? `${info.version} 版` : ''}</DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>运行环境</DataList.ItemLabel>
            <DataList.ItemValue>
              {info ? `${PLATFORMS[info.platform] ?? info.platform}，${info.host === 'electron' ? '桌面应用' : '浏览器（本机服务）'}` : '…'}
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>数据</DataList.ItemLabel>
            <DataList.ItemValue>
              完全离线运行：报告、档案和备份都只保存在这台电脑上，程序不连接网络，也不向任何地方发送数据。
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      </Card>

      <Modal opened={pending !== null} onClose={() => busy !== 'restore' && setPending(null)} title="从备份恢复档案" size="lg">
        {pending && (
          <Stack gap="sm">
            <Text size="sm">备份文件：</Text>
            <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
              {pending.file}
            </Code>
            <Text size="sm">
              检查通过：这是本程序的档案，完整无损
              {pendingBackup ? `，保存于 ${localDateTime(pendingBackup.createdAt)}` : ''}。其中有{' '}
              <b>
                {pending.units} 个单位、{pending.reports} 份报告
              </b>
              {current && (
                <>
                  （当前档案有 {current.units} 个单位、{current.reports} 份报告）
                </>
              )}
              。
            </Text>
            <Alert color="orange" title="当前档案将被替换">
              <Text size="sm">
                恢复后，档案的全部内容换成这份备份；备份之后所做的修改不再出现在档案中。恢复之前，程序会先把当前档案另存一份（“恢复前自动保存”），
                如果恢复错了，可以从那一份再恢复回来。
              </Text>
            </Alert>
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={() => setPending(null)} disabled={busy === 'restore'}>
                取消
              </Button>
              <Button color="red" onClick={() => void restore()} loading={busy === 'restore'}>
                恢复
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function BackupRow(props: { backup: BackupView; disabled: boolean; onRestore: () => void; onShow: () => void }) {
  const { backup: b } = props;
  const kind = KINDS[b.kind];
  return (
    <Table.Tr>
      <Table.Td>
        <Badge variant="light" color={kind.color}>
          {kind.label}
        </Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{localDateTime(b.createdAt)}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatSize(b.size)}</Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {fileName(b.file)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap" justify="flex-end">
          <Button
            size="compact-sm"
            variant="light"
            onClick={props.onRestore}
            disabled={props.disabled}
            aria-label={`从 ${fileName(b.file)} 恢复`}
          >
            恢复…
          </Button>
          <Button size="compact-sm" variant="subtle" color="gray" onClick={props.onShow} aria-label={`在文件夹中显示 ${fileName(b.file)}`}>
            在文件夹中显示
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function PathText({ path, intro }: { path: string; intro: string }) {
  return (
    <Text size="sm">
      {intro}
      <Text span ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
        {path}
      </Text>
    </Text>
  );
}
