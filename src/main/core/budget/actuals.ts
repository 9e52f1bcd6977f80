// Actual revenue and expenditure of budget lines, from POSTED vouchers with the closing vouchers
// (kind closing / year_end) left out, exactly as the 收入支出表 counts them. Whole months come from
// ledger_balances through statements.ts (movementsExcludingClosing); a part month, and lines split by
// 基本/项目 or project (dimensions ledger_balances does not keep), from the posted voucher lines.
import type { SyncDb } from '../db/sync-db';
import type { BudgetElement, BudgetLineKey } from '../../contract/budget';
import { movementsExcludingClosing } from '../ledger/statements';
import { lastDayOf, prevPeriod, type Movement } from '../ledger/common';

export const elementOf = (code: string): BudgetElement => (code.startsWith('4') ? 'revenue' : 'expenditure');

/** Revenue: credit − debit; expenditure: debit − credit. */
const signed = (code: string, m: Movement): number => (elementOf(code) === 'revenue' ? m.credit - m.debit : m.debit - m.credit);

interface DimMovement extends Movement {
  code: string;
  expenseType: string | null;
  project: string | null;
}

/** Posted, non-closing 4xx/5xx voucher lines dated [from, to], by account, 基本/项目 and project. */
function lineMovements(db: SyncDb, from: string, to: string): DimMovement[] {
  return db.sqlite
    .prepare(
      `SELECT l.account_code AS code, l.expense_type AS expenseType, l.project AS project,
              sum(l.debit) AS debit, sum(l.credit) AS credit
       FROM vouchers v CROSS JOIN voucher_lines l ON l.voucher_id = v.id
       WHERE v.period >= ? AND v.period <= ? AND v.voucher_date >= ? AND v.voucher_date <= ?
         AND v.status = 'posted' AND v.kind NOT IN ('closing', 'year_end')
         AND l.account_code >= '4' AND l.account_code < '6'
       GROUP BY l.account_code, l.expense_type, l.project`,
    )
    .all(from.slice(0, 7), to.slice(0, 7), from, to) as DimMovement[];
}

const matches = (key: BudgetLineKey, code: string, expenseType: string | null, project: string | null): boolean =>
  code.startsWith(key.accountCode) && (key.expenseType === null || key.expenseType === expenseType) && (key.project === null || key.project === project);

/**
 * The actual of each key over the dates [from, to] (ISO dates; `from` the first of a month), signed
 * by element (revenue credit-positive, expenditure debit-positive). Overlapping keys each get the
 * full amount; callers keep their lines disjoint.
 */
export function lineActuals(db: SyncDb, keys: readonly BudgetLineKey[], from: string, to: string): number[] {
  if (keys.length === 0 || to < from) return keys.map(() => 0);
  const toPeriod = to.slice(0, 7);
  const fullTo = to === lastDayOf(toPeriod) ? toPeriod : prevPeriod(toPeriod);
  const fromPeriod = from.slice(0, 7);
  const monthly = fullTo >= fromPeriod ? movementsExcludingClosing(db, fromPeriod, fullTo) : new Map<string, Movement>();
  const partFrom = fullTo >= fromPeriod ? (fullTo === toPeriod ? null : `${toPeriod}-01`) : from;
  const part = partFrom === null ? [] : lineMovements(db, partFrom, to);
  const needDims = keys.some((k) => k.expenseType !== null || k.project !== null);
  const whole = needDims ? lineMovements(db, from, to) : [];
  return keys.map((k) => {
    if (k.expenseType !== null || k.project !== null) {
      return whole.filter((m) => matches(k, m.code, m.expenseType, m.project)).reduce((s, m) => s + signed(m.code, m), 0);
    }
    let s = 0;
    for (const [code, m] of monthly) if (code.startsWith(k.accountCode)) s += signed(code, m);
    for (const m of part) if (m.code.startsWith(k.accountCode)) s += signed(m.code, m);
    return s;
  });
}

/** Actual by first-level revenue/expenditure account (the 02表 rows) over [from, to]. */
export function firstLevelActuals(db: SyncDb, codes: readonly string[], from: string, to: string): Map<string, number> {
  const keys = codes.map((c) => ({ accountCode: c, expenseType: null, project: null }));
  const values = lineActuals(db, keys, from, to);
  return new Map(codes.map((c, i) => [c, values[i]!]));
}

/**
 * 工会资金结转 + 工会资金结余 (321 + 322) at the end of `through` (YYYY-MM), with revenue and
 * expenditure not yet closed counted in, as the 资产负债表 shows them.
 */
export function fundsAt(db: SyncDb, through: string): number {
  const r = db.sqlite
    .prepare(
      `SELECT coalesce(sum(credit) - sum(debit), 0) AS n FROM ledger_balances
       WHERE period <= ? AND (account_code LIKE '321%' OR account_code LIKE '322%' OR account_code LIKE '4%' OR account_code LIKE '5%')`,
    )
    .get(through) as { n: number };
  return r.n;
}
