// Monthly close, reopening and the period list (accounts.md §7; vouchers-and-books.md §4, §5).
// One call = one transaction: a step that fails throws and nothing of the close remains.
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { SessionUser } from '../../contract/operations';
import type { AccountInfo } from '../../contract/books';
import type { CloseCheck, CloseResult, PeriodStatus, SkippedCheck } from '../../contract/closing';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import { periodLabel } from '../books/periods';
import { voucherDetail } from '../books/vouchers';
import {
  CITE,
  assertBalanceSheet,
  assertInLedger,
  assertIncomeAndSpendingZero,
  closingLines,
  firstFiscalYear,
  gatedChecks,
  isClosed,
  lastDayOf,
  latestClosed,
  monthNo,
  postSystemVoucher,
  precloseChecks,
  refuse,
  userName,
} from './ledger';

export const CLOSING_SUMMARY = '结转本月收支';

/** The T12 part of a close: generate and post the closing voucher, then CHK-CLS-2. */
export function generateClosing(ctx: ServiceContext, me: SessionUser, period: string, chart: Map<string, AccountInfo>): { id: number | null; check: CloseCheck } {
  const lines = closingLines(ctx.db, period, chart, CLOSING_SUMMARY);
  let id: number | null = null;
  if (lines.length > 0) {
    id = postSystemVoucher(ctx, me, { period, date: lastDayOf(period), kind: 'closing', source: `periods.close ${period}`, lines });
    const v = voucherDetail(ctx, id);
    ctx.audit({
      operation: 'periods.close',
      entity: 'voucher',
      entityId: id,
      after: { kind: 'closing', status: 'posted', period, word: v.word, number: v.number, date: v.date, lines: v.lines, total: v.totalDebit },
    });
  }
  return {
    id,
    check: {
      rule: 'T12',
      step: '生成期末结转凭证',
      detail: id === null ? '本月没有收入、支出余额，不生成结转凭证' : `已生成并记账结转凭证 #${id}（${lines.length} 行）`,
    },
  };
}

/** Locks the month and records it in the audit trail. */
export function lockPeriod(
  ctx: ServiceContext,
  me: SessionUser,
  period: string,
  closingVoucherId: number | null,
  record: { checks: CloseCheck[]; skippedChecks: SkippedCheck[] },
): void {
  const { db } = ctx;
  const at = ctx.now.toISOString();
  // After a reopen and a re-close that finds nothing left, the month keeps its last closing voucher.
  const previous = db.first(
    db.q.selectFrom('vouchers').select((eb) => eb.fn.max<number | null>('id').as('id')).where('period', '=', period).where('kind', '=', 'closing').where('status', '=', 'posted'),
  )?.id;
  const voucherId = closingVoucherId ?? previous ?? null;
  db.run(
    db.q
      .insertInto('periods')
      .values({ period, status: 'closed', closed_at: at, closed_by: me.id, closing_voucher_id: voucherId })
      .onConflict((oc) => oc.column('period').doUpdateSet({ status: 'closed', closed_at: at, closed_by: me.id, closing_voucher_id: voucherId })),
  );
  ctx.audit({
    operation: 'periods.close',
    entity: 'period',
    entityId: period,
    before: { status: 'open' },
    after: { status: 'closed', closingVoucherId: voucherId, checks: record.checks, skippedChecks: record.skippedChecks },
  });
}

export const closePeriod: Handler<'periods.close'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { period } = input;
  assertInLedger(ctx.db, period);
  if (monthNo(period) === 12 && !isClosed(ctx.db, period)) {
    refuse('CLS-ORDER', CITE.order, `不能单独结账：12 月须由会计主管执行“年末结账”，同时完成本月结转和年末结转（T13）`, 'CONFLICT');
  }
  const chart = loadChart(ctx.db);
  const checks = precloseChecks(ctx, period, chart);
  const gated = gatedChecks(ctx.db, period);
  checks.push(...gated.checks);
  const closing = generateClosing(ctx, me, period, chart);
  checks.push(closing.check);
  checks.push(assertIncomeAndSpendingZero(ctx.db, period, chart));
  checks.push(assertBalanceSheet(ctx.db, period));
  lockPeriod(ctx, me, period, closing.id, { checks, skippedChecks: gated.skipped });
  const result: CloseResult = {
    period,
    status: 'closed',
    closedAt: ctx.now.toISOString(),
    closedBy: me.displayName,
    closingVoucher: closing.id === null ? null : voucherDetail(ctx, closing.id),
    checks,
    skippedChecks: gated.skipped,
  };
  return result;
};

export const reopenPeriod: Handler<'periods.reopen'> = (ctx, input) => {
  requireUser(ctx);
  const { db } = ctx;
  const { period, reason } = input;
  const label = periodLabel(period);
  const row = db.first(db.q.selectFrom('periods').selectAll().where('period', '=', period));
  if (!row || row.status !== 'closed') throw new CoreError('CONFLICT', `${label}尚未结账，无需反结账。`, { field: 'period' });
  const latest = latestClosed(db);
  if (latest !== period) {
    refuse(
      'CLS-REOPEN',
      CITE.reopen,
      `不能反结账：以后期间（${periodLabel(latest!)}）已结账，只能反结账最近一个已结账的期间，须从 ${periodLabel(latest!)} 起逐月反结账`,
      'CONFLICT',
    );
  }
  db.run(db.q.updateTable('periods').set({ status: 'open', closed_at: null, closed_by: null }).where('period', '=', period));
  const yearReopened = monthNo(period) === 12;
  ctx.audit({
    operation: 'periods.reopen',
    entity: 'period',
    entityId: period,
    before: { status: 'closed', closedBy: userName(db, row.closed_by), closedAt: row.closed_at, closingVoucherId: row.closing_voucher_id },
    after: { status: 'open', reason, yearReopened },
  });
  return { period, status: 'open', reason, yearReopened };
};

export const listPeriods: Handler<'periods.list'> = (ctx, input) => {
  const { db } = ctx;
  const first = firstFiscalYear(db);
  const prefix = `${input.year}-`;
  const rows = db.all(db.q.selectFrom('periods').selectAll().where('period', 'like', `${prefix}%`));
  const counts = db.all(
    db.q
      .selectFrom('vouchers')
      .select((eb) => ['period', 'status', eb.fn.countAll<number>().as('n')])
      .where('period', 'like', `${prefix}%`)
      .groupBy(['period', 'status']),
  );
  const months: PeriodStatus[] = Array.from({ length: 12 }, (_, i) => {
    const period = `${input.year}-${String(i + 1).padStart(2, '0')}`;
    const row = rows.find((r) => r.period === period);
    const n = (s: 'draft' | 'reviewed' | 'posted') => counts.find((c) => c.period === period && c.status === s)?.n ?? 0;
    const closed = row?.status === 'closed';
    return {
      period,
      month: i + 1,
      inLedger: input.year >= first,
      status: closed ? 'closed' : 'open',
      closedBy: closed ? userName(db, row.closed_by) : null,
      closedAt: closed ? row.closed_at : null,
      drafts: n('draft'),
      reviewed: n('reviewed'),
      posted: n('posted'),
      closingVoucherId: row?.closing_voucher_id ?? null,
    };
  });
  const december = `${input.year}-12`;
  const yearEnd = db.first(
    db.q.selectFrom('vouchers').select((eb) => eb.fn.max<number | null>('id').as('id')).where('period', '=', december).where('kind', '=', 'year_end').where('status', '=', 'posted'),
  );
  return { year: input.year, firstFiscalYear: first, yearClosed: isClosed(db, december), yearEndVoucherId: yearEnd?.id ?? null, months };
};
