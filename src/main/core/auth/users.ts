// Users and their roles: creation, role changes (dated), deactivation, passwords, lockout.
import type { SyncDb } from '../db/sync-db';
import type { Role } from '../../contract/roles';
import type { UserSummary } from '../../contract/operations';
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import { CoreError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { describeConflict, findRoleConflict } from './role-conflicts';

export function userSummary(db: SyncDb, id: number, now: Date): UserSummary {
  const u = db.first(db.q.selectFrom('users').selectAll().where('id', '=', id));
  if (!u) throw new CoreError('NOT_FOUND', `用户 #${id} 不存在。`);
  const roles = db
    .all(db.q.selectFrom('user_roles').select('role').where('user_id', '=', id).where('valid_to', 'is', null).orderBy('role'))
    .map((r) => r.role as Role);
  const locked = u.locked_until !== null && u.locked_until > now.toISOString();
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles,
    active: u.active === 1,
    locked,
    lockedUntil: locked ? u.locked_until : null,
    failedAttempts: u.failed_attempts,
    createdAt: u.created_at,
  };
}

function assertRolesAllowed(ctx: ServiceContext, roles: readonly Role[]): void {
  const conflict = findRoleConflict(roles, ctx.settings());
  if (conflict) throw new CoreError('RULE', describeConflict(conflict), { field: 'roles', rule: conflict.rule });
}

function adminsLeft(db: SyncDb, exceptUserId: number): number {
  const row = db.first(
    db.q
      .selectFrom('user_roles')
      .innerJoin('users', 'users.id', 'user_roles.user_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_roles.role', '=', 'admin')
      .where('user_roles.valid_to', 'is', null)
      .where('users.active', '=', 1)
      .where('users.id', '!=', exceptUserId),
  );
  return row?.n ?? 0;
}

/** Inserts a user with roles; shared by the setup wizard and users.create. */
export function insertUser(
  ctx: ServiceContext,
  input: { username: string; displayName: string; roles: Role[]; password: string },
  /** The first administrator creates itself in the setup wizard (userId 0: its own id). */
  selfCreated?: { userId: 0; username: string },
): UserSummary {
  const roles = [...new Set(input.roles)];
  assertRolesAllowed(ctx, roles);
  const exists = ctx.db.first(ctx.db.q.selectFrom('users').select('id').where('username', '=', input.username));
  if (exists) throw new CoreError('CONFLICT', `用户名“${input.username}”已被使用。`, { field: 'username' });
  const at = ctx.now.toISOString();
  const res = ctx.db.run(
    ctx.db.q.insertInto('users').values({
      username: input.username,
      display_name: input.displayName,
      password_hash: hashPassword(input.password),
      active: 1,
      failed_attempts: 0,
      locked_until: null,
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    }),
  );
  const id = Number(res.lastInsertRowid);
  for (const role of roles) {
    ctx.db.run(ctx.db.q.insertInto('user_roles').values({ user_id: id, role, valid_from: at, valid_to: null }));
  }
  const summary = userSummary(ctx.db, id, ctx.now);
  ctx.audit({
    operation: 'users.create',
    entity: 'user',
    entityId: id,
    after: summary,
    ...(selfCreated ? { actor: { userId: id, username: selfCreated.username } } : {}),
  });
  return summary;
}

export const listUsers: Handler<'users.list'> = (ctx) =>
  ctx.db.all(ctx.db.q.selectFrom('users').select('id').orderBy('id')).map((u) => userSummary(ctx.db, u.id, ctx.now));

export const createUser: Handler<'users.create'> = (ctx, input) => insertUser(ctx, input);

export const updateUser: Handler<'users.update'> = (ctx, input) => {
  const me = requireUser(ctx);
  const before = userSummary(ctx.db, input.id, ctx.now);
  const roles = [...new Set(input.roles)];
  assertRolesAllowed(ctx, roles);
  const losesAdmin = before.roles.includes('admin') && (!roles.includes('admin') || !input.active);
  if (losesAdmin && adminsLeft(ctx.db, input.id) === 0) {
    throw new CoreError('CONFLICT', '至少需要保留一名启用的管理员。', { field: 'roles' });
  }
  if (input.id === me.id && !input.active) throw new CoreError('CONFLICT', '不能停用自己的账户。', { field: 'active' });

  const at = ctx.now.toISOString();
  for (const r of before.roles.filter((r) => !roles.includes(r))) {
    ctx.db.run(
      ctx.db.q.updateTable('user_roles').set({ valid_to: at }).where('user_id', '=', input.id).where('role', '=', r).where('valid_to', 'is', null),
    );
  }
  for (const r of roles.filter((r) => !before.roles.includes(r))) {
    ctx.db.run(ctx.db.q.insertInto('user_roles').values({ user_id: input.id, role: r, valid_from: at, valid_to: null }));
  }
  ctx.db.run(
    ctx.db.q
      .updateTable('users')
      .set({ display_name: input.displayName, active: input.active ? 1 : 0, updated_at: at })
      .where('id', '=', input.id),
  );
  if (!input.active) ctx.sessions.dropUser(input.id);
  const after = userSummary(ctx.db, input.id, ctx.now);
  ctx.audit({ operation: 'users.update', entity: 'user', entityId: input.id, before, after });
  return after;
};

export const resetPassword: Handler<'users.resetPassword'> = (ctx, input) => {
  const before = userSummary(ctx.db, input.id, ctx.now);
  ctx.db.run(
    ctx.db.q
      .updateTable('users')
      .set({ password_hash: hashPassword(input.newPassword), must_change_password: 1, failed_attempts: 0, locked_until: null, updated_at: ctx.now.toISOString() })
      .where('id', '=', input.id),
  );
  ctx.sessions.dropUser(input.id);
  ctx.audit({ operation: 'users.resetPassword', entity: 'user', entityId: input.id, before: { username: before.username }, after: { mustChangePassword: true } });
  return null;
};

export const unlockUser: Handler<'users.unlock'> = (ctx, input) => {
  const before = userSummary(ctx.db, input.id, ctx.now);
  ctx.db.run(ctx.db.q.updateTable('users').set({ failed_attempts: 0, locked_until: null, updated_at: ctx.now.toISOString() }).where('id', '=', input.id));
  const after = userSummary(ctx.db, input.id, ctx.now);
  ctx.audit({ operation: 'users.unlock', entity: 'user', entityId: input.id, before, after });
  return after;
};

export const changeOwnPassword: Handler<'session.changePassword'> = (ctx, input) => {
  const me = requireUser(ctx);
  const row = ctx.db.first(ctx.db.q.selectFrom('users').select('password_hash').where('id', '=', me.id));
  if (!row || !verifyPassword(input.oldPassword, row.password_hash)) {
    throw new CoreError('VALIDATION', '原密码不正确。', { field: 'oldPassword' });
  }
  if (input.oldPassword === input.newPassword) throw new CoreError('VALIDATION', '新密码不能与原密码相同。', { field: 'newPassword' });
  ctx.db.run(
    ctx.db.q
      .updateTable('users')
      .set({ password_hash: hashPassword(input.newPassword), must_change_password: 0, updated_at: ctx.now.toISOString() })
      .where('id', '=', me.id),
  );
  ctx.audit({ operation: 'session.changePassword', entity: 'user', entityId: me.id });
  return null;
};
