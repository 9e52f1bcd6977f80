// The close's blocking checks one by one, each on a fresh ledger: a refused close leaves the
// ledger exactly as it was (same audit trail, vouchers, balances, periods).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, type TestLedger } from '../helpers/core';
import { expectRefused, net, postVoucher, reconcileBanks, type Staff } from '../helpers/closing';
import type { VoucherLineInput } from '../../src/main/contract/books';

let l: TestLedger;
let s: Staff;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2027-01-10T10:00:00+08:00') });
  await initLedger(l);
  s = {
    kuaiji: await addUser(l, 'kuaiji', ['accountant']),
    zhuguan: await addUser(l, 'zhuguan', ['supervisor']),
    chuna: await addUser(l, 'chuna', ['cashier']),
  };
});
afterEach(() => l.close());

const cashDues = (amount: number): VoucherLineInput[] => [
  { summary: '收会费现金', accountCode: '101', debit: amount },
  { summary: '收会费现金', accountCode: '401', credit: amount, fundNature: 'general' },
];

async function closeThrough(lastMonth: number, year = 2026): Promise<void> {
  for (let m = 1; m <= lastMonth; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}`;
    await reconcileBanks(l, s.kuaiji, period);
    await l.call(s.kuaiji, 'periods.close', { period });
  }
}

describe('monthly close checks', () => {
  it('closes a month without revenue or expenditure without a closing voucher', async () => {
    await postVoucher(l, s, '2026-01-05', [
      { summary: '备用金提现', accountCode: '101', debit: 20_000 },
      { summary: '备用金提现', accountCode: '102', credit: 20_000 },
    ]);
    await reconcileBanks(l, s.kuaiji, '2026-01');
    const r = await l.call(s.zhuguan, 'periods.close', { period: '2026-01' });
    expect(r.closingVoucher).toBeNull();
    expect(r.checks.find((c) => c.rule === 'T12')!.detail).toContain('不生成结转凭证');
    expect((await l.call(s.kuaiji, 'periods.list', { year: 2026 })).months[0]).toMatchObject({ status: 'closed', closingVoucherId: null, closedBy: 'zhuguan' });
  });

  it('refuses when the cash journal (voucher lines) and the general ledger (balances) disagree: CHK-CLS-1', async () => {
    await postVoucher(l, s, '2026-01-05', cashDues(30_000));
    // Someone edits the balance table directly; the voucher lines still say 300.00.
    l.core.sqlite.prepare("UPDATE ledger_balances SET debit = debit + 5000 WHERE account_code = '101'").run();
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, {
      code: 'RULE',
      message: ['日记账与总账不符', '101 库存现金', '现金日记账本月借方 300.00', '总账本月借方 350.00', '可能被改动', 'CHK-CLS-1'],
      rule: 'CHK-CLS-1',
    });
  });

  it('refuses when a tampered balance leaves revenue after the closing voucher: CHK-CLS-2', async () => {
    await postVoucher(l, s, '2026-01-05', cashDues(30_000));
    l.core.sqlite.prepare("UPDATE ledger_balances SET credit = credit + 100 WHERE account_code = '401'").run();
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, {
      code: 'RULE',
      message: ['结转后收入、支出科目仍有余额', '401 会费收入（非专项）余额 1.00 元', 'CHK-CLS-2'],
      rule: '期末结转后无余额',
    });
    expect(l.core.sqlite.prepare("SELECT count(*) AS n FROM vouchers WHERE kind = 'closing'").get()).toEqual({ n: 0 });
  });

  it('refuses when 资产 ≠ 负债 + 净资产 in the balance table: CHK-CLS-3', async () => {
    await postVoucher(l, s, '2026-01-05', cashDues(30_000));
    l.core.sqlite.prepare("INSERT INTO ledger_balances (account_code, period, fund_nature, debit, credit) VALUES ('215', '2026-01', '', 0, 700)").run();
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, {
      code: 'RULE',
      message: ['资产总计 300.00 元', '负债 7.00 元', '相差 7.00 元', 'CHK-CLS-3'],
      rule: '第九条',
    });
  });

  it('refuses periods before the first fiscal year and malformed periods', async () => {
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2025-12' }, { code: 'VALIDATION', message: ['早于账簿的首个会计年度'] });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-13' }, { code: 'VALIDATION', message: ['YYYY-MM'] });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-1' }, { code: 'VALIDATION' });
  });

  it('uses 转 for the closing voucher in a ledger that numbers with 收/付/转', async () => {
    const v = await l.call(s.kuaiji, 'vouchers.save', { date: '2026-01-05', word: '收', attachments: 1, lines: cashDues(30_000) });
    await l.call(s.zhuguan, 'vouchers.review', { id: v.id });
    await l.call(s.chuna, 'vouchers.confirmCash', { id: v.id });
    await l.call(s.zhuguan, 'vouchers.post', { id: v.id });
    const r = await l.call(s.kuaiji, 'periods.close', { period: '2026-01' });
    expect(r.closingVoucher).toMatchObject({ word: '转', number: 1 });
  });
});

describe('year-end checks', () => {
  it('refuses the year close while January–November are not all closed, naming the months', async () => {
    await closeThrough(9);
    await expectRefused(l, s.zhuguan, 'years.close', { year: 2026 }, { code: 'CONFLICT', message: ['尚未结账的月份：10月、11月'] });
  });

  it('refuses the year close while 182 待处理财产损溢 has a balance: CHK-CLS-5', async () => {
    await postVoucher(l, s, '2026-01-05', cashDues(30_000));
    await postVoucher(l, s, '2026-12-31', [
      { summary: '现金盘亏待处理', accountCode: '182', debit: 1_250 },
      { summary: '现金盘亏待处理', accountCode: '101', credit: 1_250 },
    ]);
    await closeThrough(11);
    await expectRefused(l, s.zhuguan, 'years.close', { year: 2026 }, {
      code: 'RULE',
      message: ['182 待处理财产损溢尚有借方余额 12.50 元', 'CHK-CLS-5'],
      rule: '年末结账前一般应处理完毕',
    });
    // Once the loss is approved and written off (here to 510 其他支出), the year closes.
    await postVoucher(l, s, '2026-12-31', [
      { summary: '盘亏报批核销', accountCode: '510', debit: 1_250, fundNature: 'general', expenseType: 'basic' },
      { summary: '盘亏报批核销', accountCode: '182', credit: 1_250 },
    ]);
    const r = await l.call(s.zhuguan, 'years.close', { year: 2026 });
    expect(r.yearEndVoucher!.lines.map((x) => [x.accountCode, x.debit, x.credit])).toEqual([
      ['32203', 28_750, 0],
      ['32205', 0, 28_750],
    ]);
    expect(net(l, '182')).toBe(0);
  });

  it('rolls 32201 年初余额调整 into 32205 as well, and proves the next opening balances', async () => {
    await postVoucher(l, s, '2026-03-05', cashDues(30_000));
    // A refund of an expense from before the ledger began goes through 32201, not revenue (T11).
    await postVoucher(l, s, '2026-12-05', [
      { summary: '收回以前年度多付慰问款', accountCode: '102', debit: 4_000 },
      { summary: '收回以前年度多付慰问款', accountCode: '32201', credit: 4_000 },
    ]);
    await closeThrough(11);
    await reconcileBanks(l, s.kuaiji, '2026-12');
    const r = await l.call(s.zhuguan, 'years.close', { year: 2026 });
    expect(r.december.closingVoucher).toBeNull(); // nothing in 4xx/5xx in December
    expect(r.yearEndVoucher!.lines.map((x) => [x.accountCode, x.debit, x.credit])).toEqual([
      ['32201', 4_000, 0],
      ['32203', 30_000, 0],
      ['32205', 0, 34_000],
    ]);
    const opening = await l.call(s.kuaiji, 'years.openingCheck', { year: 2027 });
    expect(opening).toMatchObject({ ok: true, priorYearClosed: true, differences: [] });
    expect(opening.rows.map((x) => [x.accountCode, x.opening])).toEqual([
      ['101', 30_000],
      ['102', 4_000],
      ['32205', 34_000],
    ]);
    const first = await l.call(s.kuaiji, 'years.openingCheck', { year: 2026 });
    expect(first).toMatchObject({ ok: true, priorYearClosed: false, rows: [] });
    expect(first.notes[0]).toContain('首个会计年度');
  });
});
