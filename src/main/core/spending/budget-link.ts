// The budget line a request draws on (CHK-BUD-1), from the budget module's budgetRoom: the approved
// budget in force on the request's date, the deepest line covering the request's account, and what
// posted vouchers already spent on it this year. The request's own budget reference (a line id or
// text) names the line when given; otherwise the line is identified by the account.
import type { SyncDb } from '../db/sync-db';
import type { LedgerState } from './model';
import { budgetRoom } from '../budget/budget';

export function budgetLineFor(db: SyncDb, date: string, accountCode: string, ref: string | null): LedgerState['budgetLine'] {
  const room = budgetRoom(db, Number(date.slice(0, 4)), accountCode, date);
  if (!room) return null;
  const name = (db.sqlite.prepare('SELECT name FROM accounts WHERE code = ?').pluck().get(accountCode) as string | undefined) ?? accountCode;
  return { id: ref ?? `account:${accountCode}`, name: `${date.slice(0, 4)}年预算 ${accountCode} ${name}`, remainingFen: room.remainingFen };
}
