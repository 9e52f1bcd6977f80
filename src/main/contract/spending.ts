// Contract: expense requests (支出申请 / 报销单) under the eight prohibitions (issue 5,
// ../shared/domain/spending-rules.md §5.8, §5.9, §7). Amounts are integer 分 everywhere.
//
// draft → submitted → reviewed (会计审核, supervisor) → approved (工会主席审批, chair; above the
// major-expense threshold only with the 集体研究决定 recorded) → paid (出纳支付: a DRAFT voucher, debit
// the request's 5xxxx account / credit 101/102, source 'spending:<id>', which then goes through the
// ordinary review, cashier confirmation and posting) | rejected | withdrawn. The compliance engine runs
// at every step; its findings are stored per run with the rule-set version. A block stops the request;
// a warning must be overridden by the chair with a written reason before approval and payment.
import { z } from 'zod';
import { isoDateField, yearField } from './fields';
import { op, type Finding } from './op';
import type { Role } from './roles';
import type { VoucherDetail } from './books';
import { ATTACHMENT_MIME_TYPES, ATTACHMENT_TYPES_TEXT, MAX_ATTACHMENT_BASE64 } from './attachments';

export const SPENDING_ROLES = ['accountant', 'supervisor', 'cashier', 'chair'] as const satisfies readonly Role[];
export const SPENDING_READERS = ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] as const satisfies readonly Role[];

export const SPENDING_STATUSES = ['draft', 'submitted', 'reviewed', 'approved', 'paid', 'rejected', 'withdrawn'] as const;
export type SpendingStatus = (typeof SPENDING_STATUSES)[number];
export const SPENDING_STATUS_LABELS: Record<SpendingStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  reviewed: '会计已审核',
  approved: '主席已审批',
  paid: '已支付',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

const isoDate = isoDateField;
const fen = (label: string) =>
  z
    .number({ error: `${label}必须是数字（单位：分）` })
    .int(`${label}必须是以“分”为单位的整数`)
    .refine((n) => Number.isSafeInteger(n) && n >= 0, `${label}不能为负`)
    .describe(label);
const text = (label: string, max: number) => z.string({ error: `请输入${label}` }).trim().max(max, `${label}最多 ${max} 个字`).describe(label);
const requestId = z.number({ error: '缺少申请编号' }).int().positive().describe('申请编号');
const year = yearField('年度');

// The engine's lists (core/spending/model.ts) repeated as literals: the contract imports nothing from the core.
export const SPENDING_TYPE_VALUES = [
  '节日慰问', '生日慰问', '结婚', '生育', '住院', '会员或直系亲属去世', '退休', '困难帮扶', '送温暖', '金秋助学',
  '文体活动', '春秋游', '观影', '疗休养', '劳动竞赛', '职工教育', '宣传活动', '培训', '会议', '设备购置',
  '对外借款', '对外担保', '对外投资', '其他',
] as const;
export const PAYMENT_METHOD_VALUES = [
  '银行转账', '公务卡', '现金', '实物', '纪念品', '购物卡', '储值卡', '礼品卡', '代金券', '蛋糕券', '提货券', '指定商家券',
] as const;
export const BENEFIT_FORM_VALUES = ['现金', '实物', '纪念品', '蛋糕券', '提货券', '指定商家券', '代金券', '购物卡', '储值卡', '礼品卡'] as const;
export const EVIDENCE_KIND_VALUES = [
  '发票', '明细清单', '刷卡小票', '签领表', '活动方案', '参加人员名单', '获奖名单', '会议纪要', '审批单', '事由证明', '转账记录', '保险单', '采购记录', '活动记录', '合同',
] as const;
export type EvidenceKindValue = (typeof EVIDENCE_KIND_VALUES)[number];
const RELATIONS = ['member', 'spouse', 'parent', 'child', 'parent_in_law', 'grandparent', 'sibling', 'other'] as const;
const VENUES = ['internal', 'ordinary', 'high_end'] as const;

const recipient = z.object({
  memberId: z.number({ error: '请选择会员' }).int().positive().describe('会员'),
  amountFen: fen('领取金额'),
  item: text('物品', 100).optional(),
});

const collectiveDecision = z.object({
  minutesNo: text('会议纪要编号', 60).min(1, '请输入会议纪要编号'),
  date: isoDate('会议日期'),
  attendees: z.number().int().min(0).optional().describe('出席人数'),
  votesFor: z.number().int().min(0).optional().describe('赞成票数'),
  /** SHA-256 of an evidence file of kind 会议纪要 already attached to the request. */
  attachmentSha256: z.string().regex(/^[0-9a-f]{64}$/, '会议纪要附件的 SHA-256 格式不正确').optional().describe('会议纪要附件'),
});

