// The books read from posted vouchers: 科目余额表, 总账, 明细账, 日记账 and the drill-down,
// checked against hand-computed figures of a small realistic month (tests/helpers/ledger-month.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerMonth, postSampleMonth, SAMPLE, type LedgerMonth } from '../helpers/ledger-month';
import type { BookLine, TrialBalanceRow } from '../../src/main/contract/ledger';

let m: LedgerMonth;
let ids: Awaited<ReturnType<typeof postSampleMonth>>;

beforeEach(async () => {
  m = await openLedgerMonth();
  ids = await postSampleMonth(m);
});
afterEach(() => m.l.close());

const row = (rows: TrialBalanceRow[], code: string) => rows.find((r) => r.code === code)!;
/** [kind, summary, debit, credit, direction, balance] for compact comparisons. */
const brief = (lines: BookLine[]) => lines.map((x) => [x.kind, x.summary, x.debit, x.credit, x.direction, x.balance]);

describe('科目余额表 books.trialBalance', () => {
  it('gives opening, movements and closing per account with first-level rows rolled up, and debit totals = credit totals', async () => {
    const tb = await m.l.call(m.zhuguan, 'books.trialBalance', { from: '2026-03', to: '2026-03' });
    expect(tb.unionName).toBe('某某公司工会委员会');
    expect(tb.periodLabel).toBe('2026年3月');
    expect(row(tb.rows, '102')).toMatchObject({
      level: 1,
      openingDebit: SAMPLE.bankOpening,
      openingCredit: 0,
      debit: SAMPLE.bankDebitMarch,
      credit: SAMPLE.bankCreditMarch,
      closingDebit: SAMPLE.bankClosing,
      closingCredit: 0,
      opening: { direction: '借', amount: 80_000 },
      closing: { direction: '借', amount: 388_050 },
    });
    // 501 = 50105 + 50102 (parent rolled up from its details, details listed too).
    expect(row(tb.rows, '501')).toMatchObject({ level: 1, leaf: false, debit: 320_000, closingDebit: 320_000 });
    expect(row(tb.rows, '50105')).toMatchObject({ level: 2, leaf: true, debit: 300_000 });
    expect(row(tb.rows, '50102')).toMatchObject({ level: 2, debit: 20_000 });
    expect(row(tb.rows, '403')).toMatchObject({ credit: 200_000, closingCredit: 200_000, closing: { direction: '贷', amount: 200_000 } });
    expect(row(tb.rows, '401')).toMatchObject({ openingCredit: 80_000, credit: 128_050, closingCredit: 208_050 });
    // 163 is credit-normal; 301 nets 30104: 520,000 − 7,222.
    expect(row(tb.rows, '163')).toMatchObject({ closingCredit: 7_222, closing: { direction: '贷', amount: 7_222 } });
    expect(row(tb.rows, '301')).toMatchObject({ debit: 7_222, credit: 520_000, closingCredit: 512_778 });
    // Order: by code, parents before their details.
    const codes = tb.rows.map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(codes.indexOf('501')).toBeLessThan(codes.indexOf('50102'));
    // The identity.
    expect(tb.totals).toEqual({
      openingDebit: 80_000,
      openingCredit: 80_000,
      debit: SAMPLE.marchDebits,
      credit: SAMPLE.marchDebits,
      closingDebit: tb.totals.closingCredit,
      closingCredit: tb.totals.closingCredit,
    });
    // First-level totals equal the sum of their details.
    for (const parent of tb.rows.filter((r) => !r.leaf)) {
      const kids = tb.rows.filter((r) => r.parentCode === parent.code);
      expect(kids.reduce((s, k) => s + k.debit, 0), parent.code).toBe(parent.debit);
      expect(kids.reduce((s, k) => s + k.credit, 0), parent.code).toBe(parent.credit);
    }
  });

  it('spans several months, hides empty accounts unless asked, and leaves drafts out', async () => {
    await m.l.call(m.kuaiji, 'vouchers.save', {
      date: '2026-03-25',
      attachments: 1,
      lines: [
        { summary: '草稿', accountCode: '102', debit: 999 },
        { summary: '草稿', accountCode: '401', credit: 999, fundNature: 'general' },
      ],
    });
    const tb = await m.l.call(m.kuaiji, 'books.trialBalance', { from: '2026-01', to: '2026-03' });
    expect(tb.periodLabel).toBe('2026年1月至3月');
    expect(row(tb.rows, '102')).toMatchObject({ openingDebit: 0, debit: 80_000 + SAMPLE.bankDebitMarch, closingDebit: SAMPLE.bankClosing });
    expect(tb.rows.find((r) => r.code === '131')).toBeUndefined();
    expect(tb.totals.debit).toBe(tb.totals.credit);
    const all = await m.l.call(m.kuaiji, 'books.trialBalance', { from: '2026-01', to: '2026-03', includeZero: true });
    expect(row(all.rows, '131')).toMatchObject({ openingDebit: 0, debit: 0, closing: { direction: '平', amount: 0 } });
    expect(all.rows.find((r) => r.code === '221')).toBeUndefined(); // county accounts stay off unless enabled
  });

  it('refuses from > to in Chinese and reports a broken ledger as an internal error', async () => {
    const bad = await m.l.core.dispatch(m.kuaiji, 'books.trialBalance', { from: '2026-04', to: '2026-03' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'from' } });
    expect(!bad.ok && bad.error.message).toContain('晚于');
    const month = await m.l.core.dispatch(m.kuaiji, 'books.trialBalance', { from: '2026-13', to: '2026-03' });
    expect(!month.ok && month.error.message).toContain('期间格式');
    // ledger_balances out of step with the vouchers (only possible by tampering).
    m.l.core.sqlite.prepare("INSERT INTO ledger_balances (account_code, period, fund_nature, debit, credit) VALUES ('101', '2026-03', 'x', 1, 0)").run();
    const broken = await m.l.core.dispatch(m.kuaiji, 'books.trialBalance', { from: '2026-03', to: '2026-03' });
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!broken.ok && broken.error.message).toContain('借贷不平');
  });
});

