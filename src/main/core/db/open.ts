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
}

export interface OpenResult {
  sqlite: Database.Database;
  migrated: number[];
  backupPath: string | null;
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const exists = fs.existsSync(file) && fs.statSync(file).size > 0;
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
      // A quick structural check on every open for use (issue 7): a damaged file is refused before
      // anything writes to it. Read-only opens (verify, backup) report damage themselves.
      let quick: string[];
      try {
        quick = (sqlite.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
      } catch (e) {
        quick = [(e as Error).message];
      }
      if (!(quick.length === 1 && quick[0] === 'ok')) {
        throw new LedgerFileProblem('damaged', `账簿文件 ${file} 已损坏（完整性检查未通过：${quick.slice(0, 2).join('；')}），未做任何修改。`);
      }
    }
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    if (!opts.readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    if (opts.readonly) return { sqlite, migrated: [], backupPath: null };

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
    return { sqlite, migrated: pending.map((m) => m.version), backupPath };
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
