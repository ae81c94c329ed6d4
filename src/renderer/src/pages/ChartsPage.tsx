import { Stack, Text, Title } from '@mantine/core';
import type { PageParams } from '../lib/navigation';

/** 图表. */
export function ChartsPage({ params }: { params: PageParams }) {
  return (
    <Stack>
      <Title order={2}>图表</Title>
      <Text c="dimmed">{params.year ?? ''}</Text>
    </Stack>
  );
}
