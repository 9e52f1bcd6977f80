// Contract: the read side of the books — 科目余额表, 总账, 明细账, 日记账, 资产负债表 (工会01表),
// 收入支出表 (工会02表) and the drill-down to vouchers. Everything is computed from POSTED vouchers.
// Amounts are integer 分 in every result. Rules: ../shared/domain/vouchers-and-books.md §8–§10.
import { z } from 'zod';
import { isoDateField, yearField } from './fields';
import { op } from './op';
import { BOOK_READERS, type AccountInfo, type VoucherKind } from './books';

const month = z
  .string({ error: '请输入会计期间' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '期间格式应为 YYYY-MM（如 2026-03）')
  .describe('会计期间');
const isoDate = isoDateField('日期');
const accountCode = z.string({ error: '请选择会计科目' }).regex(/^[1-5]\d{2}(\d{2})*$/, '会计科目代码格式不正确').describe('会计科目');
const year = yearField('会计年度');
/** A month (YYYY-MM: the whole month) or a day (YYYY-MM-DD). */
const monthOrDate = z
  .string({ error: '请输入期间或日期' })
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, '应为期间 YYYY-MM 或日期 YYYY-MM-DD')
  .describe('期间或日期');

// ---------- results ----------

/** 借 / 贷, or 平 when the balance is zero (会计基础工作规范 第六十条: "平", "Ｑ" in the balance column). */
export type BalanceSide = '借' | '贷' | '平';

/** A balance as the books print it: a direction and a non-negative amount (分). */
export interface SidedBalance {
  direction: BalanceSide;
  amount: number;
}

/** What every book and statement carries for its heading. */
export interface LedgerHeading {
  /** 编制单位: union_profile.name. */
  unionName: string;
  /** e.g. "2026年3月", "2026年1月至3月", "2026年度", "2026年3月5日至3月20日". */
  periodLabel: string;
}

export interface LedgerAccountRef {
  code: string;
  name: string;
  fullName: string;
  normalSide: AccountInfo['normalSide'];
  leaf: boolean;
}

export interface TrialBalanceRow {
  code: string;
  name: string;
  fullName: string;
  parentCode: string | null;
  /** 1 for a first-level account, 2 for its details, … */
  level: number;
  leaf: boolean;
  normalSide: AccountInfo['normalSide'];
  /** 期初余额, in the column of its actual side (a balance against the normal side shows on the other side). */
  openingDebit: number;
  openingCredit: number;
  /** 本期发生额. */
  debit: number;
  credit: number;
  /** 期末余额. */
  closingDebit: number;
  closingCredit: number;
  opening: SidedBalance;
  closing: SidedBalance;
}

export interface TrialBalanceTotals {
  openingDebit: number;
  openingCredit: number;
  debit: number;
  credit: number;
  closingDebit: number;
  closingCredit: number;
}

/** 科目余额表. */
export interface TrialBalance extends LedgerHeading {
  from: string;
  to: string;
  rows: TrialBalanceRow[];
  /** 合计: the sum of the first-level rows; debit = credit in each pair (checked). */
  totals: TrialBalanceTotals;
}

export type BookLineKind = 'opening' | 'entry' | 'day_total' | 'month_total' | 'year_total' | 'carry_forward';

/** One line of 总账, 明细账 or 日记账. */
export interface BookLine {
  kind: BookLineKind;
  /** YYYY-MM-DD; month and year totals carry the last day they cover. */
  date: string;
  /** Posted voucher behind an entry (drill-down); null on summary lines. */
  voucherId: number | null;
  /** 凭证字号, e.g. "记-5". */
  voucherNo: string | null;
  voucherKind: VoucherKind | null;
  /** The detail account of an entry (a parent's book lists all its details). */
  accountCode: string | null;
  accountName: string | null;
  /** 摘要; "上年结转", "期初余额", "承前", "本日合计", "本月合计", "本年累计", "结转下年". */
  summary: string;
  /** 借方 / 贷方 (分); red-ink lines stay negative. Null on the opening and carry-forward lines. */
  debit: number | null;
  credit: number | null;
  /** 方向 and 余额 after this line. */
  direction: BalanceSide;
  balance: number;
  /** 对方科目 (journals only): the other accounts of the voucher, e.g. "401 会费收入". */
  counterAccounts?: string;
}

/** 总账: one first-level (or any) account for a year, from ledger_balances. */
export interface GeneralLedger extends LedgerHeading {
  account: LedgerAccountRef;
  year: number;
  lines: BookLine[];
  opening: SidedBalance;
  closing: SidedBalance;
}

/** 明细账 of a leaf or a parent account (the parent's book holds all its details' lines). */
export interface DetailLedger extends LedgerHeading {
  account: LedgerAccountRef;
  from: string;
  to: string;
  lines: BookLine[];
  opening: SidedBalance;
  closing: SidedBalance;
}

/** 现金日记账 / 银行存款日记账: one book per cash or bank detail account. */
export interface Journal extends LedgerHeading {
  kind: 'cash' | 'bank';
  title: '现金日记账' | '银行存款日记账';
  from: string;
  to: string;
  books: DetailLedger[];
}

export type StatementRowKind = 'section' | 'item' | 'subtotal' | 'total';

