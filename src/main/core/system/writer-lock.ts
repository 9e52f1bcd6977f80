// One writer at a time. A lock file beside the ledger ("<ledger>.lock") is created with O_EXCL and
// names the holder (program, computer, process, since). It is refreshed every minute while held;
// a lock whose process is gone (same computer) or that has not been refreshed for five minutes
// (another computer on a network share that crashed) is stale and taken over. SQLite's own locks
// (busy_timeout, WAL) still guard each transaction; the lock file is what stops a second copy of
// the program — on this PC or another one opening the same file on a share — from opening it at all.
import fs from 'node:fs';
import os from 'node:os';
import { CoreError } from '../errors';

export interface LockHolder {
  app: string;
  host: string;
  pid: number;
  user: string;
  /** What holds it: 桌面程序, 浏览器模式, 命令行. */
  what: string;
  since: string;
}

export interface WriterLock {
  readonly path: string;
  /** The lock was left by a holder that is gone (a crash or power cut): the ledger was not closed cleanly. */
  readonly takenOver: boolean;
  release(): void;
}

export const lockPathFor = (dbFile: string) => `${dbFile}.lock`;
const REFRESH_MS = 60_000;
export const STALE_MS = 5 * 60_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockFile: string): LockHolder | null {
  try {
    const data = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockHolder;
    return typeof data.pid === 'number' && typeof data.host === 'string' ? data : null;
  } catch {
    return null;
  }
}

/** Is the lock left behind by a process that no longer runs? */
function isStale(lockFile: string, holder: LockHolder | null, now: number): boolean {
  let mtime: number;
  try {
    mtime = fs.statSync(lockFile).mtimeMs;
  } catch {
    return true;
  }
  if (holder && holder.host === os.hostname()) return !pidAlive(holder.pid);
  return now - mtime > STALE_MS;
}

function refusal(dbFile: string, holder: LockHolder | null): CoreError {
  const who = holder
    ? `${holder.what}（计算机 ${holder.host}，用户 ${holder.user || '未知'}，进程 ${holder.pid}，自 ${new Date(holder.since).toLocaleString('zh-CN', { hour12: false })} 起）`
    : '另一个程序';
  return new CoreError(
    'CONFLICT',
    `账簿文件 ${dbFile} 正由${who}使用。为防止两处同时记账损坏账簿，同一时间只允许一处打开写入。请先在那里关闭账簿；如果那台计算机已经关机或程序已异常退出，请等 5 分钟后再试。`,
  );
}

/**
 * Takes the writer lock for `dbFile` or throws a CoreError naming who holds it.
 * `what` describes this program for the message another instance will show.
 */
export function acquireWriterLock(dbFile: string, what: string): WriterLock {
  const lockFile = lockPathFor(dbFile);
  const me: LockHolder = {
    app: 'union-ledger',
    host: os.hostname(),
    pid: process.pid,
    user: (() => {
      try {
        return os.userInfo().username;
      } catch {
        return '';
      }
    })(),
    what,
    since: new Date().toISOString(),
  };
  let takenOver = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockFile, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(me, null, 2));
      } finally {
        fs.closeSync(fd);
      }
      const timer = setInterval(() => {
        try {
          const t = new Date();
          fs.utimesSync(lockFile, t, t);
        } catch {
          // the share went away; SQLite will report it on the next write
        }
      }, REFRESH_MS);
      timer.unref();
      let released = false;
      return {
        path: lockFile,
        takenOver,
        release() {
          if (released) return;
          released = true;
          clearInterval(timer);
          const holder = readHolder(lockFile);
          if (holder && holder.pid === me.pid && holder.host === me.host && holder.since === me.since) fs.rmSync(lockFile, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new CoreError('CONFLICT', `无法在账簿所在文件夹创建锁文件 ${lockFile}：${(e as Error).message}。请确认对该文件夹有写入权限。`);
      }
      const holder = readHolder(lockFile);
      if (attempt === 0 && isStale(lockFile, holder, Date.now())) {
        fs.rmSync(lockFile, { force: true });
        takenOver = true;
        continue;
      }
      throw refusal(dbFile, holder);
    }
  }
  throw refusal(dbFile, readHolder(lockFile));
}

/** Who holds the lock, if anyone (the CLI's read-only backup reports it). */
export function currentHolder(dbFile: string): LockHolder | null {
  const lockFile = lockPathFor(dbFile);
  if (!fs.existsSync(lockFile)) return null;
  const holder = readHolder(lockFile);
  return isStale(lockFile, holder, Date.now()) ? null : holder;
}
