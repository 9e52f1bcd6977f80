// Contract: the chart of accounts and vouchers (issue: double-entry books under 财会〔2021〕7号).
// Amounts are integer 分 in every input and result.
import { z } from 'zod';
import { isoDateField } from './fields';
import { op, type Finding, type FileResult } from './op';
import type { Role } from './roles';
import { ATTACHMENT_MIME_TYPES, ATTACHMENT_TYPES_TEXT, MAX_ATTACHMENT_BASE64 } from './attachments';

/** Who reads the books: everyone but the administrator (a technical role). */
export const BOOK_READERS = ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] as const satisfies readonly Role[];
/** Who prepares vouchers and maintains detail accounts. */
export const PREPARERS = ['accountant', 'supervisor'] as const satisfies readonly Role[];

const fen = z
  .number({ error: '金额必须是数字（单位：分）' })
  .int('金额必须是以“分”为单位的整数')
  .refine((n) => Number.isSafeInteger(n), '金额过大');
const accountCode = z.string({ error: '请选择会计科目' }).regex(/^[1-5]\d{2}(\d{2})*$/, '会计科目代码格式不正确').describe('会计科目');
const voucherId = z.number({ error: '缺少凭证编号' }).int().positive().describe('凭证');
const isoDate = isoDateField('日期');

export const VOUCHER_WORDS = ['记', '收', '付', '转'] as const;

export const voucherLineInput = z.object({
  summary: z.string({ error: '请输入摘要' }).trim().min(1, '请输入摘要').max(100, '摘要最多 100 个字').describe('摘要'),
  accountCode,
  debit: fen.default(0).describe('借方金额'),
  credit: fen.default(0).describe('贷方金额'),
  fundNature: z.enum(['special', 'general']).nullable().optional().describe('资金性质'),
  project: z.string().trim().max(60).nullable().optional().describe('项目'),
  expenseType: z.enum(['basic', 'project']).nullable().optional().describe('支出类型'),
  counterparty: z.string().trim().max(60).nullable().optional().describe('往来单位'),
  bankAccount: z.string().trim().max(60).nullable().optional().describe('银行账户'),
  custodial: z.boolean().optional().describe('代管'),
});
export type VoucherLineInput = z.input<typeof voucherLineInput>;

// ---------- results ----------

export interface AccountInfo {
  code: string;
  name: string;
  parentCode: string | null;
  element: 'asset' | 'liability' | 'net_assets' | 'revenue' | 'expenditure';
  normalSide: 'debit' | 'credit';
  journal: 'cash' | 'bank' | null;
  scope: 'grassroots' | 'county' | 'user';
  prescribed: boolean;
  enabled: boolean;
  /** Takes postings: enabled and without enabled children. */
  leaf: boolean;
  hasPostings: boolean;
  dims: string[];
  closeSpecial: string | null;
  closeGeneral: string | null;
  /** Full name with parents, e.g. "银行存款——工商银行". */
  fullName: string;
  /** Pinyin initials of the name, e.g. "yhck" for 银行存款 (for the account picker). */
  initials: string;
}

export type VoucherStatus = 'draft' | 'reviewed' | 'posted';
export type VoucherKind = 'normal' | 'reversal' | 'correction' | 'difference' | 'closing' | 'year_end';

export interface VoucherLine {
  lineNo: number;
  summary: string;
  accountCode: string;
  accountName: string;
  debit: number;
  credit: number;
  fundNature: 'special' | 'general' | null;
  project: string | null;
  expenseType: 'basic' | 'project' | null;
  counterparty: string | null;
  bankAccount: string | null;
  custodial: boolean;
}

export interface Signer {
  userId: number;
  name: string;
  at: string;
}

export interface VoucherSummary {
  id: number;
  period: string;
  date: string;
  word: string;
  number: number | null;
  status: VoucherStatus;
  kind: VoucherKind;
  summary: string;
  total: number;
  attachments: number;
  preparedBy: string;
}

export interface VoucherAttachment {
  id: number;
  filename: string;
  mimeType: string;
  sha256: string;
  size: number;
  pages: number;
  addedAt: string;
}

export interface VoucherDetail extends VoucherSummary {
  attachmentsNote: string | null;
  lines: VoucherLine[];
  totalDebit: number;
  totalCredit: number;
  totalInWords: string;
  reversesVoucherId: number | null;
  correctsVoucherId: number | null;
  /** Vouchers that reverse or correct this one (the link the other way). */
  reversedBy: number[];
  correctedBy: number[];
  source: string | null;
  preparer: Signer;
  reviewer: Signer | null;
  cashier: Signer | null;
  poster: Signer | null;
  needsCashier: boolean;
  files: VoucherAttachment[];
  /** Checks that apply now (unbalanced, attachment count, segregation of duties…). */
  findings: Finding[];
}

