// The dues books: arrears (D8, D10; CHK-DUES-1), the 会费台账 (member × month), the collection rate
// by 工会小组 (dues.md §5), the member's annual statement and dues income by month (reconciled with
// 401 in the books). A payment counts as paid only on a POSTED voucher; red reversals are negative.
import type { Handler, ServiceContext } from '../context';
import type {
  ArrearsReport,
  ArrearsRow,
  CollectionRate,
  CollectionRateRow,
  DuesIncome,
  DuesLedger,
  DuesLedgerRow,
  DuesLedgerTotal,
  IncomeMonth,
  MemberStatement,
  StatementPayment,
} from '../../contract/dues';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { voucherLabel } from '../books/vouchers';
import {
  STATUS_LABEL,
  assessments,
  byGroupThenNo,
  groupNameOf,
  key,
  lastDay,
  lineState,
  loadMember,
  loadMembers,
  monthIndex,
  monthText,
  monthsOfYear,
  paymentSums,
  type MemberRow,
} from './common';

// ---------- arrears ----------

export function arrearsReport(ctx: ServiceContext, asOf: string): ArrearsReport {
  const members = new Map(loadMembers(ctx.db).map((m) => [m.id, m]));
  // Payments made by the end of the month (on vouchers posted by now): the list as it stood then.
  // Every month since the first year is compared in SQL (paid = posted payments, pending = the rest,
  // as paymentSums counts them) and only the unpaid months come back, each marked when it lies after
  // the member's last fully paid month — the trailing run. Months without dues (no base, exempt)
  // neither count nor break a run. Ten years of 20,000 members is 2.4 million cells: in JavaScript
  // they took gigabytes (issue 8).
  const cells = ctx.db.sqlite
    .prepare(
      `WITH pay AS (
         SELECT p.member_id, p.month,
                sum(CASE WHEN v.status = 'posted' THEN p.amount_fen ELSE 0 END) AS paid,
                sum(CASE WHEN v.status = 'posted' THEN 0 ELSE p.amount_fen END) AS pending
         FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id
         WHERE p.month <= @asOf AND p.paid_on <= @paidUpTo
         GROUP BY p.member_id, p.month
       ),
       cells AS MATERIALIZED (
         SELECT a.member_id, a.month, a.due_fen AS due, coalesce(pay.paid, 0) AS paid, coalesce(pay.pending, 0) AS pending
         FROM dues_assessments a LEFT JOIN pay ON pay.member_id = a.member_id AND pay.month = a.month
         WHERE a.month <= @asOf AND a.due_fen > 0
       ),
       last_paid AS (SELECT member_id, max(month) AS month FROM cells WHERE paid >= due GROUP BY member_id)
       SELECT c.member_id, c.month, c.due, c.paid, c.pending, c.month > coalesce(l.month, '') AS trailing
       FROM cells c LEFT JOIN last_paid l ON l.member_id = c.member_id
       WHERE c.paid < c.due
       ORDER BY c.member_id, c.month`,
    )
    .raw(true)
    .all({ asOf, paidUpTo: lastDay(asOf) }) as [number, string, number, number, number, number][];
  const byMember = new Map<number, { unpaid: { month: string; due: number; paid: number; pending: number }[]; consecutive: number }>();
  for (const [memberId, month, due, paid, pending, trailing] of cells) {
    let m = byMember.get(memberId);
    if (!m) byMember.set(memberId, (m = { unpaid: [], consecutive: 0 }));
    m.unpaid.push({ month, due, paid, pending });
    if (trailing) m.consecutive++;
  }
  const rows: ArrearsRow[] = [];
  for (const [memberId, { unpaid, consecutive }] of byMember) {
    const m = members.get(memberId)!;
    const owed = unpaid.reduce((s, l) => s + l.due - l.paid, 0);
    const row: ArrearsRow = {
      memberId,
      employeeNo: m.employee_no,
      name: m.name,
      groupName: groupNameOf(m),
      status: STATUS_LABEL[m.status],
      months: unpaid.map((l) => l.month),
      owedFen: owed,
      pendingFen: unpaid.reduce((s, l) => s + Math.min(l.pending, l.due - l.paid), 0),
      consecutive,
      findings: [],
    };
    if (consecutive >= 6) {
      const last = unpaid[unpaid.length - 1]!.month;
      row.findings.push({
        rule: 'CHK-DUES-1',
        severity: 'warn',
        message: `${m.name}已连续 ${consecutive} 个月（至${monthText(last)}）未交纳会费，欠缴 ${formatYuan(owed)} 元。请了解原因并做好教育工作，记录经过及工会委员会的决定；系统不会自动将其退会。`,
        citation: '中国工会章程 第六条（连续六个月不交纳会费、不参加工会组织生活，经教育拒不改正，应当视为自动退会）',
      });
    }
    rows.push(row);
  }
  rows.sort((a, b) => b.consecutive - a.consecutive || byGroupThenNo(a, b));
  return { asOf, rows, members: rows.length, flagged: rows.filter((r) => r.findings.length > 0).length, owedFen: rows.reduce((s, r) => s + r.owedFen, 0) };
}

