// The figures of the annual review report (审查报告), review-and-disclosure.md §4, taken from the
// services every other report uses — nothing is recomputed another way:
//   收入 / 支出 by first-level account: the annual 收入支出表 (工会02表, statements.incomeStatement);
//   key details (40301/40302, 50105, 50404, 50405): movementsExcludingClosing, as the 02表 counts;
//   budget, difference and 完成率: the 决算 (budget.finalAccounts, rateOf), whose actuals equal the 02表;
//   结转 / 结余: the 02表's annual rows; assets: the 资产负债表 (工会01表); 211: the 科目余额表.
// Formulas (§4): 完成率 = actual ÷ budget (2 decimals, half away from zero, on integers); share = line
// ÷ total; difference = actual − budget; 本年收支差额 = 收入合计 − 支出合计. Shares are rounded by the
// largest-remainder method so the first-level lines add up to exactly 100.00 %.
import type { ServiceContext } from '../context';
import { AfterCommit } from '../context';
import { CoreError } from '../errors';
import { balanceSheet, incomeStatement, movementsExcludingClosing } from '../ledger/statements';
import { trialBalance } from '../ledger/trial-balance';
import { finalAccounts, formatBp, rateOf } from '../budget/budget';
import { CHART_2021 } from '../books/chart-2021';
import type { FinalAccounts } from '../../contract/budget';
import type { ReportFigures, ReportLine, ReportTotal } from '../../contract/review-report';

function plain<T>(r: T | AfterCommit<T>): T {
  if (r instanceof AfterCommit) throw new CoreError('INTERNAL', '报表服务返回了延迟结果');
  return r;
}

const NAMES = new Map<string, string>(CHART_2021.map((a) => [a.code, a.name]));

/** Key details printed under their first-level line (§4 rows 1 and 2). */
const DETAILS: Record<string, string[]> = { '403': ['40301', '40302'], '501': ['50105'], '504': ['50404', '50405'] };

export const SHARE_ROUNDING_NOTE = '占比按最大余数法修约至0.01%，各项合计为100.00%；完成率 = 实际数 ÷ 预算数，四舍五入至0.01%。';

/**
 * Shares in basis points of the total, rounded so that they add up to exactly 10,000 (largest
 * remainder, ties to the earlier line). Lines ≤ 0 or a non-positive total: plain rounding.
 */
export function sharesBp(values: readonly number[]): (number | null)[] {
  const total = values.reduce((s, v) => s + v, 0);
  if (total <= 0) return values.map(() => null);
  if (values.some((v) => v < 0)) return values.map((v) => rateOf(v, total).rateBp);
  const big = BigInt(total);
  const floors = values.map((v) => (BigInt(v) * 10_000n) / big);
  const rems = values.map((v, i) => BigInt(v) * 10_000n - floors[i]! * big);
  let left = 10_000 - floors.reduce((s, f) => s + Number(f), 0);
  const order = values.map((_, i) => i).sort((a, b) => (rems[b]! > rems[a]! ? 1 : rems[b]! < rems[a]! ? -1 : a - b));
  const out = floors.map(Number);
  for (const i of order) {
    if (left <= 0) break;
    out[i]! += 1;
    left--;
  }
  return out;
}

const total = (budget: number | null, actual: number): ReportTotal => {
  const r = budget === null ? { rateBp: null, rateText: '—' } : rateOf(actual, budget);
  return { budgetFen: budget, actualFen: actual, differenceFen: budget === null ? null : actual - budget, ...r };
};

