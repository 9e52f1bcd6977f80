// Reading an uploaded spreadsheet (a roster, a payroll) into a grid of cells, before any transaction (it is async):
// .xlsx through exceljs (formula cells, merged cells and Excel date cells kept recognisable), CSV in
// UTF-8 (with or without BOM), GB18030 or UTF-16 through iconv-lite and csv-parse. Old .xls and WPS
// .et files (OLE2) are refused with how to convert them.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsv } from 'csv-parse/sync';
import { CoreError } from '../errors';
import { dateFromCell } from '../members/values';

export interface GridCell {
  /** What the cell shows as text ('' when empty); for a date cell, YYYY-MM-DD. */
  text: string;
  kind: 'empty' | 'text' | 'number' | 'date' | 'formula' | 'error';
  /** For kind 'number'. */
  number?: number;
  /** The merged range the cell belongs to, e.g. "E3:E7". */
  merged?: string;
}

export interface GridRow {
  /** As Excel shows it: the header is row 1. */
  row: number;
  cells: GridCell[];
}

export interface Grid {
  filename: string;
  sha256: string;
  format: 'xlsx' | 'csv';
  encoding: string | null;
  sheetName: string | null;
  /** Every non-empty row, header included, in order. */
  rows: GridRow[];
}

export const OLD_FORMAT_MESSAGE = '这是旧版 Excel（.xls）或 WPS 表格文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入';

const EMPTY: GridCell = { text: '', kind: 'empty' };
const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle2 = (b: Buffer) => b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * The last files read, by content and name: the commit after a preview of the same file does not
 * parse it again (exceljs needs about 2 s for 20,000 rows). Grids are never modified once read.
 */
const recent = new Map<string, Grid>();
const RECENT_MAX = 2;

export async function readGrid(filename: string, base64: string): Promise<Grid> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new CoreError('VALIDATION', `文件“${filename}”是空的`, { field: 'base64' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = `${sha256}/${filename}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const grid = await parseGrid(bytes, filename, sha256);
  recent.delete(key);
  recent.set(key, grid);
  while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return grid;
}

async function parseGrid(bytes: Buffer, filename: string, sha256: string): Promise<Grid> {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (isOle2(bytes)) throw new CoreError('VALIDATION', OLD_FORMAT_MESSAGE, { field: 'base64' });
  if (isZip(bytes)) return { filename, sha256, format: 'xlsx', encoding: null, ...(await readXlsx(bytes, filename)) };
  if (['xls', 'et', 'ett', 'xlt'].includes(ext)) throw new CoreError('VALIDATION', OLD_FORMAT_MESSAGE, { field: 'base64' });
  if (['xlsx', 'xlsm'].includes(ext)) throw new CoreError('VALIDATION', `“${filename}”不是有效的 .xlsx 文件（可能已损坏，或只是改了扩展名），请在 Excel 或 WPS 中打开后“另存为” .xlsx`, { field: 'base64' });
  const { text, encoding } = decodeText(bytes, filename);
  return { filename, sha256, format: 'csv', encoding, sheetName: null, rows: readCsv(text, filename) };
}

// ---------- text (CSV) ----------

/** Valid UTF-8 → UTF-8; otherwise GB18030 (what Excel and WPS write for “CSV” on Chinese Windows). */
export function decodeText(bytes: Buffer, filename: string): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8（带 BOM）' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16' };
  if (bytes.includes(0)) throw new CoreError('VALIDATION', `无法识别“${filename}”的格式，请导入 .xlsx 或 .csv 文件`, { field: 'base64' });
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'GB18030' };
  }
}

function readCsv(text: string, filename: string): GridRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes('，') && !firstLine.includes(',') ? '，' : ',';
  let records: string[][];
  try {
    records = parseCsv(text, { delimiter, relax_column_count: true, skip_empty_lines: false, relax_quotes: true });
  } catch (e) {
    const line = e && typeof e === 'object' && 'lines' in e ? Number((e as { lines: unknown }).lines) : null;
    throw new CoreError('VALIDATION', `无法读取 CSV 文件“${filename}”${line ? `（第 ${line} 行附近）` : ''}：引号不配对或格式有误`, { field: 'base64' });
  }
  const rows: GridRow[] = [];
  records.forEach((rec, i) => {
    const cells = rec.map((v): GridCell => (v.trim() === '' ? EMPTY : { text: v.trim(), kind: 'text' }));
    if (cells.some((c) => c.kind !== 'empty')) rows.push({ row: i + 1, cells });
  });
  return rows;
}

// ---------- .xlsx ----------

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "E3:E7" → every address in it, mapped to the range. */
function mergedCells(ranges: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const range of ranges) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/i.exec(range);
    if (!m) continue;
    const [c1, r1, c2, r2] = [colNumber(m[1]!), Number(m[2]), colNumber(m[3]!), Number(m[4])];
    for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) out.set(`${r}:${c}`, range.toUpperCase());
  }
  return out;
}

async function readXlsx(bytes: Buffer, filename: string): Promise<{ sheetName: string | null; rows: GridRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new CoreError('VALIDATION', `无法读取 Excel 文件“${filename}”：文件可能已损坏或不是 .xlsx 格式（${e instanceof Error ? e.message.slice(0, 80) : ''}）`, { field: 'base64' });
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible' && w.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) return { sheetName: null, rows: [] };
  const merges = mergedCells(ws.model.merges ?? []);
  const rows: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = readCell(row.getCell(c));
      const range = merges.get(`${rowNumber}:${c}`);
      cells.push(range ? { ...cell, merged: range } : cell);
    }
    if (cells.some((x) => x.kind !== 'empty')) rows.push({ row: rowNumber, cells });
  });
  return { sheetName: ws.name, rows };
}

function readCell(cell: ExcelJS.Cell): GridCell {
  const v = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return EMPTY;
    case ExcelJS.ValueType.Number:
      return { text: String(v), kind: 'number', number: v as number };
    case ExcelJS.ValueType.Date: {
      const iso = v instanceof Date ? dateFromCell(v) : null;
      return { text: iso ?? String(v), kind: 'date' };
    }
    case ExcelJS.ValueType.Formula:
      return { text: cell.formula ?? '', kind: 'formula' };
    case ExcelJS.ValueType.Error:
      return { text: cell.text, kind: 'error' };
    case ExcelJS.ValueType.Boolean:
      return { text: v ? 'TRUE' : 'FALSE', kind: 'text' };
    default: {
      // String, SharedString, RichText, Hyperlink: what the user sees.
      const t = cell.text.trim();
      return t ? { text: t, kind: 'text' } : EMPTY;
    }
  }
}

/** 0 → "A", 25 → "Z", 26 → "AA": the column letter the user sees in Excel. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
