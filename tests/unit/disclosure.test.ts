// Public disclosure (公示, review-and-disclosure.md §7, §7.1): on the realistic year the table agrees
// with the 收入支出表 (工会02表) for the year, a quarter and a half-year, never counts the prior
// balance as revenue, and balances (期初 + 差额 = 期末); publication (工会主席 only) is an immutable
// snapshot with the SHA-256 of its content (triggers refuse UPDATE / DELETE), listed with its hash
// and re-printed as posted. Privacy (CHK-PRIV-1): with hardship aid and 送温暖 paid to named members,
// no recipient's name, ID number or bank account appears in the preview, the PDF (pdftotext) or the
// Excel; the lines show totals with 户 / 人 / 人次. The notice-board PDFs embed Noto Sans SC.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRef } from '../../src/main/core/context';
import type { OpInput } from '../../src/main/contract/operations';
import type { DisclosureContent } from '../../src/main/contract/disclosure';
import { formatYuan } from '../../src/main/contract/money';
import { CoreError } from '../../src/main/core/errors';
import { canonicalJson, sha256Hex } from '../../src/main/core/disclosure/canonical';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember, postThrough } from '../helpers/dues';
import { buildRealisticYear, YEAR, type RealisticYear } from '../helpers/realistic-year';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

async function refused(p: Promise<unknown>, code: string, text?: RegExp): Promise<CoreError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CoreError);
  const ce = e as CoreError;
  expect(ce.code).toBe(code);
  if (text) expect(ce.message).toMatch(text);
  return ce;
}

function pdfText(dir: string, name: string, base64: string): { file: string; text: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(base64, 'base64'));
  return { file, text: run('pdftotext', [file, '-']) };
}

async function xlsxText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value ?? '')))));
  return out.join('\n');
}

const amountOf = (c: DisclosureContent, key: string) => c.rows.find((r) => r.key === key)?.amountFen;

