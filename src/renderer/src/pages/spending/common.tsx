// Pieces shared by the 支出审批 screens: the inboxes per role, what each role may do, the form's
// editable image of a request (amounts as typed 元 strings, parsed with parseYuan on save) and the
// mapping of engine findings onto the part of the form where they arise.
import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { SpendingFinding, SpendingRequestDetail, SpendingRequestInput, SpendingStatus } from '@contract/spending';
import { formatYuan, parseYuan } from '@contract/money';
import type { Role } from '@contract/roles';

export type ListStatus = SpendingStatus;

/** The inbox tabs; rejected and withdrawn share one. */
export const INBOXES = [
  { key: 'draft', label: '草稿', statuses: ['draft'] },
  { key: 'submitted', label: '待审核', statuses: ['submitted'] },
  { key: 'reviewed', label: '待审批', statuses: ['reviewed'] },
  { key: 'approved', label: '待支付', statuses: ['approved'] },
  { key: 'paid', label: '已支付', statuses: ['paid'] },
  { key: 'closed', label: '已驳回/撤回', statuses: ['rejected', 'withdrawn'] },
] as const satisfies readonly { key: string; label: string; statuses: readonly SpendingStatus[] }[];
export type InboxKey = (typeof INBOXES)[number]['key'];

/** The inbox a role opens on: the step that waits for it. */
export function defaultInbox(roles: readonly Role[]): InboxKey {
  if (roles.includes('supervisor')) return 'submitted';
  if (roles.includes('chair')) return 'reviewed';
  if (roles.includes('cashier')) return 'approved';
  if (roles.includes('reviewer')) return 'paid';
  return 'draft';
}

export const STATUS_COLOR: Record<SpendingStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  reviewed: 'cyan',
  approved: 'purple',
  paid: 'green',
  rejected: 'red',
  withdrawn: 'default',
};

