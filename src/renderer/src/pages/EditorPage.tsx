// 年报编辑: the six sections in order, the tables in the official layout, live validation, saving through one queue
// with a visible state, undo/redo, and 定稿 (locked until unlocked with a confirmation).
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StoredReportView } from '../../../shared/api';
import type { DismissedFinding } from '../../../shared/validation';
import { REPORT_SCOPE_LABELS, REPORT_SCOPES, type CellValue, type Report, type ReportScope } from '../../../shared/report';
import { getTemplate, type SectionDef, type TextSectionKey } from '../../../shared/template';
import { call } from '../api';
import { ConflictDialog } from '../components/ConflictDialog';
import { EditableTable } from '../components/EditableTable';
import { FindingsPanel } from '../components/FindingsPanel';
import { HistoryDrawer } from '../components/HistoryDrawer';
import { PublishCheckButton } from '../components/PublishCheck';
import { SavedFile } from '../components/SavedFile';
import { DeleteConfirm } from '../components/DeleteConfirm';
import { useExchange } from '../components/exchange/useExchange';
import { LegacyEditor } from '../components/LegacyEditor';
import { useReportLock } from '../components/lock/useReportLock';
import { PublishedDateInput } from '../components/PublishedDateInput';
import { clearNotice, invalidate, notifyError, useApiMutation, useApiQuery } from '../data/query';
import { neighbourCell } from '../lib/grid';
import { useSaveQueue } from '../lib/use-save-queue';

interface Props {
  unit: string;
  year: number;
  /** A search hit to show: the section, and where the found text is in it. */
  focus?: { section: string; offset: number; length: number };
  /** False while the person is on another page: the editor stays mounted (undo, unsaved edits) but saves now. */
  active?: boolean;
  onBack: () => void;
  onReload: () => void;
  onPrint: () => void;
  /** The report was deleted: the editor closes (a kept-open editor would bring it back with its next save). */
  onDeleted?: () => void;
}

/** What the editor opens with: a stored report, or a new draft (revision null). */
interface Opened {
  report: Report;
  provenance: Record<string, string>;
  revision: number | null;
  status: 'draft' | 'final';
  findings: DismissedFinding[];
  updatedAt?: string;
}

const AUTOSAVE_MS = 1200;
/** Channels whose answers a saved edit changes. */
const SAVED = ['archive.overview', 'report.get', 'report.history', 'search'] as const;

/** A short name for the jump bar: the part's number and its first keyword (一、总体情况, 三、收到和处理 …). */
const partLabel = (s: SectionDef) => {
  const n = /^[一二三四五六七八九十]+、/.exec(s.heading)?.[0] ?? '';
  return n + (s.keywords[0] ?? s.heading);
};

/** Scrolls a part of the report into view below the sticky toolbar (scroll-margin-top in global.css). */
const jump = (key: string) => document.querySelector(`[data-part="${key}"]`)?.scrollIntoView({ block: 'start' });

/** The page's regions that F6 / Shift+F6 go round, as in Office: the grid and text, the toolbar, the side panel. */
const REGIONS = ['.editor-main', '.editor-toolbar', '.editor-side'] as const;
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea, [tabindex="0"]';

/** Moves the keyboard to the next (or previous) region: into the grid at its active cell, onto 保存 in the toolbar. */
function cycleRegion(root: HTMLElement, back: boolean) {
  const active = document.activeElement;
  // In a dialog or drawer (a portal outside the page) F6 stays there.
  if (active && active !== document.body && !root.contains(active)) return;
  const here = Math.max(
    REGIONS.findIndex((r) => root.querySelector(r)?.contains(active)),
    0,
  );
  // A region with nothing to focus (the panel with no findings) is passed over, so F6 never sticks.
  for (let step = 1; step < REGIONS.length; step++) {
    const next = REGIONS[(here + (back ? REGIONS.length - step : step)) % REGIONS.length];
    const region = root.querySelector(next);
    const target =
      next === '.editor-toolbar'
        ? region?.querySelector<HTMLElement>('[data-save]')
        : (region?.querySelector<HTMLElement>('table.editable td[tabindex="0"]') ?? region?.querySelector<HTMLElement>(FOCUSABLE));
    if (target) return target.focus();
  }
}

