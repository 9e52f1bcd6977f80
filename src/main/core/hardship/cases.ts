// Hardship files (困难职工档案, scenario S5): one case per member at a time, 建档 → 帮扶 → 脱困退出 /
// 注销, each transition dated with its reason (append-only steps); aid requests (困难帮扶 / 送温暖 /
// 金秋助学) reference the case. Restricted to the chair and the granted users (access.ts).
// hardship.summary counts 户 / 人 / 人次 / 元 without names, for the disclosure (CHK-PRIV-1).
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { SyncDb } from '../db/sync-db';
import { CoreError } from '../errors';
import {
  HARDSHIP_AID_TYPES,
  HARDSHIP_OPEN_STATUSES,
  HARDSHIP_TRANSITIONS,
  type HardshipCaseDetail,
  type HardshipCaseSummary,
  type HardshipReason,
  type HardshipStatus,
  type HardshipSummary,
} from '../../contract/distributions';
import { SPENDING_STATUS_LABELS, type SpendingStatus } from '../../contract/spending';
import { POSTED_REQUEST_SQL } from '../spending/state';
import { requireHardshipAccess } from './access';

interface CaseRow {
  id: number;
  member_id: number;
  household_size: number;
  reasons_json: string;
  status: HardshipStatus;
  opened_on: string;
  closed_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  name: string;
  employee_no: string;
  group_name: string | null;
  aid_count: number;
  aid_fen: number;
}

const AID_TYPES_JSON = JSON.stringify(HARDSHIP_AID_TYPES);

const CASE_SELECT = `SELECT c.*, m.name, m.employee_no, g.name AS group_name,
    (SELECT count(*) FROM spending_requests q WHERE q.hardship_case_id = c.id AND ${POSTED_REQUEST_SQL}) AS aid_count,
    (SELECT coalesce(sum(q.amount_fen), 0) FROM spending_requests q WHERE q.hardship_case_id = c.id AND ${POSTED_REQUEST_SQL}) AS aid_fen
  FROM hardship_cases c JOIN members m ON m.id = c.member_id LEFT JOIN union_groups g ON g.id = m.group_id`;

const isOpen = (s: HardshipStatus) => (HARDSHIP_OPEN_STATUSES as readonly HardshipStatus[]).includes(s);

function summaryOf(r: CaseRow): HardshipCaseSummary {
  return {
    id: r.id,
    memberId: r.member_id,
    name: r.name,
    employeeNo: r.employee_no,
    group: r.group_name,
    householdSize: r.household_size,
    reasons: JSON.parse(r.reasons_json) as HardshipReason[],
    status: r.status,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    aidCount: r.aid_count,
    aidFen: r.aid_fen,
  };
}

function loadCase(db: SyncDb, id: number): CaseRow {
  const r = db.sqlite.prepare(`${CASE_SELECT} WHERE c.id = ?`).get(id) as CaseRow | undefined;
  if (!r) throw new CoreError('NOT_FOUND', `困难职工档案 #${id} 不存在。`, { field: 'caseId' });
  return r;
}

