// 资产负债表 (工会01表) and 收入支出表 (工会02表): vouchers-and-books.md §10.1–§10.2, accounts.md §7, §10.
// Both read ledger_balances. Revenue and expenditure not yet closed (an open month) are added into
// 工会资金结转 (专项) and 工会资金结余 (非专项) by the fund nature of their lines, so 资产总计 =
// 负债与净资产总计 before and after the closing entries (财会〔2021〕7号 第九条). The 收入支出表
// leaves out the closing vouchers (kind closing / year_end), which would otherwise cancel 收入 and 支出.
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import type { BalanceSheetRow, IncomeStatementRow, StatementRowKind } from '../../contract/ledger';
import { firstFiscalYear, monthRangeLabel, unionName, type Movement } from './common';

// ---------- balances by first-level account ----------

interface Position {
  /** debit − credit by first-level code, all postings through the period. */
  net: Map<string, number>;
  /** Revenue − expenditure still open in 4xx/5xx, by fund nature (credit-positive). */
  unclosed: { special: number; general: number };
}

/** Balances through `through` (inclusive, YYYY-MM); null: nothing (before the books began). */
function positionAt(db: SyncDb, through: string): Position {
  const rows = db.sqlite
    .prepare(
      `SELECT substr(account_code, 1, 3) AS top, fund_nature, sum(debit) - sum(credit) AS net
       FROM ledger_balances WHERE period <= ? GROUP BY top, fund_nature`,
    )
    .all(through) as { top: string; fund_nature: string; net: number }[];
  const net = new Map<string, number>();
  const unclosed = { special: 0, general: 0 };
  for (const r of rows) {
    net.set(r.top, (net.get(r.top) ?? 0) + r.net);
    if (r.top >= '4') {
      // Revenue (credit) less expenditure (debit) = −(debit − credit); unmarked lines count as 非专项.
      if (r.fund_nature === 'special') unclosed.special -= r.net;
      else unclosed.general -= r.net;
    }
  }
  return { net, unclosed };
}

/** 工会资金结转 (321) and 工会资金结余 (322) including what is not yet closed into them. */
function fundBalances(p: Position): { carry: number; surplus: number } {
  return { carry: -(p.net.get('321') ?? 0) + p.unclosed.special, surplus: -(p.net.get('322') ?? 0) + p.unclosed.general };
}

// ---------- 资产负债表 ----------

type Col = 'opening' | 'closing';

interface SheetLine {
  label: string;
  kind: StatementRowKind;
  accounts: string[];
  value?: (c: Col) => number;
  /** Only printed when it has a figure (零余额账户用款额度 on the annual statement). */
  optional?: boolean;
}

