// The disclosure table (经费收支情况公示), review-and-disclosure.md §7 layout (a design on the 02表
// rows): 一、上年（期初）结转结余 / 二、本期收入 / 三、本期支出 / 四、本期收支差额 / 五、期末结转结余 /
// 六、资产情况 / 七、经审会审查意见, columns 项目 | 本期金额 | 本年预算 | 执行率% | 上年同期 | 说明.
// Every figure comes from the posted books through the services the statements use:
// movementsExcludingClosing (the 收入支出表's movements, closing vouchers left out), the 资产负债表
// for 结转 / 结余 and fixed assets, budget.execution for 本年预算. "Never count 往年结余 inside
// revenue" (§7): the opening balance is its own row.
//
// Privacy (CHK-PRIV-1, §7.1; 个人信息保护法 第二十五、二十八、二十九条): aid lines (困难职工帮扶 50404,
// 送温暖 50405, and the condolences inside 会员活动支出 50105) show the total and headcounts in 户 /
// 人 / 人次 only. Nothing here reads a voucher summary, a payee, a member's name, ID or bank account,
// or a user-added detail account's name: labels are the prescribed 2021 chart names or fixed text.
import type { ServiceContext } from '../context';
import { AfterCommit } from '../context';
import { CoreError } from '../errors';
import { balanceSheet, movementsExcludingClosing } from '../ledger/statements';
import { firstFiscalYear, lastDayOf, prevPeriod, unionName, type Movement } from '../ledger/common';
import { budgetExecution, rateOf } from '../budget/budget';
import { POSTED_REQUEST_SQL } from '../spending/state';
import { CHART_2021 } from '../books/chart-2021';
import type { DisclosureAidLine, DisclosureContent, DisclosureKind, DisclosureRow } from '../../contract/disclosure';
import type { BalanceSheet } from '../../contract/ledger';
import type { ExecutionLine } from '../../contract/budget';
import { formatYuan } from '../../contract/money';

export const DISCLOSURE_SIGNATURES: readonly string[] = ['工会主席：', '经审会主任：', '财务负责人：', '制表：'];

export const PRIVACY_NOTE =
  '困难职工帮扶、送温暖和会员婚育病逝退等慰问只公布合计金额和户数、人数、人次，不公布受助人姓名、身份证号、银行账号等个人信息（个人信息保护法第二十五条、第二十八条；CHK-PRIV-1）。';

export interface PeriodSpec {
  year: number;
  kind: DisclosureKind;
  part?: number | undefined;
}

export interface ResolvedPeriod {
  year: number;
  kind: DisclosureKind;
  part: number | null;
  fromMonth: string;
  toMonth: string;
  from: string;
  to: string;
  label: string;
}

const mm = (m: number) => String(m).padStart(2, '0');
const QUARTERS = ['一', '二', '三', '四'];

export function resolvePeriod(p: PeriodSpec): ResolvedPeriod {
  const y = p.year;
  let m1 = 1;
  let m2 = 12;
  let label = `${y}年度`;
  let part: number | null = null;
  if (p.kind === 'half') {
    part = p.part ?? 1;
    m1 = part === 1 ? 1 : 7;
    m2 = part === 1 ? 6 : 12;
    label = `${y}年${part === 1 ? '上' : '下'}半年`;
  } else if (p.kind === 'quarter') {
    part = p.part ?? 1;
    m1 = part * 3 - 2;
    m2 = part * 3;
    label = `${y}年第${QUARTERS[part - 1]}季度`;
  }
  const fromMonth = `${y}-${mm(m1)}`;
  const toMonth = `${y}-${mm(m2)}`;
  return { year: y, kind: p.kind, part, fromMonth, toMonth, from: `${fromMonth}-01`, to: lastDayOf(toMonth), label };
}

/** A handler's plain result (the statement handlers never defer work). */
function plain<T>(r: T | AfterCommit<T>): T {
  if (r instanceof AfterCommit) throw new CoreError('INTERNAL', '报表服务返回了延迟结果');
  return r;
}

const CHART_NAMES = new Map<string, string>(CHART_2021.map((a) => [a.code, a.name]));
const nameOf = (code: string): string => CHART_NAMES.get(code) ?? code;

/** Signed sum of movements on accounts under any prefix: revenue credit-positive, expenditure debit-positive. */
function sumOf(m: Map<string, Movement> | null, prefixes: readonly string[]): number | null {
  if (m === null) return null;
  let s = 0;
  for (const [code, v] of m) {
    if (!prefixes.some((p) => code.startsWith(p))) continue;
    s += code.startsWith('4') ? v.credit - v.debit : v.debit - v.credit;
  }
  return s;
}

