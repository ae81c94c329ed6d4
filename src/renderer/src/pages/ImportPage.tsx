// 导入: pick files, read them one by one into preview plans, let the person fix unit/year and place doubtful
// numbers, choose what to import, then write all chosen reports in one transaction and show what happened.
import { Button, Card, EmptyState, Group, List, Progress, Stack, Stepper, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import type { Channel, PlanOverridesArg } from '../../../shared/api';
import { call } from '../api';
import { clearNotice, notifyDone, notifyError, useApiMutation } from '../data/query';
import { ImportList, type Filter } from '../components/import/ImportList';
import { ImportSummary, type Imported } from '../components/import/ImportSummary';
import { BatchBar } from '../components/import/BatchBar';
import {
  answerAll,
  buildRows,
  cleanOverrides,
  doubtsOf,
  isAnswered,
  shortPaths,
  suggestionOf,
  type DoubtAnswer,
  type FileEntry,
  type Row,
} from '../components/import/model';
import { PlanPreview } from '../components/import/PlanPreview';
import { isPackage, PackageImport } from '../components/import/PackageImport';
import './ImportPage.css';

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
/** The notice of a refused import, taken back when the next attempt starts. */
const REFUSED = 'import-refused';
/** What an import changes: every answer about the archive. */
const ARCHIVE: Channel[] = ['archive.overview', 'units.list', 'report.get', 'report.history', 'report.diff', 'search'];

export function ImportPage({ onOpen }: { onOpen: (unit: string, year: number) => void }) {
  const [entries, setEntries] = useState<FileEntry[]>([]);
  /** 报送包 and 退回包 (.nbpkg): checked and received apart from the reports read into plans. */
  const [packages, setPackages] = useState<string[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(null);
  const [picking, setPicking] = useState(false);
  const [skipped, setSkipped] = useState<Set<string>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<Filter>('all');
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<{ rows: Row[]; imported: Imported[] } | null>(null);
  const commitMutation = useApiMutation('import.commit', { invalidates: ARCHIVE, notifyErrors: false });
  const committing = commitMutation.isPending;
  // The latest plan request per file: an older answer arriving late is dropped.
  const seq = useRef(new Map<string, number>());
  // File names in messages are shortened to those of the list.
  const tell = (e: { title: string; text: string }) => notifyError(new Error(e.text), e.title);

  const rows = buildRows(entries, skipped);
  const current = rows.find((r) => r.id === selected) ?? rows.find((r) => r.status !== 'reading') ?? null;
  const chosen = rows.filter((r) => r.included);
  const patch = (file: string, f: (e: FileEntry) => FileEntry) => setEntries((es) => es.map((e) => (e.file === file ? f(e) : e)));

  const pick = async () => {
    setPicking(true);
    let paths: string[];
    try {
      // A one-shot dialog whose answer is not data of the archive: nothing to cache or invalidate.
      paths = await call('import.pick', {});
    } catch (e) {
      tell({ title: '无法选择文件', text: (e as Error).message });
      return;
    } finally {
      setPicking(false);
    }
    const fresh = [...new Set(paths)].filter((p) => !entries.some((e) => e.file === p) && !packages.includes(p));
    const newPackages = fresh.filter(isPackage);
    if (newPackages.length) setPackages((ps) => [...ps, ...newPackages]);
    const reports = fresh.filter((p) => !isPackage(p));
    if (!fresh.length) {
      if (paths.length) notifyDone('所选的文件都已在列表中。', '没有新文件');
      return;
    }
    if (!reports.length) return;
    setDone(null);
    setEntries((es) => [...es, ...reports.map((file) => ({ file, name: baseName(file), view: null, overrides: [], failure: null }))]);
    await readFiles(reports.map((file) => ({ file, overrides: [] })));
  };

  /** Asks main for a file's plan; `latest()` says whether no newer request for that file was made since. Not a
   * cached query: plans are read one file after another with progress, and each answer is patched into the list,
   * which lives here so it survives leaving the page. */
  const requestPlan = (file: string, overrides: PlanOverridesArg[]) => {
    const n = (seq.current.get(file) ?? 0) + 1;
    seq.current.set(file, n);
    const view = call('import.plan', { file, overrides: overrides.map((o) => cleanOverrides(o) ?? {}) });
    return { view, latest: () => seq.current.get(file) === n };
  };

  /** Plans files one by one, so the progress is real and forty workbooks do not all open at once. */
  const readFiles = async (files: { file: string; overrides: PlanOverridesArg[] }[]) => {
    for (const [i, { file, overrides }] of files.entries()) {
      setProgress({ done: i, total: files.length, current: baseName(file) });
      const request = requestPlan(file, overrides);
      try {
        const view = await request.view;
        if (request.latest()) patch(file, (e) => ({ ...e, view, name: view.name, failure: null }));
      } catch (e) {
        if (request.latest()) patch(file, (x) => ({ ...x, failure: (e as Error).message }));
      }
    }
    setProgress(null);
  };
  const rereadAll = () => {
    void readFiles(entries.map((e) => ({ file: e.file, overrides: e.overrides })));
  };

  const replan = (row: Row, next: PlanOverridesArg) => {
    const file = row.entry.file;
    const length = Math.max(row.entry.overrides.length, row.index + 1);
    const overrides = Array.from({ length }, (_, i) => (i === row.index ? next : (row.entry.overrides[i] ?? {})));
    patch(file, (e) => ({ ...e, overrides }));
    setBusy((b) => new Set(b).add(file));
    const { view: planned, latest } = requestPlan(file, overrides);
    planned
      .then(
        (view) => latest() && patch(file, (e) => ({ ...e, view })),
        (e: Error) => latest() && tell({ title: '无法按你填写的内容重新检查', text: shortPaths(e.message, entries) }),
      )
      .finally(
        () =>
          latest() &&
          setBusy((b) => {
            const c = new Set(b);
            c.delete(file);
            return c;
          }),
      );
  };

  /** New overrides for many rows at once (the same change for all selected), then those files are read again. */
  const replanRows = (change: (row: Row, o: PlanOverridesArg) => PlanOverridesArg | null) => {
    const next = new Map<string, PlanOverridesArg[]>();
    for (const r of rows) {
      if (!picked.has(r.id) || !r.plan) continue;
      const o = change(r, r.entry.overrides[r.index] ?? {});
      if (!o) continue;
      const list = next.get(r.entry.file) ?? [...r.entry.overrides];
      for (let i = 0; i < r.index; i++) list[i] ??= {};
      list[r.index] = o;
      next.set(r.entry.file, list);
    }
    if (!next.size) return;
    setEntries((es) => es.map((e) => (next.has(e.file) ? { ...e, overrides: next.get(e.file)! } : e)));
    void readFiles([...next].map(([file, overrides]) => ({ file, overrides })));
  };
  const applyToPicked = (o: PlanOverridesArg) => replanRows((_, old) => ({ ...old, ...o }));
  const answerPicked = (how: DoubtAnswer) =>
    replanRows((r, old) => {
      const given = old.values ?? {};
      const add = answerAll(doubtsOf(r.plan!), given, how);
      return Object.keys(add).length ? { ...old, values: { ...given, ...add } } : null;
    });
  const pickedRows = rows.filter((r) => picked.has(r.id));
  const openInPicked = pickedRows.flatMap((r) =>
    r.plan ? doubtsOf(r.plan).filter((d) => !isAnswered(d, r.entry.overrides[r.index]?.values ?? {})) : [],
  );

  const toggle = (row: Row, include: boolean) =>
    setSkipped((s) => {
      const c = new Set(s);
      if (include) c.delete(row.id);
      else c.add(row.id);
      return c;
    });

  const commit = () => {
    const items = new Map<string, { file: string; plans: { index: number; overrides?: PlanOverridesArg }[] }>();
    for (const r of chosen) {
      const item = items.get(r.entry.file) ?? { file: r.entry.file, plans: [] };
      item.plans.push({ index: r.index, overrides: cleanOverrides(r.entry.overrides[r.index]) });
      items.set(r.entry.file, item);
    }
    clearNotice(REFUSED);
    commitMutation.mutate(
      { items: [...items.values()] },
      {
        onSuccess: (imported) => setDone({ rows, imported }),
        onError: (e: Error) => {
          notifyError(new Error(shortPaths(e.message, entries)), '没有导入：档案没有任何改动', REFUSED);
          // Something changed since the files were read (a report was set to 定稿, a file was edited): read the
          // chosen ones again so the list shows why.
          void readFiles(chosen.map((r) => r.entry).filter((e, i, all) => all.indexOf(e) === i));
        },
      },
    );
  };

  const restart = () => {
    setEntries([]);
    setPackages([]);
    setSkipped(new Set());
    setSelected(null);
    setPicked(new Set());
    setFilter('all');
    setDone(null);
  };

  const step = done ? 3 : entries.length || packages.length ? 1 : 0;
  const header = (
    <Group justify="space-between" align="center">
      <Title order={3}>导入</Title>
      <Stepper active={step} size="xs" w={520} allowNextStepsSelect={false}>
        <Stepper.Step label="选择文件" />
        <Stepper.Step label="检查并确认" />
        <Stepper.Step label="完成" />
      </Stepper>
    </Group>
  );

  if (done)
    return (
      <Stack gap="md">
        {header}
        <ImportSummary rows={done.rows} imported={done.imported} onOpen={onOpen} onRestart={restart} />
      </Stack>
    );

  const packageCard = packages.length > 0 && (
    <PackageImport files={packages} onRemove={(f) => setPackages((ps) => ps.filter((p) => p !== f))} onOpen={onOpen} />
  );

  if (!entries.length && !packages.length)
    return (
      <Stack gap="md">
        {header}
        <Card withBorder padding="xl">
          <EmptyState title="把已有的年报导入档案" description="可以一次选择多个文件，例如各单位交回的四十份填报表。" align="left">
            <List size="sm" spacing={4} mt="sm">
              <List.Item>本程序导出的年报工作簿、发给各单位的填报表（.xlsx）</List.Item>
              <List.Item>档案总表（.xlsx，一个文件里有多个单位、多个年度的报告）</List.Item>
              <List.Item>网上公布的年报全文：文本（.txt）、网页（.html）、Word 文档（.docx）</List.Item>
              <List.Item>下级单位的报送包、上级机关的退回包（.nbpkg）</List.Item>
            </List>
            <Text size="sm" mt="sm">
              选择后会逐个读取、校验，并列出与档案中已有报告的差异。单位或年度没有写明、数字位置拿不准的，会请你补上。
              <b>在你点“导入所选”之前，档案不会有任何改动。</b>
            </Text>
            <EmptyState.Actions mt="md">
              <Button onClick={pick} loading={picking}>
                选择文件…
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Card>
      </Stack>
    );

  if (!entries.length)
    return (
      <Stack gap="md">
        {header}
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={pick} loading={picking}>
            再添加文件…
          </Button>
          <Button variant="subtle" size="xs" color="gray" onClick={restart}>
            清空列表
          </Button>
        </Group>
        {packageCard}
      </Stack>
    );

  const skippedCount = rows.filter((r) => !r.included && (r.status === 'ready' || r.status === 'attention')).length;
  return (
    <Stack gap="md">
      {header}
      {packageCard}
      <Card withBorder padding="sm">
        <Group justify="space-between" mb="xs">
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={pick} loading={picking} disabled={!!progress}>
              再添加文件…
            </Button>
            <Button variant="subtle" color="gray" size="xs" onClick={rereadAll} disabled={!!progress || committing}>
              重新读取
            </Button>
            <Button variant="subtle" color="gray" size="xs" onClick={() => setSkipped(new Set())} disabled={!!progress}>
              全选可导入的
            </Button>
            <Button
              variant="subtle"
              color="gray"
              size="xs"
              onClick={() => setSkipped(new Set(rows.map((r) => r.id)))}
              disabled={!!progress}
            >
              全部跳过
            </Button>
            <Button variant="subtle" size="xs" color="gray" onClick={restart} disabled={!!progress || committing}>
              清空列表
            </Button>
          </Group>
          <Group gap="sm">
            <Text size="sm" c="dimmed">
              共 {rows.length} 份 · 已选 {chosen.length} 份 · 跳过 {skippedCount} 份
            </Text>
            <Button onClick={commit} loading={committing} disabled={!chosen.length || !!progress || busy.size > 0}>
              导入所选 {chosen.length} 份
            </Button>
          </Group>
        </Group>
        {progress && (
          <Stack gap={4} mb="sm" aria-label="读取进度">
            <Group justify="space-between">
              <Text size="sm">
                已读取 {progress.done} / {progress.total}
              </Text>
              <Text size="xs" c="dimmed">
                正在读取 {progress.current}
              </Text>
            </Group>
            <Progress value={(progress.done / progress.total) * 100} animated />
          </Stack>
        )}
        {!progress && !chosen.length && (
          <Text size="sm" c="orange" mb="xs">
            还没有可以导入的报告：标为“需要处理”的，请在下面的预览中补上单位、年度或存疑的数字；处理好后会自动选中。
          </Text>
        )}
        <ImportList
          rows={rows}
          selected={current?.id ?? null}
          filter={filter}
          onFilter={setFilter}
          onSelect={setSelected}
          onToggle={toggle}
          picked={picked}
          onPicked={setPicked}
        />
      </Card>
      {picked.size > 0 && (
        <BatchBar
          count={pickedRows.length}
          openDoubts={openInPicked.length}
          suggested={openInPicked.filter((d) => suggestionOf(d)).length}
          busy={!!progress || committing}
          onApply={applyToPicked}
          onAnswer={answerPicked}
          onClear={() => setPicked(new Set())}
        />
      )}
      {current && (
        <PlanPreview
          key={current.id}
          row={current}
          entries={entries}
          busy={busy.has(current.entry.file)}
          onOverrides={(next) => replan(current, next)}
          onToggle={(include) => toggle(current, include)}
        />
      )}
    </Stack>
  );
}
