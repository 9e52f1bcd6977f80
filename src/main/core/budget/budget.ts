// Budgets (预算): versions, lines, the approval chain, execution (预算执行) and final accounts (决算).
// review-and-disclosure.md §5–§6; scenario S1. The handlers run inside the call's transaction; the
// database triggers of migration 0005 refuse any change to an approved version.
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import { requireUser } from '../context';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import type { AccountInfo } from '../../contract/books';
import {
  BUDGET_DECISION_LABELS,
  BUDGET_STAGE_LABELS,
  BUDGET_STAGES,
  budgetSettingsSchema,
  type BudgetApprovalView,
  type BudgetDecision,
  type BudgetExecution,
  type BudgetLineKey,
  type BudgetLineView,
  type BudgetRate,
  type BudgetRoom,
  type BudgetSettings,
  type BudgetStage,
  type BudgetStatus,
  type BudgetVersionSummary,
  type BudgetView,
  type BudgetWarning,
  type ExecutionLine,
  type ExecutionTotal,
  type FinalAccounts,
} from '../../contract/budget';
import { elementOf, firstLevelActuals, fundsAt, lineActuals } from './actuals';
import { firstFiscalYear, lastDayOf, unionName } from '../ledger/common';
import { isValidDate } from '../books/periods';
import { formatYuan } from '../../contract/money';

// ---------- settings (own keys in the settings table; defaults from the domain reference) ----------

export const DEFAULT_BUDGET_SETTINGS: BudgetSettings = {
  requiredStages: [...BUDGET_STAGES], // ◐ 河南 实施办法 第三条: committee, 经审会, upper level
  nearWarnBp: 9_000, // warn at 90 %
  maxAdjustments: 1, // ◐ Anhui 2025: at most one adjustment a year
};
const SETTING_KEYS: Record<keyof BudgetSettings, string> = {
  requiredStages: 'budget.requiredStages',
  nearWarnBp: 'budget.nearWarnBp',
  maxAdjustments: 'budget.maxAdjustments',
};

export function readBudgetSettings(db: SyncDb): BudgetSettings {
  const merged: Record<string, unknown> = { ...DEFAULT_BUDGET_SETTINGS };
  const rows = db.sqlite.prepare(`SELECT key, value FROM settings WHERE key LIKE 'budget.%'`).all() as { key: string; value: string }[];
  for (const [field, key] of Object.entries(SETTING_KEYS)) {
    const r = rows.find((x) => x.key === key);
    if (r) merged[field] = JSON.parse(r.value);
  }
  const parsed = budgetSettingsSchema.safeParse(merged);
  return parsed.success ? sortStages(parsed.data) : DEFAULT_BUDGET_SETTINGS;
}

function sortStages(s: BudgetSettings): BudgetSettings {
  return { ...s, requiredStages: BUDGET_STAGES.filter((x) => s.requiredStages.includes(x)) };
}

export const getBudgetSettings: Handler<'budget.settings.get'> = (ctx) => readBudgetSettings(ctx.db);

export const updateBudgetSettings: Handler<'budget.settings.update'> = (ctx, input) => {
  const before = readBudgetSettings(ctx.db);
  const next = sortStages(input);
  const stmt = ctx.db.sqlite.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  for (const [field, key] of Object.entries(SETTING_KEYS) as [keyof BudgetSettings, string][]) stmt.run(key, JSON.stringify(next[field]), ctx.now.toISOString());
  const after = readBudgetSettings(ctx.db);
  ctx.audit({ operation: 'budget.settings.update', entity: 'settings', entityId: 'budget', before, after });
  return after;
};

// ---------- rows ----------

interface VersionRow {
  id: number;
  year: number;
  version: number;
  status: BudgetStatus;
  reason: string | null;
  effective_date: string | null;
  created_at: string;
}
interface LineRow {
  line_no: number;
  account_code: string;
  expense_type: 'basic' | 'project' | null;
  project: string | null;
  amount_fen: number;
  note: string | null;
}
interface ApprovalRow {
  id: number;
  stage: BudgetStage;
  decision: BudgetDecision;
  decided_on: string;
  document_no: string;
  attachment_sha256: string | null;
  note: string | null;
  recorded_by: string;
  recorded_at: string;
}