describe('disclosure on the realistic year', () => {
  let y: RealisticYear;
  let zhuxi: ClientRef;
  let jingshen: ClientRef;
  beforeAll(async () => {
    y = await buildRealisticYear();
    zhuxi = await addUser(y.l, 'zhuxi', ['chair']);
    jingshen = await addUser(y.l, 'jingshen', ['reviewer']);
  }, 180_000);
  afterAll(() => y?.l.close());

  it('the year agrees with the 02表 row by row, keeps the prior balance out of revenue, and balances', async () => {
    const c = await y.l.call(y.staff.kuaiji, 'disclosure.preview', { period: { year: YEAR } });
    const is = await y.l.call(y.staff.zhuguan, 'statements.incomeStatement', { period: `${YEAR}-12`, annual: true });
    const row02 = (code: string) => is.rows.find((r) => r.indent === 1 && r.accounts[0] === code)!.current!;
    const label02 = (label: string) => is.rows.find((r) => r.label === label)!.current!;
    expect(c.title).toBe(`某某公司工会委员会${YEAR}年度经费收支情况公示`);
    expect(c.totals.revenueFen).toBe(is.totals.revenue.current);
    expect(c.totals.expenditureFen).toBe(is.totals.expenditure.current);
    expect(c.totals.surplusFen).toBe(is.totals.surplus.current);
    expect(amountOf(c, 'revenue')).toBe(is.totals.revenue.current);
    expect(amountOf(c, 'expenditure')).toBe(is.totals.expenditure.current);
    for (const code of ['401', '402', '403', '501', '503', '504', '505', '507']) expect(amountOf(c, code), code).toBe(row02(code));
    expect(amountOf(c, '50405')).toBe(y.tally.get('50405'));
    expect(c.totals.openingFundsFen).toBe(label02('年初资金结转结余'));
    expect(c.totals.closingFundsFen).toBe(label02('年末资金结转结余'));
    expect(amountOf(c, 'closing:321')).toBe(label02('年末资金结转'));
    expect(amountOf(c, 'closing:322')).toBe(label02('年末资金结余'));
    expect(c.consistent).toBe(true);
    // 往年结余 is never inside revenue (§7): revenue = the 4xx rows only.
    const items = c.rows.filter((r) => r.level === 1 && r.accounts.every((a) => a.startsWith('4')));
    expect(items.reduce((s, r) => s + (r.amountFen ?? 0), 0)).toBe(c.totals.revenueFen);
    // First fiscal year: no 上年同期; no approved budget: blank 本年预算.
    expect(c.rows.every((r) => r.priorFen === null && r.budgetFen === null)).toBe(true);
    // 拨缴经费: the retained share, with the gross 2 % and the upward share in 说明.
    expect(c.rows.find((r) => r.key === '402')!.note).toMatch(/^计提[0-9,.]+，应缴上级[0-9,.]+，已缴[0-9,.]+$/);
  });

  it('公示频次 is a setting (disclosure.frequency, default 每年), changed by the chair, audited', async () => {
    expect(await y.l.call(jingshen, 'disclosure.settings.get', {})).toEqual({ frequency: 'year' });
    await refused(y.l.call(y.staff.kuaiji, 'disclosure.settings.update', { frequency: 'half' }), 'FORBIDDEN');
    expect(await y.l.call(zhuxi, 'disclosure.settings.update', { frequency: 'half' })).toEqual({ frequency: 'half' });
    expect(await y.l.call(y.staff.kuaiji, 'disclosure.settings.get', {})).toEqual({ frequency: 'half' });
    const audit = y.l.core.sqlite.prepare(`SELECT before_json || after_json FROM audit_log WHERE operation = 'disclosure.settings.update'`).pluck().get() as string;
    expect(audit).toContain('"half"');
    await y.l.call(zhuxi, 'disclosure.settings.update', { frequency: 'year' });
  });

  it('a quarter and a half-year agree with the monthly 02表 (本年累计)', async () => {
    const q1 = await y.l.call(zhuxi, 'disclosure.preview', { period: { year: YEAR, kind: 'quarter', part: 1 } });
    const march = await y.l.call(y.staff.zhuguan, 'statements.incomeStatement', { period: `${YEAR}-03`, annual: false });
    expect(q1.periodLabel).toBe(`${YEAR}年第一季度`);
    expect([q1.from, q1.to]).toEqual([`${YEAR}-01-01`, `${YEAR}-03-31`]);
    expect(q1.totals.revenueFen).toBe(march.totals.revenue.comparative);
    expect(q1.totals.expenditureFen).toBe(march.totals.expenditure.comparative);
    expect(q1.consistent).toBe(true);
    const june = await y.l.call(y.staff.zhuguan, 'statements.incomeStatement', { period: `${YEAR}-06`, annual: false });
    const year = await y.l.call(y.staff.zhuguan, 'statements.incomeStatement', { period: `${YEAR}-12`, annual: true });
    const h2 = await y.l.call(zhuxi, 'disclosure.preview', { period: { year: YEAR, kind: 'half', part: 2 } });
    expect(h2.periodLabel).toBe(`${YEAR}年下半年`);
    expect(h2.rows[0]!.label).toBe('一、期初结转结余');
    expect(h2.totals.revenueFen).toBe(year.totals.revenue.current - june.totals.revenue.comparative!);
    expect(h2.totals.expenditureFen).toBe(year.totals.expenditure.current - june.totals.expenditure.comparative!);
    expect(h2.consistent).toBe(true);
    await refused(y.l.call(zhuxi, 'disclosure.preview', { period: { year: YEAR, kind: 'quarter' } }), 'VALIDATION', /季度/);
  });

  it('publishes an immutable snapshot (chair only), lists it with its hash and re-prints it as posted', async () => {
    const input: OpInput<'disclosure.publish'> = { period: { year: YEAR }, postedWhere: '公示栏', postedOn: '2027-01-15', opinion: '经审查，经费收支账目清楚，符合规定。' };
    await refused(y.l.call(y.staff.kuaiji, 'disclosure.publish', input), 'FORBIDDEN', /工会主席/);
    await refused(y.l.call(jingshen, 'disclosure.publish', input), 'FORBIDDEN');
    const pub = await y.l.call(zhuxi, 'disclosure.publish', input);
    expect(pub).toMatchObject({ periodLabel: `${YEAR}年度`, postedWhere: '公示栏', postedOn: '2027-01-15', hashOk: true, booksChanged: false, publishedBy: 'zhuxi' });
    const stored = y.l.core.sqlite.prepare('SELECT content_json, content_sha256 FROM disclosures WHERE id = ?').get(pub.id) as { content_json: string; content_sha256: string };
    expect(stored.content_sha256).toBe(pub.sha256);
    expect(sha256Hex(stored.content_json)).toBe(pub.sha256);
    expect(sha256Hex(canonicalJson(pub.content))).toBe(pub.sha256);
    expect(pub.content.opinion).toBe('经审查，经费收支账目清楚，符合规定。');
    const audit = y.l.core.sqlite.prepare(`SELECT after_json FROM audit_log WHERE operation = 'disclosure.publish'`).pluck().get() as string;
    expect(audit).toContain(pub.sha256);

    // The reviewer reads the list and the snapshot.
    const list = await y.l.call(jingshen, 'disclosure.list', { year: YEAR });
    expect(list.map((p) => [p.id, p.sha256])).toEqual([[pub.id, pub.sha256]]);
    expect((await y.l.call(jingshen, 'disclosure.get', { id: pub.id })).content.totals).toEqual(pub.content.totals);

    // Direct SQL: the triggers refuse.
    expect(() => y.l.core.sqlite.prepare(`UPDATE disclosures SET content_json = '{}' WHERE id = ?`).run(pub.id)).toThrow(/不得修改/);
    expect(() => y.l.core.sqlite.prepare('DELETE FROM disclosures WHERE id = ?').run(pub.id)).toThrow(/不得删除/);

    // Re-print: the posted content, its number and hash, A4 portrait and A3 landscape, the CJK font embedded.
    const a4 = await y.l.call(jingshen, 'disclosure.reprint', { id: pub.id, format: 'pdf', layout: 'A4-portrait' });
    const p4 = pdfText(y.l.dir, 'a4.pdf', a4.base64);
    const flat = p4.text.replace(/\s+/g, '');
    expect(flat).toContain(`${YEAR}年度经费收支情况公示`);
    expect(flat).toContain('编制单位：某某公司工会委员会');
    expect(flat).toContain(formatYuan(pub.content.totals.revenueFen));
    expect(flat).toContain(formatYuan(pub.content.totals.expenditureFen));
    expect(flat).toContain(pub.sha256);
    expect(flat).toContain('经审查，经费收支账目清楚，符合规定。');
    for (const s of ['工会主席：', '经审会主任：', '财务负责人：', '制表：', '公示日期：2027年1月15日']) expect(flat).toContain(s);
    expect(run('pdfinfo', [p4.file])).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/);
    const fonts = run('pdffonts', [p4.file]);
    expect(fonts).toMatch(/NotoSansSC-Regular.* yes yes /);
    const a3 = await y.l.call(zhuxi, 'disclosure.reprint', { id: pub.id, format: 'pdf', layout: 'A3-landscape' });
    const p3 = pdfText(y.l.dir, 'a3.pdf', a3.base64);
    expect(run('pdfinfo', [p3.file])).toMatch(/Page size:\s+1190\.\d+ x 841\.\d+/);
    expect(p3.text.replace(/\s+/g, '')).toContain(pub.sha256);
    if (process.env.H2_PNG) {
      run('pdftoppm', ['-r', '60', '-png', p4.file, path.join(process.env.H2_PNG, 'disclosure-a4')]);
      run('pdftoppm', ['-r', '40', '-png', p3.file, path.join(process.env.H2_PNG, 'disclosure-a3')]);
    }
    const xlsx = await y.l.call(zhuxi, 'disclosure.reprint', { id: pub.id, format: 'xlsx', layout: 'A4-portrait' });
    expect(await xlsxText(xlsx.base64)).toContain('经费收支情况公示');
  });

  it('with an approved budget, shows 本年预算 and 执行率 from budget.execution', async () => {
    const { kuaiji, zhuguan } = y.staff;
    await y.l.call(kuaiji, 'budget.saveDraft', { year: YEAR, lines: [{ accountCode: '401', amountFen: 9_000_000 }, { accountCode: '50105', amountFen: 14_000_000, expenseType: 'basic' }] });
    await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'committee', date: '2026-01-08', documentNo: '工委会纪要〔2026〕1号' });
    await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'review', date: '2026-01-12', documentNo: '经审〔2026〕1号' });
    await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'upper', date: '2026-01-20', documentNo: '市总工〔2026〕5号' });
    await y.l.call(zhuxi, 'budget.approve', { year: YEAR, version: 0 });
    const c = await y.l.call(zhuxi, 'disclosure.preview', { period: { year: YEAR } });
    const ex = await y.l.call(zhuxi, 'budget.execution', { year: YEAR });
    const dues = c.rows.find((r) => r.key === '401')!;
    const exDues = ex.lines.find((l) => l.accountCode === '401')!;
    expect(dues).toMatchObject({ budgetFen: 9_000_000, amountFen: exDues.actualFen, rateText: exDues.rateText });
    expect(c.rows.find((r) => r.key === '50105')).toMatchObject({ budgetFen: 14_000_000 });
    expect(c.rows.find((r) => r.key === '501')).toMatchObject({ budgetFen: 14_000_000 });
    expect(c.budgetLabel).toBe('年初预算');
    const pdf = await y.l.call(zhuxi, 'disclosure.export', { period: { year: YEAR }, format: 'pdf', layout: 'A4-portrait' });
    const printed = pdfText(y.l.dir, 'budget.pdf', pdf.base64);
    const flat = printed.text.replace(/\s+/g, '');
    if (process.env.H2_PNG) run('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', printed.file, path.join(process.env.H2_PNG, 'disclosure-budget')]);
    expect(flat).toContain('本年预算');
    expect(flat).toContain(exDues.rateText);
  });
});

