// 科目余额表 (vouchers-and-books.md §8): opening, movements and closing for every account, first-level
// rows rolled up from their details. Read from ledger_balances only (one aggregate over a few
// thousand rows at most), never from voucher_lines, so a year on a large ledger stays fast.
import type { Handler } from '../context';
import type { TrialBalanceRow, TrialBalanceTotals } from '../../contract/ledger';
import { loadChart } from '../books/accounts';
import { CoreError } from '../errors';
import { level, monthRangeLabel, requireOrder, sided, unionName } from './common';

interface Agg {
  opening: number; // debit − credit before `from`
  debit: number;
  credit: number;
}

export const trialBalance: Handler<'books.trialBalance'> = (ctx, input) => {
  requireOrder(input.from, input.to, '期间');
  const chart = loadChart(ctx.db);
  const sums = ctx.db.sqlite
    .prepare(
      `SELECT account_code AS code,
              sum(CASE WHEN period < ? THEN debit - credit ELSE 0 END) AS opening,
              sum(CASE WHEN period >= ? THEN debit ELSE 0 END) AS debit,
              sum(CASE WHEN period >= ? THEN credit ELSE 0 END) AS credit
       FROM ledger_balances WHERE period <= ? GROUP BY account_code`,
    )
    .all(input.from, input.from, input.from, input.to) as ({ code: string } & Agg)[];

  // Roll every posting account's figures up into itself and all its parents.
  const agg = new Map<string, Agg>();
  for (const s of sums) {
    let code: string | null = s.code;
    while (code !== null) {
      const a = agg.get(code) ?? { opening: 0, debit: 0, credit: 0 };
      a.opening += s.opening;
      a.debit += s.debit;
      a.credit += s.credit;
      agg.set(code, a);
      code = chart.get(code)?.parentCode ?? null;
    }
  }

  const rows: TrialBalanceRow[] = [];
  const totals: TrialBalanceTotals = { openingDebit: 0, openingCredit: 0, debit: 0, credit: 0, closingDebit: 0, closingCredit: 0 };
  for (const a of chart.values()) {
    const f = agg.get(a.code) ?? { opening: 0, debit: 0, credit: 0 };
    const closing = f.opening + f.debit - f.credit;
    const empty = f.opening === 0 && f.debit === 0 && f.credit === 0 && closing === 0;
    if (empty && !(input.includeZero && a.enabled)) continue;
    const row: TrialBalanceRow = {
      code: a.code,
      name: a.name,
      fullName: a.fullName,
      parentCode: a.parentCode,
      level: level(a.code),
      leaf: a.leaf,
      normalSide: a.normalSide,
      openingDebit: Math.max(f.opening, 0),
      openingCredit: Math.max(-f.opening, 0),
      debit: f.debit,
      credit: f.credit,
      closingDebit: Math.max(closing, 0),
      closingCredit: Math.max(-closing, 0),
      opening: sided(f.opening),
      closing: sided(closing),
    };
    rows.push(row);
    if (a.parentCode === null) {
      totals.openingDebit += row.openingDebit;
      totals.openingCredit += row.openingCredit;
      totals.debit += row.debit;
      totals.credit += row.credit;
      totals.closingDebit += row.closingDebit;
      totals.closingCredit += row.closingCredit;
    }
  }

  const unequal = (
    [
      ['期初余额', totals.openingDebit, totals.openingCredit],
      ['本期发生额', totals.debit, totals.credit],
      ['期末余额', totals.closingDebit, totals.closingCredit],
    ] as const
  ).filter(([, d, c]) => d !== c);
  if (unequal.length > 0) {
    const what = unequal.map(([name, d, c]) => `${name}借方 ${d} 分、贷方 ${c} 分`).join('；');
    throw new CoreError('INTERNAL', `科目余额表借贷不平（${what}），账簿数据可能已损坏，请运行账簿校验并联系技术支持。`);
  }

  return { unionName: unionName(ctx.db), periodLabel: monthRangeLabel(input.from, input.to), from: input.from, to: input.to, rows, totals };
};
