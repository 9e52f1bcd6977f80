// Pieces shared by every printed book and statement: the signature footer, 制表日期, dates as the
// forms write them, and a safe Chinese file name.
import type { BalanceSide, LedgerAccountRef } from '../../contract/ledger';
import type { Cell } from '../print';

/**
 * The signature footer of every book and statement. Default of the 2010-format statements
 * ("工会主席： 财务负责人： 复核： 制表：", ◐ vouchers-and-books.md §10.4; review-and-disclosure.md §8),
 * which the 2021 rule (财会〔2021〕7号 第六十四条: 法定代表人、主管会计工作的负责人、会计机构负责人
 * 签名并盖章) is read into. It is a configurable default: TODO move to settings.ts (a list of roles,
 * filled from the roster on the report date) when the settings screen takes it. Names are left
 * blank: they are signed by hand.
 */
export const DEFAULT_SIGNATURES: readonly string[] = ['工会主席：', '财务负责人：', '复核：', '制表：'];

/** "2026-03-31" → "2026年3月31日". */
export function chineseDate(iso: string): string {
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** 制表日期 on the footer: today in China (UTC+8), where the books are kept. */
export function madeOn(now: Date): string {
  return `制表日期：${chineseDate(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10))}`;
}

/** "科目：102 银行存款——工商银行". */
export function accountLine(a: LedgerAccountRef): string {
  return `科目：${a.code} ${a.fullName}`;
}

/**
 * The 余额 cell: the amount, or "Ｑ" when the balance is nil (the 借或贷 column then reads "平",
 * 会计基础工作规范 第六十条; vouchers-and-books.md §8).
 */
export function balanceCell(direction: BalanceSide, amount: number): Cell {
  return direction === '平' ? 'Ｑ' : amount;
}

/** An amount on an item line: blank when nil (a form's unused lines stay blank). */
export const blankZero = (amount: number | null): Cell => (amount === null || amount === 0 ? null : amount);

/** A file name without the characters Windows and macOS refuse. */
export function safeFilename(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_');
}
