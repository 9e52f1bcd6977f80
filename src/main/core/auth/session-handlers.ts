// Login, logout, current session. Failed logins are recorded and count toward lockout.
import type { Handler, ServiceContext } from '../context';
import type { OpParsed, SessionInfo } from '../../contract/operations';
import { requireUser } from '../context';
import { CommittedRefusal, CoreError } from '../errors';
import { DUMMY_HASH, verifyPassword } from './password';
import { loadSessionUser } from './sessions';

const fmtTime = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

export function login(ctx: ServiceContext, input: OpParsed<'session.login'>): SessionInfo {
  const { db, now } = ctx;
  const settings = ctx.settings();
  const u = db.first(db.q.selectFrom('users').selectAll().where('username', '=', input.username));
  const refuse = (message: string, code: 'UNAUTHENTICATED' | 'LOCKED' = 'UNAUTHENTICATED'): never => {
    throw new CommittedRefusal(code, message);
  };

  if (!u) {
    verifyPassword(input.password, DUMMY_HASH); // same cost as a real check
    ctx.audit({ operation: 'session.loginFailed', entity: 'session', after: { username: input.username, reason: '用户名不存在' } });
    return refuse('用户名或密码不正确。');
  }
  if (u.locked_until && u.locked_until > now.toISOString()) {
    ctx.audit({ operation: 'session.loginFailed', entity: 'session', entityId: u.id, after: { username: u.username, reason: '账户已锁定' } });
    refuse(`账户因连续 ${settings.lockoutThreshold} 次登录失败已被锁定，请于 ${fmtTime(u.locked_until)} 后再试，或请管理员解锁。`, 'LOCKED');
  }
  if (!verifyPassword(input.password, u.password_hash)) {
    const failed = u.failed_attempts + 1;
    const lock = failed >= settings.lockoutThreshold;
    const lockedUntil = lock ? new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString() : null;
    db.run(db.q.updateTable('users').set({ failed_attempts: lock ? 0 : failed, locked_until: lockedUntil }).where('id', '=', u.id));
    ctx.audit({
      operation: 'session.loginFailed',
      entity: 'session',
      entityId: u.id,
      after: { username: u.username, reason: '密码错误', failedAttempts: failed, lockedUntil },
    });
    if (lock) refuse(`密码错误次数过多，账户已锁定 ${settings.lockoutMinutes} 分钟。`, 'LOCKED');
    refuse(`用户名或密码不正确（还可尝试 ${settings.lockoutThreshold - failed} 次）。`);
  }
  if (u.active !== 1) {
    ctx.audit({ operation: 'session.loginFailed', entity: 'session', entityId: u.id, after: { username: u.username, reason: '账户已停用' } });
    refuse('该账户已停用，请联系管理员。');
  }
  db.run(db.q.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', u.id));
  const user = loadSessionUser(db, u.id);
  if (!user) throw new CoreError('INTERNAL', '用户数据不完整。');
  const { active: _a, ...sessionUser } = user;
  ctx.sessions.bind(ctx.client.clientId, u.id, now);
  // The login record names the user itself (ctx.user is still null here).
  ctx.audit({ operation: 'session.login', entity: 'session', entityId: u.id, after: { host: ctx.client.host }, actor: { userId: u.id, username: u.username } });
  return ctx.sessions.info(ctx.client.clientId, sessionUser, settings.sessionIdleMinutes);
}

export const logout: Handler<'session.logout'> = (ctx) => {
  const me = requireUser(ctx);
  ctx.audit({ operation: 'session.logout', entity: 'session', entityId: me.id });
  ctx.sessions.drop(ctx.client.clientId);
  return null;
};

export const currentSession: Handler<'session.current'> = (ctx) =>
  ctx.user ? ctx.sessions.info(ctx.client.clientId, ctx.user, ctx.settings().sessionIdleMinutes) : null;
