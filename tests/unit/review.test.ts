// The 经审会's workspace on the realistic year (tests/helpers/realistic-year.ts): reproducible
// stratified sampling with a recorded seed, every voucher over the threshold drawn; findings with
// their 整改 history, written only by the reviewer; the reviewer refused every other write; the
// prepared schedules' figures against the ledger services (02表, 科目余额表, bank reconciliation,
// budget 决算) and the builder's own tally; the schedules exported to Excel (one sheet each) and PDF.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientRef } from '../../src/main/core/context';
import { operations, type OpName } from '../../src/main/contract/operations';
import type { IncomeStatement } from '../../src/main/contract/ledger';
import type { ScheduleTable, ReviewSchedules } from '../../src/main/contract/review';
import { SCHEDULE_KEYS, SCHEDULE_TITLES } from '../../src/main/contract/review';
import { drawSample } from '../../src/main/core/review/sampling';
import { expectedLevy } from '../../src/main/core/entries/levy';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember, postThrough } from '../helpers/dues';
import { buildRealisticYear, BANK, DEPRECIATION, PROJECTOR, YEAR, type RealisticYear } from '../helpers/realistic-year';

let y: RealisticYear;
let shencha: ClientRef; // 经审委员
let zhuxi: ClientRef; // 工会主席

beforeAll(async () => {
  y = await buildRealisticYear();
  shencha = await addUser(y.l, 'shencha', ['reviewer']);
  zhuxi = await addUser(y.l, 'zhuxi', ['chair']);
}, 120_000);
afterAll(() => y?.l.close());

/** Independent: the year's posted, non-closing vouchers and their debit totals, straight from SQL. */
function population(): { id: number; amount: number }[] {
  return y.l.core.sqlite
    .prepare(
      `SELECT v.id, (SELECT sum(debit) FROM voucher_lines l WHERE l.voucher_id = v.id) AS amount FROM vouchers v
       WHERE v.status = 'posted' AND v.period BETWEEN '2026-01' AND '2026-12' AND v.kind NOT IN ('closing', 'year_end') ORDER BY v.period, v.word, v.number, v.id`,
    )
    .all() as { id: number; amount: number }[];
}

const STRATA = [
  { minFen: 0, maxFen: 100_000, size: 4 },
  { minFen: 100_000, maxFen: 1_000_000, size: 6 },
  { minFen: 1_000_000, maxFen: null, size: 3 },
];
const THRESHOLD = 4_000_000; // 40,000 元

