// Shared reads for the review workspace: the year's posted vouchers with their amounts.
import type { SyncDb } from '../db/sync-db';
import { voucherNo } from '../ledger/common';
import { placeholders } from '../ledger/common';

export interface VoucherFacts {
  id: number;
  word: string;
  number: number | null;
  date: string;
  kind: string;
  source: string | null;
  attachments: number;
  attachmentsNote: string | null;
  uploaded: number;
  /** The voucher's total: the sum of its debits (a red reversal's is negative). */
  amountFen: number;
  summary: string;
  preparedBy: number;
  reviewedBy: number | null;
}

/** Closing vouchers (结转) are bookkeeping, not transactions: never sampled, never evidence-checked. */
export const CLOSING_KINDS = ['closing', 'year_end'] as const;

interface Row {
  id: number;
  word: string;
  number: number | null;
  voucher_date: string;
  kind: string;
  source: string | null;
  attachments: number;
  attachments_note: string | null;
  uploaded: number;
  amount: number;
  summary: string | null;
  prepared_by: number;
  reviewed_by: number | null;
}

const SELECT = `SELECT v.id, v.word, v.number, v.voucher_date, v.kind, v.source, v.attachments, v.attachments_note, v.prepared_by, v.reviewed_by,
    (SELECT coalesce(sum(l.debit), 0) FROM voucher_lines l WHERE l.voucher_id = v.id) AS amount,
    (SELECT l.summary FROM voucher_lines l WHERE l.voucher_id = v.id ORDER BY l.line_no LIMIT 1) AS summary,
    (SELECT count(*) FROM voucher_attachments a WHERE a.voucher_id = v.id) AS uploaded
  FROM vouchers v`;

const toFacts = (r: Row): VoucherFacts => ({
  id: r.id,
  word: r.word,
  number: r.number,
  date: r.voucher_date,
  kind: r.kind,
  source: r.source,
  attachments: r.attachments,
  attachmentsNote: r.attachments_note,
  uploaded: r.uploaded,
  amountFen: r.amount,
  summary: r.summary ?? '',
  preparedBy: r.prepared_by,
  reviewedBy: r.reviewed_by,
});

/** The year's posted vouchers, closing vouchers excluded, in book order (period, word, number). */
export function postedVouchersOfYear(db: SyncDb, year: number): VoucherFacts[] {
  const rows = db.sqlite
    .prepare(
      `${SELECT} WHERE v.status = 'posted' AND v.period >= ? AND v.period <= ? AND v.kind NOT IN (${placeholders(CLOSING_KINDS.length)})
       ORDER BY v.period, v.word, v.number, v.id`,
    )
    .all(`${year}-01`, `${year}-12`, ...CLOSING_KINDS) as Row[];
  return rows.map(toFacts);
}

export function vouchersByIds(db: SyncDb, ids: readonly number[]): Map<number, VoucherFacts> {
  const out = new Map<number, VoucherFacts>();
  if (ids.length === 0) return out;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.sqlite.prepare(`${SELECT} WHERE v.id IN (${placeholders(chunk.length)})`).all(...chunk) as Row[];
    for (const r of rows) out.set(r.id, toFacts(r));
  }
  return out;
}

export const factsNo = (v: Pick<VoucherFacts, 'word' | 'number'>): string => voucherNo(v.word, v.number);

export function userNames(db: SyncDb): Map<number, string> {
  const rows = db.sqlite.prepare('SELECT id, display_name FROM users').all() as { id: number; display_name: string }[];
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
