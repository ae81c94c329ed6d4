import { Alert, createTheme, Drawer, Modal, Notification } from '@mantine/core';

// Chinese fonts for Windows, UOS/Kylin and other Linux desktops, and macOS, in that order.
export const FONT_STACK =
  '"Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Hiragino Sans GB", sans-serif';

export const theme = createTheme({
  primaryColor: 'red',
  primaryShade: 8,
  fontFamily: FONT_STACK,
  headings: { fontFamily: FONT_STACK, fontWeight: '600' },
  defaultRadius: 'sm',
  // Close buttons are icons only: a screen reader and the focus walk need their name.
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': '关闭' } } }),
    Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { 'aria-label': '关闭' } } }),
    Alert: Alert.extend({ defaultProps: { closeButtonLabel: '关闭' } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': '关闭' } } }),
  },
});