describe('privacy: aid recipients are never named (CHK-PRIV-1)', () => {
  let l: TestLedger;
  afterAll(() => l?.close());

  it('shows hardship aid and 送温暖 as totals with 户 / 人 / 人次 in the preview, the PDF and the Excel', async () => {
    l = await openTestLedger({ clock: () => new Date('2026-10-08T02:00:00Z') });
    await initLedger(l);
    const kuaiji = await addUser(l, 'kuaiji', ['accountant']);
    const zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
    const chuna = await addUser(l, 'chuna', ['cashier']);
    const zhuxi = await addUser(l, 'zhuxi', ['chair']);
    const NAMES = ['欧阳困难', '司马帮扶', '诸葛温暖'];
    const ID = '110101198001011234';
    const BANKNO = '6222020200112233445';
    const a = addMember(l, { no: 'E100', name: NAMES[0]! });
    const b = addMember(l, { no: 'E101', name: NAMES[1]! });
    addMember(l, { no: 'E102', name: NAMES[2]! });
    l.core.sqlite.prepare('UPDATE members SET id_number = ?, bank_account = ? WHERE id = ?').run(ID, BANKNO, a);
    const staff = { kuaiji, zhuguan, chuna };
    let n = 0;
    const pdf = () => Buffer.from(`%PDF-1.4 evidence ${++n}`).toString('base64');
    const payAndPost = async (input: OpInput<'spending.save'>) => {
      const id = (await l.call(kuaiji, 'spending.save', input)).id;
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
      await postThrough(l, staff, paid.voucher.id);
    };
    const caseA = await l.call(zhuxi, 'hardship.open', { memberId: a, date: '2026-01-05', householdSize: 3, reasons: ['单亲家庭', '因病致困'], notes: '子女患病' });
    const caseB = await l.call(zhuxi, 'hardship.open', { memberId: b, date: '2026-01-05', householdSize: 2, reasons: ['因病致困'], notes: '本人住院' });
    const aid = (memberId: number, caseId: number, amountFen: number, over: Partial<OpInput<'spending.save'>> = {}): OpInput<'spending.save'> => ({
      type: '困难帮扶',
      purpose: `${NAMES[memberId - a]}困难帮扶金`,
      date: '2026-09-10',
      accountCode: '50404',
      amountFen,
      payee: { kind: 'member', name: NAMES[memberId - a]!, memberId },
      paymentMethod: '银行转账',
      recipients: [{ memberId, amountFen }],
      hardshipCaseId: caseId,
      ...over,
    });
    await payAndPost(aid(a, caseA.id, 100_000));
    await payAndPost(aid(b, caseB.id, 80_000));
    await payAndPost(aid(a, caseA.id, 50_000, { type: '金秋助学', purpose: '子女考入大学资助' }));

    const content = await l.call(kuaiji, 'disclosure.preview', { period: { year: 2026 } });
    const hardship = content.rows.find((r) => r.key === '50404')!;
    expect(hardship).toMatchObject({ label: '困难职工帮扶', amountFen: 230_000, aggregate: true, note: '2户，2人，3人次' });
    expect(content.aid.find((x) => x.category === '困难帮扶')).toMatchObject({ amountFen: 230_000, requests: 3, persons: 2, personTimes: 3, households: 2 });
    const secrets = [...NAMES, ID, BANKNO, '单亲家庭', '子女患病', '本人住院'];
    const json = JSON.stringify(content);
    for (const s of secrets) expect(json).not.toContain(s);

    const pdfFile = await l.call(kuaiji, 'disclosure.export', { period: { year: 2026 }, format: 'pdf', layout: 'A4-portrait' });
    const { text, file } = pdfText(l.dir, 'privacy.pdf', pdfFile.base64);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('困难职工帮扶');
    expect(flat).toContain('2户，2人，3人次');
    expect(flat).toContain('不公布受助人姓名');
    for (const s of secrets) expect(flat).not.toContain(s);
    expect(run('pdffonts', [file])).toMatch(/NotoSansSC/);
    const xlsx = await xlsxText((await l.call(kuaiji, 'disclosure.export', { period: { year: 2026 }, format: 'xlsx', layout: 'A4-portrait' })).base64);
    expect(xlsx).toContain('困难职工帮扶');
    for (const s of secrets) expect(xlsx).not.toContain(s);

    // A later posting in the period: the publication stays as posted and says the books changed.
    const before = await l.call(zhuxi, 'disclosure.publish', { period: { year: 2026 }, postedWhere: '公示栏', postedOn: '2026-10-08' });
    expect(before.booksChanged).toBe(false);
    const v = await l.call(kuaiji, 'vouchers.save', { date: '2026-09-30', attachments: 1, lines: [
      { summary: '收9月会费', accountCode: '102', debit: 30_000 },
      { summary: '收9月会费', accountCode: '401', credit: 30_000, fundNature: 'general' },
    ] });
    await postThrough(l, staff, v.id);
    const again = await l.call(zhuxi, 'disclosure.get', { id: before.id });
    expect(again).toMatchObject({ booksChanged: true, hashOk: true, sha256: before.sha256 });
    expect(again.content.totals).toEqual(before.content.totals);

    // The published snapshot holds no name either.
    const pub = await l.call(zhuxi, 'disclosure.publish', { period: { year: 2026, kind: 'quarter', part: 3 }, postedWhere: '内网', postedOn: '2026-10-08' });
    const stored = l.core.sqlite.prepare('SELECT content_json FROM disclosures WHERE id = ?').pluck().get(pub.id) as string;
    for (const s of secrets) expect(stored).not.toContain(s);
    expect(pub.content.rows.find((r) => r.key === '50404')!.note).toBe('2户，2人，3人次');
  });
});
