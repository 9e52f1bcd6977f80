// Dues: the computation (dues.md §3), rules in force, member status by month, and the sums of
// payments that the run, the collections and the reports share. Plain SQL with prepared
// statements (SyncDb caches them): the monthly run handles 20,000 members in one transaction.
import type { SyncDb } from '../db/sync-db';
import type { DuesRounding, DuesRule } from '../../contract/dues';
import { CoreError } from '../errors';

// ---------- months ----------

export const monthIndex = (m: string): number => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
export const monthOf = (index: number): string => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
export const previousMonth = (m: string): string => monthOf(monthIndex(m) - 1);
export const monthText = (m: string): string => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
export const monthsOfYear = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
export function lastDay(m: string): string {
  const d = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).getUTCDate();
  return `${m}-${String(d).padStart(2, '0')}`;
}

/** "2026年1月、2月、3月" (one year) or "2025年12月、2026年1月". */
export function monthsText(months: string[]): string {
  let year = '';
  return months
    .map((m) => {
      const y = m.slice(0, 4);
      const t = y === year ? `${Number(m.slice(5, 7))}月` : monthText(m);
      year = y;
      return t;
    })
    .join('、');
}

// ---------- the computation (dues.md §3) ----------

export type RuleParams = Pick<DuesRule, 'ratePerMille' | 'floorFen' | 'rounding'>;

const ROUNDING_UNIT: Record<DuesRounding, number> = { none: 1, jiao: 10, yuan: 100 };

/**
 * Dues of one month from the wage W (分): base = ⌊W / floor⌋ × floor (D2), dues = base × rate ‰ (D1),
 * then the rounding setting, half up. With the default rule (10 元, 5 ‰) the product is exact and a
 * multiple of 5 分, so `none` never rounds; a rule whose product has a fraction of a 分 is rounded
 * half up to the 分. Integer arithmetic only (BigInt for the product).
 * A: 456789 → 456000 → 2280. B: 308000 → 1540 (not 1500: the floor is 10 元, not 100 元).
 */
export function duesFor(wageFen: number, rule: RuleParams): number {
  const base = BigInt(Math.floor(wageFen / rule.floorFen) * rule.floorFen);
  const unit = BigInt(ROUNDING_UNIT[rule.rounding]) * 1000n;
  const product = base * BigInt(rule.ratePerMille); // in 1/1000 分
  return Number(((product + unit / 2n) / unit) * (unit / 1000n));
}

// ---------- rules ----------

interface RuleRow {
  effective_from: string;
  rate_per_mille: number;
  floor_fen: number;
  rounding: DuesRounding;
  apprentice_flat_fen: number;
  counted_items: string;
  created_at: string;
}

function toRule(r: RuleRow): DuesRule {
  let items: string[];
  try {
    const parsed: unknown = JSON.parse(r.counted_items);
    items = Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : ['基本工资'];
  } catch {
    items = ['基本工资'];
  }
  return {
    effectiveFrom: r.effective_from,
    ratePerMille: r.rate_per_mille,
    floorFen: r.floor_fen,
    rounding: r.rounding,
    apprenticeFlatFen: r.apprentice_flat_fen,
    countedItems: items,
    createdAt: r.created_at,
  };
}

export function listRules(db: SyncDb): DuesRule[] {
  return (db.sqlite.prepare('SELECT * FROM dues_rules ORDER BY effective_from').all() as RuleRow[]).map(toRule);
}

/** The rule in force for a month: the latest one effective on or before it. */
export function ruleFor(db: SyncDb, month: string): DuesRule {
  const r = db.sqlite.prepare('SELECT * FROM dues_rules WHERE effective_from <= ? ORDER BY effective_from DESC LIMIT 1').get(month) as RuleRow | undefined;
  if (!r) throw new CoreError('NOT_FOUND', `${monthText(month)}没有生效的会费规则，请先在会费规则中设置。`, { field: 'month' });
  return toRule(r);
}

// ---------- members ----------

export type MemberStatus = 'active' | 'retired' | 'unemployed' | 'transferred' | 'withdrawn';

export const STATUS_LABEL: Record<MemberStatus, string> = {
  active: '在职',
  retired: '退休·保留会籍',
  unemployed: '失业·保留会籍',
  transferred: '调出',
  withdrawn: '退会',
};

export interface MemberRow {
  id: number;
  employee_no: string;
  name: string;
  group_id: number | null;
  group_name: string | null;
  joined_on: string | null;
  status: MemberStatus;
  status_since: string;
  employment_type: string;
  no_fixed_income: number;
}

const MEMBER_SQL = `SELECT m.id, m.employee_no, m.name, m.group_id, g.name AS group_name, m.joined_on, m.status, m.status_since,
  m.employment_type, m.no_fixed_income FROM members m LEFT JOIN union_groups g ON g.id = m.group_id`;

export function loadMembers(db: SyncDb): MemberRow[] {
  return db.sqlite.prepare(`${MEMBER_SQL} ORDER BY coalesce(g.name, '~'), m.employee_no`).all() as MemberRow[];
}

