// 总账, 明细账, 现金/银行存款日记账 and the drill-down behind a figure (vouchers-and-books.md §8;
// 会计基础工作规范 第五十六–六十三条). Posted vouchers only. Balances run as debit − credit and
// print as 借/贷/平 with the amount; red-ink (冲销) amounts stay negative.
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import type { AccountInfo, VoucherKind } from '../../contract/books';
import type { BookLine, DetailLedger, DrillDownRow } from '../../contract/ledger';
import { loadChart } from '../books/accounts';
import { CoreError } from '../errors';
import {
  accountFor,
  accountRef,
  dateRangeLabel,
  firstFiscalYear,
  lastDayOf,
  monthRangeLabel,
  periodSums,
  placeholders,
  prevPeriod,
  requireDate,
  requireOrder,
  sided,
  sideOf,
  subtree,
  unionName,
  voucherNo,
} from './common';

interface EntryRow {
  voucher_id: number;
  date: string;
  word: string;
  number: number | null;
  kind: VoucherKind;
  line_no: number;
  summary: string;
  account_code: string;
  debit: number;
  credit: number;
}

/**
 * Posted lines of the accounts between two dates, in date, voucher word and number, line order.
 * Reached through ledger_entries (account, date, voucher, line; kept at posting, migration 0010):
 * a range per account, never every line the account ever had.
 */
function postedLines(db: SyncDb, codes: string[], from: string, to: string): EntryRow[] {
  if (codes.length === 0) return [];
  return db.sqlite
    .prepare(
      `SELECT l.voucher_id, v.voucher_date AS date, v.word, v.number, v.kind, l.line_no, l.summary, l.account_code, l.debit, l.credit
       FROM ledger_entries e
         CROSS JOIN voucher_lines l ON l.voucher_id = e.voucher_id AND l.line_no = e.line_no
         CROSS JOIN vouchers v ON v.id = e.voucher_id
       WHERE e.account_code IN (${placeholders(codes.length)}) AND e.voucher_date >= ? AND e.voucher_date <= ?
       ORDER BY v.voucher_date, v.word, v.number, l.voucher_id, l.line_no`,
    )
    .all(...codes, from, to) as EntryRow[];
}

// ---------- 总账 ----------

export const generalLedger: Handler<'books.generalLedger'> = (ctx, input) => {
  const chart = loadChart(ctx.db);
  const account = accountFor(chart, input.accountCode);
  const codes = subtree(chart, account.code);
  const y = input.year;
  const first = firstFiscalYear(ctx.db);
  const start = periodSums(ctx.db, codes, { to: `${y - 1}-12` });
  let net = start.debit - start.credit;
  const months = ctx.db.sqlite
    .prepare(
      `SELECT period, sum(debit) AS debit, sum(credit) AS credit FROM ledger_balances
       WHERE account_code IN (${placeholders(codes.length)}) AND period >= ? AND period <= ? GROUP BY period ORDER BY period`,
    )
    .all(...codes, `${y}-01`, `${y}-12`) as { period: string; debit: number; credit: number }[];

  const line = (kind: BookLine['kind'], date: string, summary: string, debit: number | null, credit: number | null): BookLine => ({
    kind,
    date,
    voucherId: null,
    voucherNo: null,
    voucherKind: null,
    accountCode: null,
    accountName: null,
    summary,
    debit,
    credit,
    direction: sideOf(net),
    balance: Math.abs(net),
  });

  const lines: BookLine[] = [line('opening', `${y}-01-01`, first !== null && y > first ? '上年结转' : '年初余额', null, null)];
  const opening = sided(net);
  let ytdDebit = 0;
  let ytdCredit = 0;
  for (const m of months) {
    if (m.debit === 0 && m.credit === 0) continue;
    net += m.debit - m.credit;
    ytdDebit += m.debit;
    ytdCredit += m.credit;
    lines.push(line('month_total', lastDayOf(m.period), '本月合计', m.debit, m.credit));
    lines.push(line('year_total', lastDayOf(m.period), '本年累计', ytdDebit, ytdCredit));
  }
  // The year is over when December is closed or a later year has postings: 结转下年.
  const decClosed = ctx.db.sqlite.prepare("SELECT 1 FROM periods WHERE period = ? AND status = 'closed'").get(`${y}-12`) !== undefined;
  const later =
    ctx.db.sqlite.prepare(`SELECT 1 FROM ledger_balances WHERE account_code IN (${placeholders(codes.length)}) AND period > ? LIMIT 1`).get(...codes, `${y}-12`) !==
    undefined;
  if (decClosed || later) lines.push(line('carry_forward', `${y}-12-31`, '结转下年', null, null));

  return {
    unionName: unionName(ctx.db),
    periodLabel: `${y}年度`,
    account: accountRef(account),
    year: y,
    lines,
    opening,
    closing: sided(net),
  };
};

// ---------- 明细账 and 日记账 ----------

