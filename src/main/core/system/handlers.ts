// system.* operations: the backups folder, 立即备份 / 备份到…, 从备份恢复 and 撤销恢复 (issue 7).
// Backups run in the `prepared` step (SQLite's online backup is asynchronous and must not run
// inside the call's transaction); the audit entry is then written in the call's transaction.
// A restore replaces the file after the transaction that records it in the current file has
// committed, then records itself again in the restored file, so both chains stay unbroken.
import path from 'node:path';
import fs from 'node:fs';
import { afterCommit, prepared, requireUser, type Handler, type LedgerHost, type Prepared, type ServiceContext } from '../context';
import type { BackupInfo, RestoreDone, UndoDone } from '../../contract/system';
import { appendAudit } from '../audit/chain';
import { SyncDb } from '../db/sync-db';
import { CoreError } from '../errors';
import { loadSessionUser } from '../auth/sessions';
import { backupLedger, defaultBackupDir } from './backup';
import { listBackups, recordCheck, type BackupEntry } from './catalog';
import { isEncryptedBackup } from './backup-crypto';
import { readRetention, RETENTION_KEY, takeAutomaticBackup } from './automatic';
import { checkAside, checkCandidate, readUndoRecord, revertSwap, stageCandidate, swapBackAside, swapInStaged } from './restore';
import type { OpName } from '../../contract/operations';

const info = (e: BackupEntry): BackupInfo => ({
  name: e.name,
  path: e.path,
  kindLabel: e.kindLabel,
  automatic: e.kind === 'auto' || e.kind === 'close',
  takenAt: e.takenAt,
  bytes: e.bytes,
  encrypted: e.encrypted,
  check: e.check,
});

/** The backups folder needs the ledger's path: handlers get it from the host in their prepare step. */
export const listBackupsOp: Prepared<'system.backups.list'> = prepared(async (_input, host) => (ctx) => {
  const undo = readUndoRecord(host.file);
  return {
    ledgerFile: host.file,
    dir: defaultBackupDir(host.file),
    backups: listBackups(host.file).map(info),
    undo: undo ? { restoredFrom: undo.restoredFrom, aside: undo.aside, at: undo.at } : null,
    retention: readRetention(ctx.db),
  };
});

export const checkBackupOp: Prepared<'system.backup.check'> = prepared(async (input, host) => {
  const entry = listBackups(host.file).find((e) => e.name === input.name);
  if (!entry) throw new CoreError('NOT_FOUND', `备份文件夹中没有 ${input.name}。`, { field: 'name' });
  if (entry.encrypted) throw new CoreError('VALIDATION', '加密备份须在恢复时输入密码后才能检查。', { field: 'name' });
  const now = new Date();
  const r = checkCandidate(entry.path, now);
  recordCheck(entry.path, r.ok, r.ok ? `检查通过：${r.auditRecords} 条审计记录` : r.problems.join('；'), now);
  const fresh = listBackups(host.file).find((e) => e.name === input.name) ?? entry;
  return () => info(fresh);
});

export const backupNowOp: Prepared<'system.backup.now'> = prepared(async (input, host) => {
  const folder = input.folder?.trim() || null;
  if (folder) {
    if (!path.isAbsolute(folder)) throw new CoreError('VALIDATION', '请填写完整的文件夹路径（例如 E:\\账簿备份 或 /media/u盘/账簿备份）。', { field: 'folder' });
    if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new CoreError('NOT_FOUND', `找不到文件夹 ${folder}，请确认 U 盘已插好、路径正确。`, { field: 'folder' });
  }
  const now = new Date();
  const result = await backupLedger(host.sqlite, host.file, { out: folder ? `${folder}${path.sep}` : null, kind: 'manual', now, password: input.password ?? null });
  if (!folder && !result.path.endsWith('.ulbak')) recordCheck(result.path, true, '备份后校验通过', now);
  return (ctx) => {
    ctx.audit({ operation: 'system.backup.now', entity: 'ledger', after: { path: result.path, bytes: result.bytes, encrypted: Boolean(input.password), folder } });
    return { path: result.path, bytes: result.bytes, encrypted: Boolean(input.password), pruned: [] };
  };
});

export const updateBackupSettings: Handler<'system.backupSettings.update'> = (ctx, input) => {
  const before = readRetention(ctx.db);
  const value = JSON.stringify(input);
  ctx.db.sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(RETENTION_KEY, value, ctx.now.toISOString());
  ctx.audit({ operation: 'system.backupSettings.update', entity: 'settings', entityId: RETENTION_KEY, before, after: input });
  return input;
};