export function loadMember(db: SyncDb, id: number, field = 'memberId'): MemberRow {
  const m = db.sqlite.prepare(`${MEMBER_SQL} WHERE m.id = ?`).get(id) as MemberRow | undefined;
  if (!m) throw new CoreError('NOT_FOUND', `会员 #${id} 不存在。`, { field });
  return m;
}

export const groupNameOf = (m: { group_name: string | null }): string => m.group_name ?? '未分组';

// One collator for every sort (String#localeCompare with a locale builds one per call: seconds on 20,000 rows).
const ZH = new Intl.Collator('zh');
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** By 工会小组 (pinyin order), then 工号. */
export function byGroupThenNo(a: { groupName: string; employeeNo: string }, b: { groupName: string; employeeNo: string }): number {
  return a.groupName === b.groupName ? cmp(a.employeeNo, b.employeeNo) : ZH.compare(a.groupName, b.groupName);
}

/**
 * The status changes of every member as (date, status) lists, oldest first: member_status_history
 * plus the member's current status since status_since (the roster may or may not have written
 * that change to the history too; duplicates are harmless).
 */
export function statusTimelines(db: SyncDb, members: MemberRow[]): Map<number, { date: string; status: MemberStatus }[]> {
  const out = new Map<number, { date: string; status: MemberStatus }[]>();
  const rows = db.sqlite.prepare('SELECT member_id, status, effective_date FROM member_status_history ORDER BY member_id, effective_date, id').all() as {
    member_id: number;
    status: MemberStatus;
    effective_date: string;
  }[];
  for (const r of rows) {
    let list = out.get(r.member_id);
    if (!list) out.set(r.member_id, (list = []));
    list.push({ date: r.effective_date.slice(0, 10), status: r.status });
  }
  for (const m of members) {
    let list = out.get(m.id);
    if (!list) out.set(m.id, (list = []));
    const since = m.status_since.slice(0, 10);
    // The current status wins over a history entry of the same date.
    list.push({ date: since, status: m.status });
    list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  return out;
}

/**
 * The status a member's dues for a month follow: the one in force on the FIRST day of the month.
 * A change dated the 1st applies to that month; a change later in the month applies from the next
 * month (the month's wage, and its dues, were already earned under the old status). Before the first
 * recorded change the member is taken as 在职.
 */
export function statusForMonth(timeline: { date: string; status: MemberStatus }[] | undefined, month: string): MemberStatus {
  const first = `${month}-01`;
  let s: MemberStatus = 'active';
  for (const e of timeline ?? []) {
    if (e.date <= first) s = e.status;
    else break;
  }
  return s;
}

// ---------- payments ----------

/** Net payments per member-month: on posted vouchers (paid) and on the others (pending). */
export interface PaymentSums {
  paid: Map<string, number>;
  pending: Map<string, number>;
}
export const key = (memberId: number, month: string): string => `${memberId}|${month}`;

/** `paidUpTo` (YYYY-MM-DD): only payments made on or before that day (arrears as of a month). */
export function paymentSums(db: SyncDb, fromMonth: string, toMonth: string, memberId?: number, paidUpTo?: string): PaymentSums {
  const params: (string | number)[] = [fromMonth, toMonth];
  if (memberId !== undefined) params.push(memberId);
  if (paidUpTo !== undefined) params.push(paidUpTo);
  const rows = db.sqlite
    .prepare(
      `SELECT p.member_id, p.month, v.status = 'posted' AS posted, sum(p.amount_fen) AS amount
       FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id
       WHERE p.month BETWEEN ? AND ?${memberId === undefined ? '' : ' AND p.member_id = ?'}${paidUpTo === undefined ? '' : ' AND p.paid_on <= ?'}
       GROUP BY p.member_id, p.month, posted`,
    )
    .all(...params) as {
    member_id: number;
    month: string;
    posted: number;
    amount: number;
  }[];
  const paid = new Map<string, number>();
  const pending = new Map<string, number>();
  for (const r of rows) (r.posted ? paid : pending).set(key(r.member_id, r.month), r.amount);
  return { paid, pending };
}

export interface AssessmentRow {
  member_id: number;
  month: string;
  base_fen: number;
  due_fen: number;
  exempt_reason: string | null;
  rule_from: string;
}

export function assessments(db: SyncDb, fromMonth: string, toMonth: string, memberId?: number): AssessmentRow[] {
  return db.sqlite
    .prepare(
      `SELECT member_id, month, base_fen, due_fen, exempt_reason, rule_from FROM dues_assessments
       WHERE month BETWEEN ? AND ?${memberId === undefined ? '' : ' AND member_id = ?'} ORDER BY member_id, month`,
    )
    .all(...(memberId === undefined ? [fromMonth, toMonth] : [fromMonth, toMonth, memberId])) as AssessmentRow[];
}

export function lineState(due: number, paid: number, pending: number, exempt: string | null): 'paid' | 'partial' | 'unpaid' | 'pending' | 'exempt' {
  if (due === 0) return exempt ? 'exempt' : 'paid';
  if (paid >= due) return 'paid';
  if (paid + pending >= due) return 'pending';
  return paid > 0 ? 'partial' : 'unpaid';
}

export function unionName(db: SyncDb): string {
  return (db.sqlite.prepare('SELECT name FROM union_profile WHERE id = 1').get() as { name: string } | undefined)?.name ?? '';
}
