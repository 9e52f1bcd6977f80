// pdfkit plumbing shared by the table and voucher renderers: one document with the embedded
// (subset) Noto Sans SC fonts, and text primitives that never flow or add pages by themselves —
// every string is placed at an explicit baseline, measured, wrapped or shrunk by us.
import { pdfkit } from '../lazy-libs';
import { loadFonts } from './fonts';
import type { Orientation, Paper } from './model';

export type Pdf = PDFKit.PDFDocument;

export const FONT_REGULAR = 'NotoSansSC';
export const FONT_BOLD = 'NotoSansSC-Bold';
export const RED = '#d40000';
export const BLACK = '#000000';

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

export interface TextStyle {
  size: number;
  bold?: boolean;
  color?: string;
}

export interface PdfHandle {
  doc: Pdf;
  /** Ends the document and resolves with the file. */
  finish(): Promise<Buffer>;
}

export function openPdf(opts: { paper: Paper; orientation: Orientation; title: string; fontDir?: string }): PdfHandle {
  const fonts = loadFonts(opts.fontDir);
  const doc = new (pdfkit())({
    size: opts.paper,
    layout: opts.orientation,
    margin: 0,
    bufferPages: true,
    info: { Title: opts.title, Creator: '工会经费账簿 Union Ledger', Producer: 'pdfkit' },
  });
  // Registered from Buffers read once per process; pdfkit embeds only the glyphs used (subset).
  doc.registerFont(FONT_REGULAR, fonts.regular);
  doc.registerFont(FONT_BOLD, fonts.bold);
  doc.font(FONT_REGULAR);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return {
    doc,
    finish: () => {
      doc.end();
      return done;
    },
  };
}

function apply(doc: Pdf, style: TextStyle): void {
  doc.font(style.bold ? FONT_BOLD : FONT_REGULAR).fontSize(style.size);
}

export function textWidth(doc: Pdf, s: string, style: TextStyle): number {
  apply(doc, style);
  return doc.widthOfString(s);
}

/** Line advance for a size (Noto Sans SC's own line gap is generous; 1.3 reads well in tables). */
export const lineHeight = (size: number): number => size * 1.3;

/** The baseline that centres CJK and digits vertically on `centreY`. */
export const baselineFor = (centreY: number, size: number): number => centreY + size * 0.36;

