// Helpers for the closing tests: post vouchers through the whole workflow, and snapshot the
// ledger to prove a refused call changed nothing.
import { expect } from 'vitest';
import type { TestLedger } from './core';
import type { ClientRef } from '../../src/main/core/context';
import type { VoucherLineInput } from '../../src/main/contract/books';

export interface Staff {
  kuaiji: ClientRef; // 会计: prepares, closes months
  zhuguan: ClientRef; // 会计主管: reviews, posts, reopens, closes the year
  chuna: ClientRef; // 出纳: confirms cash and bank
}

export async function postVoucher(l: TestLedger, s: Staff, date: string, lines: VoucherLineInput[]): Promise<number> {
  const v = await l.call(s.kuaiji, 'vouchers.save', { date, attachments: 1, lines });
  await l.call(s.zhuguan, 'vouchers.review', { id: v.id });
  if (v.needsCashier) await l.call(s.chuna, 'vouchers.confirmCash', { id: v.id });
  await l.call(s.zhuguan, 'vouchers.post', { id: v.id });
  return v.id;
}

export function snapshot(l: TestLedger): string {
  const db = l.core.sqlite;
  return JSON.stringify({
    audit: db.prepare('SELECT count(*) AS n, max(seq) AS last FROM audit_log').get(),
    vouchers: db.prepare('SELECT * FROM vouchers ORDER BY id').all(),
    lines: db.prepare('SELECT * FROM voucher_lines ORDER BY id').all(),
    periods: db.prepare('SELECT * FROM periods ORDER BY period').all(),
    balances: db.prepare('SELECT * FROM ledger_balances ORDER BY account_code, period, fund_nature').all(),
  });
}

/** Dispatches a call that must be refused, and proves the ledger is exactly as before. */
export async function expectRefused(
  l: TestLedger,
  who: ClientRef,
  name: Parameters<TestLedger['core']['dispatch']>[1],
  input: unknown,
  expected: { code: string; message?: (string | RegExp)[]; rule?: string },
): Promise<string> {
  const before = snapshot(l);
  const res = await l.core.dispatch(who, name, input);
  expect(res.ok, `${name} should be refused`).toBe(false);
  if (res.ok) return '';
  expect(res.error.code).toBe(expected.code);
  for (const m of expected.message ?? []) {
    if (typeof m === 'string') expect(res.error.message).toContain(m);
    else expect(res.error.message).toMatch(m);
  }
  if (expected.rule) expect(res.error.rule).toContain(expected.rule);
  expect(snapshot(l)).toBe(before);
  return res.error.message;
}

/** Net (debit − credit) of an account over all periods up to `upTo`, from ledger_balances. */
export function net(l: TestLedger, code: string, upTo = '9999-12', fund?: string): number {
  const r = l.core.sqlite
    .prepare(
      `SELECT coalesce(sum(debit) - sum(credit), 0) AS n FROM ledger_balances WHERE account_code = ? AND period <= ?${fund === undefined ? '' : ' AND fund_nature = ?'}`,
    )
    .get(...(fund === undefined ? [code, upTo] : [code, upTo, fund])) as { n: number };
  return r.n;
}

/** Every 4xx and 5xx account is zero (INV-4). */
export function incomeAndSpendingBalances(l: TestLedger, upTo: string): { account_code: string; fund_nature: string; n: number }[] {
  return l.core.sqlite
    .prepare(
      `SELECT account_code, fund_nature, sum(debit) - sum(credit) AS n FROM ledger_balances
       WHERE period <= ? AND (account_code GLOB '4*' OR account_code GLOB '5*')
       GROUP BY account_code, fund_nature HAVING n <> 0`,
    )
    .all(upTo) as { account_code: string; fund_nature: string; n: number }[];
}

/** Posted voucher numbers of one period and word: must be 1..n without gaps. */
export function numbers(l: TestLedger, period: string, word = '记'): number[] {
  return (l.core.sqlite.prepare("SELECT number FROM vouchers WHERE period = ? AND word = ? AND status = 'posted' ORDER BY number").all(period, word) as { number: number }[]).map(
    (r) => r.number,
  );
}

/**
 * The month close needs an agreed 银行存款余额调节表 for every bank account that moved or holds a
 * balance (财会〔2021〕7号 第二十九条). For tests about other steps: saves one per such account whose
 * bank statement shows exactly the book balance (no outstanding items).
 */
export async function reconcileBanks(l: TestLedger, who: ClientRef, period: string): Promise<void> {
  for (const b of await l.call(who, 'bank.reconciliation.status', { period })) {
    if (b.required && !b.agreed) {
      await l.call(who, 'bank.reconciliation.save', { period, bankAccountCode: b.bankAccountCode, statementBalanceFen: b.bookBalanceFen });
    }
  }
}
