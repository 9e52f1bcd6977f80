// A year of dues for 30 members in three 工会小组 (scenario S2): payroll deduction posted every month,
// three members paying cash late with receipts numbered 1, 2, 3, one member retiring in June and one
// transferring out in August, one payroll voucher reversed and collected again. The dues ledger,
// arrears, collection rate and income agree with a hand calculation and with 401 in the books.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember, changeStatus, credits401, postThrough, type Staff } from '../helpers/dues';

let l: TestLedger;
let s: Staff;
const ids: number[] = []; // ids[i] is member i + 1 (工号 M01 … M30)
const GROUPS = ['一组', '二组', '三组'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const wage = (i: number) => 300_000 + i * 12_345 + 7; // 分, with a tail under 10 元
const RETIRES = 5; // member 5 retires 2026-06-01: due January–May only (D6)
const TRANSFERS = 12; // member 12 transfers out 2026-08-01: due January–July, then no dues line
const CASH = { m3: 3, m13: 13, m23: 23 }; // 3 pays Jan–Mar in April; 13 pays Jan–Jun in July; 23 never pays
const receipts: number[] = [];
let novemberPayroll = 0;

/** Hand calculation: ⌊W / 10 元⌋ × 10 元 × 5 ‰ — written out here independently of the code. */
const handDues = (i: number) => (Math.floor(wage(i) / 1000) * 1000 * 5) / 1000;
function handDue(i: number, month: number): number {
  if (i === RETIRES && month >= 6) return 0;
  if (i === TRANSFERS && month >= 8) return 0;
  return handDues(i);
}

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-12-31T10:00:00+08:00') });
  await initLedger(l);
  s = {
    kuaiji: await addUser(l, 'kuaiji', ['accountant']),
    zhuguan: await addUser(l, 'zhuguan', ['supervisor']),
    chuna: await addUser(l, 'chuna', ['cashier']),
  };
  await l.call(s.kuaiji, 'accounts.addDetail', { parentCode: '102', name: '工商银行' }); // 10201
  for (let i = 1; i <= 30; i++) {
    ids.push(addMember(l, { no: `M${String(i).padStart(2, '0')}`, name: `会员${i}`, group: GROUPS[Math.floor((i - 1) / 10)]! }));
  }
  for (const [k, month] of MONTHS.entries()) {
    const m = k + 1;
    if (m === 6) changeStatus(l, ids[RETIRES - 1]!, 'retired', '2026-06-01');
    if (m === 8) changeStatus(l, ids[TRANSFERS - 1]!, 'transferred', '2026-08-01');
    const rows = ids.map((memberId, j) => ({ memberId, baseFen: wage(j + 1) })).filter((r) => !(m >= 8 && r.memberId === ids[TRANSFERS - 1]));
    await l.call(s.kuaiji, 'dues.wages.save', { month, rows });
    await l.call(s.kuaiji, 'dues.run.compute', { month });
    const exclude = [ids[CASH.m23 - 1]!];
    if (m <= 3) exclude.push(ids[CASH.m3 - 1]!);
    if (m <= 6) exclude.push(ids[CASH.m13 - 1]!);
    const p = await l.call(s.kuaiji, 'dues.run.collectPayroll', { month, date: `${month}-25`, bankAccountCode: '10201', excludeMemberIds: exclude });
    await postThrough(l, s, p.voucher.id);
    if (m === 11) novemberPayroll = p.voucher.id;
    if (m === 4) {
      const c = await l.call(s.kuaiji, 'dues.collectCash', { memberId: ids[CASH.m3 - 1]!, months: ['2026-01', '2026-02', '2026-03'], date: '2026-04-10', cashOrBankAccountCode: '101' });
      receipts.push(c.receipt.number);
      await postThrough(l, s, c.voucher.id);
    }
    if (m === 7) {
      const c = await l.call(s.kuaiji, 'dues.collectCash', { memberId: ids[CASH.m13 - 1]!, months: MONTHS.slice(0, 6), date: '2026-07-08', cashOrBankAccountCode: '101' });
      receipts.push(c.receipt.number);
      await postThrough(l, s, c.voucher.id);
    }
    if (m === 12) {
      // November's payroll voucher was wrong: reversed in December and collected again.
      const red = await l.call(s.kuaiji, 'vouchers.reverse', { id: novemberPayroll, date: '2026-12-05' });
      await postThrough(l, s, red.id);
      const again = await l.call(s.kuaiji, 'dues.run.collectPayroll', { month: '2026-11', date: '2026-12-06', bankAccountCode: '10201', excludeMemberIds: [ids[CASH.m23 - 1]!] });
      await postThrough(l, s, again.voucher.id);
      // A bank transfer from member 23's family for December only, booked to the bank: receipt 3.
      const c = await l.call(s.kuaiji, 'dues.collectCash', { memberId: ids[CASH.m23 - 1]!, months: ['2026-12'], date: '2026-12-28', cashOrBankAccountCode: '10201' });
      receipts.push(c.receipt.number);
      await postThrough(l, s, c.voucher.id);
    }
  }
}, 120_000);
afterAll(() => l.close());