function versions(db: SyncDb, year: number): VersionRow[] {
  return db.sqlite.prepare('SELECT * FROM budget_versions WHERE year = ? ORDER BY version').all(year) as VersionRow[];
}
function linesOf(db: SyncDb, versionId: number): LineRow[] {
  return db.sqlite.prepare('SELECT line_no, account_code, expense_type, project, amount_fen, note FROM budget_lines WHERE version_id = ? ORDER BY line_no').all(versionId) as LineRow[];
}
function approvalsOf(db: SyncDb, versionId: number): ApprovalRow[] {
  return db.sqlite
    .prepare(
      `SELECT a.id, a.stage, a.decision, a.decided_on, a.document_no, a.attachment_sha256, a.note, coalesce(u.display_name, u.username, '') AS recorded_by, a.recorded_at
       FROM budget_approvals a LEFT JOIN users u ON u.id = a.recorded_by WHERE a.version_id = ? ORDER BY a.decided_on, a.id`,
    )
    .all(versionId) as ApprovalRow[];
}

export const versionLabel = (v: number): string => (v === 0 ? '年初预算' : `第${v}次调整`);
const keyOf = (r: LineRow): BudgetLineKey => ({ accountCode: r.account_code, expenseType: r.expense_type, project: r.project });

function dimsText(k: BudgetLineKey): string {
  const parts: string[] = [];
  if (k.expenseType) parts.push(k.expenseType === 'basic' ? '基本支出' : '项目支出');
  if (k.project) parts.push(k.project);
  return parts.length > 0 ? `（${parts.join('·')}）` : '';
}
export function lineLabel(chart: Map<string, AccountInfo>, k: BudgetLineKey): string {
  return `${chart.get(k.accountCode)?.fullName ?? k.accountCode}${dimsText(k)}`;
}

/** The stages still needing an approving record (the latest record of each stage decides). */
function missingStages(required: readonly BudgetStage[], approvals: readonly ApprovalRow[]): BudgetStage[] {
  return required.filter((stage) => {
    const last = approvals.filter((a) => a.stage === stage).at(-1);
    return !last || last.decision === 'returned';
  });
}

function requireVersion(db: SyncDb, year: number, version: number): VersionRow {
  const v = versions(db, year).find((x) => x.version === version);
  if (!v) throw new CoreError('NOT_FOUND', `${year}年度没有预算版本 ${version}（${versionLabel(version)}）。`, { field: 'version' });
  return v;
}

/** Actual of each line over the whole of `year`; null before the books began. */
function yearActuals(db: SyncDb, keys: BudgetLineKey[], year: number): number[] | null {
  const first = firstFiscalYear(db);
  if (first === null || year < first) return null;
  return lineActuals(db, keys, `${year}-01-01`, `${year}-12-31`);
}

export function budgetView(db: SyncDb, year: number, version?: number, approvalsWithdrawn = 0): BudgetView {
  const all = versions(db, year);
  const settings = readBudgetSettings(db);
  const summaries: BudgetVersionSummary[] = all.map((v) => ({ version: v.version, label: versionLabel(v.version), status: v.status, reason: v.reason, effectiveDate: v.effective_date }));
  const v = version === undefined ? all.at(-1) : requireVersion(db, year, version);
  if (!v) {
    return {
      year, version: null, label: versionLabel(0), status: null, reason: null, effectiveDate: null, lines: [],
      totals: { revenueFen: 0, expenditureFen: 0, previousRevenueFen: null, previousExpenditureFen: null },
      approvals: [], requiredStages: settings.requiredStages, missingStages: settings.requiredStages, versions: summaries, approvalsWithdrawn,
    };
  }
  const chart = loadChart(db);
  const rows = linesOf(db, v.id);
  const prev = yearActuals(db, rows.map(keyOf), year - 1);
  const lines: BudgetLineView[] = rows.map((r, i) => ({
    lineNo: r.line_no,
    ...keyOf(r),
    accountName: chart.get(r.account_code)?.name ?? r.account_code,
    label: lineLabel(chart, keyOf(r)),
    element: elementOf(r.account_code),
    amountFen: r.amount_fen,
    note: r.note,
    previousActualFen: prev ? prev[i]! : null,
  }));
  const sum = (el: 'revenue' | 'expenditure', f: (l: BudgetLineView) => number) => lines.filter((l) => l.element === el).reduce((s, l) => s + f(l), 0);
  // 上年决算数 totals: the whole 02表 totals of last year, not only the budgeted lines.
  const prevTotals = prevYearTotals(db, chart, year - 1);
  const approvals = approvalsOf(db, v.id);
  return {
    year,
    version: v.version,
    label: versionLabel(v.version),
    status: v.status,
    reason: v.reason,
    effectiveDate: v.effective_date,
    lines,
    totals: {
      revenueFen: sum('revenue', (l) => l.amountFen),
      expenditureFen: sum('expenditure', (l) => l.amountFen),
      previousRevenueFen: prevTotals?.revenue ?? null,
      previousExpenditureFen: prevTotals?.expenditure ?? null,
    },
    approvals: approvals.map(approvalView),
    requiredStages: settings.requiredStages,
    missingStages: v.status === 'approved' ? [] : missingStages(settings.requiredStages, approvals),
    versions: summaries,
    approvalsWithdrawn,
  };
}

