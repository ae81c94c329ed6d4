// A file just written: where it is, and a button that shows it in its folder.
import { Button, Group, Text } from '@mantine/core';

/** "已保存到 …" with a button that opens the folder. */
export function SavedFile({
  path,
  label = '已保存到',
  after = '',
  onShow,
}: {
  path: string;
  label?: string;
  after?: string;
  onShow: (path: string) => void;
}) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Text size="sm" style={{ wordBreak: 'break-all' }} aria-label="保存位置">
        {label} {path}
        {after}
      </Text>
      <Button size="compact-sm" variant="light" onClick={() => onShow(path)} style={{ flexShrink: 0 }}>
        在文件夹中显示
      </Button>
    </Group>
  );
}