describe('总账 books.generalLedger', () => {
  it('shows 年初余额, then 本月合计 and 本年累计 per month', async () => {
    const gl = await m.l.call(m.kuaiji, 'books.generalLedger', { accountCode: '102', year: 2026 });
    expect(gl.periodLabel).toBe('2026年度');
    expect(gl.account).toMatchObject({ code: '102', name: '银行存款' });
    expect(brief(gl.lines)).toEqual([
      ['opening', '年初余额', null, null, '平', 0],
      ['month_total', '本月合计', 80_000, 0, '借', 80_000],
      ['year_total', '本年累计', 80_000, 0, '借', 80_000],
      ['month_total', '本月合计', SAMPLE.bankDebitMarch, SAMPLE.bankCreditMarch, '借', SAMPLE.bankClosing],
      ['year_total', '本年累计', 80_000 + SAMPLE.bankDebitMarch, SAMPLE.bankCreditMarch, '借', SAMPLE.bankClosing],
    ]);
    expect(gl.lines.map((x) => x.date)).toEqual(['2026-01-01', '2026-02-28', '2026-02-28', '2026-03-31', '2026-03-31']);
    expect(gl.closing).toEqual({ direction: '借', amount: SAMPLE.bankClosing });
  });

  it('shows a credit-normal account on the 贷 side and 上年结转 / 结转下年 across years', async () => {
    await m.post('2027-01-10', [
      { summary: '收1月会费', accountCode: '102', debit: 10_000 },
      { summary: '收1月会费', accountCode: '401', credit: 10_000, fundNature: 'general' },
    ]);
    const y2026 = await m.l.call(m.kuaiji, 'books.generalLedger', { accountCode: '401', year: 2026 });
    expect(y2026.lines.at(-1)).toMatchObject({ kind: 'carry_forward', summary: '结转下年', direction: '贷', balance: 208_050 });
    const y2027 = await m.l.call(m.kuaiji, 'books.generalLedger', { accountCode: '401', year: 2027 });
    expect(brief(y2027.lines)).toEqual([
      ['opening', '上年结转', null, null, '贷', 208_050],
      ['month_total', '本月合计', 0, 10_000, '贷', 218_050],
      ['year_total', '本年累计', 0, 10_000, '贷', 218_050],
    ]);
    const unknown = await m.l.core.dispatch(m.kuaiji, 'books.generalLedger', { accountCode: '199', year: 2026 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'accountCode' } });
    expect(!unknown.ok && unknown.error.message).toContain('会计科目 199 不存在');
  });
});

