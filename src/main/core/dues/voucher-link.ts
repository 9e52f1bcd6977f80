// The link between dues payments and the vouchers that carry them, called from the voucher
// lifecycle in books/vouchers.ts. A dues voucher is marked by its `source` ('dues.payroll',
// 'dues.cash'); vouchers.reverse copies the source onto the red voucher. Three hooks:
//  - editing a dues draft by hand is refused (its lines must stay equal to its payment rows);
//  - deleting a dues draft deletes its payment rows (allowed by the schema while the voucher is a
//    draft; a cash receipt keeps its number and shows as 作废);
//  - POSTING the red voucher of a dues voucher records one negative payment per original payment,
//    linked to the red voucher (reverses_payment_id): the months are unpaid again from then on.
//    At posting, not at creation, because a payment counts only on a posted voucher; a red draft
//    that is deleted again leaves nothing behind.
// Depends only on the database, so books/ does not import the rest of the dues module.
import type { SyncDb } from '../db/sync-db';

export const DUES_SOURCE_PREFIX = 'dues.';

export function isDuesSource(source: string | null): boolean {
  return source !== null && source.startsWith(DUES_SOURCE_PREFIX);
}

export const DUES_DRAFT_LOCKED = '会费凭证由会费收缴生成，金额与会员缴费明细一一对应，不能手工修改；如有错误，请删除该草稿后重新收缴。';

/** Before a dues draft is deleted: its payment rows go with it. */
export function releaseDuesDraft(db: SyncDb, voucherId: number): number {
  return db.sqlite.prepare('DELETE FROM dues_payments WHERE voucher_id = ?').run(voucherId).changes;
}

/** After the red voucher of a dues voucher is posted: the negative payments. Returns how many. */
export function reverseDuesPayments(db: SyncDb, red: { id: number; voucher_date: string; reverses_voucher_id: number }, userId: number, at: string): number {
  return db.sqlite
    .prepare(
      `INSERT INTO dues_payments (member_id, month, amount_fen, method, paid_on, receipt_id, voucher_id, reverses_payment_id, recorded_by, recorded_at)
       SELECT p.member_id, p.month, -p.amount_fen, p.method, ?, p.receipt_id, ?, p.id, ?, ?
       FROM dues_payments p
       WHERE p.voucher_id = ? AND p.reverses_payment_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM dues_payments r WHERE r.reverses_payment_id = p.id)
       ORDER BY p.id`,
    )
    .run(red.voucher_date, red.id, userId, at, red.reverses_voucher_id).changes;
}
