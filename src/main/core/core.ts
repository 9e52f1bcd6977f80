// The core: one ledger file, one dispatcher. Every host (Electron IPC, the browser-mode
// server, the command line, tests) calls `dispatch`; nothing else crosses the boundary.
// It validates the input, checks the caller's role, runs the service in one transaction
// (a read-only one for operations declared 'read'), and returns the result or a typed error
// with a Chinese message.
import type Database from 'better-sqlite3';
import { operations, isOpName, type OpName, type OpInput, type OpResult } from '../contract/operations';
import { ROLE_LABELS } from '../contract/roles';
import type { Envelope } from '../contract/errors';
import { SyncDb } from './db/sync-db';
import fs from 'node:fs';
import { LedgerFileProblem, openDatabase, type OpenCheck, type OpenOptions } from './db/open';
import { acquireWriterLock, type WriterLock } from './system/writer-lock';
import { listBackups } from './system/catalog';
import { newestGoodBackup, settleInterruptedSwap } from './system/restore';
import { appendAudit } from './audit/chain';
import { SessionStore } from './auth/sessions';
import { readSettings } from './settings/settings';
import { handlers } from './handlers';
import { AfterCommit, type ClientRef, type Handler, type LedgerHost, type Prepared, type ServiceContext } from './context';
import { CommittedRefusal, CoreError } from './errors';
import { describeZodError } from './validation';
import type { SessionUser } from '../contract/operations';

export interface CoreOptions extends OpenOptions {
  /** Injectable clock (tests); defaults to the system time. */
  clock?: () => Date;
  /** Where unexpected errors are logged; defaults to console.error. */
  log?: (message: string, error: unknown) => void;
  /** Take the one-writer lock file beside the ledger; names this program in the refusal others see. */
  writerLock?: string;
}

/**
 * The ledger file cannot be opened as it is (damaged, foreign, emptied). `offer` is the newest
 * backup that passes the restore checks, if any; the message says so (issue 7).
 */
export class LedgerOpenProblem extends CoreError {
  constructor(
    message: string,
    readonly kind: LedgerFileProblem['kind'],
    readonly offer: { path: string; takenAt: string } | null,
  ) {
    super('CONFLICT', message);
    this.name = 'LedgerOpenProblem';
  }
}

export class Core implements LedgerHost {
  private conn: Database.Database;
  private syncDb: SyncDb;
  readonly sessions = new SessionStore();
  private readonly clock: () => Date;
  private readonly log: (message: string, error: unknown) => void;
  /** Set while the file is being replaced (restore): calls wait for it. */
  private replacing: Promise<void> | null = null;
  /** The one-writer lock, when the host took one (released on close). */
  writerLock: WriterLock | null = null;
  /** What the open checked (full quick_check or the cheap check, and why); null when nothing was. */
  openCheck: OpenCheck | null = null;

  constructor(
    sqlite: Database.Database,
    readonly file: string,
    private readonly opts: CoreOptions = {},
  ) {
    this.conn = sqlite;
    this.syncDb = new SyncDb(sqlite);
    this.clock = opts.clock ?? (() => new Date());
    this.log = opts.log ?? ((m, e) => console.error(m, e));
  }

  get sqlite(): Database.Database {
    return this.conn;
  }

  get db(): SyncDb {
    return this.syncDb;
  }

  /**
   * Closes the file, runs `swap` (which moves files at this path), and opens the path again.
   * If reopening fails the error is thrown and the core stays closed; `swap` is expected to
   * have left a file that opens (restore checks its candidate first).
   */
  async replaceFile(swap: () => void | Promise<void>): Promise<void> {
    while (this.replacing) await this.replacing;
    const work = (async () => {
      if (this.conn.open) {
        this.conn.pragma('wal_checkpoint(TRUNCATE)');
        this.conn.close();
      }
      await swap();
      const { sqlite } = await openDatabase(this.file, this.opts);
      this.conn = sqlite;
      this.syncDb = new SyncDb(sqlite);
    })();
    this.replacing = work.then(
      () => undefined,
      () => undefined,
    );
    try {
      await work;
    } finally {
      this.replacing = null;
    }
  }

  /** The single entry point. Never throws: failures come back as { ok: false, error }. */
  async dispatch(client: ClientRef, name: string, rawInput: unknown): Promise<Envelope<unknown>> {
    while (this.replacing) await this.replacing;
    try {
      return { ok: true, value: await this.run(client, name, rawInput) };
    } catch (e) {
      if (e instanceof CoreError) return { ok: false, error: e.toData() };
      const sqliteMessage = sqliteRefusal(e);
      if (sqliteMessage) return { ok: false, error: { code: 'CONFLICT', message: sqliteMessage } };
      this.log(`[core] ${name} 失败`, e);
      return { ok: false, error: { code: 'INTERNAL', message: `内部错误，操作未完成，账簿未被修改：${(e as Error)?.message ?? String(e)}` } };
    }
  }

  /** Typed convenience for in-process callers (CLI, tests): throws CoreError on failure. */
  async call<N extends OpName>(client: ClientRef, name: N, input: OpInput<N>): Promise<OpResult<N>> {
    const res = await this.dispatch(client, name, input);
    if (!res.ok) throw new CoreError(res.error.code, res.error.message, { field: res.error.field, rule: res.error.rule });
    return res.value as OpResult<N>;
  }

