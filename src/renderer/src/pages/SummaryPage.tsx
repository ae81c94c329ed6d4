import { Stack, Text, Title } from '@mantine/core';
import type { PageParams } from '../lib/navigation';

/** 全区汇总. */
export function SummaryPage({ params }: { params: PageParams }) {
  return (
    <Stack>
      <Title order={2}>全区汇总</Title>
      <Text c="dimmed">{params.year ?? ''}</Text>
    </Stack>
  );
}