const opened = (s: StoredReportView): Opened => ({
  report: s.report,
  provenance: s.provenance,
  revision: s.revision,
  status: s.status,
  findings: s.findings,
  updatedAt: s.updatedAt,
});

/** Opens the report: the stored one, a new draft only when the archive has none, and the error for anything else. */
export function EditorPage(props: Props) {
  const { unit, year } = props;
  // Asked afresh on every opening: the cache may hold a version from before the last save.
  const stored = useApiQuery('report.get', { unit, year }, { refetchOnMount: 'always', meta: { quiet: true } });
  const missing = stored.error?.kind === 'not_found';
  const draft = useApiQuery('report.draft', missing ? { unit, year } : null, { refetchOnMount: 'always', meta: { quiet: true } });
  const [start, setStart] = useState<Opened | null>(null);
  // What opened the editor (档案's 打开 button …), read before this first render is on screen: ← 档案 goes back to it.
  const [opener] = useState(() => document.activeElement as HTMLElement | null);
  // The first fresh answer opens the editor; later answers (refetched after its own saves) do not replace the
  // version being edited.
  if (!start && stored.isFetchedAfterMount && stored.data) setStart(opened(stored.data));
  if (!start && missing && draft.data && draft.isFetchedAfterMount)
    setStart({ ...draft.data, revision: null, status: 'draft', findings: [] });
  const failure = (!missing && stored.error) || draft.error;
  const notice = `open-${unit}-${year}`;
  useEffect(() => {
    if (failure) notifyError(failure, '无法打开这份报告', notice);
    else clearNotice(notice);
  }, [failure, notice]);

  if (start) return <ReportEditor {...props} start={start} opener={opener} />;
  if (failure)
    return (
      <Stack align="flex-start">
        <Text>
          无法打开{unit} {year} 年的报告：{failure.message}
        </Text>
        <Group>
          <Button variant="default" onClick={props.onBack}>
            ← 档案
          </Button>
          <Button onClick={() => void (missing ? draft.refetch() : stored.refetch())}>重试</Button>
        </Group>
      </Stack>
    );
  return <Text>正在打开…</Text>;
}

