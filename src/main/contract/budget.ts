// Contract: budgets (预算) — 年初预算, 调整 and 决算 (review-and-disclosure.md §5–§6; scenario S1).
// A budget is kept per fiscal year in versions: 0 = 年初预算, 1, 2 … = 调整. Each version is a draft
// until the approvals the settings require (工会委员会 → 经费审查委员会 → 上级工会, ◐ 河南 实施办法
// 第三条) are recorded; approving freezes it. Actuals come from POSTED vouchers, closing vouchers
// (结转) excluded, so they agree with the 收入支出表 (工会02表). Amounts are integer 分; 完成率 is in
// basis points (1/100 of a percent: 11371 = 113.71 %), formatted only for display.
import { z } from 'zod';
import { isoDateField, yearField } from './fields';
import { op, type FileResult } from './op';
import type { Role } from './roles';

export const BUDGET_READERS = ['accountant', 'supervisor', 'chair', 'reviewer'] as const satisfies readonly Role[];
export const BUDGET_PREPARERS = ['accountant', 'supervisor'] as const satisfies readonly Role[];
export const BUDGET_APPROVERS = ['supervisor', 'chair'] as const satisfies readonly Role[];

/** The approval chain, in order (review-and-disclosure.md §6). */
export const BUDGET_STAGES = ['committee', 'review', 'upper'] as const;
export type BudgetStage = (typeof BUDGET_STAGES)[number];
export const BUDGET_STAGE_LABELS: Record<BudgetStage, string> = {
  committee: '工会委员会',
  review: '经费审查委员会',
  upper: '上级工会',
};
/** approved: 审查同意 / 批准; filed: 备案 (Fujian: "审批或备案"); returned: 退回修改. */
export const BUDGET_DECISIONS = ['approved', 'filed', 'returned'] as const;
export type BudgetDecision = (typeof BUDGET_DECISIONS)[number];
export const BUDGET_DECISION_LABELS: Record<BudgetDecision, string> = { approved: '同意', filed: '备案', returned: '退回' };

export const BUDGET_TABLES = ['initial', 'adjustment', 'final'] as const;
export type BudgetTable = (typeof BUDGET_TABLES)[number];
export const BUDGET_TABLE_TITLES: Record<BudgetTable, string> = {
  initial: '工会经费收支预算表',
  adjustment: '工会经费收支预算表（调整）',
  final: '工会经费收支决算表',
};

const year = yearField('预算年度');
const version = z.number({ error: '请选择预算版本' }).int('预算版本应为整数').min(0, '预算版本不能为负').describe('预算版本');
const isoDate = isoDateField('日期');
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined || s === null || s === '' ? null : s))
    .describe(label);

export const budgetLineInput = z.object({
  accountCode: z
    .string({ error: '请选择预算科目' })
    .regex(/^[45]\d{2}(\d{2})*$/, '预算科目应为收入类（4xx）或支出类（5xx）科目')
    .describe('预算科目'),
  /** 基本支出 / 项目支出 (2019 预算管理办法; expenditure lines only); null: not split. */
  expenseType: z.enum(['basic', 'project'], { error: '支出类型应为基本支出或项目支出' }).nullable().optional().describe('支出类型'),
  project: optionalText(40, '项目'),
  amountFen: z
    .number({ error: '预算金额必须是数字（单位：分）' })
    .int('预算金额必须是以“分”为单位的整数')
    .min(0, '预算金额不能为负')
    .refine((n) => Number.isSafeInteger(n), '预算金额过大')
    .describe('预算金额'),
  note: optionalText(200, '说明'),
});
export type BudgetLineInput = z.input<typeof budgetLineInput>;

