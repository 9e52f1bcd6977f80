// Restoring a backup: the chosen copy is checked on its own (SQLite integrity, the ledger's
// identity, a schema this program knows, an unbroken audit chain) before anything is replaced;
// the current file is then moved aside under a timestamped name in the backups folder, so the
// restore can be undone, and the checked copy takes its place. Plain Node: used by the core's
// system.restore operation (with the file closed and reopened around the swap) and by the
// command line when the ledger itself cannot be opened (a damaged file).
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { APPLICATION_ID, migrationChecksum, openDatabase } from '../db/open';
import { MIGRATIONS } from '../db/migrations';
import { SyncDb } from '../db/sync-db';
import { appendAudit, verifyChain } from '../audit/chain';
import { acquireWriterLock } from './writer-lock';
import { CoreError } from '../errors';
import { defaultBackupDir, timestampedBackupPath } from './backup';
import { decryptFile, isEncryptedBackup } from './backup-crypto';
import { listBackups, recordCheck, type BackupEntry } from './catalog';

export interface CandidateReport {
  ok: boolean;
  /** Chinese reasons the copy was refused; empty when ok. */
  problems: string[];
  schemaVersion: number;
  auditRecords: number;
  /** The newest audit record's time: what the copy holds up to. */
  lastActivity: string | null;
  unionName: string | null;
}

/** Checks a plain SQLite file as a restore candidate (opened read-only, never changed). */
export function checkCandidate(file: string, now: Date): CandidateReport {
  const report: CandidateReport = { ok: false, problems: [], schemaVersion: 0, auditRecords: 0, lastActivity: null, unionName: null };
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    report.problems.push(`无法打开：${(e as Error).message}`);
    return report;
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (e) {
      report.problems.push(`不是有效的 SQLite 数据库或已损坏（${(e as Error).message}）`);
      return report;
    }
    if (!(integrity.length === 1 && integrity[0] === 'ok')) {
      report.problems.push(`完整性检查未通过：${integrity.slice(0, 3).join('；')}`);
      return report;
    }
    if ((db.pragma('application_id', { simple: true }) as number) !== APPLICATION_ID) {
      report.problems.push('不是工会经费账簿的账簿文件（application_id 不符）');
      return report;
    }
    report.schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as { version: number; name: string; checksum: string }[];
    const newest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
    for (const a of applied) {
      const m = MIGRATIONS.find((x) => x.version === a.version);
      if (!m) {
        report.problems.push(`备份的数据库版本（${a.version}）比本程序（${newest}）新，请先升级软件`);
        return report;
      }
      if (m.name !== a.name || migrationChecksum(m) !== a.checksum) {
        report.problems.push(`数据库迁移 ${a.name} 与程序内的版本不一致`);
        return report;
      }
    }
    const chain = verifyChain(new SyncDb(db), now);
    report.auditRecords = chain.records;
    if (!chain.ok) {
      report.problems.push(`审计链校验未通过：${chain.firstProblem?.message ?? '链条不完整'}（企业会计信息化工作规范 第十四条）`);
      return report;
    }
    const last = db.prepare('SELECT at FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { at: string } | undefined;
    report.lastActivity = last?.at ?? null;
    try {
      const u = db.prepare('SELECT name FROM union_profile LIMIT 1').get() as { name: string } | undefined;
      report.unionName = u?.name ?? null;
    } catch {
      report.unionName = null;
    }
    report.ok = true;
    return report;
  } finally {
    db.close();
  }
}

/** Where a candidate is staged beside the ledger before it replaces it. */
export const stagingPath = (dbFile: string) => `${dbFile}.restoring`;
const undoRecordPath = (dbFile: string) => `${dbFile}.restore.json`;

export interface StagedRestore {
  source: string;
  staged: string;
  report: CandidateReport;
}

const removeWithSides = (f: string) => {
  for (const x of [f, `${f}-wal`, `${f}-shm`, `${f}-journal`]) fs.rmSync(x, { force: true });
};

/**
 * Copies (or decrypts) `source` to the staging file beside the ledger and checks the copy.
 * Throws a CoreError naming the problem; on success the staged copy is ready to swap in.
 */
