// Budgets on the realistic year (tests/helpers/realistic-year.ts): the 年初预算 with the three
// approvals (工会委员会 → 经审会 → 上级工会), an adjustment in July, execution at mid-year and at the
// year end against the 收入支出表 (工会02表) and an independent sum of the posted voucher lines,
// warnings near and over budget, the freeze of approved versions (app and direct SQL), the final
// accounts' totals against the 02表, budgetRoom for spending, and the three printed tables.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRef } from '../../src/main/core/context';
import type { BudgetLineInput, BudgetLineKey, ExecutionLine } from '../../src/main/contract/budget';
import type { IncomeStatement } from '../../src/main/contract/ledger';
import { formatYuan } from '../../src/main/contract/money';
import { budgetRoom } from '../../src/main/core/budget/budget';
import { CoreError } from '../../src/main/core/errors';
import { addUser } from '../helpers/core';
import { buildRealisticYear, PROJECT, YEAR, type RealisticYear } from '../helpers/realistic-year';

let y: RealisticYear;
let zhuxi: ClientRef; // 工会主席
let jingshen: ClientRef; // 经审委员

const SW = { project: PROJECT } as const;
const INITIAL: BudgetLineInput[] = [
  { accountCode: '401', amountFen: 9_000_000, note: '300人×25元×12月' },
  { accountCode: '402', amountFen: 13_000_000 },
  { accountCode: '40301', amountFen: 3_000_000 },
  { accountCode: '40302', amountFen: 5_000_000, ...SW },
  { accountCode: '50102', amountFen: 100_000 },
  { accountCode: '50105', amountFen: 14_000_000, note: '节日慰问品、生日蛋糕' },
  { accountCode: '50301', amountFen: 800_000 },
  { accountCode: '50304', amountFen: 900_000 },
  { accountCode: '50405', amountFen: 5_000_000, expenseType: 'project', ...SW },
  { accountCode: '50501', amountFen: 700_000 },
  { accountCode: '50702', amountFen: 800_000 },
];
/** July: +1,000 元 training, +2,000 元 会员活动, −1,000 元 职工书屋 (which the November newspapers then overspend). */
const ADJUSTED = INITIAL.map((l) =>
  l.accountCode === '50501'
    ? { ...l, amountFen: 800_000, note: '追加工会干部培训' }
    : l.accountCode === '50105'
      ? { ...l, amountFen: 14_200_000 }
      : l.accountCode === '50304'
        ? { ...l, amountFen: 800_000, note: '压减' }
        : l,
);

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

beforeAll(async () => {
  y = await buildRealisticYear();
  zhuxi = await addUser(y.l, 'zhuxi', ['chair']);
  jingshen = await addUser(y.l, 'jingshen', ['reviewer']);
}, 120_000);
afterAll(() => y?.l.close());

/** Independent: posted, non-closing voucher lines dated 1 January .. `to`, by SQL straight on the tables. */
function sqlActual(k: BudgetLineKey, to: string): number {
  const r = y.l.core.sqlite
    .prepare(
      `SELECT coalesce(sum(l.debit - l.credit), 0) AS n FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.kind NOT IN ('closing', 'year_end') AND v.voucher_date BETWEEN ? AND ?
         AND l.account_code LIKE ? AND (? IS NULL OR l.expense_type = ?) AND (? IS NULL OR l.project = ?)`,
    )
    .get(`${YEAR}-01-01`, to, `${k.accountCode}%`, k.expenseType, k.expenseType, k.project, k.project) as { n: number };
  return k.accountCode.startsWith('4') ? -r.n : r.n;
}

/** The 02表 figure of a first-level account (its row lists that one account). */
function statementRow(is: IncomeStatement, code: string, col: 'current' | 'comparative'): number {
  const row = is.rows.find((r) => r.accounts.length === 1 && r.accounts[0] === code && r.indent === 1);
  if (!row) throw new Error(`no 02表 row for ${code}`);
  return row[col] ?? 0;
}

function byFirstLevel(lines: ExecutionLine[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of lines) m.set(l.accountCode.slice(0, 3), (m.get(l.accountCode.slice(0, 3)) ?? 0) + l.actualFen);
  return m;
}

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

