// Opening a ledger file: pragmas, identity check, backup, migrations.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';
import { CoreError } from '../errors';

/** PRAGMA application_id marks a file as a Union Ledger book ("ULDG"). */
export const APPLICATION_ID = 0x554c4447;

/**
 * The file at the ledger's path cannot be used as it is: not SQLite or damaged, another program's
 * database, or emptied. Nothing was changed; the hosts offer the newest good backup (core.ts).
 */
export class LedgerFileProblem extends CoreError {
  constructor(
    readonly kind: 'damaged' | 'foreign' | 'empty',
    message: string,
  ) {
    super('CONFLICT', message);
    this.name = 'LedgerFileProblem';
  }
}

export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

export interface OpenOptions {
  /** Folder for the automatic pre-migration backup; default: "<db folder>/backups". */
  backupDir?: string;
  readonly?: boolean;
  /** The migration list; tests pass a longer one to exercise upgrades. */
  migrations?: readonly Migration[];
  /** Injectable clock (tests); defaults to the system time. */
  clock?: () => Date;
  /** The previous session did not end cleanly (the host took over a stale writer lock): run the full check. */
  uncleanShutdown?: boolean;
  /** Files smaller than this always get the full check (cheap there); default 64 MB. */
  fullCheckBelowBytes?: number;
  /** Days between full checks; default the ledger's setting `open.fullCheckDays`, else 7. */
  fullCheckEveryDays?: number;
}

/** What the open checked: the full PRAGMA quick_check or the cheap identity/header check, and why. */
export interface OpenCheck {
  full: boolean;
  reason: string;
}

export interface OpenResult {
  sqlite: Database.Database;
  migrated: number[];
  backupPath: string | null;
  /** null for read-only opens and new files (nothing checked). */
  check: OpenCheck | null;
}

/** Settings rows (system bookkeeping like schema_migrations, not audited): when the last full check passed, and how often one is due. */
export const LAST_FULL_CHECK_KEY = 'open.lastFullCheck';
export const FULL_CHECK_DAYS_KEY = 'open.fullCheckDays';
export const DEFAULT_FULL_CHECK_DAYS = 7;
export const DEFAULT_FULL_CHECK_BELOW_BYTES = 64 * 1024 * 1024;

export interface OpenCheckFacts {
  bytes: number;
  /** A "<ledger>-wal" file was there before we opened: SQLite deletes it when the last connection closes cleanly. */
  walLeftOver: boolean;
  /** The writer lock was taken over from a dead or stale holder. */
  lockTakenOver: boolean;
  lastFullCheck: Date | null;
  everyDays: number;
  belowBytes: number;
  now: Date;
}

/**
 * Full PRAGMA quick_check (3.4 s on a 1.1 GB ledger) or the cheap check on open (issue 8, keeping
 * issue 7's refusal of damaged files): full when the file is small, when the last session did not
 * end cleanly, or when the last full check is older than `everyDays`. A file with damaged pages but
 * an intact header that was closed cleanly is caught by the periodic full check, by `verify`
 * (integrity_check) and by the check every backup gets.
 */
export function decideOpenCheck(f: OpenCheckFacts): OpenCheck {
  if (f.bytes < f.belowBytes) return { full: true, reason: `文件小于 ${Math.round(f.belowBytes / 1024 / 1024)} MB` };
  if (f.lockTakenOver) return { full: true, reason: '上次未正常关闭（锁文件由已退出的程序遗留）' };
  if (f.walLeftOver) return { full: true, reason: '上次未正常关闭（留有 -wal 日志文件）' };
  if (!f.lastFullCheck) return { full: true, reason: '尚无完整检查的记录' };
  const days = (f.now.getTime() - f.lastFullCheck.getTime()) / 86_400_000;
  if (days >= f.everyDays || days < 0) return { full: true, reason: `距上次完整检查已超过 ${f.everyDays} 天` };
  return { full: false, reason: `上次正常关闭，${f.everyDays} 天内做过完整检查` };
}

function readSetting(sqlite: Database.Database, key: string): unknown {
  try {
    const row = sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  } catch {
    return undefined; // no settings table yet, or an unreadable value: treated as absent
  }
}

/** The header says the file has more pages than it holds: truncated (only meaningful without a WAL). */
function headerTruncated(file: string, bytes: number): boolean {
  const h = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, h, 0, 100, 0) < 100) return true;
  } finally {
    fs.closeSync(fd);
  }
  if (h.toString('latin1', 0, 16) !== 'SQLite format 3\0') return true;
  const raw = h.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  // The in-header page count is valid only when "version-valid-for" equals the change counter.
  if (h.readUInt32BE(92) !== h.readUInt32BE(24)) return false;
  return bytes < h.readUInt32BE(28) * pageSize;
}

