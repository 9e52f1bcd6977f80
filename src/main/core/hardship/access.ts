// Who may see the hardship files (困难职工档案, S5; CHK-PRIV-1 个人信息保护法 第二十八条: health and
// family circumstances are sensitive personal information). The chair, and the users the
// administrator grants in the setting 'hardship.access' (a list of user ids). The dispatcher only
// checks roles, which is coarser: every hardship handler calls requireHardshipAccess first.
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { SyncDb } from '../db/sync-db';
import { CoreError } from '../errors';
import type { HardshipAccess } from '../../contract/distributions';

export const HARDSHIP_ACCESS_KEY = 'hardship.access';

export function grantedUserIds(db: SyncDb): number[] {
  const v = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(HARDSHIP_ACCESS_KEY) as string | undefined;
  if (!v) return [];
  const parsed = JSON.parse(v) as { userIds?: unknown };
  return Array.isArray(parsed.userIds) ? parsed.userIds.filter((x): x is number => typeof x === 'number' && Number.isInteger(x)) : [];
}

export function mayReadHardship(ctx: ServiceContext): boolean {
  const me = requireUser(ctx);
  return me.roles.includes('chair') || grantedUserIds(ctx.db).includes(me.id);
}

export function requireHardshipAccess(ctx: ServiceContext, what = '困难职工档案'): void {
  if (!mayReadHardship(ctx)) {
    throw new CoreError('FORBIDDEN', `${what}仅限工会主席和管理员授权的人员查看。`);
  }
}

function accessView(db: SyncDb): HardshipAccess {
  const ids = grantedUserIds(db);
  const rows = db.sqlite
    .prepare('SELECT id, username, display_name FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
    .all(JSON.stringify(ids)) as { id: number; username: string; display_name: string }[];
  return { users: rows.map((r) => ({ userId: r.id, username: r.username, displayName: r.display_name })) };
}

/** For the UI: show the 困难职工档案 tab only to those the handlers would serve. */
export const mayReadHardshipHandler: Handler<'hardship.mayRead'> = (ctx) => ({ mayRead: mayReadHardship(ctx) });

export const getHardshipAccess: Handler<'hardship.access.get'> = (ctx) => accessView(ctx.db);

export const updateHardshipAccess: Handler<'hardship.access.update'> = (ctx, input) => {
  const { db } = ctx;
  const ids = [...new Set(input.userIds)].sort((a, b) => a - b);
  const found = new Set((db.sqlite.prepare('SELECT id FROM users WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number }[]).map((r) => r.id));
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw new CoreError('VALIDATION', `用户 #${ids[i]} 不存在。`, { field: 'userIds' });
  const before = accessView(db);
  db.sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(HARDSHIP_ACCESS_KEY, JSON.stringify({ userIds: ids }), ctx.now.toISOString());
  const after = accessView(db);
  ctx.audit({ operation: 'hardship.access.update', entity: 'settings', entityId: HARDSHIP_ACCESS_KEY, before, after });
  return after;
};