/** The type-specific fields the engine reads (model.ts SpendingRequest). */
export const spendingDetails = z.object({
  festival: text('节日', 20).optional(),
  benefitForm: z.enum(BENEFIT_FORM_VALUES, { error: '未知的发放形式' }).optional().describe('发放形式'),
  earmarkRef: text('专项资金项目', 100).optional(),
  activityRef: text('关联活动或审批依据', 100).optional(),
  keywords: z.array(text('关键词', 20)).max(20).optional(),
  hospital: z.object({ surgery: z.boolean(), illness: text('疾病', 60).optional() }).optional(),
  death: z.object({ relation: z.enum(RELATIONS) }).optional(),
  outing: z
    .object({
      days: z.number().int().min(1).max(30),
      destination: text('目的地', 100),
      topUpFen: fen('经费弥补部分'),
      mealFenPerPersonPerDay: fen('餐费标准').optional(),
      bannedScenicArea: z.boolean().optional(),
    })
    .optional(),
  competition: z
    .object({
      participants: z.number().int().min(0),
      tiers: z
        .array(
          z.object({
            name: text('奖项', 30),
            winners: z.number().int().min(0),
            amountFenEach: fen('每份奖品金额'),
            team: z.boolean().optional(),
            souvenir: z.boolean().optional(),
          }),
        )
        .max(20),
    })
    .optional(),
  meeting: z.object({ meals: z.boolean(), venueClass: z.enum(VENUES) }).optional(),
  rest: z.object({ days: z.number().int().min(1), outsideProvince: z.boolean(), participants: z.number().int().min(0), insured: z.boolean() }).optional(),
  venueClass: z.enum(VENUES).optional(),
});
export type SpendingDetails = z.output<typeof spendingDetails>;

export const spendingRequestInput = z.object({
  /** Absent: a new draft. Present: edits that draft. */
  id: requestId.optional(),
  type: z.enum(SPENDING_TYPE_VALUES, { error: '请选择支出事项' }).describe('支出事项'),
  purpose: text('用途说明', 500).min(1, '请填写用途说明'),
  date: isoDate('支出日期'),
  accountCode: z.string({ error: '请选择支出科目' }).regex(/^5\d{2}(\d{2})*$/, '支出科目应为 5 开头的支出类科目（如 50105）').describe('支出科目'),
  amountFen: fen('申请金额').refine((n) => n > 0, '申请金额应大于零'),
  payee: z.object({
    kind: z.enum(['member', 'supplier', 'organisation', 'employer'], { error: '请选择收款方类型' }).describe('收款方类型'),
    name: text('收款方', 100).min(1, '请填写收款方'),
    memberId: z.number().int().positive().optional().describe('收款会员'),
  }),
  paymentMethod: z.enum(PAYMENT_METHOD_VALUES, { error: '请选择支付或发放方式' }).describe('支付方式'),
  /** A budget line id or its text; null when the request draws on no budget line. */
  budgetRef: text('预算项目', 100).nullable().default(null),
  fundSource: z.enum(['own', 'upper_earmark'], { error: '请选择资金来源' }).default('own').describe('资金来源'),
  expenseType: z.enum(['basic', 'project'], { error: '请选择基本支出或项目支出' }).default('basic').describe('支出类型'),
  recipients: z.array(recipient).max(20000).default([]).describe('领取人'),
  collectiveDecision: collectiveDecision.nullable().default(null).describe('集体研究决定'),
  details: spendingDetails.default({}),
  /** 困难帮扶 / 送温暖 / 金秋助学 only: the hardship case (困难职工档案) the aid is paid under; it must be open (建档 / 帮扶). */
  hardshipCaseId: z.number({ error: '困难职工档案编号应为数字' }).int().positive().nullable().default(null).describe('困难职工档案'),
});
export type SpendingRequestInput = z.input<typeof spendingRequestInput>;

// ---------- results ----------

export interface SpendingFinding extends Finding {
  fix: string;
  memberId?: number;
  /** For a warning: the chair's override of its rule, if any. */
  overridden?: { reason: string; by: string; at: string };
}

export interface SpendingCheckRun {
  id: number;
  stage: 'save' | 'submit' | 'review' | 'approve' | 'pay';
  ruleSetVersion: string;
  blocked: boolean;
  checkedBy: string;
  checkedAt: string;
  findings: SpendingFinding[];
}

