// Hardship files (困难职工档案, S5): visible only to the chair and the users the administrator grants
// (FORBIDDEN to everyone else, whatever their role); the lifecycle 建档 → 帮扶 → 脱困退出 / 注销 with
// dated reasons; aid requests reference an OPEN case; hardship.summary counts 户 / 人 / 人次 / 元
// without names (S4, CHK-PRIV-1). Every write is audited.
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
let admin: ClientRef;
let zhang: number;
let li: number;
let wang: number;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-10-08T02:00:00Z') });
  await initLedger(l);
  admin = client('admin');
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  chuna = await addUser(l, 'chuna', ['cashier']);
  zhuxi = await addUser(l, 'zhuxi', ['chair']);
  zhang = addMember(l, { no: 'E001', name: '张三' });
  li = addMember(l, { no: 'E002', name: '李四' });
  wang = addMember(l, { no: 'E003', name: '王五' });
});
afterEach(() => l.close());

const userId = (username: string) => l.core.sqlite.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;

async function refusal(p: Promise<unknown>): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected the operation to be refused');
}

const openInput = (memberId: number, over: Partial<OpInput<'hardship.open'>> = {}): OpInput<'hardship.open'> => ({
  memberId,
  date: '2026-01-05',
  householdSize: 3,
  reasons: ['单亲家庭', '因病致困'],
  notes: '子女患病，长期治疗',
  ...over,
});

const aid = (memberId: number, caseId: number | null, over: Partial<OpInput<'spending.save'>> = {}): OpInput<'spending.save'> => ({
  type: '困难帮扶',
  purpose: '困难职工帮扶金',
  date: '2026-09-10',
  accountCode: '50404',
  amountFen: 100000,
  payee: { kind: 'member', name: '会员', memberId },
  paymentMethod: '银行转账',
  recipients: [{ memberId, amountFen: 100000 }],
  hardshipCaseId: caseId,
  ...over,
});

let fileNo = 0;
const pdf = () => Buffer.from(`%PDF-1.4 hardship evidence ${++fileNo}`).toString('base64');

/** The whole path to a posted voucher: submit, review, the collective decision, the chair's reasons, approval, evidence, payment, posting. */
async function payAndPost(id: number): Promise<void> {
  await l.call(kuaiji, 'spending.submit', { requestId: id });
  await l.call(zhuguan, 'spending.review', { requestId: id });
  await l.call(kuaiji, 'spending.attach', { requestId: id, kind: '会议纪要', filename: '会议纪要.pdf', mimeType: 'application/pdf', base64: pdf() });
  await l.call(kuaiji, 'spending.recordDecision', { requestId: id, decision: { minutesNo: `工会委员会纪要〔2026〕${id}号`, date: '2026-09-08' } });
  for (const w of (await l.call(zhuxi, 'spending.get', { requestId: id })).latestCheck!.findings.filter((f) => f.severity === 'warn')) {
    await l.call(zhuxi, 'spending.override', { requestId: id, ruleId: w.rule, reason: '经工会委员会集体研究，按帮扶标准列支' });
  }
  await l.call(zhuxi, 'spending.approve', { requestId: id });
  const req = await l.call(kuaiji, 'spending.get', { requestId: id });
  for (const kind of new Set([...req.requiredEvidence, '签领表' as const])) {
    await l.call(kuaiji, 'spending.attach', { requestId: id, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: pdf() });
  }
  const paid = await l.call(chuna, 'spending.pay', { requestId: id, date: '2026-09-15', bankOrCashAccountCode: '102' });
  await postThrough(l, { kuaiji, zhuguan, chuna }, paid.voucher.id);
}

