// Member dues: the computation (dues.md §3–§4, worked examples A–E), rules, wage bases and the
// payroll import, collection (payroll and cash with 会费收据), reversal, arrears (CHK-DUES-1) and
// CHK-DUES-2. Members are inserted with SQL (tests/helpers/dues.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { expectRefused } from '../helpers/closing';
import { addMember, changeStatus, credits401, postThrough, type Staff } from '../helpers/dues';
import { duesFor } from '../../src/main/core/dues/common';

let l: TestLedger;
let s: Staff;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-20T10:00:00+08:00') });
  await initLedger(l);
  s = {
    kuaiji: await addUser(l, 'kuaiji', ['accountant']),
    zhuguan: await addUser(l, 'zhuguan', ['supervisor']),
    chuna: await addUser(l, 'chuna', ['cashier']),
  };
});
afterEach(() => l.close());

const DEFAULT = { ratePerMille: 5, floorFen: 1000, rounding: 'none' as const };

describe('dues.md §4 worked examples', () => {
  it('computes A 22.80, B 15.40 (not 15.00), C 30.00 in integer 分', () => {
    expect(duesFor(456789, DEFAULT)).toBe(2280);
    expect(duesFor(308000, DEFAULT)).toBe(1540);
    expect(duesFor(600999, DEFAULT)).toBe(3000);
    expect(duesFor(234500, DEFAULT)).toBe(1170);
    // The rounding setting (❓, default none): half up to 角 or 元.
    expect(duesFor(457000, { ...DEFAULT, rounding: 'jiao' })).toBe(2290); // 22.85 → 22.90
    expect(duesFor(456000, { ...DEFAULT, rounding: 'jiao' })).toBe(2280);
    expect(duesFor(456789, { ...DEFAULT, rounding: 'yuan' })).toBe(2300); // 22.80 → 23
    expect(duesFor(448000, { ...DEFAULT, rounding: 'yuan' })).toBe(2200); // 22.40 → 22
    expect(duesFor(999, DEFAULT)).toBe(0);
  });

  it('runs the month: A, B, C staff; D retired 0.00 (D6); E no fixed income from the previous month (D5); a missing base is listed, not zero', async () => {
    const a = addMember(l, { no: 'A', name: '甲', group: '一组' });
    const b = addMember(l, { no: 'B', name: '乙', group: '一组' });
    const c = addMember(l, { no: 'C', name: '丙', group: '二组' });
    const d = addMember(l, { no: 'D', name: '丁', group: '二组', status: 'retired', since: '2024-06-01' });
    const e = addMember(l, { no: 'E', name: '戊', group: '二组', noFixedIncome: true });
    const f = addMember(l, { no: 'F', name: '己', group: '二组' });
    const t = addMember(l, { no: 'T', name: '庚', group: '二组', type: '学徒' });
    addMember(l, { no: 'X', name: '辛', status: 'transferred', since: '2025-12-01' });
    await l.call(s.kuaiji, 'dues.wages.save', { month: '2026-02', rows: [{ memberId: e, baseFen: 234500 }] });
    await l.call(s.kuaiji, 'dues.wages.save', {
      month: '2026-03',
      rows: [
        { memberId: a, baseFen: 456789 },
        { memberId: b, baseFen: 308000 },
        { memberId: c, baseFen: 600999 },
        { memberId: e, baseFen: 999900 }, // ignored: E pays on last month's wage
      ],
    });
    const run = await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-03' });
    expect(run).toMatchObject({ month: '2026-03', ruleFrom: '2000-01', assessed: 6, exempt: 1, apprentices: 1, previousMonthBase: 1, notMembers: 1, keptPaid: 0 });
    expect(run.missing).toEqual([{ memberId: f, employeeNo: 'F', name: '己', groupName: '二组', reason: '缺少2026年3月的会费基数（工资）' }]);
    expect(run.totalDueFen).toBe(2280 + 1540 + 3000 + 0 + 1170 + 5);
    const list = await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' });
    const due = Object.fromEntries(list.map((r) => [r.employeeNo, r.dueFen]));
    expect(due).toEqual({ A: 2280, B: 1540, C: 3000, D: 0, E: 1170, T: 5 });
    expect(list.find((r) => r.memberId === d)).toMatchObject({ exemptReason: '退休·保留会籍', state: 'exempt' });
    expect(list.find((r) => r.memberId === e)).toMatchObject({ baseFen: 234500 });
    expect(list.find((r) => r.memberId === t)).toMatchObject({ dueFen: 5 });

    // Re-running after F's wage arrives adds F and changes nothing else.
    await l.call(s.kuaiji, 'dues.wages.save', { month: '2026-03', rows: [{ memberId: f, baseFen: 512345 }] });
    const again = await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-03' });
    expect(again.missing).toEqual([]);
    expect(again.totalDueFen).toBe(run.totalDueFen + 2560);
    expect(b).toBeGreaterThan(0);
  });
});

