// The chart of accounts as the user sees and extends it (accounts.md §2–§4; 附录1 总说明 一:
// detail accounts may be added, prescribed ones may not be renamed or deleted).
import { pinyinPro } from '../lazy-libs';
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import type { AccountInfo } from '../../contract/books';
import { CoreError } from '../errors';

interface AccountRow {
  code: string;
  name: string;
  parent_code: string | null;
  element: AccountInfo['element'];
  normal_side: AccountInfo['normalSide'];
  journal: AccountInfo['journal'];
  scope: AccountInfo['scope'];
  prescribed: number;
  enabled: number;
  dims: string;
  close_special: string | null;
  close_general: string | null;
}

const initialsCache = new Map<string, string>();
export function initialsOf(name: string): string {
  let v = initialsCache.get(name);
  if (v === undefined) {
    v = pinyinPro().pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
    initialsCache.set(name, v);
  }
  return v;
}

/** The whole chart, as a map by code, with leaf and posting flags. */
export function loadChart(db: SyncDb): Map<string, AccountInfo> {
  const rows = db.sqlite.prepare('SELECT * FROM accounts ORDER BY code').all() as AccountRow[];
  const posted = new Set((db.sqlite.prepare('SELECT DISTINCT account_code FROM ledger_balances').all() as { account_code: string }[]).map((r) => r.account_code));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const hasEnabledChild = new Set(rows.filter((r) => r.enabled === 1 && r.parent_code).map((r) => r.parent_code!));
  const fullName = (r: AccountRow): string => {
    const parent = r.parent_code ? byCode.get(r.parent_code) : undefined;
    return parent ? `${fullName(parent)}——${r.name}` : r.name;
  };
  const out = new Map<string, AccountInfo>();
  for (const r of rows) {
    out.set(r.code, {
      code: r.code,
      name: r.name,
      parentCode: r.parent_code,
      element: r.element,
      normalSide: r.normal_side,
      journal: r.journal,
      scope: r.scope,
      prescribed: r.prescribed === 1,
      enabled: r.enabled === 1,
      leaf: r.enabled === 1 && !hasEnabledChild.has(r.code),
      hasPostings: posted.has(r.code),
      dims: JSON.parse(r.dims) as string[],
      closeSpecial: r.close_special,
      closeGeneral: r.close_general,
      fullName: fullName(r),
      initials: initialsOf(r.name),
    });
  }
  return out;
}

export function requireAccount(chart: Map<string, AccountInfo>, code: string, field = 'code'): AccountInfo {
  const a = chart.get(code);
  if (!a) throw new CoreError('NOT_FOUND', `会计科目 ${code} 不存在。`, { field });
  return a;
}

/** True for 101/102 and their details: lines that need the cashier (vouchers-and-books.md §4). */
export function isCashOrBank(a: AccountInfo): boolean {
  return a.journal !== null;
}

function usedByVouchers(db: SyncDb, code: string): boolean {
  return db.sqlite.prepare('SELECT 1 FROM voucher_lines WHERE account_code = ? LIMIT 1').get(code) !== undefined;
}

export const listAccounts: Handler<'accounts.list'> = (ctx, input) => {
  const all = [...loadChart(ctx.db).values()];
  return input.includeDisabled ? all : all.filter((a) => a.enabled);
};

export const addDetailAccount: Handler<'accounts.addDetail'> = (ctx, input) => {
  const chart = loadChart(ctx.db);
  const parent = requireAccount(chart, input.parentCode, 'parentCode');
  if (!parent.enabled) throw new CoreError('CONFLICT', `上级科目 ${parent.code} ${parent.name} 未启用，请先启用。`, { field: 'parentCode' });
  if (usedByVouchers(ctx.db, parent.code)) {
    throw new CoreError('CONFLICT', `科目 ${parent.code} ${parent.fullName} 已有凭证使用，不能再增设下级明细科目（否则已记金额无法归入明细）。`, {
      field: 'parentCode',
    });
  }
  const siblings = [...chart.values()].filter((a) => a.parentCode === parent.code);
  if (siblings.some((s) => s.name === input.name)) {
    throw new CoreError('CONFLICT', `${parent.fullName} 下已有名为“${input.name}”的明细科目。`, { field: 'name' });
  }
  const used = new Set(siblings.map((s) => Number(s.code.slice(parent.code.length))));
  let n = 1;
  while (used.has(n)) n++;
  if (n > 99) throw new CoreError('CONFLICT', `${parent.fullName} 下的明细科目已满 99 个。`);
  const code = `${parent.code}${String(n).padStart(2, '0')}`;
  const row = ctx.db.sqlite.prepare('SELECT * FROM accounts WHERE code = ?').get(parent.code) as AccountRow;
  ctx.db.sqlite
    .prepare(
      `INSERT INTO accounts (code, name, parent_code, element, normal_side, journal, scope, prescribed, enabled, dims, close_special, close_general, created_at)
       VALUES (?, ?, ?, ?, ?, ?, 'user', 0, 1, ?, ?, ?, ?)`,
    )
    .run(code, input.name, parent.code, row.element, row.normal_side, row.journal, row.dims, row.close_special, row.close_general, ctx.now.toISOString());
  const created = loadChart(ctx.db).get(code)!;
  ctx.audit({ operation: 'accounts.addDetail', entity: 'account', entityId: code, after: created });
  return created;
};