function approvalView(a: ApprovalRow): BudgetApprovalView {
  return {
    id: a.id,
    stage: a.stage,
    stageLabel: BUDGET_STAGE_LABELS[a.stage],
    decision: a.decision,
    decisionLabel: BUDGET_DECISION_LABELS[a.decision],
    date: a.decided_on,
    documentNo: a.document_no,
    attachmentSha256: a.attachment_sha256,
    note: a.note,
    recordedBy: a.recorded_by,
    recordedAt: a.recorded_at,
  };
}

function topLevel(chart: Map<string, AccountInfo>, prefix: '4' | '5'): string[] {
  return [...chart.values()].filter((a) => a.parentCode === null && a.code.startsWith(prefix)).map((a) => a.code);
}

function prevYearTotals(db: SyncDb, chart: Map<string, AccountInfo>, year: number): { revenue: number; expenditure: number } | null {
  const first = firstFiscalYear(db);
  if (first === null || year < first) return null;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const total = (p: '4' | '5') => [...firstLevelActuals(db, topLevel(chart, p), from, to).values()].reduce((s, n) => s + n, 0);
  return { revenue: total('4'), expenditure: total('5') };
}

export const getBudget: Handler<'budget.get'> = (ctx, input) => budgetView(ctx.db, input.year, input.version);

// ---------- drafting ----------

function overlaps(a: BudgetLineKey, b: BudgetLineKey): boolean {
  const related = a.accountCode.startsWith(b.accountCode) || b.accountCode.startsWith(a.accountCode);
  const dim = <T>(x: T | null, y: T | null) => x === null || y === null || x === y;
  return related && dim(a.expenseType, b.expenseType) && dim(a.project, b.project);
}

