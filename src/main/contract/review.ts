// Contract: the funding-review committee's workspace (经审会; review-and-disclosure.md §1–§4; scenarios
// S1, S15). 工会法 第四十五条: "各级工会经费收支情况应当由同级工会经费审查委员会审查". The reviewer (经审委员)
// reads everything and writes only what is the committee's own: voucher samples, findings with their
// follow-up (整改), and the 工资总额 obtained from the employer to check the 2 % levy. The chair reads.
// Amounts are integer 分.
import { z } from 'zod';
import { fenField, yearField } from './fields';
import { op, type FileResult } from './op';
import type { Role } from './roles';

export const REVIEW_READERS = ['reviewer', 'chair'] as const satisfies readonly Role[];
/** Only the committee writes its own records (README: 经审委员 "只读查阅全部账务，仅可登记审查意见"). */
export const REVIEW_WRITERS = ['reviewer'] as const satisfies readonly Role[];

export const FINDING_SEVERITIES = ['general', 'important', 'major'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
export const FINDING_SEVERITY_LABELS: Record<FindingSeverity, string> = { general: '一般', important: '重要', major: '重大' };

export const FINDING_STATUSES = ['open', 'in_progress', 'resolved'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = { open: '未整改', in_progress: '整改中', resolved: '已整改' };

/** The prepared schedules (专项审查表), in the order they print (review-and-disclosure.md §3 "focus of the audit"). */
export const SCHEDULE_KEYS = ['compliance', 'evidence', 'levy', 'dues', 'bank', 'assets', 'budget'] as const;
export type ScheduleKey = (typeof SCHEDULE_KEYS)[number];
export const SCHEDULE_TITLES: Record<ScheduleKey, string> = {
  compliance: '支出合规检查与主席特批情况表',
  evidence: '原始凭证及审批手续缺失情况表',
  levy: '拨缴经费收取与上缴情况表',
  dues: '会费收缴情况表',
  bank: '现金与银行存款对账情况表',
  assets: '固定资产情况表',
  budget: '预算执行情况表',
};

const year = yearField('审查年度');
const fen = fenField;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
    .transform((s) => (s === undefined || s === null || s === '' ? null : s))
    .describe(label);
const voucherId = z.number({ error: '缺少凭证编号' }).int().positive().describe('凭证编号');

/** A stratum of the amount range: vouchers with minFen ≤ amount < maxFen (maxFen null: up to the threshold). */
export const stratumInput = z.object({
  minFen: fen('分层下限').pipe(z.number().min(0, '分层下限不能为负')),
  maxFen: fen('分层上限').pipe(z.number().positive('分层上限应大于 0')).nullable(),
  size: z.number({ error: '请输入抽取张数' }).int('抽取张数应为整数').min(0, '抽取张数不能为负').max(500, '每层最多抽取 500 张').describe('抽取张数'),
});
export type StratumInput = z.infer<typeof stratumInput>;

/** Sensible defaults: below 1,000 元, 1,000–10,000 元, 10,000 元 up to the threshold (50,000 元). */
export const DEFAULT_THRESHOLD_FEN = 5_000_000;
export const DEFAULT_STRATA: readonly StratumInput[] = [
  { minFen: 0, maxFen: 100_000, size: 5 },
  { minFen: 100_000, maxFen: 1_000_000, size: 10 },
  { minFen: 1_000_000, maxFen: null, size: 10 },
];
/** The seed is a 31-bit integer so it can be read out, written down and typed back in. */
export const MAX_SEED = 2_147_483_647;

// ---------- results ----------

export interface SampleItem {
  voucherId: number;
  /** 记-12 */
  voucherNo: string;
  date: string;
  summary: string;
  amountFen: number;
  /** -1: over the threshold (always included); otherwise the stratum's index. */
  stratum: number;
  stratumLabel: string;
  attachments: number;
}

export interface SampleStratum extends StratumInput {
  label: string;
  /** Vouchers of the population in this stratum. */
  populationCount: number;
  populationFen: number;
  drawn: number;
  drawnFen: number;
}

export interface SampleView {
  id: number;
  year: number;
  seed: number;
  thresholdFen: number;
  strata: SampleStratum[];
  /** The over-threshold group (always included in full). */
  overThreshold: { count: number; amountFen: number };
  populationCount: number;
  populationFen: number;
  populationSha256: string;
  /** The year's posted vouchers no longer match what was drawn from (a voucher posted since). */
  populationChanged: boolean;
  note: string | null;
  createdBy: string;
  createdAt: string;
  items: SampleItem[];
}

export interface SampleSummary {
  id: number;
  year: number;
  seed: number;
  thresholdFen: number;
  itemCount: number;
  populationCount: number;
  createdBy: string;
  createdAt: string;
}

export interface FindingEvent {
  fromStatus: FindingStatus | null;
  toStatus: FindingStatus;
  toStatusLabel: string;
  note: string;
  by: string;
  at: string;
}

export interface FindingVoucherRef {
  voucherId: number;
  voucherNo: string;
  date: string;
  summary: string;
  amountFen: number;
}

export interface ReviewFinding {
  id: number;
  year: number;
  severity: FindingSeverity;
  severityLabel: string;
  title: string;
  description: string;
  recommendation: string | null;
  owner: string | null;
  dueDate: string | null;
  status: FindingStatus;
  statusLabel: string;
  sampleId: number | null;
  vouchers: FindingVoucherRef[];
  events: FindingEvent[];
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export type ScheduleColumnKind = 'text' | 'money' | 'count';
export interface ScheduleColumn {
  header: string;
  kind: ScheduleColumnKind;
  width?: number;
}
export interface ScheduleRow {
  cells: (string | number | null)[];
  bold?: boolean;
  /** A row the reviewer should look at (a problem); shown highlighted. */
  flagged?: boolean;
  /** The voucher the row is about (opens it read-only). */
  voucherId?: number;
}
export interface ScheduleTable {
  key: ScheduleKey;
  title: string;
  columns: ScheduleColumn[];
  rows: ScheduleRow[];
  notes: string[];
  /** Named figures of the schedule (分 or counts), for the report and for checking against the ledger. */
  figures: Record<string, number>;
}

export interface ReviewSchedules {
  unionName: string;
  year: number;
  tables: ScheduleTable[];
}

export interface LevyBase {
  voucherId: number;
  payrollBaseFen: number;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

// ---------- operations ----------

export const reviewOperations = {
  'review.samples.list': op<SampleSummary[]>()({
    title: '抽样记录', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({ year: year.optional() }),
  }),
  'review.samples.get': op<SampleView>()({
    title: '查看抽样', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({ id: z.number({ error: '缺少抽样编号' }).int().positive().describe('抽样编号') }),
  }),
  'review.samples.draw': op<SampleView>()({
    title: '凭证抽样', effect: 'write',
    access: REVIEW_WRITERS,
    input: z.object({
      year,
      /** Omitted: a fresh random seed is chosen and recorded. */
      seed: z
        .number({ error: '随机种子应为整数' })
        .int('随机种子应为整数')
        .min(0, '随机种子不能为负')
        .max(MAX_SEED, `随机种子最大为 ${MAX_SEED}`)
        .optional()
        .describe('随机种子'),
      thresholdFen: fen('必抽金额').pipe(z.number().positive('必抽金额应大于 0')).default(DEFAULT_THRESHOLD_FEN),
      strata: z
        .array(stratumInput)
        .min(1, '至少需要一个分层')
        .max(10, '最多 10 个分层')
        .default(() => DEFAULT_STRATA.map((s) => ({ ...s })))
        .describe('金额分层'),
      note: optionalText(200, '备注'),
    }),
  }),
  /** The sample as a working paper (抽样清单) with a blank 审查意见 column, to PDF or Excel. */
  'review.samples.export': op<FileResult>()({
    title: '打印或导出抽样清单', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({
      id: z.number({ error: '缺少抽样编号' }).int().positive().describe('抽样编号'),
      format: z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式'),
    }),
  }),
  'review.findings.list': op<ReviewFinding[]>()({
    title: '审查问题列表', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({ year: year.optional(), status: z.enum(FINDING_STATUSES).optional().describe('整改状态') }),
  }),
  'review.findings.save': op<ReviewFinding>()({
    title: '登记审查问题', effect: 'write',
    access: REVIEW_WRITERS,
    input: z.object({
      id: z.number().int().positive().optional().describe('问题编号'),
      year,
      severity: z.enum(FINDING_SEVERITIES, { error: '请选择问题性质（一般、重要、重大）' }).describe('问题性质'),
      title: z.string({ error: '请输入问题标题' }).trim().min(2, '请输入问题标题').max(80, '问题标题最多 80 个字').describe('问题标题'),
      description: z.string({ error: '请描述问题' }).trim().min(2, '请描述问题').max(2000, '问题描述最多 2000 个字').describe('问题描述'),
      recommendation: optionalText(1000, '审查建议'),
      owner: optionalText(40, '整改责任人'),
      dueDate: isoDate.nullable().optional().describe('整改期限'),
      voucherIds: z.array(voucherId).max(200, '最多关联 200 张凭证').default([]).describe('涉及凭证'),
      sampleId: z.number().int().positive().nullable().optional().describe('抽样编号'),
    }),
  }),
  'review.findings.setStatus': op<ReviewFinding>()({
    title: '登记整改情况', effect: 'write',
    access: REVIEW_WRITERS,
    input: z.object({
      id: z.number({ error: '缺少问题编号' }).int().positive().describe('问题编号'),
      status: z.enum(FINDING_STATUSES, { error: '请选择整改状态' }).describe('整改状态'),
      note: z.string({ error: '请填写整改情况说明' }).trim().min(2, '请填写整改情况说明').max(1000, '整改情况说明最多 1000 个字').describe('整改情况说明'),
    }),
  }),
  'review.schedules': op<ReviewSchedules>()({
    title: '专项审查表', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({ year }),
  }),
  'review.schedules.export': op<FileResult>()({
    title: '打印或导出专项审查表', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({
      year,
      format: z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式'),
      /** One schedule; omitted: all of them (Excel: one sheet each). */
      key: z.enum(SCHEDULE_KEYS).optional().describe('审查表'),
    }),
  }),
  'review.levyBases.list': op<LevyBase[]>()({
    title: '工资总额登记', effect: 'read',
    access: REVIEW_READERS,
    input: z.object({ year }),
  }),
  'review.levyBases.save': op<LevyBase | null>()({
    title: '登记工资总额', effect: 'write',
    access: REVIEW_WRITERS,
    input: z.object({
      voucherId,
      /** null: remove what was recorded for the voucher. */
      payrollBaseFen: fen('工资总额').pipe(z.number().positive('工资总额应大于 0')).nullable(),
      note: optionalText(200, '来源说明'),
    }),
  }),
} as const;