/** Draws one line with its baseline at `baseline`. */
export function drawText(doc: Pdf, s: string, x: number, baseline: number, style: TextStyle): void {
  if (s === '') return;
  apply(doc, style);
  doc.fillColor(style.color ?? BLACK).text(s, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
}

/** Draws one line aligned inside [left, left + width]. */
export function drawAligned(doc: Pdf, s: string, left: number, width: number, baseline: number, align: 'left' | 'center' | 'right', style: TextStyle): void {
  const w = textWidth(doc, s, style);
  const x = align === 'left' ? left : align === 'right' ? left + width - w : left + (width - w) / 2;
  drawText(doc, s, x, baseline, style);
}

/**
 * Draws words separated by spaces as separate runs with a visible gap (`gap` em), so that the gap
 * survives on paper and in text extraction (Noto Sans SC's space is narrow): "第 1 页 共 3 页".
 */
export function drawSpaced(doc: Pdf, s: string, left: number, width: number, baseline: number, align: 'left' | 'center' | 'right', style: TextStyle, gap = 0.5): void {
  const words = s.split(/ +/).filter((w) => w !== '');
  const g = gap * style.size;
  const widths = words.map((w) => textWidth(doc, w, style));
  const total = widths.reduce((a, b) => a + b, 0) + g * Math.max(0, words.length - 1);
  let x = align === 'left' ? left : align === 'right' ? left + width - total : left + (width - total) / 2;
  words.forEach((w, i) => {
    drawText(doc, w, x, baseline, style);
    x += widths[i]! + g;
  });
}

/** Latin words and numbers stay together; CJK may break between any two characters. */
const TOKEN = /[\x21-\x7e]+|\s+|./gsu;

function breakLong(doc: Pdf, token: string, width: number): string[] {
  const parts: string[] = [];
  let cur = '';
  let curW = 0;
  for (const ch of token) {
    const w = doc.widthOfString(ch);
    if (cur !== '' && curW + w > width) {
      parts.push(cur);
      cur = ch;
      curW = w;
    } else {
      cur += ch;
      curW += w;
    }
  }
  if (cur !== '') parts.push(cur);
  return parts;
}

/**
 * Greedy line breaking; a text that needs more than maxLines ends its last line with "…".
 * Widths are added token by token (no kerning across tokens: CJK and figures have none).
 */
export function wrapText(doc: Pdf, s: string, width: number, style: TextStyle, maxLines = Infinity): string[] {
  apply(doc, style);
  if (!s.includes('\n') && doc.widthOfString(s) <= width) return [s];
  const lines: string[] = [];
  for (const para of s.split('\n')) {
    let cur = '';
    let curW = 0;
    for (const token of para.match(TOKEN) ?? []) {
      const w = doc.widthOfString(token);
      if (curW + w <= width) {
        cur += token;
        curW += w;
        continue;
      }
      if (/^\s+$/.test(token)) {
        lines.push(cur);
        cur = '';
        curW = 0;
        continue;
      }
      const pieces = w > width ? breakLong(doc, token, width) : [token];
      if (cur.trim() !== '') lines.push(cur.trimEnd());
      cur = '';
      curW = 0;
      for (const [i, piece] of pieces.entries()) {
        if (i < pieces.length - 1) lines.push(piece);
        else {
          cur = piece;
          curW = doc.widthOfString(piece);
        }
      }
    }
    lines.push(cur.trimEnd());
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  kept[kept.length - 1] = ellipsize(doc, `${kept[kept.length - 1]}${lines[kept.length] ?? ''}`, width, style);
  return kept;
}

/** Cuts a line to the width, ending in "…" when something was cut. */
export function ellipsize(doc: Pdf, s: string, width: number, style: TextStyle): string {
  apply(doc, style);
  if (doc.widthOfString(s) <= width) return s;
  const chars = [...s];
  while (chars.length > 0 && doc.widthOfString(`${chars.join('')}…`) > width) chars.pop();
  return `${chars.join('')}…`;
}

/** One line, cut with "…" when it is too wide. */
export function fitLine(doc: Pdf, s: string, width: number, style: TextStyle): string {
  return textWidth(doc, s, style) <= width + 0.01 ? s : wrapText(doc, s.replace(/\n/g, ' '), width, style, 1)[0] ?? '';
}

/** The largest size ≤ style.size (down to minSize) at which `s` fits on one line. */
export function fitSize(doc: Pdf, s: string, width: number, style: TextStyle, minSize: number): number {
  let size = style.size;
  while (size > minSize && textWidth(doc, s, { ...style, size }) > width) size = Math.max(minSize, size - 0.5);
  return size;
}

/**
 * Fits text into a fixed box: tries smaller sizes down to minSize with wrapping, and at minSize
 * keeps as many lines as fit, the last one ending in "…".
 */
export function fitBlock(doc: Pdf, s: string, width: number, height: number, style: TextStyle, minSize: number): { size: number; lines: string[] } {
  // One line, slightly smaller, reads better than a wrapped orphan character.
  const oneLine = fitSize(doc, s, width, style, Math.max(minSize, style.size * 0.85));
  if (!s.includes('\n') && textWidth(doc, s, { ...style, size: oneLine }) <= width) return { size: oneLine, lines: [s] };
  for (let size = style.size; size >= minSize; size -= 0.5) {
    const lines = wrapText(doc, s, width, { ...style, size });
    if (lines.length * lineHeight(size) <= height) return { size, lines };
  }
  const maxLines = Math.max(1, Math.floor(height / lineHeight(minSize)));
  return { size: minSize, lines: wrapText(doc, s, width, { ...style, size: minSize }, maxLines) };
}

/** Draws wrapped lines centred vertically in [top, top + height]. */
export function drawBlock(doc: Pdf, lines: string[], left: number, width: number, top: number, height: number, align: 'left' | 'center' | 'right', style: TextStyle): void {
  const lh = lineHeight(style.size);
  const first = top + (height - lines.length * lh) / 2 + lh / 2;
  lines.forEach((line, i) => drawAligned(doc, line, left, width, baselineFor(first + i * lh, style.size), align, style));
}

export function hline(doc: Pdf, x1: number, x2: number, y: number, width = 0.5, color = BLACK): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x1, y).lineTo(x2, y).stroke().restore();
}

export function vline(doc: Pdf, x: number, y1: number, y2: number, width = 0.5, color = BLACK): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x, y1).lineTo(x, y2).stroke().restore();
}

/** Splits `total` in proportion to the weights; the parts add up exactly to `total`. */
export function splitWidths(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const widths = weights.map((w) => (total * w) / sum);
  return widths;
}
