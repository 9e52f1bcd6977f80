// The wrong moment (issue 7, "Bad input"): dates outside the open periods, operations in the wrong
// state, and the same action submitted twice (a double click, a retried request, a second window).
// The second call is refused with a Chinese message and the ledger — every table's rows, the voucher
// rows themselves and the audit trail — is exactly as the first call left it. Table-driven: each
// row is one action, done once successfully and then again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoucherLineInput } from '../../src/main/contract/books';
import type { OpInput, OpName } from '../../src/main/contract/operations';
import type { ClientRef } from '../../src/main/core/context';
import { addUser, client, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { reconcileBanks } from '../helpers/closing';
import { addMember } from '../helpers/dues';

let l: TestLedger;
let kuaiji: ClientRef;
let zhuguan: ClientRef;
let chuna: ClientRef;
let zhuxi: ClientRef;
let zhang: number;
let li: number;
let cases = 0;

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  chuna = await addUser(l, 'chuna', ['cashier']);
  zhuxi = await addUser(l, 'zhuxi', ['chair']);
  zhang = addMember(l, { no: 'E001', name: '张三' });
  li = addMember(l, { no: 'E002', name: '李四' });
});
afterAll(() => {
  console.log(`[double-submission] ${cases} wrong-moment and double-submission cases`);
  l.close();
});

const CHINESE = /[\u4e00-\u9fff]/;

/** Every table's row count, plus the vouchers and their lines in full and the audit head. */
function snapshot(): string {
  const db = l.core.sqlite;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return JSON.stringify({
    counts: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get()])),
    vouchers: db.prepare('SELECT * FROM vouchers ORDER BY id').all(),
    lines: db.prepare('SELECT * FROM voucher_lines ORDER BY id').all(),
    periods: db.prepare('SELECT * FROM periods ORDER BY period').all(),
    audit: db.prepare('SELECT max(seq) AS seq, count(*) AS n FROM audit_log').get(),
  });
}

/** A refused call that leaves everything as it was. */
async function refused<N extends OpName>(who: ClientRef, op: N, input: OpInput<N>, codes: string[], text?: RegExp): Promise<string> {
  cases++;
  const before = snapshot();
  const res = await l.core.dispatch(who, op, input);
  expect(res.ok, `${op} should have been refused`).toBe(false);
  if (res.ok) return '';
  expect(codes, `${op}: ${res.error.code} ${res.error.message}`).toContain(res.error.code);
  expect(res.error.message).toMatch(CHINESE);
  if (text) expect(res.error.message).toMatch(text);
  expect(snapshot(), `${op} wrote something although refused`).toBe(before);
  return res.error.message;
}

/** Does it once (must succeed), then again: the second is refused and writes nothing. */
async function twice<N extends OpName>(who: ClientRef, op: N, input: OpInput<N>, text?: RegExp, codes = ['CONFLICT']): Promise<void> {
  const first = await l.core.dispatch(who, op, input);
  expect(first.ok, first.ok ? '' : `${op} first call: ${first.error.message}`).toBe(true);
  await refused(who, op, input, codes, text);
}

const cashIn = (amount: number): VoucherLineInput[] => [
  { summary: '收取会费', accountCode: '101', debit: amount },
  { summary: '收取会费', accountCode: '401', credit: amount, fundNature: 'general' },
];
const save = async (date: string, amount = 10_000) => (await l.call(kuaiji, 'vouchers.save', { date, attachments: 1, lines: cashIn(amount) })).id;