export interface SpendingStep {
  action: 'create' | 'save' | 'submit' | 'review' | 'approve' | 'decision' | 'pay' | 'unpay' | 'reject' | 'withdraw';
  label: string;
  fromStatus: SpendingStatus | null;
  toStatus: SpendingStatus;
  userId: number;
  user: string;
  at: string;
  note: string | null;
}

export interface SpendingOverride {
  rule: string;
  reason: string;
  userId: number;
  user: string;
  at: string;
}

export interface SpendingEvidence {
  id: number;
  kind: EvidenceKindValue;
  sha256: string;
  filename: string;
  mimeType: string;
  pages: number;
  addedBy: string;
  addedAt: string;
}

export interface SpendingRecipientRow {
  memberId: number;
  name: string;
  employeeNo: string;
  amountFen: number;
  item: string | null;
}

export interface SpendingRequestDetail {
  id: number;
  type: (typeof SPENDING_TYPE_VALUES)[number];
  purpose: string;
  date: string;
  accountCode: string;
  accountName: string;
  amountFen: number;
  payee: { kind: 'member' | 'supplier' | 'organisation' | 'employer'; name: string; memberId: number | null };
  paymentMethod: (typeof PAYMENT_METHOD_VALUES)[number];
  budgetRef: string | null;
  fundSource: 'own' | 'upper_earmark';
  expenseType: 'basic' | 'project';
  details: SpendingDetails;
  /** The hardship case an aid payment references (困难帮扶 / 送温暖 / 金秋助学), else null. */
  hardshipCaseId: number | null;
  recipients: SpendingRecipientRow[];
  evidence: SpendingEvidence[];
  collectiveDecision: { minutesNo: string; date: string; attendees: number | null; votesFor: number | null; attachmentSha256: string | null } | null;
  status: SpendingStatus;
  statusLabel: string;
  requester: { userId: number; name: string };
  createdAt: string;
  updatedAt: string;
  paidOn: string | null;
  voucherId: number | null;
  /** The latest run of the engine (its findings, each warning marked with its override). */
  latestCheck: SpendingCheckRun | null;
  checks: SpendingCheckRun[];
  overrides: SpendingOverride[];
  steps: SpendingStep[];
  /** Evidence the engine asks for at payment (for the form's checklist). */
  requiredEvidence: EvidenceKindValue[];
}

export interface SpendingSummary {
  id: number;
  type: string;
  purpose: string;
  date: string;
  accountCode: string;
  amountFen: number;
  payeeName: string;
  status: SpendingStatus;
  statusLabel: string;
  requester: string;
  blocks: number;
  warnings: number;
  unoverriddenWarnings: number;
  voucherId: number | null;
}

export interface BenefitLine {
  /** BenefitKey of the engine (festival, birthday, …). */
  key: string;
  label: string;
  receivedFen: number;
  count: number;
  /** Per-member per-year cap of the active preset, when it has one. */
  capFen: number | null;
  remainingFen: number | null;
  /** Per-occasion cap, for information. */
  perOccasionFen: number | null;
  entries: { requestId: number; date: string; type: string; festival: string | null; amountFen: number; item: string | null; voucherId: number }[];
}

export interface BenefitRegister {
  memberId: number;
  name: string;
  employeeNo: string;
  year: number;
  presetId: string;
  ruleSetVersion: string;
  lines: BenefitLine[];
  /** Per-festival caps (贵州, 重庆 shapes): received and remaining by festival. */
  festivals: { festival: string; receivedFen: number; capFen: number | null; remainingFen: number | null }[];
  totalFen: number;
}

export interface SpendingSettings {
  majorExpenseThresholdFen: number | null;
  cashThresholdFen: number | null;
  hardshipCollectiveDecision: boolean | null;
  retireeWelfare: 'block' | 'warn' | null;
  budgetEnforcement: 'block' | 'warn' | null;
  minorityFestivals: string[] | null;
}

export interface SpendingPayResult {
  request: SpendingRequestDetail;
  voucher: VoucherDetail;
}

const spendingSettingsInput = z.object({
  /** R-APP ❓: no default; 0 = every expense is decided collectively. null = not set. */
  majorExpenseThresholdFen: fen('重大支出标准').nullable().describe('重大支出集体研究标准（分）'),
  cashThresholdFen: fen('现金结算起点').nullable().describe('现金结算起点（分），空 = 1000 元'),
  hardshipCollectiveDecision: z.boolean().nullable().describe('困难帮扶须集体研究'),
  retireeWelfare: z.enum(['block', 'warn']).nullable().describe('退休会员节日、生日福利'),
  budgetEnforcement: z.enum(['block', 'warn']).nullable().describe('无预算或超预算'),
  minorityFestivals: z.array(text('少数民族节日', 20)).max(20).nullable().describe('少数民族节日'),
});

