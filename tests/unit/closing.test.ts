// A small union's year, closed month by month and then at year end (accounts.md §6 T12/T13, §7;
// spending-rules.md §7 CHK-CLS-1…5). The calls run in order and share one ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, client, type TestLedger } from '../helpers/core';
import { expectRefused, incomeAndSpendingBalances, net, numbers, postVoucher, reconcileBanks, snapshot, type Staff } from '../helpers/closing';
import type { VoucherLineInput, VoucherDetail } from '../../src/main/contract/books';
import type { CloseResult } from '../../src/main/contract/closing';

let l: TestLedger;
let s: Staff;
let decClosingId = 0;

// The books are closed on 10 January 2027 (a month closes on its last day or later).
beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2027-01-10T10:00:00+08:00') });
  await initLedger(l);
  s = {
    kuaiji: await addUser(l, 'kuaiji', ['accountant']),
    zhuguan: await addUser(l, 'zhuguan', ['supervisor']),
    chuna: await addUser(l, 'chuna', ['cashier']),
  };
});
afterAll(() => l.close());

const mm = (m: number) => String(m).padStart(2, '0');
const duesAmount = (m: number) => 100_000 + m * 1000; // 1,000 元 + m × 10 元

const dues = (m: number, amount = duesAmount(m)): VoucherLineInput[] => [
  { summary: `收${m}月会费`, accountCode: '102', debit: amount },
  { summary: `收${m}月会费`, accountCode: '401', credit: amount, fundNature: 'general' },
];
// T2: the levy, 60 % retained (402) and 40 % payable upward (211).
const levy: VoucherLineInput[] = [
  { summary: '收上半年拨缴经费', accountCode: '102', debit: 1_000_000 },
  { summary: '收上半年拨缴经费', accountCode: '402', credit: 600_000, fundNature: 'general' },
  { summary: '收上半年拨缴经费', accountCode: '211', credit: 400_000, counterparty: '市总工会' },
];
const remit: VoucherLineInput[] = [
  { summary: '上缴市总工会经费', accountCode: '211', debit: 400_000, counterparty: '市总工会' },
  { summary: '上缴市总工会经费', accountCode: '102', credit: 400_000 },
];
const grant: VoucherLineInput[] = [
  { summary: '收上级送温暖专项补助', accountCode: '102', debit: 500_000 },
  { summary: '收上级送温暖专项补助', accountCode: '40302', credit: 500_000, fundNature: 'special', project: '送温暖' },
];
const warmth: VoucherLineInput[] = [
  { summary: '春节送温暖慰问困难职工', accountCode: '50405', debit: 300_000, fundNature: 'special', project: '送温暖', expenseType: 'project' },
  { summary: '春节送温暖慰问困难职工', accountCode: '102', credit: 300_000 },
];
const festival: VoucherLineInput[] = [
  { summary: '端午节会员慰问品', accountCode: '50105', debit: 80_000, fundNature: 'general', expenseType: 'basic' },
  { summary: '端午节会员慰问品', accountCode: '102', credit: 80_000 },
];
const prize: VoucherLineInput[] = [
  { summary: '技能竞赛奖品', accountCode: '50301', debit: 20_000, fundNature: 'general', expenseType: 'basic' },
  { summary: '技能竞赛奖品', accountCode: '102', credit: 20_000 },
];

type L = [code: string, debit: number, credit: number, fund: string | null, project: string | null];
const lineTuples = (v: VoucherDetail): L[] => v.lines.map((x) => [x.accountCode, x.debit, x.credit, x.fundNature, x.project]);

function expectClosingVoucher(r: CloseResult, lastDay: string, lines: L[]): VoucherDetail {
  const v = r.closingVoucher!;
  expect(v).toMatchObject({ kind: 'closing', status: 'posted', date: lastDay, summary: '结转本月收支', attachments: 0 });
  expect(v.lines.every((x) => x.summary === '结转本月收支')).toBe(true);
  expect(v.totalDebit).toBe(v.totalCredit);
  expect(lineTuples(v)).toEqual(lines);
  // A system voucher: the closer is preparer, reviewer and poster.
  expect([v.preparer.name, v.reviewer?.name, v.poster?.name]).toEqual(['kuaiji', 'kuaiji', 'kuaiji']);
  return v;
}

async function close(period: string): Promise<CloseResult> {
  await reconcileBanks(l, s.kuaiji, period);
  const r = await l.call(s.kuaiji, 'periods.close', { period });
  expect(r.status).toBe('closed');
  // Each posted number of the month is 1..n, the closing voucher included.
  const n = numbers(l, period);
  expect(n).toEqual(n.map((_, i) => i + 1));
  expect(incomeAndSpendingBalances(l, period)).toEqual([]);
  return r;
}