describe('access: the chair and the granted users only', () => {
  it('refuses every other user, whatever the role; the administrator grants and revokes', async () => {
    const opened = await l.call(zhuxi, 'hardship.open', openInput(zhang));
    for (const who of [kuaiji, zhuguan, chuna]) {
      expect((await refusal(l.call(who, 'hardship.list', {}))).code).toBe('FORBIDDEN');
      expect((await refusal(l.call(who, 'hardship.get', { caseId: opened.id }))).code).toBe('FORBIDDEN');
    }
    expect((await refusal(l.call(kuaiji, 'hardship.open', openInput(li)))).code).toBe('FORBIDDEN');
    expect((await refusal(l.call(kuaiji, 'hardship.transition', { caseId: opened.id, to: '帮扶', date: '2026-02-01', reason: '发放帮扶金' }))).code).toBe('FORBIDDEN');
    // The administrator manages the grant but is not granted by being administrator.
    expect((await refusal(l.call(admin, 'hardship.list', {}))).code).toBe('FORBIDDEN');
    // Only the administrator may change the grant.
    expect((await refusal(l.call(zhuxi, 'hardship.access.update', { userIds: [userId('kuaiji')] }))).code).toBe('FORBIDDEN');

    const granted = await l.call(admin, 'hardship.access.update', { userIds: [userId('kuaiji')] });
    expect(granted.users.map((u) => u.username)).toEqual(['kuaiji']);
    expect((await l.call(zhuxi, 'hardship.access.get', {})).users.map((u) => u.username)).toEqual(['kuaiji']);
    const list = await l.call(kuaiji, 'hardship.list', {});
    expect(list.rows.map((r) => r.name)).toEqual(['张三']);
    expect((await l.call(kuaiji, 'hardship.open', openInput(li))).status).toBe('建档');
    // Still refused to the others.
    expect((await refusal(l.call(zhuguan, 'hardship.list', {}))).code).toBe('FORBIDDEN');

    await l.call(admin, 'hardship.access.update', { userIds: [] });
    expect((await refusal(l.call(kuaiji, 'hardship.list', {}))).code).toBe('FORBIDDEN');
    expect((await refusal(l.call(admin, 'hardship.access.update', { userIds: [9999] }))).code).toBe('VALIDATION');

    const audit = await l.call(admin, 'audit.list', { entity: 'settings', pageSize: 50 });
    expect(audit.rows.filter((r) => r.operation === 'hardship.access.update')).toHaveLength(2);
  });
});

describe('the case lifecycle', () => {
  it('建档 → 帮扶 → 脱困退出 with dated reasons; a closed case is final; one open case per member', async () => {
    const c = await l.call(zhuxi, 'hardship.open', openInput(zhang));
    expect(c).toMatchObject({ status: '建档', householdSize: 3, reasons: ['单亲家庭', '因病致困'], openedOn: '2026-01-05', closedOn: null, notes: '子女患病，长期治疗', name: '张三' });
    expect((await refusal(l.call(zhuxi, 'hardship.open', openInput(zhang)))).code).toBe('CONFLICT');
    // 建档 cannot go straight to 脱困退出; a transition cannot be back-dated before the previous one.
    expect((await refusal(l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '脱困退出', date: '2026-03-01', reason: '收入好转' }))).message).toContain('只能变更为帮扶或注销');
    expect((await refusal(l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '帮扶', date: '2025-12-31', reason: '开始帮扶' }))).extra.field).toBe('date');

    const updated = await l.call(zhuxi, 'hardship.update', { caseId: c.id, householdSize: 4, reasons: ['因病致困', '子女就学'] });
    expect(updated.householdSize).toBe(4);
    expect(updated.reasons).toEqual(['因病致困', '子女就学']);
    await l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '帮扶', date: '2026-02-01', reason: '纳入春节送温暖' });
    const closed = await l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '脱困退出', date: '2026-08-31', reason: '配偶就业，家庭收入超过当地标准' });
    expect(closed.status).toBe('脱困退出');
    expect(closed.closedOn).toBe('2026-08-31');
    expect(closed.steps.map((s) => [s.fromStatus, s.toStatus, s.date])).toEqual([
      [null, '建档', '2026-01-05'],
      ['建档', '帮扶', '2026-02-01'],
      ['帮扶', '脱困退出', '2026-08-31'],
    ]);
    expect(closed.steps[2]!.reason).toBe('配偶就业，家庭收入超过当地标准');
    expect((await refusal(l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '注销', date: '2026-09-01', reason: '误建' }))).code).toBe('CONFLICT');
    expect((await refusal(l.call(zhuxi, 'hardship.update', { caseId: c.id, householdSize: 2 }))).code).toBe('CONFLICT');
    // A new case after the old one closed.
    const again = await l.call(zhuxi, 'hardship.open', openInput(zhang, { date: '2026-10-01', reasons: ['因灾致困'] }));
    expect(again.status).toBe('建档');
    expect((await l.call(zhuxi, 'hardship.list', { openOnly: true })).rows.map((r) => r.id)).toEqual([again.id]);
    expect((await l.call(zhuxi, 'hardship.list', { status: '脱困退出' })).rows.map((r) => r.id)).toEqual([c.id]);

    // Every write audited, without the notes' text.
    const audit = await l.call(admin, 'audit.list', { entity: 'hardship_case', pageSize: 50 });
    const ops = audit.rows.filter((r) => r.entityId === String(c.id)).map((r) => r.operation).reverse();
    expect(ops).toEqual(['hardship.open', 'hardship.update', 'hardship.transition', 'hardship.transition']);
    expect(JSON.stringify(audit.rows)).not.toContain('长期治疗');
    // The steps are append-only.
    expect(() => l.core.sqlite.prepare('DELETE FROM hardship_case_steps').run()).toThrow(/只可追加/);
  });
});