export const duesArrears: Handler<'dues.arrears'> = (ctx, input) => arrearsReport(ctx, input.asOf);

// ---------- 会费台账 ----------

const emptyTotal = (groupId: number | null, groupName: string): DuesLedgerTotal => ({
  groupId,
  groupName,
  members: 0,
  months: Array.from({ length: 12 }, () => ({ dueFen: 0, paidFen: 0 })),
  dueFen: 0,
  paidFen: 0,
  owedFen: 0,
});

function addTo(t: DuesLedgerTotal, r: DuesLedgerRow): void {
  t.members++;
  r.months.forEach((c, i) => {
    t.months[i]!.dueFen += c.dueFen ?? 0;
    t.months[i]!.paidFen += c.paidFen;
  });
  t.dueFen += r.dueFen;
  t.paidFen += r.paidFen;
  t.owedFen += r.owedFen;
}

export function duesLedger(ctx: ServiceContext, year: number): DuesLedger {
  const from = `${year}-01`;
  const to = `${year}-12`;
  const members = new Map(loadMembers(ctx.db).map((m) => [m.id, m]));
  const rowsById = new Map<number, DuesLedgerRow>();
  const rowOf = (m: MemberRow): DuesLedgerRow => {
    let r = rowsById.get(m.id);
    if (!r) {
      r = {
        memberId: m.id,
        employeeNo: m.employee_no,
        name: m.name,
        groupId: m.group_id,
        groupName: groupNameOf(m),
        status: STATUS_LABEL[m.status],
        months: Array.from({ length: 12 }, () => ({ dueFen: null, paidFen: 0, exemptReason: null })),
        dueFen: 0,
        paidFen: 0,
        owedFen: 0,
      };
      rowsById.set(m.id, r);
    }
    return r;
  };
  // 20,000 members × 12 months: read as arrays, in index order (the rows are sorted below), and
  // placed straight into their cells — no per-row objects or string keys (issue 8: under 1 s).
  const due = ctx.db.sqlite
    .prepare('SELECT member_id, month, due_fen, exempt_reason FROM dues_assessments WHERE month BETWEEN ? AND ?')
    .raw(true)
    .all(from, to) as [number, string, number, string | null][];
  for (const [memberId, month, dueFen, exemptReason] of due) {
    const cell = rowOf(members.get(memberId)!).months[Number(month.slice(5, 7)) - 1]!;
    cell.dueFen = dueFen;
    cell.exemptReason = exemptReason;
  }
  // Paid = on posted vouchers (as paymentSums counts it).
  const paid = ctx.db.sqlite
    .prepare(
      `SELECT p.member_id, p.month, sum(p.amount_fen) FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id
       WHERE p.month BETWEEN ? AND ? AND v.status = 'posted' GROUP BY p.member_id, p.month`,
    )
    .raw(true)
    .all(from, to) as [number, string, number][];
  for (const [memberId, month, amount] of paid) rowOf(members.get(memberId)!).months[Number(month.slice(5, 7)) - 1]!.paidFen += amount;
  const groups = new Map<string, DuesLedgerTotal>();
  const total = emptyTotal(null, '合计');
  const rows = [...rowsById.values()].sort(byGroupThenNo);
  for (const r of rows) {
    for (const c of r.months) {
      r.dueFen += c.dueFen ?? 0;
      r.paidFen += c.paidFen;
      r.owedFen += Math.max(0, (c.dueFen ?? 0) - c.paidFen);
    }
    let g = groups.get(r.groupName);
    if (!g) groups.set(r.groupName, (g = emptyTotal(r.groupId, r.groupName)));
    addTo(g, r);
    addTo(total, r);
  }
  return { year, rows, groups: [...groups.values()], total };
}

