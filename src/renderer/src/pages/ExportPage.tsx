// 导出 (to be built).
import { Text } from '@mantine/core';

export function ExportPage(_props: { onPrint: (unit: string, year: number) => void }) {
  return <Text>导出</Text>;
}
