// The budget line a request draws on (CHK-BUD-1), from the budget module's budgetRoom: the approved
// budget in force on the request's date, the deepest line covering the request's account, and what
// posted vouchers already spent on it this year. The request's own budget reference (a line id or
// text) names the line when given; otherwise the line is identified by the account.
//
// The room is NET of what other requests already committed on the same line and the books do not
// show yet: requests approved by the chair but not paid, and requests paid whose voucher is not
// posted (the draft voucher is not in the actuals). Otherwise two approvals of 8,000 元 each could
// both pass a line with 10,000 元 left (R-BUD ◐ 皖工发〔2025〕18号 "严禁无预算、超预算列支").
import type { SyncDb } from '../db/sync-db';
import type { LedgerState } from './model';
import { budgetRoom } from '../budget/budget';
import { formatYuan } from '../../contract/money';

interface VersionRow {
  id: number;
  version: number;
  effective_date: string | null;
}

/** The approved budget version in force on `date` (as budget.ts versionInForce: the latest effective by then, else the first approved). */
function versionIdInForce(db: SyncDb, year: number, date: string): number | null {
  const approved = db.sqlite
    .prepare("SELECT id, version, effective_date FROM budget_versions WHERE year = ? AND status = 'approved' ORDER BY version")
    .all(year) as VersionRow[];
  if (approved.length === 0) return null;
  return (approved.filter((v) => v.effective_date !== null && v.effective_date <= date).at(-1) ?? approved[0]!).id;
}

/** The account code of the deepest budget line covering `accountCode` in the version, or null. */
function lineCodeOf(codes: readonly string[], accountCode: string): string | null {
  let best: string | null = null;
  for (const c of codes) if (accountCode.startsWith(c) && (best === null || c.length > best.length)) best = c;
  return best;
}

/**
 * What other requests of the year committed on the line of `accountCode` and the books do not show yet:
 * approved and unpaid, or paid with the voucher not posted. `exceptId` is the request being checked.
 */
export function committedOnLine(db: SyncDb, date: string, accountCode: string, exceptId: number | null): { fen: number; count: number } {
  const year = Number(date.slice(0, 4));
  const versionId = versionIdInForce(db, year, date);
  if (versionId === null) return { fen: 0, count: 0 };
  const codes = (db.sqlite.prepare('SELECT DISTINCT account_code FROM budget_lines WHERE version_id = ?').all(versionId) as { account_code: string }[]).map(
    (r) => r.account_code,
  );
  const mine = lineCodeOf(codes, accountCode);
  if (mine === null) return { fen: 0, count: 0 };
  const rows = db.sqlite
    .prepare(
      `SELECT q.account_code, q.amount_fen FROM spending_requests q
       WHERE q.id <> ? AND substr(q.request_date, 1, 4) = ? AND q.account_code LIKE ? || '%'
         AND (q.status = 'approved'
              OR (q.status = 'paid' AND NOT EXISTS (SELECT 1 FROM vouchers v WHERE v.id = q.voucher_id AND v.status = 'posted')))`,
    )
    .all(exceptId ?? 0, String(year), mine) as { account_code: string; amount_fen: number }[];
  let fen = 0;
  let count = 0;
  for (const r of rows) {
    if (lineCodeOf(codes, r.account_code) !== mine) continue;
    fen += r.amount_fen;
    count += 1;
  }
  return { fen, count };
}

export function budgetLineFor(db: SyncDb, date: string, accountCode: string, ref: string | null, exceptId: number | null = null): LedgerState['budgetLine'] {
  const year = Number(date.slice(0, 4));
  const room = budgetRoom(db, year, accountCode, date);
  if (!room) return null;
  // Posted payments dated after the request (a request entered late in the month, paid later) use the
  // line too: the actuals of the whole year count, when they are larger than those up to the date.
  const yearEnd = budgetRoom(db, year, accountCode, `${year}-12-31`);
  const usedFen = Math.max(room.usedFen, yearEnd?.usedFen ?? 0);
  const name = (db.sqlite.prepare('SELECT name FROM accounts WHERE code = ?').pluck().get(accountCode) as string | undefined) ?? accountCode;
  const committed = committedOnLine(db, date, accountCode, exceptId);
  const net = committed.count > 0 ? `（已扣除已批准未记账的 ${committed.count} 笔 ${formatYuan(committed.fen, { thousands: true })} 元）` : '';
  return { id: ref ?? `account:${accountCode}`, name: `${date.slice(0, 4)}年预算 ${accountCode} ${name}${net}`, remainingFen: room.budgetFen - usedFen - committed.fen };
}
