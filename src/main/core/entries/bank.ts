// 银行存款余额调节表: monthly, per bank account (财会〔2021〕7号 第二十九条; vouchers-and-books.md
// §8–§9; accounts.md §7 step 3).
//
//   adjusted bank = statement balance + 单位已收银行未收 − 单位已付银行未付
//   adjusted book = book balance      + 银行已收单位未收 − 银行已付单位未付
//
// The book balance is the account's posted balance at month end (ledger_balances), read afresh
// on every get and at the close: a reconciliation saved before further vouchers were posted to the
// month no longer agrees and must be redone. A reconciliation that does not agree may be saved (as
// work in progress) but is flagged, and the month close refuses it.
import type { SyncDb } from '../db/sync-db';
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { AccountInfo } from '../../contract/books';
import type { Finding } from '../../contract/op';
import {
  RECONCILIATION_KINDS,
  type BankReconciliation,
  type BankReconciliationStatus,
  type ReconciliationItem,
  type ReconciliationKind,
} from '../../contract/entries';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import { isValidDate } from '../books/periods';
import { lastDayOf, periodText, postedNet, requireBankAccount } from './common';

export const CITE_BANK = '财会〔2021〕7号 第二十九条（银行存款按月核对，编制银行存款余额调节表）';

interface RecRow {
  id: number;
  statement_balance: number;
  book_balance: number;
  saved_by: number;
  saved_at: string;
  saved_by_name: string | null;
}

function loadRec(db: SyncDb, period: string, code: string): { row: RecRow; items: ReconciliationItem[] } | null {
  const row = db.sqlite
    .prepare(
      `SELECT r.id, r.statement_balance, r.book_balance, r.saved_by, r.saved_at, u.display_name AS saved_by_name
       FROM bank_reconciliations r LEFT JOIN users u ON u.id = r.saved_by WHERE r.period = ? AND r.account_code = ?`,
    )
    .get(period, code) as RecRow | undefined;
  if (!row) return null;
  const items = (
    db.sqlite
      .prepare('SELECT kind, item_date, description, amount FROM bank_reconciliation_items WHERE reconciliation_id = ? ORDER BY id')
      .all(row.id) as { kind: ReconciliationKind; item_date: string; description: string; amount: number }[]
  ).map((i) => ({ kind: i.kind, kindLabel: RECONCILIATION_KINDS[i.kind], date: i.item_date, description: i.description, amountFen: i.amount }));
  return { row, items };
}

function sumsOf(items: { kind: ReconciliationKind; amountFen: number }[]): Record<ReconciliationKind, number> {
  const sums: Record<ReconciliationKind, number> = { bank_received_not_booked: 0, bank_paid_not_booked: 0, booked_received_not_bank: 0, booked_paid_not_bank: 0 };
  for (const i of items) sums[i.kind] += i.amountFen;
  return sums;
}

/** Book balance of a bank account at the end of `period` (debit − credit, posted vouchers). */
export function bookBalance(db: SyncDb, code: string, period: string): number {
  return postedNet(db, code, period);
}

function build(db: SyncDb, period: string, account: AccountInfo): BankReconciliation {
  const book = bookBalance(db, account.code, period);
  const saved = loadRec(db, period, account.code);
  const items = saved?.items ?? [];
  const sums = sumsOf(items);
  const adjustedBook = book + sums.bank_received_not_booked - sums.bank_paid_not_booked;
  const statement = saved?.row.statement_balance ?? null;
  const adjustedBank = statement === null ? null : statement + sums.booked_received_not_bank - sums.booked_paid_not_bank;
  const agreed = adjustedBank !== null && adjustedBank === adjustedBook;
  const findings: Finding[] = [];
  if (saved && !agreed) {
    findings.push({
      rule: 'BANK-REC',
      severity: 'block',
      message: `调节后银行对账单余额 ${formatYuan(adjustedBank!)} 元与调节后单位账面余额 ${formatYuan(adjustedBook)} 元不符，相差 ${formatYuan(Math.abs(adjustedBank! - adjustedBook))} 元：本表仅作为草稿保存，月末结账不予通过，请查明未达账项或记账差错。`,
      citation: CITE_BANK,
    });
  }
  if (saved && saved.row.book_balance !== book) {
    findings.push({
      rule: 'BANK-REC',
      severity: 'warn',
      message: `保存本表时单位账面余额为 ${formatYuan(saved.row.book_balance)} 元，其后又有凭证记账，现为 ${formatYuan(book)} 元，请重新核对。`,
      citation: CITE_BANK,
    });
  }
  return {
    period,
    bankAccountCode: account.code,
    bankAccountName: account.fullName,
    bookBalanceFen: book,
    statementBalanceFen: statement,
    saved: saved !== null,
    savedBy: saved?.row.saved_by_name ?? null,
    savedAt: saved?.row.saved_at ?? null,
    savedBookBalanceFen: saved?.row.book_balance ?? null,
    items,
    sums,
    adjustedBookFen: adjustedBook,
    adjustedBankFen: adjustedBank,
    agreed,
    differenceFen: adjustedBank === null ? null : adjustedBank - adjustedBook,
    findings,
  };
}

function assertPeriodInLedger(db: SyncDb, period: string): void {
  const first = db.first(db.q.selectFrom('union_profile').select('first_fiscal_year'))?.first_fiscal_year;
  if (first !== undefined && Number(period.slice(0, 4)) < first) {
    throw new CoreError('VALIDATION', `${periodText(period)}早于账簿的首个会计年度 ${first} 年。`, { field: 'period' });
  }
}

