// The annual review report (审查报告, review-and-disclosure.md §4, §8) on the realistic year: every
// figure agrees with the 收入支出表 (工会02表), the 资产负债表 (工会01表), the 决算 and the levy the
// builder entered; shares add up to 100.00 %; the reviewer drafts (audited), the chair only reads;
// freezing records the SHA-256 of the canonical content, after which the app and direct SQL are
// refused (trigger); a posting dated in the year after the freeze is flagged ("冻结后账簿已变动")
// while the frozen hash stays; the PDF (A4, embedded Noto Sans SC) reads like a report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRef } from '../../src/main/core/context';
import type { IncomeStatement } from '../../src/main/contract/ledger';
import { formatYuan } from '../../src/main/contract/money';
import { CoreError } from '../../src/main/core/errors';
import { canonicalJson, sha256Hex } from '../../src/main/core/disclosure/canonical';
import { sharesBp } from '../../src/main/core/review-report/figures';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { buildRealisticYear, PROJECT, YEAR, type RealisticYear } from '../helpers/realistic-year';

let y: RealisticYear;
let zhuxi: ClientRef;
let jingshen: ClientRef;

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

beforeAll(async () => {
  y = await buildRealisticYear();
  zhuxi = await addUser(y.l, 'zhuxi', ['chair']);
  jingshen = await addUser(y.l, 'jingshen', ['reviewer']);
  // An approved 年初预算, so the report has budget, difference and 完成率.
  const { kuaiji, zhuguan } = y.staff;
  await y.l.call(kuaiji, 'budget.saveDraft', {
    year: YEAR,
    lines: [
      { accountCode: '401', amountFen: 9_000_000 },
      { accountCode: '402', amountFen: 13_000_000 },
      { accountCode: '40301', amountFen: 3_000_000 },
      { accountCode: '40302', amountFen: 5_000_000, project: PROJECT },
      { accountCode: '50105', amountFen: 14_000_000 },
      { accountCode: '50301', amountFen: 800_000 },
      { accountCode: '50405', amountFen: 5_000_000, expenseType: 'project', project: PROJECT },
      { accountCode: '50501', amountFen: 700_000 },
      { accountCode: '50702', amountFen: 800_000 },
    ],
  });
  await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'committee', date: '2026-01-08', documentNo: '工委会纪要〔2026〕1号' });
  await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'review', date: '2026-01-12', documentNo: '经审〔2026〕1号' });
  await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'upper', date: '2026-01-20', documentNo: '市总工〔2026〕5号' });
  await y.l.call(zhuxi, 'budget.approve', { year: YEAR, version: 0 });
}, 180_000);
afterAll(() => y?.l.close());

const row02 = (is: IncomeStatement, code: string) => is.rows.find((r) => r.indent === 1 && r.accounts.length === 1 && r.accounts[0] === code)?.current ?? 0;
const rowByLabel = (is: IncomeStatement, label: string) => is.rows.find((r) => r.label === label)!.current!;