export interface VoucherPage {
  rows: VoucherSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface VoucherTemplate {
  date: string;
  word: string;
  attachments: number;
  kind: 'correction' | 'difference';
  correctsVoucherId: number;
  lines: VoucherLineInput[];
}

// ---------- operations ----------

export const booksOperations = {
  'accounts.list': op<AccountInfo[]>()({
    title: '会计科目表', effect: 'read',
    access: BOOK_READERS,
    input: z.object({ includeDisabled: z.boolean().default(false).describe('包含未启用科目') }),
  }),
  'accounts.addDetail': op<AccountInfo>()({
    title: '增设明细科目', effect: 'write',
    access: PREPARERS,
    input: z.object({
      parentCode: accountCode.describe('上级科目'),
      name: z.string({ error: '请输入科目名称' }).trim().min(1, '请输入科目名称').max(40, '科目名称最多 40 个字').describe('科目名称'),
    }),
  }),
  'accounts.rename': op<AccountInfo>()({
    title: '修改明细科目名称', effect: 'write',
    access: PREPARERS,
    input: z.object({ code: accountCode, name: z.string().trim().min(1, '请输入科目名称').max(40, '科目名称最多 40 个字').describe('科目名称') }),
  }),
  'accounts.setEnabled': op<AccountInfo>()({
    title: '启用或停用科目', effect: 'write',
    access: PREPARERS,
    input: z.object({ code: accountCode, enabled: z.boolean().describe('启用') }),
  }),
  'accounts.remove': op<null>()({ title: '删除明细科目', effect: 'write', access: PREPARERS, input: z.object({ code: accountCode }) }),

  'vouchers.list': op<VoucherPage>()({
    title: '凭证列表', effect: 'read',
    access: BOOK_READERS,
    input: z.object({
      period: z.string().regex(/^\d{4}-\d{2}$/, '期间格式应为 YYYY-MM').optional().describe('会计期间'),
      status: z.enum(['draft', 'reviewed', 'posted']).optional().describe('状态'),
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(200).default(50),
    }),
  }),
  'vouchers.get': op<VoucherDetail>()({ title: '查看凭证', effect: 'read', access: BOOK_READERS, input: z.object({ id: voucherId }) }),
  'vouchers.save': op<VoucherDetail>()({
    title: '保存凭证', effect: 'write',
    access: PREPARERS,
    input: z.object({
      id: voucherId.optional(),
      date: isoDate.describe('凭证日期'),
      word: z.enum(VOUCHER_WORDS, { error: '凭证字应为 记、收、付、转 之一' }).default('记').describe('凭证字'),
      attachments: z.number({ error: '附件张数应为整数' }).int('附件张数应为整数').min(0, '附件张数不能为负').max(9999).default(0).describe('附件张数'),
      attachmentsNote: z.string().trim().max(200).nullable().optional().describe('附件说明'),
      kind: z.enum(['normal', 'correction', 'difference']).default('normal').describe('凭证类型'),
      correctsVoucherId: voucherId.nullable().optional().describe('订正的凭证'),
      lines: z.array(voucherLineInput).min(1, '凭证至少需要一行分录').max(200, '一张凭证最多 200 行分录').describe('分录'),
    }),
  }),
  'vouchers.delete': op<null>()({ title: '删除草稿凭证', effect: 'write', access: PREPARERS, input: z.object({ id: voucherId }) }),
  'vouchers.review': op<VoucherDetail>()({ title: '审核凭证', effect: 'write', access: ['supervisor'], input: z.object({ id: voucherId }) }),
  'vouchers.unreview': op<VoucherDetail>()({ title: '取消审核', effect: 'write', access: ['supervisor'], input: z.object({ id: voucherId }) }),
  'vouchers.confirmCash': op<VoucherDetail>()({ title: '出纳确认收付', effect: 'write', access: ['cashier'], input: z.object({ id: voucherId }) }),
  'vouchers.post': op<VoucherDetail>()({ title: '凭证记账', effect: 'write', access: ['supervisor'], input: z.object({ id: voucherId }) }),
  'vouchers.reverse': op<VoucherDetail>()({
    title: '红字冲销凭证', effect: 'write',
    access: PREPARERS,
    input: z.object({ id: voucherId, date: isoDate.describe('冲销凭证日期') }),
  }),
  'vouchers.correctionTemplate': op<VoucherTemplate>()({
    title: '订正凭证模板', effect: 'read',
    access: PREPARERS,
    input: z.object({ id: voucherId, mode: z.enum(['full', 'difference']).describe('订正方式'), date: isoDate.describe('订正凭证日期') }),
  }),
  'vouchers.attach': op<VoucherDetail>()({
    title: '上传原始凭证附件', effect: 'write',
    access: ['accountant', 'supervisor', 'cashier'],
    input: z.object({
      id: voucherId,
      filename: z.string().trim().min(1).max(200).describe('文件名'),
      mimeType: z.enum(ATTACHMENT_MIME_TYPES, { error: `只接受${ATTACHMENT_TYPES_TEXT}` }).describe('文件类型'),
      base64: z.string().min(1, '文件为空').max(MAX_ATTACHMENT_BASE64, '单个附件不超过 20 MB').describe('文件内容'),
      pages: z.number().int().min(1).max(999).default(1).describe('张数'),
    }),
  }),
  'vouchers.attachment': op<FileResult>()({ title: '查看附件', effect: 'read', access: BOOK_READERS, input: z.object({ attachmentId: z.number().int().positive() }) }),
  'vouchers.print': op<FileResult>()({
    title: '打印凭证', effect: 'read',
    access: BOOK_READERS,
    input: z.object({
      ids: z.array(voucherId).min(1, '请选择要打印的凭证').max(500, '一次最多打印 500 张凭证').describe('凭证'),
      perPage: z.union([z.literal(1), z.literal(2)]).default(2).describe('每页张数'),
    }),
  }),
} as const;
