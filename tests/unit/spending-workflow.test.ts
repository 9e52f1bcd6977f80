// Expense requests through the operations (issue 5): the blocked scenarios are refused at
// spending.save/submit with the right rule and citation; warnings need the chair's written reason;
// approval, payment (a draft voucher linked to the request), posting; the benefit register; the
// audit trail. Preset FJ-2018: festival gifts at most 1,300 元 per member per year.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, client, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember, postThrough } from '../helpers/dues';
import type { ClientRef } from '../../src/main/core/context';
import type { OpInput } from '../../src/main/contract/operations';
import { CoreError } from '../../src/main/core/errors';

let l: TestLedger;
let kuaiji: ClientRef;
let zhuguan: ClientRef;
let chuna: ClientRef;
let zhuxi: ClientRef;
let zhang: number;
let li: number;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-10-08T02:00:00Z') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  chuna = await addUser(l, 'chuna', ['cashier']);
  zhuxi = await addUser(l, 'zhuxi', ['chair']);
  zhang = addMember(l, { no: 'E001', name: '张三' });
  li = addMember(l, { no: 'E002', name: '李四' });
});
afterEach(() => l.close());

type Save = OpInput<'spending.save'>;

const festivalGift = (over: Partial<Save> = {}): Save => ({
  type: '节日慰问',
  purpose: '春节慰问品（大米、食用油）',
  date: '2026-02-10',
  accountCode: '50105',
  amountFen: 120000,
  payee: { kind: 'supplier', name: '某某超市' },
  paymentMethod: '银行转账',
  recipients: [
    { memberId: zhang, amountFen: 60000, item: '大米一袋、食用油一桶' },
    { memberId: li, amountFen: 60000, item: '大米一袋、食用油一桶' },
  ],
  details: { festival: '春节' },
  ...over,
});

let fileNo = 0;
const pdf = () => Buffer.from(`%PDF-1.4 spending evidence ${++fileNo}`).toString('base64');

async function refusal(p: Promise<unknown>): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected the operation to be refused');
}

/** submit → review → the chair accepts the no-budget warning with a reason → approve → evidence → pay → voucher posted. */
async function approveAndPay(id: number, date: string): Promise<number> {
  await l.call(kuaiji, 'spending.submit', { requestId: id });
  await l.call(zhuguan, 'spending.review', { requestId: id, note: '金额与名单核对无误' });
  await l.call(zhuxi, 'spending.override', { requestId: id, ruleId: 'CHK-BUD-1', reason: '年度预算尚在编制中，按上年同期标准先行列支' });
  await l.call(zhuxi, 'spending.approve', { requestId: id });
  for (const kind of ['发票', '明细清单', '签领表'] as const) {
    await l.call(kuaiji, 'spending.attach', { requestId: id, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: pdf() });
  }
  const paid = await l.call(chuna, 'spending.pay', { requestId: id, date, bankOrCashAccountCode: '102' });
  await postThrough(l, { kuaiji, zhuguan, chuna }, paid.voucher.id);
  return paid.voucher.id;
}

