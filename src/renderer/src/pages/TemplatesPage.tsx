// 表样: the official tables of each version, drawn from the template definitions.
import { Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { getTemplate, type TemplateId } from '../../../shared/template';
import { OfficialTable } from '../components/OfficialTable';

export function TemplatesPage() {
  const [templateId, setTemplateId] = useState<TemplateId>('gov2021');
  const template = getTemplate(templateId);
  return (
    <Card withBorder padding="lg">
      <Group justify="space-between" mb="md">
        <Title order={3}>官方表样</Title>
        <SegmentedControl
          value={templateId}
          onChange={(v) => setTemplateId(v as TemplateId)}
          data={[
            { value: 'gov2021', label: '2021年版' },
            { value: 'gov2019', label: '2019年版（试行）' },
          ]}
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
  );
}