export const balanceSheet: Handler<'statements.balanceSheet'> = (ctx, input) => {
  const year = Number(input.period.slice(0, 4));
  const end = input.annual ? `${year}-12` : input.period;
  const pos: Record<Col, Position> = { opening: positionAt(ctx.db, `${year - 1}-12`), closing: positionAt(ctx.db, end) };
  const d = (c: Col, code: string) => pos[c].net.get(code) ?? 0; // debit-positive
  const asset = (...codes: string[]) => (c: Col) => codes.reduce((s, code) => s + d(c, code), 0);
  const credit = (...codes: string[]) => (c: Col) => codes.reduce((s, code) => s - d(c, code), 0);
  const funds = { opening: fundBalances(pos.opening), closing: fundBalances(pos.closing) };

  const current = [asset('101', '102'), asset('111'), asset('121'), asset('131'), asset('132'), asset('135'), asset('141')];
  const currentTotal = (c: Col) => current.reduce((s, f) => s + f(c), 0);
  const fixedNet = (c: Col) => d(c, '162') + d(c, '163');
  const intangibleNet = (c: Col) => d(c, '171') + d(c, '172');
  const nonCurrentTotal = (c: Col) => d(c, '151') + d(c, '161') + fixedNet(c) + intangibleNet(c) + d(c, '181') + d(c, '182');
  const assetsTotal = (c: Col) => currentTotal(c) + nonCurrentTotal(c);
  const liabilitiesTotal = credit('201', '211', '212', '215', '221');
  const netAssetsTotal = (c: Col) => -d(c, '301') - d(c, '311') + funds[c].carry + funds[c].surplus - d(c, '331') - d(c, '332') - d(c, '341');
  const grandTotal = (c: Col) => liabilitiesTotal(c) + netAssetsTotal(c);

  const lines: SheetLine[] = [
    { label: '流动资产：', kind: 'section', accounts: [] },
    { label: '货币资金', kind: 'item', accounts: ['101', '102'], value: current[0] },
    { label: '零余额账户用款额度', kind: 'item', accounts: ['111'], value: current[1], optional: input.annual },
    { label: '财政应返还额度', kind: 'item', accounts: ['121'], value: current[2] },
    { label: '应收上级经费', kind: 'item', accounts: ['131'], value: current[3] },
    { label: '应收下级经费', kind: 'item', accounts: ['132'], value: current[4] },
    { label: '其他应收款', kind: 'item', accounts: ['135'], value: current[5] },
    { label: '库存物品', kind: 'item', accounts: ['141'], value: current[6] },
    { label: '流动资产合计', kind: 'subtotal', accounts: [], value: currentTotal },
    { label: '非流动资产：', kind: 'section', accounts: [] },
    { label: '投资', kind: 'item', accounts: ['151'], value: asset('151') },
    { label: '在建工程', kind: 'item', accounts: ['161'], value: asset('161') },
    { label: '固定资产原值', kind: 'item', accounts: ['162'], value: asset('162') },
    { label: '减：累计折旧', kind: 'item', accounts: ['163'], value: credit('163') },
    { label: '固定资产净值', kind: 'item', accounts: ['162', '163'], value: fixedNet },
    { label: '无形资产原值', kind: 'item', accounts: ['171'], value: asset('171') },
    { label: '减：累计摊销', kind: 'item', accounts: ['172'], value: credit('172') },
    { label: '无形资产净值', kind: 'item', accounts: ['171', '172'], value: intangibleNet },
    { label: '长期待摊费用', kind: 'item', accounts: ['181'], value: asset('181') },
    // A credit balance shows with "-" (附录1, 182 待处理财产损溢).
    { label: '待处理财产损溢', kind: 'item', accounts: ['182'], value: asset('182') },
    { label: '非流动资产合计', kind: 'subtotal', accounts: [], value: nonCurrentTotal },
    { label: '资产总计', kind: 'total', accounts: [], value: assetsTotal },
    { label: '负债：', kind: 'section', accounts: [] },
    { label: '应付职工薪酬', kind: 'item', accounts: ['201'], value: credit('201') },
    { label: '应付上级经费', kind: 'item', accounts: ['211'], value: credit('211') },
    { label: '应付下级经费', kind: 'item', accounts: ['212'], value: credit('212') },
    { label: '其他应付款', kind: 'item', accounts: ['215'], value: credit('215') },
    { label: '代管经费', kind: 'item', accounts: ['221'], value: credit('221') },
    { label: '负债合计', kind: 'subtotal', accounts: [], value: liabilitiesTotal },
    { label: '净资产：', kind: 'section', accounts: [] },
    { label: '资产基金', kind: 'item', accounts: ['301'], value: credit('301') },
    { label: '专用基金', kind: 'item', accounts: ['311'], value: credit('311') },
    { label: '工会资金结转', kind: 'item', accounts: ['321'], value: (c) => funds[c].carry },
    { label: '工会资金结余', kind: 'item', accounts: ['322'], value: (c) => funds[c].surplus },
    { label: '财政拨款结转', kind: 'item', accounts: ['331'], value: credit('331') },
    { label: '财政拨款结余', kind: 'item', accounts: ['332'], value: credit('332') },
    { label: '预算稳定调节基金', kind: 'item', accounts: ['341'], value: credit('341') },
    { label: '净资产合计', kind: 'subtotal', accounts: [], value: netAssetsTotal },
    { label: '负债与净资产总计', kind: 'total', accounts: [], value: grandTotal },
  ];

  const rows: BalanceSheetRow[] = [];
  let lineNo = 0;
  for (const l of lines) {
    if (!l.value) {
      rows.push({ lineNo: null, label: l.label, kind: l.kind, accounts: l.accounts, opening: null, closing: null });
      continue;
    }
    const opening = l.value('opening');
    const closing = l.value('closing');
    if (l.optional && opening === 0 && closing === 0) continue;
    rows.push({ lineNo: ++lineNo, label: l.label, kind: l.kind, accounts: l.accounts, opening, closing });
  }
  const totals = {
    assets: { opening: assetsTotal('opening'), closing: assetsTotal('closing') },
    liabilitiesAndNetAssets: { opening: grandTotal('opening'), closing: grandTotal('closing') },
  };
  return {
    unionName: unionName(ctx.db),
    periodLabel: input.annual ? `${year}年度` : monthRangeLabel(input.period, input.period),
    title: '资产负债表',
    formNo: '工会01表',
    period: end,
    annual: input.annual,
    columns: ['年初余额', input.annual ? '年末余额' : '期末余额'],
    rows,
    totals,
    balanced: totals.assets.opening === totals.liabilitiesAndNetAssets.opening && totals.assets.closing === totals.liabilitiesAndNetAssets.closing,
    unclosed: { opening: { ...pos.opening.unclosed }, closing: { ...pos.closing.unclosed } },
  };
};

