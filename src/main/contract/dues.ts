// Contract: member dues (会费) — wage bases, effective-dated rules, the monthly run, collection by
// payroll deduction or cash (会费收据), arrears and the dues books (../shared/domain/dues.md).
// Amounts are integer 分 in every input and result.
//
// Every collection returns an ordinary DRAFT voucher (debit 101/102, credit 401 非专项): it then goes
// through review (会计主管), the cashier's confirmation (出纳) and posting like any other voucher. A
// dues payment counts as paid only once its voucher is POSTED; reversing the voucher (vouchers.reverse,
// then posting the red voucher) records the negative payments and the months are unpaid again.
import { z } from 'zod';
import { fenField, isoDateField, yearField } from './fields';
import { op, type Finding, type FileResult } from './op';
import type { Role } from './roles';
import type { VoucherDetail } from './books';

/** Who reads the dues books (the 经审委员 reads everything, writes nothing). */
export const DUES_READERS = ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] as const satisfies readonly Role[];
/** Who enters wages and rules, runs the month and prepares the collection vouchers. */
export const DUES_WRITERS = ['accountant', 'supervisor'] as const satisfies readonly Role[];

const month = (label = '月份') =>
  z
    .string({ error: `请输入${label}` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `${label}格式应为 YYYY-MM（月份 01–12）`)
    .describe(label);
const year = yearField('年度');
const isoDate = isoDateField;
const fen = fenField;
const nonNegativeFen = (label: string) => fen(label).refine((n) => n >= 0, `${label}不能为负`);
const memberId = z.number({ error: '请选择会员' }).int().positive().describe('会员');
const accountCode = (label: string) =>
  z.string({ error: `请选择${label}` }).regex(/^[1-5]\d{2}(\d{2})*$/, `${label}的科目代码格式不正确`).describe(label);
const xlsxFile = {
  filename: z.string({ error: '缺少文件名' }).trim().min(1, '缺少文件名').max(200).describe('文件名'),
  base64: z.string({ error: '缺少文件内容' }).min(1, '文件为空').describe('文件内容'),
};
const format = z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式');

export const DUES_ROUNDING = { none: '保留到分（不进位）', jiao: '四舍五入到角', yuan: '四舍五入到元' } as const;
export type DuesRounding = keyof typeof DUES_ROUNDING;

// ---------- results ----------

export interface DuesRule {
  /** YYYY-MM: the rule applies to this month and later, until the next rule. */
  effectiveFrom: string;
  /** 5 = 0.5 % (工发[1978]101号 item 1). */
  ratePerMille: number;
  /** The wage part under this is dropped (1000 分 = 10 元, item 1). */
  floorFen: number;
  rounding: DuesRounding;
  /** 学徒工 flat dues a month (item 2: 5 分). */
  apprenticeFlatFen: number;
  /** Pay items that count toward the base (item 4: bonuses and allowances never do). */
  countedItems: string[];
  createdAt: string;
}

export interface WageRow {
  memberId: number;
  employeeNo: string;
  name: string;
  groupName: string;
  baseFen: number | null;
  source: string | null;
  noFixedIncome: boolean;
}

export interface WageImportError {
  /** 1-based spreadsheet row; 0 for a problem with the whole file. */
  row: number;
  /** Column header (e.g. 基本工资) and letter (C), when the problem is in a cell. */
  column: string | null;
  message: string;
}

export interface WageImportRow {
  row: number;
  employeeNo: string;
  name: string;
  memberId: number;
  /** Every pay item on the row, in 分. */
  items: Record<string, number>;
  /** Sum of the counted items. */
  baseFen: number;
}

export interface WageImportPreview {
  month: string;
  ruleFrom: string;
  countedItems: string[];
  /** Pay-item columns found in the file that do not count toward the base (奖金, 津贴 …, D3). */
  ignoredItems: string[];
  rows: WageImportRow[];
  errors: WageImportError[];
  /** True when the whole file can be imported (nothing is written otherwise). */
  ok: boolean;
  totalBaseFen: number;
}

export interface MissingBase {
  memberId: number;
  employeeNo: string;
  name: string;
  groupName: string;
  reason: string;
}

export interface DuesRunResult {
  month: string;
  ruleFrom: string;
  /** Assessments written (due > 0 or exempt). */
  assessed: number;
  /** Of which 保留会籍, due 0 (D6). */
  exempt: number;
  /** Of which 学徒工 flat dues (D4). */
  apprentices: number;
  /** Of which based on the previous month's wage (D5). */
  previousMonthBase: number;
  /** Assessments left as they were because something was already paid against them. */
  keptPaid: number;
  /** Active members without a wage base: not assessed, listed here (never a silent zero). */
  missing: MissingBase[];
  /** 调出 / 退会 (and not yet joined): no dues line. */
  notMembers: number;
  totalDueFen: number;
}

export type DuesLineState = 'paid' | 'partial' | 'unpaid' | 'pending' | 'exempt';

export interface DuesAssessmentRow {
  memberId: number;
  employeeNo: string;
  name: string;
  groupName: string;
  month: string;
  baseFen: number;
  dueFen: number;
  exemptReason: string | null;
  ruleFrom: string;
  /** Paid on posted vouchers. */
  paidFen: number;
  /** On vouchers not yet posted. */
  pendingFen: number;
  state: DuesLineState;
}

export interface PayrollCollection {
  voucher: VoucherDetail;
  members: number;
  totalFen: number;
}

export interface DuesReceipt {
  id: number;
  year: number;
  number: number;
  /** "2026-0003". */
  label: string;
  memberId: number;
  employeeNo: string;
  memberName: string;
  months: string[];
  amountFen: number;
  amountInWords: string;
  date: string;
  collector: string;
  /** null once the receipt's draft voucher was deleted. */
  voucherId: number | null;
  /** True when the receipt's voucher draft was deleted: the number stays used (作废). */
  voided: boolean;
}

export interface CashCollection {
  receipt: DuesReceipt;
  voucher: VoucherDetail;
}

export interface ArrearsRow {
  memberId: number;
  employeeNo: string;
  name: string;
  groupName: string;
  status: string;
  /** Months with dues outstanding at the end of asOf (payments made by then, on posted vouchers), oldest first. */
  months: string[];
  owedFen: number;
  /** Outstanding but already on a voucher that is not yet posted. */
  pendingFen: number;
  /** Unpaid months in a row, ending at the last assessed month up to asOf. */
  consecutive: number;
  /** CHK-DUES-1 at 6 or more consecutive months. Never removes the member (D8). */
  findings: Finding[];
}

export interface ArrearsReport {
  asOf: string;
  rows: ArrearsRow[];
  members: number;
  flagged: number;
  owedFen: number;
}

export interface MonthCell {
  /** null: no dues line that month. */
  dueFen: number | null;
  paidFen: number;
  exemptReason: string | null;
}

export interface DuesLedgerRow {
  memberId: number;
  employeeNo: string;
  name: string;
  groupId: number | null;
  groupName: string;
  status: string;
  months: MonthCell[];
  dueFen: number;
  paidFen: number;
  owedFen: number;
}

export interface DuesLedgerTotal {
  groupId: number | null;
  groupName: string;
  members: number;
  months: { dueFen: number; paidFen: number }[];
  dueFen: number;
  paidFen: number;
  owedFen: number;
}

export interface DuesLedger {
  year: number;
  rows: DuesLedgerRow[];
  groups: DuesLedgerTotal[];
  total: DuesLedgerTotal;
}

export interface CollectionRateRow {
  groupId: number | null;
  groupName: string;
  /** Members with dues due in the period. */
  membersDue: number;
  /** Of those, members who paid all of it. */
  membersPaid: number;
  dueFen: number;
  /** Paid against what was due (an overpayment does not lift the rate above 100 %). */
  paidFen: number;
  /** membersPaid / membersDue, 4 decimals; null when nothing was due. */
  rateByCount: number | null;
  /** paidFen / dueFen, 4 decimals; null when nothing was due. */
  rateByAmount: number | null;
}

export interface CollectionRate {
  /** "2026年3月" or "2026年度". */
  periodLabel: string;
  from: string;
  to: string;
  groups: CollectionRateRow[];
  total: CollectionRateRow;
}

export interface StatementPayment {
  date: string;
  month: string;
  amountFen: number;
  method: 'payroll' | 'cash' | 'bank';
  receiptLabel: string | null;
  voucherId: number;
  voucherLabel: string;
  voucherStatus: 'draft' | 'reviewed' | 'posted';
}

export interface MemberStatement {
  year: number;
  memberId: number;
  employeeNo: string;
  name: string;
  groupName: string;
  status: string;
  months: (MonthCell & { month: string; baseFen: number | null; state: DuesLineState | 'none' })[];
  payments: StatementPayment[];
  dueFen: number;
  paidFen: number;
  owedFen: number;
}

export interface IncomeMonth {
  /** YYYY-MM of the posted voucher (not the month the dues were for). */
  period: string;
  payrollFen: number;
  cashFen: number;
  bankFen: number;
  /** Dues payments on posted vouchers (red reversals negative). */
  totalFen: number;
  /** Credits to 401 on posted vouchers in the books for the period. */
  books401Fen: number;
  /** books401Fen − totalFen: dues booked by hand or elsewhere (should be 0). */
  differenceFen: number;
}

export interface DuesIncome {
  year: number;
  months: IncomeMonth[];
  total: IncomeMonth;
}

// ---------- inputs ----------

export const duesRuleInput = z.object({
  effectiveFrom: month('生效月份'),
  ratePerMille: z.number({ error: '费率应为整数（‰）' }).int('费率应为整数（‰）').min(1, '费率至少 1‰').max(1000, '费率不能超过 1000‰').describe('费率（‰）'),
  floorFen: z.number({ error: '尾数起点应为整数（分）' }).int('尾数起点应为整数（分）').min(1, '尾数起点至少 1 分').max(1_000_000).describe('不计交会费的工资尾数（分）'),
  rounding: z.enum(['none', 'jiao', 'yuan'], { error: '进位方式应为：保留到分、四舍五入到角或到元' }).default('none').describe('会费进位方式'),
  apprenticeFlatFen: nonNegativeFen('学徒工每月会费').describe('学徒工每月会费（分）'),
  countedItems: z
    .array(z.string().trim().min(1, '工资项目名称不能为空').max(30, '工资项目名称最多 30 个字'), { error: '请选择计入会费基数的工资项目' })
    .min(1, '至少选择一个计入会费基数的工资项目')
    .max(20)
    .describe('计入会费基数的工资项目'),
});

const collectCashInput = z.object({
  memberId,
  months: z.array(month('所属月份'), { error: '请选择缴费月份' }).min(1, '请选择缴费月份').max(36, '一张收据最多 36 个月').describe('所属月份'),
  date: isoDate('收款日期'),
  cashOrBankAccountCode: accountCode('收款科目（库存现金或银行存款）'),
  incomeAccountCode: accountCode('收入科目').default('401'),
});

const ledgerQuery = { year };
const rateQuery = z
  .object({ year: year.optional(), month: month().optional() })
  .refine((q) => (q.year === undefined) !== (q.month === undefined), { message: '请选择年度或月份（二选一）', path: ['year'] });
const statementQuery = { memberId, year };
const incomeQuery = { year };
const arrearsQuery = { asOf: month('截至月份') };

export const duesExportInput = z.discriminatedUnion(
  'report',
  [
    z.object({ report: z.literal('ledger'), ...ledgerQuery, format }),
    z.object({ report: z.literal('collectionRate'), year: year.optional(), month: month().optional(), format }),
    z.object({ report: z.literal('memberStatement'), ...statementQuery, format }),
    z.object({ report: z.literal('incomeByMonth'), ...incomeQuery, format }),
    z.object({ report: z.literal('arrears'), ...arrearsQuery, format }),
  ],
  { error: '请选择要导出的会费报表' },
);
export type DuesExportInput = z.input<typeof duesExportInput>;

export const duesOperations = {
  'dues.rules.list': op<DuesRule[]>()({ title: '会费规则', effect: 'read', access: DUES_READERS, input: z.object({}).strict() }),
  'dues.rules.save': op<{ rule: DuesRule; findings: Finding[] }>()({
    title: '保存会费规则',
    effect: 'write',
    access: DUES_WRITERS,
    input: duesRuleInput,
  }),

  'dues.wages.list': op<WageRow[]>()({ title: '会费基数', effect: 'read', access: DUES_READERS, input: z.object({ month: month() }) }),
  'dues.wages.save': op<{ month: string; saved: number }>()({
    title: '录入会费基数',
    effect: 'write',
    access: DUES_WRITERS,
    input: z.object({
      month: month(),
      rows: z
        .array(z.object({ memberId, baseFen: nonNegativeFen('会费基数（工资）') }), { error: '请填写会费基数' })
        .min(1, '请至少填写一名会员的会费基数')
        .max(100_000),
    }),
  }),
  'dues.wages.importPreview': op<WageImportPreview>()({
    title: '预览工资表导入',
    effect: 'read',
    access: DUES_WRITERS,
    input: z.object({ month: month(), ...xlsxFile }),
  }),
  'dues.wages.importCommit': op<{ month: string; saved: number; preview: WageImportPreview }>()({
    title: '导入工资表',
    effect: 'write',
    access: DUES_WRITERS,
    input: z.object({ month: month(), ...xlsxFile }),
  }),

  'dues.run.compute': op<DuesRunResult>()({ title: '计算月度会费', effect: 'write', access: DUES_WRITERS, input: z.object({ month: month() }) }),
  'dues.run.list': op<DuesAssessmentRow[]>()({ title: '月度会费清单', effect: 'read', access: DUES_READERS, input: z.object({ month: month() }) }),
  'dues.run.collectPayroll': op<PayrollCollection>()({
    title: '工资代扣会费',
    effect: 'write',
    access: DUES_WRITERS,
    input: z.object({
      month: month(),
      date: isoDate('入账日期'),
      bankAccountCode: accountCode('银行存款科目'),
      incomeAccountCode: accountCode('收入科目').default('401'),
      /** Members who pay another way this month (e.g. in cash). */
      excludeMemberIds: z.array(memberId).max(100_000).default([]).describe('不代扣的会员'),
    }),
  }),
  'dues.collectCash': op<CashCollection>()({ title: '现金收缴会费', effect: 'write', access: DUES_WRITERS, input: collectCashInput }),
  'dues.receipt.get': op<DuesReceipt>()({
    title: '查看会费收据',
    effect: 'read',
    access: DUES_READERS,
    input: z.object({ receiptId: z.number({ error: '请选择收据' }).int().positive().describe('收据') }),
  }),
  'dues.receipt.print': op<FileResult>()({
    title: '打印会费收据',
    effect: 'read',
    access: DUES_READERS,
    input: z.object({ receiptId: z.number({ error: '请选择收据' }).int().positive().describe('收据') }),
  }),

  'dues.arrears': op<ArrearsReport>()({ title: '会费欠缴名单', effect: 'read', access: DUES_READERS, input: z.object(arrearsQuery) }),
  'dues.ledger': op<DuesLedger>()({ title: '会费台账', effect: 'read', access: DUES_READERS, input: z.object(ledgerQuery) }),
  'dues.collectionRate': op<CollectionRate>()({ title: '会费收缴率', effect: 'read', access: DUES_READERS, input: rateQuery }),
  'dues.memberStatement': op<MemberStatement>()({ title: '会员年度会费对账单', effect: 'read', access: DUES_READERS, input: z.object(statementQuery) }),
  'dues.incomeByMonth': op<DuesIncome>()({ title: '会费收入月报', effect: 'read', access: DUES_READERS, input: z.object(incomeQuery) }),
  'dues.export': op<FileResult>()({ title: '打印或导出会费报表', effect: 'read', access: DUES_READERS, input: duesExportInput }),
} as const;
