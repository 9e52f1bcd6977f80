// A ledger table (book, statement, report, roster) as a PDF: title, 编制单位（公章）/ period /
// 单位：元 line, ruled table with the header repeated on every page, 承前页 / 过次页 rows with the
// running totals at page breaks (会计基础工作规范 第六十条), "第 n 页 共 N 页" on every page and the
// signature footer on the last page.
import type { Cell, Row, RenderOptions, TableDoc } from './model';
import { PrintModelError, alignOf, carryModeOf, carryValues, cellText, isBlank, isNegative, kindOf, summaryColumnOf, validateTableDoc } from './cells';
import {
  BLACK,
  MM,
  RED,
  baselineFor,
  drawAligned,
  drawBlock,
  drawSpaced,
  drawText,
  fitLine,
  fitSize,
  hline,
  lineHeight,
  openPdf,
  splitWidths,
  textWidth,
  vline,
  wrapText,
  type Pdf,
  type TextStyle,
} from './pdf-common';

export const CARRY_IN = '承前页';
export const CARRY_OUT = '过次页';

type Item = { kind: 'row'; index: number } | { kind: 'carry'; label: typeof CARRY_IN | typeof CARRY_OUT; values: Cell[] };

interface Layout {
  s: number;
  body: number;
  pad: number;
  pageW: number;
  pageH: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  bottomMargin: number;
  tableW: number;
  colX: number[];
  colW: number[];
}

interface HeaderCell {
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  lines: string[];
}

export async function renderTablePdf(table: TableDoc, opts: RenderOptions = {}): Promise<Buffer> {
  return renderTablesPdf([table], opts);
}

/**
 * Several tables in one PDF (e.g. a 银行存款日记账 with one book per bank account): each starts on a
 * new page with its own paper and orientation, 承前页 / 过次页 and "第 n 页 共 N 页" numbering.
 */
export async function renderTablesPdf(tables: TableDoc[], opts: RenderOptions = {}): Promise<Buffer> {
  if (tables.length === 0) throw new PrintModelError('没有可打印的表格');
  tables.forEach(validateTableDoc);
  const first = tables[0]!;
  const handle = openPdf({ paper: first.paper ?? 'A4', orientation: first.orientation ?? 'portrait', title: first.title, fontDir: opts.fontDir });
  tables.forEach((table, t) => {
    if (t > 0) handle.doc.addPage({ size: table.paper ?? 'A4', layout: table.orientation ?? 'portrait', margin: 0 });
    drawTable(handle.doc, table);
  });
  return handle.finish();
}