interface BookOptions {
  /** 日清: a 本日合计 line after each day (cash and bank journals). */
  dayTotals: boolean;
  /** 对方科目 on each entry (journals). */
  counterAccounts: boolean;
}

function openingSummary(from: string, first: number | null): string {
  if (from.endsWith('-01-01')) return first !== null && Number(from.slice(0, 4)) > first ? '上年结转' : '年初余额';
  return from.endsWith('-01') ? '期初余额' : '承前';
}

/** The other accounts of each voucher, on the opposite side to the book's own lines. */
function counterAccountsOf(db: SyncDb, chart: Map<string, AccountInfo>, voucherIds: number[], own: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  const byVoucher = new Map<number, { account_code: string; debit: number; credit: number }[]>();
  for (let i = 0; i < voucherIds.length; i += 500) {
    const chunk = voucherIds.slice(i, i + 500);
    const rows = db.sqlite
      .prepare(`SELECT voucher_id, account_code, debit, credit FROM voucher_lines WHERE voucher_id IN (${placeholders(chunk.length)}) ORDER BY voucher_id, line_no`)
      .all(...chunk) as { voucher_id: number; account_code: string; debit: number; credit: number }[];
    for (const r of rows) {
      const list = byVoucher.get(r.voucher_id) ?? [];
      list.push(r);
      byVoucher.set(r.voucher_id, list);
    }
  }
  for (const [id, rows] of byVoucher) {
    const others = rows.filter((r) => !own.has(r.account_code));
    for (const side of ['debit', 'credit'] as const) {
      // Our line on the debit side: the counter accounts are the credited ones, and vice versa.
      const opposite = others.filter((r) => (side === 'debit' ? r.credit !== 0 : r.debit !== 0));
      const pick = opposite.length > 0 ? opposite : others;
      const names = [...new Set(pick.map((r) => `${r.account_code} ${chart.get(r.account_code)?.name ?? ''}`.trim()))];
      out.set(`${id}:${side}`, names.join('、'));
    }
  }
  return out;
}

function buildBook(db: SyncDb, chart: Map<string, AccountInfo>, account: AccountInfo, from: string, to: string, opts: BookOptions): Omit<DetailLedger, 'unionName'> {
  const codes = subtree(chart, account.code);
  const fromPeriod = from.slice(0, 7);
  const before = periodSums(db, codes, { to: prevPeriod(fromPeriod) });
  let net = before.debit - before.credit;
  const ytdBefore = fromPeriod.endsWith('-01') ? { debit: 0, credit: 0 } : periodSums(db, codes, { from: `${fromPeriod.slice(0, 4)}-01`, to: prevPeriod(fromPeriod) });
  let ytdDebit = ytdBefore.debit;
  let ytdCredit = ytdBefore.credit;
  let month = fromPeriod;
  let monthDebit = 0;
  let monthCredit = 0;
  let monthShown = false;
  let day: string | null = null;
  let dayDebit = 0;
  let dayCredit = 0;

  const entries = postedLines(db, codes, `${fromPeriod}-01`, to);
  const own = new Set(codes);
  const counters = opts.counterAccounts ? counterAccountsOf(db, chart, [...new Set(entries.filter((e) => e.date >= from).map((e) => e.voucher_id))], own) : null;

  const lines: BookLine[] = [];
  const summaryLine = (kind: BookLine['kind'], date: string, summary: string, debit: number | null, credit: number | null): BookLine => ({
    kind,
    date,
    voucherId: null,
    voucherNo: null,
    voucherKind: null,
    accountCode: null,
    accountName: null,
    summary,
    debit,
    credit,
    direction: sideOf(net),
    balance: Math.abs(net),
  });
  const flushDay = () => {
    if (opts.dayTotals && day !== null) lines.push(summaryLine('day_total', day, '本日合计', dayDebit, dayCredit));
    day = null;
    dayDebit = 0;
    dayCredit = 0;
  };
  const flushMonth = () => {
    flushDay();
    if (!monthShown) return;
    const last = lastDayOf(month) < to ? lastDayOf(month) : to;
    lines.push(summaryLine('month_total', last, '本月合计', monthDebit, monthCredit));
    lines.push(summaryLine('year_total', last, '本年累计', ytdDebit, ytdCredit));
    if (month.endsWith('-12') && to >= lastDayOf(month)) lines.push(summaryLine('carry_forward', last, '结转下年', null, null));
  };

  let i = 0;
  // Lines of the first month before `from`: into the opening balance and the month and year sums.
  for (; i < entries.length && entries[i]!.date < from; i++) {
    const e = entries[i]!;
    net += e.debit - e.credit;
    monthDebit += e.debit;
    monthCredit += e.credit;
    ytdDebit += e.debit;
    ytdCredit += e.credit;
  }
  const opening = sided(net);
  lines.push(summaryLine('opening', from, openingSummary(from, firstFiscalYear(db)), null, null));

  for (; i < entries.length; i++) {
    const e = entries[i]!;
    const p = e.date.slice(0, 7);
    if (day !== null && e.date !== day) flushDay();
    if (p !== month) {
      flushMonth();
      if (p.slice(0, 4) !== month.slice(0, 4)) {
        ytdDebit = 0;
        ytdCredit = 0;
      }
      month = p;
      monthDebit = 0;
      monthCredit = 0;
      monthShown = false;
    }
    net += e.debit - e.credit;
    monthDebit += e.debit;
    monthCredit += e.credit;
    ytdDebit += e.debit;
    ytdCredit += e.credit;
    dayDebit += e.debit;
    dayCredit += e.credit;
    day = e.date;
    monthShown = true;
    const line: BookLine = {
      kind: 'entry',
      date: e.date,
      voucherId: e.voucher_id,
      voucherNo: voucherNo(e.word, e.number),
      voucherKind: e.kind,
      accountCode: e.account_code,
      accountName: chart.get(e.account_code)?.fullName ?? e.account_code,
      summary: e.summary,
      debit: e.debit,
      credit: e.credit,
      direction: sideOf(net),
      balance: Math.abs(net),
    };
    if (counters) line.counterAccounts = counters.get(`${e.voucher_id}:${e.debit !== 0 ? 'debit' : 'credit'}`) ?? '';
    lines.push(line);
  }
  flushMonth();

  return { periodLabel: dateRangeLabel(from, to), account: accountRef(account), from, to, lines, opening, closing: sided(net) };
}

