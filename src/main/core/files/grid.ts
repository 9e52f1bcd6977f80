// Reading an uploaded spreadsheet (a roster, a payroll) into a grid of cells, before any transaction (it is async):
// .xlsx through exceljs (formula cells, merged cells and Excel date cells kept recognisable), CSV in
// UTF-8 (with or without BOM), GB18030 or UTF-16 through iconv-lite and csv-parse. Old .xls and WPS
// .et files (OLE2) are refused with how to convert them.
//
// Bad input (issue 7): the file's size, an .xlsx's unpacked size (a "zip bomb", a huge shared-strings
// part) and the number of rows and columns are limited before anything is parsed; a cell that
// starts like a formula ("=1+1", "=HYPERLINK(…)", the CSV-injection "=cmd|…", "@SUM(…)", "+1+cmd…")
// comes back as kind 'formula' from CSV as from .xlsx, so every importer refuses it by row and
// column instead of storing text that a spreadsheet would run when the data is exported again.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { exceljs } from '../lazy-libs';
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

/** The largest file accepted (the browser-mode server's request limit is 50 MB of base64). */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;
/** An .xlsx may unpack to at most this much (a 200,000-row roster unpacks to about 150 MB). */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** Rows (header included) and columns a file may have. */
export const MAX_ROWS = 200_001;
export const MAX_COLUMNS = 200;
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

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
  if (bytes.length > MAX_FILE_BYTES) {
    throw new CoreError('VALIDATION', `文件“${filename}”有 ${MB(bytes.length)}，超过导入上限 ${MB(MAX_FILE_BYTES)}，请分成几个文件导入`, { field: 'base64' });
  }
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
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16（大端）' };
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
  if (records.length > MAX_ROWS) throw tooManyRows(filename, records.length);
  const rows: GridRow[] = [];
  records.forEach((rec, i) => {
    if (rec.length > MAX_COLUMNS && rec.slice(MAX_COLUMNS).some((v) => v.trim() !== '')) throw tooManyColumns(filename, i + 1, rec.length);
    const cells = rec.map((v): GridCell => textCell(v));
    if (cells.some((c) => c.kind !== 'empty')) rows.push({ row: i + 1, cells });
  });
  return rows;
}

const tooManyRows = (filename: string, rows: number) =>
  new CoreError('VALIDATION', `“${filename}”有 ${rows} 行，超过一次导入的上限 ${MAX_ROWS - 1} 行数据，请分成几个文件导入`, { field: 'base64' });
const tooManyColumns = (filename: string, row: number, columns: number) =>
  new CoreError('VALIDATION', `“${filename}”第 ${row} 行有 ${columns} 列，超过上限 ${MAX_COLUMNS} 列：请检查分隔符，或删除多余的列`, { field: 'base64' });

/**
 * Text that a spreadsheet would run as a formula when the data is opened or exported again
 * (OWASP "CSV injection"): it starts with "=" or "@", or with "+"/"-" and is not just a number or
 * a telephone number. Leading tabs and carriage returns count too.
 */
export function looksLikeFormula(text: string): boolean {
  const t = text.replace(/^[\t\r\s]+/, '');
  if (t.startsWith('=') || t.startsWith('@')) return t.length > 1;
  if (t.startsWith('+') || t.startsWith('-')) return !/^[+-]?[\d\s,.()\-－]*$/.test(t);
  return false;
}

/** A cell of text: empty, a formula-like text (kind 'formula', without the "="), or text. */
function textCell(raw: string): GridCell {
  const v = raw.trim();
  if (v === '') return EMPTY;
  if (looksLikeFormula(raw)) return { text: v.replace(/^=/, ''), kind: 'formula' };
  return { text: v, kind: 'text' };
}

// ---------- .xlsx: size limits before anything is unpacked ----------

/**
 * Walks the zip's central directory and inflates every part with a cap on what it may produce, so a
 * small file that would unpack to gigabytes (a zip bomb, a shared-strings part of 1 GB) is refused
 * before exceljs reads it. Returns a Chinese reason, or null when the file is within the limits.
 */
