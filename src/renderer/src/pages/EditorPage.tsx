// 年报编辑: the six sections in order, the tables in the official layout, live validation, autosave with a
// visible state, undo/redo, and 定稿 (locked until unlocked with a confirmation).
import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '../../../shared/validation';
import type { DismissedFinding } from '../../../shared/validation';
import type { CellValue, Report } from '../../../shared/report';
import { getTemplate, type SectionDef, type TextSectionKey } from '../../../shared/template';
import { call } from '../api';
import { EditableTable } from '../components/EditableTable';
import { FindingsPanel } from '../components/FindingsPanel';
import { HistoryDrawer } from '../components/HistoryDrawer';
import { PublishCheckButton } from '../components/PublishCheck';
import { SavedFile } from '../components/SavedFile';
import { DeleteConfirm } from '../components/DeleteConfirm';
import { LegacyEditor } from '../components/LegacyEditor';
import { useReportLock } from '../components/lock/useReportLock';
import { PublishedDateInput } from '../components/PublishedDateInput';
import { neighbourCell } from '../lib/grid';

interface Props {
  unit: string;
  year: number;
  /** A search hit to show: the section, and where the found text is in it. */
  focus?: { section: string; offset: number; length: number };
  onBack: () => void;
  onReload: () => void;
  onPrint: () => void;
}

type SaveState =
  | { kind: 'saved'; revision: number; at: string }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'new' }
  | { kind: 'error'; message: string };

const AUTOSAVE_MS = 1200;

/** A short name for the jump bar: the part's number and its first keyword (一、总体情况, 三、收到和处理 …). */
const partLabel = (s: SectionDef) => {
  const n = /^[一二三四五六七八九十]+、/.exec(s.heading)?.[0] ?? '';
  return n + (s.keywords[0] ?? s.heading);
};

/** Scrolls a part of the report into view below the sticky toolbar (scroll-margin-top in global.css). */
const jump = (key: string) => document.querySelector(`[data-part="${key}"]`)?.scrollIntoView({ block: 'start' });

