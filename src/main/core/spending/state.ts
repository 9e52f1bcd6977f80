// The compliance engine's inputs computed from the database (issue 5): the rule set in force on the
// request's date (union_profile.province_preset + the administrator's overrides), and the LedgerState
// at the request's date — member statuses, what each recipient already received this year, the year's
// dues income, outing top-ups, festival totals, and the budget room of the line the request draws on.
import type { SyncDb } from '../db/sync-db';
import type { MemberStatus, EmploymentType } from '../../contract/members';
import type { SpendingDetails, SpendingSettings } from '../../contract/spending';
import { CoreError } from '../errors';
import { getRuleSet, PresetError, type SettingsOverride } from './presets';
import { benefitKeyOf } from './engine';
import { budgetLineFor } from './budget-link';
import { allPresetVersions } from './rule-versions';
import type { BenefitKey, CheckStage, EvidenceKind, LedgerState, MemberState, PaymentMethod, RuleSet, SpendingRequest, SpendingType, Tally } from './model';

// ---------- rows ----------

export interface RequestRow {
  id: number;
  type: SpendingType;
  purpose: string;
  request_date: string;
  account_code: string;
  amount_fen: number;
  payee_kind: 'member' | 'supplier' | 'organisation' | 'employer';
  payee_name: string;
  payee_member_id: number | null;
  payment_method: PaymentMethod;
  budget_ref: string | null;
  fund_source: 'own' | 'upper_earmark';
  expense_type: 'basic' | 'project';
  details_json: string;
  decision_minutes_no: string | null;
  decision_date: string | null;
  decision_attendees: number | null;
  decision_votes_for: number | null;
  decision_sha256: string | null;
  status: 'draft' | 'submitted' | 'reviewed' | 'approved' | 'paid' | 'rejected' | 'withdrawn';
  created_by: number;
  created_at: string;
  updated_at: string;
  paid_on: string | null;
  voucher_id: number | null;
  /** 0007: the hardship case of an aid request; the batch that prepared the request. */
  hardship_case_id: number | null;
  batch_kind: 'festival_all_active' | 'birthday_month' | 'retiree_visit' | null;
  batch_month: number | null;
}

export interface RecipientRow {
  request_id: number;
  line_no: number;
  member_id: number;
  amount_fen: number;
  item: string | null;
}

export function loadRequestRow(db: SyncDb, id: number): RequestRow {
  const row = db.sqlite.prepare('SELECT * FROM spending_requests WHERE id = ?').get(id) as RequestRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `支出申请 #${id} 不存在。`, { field: 'requestId' });
  return row;
}

export function recipientsOf(db: SyncDb, id: number): RecipientRow[] {
  return db.sqlite.prepare('SELECT * FROM spending_recipients WHERE request_id = ? ORDER BY line_no').all(id) as RecipientRow[];
}

export function evidenceKindsOf(db: SyncDb, id: number): EvidenceKind[] {
  return (db.sqlite.prepare('SELECT DISTINCT kind FROM spending_evidence WHERE request_id = ?').all(id) as { kind: EvidenceKind }[]).map((r) => r.kind);
}

export const detailsOf = (row: Pick<RequestRow, 'details_json'>): SpendingDetails => JSON.parse(row.details_json) as SpendingDetails;

/** The engine's view of a stored request. `budgetLineId` is decided by the caller (see ledgerStateFor). */
export function toEngineRequest(
  row: RequestRow,
  recipients: readonly RecipientRow[],
  evidence: readonly EvidenceKind[],
  stage: CheckStage,
  budgetLineId: string | null,
): SpendingRequest {
  const d = detailsOf(row);
  const r: SpendingRequest = {
    type: row.type,
    date: row.request_date,
    stage,
    account: row.account_code,
    amountFen: row.amount_fen,
    payee: { kind: row.payee_kind, name: row.payee_name, ...(row.payee_member_id !== null ? { memberId: String(row.payee_member_id) } : {}) },
    paymentMethod: row.payment_method,
    budgetLineId,
    fundSource: row.fund_source,
    recipients: recipients.map((x) => ({ memberId: String(x.member_id), amountFen: x.amount_fen, ...(x.item !== null ? { item: x.item } : {}) })),
    evidence: [...evidence],
    collectiveDecision:
      row.decision_minutes_no !== null && row.decision_date !== null
        ? {
            minutesNo: row.decision_minutes_no,
            date: row.decision_date,
            ...(row.decision_attendees !== null ? { attendees: row.decision_attendees } : {}),
            ...(row.decision_votes_for !== null ? { votesFor: row.decision_votes_for } : {}),
          }
        : null,
    description: row.purpose,
  };
  if (d.benefitForm !== undefined) r.benefitForm = d.benefitForm;
  if (d.earmarkRef !== undefined) r.earmarkRef = d.earmarkRef;
  if (d.activityRef !== undefined) r.activityRef = d.activityRef;
  if (d.keywords !== undefined) r.keywords = d.keywords;
  if (d.festival !== undefined) r.festival = d.festival;
  if (d.hospital !== undefined) r.hospital = { surgery: d.hospital.surgery, ...(d.hospital.illness !== undefined ? { illness: d.hospital.illness } : {}) };
  if (d.death !== undefined) r.death = d.death;
  if (d.outing !== undefined) {
    const o = d.outing;
    r.outing = {
      days: o.days,
      destination: o.destination,
      topUpFen: o.topUpFen,
      ...(o.mealFenPerPersonPerDay !== undefined ? { mealFenPerPersonPerDay: o.mealFenPerPersonPerDay } : {}),
      ...(o.bannedScenicArea !== undefined ? { bannedScenicArea: o.bannedScenicArea } : {}),
    };
  }
  if (d.competition !== undefined) {
    r.competition = {
      participants: d.competition.participants,
      tiers: d.competition.tiers.map((t) => ({
        name: t.name,
        winners: t.winners,
        amountFenEach: t.amountFenEach,
        ...(t.team !== undefined ? { team: t.team } : {}),
        ...(t.souvenir !== undefined ? { souvenir: t.souvenir } : {}),
      })),
    };
  }
  if (d.meeting !== undefined) r.meeting = d.meeting;
  if (d.rest !== undefined) r.rest = d.rest;
  if (d.venueClass !== undefined) r.venueClass = d.venueClass;
  return r;
}

