// 导入: the import wizard (to be built).
import { Text } from '@mantine/core';

export function ImportPage(_props: { onOpen: (unit: string, year: number) => void }) {
  return <Text>导入</Text>;
}
