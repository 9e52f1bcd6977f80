// A year of the scenarios' spending (issue 5 "Done when"; scenarios S4, S6, S7, S9, S10, S13, S14)
// entered through the core's operations, preset FJ-2018 (festival gifts ≤1,300 元 per member per
// year, birthdays ≤300 元): the approved budget, the Spring Festival and Mid-Autumn batches to every
// member in service, the March birthday list, a 三八 gift the chair accepts with a reason
// (CHK-FEST-1), sports-day prizes, a hospital visit, hardship aid under a case, equipment for the
// 职工之家, 金秋助学 under the same case (S11). The requests that must be blocked are each caught with the right rule and citation:
// shopping cards (CHK-CARD-1), over a member's cap (CHK-FEST-2), a banquet (CHK-BBZ-1), a two-day
// trip (CHK-OUT-2), 3,000 元 cash to a supplier (CHK-CASH-1), the employer's office (CHK-BBZ-4),
// retiree festival goods (CHK-MEM-1). The budget room is net of approved-but-unpaid requests. The
// administrator's new version of the preset applies from its date only. At the end the benefit
// register and the sign-off rosters agree with the posted vouchers.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addUser, client, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember, postThrough } from '../helpers/dues';
import { postVoucher } from '../helpers/closing';
import type { ClientRef } from '../../src/main/core/context';
import type { OpInput } from '../../src/main/contract/operations';
import type { SpendingRequestDetail } from '../../src/main/contract/spending';
import { CoreError } from '../../src/main/core/errors';

let l: TestLedger;
let kuaiji: ClientRef;
let zhuguan: ClientRef;
let chuna: ClientRef;
let zhuxi: ClientRef;
const admin = client('admin');
const m: Record<string, number> = {};
const YEAR = 2026;

type Save = OpInput<'spending.save'>;

let fileNo = 0;
const pdf = () => Buffer.from(`%PDF-1.4 evidence ${++fileNo}`).toString('base64');

async function refusal(p: Promise<unknown>): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected the operation to be refused');
}

async function xlsxRows(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.text));
    out.push(cells);
  });
  return out;
}

/** Every request the year approved and paid, with the reasons the chair gave. */
const paid: { id: number; voucherId: number }[] = [];
const overrides: { id: number; rule: string; reason: string }[] = [];

/** submit → review → the chair accepts each warning with a written reason → approve → the evidence asked for → pay → post. */
async function approveAndPay(id: number, payDate: string, reasons: Record<string, string> = {}): Promise<number> {
  await attachRequired(id);
  await l.call(kuaiji, 'spending.submit', { requestId: id });
  await l.call(zhuguan, 'spending.review', { requestId: id, note: '金额与名单核对无误' });
  const got = await l.call(zhuxi, 'spending.get', { requestId: id });
  for (const rule of new Set(got.latestCheck!.findings.filter((f) => f.severity === 'warn').map((f) => f.rule))) {
    const reason = reasons[rule] ?? '经工会委员会研究同意，按年度工作计划列支';
    await l.call(zhuxi, 'spending.override', { requestId: id, ruleId: rule, reason });
    overrides.push({ id, rule, reason });
  }
  await l.call(zhuxi, 'spending.approve', { requestId: id });
  await attachRequired(id);
  const p = await l.call(chuna, 'spending.pay', { requestId: id, date: payDate, bankOrCashAccountCode: '102' });
  await postThrough(l, { kuaiji, zhuguan, chuna }, p.voucher.id);
  paid.push({ id, voucherId: p.voucher.id });
  return p.voucher.id;
}

/** The evidence the form's checklist asks for (发票, 签领表, 活动方案 …), attached as files. */
async function attachRequired(id: number): Promise<void> {
  const req = await l.call(kuaiji, 'spending.get', { requestId: id });
  const have = new Set(req.evidence.map((e) => e.kind));
  for (const kind of req.requiredEvidence.filter((k) => !have.has(k))) {
    await l.call(kuaiji, 'spending.attach', { requestId: id, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: pdf() });
  }
}

function finding(r: SpendingRequestDetail, rule: string) {
  return r.latestCheck!.findings.find((f) => f.rule === rule);
}