export const saveReconciliation: Handler<'bank.reconciliation.save'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const { period } = input;
  assertPeriodInLedger(db, period);
  const account = requireBankAccount(loadChart(db), input.bankAccountCode);
  if (db.first(db.q.selectFrom('periods').select('status').where('period', '=', period).where('status', '=', 'closed'))) {
    throw new CoreError('CONFLICT', `${periodText(period)}已结账，银行存款余额调节表不能再修改。`, { field: 'period', rule: CITE_BANK });
  }
  const end = lastDayOf(period);
  input.items.forEach((i, n) => {
    if (!isValidDate(i.date)) throw new CoreError('VALIDATION', `第 ${n + 1} 笔未达账项：日期 ${i.date} 不存在。`, { field: `items.${n}.date` });
    if (i.date > end) {
      throw new CoreError('VALIDATION', `第 ${n + 1} 笔未达账项：日期 ${i.date} 晚于本月末 ${end}，不是本月的未达账项。`, { field: `items.${n}.date` });
    }
  });
  const before = loadRec(db, period, account.code);
  const book = bookBalance(db, account.code, period);
  const sums = sumsOf(input.items);
  const agreed = input.statementBalanceFen + sums.booked_received_not_bank - sums.booked_paid_not_bank === book + sums.bank_received_not_booked - sums.bank_paid_not_booked;
  const at = ctx.now.toISOString();
  let id: number;
  if (before) {
    id = before.row.id;
    db.sqlite
      .prepare('UPDATE bank_reconciliations SET statement_balance = ?, book_balance = ?, agreed = ?, saved_by = ?, saved_at = ? WHERE id = ?')
      .run(input.statementBalanceFen, book, agreed ? 1 : 0, me.id, at, id);
    db.sqlite.prepare('DELETE FROM bank_reconciliation_items WHERE reconciliation_id = ?').run(id);
  } else {
    id = Number(
      db.sqlite
        .prepare('INSERT INTO bank_reconciliations (period, account_code, statement_balance, book_balance, agreed, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(period, account.code, input.statementBalanceFen, book, agreed ? 1 : 0, me.id, at).lastInsertRowid,
    );
  }
  const insert = db.sqlite.prepare('INSERT INTO bank_reconciliation_items (reconciliation_id, kind, item_date, description, amount) VALUES (?, ?, ?, ?, ?)');
  for (const i of input.items) insert.run(id, i.kind, i.date, i.description, i.amountFen);
  const after = build(db, period, account);
  ctx.audit({
    operation: 'bank.reconciliation.save',
    entity: 'bank_reconciliation',
    entityId: `${period} ${account.code}`,
    before: before ? { statementBalanceFen: before.row.statement_balance, bookBalanceFen: before.row.book_balance, items: before.items } : undefined,
    after: { statementBalanceFen: after.statementBalanceFen, bookBalanceFen: after.bookBalanceFen, items: after.items, agreed: after.agreed, differenceFen: after.differenceFen },
  });
  return after;
};

export const getReconciliation: Handler<'bank.reconciliation.get'> = (ctx, input) => {
  assertPeriodInLedger(ctx.db, input.period);
  return build(ctx.db, input.period, requireBankAccount(loadChart(ctx.db), input.bankAccountCode));
};

/** Bank leaf accounts and whether the month close needs, and has, an agreed reconciliation for each. */
export function reconciliationStatus(db: SyncDb, period: string): BankReconciliationStatus[] {
  const banks = [...loadChart(db).values()].filter((a) => a.journal === 'bank' && a.leaf);
  return banks.map((a) => {
    const moved = db.sqlite
      .prepare('SELECT 1 FROM ledger_balances WHERE account_code = ? AND period = ? AND (debit <> 0 OR credit <> 0) LIMIT 1')
      .get(a.code, period) !== undefined;
    const r = build(db, period, a);
    return {
      bankAccountCode: a.code,
      bankAccountName: a.fullName,
      bookBalanceFen: r.bookBalanceFen,
      movedInPeriod: moved,
      required: moved || r.bookBalanceFen !== 0,
      saved: r.saved,
      agreed: r.agreed,
    };
  });
}

export const reconciliationStatusHandler: Handler<'bank.reconciliation.status'> = (ctx: ServiceContext, input) => {
  assertPeriodInLedger(ctx.db, input.period);
  return reconciliationStatus(ctx.db, input.period);
};

/**
 * The month-close check (CHK-CLS-1, accounts.md §7 step 3): every bank account that moved in the
 * month or holds a balance has a saved reconciliation that agrees with today's book balance.
 */
export function reconciliationProblem(db: SyncDb, period: string): string | null {
  const problems = reconciliationStatus(db, period)
    .filter((s) => s.required && !s.agreed)
    .map((s) =>
      s.saved
        ? `${s.bankAccountCode} ${s.bankAccountName} 的余额调节表调节后余额不符（或保存后又有凭证记账，账面余额现为 ${formatYuan(s.bookBalanceFen)} 元）`
        : `${s.bankAccountCode} ${s.bankAccountName} 尚未编制本月银行存款余额调节表（账面余额 ${formatYuan(s.bookBalanceFen)} 元）`,
    );
  if (problems.length === 0) return null;
  return `${periodText(period)}${problems.join('；')}。请按银行对账单编制调节表，调节相符后再结账`;
}