describe('review report figures on the realistic year', () => {
  it('agree with the 02表, the 01表, the 决算 and the levy entered; shares add up to 100.00 %', async () => {
    const v = await y.l.call(jingshen, 'reviewReport.get', { year: YEAR });
    expect(v.status).toBe('none');
    const f = v.figures;
    const is = await y.l.call(y.staff.zhuguan, 'statements.incomeStatement', { period: `${YEAR}-12`, annual: true });
    const bs = await y.l.call(y.staff.zhuguan, 'statements.balanceSheet', { period: `${YEAR}-12`, annual: true });
    const fa = await y.l.call(zhuxi, 'budget.finalAccounts', { year: YEAR });

    expect(f.revenue.total.actualFen).toBe(is.totals.revenue.current);
    expect(f.expenditure.total.actualFen).toBe(is.totals.expenditure.current);
    expect(f.revenue.total.actualFen).toBe(y.result.revenue.general + y.result.revenue.special);
    expect(f.expenditure.total.actualFen).toBe(y.result.expenditure.general + y.result.expenditure.special);
    for (const l of [...f.revenue.lines, ...f.expenditure.lines].filter((x) => x.level === 1)) expect(l.actualFen, l.code).toBe(row02(is, l.code));
    // Every non-zero 02表 row is in the report.
    for (const r of is.rows.filter((x) => x.indent === 1 && (x.current ?? 0) !== 0 && /^[45]/.test(x.accounts[0] ?? ''))) {
      expect([...f.revenue.lines, ...f.expenditure.lines].some((l) => l.code === r.accounts[0])).toBe(true);
    }
    // Details: 40302 (送温暖 grant) and 50405 as entered.
    expect(f.revenue.lines.find((l) => l.code === '40302')!.actualFen).toBe(y.tally.get('40302') ? -y.tally.get('40302')! : 0);
    expect(f.expenditure.lines.find((l) => l.code === '50405')!.actualFen).toBe(y.tally.get('50405'));

    // Budget, difference, 完成率 from the 决算.
    expect(f.budgetLabel).toBe('年初预算');
    expect(f.revenue.total).toMatchObject({ budgetFen: fa.totals.revenue.budgetFen, rateText: fa.totals.revenue.rateText, differenceFen: fa.totals.revenue.actualFen - fa.totals.revenue.budgetFen });
    expect(f.expenditure.total).toMatchObject({ budgetFen: fa.totals.expenditure.budgetFen, rateText: fa.totals.expenditure.rateText });
    const dues = f.revenue.lines.find((l) => l.code === '401')!;
    expect(dues.budgetFen).toBe(9_000_000);
    expect(dues.differenceFen).toBe(dues.actualFen - 9_000_000);
    expect(dues.rateBp).toBe(Math.round((dues.actualFen * 10_000) / 9_000_000));

    // Shares of the first-level lines add up to exactly 100.00 %.
    for (const s of [f.revenue, f.expenditure]) {
      expect(s.lines.filter((l) => l.level === 1).reduce((a, l) => a + l.shareBp!, 0)).toBe(10_000);
    }

    // 结转 / 结余 as the 02表, assets as the 01表.
    expect(f.balance).toMatchObject({
      surplusFen: is.totals.surplus.current,
      openingCarryFen: rowByLabel(is, '年初资金结转'),
      closingCarryFen: rowByLabel(is, '年末资金结转'),
      closingSurplusFen: rowByLabel(is, '年末资金结余'),
      consistent: true,
    });
    expect(f.assets.fixedOriginalFen).toBe(bs.rows.find((r) => r.label === '固定资产原值')!.closing);
    expect(f.assets.fixedNetFen).toBe(bs.rows.find((r) => r.label === '固定资产净值')!.closing);
    expect(f.assets.totalAssetsFen).toBe(bs.totals.assets.closing);
    expect(f.checks).toEqual({ balanceSheetBalanced: true, trialBalanceEven: true, incomeStatementConsistent: true });

    // Levy: the four quarters received in 2026 (2025 Q4 … 2026 Q3), split 60/40; the remittance is not expenditure.
    const received = y.levies.slice(0, 4);
    expect(f.levy.grossFen).toBe(received.reduce((s, q) => s + q.levy, 0));
    expect(f.levy.retainedFen).toBe(received.reduce((s, q) => s + q.retained, 0));
    expect(f.levy.accruedUpwardFen).toBe(received.reduce((s, q) => s + q.upper, 0));
    expect(f.levy.retainedFen).toBe(row02(is, '402'));
  });

  it('sharesBp rounds by the largest remainder to exactly 10,000', () => {
    expect(sharesBp([1, 1, 1])).toEqual([3334, 3333, 3333]);
    expect(sharesBp([2, 1])).toEqual([6667, 3333]);
    expect(sharesBp([0, 0])).toEqual([null, null]);
  });
});

