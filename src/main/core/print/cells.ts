// How a table cell reads, shared by the PDF and the xlsx renderers (money stays integer 分 here).
import { assertFen, formatYuan, type Fen } from '../../contract/money';
import type { Cell, Column, ColumnKind, TableDoc } from './model';

export class PrintModelError extends Error {
  override name = 'PrintModelError';
}

export const kindOf = (col: Column): ColumnKind => col.kind ?? 'text';

export const alignOf = (col: Column): 'left' | 'center' | 'right' => col.align ?? (kindOf(col) === 'text' ? 'left' : 'right');

export const isBlank = (cell: Cell): cell is null | undefined | '' => cell === null || cell === undefined || cell === '';

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function formatCount(n: number): string {
  return `${n < 0 ? '-' : ''}${group(String(Math.abs(n)))}`;
}

/** The printed text of a cell: money as 1,234.56, counts with separators, strings as they are. */
export function cellText(col: Column, cell: Cell): string {
  if (isBlank(cell)) return '';
  if (typeof cell === 'string') return cell;
  const kind = kindOf(col);
  if (kind === 'money') return formatYuan(cell);
  if (kind === 'count') return formatCount(cell);
  return String(cell);
}

/** A negative number in a money or count column (printed in red). */
export const isNegative = (col: Column, cell: Cell): boolean => typeof cell === 'number' && cell < 0 && kindOf(col) !== 'text';

export const carryModeOf = (col: Column): 'sum' | 'last' | null =>
  col.carryForward === true ? 'sum' : col.carryForward === false || col.carryForward === undefined ? null : col.carryForward;

/** Index of the column that takes 承前页 / 过次页: summaryColumn, else 摘要, else the first text column. */
export function summaryColumnOf(doc: TableDoc): number {
  if (doc.summaryColumn !== undefined) return doc.summaryColumn;
  const named = doc.columns.findIndex((c) => c.header.replace(/\s/g, '') === '摘要');
  if (named >= 0) return named;
  const text = doc.columns.findIndex((c) => kindOf(c) === 'text' && carryModeOf(c) === null);
  return Math.max(0, text);
}

/** Checks the model before anything is drawn; money must be integer 分. */
export function validateTableDoc(doc: TableDoc): void {
  const n = doc.columns.length;
  if (n === 0) throw new PrintModelError(`${doc.title}：没有列`);
  doc.columns.forEach((col, i) => {
    if (col.width !== undefined && !(col.width > 0)) throw new PrintModelError(`第 ${i + 1} 列宽度必须大于 0`);
    if (carryModeOf(col) === 'sum' && kindOf(col) === 'text') throw new PrintModelError(`第 ${i + 1} 列“${col.header}”是文字列，不能累计过次页`);
  });
  if (doc.groupHeaders) {
    const spans = doc.groupHeaders.reduce((a, g) => a + g.span, 0);
    if (spans !== n || doc.groupHeaders.some((g) => !Number.isInteger(g.span) || g.span < 1)) {
      throw new PrintModelError(`分组表头的跨列数之和（${spans}）必须等于列数（${n}）`);
    }
  }
  if (doc.summaryColumn !== undefined && !(doc.summaryColumn >= 0 && doc.summaryColumn < n)) throw new PrintModelError('摘要列序号超出范围');
  if (doc.fontScale !== undefined && !(doc.fontScale > 0)) throw new PrintModelError('字号倍数必须大于 0');
  doc.rows.forEach((row, r) => {
    if (row.cells.length > n) throw new PrintModelError(`第 ${r + 1} 行有 ${row.cells.length} 格，多于 ${n} 列`);
    row.cells.forEach((cell, c) => {
      const col = doc.columns[c]!;
      if (typeof cell !== 'number') return;
      if (kindOf(col) === 'money') assertFen(cell, `第 ${r + 1} 行“${col.header}”`);
      else if (!Number.isSafeInteger(cell) && kindOf(col) === 'count') throw new PrintModelError(`第 ${r + 1} 行“${col.header}”必须是整数`);
    });
  });
}

/**
 * Running 过次页 values after each row: 'sum' columns add non-total rows (and start again after a
 * resetCarry row), 'last' keeps the last non-empty value.
 */
export function carryValues(doc: TableDoc): Cell[][] {
  const modes = doc.columns.map(carryModeOf);
  const sums: (Fen | null)[] = modes.map(() => null);
  const last: Cell[] = modes.map(() => null);
  const out: Cell[][] = [];
  for (const row of doc.rows) {
    modes.forEach((mode, c) => {
      const cell = row.cells[c];
      if (mode === 'sum' && !row.total && typeof cell === 'number') sums[c] = (sums[c] ?? 0) + cell;
      if (mode === 'last' && !isBlank(cell)) last[c] = cell;
    });
    if (row.resetCarry) sums.fill(null);
    out.push(modes.map((mode, c) => (mode === 'sum' ? sums[c] : mode === 'last' ? last[c] : null)));
  }
  return out;
}

/**
 * 元 as a JavaScript number for a spreadsheet cell. Built from the integer 分 by integer division
 * and remainder into a decimal string, then Number(): the result is the double nearest to the exact
 * decimal (the same double as fen / 100, which IEEE division also rounds correctly), so summing
 * Math.round(value * 100) over the cells gives back the integer 分 totals.
 */
export function fenToYuanNumber(fen: Fen): number {
  assertFen(fen);
  const abs = Math.abs(fen);
  return Number(`${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`);
}
