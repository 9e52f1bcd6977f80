// The shared printing / export layer: every book, statement, voucher and report prints through here.
export type {
  Align,
  CarryMode,
  Cell,
  Column,
  ColumnKind,
  Fen,
  GroupHeader,
  Orientation,
  Paper,
  RenderOptions,
  Row,
  TableDoc,
  VoucherLinePrint,
  VoucherPrint,
  VoucherSigners,
  VoucherStatus,
} from './model';
export { renderTablePdf, renderTablesPdf, CARRY_IN, CARRY_OUT } from './pdf-table';
export { renderTableXlsx, renderTablesXlsx, MONEY_FORMAT, MONEY_FORMAT_RED, COUNT_FORMAT, sheetNameOf } from './xlsx-table';
export { renderVoucherPdf, voucherDate, voucherNumberLabel, voucherTotals, VOUCHER_ROWS, type VoucherRenderOptions } from './pdf-voucher';
export { PrintModelError, cellText, carryValues, fenToYuanNumber, validateTableDoc } from './cells';
export { loadFonts, resolveFontDir, FontNotFoundError } from './fonts';
export { renderDocumentPdf, type DocumentModel, type DocBlock, type DocTableColumn, type DocTableRow } from './pdf-document';