describe('blocked requests are refused with the rule and its citation', () => {
  it('a festival gift as shopping cards (CHK-CARD-1)', async () => {
    const saved = await l.call(kuaiji, 'spending.save', festivalGift({ purpose: '中秋节慰问', date: '2026-09-20', paymentMethod: '购物卡', details: { festival: '中秋节' } }));
    const card = saved.latestCheck!.findings.find((f) => f.rule === 'CHK-CARD-1');
    expect(card?.severity).toBe('block');
    expect(card?.message).toContain('购物卡');
    expect(card?.citation).toContain('总工办发〔2014〕23号');
    expect(card?.fix).toContain('实物');
    expect(saved.latestCheck!.ruleSetVersion).toBe('FJ-2018/v1');
    const e = await refusal(l.call(kuaiji, 'spending.submit', { requestId: saved.id }));
    expect(e.code).toBe('RULE');
    expect(e.extra.rule).toMatch(/^CHK-CARD-1：总工办发〔2014〕23号/);
    const after = await l.call(kuaiji, 'spending.get', { requestId: saved.id });
    expect(after.status).toBe('draft');
    // The refused submission's own check run is kept, with its stage.
    expect(after.checks.map((c) => c.stage)).toEqual(['save', 'submit']);
  });

  it("a festival gift over a member's cap, counting an earlier paid request (CHK-FEST-2)", async () => {
    const first = await l.call(kuaiji, 'spending.save', festivalGift());
    await approveAndPay(first.id, '2026-02-12');
    const second = await l.call(
      kuaiji,
      'spending.save',
      festivalGift({ purpose: '中秋节慰问品（月饼）', date: '2026-09-20', amountFen: 80000, recipients: [{ memberId: zhang, amountFen: 80000, item: '月饼' }], details: { festival: '中秋节' } }),
    );
    const cap = second.latestCheck!.findings.find((f) => f.rule === 'CHK-FEST-2');
    expect(cap?.severity).toBe('block');
    expect(cap?.message).toBe('张三本年节日慰问已领 600.00 元，本次 800.00 元，超出上限 1,300.00 元 100.00 元。');
    expect(cap?.citation).toContain('FJ-2018');
    expect(cap?.citation).toContain('闽工〔2018〕158号');
    expect(cap?.memberId).toBe(zhang);
    const e = await refusal(l.call(kuaiji, 'spending.submit', { requestId: second.id }));
    expect(e.extra.rule).toMatch(/^CHK-FEST-2：支出标准预设 FJ-2018/);
    expect(e.message).toContain('降至 700.00 元以内');
  });

  it('a banquet (CHK-BBZ-1)', async () => {
    const saved = await l.call(kuaiji, 'spending.save', {
      type: '其他',
      purpose: '年终答谢宴请合作单位',
      date: '2026-12-20',
      accountCode: '50106',
      amountFen: 500000,
      payee: { kind: 'supplier', name: '某某大酒店' },
      paymentMethod: '银行转账',
    });
    expect(saved.latestCheck!.findings.find((f) => f.rule === 'CHK-BBZ-1')?.message).toBe('用途含“宴请、答谢宴”，属请客送礼，金额 5,000.00 元。');
    const e = await refusal(l.call(kuaiji, 'spending.submit', { requestId: saved.id }));
    expect(e.extra.rule).toContain('CHK-BBZ-1：八不准 BBZ-1');
    expect(e.extra.rule).toContain('不准使用工会经费请客送礼');
  });

  it("a payment for the employer's office (CHK-BBZ-4)", async () => {
    const saved = await l.call(kuaiji, 'spending.save', {
      type: '设备购置',
      purpose: '购置办公桌椅',
      date: '2026-04-02',
      accountCode: '50702',
      amountFen: 860000,
      payee: { kind: 'employer', name: '公司行政办公室' },
      paymentMethod: '银行转账',
    });
    const f = saved.latestCheck!.findings.find((x) => x.rule === 'CHK-BBZ-4');
    expect(f?.severity).toBe('block');
    expect(f?.message).toContain('公司行政办公室');
    const e = await refusal(l.call(kuaiji, 'spending.submit', { requestId: saved.id }));
    expect(e.extra.rule).toContain('CHK-BBZ-4：八不准 BBZ-4');
  });
});

