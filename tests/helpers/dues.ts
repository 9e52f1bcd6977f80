// Helpers for the dues tests. Members and 工会小组 are inserted with plain SQL through
// l.core.sqlite: the dues tests need a roster, not the roster's operations (members.*, tested on
// their own); the rows are exactly what the roster writes (table members of migration 0004).
import type { TestLedger } from './core';
import type { ClientRef } from '../../src/main/core/context';

export interface MemberSeed {
  no: string;
  name: string;
  group?: string;
  status?: 'active' | 'retired' | 'unemployed' | 'transferred' | 'withdrawn';
  since?: string;
  joined?: string;
  type?: '正式' | '劳务派遣' | '临时' | '签约' | '学徒' | '其他';
  noFixedIncome?: boolean;
}

export function addGroup(l: TestLedger, name: string): number {
  const found = l.core.sqlite.prepare('SELECT id FROM union_groups WHERE name = ?').get(name) as { id: number } | undefined;
  if (found) return found.id;
  return Number(l.core.sqlite.prepare("INSERT INTO union_groups (name, created_at) VALUES (?, '2026-01-01T00:00:00Z')").run(name).lastInsertRowid);
}

export function addMember(l: TestLedger, m: MemberSeed): number {
  const groupId = m.group ? addGroup(l, m.group) : null;
  const id = Number(
    l.core.sqlite
      .prepare(
        `INSERT INTO members (employee_no, name, group_id, joined_on, status, status_since, employment_type, no_fixed_income, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      )
      .run(m.no, m.name, groupId, m.joined ?? '2015-01-01', m.status ?? 'active', m.since ?? m.joined ?? '2015-01-01', m.type ?? '正式', m.noFixedIncome ? 1 : 0).lastInsertRowid,
  );
  return id;
}

/** A status change as the roster records it: a history row and the member's current status. */
export function changeStatus(l: TestLedger, memberId: number, status: MemberSeed['status'] & string, date: string): void {
  l.core.sqlite
    .prepare("INSERT INTO member_status_history (member_id, status, effective_date, reason, recorded_at) VALUES (?, ?, ?, '测试', '2026-01-01T00:00:00Z')")
    .run(memberId, status, date);
  l.core.sqlite.prepare('UPDATE members SET status = ?, status_since = ? WHERE id = ?').run(status, date, memberId);
}

export interface Staff {
  kuaiji: ClientRef;
  zhuguan: ClientRef;
  chuna: ClientRef;
}

/** Review, cashier's confirmation and posting: a dues voucher is an ordinary voucher. */
export async function postThrough(l: TestLedger, s: Staff, id: number): Promise<void> {
  await l.call(s.zhuguan, 'vouchers.review', { id });
  const v = await l.call(s.zhuguan, 'vouchers.get', { id });
  if (v.needsCashier) await l.call(s.chuna, 'vouchers.confirmCash', { id });
  await l.call(s.zhuguan, 'vouchers.post', { id });
}

/** Sum of 401 credits on posted vouchers for a period, from ledger_balances. */
export function credits401(l: TestLedger, period: string): number {
  return (l.core.sqlite.prepare("SELECT coalesce(sum(credit), 0) AS n FROM ledger_balances WHERE account_code LIKE '401%' AND period = ?").get(period) as { n: number }).n;
}
