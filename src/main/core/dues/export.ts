// dues.export: the dues books as PDF or Excel through the shared print layer. The figures are those
// of the read operations (computed inside this call's read-only transaction); rendering runs after it.
import type { Handler } from '../context';
import { afterCommit } from '../context';
import type { ArrearsReport, CollectionRate, DuesIncome, DuesLedger, DuesLedgerTotal, MemberStatement } from '../../contract/dues';
import { renderTablePdf, renderTableXlsx, type Column, type Row, type TableDoc } from '../print';
import { monthText, unionName } from './common';
import { formatYuan } from '../../contract/money';
import { arrearsReport, collectionRate, duesLedger, incomeByMonth, memberStatement, requireYearOrMonth } from './reports';

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;
const SIGNATURES = ['工会主席：', '经审委员会：', '复核：', '制表：'];
const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '_');
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);
const STATE = { paid: '已缴', partial: '部分', unpaid: '未缴', pending: '待记账', exempt: '免交', none: '' } as const;

export function ledgerDoc(l: DuesLedger, unit: string): TableDoc {
  const columns: Column[] = [
    { header: '工号', width: 1.4 },
    { header: '姓名', width: 1.4 },
    { header: '工会小组', width: 1.8 },
  ];
  for (let i = 1; i <= 12; i++) columns.push({ header: '应缴', kind: 'money', width: 1.2 }, { header: '实缴', kind: 'money', width: 1.2 });
  columns.push({ header: '全年应缴', kind: 'money', width: 1.5 }, { header: '全年实缴', kind: 'money', width: 1.5 }, { header: '欠缴', kind: 'money', width: 1.4 });
  const rows: Row[] = l.rows.map((r) => ({
    cells: [r.employeeNo, r.name, r.groupName, ...r.months.flatMap((c) => [c.exemptReason ? '免' : c.dueFen, c.dueFen === null && c.paidFen === 0 ? null : c.paidFen]), r.dueFen, r.paidFen, r.owedFen],
  }));
  const totalRow = (t: DuesLedgerTotal, label: string): Row => ({
    cells: [label, `${t.members} 人`, '', ...t.months.flatMap((m) => [m.dueFen, m.paidFen]), t.dueFen, t.paidFen, t.owedFen],
    bold: true,
    total: true,
  });
  for (const g of l.groups) rows.push(totalRow(g, `小计：${g.groupName}`));
  rows.push({ ...totalRow(l.total, '全会合计'), redRule: 'double' });
  return {
    title: '会费台账',
    unitName: unit,
    period: `${l.year}年度`,
    columns,
    rows,
    groupHeaders: [{ text: '', span: 1 }, { text: '', span: 1 }, { text: '', span: 1 }, ...Array.from({ length: 12 }, (_, i) => ({ text: `${i + 1}月`, span: 2 })), { text: '', span: 1 }, { text: '', span: 1 }, { text: '', span: 1 }],
    notes: ['注：实缴只计已记账凭证；“免”为保留会籍期间免交会费（中国工会章程 第八条）。'],
    signatures: SIGNATURES,
    orientation: 'landscape',
    paper: 'A3',
  };
}

export function rateDoc(r: CollectionRate, unit: string): TableDoc {
  const row = (g: CollectionRate['total'], bold = false): Row => ({
    cells: [g.groupName, g.membersDue, g.membersPaid, pct(g.rateByCount), g.dueFen, g.paidFen, pct(g.rateByAmount)],
    bold,
    total: bold,
  });
  return {
    title: '会费收缴率',
    unitName: unit,
    period: r.periodLabel,
    columns: [
      { header: '工会小组', width: 2.5 },
      { header: '应缴人数', kind: 'count' },
      { header: '已缴清人数', kind: 'count' },
      { header: '收缴率（人数）', align: 'right' },
      { header: '应缴金额', kind: 'money', width: 1.4 },
      { header: '实缴金额', kind: 'money', width: 1.4 },
      { header: '收缴率（金额）', align: 'right' },
    ],
    rows: [...r.groups.map((g) => row(g)), row(r.total, true)],
    notes: ['注：收缴率 = 实缴 ÷ 应缴；只计已记账凭证，保留会籍免交的会员不计入应缴。'],
    signatures: SIGNATURES,
  };
}