function caseDetail(db: SyncDb, id: number): HardshipCaseDetail {
  const r = loadCase(db, id);
  const steps = db.sqlite
    .prepare('SELECT s.from_status, s.to_status, s.effective_date, s.reason, s.at, u.display_name FROM hardship_case_steps s JOIN users u ON u.id = s.user_id WHERE s.case_id = ? ORDER BY s.id')
    .all(id) as { from_status: HardshipStatus | null; to_status: HardshipStatus; effective_date: string; reason: string; at: string; display_name: string }[];
  const aid = db.sqlite
    .prepare('SELECT id, type, request_date, amount_fen, status FROM spending_requests WHERE hardship_case_id = ? ORDER BY request_date, id')
    .all(id) as { id: number; type: string; request_date: string; amount_fen: number; status: SpendingStatus }[];
  return {
    ...summaryOf(r),
    notes: r.notes,
    steps: steps.map((s) => ({ fromStatus: s.from_status, toStatus: s.to_status, date: s.effective_date, reason: s.reason, user: s.display_name, at: s.at })),
    aid: aid.map((a) => ({ requestId: a.id, type: a.type, date: a.request_date, amountFen: a.amount_fen, status: a.status, statusLabel: SPENDING_STATUS_LABELS[a.status] })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function addStep(ctx: ServiceContext, caseId: number, from: HardshipStatus | null, to: HardshipStatus, date: string, reason: string): void {
  ctx.db.sqlite
    .prepare('INSERT INTO hardship_case_steps (case_id, from_status, to_status, effective_date, reason, user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(caseId, from, to, date, reason, requireUser(ctx).id, ctx.now.toISOString());
}

/** The audit image: ids, codes and dates; the notes' text stays in the file (sensitive personal information). */
const auditImage = (d: HardshipCaseDetail) => ({
  memberId: d.memberId,
  householdSize: d.householdSize,
  reasons: d.reasons,
  status: d.status,
  openedOn: d.openedOn,
  closedOn: d.closedOn,
  hasNotes: d.notes !== null && d.notes !== '',
});

// ---------- operations ----------

export const listCases: Handler<'hardship.list'> = (ctx, input) => {
  requireHardshipAccess(ctx);
  const where: string[] = [];
  const params: string[] = [];
  if (input.status) {
    where.push('c.status = ?');
    params.push(input.status);
  }
  if (input.openOnly) where.push(`c.status IN ('建档', '帮扶')`);
  const w = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const rows = ctx.db.sqlite.prepare(`${CASE_SELECT} ${w} ORDER BY c.opened_on DESC, c.id DESC`).all(...params) as CaseRow[];
  return { rows: rows.map(summaryOf), total: rows.length };
};

export const getCase: Handler<'hardship.get'> = (ctx, input) => {
  requireHardshipAccess(ctx);
  return caseDetail(ctx.db, input.caseId);
};

export const openCase: Handler<'hardship.open'> = (ctx, input) => {
  requireHardshipAccess(ctx);
  const me = requireUser(ctx);
  const { db } = ctx;
  const m = db.sqlite.prepare('SELECT id, name FROM members WHERE id = ?').get(input.memberId) as { id: number; name: string } | undefined;
  if (!m) throw new CoreError('VALIDATION', `会员 #${input.memberId} 不在会员名册中。`, { field: 'memberId' });
  const open = db.sqlite.prepare(`SELECT id, status FROM hardship_cases WHERE member_id = ? AND status IN ('建档', '帮扶')`).get(m.id) as { id: number; status: HardshipStatus } | undefined;
  if (open) throw new CoreError('CONFLICT', `${m.name}已有在档的困难职工档案 #${open.id}（${open.status}），不能重复建档。`, { field: 'memberId' });
  const at = ctx.now.toISOString();
  const reasons = [...new Set(input.reasons)];
  const id = Number(
    db.sqlite
      .prepare(
        `INSERT INTO hardship_cases (member_id, household_size, reasons_json, status, opened_on, closed_on, notes, created_by, created_at, updated_at)
         VALUES (?, ?, ?, '建档', ?, NULL, ?, ?, ?, ?)`,
      )
      .run(m.id, input.householdSize, JSON.stringify(reasons), input.date, input.notes ?? null, me.id, at, at).lastInsertRowid,
  );
  addStep(ctx, id, null, '建档', input.date, `建档：${reasons.join('、')}`);
  const after = caseDetail(db, id);
  ctx.audit({ operation: 'hardship.open', entity: 'hardship_case', entityId: id, after: auditImage(after) });
  return after;
};

export const updateCase: Handler<'hardship.update'> = (ctx, input) => {
  requireHardshipAccess(ctx);
  const { db } = ctx;
  const before = caseDetail(db, input.caseId);
  if (!isOpen(before.status)) throw new CoreError('CONFLICT', `困难职工档案 #${before.id} 已${before.status}，不能修改。`, { field: 'caseId' });
  db.sqlite
    .prepare('UPDATE hardship_cases SET household_size = ?, reasons_json = ?, notes = ?, updated_at = ? WHERE id = ?')
    .run(
      input.householdSize ?? before.householdSize,
      JSON.stringify(input.reasons ? [...new Set(input.reasons)] : before.reasons),
      input.notes === undefined ? before.notes : input.notes,
      ctx.now.toISOString(),
      before.id,
    );
  const after = caseDetail(db, before.id);
  ctx.audit({ operation: 'hardship.update', entity: 'hardship_case', entityId: before.id, before: auditImage(before), after: auditImage(after) });
  return after;
};

export const transitionCase: Handler<'hardship.transition'> = (ctx, input) => {
  requireHardshipAccess(ctx);
  const { db } = ctx;
  const before = caseDetail(db, input.caseId);
  const allowed = HARDSHIP_TRANSITIONS[before.status];
  if (!allowed.includes(input.to)) {
    const next = allowed.length > 0 ? `只能变更为${allowed.join('或')}` : '已是终结状态，不能再变更（如仍困难，请重新建档）';
    throw new CoreError('CONFLICT', `困难职工档案 #${before.id} 当前为${before.status}，${next}。`, { field: 'to' });
  }
  const last = before.steps.at(-1)?.date ?? before.openedOn;
  if (input.date < last) throw new CoreError('VALIDATION', `变更日期不能早于上一次变更（${last}）。`, { field: 'date' });
  const closing = !isOpen(input.to);
  db.sqlite
    .prepare('UPDATE hardship_cases SET status = ?, closed_on = ?, updated_at = ? WHERE id = ?')
    .run(input.to, closing ? input.date : null, ctx.now.toISOString(), before.id);
  addStep(ctx, before.id, before.status, input.to, input.date, input.reason);
  const after = caseDetail(db, before.id);
  ctx.audit({
    operation: 'hardship.transition',
    entity: 'hardship_case',
    entityId: before.id,
    before: { status: before.status },
    after: { status: after.status, date: input.date, reason: input.reason, closedOn: after.closedOn },
  });
  return after;
};

/** 户 / 人 / 人次 / 元 of the aid paid (voucher posted, not reversed) in the year; no names. */
export function hardshipSummary(db: SyncDb, year: number): HardshipSummary {
  const y = String(year);
  const reqs = db.sqlite
    .prepare(
      `SELECT q.id, q.type, q.amount_fen, q.payee_member_id, q.hardship_case_id FROM spending_requests q
       WHERE ${POSTED_REQUEST_SQL} AND q.type IN (SELECT value FROM json_each(?)) AND substr(q.request_date, 1, 4) = ? ORDER BY q.id`,
    )
    .all(AID_TYPES_JSON, y) as { id: number; type: string; amount_fen: number; payee_member_id: number | null; hardship_case_id: number | null }[];
  const recipQ = db.sqlite.prepare('SELECT member_id FROM spending_recipients WHERE request_id = ?').pluck();
  const households = new Set<number>();
  const persons = new Set<number>();
  let personTimes = 0;
  let totalFen = 0;
  let unlinked = 0;
  const byType = new Map<string, { type: string; requests: number; personTimes: number; totalFen: number }>();
  for (const q of reqs) {
    const members = recipQ.all(q.id) as number[];
    const lines = members.length > 0 ? members : q.payee_member_id !== null ? [q.payee_member_id] : [];
    for (const m of lines) persons.add(m);
    personTimes += lines.length;
    totalFen += q.amount_fen;
    if (q.hardship_case_id !== null) households.add(q.hardship_case_id);
    else unlinked += 1;
    const t = byType.get(q.type) ?? { type: q.type, requests: 0, personTimes: 0, totalFen: 0 };
    t.requests += 1;
    t.personTimes += lines.length;
    t.totalFen += q.amount_fen;
    byType.set(q.type, t);
  }
  const count = (sql: string, ...p: string[]) => db.sqlite.prepare(sql).pluck().get(...p) as number;
  const end = `${y}-12-31`;
  return {
    year,
    households: households.size,
    persons: persons.size,
    personTimes,
    totalFen,
    byType: HARDSHIP_AID_TYPES.flatMap((t) => {
      const v = byType.get(t);
      return v ? [v] : [];
    }),
    unlinkedRequests: unlinked,
    cases: {
      openedInYear: count('SELECT count(*) FROM hardship_cases WHERE substr(opened_on, 1, 4) = ?', y),
      exitedInYear: count(`SELECT count(*) FROM hardship_case_steps WHERE to_status = '脱困退出' AND substr(effective_date, 1, 4) = ?`, y),
      cancelledInYear: count(`SELECT count(*) FROM hardship_case_steps WHERE to_status = '注销' AND substr(effective_date, 1, 4) = ?`, y),
      openAtYearEnd: count('SELECT count(*) FROM hardship_cases WHERE opened_on <= ? AND (closed_on IS NULL OR closed_on > ?)', end, end),
    },
  };
}

export const summaryHandler: Handler<'hardship.summary'> = (ctx, input) => hardshipSummary(ctx.db, input.year);
