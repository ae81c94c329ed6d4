// 设置 (to be built).
import { Text } from '@mantine/core';

export function SettingsPage() {
  return <Text>设置</Text>;
}