export function statementDoc(s: MemberStatement, unit: string): TableDoc {
  return {
    title: '会员会费对账单',
    unitName: unit,
    period: `${s.year}年度`,
    subtitle: `会员：${s.name}（工号 ${s.employeeNo}，${s.groupName}，${s.status}）`,
    columns: [
      { header: '月份', width: 1.3 },
      { header: '会费基数', kind: 'money', width: 1.4 },
      { header: '应缴', kind: 'money' },
      { header: '实缴', kind: 'money' },
      { header: '状态', width: 1.6 },
    ],
    rows: [
      ...s.months.map((m) => ({ cells: [monthText(m.month), m.baseFen, m.dueFen, m.dueFen === null && m.paidFen === 0 ? null : m.paidFen, m.exemptReason ?? STATE[m.state]] })),
      { cells: ['全年合计', null, s.dueFen, s.paidFen, s.owedFen > 0 ? `欠缴 ${formatYuan(s.owedFen)} 元` : ''], bold: true, total: true, redRule: 'double' },
    ],
    notes: s.payments.map((p) => `${p.date} ${monthText(p.month)} ${formatYuan(p.amountFen)} 元 ${p.receiptLabel ? `收据 ${p.receiptLabel} ` : ''}${p.voucherLabel}`),
    signatures: ['经办：', '会员签字：'],
  };
}

export function incomeDoc(r: DuesIncome, unit: string): TableDoc {
  const row = (m: DuesIncome['total'], label: string, bold = false): Row => ({
    cells: [label, m.payrollFen, m.cashFen, m.bankFen, m.totalFen, m.books401Fen, m.differenceFen],
    bold,
    total: bold,
  });
  return {
    title: '会费收入月报',
    unitName: unit,
    period: `${r.year}年度`,
    columns: [
      { header: '月份', width: 1.2 },
      { header: '工资代扣', kind: 'money' },
      { header: '现金', kind: 'money' },
      { header: '银行', kind: 'money' },
      { header: '会费收入合计', kind: 'money', width: 1.3 },
      { header: '账簿 401 贷方', kind: 'money', width: 1.3 },
      { header: '差额', kind: 'money' },
    ],
    rows: [...r.months.map((m) => row(m, monthText(m.period))), { ...row(r.total, '全年合计', true), redRule: 'double' }],
    notes: ['注：按凭证记账月份统计，只计已记账凭证；红字冲销为负数。差额应为零（非零表示有手工录入的会费凭证）。'],
    signatures: SIGNATURES,
  };
}

export function arrearsDoc(a: ArrearsReport, unit: string): TableDoc {
  return {
    title: '会费欠缴名单',
    unitName: unit,
    period: `截至${monthText(a.asOf)}`,
    columns: [
      { header: '工号', width: 1.2 },
      { header: '姓名', width: 1.2 },
      { header: '工会小组', width: 1.6 },
      { header: '欠缴月份', width: 4 },
      { header: '连续月数', kind: 'count', width: 0.9 },
      { header: '欠缴金额', kind: 'money', width: 1.2 },
      { header: '提示', width: 1.6 },
    ],
    rows: [
      ...a.rows.map((r) => ({
        cells: [r.employeeNo, r.name, r.groupName, r.months.map((m) => monthText(m)).join('、'), r.consecutive, r.owedFen, r.findings.length > 0 ? '连续6个月以上（CHK-DUES-1）' : ''],
        red: r.findings.length > 0,
      })),
      { cells: ['合计', `${a.members} 人`, '', '', null, a.owedFen, `提示 ${a.flagged} 人`], bold: true, total: true },
    ],
    notes: ['注：连续六个月未交纳会费只作提示；是否视为自动退会须经教育并由工会委员会决定（中国工会章程 第六条），系统不会自动删除会员。'],
    signatures: SIGNATURES,
  };
}

export const exportDues: Handler<'dues.export'> = (ctx, input) => {
  const unit = unionName(ctx.db);
  let doc: TableDoc;
  let name: string;
  switch (input.report) {
    case 'ledger':
      doc = ledgerDoc(duesLedger(ctx, input.year), unit);
      name = `会费台账-${input.year}`;
      break;
    case 'collectionRate': {
      requireYearOrMonth(input);
      const r = collectionRate(ctx, input);
      doc = rateDoc(r, unit);
      name = `会费收缴率-${r.periodLabel}`;
      break;
    }
    case 'memberStatement': {
      const s = memberStatement(ctx, input.memberId, input.year);
      doc = statementDoc(s, unit);
      name = `会费对账单-${s.name}-${input.year}`;
      break;
    }
    case 'incomeByMonth':
      doc = incomeDoc(incomeByMonth(ctx, input.year), unit);
      name = `会费收入月报-${input.year}`;
      break;
    case 'arrears':
      doc = arrearsDoc(arrearsReport(ctx, input.asOf), unit);
      name = `会费欠缴名单-${input.asOf}`;
      break;
  }
  const format = input.format;
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablePdf(doc) : await renderTableXlsx(doc);
    return { filename: `${safe(name)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
};
