// Logged-in sessions, one per client (window / browser profile). Kept in memory in the core:
// the renderer never holds a credential, the host only says which client is calling.
import type { SyncDb } from '../db/sync-db';
import type { Role } from '../../contract/roles';
import type { SessionInfo, SessionUser } from '../../contract/operations';
import { CoreError } from '../errors';

interface Session {
  userId: number;
  lastSeen: number;
}

export function loadSessionUser(db: SyncDb, userId: number): (SessionUser & { active: boolean }) | null {
  const u = db.first(
    db.q
      .selectFrom('users')
      .select(['id', 'username', 'display_name', 'active', 'must_change_password'])
      .where('id', '=', userId),
  );
  if (!u) return null;
  const roles = db
    .all(db.q.selectFrom('user_roles').select('role').where('user_id', '=', userId).where('valid_to', 'is', null).orderBy('role'))
    .map((r) => r.role as Role);
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    roles,
    mustChangePassword: u.must_change_password === 1,
    active: u.active === 1,
  };
}

export class SessionStore {
  private readonly byClient = new Map<string, Session>();

  bind(clientId: string, userId: number, now: Date): void {
    this.byClient.set(clientId, { userId, lastSeen: now.getTime() });
  }

  drop(clientId: string): void {
    this.byClient.delete(clientId);
  }

  /** Ends every session but one (a restore replaced the users table underneath them). */
  dropAllExcept(clientId: string): void {
    for (const k of [...this.byClient.keys()]) if (k !== clientId) this.byClient.delete(k);
  }

  /** Ends every session of a user (deactivated, password reset). */
  dropUser(userId: number): void {
    for (const [k, s] of this.byClient) if (s.userId === userId) this.byClient.delete(k);
  }

  /** The caller's user, or null when not logged in. Throws when the session expired. */
  resolve(db: SyncDb, clientId: string, now: Date, idleMinutes: number, touch: boolean): SessionUser | null {
    const s = this.byClient.get(clientId);
    if (!s) return null;
    if (now.getTime() - s.lastSeen > idleMinutes * 60_000) {
      this.byClient.delete(clientId);
      throw new CoreError('UNAUTHENTICATED', `会话已超过 ${idleMinutes} 分钟未操作而过期，请重新登录。`);
    }
    const user = loadSessionUser(db, s.userId);
    if (!user || !user.active) {
      this.byClient.delete(clientId);
      throw new CoreError('UNAUTHENTICATED', '该账户已停用，请联系管理员。');
    }
    if (touch) s.lastSeen = now.getTime();
    const { active: _active, ...sessionUser } = user;
    return sessionUser;
  }

  info(clientId: string, user: SessionUser, idleMinutes: number): SessionInfo {
    const s = this.byClient.get(clientId);
    const last = s?.lastSeen ?? Date.now();
    return { user, expiresAt: new Date(last + idleMinutes * 60_000).toISOString() };
  }
}