describe('a year of dues', () => {
  it('numbers the 会费收据 1, 2, 3 in the year', () => {
    expect(receipts).toEqual([1, 2, 3]);
  });

  it('the status changes: dues stop from June for the retiree (0, exempt), and there is no line from August for the transferred member', async () => {
    const retiree = await l.call(s.kuaiji, 'dues.memberStatement', { memberId: ids[RETIRES - 1]!, year: 2026 });
    expect(retiree.months.map((m) => m.dueFen)).toEqual(MONTHS.map((_, k) => (k < 5 ? handDues(RETIRES) : 0)));
    expect(retiree.months[5]).toMatchObject({ exemptReason: '退休·保留会籍', state: 'exempt' });
    const moved = await l.call(s.kuaiji, 'dues.memberStatement', { memberId: ids[TRANSFERS - 1]!, year: 2026 });
    expect(moved.months.map((m) => m.dueFen)).toEqual(MONTHS.map((_, k) => (k < 7 ? handDues(TRANSFERS) : null)));
    expect(moved.owedFen).toBe(0);
  });

  it('the dues ledger agrees with the hand calculation, by member, 工会小组 and the whole union', async () => {
    const ledger = await l.call(s.zhuguan, 'dues.ledger', { year: 2026 });
    expect(ledger.rows).toHaveLength(30);
    let due = 0;
    let owed = 0;
    for (let i = 1; i <= 30; i++) {
      const row = ledger.rows.find((r) => r.memberId === ids[i - 1])!;
      const d = MONTHS.reduce((sum, _, k) => sum + handDue(i, k + 1), 0);
      const unpaid = i === CASH.m23 ? d - handDue(i, 12) : 0;
      expect([row.employeeNo, row.dueFen, row.owedFen]).toEqual([`M${String(i).padStart(2, '0')}`, d, unpaid]);
      due += d;
      owed += unpaid;
    }
    expect(ledger.total).toMatchObject({ members: 30, dueFen: due, paidFen: due - owed, owedFen: owed });
    expect(ledger.groups.map((g) => [g.groupName, g.members])).toEqual([
      ['二组', 10],
      ['三组', 10],
      ['一组', 10],
    ]);
    const g3 = ledger.groups.find((g) => g.groupName === '三组')!;
    expect(g3.owedFen).toBe(owed);
    expect(ledger.groups.reduce((sum, g) => sum + g.dueFen, 0)).toBe(due);
    // November: reversed then collected again — fully paid in the end.
    expect(ledger.total.months[10]!.paidFen).toBe(ledger.total.months[10]!.dueFen - handDue(CASH.m23, 11));
  });

  it('the collection rate by group equals the hand calculation', async () => {
    const year = await l.call(s.zhuguan, 'dues.collectionRate', { year: 2026 });
    const groupDue = (g: number) => Array.from({ length: 10 }, (_, k) => g * 10 + k + 1).reduce((sum, i) => sum + MONTHS.reduce((x, _, m) => x + handDue(i, m + 1), 0), 0);
    const m23Unpaid = 11 * handDues(CASH.m23);
    const expected = [
      { groupName: '二组', membersDue: 10, membersPaid: 10, dueFen: groupDue(1), paidFen: groupDue(1), rateByCount: 1, rateByAmount: 1 },
      { groupName: '三组', membersDue: 10, membersPaid: 9, dueFen: groupDue(2), paidFen: groupDue(2) - m23Unpaid, rateByCount: 0.9, rateByAmount: Math.round(((groupDue(2) - m23Unpaid) / groupDue(2)) * 10_000) / 10_000 },
      { groupName: '一组', membersDue: 10, membersPaid: 10, dueFen: groupDue(0), paidFen: groupDue(0), rateByCount: 1, rateByAmount: 1 },
    ];
    expect(year.groups.map(({ groupId: _g, ...r }) => r)).toEqual(expected);
    expect(year.total).toMatchObject({ membersDue: 30, membersPaid: 29, dueFen: groupDue(0) + groupDue(1) + groupDue(2) });
    // March alone: members 3 and 13 paid March late (April, July); the rate counts what is paid now, so only 23 is short.
    const march = await l.call(s.zhuguan, 'dues.collectionRate', { month: '2026-03' });
    expect(march.total).toMatchObject({ membersDue: 30, membersPaid: 29, rateByCount: 0.9667 });
    // June: the retiree is exempt and not counted as due.
    expect((await l.call(s.zhuguan, 'dues.collectionRate', { month: '2026-06' })).total.membersDue).toBe(29);
    // August: also the transferred member is gone.
    expect((await l.call(s.zhuguan, 'dues.collectionRate', { month: '2026-08' })).total.membersDue).toBe(28);
  });

  it('arrears: 6 consecutive unpaid months are flagged (CHK-DUES-1); a late payment clears them', async () => {
    const may = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-05' });
    // As of May, 13 and 23 owe January–May (5 months); 3 paid January–March in April.
    expect(may.rows.map((r) => [r.employeeNo, r.consecutive, r.findings.length])).toEqual([
      ['M13', 5, 0],
      ['M23', 5, 0],
    ]);
    // As of June both reach six months and are flagged; 13 pays in July, so as of July only 23 remains.
    const june = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-06' });
    expect(june.rows.map((r) => [r.employeeNo, r.consecutive, r.findings.map((f) => f.rule)])).toEqual([
      ['M13', 6, ['CHK-DUES-1']],
      ['M23', 6, ['CHK-DUES-1']],
    ]);
    const july = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-07' });
    expect(july.rows.map((r) => [r.employeeNo, r.consecutive])).toEqual([['M23', 7]]);
    const dec = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-12' });
    expect(dec.rows.map((r) => [r.employeeNo, r.months.length, r.consecutive, r.owedFen])).toEqual([['M23', 11, 0, 11 * handDues(CASH.m23)]]);
    expect(dec.flagged).toBe(0); // December was paid: the run is broken, the 11 months remain owed
    const nov = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-11' });
    expect(nov.rows[0]).toMatchObject({ employeeNo: 'M23', consecutive: 11, findings: [{ rule: 'CHK-DUES-1', severity: 'warn' }] });
  });

  it('dues income by month equals the 401 credits of posted vouchers in the books (trial balance and ledger_balances)', async () => {
    const income = await l.call(s.zhuguan, 'dues.incomeByMonth', { year: 2026 });
    for (const m of income.months) {
      expect(m.differenceFen, m.period).toBe(0);
      expect(m.totalFen, m.period).toBe(credits401(l, m.period));
      const tb = await l.call(s.zhuguan, 'books.trialBalance', { from: m.period, to: m.period });
      expect(tb.rows.find((r) => r.code === '401')?.credit ?? 0, m.period).toBe(m.totalFen);
    }
    // December carries the red reversal of November (negative) and November collected again.
    const nov = income.months[10]!;
    const dec = income.months[11]!;
    const payrollOf = (m: number) => Array.from({ length: 30 }, (_, k) => k + 1).filter((i) => i !== CASH.m23).reduce((sum, i) => sum + handDue(i, m), 0);
    expect(nov.payrollFen).toBe(payrollOf(11));
    // −November (red) + November again + December.
    expect(dec.payrollFen).toBe(-payrollOf(11) + payrollOf(11) + payrollOf(12));
    expect(income.total.totalFen).toBe((await l.call(s.zhuguan, 'dues.ledger', { year: 2026 })).total.paidFen);
    expect(income.months[3]!.cashFen).toBe(3 * handDues(CASH.m3));
    expect(dec.bankFen).toBe(handDues(CASH.m23));
  });

  it('a rule change effective next year leaves this year’s assessments unchanged', async () => {
    const before = await l.call(s.zhuguan, 'dues.ledger', { year: 2026 });
    await l.call(s.kuaiji, 'dues.rules.save', { effectiveFrom: '2027-01', ratePerMille: 5, floorFen: 1000, rounding: 'yuan', apprenticeFlatFen: 5, countedItems: ['基本工资'] });
    // Even re-running an unpaid 2026 month keeps the 2026 rule.
    await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-12' });
    expect(await l.call(s.zhuguan, 'dues.ledger', { year: 2026 })).toEqual(before);
  });

  it('prints and exports each report', async () => {
    for (const q of [
      { report: 'ledger' as const, year: 2026 },
      { report: 'collectionRate' as const, year: 2026 },
      { report: 'memberStatement' as const, memberId: ids[0]!, year: 2026 },
      { report: 'incomeByMonth' as const, year: 2026 },
    ]) {
      const pdf = await l.call(s.zhuguan, 'dues.export', { ...q, format: 'pdf' });
      expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const x = await l.call(s.zhuguan, 'dues.export', { ...q, format: 'xlsx' });
      expect(Buffer.from(x.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    }
  });
});
