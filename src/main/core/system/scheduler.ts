// The hosts' backup timer (the Electron shell and the browser-mode server use the same one):
// a copy shortly after the app starts (a minute later, so that copying a large ledger does not slow
// the first screen — issue 8) if none was taken in the last day, then one a day while it stays
// open, and one when it closes if anything changed since the last copy.
import type { LedgerHost } from '../context';
import { changedSince, lastAutomaticBackup, takeAutomaticBackup } from './automatic';

export interface SchedulerOptions {
  /** How often a copy is due (default one day). */
  intervalMs?: number;
  /** How often the timer looks (default ten minutes). */
  pollMs?: number;
  /** When the first look happens after start (default one minute: not while the first screen comes up). */
  startDelayMs?: number;
  clock?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export interface BackupScheduler {
  /** Takes a copy now if one is due; resolves when done (tests). */
  tick(): Promise<void>;
  /** Stops the timer and takes the closing copy (if anything changed); call before closing the ledger. */
  stop(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;

/** A ledger not yet set up (the first-run wizard) has nothing worth a copy. */
function initialized(h: LedgerHost): boolean {
  try {
    return (h.sqlite.prepare('SELECT count(*) AS n FROM union_profile').get() as { n: number }).n > 0;
  } catch {
    return false;
  }
}

export function startBackupScheduler(host: () => LedgerHost | null, opts: SchedulerOptions = {}): BackupScheduler {
  const interval = opts.intervalMs ?? DAY;
  const clock = opts.clock ?? (() => new Date());
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(m, e ?? ''));
  let running: Promise<void> | null = null;
  let stopped = false;

  const take = async (kind: 'auto' | 'close'): Promise<void> => {
    const h = host();
    if (!h || !h.sqlite.open || !initialized(h)) return;
    try {
      await takeAutomaticBackup(h.sqlite, h.db, h.file, kind, clock());
    } catch (e) {
      log(`[backup] 自动备份失败（账簿 ${h.file} 未受影响）`, e);
    }
  };

  const tick = async (): Promise<void> => {
    if (running) return running;
    const h = host();
    if (!h || stopped) return;
    const last = lastAutomaticBackup(h.file);
    if (last !== null && clock().getTime() - last < interval) return;
    running = take('auto').finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void tick(), opts.pollMs ?? 10 * 60 * 1000);
  timer.unref();
  const first = setTimeout(() => void tick(), opts.startDelayMs ?? 60_000);
  first.unref();

  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      if (running) await running;
      const h = host();
      if (!h) return;
      const last = lastAutomaticBackup(h.file);
      if (last === null || changedSince(h.file, last)) await take('close');
    },
  };
}