/** The cheap check: header and page count, and the first page of every table (migration history included) readable. */
function cheapCheck(sqlite: Database.Database, file: string, bytes: number, walLeftOver: boolean): string | null {
  if (!walLeftOver && headerTruncated(file, bytes)) return '文件比其页头记录的短，已被截断';
  try {
    sqlite.prepare('SELECT version, name, checksum FROM schema_migrations').all();
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'").all() as { name: string }[];
    for (const t of tables) sqlite.prepare(`SELECT 1 FROM "${t.name.replaceAll('"', '""')}" LIMIT 1`).get();
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const bytes = fs.existsSync(file) ? fs.statSync(file).size : 0;
  const exists = bytes > 0;
  // Before SQLite opens the file (which creates it): a WAL left by a connection that never closed.
  const walLeftOver = fs.existsSync(`${file}-wal`);
  const now = (opts.clock ?? (() => new Date()))();
  let check: OpenCheck | null = null;
  if (!exists) fs.mkdirSync(path.dirname(file), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  } catch (e) {
    throw new CoreError('INTERNAL', `无法打开账簿文件 ${file}：${(e as Error).message}`);
  }
  try {
    // Identify the file before changing anything about it (journal mode included).
    let appId: number;
    let hasTables: boolean;
    try {
      appId = sqlite.pragma('application_id', { simple: true }) as number;
      hasTables = (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type='table'").get() as { n: number }).n > 0;
    } catch {
      throw new LedgerFileProblem('damaged', `文件 ${file} 不是有效的 SQLite 数据库，可能已损坏或不是本软件的账簿，未做任何修改。`);
    }
    if (hasTables && appId !== APPLICATION_ID) {
      throw new LedgerFileProblem('foreign', `文件 ${file} 不是工会经费账簿的账簿文件（application_id 不符），未做任何修改。`);
    }
    if (hasTables && !opts.readonly) {
      // Refuse a damaged file before anything writes to it (issue 7). The full PRAGMA quick_check
      // when decideOpenCheck says so (issue 8), else the cheap check. Read-only opens (verify,
      // backup) report damage themselves.
      const last = readSetting(sqlite, LAST_FULL_CHECK_KEY);
      const lastDate = typeof last === 'string' && !Number.isNaN(Date.parse(last)) ? new Date(last) : null;
      const days = readSetting(sqlite, FULL_CHECK_DAYS_KEY);
      check = decideOpenCheck({
        bytes,
        walLeftOver,
        lockTakenOver: opts.uncleanShutdown ?? false,
        lastFullCheck: lastDate,
        everyDays: opts.fullCheckEveryDays ?? (typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : DEFAULT_FULL_CHECK_DAYS),
        belowBytes: opts.fullCheckBelowBytes ?? DEFAULT_FULL_CHECK_BELOW_BYTES,
        now,
      });
      if (check.full) {
        let quick: string[];
        try {
          quick = (sqlite.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
        } catch (e) {
          quick = [(e as Error).message];
        }
        if (!(quick.length === 1 && quick[0] === 'ok')) {
          throw new LedgerFileProblem('damaged', `账簿文件 ${file} 已损坏（完整性检查未通过：${quick.slice(0, 2).join('；')}），未做任何修改。`);
        }
      } else {
        const problem = cheapCheck(sqlite, file, bytes, walLeftOver);
        if (problem) throw new LedgerFileProblem('damaged', `账簿文件 ${file} 已损坏（打开时的检查未通过：${problem}），未做任何修改。`);
      }
    }
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    if (opts.readonly) return { sqlite, migrated: [], backupPath: null, check: null };

    const pending = pendingMigrations(sqlite, opts.migrations ?? MIGRATIONS);
    let backupPath: string | null = null;
    if (pending.length > 0 && hasTables) {
      // Back up before touching an existing ledger's schema.
      const dir = opts.backupDir ?? path.join(path.dirname(file), 'backups');
      fs.mkdirSync(dir, { recursive: true });
      backupPath = path.join(dir, `${path.basename(file, path.extname(file))}-${timestamp()}-迁移前-v${currentVersion(sqlite)}.sqlite`);
      await sqlite.backup(backupPath);
    }
    for (const m of pending) applyMigration(sqlite, m);
    if (check?.full && bytes >= (opts.fullCheckBelowBytes ?? DEFAULT_FULL_CHECK_BELOW_BYTES)) {
      // Small files are checked fully on every open and need no record (nor a write that would make
      // every session look changed to the on-close backup).
      try {
        sqlite
          .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
          .run(LAST_FULL_CHECK_KEY, JSON.stringify(now.toISOString()), now.toISOString());
      } catch {
        // not recorded: the next open checks fully again
      }
    }
    return { sqlite, migrated: pending.map((m) => m.version), backupPath, check };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

function currentVersion(sqlite: Database.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

/** Refuses a ledger whose applied migrations differ from the code's (history was rewritten). */
function pendingMigrations(sqlite: Database.Database, migrations: readonly Migration[]): Migration[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = sqlite.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  for (const a of applied) {
    const m = migrations.find((x) => x.version === a.version);
    if (!m) {
      throw new CoreError('CONFLICT', `账簿的数据库版本（${a.version}）比本程序新，请升级软件后再打开。`);
    }
    if (m.name !== a.name || migrationChecksum(m) !== a.checksum) {
      throw new CoreError('INTERNAL', `数据库迁移 ${a.name} 与程序内的版本不一致（迁移历史被改写），已拒绝打开。`);
    }
  }
  return migrations.filter((m) => !applied.some((a) => a.version === m.version));
}

function applyMigration(sqlite: Database.Database, m: Migration): void {
  sqlite.transaction(() => {
    sqlite.exec(m.sql);
    sqlite
      .prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
      .run(m.version, m.name, migrationChecksum(m), new Date().toISOString());
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    sqlite.pragma(`user_version = ${m.version}`);
  }).immediate();
}