describe('sampling', () => {
  it('draws the same vouchers from the same seed, records the seed, and a different seed draws differently', async () => {
    const a = await y.l.call(shencha, 'review.samples.draw', { year: YEAR, seed: 20260131, thresholdFen: THRESHOLD, strata: STRATA });
    const b = await y.l.call(shencha, 'review.samples.draw', { year: YEAR, seed: 20260131, thresholdFen: THRESHOLD, strata: STRATA });
    const c = await y.l.call(shencha, 'review.samples.draw', { year: YEAR, seed: 7, thresholdFen: THRESHOLD, strata: STRATA });
    expect(a.id).not.toBe(b.id);
    expect(a.seed).toBe(20260131);
    const ids = (s: typeof a) => s.items.map((i) => i.voucherId).sort((p, q) => p - q);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(c)).not.toEqual(ids(a));
    // Stored: reading it back gives the same sample, and the list names the seed.
    const again = await y.l.call(zhuxi, 'review.samples.get', { id: a.id });
    expect(ids(again)).toEqual(ids(a));
    expect(again.populationChanged).toBe(false);
    const list = await y.l.call(zhuxi, 'review.samples.list', { year: YEAR });
    expect(list.find((s) => s.id === a.id)).toMatchObject({ seed: 20260131, itemCount: a.items.length, createdBy: 'shencha' });
    // The working paper: one row per sampled voucher, the seed in the notes.
    const x = await y.l.call(zhuxi, 'review.samples.export', { id: a.id, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    const all = cells.join('|');
    expect(all).toContain('经费审查凭证抽样清单');
    expect(all).toContain('随机种子 20260131');
    for (const i of a.items) expect(all).toContain(i.summary);
    const pdf = await y.l.call(shencha, 'review.samples.export', { id: a.id, format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // The draw is in the audit trail with its seed and vouchers.
    const log = await y.l.call(shencha, 'audit.list', { operation: 'review.samples.draw' });
    expect(log.rows.some((r) => r.entityId === String(a.id) && JSON.stringify(r.after).includes('"seed":20260131'))).toBe(true);
  });

  it('a draw without a seed picks one, records it, and drawing again with it reproduces the sample', async () => {
    const a = await y.l.call(shencha, 'review.samples.draw', { year: YEAR });
    expect(Number.isInteger(a.seed)).toBe(true);
    const b = await y.l.call(shencha, 'review.samples.draw', { year: YEAR, seed: a.seed });
    expect(b.items.map((i) => i.voucherId).sort()).toEqual(a.items.map((i) => i.voucherId).sort());
  });

  it('includes every voucher at or over the threshold, and draws each stratum its size from its own amount range', async () => {
    const s = await y.l.call(shencha, 'review.samples.draw', { year: YEAR, seed: 99, thresholdFen: THRESHOLD, strata: STRATA });
    const pop = population();
    expect(s.populationCount).toBe(pop.length);
    expect(s.populationCount).toBe(y.entered.year);
    const over = pop.filter((v) => Math.abs(v.amount) >= THRESHOLD).map((v) => v.id).sort((p, q) => p - q);
    expect(over.length).toBeGreaterThan(3); // levies, grants, festival goods
    const drawnOver = s.items.filter((i) => i.stratum === -1).map((i) => i.voucherId).sort((p, q) => p - q);
    expect(drawnOver).toEqual(over);
    expect(s.overThreshold.count).toBe(over.length);
    STRATA.forEach((st, k) => {
      const max = st.maxFen ?? THRESHOLD;
      const inRange = pop.filter((v) => Math.abs(v.amount) >= st.minFen && Math.abs(v.amount) < max);
      const mine = s.items.filter((i) => i.stratum === k);
      expect(mine).toHaveLength(Math.min(st.size, inRange.length));
      expect(s.strata[k]!.populationCount).toBe(inRange.length);
      for (const i of mine) {
        expect(Math.abs(i.amountFen)).toBeGreaterThanOrEqual(st.minFen);
        expect(Math.abs(i.amountFen)).toBeLessThan(max);
      }
      expect(new Set(mine.map((i) => i.voucherId)).size).toBe(mine.length);
    });
    // Each stratum has more vouchers than it draws, so the draw is a real choice.
    expect(s.strata[0]!.populationCount).toBeGreaterThan(4);
    expect(s.strata[1]!.populationCount).toBeGreaterThan(6);
  });

  it('the draw is a pure function of population, seed and strata (different seeds spread over the stratum)', () => {
    const pop = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, amountFen: (i + 1) * 1_000 }));
    const strata = [{ minFen: 0, maxFen: null, size: 10 }];
    expect(drawSample(pop, 1, 10_000_000, strata)).toEqual(drawSample(pop, 1, 10_000_000, strata));
    const seen = new Set<number>();
    for (let seed = 0; seed < 30; seed++) for (const d of drawSample(pop, seed, 10_000_000, strata)) seen.add(d.voucherId);
    expect(seen.size).toBeGreaterThan(80);
  });

  it('refuses overlapping strata, a stratum above the threshold, and a year without posted vouchers, in Chinese', async () => {
    await expect(y.l.call(shencha, 'review.samples.draw', { year: YEAR, strata: [{ minFen: 0, maxFen: 200_000, size: 2 }, { minFen: 100_000, maxFen: null, size: 2 }] })).rejects.toThrow(/重叠/);
    await expect(y.l.call(shencha, 'review.samples.draw', { year: YEAR, thresholdFen: 100_000, strata: [{ minFen: 200_000, maxFen: null, size: 2 }] })).rejects.toThrow(/必抽金额/);
    await expect(y.l.call(shencha, 'review.samples.draw', { year: 2030 })).rejects.toThrow(/没有已记账的凭证/);
  });
});

