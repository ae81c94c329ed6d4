import { Stack, Text, Title } from '@mantine/core';
import type { PageParams } from '../lib/navigation';

/** 差错清单. */
export function ErrorsPage({ params }: { params: PageParams }) {
  return (
    <Stack>
      <Title order={2}>差错清单</Title>
      <Text c="dimmed">{params.year ?? ''}</Text>
    </Stack>
  );
}
