// 记账凭证 prints in the paper layout (会计基础工作规范 第五十一、五十三条): title, 核算单位, date,
// 凭证字号, 附件张数, 摘要 | 会计科目 | (辅助核算) | 借方金额 | 贷方金额 with six lines per sheet and the
// unused lines crossed out (第五十一条(六)), a 合计 line with the amount in capitals, and the
// 会计主管 / 记账 / 审核 / 出纳 / 制单 signatures. Two vouchers per A4 sheet (top and bottom half, with
// a dashed cut line), the usual "A4 两版" of accounting software; perPage: 1 prints one per sheet.
import { assertFen, formatYuan, toChineseCapital, type Fen } from '../../contract/money';
import type { RenderOptions, VoucherLinePrint, VoucherPrint } from './model';
import { PrintModelError } from './cells';
import {
  BLACK,
  MM,
  RED,
  baselineFor,
  drawAligned,
  drawBlock,
  drawSpaced,
  drawText,
  fitBlock,
  fitLine,
  fitSize,
  hline,
  openPdf,
  splitWidths,
  textWidth,
  vline,
  type Pdf,
  type TextStyle,
} from './pdf-common';

/** Lines per voucher sheet; longer vouchers continue on further sheets (第 k 张 共 n 张). */
export const VOUCHER_ROWS = 6;

export interface VoucherRenderOptions extends RenderOptions {
  /** Vouchers per A4 sheet: 2 (default, top and bottom half) or 1. */
  perPage?: 1 | 2;
}

