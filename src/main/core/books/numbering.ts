// Voucher numbers: one gapless sequence per period and voucher word, assigned at posting
// (vouchers-and-books.md §2; 财会〔2013〕20号 第十条 连续编号). The same rule as postVoucher in
// vouchers.ts; system vouchers (closing, year-end) use this helper.
import type { SyncDb } from '../db/sync-db';

export function nextVoucherNumber(db: SyncDb, period: string, word: string): number {
  const last = db.first(
    db.q
      .selectFrom('vouchers')
      .select((eb) => eb.fn.max<number | null>('number').as('n'))
      .where('period', '=', period)
      .where('word', '=', word),
  );
  return (last?.n ?? 0) + 1;
}