describe('approval and payment', () => {
  it('a warning is accepted by the chair with a reason, then approved, paid and posted', async () => {
    const saved = await l.call(kuaiji, 'spending.save', festivalGift());
    expect(saved.latestCheck!.blocked).toBe(false);
    expect(saved.latestCheck!.findings.map((f) => [f.rule, f.severity])).toEqual([['CHK-BUD-1', 'warn']]);
    expect(saved.requiredEvidence).toEqual(expect.arrayContaining(['发票', '签领表', '明细清单']));
    await l.call(kuaiji, 'spending.submit', { requestId: saved.id });
    // Only the supervisor reviews; only the chair approves and overrides.
    expect((await refusal(l.call(zhuxi, 'spending.review', { requestId: saved.id }))).code).toBe('FORBIDDEN');
    await l.call(zhuguan, 'spending.review', { requestId: saved.id });
    expect((await refusal(l.call(zhuguan, 'spending.override', { requestId: saved.id, ruleId: 'CHK-BUD-1', reason: '年度预算尚在编制中，先行列支' }))).code).toBe('FORBIDDEN');
    // The warning has no reason yet: no approval.
    const noReason = await refusal(l.call(zhuxi, 'spending.approve', { requestId: saved.id }));
    expect(noReason.message).toContain('CHK-BUD-1');
    expect(noReason.extra.rule).toMatch(/^CHK-BUD-1：/);
    // A reason under 10 characters is refused.
    expect((await refusal(l.call(zhuxi, 'spending.override', { requestId: saved.id, ruleId: 'CHK-BUD-1', reason: '同意' }))).code).toBe('VALIDATION');
    const reason = '年度预算尚在编制中，按上年同期标准先行列支';
    const o = await l.call(zhuxi, 'spending.override', { requestId: saved.id, ruleId: 'CHK-BUD-1', reason });
    expect(o.overrides).toEqual([expect.objectContaining({ rule: 'CHK-BUD-1', reason, user: 'zhuxi' })]);
    expect(o.latestCheck!.findings[0]!.overridden?.reason).toBe(reason);
    const approved = await l.call(zhuxi, 'spending.approve', { requestId: saved.id });
    expect(approved.status).toBe('approved');

    // Paying asks for the evidence now.
    const missing = await refusal(l.call(chuna, 'spending.pay', { requestId: saved.id, date: '2026-02-12', bankOrCashAccountCode: '102' }));
    expect(missing.extra.rule).toMatch(/^CHK-ATT-2：/);
    expect(missing.message).toContain('签领表');
    for (const kind of ['发票', '明细清单', '签领表'] as const) {
      await l.call(kuaiji, 'spending.attach', { requestId: saved.id, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: pdf() });
    }
    expect((await refusal(l.call(kuaiji, 'spending.pay', { requestId: saved.id, date: '2026-02-12', bankOrCashAccountCode: '102' }))).code).toBe('FORBIDDEN');
    const paid = await l.call(chuna, 'spending.pay', { requestId: saved.id, date: '2026-02-12', bankOrCashAccountCode: '102' });
    expect(paid.request.status).toBe('paid');
    expect(paid.request.voucherId).toBe(paid.voucher.id);
    const v = paid.voucher;
    expect(v.status).toBe('draft');
    expect(v.source).toBe(`spending:${saved.id}`);
    expect(v.attachments).toBe(3);
    expect(v.files).toHaveLength(3);
    expect(v.lines.map((x) => [x.accountCode, x.debit, x.credit, x.fundNature, x.expenseType])).toEqual([
      ['50105', 120000, 0, 'general', 'basic'],
      ['102', 0, 120000, null, null],
    ]);
    expect(v.lines[0]!.summary).toBe('节日慰问（春节）：春节慰问品（大米、食用油）');
    // The generated draft is not edited by hand.
    const edit = await refusal(
      l.call(kuaiji, 'vouchers.save', { id: v.id, date: '2026-02-12', word: '记', attachments: 3, kind: 'normal', lines: v.lines.map((x) => ({ ...x, summary: '改' })) }),
    );
    expect(edit.code).toBe('CONFLICT');
    await postThrough(l, { kuaiji, zhuguan, chuna }, v.id);
    expect((await l.call(zhuguan, 'vouchers.get', { id: v.id })).status).toBe('posted');
    const bal = l.core.sqlite.prepare("SELECT debit FROM ledger_balances WHERE account_code = '50105' AND period = '2026-02'").get() as { debit: number };
    expect(bal.debit).toBe(120000);

    const final = await l.call(zhuxi, 'spending.get', { requestId: saved.id });
    expect(final.steps.map((s) => [s.action, s.user])).toEqual([
      ['create', 'kuaiji'],
      ['submit', 'kuaiji'],
      ['review', 'zhuguan'],
      ['approve', 'zhuxi'],
      ['pay', 'chuna'],
    ]);
    expect(final.checks.every((c) => c.ruleSetVersion === 'FJ-2018/v1')).toBe(true);
    expect(final.checks.at(-1)!.stage).toBe('pay');

    // Every step is in the audit trail, refusals included.
    const audit = await l.call(client('admin'), 'audit.list', { entity: 'spending_request', pageSize: 200 });
    const mine = audit.rows.filter((r) => r.entityId === String(saved.id)).map((r) => r.operation).reverse();
    expect(mine).toEqual([
      'spending.save',
      'spending.submit',
      'spending.review',
      'spending.approve', // refused: warning without a reason
      'spending.override',
      'spending.approve',
      'spending.pay', // refused: evidence missing
      'spending.attach',
      'spending.attach',
      'spending.attach',
      'spending.pay',
    ]);
    expect((await l.call(client('admin'), 'audit.verify', {})).ok).toBe(true);
  });

  it('nobody approves their own request', async () => {
    const saved = await l.call(zhuxi, 'spending.save', festivalGift());
    await l.call(zhuxi, 'spending.submit', { requestId: saved.id });
    await l.call(zhuguan, 'spending.review', { requestId: saved.id });
    const e = await refusal(l.call(zhuxi, 'spending.approve', { requestId: saved.id }));
    expect(e.code).toBe('RULE');
    expect(e.message).toContain('不能审批本人提出的支出申请');
    expect((await refusal(l.call(zhuxi, 'spending.override', { requestId: saved.id, ruleId: 'CHK-BUD-1', reason: '本人申请本人说明理由不应允许' }))).code).toBe('RULE');
    expect((await l.call(zhuxi, 'spending.get', { requestId: saved.id })).status).toBe('reviewed');
  });

  it('a rejected request leaves no trace in the books; a withdrawn one neither', async () => {
    const vouchersBefore = (l.core.sqlite.prepare('SELECT count(*) AS n FROM vouchers').get() as { n: number }).n;
    const saved = await l.call(kuaiji, 'spending.save', festivalGift());
    await l.call(kuaiji, 'spending.submit', { requestId: saved.id });
    await l.call(zhuguan, 'spending.review', { requestId: saved.id });
    const rejected = await l.call(zhuxi, 'spending.reject', { requestId: saved.id, reason: '节日慰问标准待工会委员会重新研究' });
    expect(rejected.status).toBe('rejected');
    expect(rejected.voucherId).toBeNull();
    expect(rejected.steps.at(-1)).toMatchObject({ action: 'reject', user: 'zhuxi', note: '节日慰问标准待工会委员会重新研究' });
    expect((await refusal(l.call(chuna, 'spending.pay', { requestId: saved.id, date: '2026-02-12', bankOrCashAccountCode: '102' }))).code).toBe('CONFLICT');
    expect((await refusal(l.call(zhuxi, 'spending.approve', { requestId: saved.id }))).code).toBe('CONFLICT');

    const other = await l.call(kuaiji, 'spending.save', festivalGift({ purpose: '端午节慰问品', date: '2026-06-10', details: { festival: '端午节' } }));
    await l.call(kuaiji, 'spending.submit', { requestId: other.id });
    expect((await refusal(l.call(chuna, 'spending.withdraw', { requestId: other.id }))).code).toBe('FORBIDDEN');
    expect((await l.call(kuaiji, 'spending.withdraw', { requestId: other.id, reason: '改为集中采购' })).status).toBe('withdrawn');

    expect((l.core.sqlite.prepare('SELECT count(*) AS n FROM vouchers').get() as { n: number }).n).toBe(vouchersBefore);
    expect(l.core.sqlite.prepare("SELECT count(*) AS n FROM vouchers WHERE source LIKE 'spending:%'").get()).toEqual({ n: 0 });
    const list = await l.call(kuaiji, 'spending.list', { year: 2026 });
    expect(list.rows.map((r) => r.status).sort()).toEqual(['rejected', 'withdrawn']);
  });

  it('deleting the generated draft voucher returns the request to approved', async () => {
    const saved = await l.call(kuaiji, 'spending.save', festivalGift());
    await l.call(kuaiji, 'spending.submit', { requestId: saved.id });
    await l.call(zhuguan, 'spending.review', { requestId: saved.id });
    await l.call(zhuxi, 'spending.override', { requestId: saved.id, ruleId: 'CHK-BUD-1', reason: '年度预算尚在编制中，先行列支' });
    await l.call(zhuxi, 'spending.approve', { requestId: saved.id });
    for (const kind of ['发票', '明细清单', '签领表'] as const) {
      await l.call(kuaiji, 'spending.attach', { requestId: saved.id, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: pdf() });
    }
    const paid = await l.call(chuna, 'spending.pay', { requestId: saved.id, date: '2026-02-12', bankOrCashAccountCode: '102' });
    await l.call(kuaiji, 'vouchers.delete', { id: paid.voucher.id });
    const back = await l.call(kuaiji, 'spending.get', { requestId: saved.id });
    expect(back.status).toBe('approved');
    expect(back.voucherId).toBeNull();
    expect(back.steps.at(-1)!.action).toBe('unpay');
  });

  it('above the major-expense threshold, approval needs the collective decision', async () => {
    await l.call(client('admin'), 'spending.settings.update', {
      majorExpenseThresholdFen: 100000,
      cashThresholdFen: null,
      hardshipCollectiveDecision: null,
      retireeWelfare: null,
      budgetEnforcement: null,
      minorityFestivals: null,
    });
    const saved = await l.call(kuaiji, 'spending.save', festivalGift());
    expect(saved.latestCheck!.findings.find((f) => f.rule === 'CHK-APP-1')?.severity).toBe('block');
    // A condition of approval: submission and review go ahead.
    await l.call(kuaiji, 'spending.submit', { requestId: saved.id });
    await l.call(zhuguan, 'spending.review', { requestId: saved.id });
    await l.call(zhuxi, 'spending.override', { requestId: saved.id, ruleId: 'CHK-BUD-1', reason: '年度预算尚在编制中，先行列支' });
    const e = await refusal(l.call(zhuxi, 'spending.approve', { requestId: saved.id }));
    expect(e.extra.rule).toMatch(/^CHK-APP-1：《中国工会章程》第九条\(五\)/);
    expect((await refusal(l.call(zhuxi, 'spending.override', { requestId: saved.id, ruleId: 'CHK-APP-1', reason: '金额不大，主席一支笔审批即可' }))).code).toBe('RULE');
    await l.call(kuaiji, 'spending.attach', { requestId: saved.id, kind: '会议纪要', filename: '纪要.pdf', mimeType: 'application/pdf', base64: pdf() });
    const withMinutes = await l.call(kuaiji, 'spending.get', { requestId: saved.id });
    await l.call(zhuxi, 'spending.recordDecision', {
      requestId: saved.id,
      decision: { minutesNo: '工委〔2026〕2号', date: '2026-02-05', attendees: 7, votesFor: 7, attachmentSha256: withMinutes.evidence[0]!.sha256 },
    });
    const approved = await l.call(zhuxi, 'spending.approve', { requestId: saved.id });
    expect(approved.status).toBe('approved');
    expect(approved.collectiveDecision).toMatchObject({ minutesNo: '工委〔2026〕2号', attendees: 7 });
  });
});