// ---------- 收入支出表 ----------

/**
 * Movements by account in periods [from, to] without the closing vouchers. ledger_balances holds
 * every posted voucher; the few lines of closing (T12) and year-end (T13) vouchers are read and
 * taken off again.
 */
export function movementsExcludingClosing(db: SyncDb, from: string, to: string): Map<string, Movement> {
  const out = new Map<string, Movement>();
  const all = db.sqlite
    .prepare(
      `SELECT account_code AS code, sum(debit) AS debit, sum(credit) AS credit FROM ledger_balances
       WHERE period >= ? AND period <= ? AND account_code >= '32' GROUP BY account_code`,
    )
    .all(from, to) as ({ code: string } & Movement)[];
  for (const r of all) out.set(r.code, { debit: r.debit, credit: r.credit });
  // Every closing voucher has a line on 321xx/322xx (T12 credits 32103/32203; T13 moves within
  // 321/322), and ordinary vouchers rarely touch them: find the closing vouchers through those
  // few lines (index on account_code), never by scanning all vouchers or all revenue lines.
  const closing = db.sqlite
    .prepare(
      `WITH c AS (
         SELECT DISTINCT v.id FROM voucher_lines f CROSS JOIN vouchers v ON v.id = f.voucher_id
         WHERE f.account_code >= '32' AND f.account_code < '33'
           AND v.period >= ? AND v.period <= ? AND v.status = 'posted' AND v.kind IN ('closing', 'year_end')
       )
       SELECT l.account_code AS code, sum(l.debit) AS debit, sum(l.credit) AS credit
       FROM c CROSS JOIN voucher_lines l ON l.voucher_id = c.id
       WHERE l.account_code >= '32'
       GROUP BY l.account_code`,
    )
    .all(from, to) as ({ code: string } & Movement)[];
  for (const r of closing) {
    const m = out.get(r.code) ?? { debit: 0, credit: 0 };
    out.set(r.code, { debit: m.debit - r.debit, credit: m.credit - r.credit });
  }
  return out;
}

/** Credit − debit (revenue, fund movements) over the accounts starting with any prefix. */
function creditNet(m: Map<string, Movement>, prefixes: string[]): number {
  let s = 0;
  for (const [code, v] of m) if (prefixes.some((p) => code.startsWith(p))) s += v.credit - v.debit;
  return s;
}

const REVENUE: [string, string, string][] = [
  ['(一)', '会费收入', '401'],
  ['(二)', '拨缴经费收入', '402'],
  ['(三)', '上级补助收入', '403'],
  ['(四)', '政府补助收入', '404'],
  ['(五)', '行政补助收入', '405'],
  ['(六)', '附属单位上缴收入', '406'],
  ['(七)', '投资收益', '407'],
  ['(八)', '其他收入', '408'],
  ['(九)', '动用预算稳定调节基金', '411'],
];
const EXPENDITURE: [string, string, string][] = [
  ['(一)', '职工活动支出', '501'],
  ['(二)', '职工活动组织支出', '502'],
  ['(三)', '职工服务支出', '503'],
  ['(四)', '维权支出', '504'],
  ['(五)', '业务支出', '505'],
  ['(六)', '行政支出', '506'],
  ['(七)', '资本性支出', '507'],
  ['(八)', '补助下级支出', '508'],
  ['(九)', '对附属单位的支出', '509'],
  ['(十)', '其他支出', '510'],
  ['(十一)', '安排预算稳定调节基金', '521'],
];
/** 年初余额调整 and 单位内部调剂 of 321 and 322 (vouchers-and-books.md §10.2 row 2; accounts.md §7 T11). */
const ADJUSTMENTS = ['32101', '32201', '32102', '32202'];
const NUMERALS = ['一', '二', '三', '四', '五', '六'];

interface Column {
  /** Months [from, to] of the column; null: the column is blank (no prior year). */
  from: string;
  to: string;
}

