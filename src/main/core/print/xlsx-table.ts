// The same ledger table as an Excel workbook: the figures of the PDF (without the 承前页 / 过次页
// rows, which belong to paper pages), money as numbers in 元 with '#,##0.00' formats, the header
// frozen and repeated on printed pages, A4/A3 fitted to the page width.
import ExcelJS from 'exceljs';
import type { Row, TableDoc } from './model';
import { PrintModelError, alignOf, fenToYuanNumber, isBlank, kindOf, validateTableDoc } from './cells';

export const MONEY_FORMAT = '#,##0.00';
/** Negative amounts in red with a minus sign (the sign survives black-and-white printing). */
export const MONEY_FORMAT_RED = '#,##0.00;[Red]-#,##0.00';
export const COUNT_FORMAT = '#,##0;[Red]-#,##0';

const RED = 'FFD40000';
const FONT = '宋体';

type Border = Partial<ExcelJS.Borders>;
const thin: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };
const box: Border = { top: thin, left: thin, bottom: thin, right: thin };

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetNameOf(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, ' ').trim();
  return [...(cleaned || 'Sheet1')].slice(0, 31).join('');
}

export async function renderTableXlsx(table: TableDoc): Promise<Buffer> {
  return renderTablesXlsx([table]);
}

/** Several tables, one sheet each (sheet names made unique), e.g. a journal with one book per account. */
export async function renderTablesXlsx(tables: TableDoc[]): Promise<Buffer> {
  if (tables.length === 0) throw new PrintModelError('没有可导出的表格');
  tables.forEach(validateTableDoc);
  const wb = new ExcelJS.Workbook();
  wb.creator = '工会经费账簿 Union Ledger';
  const used = new Set<string>();
  for (const table of tables) {
    const base = sheetNameOf(table.sheetName ?? table.title);
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${[...base].slice(0, 31 - String(i).length - 1).join('')}_${i}`;
    used.add(name.toLowerCase());
    addTableSheet(wb, table, name);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addTableSheet(wb: ExcelJS.Workbook, table: TableDoc, sheetName: string): void {
  const n = table.columns.length;
  const scale = table.fontScale ?? 1;
  const bodySize = Math.round(10 * scale);
  const ws = wb.addWorksheet(sheetName);
  const weights = table.columns.map((c) => c.width ?? 1);
  const sum = weights.reduce((a, b) => a + b, 0);
  const totalChars = ((table.orientation ?? 'portrait') === 'landscape' ? 150 : 100) * scale;
  table.columns.forEach((col, c) => {
    const w = Math.max(6, Math.round((totalChars * weights[c]!) / sum));
    ws.getColumn(c + 1).width = kindOf(col) === 'money' ? Math.max(w, 14) : w;
  });

  let r = 1;
  // Title.
  ws.mergeCells(r, 1, r, n);
  const title = ws.getCell(r, 1);
  title.value = table.title;
  title.font = { name: FONT, size: Math.round(16 * scale), bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(r).height = 28 * scale;
  r++;
  if (table.subtitle) {
    ws.mergeCells(r, 1, r, n);
    const sub = ws.getCell(r, 1);
    sub.value = table.subtitle;
    sub.font = { name: FONT, size: Math.round(11 * scale) };
    sub.alignment = { horizontal: 'center' };
    r++;
  }
  if (table.code) {
    const code = ws.getCell(r, n);
    code.value = table.code;
    code.font = { name: FONT, size: bodySize };
    code.alignment = { horizontal: 'right' };
    r++;
  }
  // 编制单位 / period / 单位.
  const third = Math.max(1, Math.floor(n / 3));
  const infoFont = { name: FONT, size: bodySize };
  const unitCell = ws.getCell(r, 1);
  if (third > 1) ws.mergeCells(r, 1, r, third);
  unitCell.value = `编制单位：${table.unitName}（公章）`;
  unitCell.font = infoFont;
  const periodFrom = third + 1;
  const periodTo = Math.max(periodFrom, n - third);
  if (periodFrom <= n) {
    if (periodTo > periodFrom) ws.mergeCells(r, periodFrom, r, periodTo);
    const period = ws.getCell(r, periodFrom);
    period.value = table.period;
    period.font = infoFont;
    period.alignment = { horizontal: 'center' };
  }
  const unit = ws.getCell(r, n);
  unit.value = n >= 3 ? table.unitLabel ?? '单位：元' : `${table.period}  ${table.unitLabel ?? '单位：元'}`;
  unit.font = infoFont;
  unit.alignment = { horizontal: 'right' };
  r++;

  // Column headers (with the optional group line above).
  const headerFirst = r;
  const headFont = { name: FONT, size: bodySize, bold: true };
  const headAlign: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };
  if (table.groupHeaders) {
    let c0 = 1;
    for (const g of table.groupHeaders) {
      if (g.text === '') {
        for (let c = c0; c < c0 + g.span; c++) ws.mergeCells(r, c, r + 1, c);
      } else {
        if (g.span > 1) ws.mergeCells(r, c0, r, c0 + g.span - 1);
        ws.getCell(r, c0).value = g.text;
      }
      for (let c = c0; c < c0 + g.span; c++) styleHead(ws.getCell(r, c));
      c0 += g.span;
    }
    r++;
  }
  table.columns.forEach((col, c) => {
    const cell = ws.getCell(r, c + 1);
    // A header merged down from the group line is written into its top (master) cell.
    cell.master.value = col.header;
    styleHead(cell);
  });
  ws.getRow(r).height = 20 * scale;
  const headerLast = r;
  r++;
  function styleHead(cell: ExcelJS.Cell): void {
    cell.font = headFont;
    cell.alignment = headAlign;
    cell.border = box;
  }

  for (const row of table.rows) {
    writeRow(ws, table, r, row, bodySize);
    r++;
  }

  if (table.notes?.length) {
    for (const note of table.notes) {
      ws.mergeCells(r, 1, r, n);
      const cell = ws.getCell(r, 1);
      cell.value = note;
      cell.font = { name: FONT, size: bodySize };
      cell.alignment = { wrapText: true, vertical: 'top' };
      r++;
    }
  }
  const sigs = table.signatures ?? [];
  if (sigs.length > 0 || table.signDate) {
    r++;
    const slots = sigs.length + (table.signDate ? 1 : 0);
    const used = new Set<number>();
    const colFor = (i: number) => {
      let c = Math.min(n, Math.floor((i * n) / slots) + 1);
      while (used.has(c) && c < n) c++;
      used.add(c);
      return c;
    };
    sigs.forEach((sig, i) => {
      const cell = ws.getCell(r, colFor(i));
      cell.value = sig;
      cell.font = { name: FONT, size: bodySize };
    });
    if (table.signDate) {
      const cell = ws.getCell(r, n);
      cell.value = cell.value ? `${String(cell.value)}  ${table.signDate}` : table.signDate;
      cell.font = { name: FONT, size: bodySize };
      cell.alignment = { horizontal: 'right' };
    }
  }

  ws.views = [{ state: 'frozen', ySplit: headerLast, xSplit: 0 }];
  ws.pageSetup = {
    // Excel's paper codes: 9 = A4, 8 = A3 (ExcelJS's const enum has no A3 member).
    paperSize: ((table.paper ?? 'A4') === 'A3' ? 8 : 9) as ExcelJS.PaperSize,
    orientation: table.orientation ?? 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${headerFirst}:${headerLast}`,
    margins: { left: 0.6, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
}

function writeRow(ws: ExcelJS.Worksheet, table: TableDoc, r: number, row: Row, size: number): void {
  table.columns.forEach((col, c) => {
    const cell = ws.getCell(r, c + 1);
    const v = row.cells[c];
    const kind = kindOf(col);
    const red = row.red === true && kind !== 'text';
    cell.font = { name: FONT, size, bold: row.bold === true, ...(red ? { color: { argb: RED } } : {}) };
    cell.alignment = { horizontal: alignOf(col), vertical: 'middle', wrapText: kind === 'text' };
    const border: Border = { ...box };
    if (row.redRule) border.bottom = { style: row.redRule === 'double' ? 'double' : 'medium', color: { argb: RED } };
    cell.border = border;
    if (isBlank(v)) return;
    if (typeof v === 'number' && kind === 'money') {
      cell.value = fenToYuanNumber(v);
      cell.numFmt = red ? MONEY_FORMAT : MONEY_FORMAT_RED;
    } else if (typeof v === 'number' && kind === 'count') {
      cell.value = v;
      cell.numFmt = COUNT_FORMAT;
    } else {
      cell.value = typeof v === 'number' ? String(v) : v;
    }
  });
}