describe('benefit register', () => {
  it('after two festival payments: received by type and what remains under the cap', async () => {
    const spring = await l.call(kuaiji, 'spending.save', festivalGift());
    const v1 = await approveAndPay(spring.id, '2026-02-12');
    const autumn = await l.call(
      kuaiji,
      'spending.save',
      festivalGift({ purpose: '中秋节慰问品（月饼）', date: '2026-09-20', amountFen: 50000, recipients: [{ memberId: zhang, amountFen: 50000, item: '月饼两盒' }], details: { festival: '中秋节' } }),
    );
    expect(autumn.latestCheck!.blocked).toBe(false);
    const v2 = await approveAndPay(autumn.id, '2026-09-22');
    // A third request, approved but whose voucher is not posted, is not in the register.
    const pending = await l.call(kuaiji, 'spending.save', festivalGift({ purpose: '国庆节慰问品', date: '2026-10-01', amountFen: 10000, recipients: [{ memberId: zhang, amountFen: 10000 }], details: { festival: '国庆节' } }));
    await l.call(kuaiji, 'spending.submit', { requestId: pending.id });

    const reg = await l.call(zhuxi, 'spending.benefits', { memberId: zhang, year: 2026 });
    expect(reg).toMatchObject({ name: '张三', employeeNo: 'E001', year: 2026, presetId: 'FJ-2018', ruleSetVersion: 'FJ-2018/v1', totalFen: 110000 });
    const fest = reg.lines.find((x) => x.key === 'festival')!;
    expect(fest).toMatchObject({ label: '节日慰问', receivedFen: 110000, count: 2, capFen: 130000, remainingFen: 20000 });
    expect(fest.entries.map((e) => [e.requestId, e.festival, e.amountFen, e.voucherId])).toEqual([
      [spring.id, '春节', 60000, v1],
      [autumn.id, '中秋节', 50000, v2],
    ]);
    expect(reg.festivals).toEqual([
      { festival: '春节', receivedFen: 60000, capFen: null, remainingFen: null },
      { festival: '中秋节', receivedFen: 50000, capFen: null, remainingFen: null },
    ]);
    const liReg = await l.call(zhuxi, 'spending.benefits', { memberId: li, year: 2026 });
    expect(liReg.lines.find((x) => x.key === 'festival')).toMatchObject({ receivedFen: 60000, remainingFen: 70000 });

    // The register agrees with the books: 50105 debits of the posted spending vouchers.
    const books = l.core.sqlite
      .prepare("SELECT sum(l.debit) AS n FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id WHERE v.status = 'posted' AND v.source LIKE 'spending:%' AND l.account_code = '50105'")
      .get() as { n: number };
    expect(books.n).toBe(reg.totalFen + liReg.totalFen);

    // Reversing a payment's voucher takes it out of the register.
    const red = await l.call(zhuguan, 'vouchers.reverse', { id: v2, date: '2026-10-08' });
    await postThrough(l, { kuaiji, zhuguan, chuna }, red.id);
    const after = await l.call(zhuxi, 'spending.benefits', { memberId: zhang, year: 2026 });
    expect(after.lines.find((x) => x.key === 'festival')).toMatchObject({ receivedFen: 60000, remainingFen: 70000 });
  });
});