describe('drafting, roles, freezing and the trigger', () => {
  it('the draft\'s problems section starts from the findings the committee recorded (review workspace, read-only)', async () => {
    await y.l.call(jingshen, 'review.findings.save', { year: YEAR, severity: 'important', title: '慰问品采购缺少验收单', description: '11月慰问品报销未附验收单。', recommendation: '补充验收手续' });
    await y.l.call(jingshen, 'review.findings.save', { year: YEAR, severity: 'general', title: '备用金借款超期未清', description: '借款逾期两个月。' });
    const v = await y.l.call(jingshen, 'reviewReport.get', { year: YEAR });
    expect(v.findings.map((x) => x.title)).toEqual(['慰问品采购缺少验收单', '备用金借款超期未清']);
    expect(v.sections.problems).toBe('1. 慰问品采购缺少验收单（较重要，未整改）。建议：补充验收手续\n2. 备用金借款超期未清（一般，未整改）。');
  });

  it('the chair reads but may not edit; the accountant may not read', async () => {
    const v = await y.l.call(zhuxi, 'reviewReport.get', { year: YEAR });
    expect(v.sections.closing).toBe('以上报告，请予审议。');
    await refused(y.l.call(zhuxi, 'reviewReport.saveDraft', { year: YEAR, meta: v.meta, sections: v.sections }), 'FORBIDDEN');
    await refused(y.l.call(y.staff.kuaiji, 'reviewReport.get', { year: YEAR }), 'FORBIDDEN');
    await refused(y.l.call(jingshen, 'reviewReport.freeze', { year: YEAR }), 'VALIDATION', /草稿/);
  });

  it('saves the narrative (audited), freezes with the SHA-256 of the canonical content, then refuses every change', async () => {
    const v = await y.l.call(jingshen, 'reviewReport.get', { year: YEAR });
    const meta = { committee: '第三届工会经费审查委员会', meeting: '第三届会员代表大会第二次会议', reportDate: '2027-01-20', unit: 'yuan' as const };
    const sections = { ...v.sections, expenditure: '支出总体控制在预算以内，职工活动支出占比最高。', problems: '1. 个别报销单据审批签字不全，已要求补签。\n2. 建议按季度公开经费收支情况。' };
    const saved = await y.l.call(jingshen, 'reviewReport.saveDraft', { year: YEAR, meta, sections });
    expect(saved).toMatchObject({ status: 'draft', meta, sections, updatedBy: 'jingshen' });
    const audit = y.l.core.sqlite.prepare(`SELECT after_json FROM audit_log WHERE operation = 'reviewReport.saveDraft' ORDER BY seq DESC`).pluck().get() as string;
    expect(audit).toContain('个别报销单据审批签字不全');

    const frozen = await y.l.call(jingshen, 'reviewReport.freeze', { year: YEAR });
    expect(frozen.status).toBe('frozen');
    const stored = y.l.core.sqlite.prepare('SELECT content_json, content_sha256 FROM review_reports WHERE year = ?').get(YEAR) as { content_json: string; content_sha256: string };
    expect(frozen.freeze).toMatchObject({ sha256: stored.content_sha256, hashOk: true, frozenBy: 'jingshen' });
    // The hash is over the canonical content: figures + narrative.
    expect(sha256Hex(canonicalJson({ year: YEAR, meta, sections, figures: saved.figures }))).toBe(stored.content_sha256);
    expect(frozen.changedAfterFreeze).toBeNull();
    // Stable: reading again gives the same hash.
    expect((await y.l.call(zhuxi, 'reviewReport.get', { year: YEAR })).freeze!.sha256).toBe(stored.content_sha256);

    await refused(y.l.call(jingshen, 'reviewReport.saveDraft', { year: YEAR, meta, sections }), 'CONFLICT', /已.*冻结/);
    await refused(y.l.call(jingshen, 'reviewReport.freeze', { year: YEAR }), 'CONFLICT', /冻结/);
    // Direct SQL: the trigger refuses.
    expect(() => y.l.core.sqlite.prepare(`UPDATE review_reports SET sections_json = '{}' WHERE year = ?`).run(YEAR)).toThrow(/已冻结/);
    expect(() => y.l.core.sqlite.prepare(`UPDATE review_reports SET content_json = '{}', content_sha256 = ? WHERE year = ?`).run('0'.repeat(64), YEAR)).toThrow(/已冻结/);
    expect(() => y.l.core.sqlite.prepare('DELETE FROM review_reports WHERE year = ?').run(YEAR)).toThrow(/不得删除/);
    expect((y.l.core.sqlite.prepare('SELECT content_sha256 FROM review_reports WHERE year = ?').pluck().get(YEAR) as string)).toBe(stored.content_sha256);
  });

  it('prints an A4 report with the figures, the committee and date, the hash, and the embedded CJK font', async () => {
    const v = await y.l.call(zhuxi, 'reviewReport.get', { year: YEAR });
    const file = await y.l.call(zhuxi, 'reviewReport.export', { year: YEAR, format: 'pdf' });
    expect(file.mimeType).toBe('application/pdf');
    const out = path.join(y.l.dir, 'report.pdf');
    fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
    const text = run('pdftotext', [out, '-']).replace(/\s+/g, '');
    expect(text).toContain(`关于某某公司工会委员会${YEAR}年度经费收支情况的审查报告`);
    expect(text).toContain('——在第三届会员代表大会第二次会议上');
    expect(text).toContain('各位代表：');
    for (const h of ['一、经费收入情况', '二、经费支出情况', '三、经费结余情况', '四、资产情况', '五、审查意见', '六、存在问题及建议']) expect(text).toContain(h);
    expect(text).toContain(formatYuan(v.figures.revenue.total.actualFen));
    expect(text).toContain(formatYuan(v.figures.expenditure.total.actualFen));
    expect(text).toContain(v.figures.revenue.total.rateText);
    expect(text).toContain('以上报告，请予审议。');
    expect(text).toContain('2027年1月20日');
    expect(text).toContain(v.freeze!.sha256);
    expect(text).not.toContain('草稿');
    const fonts = run('pdffonts', [out]);
    expect(fonts).toMatch(/NotoSansSC-Regular/);
    expect(fonts).toMatch(/NotoSansSC-Bold/);
    for (const line of fonts.split('\n').filter((l) => l.includes('NotoSansSC'))) expect(line).toMatch(/ yes yes /); // embedded, subset
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [out]))![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(run('pdfinfo', [out])).toMatch(/Page size:\s+595\.\d+ x 841\.\d+/); // A4
    if (process.env.H2_PNG) run('pdftoppm', ['-r', '60', '-png', out, path.join(process.env.H2_PNG, 'report')]);

    const xlsx = await y.l.call(zhuxi, 'reviewReport.export', { year: YEAR, format: 'xlsx' });
    expect(xlsx.filename).toMatch(/\.xlsx$/);
  });
});

