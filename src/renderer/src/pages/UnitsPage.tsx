import { Stack, Text, Title } from '@mantine/core';
import type { PageParams } from '../lib/navigation';

/** 单位. */
export function UnitsPage({ params }: { params: PageParams }) {
  return (
    <Stack>
      <Title order={2}>单位</Title>
      <Text c="dimmed">{params.year ?? ''}</Text>
    </Stack>
  );
}