// ---------- rule set ----------

export const SPENDING_SETTINGS_KEY = 'spending.rules';

export const EMPTY_SPENDING_SETTINGS: SpendingSettings = {
  majorExpenseThresholdFen: null,
  cashThresholdFen: null,
  hardshipCollectiveDecision: null,
  retireeWelfare: null,
  budgetEnforcement: null,
  minorityFestivals: null,
};

export function readSpendingSettings(db: SyncDb): SpendingSettings {
  const v = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(SPENDING_SETTINGS_KEY) as string | undefined;
  return v ? { ...EMPTY_SPENDING_SETTINGS, ...(JSON.parse(v) as Partial<SpendingSettings>) } : { ...EMPTY_SPENDING_SETTINGS };
}

function overridesOf(s: SpendingSettings): SettingsOverride {
  const o: SettingsOverride = {};
  if (s.majorExpenseThresholdFen !== null) o.majorExpenseThresholdFen = s.majorExpenseThresholdFen;
  if (s.cashThresholdFen !== null) o.cashThresholdFen = s.cashThresholdFen;
  if (s.hardshipCollectiveDecision !== null) o.hardshipCollectiveDecision = s.hardshipCollectiveDecision;
  if (s.retireeWelfare !== null) o.retireeWelfare = s.retireeWelfare;
  if (s.budgetEnforcement !== null) o.budgetEnforcement = s.budgetEnforcement;
  if (s.minorityFestivals !== null) o.minorityFestivals = s.minorityFestivals;
  return o;
}

export function presetIdOf(db: SyncDb): string {
  const p = db.sqlite.prepare('SELECT province_preset FROM union_profile WHERE id = 1').pluck().get() as string | undefined;
  return p ?? 'NATIONAL';
}

/** The active preset's version in force on `date` (shipped or created by the administrator, rule-versions.ts) with the administrator's overrides. */
export function activeRuleSet(db: SyncDb, date: string): RuleSet {
  try {
    return getRuleSet(presetIdOf(db), date, overridesOf(readSpendingSettings(db)), allPresetVersions(db));
  } catch (e) {
    if (e instanceof PresetError) throw new CoreError('RULE', e.message, { field: 'date' });
    throw e;
  }
}

// ---------- what members already received ----------

/** A request counted against caps: approved, or paid with a voucher that was not reversed by a posted red voucher. */
const COUNTED = `q.status IN ('approved', 'paid') AND NOT EXISTS (
    SELECT 1 FROM vouchers red WHERE q.voucher_id IS NOT NULL AND red.reverses_voucher_id = q.voucher_id AND red.status = 'posted')`;
/** The benefit register: paid, voucher posted, not reversed. */
const POSTED = `q.status = 'paid' AND EXISTS (SELECT 1 FROM vouchers v WHERE v.id = q.voucher_id AND v.status = 'posted')
  AND NOT EXISTS (SELECT 1 FROM vouchers red WHERE red.reverses_voucher_id = q.voucher_id AND red.status = 'posted')`;

export interface Received {
  row: RequestRow;
  key: BenefitKey | null;
  festival: string | null;
  illness: string | null;
  recipient: RecipientRow;
}

/** Every benefit line of the given members on counted (or, with postedOnly, posted) requests, other than `exceptId`. */
export function receivedBy(db: SyncDb, memberIds: readonly number[], exceptId: number | null, postedOnly = false): Received[] {
  if (memberIds.length === 0) return [];
  const out: Received[] = [];
  const sql = `SELECT q.* FROM spending_requests q WHERE ${postedOnly ? POSTED : COUNTED} AND q.id <> ?
    AND EXISTS (SELECT 1 FROM spending_recipients r WHERE r.request_id = q.id AND r.member_id IN (SELECT value FROM json_each(?)))
    ORDER BY q.request_date, q.id`;
  const rows = db.sqlite.prepare(sql).all(exceptId ?? 0, JSON.stringify(memberIds)) as RequestRow[];
  const wanted = new Set(memberIds);
  for (const row of rows) {
    const recips = recipientsOf(db, row.id);
    const eng = toEngineRequest(row, recips, [], 'submit', null);
    const key = benefitKeyOf(eng);
    const d = detailsOf(row);
    for (const r of recips) {
      if (!wanted.has(r.member_id)) continue;
      out.push({ row, key, festival: row.type === '节日慰问' ? (d.festival ?? null) : null, illness: d.hospital?.illness ?? null, recipient: r });
    }
  }
  return out;
}

