// Contract: public disclosure (经费收支情况公示), review-and-disclosure.md §7 and §7.1; scenario S15.
// For a chosen period (the year by default, a half-year or a quarter: setting `disclosure.frequency`,
// §7 "Frequency"), the disclosure table on the 02表 rows (项目 | 本期金额 | 本年预算 | 执行率% | 上年同期 |
// 说明), computed from the posted books. Privacy by default (CHK-PRIV-1, 个人信息保护法 第二十五、
// 二十八、二十九条): hardship aid (困难帮扶), 送温暖 and condolence money (慰问) are shown only as totals
// with headcounts in 人 / 人次 / 户, never with a recipient's name, ID number or bank account.
// Each publication (发布) is an immutable snapshot (content JSON + SHA-256), so what was posted can be
// shown and re-printed later. Amounts are integer 分.
import { z } from 'zod';
import { yearField } from './fields';
import { op, type FileResult } from './op';
import type { Role } from './roles';

/** Who may compute, preview, print and export the table. */
export const DISCLOSURE_PREPARERS = ['accountant', 'supervisor', 'chair'] as const satisfies readonly Role[];
/** Who may read the publications (the 经审会 reads what was posted). */
export const DISCLOSURE_READERS = ['accountant', 'supervisor', 'chair', 'reviewer'] as const satisfies readonly Role[];
/**
 * Who publishes: the disclosure is the union committee's report to its members, signed for the
 * committee (§7 fixture "signed by the union committee"; §8 footer 工会主席 first; 工会法 第四十五条),
 * so the 工会主席 approves its publication; the accountant and the supervisor prepare it.
 */
export const DISCLOSURE_PUBLISHERS = ['chair'] as const satisfies readonly Role[];

export const DISCLOSURE_KINDS = ['year', 'half', 'quarter'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, string> = { year: '年度', half: '半年', quarter: '季度' };

export const DISCLOSURE_LAYOUTS = ['A4-portrait', 'A3-landscape'] as const;
export type DisclosureLayout = (typeof DISCLOSURE_LAYOUTS)[number];
export const DISCLOSURE_LAYOUT_LABELS: Record<DisclosureLayout, string> = { 'A4-portrait': 'A4 纵向', 'A3-landscape': 'A3 横向' };

export const DISCLOSURE_PLACES = ['公示栏', '内网', '网站', '会员代表大会'] as const;
export type DisclosurePlace = (typeof DISCLOSURE_PLACES)[number];

const year = yearField('公示年度');

export const disclosurePeriod = z
  .object({
    year,
    kind: z.enum(DISCLOSURE_KINDS, { error: '公示期间应为年度、半年或季度' }).default('year').describe('公示期间'),
    /** half: 1 = 上半年, 2 = 下半年; quarter: 1–4; year: ignored. */
    part: z.number({ error: '请选择半年或季度' }).int('半年或季度应为整数').min(1, '半年或季度从 1 开始').max(4, '季度最多为 4').optional().describe('半年或季度'),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'half' && (v.part === undefined || v.part > 2)) ctx.addIssue({ code: 'custom', path: ['part'], message: '请选择上半年（1）或下半年（2）' });
    if (v.kind === 'quarter' && v.part === undefined) ctx.addIssue({ code: 'custom', path: ['part'], message: '请选择第几季度（1–4）' });
  });
export type DisclosurePeriodInput = z.input<typeof disclosurePeriod>;

const opinion = z
  .string()
  .trim()
  .max(300, '经审会审查意见最多 300 个字')
  .nullable()
  .optional()
  .transform((s) => (s === undefined || s === null || s === '' ? null : s))
  .describe('经审会审查意见');

const layout = z.enum(DISCLOSURE_LAYOUTS, { error: '版式应为 A4 纵向或 A3 横向' }).default('A4-portrait').describe('版式');
const format = z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式');

// ---------- results ----------

/** One line of the disclosure table. */
export interface DisclosureRow {
  /** Stable key: 'opening', 'revenue', '401', '40301', 'aid:hardship' … */
  key: string;
  /** "一、上年结转结余", "会费收入", "　其中：困难帮扶" … */
  label: string;
  /** 0: 一、二、… main rows; 1: items; 2: details under an item. */
  level: 0 | 1 | 2;
  /** 本期金额 (分). null: not applicable. */
  amountFen: number | null;
  /** 本年预算 (the approved budget in force at the end of the period); null: no budget line. */
  budgetFen: number | null;
  /** 执行率: 本期金额 ÷ 本年预算, "113.71%" or "". */
  rateText: string;
  /** 上年同期 (the same months of the previous year); null before the books began. */
  priorFen: number | null;
  /** 说明: for aid lines the headcounts ("3户 4人 5人次"); never a name. */
  note: string;
  /** The first-level or detail accounts behind the figure. */
  accounts: string[];
  /** An aid line shown in aggregate only (CHK-PRIV-1). */
  aggregate?: boolean;
}