function checkRange(from: string, to: string): void {
  requireDate(from, 'from');
  requireDate(to, 'to');
  requireOrder(from, to, '日期');
}

export const detailLedger: Handler<'books.detailLedger'> = (ctx, input) => {
  checkRange(input.from, input.to);
  const chart = loadChart(ctx.db);
  const account = accountFor(chart, input.accountCode);
  return { unionName: unionName(ctx.db), ...buildBook(ctx.db, chart, account, input.from, input.to, { dayTotals: false, counterAccounts: false }) };
};

export const journal: Handler<'books.journal'> = (ctx, input) => {
  checkRange(input.from, input.to);
  const chart = loadChart(ctx.db);
  const root = input.kind === 'cash' ? '101' : '102';
  const rootName = input.kind === 'cash' ? '库存现金' : '银行存款';
  const target = accountFor(chart, input.accountCode ?? root);
  if (!target.code.startsWith(root)) {
    throw new CoreError('VALIDATION', `科目 ${target.code} ${target.fullName} 不是${rootName}科目，不能登记${input.kind === 'cash' ? '现金日记账' : '银行存款日记账'}。`, {
      field: 'accountCode',
    });
  }
  // One book per detail account (each bank account has its own journal, vouchers-and-books.md §8).
  const parents = new Set([...chart.values()].map((a) => a.parentCode).filter((c): c is string => c !== null));
  const books = subtree(chart, target.code)
    .map((c) => chart.get(c)!)
    .filter((a) => !parents.has(a.code) && (a.enabled || a.hasPostings));
  const unionNameValue = unionName(ctx.db);
  return {
    unionName: unionNameValue,
    periodLabel: dateRangeLabel(input.from, input.to),
    kind: input.kind,
    title: input.kind === 'cash' ? '现金日记账' : '银行存款日记账',
    from: input.from,
    to: input.to,
    books: books.map((a) => ({ unionName: unionNameValue, ...buildBook(ctx.db, chart, a, input.from, input.to, { dayTotals: true, counterAccounts: true }) })),
  };
};

// ---------- drill-down ----------

function expandFrom(s: string): string {
  return s.length === 7 ? `${s}-01` : s;
}
function expandTo(s: string): string {
  return s.length === 7 ? lastDayOf(s) : s;
}

export const drillDown: Handler<'books.drillDown'> = (ctx, input) => {
  const from = expandFrom(input.from);
  const to = expandTo(input.to);
  checkRange(from, to);
  const chart = loadChart(ctx.db);
  const account = accountFor(chart, input.accountCode);
  const rows: DrillDownRow[] = [];
  const byId = new Map<number, DrillDownRow>();
  for (const e of postedLines(ctx.db, subtree(chart, account.code), from, to)) {
    if (input.excludeClosing && (e.kind === 'closing' || e.kind === 'year_end')) continue;
    let r = byId.get(e.voucher_id);
    if (!r) {
      r = { voucherId: e.voucher_id, date: e.date, voucherNo: voucherNo(e.word, e.number), kind: e.kind, summary: e.summary, debit: 0, credit: 0 };
      byId.set(e.voucher_id, r);
      rows.push(r);
    }
    r.debit += e.debit;
    r.credit += e.credit;
  }
  const label = input.from.length === 7 && input.to.length === 7 ? monthRangeLabel(input.from, input.to) : dateRangeLabel(from, to);
  return {
    unionName: unionName(ctx.db),
    periodLabel: label,
    account: accountRef(account),
    from,
    to,
    rows,
    totalDebit: rows.reduce((s, r) => s + r.debit, 0),
    totalCredit: rows.reduce((s, r) => s + r.credit, 0),
  };
};