describe('vouchers: each step once', () => {
  it('审核 twice, 出纳确认 twice, 记账 twice, 冲销 twice, 删除 twice', async () => {
    const id = await save('2026-04-02');
    await twice(zhuguan, 'vouchers.review', { id }, /已审核|状态/);
    await twice(chuna, 'vouchers.confirmCash', { id }, /已确认|确认/);
    await twice(zhuguan, 'vouchers.post', { id }, /已记账/);
    // Posted: no more editing, deleting, un-reviewing, attaching.
    await refused(kuaiji, 'vouchers.save', { id, date: '2026-04-02', attachments: 1, lines: cashIn(99) }, ['CONFLICT'], /已记账/);
    await refused(kuaiji, 'vouchers.delete', { id }, ['CONFLICT'], /已记账/);
    await refused(zhuguan, 'vouchers.unreview', { id }, ['CONFLICT']);
    // One red reversal per voucher.
    await twice(kuaiji, 'vouchers.reverse', { id, date: '2026-04-03' }, /冲销/);
    const draft = await save('2026-04-04');
    await twice(kuaiji, 'vouchers.delete', { id: draft }, /不存在|已删除/, ['NOT_FOUND', 'CONFLICT']);
  });

  it('a draft cannot be posted before review, nor confirmed by the cashier before review', async () => {
    const id = await save('2026-04-05');
    await refused(zhuguan, 'vouchers.post', { id }, ['CONFLICT', 'RULE'], /审核/);
    await refused(kuaiji, 'vouchers.confirmCash', { id }, ['CONFLICT', 'FORBIDDEN']);
  });
});

describe('dates outside the open periods', () => {
  it('before the first fiscal year, on a day that does not exist, and in a closed month', async () => {
    await refused(kuaiji, 'vouchers.save', { date: '2025-12-31', attachments: 1, lines: cashIn(100) }, ['VALIDATION'], /早于账簿的首个会计年度 2026 年/);
    await refused(kuaiji, 'vouchers.save', { date: '2026-02-30', attachments: 1, lines: cashIn(100) }, ['VALIDATION'], /不存在/);
    // Close January (nothing in it), then every write dated in January is refused.
    const id = await save('2026-02-10');
    await reconcileBanks(l, kuaiji, '2026-01');
    await twice(kuaiji, 'periods.close', { period: '2026-01' }, /已经?结账/);
    await refused(kuaiji, 'vouchers.save', { date: '2026-01-20', attachments: 1, lines: cashIn(100) }, ['CONFLICT'], /2026年1月已结账/);
    await refused(kuaiji, 'vouchers.save', { id, date: '2026-01-31', attachments: 1, lines: cashIn(100) }, ['CONFLICT'], /已结账/);
    await refused(kuaiji, 'vouchers.reverse', { id, date: '2026-01-31' }, ['CONFLICT', 'VALIDATION']);
    await refused(kuaiji, 'bank.reconciliation.save', { period: '2026-01', bankAccountCode: '102', statementBalanceFen: 0 }, ['CONFLICT'], /已结账/);
    await refused(kuaiji, 'dues.run.collectPayroll', { month: '2026-01', date: '2026-01-25', bankAccountCode: '102' }, ['CONFLICT', 'VALIDATION']);
    // A month cannot close before the one before it, nor before it has ended.
    await refused(kuaiji, 'periods.close', { period: '2026-03' }, ['CONFLICT'], /尚未结账/);
    await refused(kuaiji, 'periods.close', { period: '2026-05' }, ['CONFLICT', 'VALIDATION']);
    // 反结账 once; a second time the month is already open.
    await twice(zhuguan, 'periods.reopen', { period: '2026-01', reason: '补记一月漏记的凭证' }, /未结账|尚未结账|不需要/);
  });
});

describe('dues: one collection per month', () => {
  it('计算 twice keeps one assessment per member; 工资代扣 twice is refused', async () => {
    await l.call(kuaiji, 'dues.wages.save', { month: '2026-03', rows: [{ memberId: zhang, baseFen: 456_700 }, { memberId: li, baseFen: 308_000 }] });
    const first = await l.call(kuaiji, 'dues.run.compute', { month: '2026-03' });
    const assessments = () => l.core.sqlite.prepare("SELECT member_id, due_fen FROM dues_assessments WHERE month = '2026-03' ORDER BY member_id").all();
    const once = assessments();
    const again = await l.call(kuaiji, 'dues.run.compute', { month: '2026-03' });
    cases++;
    expect(again.totalDueFen).toBe(first.totalDueFen);
    expect(assessments()).toEqual(once);
    await twice(kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '102' }, /没有待代扣的会费|已全部收缴/);
  });

  it('现金收缴 of the same member and month twice: the second receipt is refused', async () => {
    await l.call(kuaiji, 'dues.wages.save', { month: '2026-04', rows: [{ memberId: zhang, baseFen: 456_700 }] });
    await l.call(kuaiji, 'dues.run.compute', { month: '2026-04' });
    await twice(kuaiji, 'dues.collectCash', { memberId: zhang, months: ['2026-04'], date: '2026-04-08', cashOrBankAccountCode: '101' }, /不能重复收取/);
  });
});

