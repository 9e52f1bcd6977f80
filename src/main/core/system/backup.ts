// Online backup of an open ledger (plain Node, no electron): SQLite's backup API copies a
// consistent snapshot while the ledger stays in use, then the copy is checked before it is
// given its final name. Shared by the command line and, later, the desktop app.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID } from '../db/open';
import { CoreError } from '../errors';
import { encryptFile, ENCRYPTED_EXT } from './backup-crypto';

/** Why a backup was taken; the label is part of the file name ("…-20261121-090000-自动.sqlite"). */
export const BACKUP_KINDS = {
  manual: '备份',
  auto: '自动',
  close: '关闭时',
  migration: '迁移前',
  yearClose: '年结前',
  beforeRestore: '恢复前',
  undoneRestore: '撤销恢复',
} as const;
export type BackupKind = keyof typeof BACKUP_KINDS;

export interface BackupOptions {
  /** A file to write, or an existing folder (or one ending in a path separator) to write into.
   *  Default: "<db folder>/backups". */
  out?: string | null;
  /** Clock for the file name (tests). */
  now?: Date;
  /** Why it is taken (names the file); default "manual" (…-备份.sqlite). */
  kind?: BackupKind;
  /** Encrypt the copy into a password-protected .ulbak file. */
  password?: string | null;
}

export interface BackupCheck {
  ok: boolean;
  /** PRAGMA integrity_check lines; ['ok'] when sound. */
  integrity: string[];
  /** Whether the copy carries the Union Ledger application_id. */
  isLedger: boolean;
}

export interface BackupResult extends BackupCheck {
  path: string;
  bytes: number;
}

function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

/** The copy was made but did not pass its check (it has been removed). */
export class BackupCheckFailed extends CoreError {
  constructor(message: string, readonly check: BackupCheck) {
    super('INTERNAL', message);
    this.name = 'BackupCheckFailed';
  }
}

export function defaultBackupDir(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), 'backups');
}

/** "<name>-YYYYMMDD-HHMMSS-备份.sqlite" in `dir`, with "-2", "-3"… if that name is taken. */
export function timestampedBackupPath(dbFile: string, dir: string, at: Date, kind: BackupKind = 'manual', ext = '.sqlite'): string {
  const base = `${path.basename(dbFile, path.extname(dbFile))}-${timestamp(at)}-${BACKUP_KINDS[kind]}`;
  let candidate = path.join(dir, `${base}${ext}`);
  for (let i = 2; fs.existsSync(candidate); i++) candidate = path.join(dir, `${base}-${i}${ext}`);
  return candidate;
}

/** Where a backup goes: a named file, or a timestamped file in a folder. */
export function resolveBackupTarget(dbFile: string, opts: BackupOptions = {}): string {
  const at = opts.now ?? new Date();
  const out = opts.out?.trim();
  const kind = opts.kind ?? 'manual';
  const ext = opts.password ? ENCRYPTED_EXT : '.sqlite';
  if (!out) return timestampedBackupPath(dbFile, defaultBackupDir(dbFile), at, kind, ext);
  const resolved = path.resolve(out);
  const isDir = /[\\/]$/.test(out) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  if (isDir) return timestampedBackupPath(dbFile, resolved, at, kind, ext);
  if (fs.existsSync(resolved)) throw new CoreError('CONFLICT', `备份文件 ${resolved} 已存在，未覆盖。请换一个文件名或指定一个文件夹。`);
  if (resolved === path.resolve(dbFile)) throw new CoreError('CONFLICT', '备份文件不能是账簿文件本身。');
  return resolved;
}

/** Opens a copy on its own and checks it: SQLite integrity and the ledger's identity. */
export function checkBackupFile(file: string): BackupCheck {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    const isLedger = (db.pragma('application_id', { simple: true }) as number) === APPLICATION_ID;
    return { ok: integrity.length === 1 && integrity[0] === 'ok' && isLedger, integrity, isLedger };
  } finally {
    db.close();
  }
}

/**
 * Copies the open ledger to a backup file and verifies the copy. The copy is written under a
 * temporary name, turned into a single self-contained file (no -wal), checked, and only then
 * renamed; a copy that fails the check is removed and the call throws.
 */
export async function backupLedger(sqlite: Database.Database, dbFile: string, opts: BackupOptions = {}): Promise<BackupResult> {
  const target = resolveBackupTarget(dbFile, opts);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  const cleanup = () => {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(f, { force: true });
  };
  cleanup();
  try {
    await sqlite.backup(partial);
    // A backup is one file you can carry away: leave WAL mode so nothing lives in a side file.
    const copy = new Database(partial, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const check = checkBackupFile(partial);
    if (!check.ok) {
      const why = check.isLedger ? check.integrity.slice(0, 3).join('；') : '副本不是工会经费账簿文件（application_id 不符）';
      throw new BackupCheckFailed(`备份副本校验未通过：${why}。已删除该副本，原账簿未受影响。`, check);
    }
    if (opts.password) {
      await encryptFile(partial, target, opts.password);
      cleanup();
    } else {
      fs.renameSync(partial, target);
    }
    return { ...check, path: target, bytes: fs.statSync(target).size };
  } catch (e) {
    cleanup();
    if (e instanceof CoreError) throw e;
    throw new CoreError('INTERNAL', `备份失败：${e instanceof Error ? e.message : String(e)}（原账簿未受影响）`);
  }
}
