// 资产负债表 (工会01表) and 收入支出表 (工会02表) from the sample month, with the accounting
// identities before and after closing entries (财会〔2021〕7号 第九条; vouchers-and-books.md §10).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser } from '../helpers/core';
import { reconcileBanks } from '../helpers/closing';
import { openLedgerMonth, postSampleMonth, SAMPLE, type LedgerMonth } from '../helpers/ledger-month';
import type { BalanceSheet, IncomeStatement } from '../../src/main/contract/ledger';

let m: LedgerMonth;

beforeEach(async () => {
  m = await openLedgerMonth();
  await postSampleMonth(m);
});
afterEach(() => m.l.close());

const line = (bs: BalanceSheet, label: string) => {
  const r = bs.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no line ${label}`);
  return [r.opening, r.closing];
};
const figure = (s: IncomeStatement, label: string) => {
  const r = s.rows.find((x) => x.label === label);
  if (!r) throw new Error(`no row ${label}`);
  return [r.current, r.comparative];
};

const SHEET_LINES = [
  '流动资产：', '货币资金', '零余额账户用款额度', '财政应返还额度', '应收上级经费', '应收下级经费', '其他应收款', '库存物品', '流动资产合计',
  '非流动资产：', '投资', '在建工程', '固定资产原值', '减：累计折旧', '固定资产净值', '无形资产原值', '减：累计摊销', '无形资产净值', '长期待摊费用', '待处理财产损溢', '非流动资产合计', '资产总计',
  '负债：', '应付职工薪酬', '应付上级经费', '应付下级经费', '其他应付款', '代管经费', '负债合计',
  '净资产：', '资产基金', '专用基金', '工会资金结转', '工会资金结余', '财政拨款结转', '财政拨款结余', '预算稳定调节基金', '净资产合计', '负债与净资产总计',
];

/** The T12 entry for the sample (February was never closed, so it closes both months' revenue and expenditure). */
function closeMarch(): number {
  return m.postSystem('closing', '2026-03-31', [
    { accountCode: '401', debit: 208_050, fundNature: 'general' },
    { accountCode: '402', debit: 600_000, fundNature: 'general' },
    { accountCode: '40302', debit: 200_000, fundNature: 'special' },
    { accountCode: '32103', credit: 200_000 },
    { accountCode: '32203', credit: 808_050 },
    { accountCode: '32103', debit: 150_000 },
    { accountCode: '50405', credit: 150_000, fundNature: 'special' },
    { accountCode: '32203', debit: 840_000 },
    { accountCode: '50105', credit: 300_000, fundNature: 'general' },
    { accountCode: '50102', credit: 20_000, fundNature: 'general' },
    { accountCode: '50702', credit: 520_000, fundNature: 'general' },
  ]);
}

describe('资产负债表 statements.balanceSheet', () => {
  it('prints every official line in order with the hand-computed figures, and balances before the month is closed', async () => {
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    expect(bs).toMatchObject({ unionName: '某某公司工会委员会', periodLabel: '2026年3月', formNo: '工会01表', columns: ['年初余额', '期末余额'] });
    expect(bs.rows.map((r) => r.label)).toEqual(SHEET_LINES);
    expect(line(bs, '货币资金')).toEqual([0, SAMPLE.bankClosing + SAMPLE.cashClosing]); // 418,050
    expect(line(bs, '固定资产原值')).toEqual([0, 520_000]);
    expect(line(bs, '减：累计折旧')).toEqual([0, 7_222]);
    expect(line(bs, '固定资产净值')).toEqual([0, 512_778]);
    expect(line(bs, '应收下级经费')).toEqual([0, 0]); // a county line: present, zero
    expect(line(bs, '资产总计')).toEqual([0, 930_828]);
    expect(line(bs, '应付上级经费')).toEqual([0, 400_000]);
    expect(line(bs, '资产基金')).toEqual([0, 512_778]);
    // Open revenue − expenditure by fund nature: 专项 into 321, 非专项 into 322.
    expect(line(bs, '工会资金结转')).toEqual([0, SAMPLE.specialNet]);
    expect(line(bs, '工会资金结余')).toEqual([0, SAMPLE.generalNet]);
    expect(line(bs, '净资产合计')).toEqual([0, 512_778 + 50_000 - 31_950]);
    expect(line(bs, '负债与净资产总计')).toEqual([0, 930_828]);
    expect(bs.balanced).toBe(true);
    expect(bs.totals).toEqual({ assets: { opening: 0, closing: 930_828 }, liabilitiesAndNetAssets: { opening: 0, closing: 930_828 } });
    expect(bs.unclosed.closing).toEqual({ special: SAMPLE.specialNet, general: SAMPLE.generalNet });
    // INV-1: 301 = 162 − 163 (no stock, no intangibles).
    expect(line(bs, '资产基金')[1]).toBe(line(bs, '固定资产净值')[1]);
    // 行次 run 1…n over the figure lines.
    const numbered = bs.rows.filter((r) => r.lineNo !== null).map((r) => r.lineNo);
    expect(numbered).toEqual(numbered.map((_, i) => i + 1));
  });

  it('balances the same after a closing entry posted as an ordinary voucher (401 into 32203)', async () => {
    const before = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    await m.post('2026-03-31', [
      { summary: '结转会费收入', accountCode: '401', debit: 208_050, fundNature: 'general' },
      { summary: '结转会费收入', accountCode: '32203', credit: 208_050 },
    ]);
    const after = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    expect(after.balanced).toBe(true);
    expect(after.rows).toEqual(before.rows);
    expect(after.unclosed.closing.general).toBe(SAMPLE.generalNet - 208_050);
  });

  it('balances after the real closing voucher, with nothing left unclosed, and at the start of the next month', async () => {
    closeMarch();
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    expect(bs.balanced).toBe(true);
    expect(bs.unclosed.closing).toEqual({ special: 0, general: 0 });
    expect(line(bs, '工会资金结转')).toEqual([0, 50_000]);
    expect(line(bs, '工会资金结余')).toEqual([0, -31_950]);
    // INV-2 (182 = 0): (101 + 102 + 131 + 135) − (211 + 215 + 221) = 321 + 322.
    const c = (label: string) => line(bs, label)[1]!;
    expect(c('货币资金') + c('应收上级经费') + c('其他应收款') - (c('应付上级经费') + c('其他应付款') + c('代管经费'))).toBe(c('工会资金结转') + c('工会资金结余'));
    const tb = await m.l.call(m.zhuguan, 'books.trialBalance', { from: '2026-03', to: '2026-03' });
    // INV-4: after closing every 4xx and 5xx account is zero.
    for (const r of tb.rows.filter((x) => x.code >= '4')) expect(r.closing, r.code).toEqual({ direction: '平', amount: 0 });
    expect(tb.totals.debit).toBe(tb.totals.credit);
    const april = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-04' });
    expect(april.rows.map((r) => r.closing)).toEqual(bs.rows.map((r) => r.closing));
  });

  it('shows a credit balance of 待处理财产损溢 with a minus, annual columns, and the opening year figures', async () => {
    await m.post('2026-12-31', [
      { summary: '现金盘盈', accountCode: '101', debit: 100 },
      { summary: '现金盘盈', accountCode: '182', credit: 100 },
    ]);
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-12', annual: true });
    expect(bs).toMatchObject({ periodLabel: '2026年度', columns: ['年初余额', '年末余额'], balanced: true });
    expect(line(bs, '待处理财产损溢')).toEqual([0, -100]);
    expect(bs.rows.find((r) => r.label === '零余额账户用款额度')).toBeUndefined(); // interim statements only
    await m.post('2027-01-05', [
      { summary: '收1月会费', accountCode: '102', debit: 10_000 },
      { summary: '收1月会费', accountCode: '401', credit: 10_000, fundNature: 'general' },
    ]);
    const next = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2027-01' });
    // The new year's 年初余额 are last year's 年末余额, line by line.
    for (const r of bs.rows) expect(line(next, r.label)[0], r.label).toBe(r.closing);
    expect(line(next, '资产总计')[0]).toBe(line(bs, '资产总计')[1]);
    expect(line(next, '工会资金结余')[0]).toBe(line(bs, '工会资金结余')[1]);
    expect(next.balanced).toBe(true);
  });
});

describe('收入支出表 statements.incomeStatement', () => {
  const REVENUE_ROWS = ['会费收入', '拨缴经费收入', '上级补助收入', '政府补助收入', '行政补助收入', '附属单位上缴收入', '投资收益', '其他收入', '动用预算稳定调节基金'];
  const SPENDING_ROWS = ['职工活动支出', '职工活动组织支出', '职工服务支出', '维权支出', '业务支出', '行政支出', '资本性支出', '补助下级支出', '对附属单位的支出', '其他支出', '安排预算稳定调节基金'];

  function checkMonth(s: IncomeStatement) {
    expect(s).toMatchObject({ formNo: '工会02表', periodLabel: '2026年3月', columns: ['本月数', '本年累计数'], consistent: null });
    expect(s.rows.map((r) => r.label)).toEqual(['资金结转结余调整及变动', '收入合计', ...REVENUE_ROWS, '支出合计', ...SPENDING_ROWS, '本期收支差额']);
    expect(figure(s, '会费收入')).toEqual([128_050, 208_050]);
    expect(figure(s, '拨缴经费收入')).toEqual([600_000, 600_000]);
    expect(figure(s, '上级补助收入')).toEqual([200_000, 200_000]);
    expect(figure(s, '政府补助收入')).toEqual([0, 0]);
    expect(figure(s, '收入合计')).toEqual([SAMPLE.revenueMarch, SAMPLE.revenueYtd]);
    expect(figure(s, '职工活动支出')).toEqual([320_000, 320_000]);
    expect(figure(s, '维权支出')).toEqual([150_000, 150_000]);
    expect(figure(s, '资本性支出')).toEqual([520_000, 520_000]);
    expect(figure(s, '支出合计')).toEqual([SAMPLE.expenditureMarch, SAMPLE.expenditureMarch]);
    expect(figure(s, '本期收支差额')).toEqual([928_050 - 990_000, 1_008_050 - 990_000]);
    expect(figure(s, '资金结转结余调整及变动')).toEqual([0, 0]);
    // 收入合计 − 支出合计 = 本期收支差额, and each total is the sum of its items.
    expect(s.totals.revenue.current - s.totals.expenditure.current).toBe(s.totals.surplus.current);
    expect(s.totals.revenue.comparative! - s.totals.expenditure.comparative!).toBe(s.totals.surplus.comparative);
    const items = (labels: string[]) => labels.reduce((sum, label) => sum + figure(s, label)[0]!, 0);
    expect(items(REVENUE_ROWS)).toBe(s.totals.revenue.current);
    expect(items(SPENDING_ROWS)).toBe(s.totals.expenditure.current);
  }

  it('gives 本月数 and 本年累计数 for every item, the county rows present with zero', async () => {
    const zhuxi = await addUser(m.l, 'zhuxi', ['chair']); // 工会主席 reads and signs the statements
    checkMonth(await m.l.call(zhuxi, 'statements.incomeStatement', { period: '2026-03' }));
  });

  it('is not cancelled by the closing voucher', async () => {
    const before = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-03' });
    const closing = closeMarch();
    const after = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-03' });
    checkMonth(after);
    expect(after.rows).toEqual(before.rows);
    // The drill-down can leave the closing voucher out too.
    const all = await m.l.call(m.zhuguan, 'books.drillDown', { accountCode: '401', from: '2026-03', to: '2026-03' });
    expect(all.rows.map((r) => r.voucherId)).toContain(closing);
    const without = await m.l.call(m.zhuguan, 'books.drillDown', { accountCode: '401', from: '2026-03', to: '2026-03', excludeClosing: true });
    expect(without.totalCredit - without.totalDebit).toBe(figure(after, '会费收入')[0]);
  });

  it('annual: 年初 + 调整及变动 + 收支差额 = 年末 = 321 + 322; no 上年数 in the first fiscal year', async () => {
    closeMarch();
    // T13 roll-up within 322 (year_end kind): changes nothing on the statement.
    m.postSystem('year_end', '2026-12-31', [
      { accountCode: '32205', debit: 31_950 },
      { accountCode: '32203', credit: 31_950 },
    ]);
    const s = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-12', annual: true });
    expect(s).toMatchObject({ periodLabel: '2026年度', columns: ['本年数', '上年数'], consistent: true });
    expect(s.rows[0]).toMatchObject({ lineNo: '一', label: '年初资金结转结余' });
    expect(s.rows.at(-3)).toMatchObject({ lineNo: '六', label: '年末资金结转结余' });
    expect(figure(s, '年初资金结转结余')).toEqual([0, null]);
    expect(figure(s, '收入合计')).toEqual([SAMPLE.revenueYtd, null]);
    expect(figure(s, '支出合计')).toEqual([SAMPLE.expenditureMarch, null]);
    expect(figure(s, '本期收支差额')).toEqual([18_050, null]);
    expect(figure(s, '年末资金结转')).toEqual([50_000, null]);
    expect(figure(s, '年末资金结余')).toEqual([-31_950, null]);
    expect(figure(s, '年末资金结转结余')).toEqual([18_050, null]);
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-12', annual: true });
    expect(line(bs, '工会资金结转')[1]! + line(bs, '工会资金结余')[1]!).toBe(figure(s, '年末资金结转结余')[0]);
  });

  it('annual with 上年数, a prior-year adjustment through 32201, and the year not yet closed', async () => {
    await m.post('2027-01-10', [
      { summary: '收1月会费', accountCode: '102', debit: 10_000 },
      { summary: '收1月会费', accountCode: '401', credit: 10_000, fundNature: 'general' },
    ]);
    await m.post('2027-02-10', [
      { summary: '退回上年多付慰问品款', accountCode: '102', debit: 5_000 },
      { summary: '退回上年多付慰问品款', accountCode: '32201', credit: 5_000 },
    ]);
    const s = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2027-12', annual: true });
    expect(s.consistent).toBe(true);
    expect(figure(s, '年初资金结转结余')).toEqual([18_050, 0]);
    expect(figure(s, '年初资金结转')).toEqual([50_000, 0]);
    expect(figure(s, '资金结转结余调整及变动')).toEqual([5_000, 0]);
    expect(figure(s, '会费收入')).toEqual([10_000, 208_050]);
    expect(figure(s, '收入合计')).toEqual([10_000, SAMPLE.revenueYtd]);
    expect(figure(s, '本期收支差额')).toEqual([10_000, 18_050]);
    expect(figure(s, '年末资金结转结余')).toEqual([33_050, 18_050]);
    // "本项目…应当与上年年度收入支出表中'年末资金结转结余'中各项目的金额相等".
    const prior = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-12', annual: true });
    expect(figure(s, '年初资金结转')[0]).toBe(figure(prior, '年末资金结转')[0]);
    expect(figure(s, '年初资金结余')[0]).toBe(figure(prior, '年末资金结余')[0]);
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2027-12', annual: true });
    expect(bs.balanced).toBe(true);
  });

  it('refuses a malformed period in Chinese', async () => {
    const res = await m.l.core.dispatch(m.zhuguan, 'statements.incomeStatement', { period: '2026-3' });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'period' } });
    expect(!res.ok && res.error.message).toContain('期间格式应为 YYYY-MM');
  });
});

describe('with the real month-end close (periods.close)', () => {
  it('keeps the statements and their identities through the T12 closing vouchers', async () => {
    const bsBefore = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    const isBefore = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-03' });
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      await reconcileBanks(m.l, m.kuaiji, period);
      await m.l.call(m.kuaiji, 'periods.close', { period });
    }
    const kinds = m.l.core.sqlite.prepare("SELECT count(*) AS n FROM vouchers WHERE kind = 'closing' AND status = 'posted'").get() as { n: number };
    expect(kinds.n).toBeGreaterThan(0);
    const bs = await m.l.call(m.zhuguan, 'statements.balanceSheet', { period: '2026-03' });
    expect(bs.balanced).toBe(true);
    expect(bs.unclosed.closing).toEqual({ special: 0, general: 0 });
    expect(bs.rows).toEqual(bsBefore.rows);
    const is = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-03' });
    expect(is.rows).toEqual(isBefore.rows);
    const feb = await m.l.call(m.zhuguan, 'statements.incomeStatement', { period: '2026-02' });
    expect(figure(feb, '会费收入')).toEqual([80_000, 80_000]);
    const tb = await m.l.call(m.zhuguan, 'books.trialBalance', { from: '2026-01', to: '2026-03' });
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
    for (const r of tb.rows.filter((x) => x.code >= '4')) expect(r.closing.direction, r.code).toBe('平');
  });
});
