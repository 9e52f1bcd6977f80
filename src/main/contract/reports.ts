// Contract: printing and Excel export of every book and statement — 科目余额表, 总账, 明细账,
// 现金/银行存款日记账, 资产负债表 (工会01表), 收入支出表 (工会02表). The figures are those of the
// books.* and statements.* read operations (contract/ledger.ts), laid out as the printed forms
// (vouchers-and-books.md §8, §10; review-and-disclosure.md §8).
import { z } from 'zod';
import { op, type FileResult } from './op';
import { BOOK_READERS } from './books';
import { ledgerOperations } from './ledger';
import { entriesOperations } from './entries';

/** The query fields of each report are exactly those of the read operation behind it. */
const queryOf = <N extends keyof typeof ledgerOperations>(name: N): (typeof ledgerOperations)[N]['input']['shape'] => ledgerOperations[name].input.shape;

const output = {
  format: z.enum(['pdf', 'xlsx'], { error: '导出格式应为 PDF 或 Excel' }).describe('导出格式'),
  paper: z.enum(['A4', 'A3'], { error: '纸张应为 A4 或 A3' }).optional().describe('纸张'),
  orientation: z.enum(['portrait', 'landscape'], { error: '方向应为纵向或横向' }).optional().describe('打印方向'),
};

export const REPORT_KINDS = ['trialBalance', 'generalLedger', 'detailLedger', 'journal', 'balanceSheet', 'incomeStatement', 'bankReconciliation', 'assetRegister', 'voucherJournal'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_TITLES: Record<ReportKind, string> = {
  trialBalance: '科目余额表',
  generalLedger: '总账',
  detailLedger: '明细账',
  journal: '日记账',
  balanceSheet: '资产负债表',
  incomeStatement: '收入支出表',
  bankReconciliation: '银行存款余额调节表',
  assetRegister: '固定资产卡片账',
  voucherJournal: '凭证汇总表',
};

const reportKind = <K extends ReportKind>(kind: K) => z.literal(kind).describe('报表');

export const reportsExportInput = z.discriminatedUnion(
  'report',
  [
    z.object({ report: reportKind('trialBalance'), ...queryOf('books.trialBalance'), ...output }),
    z.object({ report: reportKind('generalLedger'), ...queryOf('books.generalLedger'), ...output }),
    z.object({ report: reportKind('detailLedger'), ...queryOf('books.detailLedger'), ...output }),
    z.object({ report: reportKind('journal'), ...queryOf('books.journal'), ...output }),
    z.object({ report: reportKind('balanceSheet'), ...queryOf('statements.balanceSheet'), ...output }),
    z.object({ report: reportKind('incomeStatement'), ...queryOf('statements.incomeStatement'), ...output }),
    z.object({ report: reportKind('bankReconciliation'), ...entriesOperations['bank.reconciliation.get'].input.shape, ...output }),
    z.object({ report: reportKind('assetRegister'), ...entriesOperations['assets.list'].input.shape, ...output }),
    z.object({
      report: reportKind('voucherJournal'),
      from: z.string().regex(/^\d{4}-\d{2}$/, '期间格式应为 YYYY-MM').describe('开始期间'),
      to: z.string().regex(/^\d{4}-\d{2}$/, '期间格式应为 YYYY-MM').describe('结束期间'),
      ...output,
    }),
  ],
  { error: '请选择要导出的账簿或报表' },
);
export type ReportsExportInput = z.input<typeof reportsExportInput>;

export const reportsOperations = {
  'reports.export': op<FileResult>()({
    title: '打印或导出账簿报表', effect: 'read',
    access: BOOK_READERS,
    input: reportsExportInput,
  }),
} as const;