export const FESTIVAL_OPTIONS = ['新年', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节', '元宵节', '三八妇女节', '五四青年节', '六一儿童节', '七一建党节', '八一建军节', '教师节', '重阳节', '其他'];
export const PAYEE_KIND_LABELS = { member: '会员个人', supplier: '供应商', organisation: '其他单位', employer: '单位行政' } as const;
export type PayeeKind = keyof typeof PAYEE_KIND_LABELS;
export const RELATION_LABELS = {
  member: '会员本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  parent_in_law: '配偶父母',
  grandparent: '祖父母/外祖父母',
  sibling: '兄弟姐妹',
  other: '其他亲属',
} as const;
export type Relation = keyof typeof RELATION_LABELS;
export const VENUE_LABELS = { internal: '单位内部场所', ordinary: '普通场所', high_end: '高档场所' } as const;
export type Venue = keyof typeof VENUE_LABELS;

export const OUTING_TYPES: readonly string[] = ['春秋游', '观影', '文体活动'];
export const COMPETITION_TYPES: readonly string[] = ['劳动竞赛', '文体活动'];
export const MEETING_TYPES: readonly string[] = ['会议', '培训'];
export const PERSONAL_TYPES: readonly string[] = ['节日慰问', '生日慰问', '结婚', '生育', '住院', '会员或直系亲属去世', '退休', '困难帮扶', '送温暖', '金秋助学'];

export type RequestType = SpendingRequestInput['type'];
export type PaymentMethod = SpendingRequestInput['paymentMethod'];

export interface RecipientRow {
  key: number;
  memberId: number | null;
  label: string;
  amount: string;
  item: string;
}

export interface TierRow {
  key: number;
  name: string;
  winners: string;
  amountEach: string;
  team: boolean;
  souvenir: boolean;
}

/** The form's state: what the user typed, amounts as 元 text. */
export interface FormState {
  type: RequestType;
  festival: string;
  purpose: string;
  date: string;
  accountCode: string;
  amount: string;
  payeeKind: PayeeKind;
  payeeName: string;
  payeeMemberId: number | null;
  paymentMethod: PaymentMethod;
  budgetRef: string;
  fundSource: 'own' | 'upper_earmark';
  earmarkRef: string;
  expenseType: 'basic' | 'project';
  activityRef: string;
  hospitalSurgery: boolean;
  illness: string;
  deathRelation: Relation;
  outingDays: string;
  destination: string;
  topUp: string;
  mealPerDay: string;
  bannedScenicArea: boolean;
  participants: string;
  tiers: TierRow[];
  meetingMeals: boolean;
  venueClass: Venue;
  restDays: string;
  restOutside: boolean;
  restParticipants: string;
  restInsured: boolean;
  recipients: RecipientRow[];
  /** Kept as loaded (not edited on the form): the hardship case an aid request references. */
  hardshipCaseId: number | null;
}

let nextKey = 1;
export const newKey = () => nextKey++;

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function blankForm(): FormState {
  return {
    type: '节日慰问',
    festival: '',
    purpose: '',
    date: todayIso(),
    accountCode: '',
    amount: '',
    payeeKind: 'supplier',
    payeeName: '',
    payeeMemberId: null,
    paymentMethod: '银行转账',
    budgetRef: '',
    fundSource: 'own',
    earmarkRef: '',
    expenseType: 'basic',
    activityRef: '',
    hospitalSurgery: false,
    illness: '',
    deathRelation: 'parent',
    outingDays: '1',
    destination: '',
    topUp: '0',
    mealPerDay: '',
    bannedScenicArea: false,
    participants: '',
    tiers: [],
    meetingMeals: false,
    venueClass: 'ordinary',
    restDays: '',
    restOutside: false,
    restParticipants: '',
    restInsured: true,
    recipients: [],
    hardshipCaseId: null,
  };
}

const yuan = (fen: number | undefined | null) => (fen === undefined || fen === null ? '' : formatYuan(fen));

export function formFrom(d: SpendingRequestDetail): FormState {
  const x = d.details;
  return {
    ...blankForm(),
    type: d.type,
    festival: x.festival ?? '',
    purpose: d.purpose,
    date: d.date,
    accountCode: d.accountCode,
    amount: formatYuan(d.amountFen),
    payeeKind: d.payee.kind,
    payeeName: d.payee.name,
    payeeMemberId: d.payee.memberId,
    paymentMethod: d.paymentMethod,
    budgetRef: d.budgetRef ?? '',
    fundSource: d.fundSource,
    earmarkRef: x.earmarkRef ?? '',
    expenseType: d.expenseType,
    activityRef: x.activityRef ?? '',
    hospitalSurgery: x.hospital?.surgery ?? false,
    illness: x.hospital?.illness ?? '',
    deathRelation: x.death?.relation ?? 'parent',
    outingDays: x.outing ? String(x.outing.days) : '1',
    destination: x.outing?.destination ?? '',
    topUp: x.outing ? formatYuan(x.outing.topUpFen) : '0',
    mealPerDay: yuan(x.outing?.mealFenPerPersonPerDay),
    bannedScenicArea: x.outing?.bannedScenicArea ?? false,
    participants: x.competition ? String(x.competition.participants) : '',
    tiers: (x.competition?.tiers ?? []).map((t) => ({ key: newKey(), name: t.name, winners: String(t.winners), amountEach: formatYuan(t.amountFenEach), team: t.team ?? false, souvenir: t.souvenir ?? false })),
    meetingMeals: x.meeting?.meals ?? false,
    venueClass: x.meeting?.venueClass ?? x.venueClass ?? 'ordinary',
    restDays: x.rest ? String(x.rest.days) : '',
    restOutside: x.rest?.outsideProvince ?? false,
    restParticipants: x.rest ? String(x.rest.participants) : '',
    restInsured: x.rest?.insured ?? true,
    recipients: d.recipients.map((r) => ({ key: newKey(), memberId: r.memberId, label: `${r.employeeNo} ${r.name}`, amount: formatYuan(r.amountFen), item: r.item ?? '' })),
    hardshipCaseId: d.hardshipCaseId,
  };
}

/** A field-tagged error from the form (shown on that field). */
export class FormError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function money(text: string, what: string, field: string): number {
  try {
    const fen = parseYuan(text, what);
    if (fen < 0) throw new FormError(field, `${what}不能为负`);
    return fen;
  } catch (e) {
    if (e instanceof FormError) throw e;
    throw new FormError(field, e instanceof Error ? e.message : `${what}无效`);
  }
}

function count(text: string, what: string, field: string, min = 0): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < min) throw new FormError(field, `${what}应为不小于 ${min} 的整数`);
  return n;
}