export function zipProblem(bytes: Buffer, filename: string): string | null {
  const damaged = `“${filename}”不是有效的 .xlsx 文件（压缩结构已损坏），请在 Excel 或 WPS 中打开后“另存为” .xlsx`;
  // End of central directory: the last 0x06054b50 within the final 64 KB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return damaged;
  const entries = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || p === 0xffffffff) return `“${filename}”是 ZIP64 格式，超过导入上限，请分成几个文件导入`;
  if (entries > 10_000) return `“${filename}”包含 ${entries} 个部件，不像正常的 Excel 文件，已拒绝`;
  let budget = MAX_UNPACKED_BYTES;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return damaged;
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const declared = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const local = bytes.readUInt32LE(p + 42);
    const name = bytes.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    const tooBig = `“${filename}”解压后超过 ${MB(MAX_UNPACKED_BYTES)}（部件 ${name.slice(0, 60)} 过大，可能是“压缩炸弹”或异常的共享字符串表），已拒绝`;
    if (declared > budget) return tooBig;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return damaged;
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) return damaged;
    const data = bytes.subarray(start, start + compressed);
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) {
      try {
        size = zlib.inflateRawSync(data, { maxOutputLength: budget + 1 }).length;
      } catch (e) {
        if (e instanceof RangeError || (e && typeof e === 'object' && 'code' in e && (e as { code: unknown }).code === 'ERR_BUFFER_TOO_LARGE')) return tooBig;
        return damaged;
      }
    } else return `“${filename}”使用了不支持的压缩方式，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入`;
    if (size > budget) return tooBig;
    budget -= size;
  }
  return null;
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
  const problem = zipProblem(bytes, filename);
  if (problem) throw new CoreError('VALIDATION', problem, { field: 'base64' });
  const wb = new (exceljs().Workbook)();
  const notWorkbook = `无法读取 Excel 文件“${filename}”：文件已损坏，或不是 Excel 工作簿（例如改了扩展名的 Word 文档或压缩包），请在 Excel 或 WPS 中打开后“另存为” .xlsx`;
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new CoreError('VALIDATION', notWorkbook, { field: 'base64' });
  }
  if (wb.worksheets.length === 0) throw new CoreError('VALIDATION', notWorkbook, { field: 'base64' });
  const ws = wb.worksheets.find((w) => w.state === 'visible' && w.actualRowCount > 0) ?? wb.worksheets[0]!;
  if (ws.actualRowCount > MAX_ROWS) throw tooManyRows(filename, ws.actualRowCount);
  const merges = mergedCells(ws.model.merges ?? []);
  const rows: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridCell[] = [];
    if (row.cellCount > MAX_COLUMNS) {
      const last = row.getCell(row.cellCount);
      if (last.value !== null && last.value !== undefined) throw tooManyColumns(filename, rowNumber, row.cellCount);
    }
    for (let c = 1; c <= Math.min(row.cellCount, MAX_COLUMNS); c++) {
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
  const ValueType = exceljs().ValueType;
  switch (cell.type) {
    case ValueType.Null:
    case ValueType.Merge:
      return EMPTY;
    case ValueType.Number:
      return { text: String(v), kind: 'number', number: v as number };
    case ValueType.Date: {
      const iso = v instanceof Date ? dateFromCell(v) : null;
      return { text: iso ?? String(v), kind: 'date' };
    }
    case ValueType.Formula:
      return { text: cell.formula ?? '', kind: 'formula' };
    case ValueType.Error:
      return { text: cell.text, kind: 'error' };
    case ValueType.Boolean:
      return { text: v ? 'TRUE' : 'FALSE', kind: 'text' };
    default: {
      // String, SharedString, RichText, Hyperlink: what the user sees ("=cmd|…" typed as text is still a formula).
      return textCell(cell.text);
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
