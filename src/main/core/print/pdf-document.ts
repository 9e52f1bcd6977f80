// A written document as a PDF (审查报告, 说明): title, centred sub-title lines, numbered headings,
// paragraphs with the customary two-character first-line indent, simple ruled tables (header
// repeated after a page break), a right-aligned signature block (committee and date, §8) and
// "第 n 页 共 N 页" on every page. Text is wrapped and paginated by us (pdf-common primitives); the
// fonts are the embedded Noto Sans SC of every other print. Money arrives already formatted: the
// caller decides 元 / 万元 (review-and-disclosure.md §4 "Display in 元 or 万元").
import type { Align, Paper, RenderOptions } from './model';
import { BLACK, MM, RED, baselineFor, drawAligned, drawSpaced, drawText, hline, lineHeight, openPdf, splitWidths, vline, wrapText, type Pdf, type TextStyle } from './pdf-common';

export interface DocTableColumn {
  header: string;
  width?: number;
  align?: Align;
}

export interface DocTableRow {
  cells: string[];
  bold?: boolean;
}

export type DocBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; indent?: boolean; red?: boolean }
  | { kind: 'table'; columns: DocTableColumn[]; rows: DocTableRow[]; caption?: string }
  | { kind: 'note'; text: string; red?: boolean };

export interface DocumentModel {
  title: string;
  /** Centred lines under the title ("——在…大会上", "经费审查委员会"). */
  subtitle?: string[];
  blocks: DocBlock[];
  /** Right-aligned closing lines (committee, date). */
  signature?: string[];
  /** Small print on every page above the page number (e.g. the SHA-256 of a frozen report). */
  footer?: string;
  /** A diagonal stamp over every page (草稿). */
  watermark?: string;
  paper?: Paper;
}

const INDENT = '　　';

interface Cursor {
  y: number;
}

