// The Electron shell: one instance, one locked-down window, one IPC channel to the core.
// Everything else (validation, roles, the ledger itself) lives in the core.
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { defaultDataDir } from '../core/paths';
import { LedgerOpenProblem } from '../core/core';
import { restoreClosedLedger } from '../core/system/restore';
import { startBackupScheduler } from '../core/system/scheduler';
import { registerInvoke, clientOf } from './ipc';
import { describeError, initialLedgerPath, Ledger, pickExistingFile, pickNewFile, showError } from './ledger-file';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_TITLE, createMainWindow, denyAllPermissions, lockDownWebContents } from './window';

// Every host agrees on where the ledger lives; Chromium's own data goes in a subfolder.
app.setPath('userData', defaultDataDir());
app.setPath('sessionData', path.join(defaultDataDir(), 'chromium'));

const root = app.getAppPath(); // the folder holding package.json ("main": out/main/index.js)
const ledger = new Ledger();
let win: BrowserWindow | null = null;
// Automatic backups: one a day while open, one on close (the same scheduler as browser mode).
let backups: ReturnType<typeof startBackupScheduler> | null = null;

function showTitle(): void {
  const file = ledger.current?.file;
  win?.setTitle(file ? `${APP_TITLE} — ${path.basename(file)}` : APP_TITLE);
}

/** Opens the ledger at start-up; on refusal lets the user pick another file or quit. */
async function openFirstLedger(): Promise<boolean> {
  let file: string | null = initialLedgerPath();
  for (;;) {
    let problem: string | null = null;
    let offer: LedgerOpenProblem['offer'] = null;
    if (file) {
      try {
        await ledger.open(file);
        return true;
      } catch (e) {
        problem = describeError(e);
        if (e instanceof LedgerOpenProblem) offer = e.offer;
      }
    }
    // A damaged or foreign file: offer the newest backup that passes the checks (issue 7).
    const buttons = [...(offer ? ['从最近的完好备份恢复'] : []), '打开其他账簿文件…', '新建账簿文件…', '退出'];
    const { response } = await dialog.showMessageBox({
      type: problem ? 'error' : 'question',
      title: problem ? '无法打开账簿' : APP_TITLE,
      message: problem ? '无法打开账簿文件' : '请选择要使用的账簿文件。',
      detail: problem ?? '',
      buttons,
      defaultId: 0,
      cancelId: buttons.length - 1,
      noLink: true,
    });
    const choice = buttons[response];
    if (choice === '退出') return false;
    if (choice === '从最近的完好备份恢复' && offer && file) {
      try {
        await restoreClosedLedger(file, offer.path, null, { userId: null, username: null, host: 'electron' }, `账簿无法打开（${problem ?? ''}），从最近的完好备份恢复`);
      } catch (e) {
        await showError(null, '恢复失败', e);
      }
      continue;
    }
    file = choice === '打开其他账簿文件…' ? await pickExistingFile(null, file) : await pickNewFile(null, file);
  }
}

async function switchLedger(mode: 'open' | 'new'): Promise<void> {
  const current = ledger.current?.file ?? null;
  const file = mode === 'open' ? await pickExistingFile(win, current) : await pickNewFile(win, current);
  if (!file) return;
  try {
    await ledger.open(file);
  } catch (e) {
    await showError(win, '无法打开账簿文件', e);
    return;
  }
  showTitle();
  win?.webContents.reload(); // the new ledger has no sessions: back to its login or set-up page
}

function about(): void {
  const detail = [
    `版本 ${app.getVersion()}`,
    `当前账簿：${ledger.current?.file ?? '（未打开）'}`,
    `Electron ${process.versions.electron ?? ''} · Chromium ${process.versions.chrome ?? ''} · Node.js ${process.versions.node}`,
  ].join('\n');
  const options = { type: 'info' as const, title: '关于工会经费账簿', message: APP_TITLE, detail, buttons: ['确定'], noLink: true };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function openWindow(): void {
  const w = createMainWindow(path.join(root, 'out', 'preload', 'index.cjs'));
  const client = clientOf(w.webContents);
  w.on('closed', () => {
    ledger.current?.sessions.drop(client.clientId);
    if (win === w) win = null;
  });
  win = w;
  showTitle();
}

async function start(): Promise<void> {
  await app.whenReady();
  denyAllPermissions(session.defaultSession);
  serveRenderer(path.join(root, 'out', 'renderer'));
  registerInvoke({
    isMainWindow: (contents) => win !== null && !win.isDestroyed() && contents === win.webContents,
    dispatch: async (client, op, input) => {
      const core = ledger.current;
      if (!core) return { ok: false, error: { code: 'INTERNAL', message: '当前没有打开的账簿文件，请通过“文件”菜单打开或新建账簿。' } };
      return core.dispatch(client, op, input);
    },
  });
  installMenu({
    openLedger: () => void switchLedger('open'),
    newLedger: () => void switchLedger('new'),
    showLedgerInFolder: () => {
      if (ledger.current) shell.showItemInFolder(ledger.current.file);
    },
    about,
  });
  if (!(await openFirstLedger())) {
    app.quit();
    return;
  }
  backups = startBackupScheduler(() => ledger.current);
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it brings its window to the front; this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.enableSandbox();
  registerAppScheme();
  lockDownWebContents();
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    // The closing backup is asynchronous: hold the quit until it is written, then close the ledger.
    quitting = true;
    event.preventDefault();
    void (backups?.stop() ?? Promise.resolve()).finally(() => {
      ledger.close();
      app.quit();
    });
  });
  start().catch((e: unknown) => {
    console.error('[shell] 启动失败', e);
    dialog.showErrorBox('工会经费账簿无法启动', describeError(e));
    app.exit(1);
  });
}
