// Host-neutral models for everything the app prints or exports: ledger tables (books, statements,
// reports, rosters) and 记账凭证. Money is integer 分 (Fen) here; it is formatted only by the
// renderers (pdf-table, xlsx-table, pdf-voucher) through contract/money.ts.
import type { Fen } from '../../contract/money';

export type { Fen };

export type Align = 'left' | 'center' | 'right';

/** text: a string; money: integer 分 printed as 1,234.56; count: an integer (人数, 张数). */
export type ColumnKind = 'text' | 'money' | 'count';

/**
 * How a column is carried to the next page (会计基础工作规范 第六十条):
 * 'sum'  — the running total of the column since the start (or since the last `resetCarry` row),
 *          e.g. 借方/贷方 发生额 "自本月初起至本页末止";
 * 'last' — the last non-empty value, e.g. 余额 and its 借/贷 direction.
 * `true` means 'sum'.
 */
export type CarryMode = 'sum' | 'last';

export interface Column {
  header: string;
  /** Relative width (weights are scaled to the printable width). Default 1. */
  width?: number;
  /** Default: right for money and count, left for text. */
  align?: Align;
  kind?: ColumnKind;
  carryForward?: boolean | CarryMode;
  /** Text cells wrap up to this many lines, then end in "…". Default 3. */
  maxLines?: number;
}

/**
 * A cell. Money and count columns take an integer (分 for money); a string is printed as it is
 * (e.g. "平", "Ｑ" for a nil balance, 第六十条); null / undefined / '' leave the cell blank.
 */
export type Cell = string | number | null | undefined;

export interface Row {
  cells: Cell[];
  bold?: boolean;
  /** 红字: the row's amounts are printed in red. Negative amounts are always printed in red. */
  red?: boolean;
  /**
   * A red rule under the row: 'single' under 本月合计 / 本年累计, 'double' under the December
   * 本年累计 (year end), 会计基础工作规范 第六十三条 / vouchers-and-books.md §8.
   */
  redRule?: 'single' | 'double';
  /** A 合计/累计 line: not added into the running 过次页 sums. */
  total?: boolean;
  /** After this row the running 过次页 sums start again from zero (e.g. after 本月合计). */
  resetCarry?: boolean;
}

/** A header cell spanning several columns above the column headers (多栏式明细账). */
export interface GroupHeader {
  /** '' over a single column: that column's header takes both header lines. */
  text: string;
  span: number;
}

export type Orientation = 'portrait' | 'landscape';
export type Paper = 'A4' | 'A3';

export interface TableDoc {
  title: string;
  /** 编制单位, printed "编制单位：{unitName}（公章）". */
  unitName: string;
  /** 2026年3月, 2026年度, 2026年3月31日 … */
  period: string;
  /** Default "单位：元". */
  unitLabel?: string;
  /** Form code, e.g. 工会01表. */
  code?: string;
  /** A second title line, e.g. the account: "科目：101 库存现金". */
  subtitle?: string;
  columns: Column[];
  rows: Row[];
  /** Spans must add up to columns.length. */
  groupHeaders?: GroupHeader[];
  /**
   * Column that receives the 承前页 / 过次页 label. Default: the column headed 摘要, else the
   * first text column.
   */
  summaryColumn?: number;
  /** Print 承前页 / 过次页 rows at page breaks. Default: when some column has carryForward. */
  carryRows?: boolean;
  /** Lines under the table (注：…). */
  notes?: string[];
  /** Signature footer on the last page, e.g. ['工会主席：', '财务负责人：', '复核：', '制表：']. */
  signatures?: string[];
  /** Printed at the right of the signature footer, e.g. "2026年4月5日" or "报出日期：2026年4月5日". */
  signDate?: string;
  orientation?: Orientation;
  paper?: Paper;
  /** 1 = normal; 1.6 for a large-type notice board (公示). */
  fontScale?: number;
  /** Sheet name for the xlsx (default: the title, cut to 31 characters). */
  sheetName?: string;
}

export type VoucherStatus = '草稿' | '已审核' | '已记账';

export interface VoucherLinePrint {
  summary: string;
  accountCode: string;
  accountName: string;
  /** Optional detail: 辅助核算 / dimensions ("部门：工会办公室；项目：春节慰问"). */
  detail?: string;
  /** Integer 分; 0 leaves the cell blank. */
  debit: Fen;
  credit: Fen;
}

export interface VoucherSigners {
  /** 会计主管 (会计机构负责人) */
  supervisor?: string;
  /** 记账 */
  poster?: string;
  /** 审核 (稽核) */
  reviewer?: string;
  /** 出纳 */
  cashier?: string;
  /** 制单 */
  preparer?: string;
}

export interface VoucherPrint {
  unitName: string;
  /** 凭证字: 记, or 收 / 付 / 转. */
  word: string;
  /** null while a draft has no number yet. */
  number: number | null;
  /** Fractional numbering of a transaction spread over several vouchers: 5-1/3 (第五十一条(二)). */
  fraction?: { index: number; of: number };
  /** ISO date YYYY-MM-DD. */
  date: string;
  attachments: number;
  lines: VoucherLinePrint[];
  /** 红字 (冲销) voucher: its amounts are printed in red. */
  red?: boolean;
  signers: VoucherSigners;
  /** A 草稿 voucher carries a "草稿" watermark, an 已审核 one "未记账". Default 已记账. */
  status?: VoucherStatus;
  /** A short note under the header, e.g. "冲销 2026年3月 记字第 12 号". */
  remark?: string;
  /** Header of the detail column (shown when some line has a detail). Default 辅助核算. */
  detailHeader?: string;
}

/** Options shared by every renderer. */
export interface RenderOptions {
  /** Folder holding NotoSansSC-Regular.ttf and NotoSansSC-Bold.ttf (default: found from resources/fonts). */
  fontDir?: string;
}
