// The member roster and union groups: list and search (name, 工号, pinyin initials), one member
// with an audited reveal of the sensitive numbers, create/update, status changes kept as history.
// A member is never deleted (dues.md D8: not even the 退会 of a six-month defaulter is automatic).
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { SyncDb } from '../db/sync-db';
import { CoreError } from '../errors';
import { initialsOf } from '../books/accounts';
import { todayInChina } from '../closing/ledger';
import {
  MEMBER_STATUS_LABELS,
  type EmploymentType,
  type Gender,
  type MemberDetail,
  type MemberHistoryEntry,
  type MemberStatus,
  type MemberSummary,
  type ModelWorkerLevel,
  type UnionGroup,
} from '../../contract/members';
import { formatYuan } from '../../contract/money';
import {
  bankAccountProblem,
  idNumberProblem,
  isRealDate,
  maskBankAccount,
  maskIdNumber,
  normalizeBankAccount,
  normalizeIdNumber,
  phoneProblem,
} from './values';

/** A members row with its group's name. */
export interface MemberRow {
  id: number;
  employee_no: string;
  name: string;
  gender: Gender | null;
  birth_date: string | null;
  group_id: number | null;
  group_name: string | null;
  joined_on: string | null;
  status: MemberStatus;
  status_since: string;
  employment_type: EmploymentType;
  model_worker: ModelWorkerLevel | null;
  phone: string | null;
  id_number: string | null;
  bank_account: string | null;
  no_fixed_income: number;
  created_at: string;
  updated_at: string;
}

export const MEMBER_SELECT = `SELECT m.*, g.name AS group_name FROM members m LEFT JOIN union_groups g ON g.id = m.group_id`;
/** 工号 in their natural order (2 before 10) when they are numbers of varying length. */
export const MEMBER_ORDER = `ORDER BY length(m.employee_no), m.employee_no`;

export function toSummary(r: MemberRow): MemberSummary {
  return {
    id: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    initials: initialsOf(r.name),
    gender: r.gender,
    birthDate: r.birth_date,
    groupId: r.group_id,
    groupName: r.group_name,
    joinedOn: r.joined_on,
    status: r.status,
    statusLabel: MEMBER_STATUS_LABELS[r.status],
    statusSince: r.status_since,
    employmentType: r.employment_type,
    modelWorker: r.model_worker,
    phone: r.phone,
    idNumberMasked: maskIdNumber(r.id_number),
    bankAccountMasked: maskBankAccount(r.bank_account),
  };
}

function toDetail(r: MemberRow, reveal: boolean): MemberDetail {
  return {
    ...toSummary(r),
    noFixedIncome: r.no_fixed_income === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    revealed: reveal ? { idNumber: r.id_number, bankAccount: r.bank_account } : null,
  };
}

/** What the audit trail keeps of a member: everything but the sensitive numbers in full. */
export function auditImage(r: MemberRow): Record<string, unknown> {
  const { id_number, bank_account, group_name: _g, created_at: _c, updated_at: _u, ...rest } = r;
  return { ...rest, id_number: maskIdNumber(id_number), bank_account: maskBankAccount(bank_account) };
}

export function memberRow(db: SyncDb, id: number): MemberRow {
  const r = db.sqlite.prepare(`${MEMBER_SELECT} WHERE m.id = ?`).get(id) as MemberRow | undefined;
  if (!r) throw new CoreError('NOT_FOUND', `会员（编号 ${id}）不存在。`, { field: 'id' });
  return r;
}

// ---------- list and search ----------

export const listMembers: Handler<'members.list'> = (ctx, input) => {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (input.group !== undefined) {
    where.push('m.group_id = ?');
    params.push(input.group);
  }
  if (input.status !== undefined) {
    where.push('m.status = ?');
    params.push(input.status);
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  let ids: number[];
  const q = (input.q ?? '').trim();
  if (!q) {
    ids = (ctx.db.sqlite.prepare(`SELECT m.id FROM members m ${cond} ${MEMBER_ORDER}`).pluck().all(...params) as number[]);
  } else {
    const lower = q.toLowerCase();
    const latin = /^[a-z]+$/.test(lower);
    const cands = ctx.db.sqlite.prepare(`SELECT m.id, m.employee_no, m.name FROM members m ${cond} ${MEMBER_ORDER}`).all(...params) as { id: number; employee_no: string; name: string }[];
    ids = cands
      .filter((c) => c.name.includes(q) || c.employee_no.toLowerCase().includes(lower) || (latin && initialsOf(c.name).startsWith(lower)))
      .map((c) => c.id);
  }
  const start = (input.page - 1) * input.pageSize;
  const pageIds = ids.slice(start, start + input.pageSize);
  const rows = pageIds.length
    ? (ctx.db.sqlite.prepare(`${MEMBER_SELECT} WHERE m.id IN (${pageIds.map(() => '?').join(',')})`).all(...pageIds) as MemberRow[])
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: pageIds.map((id) => toSummary(byId.get(id)!)), total: ids.length, page: input.page, pageSize: input.pageSize };
};

