// The entry helpers (accounts.md §6 T2, T3, T6, T7), the fixed-asset register (§8) and the bank
// reconciliation (vouchers-and-books.md §8–§9, 财会〔2021〕7号 第二十九条), through the dispatcher
// as the real roles: 会计 prepares and runs the helpers; 会计主管 reviews and posts; 出纳 confirms
// bank vouchers. The calls in each describe block run in order and share one ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, client, type TestLedger } from '../helpers/core';
import { expectRefused, net, type Staff } from '../helpers/closing';
import type { VoucherDetail } from '../../src/main/contract/books';
import { monthlyCharge, scheduledTotal } from '../../src/main/core/entries/assets';
import { splitLevy } from '../../src/main/core/entries/levy';

type L = [code: string, debit: number, credit: number];
const tuples = (v: VoucherDetail): L[] => v.lines.map((x) => [x.accountCode, x.debit, x.credit]);

async function staff(l: TestLedger): Promise<Staff & { zhuxi: ReturnType<typeof client>; jingshen: ReturnType<typeof client> }> {
  return {
    kuaiji: await addUser(l, 'kuaiji', ['accountant']),
    zhuguan: await addUser(l, 'zhuguan', ['supervisor']),
    chuna: await addUser(l, 'chuna', ['cashier']),
    zhuxi: await addUser(l, 'zhuxi', ['chair']),
    jingshen: await addUser(l, 'jingshen', ['reviewer']),
  };
}

/** Review (会计主管), confirm (出纳, when it has a bank line) and post (会计主管) a helper's draft. */
async function post(l: TestLedger, s: Staff, v: VoucherDetail): Promise<VoucherDetail> {
  expect(v.status).toBe('draft');
  await l.call(s.zhuguan, 'vouchers.review', { id: v.id });
  if (v.needsCashier) await l.call(s.chuna, 'vouchers.confirmCash', { id: v.id });
  return l.call(s.zhuguan, 'vouchers.post', { id: v.id });
}

describe('the split and the schedule in integer 分', () => {
  it('splits the levy with the remainder in the retained share', () => {
    expect(splitLevy(1_000_000, 60)).toEqual({ retainedFen: 600_000, upperFen: 400_000 });
    expect(splitLevy(1_000_001, 60)).toEqual({ retainedFen: 600_001, upperFen: 400_000 });
    expect(splitLevy(1_024_691, 60)).toEqual({ retainedFen: 614_815, upperFen: 409_876 });
    expect(splitLevy(1_001, 62.5)).toEqual({ retainedFen: 626, upperFen: 375 });
    expect(splitLevy(7, 100)).toEqual({ retainedFen: 7, upperFen: 0 });
  });

  it('charges ⌊cost ÷ n⌋ a month and the residue in the last month', () => {
    expect(monthlyCharge(520_000, 72)).toEqual({ monthly: 7_222, last: 7_238 });
    expect(scheduledTotal(520_000, 72, 0)).toBe(0);
    expect(scheduledTotal(520_000, 72, 1)).toBe(7_222);
    expect(scheduledTotal(520_000, 72, 71)).toBe(512_762);
    expect(scheduledTotal(520_000, 72, 72)).toBe(520_000);
    expect(scheduledTotal(520_000, 72, 80)).toBe(520_000);
  });
});