/** One line of 工会01表. */
export interface BalanceSheetRow {
  /** 行次 (1-based, items and totals only). */
  lineNo: number | null;
  label: string;
  kind: StatementRowKind;
  /** The first-level accounts behind the figure (for drill-down). */
  accounts: string[];
  /** 年初余额. Null on section headings. */
  opening: number | null;
  /** 期末余额 (annual: 年末余额). */
  closing: number | null;
}

/** 资产负债表 (工会01表). */
export interface BalanceSheet extends LedgerHeading {
  title: '资产负债表';
  formNo: '工会01表';
  period: string;
  annual: boolean;
  columns: ['年初余额', '期末余额' | '年末余额'];
  rows: BalanceSheetRow[];
  totals: {
    assets: { opening: number; closing: number };
    liabilitiesAndNetAssets: { opening: number; closing: number };
  };
  /** 资产总计 = 负债与净资产总计 in both columns (财会〔2021〕7号 第九条). */
  balanced: boolean;
  /**
   * Revenue − expenditure not yet closed into 321/322 (months not yet closed), already included
   * in 工会资金结转 (专项) and 工会资金结余 (非专项).
   */
  unclosed: { opening: { special: number; general: number }; closing: { special: number; general: number } };
}

/** One line of 工会02表. */
export interface IncomeStatementRow {
  /** "一", "(一)", … as printed. */
  lineNo: string;
  label: string;
  kind: StatementRowKind;
  /** 0: main row; 1: an item under it. */
  indent: 0 | 1;
  accounts: string[];
  /** 本月数 (monthly) or 本年数 (annual). */
  current: number | null;
  /** 本年累计数 (monthly) or 上年数 (annual; null in the first fiscal year). */
  comparative: number | null;
}

/** 收入支出表 (工会02表). Closing vouchers (kind closing / year_end) are left out of 收入 and 支出. */
export interface IncomeStatement extends LedgerHeading {
  title: '收入支出表';
  formNo: '工会02表';
  period: string;
  annual: boolean;
  columns: ['本月数', '本年累计数'] | ['本年数', '上年数'];
  rows: IncomeStatementRow[];
  totals: {
    revenue: { current: number; comparative: number | null };
    expenditure: { current: number; comparative: number | null };
    surplus: { current: number; comparative: number | null };
  };
  /**
   * Annual only: 年初资金结转结余 + 资金结转结余调整及变动 + 本期收支差额 = 年末资金结转结余
   * (vouchers-and-books.md §10.2); null on a monthly statement.
   */
  consistent: boolean | null;
}

export interface DrillDownRow {
  voucherId: number;
  date: string;
  voucherNo: string;
  kind: VoucherKind;
  /** 摘要 of the first line on this account. */
  summary: string;
  /** The voucher's amounts on this account (and its details). */
  debit: number;
  credit: number;
}

export interface DrillDown extends LedgerHeading {
  account: LedgerAccountRef;
  from: string;
  to: string;
  rows: DrillDownRow[];
  totalDebit: number;
  totalCredit: number;
}

// ---------- operations ----------

export const ledgerOperations = {
  'books.trialBalance': op<TrialBalance>()({
    title: '科目余额表', effect: 'read',
    access: BOOK_READERS,
    input: z.object({
      from: month.describe('起始期间'),
      to: month.describe('截止期间'),
      includeZero: z.boolean().default(false).describe('显示无余额无发生额的科目'),
    }),
  }),
  'books.generalLedger': op<GeneralLedger>()({
    title: '总账', effect: 'read',
    access: BOOK_READERS,
    input: z.object({ accountCode, year }),
  }),
  'books.detailLedger': op<DetailLedger>()({
    title: '明细账', effect: 'read',
    access: BOOK_READERS,
    input: z.object({ accountCode, from: isoDate.describe('开始日期'), to: isoDate.describe('结束日期') }),
  }),
  'books.journal': op<Journal>()({
    title: '日记账', effect: 'read',
    access: BOOK_READERS,
    input: z.object({
      kind: z.enum(['cash', 'bank'], { error: '日记账类型应为现金或银行存款' }).describe('日记账类型'),
      accountCode: accountCode.optional(),
      from: isoDate.describe('开始日期'),
      to: isoDate.describe('结束日期'),
    }),
  }),
  'books.drillDown': op<DrillDown>()({
    title: '查询数字来源凭证', effect: 'read',
    access: BOOK_READERS,
    input: z.object({
      accountCode,
      from: monthOrDate.describe('开始期间或日期'),
      to: monthOrDate.describe('截止期间或日期'),
      excludeClosing: z.boolean().default(false).describe('不含结账凭证'),
    }),
  }),
  'statements.balanceSheet': op<BalanceSheet>()({
    title: '资产负债表', effect: 'read',
    access: BOOK_READERS,
    input: z.object({ period: month, annual: z.boolean().default(false).describe('年度报表') }),
  }),
  'statements.incomeStatement': op<IncomeStatement>()({
    title: '收入支出表', effect: 'read',
    access: BOOK_READERS,
    input: z.object({ period: month, annual: z.boolean().default(false).describe('年度报表') }),
  }),
} as const;