export const budgetSettingsSchema = z.object({
  /** Stages whose approval is required before a version may be approved; default the whole chain. */
  requiredStages: z
    .array(z.enum(BUDGET_STAGES, { error: '未知的审批环节' }))
    .min(1, '至少需要一个审批环节')
    .describe('预算须经的审批环节'),
  /** Warn when an expenditure line has used this share of its budget (basis points; 9000 = 90 %). */
  nearWarnBp: z.number().int('预警比例应为整数（万分比）').min(1, '预警比例至少 0.01%').max(10_000, '预警比例不超过 100%').describe('预算执行预警线（万分比）'),
  /** Adjustments allowed per year (◐ Anhui 2025: at most one). */
  maxAdjustments: z.number().int('每年调整次数应为整数').min(0, '每年调整次数不能为负').max(12, '每年调整次数最多 12 次').describe('每年预算调整次数上限'),
});
export type BudgetSettings = z.infer<typeof budgetSettingsSchema>;

// ---------- results ----------

export type BudgetElement = 'revenue' | 'expenditure';
export type BudgetStatus = 'draft' | 'approved';

export interface BudgetLineKey {
  accountCode: string;
  expenseType: 'basic' | 'project' | null;
  project: string | null;
}

export interface BudgetLineView extends BudgetLineKey {
  lineNo: number;
  accountName: string;
  /** "职工活动支出——慰问品（项目支出·送温暖）". */
  label: string;
  element: BudgetElement;
  amountFen: number;
  note: string | null;
  /** The same line's actual in the previous year (上年决算数); null before the books began. */
  previousActualFen: number | null;
}

