// T2 levy received and T3 remittance (accounts.md §6; dues.md §6–§7; spending-rules.md CHK-LEVY-1).
import type { Handler } from '../context';
import type { Finding } from '../../contract/op';
import type { LevySplit } from '../../contract/entries';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import { draftVoucher, helperWord, line, postedNet, requireBankAccount, requireLeafUnder, unpostedNet } from './common';

const LEVY_CITE = '工会法 第四十三条（按每月全部职工工资总额的百分之二向工会拨缴）';

/**
 * Splits the gross levy in integer 分. The upper level's share is rounded DOWN to the fen and the
 * retained share is the difference, so the two always sum to the gross and the rounding remainder
 * (at most 1 分 per unit of the percentage's precision) stays with the union as 402 revenue: the
 * union never books a payable larger than the exact share. E.g. 60 % of 10,000.01 → 211 4,000.00,
 * 402 6,000.01. The percentage may have two decimals; it is applied in basis points with BigInt.
 */
export function splitLevy(grossFen: number, retainedPct: number): { retainedFen: number; upperFen: number } {
  const retainedBp = BigInt(Math.round(retainedPct * 100));
  const upperFen = Number((BigInt(grossFen) * (10_000n - retainedBp)) / 10_000n);
  return { retainedFen: grossFen - upperFen, upperFen };
}

/** 2 % of the payroll base, half-up to the fen (dues.md §7: "Levy rounding is a setting, default half-up"). */
export function expectedLevy(payrollBaseFen: number): number {
  return Number((BigInt(payrollBaseFen) * 2n + 50n) / 100n);
}

export const levyReceived: Handler<'entries.levyReceived'> = (ctx, input) => {
  const chart = loadChart(ctx.db);
  const bank = requireBankAccount(chart, input.bankAccountCode);
  const revenue = requireLeafUnder(chart, '402', '402', 'grossFen', '拨缴经费收入科目');
  const payable = requireLeafUnder(chart, '211', '211', 'grossFen', '应付上级经费科目');
  const retainedPct = ctx.settings().levyRetainedPct;
  const { retainedFen, upperFen } = splitLevy(input.grossFen, retainedPct);

  const findings: Finding[] = [];
  let expectedFen: number | null = null;
  if (input.payrollBaseFen !== undefined) {
    expectedFen = expectedLevy(input.payrollBaseFen);
    const diff = input.grossFen - expectedFen;
    if (diff !== 0) {
      findings.push({
        rule: 'CHK-LEVY-1',
        severity: 'warn',
        message: `工资总额 ${formatYuan(input.payrollBaseFen)} 元的 2% 应为 ${formatYuan(expectedFen)} 元，本次收到 ${formatYuan(input.grossFen)} 元，${diff < 0 ? '少拨' : '多拨'} ${formatYuan(Math.abs(diff))} 元，请向行政方核实。`,
        citation: LEVY_CITE,
      });
    }
  }

  const summary = `收到拨缴经费${input.receiptNo ? `（收据 ${input.receiptNo}）` : ''}`;
  const lines = [
    line({ summary, accountCode: bank.code, debit: input.grossFen }),
    line({ summary: `${summary}，本级留成 ${retainedPct}%`, accountCode: revenue.code, credit: retainedFen, fundNature: 'general' }),
  ];
  if (upperFen > 0) {
    lines.push(line({ summary: `${summary}，应上缴${input.counterparty}`, accountCode: payable.code, credit: upperFen, counterparty: input.counterparty }));
  }
  if (retainedFen === 0) lines.splice(1, 1);
  const voucher = draftVoucher(ctx, {
    date: input.date,
    word: helperWord(ctx.db, '收'),
    attachments: input.attachments,
    attachmentsNote: input.receiptNo ? `工会经费收入专用收据 ${input.receiptNo}` : null,
    source: 'entries.levyReceived',
    lines,
  });
  const split: LevySplit = { grossFen: input.grossFen, retainedFen, upperFen, retainedPct, expectedFen };
  ctx.audit({ operation: 'entries.levyReceived', entity: 'voucher', entityId: voucher.id, after: { split, findings, lines: voucher.lines } });
  return { voucher, findings, split };
};

export const remitUpward: Handler<'entries.remitUpward'> = (ctx, input) => {
  const chart = loadChart(ctx.db);
  const bank = requireBankAccount(chart, input.bankAccountCode);
  const payable = requireLeafUnder(chart, '211', '211', 'amountFen', '应付上级经费科目');
  // 211 is a credit-side account: its balance is −(debit − credit). Remittances still in draft or
  // awaiting posting already claim part of it, so two drafts cannot remit the same money twice.
  const posted = -postedNet(ctx.db, '211');
  const pending = unpostedNet(ctx.db, '211'); // > 0: unposted remittances (debits to 211)
  const available = posted - Math.max(pending, 0);
  if (input.amountFen > available) {
    const pendingText = pending > 0 ? `，其中 ${formatYuan(pending)} 元已在未记账的上缴凭证中` : '';
    throw new CoreError(
      'RULE',
      `上缴金额 ${formatYuan(input.amountFen)} 元超过应付上级经费（211）已记账余额 ${formatYuan(posted)} 元${pendingText}，可上缴 ${formatYuan(Math.max(available, 0))} 元。请先将收到拨缴经费的凭证记账，或核对上缴金额。`,
      { field: 'amountFen', rule: '财会〔2021〕7号 附录1 211 应付上级经费（上缴时借记本科目，贷记“银行存款”）' },
    );
  }
  const summary = `上缴${input.counterparty}经费`;
  const voucher = draftVoucher(ctx, {
    date: input.date,
    word: helperWord(ctx.db, '付'),
    attachments: input.attachments,
    source: 'entries.remitUpward',
    lines: [
      line({ summary, accountCode: payable.code, debit: input.amountFen, counterparty: input.counterparty }),
      line({ summary, accountCode: bank.code, credit: input.amountFen }),
    ],
  });
  ctx.audit({ operation: 'entries.remitUpward', entity: 'voucher', entityId: voucher.id, after: { amountFen: input.amountFen, balanceBefore: posted, lines: voucher.lines } });
  return { voucher, findings: [] };
};