export const spendingOperations = {
  'spending.save': op<SpendingRequestDetail>()({
    title: '保存支出申请', effect: 'write',
    access: SPENDING_ROLES,
    input: spendingRequestInput,
  }),
  'spending.attach': op<SpendingRequestDetail>()({
    title: '上传支出申请附件', effect: 'write',
    access: SPENDING_ROLES,
    input: z.object({
      requestId,
      kind: z.enum(EVIDENCE_KIND_VALUES, { error: '请选择附件类型' }).describe('附件类型'),
      filename: text('文件名', 200).min(1, '缺少文件名'),
      mimeType: z.enum(ATTACHMENT_MIME_TYPES, { error: `只接受${ATTACHMENT_TYPES_TEXT}` }).describe('文件类型'),
      base64: z.string({ error: '缺少文件内容' }).min(1, '文件为空').max(MAX_ATTACHMENT_BASE64, '单个附件不超过 20 MB').describe('文件内容'),
      pages: z.number().int().min(1).max(999).default(1).describe('页数'),
    }),
  }),
  'spending.submit': op<SpendingRequestDetail>()({
    title: '提交支出申请', effect: 'write',
    access: SPENDING_ROLES,
    input: z.object({ requestId }),
  }),
  'spending.review': op<SpendingRequestDetail>()({
    title: '会计审核支出申请', effect: 'write',
    access: ['supervisor'],
    input: z.object({ requestId, note: text('审核意见', 500).optional() }),
  }),
  'spending.override': op<SpendingRequestDetail>()({
    title: '主席说明理由后接受提示', effect: 'write',
    access: ['chair'],
    input: z.object({
      requestId,
      ruleId: text('规则编号', 30).min(1, '请选择规则'),
      reason: text('理由', 500).min(10, '理由至少 10 个字'),
    }),
  }),
  'spending.recordDecision': op<SpendingRequestDetail>()({
    title: '登记集体研究决定', effect: 'write',
    access: ['chair', 'accountant'],
    input: z.object({ requestId, decision: collectiveDecision }),
  }),
  'spending.approve': op<SpendingRequestDetail>()({
    title: '主席审批支出申请', effect: 'write',
    access: ['chair'],
    input: z.object({ requestId, note: text('审批意见', 500).optional() }),
  }),
  'spending.reject': op<SpendingRequestDetail>()({
    title: '驳回支出申请', effect: 'write',
    access: ['supervisor', 'chair'],
    input: z.object({ requestId, reason: text('驳回理由', 500).min(2, '请填写驳回理由') }),
  }),
  'spending.withdraw': op<SpendingRequestDetail>()({
    title: '撤回支出申请', effect: 'write',
    access: SPENDING_ROLES,
    input: z.object({ requestId, reason: text('撤回原因', 500).optional() }),
  }),
  'spending.pay': op<SpendingPayResult>()({
    title: '出纳支付并生成凭证', effect: 'write',
    access: ['cashier'],
    input: z.object({
      requestId,
      date: isoDate('支付日期'),
      bankOrCashAccountCode: z.string({ error: '请选择付款科目' }).regex(/^10[12]\d*$/, '付款科目应为库存现金（101）或银行存款（102）').describe('付款科目'),
    }),
  }),
  'spending.get': op<SpendingRequestDetail>()({
    title: '查看支出申请', effect: 'read',
    access: SPENDING_READERS,
    input: z.object({ requestId }),
  }),
  'spending.list': op<{ rows: SpendingSummary[]; total: number }>()({
    title: '支出申请列表', effect: 'read',
    access: SPENDING_READERS,
    input: z.object({
      status: z.enum(SPENDING_STATUSES).optional(),
      year: year.optional(),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
  }),
  'spending.benefits': op<BenefitRegister>()({
    title: '会员福利登记簿', effect: 'read',
    access: SPENDING_READERS,
    input: z.object({ memberId: z.number({ error: '请选择会员' }).int().positive(), year }),
  }),
  'spending.settings.get': op<SpendingSettings>()({
    title: '支出标准设置', effect: 'read',
    access: ['admin', ...SPENDING_READERS],
    input: z.object({}),
  }),
  'spending.settings.update': op<SpendingSettings>()({
    title: '修改支出标准设置', effect: 'write',
    access: ['admin'],
    input: spendingSettingsInput,
  }),
} as const;
