// Shared plumbing for the commands: where the ledger is, opening it, calling the core,
// reading passwords, and an administrator's session for the duration of one command.
import fs from 'node:fs';
import { LedgerOpenProblem, openCore, type Core } from '../core/core';
import type { ClientRef } from '../core/context';
import { resolveDbPath } from '../core/paths';
import type { OpInput, OpName, OpResult } from '../contract/operations';
import type { Messages } from './i18n';
import { CliError, EXIT } from './errors';
import { PromptCancelled, type CliIo } from './io';

export interface CliContext {
  io: CliIo;
  m: Messages;
  debug: boolean;
}

export interface GlobalOpts {
  db?: string;
  lang?: string;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function out(ctx: CliContext, text: string): void {
  ctx.io.stdout(text.endsWith('\n') ? text : `${text}\n`);
}

export function warn(ctx: CliContext, text: string): void {
  ctx.io.stderr(text.endsWith('\n') ? text : `${text}\n`);
}

/** --db, then UNION_LEDGER_DB, then the user-data folder (the same file the app uses). */
export function ledgerPath(ctx: CliContext, opts: GlobalOpts): string {
  return resolveDbPath(opts.db, ctx.io.env);
}

/** Commands other than init never create a ledger: a missing file is an error (exit 3). */
export function requireExistingFile(ctx: CliContext, file: string): void {
  if (!fs.existsSync(file)) throw new CliError(ctx.m.fileNotFound(file), EXIT.CANNOT_OPEN);
  if (!fs.statSync(file).isFile()) throw new CliError(ctx.m.notAFile(file), EXIT.CANNOT_OPEN);
}

/** Why a file could not be opened, as a CliError (exit 3); a native-module ABI mismatch says how to fix it. */
export function openFailure(ctx: CliContext, file: string, e: unknown): CliError {
  const why = errorText(e);
  if (/NODE_MODULE_VERSION|compiled against a different Node\.js version|ERR_DLOPEN_FAILED/.test(why)) {
    return new CliError(ctx.m.nativeModuleMismatch, EXIT.CANNOT_OPEN, e);
  }
  if (e instanceof LedgerOpenProblem) {
    // A damaged or foreign file: say so, and how to restore the newest good backup (issue 7).
    const hint = e.offer
      ? ctx.m.lang === 'en'
        ? `\nTo restore it: union-ledger restore --latest${file ? ` --db "${file}"` : ''}`
        : `\n恢复方法：union-ledger restore --latest${file ? ` --db "${file}"` : ''}`
      : '';
    return new CliError(`${e.message}${hint}`, EXIT.CANNOT_OPEN, e);
  }
  return new CliError(ctx.m.cannotOpen(file, why), EXIT.CANNOT_OPEN, e);
}

export async function openLedger(ctx: CliContext, file: string): Promise<Core> {
  try {
    return await openCore(file, {
      // One writer at a time: refused while the app (or another command) has the ledger open.
      writerLock: '命令行 union-ledger',
      log: (message, error) => {
        if (ctx.debug) warn(ctx, `${message} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      },
    });
  } catch (e) {
    throw openFailure(ctx, file, e);
  }
}

/** One command-line run is one client of the core. */
export function cliClient(ctx: CliContext): ClientRef {
  return { clientId: `cli-${ctx.io.pid}`, host: 'cli' };
}

/** Through the dispatcher, so validation, authorization and the audit trail apply. */
export async function dispatch<N extends OpName>(ctx: CliContext, core: Core, client: ClientRef, name: N, input: OpInput<N>): Promise<OpResult<N>> {
  const res = await core.dispatch(client, name, input);
  if (!res.ok) throw new CliError(ctx.m.coreError(res.error.code, res.error.message), EXIT.USAGE);
  return res.value as OpResult<N>;
}

/** A password from the environment, or typed on the terminal (no echo); `confirm` asks twice. */
export async function readSecret(ctx: CliContext, envVar: string, what: string, confirm: boolean): Promise<string> {
  const fromEnv = ctx.io.env[envVar];
  if (fromEnv) return fromEnv;
  const ask = ctx.io.promptSecret;
  if (!ask) throw new CliError(ctx.m.needPassword(envVar, what));
  try {
    const first = await ask(ctx.m.promptPassword(what));
    if (confirm && (await ask(ctx.m.promptAgain)) !== first) throw new CliError(ctx.m.passwordsDiffer);
    return first;
  } catch (e) {
    if (e instanceof PromptCancelled) throw new CliError(ctx.m.cancelled);
    throw e;
  }
}

/** Fails early (before logging in) when a password will be needed but cannot be had. */
export function requireSecretSource(ctx: CliContext, envVar: string, what: string): void {
  if (!ctx.io.env[envVar] && !ctx.io.promptSecret) throw new CliError(ctx.m.needPassword(envVar, what));
}

/**
 * Opens an existing, set-up ledger, logs the administrator in (password from
 * UNION_LEDGER_PASSWORD or a prompt), runs `fn`, then logs out and closes the file.
 */
export async function withAdminSession<T>(
  ctx: CliContext,
  opts: GlobalOpts & { user?: string },
  fn: (core: Core, client: ClientRef) => Promise<T>,
): Promise<T> {
  const file = ledgerPath(ctx, opts);
  requireExistingFile(ctx, file);
  const username = opts.user || ctx.io.env['UNION_LEDGER_USER'];
  if (!username) throw new CliError(ctx.m.needUser);
  const core = await openLedger(ctx, file);
  try {
    const client = cliClient(ctx);
    const status = await dispatch(ctx, core, client, 'setup.status', {});
    if (!status.initialized) throw new CliError(ctx.m.notInitialized(file));
    const password = await readSecret(ctx, 'UNION_LEDGER_PASSWORD', ctx.m.passwordWhat.login(username), false);
    const session = await dispatch(ctx, core, client, 'session.login', { username, password });
    if (session.user.mustChangePassword) warn(ctx, ctx.m.mustChangePassword(username));
    try {
      return await fn(core, client);
    } finally {
      await core.dispatch(client, 'session.logout', {});
    }
  } finally {
    core.close();
  }
}
