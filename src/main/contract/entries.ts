// Contract: helpers for the common entries (accounts.md §6 T2, T3, T6, T7), the fixed-asset
// register (accounts.md §8) and the bank reconciliation (vouchers-and-books.md §8–§9,
// 财会〔2021〕7号 第二十九条). Amounts are integer 分 in every input and result.
//
// Every helper that books something returns an ordinary DRAFT voucher: it then goes through
// review (会计主管), the cashier's confirmation (出纳, when it has a 101/102 line) and posting,
// like any voucher typed by hand.
import { z } from 'zod';
import { fenField, isoDateField } from './fields';
import { op, type Finding } from './op';
import { BOOK_READERS, PREPARERS, type VoucherDetail } from './books';

const fen = fenField;
const positiveFen = (label: string) => fen(label).refine((n) => n > 0, `${label}必须大于零`);
const isoDate = isoDateField;
const period = z
  .string({ error: '请选择会计期间' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期间格式应为 YYYY-MM（月份 01–12）')
  .describe('会计期间');
const accountCode = (label: string) =>
  z.string({ error: `请选择${label}` }).regex(/^[1-5]\d{2}(\d{2})*$/, `${label}的科目代码格式不正确`).describe(label);
const attachments = z
  .number({ error: '附件张数应为整数' })
  .int('附件张数应为整数')
  .min(0, '附件张数不能为负')
  .max(9999)
  .default(0)
  .describe('附件张数');
const text = (label: string, max: number) => z.string().trim().max(max, `${label}最多 ${max} 个字`).describe(label);

// ---------- fixed-asset categories (accounts.md §8, 附录2 minimum lives) ----------

/**
 * Categories of 附录2 with their minimum life in years (CHK-AST-1 warns below it). 文体设备 has a
 * range of 5–15 years in 附录2; the minimum is 5. Buildings are 30 or 50 years "by structure"; the
 * split below (砖混、砖木 30; 钢结构、钢筋混凝土 50) follows the government fixed-asset life table
 * (*inference*: accounts.md records only "30 or 50 years, by structure"). 'other' has no minimum.
 */
export const ASSET_CATEGORIES = {
  office: { label: '计算机及办公设备', minYears: 6 },
  vehicle: { label: '车辆', minYears: 8 },
  furniture: { label: '家具', minYears: 15 },
  tools: { label: '用具、装具', minYears: 5 },
  recreation: { label: '文艺、体育、娱乐设备', minYears: 5 },
  building_masonry: { label: '房屋（砖混、砖木结构）', minYears: 30 },
  building_concrete: { label: '房屋（钢结构、钢筋混凝土结构）', minYears: 50 },
  other: { label: '其他', minYears: null },
} as const satisfies Record<string, { label: string; minYears: number | null }>;
export type AssetCategory = keyof typeof ASSET_CATEGORIES;
export const ASSET_CATEGORY_IDS = Object.keys(ASSET_CATEGORIES) as [AssetCategory, ...AssetCategory[]];

const fundNature = z.enum(['special', 'general'], { error: '请选择资金性质（专项或非专项）' }).describe('资金性质');
const expenseType = z.enum(['basic', 'project'], { error: '请选择支出类型（基本支出或项目支出）' }).describe('支出类型');

// ---------- bank reconciliation ----------

/** The four adjustments of the 银行存款余额调节表. */
export const RECONCILIATION_KINDS = {
  bank_received_not_booked: '银行已收、单位未收',
  bank_paid_not_booked: '银行已付、单位未付',
  booked_received_not_bank: '单位已收、银行未收',
  booked_paid_not_bank: '单位已付、银行未付',
} as const;
export type ReconciliationKind = keyof typeof RECONCILIATION_KINDS;
const reconciliationKind = z.enum(Object.keys(RECONCILIATION_KINDS) as [ReconciliationKind, ...ReconciliationKind[]], {
  error: '未达账项类型应为：银行已收单位未收、银行已付单位未付、单位已收银行未收、单位已付银行未付',
});

// ---------- results ----------

export interface LevySplit {
  grossFen: number;
  /** The share the union keeps: revenue, 402. Takes the rounding remainder. */
  retainedFen: number;
  /** The upper level's share: payable, 211, until remitted. */
  upperFen: number;
  retainedPct: number;
  /** 2 % of the payroll base, when it was given (工会法 第四十三条). */
  expectedFen: number | null;
}

export interface EntryResult {
  voucher: VoucherDetail;
  /** Rule findings of this helper (CHK-LEVY-1, CHK-AST-1…); the voucher's own checks are in voucher.findings. */
  findings: Finding[];
}

export interface LevyResult extends EntryResult {
  split: LevySplit;
}

export type AssetStatus = 'pending' | 'active' | 'fully_depreciated' | 'disposed' | 'void';

export interface AssetCard {
  id: number;
  name: string;
  category: AssetCategory;
  categoryLabel: string;
  special: boolean;
  costFen: number;
  acquiredOn: string;
  lifeMonths: number;
  method: 'straight_line';
  /** Regular monthly charge; the last month takes the fen residue. */
  monthlyFen: number;
  lastMonthFen: number;
  fundNature: 'special' | 'general';
  project: string | null;
  expenseType: 'basic' | 'project';
  expenseAccountCode: string;
  location: string | null;
  custodian: string;
  disposedOn: string | null;
  purchaseVoucherId: number | null;
  /**
   * pending: the purchase voucher is not posted yet; active: posted and depreciating; fully_depreciated;
   * disposed; void: the purchase voucher was reversed.
   */
  status: AssetStatus;
  /** From posted depreciation vouchers (not reversed), up to `asOf`. */
  accumulatedFen: number;
  netFen: number;
  monthsCharged: number;
  warnings: string[];
}

export interface AssetRegister {
  asOf: string; // YYYY-MM
  rows: AssetCard[];
  totals: { costFen: number; accumulatedFen: number; netFen: number };
}

export interface AssetPurchaseResult extends EntryResult {
  asset: AssetCard;
}

export interface DepreciationLine {
  assetId: number;
  name: string;
  /** 1-based month of the asset's life this charge belongs to (the last one of a catch-up). */
  month: number;
  amountFen: number;
}

export interface DepreciationResult extends EntryResult {
  period: string;
  supplementary: boolean;
  lines: DepreciationLine[];
  totalFen: number;
}

export interface ReconciliationItem {
  kind: ReconciliationKind;
  kindLabel: string;
  date: string;
  description: string;
  amountFen: number;
}

export interface BankReconciliation {
  period: string;
  bankAccountCode: string;
  bankAccountName: string;
  /** 单位银行存款日记账 (102 detail) balance at month end, from the posted books now. */
  bookBalanceFen: number;
  /** Null until a reconciliation is saved. */
  statementBalanceFen: number | null;
  saved: boolean;
  savedBy: string | null;
  savedAt: string | null;
  /** The book balance when it was saved: differs from bookBalanceFen when vouchers were posted since. */
  savedBookBalanceFen: number | null;
  items: ReconciliationItem[];
  sums: Record<ReconciliationKind, number>;
  /** Book + bank received not booked − bank paid not booked. */
  adjustedBookFen: number;
  /** Statement + booked received not bank − booked paid not bank. */
  adjustedBankFen: number | null;
  agreed: boolean;
  differenceFen: number | null;
  findings: Finding[];
}

export interface BankReconciliationStatus {
  bankAccountCode: string;
  bankAccountName: string;
  bookBalanceFen: number;
  movedInPeriod: boolean;
  /** The month close needs an agreed reconciliation for this account. */
  required: boolean;
  saved: boolean;
  agreed: boolean;
}

// ---------- operations ----------

export const entriesOperations = {
  'entries.levyReceived': op<LevyResult>()({
    title: '收到拨缴经费（生成凭证）',
    effect: 'write',
    access: PREPARERS,
    input: z.object({
      date: isoDate('凭证日期'),
      grossFen: positiveFen('拨缴经费金额'),
      bankAccountCode: accountCode('银行存款科目'),
      payrollBaseFen: positiveFen('工资总额').optional(),
      counterparty: text('上级工会', 60).min(1, '请填写上级工会名称').default('上级工会'),
      receiptNo: text('收据号码', 40).optional(),
      attachments,
    }),
  }),
  'entries.remitUpward': op<EntryResult>()({
    title: '上缴上级经费（生成凭证）',
    effect: 'write',
    access: PREPARERS,
    input: z.object({
      date: isoDate('凭证日期'),
      amountFen: positiveFen('上缴金额'),
      bankAccountCode: accountCode('银行存款科目'),
      counterparty: text('上级工会', 60).min(1, '请填写上级工会名称').default('上级工会'),
      attachments,
    }),
  }),
  'entries.assetPurchase': op<AssetPurchaseResult>()({
    title: '购置固定资产（生成凭证和卡片）',
    effect: 'write',
    access: PREPARERS,
    input: z.object({
      date: isoDate('购置日期'),
      name: z.string({ error: '请输入资产名称' }).trim().min(1, '请输入资产名称').max(60, '资产名称最多 60 个字').describe('资产名称'),
      category: z.enum(ASSET_CATEGORY_IDS, { error: '请选择资产类别' }).describe('资产类别'),
      costFen: positiveFen('资产原值'),
      lifeYears: z.number({ error: '请输入折旧年限' }).int('折旧年限应为整数年').min(1, '折旧年限至少 1 年').max(100, '折旧年限最多 100 年').describe('折旧年限'),
      special: z.boolean().default(false).describe('专用设备'),
      expenseAccountCode: accountCode('资本性支出科目'),
      bankAccountCode: accountCode('银行存款科目'),
      assetAccountCode: accountCode('固定资产科目').default('162'),
      custodian: z.string({ error: '请填写保管人' }).trim().min(1, '请填写保管人').max(40, '保管人最多 40 个字').describe('保管人'),
      location: text('存放地点', 60).optional(),
      fundNature,
      project: text('项目', 60).optional(),
      expenseType,
      attachments,
    }),
  }),
  'entries.depreciationRun': op<DepreciationResult>()({
    title: '计提固定资产折旧（生成凭证）',
    effect: 'write',
    access: PREPARERS,
    input: z.object({ period }),
  }),
  'assets.list': op<AssetRegister>()({
    title: '固定资产卡片账',
    effect: 'read',
    access: BOOK_READERS,
    input: z.object({ asOf: period.optional().describe('截至期间'), includePending: z.boolean().default(true).describe('包含未记账的卡片') }),
  }),
  'bank.reconciliation.save': op<BankReconciliation>()({
    title: '保存银行存款余额调节表',
    effect: 'write',
    access: PREPARERS,
    input: z.object({
      period,
      bankAccountCode: accountCode('银行存款科目'),
      statementBalanceFen: fen('银行对账单余额'),
      items: z
        .array(
          z.object({
            kind: reconciliationKind.describe('未达账项类型'),
            date: isoDate('未达账项日期'),
            description: z.string({ error: '请填写未达账项摘要' }).trim().min(1, '请填写未达账项摘要').max(100, '未达账项摘要最多 100 个字').describe('摘要'),
            amountFen: positiveFen('未达账项金额'),
          }),
        )
        .max(500, '未达账项最多 500 笔')
        .default([])
        .describe('未达账项'),
    }),
  }),
  'bank.reconciliation.get': op<BankReconciliation>()({
    title: '查看银行存款余额调节表',
    effect: 'read',
    access: BOOK_READERS,
    input: z.object({ period, bankAccountCode: accountCode('银行存款科目') }),
  }),
  'bank.reconciliation.status': op<BankReconciliationStatus[]>()({
    title: '本月银行对账情况',
    effect: 'read',
    access: BOOK_READERS,
    input: z.object({ period }),
  }),
} as const;
