// What a service handler receives: the database inside the call's transaction, the caller,
// the clock, and the audit writer. Handlers are synchronous so the whole call is one transaction.
import type Database from 'better-sqlite3';
import type { SyncDb } from './db/sync-db';
import type { AuditEntry } from './audit/chain';
import type { OpName, OpParsed, OpResult, SessionUser, Settings } from '../contract/operations';
import type { SessionStore } from './auth/sessions';
import { CoreError } from './errors';

/**
 * The open ledger file as seen by operations that work on the file itself (backups, restore):
 * the core implements it. `replaceFile` closes the connection, lets `swap` move files around,
 * and reopens the same path; other calls wait meanwhile.
 */
export interface LedgerHost {
  readonly file: string;
  readonly sqlite: Database.Database;
  readonly db: SyncDb;
  readonly sessions: SessionStore;
  replaceFile(swap: () => void | Promise<void>): Promise<void>;
}

export type HostKind = 'electron' | 'browser' | 'cli' | 'test';

/** One connected client: a window, a browser profile, a command-line run. */
export interface ClientRef {
  clientId: string;
  host: HostKind;
}

export interface ServiceContext {
  db: SyncDb;
  now: Date;
  client: ClientRef;
  user: SessionUser | null;
  sessions: SessionStore;
  settings(): Settings;
  /** Records a write in the hash-chained audit trail, in this call's transaction. */
  audit(entry: AuditEntry): void;
}

export function requireUser(ctx: ServiceContext): SessionUser {
  if (!ctx.user) throw new CoreError('UNAUTHENTICATED', '请先登录。');
  return ctx.user;
}

/** Work to do after the transaction commits (e.g. rendering an Excel file from rows read inside it). */
export class AfterCommit<R> {
  constructor(readonly run: () => Promise<R>) {}
}
export const afterCommit = <R>(run: () => Promise<R>): AfterCommit<R> => new AfterCommit(run);

export type Handler<N extends OpName> = (ctx: ServiceContext, input: OpParsed<N>) => OpResult<N> | AfterCommit<OpResult<N>>;

/**
 * An operation with asynchronous work to do BEFORE its transaction, such as parsing an uploaded
 * Excel file (exceljs is async; a transaction must not wait on it). The dispatcher checks access
 * and input first, then awaits `prepare` outside any transaction, then runs the handler it returns
 * inside the call's one transaction like any other. What was prepared reaches the handler through
 * the closure, fully typed; a CoreError thrown by `prepare` is the call's answer.
 */
export interface Prepared<N extends OpName> {
  readonly prepare: (input: OpParsed<N>, host: LedgerHost) => Promise<Handler<N>>;
}
/** `prepared(async (input) => { const file = await parse(input); return (ctx) => save(ctx, file); })` */
export const prepared = <N extends OpName>(prepare: (input: OpParsed<N>, host: LedgerHost) => Promise<Handler<N>>): Prepared<N> => ({ prepare });

export type HandlerMap = { [N in OpName]: Handler<N> | Prepared<N> };
