// Expense requests (支出申请): the workflow around the compliance engine (issue 5;
// spending-rules.md §5.8, §5.9, §7). Every step re-runs the engine on the database's state at the
// request's date and stores the run (rule-set version, findings). A block stops the step; a warning
// must be overridden by the chair with a written reason before approval and payment.
import { createHash } from 'node:crypto';
import type { Handler, ServiceContext } from '../context';
import { prepared, requireUser } from '../context';
import { checkAttachment } from '../files/attachments';
import type { SyncDb } from '../db/sync-db';
import { CoreError, CommittedRefusal } from '../errors';
import {
  SPENDING_STATUS_LABELS,
  type BenefitLine,
  type EvidenceKindValue,
  type SpendingCheckRun,
  type SpendingFinding,
  type SpendingRequestDetail,
  type SpendingStatus,
  type SpendingStep,
  type SpendingSummary,
} from '../../contract/spending';
import { HARDSHIP_AID_TYPES, HARDSHIP_OPEN_STATUSES, type HardshipStatus } from '../../contract/distributions';
import { loadChart, isCashOrBank } from '../books/accounts';
import { assertOpenDate } from '../books/periods';
import { insertDraft, insertLines, voucherDetail, type CleanLine } from '../books/vouchers';
import { checkRequest } from './engine';
import { BENEFIT_KEYS, BENEFIT_LABELS, type CheckStage, type EngineResult, type RuleSet } from './model';
import {
  activeRuleSet,
  evidenceKindsOf,
  ledgerStateFor,
  loadRequestRow,
  presetIdOf,
  readSpendingSettings,
  receivedBy,
  recipientsOf,
  SPENDING_SETTINGS_KEY,
  toEngineRequest,
  detailsOf,
  type RequestRow,
} from './state';
import { spendingSource } from './voucher-link';
import { ruleSetVersionOf } from './model';

type Stage = SpendingCheckRun['stage'];
type Action = SpendingStep['action'];

const ACTION_LABELS: Record<Action, string> = {
  create: '填写申请',
  save: '修改申请',
  submit: '提交',
  review: '会计审核',
  approve: '工会主席审批',
  decision: '登记集体研究决定',
  pay: '出纳支付',
  unpay: '撤销支付（凭证草稿已删除）',
  reject: '驳回',
  withdraw: '撤回',
};

/** CHK-APP-1 asks for the collective decision: a condition of APPROVAL, so it does not stop submission or review. */
const APPROVAL_RULES = new Set(['CHK-APP-1']);

// ---------- the engine, run and stored ----------

interface Run {
  checkId: number;
  result: EngineResult;
  rules: RuleSet;
}

