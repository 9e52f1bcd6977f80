// The link between expense requests and the vouchers their payment generates, called from the
// voucher lifecycle in books/vouchers.ts. A spending voucher is marked by its `source`
// ('spending:<request id>'); vouchers.reverse copies the source onto the red voucher.
//  - editing a spending draft by hand is refused (its lines are the approved request's);
//  - deleting a spending draft returns the request to 主席已审批 (approved): it can be paid again;
//  - a reversed voucher needs no hook: the benefit register and the caps leave out requests whose
//    voucher has a posted red voucher (spending/state.ts).
// Depends only on the database, so books/ does not import the rest of the spending module.
import type { SyncDb } from '../db/sync-db';

export const SPENDING_SOURCE_PREFIX = 'spending:';

export const spendingSource = (requestId: number): string => `${SPENDING_SOURCE_PREFIX}${requestId}`;

export function isSpendingSource(source: string | null): boolean {
  return source !== null && source.startsWith(SPENDING_SOURCE_PREFIX);
}

export function spendingRequestIdOf(source: string | null): number | null {
  if (!isSpendingSource(source)) return null;
  const n = Number(source!.slice(SPENDING_SOURCE_PREFIX.length));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export const SPENDING_DRAFT_LOCKED = '该凭证由支出申请的出纳支付生成，金额与科目须与已审批的申请一致，不能手工修改；如有错误，请删除该草稿（申请回到“主席已审批”）后重新支付。';

/** Before a spending draft is deleted: its request goes back to approved, with the step recorded. Returns the request id. */
export function releaseSpendingDraft(db: SyncDb, voucherId: number, userId: number, at: string): number | null {
  const row = db.sqlite.prepare("SELECT id FROM spending_requests WHERE voucher_id = ? AND status = 'paid'").get(voucherId) as { id: number } | undefined;
  if (!row) return null;
  db.sqlite.prepare("UPDATE spending_requests SET status = 'approved', voucher_id = NULL, paid_on = NULL, updated_at = ? WHERE id = ?").run(at, row.id);
  db.sqlite
    .prepare("INSERT INTO spending_steps (request_id, action, from_status, to_status, user_id, at, note) VALUES (?, 'unpay', 'paid', 'approved', ?, ?, ?)")
    .run(row.id, userId, at, `付款凭证草稿 #${voucherId} 已删除`);
  return row.id;
}
