// Contract: batch distributions with their 签领表 (scenarios S10, S14; issue 5 "Batch distributions")
// and the hardship files (困难职工档案, S5, S4, S11; spending-rules.md §5.2, CHK-PRIV-1).
// Amounts are integer 分 everywhere.
//
// spending.batch.prepare builds ONE draft expense request through spending.save's path, so the
// compliance engine checks it like any other (R-RET for retirees, caps, CHK-FREQ-1 …).
// spending.rosterPrint prints the internal sign-off roster with real names; for aid requests
// (困难帮扶 / 送温暖 / 金秋助学, or any request referencing a hardship case) only the users who may see
// the hardship files may print it.
//
// Hardship files are visible only to the chair and to the users the administrator grants
// (hardship.access.update); everyone else gets FORBIDDEN from the handler itself, whatever their role.
// hardship.summary gives aggregates only (户 / 人 / 人次 / 元, no names) for the disclosure.
import { z } from 'zod';
import { isoDateField, yearField } from './fields';
import { op, type FileResult } from './op';
import type { Role } from './roles';
import { PAYMENT_METHOD_VALUES, BENEFIT_FORM_VALUES, SPENDING_READERS, SPENDING_ROLES, type SpendingFinding, type SpendingRequestDetail } from './spending';

const isoDate = isoDateField;
const text = (label: string, max: number) => z.string({ error: `请输入${label}` }).trim().max(max, `${label}最多 ${max} 个字`).describe(label);
const year = yearField('年度');
const caseId = z.number({ error: '缺少档案编号' }).int().positive().describe('档案编号');

// ---------- batch distributions ----------

export const BATCH_KINDS = ['festival_all_active', 'birthday_month', 'retiree_visit'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];
export const BATCH_KIND_LABELS: Record<BatchKind, string> = {
  festival_all_active: '节日慰问（全体在职会员）',
  birthday_month: '生日慰问（本月生日会员）',
  retiree_visit: '走访慰问退休会员',
};

export interface BatchPrepareResult {
  request: SpendingRequestDetail;
  /** The findings of the engine's run at save (the same as request.latestCheck.findings). */
  findings: SpendingFinding[];
  recipientCount: number;
}

// ---------- hardship files ----------

export const HARDSHIP_STATUSES = ['建档', '帮扶', '脱困退出', '注销'] as const;
export type HardshipStatus = (typeof HARDSHIP_STATUSES)[number];
export const HARDSHIP_OPEN_STATUSES = ['建档', '帮扶'] as const satisfies readonly HardshipStatus[];
/** The lifecycle: 建档 → 帮扶 → 脱困退出 / 注销 (a case filed in error may be cancelled at once). */
export const HARDSHIP_TRANSITIONS: Record<HardshipStatus, readonly HardshipStatus[]> = {
  建档: ['帮扶', '注销'],
  帮扶: ['脱困退出', '注销'],
  脱困退出: [],
  注销: [],
};
/** Reason codes (S5: 「单亲家庭、因病因灾致困」). */
export const HARDSHIP_REASONS = ['单亲家庭', '因病致困', '因灾致困', '因残致困', '子女就学', '下岗失业', '意外事故', '收入低于当地标准', '其他'] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];
/** The spending types that are aid payments and may reference a case. */
export const HARDSHIP_AID_TYPES = ['困难帮扶', '送温暖', '金秋助学'] as const;

/** Roles that may be granted the hardship files (the handler then checks chair or grant). */
export const HARDSHIP_READ_ROLES = ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] as const satisfies readonly Role[];
export const HARDSHIP_WRITE_ROLES = ['accountant', 'supervisor', 'cashier', 'chair'] as const satisfies readonly Role[];

export interface HardshipStep {
  fromStatus: HardshipStatus | null;
  toStatus: HardshipStatus;
  date: string;
  reason: string;
  user: string;
  at: string;
}

export interface HardshipCaseSummary {
  id: number;
  memberId: number;
  name: string;
  employeeNo: string;
  group: string | null;
  householdSize: number;
  reasons: HardshipReason[];
  status: HardshipStatus;
  openedOn: string;
  closedOn: string | null;
  /** Aid requests referencing the case that were paid (any year). */
  aidCount: number;
  aidFen: number;
}