describe('a quarter of a small union: levy, remittance, a computer, depreciation, the bank reconciliation and the close', () => {
  let l: TestLedger;
  let s: Awaited<ReturnType<typeof staff>>;
  let bank = '';
  let computerId = 0;

  beforeAll(async () => {
    l = await openTestLedger({ clock: () => new Date('2026-04-10T10:00:00+08:00') });
    await initLedger(l);
    s = await staff(l);
    bank = (await l.call(s.kuaiji, 'accounts.addDetail', { parentCode: '102', name: '工商银行基本户' })).code;
  });
  afterAll(() => l.close());

  it('has the settings with their defaults: 60 % retained, 1000 / 1500 元 thresholds in 分', async () => {
    const st = await l.call(client('admin'), 'settings.get', {});
    expect(st).toMatchObject({ levyRetainedPct: 60, generalEquipmentFen: 100_000, specialEquipmentFen: 150_000 });
    await expectRefused(l, client('admin'), 'settings.update', { ...st, levyRetainedPct: 120 }, { code: 'VALIDATION', message: ['留成比例不能大于 100%'] });
  });

  it('T2: a levy of 10,000.00 → 402 6,000.00 (非专项) and 211 4,000.00 (上级工会), as a draft that goes through review, cashier and posting', async () => {
    await expectRefused(l, s.chuna, 'entries.levyReceived', { date: '2026-01-15', grossFen: 1_000_000, bankAccountCode: bank }, { code: 'FORBIDDEN' });
    const r = await l.call(s.kuaiji, 'entries.levyReceived', { date: '2026-01-15', grossFen: 1_000_000, bankAccountCode: bank, attachments: 1, receiptNo: 'No.0012345' });
    expect(r.split).toEqual({ grossFen: 1_000_000, retainedFen: 600_000, upperFen: 400_000, retainedPct: 60, expectedFen: null });
    expect(r.findings).toEqual([]);
    expect(r.voucher).toMatchObject({ status: 'draft', kind: 'normal', word: '记', needsCashier: true, attachmentsNote: '工会经费收入专用收据 No.0012345' });
    expect(tuples(r.voucher)).toEqual([
      [bank, 1_000_000, 0],
      ['402', 0, 600_000],
      ['211', 0, 400_000],
    ]);
    expect(r.voucher.lines[1]!.fundNature).toBe('general');
    expect(r.voucher.lines[2]!.counterparty).toBe('上级工会');
    // An ordinary draft: the 会计主管 cannot post it before the 出纳 confirms the receipt.
    await l.call(s.zhuguan, 'vouchers.review', { id: r.voucher.id });
    await expectRefused(l, s.zhuguan, 'vouchers.post', { id: r.voucher.id }, { code: 'RULE', message: ['须经出纳确认'] });
    await l.call(s.chuna, 'vouchers.confirmCash', { id: r.voucher.id });
    const posted = await l.call(s.zhuguan, 'vouchers.post', { id: r.voucher.id });
    expect(posted).toMatchObject({ status: 'posted', number: 1 });
    expect(net(l, '211')).toBe(-400_000);
    expect(net(l, '402')).toBe(-600_000);
  });

  it('T2: an odd amount keeps the remainder fen in the retained share; a levy that is not 2 % of the payroll is flagged CHK-LEVY-1', async () => {
    const odd = await l.call(s.kuaiji, 'entries.levyReceived', { date: '2026-01-16', grossFen: 1_000_001, bankAccountCode: bank });
    expect(tuples(odd.voucher)).toEqual([
      [bank, 1_000_001, 0],
      ['402', 0, 600_001],
      ['211', 0, 400_000],
    ]);
    // dues.md §7: 工资总额 512,345.67 → levy 10,246.91; the employer paid 10,000.00.
    const short = await l.call(s.kuaiji, 'entries.levyReceived', { date: '2026-01-16', grossFen: 1_000_000, bankAccountCode: bank, payrollBaseFen: 51_234_567 });
    expect(short.split.expectedFen).toBe(1_024_691);
    expect(short.findings).toEqual([
      expect.objectContaining({ rule: 'CHK-LEVY-1', severity: 'warn', citation: expect.stringContaining('工会法 第四十三条') }),
    ]);
    expect(short.findings[0]!.message).toContain('少拨 246.91 元');
    const exact = await l.call(s.kuaiji, 'entries.levyReceived', { date: '2026-01-16', grossFen: 1_024_691, bankAccountCode: bank, payrollBaseFen: 51_234_567 });
    expect(exact.findings).toEqual([]);
    expect(exact.split).toMatchObject({ retainedFen: 614_815, upperFen: 409_876 });
    for (const v of [odd, short, exact]) await l.call(s.kuaiji, 'vouchers.delete', { id: v.voucher.id });
  });

  it('refuses a levy into an account that is not a bank leaf, naming the field', async () => {
    await expectRefused(l, s.kuaiji, 'entries.levyReceived', { date: '2026-01-16', grossFen: 100, bankAccountCode: '102' }, {
      code: 'VALIDATION',
      message: ['下设有明细科目'],
    });
    await expectRefused(l, s.kuaiji, 'entries.levyReceived', { date: '2026-01-16', grossFen: 100, bankAccountCode: '101' }, { code: 'VALIDATION', message: ['银行存款科目应为 102'] });
    const res = await l.core.dispatch(s.kuaiji, 'entries.levyReceived', { date: '2026-01-16', grossFen: 0, bankAccountCode: bank });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'grossFen' } });
  });

  it('T3: refuses a remittance over the 211 balance, then drafts debit 211 / credit 102', async () => {
    await expectRefused(l, s.kuaiji, 'entries.remitUpward', { date: '2026-01-28', amountFen: 400_001, bankAccountCode: bank }, {
      code: 'RULE',
      message: ['上缴金额 4,000.01 元超过应付上级经费（211）已记账余额 4,000.00 元'],
      rule: '211 应付上级经费',
    });
    const r = await l.call(s.kuaiji, 'entries.remitUpward', { date: '2026-01-28', amountFen: 400_000, bankAccountCode: bank, counterparty: '市总工会', attachments: 1 });
    expect(tuples(r.voucher)).toEqual([
      ['211', 400_000, 0],
      [bank, 0, 400_000],
    ]);
    expect(r.voucher.lines[0]!.counterparty).toBe('市总工会');
    // The draft already claims the balance: a second remittance is refused until this one is dealt with.
    await expectRefused(l, s.kuaiji, 'entries.remitUpward', { date: '2026-01-29', amountFen: 1, bankAccountCode: bank }, {
      code: 'RULE',
      message: ['4,000.00 元已在未记账的上缴凭证中'],
    });
    await post(l, s, r.voucher);
    expect(net(l, '211')).toBe(0);
  });

  it('T6: a computer for 5,200.00 → one draft voucher with both entries (162 / 30104 and 50702 / 102) and a pending asset card', async () => {
    const r = await l.call(s.kuaiji, 'entries.assetPurchase', {
      date: '2026-01-20',
      name: '台式计算机',
      category: 'office',
      costFen: 520_000,
      lifeYears: 6,
      special: false,
      expenseAccountCode: '50702',
      bankAccountCode: bank,
      custodian: '张三',
      location: '工会办公室',
      fundNature: 'general',
      expenseType: 'basic',
      attachments: 2,
    });
    expect(r.findings).toEqual([]);
    expect(tuples(r.voucher)).toEqual([
      ['162', 520_000, 0],
      ['30104', 0, 520_000],
      ['50702', 520_000, 0],
      [bank, 0, 520_000],
    ]);
    expect(r.voucher.lines[2]).toMatchObject({ fundNature: 'general', expenseType: 'basic' });
    expect(r.asset).toMatchObject({
      name: '台式计算机',
      category: 'office',
      costFen: 520_000,
      acquiredOn: '2026-01-20',
      lifeMonths: 72,
      method: 'straight_line',
      monthlyFen: 7_222,
      lastMonthFen: 7_238,
      custodian: '张三',
      location: '工会办公室',
      purchaseVoucherId: r.voucher.id,
      status: 'pending',
      accumulatedFen: 0,
      netFen: 520_000,
    });
    computerId = r.asset.id;
    // While the purchase is a draft, the card is not an asset yet: nothing to depreciate.
    await expectRefused(l, s.kuaiji, 'entries.depreciationRun', { period: '2026-01' }, { code: 'CONFLICT', message: ['没有需要计提折旧的固定资产'] });
    await post(l, s, r.voucher);
    const reg = await l.call(s.jingshen, 'assets.list', { asOf: '2026-01' });
    expect(reg.rows.map((x) => [x.id, x.status, x.accumulatedFen, x.netFen])).toEqual([[computerId, 'active', 0, 520_000]]);
    expect(reg.totals).toEqual({ costFen: 520_000, accumulatedFen: 0, netFen: 520_000 });
  });

  it('refuses a 900 元 chair as below the 1000 元 threshold (第三十二条), suggesting to expense it; 专用设备 needs 1500 元', async () => {
    const chair = {
      date: '2026-01-21',
      name: '办公椅',
      category: 'furniture' as const,
      costFen: 90_000,
      lifeYears: 15,
      expenseAccountCode: '50702',
      bankAccountCode: bank,
      custodian: '张三',
      fundNature: 'general' as const,
      expenseType: 'basic' as const,
    };
    await expectRefused(l, s.kuaiji, 'entries.assetPurchase', chair, {
      code: 'RULE',
      message: ['单位价值 900.00 元，低于一般设备的固定资产起点 1,000.00 元', '50302', '141 库存物品'],
      rule: '财会〔2021〕7号 第三十二条',
    });
    await expectRefused(l, s.kuaiji, 'entries.assetPurchase', { ...chair, name: '心理测评仪', category: 'other', costFen: 120_000, special: true }, {
      code: 'RULE',
      message: ['低于专用设备的固定资产起点 1,500.00 元'],
    });
    await expectRefused(l, s.kuaiji, 'entries.assetPurchase', { ...chair, costFen: 200_000, expenseAccountCode: '50302' }, {
      code: 'VALIDATION',
      message: ['资本性支出科目应为 507'],
    });
  });

  it('warns CHK-AST-1 for a life below the 附录2 minimum; deleting the draft purchase deletes its card', async () => {
    const r = await l.call(s.kuaiji, 'entries.assetPurchase', {
      date: '2026-01-22',
      name: '打印机',
      category: 'office',
      costFen: 150_000,
      lifeYears: 3,
      expenseAccountCode: '50702',
      bankAccountCode: bank,
      custodian: '李四',
      fundNature: 'general',
      expenseType: 'basic',
    });
    expect(r.findings).toEqual([expect.objectContaining({ rule: 'CHK-AST-1', severity: 'warn', citation: expect.stringContaining('附录2') })]);
    expect(r.findings[0]!.message).toContain('折旧年限 3 年低于规定的最低年限 6 年');
    expect((await l.call(s.kuaiji, 'assets.list', { asOf: '2026-01' })).rows.map((x) => x.status)).toEqual(['active', 'pending']);
    await l.call(s.kuaiji, 'vouchers.delete', { id: r.voucher.id });
    expect((await l.call(s.kuaiji, 'assets.list', { asOf: '2026-01' })).rows.map((x) => x.id)).toEqual([computerId]);
  });

  it('T7: refuses the January close without a bank reconciliation, then with one that does not agree', async () => {
    // Book balance at 31 January: 10,000.00 − 4,000.00 − 5,200.00 = 800.00.
    const empty = await l.call(s.zhuxi, 'bank.reconciliation.get', { period: '2026-01', bankAccountCode: bank });
    expect(empty).toMatchObject({ saved: false, bookBalanceFen: 80_000, statementBalanceFen: null, agreed: false });
    expect(await l.call(s.kuaiji, 'bank.reconciliation.status', { period: '2026-01' })).toEqual([
      { bankAccountCode: bank, bankAccountName: '银行存款——工商银行基本户', bookBalanceFen: 80_000, movedInPeriod: true, required: true, saved: false, agreed: false },
    ]);
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, {
      code: 'RULE',
      message: ['尚未编制本月银行存款余额调节表', 'CHK-CLS-1'],
      rule: '第二十九条',
    });
    // The bank has not yet paid the computer cheque; the statement shows 6,000.00. Saved, flagged, not agreed.
    const bad = await l.call(s.kuaiji, 'bank.reconciliation.save', { period: '2026-01', bankAccountCode: bank, statementBalanceFen: 600_000, items: [] });
    expect(bad).toMatchObject({ saved: true, agreed: false, adjustedBookFen: 80_000, adjustedBankFen: 600_000, differenceFen: 520_000 });
    expect(bad.findings[0]).toMatchObject({ rule: 'BANK-REC', severity: 'block' });
    expect(bad.findings[0]!.message).toContain('相差 5,200.00 元');
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, { code: 'RULE', message: ['调节后余额不符'] });
  });

  it('saves a reconciliation that agrees: the four adjustments and both adjusted balances', async () => {
    await expectRefused(l, s.chuna, 'bank.reconciliation.save', { period: '2026-01', bankAccountCode: bank, statementBalanceFen: 0 }, { code: 'FORBIDDEN' });
    const items = [
      { kind: 'booked_paid_not_bank' as const, date: '2026-01-20', description: '转账支票 购台式计算机 银行未付', amountFen: 520_000 },
      { kind: 'bank_received_not_booked' as const, date: '2026-01-31', description: '银行结息', amountFen: 1_234 },
      { kind: 'bank_paid_not_booked' as const, date: '2026-01-31', description: '银行手续费', amountFen: 500 },
    ];
    await expectRefused(l, s.kuaiji, 'bank.reconciliation.save', {
      period: '2026-01', bankAccountCode: bank, statementBalanceFen: 600_734, items: [{ ...items[0]!, date: '2026-02-01' }],
    }, { code: 'VALIDATION', message: ['晚于本月末 2026-01-31'] });
    const ok = await l.call(s.kuaiji, 'bank.reconciliation.save', { period: '2026-01', bankAccountCode: bank, statementBalanceFen: 600_734, items });
    expect(ok).toMatchObject({
      bookBalanceFen: 80_000,
      statementBalanceFen: 600_734,
      sums: { bank_received_not_booked: 1_234, bank_paid_not_booked: 500, booked_received_not_bank: 0, booked_paid_not_bank: 520_000 },
      adjustedBookFen: 80_734,
      adjustedBankFen: 80_734,
      differenceFen: 0,
      agreed: true,
      findings: [],
      savedBy: 'kuaiji',
    });
    expect(ok.items.map((i) => i.kindLabel)).toEqual(['单位已付、银行未付', '银行已收、单位未收', '银行已付、单位未付']);
    const log = await l.call(s.zhuguan, 'audit.list', { operation: 'bank.reconciliation.save' });
    expect(log.total).toBe(2);
  });

  it('T7: refuses the close without the depreciation voucher posted; runs it once (a second run refused), and the card depreciates in the month it was bought', async () => {
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, {
      code: 'RULE',
      message: ['固定资产折旧尚未计提或未记账', '台式计算机 截至本月应累计折旧 72.22 元，已记账 0.00 元'],
      rule: '第三十五条',
    });
    const run = await l.call(s.kuaiji, 'entries.depreciationRun', { period: '2026-01' });
    expect(run).toMatchObject({ period: '2026-01', supplementary: false, totalFen: 7_222, lines: [{ assetId: computerId, name: '台式计算机', month: 1, amountFen: 7_222 }] });
    expect(run.voucher).toMatchObject({ status: 'draft', date: '2026-01-31', needsCashier: false });
    expect(tuples(run.voucher)).toEqual([
      ['30104', 7_222, 0],
      ['163', 0, 7_222],
    ]);
    await expectRefused(l, s.kuaiji, 'entries.depreciationRun', { period: '2026-01' }, { code: 'CONFLICT', message: ['不能重复计提', '先删除该草稿'] });
    // Deleting the draft frees the month; a fresh run gives the same voucher.
    await l.call(s.kuaiji, 'vouchers.delete', { id: run.voucher.id });
    const again = await l.call(s.kuaiji, 'entries.depreciationRun', { period: '2026-01' });
    expect(again.totalFen).toBe(7_222);
    // Drafts block the close like any voucher (CHK-CLS-1).
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-01' }, { code: 'RULE', message: ['1 张凭证未记账'] });
    await post(l, s, again.voucher);
    await expectRefused(l, s.kuaiji, 'entries.depreciationRun', { period: '2026-01' }, { code: 'CONFLICT', message: ['2026年1月已计提折旧'] });
    const reg = await l.call(s.jingshen, 'assets.list', { asOf: '2026-01' });
    expect(reg.rows[0]).toMatchObject({ accumulatedFen: 7_222, netFen: 512_778, monthsCharged: 1, status: 'active' });
    expect(net(l, '163')).toBe(-7_222);
    expect(net(l, '30104')).toBe(-(520_000 - 7_222)); // INV-1: 301 = 162 − 163
  });

  it('closes January with both steps checked, nothing skipped', async () => {
    const r = await l.call(s.kuaiji, 'periods.close', { period: '2026-01' });
    expect(r.skippedChecks).toEqual([]);
    expect(r.checks.filter((c) => c.rule === 'CHK-CLS-1').map((c) => c.step)).toEqual([
      '凭证全部审核记账',
      '现金、银行存款日记账与总账核对',
      '银行存款余额调节表',
      '计提固定资产折旧',
    ]);
    // A closed month's reconciliation is frozen, in the app and in the database.
    await expectRefused(l, s.kuaiji, 'bank.reconciliation.save', { period: '2026-01', bankAccountCode: bank, statementBalanceFen: 0 }, { code: 'CONFLICT', message: ['已结账'] });
    expect(() => l.core.sqlite.prepare("UPDATE bank_reconciliations SET statement_balance = 0 WHERE period = '2026-01'").run()).toThrow(/已结账/);
    await expectRefused(l, s.kuaiji, 'entries.depreciationRun', { period: '2026-01' }, { code: 'CONFLICT', message: ['2026年1月已结账'] });
  });

  it('February: a reconciliation saved before more vouchers were posted no longer agrees; a purchase posted after the run is caught by a supplementary run (补提)', async () => {
    const rec = await l.call(s.kuaiji, 'bank.reconciliation.save', { period: '2026-02', bankAccountCode: bank, statementBalanceFen: 80_000 });
    expect(rec.agreed).toBe(true);
    const feb = await l.call(s.kuaiji, 'entries.depreciationRun', { period: '2026-02' });
    await post(l, s, feb.voucher);
    const tv = await l.call(s.kuaiji, 'entries.assetPurchase', {
      date: '2026-02-10', name: '乒乓球台', category: 'recreation', costFen: 300_000, lifeYears: 5,
      expenseAccountCode: '50702', bankAccountCode: bank, custodian: '王五', fundNature: 'general', expenseType: 'basic', attachments: 1,
    });
    await post(l, s, tv.voucher);
    const status = await l.call(s.kuaiji, 'bank.reconciliation.status', { period: '2026-02' });
    expect(status[0]).toMatchObject({ bookBalanceFen: -220_000, saved: true, agreed: false });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-02' }, { code: 'RULE', message: ['调节后余额不符（或保存后又有凭证记账'] });
    await l.call(s.kuaiji, 'bank.reconciliation.save', {
      period: '2026-02', bankAccountCode: bank, statementBalanceFen: 80_000,
      items: [{ kind: 'booked_paid_not_bank', date: '2026-02-10', description: '乒乓球台货款 银行未付', amountFen: 300_000 }],
    });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-02' }, { code: 'RULE', message: ['乒乓球台 截至本月应累计折旧 50.00 元，已记账 0.00 元'] });
    const sup = await l.call(s.kuaiji, 'entries.depreciationRun', { period: '2026-02' });
    expect(sup).toMatchObject({ supplementary: true, totalFen: 5_000, lines: [{ name: '乒乓球台', month: 1, amountFen: 5_000 }] });
    expect(sup.voucher.summary).toBe('补提2026年2月固定资产折旧（1 项）');
    await post(l, s, sup.voucher);
    const r = await l.call(s.kuaiji, 'periods.close', { period: '2026-02' });
    expect(r.status).toBe('closed');
    const reg = await l.call(s.zhuxi, 'assets.list', { asOf: '2026-02' });
    expect(reg.rows.map((x) => [x.name, x.accumulatedFen])).toEqual([
      ['台式计算机', 14_444],
      ['乒乓球台', 5_000],
    ]);
    expect(reg.totals).toEqual({ costFen: 820_000, accumulatedFen: 19_444, netFen: 800_556 });
  });

  it('March: a month without bank movement but with a balance still needs its reconciliation', async () => {
    const dep = await l.call(s.kuaiji, 'entries.depreciationRun', { period: '2026-03' });
    expect(dep.totalFen).toBe(7_222 + 5_000);
    await post(l, s, dep.voucher);
    const st = await l.call(s.kuaiji, 'bank.reconciliation.status', { period: '2026-03' });
    expect(st[0]).toMatchObject({ movedInPeriod: false, required: true, saved: false });
    await expectRefused(l, s.kuaiji, 'periods.close', { period: '2026-03' }, { code: 'RULE', message: ['尚未编制本月银行存款余额调节表'] });
    await l.call(s.kuaiji, 'bank.reconciliation.save', { period: '2026-03', bankAccountCode: bank, statementBalanceFen: -220_000 });
    expect((await l.call(s.kuaiji, 'periods.close', { period: '2026-03' })).skippedChecks).toEqual([]);
  });
});

