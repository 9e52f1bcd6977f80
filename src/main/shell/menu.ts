// The native menu, in Chinese. Edit and view items use Electron's built-in roles.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openLedger(): void;
  newLedger(): void;
  showLedgerInFolder(): void;
  about(): void;
}

export function installMenu(actions: MenuActions): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '文件',
      submenu: [
        { label: '打开账簿文件…', accelerator: 'CmdOrCtrl+O', click: () => actions.openLedger() },
        { label: '新建账簿文件…', accelerator: 'CmdOrCtrl+N', click: () => actions.newLedger() },
        { label: '在文件夹中显示账簿', click: () => actions.showLedgerInFolder() },
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
        { label: '重新加载', role: 'reload' },
        { type: 'separator' },
        { label: '实际大小', role: 'resetZoom' },
        { label: '放大', role: 'zoomIn' },
        { label: '缩小', role: 'zoomOut' },
        { type: 'separator' },
        { label: '全屏', role: 'togglefullscreen' },
      ],
    },
    {
      label: '帮助',
      role: 'help',
      submenu: [{ label: '关于工会经费账簿', click: () => actions.about() }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