export const saveDraft: Handler<'budget.saveDraft'> = (ctx, input) => {
  const user = requireUser(ctx);
  const chart = loadChart(ctx.db);
  const keys: BudgetLineKey[] = input.lines.map((l, i) => {
    const a = chart.get(l.accountCode);
    const field = `lines.${i}.accountCode`;
    if (!a) throw new CoreError('NOT_FOUND', `第 ${i + 1} 行：会计科目 ${l.accountCode} 不存在。`, { field });
    if (a.element !== 'revenue' && a.element !== 'expenditure') throw new CoreError('VALIDATION', `第 ${i + 1} 行：${a.code} ${a.name} 不是收入或支出科目。`, { field });
    if (!a.enabled) throw new CoreError('VALIDATION', `第 ${i + 1} 行：科目 ${a.code} ${a.name} 未启用。`, { field });
    const expenseType = l.expenseType ?? null;
    if (expenseType !== null && a.element !== 'expenditure') {
      throw new CoreError('VALIDATION', `第 ${i + 1} 行：基本支出/项目支出只用于支出科目，${a.code} ${a.name} 是收入科目。`, { field: `lines.${i}.expenseType` });
    }
    return { accountCode: a.code, expenseType, project: l.project ?? null };
  });
  for (let i = 0; i < keys.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(keys[i]!, keys[j]!)) {
        throw new CoreError(
          'VALIDATION',
          `第 ${i + 1} 行（${lineLabel(chart, keys[i]!)}）与第 ${j + 1} 行（${lineLabel(chart, keys[j]!)}）重叠：同一科目及其上下级只能预算一次，除非按基本/项目支出或项目分开。`,
          { field: `lines.${i}.accountCode` },
        );
      }
    }
  }

  const all = versions(ctx.db, input.year);
  let v = all.at(-1);
  if (v && v.status === 'approved') {
    throw new CoreError('CONFLICT', `${input.year}年度${versionLabel(v.version)}已批准，不得修改；如需变更，请编制预算调整（未经规定程序批准不得变更，总工发〔2009〕38号）。`);
  }
  const before = v ? { version: v.version, lines: linesOf(ctx.db, v.id) } : null;
  if (!v) {
    const id = Number(
      ctx.db.sqlite
        .prepare(`INSERT INTO budget_versions (year, version, status, created_by, created_at) VALUES (?, 0, 'draft', ?, ?)`)
        .run(input.year, user.id, ctx.now.toISOString()).lastInsertRowid,
    );
    v = { id, year: input.year, version: 0, status: 'draft', reason: null, effective_date: null, created_at: ctx.now.toISOString() };
  }
  // Changed lines withdraw the approvals recorded for the old ones (they approved other figures).
  const oldLines = linesOf(ctx.db, v.id);
  const newLines: LineRow[] = input.lines.map((l, i) => ({ line_no: i + 1, ...rowKey(keys[i]!), amount_fen: l.amountFen, note: l.note ?? null }));
  const changed = JSON.stringify(oldLines) !== JSON.stringify(newLines);
  let withdrawn = 0;
  if (changed) {
    withdrawn = Number(ctx.db.sqlite.prepare('DELETE FROM budget_approvals WHERE version_id = ?').run(v.id).changes);
    ctx.db.sqlite.prepare('DELETE FROM budget_lines WHERE version_id = ?').run(v.id);
    const ins = ctx.db.sqlite.prepare(
      'INSERT INTO budget_lines (version_id, line_no, account_code, expense_type, project, amount_fen, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const l of newLines) ins.run(v.id, l.line_no, l.account_code, l.expense_type, l.project, l.amount_fen, l.note);
  }
  ctx.audit({ operation: 'budget.saveDraft', entity: 'budget', entityId: `${input.year}/${v.version}`, before, after: { version: v.version, lines: newLines, approvalsWithdrawn: withdrawn } });
  return budgetView(ctx.db, input.year, v.version, withdrawn);
};

const rowKey = (k: BudgetLineKey) => ({ account_code: k.accountCode, expense_type: k.expenseType, project: k.project });

export const startAdjustment: Handler<'budget.startAdjustment'> = (ctx, input) => {
  const user = requireUser(ctx);
  const all = versions(ctx.db, input.year);
  const last = all.at(-1);
  if (!last) throw new CoreError('CONFLICT', `${input.year}年度还没有预算，请先编制年初预算。`, { field: 'year' });
  if (last.status !== 'approved') throw new CoreError('CONFLICT', `${input.year}年度${versionLabel(last.version)}尚未批准，请先完成审批或继续修改该草稿。`, { field: 'year' });
  const max = readBudgetSettings(ctx.db).maxAdjustments;
  if (last.version >= max) {
    throw new CoreError('RULE', `${input.year}年度已调整 ${last.version} 次，每年最多调整 ${max} 次（系统设置）。`, { field: 'year', rule: '预算调整次数（◐ 安徽 2025：每年一次）' });
  }
  const version = last.version + 1;
  const id = Number(
    ctx.db.sqlite
      .prepare(`INSERT INTO budget_versions (year, version, status, reason, created_by, created_at) VALUES (?, ?, 'draft', ?, ?, ?)`)
      .run(input.year, version, input.reason, user.id, ctx.now.toISOString()).lastInsertRowid,
  );
  ctx.db.sqlite
    .prepare(
      `INSERT INTO budget_lines (version_id, line_no, account_code, expense_type, project, amount_fen, note)
       SELECT ?, line_no, account_code, expense_type, project, amount_fen, note FROM budget_lines WHERE version_id = ? ORDER BY line_no`,
    )
    .run(id, last.id);
  ctx.audit({ operation: 'budget.startAdjustment', entity: 'budget', entityId: `${input.year}/${version}`, after: { version, reason: input.reason, copiedFrom: last.version } });
  return budgetView(ctx.db, input.year, version);
};

