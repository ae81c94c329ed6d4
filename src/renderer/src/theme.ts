import { createTheme } from '@mantine/core';

// Chinese fonts for Windows, UOS/Kylin and other Linux desktops, and macOS, in that order.
export const FONT_STACK =
  '"Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Hiragino Sans GB", sans-serif';

export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: 8,
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK, fontWeight: '600' },
  defaultRadius: 'sm',
});