describe('findings and their follow-up (整改)', () => {
  it('the reviewer records a finding on vouchers; status changes keep who, when and the note; the chair reads them', async () => {
    const f = await y.l.call(shencha, 'review.findings.save', {
      year: YEAR,
      severity: 'important',
      title: '订正凭证未附原始凭证',
      description: '11月20日订正凭证附件张数为 0。',
      recommendation: '补附报刊订阅发票。',
      owner: '会计',
      dueDate: '2027-02-28',
      voucherIds: [y.ids['correction']!, y.ids['wrong']!],
    });
    expect(f).toMatchObject({ status: 'open', statusLabel: '未整改', severityLabel: '重要', createdBy: 'shencha' });
    expect(f.vouchers.map((v) => v.voucherId).sort()).toEqual([y.ids['correction']!, y.ids['wrong']!].sort());
    expect(f.vouchers.find((v) => v.voucherId === y.ids['wrong'])!.amountFen).toBe(218_000);

    await y.l.call(shencha, 'review.findings.setStatus', { id: f.id, status: 'in_progress', note: '会计已联系报社补开发票' });
    const done = await y.l.call(shencha, 'review.findings.setStatus', { id: f.id, status: 'resolved', note: '发票已补附，经审会复核无误' });
    expect(done.status).toBe('resolved');
    expect(done.events.map((e) => [e.fromStatus, e.toStatus, e.note, e.by])).toEqual([
      [null, 'open', '登记问题', 'shencha'],
      ['open', 'in_progress', '会计已联系报社补开发票', 'shencha'],
      ['in_progress', 'resolved', '发票已补附，经审会复核无误', 'shencha'],
    ]);
    // A resolved finding is not rewritten.
    await expect(y.l.call(shencha, 'review.findings.save', { id: f.id, year: YEAR, severity: 'general', title: '改写标题', description: '改写描述' })).rejects.toThrow(/已整改/);

    const second = await y.l.call(shencha, 'review.findings.save', { year: YEAR, severity: 'general', title: '支出未走审批流程', description: '节日慰问品支出无主席审批记录。', voucherIds: [y.ids['springFestival']!] });
    const edited = await y.l.call(shencha, 'review.findings.save', { id: second.id, year: YEAR, severity: 'major', title: '支出未走审批流程', description: '春节、中秋慰问品均无审批记录。', voucherIds: [y.ids['springFestival']!, y.ids['midAutumn']!] });
    expect(edited.severityLabel).toBe('重大');
    expect(edited.vouchers).toHaveLength(2);

    const read = await y.l.call(zhuxi, 'review.findings.list', { year: YEAR });
    expect(read.map((x) => x.title)).toEqual(['订正凭证未附原始凭证', '支出未走审批流程']);
    const open = await y.l.call(zhuxi, 'review.findings.list', { year: YEAR, status: 'open' });
    expect(open.map((x) => x.id)).toEqual([second.id]);

    // Every write is in the audit trail.
    const log = await y.l.call(shencha, 'audit.list', { entity: 'review_finding' });
    expect(log.rows.map((r) => r.operation).sort()).toEqual(['review.findings.save', 'review.findings.save', 'review.findings.save', 'review.findings.setStatus', 'review.findings.setStatus']);
  });

  it('the chair (and anyone but the reviewer) cannot write findings; an unknown voucher is named', async () => {
    await expect(y.l.call(zhuxi, 'review.findings.save', { year: YEAR, severity: 'general', title: '主席登记', description: '不应允许' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(y.l.call(y.staff.kuaiji, 'review.samples.draw', { year: YEAR })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(y.l.call(shencha, 'review.findings.save', { year: YEAR, severity: 'general', title: '标题', description: '描述', voucherIds: [999_999] })).rejects.toThrow(/涉及凭证第 1 张（编号 999999）不存在/);
  });
});

describe('the reviewer reads everything and writes nothing else', () => {
  it('is refused every write outside the committee\'s own records, and can read books, vouchers, audit and budget', async () => {
    const own = new Set(['review.findings.save', 'review.findings.setStatus', 'review.levyBases.save', 'review.samples.draw']);
    // Role-gated writes only ('public' and 'user' ones are login, password and recovery); the committee's
    // own records (this workspace, and the 审查报告 it drafts) are its to write.
    const writes = (Object.keys(operations) as OpName[]).filter((op) => {
      const a = operations[op].access;
      return operations[op].effect === 'write' && a !== 'public' && a !== 'user' && !own.has(op) && !op.startsWith('reviewReport.');
    });
    expect(writes.length).toBeGreaterThan(40);
    for (const op of writes) {
      const res = await y.l.core.dispatch(shencha, op, {});
      expect([op, res.ok ? 'ok' : res.error.code]).toEqual([op, 'FORBIDDEN']);
    }
    // Reads the review needs.
    const v = await y.l.call(shencha, 'vouchers.get', { id: y.ids['equipment']! });
    expect(v.lines).toHaveLength(4);
    await y.l.call(shencha, 'books.trialBalance', { from: '2026-01', to: '2026-12' });
    await y.l.call(shencha, 'audit.verify', {});
    await y.l.call(shencha, 'spending.list', { year: YEAR });
    await y.l.call(shencha, 'dues.collectionRate', { year: YEAR });
    await y.l.call(shencha, 'bank.reconciliation.status', { period: '2026-12' });
    // The member roster stays closed to the reviewer (personal data; tests/unit/members.test.ts).
    await expect(y.l.call(shencha, 'members.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('prepared schedules agree with the ledger', () => {
  let s: ReviewSchedules;
  let is: IncomeStatement;
  const t = (key: ScheduleTable['key']) => s.tables.find((x) => x.key === key)!;
  const isRow = (code: string) => is.rows.find((r) => r.accounts.length === 1 && r.accounts[0] === code)?.current ?? 0;

  beforeAll(async () => {
    s = await y.l.call(zhuxi, 'review.schedules', { year: YEAR });
    is = await y.l.call(y.staff.kuaiji, 'statements.incomeStatement', { period: '2026-12', annual: true });
  });

  it('has every schedule, in order', () => {
    expect(s.tables.map((x) => x.key)).toEqual([...SCHEDULE_KEYS]);
    expect(s.tables.map((x) => x.title)).toEqual(SCHEDULE_KEYS.map((k) => SCHEDULE_TITLES[k]));
  });

  it('levy: received, retained and remitted equal the posted 402 and 211; 2 % of a recorded 工资总额 is compared', async () => {
    const inYear = y.levies.slice(0, 4); // 2025 Q4 … 2026 Q3 received in 2026; 2026 Q4 in January 2027
    const levy = t('levy').figures;
    expect(levy['receipts']).toBe(4);
    expect(levy['retainedFen']).toBe(inYear.reduce((a, q) => a + q.retained, 0));
    expect(levy['retainedFen']).toBe(isRow('402'));
    expect(levy['upperFen']).toBe(inYear.reduce((a, q) => a + q.upper, 0));
    expect(levy['grossFen']).toBe(inYear.reduce((a, q) => a + q.levy, 0));
    expect(levy['remittedFen']).toBe(inYear.reduce((a, q) => a + q.upper, 0)); // each quarter remitted the month after
    const tb = await y.l.call(y.staff.kuaiji, 'books.trialBalance', { from: '2026-01', to: '2026-12' });
    const row211 = tb.rows.find((r) => r.code === '211')!;
    expect(levy['payableClosingFen']).toBe(row211.closingCredit - row211.closingDebit);
    expect(levy['payableClosingFen']).toBe(0);
    // Every receipt's upper share was cleared: no flagged receipt.
    expect(t('levy').rows.filter((r) => r.flagged)).toEqual([]);

    // The reviewer records the 工资总额 of the first quarter: 2 % of it is exactly what was received.
    const q1 = inYear[1]!;
    await y.l.call(shencha, 'review.levyBases.save', { voucherId: y.ids['levyQ1']!, payrollBaseFen: q1.payroll, note: '行政方工资汇总表' });
    // And a 工资总额 for the second quarter 10,000 元 higher than the one the levy was paid on: a 200 元 shortfall.
    const q2 = inYear[2]!;
    await y.l.call(shencha, 'review.levyBases.save', { voucherId: y.ids['levyQ2']!, payrollBaseFen: q2.payroll + 1_000_000, note: '含年中奖金' });
    const again = (await y.l.call(shencha, 'review.schedules', { year: YEAR })).tables.find((x) => x.key === 'levy')!;
    expect(again.figures['basesRecorded']).toBe(2);
    expect(again.figures['expectedFen']).toBe(expectedLevy(q1.payroll) + expectedLevy(q2.payroll + 1_000_000));
    const flagged = again.rows.filter((r) => r.flagged);
    expect(flagged.map((r) => r.voucherId)).toEqual([y.ids['levyQ2']]);
    expect(flagged[0]!.cells[6]).toBe(-20_000);
    const bases = await y.l.call(zhuxi, 'review.levyBases.list', { year: YEAR });
    expect(bases.map((b) => b.voucherId).sort()).toEqual([y.ids['levyQ1']!, y.ids['levyQ2']!].sort());
    await expect(y.l.call(shencha, 'review.levyBases.save', { voucherId: y.ids['equipment']!, payrollBaseFen: 100 })).rejects.toThrow(/402/);
  });

  it('dues: the book income equals the 02表 401 line', () => {
    expect(t('dues').figures['income401Fen']).toBe(isRow('401'));
    expect(t('dues').figures['income401Fen']).toBe(-(y.tally.get('401') ?? 0));
  });

  it('bank: twelve months reconciled and agreed; cash never negative', async () => {
    const b = t('bank').figures;
    expect(b['required']).toBe(12);
    expect(b['agreed']).toBe(12);
    expect(b['missing']).toBe(0);
    expect(b['negativeCash']).toBe(0);
    const st = await y.l.call(y.staff.kuaiji, 'bank.reconciliation.status', { period: '2026-12' });
    const dec = t('bank').rows.find((r) => r.cells[0] === '2026-12' && String(r.cells[1]).startsWith(BANK))!;
    expect(dec.cells[2]).toBe(st.find((x) => x.bankAccountCode === BANK)!.bookBalanceFen);
  });

  it('assets: the ledger 162/163 is the projector less ten months of depreciation; no card was opened, so the schedule says 账卡不符', () => {
    const a = t('assets').figures;
    expect(a['ledgerCostFen']).toBe(PROJECTOR);
    expect(a['ledgerAccumulatedFen']).toBe(10 * DEPRECIATION);
    expect(a['registerCostFen']).toBe(0);
    expect(t('assets').rows.at(-1)).toMatchObject({ flagged: true });
    expect(t('assets').rows.at(-1)!.cells[6]).toBe('账卡不符');
  });

  it('evidence: the depreciation vouchers have no attachments (the 订正 voucher is exempt); expenditure without approval is listed', () => {
    const e = t('evidence');
    const zero = population().filter((v) => {
      const r = y.l.core.sqlite.prepare('SELECT attachments, kind FROM vouchers WHERE id = ?').get(v.id) as { attachments: number; kind: string };
      return r.attachments === 0 && r.kind === 'normal';
    });
    expect(e.figures['noAttachments']).toBe(zero.length);
    expect(e.figures['noAttachments']).toBe(10); // March … December depreciation
    expect(e.rows.some((r) => r.voucherId === y.ids['correction'])).toBe(false);
    const approval = e.rows.filter((r) => String(r.cells[6]).includes('未经支出审批')).map((r) => r.voucherId);
    expect(approval).toContain(y.ids['springFestival']);
    expect(approval).not.toContain(y.ids['levyQ1']);
    expect(e.figures['noApproval']).toBe(approval.length);
  });

  it('budget: without an approved budget the schedule says so and still shows the year\'s actuals, equal to the 02表', () => {
    const b = t('budget').figures;
    expect(b['revenueActualFen']).toBe(is.totals.revenue.current);
    expect(b['expenditureActualFen']).toBe(is.totals.expenditure.current);
    expect(t('budget').notes[0]).toMatch(/没有已批准的预算/);
  });

  it('compliance: no spending requests this year, and the note says where approvals are checked', () => {
    expect(t('compliance').figures['requests']).toBe(0);
    expect(t('compliance').notes.join('')).toMatch(/原始凭证及审批手续缺失情况表/);
  });

  it('exports all schedules to one workbook (a sheet each) and to PDF', async () => {
    const x = await y.l.call(zhuxi, 'review.schedules.export', { year: YEAR, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(SCHEDULE_KEYS.length);
    const levySheet = wb.worksheets[2]!;
    const texts: string[] = [];
    levySheet.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('|')).toContain(SCHEDULE_TITLES.levy);
    const pdf = await y.l.call(shencha, 'review.schedules.export', { year: YEAR, format: 'pdf', key: 'levy' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.filename).toMatch(/拨缴经费收取与上缴情况表/);
  });
});

describe('schedules on a year with spending requests and an approved budget', () => {
  let l: TestLedger;
  let kuaiji: ClientRef;
  let zhuguan: ClientRef;
  let chuna: ClientRef;
  let chair: ClientRef;
  let reviewer: ClientRef;
  let paidVoucher = 0;
  let reasons: string[] = [];
  const pdfFile = (n: number) => Buffer.from(`%PDF-1.4 evidence ${n}`).toString('base64');

  beforeAll(async () => {
    l = await openTestLedger({ clock: () => new Date('2026-12-28T02:00:00Z') });
    await initLedger(l);
    kuaiji = await addUser(l, 'kuaiji', ['accountant']);
    zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
    chuna = await addUser(l, 'chuna', ['cashier']);
    chair = await addUser(l, 'zhuxi', ['chair']);
    reviewer = await addUser(l, 'shencha', ['reviewer']);
    const staff = { kuaiji, zhuguan, chuna };
    const li = addMember(l, { no: 'E002', name: '李四', group: '一组' });

    // The approved budget (工会委员会 → 经审会 → 上级工会).
    await l.call(kuaiji, 'budget.saveDraft', { year: 2026, lines: [{ accountCode: '401', amountFen: 1_000_000 }, { accountCode: '50105', amountFen: 200_000, expenseType: 'basic' }] });
    for (const stage of ['committee', 'review', 'upper'] as const) {
      await l.call(chair, 'budget.recordApproval', { year: 2026, version: 0, stage, date: '2026-01-05', documentNo: `纪要〔2026〕${stage}` });
    }
    await l.call(chair, 'budget.approve', { year: 2026, version: 0 });

    const income = await l.call(kuaiji, 'vouchers.save', {
      date: '2026-01-10',
      attachments: 1,
      lines: [
        { summary: '收1月会费', accountCode: '102', debit: 800_000 },
        { summary: '收1月会费', accountCode: '401', credit: 800_000, fundNature: 'general' },
      ],
    });
    await postThrough(l, staff, income.id);

    // A 三八 gift: CHK-FEST-1 warns, the chair accepts every warning in writing, it is paid and posted.
    const r = await l.call(kuaiji, 'spending.save', {
      type: '节日慰问', purpose: '三八妇女节女职工慰问品', date: '2026-03-06', accountCode: '50105', amountFen: 10_000,
      payee: { kind: 'supplier', name: '某某花店' }, paymentMethod: '银行转账', budgetRef: null,
      recipients: [{ memberId: li, amountFen: 10_000, item: '鲜花、护手霜' }],
      details: { festival: '三八妇女节', benefitForm: '实物' },
    });
    let n = 0;
    const attachRequired = async () => {
      const req = await l.call(kuaiji, 'spending.get', { requestId: r.id });
      const have = new Set(req.evidence.map((e) => e.kind));
      for (const kind of req.requiredEvidence.filter((k) => !have.has(k))) {
        await l.call(kuaiji, 'spending.attach', { requestId: r.id, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: pdfFile(++n) });
      }
    };
    await attachRequired();
    await l.call(kuaiji, 'spending.submit', { requestId: r.id });
    await l.call(zhuguan, 'spending.review', { requestId: r.id });
    const warns = (await l.call(chair, 'spending.get', { requestId: r.id })).latestCheck!.findings.filter((f) => f.severity === 'warn');
    expect(warns.map((w) => w.rule)).toContain('CHK-FEST-1');
    reasons = [];
    for (const rule of new Set(warns.map((w) => w.rule))) {
      const reason = `经工会委员会研究同意（${rule}），按年度工作计划列支`;
      await l.call(chair, 'spending.override', { requestId: r.id, ruleId: rule, reason });
      reasons.push(reason);
    }
    await l.call(chair, 'spending.approve', { requestId: r.id });
    await attachRequired();
    const p = await l.call(chuna, 'spending.pay', { requestId: r.id, date: '2026-03-08', bankOrCashAccountCode: '102' });
    await postThrough(l, staff, p.voucher.id);
    paidVoucher = p.voucher.id;

    // Shopping cards: blocked (CHK-CARD-1), left as a draft.
    const card = await l.call(kuaiji, 'spending.save', {
      type: '节日慰问', purpose: '中秋节购物卡', date: '2026-09-01', accountCode: '50105', amountFen: 20_000,
      payee: { kind: 'supplier', name: '某某商场' }, paymentMethod: '购物卡', budgetRef: null,
      recipients: [{ memberId: li, amountFen: 20_000, item: '购物卡' }],
      details: { festival: '中秋节', benefitForm: '购物卡' },
    });
    expect(card.latestCheck!.findings.some((f) => f.rule === 'CHK-CARD-1' && f.severity === 'block')).toBe(true);
  }, 120_000);
  afterAll(() => l?.close());

  it('compliance: every finding of the year and each written override, as in the spending module', async () => {
    const s = await l.call(reviewer, 'review.schedules', { year: 2026 });
    const c = s.tables.find((t) => t.key === 'compliance')!;
    const list = await l.call(reviewer, 'spending.list', { year: 2026 });
    expect(c.figures['requests']).toBe(list.total);
    expect(c.figures['requests']).toBe(2);
    const stored = l.core.sqlite.prepare("SELECT count(*) AS n FROM spending_overrides o JOIN spending_requests r ON r.id = o.request_id WHERE r.request_date LIKE '2026-%'").get() as { n: number };
    expect(c.figures['overrides']).toBe(stored.n);
    expect(c.figures['overrides']).toBe(reasons.length);
    expect(c.figures['blocks']).toBeGreaterThanOrEqual(1);
    expect(c.figures['paidUnresolved']).toBe(0);
    const text = c.rows.map((r) => r.cells.join('|')).join('\n');
    for (const reason of reasons) expect(text).toContain(reason);
    expect(c.rows.find((r) => r.cells[5] === 'CHK-CARD-1')).toMatchObject({ flagged: true });
    expect(c.rows.filter((r) => r.cells[5] === 'CHK-FEST-1').every((r) => r.voucherId === paidVoucher && !r.flagged)).toBe(true);

    // The paid request's voucher went through approval with its evidence: not in the evidence schedule.
    const e = s.tables.find((t) => t.key === 'evidence')!;
    expect(e.rows.some((r) => r.voucherId === paidVoucher)).toBe(false);
  });

  it('budget: the execution figures are the 决算 of the budget module', async () => {
    const s = await l.call(reviewer, 'review.schedules', { year: 2026 });
    const b = s.tables.find((t) => t.key === 'budget')!;
    const f = await l.call(chair, 'budget.finalAccounts', { year: 2026 });
    expect(b.figures).toMatchObject({
      revenueBudgetFen: f.totals.revenue.budgetFen,
      revenueActualFen: f.totals.revenue.actualFen,
      expenditureBudgetFen: f.totals.expenditure.budgetFen,
      expenditureActualFen: f.totals.expenditure.actualFen,
    });
    expect(f.totals.expenditure.actualFen).toBe(10_000);
    expect(b.rows.find((r) => r.cells[0] === '50105')!.cells[5]).toBe('5.00%');
  });
});