describe('rules', () => {
  it('are effective-dated: a rule from next year leaves this year as computed, and the next year follows it', async () => {
    const a = addMember(l, { no: 'A', name: '甲' });
    await l.call(s.kuaiji, 'dues.wages.save', { month: '2026-03', rows: [{ memberId: a, baseFen: 456789 }] });
    await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-03' });
    const saved = await l.call(s.kuaiji, 'dues.rules.save', {
      effectiveFrom: '2027-01',
      ratePerMille: 5,
      floorFen: 1000,
      rounding: 'yuan',
      apprenticeFlatFen: 5,
      countedItems: ['基本工资', '岗位工资'],
    });
    expect(saved.findings).toEqual([]);
    expect((await l.call(s.kuaiji, 'dues.rules.list', {})).map((r) => [r.effectiveFrom, r.rounding])).toEqual([
      ['2000-01', 'none'],
      ['2027-01', 'yuan'],
    ]);
    // Re-running March 2026 still uses the 2000-01 rule.
    await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-03' });
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' }))[0]).toMatchObject({ dueFen: 2280, ruleFrom: '2000-01' });
    await l.call(s.kuaiji, 'dues.wages.save', { month: '2027-01', rows: [{ memberId: a, baseFen: 456789 }] });
    await l.call(s.kuaiji, 'dues.run.compute', { month: '2027-01' });
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2027-01' }))[0]).toMatchObject({ dueFen: 2300, ruleFrom: '2027-01' });
    // A rule already used by assessments cannot be edited.
    await expectRefused(l, s.kuaiji, 'dues.rules.save', { effectiveFrom: '2000-01', ratePerMille: 6, floorFen: 1000, rounding: 'none', apprenticeFlatFen: 5, countedItems: ['基本工资'] }, {
      code: 'CONFLICT',
      message: ['不能修改'],
    });
  });

  it('refuses a retroactive rule over months already collected, and warns about computed unpaid months', async () => {
    const a = addMember(l, { no: 'A', name: '甲' });
    for (const month of ['2026-03', '2026-04']) {
      await l.call(s.kuaiji, 'dues.wages.save', { month, rows: [{ memberId: a, baseFen: 457000 }] });
      await l.call(s.kuaiji, 'dues.run.compute', { month });
    }
    await l.call(s.kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '102' });
    await expectRefused(l, s.kuaiji, 'dues.rules.save', { effectiveFrom: '2026-02', ratePerMille: 5, floorFen: 1000, rounding: 'jiao', apprenticeFlatFen: 5, countedItems: ['基本工资'] }, {
      code: 'CONFLICT',
      message: ['不能追溯'],
    });
    const w = await l.call(s.kuaiji, 'dues.rules.save', { effectiveFrom: '2026-04', ratePerMille: 5, floorFen: 1000, rounding: 'jiao', apprenticeFlatFen: 5, countedItems: ['基本工资'] });
    expect(w.findings[0]?.message).toContain('2026年4月已按原规则计算会费');
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2026-04' }))[0]).toMatchObject({ dueFen: 2285, ruleFrom: '2000-01' });
    await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-04' });
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2026-04' }))[0]).toMatchObject({ dueFen: 2290, ruleFrom: '2026-04' });
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' }))[0]).toMatchObject({ dueFen: 2285, ruleFrom: '2000-01' });
  });
});