/** The request is stopped at submission with `rule` and its citation, and stays a draft. */
async function blockedAt(r: SpendingRequestDetail, rule: string, citation: string | RegExp): Promise<void> {
  const f = finding(r, rule);
  expect(f, `${rule} on #${r.id}`).toBeDefined();
  expect(f!.severity).toBe('block');
  if (typeof citation === 'string') expect(f!.citation).toContain(citation);
  else expect(f!.citation).toMatch(citation);
  const e = await refusal(l.call(kuaiji, 'spending.submit', { requestId: r.id }));
  expect(e.code).toBe('RULE');
  expect(String(e.extra.rule)).toContain(`${rule}：`);
  expect((await l.call(kuaiji, 'spending.get', { requestId: r.id })).status).toBe('draft');
}

const voucherDebit = (voucherId: number): number =>
  (l.core.sqlite.prepare('SELECT coalesce(sum(debit), 0) AS n FROM voucher_lines WHERE voucher_id = ?').get(voucherId) as { n: number }).n;

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-12-28T02:00:00Z') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  chuna = await addUser(l, 'chuna', ['cashier']);
  zhuxi = await addUser(l, 'zhuxi', ['chair']);
  for (const [no, name, group] of [
    ['E001', '张三', '一组'],
    ['E002', '李四', '一组'],
    ['E003', '王五', '二组'],
    ['E004', '赵六', '二组'],
    ['E005', '孙七', '二组'],
  ] as const) {
    m[name] = addMember(l, { no, name, group });
  }
  m['周八'] = addMember(l, { no: 'R001', name: '周八', group: '退休组', status: 'retired', since: '2025-06-30' });
  const birth = l.core.sqlite.prepare('UPDATE members SET birth_date = ? WHERE id = ?');
  birth.run('1985-03-12', m['张三']);
  birth.run('1990-03-28', m['王五']);
  birth.run('1979-07-02', m['李四']);

  // S1: the approved budget (committee → 经审会 → upper level).
  await l.call(kuaiji, 'budget.saveDraft', {
    year: YEAR,
    lines: [
      { accountCode: '401', amountFen: 1_200_000 },
      { accountCode: '402', amountFen: 10_000_000 },
      { accountCode: '50102', amountFen: 300_000 },
      { accountCode: '50105', amountFen: 2_000_000 },
      { accountCode: '50302', amountFen: 400_000 },
      { accountCode: '50404', amountFen: 300_000 },
      { accountCode: '50106', amountFen: 100_000 },
      { accountCode: '50702', amountFen: 100_000 },
    ],
  });
  await l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'committee', date: '2026-01-08', documentNo: '工委会纪要〔2026〕1号' });
  await l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'review', date: '2026-01-12', documentNo: '经审〔2026〕1号', attachmentSha256: 'a'.repeat(64) });
  await l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'upper', date: '2026-01-20', documentNo: '市总工〔2026〕5号' });
  await l.call(zhuguan, 'budget.approve', { year: YEAR, version: 0 });
  // Money in the bank: the retained levy and the dues.
  const s = { kuaiji, zhuguan, chuna };
  await postVoucher(l, s, '2026-01-06', [
    { summary: '收到拨缴经费留成部分', accountCode: '102', debit: 5_000_000 },
    { summary: '收到拨缴经费留成部分', accountCode: '402', credit: 5_000_000, fundNature: 'general' },
  ]);
  await postVoucher(l, s, '2026-01-06', [
    { summary: '收一月会费', accountCode: '102', debit: 100_000 },
    { summary: '收一月会费', accountCode: '401', credit: 100_000, fundNature: 'general' },
  ]);
}, 60_000);
afterAll(() => l.close());