function runCheck(ctx: ServiceContext, row: RequestRow, stage: Stage): Run {
  const me = requireUser(ctx);
  const { db } = ctx;
  const recips = recipientsOf(db, row.id);
  const rules = activeRuleSet(db, row.request_date);
  const { state, budgetLineId } = ledgerStateFor(db, row, recips, rules);
  const engineStage: CheckStage = stage === 'pay' ? 'pay' : 'submit';
  const result = checkRequest(toEngineRequest(row, recips, evidenceKindsOf(db, row.id), engineStage, budgetLineId), state, rules);
  const checkId = Number(
    db.sqlite
      .prepare('INSERT INTO spending_checks (request_id, stage, rule_set_version, blocked, checked_by, checked_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(row.id, stage, result.ruleSetVersion, result.blocked ? 1 : 0, me.id, ctx.now.toISOString()).lastInsertRowid,
  );
  const ins = db.sqlite.prepare('INSERT INTO spending_findings (check_id, seq, rule, severity, message, citation, fix, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  result.findings.forEach((f, i) => ins.run(checkId, i + 1, f.rule, f.severity, f.message, f.citation, f.fix, f.memberId !== undefined ? Number(f.memberId) : null));
  return { checkId, result, rules };
}

function overridesMap(db: SyncDb, requestId: number): Map<string, { reason: string; by: string; at: string; userId: number }> {
  const rows = db.sqlite
    .prepare('SELECT o.rule, o.reason, o.at, o.user_id, u.display_name FROM spending_overrides o JOIN users u ON u.id = o.user_id WHERE o.request_id = ? ORDER BY o.id')
    .all(requestId) as { rule: string; reason: string; at: string; user_id: number; display_name: string }[];
  return new Map(rows.map((r) => [r.rule, { reason: r.reason, by: r.display_name, at: r.at, userId: r.user_id }]));
}

/**
 * What stops `action`: the first block (CHK-APP-1 only from approval on), then, when warnings must be
 * settled, the first warning whose rule the chair has not overridden. Null: the step may go ahead.
 */
function stopper(db: SyncDb, row: RequestRow, run: Run, action: string, opts: { approval: boolean; warningsSettled: boolean }): CoreError | null {
  const blocks = run.result.findings.filter((f) => f.severity === 'block' && (opts.approval || !APPROVAL_RULES.has(f.rule)));
  if (blocks.length > 0) {
    const f = blocks[0]!;
    const more = blocks.length > 1 ? `（另有 ${blocks.length - 1} 项禁止性问题）` : '';
    return new CommittedRefusal('RULE', `不能${action}：${f.message}${more} ${f.fix}`, { rule: `${f.rule}：${f.citation}` });
  }
  if (opts.warningsSettled) {
    const overrides = overridesMap(db, row.id);
    const open = run.result.findings.filter((f) => f.severity === 'warn' && !overrides.has(f.rule));
    if (open.length > 0) {
      const f = open[0]!;
      const rules = [...new Set(open.map((x) => x.rule))].join('、');
      return new CommittedRefusal('RULE', `不能${action}：提示 ${rules} 尚未由工会主席说明理由接受。${f.message}`, { rule: `${f.rule}：${f.citation}` });
    }
  }
  return null;
}

// ---------- steps and details ----------

function step(ctx: ServiceContext, requestId: number, action: Action, from: SpendingStatus | null, to: SpendingStatus, note: string | null = null): void {
  ctx.db.sqlite
    .prepare('INSERT INTO spending_steps (request_id, action, from_status, to_status, user_id, at, note) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(requestId, action, from, to, requireUser(ctx).id, ctx.now.toISOString(), note);
}

function setStatus(ctx: ServiceContext, row: RequestRow, to: SpendingStatus): void {
  ctx.db.sqlite.prepare('UPDATE spending_requests SET status = ?, updated_at = ? WHERE id = ?').run(to, ctx.now.toISOString(), row.id);
}

function checkRuns(db: SyncDb, requestId: number, overrides: Map<string, { reason: string; by: string; at: string }>, latestOnly: boolean): SpendingCheckRun[] {
  const runs = db.sqlite
    .prepare(
      `SELECT c.id, c.stage, c.rule_set_version, c.blocked, c.checked_at, u.display_name FROM spending_checks c JOIN users u ON u.id = c.checked_by
       WHERE c.request_id = ? ORDER BY c.id ${latestOnly ? 'DESC LIMIT 1' : ''}`,
    )
    .all(requestId) as { id: number; stage: Stage; rule_set_version: string; blocked: number; checked_at: string; display_name: string }[];
  const fq = db.sqlite.prepare('SELECT rule, severity, message, citation, fix, member_id FROM spending_findings WHERE check_id = ? ORDER BY seq');
  return runs.map((c) => ({
    id: c.id,
    stage: c.stage,
    ruleSetVersion: c.rule_set_version,
    blocked: c.blocked === 1,
    checkedBy: c.display_name,
    checkedAt: c.checked_at,
    findings: (fq.all(c.id) as { rule: string; severity: 'block' | 'warn'; message: string; citation: string; fix: string; member_id: number | null }[]).map((f) => {
      const out: SpendingFinding = { rule: f.rule, severity: f.severity, message: f.message, citation: f.citation, fix: f.fix };
      if (f.member_id !== null) out.memberId = f.member_id;
      const o = f.severity === 'warn' ? overrides.get(f.rule) : undefined;
      if (o) out.overridden = { reason: o.reason, by: o.by, at: o.at };
      return out;
    }),
  }));
}

/** The evidence the engine asks for at payment, from a dry run at stage 'pay' with no evidence (nothing stored). */
function requiredEvidence(db: SyncDb, row: RequestRow): EvidenceKindValue[] {
  try {
    const recips = recipientsOf(db, row.id);
    const rules = activeRuleSet(db, row.request_date);
    const { state, budgetLineId } = ledgerStateFor(db, row, recips, rules);
    const r = checkRequest(toEngineRequest(row, recips, [], 'pay', budgetLineId), state, rules);
    const att = r.findings.find((f) => f.rule === 'CHK-ATT-2');
    if (!att) return [];
    const m = att.fix.match(/^补充(.+)后再提交。$/);
    return m ? (m[1]!.split('、') as EvidenceKindValue[]) : [];
  } catch {
    return [];
  }
}

export function requestDetail(db: SyncDb, id: number): SpendingRequestDetail {
  const row = loadRequestRow(db, id);
  const chart = loadChart(db);
  const recips = db.sqlite
    .prepare('SELECT r.member_id, r.amount_fen, r.item, m.name, m.employee_no FROM spending_recipients r JOIN members m ON m.id = r.member_id WHERE r.request_id = ? ORDER BY r.line_no')
    .all(id) as { member_id: number; amount_fen: number; item: string | null; name: string; employee_no: string }[];
  const evidence = db.sqlite
    .prepare('SELECT e.id, e.kind, e.sha256, e.filename, e.mime_type, e.pages, e.added_at, u.display_name FROM spending_evidence e JOIN users u ON u.id = e.added_by WHERE e.request_id = ? ORDER BY e.id')
    .all(id) as { id: number; kind: EvidenceKindValue; sha256: string; filename: string; mime_type: string; pages: number; added_at: string; display_name: string }[];
  const overrides = overridesMap(db, id);
  const steps = db.sqlite
    .prepare('SELECT s.action, s.from_status, s.to_status, s.user_id, s.at, s.note, u.display_name FROM spending_steps s JOIN users u ON u.id = s.user_id WHERE s.request_id = ? ORDER BY s.id')
    .all(id) as { action: Action; from_status: SpendingStatus | null; to_status: SpendingStatus; user_id: number; at: string; note: string | null; display_name: string }[];
  const requester = db.sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck().get(row.created_by) as string;
  const checks = checkRuns(db, id, overrides, false);
  return {
    id: row.id,
    type: row.type,
    purpose: row.purpose,
    date: row.request_date,
    accountCode: row.account_code,
    accountName: chart.get(row.account_code)?.fullName ?? row.account_code,
    amountFen: row.amount_fen,
    payee: { kind: row.payee_kind, name: row.payee_name, memberId: row.payee_member_id },
    paymentMethod: row.payment_method,
    budgetRef: row.budget_ref,
    fundSource: row.fund_source,
    expenseType: row.expense_type,
    details: detailsOf(row),
    hardshipCaseId: row.hardship_case_id,
    recipients: recips.map((r) => ({ memberId: r.member_id, name: r.name, employeeNo: r.employee_no, amountFen: r.amount_fen, item: r.item })),
    evidence: evidence.map((e) => ({ id: e.id, kind: e.kind, sha256: e.sha256, filename: e.filename, mimeType: e.mime_type, pages: e.pages, addedBy: e.display_name, addedAt: e.added_at })),
    collectiveDecision:
      row.decision_minutes_no !== null && row.decision_date !== null
        ? { minutesNo: row.decision_minutes_no, date: row.decision_date, attendees: row.decision_attendees, votesFor: row.decision_votes_for, attachmentSha256: row.decision_sha256 }
        : null,
    status: row.status,
    statusLabel: SPENDING_STATUS_LABELS[row.status],
    requester: { userId: row.created_by, name: requester },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    paidOn: row.paid_on,
    voucherId: row.voucher_id,
    latestCheck: checks.at(-1) ?? null,
    checks,
    overrides: [...overrides].map(([rule, o]) => ({ rule, reason: o.reason, userId: o.userId, user: o.by, at: o.at })),
    steps: steps.map((s) => ({ action: s.action, label: ACTION_LABELS[s.action], fromStatus: s.from_status, toStatus: s.to_status, userId: s.user_id, user: s.display_name, at: s.at, note: s.note })),
    requiredEvidence: row.status === 'rejected' || row.status === 'withdrawn' ? [] : requiredEvidence(db, row),
  };
}

/** The audit image of a request: the stored facts, without the derived lists. */
function auditImage(d: SpendingRequestDetail): Record<string, unknown> {
  return {
    type: d.type,
    purpose: d.purpose,
    date: d.date,
    accountCode: d.accountCode,
    amountFen: d.amountFen,
    payee: d.payee,
    paymentMethod: d.paymentMethod,
    budgetRef: d.budgetRef,
    fundSource: d.fundSource,
    expenseType: d.expenseType,
    details: d.details,
    hardshipCaseId: d.hardshipCaseId,
    recipients: d.recipients.map((r) => ({ memberId: r.memberId, amountFen: r.amountFen, item: r.item })),
    collectiveDecision: d.collectiveDecision,
    status: d.status,
    voucherId: d.voucherId,
  };
}

const findingsImage = (run: Run) => ({
  ruleSetVersion: run.result.ruleSetVersion,
  blocked: run.result.blocked,
  findings: run.result.findings.map((f) => ({ rule: f.rule, severity: f.severity })),
});

function requireStatus(row: RequestRow, allowed: readonly SpendingStatus[], action: string): void {
  if (!allowed.includes(row.status)) {
    throw new CoreError('CONFLICT', `支出申请 #${row.id} ${SPENDING_STATUS_LABELS[row.status]}，不能${action}。`, { field: 'requestId' });
  }
}

function requireMembers(db: SyncDb, ids: readonly number[]): void {
  const found = new Set(
    (db.sqlite.prepare('SELECT id FROM members WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as { id: number }[]).map((r) => r.id),
  );
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw new CoreError('VALIDATION', `会员 #${ids[i]} 不在会员名册中。`, { field: `recipients.${i}.memberId` });
}

/** An aid payment may reference a hardship case, which must be open (建档 / 帮扶); other types may not. */
function requireAidCase(db: SyncDb, type: string, caseId: number | null): void {
  if (caseId === null) return;
  if (!(HARDSHIP_AID_TYPES as readonly string[]).includes(type)) {
    throw new CoreError('VALIDATION', `只有${HARDSHIP_AID_TYPES.join('、')}可以关联困难职工档案，${type}不能。`, { field: 'hardshipCaseId' });
  }
  const c = db.sqlite.prepare('SELECT status FROM hardship_cases WHERE id = ?').get(caseId) as { status: HardshipStatus } | undefined;
  if (!c) throw new CoreError('VALIDATION', `困难职工档案 #${caseId} 不存在。`, { field: 'hardshipCaseId' });
  if (!(HARDSHIP_OPEN_STATUSES as readonly string[]).includes(c.status)) {
    throw new CoreError('VALIDATION', `困难职工档案 #${caseId} 已${c.status}，不能再据此发放帮扶；如仍困难，请重新建档。`, { field: 'hardshipCaseId' });
  }
}

// ---------- operations ----------

export const saveRequest: Handler<'spending.save'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const chart = loadChart(db);
  const a = chart.get(input.accountCode);
  if (!a || a.element !== 'expenditure') throw new CoreError('VALIDATION', `支出科目 ${input.accountCode} 不存在或不是支出类科目。`, { field: 'accountCode' });
  if (!a.enabled) throw new CoreError('VALIDATION', `支出科目 ${a.code} ${a.fullName} 未启用。`, { field: 'accountCode' });
  if (!a.leaf) throw new CoreError('VALIDATION', `${a.code} ${a.fullName} 下设有明细科目，请选择末级明细科目。`, { field: 'accountCode' });
  if (input.fundSource === 'upper_earmark' && !input.details.earmarkRef) {
    throw new CoreError('VALIDATION', '上级专项资金须注明专项项目。', { field: 'details.earmarkRef' });
  }
  if (input.payee.kind === 'member') {
    if (input.payee.memberId === undefined) throw new CoreError('VALIDATION', '收款方为会员个人时，请选择会员。', { field: 'payee.memberId' });
    requireMembers(db, [input.payee.memberId]);
  }
  requireMembers(db, input.recipients.map((r) => r.memberId));
  requireAidCase(db, input.type, input.hardshipCaseId);
  const at = ctx.now.toISOString();
  const d = input.collectiveDecision;
  const values = {
    type: input.type,
    purpose: input.purpose,
    request_date: input.date,
    account_code: a.code,
    amount_fen: input.amountFen,
    payee_kind: input.payee.kind,
    payee_name: input.payee.name,
    payee_member_id: input.payee.kind === 'member' ? (input.payee.memberId ?? null) : null,
    payment_method: input.paymentMethod,
    budget_ref: input.budgetRef,
    fund_source: input.fundSource,
    expense_type: input.expenseType,
    details_json: JSON.stringify(input.details),
    decision_minutes_no: d?.minutesNo ?? null,
    decision_date: d?.date ?? null,
    decision_attendees: d?.attendees ?? null,
    decision_votes_for: d?.votesFor ?? null,
    decision_sha256: d?.attachmentSha256 ?? null,
    hardship_case_id: input.hardshipCaseId,
  };
  let id: number;
  let before: SpendingRequestDetail | undefined;
  if (input.id !== undefined) {
    const row = loadRequestRow(db, input.id);
    requireStatus(row, ['draft'], '修改（只有草稿可以修改）');
    if (row.created_by !== me.id) throw new CoreError('FORBIDDEN', '只有申请人本人可以修改草稿。', { field: 'id' });
    before = requestDetail(db, row.id);
    id = row.id;
    db.sqlite
      .prepare(
        `UPDATE spending_requests SET type = @type, purpose = @purpose, request_date = @request_date, account_code = @account_code, amount_fen = @amount_fen,
           payee_kind = @payee_kind, payee_name = @payee_name, payee_member_id = @payee_member_id, payment_method = @payment_method, budget_ref = @budget_ref,
           fund_source = @fund_source, expense_type = @expense_type, details_json = @details_json, decision_minutes_no = @decision_minutes_no,
           decision_date = @decision_date, decision_attendees = @decision_attendees, decision_votes_for = @decision_votes_for, decision_sha256 = @decision_sha256,
           hardship_case_id = @hardship_case_id, updated_at = @at WHERE id = @id`,
      )
      .run({ ...values, at, id });
    db.sqlite.prepare('DELETE FROM spending_recipients WHERE request_id = ?').run(id);
  } else {
    id = Number(
      db.sqlite
        .prepare(
          `INSERT INTO spending_requests (type, purpose, request_date, account_code, amount_fen, payee_kind, payee_name, payee_member_id, payment_method,
             budget_ref, fund_source, expense_type, details_json, decision_minutes_no, decision_date, decision_attendees, decision_votes_for, decision_sha256,
             hardship_case_id, status, created_by, created_at, updated_at)
           VALUES (@type, @purpose, @request_date, @account_code, @amount_fen, @payee_kind, @payee_name, @payee_member_id, @payment_method,
             @budget_ref, @fund_source, @expense_type, @details_json, @decision_minutes_no, @decision_date, @decision_attendees, @decision_votes_for, @decision_sha256,
             @hardship_case_id, 'draft', @me, @at, @at)`,
        )
        .run({ ...values, me: me.id, at }).lastInsertRowid,
    );
  }
  const ins = db.sqlite.prepare('INSERT INTO spending_recipients (request_id, line_no, member_id, amount_fen, item) VALUES (?, ?, ?, ?, ?)');
  input.recipients.forEach((r, i) => ins.run(id, i + 1, r.memberId, r.amountFen, r.item ?? null));
  if (d?.attachmentSha256 !== undefined) requireEvidenceFile(db, id, d.attachmentSha256);
  step(ctx, id, input.id === undefined ? 'create' : 'save', input.id === undefined ? null : 'draft', 'draft');
  const run = runCheck(ctx, loadRequestRow(db, id), 'save');
  const after = requestDetail(db, id);
  ctx.audit({ operation: 'spending.save', entity: 'spending_request', entityId: id, before: before ? auditImage(before) : undefined, after: { ...auditImage(after), check: findingsImage(run) } });
  return after;
};

function requireEvidenceFile(db: SyncDb, requestId: number, sha256: string): void {
  const ok = db.sqlite.prepare("SELECT 1 FROM spending_evidence WHERE request_id = ? AND sha256 = ? AND kind = '会议纪要'").get(requestId, sha256);
  if (!ok) throw new CoreError('VALIDATION', '会议纪要附件须先作为“会议纪要”上传到本申请。', { field: 'collectiveDecision.attachmentSha256' });
}


// The type, size and hash are checked before the transaction (src/main/core/files/attachments.ts).
export const attachEvidence = prepared<'spending.attach'>(async (input) => {
  const file = await checkAttachment(input.filename, input.mimeType, input.base64);
  return (ctx) => {
    const me = requireUser(ctx);
    const { db } = ctx;
    const row = loadRequestRow(db, input.requestId);
    requireStatus(row, ['draft', 'submitted', 'reviewed', 'approved'], '上传附件');
    const { data, sha256, mimeType } = file;
    db.sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha256, data.length, data);
    db.sqlite
      .prepare('INSERT INTO spending_evidence (request_id, kind, sha256, filename, mime_type, pages, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, input.kind, sha256, input.filename, mimeType, input.pages, me.id, ctx.now.toISOString());
    ctx.audit({ operation: 'spending.attach', entity: 'spending_request', entityId: row.id, after: { kind: input.kind, filename: input.filename, sha256, size: data.length, pages: input.pages } });
    return requestDetail(db, row.id);
  };
});

export const submitRequest: Handler<'spending.submit'> = (ctx, input) => {
  const me = requireUser(ctx);
  const row = loadRequestRow(ctx.db, input.requestId);
  requireStatus(row, ['draft'], '提交');
  if (row.created_by !== me.id) throw new CoreError('FORBIDDEN', '只有申请人本人可以提交。', { field: 'requestId' });
  const run = runCheck(ctx, row, 'submit');
  const stop = stopper(ctx.db, row, run, '提交', { approval: false, warningsSettled: false });
  if (stop) {
    ctx.audit({ operation: 'spending.submit', entity: 'spending_request', entityId: row.id, after: { refused: stop.message, check: findingsImage(run) } });
    throw stop;
  }
  setStatus(ctx, row, 'submitted');
  step(ctx, row.id, 'submit', 'draft', 'submitted');
  ctx.audit({ operation: 'spending.submit', entity: 'spending_request', entityId: row.id, before: { status: 'draft' }, after: { status: 'submitted', check: findingsImage(run) } });
  return requestDetail(ctx.db, row.id);
};

export const reviewRequest: Handler<'spending.review'> = (ctx, input) => {
  const me = requireUser(ctx);
  const row = loadRequestRow(ctx.db, input.requestId);
  requireStatus(row, ['submitted'], '审核');
  if (row.created_by === me.id) throw new CoreError('RULE', '不能审核本人提出的支出申请。', { rule: 'CHK-SOD-1：会计基础工作规范 第五十一条(一)（制单、稽核分别签章）' });
  const run = runCheck(ctx, row, 'review');
  const stop = stopper(ctx.db, row, run, '审核', { approval: false, warningsSettled: false });
  if (stop) {
    ctx.audit({ operation: 'spending.review', entity: 'spending_request', entityId: row.id, after: { refused: stop.message, check: findingsImage(run) } });
    throw stop;
  }
  setStatus(ctx, row, 'reviewed');
  step(ctx, row.id, 'review', 'submitted', 'reviewed', input.note ?? null);
  ctx.audit({ operation: 'spending.review', entity: 'spending_request', entityId: row.id, before: { status: 'submitted' }, after: { status: 'reviewed', note: input.note ?? null, check: findingsImage(run) } });
  return requestDetail(ctx.db, row.id);
};

export const overrideWarning: Handler<'spending.override'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const row = loadRequestRow(db, input.requestId);
  requireStatus(row, ['submitted', 'reviewed', 'approved'], '说明理由接受提示');
  if (row.created_by === me.id) throw new CoreError('RULE', '不能为本人提出的支出申请接受提示。', { rule: 'CHK-APP-1：审批人不得审批本人的申请' });
  const run = runCheck(ctx, row, row.status === 'approved' ? 'pay' : 'approve');
  const mine = run.result.findings.filter((f) => f.rule === input.ruleId);
  if (mine.some((f) => f.severity === 'block')) {
    const f = mine.find((x) => x.severity === 'block')!;
    throw new CommittedRefusal('RULE', `${input.ruleId} 是禁止性规则，不能说明理由后放行：${f.message}`, { rule: `${f.rule}：${f.citation}` });
  }
  if (mine.length === 0) throw new CoreError('CONFLICT', `本申请当前没有 ${input.ruleId} 的提示，无需说明理由。`, { field: 'ruleId' });
  if (overridesMap(db, row.id).has(input.ruleId)) throw new CoreError('CONFLICT', `提示 ${input.ruleId} 已由主席说明理由接受。`, { field: 'ruleId' });
  db.sqlite
    .prepare('INSERT INTO spending_overrides (request_id, rule, reason, check_id, user_id, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(row.id, input.ruleId, input.reason, run.checkId, me.id, ctx.now.toISOString());
  ctx.audit({
    operation: 'spending.override',
    entity: 'spending_request',
    entityId: row.id,
    after: { rule: input.ruleId, reason: input.reason, findings: mine.map((f) => f.message), ruleSetVersion: run.result.ruleSetVersion },
  });
  return requestDetail(db, row.id);
};

export const recordDecision: Handler<'spending.recordDecision'> = (ctx, input) => {
  const { db } = ctx;
  const row = loadRequestRow(db, input.requestId);
  requireStatus(row, ['draft', 'submitted', 'reviewed'], '登记集体研究决定');
  const d = input.decision;
  if (d.attachmentSha256 !== undefined) requireEvidenceFile(db, row.id, d.attachmentSha256);
  db.sqlite
    .prepare('UPDATE spending_requests SET decision_minutes_no = ?, decision_date = ?, decision_attendees = ?, decision_votes_for = ?, decision_sha256 = ?, updated_at = ? WHERE id = ?')
    .run(d.minutesNo, d.date, d.attendees ?? null, d.votesFor ?? null, d.attachmentSha256 ?? null, ctx.now.toISOString(), row.id);
  step(ctx, row.id, 'decision', row.status, row.status, `${d.minutesNo}（${d.date}）`);
  ctx.audit({ operation: 'spending.recordDecision', entity: 'spending_request', entityId: row.id, after: { decision: d } });
  return requestDetail(db, row.id);
};

export const approveRequest: Handler<'spending.approve'> = (ctx, input) => {
  const me = requireUser(ctx);
  const row = loadRequestRow(ctx.db, input.requestId);
  requireStatus(row, ['reviewed'], '审批（须先经会计审核）');
  if (row.created_by === me.id) {
    throw new CoreError('RULE', '不能审批本人提出的支出申请，应由其他有审批权的负责人审批或提交工会委员会集体研究。', {
      rule: 'CHK-APP-1：《中国工会章程》第九条(五)；审批人不得审批本人的申请',
    });
  }
  const run = runCheck(ctx, row, 'approve');
  const stop = stopper(ctx.db, row, run, '审批', { approval: true, warningsSettled: true });
  if (stop) {
    ctx.audit({ operation: 'spending.approve', entity: 'spending_request', entityId: row.id, after: { refused: stop.message, check: findingsImage(run) } });
    throw stop;
  }
  setStatus(ctx, row, 'approved');
  step(ctx, row.id, 'approve', 'reviewed', 'approved', input.note ?? null);
  ctx.audit({ operation: 'spending.approve', entity: 'spending_request', entityId: row.id, before: { status: 'reviewed' }, after: { status: 'approved', note: input.note ?? null, check: findingsImage(run) } });
  return requestDetail(ctx.db, row.id);
};

export const rejectRequest: Handler<'spending.reject'> = (ctx, input) => {
  const me = requireUser(ctx);
  const row = loadRequestRow(ctx.db, input.requestId);
  const chair = me.roles.includes('chair');
  requireStatus(row, chair ? ['submitted', 'reviewed', 'approved'] : ['submitted'], '驳回');
  setStatus(ctx, row, 'rejected');
  step(ctx, row.id, 'reject', row.status, 'rejected', input.reason);
  ctx.audit({ operation: 'spending.reject', entity: 'spending_request', entityId: row.id, before: { status: row.status }, after: { status: 'rejected', reason: input.reason } });
  return requestDetail(ctx.db, row.id);
};

export const withdrawRequest: Handler<'spending.withdraw'> = (ctx, input) => {
  const me = requireUser(ctx);
  const row = loadRequestRow(ctx.db, input.requestId);
  requireStatus(row, ['draft', 'submitted', 'reviewed'], '撤回');
  if (row.created_by !== me.id) throw new CoreError('FORBIDDEN', '只有申请人本人可以撤回。', { field: 'requestId' });
  setStatus(ctx, row, 'withdrawn');
  step(ctx, row.id, 'withdraw', row.status, 'withdrawn', input.reason ?? null);
  ctx.audit({ operation: 'spending.withdraw', entity: 'spending_request', entityId: row.id, before: { status: row.status }, after: { status: 'withdrawn', reason: input.reason ?? null } });
  return requestDetail(ctx.db, row.id);
};

export const payRequest: Handler<'spending.pay'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const row = loadRequestRow(db, input.requestId);
  requireStatus(row, ['approved'], '支付（须先经主席审批）');
  const chart = loadChart(db);
  const money = chart.get(input.bankOrCashAccountCode);
  if (!money || !isCashOrBank(money)) throw new CoreError('VALIDATION', `付款科目应为库存现金（101）或银行存款（102）的科目，${input.bankOrCashAccountCode} 不是。`, { field: 'bankOrCashAccountCode' });
  if (!money.enabled) throw new CoreError('VALIDATION', `${money.code} ${money.fullName} 未启用。`, { field: 'bankOrCashAccountCode' });
  if (!money.leaf) throw new CoreError('VALIDATION', `${money.code} ${money.fullName} 下设有明细科目，请选择末级明细科目。`, { field: 'bankOrCashAccountCode' });
  if (row.payment_method === '现金' && !money.code.startsWith('101')) {
    throw new CoreError('VALIDATION', '申请的支付方式为现金，付款科目应为库存现金（101）。', { field: 'bankOrCashAccountCode' });
  }
  const period = assertOpenDate(db, input.date, 'date');
  // Evidence is now required (stage 'pay'); new warnings need the chair's reason like the earlier ones.
  const run = runCheck(ctx, row, 'pay');
  const stop = stopper(db, row, run, '支付', { approval: true, warningsSettled: true });
  if (stop) {
    ctx.audit({ operation: 'spending.pay', entity: 'spending_request', entityId: row.id, after: { refused: stop.message, check: findingsImage(run) } });
    throw stop;
  }
  const d = detailsOf(row);
  const summary = `${row.type}${d.festival ? `（${d.festival}）` : ''}：${row.purpose}`.slice(0, 100);
  const special = row.fund_source === 'upper_earmark';
  const evidence = db.sqlite.prepare('SELECT sha256, filename, mime_type, pages FROM spending_evidence WHERE request_id = ? ORDER BY id').all(row.id) as {
    sha256: string;
    filename: string;
    mime_type: string;
    pages: number;
  }[];
  const pages = evidence.reduce((s, e) => s + e.pages, 0);
  const at = ctx.now.toISOString();
  const voucherId = insertDraft(db, {
    period,
    date: input.date,
    word: '记',
    kind: 'normal',
    preparedBy: me.id,
    at,
    attachments: pages,
    attachmentsNote: `支出申请 #${row.id}`,
    source: spendingSource(row.id),
  });
  const lines: CleanLine[] = [
    {
      summary,
      accountCode: row.account_code,
      debit: row.amount_fen,
      credit: 0,
      fundNature: special ? 'special' : 'general',
      project: special ? (d.earmarkRef ?? null) : null,
      expenseType: row.expense_type,
      counterparty: row.payee_name,
      bankAccount: null,
      custodial: false,
    },
    { summary, accountCode: money.code, debit: 0, credit: row.amount_fen, fundNature: null, project: null, expenseType: null, counterparty: row.payee_name, bankAccount: null, custodial: false },
  ];
  insertLines(db, voucherId, lines);
  const attach = db.sqlite.prepare('INSERT INTO voucher_attachments (voucher_id, sha256, filename, mime_type, pages, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const e of evidence) attach.run(voucherId, e.sha256, e.filename, e.mime_type, e.pages, me.id, at);
  db.sqlite.prepare("UPDATE spending_requests SET status = 'paid', voucher_id = ?, paid_on = ?, updated_at = ? WHERE id = ?").run(voucherId, input.date, at, row.id);
  step(ctx, row.id, 'pay', 'approved', 'paid', `凭证草稿 #${voucherId}，${money.code} ${money.fullName}`);
  const voucher = voucherDetail(ctx, voucherId);
  ctx.audit({
    operation: 'spending.pay',
    entity: 'spending_request',
    entityId: row.id,
    before: { status: 'approved' },
    after: { status: 'paid', voucherId, date: input.date, lines: voucher.lines, check: findingsImage(run) },
  });
  return { request: requestDetail(db, row.id), voucher };
};

export const getRequest: Handler<'spending.get'> = (ctx, input) => requestDetail(ctx.db, input.requestId);

export const listRequests: Handler<'spending.list'> = (ctx, input) => {
  const { db } = ctx;
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (input.status) {
    where.push('q.status = ?');
    params.push(input.status);
  }
  if (input.year !== undefined) {
    where.push('substr(q.request_date, 1, 4) = ?');
    params.push(String(input.year));
  }
  const w = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.sqlite.prepare(`SELECT count(*) AS n FROM spending_requests q ${w}`).get(...params) as { n: number }).n;
  const rows = db.sqlite
    .prepare(`SELECT q.*, u.display_name AS requester FROM spending_requests q JOIN users u ON u.id = q.created_by ${w} ORDER BY q.request_date DESC, q.id DESC LIMIT ? OFFSET ?`)
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as (RequestRow & { requester: string })[];
  const out: SpendingSummary[] = rows.map((r) => {
    const overrides = overridesMap(db, r.id);
    const latest = checkRuns(db, r.id, overrides, true)[0];
    const f = latest?.findings ?? [];
    return {
      id: r.id,
      type: r.type,
      purpose: r.purpose,
      date: r.request_date,
      accountCode: r.account_code,
      amountFen: r.amount_fen,
      payeeName: r.payee_name,
      status: r.status,
      statusLabel: SPENDING_STATUS_LABELS[r.status],
      requester: r.requester,
      blocks: f.filter((x) => x.severity === 'block').length,
      warnings: f.filter((x) => x.severity === 'warn').length,
      unoverriddenWarnings: f.filter((x) => x.severity === 'warn' && !x.overridden).length,
      voucherId: r.voucher_id,
    };
  });
  return { rows: out, total };
};

// ---------- the benefit register ----------

export const benefitRegister: Handler<'spending.benefits'> = (ctx, input) => {
  const { db } = ctx;
  const m = db.sqlite.prepare('SELECT id, name, employee_no FROM members WHERE id = ?').get(input.memberId) as { id: number; name: string; employee_no: string } | undefined;
  if (!m) throw new CoreError('NOT_FOUND', `会员 #${input.memberId} 不存在。`, { field: 'memberId' });
  const y = String(input.year);
  // The preset in force at the end of the year (or today, within the current year).
  const today = ctx.now.toISOString().slice(0, 10);
  const asOf = today.slice(0, 4) === y ? today : `${y}-12-31`;
  const rules = activeRuleSet(db, asOf);
  const got = receivedBy(db, [m.id], null, true).filter((x) => x.row.request_date.slice(0, 4) === y);
  const perYearCap = (key: string): number | null => {
    if (key === 'festival') {
      const c = rules.festival.caps.find((x) => x.scope === 'per_member_per_year');
      return c && c.scope === 'per_member_per_year' ? c.capFen : null;
    }
    return rules.benefits[key as keyof typeof rules.benefits]?.perYearFen ?? null;
  };
  const lines: BenefitLine[] = [];
  for (const key of BENEFIT_KEYS) {
    const mine = got.filter((x) => x.key === key);
    const cap = perYearCap(key);
    const perOccasion = key === 'festival' ? null : (rules.benefits[key]?.perOccasionFen ?? null);
    if (mine.length === 0 && cap === null) continue;
    const received = mine.reduce((s, x) => s + x.recipient.amount_fen, 0);
    lines.push({
      key,
      label: BENEFIT_LABELS[key],
      receivedFen: received,
      count: mine.length,
      capFen: cap,
      remainingFen: cap === null ? null : Math.max(0, cap - received),
      perOccasionFen: perOccasion,
      entries: mine.map((x) => ({
        requestId: x.row.id,
        date: x.row.request_date,
        type: x.row.type,
        festival: x.festival,
        amountFen: x.recipient.amount_fen,
        item: x.recipient.item,
        voucherId: x.row.voucher_id ?? 0,
      })),
    });
  }
  const festivals: { festival: string; receivedFen: number; capFen: number | null; remainingFen: number | null }[] = [];
  const perFestival = rules.festival.caps.find((c) => c.scope === 'per_festival');
  const names = new Set(got.filter((x) => x.festival !== null).map((x) => x.festival!));
  if (perFestival && perFestival.scope === 'per_festival') for (const f of Object.keys(perFestival.caps)) names.add(f);
  for (const f of names) {
    const received = got.filter((x) => x.festival === f).reduce((s, x) => s + x.recipient.amount_fen, 0);
    const cap = perFestival && perFestival.scope === 'per_festival' ? (perFestival.caps[f] ?? perFestival.otherFen) : null;
    festivals.push({ festival: f, receivedFen: received, capFen: cap, remainingFen: cap === null ? null : Math.max(0, cap - received) });
  }
  return {
    memberId: m.id,
    name: m.name,
    employeeNo: m.employee_no,
    year: input.year,
    presetId: presetIdOf(db),
    ruleSetVersion: ruleSetVersionOf(rules),
    lines,
    festivals,
    totalFen: got.reduce((s, x) => s + x.recipient.amount_fen, 0),
  };
};

// ---------- settings ----------

export const getSpendingSettings: Handler<'spending.settings.get'> = (ctx) => readSpendingSettings(ctx.db);

export const updateSpendingSettings: Handler<'spending.settings.update'> = (ctx, input) => {
  const before = readSpendingSettings(ctx.db);
  const at = ctx.now.toISOString();
  ctx.db.sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(SPENDING_SETTINGS_KEY, JSON.stringify(input), at);
  const after = readSpendingSettings(ctx.db);
  ctx.audit({ operation: 'spending.settings.update', entity: 'settings', entityId: SPENDING_SETTINGS_KEY, before, after });
  return after;
};