export const duesLedgerHandler: Handler<'dues.ledger'> = (ctx, input) => duesLedger(ctx, input.year);

// ---------- collection rate ----------

const rate = (num: number, den: number): number | null => (den === 0 ? null : Math.round((num / den) * 10_000) / 10_000);

/**
 * For a month: members with dues due that month, and those who paid all of it. For a year: members
 * with any dues due in the year, and those who paid the whole year's dues. Amounts: due, and paid
 * against it (per member-month, capped at what was due).
 */
export function collectionRate(ctx: ServiceContext, q: { year?: number | undefined; month?: string | undefined }): CollectionRate {
  const from = q.month ?? `${q.year}-01`;
  const to = q.month ?? `${q.year}-12`;
  const members = new Map(loadMembers(ctx.db).map((m) => [m.id, m]));
  // Per member, in SQLite: what was due (months with dues) and what of it was paid on posted
  // vouchers, each month counted up to its due (20,000 members × 12 months, issue 8).
  const perMember = new Map<number, { due: number; paid: number }>();
  const sums = ctx.db.sqlite
    .prepare(
      `SELECT a.member_id, sum(a.due_fen), sum(min(a.due_fen, max(0, coalesce(pay.paid, 0))))
       FROM dues_assessments a LEFT JOIN (
         SELECT p.member_id, p.month, sum(p.amount_fen) AS paid FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id
         WHERE p.month BETWEEN @from AND @to AND v.status = 'posted' GROUP BY p.member_id, p.month
       ) pay ON pay.member_id = a.member_id AND pay.month = a.month
       WHERE a.month BETWEEN @from AND @to AND a.due_fen > 0
       GROUP BY a.member_id`,
    )
    .raw(true)
    .all({ from, to }) as [number, number, number][];
  for (const [memberId, due, paid] of sums) perMember.set(memberId, { due, paid });
  const blank = (groupId: number | null, groupName: string): CollectionRateRow => ({
    groupId,
    groupName,
    membersDue: 0,
    membersPaid: 0,
    dueFen: 0,
    paidFen: 0,
    rateByCount: null,
    rateByAmount: null,
  });
  const groups = new Map<string, CollectionRateRow>();
  const total = blank(null, '合计');
  const sorted = [...perMember.entries()]
    .map(([id, p]) => ({ m: members.get(id)!, p, groupName: groupNameOf(members.get(id)!), employeeNo: members.get(id)!.employee_no }))
    .sort(byGroupThenNo);
  for (const { m, p } of sorted) {
    const name = groupNameOf(m);
    let g = groups.get(name);
    if (!g) groups.set(name, (g = blank(m.group_id, name)));
    for (const t of [g, total]) {
      t.membersDue++;
      if (p.paid >= p.due) t.membersPaid++;
      t.dueFen += p.due;
      t.paidFen += p.paid;
    }
  }
  for (const t of [...groups.values(), total]) {
    t.rateByCount = rate(t.membersPaid, t.membersDue);
    t.rateByAmount = rate(t.paidFen, t.dueFen);
  }
  return { periodLabel: q.month ? monthText(q.month) : `${q.year}年度`, from, to, groups: [...groups.values()], total };
}

export const duesCollectionRate: Handler<'dues.collectionRate'> = (ctx, input) => collectionRate(ctx, input);

// ---------- member statement ----------

