import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { NavigationContext, PAGES, type Navigation, type PageKey, type PageParams, type ReportFocus } from './lib/navigation';
import { ArchivePage } from './pages/ArchivePage';
import { BoardPage } from './pages/BoardPage';
import { ChartsPage } from './pages/ChartsPage';
import { EditorPage } from './pages/EditorPage';
import { ErrorsPage } from './pages/ErrorsPage';
import { ExportPage } from './pages/ExportPage';
import { ImportPage } from './pages/ImportPage';
import { PrintView } from './pages/PrintView';
import { SettingsPage } from './pages/SettingsPage';
import { SummaryPage } from './pages/SummaryPage';
import { TemplatesPage } from './pages/TemplatesPage';
import { UnitsPage } from './pages/UnitsPage';

/** A report opened in the editor; `focus` is a search hit to scroll to. */
export interface OpenReport {
  unit: string;
  year: number;
  n: number;
  focus?: ReportFocus;
}

export function App() {
  const [page, setPage] = useState<PageKey>('archive');
  // Pages are mounted on their first visit and then kept (hidden), so leaving one loses nothing: the import list
  // with its typed units and resolved doubts, filters, a report being edited with its undo history.
  const [visited, setVisited] = useState<ReadonlySet<PageKey>>(() => new Set(['archive']));
  const [open, setOpen] = useState<OpenReport | null>(null);
  const [editing, setEditing] = useState(false);
  const [print, setPrint] = useState<{ unit: string; year: number } | null>(null);
  const [params, setParams] = useState<Partial<Record<PageKey, PageParams>>>({});
  const go = useCallback((key: PageKey, pageParams?: PageParams) => {
    setEditing(false);
    setPrint(null);
    setPage(key);
    if (pageParams) setParams((all) => ({ ...all, [key]: pageParams }));
    setVisited((v) => (v.has(key) ? v : new Set(v).add(key)));
  }, []);
  useEffect(() => window.api?.onMenu?.((command) => go(command)), [go]);
  const openReport = useCallback((unit: string, year: number, focus?: ReportFocus) => {
    setOpen((o) => (o && o.unit === unit && o.year === year && !focus ? o : { unit, year, n: (o?.n ?? 0) + 1, focus }));
    setEditing(true);
  }, []);
  const reportGone = useCallback(
    (unit: string, year?: number) => {
      if (!open || open.unit !== unit || (year !== undefined && open.year !== year)) return;
      setOpen(null);
      setEditing(false);
    },
    [open],
  );
  const navigation = useMemo<Navigation>(() => ({ openReport, goTo: go, reportGone }), [openReport, go, reportGone]);
  const reload = useCallback(() => setOpen((o) => o && { ...o, n: o.n + 1, focus: undefined }), []);
  const shown = (key: PageKey) => !editing && page === key;
  const pane = (key: PageKey, element: ReactNode) =>
    visited.has(key) && (
      <div key={key} hidden={!shown(key)} data-page={key}>
        {element}
      </div>
    );

  return (
    <NavigationContext.Provider value={navigation}>
      {/* The print view stands alone so the browser's print prints only the report; the app stays mounted behind it. */}
      {print && <PrintView unit={print.unit} year={print.year} onBack={() => setPrint(null)} />}
      <div hidden={!!print}>
        <AppShell header={{ height: 56 }} navbar={{ width: 160, breakpoint: 0 }} padding="md">
          <AppShell.Header px="md">
            <Group h="100%" justify="space-between">
              <Title order={3}>政府信息公开年报助手</Title>
              <Text size="sm" c="dimmed">
                离线使用 · 数据只保存在本机
              </Text>
            </Group>
          </AppShell.Header>
          <AppShell.Navbar p="xs">
            {PAGES.map((p) => (
              // Buttons, not <a> without href: the pages must be reachable with Tab.
              <NavLink
                key={p.key}
                component="button"
                type="button"
                label={p.label}
                active={shown(p.key)}
                aria-current={shown(p.key) ? 'page' : undefined}
                onClick={() => go(p.key)}
              />
            ))}
            {open && (
              <NavLink
                component="button"
                type="button"
                label={`${open.unit} ${open.year} 年`}
                description="正在编辑"
                active={editing}
                onClick={() => setEditing(true)}
                aria-label={`回到正在编辑的${open.unit}${open.year}年报告`}
              />
            )}
          </AppShell.Navbar>
          <AppShell.Main>
            {open && (
              <div hidden={!editing} data-page="editor">
                <EditorPage
                  key={`${open.unit}-${open.year}-${open.n}`}
                  unit={open.unit}
                  year={open.year}
                  focus={open.focus}
                  active={editing && !print}
                  onBack={() => setEditing(false)}
                  onDeleted={() => {
                    setOpen(null);
                    go('archive');
                  }}
                  onReload={reload}
                  onPrint={() => setPrint({ unit: open.unit, year: open.year })}
                />
              </div>
            )}
            {pane('archive', <ArchivePage onOpen={openReport} />)}
            {pane('import', <ImportPage onOpen={openReport} />)}
            {pane('units', <UnitsPage params={params.units ?? {}} />)}
            {pane('board', <BoardPage params={params.board ?? {}} />)}
            {pane('summary', <SummaryPage params={params.summary ?? {}} />)}
            {pane('errors', <ErrorsPage params={params.errors ?? {}} />)}
            {pane('charts', <ChartsPage params={params.charts ?? {}} />)}
            {pane('export', <ExportPage onPrint={(unit, year) => setPrint({ unit, year })} />)}
            {pane('settings', <SettingsPage />)}
            {pane('templates', <TemplatesPage />)}
          </AppShell.Main>
        </AppShell>
      </div>
    </NavigationContext.Provider>
  );
}
