import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ArchivePage } from './pages/ArchivePage';
import { EditorPage } from './pages/EditorPage';
import { TemplatesPage } from './pages/TemplatesPage';

const PAGES = [
  { key: 'archive', label: '档案' },
  { key: 'templates', label: '表样' },
] as const;

export function App() {
  const [page, setPage] = useState<(typeof PAGES)[number]['key']>('archive');
  const [open, setOpen] = useState<{ unit: string; year: number; n: number } | null>(null);
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
          <NavLink
            key={p.key}
            label={p.label}
            active={p.key === page && !open}
            onClick={() => {
              setOpen(null);
              setPage(p.key);
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {open ? (
          <EditorPage
            key={`${open.unit}-${open.year}-${open.n}`}
            unit={open.unit}
            year={open.year}
            onBack={() => setOpen(null)}
            onReload={() => setOpen({ ...open, n: open.n + 1 })}
          />
        ) : page === 'archive' ? (
          <ArchivePage onOpen={(unit, year) => setOpen({ unit, year, n: 0 })} />
        ) : (
          <TemplatesPage />
        )}
      </AppShell.Main>
    </AppShell>
  );
}
