import { Stack, Text, Title } from '@mantine/core';
import type { PageParams } from '../lib/navigation';

/** 报送情况. */
export function BoardPage({ params }: { params: PageParams }) {
  return (
    <Stack>
      <Title order={2}>报送情况</Title>
      <Text c="dimmed">{params.year ?? ''}</Text>
    </Stack>
  );
}
