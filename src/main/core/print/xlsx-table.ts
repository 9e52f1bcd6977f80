// The same ledger table as an Excel workbook: the figures of the PDF (without the 承前页 / 过次页
// rows, which belong to paper pages), money as numbers in 元 with '#,##0.00' formats, the header
// frozen and repeated on printed pages, A4/A3 fitted to the page width.
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { exceljs } from '../lazy-libs';
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

/**
 * Several tables, one sheet each (sheet names made unique), e.g. a journal with one book per account.
 * Written with exceljs's streaming writer: each body row is committed (serialised) as soon as it is
 * filled, so a ledger of tens of thousands of rows never sits in memory as cell objects.
 */
export async function renderTablesXlsx(tables: TableDoc[]): Promise<Buffer> {
  if (tables.length === 0) throw new PrintModelError('没有可导出的表格');
  tables.forEach(validateTableDoc);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '工会经费账簿 Union Ledger';
  const used = new Set<string>();
  for (const table of tables) {
    const base = sheetNameOf(table.sheetName ?? table.title);
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${[...base].slice(0, 31 - String(i).length - 1).join('')}_${i}`;
    used.add(name.toLowerCase());
    addTableSheet(wb, table, name);
  }
  await wb.commit();
  return Buffer.concat(chunks);
}

function addTableSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, table: TableDoc, sheetName: string): void {
  const n = table.columns.length;
  const scale = table.fontScale ?? 1;
  const bodySize = Math.round(10 * scale);
  // The streaming writer puts the sheet views and fit-to-page flag at the top of the sheet when the
  // sheet is added, so the header rows are counted first: title, subtitle?, code?, 编制单位 line,
  // group line?, column headers.
  const headerFirst = 2 + (table.subtitle ? 1 : 0) + (table.code ? 1 : 0) + 1;
  const headerLast = headerFirst + (table.groupHeaders ? 1 : 0);
  const views: Partial<ExcelJS.WorksheetView>[] = [{ state: 'frozen', ySplit: headerLast, xSplit: 0 }];
  const pageSetup: Partial<ExcelJS.PageSetup> = {
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
  const ws = wb.addWorksheet(sheetName, { views, pageSetup });
  ws.pageSetup = pageSetup;
  keepPrintOptions(ws);
  ws.headerFooter = { oddFooter: '&C第 &P 页 共 &N 页' };
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
  if (r !== headerFirst) throw new Error(`xlsx header row ${r}, expected ${headerFirst}`);
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
  r++;
  function styleHead(cell: ExcelJS.Cell): void {
    cell.font = headFont;
    cell.alignment = headAlign;
    cell.border = box;
  }

  const styles: StyleCache = new Map();
  for (const row of table.rows) {
    writeRow(ws, table, r, row, bodySize, styles);
    // Serialise this row (and the title and header rows before it) and let it go.
    ws.getRow(r).commit();
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

  ws.commit();
}

/** The parts of exceljs 4.4's WorksheetWriter (stream/xlsx/worksheet-writer.js) that keepPrintOptions uses. */
interface SheetWriterInternals {
  _writePageMargins?: () => void;
  _write?: (text: string) => void;
}

/**
 * exceljs's streaming writer leaves out <printOptions>, so pageSetup.horizontalCentered would be
 * lost; write it where the in-memory writer does, just before <pageMargins>.
 */
function keepPrintOptions(ws: ExcelJS.Worksheet): void {
  const w = ws as unknown as SheetWriterInternals;
  const writeMargins = w._writePageMargins;
  const write = w._write;
  if (typeof writeMargins !== 'function' || typeof write !== 'function') return;
  w._writePageMargins = () => {
    write.call(w, '<printOptions horizontalCentered="1"/>');
    writeMargins.call(w);
  };
}

/**
 * Body cells share one style object per column and look (bold, red, red rule, number format):
 * exceljs remembers a style object it has registered, so 20,000 rows cost a handful of lookups
 * instead of one font/border/alignment serialisation per cell. The objects are never mutated.
 */
type StyleCache = Map<string, Partial<ExcelJS.Style>>;

function bodyStyle(cache: StyleCache, table: TableDoc, c: number, row: Row, size: number, numFmt: string | undefined): Partial<ExcelJS.Style> {
  const red = row.red === true && kindOf(table.columns[c]!) !== 'text';
  const key = `${c}|${row.bold === true ? 1 : 0}|${red ? 1 : 0}|${row.redRule ?? ''}|${numFmt ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const col = table.columns[c]!;
  const border: Border = { ...box };
  if (row.redRule) border.bottom = { style: row.redRule === 'double' ? 'double' : 'medium', color: { argb: RED } };
  const style: Partial<ExcelJS.Style> = {
    font: { name: FONT, size, bold: row.bold === true, ...(red ? { color: { argb: RED } } : {}) },
    alignment: { horizontal: alignOf(col), vertical: 'middle', wrapText: kindOf(col) === 'text' },
    border,
    ...(numFmt ? { numFmt } : {}),
  };
  cache.set(key, style);
  return style;
}

function writeRow(ws: ExcelJS.Worksheet, table: TableDoc, r: number, row: Row, size: number, cache: StyleCache): void {
  const wsRow = ws.getRow(r);
  table.columns.forEach((col, c) => {
    const cell = wsRow.getCell(c + 1);
    const v = row.cells[c];
    const kind = kindOf(col);
    const red = row.red === true && kind !== 'text';
    if (typeof v === 'number' && kind === 'money') {
      cell.value = fenToYuanNumber(v);
      cell.style = bodyStyle(cache, table, c, row, size, red ? MONEY_FORMAT : MONEY_FORMAT_RED);
    } else if (typeof v === 'number' && kind === 'count') {
      cell.value = v;
      cell.style = bodyStyle(cache, table, c, row, size, COUNT_FORMAT);
    } else {
      if (!isBlank(v)) cell.value = typeof v === 'number' ? String(v) : v;
      cell.style = bodyStyle(cache, table, c, row, size, undefined);
    }
  });
}
