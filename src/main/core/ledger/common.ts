// Shared pieces of the read side: headings, balance sides, period arithmetic, account subtrees,
// and sums from ledger_balances (the per-account, per-month totals the database keeps on posting).
import type { SyncDb } from '../db/sync-db';
import type { AccountInfo } from '../../contract/books';
import type { BalanceSide, LedgerAccountRef, SidedBalance } from '../../contract/ledger';
import { CoreError } from '../errors';
import { isValidDate } from '../books/periods';
import { requireAccount } from '../books/accounts';

export function unionName(db: SyncDb): string {
  return db.first(db.q.selectFrom('union_profile').select('name'))?.name ?? '';
}

export function firstFiscalYear(db: SyncDb): number | null {
  return db.first(db.q.selectFrom('union_profile').select('first_fiscal_year'))?.first_fiscal_year ?? null;
}

/** A signed balance (debit − credit, 分) as the books print it: 借/贷/平 and the amount. */
export function sided(net: number): SidedBalance {
  return { direction: sideOf(net), amount: Math.abs(net) };
}
export function sideOf(net: number): BalanceSide {
  return net > 0 ? '借' : net < 0 ? '贷' : '平';
}

export function accountRef(a: AccountInfo): LedgerAccountRef {
  return { code: a.code, name: a.name, fullName: a.fullName, normalSide: a.normalSide, leaf: a.leaf };
}

/** The account, or a Chinese NOT_FOUND naming the field. */
export function accountFor(chart: Map<string, AccountInfo>, code: string, field = 'accountCode'): AccountInfo {
  return requireAccount(chart, code, field);
}

/** The code itself and every account below it. */
export function subtree(chart: Map<string, AccountInfo>, code: string): string[] {
  return [...chart.keys()].filter((c) => c.startsWith(code));
}

export function level(code: string): number {
  return (code.length - 1) / 2;
}

export function voucherNo(word: string, number: number | null): string {
  return `${word}-${number ?? '?'}`;
}

// ---------- periods and dates ----------

export function lastDayOf(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(d).padStart(2, '0')}`;
}

export function prevPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function requireDate(date: string, field: string): string {
  if (!isValidDate(date)) throw new CoreError('VALIDATION', `日期 ${date} 不存在。`, { field });
  return date;
}

export function requireOrder(from: string, to: string, what: '期间' | '日期'): void {
  if (from > to) throw new CoreError('VALIDATION', `开始${what} ${from} 晚于截止${what} ${to}，请调整查询范围。`, { field: 'from' });
}

const ym = (p: string) => ({ y: Number(p.slice(0, 4)), m: Number(p.slice(5, 7)) });

/** "2026年3月", "2026年1月至3月", "2025年12月至2026年2月", "2026年度" (January to December). */
export function monthRangeLabel(from: string, to: string): string {
  const a = ym(from);
  const b = ym(to);
  if (from === to) return `${a.y}年${a.m}月`;
  if (a.y === b.y && a.m === 1 && b.m === 12) return `${a.y}年度`;
  if (a.y === b.y) return `${a.y}年${a.m}月至${b.m}月`;
  return `${a.y}年${a.m}月至${b.y}年${b.m}月`;
}

/** Whole months read as months ("2026年3月"); otherwise "2026年3月5日至3月20日". */
export function dateRangeLabel(from: string, to: string): string {
  if (from.endsWith('-01') && to === lastDayOf(to.slice(0, 7))) return monthRangeLabel(from.slice(0, 7), to.slice(0, 7));
  const d = (s: string) => ({ y: Number(s.slice(0, 4)), m: Number(s.slice(5, 7)), d: Number(s.slice(8, 10)) });
  const a = d(from);
  const b = d(to);
  const left = `${a.y}年${a.m}月${a.d}日`;
  if (from === to) return left;
  return a.y === b.y ? `${left}至${b.m}月${b.d}日` : `${left}至${b.y}年${b.m}月${b.d}日`;
}

// ---------- sums ----------

/** IN (?, ?, …) placeholders. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

export interface Movement {
  debit: number;
  credit: number;
}

/** Posted movements of the accounts in periods [from, to] (either bound optional), from ledger_balances. */
export function periodSums(db: SyncDb, codes: string[], range: { from?: string; to?: string }): Movement {
  if (codes.length === 0) return { debit: 0, credit: 0 };
  const where: string[] = [`account_code IN (${placeholders(codes.length)})`];
  const params: string[] = [...codes];
  if (range.from !== undefined) {
    where.push('period >= ?');
    params.push(range.from);
  }
  if (range.to !== undefined) {
    where.push('period <= ?');
    params.push(range.to);
  }
  const r = db.sqlite
    .prepare(`SELECT coalesce(sum(debit), 0) AS debit, coalesce(sum(credit), 0) AS credit FROM ledger_balances WHERE ${where.join(' AND ')}`)
    .get(...params) as Movement;
  return r;
}
