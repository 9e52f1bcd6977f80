// The backups folder: what is in it, which copies were checked, and the retention policy that
// prunes automatic copies. Only automatic copies (自动, 关闭时) are ever pruned; manual backups,
// the copies taken before a migration, a year-end close or a restore, and anything in a folder
// the user chose are kept until the user deletes them.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_KINDS, defaultBackupDir, type BackupKind } from './backup';
import { ENCRYPTED_EXT } from './backup-crypto';

export interface BackupEntry {
  name: string;
  path: string;
  kind: BackupKind | 'other';
  kindLabel: string;
  /** When the copy was taken: from its name, else the file's modification time. ISO. */
  takenAt: string;
  bytes: number;
  encrypted: boolean;
  /** The last check of this exact file (size and mtime), if any. */
  check: { ok: boolean; checkedAt: string; message: string } | null;
}

const PRUNABLE: ReadonlySet<BackupKind> = new Set(['auto', 'close']);
const CHECKS_FILE = '.checks.json';

export interface RetentionPolicy {
  /** Automatic copies kept from today (newest first). */
  keepToday: number;
  /** One copy per day for this many days before today. */
  keepDaily: number;
  /** One copy per calendar month for this many months. */
  keepMonthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepToday: 5, keepDaily: 14, keepMonthly: 12 };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LABEL_TO_KIND = new Map<string, BackupKind>(Object.entries(BACKUP_KINDS).map(([k, v]) => [v, k as BackupKind]));

function parseStamp(d: string, t: string): Date {
  return new Date(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8), +t.slice(0, 2), +t.slice(2, 4), +t.slice(4, 6));
}

type CheckCache = Record<string, { size: number; mtimeMs: number; ok: boolean; checkedAt: string; message: string }>;

function readChecks(dir: string): CheckCache {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(path.join(dir, CHECKS_FILE), 'utf8'));
    return data && typeof data === 'object' ? (data as CheckCache) : {};
  } catch {
    return {};
  }
}

/** Remembers the result of checking `file` (keyed by name, size and mtime, so a changed file is unchecked). */
export function recordCheck(file: string, ok: boolean, message: string, at: Date): void {
  const dir = path.dirname(file);
  try {
    const st = fs.statSync(file);
    const cache = readChecks(dir);
    cache[path.basename(file)] = { size: st.size, mtimeMs: st.mtimeMs, ok, checkedAt: at.toISOString(), message };
    for (const name of Object.keys(cache)) if (!fs.existsSync(path.join(dir, name))) delete cache[name];
    const tmp = path.join(dir, `${CHECKS_FILE}.tmp`);
    fs.writeFileSync(tmp, JSON.stringify(cache, null, 1));
    fs.renameSync(tmp, path.join(dir, CHECKS_FILE));
  } catch {
    // the cache is a convenience; a restore always checks again
  }
}

/** The backups of `dbFile` in `dir` (default: its backups folder), newest first. */
export function listBackups(dbFile: string, dir = defaultBackupDir(dbFile)): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  const base = path.basename(dbFile, path.extname(dbFile));
  const re = new RegExp(`^${escapeRe(base)}-(\\d{8})-(\\d{6})-([^-.]+)(?:-v\\d+)?(?:-\\d+)?(\\.sqlite|\\${ENCRYPTED_EXT})$`);
  const checks = readChecks(dir);
  const out: BackupEntry[] = [];
  for (const name of fs.readdirSync(dir)) {
    const ext = path.extname(name).toLowerCase();
    if (ext !== '.sqlite' && ext !== ENCRYPTED_EXT) continue;
    const full = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(full);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const m = re.exec(name);
    const kind = m ? (LABEL_TO_KIND.get(m[3]!) ?? 'other') : 'other';
    const takenAt = m ? parseStamp(m[1]!, m[2]!) : st.mtime;
    const c = checks[name];
    out.push({
      name,
      path: full,
      kind,
      kindLabel: kind === 'other' ? '其他' : BACKUP_KINDS[kind],
      takenAt: takenAt.toISOString(),
      bytes: st.size,
      encrypted: ext === ENCRYPTED_EXT,
      check: c && c.size === st.size && Math.abs(c.mtimeMs - st.mtimeMs) < 1 ? { ok: c.ok, checkedAt: c.checkedAt, message: c.message } : null,
    });
  }
  return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}`;

/**
 * Which automatic copies the policy keeps: the newest `keepToday` of today, the newest of each of
 * the `keepDaily` days before today, and the newest of each of the last `keepMonthly` months.
 * Pure: returns the names to delete.
 */
export function retentionVictims(entries: readonly BackupEntry[], policy: RetentionPolicy, now: Date): string[] {
  const auto = entries.filter((e) => e.kind !== 'other' && PRUNABLE.has(e.kind)).sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const keep = new Set<string>();
  const today = dayKey(now);
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const dailyFrom = new Date(startOfToday.getTime());
  dailyFrom.setDate(dailyFrom.getDate() - policy.keepDaily);
  const monthlyFrom = new Date(now.getFullYear(), now.getMonth() - (policy.keepMonthly - 1), 1);
  let todayCount = 0;
  const days = new Set<string>();
  const months = new Set<string>();
  for (const e of auto) {
    const t = new Date(e.takenAt);
    if (t > now) {
      keep.add(e.name); // a clock that went backwards: never delete what we cannot place
      continue;
    }
    if (dayKey(t) === today && todayCount < policy.keepToday) {
      keep.add(e.name);
      todayCount++;
    }
    if (t >= dailyFrom && t < startOfToday && !days.has(dayKey(t))) {
      days.add(dayKey(t));
      keep.add(e.name);
    }
    if (t >= monthlyFrom && !months.has(monthKey(t))) {
      months.add(monthKey(t));
      keep.add(e.name);
    }
  }
  return auto.filter((e) => !keep.has(e.name)).map((e) => e.name);
}

/** Applies the policy to the backups folder; returns the names deleted. */
export function applyRetention(dbFile: string, policy: RetentionPolicy, now: Date, dir = defaultBackupDir(dbFile)): string[] {
  const victims = retentionVictims(listBackups(dbFile, dir), policy, now);
  for (const name of victims) fs.rmSync(path.join(dir, name), { force: true });
  return victims;
}