export async function renderDocumentPdf(model: DocumentModel, opts: RenderOptions = {}): Promise<Buffer> {
  const paper = model.paper ?? 'A4';
  const handle = openPdf({ paper, orientation: 'portrait', title: model.title, fontDir: opts.fontDir });
  const doc = handle.doc;
  const pageW = doc.page.width;
  const pageH = doc.page.height;
  const left = 25 * MM;
  const right = pageW - 22 * MM;
  const width = right - left;
  const top = 25 * MM;
  const bottom = pageH - 22 * MM;
  const body: TextStyle = { size: 12 };
  const lh = lineHeight(body.size) * 1.35;
  const cur: Cursor = { y: top };

  const newPage = () => {
    doc.addPage({ size: paper, layout: 'portrait', margin: 0 });
    cur.y = top;
  };
  const need = (h: number) => {
    if (cur.y + h > bottom) newPage();
  };
  const lines = (text: string, style: TextStyle, color?: string, w = width) => {
    for (const line of wrapText(doc, text, w, style)) {
      need(lh);
      drawText(doc, line, left, baselineFor(cur.y + lh / 2, style.size), { ...style, color: color ?? BLACK });
      cur.y += lh;
    }
  };

  // Title and sub-title.
  const titleStyle: TextStyle = { size: 20, bold: true };
  for (const line of wrapText(doc, model.title, width, titleStyle)) {
    drawAligned(doc, line, left, width, baselineFor(cur.y + 16, titleStyle.size), 'center', titleStyle);
    cur.y += 32;
  }
  cur.y += 4;
  for (const s of model.subtitle ?? []) {
    drawAligned(doc, s, left, width, baselineFor(cur.y + lh / 2, 13), 'center', { size: 13 });
    cur.y += lh;
  }
  cur.y += lh / 2;

  for (const b of model.blocks) {
    if (b.kind === 'heading') {
      need(lh * 3); // keep a heading with what follows
      cur.y += lh * 0.3;
      lines(b.text, { size: 14, bold: true });
    } else if (b.kind === 'paragraph') {
      for (const para of b.text.split('\n')) {
        if (para.trim() === '') continue;
        lines((b.indent === false ? '' : INDENT) + para.trim(), body, b.red ? RED : undefined);
      }
    } else if (b.kind === 'note') {
      lines(b.text, { size: 10 }, b.red ? RED : undefined);
    } else {
      drawDocTable(doc, b, { left, width, bottom, lh }, cur, newPage);
    }
  }

  if (model.signature && model.signature.length > 0) {
    need(lh * (model.signature.length + 2));
    cur.y += lh * 1.5;
    for (const s of model.signature) {
      drawAligned(doc, s, left, width - 10 * MM, baselineFor(cur.y + lh / 2, body.size), 'right', body);
      cur.y += lh;
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    if (model.watermark) {
      doc.save().rotate(-30, { origin: [pageW / 2, pageH / 2] });
      drawAligned(doc, model.watermark, 0, pageW, pageH / 2, 'center', { size: 90, color: '#e6e6e6', bold: true });
      doc.restore();
    }
    if (model.footer) drawAligned(doc, model.footer, left, width, pageH - 15 * MM, 'center', { size: 7.5, color: '#555555' });
    drawSpaced(doc, `第 ${i + 1} 页 共 ${range.count} 页`, left, width, pageH - 10 * MM, 'center', { size: 9 });
  }
  return handle.finish();
}

function drawDocTable(
  doc: Pdf,
  t: Extract<DocBlock, { kind: 'table' }>,
  box: { left: number; width: number; bottom: number; lh: number },
  cur: Cursor,
  newPage: () => void,
): void {
  const size = 10.5;
  const pad = 2.2 * MM;
  const cellLh = lineHeight(size);
  const colW = splitWidths(box.width, t.columns.map((c) => c.width ?? 1));
  const colX = colW.map((_, i) => box.left + colW.slice(0, i).reduce((a, b) => a + b, 0));
  const layout = (cells: string[], bold: boolean) => {
    const wrapped = cells.map((c, i) => wrapText(doc, c, colW[i]! - 2 * pad, { size, bold }));
    const h = Math.max(...wrapped.map((w) => w.length)) * cellLh + 2 * pad * 0.7;
    return { wrapped, h };
  };
  const drawRow = (cells: string[], bold: boolean, header: boolean) => {
    const { wrapped, h } = layout(cells, bold || header);
    if (header) doc.save().rect(box.left, cur.y, box.width, h).fill('#f0f0f0').restore();
    wrapped.forEach((ls, i) => {
      const align: Align = header ? 'center' : (t.columns[i]!.align ?? 'left');
      const first = cur.y + (h - ls.length * cellLh) / 2 + cellLh / 2;
      ls.forEach((line, k) =>
        drawAligned(doc, line, colX[i]! + pad, colW[i]! - 2 * pad, baselineFor(first + k * cellLh, size), align, { size, bold: bold || header }),
      );
    });
    hline(doc, box.left, box.left + box.width, cur.y + h, 0.5);
    for (const x of colX) vline(doc, x, cur.y, cur.y + h, 0.5);
    vline(doc, box.left + box.width, cur.y, cur.y + h, 0.5);
    cur.y += h;
  };
  const headerCells = t.columns.map((c) => c.header);
  const headerH = layout(headerCells, true).h;
  const start = () => {
    hline(doc, box.left, box.left + box.width, cur.y, 0.8);
    drawRow(headerCells, true, true);
  };
  if (t.caption) {
    if (cur.y + box.lh + headerH * 2 > box.bottom) newPage();
    drawAligned(doc, t.caption, box.left, box.width, baselineFor(cur.y + box.lh / 2, 11), 'center', { size: 11, bold: true });
    cur.y += box.lh;
  } else if (cur.y + headerH * 2 > box.bottom) newPage();
  start();
  for (const r of t.rows) {
    const { h } = layout(r.cells, r.bold ?? false);
    if (cur.y + h > box.bottom) {
      newPage();
      start();
    }
    drawRow(r.cells, r.bold ?? false, false);
  }
  cur.y += box.lh * 0.5;
}