describe('a year of spending under the eight prohibitions (FJ-2018)', () => {
  let springBatch = 0;
  let birthdayBatch = 0;
  let midAutumnBatch = 0;

  it('Spring Festival goods to every member in service: one request, approved, paid, posted (S4)', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', {
      kind: 'festival_all_active', date: '2026-01-20', festival: '春节', amountPerPersonFen: 60_000, item: '大米一袋、食用油一桶',
      paymentMethod: '银行转账', benefitForm: '实物', payeeName: '某某超市',
    });
    expect(r.recipientCount).toBe(5); // the retiree is not "in service"
    expect(r.request.amountFen).toBe(300_000);
    expect(r.findings.filter((f) => f.severity === 'block')).toEqual([]);
    springBatch = r.request.id;
    await approveAndPay(springBatch, '2026-01-22');
  });

  it('the March birthday list: cake vouchers for the two members born in March (S10)', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', {
      kind: 'birthday_month', date: '2026-03-01', month: 3, amountPerPersonFen: 20_000, item: '生日蛋糕券', paymentMethod: '蛋糕券', payeeName: '某某蛋糕店',
    });
    expect(r.request.recipients.map((x) => x.name).sort()).toEqual(['张三', '王五']);
    birthdayBatch = r.request.id;
    await approveAndPay(birthdayBatch, '2026-03-03');
  });

  it('a 三八 gift is not a 年节: CHK-FEST-1 warns and the chair accepts it with a reason (S6)', async () => {
    const r = await l.call(kuaiji, 'spending.save', {
      type: '节日慰问', purpose: '三八妇女节女职工慰问品', date: '2026-03-06', accountCode: '50105', amountFen: 10_000,
      payee: { kind: 'supplier', name: '某某花店' }, paymentMethod: '银行转账', budgetRef: null,
      recipients: [{ memberId: m['李四']!, amountFen: 10_000, item: '鲜花、护手霜' }],
      details: { festival: '三八妇女节', benefitForm: '实物' },
    });
    const f = finding(r, 'CHK-FEST-1');
    expect(f?.severity).toBe('warn');
    expect(f?.citation).toContain('第八条(四)');
    // Approval is refused until the chair gives a reason.
    await l.call(kuaiji, 'spending.submit', { requestId: r.id });
    await l.call(zhuguan, 'spending.review', { requestId: r.id });
    const e = await refusal(l.call(zhuxi, 'spending.approve', { requestId: r.id }));
    expect(e.message).toContain('CHK-FEST-1');
    expect((await refusal(l.call(zhuxi, 'spending.override', { requestId: r.id, ruleId: 'CHK-FEST-1', reason: '太短' }))).code).toBe('VALIDATION');
    // approveAndPay would submit again: finish by hand.
    await l.call(zhuxi, 'spending.override', { requestId: r.id, ruleId: 'CHK-FEST-1', reason: '经工会委员会研究，三八节女职工慰问按工会活动列支，金额较小' });
    overrides.push({ id: r.id, rule: 'CHK-FEST-1', reason: '经工会委员会研究，三八节女职工慰问按工会活动列支，金额较小' });
    for (const w of (await l.call(zhuxi, 'spending.get', { requestId: r.id })).latestCheck!.findings.filter((x) => x.severity === 'warn' && x.rule !== 'CHK-FEST-1')) {
      await l.call(zhuxi, 'spending.override', { requestId: r.id, ruleId: w.rule, reason: '按年度工作计划列支，已核对' });
    }
    await l.call(zhuxi, 'spending.approve', { requestId: r.id });
    await attachRequired(r.id);
    const p = await l.call(chuna, 'spending.pay', { requestId: r.id, date: '2026-03-08', bankOrCashAccountCode: '102' });
    await postThrough(l, { kuaiji, zhuguan, chuna }, p.voucher.id);
    paid.push({ id: r.id, voucherId: p.voucher.id });
    const after = await l.call(kuaiji, 'spending.get', { requestId: r.id });
    expect(after.overrides.find((o) => o.rule === 'CHK-FEST-1')?.user).toBe('zhuxi');
  });

  it('sports day: 12 prizes for 20 entrants pass the two-thirds rule (S7)', async () => {
    const r = await l.call(kuaiji, 'spending.save', {
      type: '文体活动', purpose: '职工趣味运动会奖品', date: '2026-04-25', accountCode: '50102', amountFen: 120_000,
      payee: { kind: 'supplier', name: '某某体育用品店' }, paymentMethod: '银行转账',
      details: { activityRef: '工会〔2026〕4号 运动会方案', competition: { participants: 20, tiers: [
        { name: '一等奖', winners: 2, amountFenEach: 20_000 },
        { name: '二等奖', winners: 4, amountFenEach: 10_000 },
        { name: '三等奖', winners: 6, amountFenEach: 6_666 },
      ] } },
    });
    expect(finding(r, 'CHK-PRIZE-1')).toBeUndefined();
    // 14 winners of 20 would be over ⌊20 × 2/3⌋ = 13.
    const over = await l.call(kuaiji, 'spending.save', {
      id: r.id, type: '文体活动', purpose: '职工趣味运动会奖品', date: '2026-04-25', accountCode: '50102', amountFen: 120_000,
      payee: { kind: 'supplier', name: '某某体育用品店' }, paymentMethod: '银行转账',
      details: { activityRef: '工会〔2026〕4号 运动会方案', competition: { participants: 20, tiers: [{ name: '参与奖', winners: 14, amountFenEach: 8_000 }] } },
    });
    expect(finding(over, 'CHK-PRIZE-1')?.citation).toContain('三分之二');
    const fixed = await l.call(kuaiji, 'spending.save', {
      id: r.id, type: '文体活动', purpose: '职工趣味运动会奖品', date: '2026-04-25', accountCode: '50102', amountFen: 120_000,
      payee: { kind: 'supplier', name: '某某体育用品店' }, paymentMethod: '银行转账',
      details: { activityRef: '工会〔2026〕4号 运动会方案', competition: { participants: 20, tiers: [{ name: '一等奖', winners: 12, amountFenEach: 10_000 }] } },
    });
    expect(finding(fixed, 'CHK-PRIZE-1')).toBeUndefined();
    await approveAndPay(fixed.id, '2026-04-28');
  });

  it('a hospital visit: 500 元 to the member by transfer (S9)', async () => {
    const r = await l.call(kuaiji, 'spending.save', {
      type: '住院', purpose: '赵六住院慰问金', date: '2026-06-10', accountCode: '50105', amountFen: 50_000,
      payee: { kind: 'member', name: '赵六', memberId: m['赵六']! }, paymentMethod: '银行转账',
      recipients: [{ memberId: m['赵六']!, amountFen: 50_000 }], details: { hospital: { surgery: false, illness: '阑尾炎' } },
    });
    // Only the proof of the stay is missing (CHK-ATT-2), which approveAndPay attaches.
    expect(r.latestCheck!.findings.filter((f) => f.severity === 'block').map((f) => f.rule)).toEqual(['CHK-ATT-2']);
    await approveAndPay(r.id, '2026-06-12');
  });

  it('hardship aid under a case (建档 → 帮扶 → 脱困退出), decided collectively (S4, S5)', async () => {
    const c = await l.call(zhuxi, 'hardship.open', { memberId: m['孙七']!, date: '2026-05-06', householdSize: 4, reasons: ['因病致困'], notes: '配偶长期患病' });
    await l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '帮扶', date: '2026-05-10', reason: '列入年度帮扶计划' });
    const r = await l.call(kuaiji, 'spending.save', {
      type: '困难帮扶', purpose: '孙七困难帮扶金', date: '2026-05-12', accountCode: '50404', amountFen: 150_000,
      payee: { kind: 'member', name: '孙七', memberId: m['孙七']! }, paymentMethod: '银行转账',
      recipients: [{ memberId: m['孙七']!, amountFen: 150_000 }], hardshipCaseId: c.id,
    });
    expect(finding(r, 'CHK-APP-1')?.severity).toBe('block'); // hardship grants are decided collectively (R-APP ◐)
    await l.call(kuaiji, 'spending.attach', { requestId: r.id, kind: '会议纪要', filename: '会议纪要.pdf', mimeType: 'application/pdf', base64: pdf() });
    await l.call(kuaiji, 'spending.recordDecision', { requestId: r.id, decision: { minutesNo: '工委会纪要〔2026〕6号', date: '2026-05-11', attendees: 7, votesFor: 7 } });
    await approveAndPay(r.id, '2026-05-15');
    // S11 金秋助学: the child admitted to university, under the same case, decided collectively.
    const school = await l.call(kuaiji, 'spending.save', {
      type: '金秋助学', purpose: '孙七之子考入大学金秋助学金', date: '2026-08-20', accountCode: '50404', amountFen: 100_000,
      payee: { kind: 'member', name: '孙七', memberId: m['孙七']! }, paymentMethod: '银行转账',
      recipients: [{ memberId: m['孙七']!, amountFen: 100_000 }], hardshipCaseId: c.id,
    });
    await l.call(kuaiji, 'spending.attach', { requestId: school.id, kind: '会议纪要', filename: '会议纪要.pdf', mimeType: 'application/pdf', base64: pdf() });
    await l.call(kuaiji, 'spending.recordDecision', { requestId: school.id, decision: { minutesNo: '工委会纪要〔2026〕9号', date: '2026-08-18' } });
    await approveAndPay(school.id, '2026-08-25');
    const after = await l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '脱困退出', date: '2026-11-30', reason: '配偶病愈，家庭收入恢复' });
    expect(after.aidCount).toBe(2);
    expect(after.aidFen).toBe(250_000);
    expect(after.steps.map((x) => x.toStatus)).toEqual(['建档', '帮扶', '脱困退出']);
    const sum = await l.call(zhuxi, 'hardship.summary', { year: YEAR });
    expect(sum).toMatchObject({ households: 1, persons: 1, personTimes: 2, totalFen: 250_000, unlinkedRequests: 0 });
    // Aid to a closed case is refused.
    const late = await refusal(l.call(kuaiji, 'spending.save', {
      type: '困难帮扶', purpose: '孙七困难帮扶金', date: '2026-12-10', accountCode: '50404', amountFen: 50_000,
      payee: { kind: 'member', name: '孙七', memberId: m['孙七']! }, paymentMethod: '银行转账',
      recipients: [{ memberId: m['孙七']!, amountFen: 50_000 }], hardshipCaseId: c.id,
    }));
    expect(late.message).toContain('脱困退出');
  });

  it('the blocked requests are each caught with the right rule and citation', async () => {
    const base = (over: Partial<Save>): Save => ({
      type: '其他', purpose: '', date: '2026-09-15', accountCode: '50106', amountFen: 100_000,
      payee: { kind: 'supplier', name: '某某公司' }, paymentMethod: '银行转账', ...over,
    });
    // A festival gift as shopping cards.
    await blockedAt(
      await l.call(kuaiji, 'spending.save', base({
        type: '节日慰问', purpose: '中秋节慰问', accountCode: '50105', amountFen: 50_000, paymentMethod: '购物卡',
        recipients: [{ memberId: m['李四']!, amountFen: 50_000, item: '超市购物卡' }], details: { festival: '中秋节' },
      })),
      'CHK-CARD-1', '总工办发〔2014〕23号',
    );
    // Over 张三's cap: 600 (春节) + 800 = 1,400 > 1,300.
    const cap = await l.call(kuaiji, 'spending.save', base({
      type: '节日慰问', purpose: '中秋节慰问品（月饼）', accountCode: '50105', amountFen: 80_000, paymentMethod: '银行转账',
      recipients: [{ memberId: m['张三']!, amountFen: 80_000, item: '月饼' }], details: { festival: '中秋节', benefitForm: '实物' },
    }));
    expect(finding(cap, 'CHK-FEST-2')?.message).toBe('张三本年节日慰问已领 600.00 元，本次 800.00 元，超出上限 1,300.00 元 100.00 元。');
    await blockedAt(cap, 'CHK-FEST-2', '闽工〔2018〕158号');
    // A banquet.
    await blockedAt(await l.call(kuaiji, 'spending.save', base({ purpose: '中秋答谢宴请合作单位', payee: { kind: 'supplier', name: '某某大酒店' } })), 'CHK-BBZ-1', '不准使用工会经费请客送礼');
    // A two-day trip.
    await blockedAt(
      await l.call(kuaiji, 'spending.save', base({
        type: '春秋游', purpose: '秋游（两天一晚）', accountCode: '50105', amountFen: 300_000, payee: { kind: 'supplier', name: '某某旅行社' },
        details: { outing: { days: 2, destination: '黄山', topUpFen: 0 } },
      })),
      'CHK-OUT-2', '当日往返',
    );
    // 3,000 元 cash to a supplier.
    await blockedAt(
      await l.call(kuaiji, 'spending.save', base({
        type: '设备购置', purpose: '职工之家棋类用品', accountCode: '50302', amountFen: 300_000, paymentMethod: '现金', payee: { kind: 'supplier', name: '某某文体用品店' },
      })),
      'CHK-CASH-1', '现金管理暂行条例',
    );
    // The employer's office.
    await blockedAt(
      await l.call(kuaiji, 'spending.save', base({ type: '设备购置', purpose: '购置办公桌椅', accountCode: '50702', amountFen: 90_000, payee: { kind: 'employer', name: '公司行政办公室' } })),
      'CHK-BBZ-4', '小金库',
    );
    // Mid-Autumn goods to retirees (保留会籍) under the default R-RET (S14).
    const ret = await l.call(kuaiji, 'spending.batch.prepare', {
      kind: 'retiree_visit', date: '2026-09-20', festival: '中秋节', amountPerPersonFen: 20_000, item: '月饼一盒', paymentMethod: '实物', payeeName: '某某食品厂',
    });
    await blockedAt(ret.request, 'CHK-MEM-1', '章程');
  });

  it('Mid-Autumn goods to every member in service, within each cap (S14)', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', {
      kind: 'festival_all_active', date: '2026-09-20', festival: '中秋节', amountPerPersonFen: 50_000, item: '月饼一盒、水果一箱',
      paymentMethod: '实物', payeeName: '某某食品厂',
    });
    expect(r.findings.filter((f) => f.severity === 'block')).toEqual([]);
    midAutumnBatch = r.request.id;
    await approveAndPay(midAutumnBatch, '2026-09-22');
  });

  it('the budget room is net of approved-but-unpaid requests (CHK-BUD-1)', async () => {
    // 50302 has 4,000 元. Approve 2,500 元 and leave it unpaid: another 2,000 元 is over by 500 元.
    const a = await l.call(kuaiji, 'spending.save', {
      type: '设备购置', purpose: '职工书屋图书', date: '2026-10-10', accountCode: '50302', amountFen: 250_000,
      payee: { kind: 'supplier', name: '某某书店' }, paymentMethod: '银行转账',
    });
    expect(finding(a, 'CHK-BUD-1')).toBeUndefined();
    await l.call(kuaiji, 'spending.submit', { requestId: a.id });
    await l.call(zhuguan, 'spending.review', { requestId: a.id });
    for (const w of (await l.call(zhuxi, 'spending.get', { requestId: a.id })).latestCheck!.findings.filter((f) => f.severity === 'warn')) {
      await l.call(zhuxi, 'spending.override', { requestId: a.id, ruleId: w.rule, reason: '职工书屋建设，已列入年度计划' });
    }
    await l.call(zhuxi, 'spending.approve', { requestId: a.id });
    const b = await l.call(kuaiji, 'spending.save', {
      type: '设备购置', purpose: '职工之家乒乓球台', date: '2026-10-12', accountCode: '50302', amountFen: 200_000,
      payee: { kind: 'supplier', name: '某某文体用品店' }, paymentMethod: '银行转账',
    });
    const f = finding(b, 'CHK-BUD-1');
    expect(f?.message).toContain('余额 1,500.00 元');
    expect(f?.message).toContain('已扣除已批准未记账的 1 笔 2,500.00 元');
    expect(f?.message).toContain('超出 500.00 元');
    // Paid, its voucher still a draft: still deducted as committed (the draft is not in the actuals).
    await attachRequired(a.id);
    const p = await l.call(chuna, 'spending.pay', { requestId: a.id, date: '2026-10-15', bankOrCashAccountCode: '102' });
    const meanwhile = await l.call(kuaiji, 'spending.save', {
      id: b.id, type: '设备购置', purpose: '职工之家乒乓球台', date: '2026-10-12', accountCode: '50302', amountFen: 200_000,
      payee: { kind: 'supplier', name: '某某文体用品店' }, paymentMethod: '银行转账',
    });
    expect(finding(meanwhile, 'CHK-BUD-1')?.message).toContain('已扣除已批准未记账的 1 笔 2,500.00 元');
    // Once the voucher is posted, the room comes from the books (a payment dated after the request
    // counts too) and the figure is the same.
    await postThrough(l, { kuaiji, zhuguan, chuna }, p.voucher.id);
    paid.push({ id: a.id, voucherId: p.voucher.id });
    const again = await l.call(kuaiji, 'spending.save', {
      id: b.id, type: '设备购置', purpose: '职工之家乒乓球台', date: '2026-10-12', accountCode: '50302', amountFen: 200_000,
      payee: { kind: 'supplier', name: '某某文体用品店' }, paymentMethod: '银行转账',
    });
    expect(finding(again, 'CHK-BUD-1')?.message).toContain('余额 1,500.00 元');
    expect(finding(again, 'CHK-BUD-1')?.message).not.toContain('已扣除');
    await l.call(kuaiji, 'spending.withdraw', { requestId: b.id, reason: '超出预算，明年再购' });
  });

  it("the administrator's new version of the preset applies from its date only, and the old one is kept", async () => {
    const list = await l.call(admin, 'spending.rules.list', {});
    expect(list.activePresetId).toBe('FJ-2018');
    expect(list.versions.map((v) => v.ruleSetVersion)).toEqual(['FJ-2018/v1']);
    const v1 = await l.call(admin, 'spending.rules.get', { presetId: 'FJ-2018', version: 1 });
    expect(v1.editable.festivalCapFen).toBe(130_000);
    const capRow = v1.rules.find((r) => r.rule === 'CHK-FEST-2');
    expect(capRow?.value).toBe('1,300.00 元');
    expect(capRow?.citation).toContain('闽工〔2018〕158号');
    // Only the administrator edits; nothing changed is refused; a date before v1 is refused.
    expect((await refusal(l.call(zhuxi, 'spending.rules.createVersion', { presetId: 'FJ-2018', basedOn: 1, effectiveFrom: '2026-11-01', reason: '省总工会新通知', rules: v1.editable }))).code).toBe('FORBIDDEN');
    expect((await refusal(l.call(admin, 'spending.rules.createVersion', { presetId: 'FJ-2018', basedOn: 1, effectiveFrom: '2026-11-01', reason: '省总工会新通知', rules: v1.editable }))).message).toContain('没有任何改动');
    const edited = { ...v1.editable, festivalCapFen: 150_000 };
    expect((await refusal(l.call(admin, 'spending.rules.createVersion', { presetId: 'FJ-2018', basedOn: 1, effectiveFrom: '2017-12-31', reason: '省总工会新通知', rules: edited }))).extra.field).toBe('effectiveFrom');
    const v2 = await l.call(admin, 'spending.rules.createVersion', { presetId: 'FJ-2018', basedOn: 1, effectiveFrom: '2026-11-01', reason: '闽工〔2026〕88号 调整节日慰问标准', rules: edited });
    expect(v2).toMatchObject({ ruleSetVersion: 'FJ-2018/v2', origin: 'admin', basedOn: 1, effectiveFrom: '2026-11-01', inForce: true, createdBy: '王管理' });
    expect(v2.rules.find((r) => r.rule === 'CHK-FEST-2')?.value).toBe('1,500.00 元');
    expect(v2.rules.find((r) => r.rule === 'CHK-FEST-2')?.citation).toBe(
      '支出标准预设 FJ-2018 v2：闽工〔2026〕88号 调整节日慰问标准（据《福建省基层工会经费收支管理实施办法》闽工〔2018〕158号修订）（2026-11-01） 节日慰问上限（◐）',
    );
    expect((await l.call(admin, 'spending.rules.get', { presetId: 'FJ-2018', version: 1 })).editable.festivalCapFen).toBe(130_000);
    const audit = l.core.sqlite.prepare("SELECT after_json FROM audit_log WHERE operation = 'spending.rules.createVersion'").all() as { after_json: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).toContain('节日慰问每人每年上限：1,300.00 元 → 1,500.00 元');

    // 张三 has 1,100 元 of festival gifts. 300 元 more: 1,400 元.
    const gift = (date: string, festival: string): Save => ({
      type: '节日慰问', purpose: `${festival}慰问品`, date, accountCode: '50105', amountFen: 30_000,
      payee: { kind: 'supplier', name: '某某超市' }, paymentMethod: '银行转账',
      recipients: [{ memberId: m['张三']!, amountFen: 30_000, item: '水果一箱' }], details: { festival, benefitForm: '实物' },
    });
    const before = await l.call(kuaiji, 'spending.save', gift('2026-10-01', '国庆节'));
    expect(before.latestCheck!.ruleSetVersion).toBe('FJ-2018/v1');
    expect(finding(before, 'CHK-FEST-2')?.severity).toBe('block');
    await l.call(kuaiji, 'spending.withdraw', { requestId: before.id });
    const after = await l.call(kuaiji, 'spending.save', gift('2026-12-30', '新年'));
    expect(after.latestCheck!.ruleSetVersion).toBe('FJ-2018/v2');
    expect(finding(after, 'CHK-FEST-2')).toBeUndefined();
    await approveAndPay(after.id, '2026-12-30');
  });

  it('the benefit register and the sign-off rosters agree with the posted vouchers', async () => {
    // Every paid request: voucher posted, its debit = the request = Σ its recipients.
    for (const p of paid) {
      const r = await l.call(kuaiji, 'spending.get', { requestId: p.id });
      expect(r.status).toBe('paid');
      expect(r.voucherId).toBe(p.voucherId);
      const status = l.core.sqlite.prepare('SELECT status FROM vouchers WHERE id = ?').pluck().get(p.voucherId);
      expect(status).toBe('posted');
      expect(voucherDebit(p.voucherId)).toBe(r.amountFen);
      if (r.recipients.length > 0) expect(r.recipients.reduce((s, x) => s + x.amountFen, 0)).toBe(r.amountFen);
    }
    // The rosters: the 合计 of each printed 签领表 = the voucher.
    for (const [id, people] of [[springBatch, 5], [birthdayBatch, 2], [midAutumnBatch, 5]] as const) {
      const x = await l.call(kuaiji, 'spending.rosterPrint', { requestId: id, format: 'xlsx' });
      const total = (await xlsxRows(x.base64)).find((cells) => cells.includes('合计'))!;
      expect(total).toContain(`共 ${people} 人`);
      const voucherId = paid.find((p) => p.id === id)!.voucherId;
      expect(total.map((c) => c.replace(/,/g, '')).some((c) => c !== '' && Number(c) === voucherDebit(voucherId) / 100)).toBe(true);
    }
    // Per member: the register's total = Σ the member's lines on requests whose vouchers are posted.
    for (const name of ['张三', '李四', '王五', '赵六', '孙七']) {
      const reg = await l.call(kuaiji, 'spending.benefits', { memberId: m[name]!, year: YEAR });
      const fromVouchers = (
        l.core.sqlite
          .prepare(
            `SELECT coalesce(sum(r.amount_fen), 0) AS n FROM spending_recipients r JOIN spending_requests q ON q.id = r.request_id
             JOIN vouchers v ON v.id = q.voucher_id WHERE v.status = 'posted' AND r.member_id = ?`,
          )
          .get(m[name]!) as { n: number }
      ).n;
      expect(reg.totalFen, name).toBe(fromVouchers);
      expect(reg.lines.flatMap((x) => x.entries).every((e) => paid.some((p) => p.voucherId === e.voucherId))).toBe(true);
    }
    const zhang = await l.call(kuaiji, 'spending.benefits', { memberId: m['张三']!, year: YEAR });
    const fest = zhang.lines.find((x) => x.key === 'festival')!;
    expect(fest).toMatchObject({ receivedFen: 140_000, capFen: 150_000, remainingFen: 10_000, count: 3 });
    expect(zhang.ruleSetVersion).toBe('FJ-2018/v2');
    expect(zhang.lines.find((x) => x.key === 'birthday')).toMatchObject({ receivedFen: 20_000, count: 1 });
    // The chair's reasons stay with the expenses.
    for (const o of overrides) {
      const r = await l.call(kuaiji, 'spending.get', { requestId: o.id });
      expect(r.overrides.find((x) => x.rule === o.rule)?.reason).toBe(o.reason);
    }
    expect(overrides.some((o) => o.rule === 'CHK-FEST-1')).toBe(true);
    // Nothing of the blocked or withdrawn requests reached the books.
    const stray = l.core.sqlite
      .prepare("SELECT count(*) FROM spending_requests WHERE status <> 'paid' AND voucher_id IS NOT NULL")
      .pluck()
      .get();
    expect(stray).toBe(0);
  });
});

