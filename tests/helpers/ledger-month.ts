// A small, realistic ledger for the books and statements tests: February dues, then a March with
// dues (T1), the levy with its 60/40 split (T2), festival goods (50105), an earmarked grant
// (40302, 专项) and its 送温暖 spending (50405), a computer (T6), a cash float and a cash
// purchase, and one month's depreciation (T7). Every voucher goes through the dispatcher:
// the accountant saves, the supervisor reviews, the cashier confirms cash/bank, the supervisor posts.
import type { ClientRef } from '../../src/main/core/context';
import type { VoucherLineInput } from '../../src/main/contract/books';
import { addUser, initLedger, openTestLedger, type TestLedger } from './core';

export interface LedgerMonth {
  l: TestLedger;
  kuaiji: ClientRef;
  zhuguan: ClientRef;
  chuna: ClientRef;
  post(date: string, lines: VoucherLineInput[]): Promise<number>;
  /** Posts a closing (T12) or year-end (T13) voucher the way the close does: straight in the database. */
  postSystem(kind: 'closing' | 'year_end', date: string, lines: { accountCode: string; debit?: number; credit?: number; fundNature?: 'special' | 'general' }[]): number;
}

export async function openLedgerMonth(now = '2026-03-31T18:00:00+08:00'): Promise<LedgerMonth> {
  const l = await openTestLedger({ clock: () => new Date(now) });
  await initLedger(l);
  const kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  const zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  const chuna = await addUser(l, 'chuna', ['cashier']);
  const post = async (date: string, lines: VoucherLineInput[]): Promise<number> => {
    const v = await l.call(kuaiji, 'vouchers.save', { date, attachments: 1, lines });
    await l.call(zhuguan, 'vouchers.review', { id: v.id });
    if (v.needsCashier) await l.call(chuna, 'vouchers.confirmCash', { id: v.id });
    await l.call(zhuguan, 'vouchers.post', { id: v.id });
    return v.id;
  };
  const postSystem: LedgerMonth['postSystem'] = (kind, date, lines) => {
    const db = l.core.sqlite;
    const period = date.slice(0, 7);
    const id = Number(
      db
        .prepare("INSERT INTO vouchers (period, voucher_date, word, status, kind, prepared_by, prepared_at) VALUES (?, ?, '记', 'draft', ?, 1, ?)")
        .run(period, date, kind, date).lastInsertRowid,
    );
    lines.forEach((x, i) =>
      db
        .prepare('INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, fund_nature) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, i + 1, kind === 'closing' ? '结转本月收支' : '年末结转', x.accountCode, x.debit ?? 0, x.credit ?? 0, x.fundNature ?? null),
    );
    const n = (db.prepare("SELECT coalesce(max(number), 0) + 1 AS n FROM vouchers WHERE period = ? AND word = '记'").get(period) as { n: number }).n;
    db.prepare("UPDATE vouchers SET status = 'reviewed', reviewed_by = 1, reviewed_at = ? WHERE id = ?").run(date, id);
    db.prepare("UPDATE vouchers SET status = 'posted', number = ?, posted_by = 1, posted_at = ? WHERE id = ?").run(n, date, id);
    return id;
  };
  return { l, kuaiji, zhuguan, chuna, post, postSystem };
}

const G = { fundNature: 'general', expenseType: 'basic' } as const;
const S = { fundNature: 'special', expenseType: 'project', project: '困难职工帮扶' } as const;

/** Posts the February and March vouchers; returns the March voucher ids by name. */
export async function postSampleMonth(m: LedgerMonth) {
  const { post } = m;
  const feb = await post('2026-02-20', [
    { summary: '收2月会费', accountCode: '102', debit: 80_000 },
    { summary: '收2月会费', accountCode: '401', credit: 80_000, fundNature: 'general' },
  ]);
  const dues = await post('2026-03-05', [
    { summary: '收3月会费', accountCode: '102', debit: 128_050 },
    { summary: '收3月会费', accountCode: '401', credit: 128_050, fundNature: 'general' },
  ]);
  const levy = await post('2026-03-08', [
    { summary: '收到行政拨缴工会经费', accountCode: '102', debit: 1_000_000 },
    { summary: '留成60%', accountCode: '402', credit: 600_000, fundNature: 'general' },
    { summary: '应上缴上级40%', accountCode: '211', credit: 400_000, counterparty: '市总工会' },
  ]);
  const festival = await post('2026-03-10', [
    { summary: '购买三八节慰问品', accountCode: '50105', debit: 300_000, ...G },
    { summary: '购买三八节慰问品', accountCode: '102', credit: 300_000 },
  ]);
  const grant = await post('2026-03-12', [
    { summary: '收到上级专项补助', accountCode: '102', debit: 200_000 },
    { summary: '收到上级专项补助', accountCode: '40302', credit: 200_000, fundNature: 'special', project: '困难职工帮扶' },
  ]);
  const warmth = await post('2026-03-15', [
    { summary: '送温暖慰问困难职工', accountCode: '50405', debit: 150_000, ...S },
    { summary: '送温暖慰问困难职工', accountCode: '102', credit: 150_000 },
  ]);
  const computer = await post('2026-03-18', [
    { summary: '购置办公电脑', accountCode: '162', debit: 520_000 },
    { summary: '购置办公电脑', accountCode: '30104', credit: 520_000 },
    { summary: '购置办公电脑', accountCode: '50702', debit: 520_000, ...G },
    { summary: '购置办公电脑', accountCode: '102', credit: 520_000 },
  ]);
  const float = await post('2026-03-18', [
    { summary: '提取备用金', accountCode: '101', debit: 50_000 },
    { summary: '提取备用金', accountCode: '102', credit: 50_000 },
  ]);
  const sports = await post('2026-03-20', [
    { summary: '购买文体用品', accountCode: '50102', debit: 20_000, ...G },
    { summary: '购买文体用品', accountCode: '101', credit: 20_000 },
  ]);
  const depreciation = await post('2026-03-31', [
    { summary: '计提3月折旧', accountCode: '30104', debit: 7_222 },
    { summary: '计提3月折旧', accountCode: '163', credit: 7_222 },
  ]);
  return { feb, dues, levy, festival, grant, warmth, computer, float, sports, depreciation };
}

/** Hand-computed figures of the sample (分). */
export const SAMPLE = {
  bankOpening: 80_000,
  bankDebitMarch: 128_050 + 1_000_000 + 200_000,
  bankCreditMarch: 300_000 + 150_000 + 520_000 + 50_000,
  bankClosing: 80_000 + 1_328_050 - 1_020_000, // 388,050
  cashClosing: 30_000,
  revenueMarch: 128_050 + 600_000 + 200_000, // 928,050
  revenueYtd: 80_000 + 928_050,
  expenditureMarch: 300_000 + 20_000 + 150_000 + 520_000, // 990,000
  marchDebits: 128_050 + 1_000_000 + 300_000 + 200_000 + 150_000 + 1_040_000 + 50_000 + 20_000 + 7_222,
  /** 专项 net: 200,000 − 150,000; 非专项 net: 808,050 − 840,000. */
  specialNet: 50_000,
  generalNet: 80_000 + 128_050 + 600_000 - 300_000 - 20_000 - 520_000, // −31,950
};