describe('spending: each step once', () => {
  it('提交, 审核, 审批 and 支付 twice each: refused, one voucher', async () => {
    const saved = await l.call(kuaiji, 'spending.save', {
      type: '节日慰问',
      purpose: '清明节慰问品',
      date: '2026-04-03',
      accountCode: '50105',
      amountFen: 60_000,
      payee: { kind: 'supplier', name: '某某超市' },
      paymentMethod: '银行转账',
      recipients: [
        { memberId: zhang, amountFen: 30_000, item: '食用油一桶' },
        { memberId: li, amountFen: 30_000, item: '食用油一桶' },
      ],
      details: { festival: '清明节' },
    });
    const requestId = saved.id;
    await twice(kuaiji, 'spending.submit', { requestId }, /状态|已提交/);
    await twice(zhuguan, 'spending.review', { requestId, note: '核对无误' }, /状态|已审核/);
    const detail = await l.call(zhuxi, 'spending.get', { requestId });
    for (const f of detail.latestCheck?.findings ?? []) {
      if (f.severity === 'warn') await l.call(zhuxi, 'spending.override', { requestId, ruleId: f.rule, reason: '经工会委员会研究同意，按标准发放' });
    }
    await twice(zhuxi, 'spending.approve', { requestId }, /状态|已审批/);
    let n = 0;
    for (const kind of ['发票', '明细清单', '签领表'] as const) {
      await l.call(kuaiji, 'spending.attach', { requestId, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(`%PDF-1.4 evidence ${++n}`).toString('base64') });
    }
    await twice(chuna, 'spending.pay', { requestId, date: '2026-04-06', bankOrCashAccountCode: '102' }, /已支付|状态/);
    expect(l.core.sqlite.prepare(`SELECT count(*) FROM vouchers WHERE source = 'spending:${requestId}'`).pluck().get()).toBe(1);
    // Paid: no more evidence, no withdrawal, no rejection.
    await refused(kuaiji, 'spending.withdraw', { requestId }, ['CONFLICT', 'FORBIDDEN']);
    await refused(zhuxi, 'spending.reject', { requestId, reason: '重复申请，予以驳回' }, ['CONFLICT']);
  });
});

describe('spending: withdrawing', () => {
  it('撤回 twice', async () => {
    const saved = await l.call(kuaiji, 'spending.save', {
      type: '节日慰问',
      purpose: '端午节慰问品',
      date: '2026-04-08',
      accountCode: '50105',
      amountFen: 20_000,
      payee: { kind: 'supplier', name: '某某超市' },
      paymentMethod: '银行转账',
      recipients: [{ memberId: zhang, amountFen: 20_000, item: '粽子一盒' }],
      details: { festival: '端午节' },
    });
    await twice(kuaiji, 'spending.withdraw', { requestId: saved.id }, /状态|已撤回/);
  });
});

describe('users and sessions', () => {
  it('the same user created twice, the last administrator demoted', async () => {
    await twice(client('admin'), 'users.create', { username: 'chongfu', displayName: '重复', roles: ['cashier'], password: 'Passw0rd!x' }, /已被使用/);
    await refused(client('admin'), 'users.update', { id: 1, displayName: '王管理', roles: ['accountant'], active: true }, ['CONFLICT'], /至少需要保留一名/);
  });
});