/** Draws one table from the current (fresh) page on, numbering its own pages. */
function drawTable(doc: Pdf, table: TableDoc): void {
  const firstPage = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
  const L = layout(doc, table);
  const cols = table.columns;
  const style: TextStyle = { size: L.body };
  const bold: TextStyle = { size: L.body, bold: true };
  const minRowH = lineHeight(L.body) + 2 * L.pad;

  // Measure the header and every row once.
  const headTop = pageHeadHeight(table, L);
  const header = measureHeader(doc, table, L, headTop);
  const tableTop = headTop + header.height;
  // A row may never be taller than a page can hold (with its 承前页 and 过次页 rows).
  const fitLines = Math.max(1, Math.floor((L.bottom - tableTop - 2 * minRowH - 2 * L.pad) / lineHeight(L.body)));
  const rowLines: string[][][] = table.rows.map((row) =>
    cols.map((col, c) => {
      if (kindOf(col) !== 'text') return [cellText(col, row.cells[c])];
      const rs = row.bold ? bold : style;
      return wrapText(doc, cellText(col, row.cells[c]), L.colW[c]! - 2 * L.pad, rs, Math.min(col.maxLines ?? 3, fitLines));
    }),
  );
  const rowH = rowLines.map((cells) => Math.max(minRowH, ...cells.map((lines) => lines.length * lineHeight(L.body) + 2 * L.pad)));
  const carry = table.carryRows ?? cols.some((c) => carryModeOf(c) !== null);
  const carries = carryValues(table);
  const footerH = footerHeight(doc, table, L);

  // Paginate: every page but the last keeps room for its 过次页 row; the last row needs room for the footer.
  const pages: Item[][] = [];
  let page: Item[] = [];
  let y = tableTop;
  let dataOnPage = 0;
  const startPage = (carried: Cell[] | null) => {
    page = [];
    y = tableTop;
    dataOnPage = 0;
    if (carry && carried) {
      page.push({ kind: 'carry', label: CARRY_IN, values: carried });
      y += minRowH;
    }
  };
  startPage(null);
  table.rows.forEach((_, i) => {
    const h = rowH[i]!;
    const isLast = i === table.rows.length - 1;
    const need = h + (isLast ? footerH : carry ? minRowH : 0);
    if (y + need > L.bottom && dataOnPage > 0) {
      const carried = carries[i - 1] ?? null;
      if (carry && carried) page.push({ kind: 'carry', label: CARRY_OUT, values: carried });
      pages.push(page);
      startPage(carried);
    }
    page.push({ kind: 'row', index: i });
    dataOnPage++;
    y += h;
  });
  pages.push(page);

  const sumCol = summaryColumnOf(table);
  pages.forEach((items, p) => {
    if (p > 0) doc.addPage({ size: table.paper ?? 'A4', layout: table.orientation ?? 'portrait', margin: 0 });
    drawPageHead(doc, table, L);
    drawHeader(doc, header.cells, L);
    let yy = tableTop;
    for (const item of items) {
      if (item.kind === 'row') {
        const row = table.rows[item.index]!;
        drawRow(doc, table, L, yy, rowH[item.index]!, row, rowLines[item.index]!);
        yy += rowH[item.index]!;
      } else {
        const cells: Cell[] = cols.map((col, c) => (c === sumCol ? item.label : carryModeOf(col) ? item.values[c] : null));
        const lines = cols.map((col, c) => [cellText(col, cells[c])]);
        drawRow(doc, table, L, yy, minRowH, { cells }, lines);
        yy += minRowH;
      }
    }
    // Outer frame, heavier than the inner rules.
    doc.save().lineWidth(1).strokeColor(BLACK).rect(L.left, headTop, L.tableW, yy - headTop).stroke().restore();
    // A red rule under the page's last row would vanish under the frame: draw it just inside.
    const tail = items[items.length - 1];
    const tailRule = tail?.kind === 'row' ? table.rows[tail.index]!.redRule : undefined;
    if (tailRule === 'single') hline(doc, L.left, L.left + L.tableW, yy - 1.4, 0.8, RED);
    if (tailRule === 'double') {
      hline(doc, L.left, L.left + L.tableW, yy - 3.4, 0.6, RED);
      hline(doc, L.left, L.left + L.tableW, yy - 1.4, 0.6, RED);
    }
    if (p === pages.length - 1) drawFooter(doc, table, L, yy);
  });

  // "第 n 页 共 N 页" on every page of this table (pages are buffered).
  const range = doc.bufferedPageRange();
  const end = range.start + range.count;
  for (let i = firstPage; i < end; i++) {
    doc.switchToPage(i);
    const text = `第 ${i - firstPage + 1} 页 共 ${end - firstPage} 页`;
    drawSpaced(doc, text, L.left, L.tableW, L.pageH - L.bottomMargin / 2, 'center', { size: 8 * L.s });
  }
}

function layout(doc: Pdf, table: TableDoc): Layout {
  const s = table.fontScale ?? 1;
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  // The left edge is the binding edge (books and statements are bound on the left).
  const left = 20 * MM;
  const right = 12 * MM;
  const top = 12 * MM;
  const bottomMargin = 14 * MM;
  const tableW = pageW - left - right;
  const colW = splitWidths(tableW, table.columns.map((c) => c.width ?? 1));
  const colX: number[] = [];
  colW.reduce((x, w) => {
    colX.push(x);
    return x + w;
  }, left);
  colX.push(left + tableW);
  return { s, body: 9 * s, pad: 4 * s, pageW, pageH, left, right, top, bottom: pageH - bottomMargin, bottomMargin, tableW, colX, colW };
}