export const incomeStatement: Handler<'statements.incomeStatement'> = (ctx, input) => {
  const year = Number(input.period.slice(0, 4));
  const first = firstFiscalYear(ctx.db);
  const annual = input.annual;
  const cols: [Column, Column | null] = annual
    ? [{ from: `${year}-01`, to: `${year}-12` }, first !== null && year > first ? { from: `${year - 1}-01`, to: `${year - 1}-12` } : null]
    : [{ from: input.period, to: input.period }, { from: `${year}-01`, to: input.period }];
  const mv = cols.map((c) => (c ? movementsExcludingClosing(ctx.db, c.from, c.to) : null));
  const startFunds = cols.map((c) => (c ? fundBalances(positionAt(ctx.db, prevPeriodOfYear(c.from))) : null));
  const endFunds = cols.map((c) => (c ? fundBalances(positionAt(ctx.db, c.to)) : null));

  const pick = (f: (i: 0 | 1) => number): [number, number | null] => [f(0), mv[1] ? f(1) : null];
  const revenue = (i: 0 | 1, code: string) => creditNet(mv[i]!, [code]);
  const expenditure = (i: 0 | 1, code: string) => -creditNet(mv[i]!, [code]);
  const revenueTotal = (i: 0 | 1) => REVENUE.reduce((s, [, , code]) => s + revenue(i, code), 0);
  const expenditureTotal = (i: 0 | 1) => EXPENDITURE.reduce((s, [, , code]) => s + expenditure(i, code), 0);
  const surplus = (i: 0 | 1) => revenueTotal(i) - expenditureTotal(i);

  const rows: IncomeStatementRow[] = [];
  let n = 0;
  const main = (label: string, kind: StatementRowKind, accounts: string[], f: (i: 0 | 1) => number) => {
    const [current, comparative] = pick(f);
    rows.push({ lineNo: NUMERALS[n++]!, label, kind, indent: 0, accounts, current, comparative });
  };
  const item = (lineNo: string, label: string, accounts: string[], f: (i: 0 | 1) => number) => {
    const [current, comparative] = pick(f);
    rows.push({ lineNo, label, kind: 'item', indent: 1, accounts, current, comparative });
  };

  if (annual) {
    main('年初资金结转结余', 'subtotal', ['321', '322'], (i) => startFunds[i]!.carry + startFunds[i]!.surplus);
    item('(一)', '年初资金结转', ['321'], (i) => startFunds[i]!.carry);
    item('(二)', '年初资金结余', ['322'], (i) => startFunds[i]!.surplus);
  }
  main('资金结转结余调整及变动', 'item', ADJUSTMENTS, (i) => creditNet(mv[i]!, ADJUSTMENTS));
  main('收入合计', 'subtotal', REVENUE.map(([, , c]) => c), revenueTotal);
  for (const [no, label, code] of REVENUE) item(no, label, [code], (i) => revenue(i, code));
  main('支出合计', 'subtotal', EXPENDITURE.map(([, , c]) => c), expenditureTotal);
  for (const [no, label, code] of EXPENDITURE) item(no, label, [code], (i) => expenditure(i, code));
  main('本期收支差额', 'total', [], surplus);
  if (annual) {
    main('年末资金结转结余', 'subtotal', ['321', '322'], (i) => endFunds[i]!.carry + endFunds[i]!.surplus);
    item('(一)', '年末资金结转', ['321'], (i) => endFunds[i]!.carry);
    item('(二)', '年末资金结余', ['322'], (i) => endFunds[i]!.surplus);
  }

  const [revC, revP] = pick(revenueTotal);
  const [expC, expP] = pick(expenditureTotal);
  const [surC, surP] = pick(surplus);
  let consistent: boolean | null = null;
  if (annual) {
    const holds = (i: 0 | 1) =>
      startFunds[i]!.carry + startFunds[i]!.surplus + creditNet(mv[i]!, ADJUSTMENTS) + surplus(i) === endFunds[i]!.carry + endFunds[i]!.surplus;
    consistent = holds(0) && (mv[1] ? holds(1) : true);
  }
  return {
    unionName: unionName(ctx.db),
    periodLabel: annual ? `${year}年度` : monthRangeLabel(input.period, input.period),
    title: '收入支出表',
    formNo: '工会02表',
    period: annual ? `${year}-12` : input.period,
    annual,
    columns: annual ? ['本年数', '上年数'] : ['本月数', '本年累计数'],
    rows,
    totals: {
      revenue: { current: revC, comparative: revP },
      expenditure: { current: expC, comparative: expP },
      surplus: { current: surC, comparative: surP },
    },
    consistent,
  };
};

/** The month before a January: the position at the start of the column's year. */
function prevPeriodOfYear(from: string): string {
  return `${Number(from.slice(0, 4)) - 1}-12`;
}
