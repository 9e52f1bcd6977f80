// The union's profile and the first-run wizard that creates the ledger.
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import type { UnionProfile } from '../../contract/operations';
import { PROVINCE_PRESETS } from '../../contract/presets';
import { CoreError } from '../errors';
import { insertUser } from '../auth/users';
import { isValidUscc } from './uscc';
import { DEFAULT_SETTINGS, writeSettings } from '../settings/settings';
import { login } from '../auth/session-handlers';

export function readUnion(db: SyncDb): UnionProfile | null {
  const r = db.first(db.q.selectFrom('union_profile').selectAll().where('id', '=', 1));
  if (!r) return null;
  return {
    name: r.name,
    uscc: r.uscc,
    level: r.level,
    provincePreset: r.province_preset,
    firstFiscalYear: r.first_fiscal_year,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkUscc(uscc: string | null | undefined, field: string): string | null {
  if (!uscc) return null;
  if (!isValidUscc(uscc)) {
    throw new CoreError('VALIDATION', `统一社会信用代码“${uscc}”的校验位不正确，请核对（GB 32100-2015）。`, { field, rule: 'GB 32100-2015' });
  }
  return uscc;
}

export const setupStatus: Handler<'setup.status'> = (ctx) => {
  const u = readUnion(ctx.db);
  return { initialized: u !== null, unionName: u?.name ?? null, presets: PROVINCE_PRESETS };
};

export const createLedger: Handler<'setup.createLedger'> = (ctx, input) => {
  if (readUnion(ctx.db)) throw new CoreError('CONFLICT', '账簿已经建立，不能重复初始化。');
  const at = ctx.now.toISOString();
  const uscc = checkUscc(input.union.uscc, 'union.uscc');
  ctx.db.run(
    ctx.db.q.insertInto('union_profile').values({
      id: 1,
      name: input.union.name,
      uscc,
      level: '基层',
      province_preset: input.union.provincePreset,
      first_fiscal_year: input.union.firstFiscalYear,
      created_at: at,
      updated_at: at,
    }),
  );
  writeSettings(ctx.db, DEFAULT_SETTINGS, ctx.now);
  const admin = insertUser(ctx, { ...input.admin, roles: ['admin'] }, { userId: 0, username: input.admin.username });
  ctx.audit({ operation: 'setup.createLedger', entity: 'union', entityId: 1, after: readUnion(ctx.db), actor: { userId: admin.id, username: admin.username } });
  // The administrator who just created the ledger is logged in on this client.
  return login(ctx, { username: input.admin.username, password: input.admin.password });
};

function requireUnion(db: SyncDb): UnionProfile {
  const u = readUnion(db);
  if (!u) throw new CoreError('CONFLICT', '账簿尚未建立，请先完成初始化向导。');
  return u;
}

export const getUnion: Handler<'union.get'> = (ctx) => requireUnion(ctx.db);

export const updateUnion: Handler<'union.update'> = (ctx, input) => {
  const before = requireUnion(ctx.db);
  const uscc = checkUscc(input.uscc, 'uscc');
  ctx.db.run(
    ctx.db.q
      .updateTable('union_profile')
      .set({ name: input.name, uscc, province_preset: input.provincePreset, updated_at: ctx.now.toISOString() })
      .where('id', '=', 1),
  );
  const after = readUnion(ctx.db)!;
  ctx.audit({ operation: 'union.update', entity: 'union', entityId: 1, before, after });
  return after;
};