describe('budget of the realistic year', () => {
  it('年初预算: drafted by the 会计, approvals in chain order by 主管 and 主席, then frozen', async () => {
    const { kuaiji, zhuguan } = y.staff;
    await refused(y.l.call(jingshen, 'budget.saveDraft', { year: YEAR, lines: INITIAL }), 'FORBIDDEN');
    await refused(
      y.l.call(kuaiji, 'budget.saveDraft', { year: YEAR, lines: [{ accountCode: '501', amountFen: 1 }, { accountCode: '50105', amountFen: 1 }] }),
      'VALIDATION',
      /重叠/,
    );
    const draft = await y.l.call(kuaiji, 'budget.saveDraft', { year: YEAR, lines: INITIAL });
    expect(draft).toMatchObject({ version: 0, status: 'draft', label: '年初预算', missingStages: ['committee', 'review', 'upper'] });
    expect(draft.totals.revenueFen).toBe(30_000_000);
    expect(draft.lines.find((l) => l.accountCode === '50405')?.label).toBe('维权支出——送温暖支出（项目支出·送温暖）');
    // First year of the books: no 上年决算数.
    expect(draft.lines.every((l) => l.previousActualFen === null)).toBe(true);

    await refused(y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'review', date: '2026-01-12', documentNo: '经审〔2026〕1号' }), 'RULE', /工会委员会/);
    await refused(y.l.call(zhuguan, 'budget.approve', { year: YEAR, version: 0 }), 'RULE', /工会委员会、经费审查委员会、上级工会/);
    await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'committee', date: '2026-01-08', documentNo: '工委会纪要〔2026〕1号' });
    await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'review', date: '2026-01-12', documentNo: '经审〔2026〕1号', attachmentSha256: 'A'.repeat(64) });
    const beforeUpper = await y.l.call(zhuxi, 'budget.get', { year: YEAR });
    expect(beforeUpper.missingStages).toEqual(['upper']);
    await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'upper', date: '2026-01-20', documentNo: '市总工〔2026〕5号' });
    await refused(y.l.call(kuaiji, 'budget.approve', { year: YEAR, version: 0 }), 'FORBIDDEN');
    const approved = await y.l.call(zhuxi, 'budget.approve', { year: YEAR, version: 0 });
    expect(approved).toMatchObject({ status: 'approved', effectiveDate: '2026-01-20', missingStages: [] });
    expect(approved.approvals.map((a) => [a.stageLabel, a.documentNo])).toEqual([
      ['工会委员会', '工委会纪要〔2026〕1号'],
      ['经费审查委员会', '经审〔2026〕1号'],
      ['上级工会', '市总工〔2026〕5号'],
    ]);
    expect(approved.approvals[1]!.attachmentSha256).toBe('a'.repeat(64));

    // Frozen: through the app …
    await refused(y.l.call(kuaiji, 'budget.saveDraft', { year: YEAR, lines: INITIAL }), 'CONFLICT', /已批准/);
    await refused(y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 0, stage: 'upper', date: '2026-01-21', documentNo: 'x' }), 'CONFLICT');
    // … and straight in SQL.
    const db = y.l.core.sqlite;
    const vid = (db.prepare('SELECT id FROM budget_versions WHERE year = ? AND version = 0').get(YEAR) as { id: number }).id;
    expect(() => db.prepare('UPDATE budget_lines SET amount_fen = amount_fen + 1 WHERE version_id = ?').run(vid)).toThrow(/已批准的预算不得修改/);
    expect(() => db.prepare('DELETE FROM budget_lines WHERE version_id = ?').run(vid)).toThrow(/已批准的预算不得修改/);
    expect(() => db.prepare(`INSERT INTO budget_lines (version_id, line_no, account_code, amount_fen) VALUES (?, 99, '510', 1)`).run(vid)).toThrow(/已批准的预算不得修改/);
    expect(() => db.prepare(`UPDATE budget_versions SET status = 'draft', effective_date = NULL WHERE id = ?`).run(vid)).toThrow(/已批准的预算不得修改/);
    expect(() => db.prepare('DELETE FROM budget_approvals WHERE version_id = ?').run(vid)).toThrow(/不得删除/);
    expect(() => db.prepare(`INSERT INTO budget_versions (year, version, status, effective_date, created_at) VALUES (2030, 0, 'approved', '2030-01-01', 'x')`).run()).toThrow(/草稿/);
  });

  it('mid-year execution (30 June) agrees with the 02表 本年累计数 and the voucher lines, with warnings', async () => {
    const e = await y.l.call(jingshen, 'budget.execution', { year: YEAR, asOf: '2026-06' });
    expect(e).toMatchObject({ asOf: '2026-06-30', budgetVersion: 0 });
    for (const l of e.lines.filter((x) => x.lineNo !== null)) expect([l.accountCode, l.actualFen]).toEqual([l.accountCode, sqlActual(l, '2026-06-30')]);
    const is = await y.l.call(y.staff.kuaiji, 'statements.incomeStatement', { period: '2026-06', annual: false });
    const firsts = byFirstLevel(e.lines);
    for (const row of is.rows.filter((r) => r.indent === 1 && /^[45]/.test(r.accounts[0] ?? ''))) {
      expect([row.accounts[0], firsts.get(row.accounts[0]!) ?? 0]).toEqual([row.accounts[0], (row.comparative ?? 0) + 0]);
    }
    expect(e.totals.revenue.actualFen).toBe(is.totals.revenue.comparative);
    expect(e.totals.expenditure.actualFen).toBe(is.totals.expenditure.comparative);
    // The projector (7,980 of 8,000 元) is near its budget by June; 送温暖 3,200 of 5,000 元 is not.
    const projector = e.lines.find((l) => l.accountCode === '50702')!;
    expect(projector).toMatchObject({ actualFen: 798_000, remainingFen: 2_000, rateBp: 9975, rateText: '99.75%', warning: 'near' });
    expect(e.lines.find((l) => l.accountCode === '50405')).toMatchObject({ actualFen: 3_200_000, rateBp: 6400, warning: null });
    expect(e.warnings.find((w) => w.accountCode === '50702')?.message).toContain('99.75%');
    // 经审会茶水 (50502) has no budget line: shown as 未列入预算 so the totals still agree.
    expect(e.lines.find((l) => l.accountCode === '505' && l.lineNo === null)).toMatchObject({ actualFen: 12_600, warning: 'unbudgeted' });
  });

  it('an execution on a day inside a month (20 July) counts the month up to that day', async () => {
    const e = await y.l.call(y.staff.zhuguan, 'budget.execution', { year: YEAR, asOf: '2026-07-20' });
    for (const l of e.lines.filter((x) => x.lineNo !== null)) expect([l.accountCode, l.actualFen]).toEqual([l.accountCode, sqlActual(l, '2026-07-20')]);
    expect(e.lines.find((l) => l.accountCode === '402')!.actualFen).toBe(y.levies[0]!.retained + y.levies[1]!.retained + y.levies[2]!.retained);
  });

  it('the July adjustment copies the budget as a draft, goes through the same chain and applies from its approval', async () => {
    const { kuaiji, zhuguan } = y.staff;
    await refused(y.l.call(jingshen, 'budget.startAdjustment', { year: YEAR, reason: '追加培训经费' }), 'FORBIDDEN');
    const adj = await y.l.call(kuaiji, 'budget.startAdjustment', { year: YEAR, reason: '追加工会干部培训经费' });
    expect(adj).toMatchObject({ version: 1, status: 'draft', label: '第1次调整', reason: '追加工会干部培训经费' });
    expect(adj.lines.map((l) => [l.accountCode, l.amountFen])).toEqual(INITIAL.map((l) => [l.accountCode, l.amountFen]));
    await refused(y.l.call(kuaiji, 'budget.startAdjustment', { year: YEAR, reason: '再次调整' }), 'CONFLICT', /尚未批准/);
    await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 1, stage: 'committee', date: '2026-07-06', documentNo: '工委会纪要〔2026〕7号' });
    // Changing the lines withdraws approvals given to the old figures.
    const saved = await y.l.call(kuaiji, 'budget.saveDraft', { year: YEAR, lines: ADJUSTED });
    expect(saved.approvalsWithdrawn).toBe(1);
    expect(saved.totals.expenditureFen).toBe(adj.totals.expenditureFen + 200_000);
    await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR, version: 1, stage: 'committee', date: '2026-07-08', documentNo: '工委会纪要〔2026〕8号' });
    await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 1, stage: 'review', date: '2026-07-10', documentNo: '经审〔2026〕4号' });
    await refused(y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 1, stage: 'upper', date: '2026-07-09', documentNo: 'x' }), 'VALIDATION', /早于/);
    await y.l.call(zhuxi, 'budget.recordApproval', { year: YEAR, version: 1, stage: 'upper', date: '2026-07-15', documentNo: '市总工〔2026〕31号' });
    const done = await y.l.call(zhuxi, 'budget.approve', { year: YEAR, version: 1 });
    expect(done).toMatchObject({ status: 'approved', effectiveDate: '2026-07-15' });
    expect(done.versions.map((v) => [v.label, v.status])).toEqual([
      ['年初预算', 'approved'],
      ['第1次调整', 'approved'],
    ]);
    // One adjustment a year by default.
    await refused(y.l.call(kuaiji, 'budget.startAdjustment', { year: YEAR, reason: '第二次调整' }), 'RULE', /最多调整 1 次/);
    // June still runs on the 年初预算, August on the adjustment.
    expect((await y.l.call(kuaiji, 'budget.execution', { year: YEAR, asOf: '2026-06-30' })).budgetVersion).toBe(0);
    expect((await y.l.call(kuaiji, 'budget.execution', { year: YEAR, asOf: '2026-08' })).budgetVersion).toBe(1);
  });

  it('year-end execution and the 决算 agree with the 02表 to the fen, line by line and in total', async () => {
    const e = await y.l.call(y.staff.kuaiji, 'budget.execution', { year: YEAR });
    const f = await y.l.call(zhuxi, 'budget.finalAccounts', { year: YEAR });
    expect(f.lines).toEqual(e.lines);
    expect(f.budgetVersion).toBe(1);
    const is = await y.l.call(y.staff.kuaiji, 'statements.incomeStatement', { period: '2026-12', annual: true });
    const firsts = byFirstLevel(f.lines);
    for (const row of is.rows.filter((r) => r.indent === 1 && /^[45]/.test(r.accounts[0] ?? ''))) {
      expect([row.accounts[0], firsts.get(row.accounts[0]!) ?? 0]).toEqual([row.accounts[0], statementRow(is, row.accounts[0]!, 'current') + 0]);
    }
    expect(f.totals.revenue.actualFen).toBe(is.totals.revenue.current);
    expect(f.totals.expenditure.actualFen).toBe(is.totals.expenditure.current);
    expect(f.totals.surplusActualFen).toBe(is.totals.surplus.current);
    expect(f.totals.revenue.actualFen).toBe(y.result.revenue.general + y.result.revenue.special);
    expect(f.totals.expenditure.actualFen).toBe(y.result.expenditure.general + y.result.expenditure.special);
    for (const l of f.lines.filter((x) => x.lineNo !== null)) {
      expect([l.accountCode, l.actualFen]).toEqual([l.accountCode, sqlActual(l, '2026-12-31')]);
      // The builder's own tally of what it entered (expenditure leaves; 402 has 2027's levy in it).
      if (l.accountCode.startsWith('5') && l.expenseType === null) expect(l.actualFen).toBe(y.tally.get(l.accountCode));
    }
    expect(f.openingFundsFen).toBe(0);
    expect(f.closingFundsFen).toBe(f.openingFundsFen + f.totals.surplusActualFen);
    // Warnings at the year end: 培训 near (94.50 % of the adjusted 8,000 元), 职工书屋 over (8,530.40 of 8,000 元).
    expect(f.lines.find((l) => l.accountCode === '50501')).toMatchObject({ budgetFen: 800_000, actualFen: 756_000, rateBp: 9450, rateText: '94.50%', warning: 'near' });
    const books = f.lines.find((l) => l.accountCode === '50304')!;
    expect(books).toMatchObject({ budgetFen: 800_000, actualFen: 853_040, remainingFen: -53_040, rateBp: 10663, rateText: '106.63%', warning: 'over' });
    expect(f.warnings.find((w) => w.accountCode === '50304')).toMatchObject({ level: 'over' });
    expect(f.warnings.find((w) => w.accountCode === '50304')!.message).toContain('超出预算 530.40 元');
    // Revenue over its budget is no warning.
    expect(f.lines.find((l) => l.accountCode === '401')).toMatchObject({ budgetFen: 9_000_000, actualFen: 9_060_000, rateText: '100.67%', warning: null });
    const r = f.totals.revenue;
    expect(r.rateBp).toBe(Math.round((r.actualFen * 10_000) / r.budgetFen));
  });

  it('the warning line is a setting (default 90 %): 竞赛 at 88.75 % warns only from 85 %', async () => {
    const admin = { clientId: 'admin', host: 'test' } as const;
    const e90 = await y.l.call(y.staff.kuaiji, 'budget.execution', { year: YEAR });
    expect(e90.lines.find((l) => l.accountCode === '50301')).toMatchObject({ rateBp: 8875, warning: null });
    const s = await y.l.call(admin, 'budget.settings.get', {});
    expect(s).toEqual({ requiredStages: ['committee', 'review', 'upper'], nearWarnBp: 9000, maxAdjustments: 1 });
    await y.l.call(admin, 'budget.settings.update', { ...s, nearWarnBp: 8500 });
    const e85 = await y.l.call(y.staff.kuaiji, 'budget.execution', { year: YEAR });
    expect(e85.lines.find((l) => l.accountCode === '50301')).toMatchObject({ warning: 'near' });
    await y.l.call(admin, 'budget.settings.update', s);
  });

  it('budgetRoom: the line covering an account, what is used and what is left, in force on the day', () => {
    const db = y.l.core.db;
    expect(budgetRoom(db, YEAR, '50501', '2026-12-31')).toEqual({ budgetFen: 800_000, usedFen: 756_000, remainingFen: 44_000 });
    expect(budgetRoom(db, YEAR, '50501', '2026-06-30')).toEqual({ budgetFen: 700_000, usedFen: 0, remainingFen: 700_000 });
    expect(budgetRoom(db, YEAR, '50405', '2026-06-30')).toEqual({ budgetFen: 5_000_000, usedFen: 3_200_000, remainingFen: 1_800_000 });
    expect(budgetRoom(db, YEAR, '50502', '2026-12-31')).toBeNull();
    expect(budgetRoom(db, YEAR + 3, '50501', '2029-03-01')).toBeNull();
  });

  it('the next year budget shows this year actuals (上年决算数) beside its lines; the chain is a setting', async () => {
    const { kuaiji, zhuguan } = y.staff;
    const v = await y.l.call(kuaiji, 'budget.saveDraft', { year: YEAR + 1, lines: [{ accountCode: '401', amountFen: 9_120_000 }, { accountCode: '50105', amountFen: 14_000_000 }, { accountCode: '50405', amountFen: 1, expenseType: 'project', ...SW }] });
    expect(v.lines.map((l) => [l.accountCode, l.previousActualFen])).toEqual([
      ['401', 9_060_000],
      ['50105', y.tally.get('50105')],
      ['50405', 4_700_000],
    ]);
    const is = await y.l.call(kuaiji, 'statements.incomeStatement', { period: '2026-12', annual: true });
    expect(v.totals.previousRevenueFen).toBe(is.totals.revenue.current);
    expect(v.totals.previousExpenditureFen).toBe(is.totals.expenditure.current);
    // Fujian: filing upward (备案) instead of approval; a union whose chain stops at the 经审会.
    const admin = { clientId: 'admin', host: 'test' } as const;
    const s = await y.l.call(admin, 'budget.settings.get', {});
    await y.l.call(admin, 'budget.settings.update', { ...s, requiredStages: ['review', 'committee'] });
    await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR + 1, version: 0, stage: 'committee', date: '2027-01-10', documentNo: '工委会纪要〔2027〕1号' });
    await y.l.call(zhuguan, 'budget.recordApproval', { year: YEAR + 1, version: 0, stage: 'review', date: '2027-01-12', documentNo: '经审〔2027〕1号' });
    expect((await y.l.call(zhuxi, 'budget.approve', { year: YEAR + 1, version: 0 })).effectiveDate).toBe('2027-01-12');
    await y.l.call(admin, 'budget.settings.update', s);
  });

  it('prints the 年初预算表, the 预算调整表 and the 决算表 with the figures and the signature footer', async () => {
    const out = y.l.dir;
    const text = async (table: 'initial' | 'adjustment' | 'final'): Promise<string> => {
      const f = await y.l.call(jingshen, 'budget.export', { table, year: YEAR, format: 'pdf' });
      expect(f.mimeType).toBe('application/pdf');
      const file = path.join(out, f.filename);
      fs.writeFileSync(file, Buffer.from(f.base64, 'base64'));
      const t = run('pdftotext', ['-layout', file, '-']);
      if (process.env.SHOW_PDF) console.log(t);
      return t;
    };
    const sig = ['工会主席', '经费审查委员会主任', '财务负责人', '制表', '编制单位', '单位：元'];
    const initial = await text('initial');
    for (const s of ['工会经费收支预算表', '上年决算数', '本年预算数', '收入合计', '支出合计', '年末结转结余', formatYuan(30_000_000), formatYuan(9_000_000), '市总工〔2026〕5号', ...sig]) expect(initial).toContain(s);
    const adj = await text('adjustment');
    for (const s of ['工会经费收支预算表（调整）', '年初核定预算', '预算调整数', '调整后预算数', '对比%', formatYuan(800_000), formatYuan(100_000), '114.29%', '88.89%', '追加工会干部培训经费', ...sig]) expect(adj).toContain(s);
    const f = await y.l.call(zhuxi, 'budget.finalAccounts', { year: YEAR });
    const fin = await text('final');
    for (const s of ['工会经费收支决算表', '核定预算数', '决算数', '完成决算', formatYuan(f.totals.revenue.actualFen), formatYuan(f.totals.expenditure.actualFen), f.totals.revenue.rateText, '94.50%', '未列入预算', ...sig]) expect(fin).toContain(s);
    const x = await y.l.call(jingshen, 'budget.export', { table: 'final', year: YEAR, format: 'xlsx' });
    expect(x.filename).toBe('工会经费收支决算表-2026年度.xlsx');
    expect(Buffer.from(x.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});
