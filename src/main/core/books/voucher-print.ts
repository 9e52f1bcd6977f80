// Printing 记账凭证 (会计基础工作规范 第五十三条: the signatures of 制单、审核、记账、会计主管, and 出纳
// on receipts and payments) through the shared print layer.
import type { Handler } from '../context';
import { afterCommit } from '../context';
import type { VoucherDetail } from '../../contract/books';
import { renderVoucherPdf } from '../print';
import type { VoucherPrint } from '../print/model';
import { voucherDetail } from './vouchers';

const FUND = { special: '专项', general: '非专项' } as const;
const EXPENSE = { basic: '基本支出', project: '项目支出' } as const;
const STATUS = { draft: '草稿', reviewed: '已审核', posted: '已记账' } as const;

function lineDetail(l: VoucherDetail['lines'][number]): string | undefined {
  const parts = [
    l.fundNature ? FUND[l.fundNature] : null,
    l.project ? `项目：${l.project}` : null,
    l.expenseType ? EXPENSE[l.expenseType] : null,
    l.counterparty ? `往来：${l.counterparty}` : null,
    l.bankAccount ? `账户：${l.bankAccount}` : null,
    l.custodial ? '代管' : null,
  ].filter((x): x is string => x !== null);
  return parts.length ? parts.join('；') : undefined;
}

export function toVoucherPrint(v: VoucherDetail, unitName: string): VoucherPrint {
  return {
    unitName,
    word: v.word,
    number: v.number,
    date: v.date,
    attachments: v.attachments,
    red: v.kind === 'reversal' || v.totalDebit < 0,
    status: STATUS[v.status],
    remark: v.kind === 'reversal' ? v.lines[0]?.summary : undefined,
    lines: v.lines.map((l) => ({ summary: l.summary, accountCode: l.accountCode, accountName: l.accountName, detail: lineDetail(l), debit: l.debit, credit: l.credit })),
    signers: {
      // The poster is the 会计主管 (the role that reviews and posts) in this office.
      supervisor: v.poster?.name,
      poster: v.poster?.name,
      reviewer: v.reviewer?.name,
      cashier: v.cashier?.name,
      preparer: v.preparer.name,
    },
  };
}

export const printVouchers: Handler<'vouchers.print'> = (ctx, input) => {
  const unitName = ctx.db.first(ctx.db.q.selectFrom('union_profile').select('name'))?.name ?? '';
  const prints = input.ids.map((id) => toVoucherPrint(voucherDetail(ctx, id), unitName));
  const first = prints[0]!;
  const name = prints.length === 1 ? `记账凭证-${first.date}-${first.word}${first.number ?? '草稿'}.pdf` : `记账凭证-${prints.length}张.pdf`;
  return afterCommit(async () => ({
    filename: name,
    mimeType: 'application/pdf',
    base64: (await renderVoucherPdf(prints, { perPage: input.perPage })).toString('base64'),
  }));
};