describe('明细账 books.detailLedger', () => {
  it('lists each posted line in date and number order with a running balance, 本月合计 and 本年累计', async () => {
    const dl = await m.l.call(m.kuaiji, 'books.detailLedger', { accountCode: '102', from: '2026-03-01', to: '2026-03-31' });
    expect(dl.periodLabel).toBe('2026年3月');
    expect(brief(dl.lines)).toEqual([
      ['opening', '期初余额', null, null, '借', 80_000],
      ['entry', '收3月会费', 128_050, 0, '借', 208_050],
      ['entry', '收到行政拨缴工会经费', 1_000_000, 0, '借', 1_208_050],
      ['entry', '购买三八节慰问品', 0, 300_000, '借', 908_050],
      ['entry', '收到上级专项补助', 200_000, 0, '借', 1_108_050],
      ['entry', '送温暖慰问困难职工', 0, 150_000, '借', 958_050],
      ['entry', '购置办公电脑', 0, 520_000, '借', 438_050],
      ['entry', '提取备用金', 0, 50_000, '借', 388_050],
      ['month_total', '本月合计', SAMPLE.bankDebitMarch, SAMPLE.bankCreditMarch, '借', 388_050],
      ['year_total', '本年累计', 80_000 + SAMPLE.bankDebitMarch, SAMPLE.bankCreditMarch, '借', 388_050],
    ]);
    const entries = dl.lines.filter((x) => x.kind === 'entry');
    expect(entries.map((x) => x.voucherNo)).toEqual(['记-1', '记-2', '记-3', '记-4', '记-5', '记-6', '记-7']);
    expect(entries[0]).toMatchObject({ date: '2026-03-05', voucherId: ids.dues, accountCode: '102' });
    expect(dl.opening).toEqual({ direction: '借', amount: 80_000 });
    expect(dl.closing).toEqual({ direction: '借', amount: 388_050 });
  });

  it('starts mid-month with 承前 and runs across months', async () => {
    const mid = await m.l.call(m.kuaiji, 'books.detailLedger', { accountCode: '102', from: '2026-03-10', to: '2026-03-15' });
    expect(mid.periodLabel).toBe('2026年3月10日至3月15日');
    expect(mid.lines[0]).toMatchObject({ kind: 'opening', summary: '承前', direction: '借', balance: 1_208_050 });
    expect(mid.lines.filter((x) => x.kind === 'entry').map((x) => x.voucherId)).toEqual([ids.festival, ids.grant, ids.warmth]);
    const yearToDate = await m.l.call(m.kuaiji, 'books.detailLedger', { accountCode: '401', from: '2026-01-01', to: '2026-03-31' });
    expect(brief(yearToDate.lines)).toEqual([
      ['opening', '年初余额', null, null, '平', 0],
      ['entry', '收2月会费', 0, 80_000, '贷', 80_000],
      ['month_total', '本月合计', 0, 80_000, '贷', 80_000],
      ['year_total', '本年累计', 0, 80_000, '贷', 80_000],
      ['entry', '收3月会费', 0, 128_050, '贷', 208_050],
      ['month_total', '本月合计', 0, 128_050, '贷', 208_050],
      ['year_total', '本年累计', 0, 208_050, '贷', 208_050],
    ]);
  });

  it('gives a parent account the lines of all its details', async () => {
    const dl = await m.l.call(m.kuaiji, 'books.detailLedger', { accountCode: '501', from: '2026-03-01', to: '2026-03-31' });
    expect(dl.lines.filter((x) => x.kind === 'entry').map((x) => [x.accountCode, x.accountName, x.debit, x.balance])).toEqual([
      ['50105', '职工活动支出——会员活动支出', 300_000, 300_000],
      ['50102', '职工活动支出——文体活动支出', 20_000, 320_000],
    ]);
  });

  it('keeps red amounts negative and shows a balance against the normal side on the other side', async () => {
    const red = await m.l.call(m.kuaiji, 'vouchers.reverse', { id: ids.float, date: '2026-03-25' });
    await m.l.call(m.zhuguan, 'vouchers.review', { id: red.id });
    await m.l.call(m.chuna, 'vouchers.confirmCash', { id: red.id });
    await m.l.call(m.zhuguan, 'vouchers.post', { id: red.id });
    const dl = await m.l.call(m.kuaiji, 'books.detailLedger', { accountCode: '101', from: '2026-03-01', to: '2026-03-31' });
    expect(brief(dl.lines)).toEqual([
      ['opening', '期初余额', null, null, '平', 0],
      ['entry', '提取备用金', 50_000, 0, '借', 50_000],
      ['entry', '购买文体用品', 0, 20_000, '借', 30_000],
      ['entry', red.lines[0]!.summary, -50_000, 0, '贷', 20_000],
      ['month_total', '本月合计', 0, 20_000, '贷', 20_000],
      ['year_total', '本年累计', 0, 20_000, '贷', 20_000],
    ]);
    expect(dl.lines[3]).toMatchObject({ voucherKind: 'reversal', voucherId: red.id });
  });

  it('refuses a reversed range and a date that does not exist', async () => {
    const rev = await m.l.core.dispatch(m.kuaiji, 'books.detailLedger', { accountCode: '102', from: '2026-03-31', to: '2026-03-01' });
    expect(rev).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'from' } });
    expect(!rev.ok && rev.error.message).toContain('开始日期 2026-03-31 晚于截止日期 2026-03-01');
    const bad = await m.l.core.dispatch(m.kuaiji, 'books.detailLedger', { accountCode: '102', from: '2026-02-30', to: '2026-03-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'from' } });
  });
});

