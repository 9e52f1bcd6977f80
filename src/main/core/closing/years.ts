// Year-end close (accounts.md §6 T13, §7 "Year close") and the opening-balance proof.
// The year is closed when December is locked: December can only be closed here, so there is
// no separate table for years.
import type { Handler } from '../context';
import { requireUser } from '../context';
import type { CloseResult, FundBalance, OpeningCheckResult, OpeningRow } from '../../contract/closing';
import type { AccountInfo } from '../../contract/books';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import { periodLabel } from '../books/periods';
import { voucherDetail } from '../books/vouchers';
import {
  CITE,
  assert182Clear,
  assertBalanceSheet,
  assertIncomeAndSpendingZero,
  assertWorkingFundsZero,
  firstFiscalYear,
  gatedChecks,
  isClosed,
  lineBuckets,
  postSystemVoucher,
  precloseChecks,
  refuse,
  yearEndLines,
} from './ledger';
import { generateClosing, lockPeriod } from './periods';

export const YEAR_END_SUMMARY = '年末结转';

export const closeYear: Handler<'years.close'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const { year } = input;
  const first = firstFiscalYear(db);
  if (year < first) throw new CoreError('VALIDATION', `${year} 年早于账簿的首个会计年度 ${first} 年。`, { field: 'year' });
  const december = `${year}-12`;
  if (isClosed(db, december)) throw new CoreError('CONFLICT', `${year} 年已经年末结账。`, { field: 'year' });
  const open = Array.from({ length: 11 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).filter((p) => !isClosed(db, p));
  if (open.length > 0) {
    refuse('CLS-ORDER', CITE.order, `不能年末结账：1–11 月须先逐月结账，尚未结账的月份：${open.map((p) => `${Number(p.slice(5))}月`).join('、')}`, 'CONFLICT');
  }

  const chart = loadChart(db);
  // December's monthly steps.
  const checks = precloseChecks(ctx, december, chart);
  const gated = gatedChecks(db, december);
  checks.push(...gated.checks);
  // CHK-CLS-5 before anything is generated.
  checks.push(assert182Clear(db, december, chart));
  const closing = generateClosing(ctx, me, december, chart);
  checks.push(closing.check);
  checks.push(assertIncomeAndSpendingZero(db, december, chart));
  const monthChecks = [...checks];

  // T13: 32101–32103 → 32104; 32201–32204 → 32205.
  const lines = yearEndLines(db, december, chart, YEAR_END_SUMMARY);
  let yearEndId: number | null = null;
  if (lines.length > 0) {
    yearEndId = postSystemVoucher(ctx, me, { period: december, date: `${year}-12-31`, kind: 'year_end', source: `years.close ${year}`, lines });
    const v = voucherDetail(ctx, yearEndId);
    ctx.audit({
      operation: 'years.close',
      entity: 'voucher',
      entityId: yearEndId,
      after: { kind: 'year_end', status: 'posted', period: december, word: v.word, number: v.number, date: v.date, lines: v.lines, total: v.totalDebit },
    });
  }
  checks.push({
    rule: 'T13',
    step: '生成年末结转凭证',
    detail: yearEndId === null ? '32101–32103、32201–32204 没有余额，不生成年末结转凭证' : `已生成并记账年末结转凭证 #${yearEndId}（${lines.length} 行）`,
  });
  checks.push(assertIncomeAndSpendingZero(db, december, chart));
  checks.push(assertWorkingFundsZero(db, december, chart));
  const sheet = assertBalanceSheet(db, december);
  checks.push(sheet);
  monthChecks.push(sheet);

  lockPeriod(ctx, me, december, closing.id, { checks: monthChecks, skippedChecks: gated.skipped });
  const carriedForward = carried(db, december, chart);
  ctx.audit({
    operation: 'years.close',
    entity: 'year',
    entityId: year,
    before: { status: 'open' },
    after: { status: 'closed', yearEndVoucherId: yearEndId, closingVoucherId: closing.id, carriedForward, checks, skippedChecks: gated.skipped },
  });

  const decemberResult: CloseResult = {
    period: december,
    status: 'closed',
    closedAt: ctx.now.toISOString(),
    closedBy: me.displayName,
    closingVoucher: closing.id === null ? null : voucherDetail(ctx, closing.id),
    checks: monthChecks,
    skippedChecks: gated.skipped,
  };
  return {
    year,
    december: decemberResult,
    yearEndVoucher: yearEndId === null ? null : voucherDetail(ctx, yearEndId),
    carriedForward,
    checks,
    skippedChecks: gated.skipped,
  };
};