export interface BudgetApprovalView {
  id: number;
  stage: BudgetStage;
  stageLabel: string;
  decision: BudgetDecision;
  decisionLabel: string;
  date: string;
  documentNo: string;
  attachmentSha256: string | null;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface BudgetVersionSummary {
  version: number;
  /** 年初预算 / 第1次调整 … */
  label: string;
  status: BudgetStatus;
  reason: string | null;
  effectiveDate: string | null;
}

export interface BudgetView {
  year: number;
  /** null: no budget yet for the year (lines empty; saveDraft creates version 0). */
  version: number | null;
  label: string;
  status: BudgetStatus | null;
  reason: string | null;
  effectiveDate: string | null;
  lines: BudgetLineView[];
  totals: { revenueFen: number; expenditureFen: number; previousRevenueFen: number | null; previousExpenditureFen: number | null };
  approvals: BudgetApprovalView[];
  requiredStages: BudgetStage[];
  /** Required stages without an approving record, in chain order. */
  missingStages: BudgetStage[];
  versions: BudgetVersionSummary[];
  /** Approvals recorded on the draft that a change of its lines withdrew (saveDraft only). */
  approvalsWithdrawn: number;
}

export interface BudgetRate {
  /** actual ÷ budget in basis points (11371 = 113.71 %), half away from zero; null when the budget is 0. */
  rateBp: number | null;
  /** "113.71%" or "—". */
  rateText: string;
}

export interface ExecutionLine extends BudgetLineKey, BudgetRate {
  lineNo: number | null; // null: an account with actuals and no budget line (未列入预算)
  accountName: string;
  label: string;
  element: BudgetElement;
  budgetFen: number;
  actualFen: number;
  /** budget − actual. */
  remainingFen: number;
  warning: 'near' | 'over' | 'unbudgeted' | null;
}

export interface ExecutionTotal extends BudgetRate {
  budgetFen: number;
  actualFen: number;
  remainingFen: number;
}

export interface BudgetWarning {
  lineNo: number | null;
  accountCode: string;
  level: 'near' | 'over' | 'unbudgeted';
  message: string;
}

export interface BudgetExecution {
  unionName: string;
  year: number;
  asOf: string;
  budgetVersion: number;
  budgetLabel: string;
  lines: ExecutionLine[];
  totals: { revenue: ExecutionTotal; expenditure: ExecutionTotal; surplusBudgetFen: number; surplusActualFen: number };
  warnings: BudgetWarning[];
  nearWarnBp: number;
}

export interface FinalAccounts extends BudgetExecution {
  /** 上年结转结余 (321 + 322 at the start of the year) and 年末结转结余. */
  openingFundsFen: number;
  closingFundsFen: number;
}

export interface BudgetRoom {
  budgetFen: number;
  usedFen: number;
  remainingFen: number;
}

const exportOutput = {
  format: z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式'),
  paper: z.enum(['A4', 'A3'], { error: '纸张应为 A4 或 A3' }).optional().describe('纸张'),
  orientation: z.enum(['portrait', 'landscape'], { error: '方向应为纵向或横向' }).optional().describe('打印方向'),
};

export const budgetOperations = {
  'budget.get': op<BudgetView>()({
    title: '查看预算', effect: 'read',
    access: BUDGET_READERS,
    input: z.object({ year, version: version.optional() }),
  }),
  'budget.saveDraft': op<BudgetView>()({
    title: '保存预算草稿', effect: 'write',
    access: BUDGET_PREPARERS,
    input: z.object({ year, lines: z.array(budgetLineInput).max(500, '预算最多 500 行').describe('预算明细') }),
  }),
  'budget.recordApproval': op<BudgetView>()({
    title: '登记预算审批', effect: 'write',
    access: BUDGET_APPROVERS,
    input: z.object({
      year,
      version,
      stage: z.enum(BUDGET_STAGES, { error: '请选择审批环节' }).describe('审批环节'),
      decision: z.enum(BUDGET_DECISIONS, { error: '请选择审批意见' }).default('approved').describe('审批意见'),
      date: isoDate.describe('审批日期'),
      documentNo: z.string({ error: '请输入文号或会议纪要编号' }).trim().min(1, '请输入文号或会议纪要编号').max(60, '文号最多 60 个字').describe('文号'),
      attachmentSha256: z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[0-9a-f]{64}$/, '附件校验值应为 64 位十六进制 SHA-256')
        .nullable()
        .optional()
        .describe('附件 SHA-256'),
      note: optionalText(200, '备注'),
    }),
  }),
  'budget.approve': op<BudgetView>()({
    title: '批准预算', effect: 'write',
    access: BUDGET_APPROVERS,
    input: z.object({ year, version }),
  }),
  'budget.startAdjustment': op<BudgetView>()({
    title: '编制预算调整', effect: 'write',
    access: BUDGET_PREPARERS,
    input: z.object({ year, reason: z.string({ error: '请输入调整原因' }).trim().min(2, '请输入调整原因').max(200, '调整原因最多 200 个字').describe('调整原因') }),
  }),
  'budget.execution': op<BudgetExecution>()({
    title: '预算执行情况', effect: 'read',
    access: BUDGET_READERS,
    input: z.object({
      year,
      asOf: z
        .string({ error: '请输入截止日期或月份' })
        .regex(/^\d{4}-\d{2}(-\d{2})?$/, '截止日期应为 YYYY-MM-DD 或 YYYY-MM')
        .optional()
        .describe('截止日期'),
    }),
  }),
  'budget.finalAccounts': op<FinalAccounts>()({
    title: '预算决算表', effect: 'read',
    access: BUDGET_READERS,
    input: z.object({ year }),
  }),
  'budget.export': op<FileResult>()({
    title: '打印或导出预算表', effect: 'read',
    access: BUDGET_READERS,
    input: z.object({
      table: z.enum(BUDGET_TABLES, { error: '请选择预算表' }).describe('预算表'),
      year,
      /** initial / adjustment: the version to print (default: 0 / the latest adjustment). */
      version: version.optional(),
      ...exportOutput,
    }),
  }),
  'budget.settings.get': op<BudgetSettings>()({
    title: '查看预算设置', effect: 'read',
    access: [...BUDGET_READERS, 'admin'],
    input: z.object({}),
  }),
  'budget.settings.update': op<BudgetSettings>()({
    title: '修改预算设置', effect: 'write',
    access: ['admin'],
    input: budgetSettingsSchema,
  }),
} as const;
