// union-ledger users …: user administration as a logged-in administrator, through the dispatcher.
import type { Command } from 'commander';
import { ROLES, ROLE_LABELS, type Role } from '../../contract/roles';
import type { UserSummary } from '../../contract/operations';
import type { Core } from '../../core/core';
import type { ClientRef } from '../../core/context';
import { CliError } from '../errors';
import { dispatch, out, readSecret, requireSecretSource, withAdminSession, type CliContext, type GlobalOpts } from '../context';
import { table } from '../table';

interface UserOpts extends GlobalOpts {
  user?: string;
  json?: boolean;
}

/** "accountant,cashier", "会计，出纳" or "会计、出纳" → role ids. */
export function parseRoles(ctx: CliContext, value: string): Role[] {
  const out: Role[] = [];
  for (const raw of value.split(/[,，、\s]+/)) {
    const v = raw.trim();
    if (!v) continue;
    const role = ROLES.find((r) => r === v.toLowerCase() || ROLE_LABELS[r] === v);
    if (!role) throw new CliError(ctx.m.unknownRole(v));
    if (!out.includes(role)) out.push(role);
  }
  return out;
}

async function findUser(ctx: CliContext, core: Core, client: ClientRef, username: string): Promise<UserSummary> {
  const users = await dispatch(ctx, core, client, 'users.list', {});
  const u = users.find((x) => x.username === username.trim());
  if (!u) throw new CliError(ctx.m.noSuchUser(username));
  return u;
}

export function registerUsers(program: Command, ctx: CliContext): void {
  const h = ctx.m.help;
  const users = program.command('users').description(h.users).addHelpText('after', `\n${h.usersEnv}\n`);
  const withUser = (c: Command) => c.option('-u, --user <admin>', h.user);

  withUser(users.command('list').description(h.usersList))
    .option('--json', h.json)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<UserOpts>();
      const list = await withAdminSession(ctx, opts, (core, client) => dispatch(ctx, core, client, 'users.list', {}));
      if (opts.json) return out(ctx, JSON.stringify(list, null, 2));
      if (list.length === 0) return out(ctx, ctx.m.noUsers);
      const rows = list.map((u) => [String(u.id), u.username, u.displayName, ctx.m.list(u.roles.map(ctx.m.roleLabel)), ctx.m.userStatus(u)]);
      out(ctx, table([ctx.m.userColumns, ...rows]));
    });

  withUser(users.command('add').description(h.usersAdd))
    .requiredOption('--username <username>', h.username)
    .requiredOption('--name <name>', h.name)
    .requiredOption('--roles <roles>', h.roles)
    .option('--json', h.json)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<UserOpts & { username: string; name: string; roles: string }>();
      const roles = parseRoles(ctx, opts.roles);
      requireSecretSource(ctx, 'UNION_LEDGER_NEW_PASSWORD', ctx.m.passwordWhat.newUser(opts.username));
      const created = await withAdminSession(ctx, opts, async (core, client) => {
        const password = await readSecret(ctx, 'UNION_LEDGER_NEW_PASSWORD', ctx.m.passwordWhat.newUser(opts.username), true);
        return dispatch(ctx, core, client, 'users.create', { username: opts.username, displayName: opts.name, roles, password });
      });
      if (opts.json) return out(ctx, JSON.stringify(created, null, 2));
      out(ctx, ctx.m.userAdded(created.username, created.displayName, ctx.m.list(created.roles.map(ctx.m.roleLabel))));
    });

  withUser(users.command('reset-password').description(h.usersReset))
    .requiredOption('--username <username>', h.username)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<UserOpts & { username: string }>();
      requireSecretSource(ctx, 'UNION_LEDGER_NEW_PASSWORD', ctx.m.passwordWhat.newUser(opts.username));
      await withAdminSession(ctx, opts, async (core, client) => {
        const target = await findUser(ctx, core, client, opts.username);
        const newPassword = await readSecret(ctx, 'UNION_LEDGER_NEW_PASSWORD', ctx.m.passwordWhat.newUser(target.username), true);
        await dispatch(ctx, core, client, 'users.resetPassword', { id: target.id, newPassword });
      });
      out(ctx, ctx.m.passwordReset(opts.username.trim()));
    });

  withUser(users.command('unlock').description(h.usersUnlock))
    .requiredOption('--username <username>', h.username)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<UserOpts & { username: string }>();
      await withAdminSession(ctx, opts, async (core, client) => {
        const target = await findUser(ctx, core, client, opts.username);
        await dispatch(ctx, core, client, 'users.unlock', { id: target.id });
      });
      out(ctx, ctx.m.unlocked(opts.username.trim()));
    });
}
