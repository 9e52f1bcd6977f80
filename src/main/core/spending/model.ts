// The compliance engine's data model (issue 5, ../shared/domain/spending-rules.md). Pure types and
// small constant lists: no database, no clock. Money is integer 分 (Fen) everywhere.
import type { Fen } from '../../contract/money';
import type { Finding } from '../../contract/op';
import type { EmploymentType, MemberStatus } from '../../contract/members';

// ---------------------------------------------------------------------------------------------
// Request

/** Expense types (支出事项). The first group are benefits to people (recipients required). */
export const SPENDING_TYPES = [
  '节日慰问',
  '生日慰问',
  '结婚',
  '生育',
  '住院',
  '会员或直系亲属去世',
  '退休',
  '困难帮扶',
  '送温暖',
  '金秋助学',
  '文体活动',
  '春秋游',
  '观影',
  '疗休养',
  '劳动竞赛',
  '职工教育',
  '宣传活动',
  '培训',
  '会议',
  '设备购置',
  '对外借款',
  '对外担保',
  '对外投资',
  '其他',
] as const;
export type SpendingType = (typeof SPENDING_TYPES)[number];

/** Types that are benefits paid to named members: the request must list its recipients. */
export const PERSONAL_BENEFIT_TYPES = [
  '节日慰问',
  '生日慰问',
  '结婚',
  '生育',
  '住院',
  '会员或直系亲属去世',
  '退休',
  '困难帮扶',
  '送温暖',
  '金秋助学',
] as const satisfies readonly SpendingType[];

/** The festivals a user can pick. Only the rule set's list counts as 年节 (R-FEST); the others are here so the engine can flag them. */
export const FESTIVALS = [
  '新年',
  '春节',
  '清明节',
  '劳动节',
  '端午节',
  '中秋节',
  '国庆节',
  '元宵节',
  '三八妇女节',
  '五四青年节',
  '六一儿童节',
  '七一建党节',
  '八一建军节',
  '教师节',
  '重阳节',
  '其他',
] as const;
/** A festival name: one of FESTIVALS or a minority festival of the rule set's list. */
export type Festival = string;

/**
 * How the money leaves the account (银行转账 / 公务卡 / 现金) or, for benefits, the form in which the
 * recipient gets it (实物, 纪念品, a voucher or card). One list, as on the paper form.
 */
