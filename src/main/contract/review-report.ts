// Contract: the annual review report (经费审查报告, 审查报告), review-and-disclosure.md §4 and §8;
// scenario S15. The 经费审查委员会 reports to the congress (工会法 第四十五条; 章程 第十三条、第二十六条).
// The figures are drafted from the ledger (收入支出表, 资产负债表, 科目余额表 and the 决算 of the
// budget); the narrative of each section is editable and stored as a draft (audited). The final
// version is frozen: its canonical content (figures + narrative) is hashed (SHA-256) and the row
// becomes immutable (database trigger); a later posting dated in the year is flagged on it
// ("冻结后账簿已变动"). Amounts are integer 分; 完成率 and shares in basis points (1/100 %).
import { z } from 'zod';
import { yearField } from './fields';
import { op, type FileResult } from './op';
import type { Role } from './roles';

/** The 经审委员 drafts, edits and freezes; the 工会主席 reads (§8: the report is the committee's). */
export const REPORT_EDITORS = ['reviewer'] as const satisfies readonly Role[];
export const REPORT_READERS = ['reviewer', 'chair'] as const satisfies readonly Role[];

/** The outline of §4 (order and headings; synthesised from four real reports). */
export const REPORT_SECTIONS = ['preamble', 'revenue', 'expenditure', 'balance', 'assets', 'opinion', 'problems', 'closing'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];
export const REPORT_SECTION_HEADINGS: Record<ReportSection, string> = {
  preamble: '',
  revenue: '一、经费收入情况',
  expenditure: '二、经费支出情况',
  balance: '三、经费结余情况',
  assets: '四、资产情况',
  opinion: '五、审查意见',
  problems: '六、存在问题及建议',
  closing: '',
};
/** What the editable text of each section is for (shown beside the editor). */
export const REPORT_SECTION_HINTS: Record<ReportSection, string> = {
  preamble: '开头：依据、审查范围与期间、审查方法（看、查、听）',
  revenue: '收入说明（增减原因等）',
  expenditure: '支出说明（预算差异原因等）',
  balance: '结余说明（如专项资金未使用完毕等）',
  assets: '资产清查结果（账实相符、账物相符）',
  opinion: '审查意见',
  problems: '存在问题及建议',
  closing: '结束语',
};

const text = (max: number, label: string) => z.string({ error: `请输入${label}` }).trim().max(max, `${label}最多 ${max} 个字`).describe(label);