/** "2026-03-05" → "2026年03月05日". */
export function voucherDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[1]}年${m[2]}月${m[3]}日` : iso;
}

/** "记字第 5 号", "记字第 5-1/3 号", or a blank for a draft without number. */
export function voucherNumberLabel(v: Pick<VoucherPrint, 'word' | 'number' | 'fraction'>): string {
  const n = v.number === null ? '\u3000\u3000' : v.fraction ? `${v.number}-${v.fraction.index}/${v.fraction.of}` : String(v.number);
  return `${v.word}字第 ${n} 号`;
}

export function voucherTotals(v: VoucherPrint): { debit: Fen; credit: Fen } {
  return v.lines.reduce((t, l) => ({ debit: t.debit + l.debit, credit: t.credit + l.credit }), { debit: 0, credit: 0 });
}

function validate(v: VoucherPrint): void {
  v.lines.forEach((l, i) => {
    assertFen(l.debit, `第 ${i + 1} 行借方金额`);
    assertFen(l.credit, `第 ${i + 1} 行贷方金额`);
  });
  if (!Number.isInteger(v.attachments) || v.attachments < 0) throw new PrintModelError('附件张数必须是非负整数');
}

const WATERMARK: Record<string, string | undefined> = { 草稿: '草稿', 已审核: '未记账' };

export async function renderVoucherPdf(input: VoucherPrint | VoucherPrint[], opts: VoucherRenderOptions = {}): Promise<Buffer> {
  const vouchers = Array.isArray(input) ? input : [input];
  vouchers.forEach(validate);
  const perPage = opts.perPage ?? 2;
  const handle = openPdf({ paper: 'A4', orientation: 'portrait', title: '记账凭证', fontDir: opts.fontDir });
  const { doc } = handle;
  const slotH = doc.page.height / 2;
  let slot = 0;
  for (const v of vouchers) {
    const chunks: VoucherLinePrint[][] = [];
    for (let i = 0; i < v.lines.length; i += VOUCHER_ROWS) chunks.push(v.lines.slice(i, i + VOUCHER_ROWS));
    if (chunks.length === 0) chunks.push([]);
    chunks.forEach((lines, k) => {
      const inPage = slot % perPage;
      if (slot > 0 && inPage === 0) doc.addPage();
      drawSheet(doc, v, lines, { index: k + 1, of: chunks.length }, inPage * slotH);
      if (perPage === 2 && inPage === 0) {
        doc.save().lineWidth(0.5).strokeColor('#999999').dash(4, { space: 3 }).moveTo(8 * MM, slotH).lineTo(doc.page.width - 8 * MM, slotH).stroke().undash().restore();
      }
      slot++;
    });
  }
  return handle.finish();
}

function drawSheet(doc: Pdf, v: VoucherPrint, lines: VoucherLinePrint[], sheet: { index: number; of: number }, top0: number): void {
  const pageW = doc.page.width;
  const left = 20 * MM;
  const right = pageW - 12 * MM - 16; // 16 pt on the right for the vertical 附件 label
  const width = right - left;
  const top = top0 + 10 * MM;
  const body: TextStyle = { size: 9.5 };
  const amountColor = v.red ? RED : BLACK;

  const mark = WATERMARK[v.status ?? '已记账'];
  if (mark) {
    doc.save();
    doc.rotate(-20, { origin: [pageW / 2, top0 + 150] }).fillOpacity(0.13);
    drawAligned(doc, mark, 0, pageW, top0 + 170, 'center', { size: 80, bold: true, color: '#808080' });
    doc.restore();
  }

  // Title with the double rule under it.
  const title = '记 账 凭 证';
  const ts: TextStyle = { size: 18, bold: true, color: v.red ? RED : BLACK };
  drawAligned(doc, title, left, width, baselineFor(top + 10, 18), 'center', ts);
  const tw = textWidth(doc, title, ts) + 24;
  const tx = left + (width - tw) / 2;
  hline(doc, tx, tx + tw, top + 24, 0.8);
  hline(doc, tx, tx + tw, top + 26.5, 0.8);

  // 核算单位 | date | 凭证字号.
  const infoY = baselineFor(top + 40, 9.5);
  const third = width / 3;
  drawAligned(doc, fitLine(doc, `核算单位：${v.unitName}`, third + 30, body), left, third + 30, infoY, 'left', body);
  drawAligned(doc, voucherDate(v.date), left, width, infoY, 'center', body);
  drawSpaced(doc, voucherNumberLabel(v), left, width, infoY, 'right', body, 0.4);
  let tableTop = top + 50;
  const small: TextStyle = { size: 8 };
  const sheetLabel = sheet.of > 1 ? `第 ${sheet.index} 张 共 ${sheet.of} 张` : '';
  if (v.remark || sheetLabel) {
    const y = baselineFor(top + 54, 8);
    if (v.remark) drawAligned(doc, fitLine(doc, v.remark, width * 0.7, small), left, width * 0.7, y, 'left', { ...small, color: v.red ? RED : BLACK });
    if (sheetLabel) drawSpaced(doc, sheetLabel, left, width, y, 'right', small);
    tableTop += 10;
  }

  // Columns.
  const hasDetail = v.lines.some((l) => (l.detail ?? '') !== '');
  const headers = hasDetail ? ['摘　要', '会计科目', v.detailHeader ?? '辅助核算', '借方金额', '贷方金额'] : ['摘　要', '会计科目', '借方金额', '贷方金额'];
  const weights = hasDetail ? [3.2, 3.4, 2.4, 2.3, 2.3] : [3.8, 4.2, 2.5, 2.5];
  const colW = splitWidths(width, weights);
  const colX: number[] = [];
  colW.reduce((x, w) => (colX.push(x), x + w), left);
  colX.push(right);
  const debitCol = headers.length - 2;
  const headH = 24;
  const rowH = 28;
  const pad = 4;

  const headStyle: TextStyle = { size: 10, bold: true };
  headers.forEach((h, c) => drawAligned(doc, h, colX[c]!, colW[c]!, baselineFor(tableTop + headH / 2, 10), 'center', headStyle));
  hline(doc, left, right, tableTop + headH);

  const bodyTop = tableTop + headH;
  lines.forEach((line, r) => {
    const y = bodyTop + r * rowH;
    const texts = hasDetail ? [line.summary, `${line.accountCode} ${line.accountName}`, line.detail ?? ''] : [line.summary, `${line.accountCode} ${line.accountName}`];
    texts.forEach((t, c) => {
      const fit = fitBlock(doc, t, colW[c]! - 2 * pad, rowH - 4, body, 6.5);
      drawBlock(doc, fit.lines, colX[c]! + pad, colW[c]! - 2 * pad, y, rowH, 'left', { ...body, size: fit.size });
    });
    [line.debit, line.credit].forEach((amount, k) => {
      if (amount === 0) return;
      drawAmount(doc, amount, colX[debitCol + k]! + pad, colW[debitCol + k]! - 2 * pad, y + rowH / 2, { ...body, color: amount < 0 ? RED : amountColor });
    });
  });
  for (let r = 1; r <= VOUCHER_ROWS; r++) hline(doc, left, right, bodyTop + r * rowH);

  // Unused lines are crossed out (第五十一条(六)).
  if (lines.length < VOUCHER_ROWS) {
    const y1 = bodyTop + lines.length * rowH;
    const y2 = bodyTop + VOUCHER_ROWS * rowH;
    doc.save().lineWidth(0.6).strokeColor(BLACK).moveTo(left + 6, y2 - 4).lineTo(right - 6, y1 + 4).stroke().restore();
  }

  // 合计 with the amount in capitals (on the last sheet of a voucher).
  const totalTop = bodyTop + VOUCHER_ROWS * rowH;
  const totalH = 28;
  const last = sheet.index === sheet.of;
  const totals = voucherTotals(v);
  const capW = colX[debitCol]! - left - 2 * pad;
  const capY = baselineFor(totalTop + totalH / 2, 9.5);
  drawText(doc, '合　计', left + pad, capY, { size: 10, bold: true });
  const capLeft = left + pad + textWidth(doc, '合　计', { size: 10, bold: true }) + 10;
  if (last) {
    const balanced = totals.debit === totals.credit;
    const capital = `人民币（大写）：${toChineseCapital(totals.debit)}${balanced ? '' : '（借贷不平）'}`;
    const size = fitSize(doc, capital, left + pad + capW - capLeft, body, 6);
    drawText(doc, capital, capLeft, baselineFor(totalTop + totalH / 2, size), { size, color: balanced ? amountColor : RED, bold: false });
    [totals.debit, totals.credit].forEach((amount, k) =>
      drawAmount(doc, amount, colX[debitCol + k]! + pad, colW[debitCol + k]! - 2 * pad, totalTop + totalH / 2, { size: 9.5, bold: true, color: amount < 0 ? RED : amountColor }),
    );
  } else {
    drawText(doc, '（转下张）', capLeft, capY, body);
  }
  const tableBottom = totalTop + totalH;

  // Grid: frame and column rules (the 合计 capitals span the text columns).
  doc.save().lineWidth(1).strokeColor(BLACK).rect(left, tableTop, width, tableBottom - tableTop).stroke().restore();
  colX.slice(1, -1).forEach((x, i) => {
    const c = i + 1;
    vline(doc, x, tableTop, c >= debitCol ? tableBottom : totalTop);
  });

  // 附件 N 张, vertical at the right of the table.
  const ax = right + 4;
  const axW = 12 * MM + 16 - 4 - 8 * MM;
  const attach = ['附', '件', String(v.attachments), '张'];
  const midY = (bodyTop + totalTop) / 2;
  attach.forEach((t, i) => {
    const size = i === 2 ? fitSize(doc, t, axW, { size: 10 }, 6) : 10;
    drawAligned(doc, t, ax, axW, baselineFor(midY + (i - 1.5) * 15, size), 'center', { size });
  });

  // Signatures.
  const roles: [string, string | undefined][] = [
    ['会计主管', v.signers.supervisor],
    ['记账', v.signers.poster],
    ['审核', v.signers.reviewer],
    ['出纳', v.signers.cashier],
    ['制单', v.signers.preparer],
  ];
  const slotW = width / roles.length;
  const sy = baselineFor(tableBottom + 16, 9.5);
  roles.forEach(([role, name], i) => drawAligned(doc, fitLine(doc, `${role}：${name ?? ''}`, slotW - 6, body), left + i * slotW, slotW, sy, 'left', body));
}

function drawAmount(doc: Pdf, amount: Fen, x: number, w: number, centreY: number, st: TextStyle): void {
  const text = formatYuan(amount);
  const size = fitSize(doc, text, w, st, 5);
  drawAligned(doc, text, x, w, baselineFor(centreY, size), 'right', { ...st, size });
}