async function xlsx(rows: (string | number | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('3月工资');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('wage bases from the payroll .xlsx', () => {
  it('counts only the rule’s pay items (基本工资), never bonuses or allowances (D3), all or nothing', async () => {
    const a = addMember(l, { no: '1001', name: '张三' });
    const b = addMember(l, { no: '1002', name: '李四' });
    const good = await xlsx([
      ['工号', '姓名', '基本工资', '奖金', '津贴', '应发合计'],
      ['1001', '张三', 4567.89, 2000, 300, 6867.89],
      ['1002', '李四', 3080, 1500, 300, 4880],
    ]);
    const preview = await l.call(s.kuaiji, 'dues.wages.importPreview', { month: '2026-03', filename: '3月工资.xlsx', base64: good });
    expect(preview).toMatchObject({ ok: true, countedItems: ['基本工资'], ignoredItems: ['奖金', '津贴', '应发合计'], totalBaseFen: 456789 + 308000 });
    expect(preview.rows.map((r) => [r.memberId, r.baseFen])).toEqual([
      [a, 456789],
      [b, 308000],
    ]);
    // The preview wrote nothing.
    expect((await l.call(s.kuaiji, 'dues.wages.list', { month: '2026-03' })).every((w) => w.baseFen === null)).toBe(true);

    const bad = await xlsx([
      ['工号', '姓名', '基本工资', '奖金'],
      ['1001', '张三', 4567.891, 2000],
      ['9999', '王五', 3000, 0],
      ['1002', '李四', '三千', 0],
      ['1002', '李思', 3000, 0],
    ]);
    const p2 = await l.call(s.kuaiji, 'dues.wages.importPreview', { month: '2026-03', filename: 'x.xlsx', base64: bad });
    expect(p2.ok).toBe(false);
    expect(p2.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '基本工资（C 列）'],
      [3, '工号（A 列）'],
      [4, '基本工资（C 列）'],
      [5, '工号（A 列）'],
    ]);
    expect(p2.errors[0]!.message).toContain('超过两位小数');
    expect(p2.errors[1]!.message).toContain('工号 9999 不在会员名册中');
    expect(p2.errors[2]!.message).toContain('“三千”不是有效的金额');
    expect(p2.errors[3]!.message).toContain('与第 4 行重复');
    await expectRefused(l, s.kuaiji, 'dues.wages.importCommit', { month: '2026-03', filename: 'x.xlsx', base64: bad }, { code: 'VALIDATION', message: ['未导入任何数据'] });

    const done = await l.call(s.kuaiji, 'dues.wages.importCommit', { month: '2026-03', filename: '3月工资.xlsx', base64: good });
    expect(done.saved).toBe(2);
    const wages = await l.call(s.kuaiji, 'dues.wages.list', { month: '2026-03' });
    expect(wages.map((w) => [w.employeeNo, w.baseFen, w.source])).toEqual([
      ['1001', 456789, 'import:3月工资.xlsx'],
      ['1002', 308000, 'import:3月工资.xlsx'],
    ]);
  });

  it('says what to do with an .xls file and a file without the counted column', async () => {
    addMember(l, { no: '1001', name: '张三' });
    // An old .xls (OLE2) is refused before anything is read, with how to convert it.
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).toString('base64');
    await expectRefused(l, s.kuaiji, 'dues.wages.importPreview', { month: '2026-03', filename: '工资.xls', base64: ole2 }, { code: 'VALIDATION', message: ['另存为'] });
    const noBase = await xlsx([
      ['工号', '姓名', '奖金'],
      ['1001', '张三', 100],
    ]);
    const p = await l.call(s.kuaiji, 'dues.wages.importPreview', { month: '2026-03', filename: 'a.xlsx', base64: noBase });
    expect(p.errors[0]!.message).toContain('没有计入会费基数的工资项目（基本工资）');
  });
});