// ---------- one member ----------

export const getMember: Handler<'members.get'> = (ctx, input) => {
  const r = memberRow(ctx.db, input.id);
  if (input.reveal) {
    ctx.audit({
      operation: 'members.reveal',
      entity: 'member',
      entityId: r.id,
      after: { action: '查看敏感信息', employee_no: r.employee_no, name: r.name, fields: ['身份证号', '银行账号'] },
    });
  }
  return toDetail(r, input.reveal === true);
};

function requireGroup(db: SyncDb, id: number): void {
  if (!db.sqlite.prepare('SELECT 1 FROM union_groups WHERE id = ?').get(id)) throw new CoreError('VALIDATION', `工会小组（编号 ${id}）不存在`, { field: 'groupId' });
}

function checkDate(v: string | null | undefined, field: string, label: string): string | null {
  if (!v) return null;
  if (!isRealDate(v)) throw new CoreError('VALIDATION', `${label}“${v}”不是有效日期`, { field });
  return v;
}

export const saveMember: Handler<'members.save'> = (ctx, input) => {
  const user = requireUser(ctx);
  const db = ctx.db;
  const now = ctx.now.toISOString();
  const today = todayInChina(ctx.now);
  const dup = db.sqlite.prepare('SELECT id, name FROM members WHERE employee_no = ?').get(input.employeeNo) as { id: number; name: string } | undefined;
  if (dup && dup.id !== input.id) throw new CoreError('VALIDATION', `工号 ${input.employeeNo} 已被会员 ${dup.name} 使用`, { field: 'employeeNo' });
  if (input.groupId) requireGroup(db, input.groupId);
  const birthDate = checkDate(input.birthDate, 'birthDate', '出生日期');
  const joinedOn = checkDate(input.joinedOn, 'joinedOn', '入会日期');
  const statusSince = checkDate(input.statusSince, 'statusSince', '状态日期');
  if (input.phone) {
    const p = phoneProblem(input.phone);
    if (p) throw new CoreError('VALIDATION', `联系电话：${p}`, { field: 'phone' });
  }
  const sensitive = (v: string | null | undefined, norm: (s: string) => string, check: (s: string) => string | null, field: string, label: string): string | null | undefined => {
    if (v === undefined) return undefined;
    if (v === null || v === '') return null;
    const n = norm(v);
    const p = check(n);
    if (p) throw new CoreError('VALIDATION', `${label}：${p}`, { field });
    return n;
  };
  const idNumber = sensitive(input.idNumber, normalizeIdNumber, idNumberProblem, 'idNumber', '身份证号');
  const bankAccount = sensitive(input.bankAccount, normalizeBankAccount, bankAccountProblem, 'bankAccount', '银行账号');

  const fields = {
    employee_no: input.employeeNo,
    name: input.name,
    gender: input.gender ?? null,
    birth_date: birthDate,
    group_id: input.groupId ?? null,
    joined_on: joinedOn,
    employment_type: input.employmentType,
    model_worker: input.modelWorker ?? null,
    phone: input.phone,
  };

  if (input.id === undefined) {
    const since = statusSince ?? (input.status === 'active' ? (joinedOn ?? today) : null);
    if (!since) throw new CoreError('VALIDATION', `会员状态为“${MEMBER_STATUS_LABELS[input.status]}”时请填写状态日期`, { field: 'statusSince' });
    const id = Number(
      db.sqlite
        .prepare(
          `INSERT INTO members (employee_no, name, gender, birth_date, group_id, joined_on, status, status_since, employment_type, model_worker, phone, id_number, bank_account, no_fixed_income, created_at, updated_at)
           VALUES (@employee_no, @name, @gender, @birth_date, @group_id, @joined_on, @status, @status_since, @employment_type, @model_worker, @phone, @id_number, @bank_account, @no_fixed_income, @now, @now)`,
        )
        .run({ ...fields, status: input.status, status_since: since, id_number: idNumber ?? null, bank_account: bankAccount ?? null, no_fixed_income: input.noFixedIncome ? 1 : 0, now }).lastInsertRowid,
    );
    insertHistory(db, id, input.status, since, '新增会员', user.id, now);
    const after = memberRow(db, id);
    ctx.audit({ operation: 'members.save', entity: 'member', entityId: id, after: auditImage(after) });
    return toDetail(after, false);
  }

  const before = memberRow(db, input.id);
  const statusChanged = input.status !== before.status;
  const since = statusChanged ? (statusSince ?? today) : (statusSince ?? before.status_since);
  if (statusChanged) requireNotBeforeLast(db, before.id, since);
  db.sqlite
    .prepare(
      `UPDATE members SET employee_no = @employee_no, name = @name, gender = @gender, birth_date = @birth_date, group_id = @group_id, joined_on = @joined_on,
         status = @status, status_since = @status_since, employment_type = @employment_type, model_worker = @model_worker, phone = @phone,
         id_number = @id_number, bank_account = @bank_account, no_fixed_income = @no_fixed_income, updated_at = @now WHERE id = @id`,
    )
    .run({
      ...fields,
      id: before.id,
      status: input.status,
      status_since: since,
      id_number: idNumber === undefined ? before.id_number : idNumber,
      bank_account: bankAccount === undefined ? before.bank_account : bankAccount,
      no_fixed_income: input.noFixedIncome === undefined ? before.no_fixed_income : input.noFixedIncome ? 1 : 0,
      now,
    });
  if (statusChanged) insertHistory(db, before.id, input.status, since, '修改会员信息', user.id, now);
  const after = memberRow(db, before.id);
  ctx.audit({ operation: 'members.save', entity: 'member', entityId: before.id, before: auditImage(before), after: auditImage(after) });
  return toDetail(after, false);
};

