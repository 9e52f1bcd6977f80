// The monthly dues run and the collections (dues.md §3, §5; D1–D9).
//  - dues.run.compute: one assessment per member for the month, replacing unpaid ones only.
//  - dues.run.collectPayroll: one DRAFT voucher (102 / 401 非专项) and a payment row per member.
//  - dues.collectCash: a numbered 会费收据 (gapless per year) and a DRAFT voucher (101 or 102 / 401).
// Dues are revenue of the union itself: always credited to 401, never to 211 (D9, CHK-DUES-2).
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { AccountInfo } from '../../contract/books';
import type { DuesAssessmentRow, DuesRunResult, MissingBase } from '../../contract/dues';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import { assertOpenDate } from '../books/periods';
import { insertDraft, insertLines, voucherDetail, type CleanLine } from '../books/vouchers';
import {
  STATUS_LABEL,
  assessments,
  byGroupThenNo,
  duesFor,
  groupNameOf,
  key,
  lastDay,
  lineState,
  loadMember,
  loadMembers,
  monthText,
  monthsText,
  paymentSums,
  previousMonth,
  ruleFor,
  statusForMonth,
  statusTimelines,
} from './common';
import { receiptOf } from './receipt';

// ---------- the run ----------

/** Computes (or recomputes) the month. Exported for the command line and the benchmark. */
export function computeMonth(ctx: ServiceContext, month: string): DuesRunResult {
  const db = ctx.db.sqlite;
  const rule = ruleFor(ctx.db, month);
  const members = loadMembers(ctx.db);
  const timelines = statusTimelines(ctx.db, members);
  const wagesOf = (m: string) =>
    new Map((db.prepare('SELECT member_id, base_fen FROM member_wages WHERE month = ?').all(m) as { member_id: number; base_fen: number }[]).map((w) => [w.member_id, w.base_fen]));
  const wages = wagesOf(month);
  const prev = previousMonth(month);
  const prevWages = wagesOf(prev);
  // Months with any payment row (even a reversed one) keep their assessment: the schema refuses to change it.
  const locked = new Set((db.prepare('SELECT DISTINCT member_id FROM dues_payments WHERE month = ?').all(month) as { member_id: number }[]).map((r) => r.member_id));
  db.prepare(
    `DELETE FROM dues_assessments WHERE month = ?
     AND NOT EXISTS (SELECT 1 FROM dues_payments p WHERE p.member_id = dues_assessments.member_id AND p.month = dues_assessments.month)`,
  ).run(month);
  const insert = db.prepare('INSERT INTO dues_assessments (member_id, month, base_fen, due_fen, exempt_reason, rule_from, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const at = ctx.now.toISOString();
  const end = lastDay(month);
  const missing: MissingBase[] = [];
  const r: DuesRunResult = {
    month,
    ruleFrom: rule.effectiveFrom,
    assessed: 0,
    exempt: 0,
    apprentices: 0,
    previousMonthBase: 0,
    keptPaid: 0,
    missing,
    notMembers: 0,
    totalDueFen: 0,
  };
  for (const m of members) {
    if (m.joined_on !== null && m.joined_on.slice(0, 10) > end) {
      r.notMembers++;
      continue;
    }
    const status = statusForMonth(timelines.get(m.id), month);
    if (status === 'transferred' || status === 'withdrawn') {
      r.notMembers++;
      continue;
    }
    if (locked.has(m.id)) {
      r.keptPaid++;
      continue;
    }
    if (status === 'retired' || status === 'unemployed') {
      // D6: 保留会籍期间免交会费 (章程 第八条).
      insert.run(m.id, month, 0, 0, STATUS_LABEL[status], rule.effectiveFrom, at);
      r.assessed++;
      r.exempt++;
      continue;
    }
    if (m.employment_type === '学徒') {
      // D4: 学徒工 a flat amount a month, whatever the wage.
      insert.run(m.id, month, wages.get(m.id) ?? 0, rule.apprenticeFlatFen, null, rule.effectiveFrom, at);
      r.assessed++;
      r.apprentices++;
      continue;
    }
    const fromPrevious = m.no_fixed_income === 1;
    const wage = fromPrevious ? prevWages.get(m.id) : wages.get(m.id);
    if (wage === undefined) {
      missing.push({
        memberId: m.id,
        employeeNo: m.employee_no,
        name: m.name,
        groupName: groupNameOf(m),
        reason: fromPrevious ? `无固定收入，按上月工资计交（D5），但缺少${monthText(prev)}的工资` : `缺少${monthText(month)}的会费基数（工资）`,
      });
      continue;
    }
    insert.run(m.id, month, wage, duesFor(wage, rule), null, rule.effectiveFrom, at);
    r.assessed++;
    if (fromPrevious) r.previousMonthBase++;
  }
  r.totalDueFen = (db.prepare('SELECT coalesce(sum(due_fen), 0) AS n FROM dues_assessments WHERE month = ?').get(month) as { n: number }).n;
  r.assessed += r.keptPaid;
  return r;
}

export const computeRun: Handler<'dues.run.compute'> = (ctx, input) => {
  const r = computeMonth(ctx, input.month);
  ctx.audit({
    operation: 'dues.run.compute',
    entity: 'dues_assessments',
    entityId: input.month,
    after: { ...r, missing: r.missing.map((m) => m.employeeNo) },
  });
  return r;
};

export const listRun: Handler<'dues.run.list'> = (ctx, input) => {
  const members = new Map(loadMembers(ctx.db).map((m) => [m.id, m]));
  const sums = paymentSums(ctx.db, input.month, input.month);
  const out: DuesAssessmentRow[] = [];
  for (const a of assessments(ctx.db, input.month, input.month)) {
    const m = members.get(a.member_id)!;
    const paid = sums.paid.get(key(a.member_id, a.month)) ?? 0;
    const pending = sums.pending.get(key(a.member_id, a.month)) ?? 0;
    out.push({
      memberId: m.id,
      employeeNo: m.employee_no,
      name: m.name,
      groupName: groupNameOf(m),
      month: a.month,
      baseFen: a.base_fen,
      dueFen: a.due_fen,
      exemptReason: a.exempt_reason,
      ruleFrom: a.rule_from,
      paidFen: paid,
      pendingFen: pending,
      state: lineState(a.due_fen, paid, pending, a.exempt_reason),
    });
  }
  return out.sort(byGroupThenNo);
};

// ---------- accounts ----------

const DUES_CITE = '工发[1978]101号 第六项（收交的会费全部留在基层工会）；spending-rules.md CHK-DUES-2';

/** CHK-DUES-2: dues are credited to 401 (or a detail of it), never to 211 or anywhere else. */
function duesIncomeAccount(chart: Map<string, AccountInfo>, code: string): AccountInfo {
  if (code !== '401' && !code.startsWith('401')) {
    const a = chart.get(code);
    throw new CoreError('RULE', `会费只能记入 401 会费收入，不能记入 ${code}${a ? ` ${a.fullName}` : ''}${code.startsWith('211') ? '：会费全部留归基层工会，不向上级解缴' : ''}。`, {
      field: 'incomeAccountCode',
      rule: `CHK-DUES-2：${DUES_CITE}`,
    });
  }
  const a = chart.get(code);
  if (!a || !a.enabled) throw new CoreError('VALIDATION', `会计科目 ${code} 不存在或未启用。`, { field: 'incomeAccountCode' });
  if (!a.leaf) throw new CoreError('VALIDATION', `${a.code} ${a.fullName} 下设有明细科目，请选择末级明细科目。`, { field: 'incomeAccountCode' });
  return a;
}

function moneyAccount(chart: Map<string, AccountInfo>, code: string, field: string, allowCash: boolean): AccountInfo {
  const a = chart.get(code);
  const ok = a !== undefined && (code.startsWith('102') || (allowCash && code.startsWith('101'))) && a.journal !== null;
  const what = allowCash ? '库存现金（101）或银行存款（102）' : '银行存款（102）';
  if (!ok || !a) throw new CoreError('VALIDATION', `收款科目应为${what}的科目，${code} 不是。`, { field });
  if (!a.enabled) throw new CoreError('VALIDATION', `${a.code} ${a.fullName} 未启用。`, { field });
  if (!a.leaf) throw new CoreError('VALIDATION', `${a.code} ${a.fullName} 下设有明细科目，请选择末级明细科目。`, { field });
  return a;
}

/** 记, unless the ledger uses 收/付/转 vouchers (会计基础工作规范 第五十条). */
function receiptWord(ctx: ServiceContext): string {
  const words = new Set((ctx.db.sqlite.prepare('SELECT DISTINCT word FROM vouchers').all() as { word: string }[]).map((r) => r.word));
  return !words.has('记') && (words.has('收') || words.has('付') || words.has('转')) ? '收' : '记';
}

function line(summary: string, accountCode: string, debit: number, credit: number, fundNature: 'general' | null): CleanLine {
  return { summary, accountCode, debit, credit, fundNature, project: null, expenseType: null, counterparty: null, bankAccount: null, custodial: false };
}

function draft(ctx: ServiceContext, date: string, source: string, note: string, lines: CleanLine[]): number {
  const me = requireUser(ctx);
  const period = assertOpenDate(ctx.db, date, 'date');
  const id = insertDraft(ctx.db, { period, date, word: receiptWord(ctx), kind: 'normal', preparedBy: me.id, at: ctx.now.toISOString(), attachments: 1, attachmentsNote: note, source });
  insertLines(ctx.db, id, lines);
  return id;
}

/** What is still to collect for each member-month: due − every payment row (posted, pending, reversed). */
function outstanding(ctx: ServiceContext, month: string, memberId?: number): Map<number, { due: number; paidOrPending: number }> {
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT a.member_id, a.due_fen AS due,
         coalesce((SELECT sum(p.amount_fen) FROM dues_payments p WHERE p.member_id = a.member_id AND p.month = a.month), 0) AS paid
       FROM dues_assessments a WHERE a.month = ?${memberId === undefined ? '' : ' AND a.member_id = ?'}`,
    )
    .all(...(memberId === undefined ? [month] : [month, memberId])) as { member_id: number; due: number; paid: number }[];
  return new Map(rows.map((r) => [r.member_id, { due: r.due, paidOrPending: r.paid }]));
}

// ---------- payroll deduction ----------

export const collectPayroll: Handler<'dues.run.collectPayroll'> = (ctx, input) => {
  const me = requireUser(ctx);
  const chart = loadChart(ctx.db);
  const income = duesIncomeAccount(chart, input.incomeAccountCode);
  const bank = moneyAccount(chart, input.bankAccountCode, 'bankAccountCode', false);
  const excluded = new Set(input.excludeMemberIds);
  const items: { memberId: number; amount: number }[] = [];
  for (const [memberId, o] of outstanding(ctx, input.month)) {
    if (excluded.has(memberId) || o.due === 0) continue;
    const amount = o.due - o.paidOrPending;
    if (amount > 0) items.push({ memberId, amount });
  }
  if (items.length === 0) {
    throw new CoreError('CONFLICT', `${monthText(input.month)}没有待代扣的会费：请先计算该月会费，或该月会费已全部收缴（含未记账的凭证）。`, { field: 'month' });
  }
  items.sort((a, b) => a.memberId - b.memberId);
  const total = items.reduce((s, i) => s + i.amount, 0);
  const summary = `收${monthText(input.month)}会费（工资代扣 ${items.length} 人）`;
  const voucherId = draft(ctx, input.date, 'dues.payroll', `工资代扣会费名单（${items.length} 人）`, [
    line(summary, bank.code, total, 0, null),
    line(summary, income.code, 0, total, 'general'),
  ]);
  const insert = ctx.db.sqlite.prepare(
    `INSERT INTO dues_payments (member_id, month, amount_fen, method, paid_on, receipt_id, voucher_id, reverses_payment_id, recorded_by, recorded_at)
     VALUES (?, ?, ?, 'payroll', ?, NULL, ?, NULL, ?, ?)`,
  );
  const at = ctx.now.toISOString();
  for (const i of items) insert.run(i.memberId, input.month, i.amount, input.date, voucherId, me.id, at);
  const voucher = voucherDetail(ctx, voucherId);
  ctx.audit({
    operation: 'dues.run.collectPayroll',
    entity: 'voucher',
    entityId: voucherId,
    after: { month: input.month, members: items.length, totalFen: total, excluded: [...excluded], lines: voucher.lines },
  });
  return { voucher, members: items.length, totalFen: total };
};

// ---------- cash (会费收据) ----------

export const collectCash: Handler<'dues.collectCash'> = (ctx, input) => {
  const me = requireUser(ctx);
  const chart = loadChart(ctx.db);
  const income = duesIncomeAccount(chart, input.incomeAccountCode);
  const money = moneyAccount(chart, input.cashOrBankAccountCode, 'cashOrBankAccountCode', true);
  const member = loadMember(ctx.db, input.memberId);
  const months = [...new Set(input.months)].sort();
  const items = months.map((m, i) => {
    const o = outstanding(ctx, m, member.id).get(member.id);
    const field = `months.${i}`;
    if (!o) throw new CoreError('CONFLICT', `${member.name}${monthText(m)}没有会费记录，请先计算该月会费。`, { field });
    if (o.due === 0) throw new CoreError('CONFLICT', `${member.name}${monthText(m)}免交会费（保留会籍）或应缴为零，无需收缴。`, { field });
    const amount = o.due - o.paidOrPending;
    if (amount <= 0) throw new CoreError('CONFLICT', `${member.name}${monthText(m)}会费 ${formatYuan(o.due)} 元已收缴（或已在未记账的凭证中），不能重复收取。`, { field });
    return { month: m, amount };
  });
  const total = items.reduce((s, i) => s + i.amount, 0);
  assertOpenDate(ctx.db, input.date, 'date');
  const year = Number(input.date.slice(0, 4));
  // Gapless per year: the next number is assigned in this transaction (the single writer holds the lock).
  const number = (ctx.db.sqlite.prepare('SELECT coalesce(max(number), 0) + 1 AS n FROM dues_receipts WHERE year = ?').get(year) as { n: number }).n;
  const at = ctx.now.toISOString();
  const receiptId = Number(
    ctx.db.sqlite
      .prepare('INSERT INTO dues_receipts (year, number, member_id, amount_fen, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(year, number, member.id, total, at, me.id).lastInsertRowid,
  );
  const receiptNo = `${year}-${String(number).padStart(4, '0')}`;
  const summary = `收${member.name}${monthsText(months)}会费（收据${receiptNo}）`.slice(0, 100);
  const voucherId = draft(ctx, input.date, 'dues.cash', `会费收据 ${receiptNo}`, [
    line(summary, money.code, total, 0, null),
    line(summary, income.code, 0, total, 'general'),
  ]);
  const method = money.journal === 'cash' ? 'cash' : 'bank';
  const insert = ctx.db.sqlite.prepare(
    `INSERT INTO dues_payments (member_id, month, amount_fen, method, paid_on, receipt_id, voucher_id, reverses_payment_id, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  for (const i of items) insert.run(member.id, i.month, i.amount, method, input.date, receiptId, voucherId, me.id, at);
  const receipt = receiptOf(ctx, receiptId);
  const voucher = voucherDetail(ctx, voucherId);
  ctx.audit({ operation: 'dues.collectCash', entity: 'dues_receipt', entityId: receiptId, after: { receipt, voucherId, lines: voucher.lines } });
  return { receipt, voucher };
};
