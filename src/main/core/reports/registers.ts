// 银行存款余额调节表 (财会〔2021〕7号 第二十九条; vouchers-and-books.md §9), 固定资产卡片账
// (accounts.md §8) and the 凭证汇总 (序时账) of a period as printed documents. The figures are those
// of bank.reconciliation.get, assets.list and the vouchers themselves, unchanged.
import type { AssetRegister, BankReconciliation } from '../../contract/entries';
import type { VoucherDetail } from '../../contract/books';
import type { Row, TableDoc } from '../print';
import { chineseDate } from './common';
import { formatYuan } from '../../contract/money';
import type { DocBase } from './books';

const periodText = (p: string) => `${Number(p.slice(0, 4))}年${Number(p.slice(5, 7))}月`;

export function bankReconciliationDoc(r: BankReconciliation, unionName: string, base: DocBase): TableDoc {
  const items = (kind: BankReconciliation['items'][number]['kind']): Row[] =>
    r.items.filter((i) => i.kind === kind).map((i) => ({ cells: [`　　${chineseDate(i.date)} ${i.description}`, i.amountFen] }));
  const kinds = ['bank_received_not_booked', 'bank_paid_not_booked', 'booked_received_not_bank', 'booked_paid_not_bank'] as const;
  const label = (k: (typeof kinds)[number]) => r.items.find((i) => i.kind === k)?.kindLabel ?? k;
  const rows: Row[] = [
    { cells: ['单位银行存款日记账余额', r.bookBalanceFen], bold: true },
    { cells: [`加：${label('bank_received_not_booked')}`, r.sums.bank_received_not_booked] },
    ...items('bank_received_not_booked'),
    { cells: [`减：${label('bank_paid_not_booked')}`, r.sums.bank_paid_not_booked] },
    ...items('bank_paid_not_booked'),
    { cells: ['调节后的存款余额（单位）', r.adjustedBookFen], bold: true, redRule: 'single' },
    { cells: ['银行对账单余额', r.statementBalanceFen], bold: true },
    { cells: [`加：${label('booked_received_not_bank')}`, r.sums.booked_received_not_bank] },
    ...items('booked_received_not_bank'),
    { cells: [`减：${label('booked_paid_not_bank')}`, r.sums.booked_paid_not_bank] },
    ...items('booked_paid_not_bank'),
    { cells: ['调节后的存款余额（银行）', r.adjustedBankFen], bold: true, redRule: 'single' },
  ];
  return {
    ...base,
    title: '银行存款余额调节表',
    unitName: unionName,
    period: periodText(r.period),
    subtitle: `账户：${r.bankAccountCode} ${r.bankAccountName}　　${r.agreed ? '调节后余额相符' : `调节后余额不符，相差 ${formatYuan(Math.abs(r.differenceFen ?? 0))} 元`}`,
    columns: [
      { header: '项目', width: 4 },
      { header: '金额', width: 1.6, kind: 'money' },
    ],
    rows,
  };
}

export function assetRegisterDoc(r: AssetRegister, unionName: string, base: DocBase): TableDoc {
  const STATUS: Record<string, string> = { pending: '未记账', active: '在用', fully_depreciated: '已提足', disposed: '已处置', void: '已作废' };
  const rows: Row[] = r.rows.map((a) => ({
    cells: [
      String(a.id),
      a.name,
      a.categoryLabel,
      chineseDate(a.acquiredOn),
      `${a.lifeMonths / 12} 年`,
      a.costFen,
      a.monthlyFen,
      a.accumulatedFen,
      a.netFen,
      a.custodian,
      STATUS[a.status] ?? a.status,
    ],
  }));
  rows.push({ cells: ['合计', '', '', '', '', r.totals.costFen, null, r.totals.accumulatedFen, r.totals.netFen, '', ''], bold: true, total: true });
  return {
    ...base,
    title: '固定资产卡片账',
    unitName: unionName,
    period: `截至${periodText(r.asOf)}`,
    columns: [
      { header: '卡片号', width: 0.7 },
      { header: '名称', width: 2 },
      { header: '类别', width: 1.3 },
      { header: '购置日期', width: 1.3 },
      { header: '使用年限', width: 0.8 },
      { header: '原值', width: 1.2, kind: 'money' },
      { header: '月折旧额', width: 1.1, kind: 'money' },
      { header: '累计折旧', width: 1.2, kind: 'money' },
      { header: '净值', width: 1.2, kind: 'money' },
      { header: '保管人', width: 1 },
      { header: '状态', width: 0.8 },
    ],
    rows,
    orientation: 'landscape',
  };
}

/** 凭证汇总（序时账）: every line of the period's posted vouchers in number order. */
export function voucherJournalDoc(vouchers: VoucherDetail[], unionName: string, periodLabel: string, base: DocBase): TableDoc {
  const rows: Row[] = [];
  let debit = 0;
  let credit = 0;
  for (const v of vouchers) {
    v.lines.forEach((l, i) => {
      rows.push({
        cells: [i === 0 ? chineseDate(v.date) : '', i === 0 ? `${v.word}-${v.number ?? ''}` : '', l.summary, `${l.accountCode} ${l.accountName}`, l.debit || null, l.credit || null],
        red: v.kind === 'reversal',
      });
    });
    debit += v.totalDebit;
    credit += v.totalCredit;
  }
  rows.push({ cells: ['合计', '', `共 ${vouchers.length} 张凭证`, '', debit, credit], bold: true, total: true, redRule: 'single' });
  return {
    ...base,
    title: '凭证汇总表（序时账）',
    unitName: unionName,
    period: periodLabel,
    columns: [
      { header: '日期', width: 1.3 },
      { header: '凭证字号', width: 0.9 },
      { header: '摘要', width: 2.6 },
      { header: '会计科目', width: 2.6 },
      { header: '借方金额', width: 1.4, kind: 'money', carryForward: 'sum' },
      { header: '贷方金额', width: 1.4, kind: 'money', carryForward: 'sum' },
    ],
    rows,
    orientation: 'landscape',
  };
}