export function EditorPage({ unit, year, focus, onBack, onReload, onPrint }: Props) {
  const [report, setReport] = useState<Report | null>(null);
  const [provenance, setProvenance] = useState<Record<string, string>>({});
  const [revision, setRevision] = useState(0);
  const [status, setStatus] = useState<'draft' | 'final'>('draft');
  const [findings, setFindings] = useState<DismissedFinding[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: 'new' });
  const [selected, setSelected] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  // One id per editor visit: main merges this visit's saves within a burst into one revision.
  const [session] = useState(() => globalThis.crypto?.randomUUID?.() ?? `s${Date.now()}${Math.random()}`);
  const [history, setHistory] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const undo = useRef<Report[]>([]);
  const redo = useRef<Report[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const { ref: toolbar, height: toolbarHeight } = useElementSize();

  useEffect(() => {
    call('report.get', { unit, year }).then(
      (s) => {
        setReport(s.report);
        setProvenance(s.provenance);
        setRevision(s.revision);
        setStatus(s.status);
        setFindings(s.findings);
        setSave({ kind: 'saved', revision: s.revision, at: s.updatedAt });
      },
      () =>
        call('report.draft', { unit, year }).then(
          (d) => {
            setReport(d.report);
            setProvenance(d.provenance);
            setSave({ kind: 'new' });
          },
          (e: Error) => setMessage(e.message),
        ),
    );
  }, [unit, year]);

  // Opened from a search hit: scroll to the section and select the text found.
  const focused = useRef(false);
  useEffect(() => {
    if (!report || !focus || focused.current) return;
    focused.current = true;
    const box = document.querySelector<HTMLTextAreaElement>(`textarea[data-section="${focus.section}"]`);
    if (!box) return;
    box.scrollIntoView({ block: 'center' });
    box.focus();
    box.setSelectionRange(focus.offset, focus.offset + focus.length);
  }, [report, focus]);

  // Live validation of what is on screen (with last year's report, from main).
  useEffect(() => {
    if (!report) return;
    const t = setTimeout(() => {
      call('report.validate', { report }).then(
        (fs: Finding[]) =>
          setFindings((old) => fs.map((f) => old.find((o) => o.dismissed && o.rule === f.rule && o.cells.join() === f.cells.join()) ?? f)),
        () => undefined,
      );
    }, 150);
    return () => clearTimeout(t);
  }, [report]);

  const persist = useCallback(
    (r: Report, base: number) => {
      setSave({ kind: 'saving' });
      call('report.save', { report: r, baseRevision: base, provenance, session }).then(
        (res) => {
          setRevision(res.revision);
          setFindings(res.findings);
          setSave({ kind: 'saved', revision: res.revision, at: new Date().toISOString() });
        },
        (e: Error) => setSave({ kind: 'error', message: e.message }),
      );
    },
    [provenance, session],
  );
  const lock = useReportLock({
    unit,
    year,
    status,
    errors: findings.filter((f) => f.severity === 'error' && !f.dismissed),
    canFinalize: save.kind === 'saved',
    onChanged: (s, r) => {
      setStatus(s);
      setRevision(r);
      setSave({ kind: 'saved', revision: r, at: new Date().toISOString() });
    },
  });

  const update = (next: Report) => {
    if (!report) return;
    if (status === 'final') return lock.refuse();
    undo.current.push(report);
    redo.current = [];
    setReport(next);
    setSave({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => persist(next, revision), AUTOSAVE_MS);
  };
  const setValues = (changes: Record<string, CellValue>) => report && update({ ...report, values: { ...report.values, ...changes } });
  const step = (from: React.RefObject<Report[]>, to: React.RefObject<Report[]>) => {
    if (status === 'final') return lock.refuse();
    const prev = from.current.pop();
    if (!prev || !report) return;
    to.current.push(report);
    setReport(prev);
    setSave({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => persist(prev, revision), AUTOSAVE_MS);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).tagName === 'TEXTAREA') return;
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
  });

  if (!report) return message ? <Alert color="red">{message}</Alert> : <Text>正在打开…</Text>;
  const template = getTemplate(report.template);
  const locked = lock.locked;

  const exportXlsx = () =>
    call('export.report', { unit, year }).then(
      (r) => r && setSaved(r.path),
      (e: Error) => setMessage(e.message),
    );
  // Electron prints to a PDF file; the browser shows the print view and its own print dialog.
  const printOrPdf = () =>
    call('app.info', {})
      .then((info) => (info.host === 'electron' ? call('export.pdf', { unit, year }).then((r) => r && setSaved(r.path)) : onPrint()))
      .catch((e: Error) => setMessage(e.message));

  const saveLabel =
    save.kind === 'saved'
      ? `已保存 · 第 ${save.revision} 版`
      : save.kind === 'saving'
        ? '正在保存…'
        : save.kind === 'dirty'
          ? '有未保存的修改'
          : save.kind === 'new'
            ? '新报告，填写后自动保存'
            : '保存失败';

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
    <Stack gap="md" className="editor-page" style={{ '--editor-toolbar-h': `${toolbarHeight}px` } as React.CSSProperties}>
      {/* The toolbar (with a bar to jump to each part) and the validation panel stay in view while the page scrolls. */}
      <Group justify="space-between" className="editor-toolbar" ref={toolbar}>
        <Group gap="xs">
          <Button variant="subtle" onClick={onBack}>
            ← 档案
          </Button>
          <Title order={4}>
            {unit} {year} 年
          </Title>
          <Badge variant="light">{template.name}</Badge>
          <Badge color={locked ? 'green' : 'gray'}>{locked ? '定稿' : '草稿'}</Badge>
        </Group>
        <Group gap="xs">
          <Text size="sm" c={save.kind === 'error' ? 'red' : 'dimmed'} aria-label="保存状态">
            {saveLabel}
          </Text>
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
          <Button variant="default" size="xs" onClick={() => step(undo, redo)} disabled={locked}>
            撤销
          </Button>
          <Button variant="default" size="xs" onClick={() => step(redo, undo)} disabled={locked}>
            重做
          </Button>
          {lock.button}
          <Button variant="subtle" color="red" size="xs" onClick={() => setDeleting(true)} disabled={save.kind === 'new'}>
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
        </Group>
      </Group>
      {lock.banner}
      <PublishedDateInput value={report.published} readOnly={locked} onChange={(published) => update({ ...report, published })} />
      {save.kind === 'error' && <Alert color="red">{save.message}</Alert>}
      {saved && (
        <Alert color="green" withCloseButton onClose={() => setSaved(null)}>
          <SavedFile path={saved} onShow={(path) => void call('host.showInFolder', { path })} />
        </Alert>
      )}
      {message && (
        <Alert color="red" withCloseButton onClose={() => setMessage(null)}>
          {message}
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
          <FindingsPanel
            findings={findings}
            canDismiss={save.kind === 'saved'}
            onShow={(f) => {
              setHighlighted(new Set(f.cells));
              if (f.cells[0]) {
                setSelected(f.cells[0]);
                document.querySelector(`[data-key="${f.cells[0]}"]`)?.scrollIntoView({ block: 'center' });
              }
            }}
            onFill={(key, value) => setValues({ [key]: value })}
            locked={locked}
            onLocked={lock.refuse}
            onDismiss={async (f, reason) =>
              setFindings(await call('findings.dismiss', { unit, year, finding: { rule: f.rule, cells: f.cells }, reason }))
            }
            onUndismiss={(f) =>
              call('findings.undismiss', { unit, year, finding: { rule: f.rule, cells: f.cells } }).then(setFindings, (e: Error) =>
                setMessage(e.message),
              )
            }
          />
        </aside>
      </div>
      <HistoryDrawer unit={unit} year={year} opened={history} onClose={() => setHistory(false)} onRestored={onReload} />
      {lock.dialogs}
      <DeleteConfirm target={deleting ? { kind: 'report', unit, year } : null} onClose={() => setDeleting(false)} onDeleted={onBack} />
    </Stack>
  );
}
