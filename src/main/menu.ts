// The Chinese application menu. Page commands are sent to the renderer (MENU_COMMANDS in shared/channels.ts);
// editing uses Electron's roles so copy/paste work in every text box.
import { app, dialog, Menu, shell, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/channels';
import { APP_VERSION } from './version';

export function buildMenu(getWindow: () => BrowserWindow | undefined, archivePath: string): Menu {
  const go = (command: MenuCommand) => () => getWindow()?.webContents.send('menu', command);
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '档案', accelerator: 'CmdOrCtrl+1', click: go('archive') },
        { label: '导入年报…', accelerator: 'CmdOrCtrl+O', click: go('import') },
        { label: '导出…', accelerator: 'CmdOrCtrl+E', click: go('export') },
        { type: 'separator' },
        { label: '设置与备份', click: go('settings') },
        { label: '打开档案所在文件夹', click: () => shell.showItemInFolder(archivePath) },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { label: '实际大小', role: 'resetZoom' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      submenu: [
        {
          label: '关于',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: `政府信息公开年报助手 ${APP_VERSION}`,
              detail: `离线使用，数据只保存在本机。\n档案：${archivePath}\nElectron ${process.versions.electron}`,
            }),
        },
      ],
    },
  ];
  if (process.platform === 'darwin') template.unshift({ label: app.name, submenu: [{ label: '退出', role: 'quit' }] });
  return Menu.buildFromTemplate(template);
}