describe('a change to the books after the freeze', () => {
  let l: TestLedger;
  afterAll(() => l?.close());

  it('is flagged on the frozen report, whose hash does not change', async () => {
    // A clock that moves on, as a real one does, so postings after the freeze are later than it.
    let t = Date.parse('2026-03-20T02:00:00Z');
    l = await openTestLedger({ clock: () => new Date((t += 1000)) });
    await initLedger(l);
    const kuaiji = await addUser(l, 'kuaiji', ['accountant']);
    const zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
    const chuna = await addUser(l, 'chuna', ['cashier']);
    const reviewer = await addUser(l, 'jingshen', ['reviewer']);
    const post = async (date: string, lines: { summary: string; accountCode: string; debit?: number; credit?: number; fundNature?: 'general'; expenseType?: 'basic' }[]) => {
      const v = await l.call(kuaiji, 'vouchers.save', { date, attachments: 1, lines });
      await l.call(zhuguan, 'vouchers.review', { id: v.id });
      if (v.needsCashier) await l.call(chuna, 'vouchers.confirmCash', { id: v.id });
      await l.call(zhuguan, 'vouchers.post', { id: v.id });
      return v.id;
    };
    await post('2026-03-10', [
      { summary: '收3月会费', accountCode: '102', debit: 750_000 },
      { summary: '收3月会费', accountCode: '401', credit: 750_000, fundNature: 'general' },
    ]);
    const goods = await post('2026-03-12', [
      { summary: '购买慰问品', accountCode: '50105', debit: 300_000, fundNature: 'general', expenseType: 'basic' },
      { summary: '购买慰问品', accountCode: '102', credit: 300_000 },
    ]);
    const draft = await l.call(reviewer, 'reviewReport.get', { year: 2026 });
    // Printed in 万元 (§4 "Display in 元 or 万元, as chosen"): 7,500.00 元 of dues = 0.75 万元.
    await l.call(reviewer, 'reviewReport.saveDraft', { year: 2026, meta: { ...draft.meta, unit: 'wan' }, sections: draft.sections });
    const inWan = await l.call(reviewer, 'reviewReport.export', { year: 2026, format: 'pdf' });
    const wanFile = path.join(l.dir, 'wan.pdf');
    fs.writeFileSync(wanFile, Buffer.from(inWan.base64, 'base64'));
    const wanText = run('pdftotext', [wanFile, '-']).replace(/\s+/g, '');
    expect(wanText).toContain('会费收入0.75万元');
    expect(wanText).toContain('（单位：万元）');
    const frozen = await l.call(reviewer, 'reviewReport.freeze', { year: 2026 });
    const hash = frozen.freeze!.sha256;
    expect(frozen.changedAfterFreeze).toBeNull();
    expect(frozen.figures.expenditure.total.actualFen).toBe(300_000);

    // A year without postings reads as zeros, not as an error.
    const empty = await l.call(reviewer, 'reviewReport.get', { year: 2027 });
    expect(empty.figures.revenue).toMatchObject({ lines: [], total: { actualFen: 0, budgetFen: null } });
    expect(empty.figures.balance.closingSurplusFen).toBe(empty.figures.balance.openingSurplusFen);
    const none = await l.call(kuaiji, 'disclosure.preview', { period: { year: 2027, kind: 'quarter', part: 2 } });
    expect(none.totals).toMatchObject({ revenueFen: 0, expenditureFen: 0 });
    expect(none.consistent).toBe(true);

    // A red reversal dated in the year, posted after the freeze.
    const red = await l.call(kuaiji, 'vouchers.reverse', { id: goods, date: '2026-03-25' });
    await l.call(zhuguan, 'vouchers.review', { id: red.id });
    if (red.needsCashier) await l.call(chuna, 'vouchers.confirmCash', { id: red.id });
    await l.call(zhuguan, 'vouchers.post', { id: red.id });

    const after = await l.call(reviewer, 'reviewReport.get', { year: 2026 });
    expect(after.freeze!.sha256).toBe(hash);
    expect(after.freeze!.hashOk).toBe(true);
    expect(after.figures.expenditure.total.actualFen).toBe(300_000); // the frozen figures are shown
    expect(after.changedAfterFreeze).not.toBeNull();
    expect(after.changedAfterFreeze!.vouchers.map((v) => v.id)).toEqual([red.id]);
    expect(after.changedAfterFreeze!.figuresChanged).toBe(true);
    expect(after.changedAfterFreeze!.message).toMatch(/^冻结后账簿已变动/);
    expect(after.changedAfterFreeze!.message).toContain('红字冲销');

    // The flag is printed on the report.
    const file = await l.call(reviewer, 'reviewReport.export', { year: 2026, format: 'pdf' });
    const out = path.join(l.dir, 'flagged.pdf');
    fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
    expect(run('pdftotext', [out, '-']).replace(/\s+/g, '')).toContain('冻结后账簿已变动');
  });
});