export const PAYMENT_METHODS = [
  '银行转账',
  '公务卡',
  '现金',
  '实物',
  '纪念品',
  '购物卡',
  '储值卡',
  '礼品卡',
  '代金券',
  '蛋糕券',
  '提货券',
  '指定商家券',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What a member receives (R-FORM, §5.2). 现金 = 慰问金 (cash or transferred to the member's card). */
export const BENEFIT_FORMS = ['现金', '实物', '纪念品', '蛋糕券', '提货券', '指定商家券', '代金券', '购物卡', '储值卡', '礼品卡'] as const;
export type BenefitForm = (typeof BENEFIT_FORMS)[number];
/** Forms CHK-CARD-1 names: cash, shopping / stored-value / gift cards and 代金券. */
export const CASH_AND_CARD_FORMS: readonly BenefitForm[] = ['现金', '购物卡', '储值卡', '礼品卡', '代金券'];

export const EVIDENCE_KINDS = [
  '发票',
  '明细清单',
  '刷卡小票',
  '签领表',
  '活动方案',
  '参加人员名单',
  '获奖名单',
  '会议纪要',
  '审批单',
  '事由证明',
  '转账记录',
  '保险单',
  '采购记录',
  '活动记录',
  '合同',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export type PayeeKind = 'member' | 'supplier' | 'organisation' | 'employer';
export const PAYEE_KIND_LABELS: Record<PayeeKind, string> = {
  member: '会员个人',
  supplier: '供应商',
  organisation: '其他单位',
  employer: '单位行政',
};

export interface Payee {
  kind: PayeeKind;
  name: string;
  /** When kind = 'member'. */
  memberId?: string;
}

export interface Recipient {
  memberId: string;
  amountFen: Fen;
  /** For goods: what they get (e.g. "月饼一盒、大米一袋"). */
  item?: string;
}

export type DeceasedRelation = 'member' | 'spouse' | 'parent' | 'child' | 'parent_in_law' | 'grandparent' | 'sibling' | 'other';
export const RELATION_LABELS: Record<DeceasedRelation, string> = {
  member: '会员本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  parent_in_law: '配偶父母',
  grandparent: '祖父母/外祖父母',
  sibling: '兄弟姐妹',
  other: '其他亲属',
};

export interface PrizeTier {
  /** 一等奖 / 二等奖 / 参与奖 … Tiers are listed from the top prize down. */
  name: string;
  winners: number;
  /** Value of one prize (per person, or per team member when team = true). */
  amountFenEach: Fen;
  team?: boolean;
  /** A small souvenir given to every participant: not a prize, not counted in the 2/3 (§5.3). */
  souvenir?: boolean;
}

export type VenueClass = 'internal' | 'ordinary' | 'high_end';

export interface CollectiveDecision {
  /** 会议纪要 number, e.g. "工委〔2026〕3号". */
  minutesNo: string;
  date: string;
  attendees?: number;
  votesFor?: number;
}

/** At 'submit' (申请) the evidence produced at payment (发票, 签领表 …) is not asked for yet; at 'pay' everything is. */
export type CheckStage = 'submit' | 'pay';

export interface SpendingRequest {
  type: SpendingType;
  /** ISO date of the event / payment; the engine's only notion of time. */
  date: string;
  stage: CheckStage;
  /** Expenditure account, e.g. "50105". */
  account: string;
  amountFen: Fen;
  payee: Payee;
  paymentMethod: PaymentMethod;
  /** What recipients receive; derived from paymentMethod and payee when absent (see benefitFormOf). */
  benefitForm?: BenefitForm;
  budgetLineId: string | null;
  fundSource: 'own' | 'upper_earmark';
  /** Earmarked grant / project reference when fundSource = 'upper_earmark'. */
  earmarkRef?: string;
  recipients: Recipient[];
  evidence: EvidenceKind[];
  collectiveDecision: CollectiveDecision | null;
  /** Linked activity, plan or approval reference (BBZ-8). */
  activityRef?: string;
  /** Purpose and description as typed; keyword checks read it. */
  description: string;
  keywords?: string[];

  /** 节日慰问 */
  festival?: Festival;
  /** 住院 */
  hospital?: { surgery: boolean; illness?: string };
  /** 会员或直系亲属去世 */
  death?: { relation: DeceasedRelation };
  /** 春秋游 / 观影 / 文体活动 outings */
  outing?: {
    days: number;
    destination: string;
    /** Part of the amount paid from non-dues funds (补足); the rest is from dues (会费). */
    topUpFen: Fen;
    mealFenPerPersonPerDay?: Fen;
    bannedScenicArea?: boolean;
  };
  /** 劳动竞赛 and 文体活动 prizes */
  competition?: { participants: number; tiers: PrizeTier[] };
  /** 会议 / 培训 */
  meeting?: { meals: boolean; venueClass: VenueClass };
  /** 疗休养 */
  rest?: { days: number; outsideProvince: boolean; participants: number; insured: boolean };
  /** 文体活动 venue */
  venueClass?: VenueClass;
}

// ---------------------------------------------------------------------------------------------
// Ledger state (supplied by the caller, computed from the books for the request's date)

/** Benefit kinds counted against caps. */
export const BENEFIT_KEYS = [
  'festival',
  'birthday',
  'marriage',
  'birth',
  'hospital',
  'death_member',
  'death_relative',
  'retirement',
  'hardship',
  'warmth',
  'schooling',
  'film',
  'outing',
  'uniform',
] as const;
export type BenefitKey = (typeof BENEFIT_KEYS)[number];

export const BENEFIT_LABELS: Record<BenefitKey, string> = {
  festival: '节日慰问',
  birthday: '生日慰问',
  marriage: '结婚慰问',
  birth: '生育慰问',
  hospital: '住院慰问',
  death_member: '会员去世慰问',
  death_relative: '直系亲属去世慰问',
  retirement: '退休纪念品',
  hardship: '困难帮扶',
  warmth: '送温暖',
  schooling: '金秋助学',
  film: '观影',
  outing: '春秋游',
  uniform: '文体服装',
};

export interface Tally {
  fen: Fen;
  count: number;
}

export interface MemberState {
  memberId: string;
  name: string;
  /** Status on the request's date. */
  status: MemberStatus;
  employmentType: EmploymentType;
  /** What the member already received THIS YEAR (posted or approved), by benefit kind. */
  receivedThisYear: Partial<Record<BenefitKey, Tally>>;
  /** Festival gifts this year by festival (for per-festival caps). */
  festivalsThisYear: Partial<Record<Festival, Tally>>;
  /** Benefits received in any year (retirement and marriage are once per member). */
  everReceived?: BenefitKey[];
  /** Illnesses already visited this year (住院 "same illness once a year"). */
  illnessesThisYear?: string[];
  /** Agency / seconded staff: already gets collective welfare in another union (CHK-MEM-2). */
  welfareElsewhere?: boolean;
  /** false: outside the levy base or not paying dues (CHK-MEM-2, AH-2025). */
  duesPaying?: boolean;
}

export interface LedgerState {
  members: Record<string, MemberState>;
  /** The year's dues income (401) in 分. */
  duesIncomeFen: Fen;
  /** Outing top-ups already spent from non-dues funds this year (CHK-OUT-1). */
  outingTopUpUsedFen: Fen;
  /** The budget line the request draws on; null when none or unknown. */
  budgetLine: { id: string; name: string; remainingFen: Fen } | null;
  /** For percentage-shaped festival caps (北京, 上海). */
  budgetedIncomeFen?: Fen;
  retainedLevyFen?: Fen;
  /** Festival spending of the whole union this year, before this request. */
  festivalSpentThisYearFen?: Fen;
  /** Festival distributions already made this year (陕西 "≤3 次"). */
  festivalDistributionsThisYear?: number;
  /** Bank-account master flag: union account merged with or owned by the employer (BBZ-5). */
  accountMergedWithEmployer?: boolean;
  /** The active preset id (for messages and cross-checks). */
  presetId: string;
}

// ---------------------------------------------------------------------------------------------
// Rule set

export type Severity = Finding['severity'];
export type Reliability = 'confirmed' | 'secondary' | 'unconfirmed';
export const RELIABILITY_MARK: Record<Reliability, '✅' | '◐' | '❓'> = { confirmed: '✅', secondary: '◐', unconfirmed: '❓' };

export type FestivalCap =
  | { scope: 'per_member_per_year'; capFen: Fen }
  | { scope: 'per_festival'; caps: Partial<Record<Festival, Fen>>; otherFen: Fen }
  | { scope: 'per_distribution'; capFen: Fen }
  /** Union-wide total ≤ share of budgeted income; basis points (5000 = 50 %). */
  | { scope: 'pct_of_budget_income'; basisPoints: number }
  | { scope: 'pct_of_retained_levy'; basisPoints: number };

export interface FestivalRules {
  /** All apply (上海: % of levy AND ≤ 400 per head). Empty: no yuan cap (national baseline). */
  caps: FestivalCap[];
  allowedForms: BenefitForm[];
  /** Generally at most N distributions a year (陕西 2015); null: no limit. */
  maxDistributionsPerYear: number | null;
  note?: string;
}

export interface BenefitRule {
  /** Per occasion, per recipient. */
  perOccasionFen?: Fen;
  /** 住院 with surgery. */
  withSurgeryFen?: Fen;
  /** Per member per year, counting what was already received. */
  perYearFen?: Fen;
  allowedForms?: BenefitForm[];
  oncePerYear?: boolean;
  oncePerMember?: boolean;
  sameIllnessOncePerYear?: boolean;
}

export interface PrizeRules {
  /** winners ≤ ⌊participants × num / den⌋ */
  maxWinnerShare: { num: number; den: number };
  topPrizeCapFen?: Fen;
  perPrizeCapFen?: Fen;
  teamPerPersonCapFen?: Fen;
  individualCapFen?: Fen;
  souvenirCapFen?: Fen;
}

export interface OutingRules {
  duesTopUpMultiple: number;
  sameDay: boolean;
  /** Allowed destinations (the unit's city by default, entered at setup); empty: not checked. */
  allowedAreas: string[];
  mealCapFenPerPersonPerDay?: Fen;
}

export interface RestRules {
  maxDaysInProvince: number;
  maxDaysOutside: number;
  maxFenPerPersonPerDay: Fen;
  insuranceRequired: boolean;
}

export interface MembershipRules {
  /** AH-2025: agency / seconded staff get collective welfare in one place only. */
  agencyWelfareOnePlace: boolean;
  /** AH-2025: no collective welfare for members outside the levy base or not paying dues. */
  requireDuesPaying: boolean;
}

export interface EngineSettings {
  /** R-CASH ◐: 结算起点, default 1000 元. */
  cashThresholdFen: Fen;
  /** R-APP ❓: no default; null until the unit enters its figure (then ≥ threshold needs a collective decision). */
  majorExpenseThresholdFen: Fen | null;
  /** R-APP ◐: hardship grants are decided collectively, default on. */
  hardshipCollectiveDecision: boolean;
  /** R-RET ◐: default block. */
  retireeWelfare: Severity;
  /** Benefit types R-RET applies to (default festival and birthday items). */
  retireeRestrictedTypes: SpendingType[];
  /** R-BUD ◐ budget.enforcement: default warn. */
  budgetEnforcement: Severity;
  /** Severities marked "(s)" in §7, with the catalogue's defaults. */
  severity: {
    attachments: Severity; // CHK-ATT-2, block
    festivalCap: Severity; // CHK-FEST-2, block
    cap: Severity; // CHK-CAP-1, warn
    bonus: Severity; // CHK-BBZ-2, warn
    outing: Severity; // CHK-OUT-2, warn
    cash: Severity; // CHK-CASH-1, warn (◐)
  };
  /** R-FEST ✅: the statutory 年节. */
  statutoryFestivals: Festival[];
  /** Minority festivals approved at autonomous-region level or above: configurable, empty by default. */
  minorityFestivals: Festival[];
  /** Default spouse, parents, children (安徽 2018). */
  deathRelatives: DeceasedRelation[];
  keywords: {
    hospitality: string[]; // CHK-BBZ-1
    bonus: string[]; // CHK-BBZ-2
    entertainment: string[]; // CHK-BBZ-3
    employerAdministration: string[]; // CHK-BBZ-4
    fundraising: string[]; // CHK-BBZ-7
    suspicious: string[]; // CHK-KW-1 (incl. REL-1 banned goods)
  };
}

export interface PresetSource {
  document: string;
  docNumber: string | null;
  /** As reported; null when unknown (❓). */
  asOf: string | null;
  reliability: Reliability;
}

export interface RuleSet {
  /** Preset id, e.g. "FJ-2018" (contract/presets.ts). */
  id: string;
  label: string;
  version: number;
  /** ISO date from which this version applies. */
  effectiveFrom: string;
  source: PresetSource;
  festival: FestivalRules;
  benefits: Partial<Record<BenefitKey, BenefitRule>>;
  prizes: PrizeRules;
  outing: OutingRules;
  rest: RestRules | null;
  membership: MembershipRules;
  settings: EngineSettings;
}

/** "FJ-2018/v1": the version a checked line stores (spending-rules.md §6). */
export function ruleSetVersionOf(rules: Pick<RuleSet, 'id' | 'version'>): string {
  return `${rules.id}/v${rules.version}`;
}

// ---------------------------------------------------------------------------------------------
// Result

export interface EngineFinding extends Finding {
  /** What would make it pass. */
  fix: string;
  /** The member the finding is about, if any. */
  memberId?: string;
}

export interface EngineResult {
  findings: EngineFinding[];
  /** Any block finding: the request cannot be saved as approved or paid. Warnings need the chair's written reason. */
  blocked: boolean;
  /** "FJ-2018/v1" */
  ruleSetVersion: string;
}