/** After a swap the users table is another one: only the caller's session survives, and only if the same account is there. */
function keepCallerSession(host: LedgerHost, ctx: ServiceContext): boolean {
  const me = ctx.user;
  host.sessions.dropAllExcept(ctx.client.clientId);
  const same = me ? loadSessionUser(host.db, me.id) : null;
  const ok = Boolean(me && same && same.active && same.username === me.username && same.roles.includes('admin'));
  if (!ok) host.sessions.drop(ctx.client.clientId);
  else host.sessions.bind(ctx.client.clientId, me!.id, new Date());
  return ok;
}

function auditInReopened(host: LedgerHost, ctx: ServiceContext, operation: string, after: unknown): void {
  const db: SyncDb = host.db;
  db.transaction(() =>
    appendAudit(db, { userId: ctx.user?.id ?? null, username: ctx.user?.username ?? null, host: ctx.client.host }, { operation, entity: 'ledger', after }, new Date()),
  );
}

export const restoreOp: Prepared<'system.restore'> = prepared(async (input, host) => {
  let source: string;
  if (input.name) {
    const entry = listBackups(host.file).find((e) => e.name === input.name);
    if (!entry) throw new CoreError('NOT_FOUND', `备份文件夹中没有 ${input.name}。`, { field: 'name' });
    source = entry.path;
  } else {
    source = input.path!;
    if (!path.isAbsolute(source)) throw new CoreError('VALIDATION', '请填写备份文件的完整路径。', { field: 'path' });
  }
  const staged = await stageCandidate(host.file, source, input.password ?? null, new Date());
  return (ctx) => {
    requireUser(ctx);
    const summary = { restoredFrom: staged.source, encrypted: isEncryptedBackup(staged.source), auditRecords: staged.report.auditRecords, lastActivity: staged.report.lastActivity };
    // Recorded in the file being replaced (it is kept aside, so its own trail says what happened to it).
    ctx.audit({ operation: 'system.restore', entity: 'ledger', after: summary });
    return afterCommit(async (): Promise<RestoreDone> => {
      let aside = '';
      try {
        await host.replaceFile(() => {
          aside = swapInStaged(host.file, staged, new Date());
        });
      } catch (e) {
        // The checked copy would not open: put the previous file back.
        await host.replaceFile(() => revertSwap(host.file, aside));
        throw new CoreError('INTERNAL', `恢复失败，已放回原账簿：${e instanceof Error ? e.message : String(e)}`);
      }
      auditInReopened(host, ctx, 'system.restore', { ...summary, aside });
      const stillLoggedIn = keepCallerSession(host, ctx);
      return { restoredFrom: staged.source, aside, auditRecords: staged.report.auditRecords, lastActivity: staged.report.lastActivity, stillLoggedIn };
    });
  };
});

export const undoRestoreOp: Prepared<'system.restore.undo'> = prepared(async (_input, host) => {
  const record = readUndoRecord(host.file);
  if (!record) throw new CoreError('CONFLICT', '没有可以撤销的恢复（上次恢复前的账簿文件已不在备份文件夹中，或尚未做过恢复）。');
  const report = checkAside(record, new Date());
  if (!report.ok) throw new CoreError('CONFLICT', `恢复前的账簿文件未通过检查，不能放回：${report.problems.join('；')}。`);
  return (ctx) => {
    requireUser(ctx);
    ctx.audit({ operation: 'system.restore.undo', entity: 'ledger', after: { putBack: record.aside, restoredFrom: record.restoredFrom } });
    return afterCommit(async (): Promise<UndoDone> => {
      let keptAs = '';
      await host.replaceFile(() => {
        keptAs = swapBackAside(host.file, record, new Date());
      });
      auditInReopened(host, ctx, 'system.restore.undo', { restoredFrom: record.restoredFrom, restoredFileKeptAs: keptAs });
      const stillLoggedIn = keepCallerSession(host, ctx);
      return { keptAs, stillLoggedIn };
    });
  };
});

/**
 * Wraps a handler so an automatic copy (…-年结前.sqlite) is taken before it runs: the year-end
 * close writes the closing vouchers and locks December, so a copy of the books as they stood is
 * kept. If the copy cannot be made the close is refused (nothing written).
 */
export function withBackupBefore<N extends OpName>(handler: Handler<N>): Prepared<N> {
  return prepared<N>(async (_input, host) => {
    try {
      await takeAutomaticBackup(host.sqlite, host.db, host.file, 'yearClose', new Date());
    } catch (e) {
      throw new CoreError('CONFLICT', `年末结账前的自动备份失败，未结账：${e instanceof Error ? e.message : String(e)}`);
    }
    return handler;
  });
}

/** With the ledger open there is nothing to recover: only a host in recovery mode answers this (recovery.ts). */
export const recoveryRestoreLatest: Handler<'system.recovery.restoreLatest'> = () => {
  throw new CoreError('CONFLICT', '账簿可以正常打开，无需从备份恢复。如需恢复，请由管理员在“系统设置 → 备份与恢复”中操作。');
};