export function computeReportFigures(ctx: ServiceContext, year: number): ReportFigures {
  const income = plain(incomeStatement(ctx, { period: `${year}-12`, annual: true }));
  const sheet = plain(balanceSheet(ctx, { period: `${year}-12`, annual: true }));
  const tb = plain(trialBalance(ctx, { from: `${year}-01`, to: `${year}-12`, includeZero: false }));
  const moves = movementsExcludingClosing(ctx.db, `${year}-01`, `${year}-12`);
  let fa: FinalAccounts | null = null;
  try {
    fa = finalAccounts(ctx.db, year);
  } catch (e) {
    if (!(e instanceof CoreError) || e.code !== 'NOT_FOUND') throw e;
  }
  const budgetOf = (code: string): number | null => {
    const mine = fa === null ? [] : fa.lines.filter((l) => l.accountCode.startsWith(code));
    return mine.length === 0 ? null : mine.reduce((s, l) => s + l.budgetFen, 0);
  };
  const detailActual = (code: string): number => {
    let s = 0;
    for (const [c, m] of moves) if (c.startsWith(code)) s += code.startsWith('4') ? m.credit - m.debit : m.debit - m.credit;
    return s;
  };

  const section = (first: '4' | '5', totalActual: number, totalBudget: number | null) => {
    const items = income.rows.filter((r) => r.kind === 'item' && r.indent === 1 && r.accounts.length === 1 && r.accounts[0]!.startsWith(first));
    // Lines with an actual or a budget; the 02表 lists every row, the report only what happened.
    const kept = items.filter((r) => (r.current ?? 0) !== 0 || (budgetOf(r.accounts[0]!) ?? 0) !== 0);
    const shares = sharesBp(kept.map((r) => r.current ?? 0));
    const lines: ReportLine[] = [];
    kept.forEach((r, i) => {
      const code = r.accounts[0]!;
      const actual = r.current ?? 0;
      const b = budgetOf(code);
      const t = total(b, actual);
      lines.push({ code, name: r.label, level: 1, ...t, shareBp: shares[i] ?? null, shareText: shares[i] === null || shares[i] === undefined ? '—' : formatBp(shares[i]!) });
      for (const d of DETAILS[code] ?? []) {
        const a = detailActual(d);
        const db = budgetOf(d);
        if (a === 0 && (db ?? 0) === 0) continue;
        const dt = total(db, a);
        lines.push({ code: d, name: NAMES.get(d) ?? d, level: 2, ...dt, shareBp: null, shareText: totalActual > 0 ? formatBp(rateOf(a, totalActual).rateBp ?? 0) : '—' });
      }
    });
    return { lines, total: total(totalBudget, totalActual) };
  };

  const revenue = section('4', income.totals.revenue.current, fa ? fa.totals.revenue.budgetFen : null);
  const expenditure = section('5', income.totals.expenditure.current, fa ? fa.totals.expenditure.budgetFen : null);

  const row = (label: string) => income.rows.find((r) => r.label === label)?.current ?? 0;
  const sheetRow = (label: string) => sheet.rows.find((r) => r.label === label)?.closing ?? 0;
  const t211 = tb.rows.find((r) => r.code === '211');
  const accruedUpwardFen = t211?.credit ?? 0;
  const remittedFen = t211?.debit ?? 0;
  const payable = sheetRow('应付上级经费');
  const retainedFen = income.rows.find((r) => r.accounts.length === 1 && r.accounts[0] === '402')?.current ?? 0;
  const t = tb.totals;

  return {
    unionName: income.unionName,
    year,
    periodLabel: `${year}年1月1日至${year}年12月31日`,
    budgetLabel: fa ? fa.budgetLabel : null,
    revenue,
    expenditure,
    levy: { grossFen: retainedFen + accruedUpwardFen, retainedFen, accruedUpwardFen, remittedFen, payableAtYearEndFen: payable, clearedAtYearEnd: payable === 0 },
    balance: {
      surplusFen: income.totals.surplus.current,
      adjustmentsFen: row('资金结转结余调整及变动'),
      openingCarryFen: row('年初资金结转'),
      openingSurplusFen: row('年初资金结余'),
      closingCarryFen: row('年末资金结转'),
      closingSurplusFen: row('年末资金结余'),
      consistent: income.consistent === true,
    },
    assets: {
      fixedOriginalFen: sheetRow('固定资产原值'),
      accumulatedDepreciationFen: sheetRow('减：累计折旧'),
      fixedNetFen: sheetRow('固定资产净值'),
      inventoryFen: sheetRow('库存物品'),
      totalAssetsFen: sheet.totals.assets.closing,
    },
    checks: {
      balanceSheetBalanced: sheet.balanced,
      trialBalanceEven: t.openingDebit === t.openingCredit && t.debit === t.credit && t.closingDebit === t.closingCredit,
      incomeStatementConsistent: income.consistent === true,
    },
    roundingNote: SHARE_ROUNDING_NOTE,
  };
}
