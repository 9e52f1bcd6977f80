// 会费收据: the receipt a member gets for dues paid in cash (numbered per year without gaps), and
// its PDF — unit name, number, member, months, amount in figures and in capitals (会计基础工作规范
// 第五十二条), date and collector; drawn like the 记账凭证 (pdf-common primitives, Noto Sans SC).
import type { Handler, ServiceContext } from '../context';
import { afterCommit } from '../context';
import type { DuesReceipt } from '../../contract/dues';
import { formatYuan, toChineseCapital } from '../../contract/money';
import { CoreError } from '../errors';
import { BLACK, MM, RED, baselineFor, drawAligned, drawText, hline, openPdf, vline } from '../print/pdf-common';
import { monthsText, unionName } from './common';

export function receiptOf(ctx: ServiceContext, id: number): DuesReceipt {
  const db = ctx.db.sqlite;
  const r = db
    .prepare(
      `SELECT r.id, r.year, r.number, r.member_id, r.amount_fen, r.issued_at, m.employee_no, m.name, u.display_name
       FROM dues_receipts r JOIN members m ON m.id = r.member_id JOIN users u ON u.id = r.issued_by WHERE r.id = ?`,
    )
    .get(id) as
    | { id: number; year: number; number: number; member_id: number; amount_fen: number; issued_at: string; employee_no: string; name: string; display_name: string }
    | undefined;
  if (!r) throw new CoreError('NOT_FOUND', `会费收据 #${id} 不存在。`, { field: 'receiptId' });
  const pays = db
    .prepare('SELECT month, paid_on, voucher_id FROM dues_payments WHERE receipt_id = ? AND reverses_payment_id IS NULL ORDER BY month')
    .all(id) as { month: string; paid_on: string; voucher_id: number }[];
  return {
    id: r.id,
    year: r.year,
    number: r.number,
    label: `${r.year}-${String(r.number).padStart(4, '0')}`,
    memberId: r.member_id,
    employeeNo: r.employee_no,
    memberName: r.name,
    months: pays.map((p) => p.month),
    amountFen: r.amount_fen,
    amountInWords: toChineseCapital(r.amount_fen),
    date: pays[0]?.paid_on ?? r.issued_at.slice(0, 10),
    collector: r.display_name,
    voucherId: pays[0]?.voucher_id ?? null,
    voided: pays.length === 0,
  };
}

export const getReceipt: Handler<'dues.receipt.get'> = (ctx, input) => receiptOf(ctx, input.receiptId);

const cn = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

export async function renderReceiptPdf(r: DuesReceipt, unit: string): Promise<Buffer> {
  const { doc, finish } = openPdf({ paper: 'A4', orientation: 'portrait', title: `会费收据 ${r.label}` });
  const left = 20 * MM;
  const width = doc.page.width - 40 * MM;
  let y = 22 * MM;
  drawAligned(doc, '工 会 会 费 收 据', left, width, y, 'center', { size: 18, bold: true });
  hline(doc, left + width / 2 - 35 * MM, left + width / 2 + 35 * MM, y + 3 * MM, 0.8);
  hline(doc, left + width / 2 - 35 * MM, left + width / 2 + 35 * MM, y + 4 * MM, 0.8);
  y += 11 * MM;
  drawText(doc, `收款单位：${unit}`, left, y, { size: 10 });
  drawAligned(doc, `${cn(r.date)}`, left, width, y, 'center', { size: 10 });
  drawAligned(doc, `No. ${r.label}`, left, width, y, 'right', { size: 11, bold: true, color: RED });
  y += 4 * MM;
  const rowH = 11 * MM;
  const labelW = 32 * MM;
  const rows: [string, string][] = [
    ['缴款会员', `${r.memberName}（工号 ${r.employeeNo}）`],
    ['缴费月份', r.months.length > 0 ? `${monthsText(r.months)}（共 ${r.months.length} 个月）` : '—'],
    ['金额（小写）', `¥${formatYuan(r.amountFen)}`],
    ['金额（大写）', `人民币${r.amountInWords}`],
    ['款项', '工会会员会费（按月交纳，工发[1978]101号；计入 401 会费收入）'],
  ];
  const top = y;
  rows.forEach(([label, value], i) => {
    const yy = top + i * rowH;
    drawAligned(doc, label, left, labelW, baselineFor(yy + rowH / 2, 10.5), 'center', { size: 10.5, bold: true });
    drawText(doc, value, left + labelW + 3 * MM, baselineFor(yy + rowH / 2, 10.5), { size: 10.5 });
  });
  const bottom = top + rows.length * rowH;
  doc.lineWidth(1.2).strokeColor(BLACK).rect(left, top, width, bottom - top).stroke();
  for (let i = 1; i < rows.length; i++) hline(doc, left, left + width, top + i * rowH);
  vline(doc, left + labelW, top, bottom);
  y = bottom + 8 * MM;
  drawText(doc, '收款单位（盖章）：', left, y, { size: 10 });
  drawText(doc, `收款人：${r.collector}`, left + width * 0.45, y, { size: 10 });
  drawText(doc, '缴款人（签字）：', left + width * 0.7, y, { size: 10 });
  if (r.voided) {
    doc.save();
    doc.rotate(-20, { origin: [left + width / 2, top + (bottom - top) / 2] });
    drawAligned(doc, '作 废', left, width, top + (bottom - top) / 2 + 12, 'center', { size: 44, bold: true, color: RED });
    doc.restore();
  }
  return finish();
}

export const printReceipt: Handler<'dues.receipt.print'> = (ctx, input) => {
  const r = receiptOf(ctx, input.receiptId);
  const unit = unionName(ctx.db);
  return afterCommit(async () => ({
    filename: `会费收据-${r.label}-${r.memberName}.pdf`,
    mimeType: 'application/pdf',
    base64: (await renderReceiptPdf(r, unit)).toString('base64'),
  }));
};