export function insertHistory(db: SyncDb, memberId: number, status: MemberStatus, date: string, reason: string | null, userId: number, at: string): void {
  db.sqlite
    .prepare('INSERT INTO member_status_history (member_id, status, effective_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(memberId, status, date, reason, userId, at);
}

function requireNotBeforeLast(db: SyncDb, memberId: number, date: string): void {
  const last = db.sqlite.prepare('SELECT max(effective_date) FROM member_status_history WHERE member_id = ?').pluck().get(memberId) as string | null;
  if (last && date < last) {
    throw new CoreError('VALIDATION', `生效日期 ${date} 早于该会员上次状态变更的日期 ${last}，请核对`, { field: 'effectiveDate' });
  }
}

export const changeStatus: Handler<'members.changeStatus'> = (ctx, input) => {
  const user = requireUser(ctx);
  const before = memberRow(ctx.db, input.id);
  if (!isRealDate(input.effectiveDate)) throw new CoreError('VALIDATION', `生效日期“${input.effectiveDate}”不是有效日期`, { field: 'effectiveDate' });
  if (before.status === input.status) {
    throw new CoreError('CONFLICT', `${before.name} 的状态已经是“${MEMBER_STATUS_LABELS[input.status]}”（自 ${before.status_since}）`, { field: 'status' });
  }
  requireNotBeforeLast(ctx.db, before.id, input.effectiveDate);
  const now = ctx.now.toISOString();
  ctx.db.sqlite.prepare('UPDATE members SET status = ?, status_since = ?, updated_at = ? WHERE id = ?').run(input.status, input.effectiveDate, now, before.id);
  insertHistory(ctx.db, before.id, input.status, input.effectiveDate, input.reason, user.id, now);
  const after = memberRow(ctx.db, before.id);
  ctx.audit({
    operation: 'members.changeStatus',
    entity: 'member',
    entityId: before.id,
    before: { status: before.status, status_since: before.status_since },
    after: { status: after.status, status_since: after.status_since, reason: input.reason },
  });
  return toDetail(after, false);
};

export const memberHistory: Handler<'members.history'> = (ctx, input) => {
  memberRow(ctx.db, input.id);
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT h.status, h.effective_date, h.reason, h.recorded_at, u.display_name AS recorded_by
       FROM member_status_history h LEFT JOIN users u ON u.id = h.recorded_by
       WHERE h.member_id = ? ORDER BY h.effective_date, h.id`,
    )
    .all(input.id) as { status: MemberStatus; effective_date: string; reason: string | null; recorded_at: string; recorded_by: string | null }[];
  const status = rows.map(
    (r): MemberHistoryEntry => ({
      kind: 'status',
      date: r.effective_date,
      title: `会员状态：${MEMBER_STATUS_LABELS[r.status] ?? r.status}`,
      detail: r.reason,
      recordedAt: r.recorded_at,
      recordedBy: r.recorded_by,
    }),
  );
  // Dues count once their voucher is posted; a reversal shows as its own negative entry.
  const paid = ctx.db.sqlite
    .prepare(
      `SELECT p.month, p.amount_fen, p.method, p.paid_on, p.recorded_at, r.number AS receipt_no, r.year AS receipt_year,
              v.word, v.number AS voucher_no, u.display_name AS recorded_by
       FROM dues_payments p JOIN vouchers v ON v.id = p.voucher_id
       LEFT JOIN dues_receipts r ON r.id = p.receipt_id LEFT JOIN users u ON u.id = p.recorded_by
       WHERE p.member_id = ? AND v.status = 'posted' ORDER BY p.paid_on, p.id`,
    )
    .all(input.id) as {
    month: string;
    amount_fen: number;
    method: 'payroll' | 'cash' | 'bank';
    paid_on: string;
    recorded_at: string;
    receipt_no: number | null;
    receipt_year: number | null;
    word: string;
    voucher_no: number;
    recorded_by: string | null;
  }[];
  const METHOD = { payroll: '工资代扣', cash: '现金', bank: '银行转账' } as const;
  const dues = paid.map(
    (p): MemberHistoryEntry => ({
      kind: 'dues',
      date: p.paid_on,
      title: `${p.amount_fen < 0 ? '冲销' : '缴纳'}${Number(p.month.slice(0, 4))}年${Number(p.month.slice(5, 7))}月会费 ${formatYuan(p.amount_fen)} 元`,
      detail: [METHOD[p.method], p.receipt_no !== null ? `收据 ${p.receipt_year}-${String(p.receipt_no).padStart(4, '0')}` : null, `凭证 ${p.word}-${p.voucher_no}`].filter(Boolean).join('，'),
      recordedAt: p.recorded_at,
      recordedBy: p.recorded_by,
    }),
  );
  return [...status, ...dues].sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.localeCompare(b.recordedAt));
};

// ---------- groups ----------

export function listGroupRows(db: SyncDb): UnionGroup[] {
  return db.sqlite
    .prepare(
      `SELECT g.id, g.name, g.leader,
              (SELECT count(*) FROM members m WHERE m.group_id = g.id) AS members,
              (SELECT count(*) FROM members m WHERE m.group_id = g.id AND m.status = 'active') AS active
       FROM union_groups g ORDER BY g.id`,
    )
    .all() as UnionGroup[];
}

export const listGroups: Handler<'groups.list'> = (ctx) => listGroupRows(ctx.db);

export const saveGroup: Handler<'groups.save'> = (ctx, input) => {
  const db = ctx.db;
  const dup = db.sqlite.prepare('SELECT id FROM union_groups WHERE name = ?').pluck().get(input.name) as number | undefined;
  if (dup !== undefined && dup !== input.id) throw new CoreError('VALIDATION', `工会小组“${input.name}”已存在`, { field: 'name' });
  let id: number;
  if (input.id === undefined) {
    id = createGroup(ctx, input.name, input.leader);
  } else {
    const before = db.sqlite.prepare('SELECT id, name, leader FROM union_groups WHERE id = ?').get(input.id) as { id: number; name: string; leader: string | null } | undefined;
    if (!before) throw new CoreError('NOT_FOUND', `工会小组（编号 ${input.id}）不存在`, { field: 'id' });
    db.sqlite.prepare('UPDATE union_groups SET name = ?, leader = ? WHERE id = ?').run(input.name, input.leader, input.id);
    ctx.audit({ operation: 'groups.save', entity: 'union_group', entityId: input.id, before, after: { id: input.id, name: input.name, leader: input.leader } });
    id = input.id;
  }
  return listGroupRows(db).find((g) => g.id === id)!;
};

export function createGroup(ctx: ServiceContext, name: string, leader: string | null): number {
  const id = Number(ctx.db.sqlite.prepare('INSERT INTO union_groups (name, leader, created_at) VALUES (?, ?, ?)').run(name, leader, ctx.now.toISOString()).lastInsertRowid);
  ctx.audit({ operation: 'groups.save', entity: 'union_group', entityId: id, after: { id, name, leader } });
  return id;
}
