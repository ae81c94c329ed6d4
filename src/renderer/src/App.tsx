import { AppShell, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { getTemplate, TEMPLATE_IDS, type TemplateId } from '../../shared/template';
import { OfficialTable } from './components/OfficialTable';

const GRID_TEMPLATES = TEMPLATE_IDS.filter((id) => getTemplate(id).tables.length > 0);

export function App() {
  const [templateId, setTemplateId] = useState<TemplateId>('gov2021');
  const template = getTemplate(templateId);
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Title order={3}>政府信息公开年报助手</Title>
          <Text size="sm" c="dimmed">
            离线使用 · 数据只保存在本机
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Main>
        <Stack gap="md" maw={1100} mx="auto">
          <Card withBorder padding="lg">
            <Title order={4} mb="xs">
              欢迎使用
            </Title>
            <Text size="sm">
              本工具按国务院办公厅规定的格式编制、校验和归档《政府信息公开工作年度报告》：三张统计表共 200
              个数字，逐项执行表上印明的勾稽关系、跨年度衔接和正文与表格一致性检查。
            </Text>
          </Card>
          <SimpleGrid cols={3}>
            {TEMPLATE_IDS.map((id) => {
              const t = getTemplate(id);
              return (
                <Card key={id} withBorder padding="md">
                  <Group justify="space-between" mb={4}>
                    <Text fw={600}>{t.name.replace(/（.*）/, '')}</Text>
                    <Badge variant="light">{t.cells.length ? `${t.cells.length} 格` : '自由附表'}</Badge>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t.issuedBy}
                  </Text>
                </Card>
              );
            })}
          </SimpleGrid>
          <Card withBorder padding="lg">
            <Group justify="space-between" mb="md">
              <Title order={4}>官方表样预览</Title>
              <SegmentedControl
                value={templateId}
                onChange={(v) => setTemplateId(v as TemplateId)}
                data={GRID_TEMPLATES.map((id) => ({ value: id, label: id === 'gov2021' ? '2021年版' : '2019年版（试行）' }))}
              />
            </Group>
            <Stack gap="lg">
              {template.tables.map((t) => (
                <div key={t.id}>
                  <Text fw={600} mb={6}>
                    {t.section.heading}
                  </Text>
                  <OfficialTable table={t} />
                </div>
              ))}
            </Stack>
          </Card>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