const add = (t: Tally | undefined, fen: number): Tally => ({ fen: (t?.fen ?? 0) + fen, count: (t?.count ?? 0) + 1 });

export interface MemberRowLite {
  id: number;
  name: string;
  status: MemberStatus;
  status_since: string;
  employment_type: EmploymentType;
}

/** The member's status on `date`: the last change dated on or before it (the current status counts from status_since). */
export function statusOn(db: SyncDb, m: MemberRowLite, date: string): MemberStatus {
  const history = db.sqlite
    .prepare('SELECT status, effective_date FROM member_status_history WHERE member_id = ? ORDER BY effective_date, id')
    .all(m.id) as { status: MemberStatus; effective_date: string }[];
  const timeline = [...history.map((h) => ({ date: h.effective_date.slice(0, 10), status: h.status })), { date: m.status_since.slice(0, 10), status: m.status }];
  timeline.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let s: MemberStatus = 'active';
  for (const e of timeline) if (e.date <= date) s = e.status;
  return s;
}

export interface ComputedState {
  state: LedgerState;
  /** The budget line id to put on the engine request (the reference, or the line found for the account). */
  budgetLineId: string | null;
}

/** LedgerState at the request's date for `row` (which may be a draft not yet counted anywhere). */
export function ledgerStateFor(db: SyncDb, row: RequestRow, recipients: readonly RecipientRow[], rules: RuleSet): ComputedState {
  const year = row.request_date.slice(0, 4);
  const ids = [...new Set(recipients.map((r) => r.member_id))];
  const members: Record<string, MemberState> = {};
  const byId = new Map<number, MemberState>();
  if (ids.length > 0) {
    const rows = db.sqlite
      .prepare('SELECT id, name, status, status_since, employment_type FROM members WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as MemberRowLite[];
    for (const m of rows) {
      const st: MemberState = {
        memberId: String(m.id),
        name: m.name,
        status: statusOn(db, m, row.request_date),
        employmentType: m.employment_type,
        receivedThisYear: {},
        festivalsThisYear: {},
        everReceived: [],
        illnessesThisYear: [],
      };
      members[String(m.id)] = st;
      byId.set(m.id, st);
    }
  }
  for (const x of receivedBy(db, ids, row.id)) {
    const m = byId.get(x.recipient.member_id);
    if (!m || x.key === null) continue;
    if (!(m.everReceived ?? []).includes(x.key)) (m.everReceived ??= []).push(x.key);
    if (x.row.request_date.slice(0, 4) !== year) continue;
    m.receivedThisYear[x.key] = add(m.receivedThisYear[x.key], x.recipient.amount_fen);
    if (x.festival !== null) m.festivalsThisYear[x.festival] = add(m.festivalsThisYear[x.festival], x.recipient.amount_fen);
    if (x.key === 'hospital' && x.illness !== null) (m.illnessesThisYear ??= []).push(x.illness);
  }

  // Union-wide figures of the year (requests other than this one).
  const yearRows = db.sqlite
    .prepare(`SELECT q.* FROM spending_requests q WHERE ${COUNTED} AND q.id <> ? AND substr(q.request_date, 1, 4) = ?`)
    .all(row.id, year) as RequestRow[];
  let festivalSpent = 0;
  let festivalCount = 0;
  let topUp = 0;
  for (const q of yearRows) {
    if (q.type === '节日慰问') {
      festivalSpent += q.amount_fen;
      festivalCount += 1;
    }
    topUp += detailsOf(q).outing?.topUpFen ?? 0;
  }
  // The year's dues income: 401 credits of posted vouchers, closing vouchers excluded (red vouchers count, negative).
  const dues = db.sqlite
    .prepare(
      `SELECT coalesce(sum(l.credit) - sum(l.debit), 0) AS n FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.kind NOT IN ('closing', 'year_end') AND l.account_code LIKE '401%' AND substr(v.voucher_date, 1, 4) = ?`,
    )
    .get(year) as { n: number };

  const line = budgetLineFor(db, row.request_date, row.account_code, row.budget_ref, row.id);
  const state: LedgerState = {
    members,
    duesIncomeFen: dues.n,
    outingTopUpUsedFen: topUp,
    budgetLine: line,
    festivalSpentThisYearFen: festivalSpent,
    festivalDistributionsThisYear: festivalCount,
    presetId: rules.id,
  };
  return { state, budgetLineId: line ? line.id : row.budget_ref };
}

export { POSTED as POSTED_REQUEST_SQL };