describe('collection, receipts, reversal', () => {
  async function threeMembers() {
    const ids = [
      addMember(l, { no: 'A', name: '甲', group: '一组' }),
      addMember(l, { no: 'B', name: '乙', group: '一组' }),
      addMember(l, { no: 'C', name: '丙', group: '二组' }),
    ];
    for (const month of ['2026-01', '2026-02', '2026-03']) {
      await l.call(s.kuaiji, 'dues.wages.save', { month, rows: ids.map((memberId, i) => ({ memberId, baseFen: [456789, 308000, 600999][i]! })) });
      await l.call(s.kuaiji, 'dues.run.compute', { month });
    }
    return ids;
  }

  it('collects by payroll as one draft voucher 102 / 401; paid only once posted; a reversal makes the members unpaid again', async () => {
    const [a, b, c] = await threeMembers();
    const res = await l.call(s.kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '102', excludeMemberIds: [c!] });
    expect(res).toMatchObject({ members: 2, totalFen: 2280 + 1540 });
    expect(res.voucher).toMatchObject({ status: 'draft', source: 'dues.payroll', summary: '收2026年3月会费（工资代扣 2 人）', attachments: 1 });
    expect(res.voucher.lines.map((x) => [x.accountCode, x.debit, x.credit, x.fundNature])).toEqual([
      ['102', 3820, 0, null],
      ['401', 0, 3820, 'general'],
    ]);
    // Not paid while the voucher is a draft; and it cannot be collected twice.
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' })).find((r) => r.memberId === a)).toMatchObject({ paidFen: 0, pendingFen: 2280, state: 'pending' });
    const again = await l.call(s.kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '102' });
    expect(again.members).toBe(1); // only C is left
    await l.call(s.kuaiji, 'vouchers.delete', { id: again.voucher.id }); // deleting a dues draft releases its rows
    // A dues draft is not edited by hand.
    await expectRefused(l, s.kuaiji, 'vouchers.save', { id: res.voucher.id, date: '2026-03-25', attachments: 1, lines: [{ summary: 'x', accountCode: '102', debit: 1 }, { summary: 'x', accountCode: '401', credit: 1, fundNature: 'general' }] }, {
      code: 'CONFLICT',
      message: ['不能手工修改'],
    });
    await postThrough(l, s, res.voucher.id);
    const after = await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' });
    expect(after.map((r) => [r.employeeNo, r.state]).sort()).toEqual([
      ['A', 'paid'],
      ['B', 'paid'],
      ['C', 'unpaid'],
    ]);
    expect(credits401(l, '2026-03')).toBe(3820);
    // A paid month keeps its assessment on a re-run.
    expect((await l.call(s.kuaiji, 'dues.run.compute', { month: '2026-03' })).keptPaid).toBe(2);

    // 红字冲销: the red voucher, once posted, records negative payments; A and B owe March again.
    const red = await l.call(s.kuaiji, 'vouchers.reverse', { id: res.voucher.id, date: '2026-03-28' });
    expect(red.source).toBe('dues.payroll');
    expect((await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' })).find((r) => r.memberId === a)!.state).toBe('paid'); // red still a draft
    await postThrough(l, s, red.id);
    const reversed = await l.call(s.kuaiji, 'dues.run.list', { month: '2026-03' });
    expect(reversed.map((r) => [r.employeeNo, r.paidFen, r.state]).sort()).toEqual([
      ['A', 0, 'unpaid'],
      ['B', 0, 'unpaid'],
      ['C', 0, 'unpaid'],
    ]);
    const neg = l.core.sqlite.prepare('SELECT member_id, amount_fen, voucher_id, reverses_payment_id IS NOT NULL AS linked FROM dues_payments WHERE amount_fen < 0 ORDER BY member_id').all();
    expect(neg).toEqual([
      { member_id: a, amount_fen: -2280, voucher_id: red.id, linked: 1 },
      { member_id: b, amount_fen: -1540, voucher_id: red.id, linked: 1 },
    ]);
    expect(credits401(l, '2026-03')).toBe(0);
    // Payments are append-only.
    expect(() => l.core.sqlite.prepare('UPDATE dues_payments SET amount_fen = 1').run()).toThrow(/红字冲销/);
    // Collected again for everyone.
    expect((await l.call(s.kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-30', bankAccountCode: '102' })).members).toBe(3);
    const income = await l.call(s.kuaiji, 'dues.incomeByMonth', { year: 2026 });
    expect(income.months[2]).toMatchObject({ payrollFen: 0, totalFen: 0, books401Fen: 0, differenceFen: 0 });
    expect(b).toBeGreaterThan(0);
  });

  it('takes late cash for earlier months with receipts numbered 1, 2, 3 per year, and prints the 会费收据', async () => {
    const [a, b] = await threeMembers();
    const r1 = await l.call(s.kuaiji, 'dues.collectCash', { memberId: a!, months: ['2026-02', '2026-01'], date: '2026-03-20', cashOrBankAccountCode: '101' });
    expect(r1.receipt).toMatchObject({ number: 1, label: '2026-0001', months: ['2026-01', '2026-02'], amountFen: 4560, amountInWords: '肆拾伍元陆角整', collector: 'kuaiji', voided: false });
    expect(r1.voucher.lines.map((x) => [x.accountCode, x.debit, x.credit])).toEqual([
      ['101', 4560, 0],
      ['401', 0, 4560],
    ]);
    expect(r1.voucher.summary).toBe('收甲2026年1月、2月会费（收据2026-0001）');
    const r2 = await l.call(s.kuaiji, 'dues.collectCash', { memberId: b!, months: ['2026-01'], date: '2026-03-21', cashOrBankAccountCode: '101' });
    expect(r2.receipt.number).toBe(2);
    // The same month twice is refused, nothing written.
    await expectRefused(l, s.kuaiji, 'dues.collectCash', { memberId: a!, months: ['2026-01'], date: '2026-03-21', cashOrBankAccountCode: '101' }, { code: 'CONFLICT', message: ['不能重复收取'] });
    // A deleted draft leaves its receipt number used (作废): no gap, the next is 3.
    await l.call(s.kuaiji, 'vouchers.delete', { id: r2.voucher.id });
    expect(await l.call(s.kuaiji, 'dues.receipt.get', { receiptId: r2.receipt.id })).toMatchObject({ voided: true, voucherId: null });
    const r3 = await l.call(s.kuaiji, 'dues.collectCash', { memberId: b!, months: ['2026-01'], date: '2026-03-22', cashOrBankAccountCode: '101' });
    expect(r3.receipt.number).toBe(3);
    const pdf = await l.call(s.chuna, 'dues.receipt.print', { receiptId: r1.receipt.id });
    expect(pdf).toMatchObject({ mimeType: 'application/pdf', filename: '会费收据-2026-0001-甲.pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await postThrough(l, s, r1.voucher.id);
    const st = await l.call(s.kuaiji, 'dues.memberStatement', { memberId: a!, year: 2026 });
    expect(st.months.slice(0, 3).map((m) => m.state)).toEqual(['paid', 'paid', 'unpaid']);
    expect(st.payments.map((p) => [p.month, p.amountFen, p.receiptLabel, p.voucherStatus])).toEqual([
      ['2026-01', 2280, '2026-0001', 'posted'],
      ['2026-02', 2280, '2026-0001', 'posted'],
    ]);
    expect(st).toMatchObject({ dueFen: 3 * 2280, paidFen: 4560, owedFen: 2280 });
    // The member's history (会员履历) shows the posted payments with the receipt and the voucher.
    const history = await l.call(s.kuaiji, 'members.history', { id: a! });
    const paid = history.filter((h) => h.kind === 'dues');
    expect(paid.map((h) => h.title)).toEqual(['缴纳2026年1月会费 22.80 元', '缴纳2026年2月会费 22.80 元']);
    expect(paid[0]!.detail).toContain('收据 2026-0001');
  });

  it('CHK-DUES-2: refuses to credit dues anywhere but 401 (never 211)', async () => {
    await threeMembers();
    await expectRefused(l, s.kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '102', incomeAccountCode: '211' }, {
      code: 'RULE',
      message: ['会费只能记入 401 会费收入', '不向上级解缴'],
      rule: 'CHK-DUES-2',
    });
    await expectRefused(l, s.kuaiji, 'dues.collectCash', { memberId: 1, months: ['2026-03'], date: '2026-03-25', cashOrBankAccountCode: '101', incomeAccountCode: '402' }, {
      code: 'RULE',
      rule: 'CHK-DUES-2',
    });
    await expectRefused(l, s.kuaiji, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '101' }, { code: 'VALIDATION', message: ['银行存款'] });
  });

  it('who may: the cashier and the reviewer read, only 会计 and 会计主管 collect', async () => {
    await threeMembers();
    const jingshen = await addUser(l, 'jingshen', ['reviewer']);
    expect((await l.call(jingshen, 'dues.ledger', { year: 2026 })).total.dueFen).toBe(3 * (2280 + 1540 + 3000));
    expect(await l.core.dispatch(s.chuna, 'dues.run.collectPayroll', { month: '2026-03', date: '2026-03-25', bankAccountCode: '102' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('arrears (D8, CHK-DUES-1)', () => {
  it('lists members behind by months and flags 6 consecutive unpaid months, without removing anyone', async () => {
    const a = addMember(l, { no: 'A', name: '甲' });
    const b = addMember(l, { no: 'B', name: '乙' });
    const r = addMember(l, { no: 'R', name: '丙' });
    const months = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];
    for (const month of months) {
      await l.call(s.kuaiji, 'dues.wages.save', { month, rows: [a, b, r].map((memberId) => ({ memberId, baseFen: 300000 })) });
    }
    changeStatus(l, r, 'retired', '2026-02-01'); // exempt from February: never in arrears for Feb, Mar
    for (const month of months) await l.call(s.kuaiji, 'dues.run.compute', { month });
    // B pays March only.
    await l.call(s.kuaiji, 'dues.collectCash', { memberId: b, months: ['2026-03'], date: '2026-03-20', cashOrBankAccountCode: '101' }).then((c) => postThrough(l, s, c.voucher.id));
    const five = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-02' });
    expect(five.rows.find((x) => x.memberId === a)).toMatchObject({ consecutive: 5, owedFen: 7500, findings: [] });
    const six = await l.call(s.kuaiji, 'dues.arrears', { asOf: '2026-03' });
    expect(six.rows.map((x) => [x.employeeNo, x.months.length, x.consecutive, x.owedFen, x.findings.map((f) => f.rule)])).toEqual([
      ['A', 6, 6, 9000, ['CHK-DUES-1']], // the longest run first
      ['R', 4, 4, 6000, []],
      ['B', 5, 0, 7500, []],
    ]);
    expect(six.rows[0]!.findings[0]!.message).toContain('系统不会自动将其退会');
    expect(six).toMatchObject({ members: 3, flagged: 1, owedFen: 22500 });
    expect((l.core.sqlite.prepare("SELECT status FROM members WHERE employee_no = 'A'").get() as { status: string }).status).toBe('active');
    const file = await l.call(s.kuaiji, 'dues.export', { report: 'arrears', asOf: '2026-03', format: 'xlsx' });
    expect(file.filename).toBe('会费欠缴名单-2026-03.xlsx');
  });
});