function fundsOf(sheet: BalanceSheet): { carry: number; surplus: number; fixedOriginal: number; fixedNet: number } {
  const pick = (label: string) => sheet.rows.find((r) => r.label === label)?.closing ?? 0;
  return { carry: pick('工会资金结转'), surplus: pick('工会资金结余'), fixedOriginal: pick('固定资产原值'), fixedNet: pick('固定资产净值') };
}

/** Aid categories shown in aggregate only (CHK-PRIV-1). */
const AID = [
  { category: '困难帮扶' as const, types: ['困难帮扶', '金秋助学'], accounts: ['50404'], households: true },
  { category: '送温暖' as const, types: ['送温暖'], accounts: ['50405'], households: true },
  // 会员婚、育、病、逝、退 (§7 fixture "会员婚、育、病、逝、退补助"), inside 50105 会员活动支出.
  { category: '慰问' as const, types: ['结婚', '生育', '住院', '会员或直系亲属去世', '退休'], accounts: [] as string[], households: false },
];

/** 户 / 人 / 人次 of the paid aid requests (voucher posted, not reversed) dated in [from, to]. */
function aidCounts(ctx: ServiceContext, types: readonly string[], from: string, to: string): { requests: number; persons: number; personTimes: number; households: number; amountFen: number } {
  const reqs = ctx.db.sqlite
    .prepare(
      `SELECT q.id, q.amount_fen, q.payee_member_id, q.hardship_case_id FROM spending_requests q
       WHERE ${POSTED_REQUEST_SQL} AND q.type IN (SELECT value FROM json_each(?)) AND q.request_date >= ? AND q.request_date <= ?`,
    )
    .all(JSON.stringify(types), from, to) as { id: number; amount_fen: number; payee_member_id: number | null; hardship_case_id: number | null }[];
  const recipQ = ctx.db.sqlite.prepare('SELECT member_id FROM spending_recipients WHERE request_id = ?').pluck();
  const persons = new Set<number>();
  const households = new Set<number>();
  let personTimes = 0;
  let amountFen = 0;
  for (const q of reqs) {
    const members = recipQ.all(q.id) as number[];
    const lines = members.length > 0 ? members : q.payee_member_id !== null ? [q.payee_member_id] : [];
    for (const m of lines) persons.add(m);
    personTimes += lines.length;
    amountFen += q.amount_fen;
    if (q.hardship_case_id !== null) households.add(q.hardship_case_id);
  }
  return { requests: reqs.length, persons: persons.size, personTimes, households: households.size, amountFen };
}

function headcountNote(a: DisclosureAidLine): string {
  if (a.requests === 0) return '合计数';
  const parts = [a.households !== null && a.households > 0 ? `${a.households}户` : null, `${a.persons}人`, `${a.personTimes}人次`].filter((x): x is string => x !== null);
  return parts.join('，');
}