  private async run(client: ClientRef, name: string, rawInput: unknown): Promise<unknown> {
    if (!isOpName(name)) throw new CoreError('UNKNOWN_OPERATION', `未知的操作：${String(name).slice(0, 60)}`);
    const spec = operations[name];
    const now = this.clock();
    const settings = readSettings(this.db);

    // 1. Who is calling (the session is bound to the client, never sent by the renderer).
    let user: SessionUser | null = null;
    try {
      user = this.sessions.resolve(this.db, client.clientId, now, settings.sessionIdleMinutes, true);
    } catch (e) {
      if (spec.access !== 'public') throw e;
    }
    // 2. May they?
    if (spec.access !== 'public') {
      if (!user) throw new CoreError('UNAUTHENTICATED', '请先登录。');
      if (spec.access !== 'user' && !spec.access.some((r) => user!.roles.includes(r))) {
        const mine = user.roles.map((r) => ROLE_LABELS[r]).join('、') || '无角色';
        const need = spec.access.map((r) => ROLE_LABELS[r]).join('或');
        throw new CoreError('FORBIDDEN', `您的角色（${mine}）无权执行“${spec.title}”，需要${need}。`);
      }
    }
    // 3. Is the input well-formed?
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const { message, field } = describeZodError(spec.input, parsed.error);
      throw new CoreError('VALIDATION', message, { field });
    }
    // 4. Asynchronous preparation, if the operation has any (parsing an upload), outside the transaction.
    const entry = handlers[name] as Handler<OpName> | Prepared<OpName>;
    const handler = typeof entry === 'function' ? entry : await entry.prepare(parsed.data as never, this);
    // 5. Run it in one transaction, with its audit records.
    let refusal: CommittedRefusal | null = null;
    const changes = () => (this.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const runInTransaction = spec.effect === 'read' ? <T>(fn: () => T): T => this.sqlite.transaction(fn).deferred() : <T>(fn: () => T): T => this.db.transaction(fn);
    const out = runInTransaction(() => {
      const before = spec.effect === 'read' ? changes() : 0;
      const ctx: ServiceContext = {
        db: this.db,
        now,
        client,
        user,
        sessions: this.sessions,
        settings: () => readSettings(this.db),
        audit: (entry) => appendAudit(this.db, { userId: user?.id ?? null, username: user?.username ?? null, host: client.host }, entry, now),
      };
      try {
        const result = handler(ctx, parsed.data as never);
        // A read operation that wrote anything is a defect: undo it rather than let it stand.
        if (spec.effect === 'read' && changes() !== before) {
          throw new CoreError('INTERNAL', `只读操作“${spec.title}”试图修改账簿，已撤销。`);
        }
        return result;
      } catch (e) {
        if (e instanceof CommittedRefusal) {
          refusal = e;
          return undefined;
        }
        throw e;
      }
    });
    if (refusal) throw refusal;
    return out instanceof AfterCommit ? await out.run() : out;
  }

  close(): void {
    if (this.conn.open) this.conn.close();
    this.writerLock?.release();
    this.writerLock = null;
  }
}

/** Database triggers refuse forbidden writes with a message of their own; pass it on. */
function sqliteRefusal(e: unknown): string | null {
  if (e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'SQLITE_CONSTRAINT_TRIGGER') {
    return e instanceof Error ? e.message : String(e);
  }
  return null;
}

export async function openCore(file: string, opts: CoreOptions = {}): Promise<Core> {
  const lock = opts.writerLock ? acquireWriterLock(file, opts.writerLock) : null;
  try {
    // A restore or undo cut short by a crash is settled before anything looks at the file.
    settleInterruptedSwap(file);
    if (fs.existsSync(file) && fs.statSync(file).size === 0 && listBackups(file).length > 0) {
      // An emptied file beside existing backups is a lost ledger, not a new one: never start over silently.
      throw new LedgerFileProblem('empty', `账簿文件 ${file} 是空的（0 字节），但备份文件夹中有它的备份，可能已被截断或覆盖，未做任何修改。`);
    }
    const { sqlite, check } = await openDatabase(file, { ...opts, uncleanShutdown: opts.uncleanShutdown || (lock?.takenOver ?? false) });
    const core = new Core(sqlite, file, opts);
    core.writerLock = lock;
    core.openCheck = check;
    return core;
  } catch (e) {
    lock?.release();
    throw withRecoveryOffer(file, e);
  }
}

/** Adds the way out to a refused file: the newest backup that passes the restore checks. */
export function withRecoveryOffer(file: string, e: unknown): unknown {
  if (!(e instanceof LedgerFileProblem)) return e;
  let offer: LedgerOpenProblem['offer'] = null;
  try {
    const good = newestGoodBackup(file, new Date());
    if (good) offer = { path: good.path, takenAt: good.takenAt };
  } catch {
    offer = null;
  }
  const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
  const tail = offer
    ? `可以从最近的完好备份恢复：${offer.path}（${when(offer.takenAt)}）。恢复时当前文件会被保留在备份文件夹中。`
    : '备份文件夹中没有通过检查的备份；请从 U 盘等处的备份文件恢复。';
  return new LedgerOpenProblem(`${e.message}${tail}`, e.kind, offer);
}