export async function stageCandidate(dbFile: string, source: string, password: string | null | undefined, now: Date): Promise<StagedRestore> {
  const src = path.resolve(source);
  if (!fs.existsSync(src) || !fs.statSync(src).isFile()) throw new CoreError('NOT_FOUND', `找不到备份文件 ${src}。`, { field: 'file' });
  if (src === path.resolve(dbFile)) throw new CoreError('VALIDATION', '不能用正在使用的账簿文件本身恢复。', { field: 'file' });
  const staged = stagingPath(dbFile);
  removeWithSides(staged);
  try {
    if (isEncryptedBackup(src)) await decryptFile(src, staged, password);
    else fs.copyFileSync(src, staged);
    const report = checkCandidate(staged, now);
    if (!report.ok) {
      if (path.dirname(src) === defaultBackupDir(dbFile) && !isEncryptedBackup(src)) recordCheck(src, false, report.problems.join('；'), now);
      throw new CoreError('CONFLICT', `备份文件 ${path.basename(src)} 未通过恢复前检查：${report.problems.join('；')}。当前账簿未做任何改动。`);
    }
    if (!isEncryptedBackup(src)) recordCheck(src, true, '恢复前检查通过', now);
    return { source: src, staged, report };
  } catch (e) {
    removeWithSides(staged);
    throw e;
  }
}

export interface UndoRecord {
  /** The file that was current before the restore, kept aside. */
  aside: string;
  /** The backup that was restored. */
  restoredFrom: string;
  at: string;
}

export function readUndoRecord(dbFile: string): UndoRecord | null {
  try {
    const data = JSON.parse(fs.readFileSync(undoRecordPath(dbFile), 'utf8')) as UndoRecord;
    return typeof data.aside === 'string' && fs.existsSync(data.aside) ? data : null;
  } catch {
    return null;
  }
}

/** Renames `from` (and its -wal, if SQLite left one) to `to`; -shm is rebuilt by SQLite and dropped. */
function moveWithSides(from: string, to: string): void {
  fs.renameSync(from, to);
  if (fs.existsSync(`${from}-wal`)) fs.renameSync(`${from}-wal`, `${to}-wal`);
  fs.rmSync(`${from}-shm`, { force: true });
}

/**
 * A swap is two renames (the current file out, the other one in). A journal beside the ledger
 * ("<ledger>.swap.json") is written before the first and removed after the second, so a crash
 * between them never leaves the ledger's path empty (which would open as a new, empty ledger):
 * settleInterruptedSwap, run before every open, puts the file that was moved out back.
 */
interface SwapJournal {
  op: 'restore' | 'undo';
  /** Where the current file is being moved. */
  movedTo: string;
  /** What takes its place. */
  incoming: string;
  /** For a restore: the undo record to write once the swap is through. */
  undo?: UndoRecord;
}
const journalPath = (dbFile: string) => `${dbFile}.swap.json`;

function writeDurably(file: string, text: string): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function swap(dbFile: string, journal: SwapJournal): void {
  writeDurably(journalPath(dbFile), JSON.stringify(journal, null, 2));
  moveWithSides(dbFile, journal.movedTo);
  try {
    fs.renameSync(journal.incoming, dbFile);
  } catch (e) {
    moveWithSides(journal.movedTo, dbFile);
    fs.rmSync(journalPath(dbFile), { force: true });
    throw e;
  }
  finishSwap(dbFile, journal);
}

function finishSwap(dbFile: string, journal: SwapJournal): void {
  if (journal.op === 'restore' && journal.undo) writeDurably(undoRecordPath(dbFile), JSON.stringify(journal.undo, null, 2));
  if (journal.op === 'undo') fs.rmSync(undoRecordPath(dbFile), { force: true });
  fs.rmSync(journalPath(dbFile), { force: true });
}

/**
 * Settles a swap a crash interrupted (see SwapJournal): if the ledger's path is empty the file that
 * was moved out goes back (the restore or undo did not happen); if the second rename went through,
 * the swap is finished. Returns what it did, for the log; null when there was nothing to settle.
 */
export function settleInterruptedSwap(dbFile: string): 'rolledBack' | 'finished' | null {
  let journal: SwapJournal;
  try {
    journal = JSON.parse(fs.readFileSync(journalPath(dbFile), 'utf8')) as SwapJournal;
  } catch {
    return null;
  }
  if (!fs.existsSync(dbFile)) {
    if (fs.existsSync(journal.movedTo)) moveWithSides(journal.movedTo, dbFile);
    fs.rmSync(journalPath(dbFile), { force: true });
    return 'rolledBack';
  }
  if (fs.existsSync(journal.movedTo) && !fs.existsSync(journal.incoming)) {
    finishSwap(dbFile, journal);
    return 'finished';
  }
  fs.rmSync(journalPath(dbFile), { force: true });
  return 'rolledBack';
}

/**
 * With the ledger CLOSED: moves the current file aside (…-恢复前.sqlite in the backups folder)
 * and puts the staged copy in its place. Returns the aside path; writes the undo record.
 */
export function swapInStaged(dbFile: string, staged: StagedRestore, now: Date): string {
  const dir = defaultBackupDir(dbFile);
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(dbFile)) {
    fs.renameSync(staged.staged, dbFile);
    return '';
  }
  const aside = timestampedBackupPath(dbFile, dir, now, 'beforeRestore');
  swap(dbFile, { op: 'restore', movedTo: aside, incoming: staged.staged, undo: { aside, restoredFrom: staged.source, at: now.toISOString() } });
  return aside;
}