describe('aid payments reference an open case', () => {
  it('validates the reference on save and shows it on the request', async () => {
    const c = await l.call(zhuxi, 'hardship.open', openInput(zhang));
    const saved = await l.call(kuaiji, 'spending.save', aid(zhang, c.id));
    expect(saved.hardshipCaseId).toBe(c.id);
    expect((await l.call(kuaiji, 'spending.get', { requestId: saved.id })).hardshipCaseId).toBe(c.id);
    // Not for other types.
    const wrongType = await refusal(
      l.call(kuaiji, 'spending.save', aid(zhang, c.id, { type: '节日慰问', accountCode: '50105', paymentMethod: '实物', details: { festival: '春节' } })),
    );
    expect(wrongType.extra.field).toBe('hardshipCaseId');
    expect((await refusal(l.call(kuaiji, 'spending.save', aid(zhang, 9999)))).message).toContain('不存在');
    // Not to a closed case.
    await l.call(zhuxi, 'hardship.transition', { caseId: c.id, to: '注销', date: '2026-03-01', reason: '不符合建档条件' });
    const closed = await refusal(l.call(kuaiji, 'spending.save', aid(zhang, c.id, { type: '送温暖', accountCode: '50405' })));
    expect(closed.code).toBe('VALIDATION');
    expect(closed.message).toContain('已注销');
    // Unlinked aid is still allowed (counted as unlinked in the summary).
    expect((await l.call(kuaiji, 'spending.save', aid(li, null))).hardshipCaseId).toBeNull();
  });
});

describe('hardship.summary', () => {
  it('counts 户 / 人 / 人次 / 元 of the posted aid of the year, with no names', async () => {
    const a = await l.call(zhuxi, 'hardship.open', openInput(zhang));
    const b = await l.call(zhuxi, 'hardship.open', openInput(li, { householdSize: 2, reasons: ['子女就学'] }));
    await l.call(zhuxi, 'hardship.open', openInput(wang, { date: '2026-02-01' }));
    await l.call(zhuxi, 'hardship.transition', { caseId: a.id, to: '帮扶', date: '2026-01-20', reason: '送温暖' });
    // 张三 twice (帮扶 and 金秋助学), 李四 once; a draft never counts.
    const r1 = await l.call(kuaiji, 'spending.save', aid(zhang, a.id, { amountFen: 100000 }));
    const r2 = await l.call(kuaiji, 'spending.save', aid(zhang, a.id, { type: '金秋助学', purpose: '子女考入大学资助', amountFen: 50000, recipients: [{ memberId: zhang, amountFen: 50000 }] }));
    const r3 = await l.call(kuaiji, 'spending.save', aid(li, b.id, { amountFen: 80000, recipients: [{ memberId: li, amountFen: 80000 }] }));
    await l.call(kuaiji, 'spending.save', aid(li, b.id, { amountFen: 30000, recipients: [{ memberId: li, amountFen: 30000 }] }));
    for (const r of [r1, r2, r3]) await payAndPost(r.id);
    await l.call(zhuxi, 'hardship.transition', { caseId: b.id, to: '帮扶', date: '2026-09-16', reason: '已发放帮扶金' });
    await l.call(zhuxi, 'hardship.transition', { caseId: b.id, to: '脱困退出', date: '2026-09-30', reason: '子女毕业就业' });

    const s = await l.call(kuaiji, 'hardship.summary', { year: 2026 });
    expect(s).toMatchObject({ year: 2026, households: 2, persons: 2, personTimes: 3, totalFen: 230000, unlinkedRequests: 0 });
    expect(s.byType).toEqual([
      { type: '困难帮扶', requests: 2, personTimes: 2, totalFen: 180000 },
      { type: '金秋助学', requests: 1, personTimes: 1, totalFen: 50000 },
    ]);
    expect(s.cases).toEqual({ openedInYear: 3, exitedInYear: 1, cancelledInYear: 0, openAtYearEnd: 2 });
    const text = JSON.stringify(s);
    for (const name of ['张三', '李四', '王五']) expect(text).not.toContain(name);
    // The case shows its paid aid.
    const detail = await l.call(zhuxi, 'hardship.get', { caseId: a.id });
    expect(detail.aidCount).toBe(2);
    expect(detail.aidFen).toBe(150000);
    expect(detail.aid.map((x) => x.status)).toEqual(['paid', 'paid']);
    expect((await l.call(kuaiji, 'hardship.summary', { year: 2025 })).personTimes).toBe(0);
  });
});
