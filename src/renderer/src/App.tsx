import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { MenuCommand } from '../../shared/channels';
import { ArchivePage } from './pages/ArchivePage';
import { EditorPage } from './pages/EditorPage';
import { ExportPage } from './pages/ExportPage';
import { ImportPage } from './pages/ImportPage';
import { PrintView } from './pages/PrintView';
import { SettingsPage } from './pages/SettingsPage';
import { TemplatesPage } from './pages/TemplatesPage';

const PAGES = [
  { key: 'archive', label: '档案' },
  { key: 'import', label: '导入' },
  { key: 'export', label: '导出' },
  { key: 'settings', label: '设置与备份' },
  { key: 'templates', label: '表样' },
] as const satisfies readonly { key: MenuCommand | 'templates'; label: string }[];
type PageKey = (typeof PAGES)[number]['key'];

/** A report opened in the editor; `focus` is a search hit to scroll to. */
export interface OpenReport {
  unit: string;
  year: number;
  n: number;
  focus?: { section: string; offset: number; length: number };
}

export function App() {
  const [page, setPage] = useState<PageKey>('archive');
  const [open, setOpen] = useState<OpenReport | null>(null);
  const [print, setPrint] = useState<{ unit: string; year: number } | null>(null);
  const go = (key: PageKey) => {
    setOpen(null);
    setPrint(null);
    setPage(key);
  };
  useEffect(() => window.api?.onMenu?.(go), []);
  const openReport = (unit: string, year: number, focus?: OpenReport['focus']) => setOpen({ unit, year, n: 0, focus });

  // The print view stands alone so the browser's print prints only the report.
  if (print) return <PrintView unit={print.unit} year={print.year} onBack={() => setPrint(null)} />;
  return (
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
          <NavLink key={p.key} label={p.label} active={p.key === page && !open} onClick={() => go(p.key)} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {open ? (
          <EditorPage
            key={`${open.unit}-${open.year}-${open.n}`}
            unit={open.unit}
            year={open.year}
            focus={open.focus}
            onBack={() => setOpen(null)}
            onReload={() => setOpen({ ...open, n: open.n + 1, focus: undefined })}
            onPrint={() => setPrint({ unit: open.unit, year: open.year })}
          />
        ) : page === 'archive' ? (
          <ArchivePage onOpen={openReport} />
        ) : page === 'import' ? (
          <ImportPage onOpen={openReport} />
        ) : page === 'export' ? (
          <ExportPage onPrint={(unit, year) => setPrint({ unit, year })} />
        ) : page === 'settings' ? (
          <SettingsPage />
        ) : (
          <TemplatesPage />
        )}
      </AppShell.Main>
    </AppShell>
  );
}