/** Puts a swap back when the restored file would not open (the core calls it before reopening the old file). */
export function revertSwap(dbFile: string, aside: string): void {
  if (!aside || !fs.existsSync(aside)) return;
  removeWithSides(dbFile);
  moveWithSides(aside, dbFile);
  fs.rmSync(undoRecordPath(dbFile), { force: true });
}

/**
 * With the ledger CLOSED: puts the file kept aside by the last restore back. The restored file is
 * not deleted: it goes to the backups folder as …-撤销恢复.sqlite. Returns that path.
 */
export function swapBackAside(dbFile: string, record: UndoRecord, now: Date): string {
  const kept = timestampedBackupPath(dbFile, defaultBackupDir(dbFile), now, 'undoneRestore');
  // The aside file may have a -wal of its own (a ledger moved aside while SQLite still had one):
  // fold it into the file first, so a single file moves back.
  if (fs.existsSync(`${record.aside}-wal`)) {
    const db = new Database(record.aside, { fileMustExist: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  }
  swap(dbFile, { op: 'undo', movedTo: kept, incoming: record.aside });
  return kept;
}

/** Checks the file kept aside before an undo puts it back (a damaged original is not put back silently). */
export function checkAside(record: UndoRecord, now: Date): CandidateReport {
  return checkCandidate(record.aside, now);
}

/**
 * The newest backup that passes the restore checks (plain copies only: an encrypted one needs its
 * password). Used to offer a way out when the ledger file is damaged.
 */
export function newestGoodBackup(dbFile: string, now: Date): BackupEntry | null {
  for (const e of listBackups(dbFile)) {
    if (e.encrypted || e.kind === 'undoneRestore') continue;
    if (e.check && !e.check.ok) continue;
    const r = checkCandidate(e.path, now);
    recordCheck(e.path, r.ok, r.ok ? '检查通过' : r.problems.join('；'), now);
    if (r.ok) return e;
  }
  return null;
}

/**
 * Restore with the ledger NOT open in this process (the command line, or a ledger that cannot be
 * opened because it is damaged): takes the writer lock, stages and checks the copy, swaps it in,
 * opens it (migrating an older schema, with its own backup) and records the restore in its audit
 * trail. Returns the aside path ('' when there was no current file).
 */
export async function restoreClosedLedger(
  dbFile: string,
  source: string,
  password: string | null | undefined,
  actor: { userId: number | null; username: string | null; host: string },
  note: string,
  now = new Date(),
): Promise<{ aside: string; report: CandidateReport }> {
  const lock = acquireWriterLock(dbFile, '命令行恢复');
  try {
    settleInterruptedSwap(dbFile);
    const staged = await stageCandidate(dbFile, source, password, now);
    const aside = swapInStaged(dbFile, staged, now);
    let sqlite: Database.Database;
    try {
      ({ sqlite } = await openDatabase(dbFile));
    } catch (e) {
      revertSwap(dbFile, aside);
      throw e;
    }
    try {
      const db = new SyncDb(sqlite);
      db.transaction(() =>
        appendAudit(db, actor, { operation: 'system.restore', entity: 'ledger', after: { restoredFrom: staged.source, aside, note, auditRecords: staged.report.auditRecords } }, now),
      );
    } finally {
      sqlite.close();
    }
    return { aside, report: staged.report };
  } finally {
    lock.release();
  }
}

/** Undo of the last restore with the ledger NOT open in this process. Returns where the restored file was kept. */
export async function undoRestoreClosedLedger(dbFile: string, actor: { userId: number | null; username: string | null; host: string }, now = new Date()): Promise<string> {
  const record = readUndoRecord(dbFile);
  if (!record) throw new CoreError('CONFLICT', '没有可以撤销的恢复（上次恢复前的账簿文件已不在备份文件夹中，或尚未做过恢复）。');
  const report = checkAside(record, now);
  if (!report.ok) throw new CoreError('CONFLICT', `恢复前的账簿文件未通过检查，不能放回：${report.problems.join('；')}。`);
  const lock = acquireWriterLock(dbFile, '命令行撤销恢复');
  try {
    const kept = swapBackAside(dbFile, record, now);
    const { sqlite } = await openDatabase(dbFile);
    try {
      const db = new SyncDb(sqlite);
      db.transaction(() => appendAudit(db, actor, { operation: 'system.restore.undo', entity: 'ledger', after: { restoredFrom: record.restoredFrom, restoredFileKeptAs: kept } }, now));
    } finally {
      sqlite.close();
    }
    return kept;
  } finally {
    lock.release();
  }
}