/** Aid shown in aggregate: amount from the books, headcounts from the paid requests (CHK-PRIV-1). */
export interface DisclosureAidLine {
  category: '困难帮扶' | '送温暖' | '慰问';
  /** From the books (posted vouchers on the category's accounts, closing vouchers excluded). */
  amountFen: number;
  /** Paid requests (voucher posted, not reversed) dated in the period. */
  requests: number;
  /** 人: distinct members. */
  persons: number;
  /** 人次: recipient lines. */
  personTimes: number;
  /** 户: distinct hardship cases (困难帮扶 and 送温暖 only; null for 慰问). */
  households: number | null;
}

export interface DisclosureContent {
  unionName: string;
  /** "某某工会 2026年度经费收支情况公示". */
  title: string;
  year: number;
  kind: DisclosureKind;
  part: number | null;
  /** "2026年度", "2026年上半年", "2026年第三季度". */
  periodLabel: string;
  /** ISO dates of the period. */
  from: string;
  to: string;
  /** "单位：元". */
  unitLabel: string;
  columns: ['项目', '本期金额', '本年预算', '执行率%', '上年同期', '说明'];
  rows: DisclosureRow[];
  aid: DisclosureAidLine[];
  totals: { revenueFen: number; expenditureFen: number; surplusFen: number; openingFundsFen: number; closingFundsFen: number };
  /** 期初 + 本期收支差额 (+ 结转结余调整) = 期末, checked. */
  consistent: boolean;
  /** The budget version used for 本年预算, or null when no approved budget exists. */
  budgetLabel: string | null;
  opinion: string | null;
  notes: string[];
  signatures: string[];
}

export interface DisclosurePublication {
  id: number;
  year: number;
  kind: DisclosureKind;
  part: number | null;
  periodLabel: string;
  title: string;
  postedWhere: string;
  postedOn: string;
  /** SHA-256 of the canonical content JSON. */
  sha256: string;
  publishedBy: string;
  publishedAt: string;
}

export interface DisclosurePublicationDetail extends DisclosurePublication {
  content: DisclosureContent;
  /** The stored content still hashes to the recorded SHA-256. */
  hashOk: boolean;
  /** The books for the period differ now from what was published (a later posting). */
  booksChanged: boolean;
}

/** `disclosure.frequency` (§7): annual by default, the only confirmed frequency; half-yearly (◐ unit rules) and quarterly (❓) as options. */
export const disclosureSettingsSchema = z.object({
  frequency: z.enum(DISCLOSURE_KINDS, { error: '公示频次应为每年、每半年或每季度' }).describe('公示频次'),
});
export type DisclosureSettings = z.infer<typeof disclosureSettingsSchema>;
export const DISCLOSURE_FREQUENCY_LABELS: Record<DisclosureKind, string> = { year: '每年一次', half: '每半年一次', quarter: '每季度一次' };

export const disclosureOperations = {
  'disclosure.preview': op<DisclosureContent>()({
    title: '经费收支公示预览', effect: 'read',
    access: DISCLOSURE_READERS,
    input: z.object({ period: disclosurePeriod, opinion }),
  }),
  'disclosure.export': op<FileResult>()({
    title: '打印或导出经费收支公示', effect: 'read',
    access: DISCLOSURE_PREPARERS,
    input: z.object({ period: disclosurePeriod, opinion, format, layout }),
  }),
  'disclosure.publish': op<DisclosurePublicationDetail>()({
    title: '发布经费收支公示', effect: 'write',
    access: DISCLOSURE_PUBLISHERS,
    input: z.object({
      period: disclosurePeriod,
      opinion,
      postedWhere: z.enum(DISCLOSURE_PLACES, { error: `公示地点应为：${DISCLOSURE_PLACES.join('、')}` }).describe('公示地点'),
      postedOn: z.string({ error: '请输入公示日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '公示日期格式应为 YYYY-MM-DD').describe('公示日期'),
    }),
  }),
  'disclosure.settings.get': op<DisclosureSettings>()({
    title: '查看公示设置', effect: 'read',
    access: [...DISCLOSURE_READERS, 'admin'],
    input: z.object({}),
  }),
  'disclosure.settings.update': op<DisclosureSettings>()({
    title: '修改公示频次', effect: 'write',
    access: ['admin', 'chair'],
    input: disclosureSettingsSchema,
  }),
  'disclosure.list': op<DisclosurePublication[]>()({
    title: '公示发布记录', effect: 'read',
    access: DISCLOSURE_READERS,
    input: z.object({ year: year.optional() }),
  }),
  'disclosure.get': op<DisclosurePublicationDetail>()({
    title: '查看已发布的公示', effect: 'read',
    access: DISCLOSURE_READERS,
    input: z.object({ id: z.number({ error: '缺少公示编号' }).int().positive().describe('公示编号') }),
  }),
  'disclosure.reprint': op<FileResult>()({
    title: '重印已发布的公示', effect: 'read',
    access: DISCLOSURE_READERS,
    input: z.object({ id: z.number({ error: '缺少公示编号' }).int().positive().describe('公示编号'), format, layout }),
  }),
} as const;