function ReportEditor({
  unit,
  year,
  focus,
  active = true,
  onBack,
  onReload,
  onPrint,
  onDeleted,
  start,
  opener,
}: Props & { start: Opened; opener: HTMLElement | null }) {
  const [report, setReport] = useState<Report>(start.report);
  const [provenance] = useState<Record<string, string>>(start.provenance);
  const [status, setStatus] = useState<'draft' | 'final'>(start.status);
  /** The stored findings with their dismissals, from the last answer of main. */
  const [stored, setStored] = useState<DismissedFinding[]>(start.findings);
  const [selected, setSelected] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<Set<string>>(new Set());
  const [deleting, setDeleting] = useState(false);
  const [history, setHistory] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const undo = useRef<Report[]>([]);
  const redo = useRef<Report[]>([]);
  // One id per editor visit: main merges this visit's saves within a burst into one revision.
  const [session] = useState(() => globalThis.crypto?.randomUUID?.() ?? `s${Date.now()}${Math.random()}`);
  const { ref: toolbar, height: toolbarHeight } = useElementSize();
  const page = useRef<HTMLDivElement>(null);

  const { queue, state: save } = useSaveQueue({
    revision: start.revision,
    savedAt: start.updatedAt,
    delayMs: AUTOSAVE_MS,
    // Saves go through the queue (ordering, base revision, retries), not a mutation hook: a plain call is its sender.
    save: (r: Report, baseRevision) => call('report.save', { report: r, baseRevision, session, provenance }),
    onSaved: (res) => {
      setStored(res.findings);
      void invalidate(...SAVED);
    },
    onConflict: () => setConflict(true),
  });

  // Leaving for another page: what waits is saved now; coming back with nothing unsaved, a version stored
  // meanwhile (an import, the CLI) is opened instead of being overwritten later.
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current === active) return;
    wasActive.current = active;
    if (!active) void queue.flush();
    else if (!queue.unsaved && save.kind !== 'new')
      // A one-shot look at the stored revision, not a view of it: nothing to cache.
      call('report.get', { unit, year }).then(
        (s) => s.revision !== queue.revision && onReload(),
        () => undefined,
      );
  }, [active, queue, save.kind, unit, year, onReload]);

  // Opened from a search hit: scroll to the section and select the text found.
  const focused = useRef(false);
  useEffect(() => {
    if (!focus || focused.current) return;
    focused.current = true;
    const box = document.querySelector<HTMLTextAreaElement>(`textarea[data-section="${focus.section}"]`);
    if (!box) return;
    box.scrollIntoView({ block: 'center' });
    box.focus();
    box.setSelectionRange(focus.offset, focus.offset + focus.length);
  }, [focus]);

  // Opening the report, or coming back to it (档案, the print view), puts the keyboard on the grid where the clerk
  // types: the active cell, or 表二's first. Otherwise it is left on the page body and the next Tab starts at the
  // side bar. A search hit's text box, or anything else that has the keyboard, keeps it.
  useEffect(() => {
    if (!active) return;
    const frame = requestAnimationFrame(() => {
      const el = document.activeElement as HTMLElement | null;
      if (el && el !== document.body && el.getClientRects().length > 0) return;
      page.current?.querySelector<HTMLElement>('table.editable td[tabindex="0"]')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [active]);

  // Live validation of what is on screen (with last year's report, from main), asked a moment after typing stops.
  // Keyed by the report itself, so an answer for an older version can never replace the newest one's.
  const [checked, setChecked] = useState(report);
  useEffect(() => {
    const t = setTimeout(() => setChecked(report), 150);
    return () => clearTimeout(t);
  }, [report]);
  const validation = useApiQuery('report.validate', { report: checked }, { placeholderData: (previous) => previous });
  const findings = useMemo(
    () =>
      (validation.data ?? stored).map(
        (f) => stored.find((o) => o.dismissed && o.rule === f.rule && o.cells.join() === f.cells.join()) ?? f,
      ),
    [validation.data, stored],
  );
  // 定稿 as a lock: the button, the banner, the dialogs, and feedback when someone types into a locked report.
  const lock = useReportLock({
    unit,
    year,
    status,
    // Errors cannot be dismissed, so every error found is open.
    errors: findings.filter((f) => f.severity === 'error'),
    canFinalize: save.kind === 'saved',
    onChanged: setStatus,
  });

  const update = (next: Report) => {
    if (status === 'final') return lock.refuse();
    undo.current.push(report);
    redo.current = [];
    setReport(next);
    queue.edit(next);
  };
  const setValues = (changes: Record<string, CellValue>) => update({ ...report, values: { ...report.values, ...changes } });
  // Saving is automatic; 保存 (Ctrl+S) sends what waits now, for a person who wants to see it stored.
  const saveNow = useCallback(() => void queue.flush(), [queue]);
  const step = useCallback(
    (from: React.RefObject<Report[]>, to: React.RefObject<Report[]>) => {
      if (status === 'final') return lock.refuse();
      const prev = from.current.pop();
      if (!prev) return;
      to.current.push(report);
      setReport(prev);
      queue.edit(prev);
      // As in Excel, the cell an undo or redo changed becomes the active one (when the keyboard is in the grid),
      // so the person sees what it did.
      const changed = Object.keys({ ...report.values, ...prev.values }).find(
        (k) => (report.values[k] ?? null) !== (prev.values[k] ?? null),
      );
      const inGrid = !!document.activeElement?.closest('table.editable');
      if (changed && inGrid && page.current?.querySelector(`table.editable td[data-key="${CSS.escape(changed)}"]`)) setSelected(changed);
    },
    [report, queue, status, lock],
  );

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F6' && page.current) {
        e.preventDefault();
        return cycleRegion(page.current, e.shiftKey);
      }
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        return saveNow();
      }
      // In a text box, the date or a cell being typed into, Ctrl+Z undoes the typing there, not the report's last change.
      const tag = (e.target as HTMLElement).tagName;
      if (!(e.ctrlKey || e.metaKey) || tag === 'TEXTAREA' || tag === 'INPUT') return;
      if (e.key === 'z') {
        e.preventDefault();
        step(undo, redo);
      } else if (e.key === 'y') {
        e.preventDefault();
        step(redo, undo);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, step, saveNow]);

  const exportReport = useApiMutation('export.report', { onSuccess: (r) => r && setSaved(r.path) });
  const exportPdf = useApiMutation('export.pdf', { onSuccess: (r) => r && setSaved(r.path) });
  const showInFolder = useApiMutation('host.showInFolder');
  const info = useApiQuery('app.info', {});
  const dismiss = useApiMutation('findings.dismiss', {
    invalidates: ['archive.overview', 'report.get'],
    notifyErrors: false,
    onSuccess: setStored,
  });
  const undismiss = useApiMutation('findings.undismiss', { invalidates: ['archive.overview', 'report.get'], onSuccess: setStored });

  const template = getTemplate(report.template);
  const gridKeys = useMemo(() => new Set(template.tables.flatMap((t) => t.cells.map((c) => c.key))), [template]);
  const locked = lock.locked;
  const showCell = (key: string) => {
    setSelected(key);
    const td = document.querySelector<HTMLElement>(`td[data-key="${CSS.escape(key)}"]`);
    td?.scrollIntoView({ block: 'center' });
    // The keyboard goes there too (from the validation panel as well), so the fix is typed at once.
    td?.focus({ preventScroll: true });
  };
  // 报送 and 退回: the badge, the buttons, the office's reasons next to the cells.
  const exchange = useExchange({
    unit,
    year,
    template,
    exists: save.kind !== 'new',
    saved: save.kind === 'saved',
    findings,
    selected,
    onShowCell: showCell,
    // A return unlocks the report here without a revision of its own.
    onReturned: () => setStatus('draft'),
    onShowFile: (path) => showInFolder.mutate({ path }),
  });

  const exportXlsx = () => exportReport.mutate({ unit, year });
  // Electron prints to a PDF file; the browser shows the print view and its own print dialog.
  const printOrPdf = () => (info.data?.host === 'electron' ? exportPdf.mutate({ unit, year }) : onPrint());
  const leave = () => {
    void queue.flush();
    onBack();
    // The keyboard goes back to what opened the report, or to 档案's button for it (a new report's 新建 became
    // 打开 when it was saved), instead of to the page body.
    // 档案 draws its rows again once it is shown, so this looks for a while (about half a second).
    const shown = (el: Element | null | undefined): el is HTMLElement => !!el?.isConnected && el.getClientRects().length > 0;
    const label = `[aria-label="${CSS.escape(`打开${unit}${year}年报告`)}"]`;
    const look = (tries: number) =>
      requestAnimationFrame(() => {
        if (shown(document.activeElement) && document.activeElement !== document.body) return;
        const back = [opener, document.querySelector(label)].find(shown);
        if (back) back.focus();
        else if (tries > 0) look(tries - 1);
      });
    look(30);
  };

  const saveLabel =
    save.kind === 'saved'
      ? `已保存 · 第 ${save.revision} 版`
      : save.kind === 'saving'
        ? '正在保存…'
        : save.kind === 'dirty'
          ? '有未保存的修改'
          : save.kind === 'new'
            ? '新报告，填写后自动保存'
            : save.kind === 'conflict'
              ? '保存冲突，请选择保留哪个版本'
              : save.errorKind === 'internal'
                ? '保存失败，修改还在，会再试'
                : '没有保存，修改还在（原因见提示）';

  const section = (key: TextSectionKey) => {
    const def = template.sections.find((s) => s.key === key)!;
    return (
      <Card withBorder key={key} data-part={key}>
        <Title order={5} mb="xs">
          {def.heading}
        </Title>
        <Textarea
          aria-label={def.heading}
          data-section={key}
          autosize
          minRows={3}
          readOnly={locked}
          value={report.sections[key] ?? ''}
          onChange={(e) => update({ ...report, sections: { ...report.sections, [key]: e.currentTarget.value } })}
        />
      </Card>
    );
  };

  return (
    <Stack gap="md" className="editor-page" ref={page} style={{ '--editor-toolbar-h': `${toolbarHeight}px` } as React.CSSProperties}>
      {/* The toolbar (with a bar to jump to each part) and the validation panel stay in view while the page scrolls. */}
      <Group justify="space-between" className="editor-toolbar" ref={toolbar}>
        <Group gap="xs">
          <Button variant="subtle" onClick={leave}>
            ← 档案
          </Button>
          <Title order={4}>
            {unit} {year} 年
          </Title>
          <Badge variant="light">{template.name}</Badge>
          <Badge color={locked ? 'green' : 'gray'}>{locked ? '定稿' : '草稿'}</Badge>
          {exchange.badge}
          {/* 本级 or 全区汇总: the 全区 comparison takes a parent's 全区汇总 report. */}
          <SegmentedControl
            size="xs"
            aria-label="报告范围"
            data={REPORT_SCOPES.map((s) => ({ value: s, label: REPORT_SCOPE_LABELS[s] }))}
            value={report.scope ?? 'own'}
            // Not readOnly: a click on a 定稿 report goes through update(), which says why it is refused.
            onChange={(scope) => update({ ...report, scope: scope as ReportScope })}
          />
        </Group>
        <Group gap="xs">
          <Text size="sm" c={save.kind === 'error' || save.kind === 'conflict' ? 'red' : 'dimmed'} aria-label="保存状态">
            {saveLabel}
          </Text>
          <Button variant="default" size="xs" data-save onClick={saveNow} title="立即保存（Ctrl+S）；修改也会自动保存">
            保存
          </Button>
          <Button variant="default" size="xs" onClick={() => setHistory(true)} disabled={save.kind === 'new'}>
            历史
          </Button>
          <Button variant="default" size="xs" onClick={exportXlsx} disabled={save.kind !== 'saved'}>
            导出 Excel
          </Button>
          <Button variant="default" size="xs" onClick={printOrPdf} disabled={save.kind !== 'saved'}>
            打印 / PDF
          </Button>
          <PublishCheckButton unit={unit} year={year} onPrint={onPrint} />
          {exchange.buttons}
          <Button variant="default" size="xs" onClick={() => step(undo, redo)} disabled={locked}>
            撤销
          </Button>
          <Button variant="default" size="xs" onClick={() => step(redo, undo)} disabled={locked}>
            重做
          </Button>
          {lock.button}
          {/* Only with nothing waiting to be saved: a save after the delete would bring the report back. */}
          <Button variant="subtle" color="red" size="xs" onClick={() => setDeleting(true)} disabled={save.kind !== 'saved'}>
            删除
          </Button>
        </Group>
        <Group gap={4} component="nav" aria-label="跳到" className="editor-jump">
          <Text size="xs" c="dimmed" mr={4}>
            跳到
          </Text>
          {template.sections.map((s) => (
            <Button key={s.key} size="compact-xs" variant="subtle" color="gray" title={s.heading} onClick={() => jump(s.key)}>
              {partLabel(s)}
            </Button>
          ))}
          {template.legacyHeading && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => jump('legacy')}>
              {template.legacyHeading}
            </Button>
          )}
          <Text size="xs" c="dimmed" ml="auto">
            F6 在表格、工具栏和校验结果之间切换
          </Text>
        </Group>
      </Group>
      {lock.banner}
      {exchange.panel}
      <PublishedDateInput value={report.published} readOnly={locked} onChange={(published) => update({ ...report, published })} />
      {saved && (
        <Alert color="green" withCloseButton onClose={() => setSaved(null)}>
          <SavedFile path={saved} onShow={(path) => showInFolder.mutate({ path })} />
        </Alert>
      )}
      <div className="editor-columns" {...lock.guard}>
        <div className="editor-main">
          <Stack gap="md">
            {section('overall')}
            {template.legacyColumns && (
              <LegacyEditor
                template={template}
                rows={report.legacy ?? []}
                readOnly={locked}
                onChange={(legacy) => update({ ...report, legacy })}
              />
            )}
            {template.tables.map((t, i) => (
              <Card withBorder key={t.id} data-part={t.id} padding="sm">
                <EditableTable
                  table={t}
                  heading={<Title order={5}>{t.section.heading}</Title>}
                  values={report.values}
                  provenance={provenance}
                  selected={selected}
                  highlighted={highlighted}
                  readOnly={locked}
                  onSelect={setSelected}
                  onChange={setValues}
                  // The grid is one Tab stop: the active cell, or 表一's first cell before any is chosen.
                  tabStop={i === 0 && !(selected && gridKeys.has(selected))}
                  cellClass={(key) => (exchange.cellReason(key) ? 'returned' : undefined)}
                  cellNote={(key) => {
                    const reason = exchange.cellReason(key);
                    return reason && `退回理由：${reason}`;
                  }}
                  onLeave={(dir) => {
                    const key = neighbourCell(template.tables, i, dir);
                    if (key) setSelected(key);
                    return !!key;
                  }}
                />
              </Card>
            ))}
            {section('problems')}
            {section('other')}
          </Stack>
        </div>
        <aside className="editor-side">
          {exchange.reasons}
          <FindingsPanel
            findings={findings}
            canDismiss={save.kind === 'saved'}
            onShow={(f) => {
              setHighlighted(new Set(f.cells));
              if (f.cells[0]) showCell(f.cells[0]);
            }}
            onFill={(key, value) => setValues({ [key]: value })}
            locked={locked}
            onLocked={lock.refuse}
            onDismiss={async (f, reason) => {
              await dismiss.mutateAsync({ unit, year, finding: { rule: f.rule, cells: f.cells }, reason });
            }}
            onUndismiss={(f) => undismiss.mutate({ unit, year, finding: { rule: f.rule, cells: f.cells } })}
          />
        </aside>
      </div>
      <HistoryDrawer
        unit={unit}
        year={year}
        opened={history}
        onClose={() => setHistory(false)}
        beforeRestore={() => queue.flush()}
        onRestored={onReload}
      />
      {conflict && (
        <ConflictDialog
          unit={unit}
          year={year}
          mine={report}
          onKeepMine={(revision) => {
            setConflict(false);
            queue.resolveConflict('mine', revision, report);
          }}
          onTakeTheirs={() => {
            setConflict(false);
            queue.resolveConflict('theirs', queue.revision);
            onReload();
          }}
        />
      )}
      {lock.dialogs}
      {exchange.dialogs}
      <DeleteConfirm
        target={deleting ? { kind: 'report', unit, year } : null}
        onClose={() => setDeleting(false)}
        onDeleted={onDeleted ?? onBack}
      />
    </Stack>
  );
}