export function memberStatement(ctx: ServiceContext, memberId: number, year: number): MemberStatement {
  const m = loadMember(ctx.db, memberId);
  const from = `${year}-01`;
  const to = `${year}-12`;
  const sums = paymentSums(ctx.db, from, to, memberId);
  const byMonth = new Map(assessments(ctx.db, from, to, memberId).map((a) => [a.month, a]));
  const months = monthsOfYear(year).map((month) => {
    const a = byMonth.get(month);
    const paid = sums.paid.get(key(memberId, month)) ?? 0;
    const pending = sums.pending.get(key(memberId, month)) ?? 0;
    return {
      month,
      baseFen: a ? a.base_fen : null,
      dueFen: a ? a.due_fen : null,
      paidFen: paid,
      exemptReason: a?.exempt_reason ?? null,
      state: a ? lineState(a.due_fen, paid, pending, a.exempt_reason) : ('none' as const),
    };
  });
  const pays = ctx.db.sqlite
    .prepare(
      `SELECT p.paid_on, p.month, p.amount_fen, p.method, r.year AS r_year, r.number AS r_number, v.id AS voucher_id, v.word, v.number, v.voucher_date, v.status
       FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id LEFT JOIN dues_receipts r ON r.id = p.receipt_id
       WHERE p.member_id = ? AND p.month BETWEEN ? AND ? ORDER BY p.paid_on, p.id`,
    )
    .all(memberId, from, to) as {
    paid_on: string;
    month: string;
    amount_fen: number;
    method: StatementPayment['method'];
    r_year: number | null;
    r_number: number | null;
    voucher_id: number;
    word: string;
    number: number | null;
    voucher_date: string;
    status: StatementPayment['voucherStatus'];
  }[];
  const payments: StatementPayment[] = pays.map((p) => ({
    date: p.paid_on,
    month: p.month,
    amountFen: p.amount_fen,
    method: p.method,
    receiptLabel: p.r_year === null || p.r_number === null ? null : `${p.r_year}-${String(p.r_number).padStart(4, '0')}`,
    voucherId: p.voucher_id,
    voucherLabel: voucherLabel(p),
    voucherStatus: p.status,
  }));
  const dueFen = months.reduce((s, c) => s + (c.dueFen ?? 0), 0);
  const paidFen = months.reduce((s, c) => s + c.paidFen, 0);
  const owedFen = months.reduce((s, c) => s + Math.max(0, (c.dueFen ?? 0) - c.paidFen), 0);
  return {
    year,
    memberId,
    employeeNo: m.employee_no,
    name: m.name,
    groupName: groupNameOf(m),
    status: STATUS_LABEL[m.status],
    months,
    payments,
    dueFen,
    paidFen,
    owedFen,
  };
}

export const duesMemberStatement: Handler<'dues.memberStatement'> = (ctx, input) => memberStatement(ctx, input.memberId, input.year);

// ---------- income by month ----------

export function incomeByMonth(ctx: ServiceContext, year: number): DuesIncome {
  const db = ctx.db.sqlite;
  const pays = db
    .prepare(
      `SELECT v.period, p.method, sum(p.amount_fen) AS n FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id
       WHERE v.status = 'posted' AND v.period BETWEEN ? AND ? GROUP BY v.period, p.method`,
    )
    .all(`${year}-01`, `${year}-12`) as { period: string; method: 'payroll' | 'cash' | 'bank'; n: number }[];
  const books = new Map(
    (db
      .prepare(
        `SELECT period, sum(credit) AS n FROM ledger_balances WHERE (account_code = '401' OR account_code LIKE '401%') AND period BETWEEN ? AND ? GROUP BY period`,
      )
      .all(`${year}-01`, `${year}-12`) as { period: string; n: number }[]).map((r) => [r.period, r.n]),
  );
  const blank = (period: string): IncomeMonth => ({ period, payrollFen: 0, cashFen: 0, bankFen: 0, totalFen: 0, books401Fen: 0, differenceFen: 0 });
  const months = monthsOfYear(year).map(blank);
  for (const p of pays) {
    const m = months[monthIndex(p.period) - monthIndex(`${year}-01`)]!;
    if (p.method === 'payroll') m.payrollFen += p.n;
    else if (p.method === 'cash') m.cashFen += p.n;
    else m.bankFen += p.n;
    m.totalFen += p.n;
  }
  const total = blank(`${year}`);
  for (const m of months) {
    m.books401Fen = books.get(m.period) ?? 0;
    m.differenceFen = m.books401Fen - m.totalFen;
    total.payrollFen += m.payrollFen;
    total.cashFen += m.cashFen;
    total.bankFen += m.bankFen;
    total.totalFen += m.totalFen;
    total.books401Fen += m.books401Fen;
    total.differenceFen += m.differenceFen;
  }
  return { year, months, total };
}

export const duesIncomeByMonth: Handler<'dues.incomeByMonth'> = (ctx, input) => incomeByMonth(ctx, input.year);

export function requireYearOrMonth(q: { year?: number | undefined; month?: string | undefined }): void {
  if ((q.year === undefined) === (q.month === undefined)) throw new CoreError('VALIDATION', '请选择年度或月份（二选一）。', { field: 'year' });
}