// ---------- approvals ----------

export const recordApproval: Handler<'budget.recordApproval'> = (ctx, input) => {
  const user = requireUser(ctx);
  if (!isValidDate(input.date)) throw new CoreError('VALIDATION', `日期 ${input.date} 不存在。`, { field: 'date' });
  const v = requireVersion(ctx.db, input.year, input.version);
  if (v.status === 'approved') throw new CoreError('CONFLICT', `${input.year}年度${versionLabel(v.version)}已批准，不能再登记审批。`);
  if (linesOf(ctx.db, v.id).length === 0) throw new CoreError('CONFLICT', '预算草稿还没有明细，不能报审。');
  const today = new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  if (input.date > today) throw new CoreError('VALIDATION', `审批日期 ${input.date} 晚于今天。`, { field: 'date' });
  // The chain runs in order: each earlier stage the settings require must have agreed first, and no earlier.
  const required = readBudgetSettings(ctx.db).requiredStages;
  const approvals = approvalsOf(ctx.db, v.id);
  const idx = BUDGET_STAGES.indexOf(input.stage);
  for (const earlier of BUDGET_STAGES.slice(0, idx)) {
    if (!required.includes(earlier)) continue;
    const last = approvals.filter((a) => a.stage === earlier).at(-1);
    if (!last || last.decision === 'returned') {
      throw new CoreError('RULE', `请先登记${BUDGET_STAGE_LABELS[earlier]}的审查意见，再登记${BUDGET_STAGE_LABELS[input.stage]}。`, {
        field: 'stage',
        rule: '审批顺序：工会委员会 → 经费审查委员会 → 上级工会（◐ 河南 实施办法 第三条）',
      });
    }
    if (last.decided_on > input.date) {
      throw new CoreError('VALIDATION', `${BUDGET_STAGE_LABELS[input.stage]}的日期 ${input.date} 早于${BUDGET_STAGE_LABELS[earlier]}的日期 ${last.decided_on}。`, { field: 'date' });
    }
  }
  if (input.decision === 'filed' && input.stage !== 'upper') throw new CoreError('VALIDATION', '“备案”只用于上级工会环节。', { field: 'decision' });
  const id = Number(
    ctx.db.sqlite
      .prepare(
        `INSERT INTO budget_approvals (version_id, stage, decision, decided_on, document_no, attachment_sha256, note, recorded_by, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.id, input.stage, input.decision, input.date, input.documentNo, input.attachmentSha256 ?? null, input.note ?? null, user.id, ctx.now.toISOString()).lastInsertRowid,
  );
  ctx.audit({ operation: 'budget.recordApproval', entity: 'budget_approval', entityId: id, after: { year: input.year, version: v.version, stage: input.stage, decision: input.decision, date: input.date, documentNo: input.documentNo, attachmentSha256: input.attachmentSha256 ?? null } });
  return budgetView(ctx.db, input.year, v.version);
};

export const approveBudget: Handler<'budget.approve'> = (ctx, input) => {
  const user = requireUser(ctx);
  const v = requireVersion(ctx.db, input.year, input.version);
  if (v.status === 'approved') throw new CoreError('CONFLICT', `${input.year}年度${versionLabel(v.version)}已批准。`);
  const required = readBudgetSettings(ctx.db).requiredStages;
  const approvals = approvalsOf(ctx.db, v.id);
  const missing = missingStages(required, approvals);
  if (missing.length > 0) {
    throw new CoreError('RULE', `预算尚缺以下审批：${missing.map((s) => BUDGET_STAGE_LABELS[s]).join('、')}，不能批准。`, {
      rule: '基层工会经费年度收支预算（含调整预算）需经同级工会委员会和工会经费审查委员会审查同意，并报上级主管工会批准（◐ 河南 实施办法 第三条）',
    });
  }
  const effective = approvals.filter((a) => required.includes(a.stage) && a.decision !== 'returned').reduce((m, a) => (a.decided_on > m ? a.decided_on : m), '');
  ctx.db.sqlite
    .prepare(`UPDATE budget_versions SET status = 'approved', effective_date = ?, approved_by = ?, approved_at = ? WHERE id = ?`)
    .run(effective, user.id, ctx.now.toISOString(), v.id);
  ctx.audit({ operation: 'budget.approve', entity: 'budget', entityId: `${input.year}/${v.version}`, after: { effectiveDate: effective, lines: linesOf(ctx.db, v.id) } });
  return budgetView(ctx.db, input.year, v.version);
};

// ---------- execution and final accounts ----------

/** The approved version in force on `date`: the latest one effective by then, else the first approved. */
function versionInForce(db: SyncDb, year: number, date: string | null): VersionRow | null {
  const approved = versions(db, year).filter((v) => v.status === 'approved');
  if (approved.length === 0) return null;
  if (date === null) return approved.at(-1)!;
  return approved.filter((v) => v.effective_date! <= date).at(-1) ?? approved[0]!;
}

/** actual ÷ budget in basis points, half away from zero, on integers. */
export function rateOf(actual: number, budget: number): BudgetRate {
  if (budget === 0) return { rateBp: null, rateText: '—' };
  const num = BigInt(actual) * 10_000n;
  const den = BigInt(budget);
  const neg = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const b = den < 0n ? -den : den;
  const q = Number((a * 2n + b) / (2n * b));
  const bp = neg ? -q : q;
  return { rateBp: bp, rateText: formatBp(bp) };
}
export function formatBp(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const n = Math.abs(bp);
  return `${sign}${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}%`;
}

function resolveAsOf(year: number, asOf: string | undefined): string {
  const raw = asOf ?? `${year}-12`;
  const date = raw.length === 7 ? lastDayOf(raw) : raw;
  if (!isValidDate(date)) throw new CoreError('VALIDATION', `日期 ${raw} 不存在。`, { field: 'asOf' });
  if (date.slice(0, 4) !== String(year)) throw new CoreError('VALIDATION', `截止日期 ${raw} 不在 ${year} 年度内。`, { field: 'asOf' });
  return date;
}

function execution(db: SyncDb, year: number, asOf: string, v: VersionRow): BudgetExecution {
  const chart = loadChart(db);
  const settings = readBudgetSettings(db);
  const rows = linesOf(db, v.id);
  const keys = rows.map(keyOf);
  const from = `${year}-01-01`;
  const actuals = lineActuals(db, keys, from, asOf);
  const lines: ExecutionLine[] = rows.map((r, i) => {
    const actualFen = actuals[i]!;
    const element = elementOf(r.account_code);
    const rate = rateOf(actualFen, r.amount_fen);
    let warning: ExecutionLine['warning'] = null;
    if (element === 'expenditure') {
      if (actualFen > r.amount_fen) warning = 'over';
      else if (actualFen * 10_000 >= r.amount_fen * settings.nearWarnBp && actualFen > 0) warning = 'near';
    }
    return {
      lineNo: r.line_no,
      ...keyOf(r),
      accountName: chart.get(r.account_code)?.name ?? r.account_code,
      label: lineLabel(chart, keyOf(r)),
      element,
      budgetFen: r.amount_fen,
      actualFen,
      remainingFen: r.amount_fen - actualFen,
      ...rate,
      warning,
    };
  });
  // Accounts with actuals outside every budget line (by first-level account), so totals equal the 02表.
  const tops = [...topLevel(chart, '4'), ...topLevel(chart, '5')];
  const topActuals = firstLevelActuals(db, tops, from, asOf);
  for (const top of tops) {
    const covered = lines.filter((l) => l.accountCode.startsWith(top)).reduce((s, l) => s + l.actualFen, 0);
    const rest = topActuals.get(top)! - covered;
    if (rest === 0) continue;
    const a = chart.get(top)!;
    lines.push({
      lineNo: null, accountCode: top, expenseType: null, project: null, accountName: a.name, label: `${a.name}（未列入预算）`,
      element: elementOf(top), budgetFen: 0, actualFen: rest, remainingFen: -rest, ...rateOf(rest, 0),
      warning: elementOf(top) === 'expenditure' && rest > 0 ? 'unbudgeted' : null,
    });
  }
  lines.sort((a, b) => (a.accountCode === b.accountCode ? (a.lineNo ?? 1e9) - (b.lineNo ?? 1e9) : a.accountCode < b.accountCode ? -1 : 1));
  const total = (el: 'revenue' | 'expenditure'): ExecutionTotal => {
    const ls = lines.filter((l) => l.element === el);
    const budgetFen = ls.reduce((s, l) => s + l.budgetFen, 0);
    const actualFen = ls.reduce((s, l) => s + l.actualFen, 0);
    return { budgetFen, actualFen, remainingFen: budgetFen - actualFen, ...rateOf(actualFen, budgetFen) };
  };
  const revenue = total('revenue');
  const expenditure = total('expenditure');
  const yuan = (f: number) => formatYuan(f, { thousands: false });
  const warnings: BudgetWarning[] = lines
    .filter((l) => l.warning !== null)
    .map((l) => ({
      lineNo: l.lineNo,
      accountCode: l.accountCode,
      level: l.warning!,
      message:
        l.warning === 'over'
          ? `${l.label}：已支出 ${yuan(l.actualFen)} 元，超出预算 ${yuan(-l.remainingFen)} 元（预算 ${yuan(l.budgetFen)} 元，执行率 ${l.rateText}）。`
          : l.warning === 'near'
            ? `${l.label}：已支出 ${yuan(l.actualFen)} 元，达到预算的 ${l.rateText}（预警线 ${formatBp(settings.nearWarnBp)}），尚余 ${yuan(l.remainingFen)} 元。`
            : `${l.label}：支出 ${yuan(l.actualFen)} 元未列入预算。`,
    }));
  return {
    unionName: unionName(db),
    year,
    asOf,
    budgetVersion: v.version,
    budgetLabel: versionLabel(v.version),
    lines,
    totals: { revenue, expenditure, surplusBudgetFen: revenue.budgetFen - expenditure.budgetFen, surplusActualFen: revenue.actualFen - expenditure.actualFen },
    warnings,
    nearWarnBp: settings.nearWarnBp,
  };
}

function requireApproved(db: SyncDb, year: number, date: string | null): VersionRow {
  const v = versionInForce(db, year, date);
  if (!v) throw new CoreError('NOT_FOUND', `${year}年度没有已批准的预算。`, { field: 'year' });
  return v;
}

export const budgetExecution: Handler<'budget.execution'> = (ctx, input) => {
  const asOf = resolveAsOf(input.year, input.asOf);
  return execution(ctx.db, input.year, asOf, requireApproved(ctx.db, input.year, asOf));
};

export function finalAccounts(db: SyncDb, year: number): FinalAccounts {
  const v = requireApproved(db, year, null);
  const e = execution(db, year, `${year}-12-31`, v);
  const openingFundsFen = fundsAt(db, `${year - 1}-12`);
  return { ...e, openingFundsFen, closingFundsFen: fundsAt(db, `${year}-12`) };
}

export const budgetFinalAccounts: Handler<'budget.finalAccounts'> = (ctx, input) => finalAccounts(ctx.db, input.year);

// ---------- for spending (issue 5) ----------

/**
 * Room left on the budget line that covers `accountCode` on `date`: the approved version in force
 * that day, its deepest line(s) on the account or an ancestor (lines split by 基本/项目 or project
 * are added together), and what was spent on them from 1 January to `date` (posted vouchers,
 * closing vouchers excluded). null: no approved budget for the year, or no line covers the account.
 */
export function budgetRoom(db: SyncDb, year: number, accountCode: string, date: string): BudgetRoom | null {
  const v = versionInForce(db, year, date);
  if (!v) return null;
  const rows = linesOf(db, v.id).filter((r) => accountCode.startsWith(r.account_code));
  if (rows.length === 0) return null;
  const deepest = rows.reduce((m, r) => (r.account_code.length > m ? r.account_code.length : m), 0);
  const mine = rows.filter((r) => r.account_code.length === deepest);
  const budgetFen = mine.reduce((s, r) => s + r.amount_fen, 0);
  const to = date < `${year}-01-01` ? `${year}-01-01` : date > `${year}-12-31` ? `${year}-12-31` : date;
  const usedFen = lineActuals(db, mine.map(keyOf), `${year}-01-01`, to).reduce((s, n) => s + n, 0);
  return { budgetFen, usedFen, remainingFen: budgetFen - usedFen };
}