const titleSize = (L: Layout) => 16 * L.s;
const subSize = (L: Layout) => 10 * L.s;

function pageHeadHeight(table: TableDoc, L: Layout): number {
  return L.top + titleSize(L) * 1.6 + (table.subtitle ? subSize(L) * 1.7 : 0) + L.body * 2;
}

function drawPageHead(doc: Pdf, table: TableDoc, L: Layout): void {
  let y = L.top;
  const ts = titleSize(L);
  drawAligned(doc, table.title, L.left, L.tableW, baselineFor(y + ts * 0.7, ts), 'center', { size: ts, bold: true });
  if (table.code) drawAligned(doc, table.code, L.left, L.tableW, baselineFor(y + ts * 0.7, L.body), 'right', { size: L.body });
  y += ts * 1.6;
  if (table.subtitle) {
    drawAligned(doc, table.subtitle, L.left, L.tableW, baselineFor(y + subSize(L) * 0.7, subSize(L)), 'center', { size: subSize(L) });
    y += subSize(L) * 1.7;
  }
  // 编制单位 at the left, the period in the middle (pushed right by a long unit name), 单位 at the
  // right; the line is set smaller when the three do not fit side by side.
  const unit = table.unitLabel ?? '单位：元';
  const name = `编制单位：${table.unitName}（公章）`;
  const gap = 12 * L.s;
  let st: TextStyle = { size: L.body };
  const widths = () => [name, table.period, unit].map((t) => textWidth(doc, t, st)) as [number, number, number];
  let [nameW, periodW, unitW] = widths();
  while (nameW + periodW + unitW + 2 * gap > L.tableW && st.size > 6) {
    st = { size: st.size - 0.5 };
    [nameW, periodW, unitW] = widths();
  }
  const right = L.left + L.tableW;
  let periodX = Math.max(L.left + (L.tableW - periodW) / 2, L.left + nameW + gap);
  periodX = Math.min(periodX, right - unitW - gap - periodW);
  const base = baselineFor(y + L.body * 0.9, st.size);
  drawText(doc, fitLine(doc, name, Math.max(0, periodX - gap - L.left), st), L.left, base, st);
  drawText(doc, table.period, periodX, base, st);
  drawAligned(doc, unit, L.left, L.tableW, base, 'right', st);
}

function measureHeader(doc: Pdf, table: TableDoc, L: Layout, top: number): { height: number; cells: HeaderCell[] } {
  const st: TextStyle = { size: L.body, bold: true };
  const lh = lineHeight(L.body);
  const minH = lh + 2 * L.pad;
  const cols = table.columns;
  const colLines = cols.map((col, c) => wrapText(doc, col.header, L.colW[c]! - 2 * L.pad, st, 3));
  const colH = Math.max(minH, ...colLines.map((l) => l.length * lh + 2 * L.pad));
  if (!table.groupHeaders) {
    return { height: colH, cells: cols.map((col, c) => ({ text: col.header, x: L.colX[c]!, y: top, w: L.colW[c]!, h: colH, lines: colLines[c]! })) };
  }
  const groups: HeaderCell[] = [];
  const tall = new Set<number>();
  let c0 = 0;
  for (const g of table.groupHeaders) {
    const x = L.colX[c0]!;
    const w = L.colX[c0 + g.span]! - x;
    if (g.text === '') for (let c = c0; c < c0 + g.span; c++) tall.add(c);
    else groups.push({ text: g.text, x, y: top, w, h: 0, lines: wrapText(doc, g.text, w - 2 * L.pad, st, 2) });
    c0 += g.span;
  }
  const groupH = Math.max(minH, ...groups.map((g) => g.lines.length * lh + 2 * L.pad));
  const cells: HeaderCell[] = groups.map((g) => ({ ...g, h: groupH }));
  cols.forEach((col, c) => {
    const t = tall.has(c);
    cells.push({ text: col.header, x: L.colX[c]!, y: t ? top : top + groupH, w: L.colW[c]!, h: t ? groupH + colH : colH, lines: colLines[c]! });
  });
  return { height: groupH + colH, cells };
}