export function computeDisclosure(ctx: ServiceContext, spec: PeriodSpec, opinion: string | null): DisclosureContent {
  const p = resolvePeriod(spec);
  const first = firstFiscalYear(ctx.db);
  const hasPrior = first !== null && p.year - 1 >= first;
  const cur = movementsExcludingClosing(ctx.db, p.fromMonth, p.toMonth);
  const priorFrom = `${p.year - 1}${p.fromMonth.slice(4)}`;
  const priorTo = `${p.year - 1}${p.toMonth.slice(4)}`;
  const prior = hasPrior ? movementsExcludingClosing(ctx.db, priorFrom, priorTo) : null;

  // 本年预算: the approved version in force at the end of the period (budget.execution); none → blank.
  let budgetLines: ExecutionLine[] | null = null;
  let budgetLabel: string | null = null;
  try {
    const ex = plain(budgetExecution(ctx, { year: p.year, asOf: p.to }));
    budgetLines = ex.lines.filter((l) => l.lineNo !== null);
    budgetLabel = ex.budgetLabel;
  } catch (e) {
    if (!(e instanceof CoreError) || e.code !== 'NOT_FOUND') throw e;
  }
  const budgetOf = (prefixes: readonly string[]): number | null => {
    if (budgetLines === null) return null;
    const mine = budgetLines.filter((l) => prefixes.some((x) => l.accountCode.startsWith(x)));
    return mine.length === 0 ? null : mine.reduce((s, l) => s + l.budgetFen, 0);
  };

  const sheetAt = (month: string) => fundsOf(plain(balanceSheet(ctx, { period: month, annual: false })));
  const open = sheetAt(prevPeriod(p.fromMonth));
  const close = sheetAt(p.toMonth);
  const priorOpen = hasPrior ? sheetAt(prevPeriod(priorFrom)) : null;
  const priorClose = hasPrior ? sheetAt(priorTo) : null;

  const rows: DisclosureRow[] = [];
  const row = (key: string, label: string, level: 0 | 1 | 2, accounts: string[], amount: number | null, priorAmount: number | null, opts: { budget?: boolean; note?: string; aggregate?: boolean } = {}) => {
    const budgetFen = opts.budget === false ? null : budgetOf(accounts);
    rows.push({
      key,
      label,
      level,
      amountFen: amount,
      budgetFen,
      rateText: budgetFen !== null && amount !== null ? rateOf(amount, budgetFen).rateText.replace('—', '') : '',
      priorFen: priorAmount,
      note: opts.note ?? '',
      accounts,
      ...(opts.aggregate ? { aggregate: true } : {}),
    });
  };
  const flow = (key: string, label: string, level: 1 | 2, accounts: string[], opts: { note?: string; aggregate?: boolean; always?: boolean } = {}) => {
    const amount = sumOf(cur, accounts)!;
    const priorAmount = sumOf(prior, accounts);
    const budget = budgetOf(accounts);
    if (!opts.always && amount === 0 && (priorAmount ?? 0) === 0 && (budget ?? 0) === 0) return;
    row(key, label, level, accounts, amount, priorAmount, opts);
  };

  const openLabel = p.kind === 'year' ? '一、上年结转结余' : '一、期初结转结余';
  row('opening', openLabel, 0, ['321', '322'], open.carry + open.surplus, priorOpen ? priorOpen.carry + priorOpen.surplus : null, { budget: false });
  row('opening:321', '工会资金结转', 1, ['321'], open.carry, priorOpen?.carry ?? null, { budget: false });
  row('opening:322', '工会资金结余', 1, ['322'], open.surplus, priorOpen?.surplus ?? null, { budget: false });

  // 二、本期收入
  const REV_OTHER = ['404', '406', '407', '408', '411'];
  const revenueAll = ['401', '402', '403', ...['405'], ...REV_OTHER];
  row('revenue', '二、本期收入', 0, revenueAll, sumOf(cur, revenueAll), sumOf(prior, revenueAll));
  flow('401', '会费收入', 1, ['401'], { always: true });
  // 拨缴经费: the retained share (402); the gross 2 % and the share remitted upward in 说明 (§7 row 二).
  const upper = upwardLevy(ctx, p.fromMonth, p.toMonth);
  const retained = sumOf(cur, ['402'])!;
  flow('402', '拨缴经费收入（留成）', 1, ['402'], {
    always: true,
    note: upper.accrued > 0 ? `计提${yuan(retained + upper.accrued)}，应缴上级${yuan(upper.accrued)}，已缴${yuan(upper.remitted)}` : '',
  });
  flow('403', '上级补助收入', 1, ['403']);
  flow('40301', '一般性转移支付补助', 2, ['40301']);
  flow('40302', '专项转移支付补助', 2, ['40302']);
  flow('405', '行政补助收入', 1, ['405']);
  flow('revenue:other', '其他收入', 1, REV_OTHER);

  // 三、本期支出
  const EXP_OTHER = ['502', '506', '508', '509', '510', '521'];
  const expenditureAll = ['501', '503', '504', '505', '507', ...EXP_OTHER];
  row('expenditure', '三、本期支出', 0, expenditureAll, sumOf(cur, expenditureAll), sumOf(prior, expenditureAll));
  const aid: DisclosureAidLine[] = [];
  const aidLine = (category: DisclosureAidLine['category']): DisclosureAidLine => {
    const def = AID.find((a) => a.category === category)!;
    const c = aidCounts(ctx, def.types, p.from, p.to);
    const line: DisclosureAidLine = {
      category,
      amountFen: def.accounts.length > 0 ? sumOf(cur, def.accounts)! : c.amountFen,
      requests: c.requests,
      persons: c.persons,
      personTimes: c.personTimes,
      households: def.households ? c.households : null,
    };
    aid.push(line);
    return line;
  };
  const details = (top: string, special: Record<string, () => void> = {}) => {
    const children = CHART_2021.map((a) => a.code).filter((c) => c.length === 5 && c.startsWith(top));
    for (const c of children) {
      if (special[c]) special[c]();
      else flow(c, nameOf(c), 2, [c]);
    }
  };
  const condolence = aidLine('慰问');
  flow('501', nameOf('501'), 1, ['501']);
  details('501', {
    '50105': () => {
      flow('50105', nameOf('50105'), 2, ['50105']);
      if (condolence.requests > 0) {
        row('aid:condolence', '　其中：会员婚育病逝退慰问', 2, [], condolence.amountFen, null, { budget: false, note: headcountNote(condolence), aggregate: true });
      }
    },
  });
  flow('503', nameOf('503'), 1, ['503']);
  details('503');
  flow('504', nameOf('504'), 1, ['504']);
  const hardship = aidLine('困难帮扶');
  const warmth = aidLine('送温暖');
  details('504', {
    '50404': () => flow('50404', '困难职工帮扶', 2, ['50404'], { note: headcountNote(hardship), aggregate: true }),
    '50405': () => flow('50405', '送温暖', 2, ['50405'], { note: headcountNote(warmth), aggregate: true }),
  });
  flow('505', nameOf('505'), 1, ['505']);
  details('505');
  flow('507', nameOf('507'), 1, ['507']);
  flow('expenditure:other', '其他支出', 1, EXP_OTHER);

  const revenueFen = sumOf(cur, revenueAll)!;
  const expenditureFen = sumOf(cur, expenditureAll)!;
  const surplusFen = revenueFen - expenditureFen;
  const priorSurplus = prior ? sumOf(prior, revenueAll)! - sumOf(prior, expenditureAll)! : null;
  row('surplus', '四、本期收支差额', 0, [], surplusFen, priorSurplus, { budget: false });
  const closeLabel = p.kind === 'year' ? '五、年末结转结余' : '五、期末结转结余';
  row('closing', closeLabel, 0, ['321', '322'], close.carry + close.surplus, priorClose ? priorClose.carry + priorClose.surplus : null, { budget: false });
  row('closing:321', '工会资金结转', 1, ['321'], close.carry, priorClose?.carry ?? null, { budget: false });
  row('closing:322', '工会资金结余', 1, ['322'], close.surplus, priorClose?.surplus ?? null, { budget: false });
  if (close.fixedOriginal !== 0 || (priorClose?.fixedOriginal ?? 0) !== 0) {
    row('assets', '六、资产情况', 0, [], null, null, { budget: false });
    row('assets:162', '固定资产原值', 1, ['162'], close.fixedOriginal, priorClose?.fixedOriginal ?? null, { budget: false });
    row('assets:net', '固定资产净值', 1, ['162', '163'], close.fixedNet, priorClose?.fixedNet ?? null, { budget: false });
  }

  // Funds moved by 年初余额调整 / 单位内部调剂 (32101, 32201, 32102, 32202) are neither revenue nor expenditure.
  const adjustments = [...cur].filter(([c]) => ['32101', '32201', '32102', '32202'].some((x) => c.startsWith(x))).reduce((s, [, v]) => s + v.credit - v.debit, 0);
  const consistent = open.carry + open.surplus + adjustments + surplusFen === close.carry + close.surplus;

  const notes: string[] = [`注：1. ${PRIVACY_NOTE}`];
  notes.push(
    `2. 本期金额取自已记账凭证（不含结转凭证），与收入支出表（工会02表）一致；${budgetLabel ? `本年预算为已批准的${budgetLabel}` : '本年度尚无已批准的预算，不列本年预算和执行率'}；${hasPrior ? `上年同期为${p.year - 1}年同期数` : '首个会计年度，不列上年同期数'}。`,
  );
  if (adjustments !== 0) notes.push(`3. 本期资金结转结余调整及变动 ${yuan(adjustments)} 元，不计入收入或支出。`);
  if (opinion) {
    row('opinion', '七、经审会审查意见', 0, [], null, null, { budget: false, note: '见表下' });
    notes.push(`经费审查委员会审查意见：${opinion}`);
  }

  const name = unionName(ctx.db);
  return {
    unionName: name,
    title: `${name}${p.label}经费收支情况公示`,
    year: p.year,
    kind: p.kind,
    part: p.part,
    periodLabel: p.label,
    from: p.from,
    to: p.to,
    unitLabel: '单位：元',
    columns: ['项目', '本期金额', '本年预算', '执行率%', '上年同期', '说明'],
    rows,
    aid,
    totals: { revenueFen, expenditureFen, surplusFen, openingFundsFen: open.carry + open.surplus, closingFundsFen: close.carry + close.surplus },
    consistent,
    budgetLabel,
    opinion,
    notes,
    signatures: [...DISCLOSURE_SIGNATURES],
  };
}

const yuan = (fen: number): string => formatYuan(fen);

/** 应付上级经费 (211) accrued (credits) and remitted (debits) in the months [from, to]. */
function upwardLevy(ctx: ServiceContext, fromMonth: string, toMonth: string): { accrued: number; remitted: number } {
  const r = ctx.db.sqlite
    .prepare(`SELECT coalesce(sum(credit), 0) AS c, coalesce(sum(debit), 0) AS d FROM ledger_balances WHERE account_code LIKE '211%' AND period >= ? AND period <= ?`)
    .get(fromMonth, toMonth) as { c: number; d: number };
  return { accrued: r.c, remitted: r.d };
}