export interface HardshipCaseDetail extends HardshipCaseSummary {
  notes: string | null;
  steps: HardshipStep[];
  aid: { requestId: number; type: string; date: string; amountFen: number; status: string; statusLabel: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface HardshipSummary {
  year: number;
  /** 户: distinct cases aided by paid requests dated in the year. */
  households: number;
  /** 人: distinct members who received aid (recipients, or the member payee). */
  persons: number;
  /** 人次: recipient lines. */
  personTimes: number;
  totalFen: number;
  byType: { type: string; requests: number; personTimes: number; totalFen: number }[];
  /** Aid requests of the year that reference no case (to be checked before disclosure). */
  unlinkedRequests: number;
  cases: { openedInYear: number; exitedInYear: number; cancelledInYear: number; openAtYearEnd: number };
}

export interface HardshipAccess {
  /** Users granted the hardship files besides the chair. */
  users: { userId: number; username: string; displayName: string }[];
}

const reasons = z
  .array(z.enum(HARDSHIP_REASONS, { error: `致困原因只能是：${HARDSHIP_REASONS.join('、')}` }))
  .min(1, '请至少选择一项致困原因')
  .max(HARDSHIP_REASONS.length)
  .describe('致困原因');
const householdSize = z.number({ error: '家庭人口应为数字' }).int('家庭人口应为整数').min(1, '家庭人口至少 1 人').max(30, '家庭人口最多 30 人').describe('家庭人口');

export const distributionsOperations = {
  'spending.batch.prepare': op<BatchPrepareResult>()({
    title: '批量发放：生成支出申请', effect: 'write',
    access: SPENDING_ROLES,
    input: z.object({
      kind: z.enum(BATCH_KINDS, { error: '请选择发放类型' }).describe('发放类型'),
      date: isoDate('发放日期'),
      festival: text('节日', 20).min(1, '请填写节日').optional(),
      month: z.number({ error: '月份应为数字' }).int().min(1, '月份为 1–12').max(12, '月份为 1–12').optional().describe('生日月份'),
      amountPerPersonFen: z.number({ error: '每人金额必须是数字（单位：分）' }).int('每人金额必须是以“分”为单位的整数').positive('每人金额应大于零').describe('每人金额'),
      item: text('物品', 100).min(1, '请填写物品'),
      paymentMethod: z.enum(PAYMENT_METHOD_VALUES, { error: '请选择支付或发放方式' }).describe('支付方式'),
      benefitForm: z.enum(BENEFIT_FORM_VALUES, { error: '未知的发放形式' }).optional().describe('发放形式'),
      account: z.string({ error: '请选择支出科目' }).regex(/^5\d{2}(\d{2})*$/, '支出科目应为 5 开头的支出类科目（如 50105）').default('50105').describe('支出科目'),
      /** The supplier paid for the goods; absent: 待定 (edit the draft before submitting). */
      payeeName: text('收款方', 100).min(1).optional(),
      budgetRef: text('预算项目', 100).nullable().default(null),
      purpose: text('用途说明', 500).min(1).optional(),
    }),
  }),
  'spending.rosterPrint': op<FileResult>()({
    title: '打印签领表', effect: 'read',
    access: SPENDING_READERS,
    input: z.object({
      requestId: z.number({ error: '缺少申请编号' }).int().positive().describe('申请编号'),
      format: z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式'),
    }),
  }),
  'hardship.list': op<{ rows: HardshipCaseSummary[]; total: number }>()({
    title: '困难职工档案列表', effect: 'read',
    access: HARDSHIP_READ_ROLES,
    // strict: an unknown field is refused (nothing here is required).
    input: z.strictObject({
      status: z.enum(HARDSHIP_STATUSES, { error: '未知的档案状态' }).optional().describe('档案状态'),
      openOnly: z.boolean().optional().describe('只看在档（建档、帮扶）'),
    }),
  }),
  'hardship.get': op<HardshipCaseDetail>()({
    title: '查看困难职工档案', effect: 'read',
    access: HARDSHIP_READ_ROLES,
    input: z.object({ caseId }),
  }),
  'hardship.open': op<HardshipCaseDetail>()({
    title: '建立困难职工档案', effect: 'write',
    access: HARDSHIP_WRITE_ROLES,
    input: z.object({
      memberId: z.number({ error: '请选择会员' }).int().positive().describe('会员'),
      date: isoDate('建档日期'),
      householdSize,
      reasons,
      notes: text('备注', 1000).optional(),
    }),
  }),
  'hardship.update': op<HardshipCaseDetail>()({
    title: '修改困难职工档案', effect: 'write',
    access: HARDSHIP_WRITE_ROLES,
    input: z.object({ caseId, householdSize: householdSize.optional(), reasons: reasons.optional(), notes: text('备注', 1000).nullable().optional() }),
  }),
  'hardship.transition': op<HardshipCaseDetail>()({
    title: '变更困难职工档案状态', effect: 'write',
    access: HARDSHIP_WRITE_ROLES,
    input: z.object({
      caseId,
      to: z.enum(HARDSHIP_STATUSES, { error: '未知的档案状态' }).describe('新状态'),
      date: isoDate('变更日期'),
      reason: text('原因', 500).min(2, '请填写变更原因'),
    }),
  }),
  'hardship.summary': op<HardshipSummary>()({
    title: '困难帮扶统计（户、人、人次）', effect: 'read',
    access: SPENDING_READERS,
    input: z.object({ year }),
  }),
  'hardship.mayRead': op<{ mayRead: boolean }>()({
    title: '本人能否查看困难职工档案', effect: 'read',
    access: ['admin', ...SPENDING_READERS],
    input: z.object({}),
  }),
  'hardship.access.get': op<HardshipAccess>()({
    title: '查看困难职工档案授权', effect: 'read',
    access: ['admin', 'chair'],
    input: z.object({}),
  }),
  'hardship.access.update': op<HardshipAccess>()({
    title: '设置困难职工档案授权', effect: 'write',
    access: ['admin'],
    input: z.object({ userIds: z.array(z.number().int().positive()).max(50, '最多授权 50 个用户').describe('授权用户') }),
  }),
} as const;
