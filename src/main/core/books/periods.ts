// Which months take entries. A month is open until it is closed; nothing before the ledger's
// first fiscal year exists. (财会〔2021〕7号 第六条: periods are at least years and months.)
import type { SyncDb } from '../db/sync-db';
import { CoreError } from '../errors';

export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export function periodLabel(period: string): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

export function isValidDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function assertOpenDate(db: SyncDb, date: string, field = 'date'): string {
  if (!isValidDate(date)) throw new CoreError('VALIDATION', `日期 ${date} 不存在。`, { field });
  const period = periodOf(date);
  const first = db.first(db.q.selectFrom('union_profile').select('first_fiscal_year'))?.first_fiscal_year;
  if (first !== undefined && Number(date.slice(0, 4)) < first) {
    throw new CoreError('VALIDATION', `日期 ${date} 早于账簿的首个会计年度 ${first} 年。`, { field });
  }
  const closed = db.first(db.q.selectFrom('periods').select('status').where('period', '=', period).where('status', '=', 'closed'));
  if (closed) {
    throw new CoreError('CONFLICT', `${periodLabel(period)}已结账，不能再录入或记账；如确需更正，请在当前期间填制更正凭证。`, { field });
  }
  return period;
}
