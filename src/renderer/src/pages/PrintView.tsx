// The print view of a report in the official look (to be built).
import { Text } from '@mantine/core';

export function PrintView(_props: { unit: string; year: number; onBack?: () => void }) {
  return <Text>打印</Text>;
}