export const reportMetaSchema = z.object({
  /** "第三届工会经费审查委员会". */
  committee: text(60, '经费审查委员会名称').min(2, '请输入经费审查委员会名称'),
  /** "第三届会员代表大会第二次会议"; empty: not yet scheduled. */
  meeting: text(80, '会议名称'),
  /** The date on the report (ISO). */
  reportDate: z.string({ error: '请输入报告日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '报告日期格式应为 YYYY-MM-DD').describe('报告日期'),
  /** Amounts in the printed report: 元 (two decimals) or 万元 (two decimals), §4 "Display in 元 or 万元, as chosen". */
  unit: z.enum(['yuan', 'wan'], { error: '金额单位应为元或万元' }).default('yuan').describe('金额单位'),
});
export type ReportMeta = z.infer<typeof reportMetaSchema>;
export const REPORT_UNIT_LABELS: Record<ReportMeta['unit'], string> = { yuan: '元', wan: '万元' };

export const reportSectionsSchema = z.object(
  Object.fromEntries(REPORT_SECTIONS.map((k) => [k, text(4000, REPORT_SECTION_HINTS[k].split('（')[0]!.split('：')[0]!)])) as Record<ReportSection, z.ZodString>,
);
export type ReportSections = Record<ReportSection, string>;

const year = yearField('审查年度');

// ---------- figures ----------

/** One line of the revenue or expenditure table of the report. */
export interface ReportLine {
  code: string;
  name: string;
  /** 1: a first-level account (02表 row); 2: a key detail under it (50105, 50404, 50405 …). */
  level: 1 | 2;
  /** Budget of the line (决算 核定预算数); null when there is no approved budget. */
  budgetFen: number | null;
  actualFen: number;
  /** actual − budget; null without a budget. */
  differenceFen: number | null;
  /** 完成率 in basis points; null without a budget or with a zero budget. */
  rateBp: number | null;
  rateText: string;
  /** Share of the total (basis points; first-level lines add up to 10,000), null on details. */
  shareBp: number | null;
  shareText: string;
}

export interface ReportTotal {
  budgetFen: number | null;
  actualFen: number;
  differenceFen: number | null;
  rateBp: number | null;
  rateText: string;
}

export interface ReportFigures {
  unionName: string;
  year: number;
  /** "2026年1月1日至2026年12月31日". */
  periodLabel: string;
  /** The budget the 完成率 is measured against ("第1次调整"), or null. */
  budgetLabel: string | null;
  revenue: { lines: ReportLine[]; total: ReportTotal };
  expenditure: { lines: ReportLine[]; total: ReportTotal };
  /** 拨缴经费 (402 retained + 211 accrued upward = the gross 2 %), remitted and still payable (211). */
  levy: { grossFen: number; retainedFen: number; accruedUpwardFen: number; remittedFen: number; payableAtYearEndFen: number; clearedAtYearEnd: boolean };
  /** 本年收支差额 and 结转 (321) / 结余 (322) at the start and end of the year. */
  balance: { surplusFen: number; adjustmentsFen: number; openingCarryFen: number; openingSurplusFen: number; closingCarryFen: number; closingSurplusFen: number; consistent: boolean };
  /** 162 / 163 / net, 141 at year end. */
  assets: { fixedOriginalFen: number; accumulatedDepreciationFen: number; fixedNetFen: number; inventoryFen: number; totalAssetsFen: number };
  /** 资产负债表 balances and the trial balance is even. */
  checks: { balanceSheetBalanced: boolean; trialBalanceEven: boolean; incomeStatementConsistent: boolean };
  /** How the shares are rounded so they add up to 100.00 %. */
  roundingNote: string;
}

export interface ReportFreeze {
  sha256: string;
  frozenAt: string;
  frozenBy: string;
  /** The stored content still hashes to sha256. */
  hashOk: boolean;
}

export interface ReportChange {
  /** Posted vouchers dated in the year whose posting came after the freeze (e.g. a red reversal). */
  vouchers: { id: number; voucherNo: string; date: string; kind: string; postedAt: string }[];
  /** The figures computed now differ from the frozen ones. */
  figuresChanged: boolean;
  /** "冻结后账簿已变动：…" */
  message: string;
}

export interface ReviewReportView {
  year: number;
  /** none: nothing stored yet (the view shows the generated draft). */
  status: 'none' | 'draft' | 'frozen';
  meta: ReportMeta;
  sections: ReportSections;
  /** Frozen: the figures as frozen; otherwise computed now. */
  figures: ReportFigures;
  /** The findings of the review workspace for the problems section (read-only), when available. */
  findings: { id: number; severity: string; title: string; status: string }[];
  freeze: ReportFreeze | null;
  /** Only on a frozen report: changes to the year's books after the freeze; null when none. */
  changedAfterFreeze: ReportChange | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const reviewReportOperations = {
  'reviewReport.get': op<ReviewReportView>()({
    title: '查看经费审查报告', effect: 'read',
    access: REPORT_READERS,
    input: z.object({ year }),
  }),
  'reviewReport.saveDraft': op<ReviewReportView>()({
    title: '保存经费审查报告草稿', effect: 'write',
    access: REPORT_EDITORS,
    input: z.object({ year, meta: reportMetaSchema, sections: reportSectionsSchema }),
  }),
  'reviewReport.freeze': op<ReviewReportView>()({
    title: '冻结经费审查报告（定稿）', effect: 'write',
    access: REPORT_EDITORS,
    input: z.object({ year }),
  }),
  'reviewReport.export': op<FileResult>()({
    title: '打印经费审查报告', effect: 'read',
    access: REPORT_READERS,
    input: z.object({ year, format: z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).default('pdf').describe('导出格式') }),
  }),
} as const;