/** 32104 and 32205 (and any details under them) after the roll-up, on the credit side. */
function carried(db: Parameters<typeof lineBuckets>[0], upTo: string, chart: Map<string, AccountInfo>): FundBalance[] {
  const targets = new Set([...chart.values()].filter((a) => a.element === 'net_assets' && a.closeSpecial !== null).flatMap((a) => [a.closeSpecial!, a.closeGeneral!]));
  return lineBuckets(db, upTo, ['net_assets'], [...targets])
    .filter((b) => b.net !== 0)
    .map((b) => ({ accountCode: b.accountCode, accountName: chart.get(b.accountCode)?.fullName ?? b.accountCode, fundNature: b.fundNature, project: b.project, balance: -b.net }));
}

/**
 * For every balance-sheet account: opening of year Y (the 年初余额 column of Y's trial balance,
 * computed as Y's closing from ledger_balances less Y's movements from posted voucher lines)
 * equals the closing of Y−1 (ledger_balances up to Y−1 December). Revenue and expenditure
 * accounts must open at zero (they were closed out); for them `difference` is the opening itself.
 */
export const openingCheck: Handler<'years.openingCheck'> = (ctx, input) => {
  const { db } = ctx;
  const { year } = input;
  const first = firstFiscalYear(db);
  const chart = loadChart(db);
  const priorEnd = `${year - 1}-12`;
  const yearEnd = `${year}-12`;
  const sums = (sql: string, ...params: string[]) =>
    new Map((db.sqlite.prepare(sql).all(...params) as { code: string; net: number }[]).map((r) => [r.code, r.net]));
  const priorClosing = sums('SELECT account_code AS code, sum(debit) - sum(credit) AS net FROM ledger_balances WHERE period <= ? GROUP BY account_code', priorEnd);
  const closingY = sums('SELECT account_code AS code, sum(debit) - sum(credit) AS net FROM ledger_balances WHERE period <= ? GROUP BY account_code', yearEnd);
  const movementY = sums(
    `SELECT l.account_code AS code, sum(l.debit) - sum(l.credit) AS net
     FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
     WHERE v.status = 'posted' AND v.period >= ? AND v.period <= ? GROUP BY l.account_code`,
    `${year}-01`,
    yearEnd,
  );
  const codes = [...new Set([...priorClosing.keys(), ...closingY.keys(), ...movementY.keys()])].sort();
  const rows: OpeningRow[] = [];
  for (const code of codes) {
    const a = chart.get(code);
    if (!a) continue;
    const sign = a.normalSide === 'debit' ? 1 : -1;
    const prior = sign * (priorClosing.get(code) ?? 0);
    const opening = sign * ((closingY.get(code) ?? 0) - (movementY.get(code) ?? 0));
    const balanceSheet = a.element === 'asset' || a.element === 'liability' || a.element === 'net_assets';
    if (prior === 0 && opening === 0) continue;
    rows.push({
      accountCode: code,
      accountName: a.fullName,
      element: a.element,
      priorClosing: prior,
      opening,
      difference: balanceSheet ? opening - prior : opening,
    });
  }
  const differences = rows.filter((r) => r.difference !== 0);
  const notes: string[] = [];
  const priorInLedger = year - 1 >= first;
  const priorYearClosed = priorInLedger && isClosed(db, priorEnd);
  if (!priorInLedger) notes.push(`${year} 年是账簿的首个会计年度，没有上年数据，年初余额应为零。`);
  else if (!priorYearClosed) notes.push(`${year - 1} 年尚未年末结账（${periodLabel(priorEnd)}未结账），上年期末余额还可能变动。`);
  for (const d of differences) {
    notes.push(
      d.element === 'revenue' || d.element === 'expenditure'
        ? `${d.accountCode} ${d.accountName} 年初不应有余额（上年末应已结转），现为 ${formatYuan(d.opening)} 元。`
        : `${d.accountCode} ${d.accountName} 年初余额 ${formatYuan(d.opening)} 元与上年期末余额 ${formatYuan(d.priorClosing)} 元不符（CHK-CLS-4）。`,
    );
  }
  const result: OpeningCheckResult = { year, priorYear: year - 1, priorYearClosed, ok: differences.length === 0, rows, differences, notes };
  return result;
};