function drawHeader(doc: Pdf, cells: HeaderCell[], L: Layout): void {
  for (const cell of cells) {
    doc.save().lineWidth(0.5).strokeColor(BLACK).rect(cell.x, cell.y, cell.w, cell.h).stroke().restore();
    drawBlock(doc, cell.lines, cell.x + L.pad, cell.w - 2 * L.pad, cell.y, cell.h, 'center', { size: L.body, bold: true });
  }
}

function drawRow(doc: Pdf, table: TableDoc, L: Layout, y: number, h: number, row: Row, lines: string[][]): void {
  const base: TextStyle = { size: L.body, bold: row.bold === true };
  table.columns.forEach((col, c) => {
    const x = L.colX[c]!;
    const w = L.colW[c]!;
    vline(doc, x, y, y + h);
    const cell = row.cells[c];
    if (isBlank(cell)) return;
    const red = isNegative(col, cell) || (row.red === true && kindOf(col) !== 'text');
    const st: TextStyle = { ...base, color: red ? RED : BLACK };
    const inner = w - 2 * L.pad;
    if (kindOf(col) === 'text') {
      drawBlock(doc, lines[c] ?? [], x + L.pad, inner, y, h, alignOf(col), st);
    } else {
      // Figures are never cut: a figure too wide for its column is set smaller.
      const text = lines[c]?.[0] ?? '';
      const size = fitSize(doc, text, inner, st, Math.min(5, L.body));
      drawAligned(doc, text, x + L.pad, inner, baselineFor(y + h / 2, size), alignOf(col), { ...st, size });
    }
  });
  vline(doc, L.left + L.tableW, y, y + h);
  hline(doc, L.left, L.left + L.tableW, y + h);
  if (row.redRule === 'single') hline(doc, L.left, L.left + L.tableW, y + h, 0.8, RED);
  if (row.redRule === 'double') {
    hline(doc, L.left, L.left + L.tableW, y + h - 1.6, 0.6, RED);
    hline(doc, L.left, L.left + L.tableW, y + h + 0.4, 0.6, RED);
  }
}

function noteLines(doc: Pdf, table: TableDoc, L: Layout): string[] {
  return (table.notes ?? []).flatMap((n) => wrapText(doc, n, L.tableW, { size: L.body }));
}

function footerHeight(doc: Pdf, table: TableDoc, L: Layout): number {
  const notes = noteLines(doc, table, L).length * lineHeight(L.body);
  const sign = (table.signatures?.length ?? 0) > 0 || table.signDate ? L.body * 3 : 0;
  return (notes || sign ? 4 * L.s : 0) + notes + sign;
}

function drawFooter(doc: Pdf, table: TableDoc, L: Layout, top: number): void {
  const st: TextStyle = { size: L.body };
  const lh = lineHeight(L.body);
  let y = top + 4 * L.s;
  for (const line of noteLines(doc, table, L)) {
    drawAligned(doc, line, L.left, L.tableW, baselineFor(y + lh / 2, L.body), 'left', st);
    y += lh;
  }
  const sigs = table.signatures ?? [];
  if (sigs.length === 0 && !table.signDate) return;
  // The date keeps the width it needs (up to half the line); the signatures share the rest equally.
  const slots = sigs.length + (table.signDate ? 1 : 0);
  const even = L.tableW / slots;
  const dateW = table.signDate ? Math.min(L.tableW / 2, Math.max(even, textWidth(doc, table.signDate, st) + 8 * L.s)) : 0;
  const slotW = sigs.length > 0 ? (L.tableW - dateW) / sigs.length : 0;
  const base = baselineFor(y + L.body * 1.5, L.body);
  sigs.forEach((sig, i) => drawAligned(doc, fitLine(doc, sig, slotW - 4, st), L.left + i * slotW, slotW, base, 'left', st));
  if (table.signDate) drawAligned(doc, fitLine(doc, table.signDate, dateW, st), L.left + L.tableW - dateW, dateW, base, 'right', st);
}
