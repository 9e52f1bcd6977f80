// Which ledger file is open: the one Core, switching files, and remembering the last one.
// A new file is opened before the old one is closed, so a refused file changes nothing.
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../core/core';
import { CoreError } from '../core/errors';
import { resolveDbPath } from '../core/paths';

const FILTERS = [{ name: '账簿文件', extensions: ['sqlite'] }];
const LAST_FILE = 'last-ledger.json';

export class Ledger {
  private core: Core | null = null;

  get current(): Core | null {
    return this.core;
  }

  /** Opens `file` (creating a new ledger if it does not exist) and makes it current. Throws on refusal. */
  async open(file: string): Promise<void> {
    const target = path.resolve(file);
    if (this.core && this.core.file === target) return;
    // One writer at a time: a second copy, here or on another PC via a share, is refused.
    const next = await openCore(target, { writerLock: '桌面程序' });
    const prev = this.core;
    this.core = next;
    prev?.close();
    rememberLastPath(target);
  }

  close(): void {
    this.core?.close();
    this.core = null;
  }
}

function lastPathFile(): string {
  return path.join(app.getPath('userData'), LAST_FILE);
}

function rememberLastPath(file: string): void {
  try {
    const tmp = `${lastPathFile()}.tmp`;
    fs.mkdirSync(path.dirname(tmp), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify({ path: file }, null, 2));
    fs.renameSync(tmp, lastPathFile());
  } catch (e) {
    console.error('[shell] 无法记录上次打开的账簿', e);
  }
}

function readLastPath(): string | null {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(lastPathFile(), 'utf8'));
    if (data && typeof data === 'object' && 'path' in data && typeof data.path === 'string' && fs.existsSync(data.path)) return data.path;
  } catch {
    // no remembered file (first run) or unreadable: use the default
  }
  return null;
}

/** `--db <file>` / `--db=<file>` or UNION_LEDGER_DB, else the last file opened, else the default ledger. */
export function initialLedgerPath(argv: readonly string[] = process.argv): string {
  let explicit: string | null = null;
  argv.forEach((arg, i) => {
    if (arg === '--db' && argv[i + 1]) explicit = argv[i + 1] ?? null;
    else if (arg.startsWith('--db=')) explicit = arg.slice('--db='.length);
  });
  if (explicit || process.env['UNION_LEDGER_DB']) return resolveDbPath(explicit);
  return readLastPath() ?? resolveDbPath();
}

export function describeError(e: unknown): string {
  if (e instanceof CoreError) return e.message;
  return `意外错误：${e instanceof Error ? e.message : String(e)}`;
}

export async function showError(win: BrowserWindow | null, title: string, e: unknown): Promise<void> {
  const options = { type: 'error' as const, title, message: title, detail: describeError(e), buttons: ['确定'], noLink: true };
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

/** Asks for an existing ledger file; null when cancelled. */
export async function pickExistingFile(win: BrowserWindow | null, current: string | null): Promise<string | null> {
  const options: OpenDialogOptions = {
    title: '打开账簿文件',
    buttonLabel: '打开',
    defaultPath: current ? path.dirname(current) : app.getPath('userData'),
    filters: FILTERS,
    properties: ['openFile'],
  };
  const res = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
  return res.canceled ? null : (res.filePaths[0] ?? null);
}

/** Asks where to create a new ledger; refuses existing files (a new ledger never overwrites). */
export async function pickNewFile(win: BrowserWindow | null, current: string | null): Promise<string | null> {
  const options: SaveDialogOptions = {
    title: '新建账簿文件',
    buttonLabel: '新建',
    defaultPath: path.join(current ? path.dirname(current) : app.getPath('userData'), `新账簿-${new Date().getFullYear()}.sqlite`),
    filters: FILTERS,
    properties: ['createDirectory'],
  };
  const res = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
  if (res.canceled || !res.filePath) return null;
  const file = path.extname(res.filePath).toLowerCase() === '.sqlite' ? res.filePath : `${res.filePath}.sqlite`;
  if (fs.existsSync(file) && fs.statSync(file).size > 0) {
    await showError(
      win,
      '文件已存在',
      new CoreError('CONFLICT', `${file} 已存在。新建账簿不会覆盖已有文件；如要使用该文件，请选择“文件 → 打开账簿文件…”。`),
    );
    return null;
  }
  return file;
}