/** The form as spending.save takes it; throws FormError naming the field. */
export function toInput(f: FormState, id: number | null, decision: SpendingRequestDetail['collectiveDecision']): SpendingRequestInput {
  const details: NonNullable<SpendingRequestInput['details']> = {};
  if (f.type === '节日慰问' && f.festival) details.festival = f.festival;
  if (f.fundSource === 'upper_earmark' && f.earmarkRef.trim()) details.earmarkRef = f.earmarkRef.trim();
  if (f.activityRef.trim()) details.activityRef = f.activityRef.trim();
  if (f.type === '住院') details.hospital = { surgery: f.hospitalSurgery, ...(f.illness.trim() ? { illness: f.illness.trim() } : {}) };
  if (f.type === '会员或直系亲属去世') details.death = { relation: f.deathRelation };
  if (OUTING_TYPES.includes(f.type) && (f.type !== '文体活动' || f.destination.trim())) {
    details.outing = {
      days: count(f.outingDays, '活动天数', 'outingDays', 1),
      destination: f.destination.trim(),
      topUpFen: f.topUp.trim() ? money(f.topUp, '经费弥补部分', 'topUp') : 0,
      ...(f.mealPerDay.trim() ? { mealFenPerPersonPerDay: money(f.mealPerDay, '餐费标准', 'mealPerDay') } : {}),
      ...(f.bannedScenicArea ? { bannedScenicArea: true } : {}),
    };
  }
  if (COMPETITION_TYPES.includes(f.type) && (f.participants.trim() || f.tiers.length > 0)) {
    details.competition = {
      participants: count(f.participants, '参加人数', 'participants'),
      tiers: f.tiers.map((t, i) => ({
        name: t.name.trim() || `奖项${i + 1}`,
        winners: count(t.winners, `第${i + 1}个奖项的获奖人数`, `tiers.${i}.winners`),
        amountFenEach: money(t.amountEach, `第${i + 1}个奖项的每份金额`, `tiers.${i}.amountEach`),
        ...(t.team ? { team: true } : {}),
        ...(t.souvenir ? { souvenir: true } : {}),
      })),
    };
  }
  if (MEETING_TYPES.includes(f.type)) details.meeting = { meals: f.meetingMeals, venueClass: f.venueClass };
  if (f.type === '文体活动') details.venueClass = f.venueClass;
  if (f.type === '疗休养' && f.restDays.trim()) {
    details.rest = { days: count(f.restDays, '疗休养天数', 'restDays', 1), outsideProvince: f.restOutside, participants: count(f.restParticipants, '参加人数', 'restParticipants'), insured: f.restInsured };
  }
  const recipients = f.recipients.map((r, i) => {
    if (r.memberId === null) throw new FormError(`recipients.${i}.memberId`, `第 ${i + 1} 位领取人：请选择会员`);
    return { memberId: r.memberId, amountFen: money(r.amount, `第 ${i + 1} 位领取人的金额`, `recipients.${i}.amountFen`), ...(r.item.trim() ? { item: r.item.trim() } : {}) };
  });
  if (!f.accountCode) throw new FormError('accountCode', '请选择支出科目');
  return {
    ...(id !== null ? { id } : {}),
    type: f.type,
    purpose: f.purpose,
    date: f.date,
    accountCode: f.accountCode,
    amountFen: money(f.amount, '申请金额', 'amountFen'),
    payee: { kind: f.payeeKind, name: f.payeeName, ...(f.payeeKind === 'member' && f.payeeMemberId !== null ? { memberId: f.payeeMemberId } : {}) },
    paymentMethod: f.paymentMethod,
    budgetRef: f.budgetRef.trim() ? f.budgetRef.trim() : null,
    fundSource: f.fundSource,
    expenseType: f.expenseType,
    recipients,
    collectiveDecision: decision
      ? {
          minutesNo: decision.minutesNo,
          date: decision.date,
          ...(decision.attendees !== null ? { attendees: decision.attendees } : {}),
          ...(decision.votesFor !== null ? { votesFor: decision.votesFor } : {}),
          ...(decision.attachmentSha256 !== null ? { attachmentSha256: decision.attachmentSha256 } : {}),
        }
      : null,
    details,
    hardshipCaseId: f.hardshipCaseId,
  };
}

/** The part of the form a finding belongs to. */
export type Place = 'purpose' | 'account' | 'amount' | 'payee' | 'method' | 'budget' | 'festival' | 'details' | 'recipients' | 'evidence' | 'decision' | 'general';

export function placeOf(f: SpendingFinding): Place {
  const r = f.rule;
  if (f.memberId !== undefined) return 'recipients';
  if (/^CHK-(CARD|FORM|CASH)-/.test(r)) return 'method';
  if (/^CHK-FEST-/.test(r)) return 'festival';
  if (/^CHK-BUD-/.test(r)) return 'budget';
  if (/^CHK-ATT-/.test(r)) return 'evidence';
  if (/^CHK-APP-/.test(r)) return 'decision';
  if (/^CHK-(OUT|PRIZE|REST)-/.test(r)) return 'details';
  if (/^CHK-(CAP|MEM|FREQ)-/.test(r)) return 'recipients';
  if (r === 'CHK-BBZ-4') return 'payee';
  if (r === 'CHK-BBZ-5') return 'account';
  if (/^CHK-(BBZ|KW)-/.test(r)) return 'purpose';
  return 'general';
}

export function SeverityTag({ severity }: { severity: 'block' | 'warn' }): ReactNode {
  return severity === 'block' ? <Tag color="red">禁止</Tag> : <Tag color="orange">提示</Tag>;
}
