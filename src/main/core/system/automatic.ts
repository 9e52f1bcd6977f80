// Automatic backups: taken by the hosts (daily while open, on close), before a migration (open.ts)
// and before a year-end close (system/handlers.ts wraps years.close); each is followed by the
// retention policy. A failed automatic backup never stops the work it guards except the year-end
// close, which refuses to run without its copy.
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import type { SyncDb } from '../db/sync-db';
import { retentionSchema, type RetentionSettings } from '../../contract/system';
import { backupLedger, defaultBackupDir, type BackupKind, type BackupResult } from './backup';
import { applyRetention, DEFAULT_RETENTION, listBackups, recordCheck } from './catalog';

export const RETENTION_KEY = 'backup.retention';

export function readRetention(db: SyncDb): RetentionSettings {
  try {
    const row = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(RETENTION_KEY) as { value: string } | undefined;
    if (row) {
      const parsed = retentionSchema.safeParse(JSON.parse(row.value));
      if (parsed.success) return parsed.data;
    }
  } catch {
    // no settings table yet (a brand-new file): defaults
  }
  return { ...DEFAULT_RETENTION };
}

export interface AutomaticBackup extends BackupResult {
  pruned: string[];
}

/** One automatic copy into the backups folder, checked, then the retention policy. */
export async function takeAutomaticBackup(sqlite: Database.Database, db: SyncDb, file: string, kind: BackupKind, now: Date): Promise<AutomaticBackup> {
  const result = await backupLedger(sqlite, file, { kind, now });
  recordCheck(result.path, true, '备份后校验通过', now);
  const pruned = applyRetention(file, readRetention(db), now);
  return { ...result, pruned };
}

/** The newest automatic copy's time (ms), or null. */
export function lastAutomaticBackup(file: string): number | null {
  const newest = listBackups(file).find((e) => e.kind === 'auto' || e.kind === 'close' || e.kind === 'manual');
  return newest ? new Date(newest.takenAt).getTime() : null;
}

/** Has the ledger been written since `since` (ms)? The file and its WAL carry the time of the last write. */
export function changedSince(file: string, since: number): boolean {
  let latest = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      latest = Math.max(latest, fs.statSync(f).mtimeMs);
    } catch {
      // no WAL
    }
  }
  return latest > since;
}

export { defaultBackupDir };