describe('日记账 books.journal', () => {
  it('runs the cash journal with a balance after every line, 本日合计 (日清) and 本月合计 (月结)', async () => {
    const j = await m.l.call(m.chuna, 'books.journal', { kind: 'cash', from: '2026-03-01', to: '2026-03-31' });
    expect(j).toMatchObject({ title: '现金日记账', periodLabel: '2026年3月', unionName: '某某公司工会委员会' });
    expect(j.books).toHaveLength(1);
    const book = j.books[0]!;
    expect(book.account.code).toBe('101');
    expect(brief(book.lines)).toEqual([
      ['opening', '期初余额', null, null, '平', 0],
      ['entry', '提取备用金', 50_000, 0, '借', 50_000],
      ['day_total', '本日合计', 50_000, 0, '借', 50_000],
      ['entry', '购买文体用品', 0, 20_000, '借', 30_000],
      ['day_total', '本日合计', 0, 20_000, '借', 30_000],
      ['month_total', '本月合计', 50_000, 20_000, '借', 30_000],
      ['year_total', '本年累计', 50_000, 20_000, '借', 30_000],
    ]);
    expect(book.lines.filter((x) => x.kind === 'entry').map((x) => x.counterAccounts)).toEqual(['102 银行存款', '50102 文体活动支出']);
    expect(book.closing).toEqual({ direction: '借', amount: SAMPLE.cashClosing });
  });

  it('keeps one bank journal per bank detail account and agrees with the 102 ledger', async () => {
    const other = await openLedgerMonth();
    try {
      await other.l.call(other.kuaiji, 'accounts.addDetail', { parentCode: '102', name: '工商银行' });
      await other.l.call(other.kuaiji, 'accounts.addDetail', { parentCode: '102', name: '农业银行' });
      await other.post('2026-03-05', [
        { summary: '收会费', accountCode: '10201', debit: 10_000 },
        { summary: '收会费', accountCode: '401', credit: 10_000, fundNature: 'general' },
      ]);
      await other.post('2026-03-06', [
        { summary: '转存农行', accountCode: '10202', debit: 4_000 },
        { summary: '转存农行', accountCode: '10201', credit: 4_000 },
      ]);
      const j = await other.l.call(other.chuna, 'books.journal', { kind: 'bank', from: '2026-03-01', to: '2026-03-31' });
      expect(j.books.map((b) => [b.account.fullName, b.closing.amount])).toEqual([
        ['银行存款——工商银行', 6_000],
        ['银行存款——农业银行', 4_000],
      ]);
      expect(j.books[1]!.lines.find((x) => x.kind === 'entry')!.counterAccounts).toBe('10201 工商银行');
      const one = await other.l.call(other.chuna, 'books.journal', { kind: 'bank', accountCode: '10202', from: '2026-03-01', to: '2026-03-31' });
      expect(one.books.map((b) => b.account.code)).toEqual(['10202']);
      const gl = await other.l.call(other.chuna, 'books.generalLedger', { accountCode: '102', year: 2026 });
      expect(gl.closing.amount).toBe(j.books.reduce((s, b) => s + b.closing.amount, 0)); // 帐帐相符
      const wrong = await other.l.core.dispatch(other.chuna, 'books.journal', { kind: 'bank', accountCode: '401', from: '2026-03-01', to: '2026-03-31' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accountCode' } });
      expect(!wrong.ok && wrong.error.message).toContain('不是银行存款科目');
    } finally {
      other.l.close();
    }
  });
});

describe('drill-down books.drillDown', () => {
  it('lists the posted vouchers behind a figure, and their amounts add up to it', async () => {
    const d = await m.l.call(m.chuna, 'books.drillDown', { accountCode: '102', from: '2026-03', to: '2026-03' });
    expect(d.periodLabel).toBe('2026年3月');
    expect(d.rows.map((r) => r.voucherId)).toEqual([ids.dues, ids.levy, ids.festival, ids.grant, ids.warmth, ids.computer, ids.float]);
    expect(d.rows[1]).toMatchObject({ date: '2026-03-08', voucherNo: '记-2', summary: '收到行政拨缴工会经费', debit: 1_000_000, credit: 0, kind: 'normal' });
    expect([d.totalDebit, d.totalCredit]).toEqual([SAMPLE.bankDebitMarch, SAMPLE.bankCreditMarch]);
    const parent = await m.l.call(m.chuna, 'books.drillDown', { accountCode: '501', from: '2026-01-01', to: '2026-03-31' });
    expect(parent.rows.map((r) => [r.voucherId, r.debit])).toEqual([
      [ids.festival, 300_000],
      [ids.sports, 20_000],
    ]);
  });
});

describe('who may read the books', () => {
  it('lets every book reader read, and not the administrator', async () => {
    const res = await m.l.core.dispatch({ clientId: 'admin', host: 'test' }, 'books.trialBalance', { from: '2026-03', to: '2026-03' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