describe('a computer depreciated over its whole life', () => {
  let l: TestLedger;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    l = await openTestLedger({ clock: () => new Date('2032-02-10T10:00:00+08:00') });
    await initLedger(l);
    s = await staff(l);
  });
  afterAll(() => l.close());

  it('72 monthly charges of 72.22 元 and 72.38 元 in the last: exactly 5,200.00 元, then nothing more', async () => {
    const buy = await l.call(s.kuaiji, 'entries.assetPurchase', {
      date: '2026-01-20', name: '台式计算机', category: 'office', costFen: 520_000, lifeYears: 6,
      expenseAccountCode: '50702', bankAccountCode: '102', custodian: '张三', fundNature: 'general', expenseType: 'basic', attachments: 1,
    });
    await post(l, s, buy.voucher);
    const charges: number[] = [];
    for (let i = 0; i < 72; i++) {
      const y = 2026 + Math.floor(i / 12);
      const period = `${y}-${String((i % 12) + 1).padStart(2, '0')}`;
      const run = await l.call(s.kuaiji, 'entries.depreciationRun', { period });
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]!.month).toBe(i + 1);
      charges.push(run.totalFen);
      await post(l, s, run.voucher);
    }
    expect(charges.slice(0, 71).every((c) => c === 7_222)).toBe(true);
    expect(charges[71]).toBe(7_238);
    expect(charges.reduce((a, b) => a + b, 0)).toBe(520_000);
    expect(net(l, '163')).toBe(-520_000);
    expect(net(l, '30104')).toBe(0);
    const reg = await l.call(s.zhuguan, 'assets.list', { asOf: '2031-12' });
    expect(reg.rows[0]).toMatchObject({ status: 'fully_depreciated', accumulatedFen: 520_000, netFen: 0, monthsCharged: 72 });
    const mid = await l.call(s.zhuguan, 'assets.list', { asOf: '2028-06' });
    expect(mid.rows[0]).toMatchObject({ status: 'active', accumulatedFen: 7_222 * 30, monthsCharged: 30 });
    await expectRefused(l, s.kuaiji, 'entries.depreciationRun', { period: '2032-01' }, { code: 'CONFLICT', message: ['没有需要计提折旧的固定资产'] });
    await expectRefused(l, s.kuaiji, 'entries.depreciationRun', { period: '2027-05' }, { code: 'CONFLICT', message: ['折旧须按月顺序计提'] });
  });
});