export const renameAccount: Handler<'accounts.rename'> = (ctx, input) => {
  const before = requireAccount(loadChart(ctx.db), input.code);
  if (before.prescribed) {
    throw new CoreError('RULE', `${before.code} ${before.name} 是财会〔2021〕7号规定的科目，不得更名。`, { field: 'code', rule: '财会〔2021〕7号 附录1 总说明 一' });
  }
  ctx.db.sqlite.prepare('UPDATE accounts SET name = ? WHERE code = ?').run(input.name, input.code);
  const after = loadChart(ctx.db).get(input.code)!;
  ctx.audit({ operation: 'accounts.rename', entity: 'account', entityId: input.code, before, after });
  return after;
};

function balanceOf(db: SyncDb, code: string): number {
  const r = db.sqlite
    .prepare("SELECT coalesce(sum(debit - credit), 0) AS b FROM ledger_balances WHERE account_code = ? OR account_code LIKE ? || '%'")
    .get(code, code) as { b: number };
  return r.b;
}

export const setAccountEnabled: Handler<'accounts.setEnabled'> = (ctx, input) => {
  const before = requireAccount(loadChart(ctx.db), input.code);
  if (before.scope === 'grassroots') {
    throw new CoreError('RULE', `${before.code} ${before.name} 是基层工会的法定科目，始终启用。`, { field: 'code', rule: '财会〔2021〕7号 附录1' });
  }
  if (before.enabled === input.enabled) return before;
  if (!input.enabled && balanceOf(ctx.db, input.code) !== 0) {
    throw new CoreError('CONFLICT', `${before.code} ${before.fullName} 尚有余额，不能停用。`, { field: 'code' });
  }
  if (!input.enabled && usedByVouchers(ctx.db, input.code)) {
    throw new CoreError('CONFLICT', `${before.code} ${before.fullName} 已被凭证使用，不能停用。`, { field: 'code' });
  }
  ctx.db.sqlite.prepare('UPDATE accounts SET enabled = ? WHERE code = ?').run(input.enabled ? 1 : 0, input.code);
  const after = loadChart(ctx.db).get(input.code)!;
  ctx.audit({ operation: 'accounts.setEnabled', entity: 'account', entityId: input.code, before, after });
  return after;
};

export const removeAccount: Handler<'accounts.remove'> = (ctx, input) => {
  const chart = loadChart(ctx.db);
  const before = requireAccount(chart, input.code);
  if (before.prescribed) {
    throw new CoreError('RULE', `${before.code} ${before.name} 是财会〔2021〕7号规定的科目，不得删除。`, { field: 'code', rule: '财会〔2021〕7号 附录1 总说明 一' });
  }
  if ([...chart.values()].some((a) => a.parentCode === input.code)) {
    throw new CoreError('CONFLICT', `${before.fullName} 下还有明细科目，不能删除。`, { field: 'code' });
  }
  if (before.hasPostings || usedByVouchers(ctx.db, input.code)) {
    throw new CoreError('CONFLICT', `${before.code} ${before.fullName} 已被凭证使用，不能删除（可以停用）。`, { field: 'code' });
  }
  ctx.db.sqlite.prepare('DELETE FROM accounts WHERE code = ?').run(input.code);
  ctx.audit({ operation: 'accounts.remove', entity: 'account', entityId: input.code, before });
  return null;
};