describe('a year of a small union, closed month by month', () => {
  it('enters the year: dues each month, the levy, an earmarked grant spent, a festival purchase and a prize', async () => {
    for (let m = 1; m <= 12; m++) await postVoucher(l, s, `2026-${mm(m)}-08`, dues(m));
    await postVoucher(l, s, '2026-02-15', levy);
    await postVoucher(l, s, '2026-03-12', grant);
    await postVoucher(l, s, '2026-04-20', warmth);
    await postVoucher(l, s, '2026-05-10', remit);
    await postVoucher(l, s, '2026-06-18', festival);
    await postVoucher(l, s, '2026-09-25', prize);
    expect((await l.call(s.kuaiji, 'vouchers.list', { status: 'posted', pageSize: 200 })).total).toBe(18);
  });

  it('lists the twelve open months with their voucher counts', async () => {
    const y = await l.call(s.chuna, 'periods.list', { year: 2026 });
    expect(y).toMatchObject({ year: 2026, firstFiscalYear: 2026, yearClosed: false, yearEndVoucherId: null });
    expect(y.months.map((m) => m.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${mm(i + 1)}`));
    expect(y.months[1]).toMatchObject({ status: 'open', posted: 2, drafts: 0, reviewed: 0, closedBy: null, closingVoucherId: null, inLedger: true });
  });

  it('closes January: 401 → 32203, with the two reconciliation paths, the bank reconciliation and the depreciation step', async () => {
    const r = await close('2026-01');
    expectClosingVoucher(r, '2026-01-31', [
      ['401', 101_000, 0, 'general', null],
      ['32203', 0, 101_000, 'general', null],
    ]);
    expect(r.closingVoucher!.number).toBe(2);
    expect(r.checks.map((c) => c.rule)).toEqual(['CLS-ORDER', 'CHK-CLS-1', 'CHK-CLS-1', 'CHK-CLS-1', 'CHK-CLS-1', 'T12', 'CHK-CLS-2', 'CHK-CLS-3']);
    expect(r.checks.find((c) => c.step.includes('日记账'))!.detail).toContain('102 余额 1,010.00 元相符');
    expect(r.checks.at(-1)!.detail).toBe('资产总计 1,010.00 元 = 负债 0.00 元 + 净资产 1,010.00 元');
    // Bank reconciliation and depreciation are built (tests/unit/entries.test.ts): checked, nothing skipped.
    expect(r.checks.slice(3, 5).map((c) => c.step)).toEqual(['银行存款余额调节表', '计提固定资产折旧']);
    expect(r.skippedChecks).toEqual([]);
    const y = await l.call(s.zhuguan, 'periods.list', { year: 2026 });
    expect(y.months[0]).toMatchObject({ status: 'closed', closedBy: 'kuaiji', closingVoucherId: r.closingVoucher!.id, posted: 2 });
    expect(y.months[0]!.closedAt).toBe('2027-01-10T02:00:00.000Z');
    const log = await l.call(s.zhuguan, 'audit.list', { operation: 'periods.close' });
    expect(log.rows.map((x) => x.entity).sort()).toEqual(['period', 'voucher']);
  });

  it('refuses to close March before February, and changes nothing', async () => {
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-03' }, { code: 'CONFLICT', message: ['上月（2026年2月）尚未结账', 'CLS-ORDER'], rule: '第六条' });
  });

  it('refuses to close February while a draft and a reviewed voucher are left, naming them', async () => {
    const d = await l.call(s.kuaiji, 'vouchers.save', { date: '2026-02-20', attachments: 1, lines: dues(2, 500) });
    const r = await l.call(s.kuaiji, 'vouchers.save', { date: '2026-02-21', attachments: 1, lines: dues(2, 700) });
    await l.call(s.zhuguan, 'vouchers.review', { id: r.id });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-02' }, {
      code: 'RULE',
      message: ['2026年2月还有 2 张凭证未记账', `#${d.id}（2月20日，草稿）`, `#${r.id}（2月21日，已审核未记账）`, 'CHK-CLS-1'],
      rule: 'CHK-CLS-1',
    });
    await l.call(s.zhuguan, 'vouchers.unreview', { id: r.id });
    await l.call(s.kuaiji, 'vouchers.delete', { id: r.id });
    await l.call(s.kuaiji, 'vouchers.delete', { id: d.id });
  });

  it('closes February: dues and the retained levy share, both 非专项; the upper share in 211 stays', async () => {
    const r = await close('2026-02');
    expectClosingVoucher(r, '2026-02-28', [
      ['401', 102_000, 0, 'general', null],
      ['402', 600_000, 0, 'general', null],
      ['32203', 0, 702_000, 'general', null],
    ]);
    expect(net(l, '211', '2026-02')).toBe(-400_000);
  });

  it('refuses to post into or reverse within a closed month', async () => {
    await expectRefused(l, s.kuaiji, 'vouchers.save', { date: '2026-02-27', attachments: 1, lines: dues(2, 100) }, { code: 'CONFLICT', message: ['2026年2月已结账'] });
    const jan = l.core.sqlite.prepare("SELECT id FROM vouchers WHERE period = '2026-01' AND kind = 'normal'").get() as { id: number };
    await expectRefused(l, s.kuaiji, 'vouchers.reverse', { id: jan.id, date: '2026-01-31' }, { code: 'CONFLICT', message: ['2026年1月已结账'] });
    // Even bypassing the app, the database refuses to post in a closed month.
    const v = await l.call(s.kuaiji, 'vouchers.save', { date: '2026-03-02', attachments: 1, lines: dues(3, 100) });
    await l.call(s.zhuguan, 'vouchers.review', { id: v.id });
    l.core.sqlite.prepare("INSERT INTO periods (period, status) VALUES ('2026-03', 'closed')").run();
    await expectRefused(l, s.zhuguan, 'vouchers.post', { id: v.id }, { code: 'CONFLICT', message: ['2026年3月已结账'] });
    expect(() => l.core.sqlite.prepare("UPDATE vouchers SET status = 'posted', number = 99 WHERE id = ?").run(v.id)).toThrow(/已结账/);
    l.core.sqlite.prepare("DELETE FROM periods WHERE period = '2026-03'").run();
    await l.call(s.zhuguan, 'vouchers.unreview', { id: v.id });
    await l.call(s.kuaiji, 'vouchers.delete', { id: v.id });
  });

  it('closes March: the earmarked grant goes to 32103 under its project', async () => {
    const r = await close('2026-03');
    expectClosingVoucher(r, '2026-03-31', [
      ['401', 103_000, 0, 'general', null],
      ['40302', 500_000, 0, 'special', '送温暖'],
      ['32103', 0, 500_000, 'special', '送温暖'],
      ['32203', 0, 103_000, 'general', null],
    ]);
    expect(net(l, '32103', '2026-03', 'special')).toBe(-500_000);
  });

  it('refuses to reopen a month that is not the latest closed one, and lets only the 会计主管 reopen', async () => {
    await expectRefused(l, s.zhuguan, 'periods.reopen', { period: '2026-02', reason: '补记会费' }, {
      code: 'CONFLICT',
      message: ['以后期间（2026年3月）已结账', '最近一个已结账的期间', 'CLS-REOPEN'],
      rule: 'vouchers-and-books.md §4',
    });
    await expectRefused(l, s.chuna, 'periods.reopen', { period: '2026-03', reason: '补记会费' }, { code: 'FORBIDDEN', message: ['反结账'] });
    await expectRefused(l, s.kuaiji, 'periods.reopen', { period: '2026-03', reason: '补记会费' }, { code: 'FORBIDDEN', message: ['会计主管'] });
    await expectRefused(l, s.zhuguan, 'periods.reopen', { period: '2026-03', reason: '补' }, { code: 'VALIDATION', message: ['至少 4 个字'] });
    await expectRefused(l, s.zhuguan, 'periods.reopen', { period: '2026-04', reason: '补记会费' }, { code: 'CONFLICT', message: ['尚未结账'] });
    await expectRefused(l, s.chuna, 'periods.close', { period: '2026-04' }, { code: 'FORBIDDEN' });
  });

  it('closes April to August: 专项 spending against its project, the remittance, the festival purchase', async () => {
    const apr = await close('2026-04');
    expectClosingVoucher(apr, '2026-04-30', [
      ['401', 104_000, 0, 'general', null],
      ['32203', 0, 104_000, 'general', null],
      ['32103', 300_000, 0, 'special', '送温暖'],
      ['50405', 0, 300_000, 'special', '送温暖'],
    ]);
    const may = await close('2026-05');
    expect(lineTuples(may.closingVoucher!)).toEqual([
      ['401', 105_000, 0, 'general', null],
      ['32203', 0, 105_000, 'general', null],
    ]);
    await close('2026-06').then((jun) =>
      expect(lineTuples(jun.closingVoucher!)).toEqual([
        ['401', 106_000, 0, 'general', null],
        ['32203', 0, 106_000, 'general', null],
        ['32203', 80_000, 0, 'general', null],
        ['50105', 0, 80_000, 'general', null],
      ]),
    );
    await close('2026-07');
    await close('2026-08');
    expect(net(l, '32103', '2026-08', 'special')).toBe(-200_000);
  });

  it('closes September, reopens it with a reason, takes a late entry and re-closes with a second closing voucher', async () => {
    const first = await close('2026-09');
    expect(lineTuples(first.closingVoucher!)).toEqual([
      ['401', 109_000, 0, 'general', null],
      ['32203', 0, 109_000, 'general', null],
      ['32203', 20_000, 0, 'general', null],
      ['50301', 0, 20_000, 'general', null],
    ]);
    const before = l.core.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    const reopened = await l.call(s.zhuguan, 'periods.reopen', { period: '2026-09', reason: '补记9月漏收会费' });
    expect(reopened).toEqual({ period: '2026-09', status: 'open', reason: '补记9月漏收会费', yearReopened: false });
    const log = await l.call(s.zhuguan, 'audit.list', { operation: 'periods.reopen' });
    expect(log.total).toBe(1);
    expect(log.rows[0]).toMatchObject({ entity: 'period', entityId: '2026-09', username: 'zhuguan', after: { status: 'open', reason: '补记9月漏收会费' } });
    expect(log.rows[0]!.before).toMatchObject({ status: 'closed', closedBy: 'kuaiji', closingVoucherId: first.closingVoucher!.id });
    expect((l.core.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(before.n + 1);
    // The posted closing voucher stays.
    expect((await l.call(s.zhuguan, 'vouchers.get', { id: first.closingVoucher!.id })).status).toBe('posted');
    const y = await l.call(s.zhuguan, 'periods.list', { year: 2026 });
    expect(y.months[8]).toMatchObject({ status: 'open', closedBy: null, closedAt: null });

    await postVoucher(l, s, '2026-09-28', dues(9, 5_000));
    const again = await close('2026-09');
    const v = expectClosingVoucher(again, '2026-09-30', [
      ['401', 5_000, 0, 'general', null],
      ['32203', 0, 5_000, 'general', null],
    ]);
    expect(v.id).not.toBe(first.closingVoucher!.id);
    expect(numbers(l, '2026-09')).toEqual([1, 2, 3, 4, 5]);
    expect((await l.call(s.zhuguan, 'periods.list', { year: 2026 })).months[8]).toMatchObject({ status: 'closed', closingVoucherId: v.id });
  });

  it('closes October and November; refuses December as a plain monthly close, and a month not yet over', async () => {
    await close('2026-10');
    await close('2026-11');
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-12' }, { code: 'CONFLICT', message: ['年末结账'] });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2027-02' }, { code: 'CONFLICT', message: ['2027年2月尚未结束'] });
    await expectRefused(l, s.kuaiji, 'years.close', { year: 2026 }, { code: 'FORBIDDEN' });
  });

  it('closes the year: December\'s T12, then T13 into 32104 (by project) and 32205', async () => {
    await reconcileBanks(l, s.kuaiji, '2026-12');
    const r = await l.call(s.zhuguan, 'years.close', { year: 2026 });
    expect(lineTuples(r.december.closingVoucher!)).toEqual([
      ['401', 112_000, 0, 'general', null],
      ['32203', 0, 112_000, 'general', null],
    ]);
    decClosingId = r.december.closingVoucher!.id;
    const t13 = r.yearEndVoucher!;
    expect(t13).toMatchObject({ kind: 'year_end', status: 'posted', date: '2026-12-31', summary: '年末结转', number: 3 });
    expect(lineTuples(t13)).toEqual([
      ['32103', 200_000, 0, 'special', '送温暖'],
      ['32203', 1_783_000, 0, 'general', null],
      ['32104', 0, 200_000, 'special', '送温暖'],
      ['32205', 0, 1_783_000, 'general', null],
    ]);
    expect(numbers(l, '2026-12')).toEqual([1, 2, 3]);
    expect(r.carriedForward).toEqual([
      { accountCode: '32104', accountName: '工会资金结转——累计结转', fundNature: 'special', project: '送温暖', balance: 200_000 },
      { accountCode: '32205', accountName: '工会资金结余——累计结余', fundNature: 'general', project: null, balance: 1_783_000 },
    ]);
    expect(r.checks.map((c) => c.rule)).toEqual(['CLS-ORDER', 'CHK-CLS-1', 'CHK-CLS-1', 'CHK-CLS-1', 'CHK-CLS-1', 'CHK-CLS-5', 'T12', 'CHK-CLS-2', 'T13', 'CHK-CLS-2', 'CHK-CLS-4', 'CHK-CLS-3']);
    expect(r.skippedChecks).toHaveLength(0);

    // The year's result: 专项 500,000 − 300,000 = 200,000; 非专项 1,883,000 − 100,000 = 1,783,000 (分).
    expect(-net(l, '32104')).toBe(200_000);
    expect(-net(l, '32205')).toBe(1_783_000);
    for (const code of ['32101', '32102', '32103', '32201', '32202', '32203', '32204']) expect(net(l, code), code).toBe(0);
    expect(incomeAndSpendingBalances(l, '2026-12')).toEqual([]); // INV-4
    // INV-2 with 182 = 0: (101 + 102 + 131 + 135) − (211 + 215 + 221) = 321 + 322.
    expect(net(l, '102')).toBe(1_983_000);
    expect(net(l, '211')).toBe(0);
    expect(net(l, '102')).toBe(-(net(l, '32104') + net(l, '32205')));

    const y = await l.call(s.chuna, 'periods.list', { year: 2026 });
    expect(y.yearClosed).toBe(true);
    expect(y.yearEndVoucherId).toBe(t13.id);
    expect(y.months.every((m) => m.status === 'closed' && m.drafts === 0 && m.reviewed === 0)).toBe(true);
    const log = await l.call(s.zhuguan, 'audit.list', { operation: 'years.close' });
    expect(log.rows.map((x) => x.entity).sort()).toEqual(['voucher', 'year']);
    await expectRefused(l, s.zhuguan, 'years.close', { year: 2026 }, { code: 'CONFLICT', message: ['已经年末结账'] });
  });

  it('proves the 2027 opening balances equal the 2026 closing balances, and 2027 January takes entries', async () => {
    const check = await l.call(s.chuna, 'years.openingCheck', { year: 2027 });
    expect(check).toMatchObject({ year: 2027, priorYear: 2026, priorYearClosed: true, ok: true, differences: [], notes: [] });
    expect(check.rows.map((r) => [r.accountCode, r.priorClosing, r.opening])).toEqual([
      ['102', 1_983_000, 1_983_000],
      ['32104', 200_000, 200_000],
      ['32205', 1_783_000, 1_783_000],
    ]);
    const id = await postVoucher(l, s, '2027-01-06', dues(1, 120_000));
    expect((await l.call(s.zhuguan, 'vouchers.get', { id })).number).toBe(1);
    expect((await l.call(s.chuna, 'years.openingCheck', { year: 2027 })).ok).toBe(true);
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2027-01' }, { code: 'CONFLICT', message: ['2027年1月尚未结束'] });
  });

  it('reopening December reopens the year; the re-close finds nothing left to carry', async () => {
    const r = await l.call(s.zhuguan, 'periods.reopen', { period: '2026-12', reason: '核对年终决算' });
    expect(r.yearReopened).toBe(true);
    expect((await l.call(s.zhuguan, 'periods.list', { year: 2026 })).yearClosed).toBe(false);
    expect((await l.call(s.chuna, 'years.openingCheck', { year: 2027 })).notes[0]).toContain('2026 年尚未年末结账');
    const again = await l.call(s.zhuguan, 'years.close', { year: 2026 });
    expect(again.december.closingVoucher).toBeNull();
    expect(again.yearEndVoucher).toBeNull();
    expect(again.carriedForward.map((b) => b.balance)).toEqual([200_000, 1_783_000]);
    const y = await l.call(s.zhuguan, 'periods.list', { year: 2026 });
    expect(y.months[11]!.closingVoucherId).toBe(decClosingId); // the posted T12 of the first close is kept
    expect(y.yearClosed).toBe(true);
  });

  it('shows a difference when ledger_balances were altered behind the app\'s back', async () => {
    const before = snapshot(l);
    l.core.sqlite.prepare("UPDATE ledger_balances SET debit = debit + 1 WHERE account_code = '102' AND period = '2027-01'").run();
    const check = await l.call(client('kuaiji'), 'years.openingCheck', { year: 2027 });
    expect(check.ok).toBe(false);
    expect(check.differences).toEqual([expect.objectContaining({ accountCode: '102', priorClosing: 1_983_000, opening: 1_983_001, difference: 1 })]);
    expect(check.notes[0]).toContain('CHK-CLS-4');
    expect(snapshot(l)).not.toBe(before);
  });
});
