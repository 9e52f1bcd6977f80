// Balances and the steps of the close (accounts.md §7; spending-rules.md §7 CHK-CLS-1…5).
// Every check reads the books two ways where it can: from posted voucher lines (what the
// journals and sub-ledgers are printed from) and from ledger_balances (kept by the database
// trigger, what the general ledger and statements read). A mismatch means the file was altered.
import type { SyncDb } from '../db/sync-db';
import type { ServiceContext } from '../context';
import type { SessionUser } from '../../contract/operations';
import type { AccountInfo } from '../../contract/books';
import type { CloseCheck, SkippedCheck } from '../../contract/closing';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { periodLabel } from '../books/periods';
import { nextVoucherNumber } from '../books/numbering';
import { insertDraft, insertLines } from '../books/vouchers';
import { reconciliationProblem } from '../entries/bank';
import { depreciationProblem } from '../entries/assets';

export type Element = AccountInfo['element'];
type Fund = 'special' | 'general' | null;

export const CITE = {
  order: '财会〔2021〕7号 第六条（会计期间分为年度和月度，按月结账）；accounts.md §7',
  cls1: '会计基础工作规范 第六十二条、第六十三条（帐证相符、帐帐相符后结账）；财会〔2021〕7号 第二十九条',
  cls2: '财会〔2021〕7号 附录1 收入、支出类科目说明（“期末结转后无余额”）',
  cls3: '财会〔2021〕7号 第九条（资产 = 负债 + 净资产）',
  cls5: '财会〔2021〕7号 附录1 182 待处理财产损溢（“年末结账前一般应处理完毕”）',
  t13: '财会〔2021〕7号 附录1 321、322 科目说明（年末结转后 32101–32103、32201–32204 无余额）',
  reopen: 'vouchers-and-books.md §4（只有会计主管可以反结账，且以后期间未结账）；accounts.md §7 第 7 步',
} as const;

export function refuse(rule: string, citation: string, message: string, code: 'RULE' | 'CONFLICT' = 'RULE'): never {
  throw new CoreError(code, `${message}（${rule}）`, { rule: `${rule}：${citation}` });
}

// ---------- dates ----------

export function monthNo(period: string): number {
  return Number(period.slice(5, 7));
}

export function previousPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = monthNo(period);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function lastDayOf(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = monthNo(period);
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${period}-${String(d).padStart(2, '0')}`;
}

/** Today's date in China (UTC+8), where the books are kept. */
export function todayInChina(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function dayLabel(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

// ---------- periods ----------

export function firstFiscalYear(db: SyncDb): number {
  const y = db.first(db.q.selectFrom('union_profile').select('first_fiscal_year'))?.first_fiscal_year;
  if (y === undefined) throw new CoreError('CONFLICT', '账簿尚未建立。');
  return y;
}

export function isClosed(db: SyncDb, period: string): boolean {
  return db.first(db.q.selectFrom('periods').select('status').where('period', '=', period).where('status', '=', 'closed')) !== undefined;
}

export function latestClosed(db: SyncDb): string | null {
  const r = db.first(db.q.selectFrom('periods').select((eb) => eb.fn.max<string | null>('period').as('p')).where('status', '=', 'closed'));
  return r?.p ?? null;
}

export function userName(db: SyncDb, id: number | null): string | null {
  if (id === null) return null;
  return db.first(db.q.selectFrom('users').select('display_name').where('id', '=', id))?.display_name ?? `#${id}`;
}

/** Refuses a period before the ledger's first fiscal year; returns that year. */
export function assertInLedger(db: SyncDb, period: string): number {
  const first = firstFiscalYear(db);
  if (Number(period.slice(0, 4)) < first) {
    throw new CoreError('VALIDATION', `${periodLabel(period)}早于账簿的首个会计年度 ${first} 年。`, { field: 'period' });
  }
  return first;
}

// ---------- balances ----------

export interface Bucket {
  accountCode: string;
  fundNature: Fund;
  project: string | null;
  /** debit − credit, in 分. */
  net: number;
}

const ELEMENTS_SQL = (elements: readonly Element[]) => elements.map((e) => `'${e}'`).join(', ');

/**
 * From posted voucher lines up to and including `upTo`: by account, fund nature and project.
 * `after` (a closed period) leaves out the lines up to and including it — for buckets that the
 * close of that period brought to zero (see zeroedThrough), so a close reads its own months, not
 * the whole history. The accounts are picked by code, through the index on voucher_lines.
 */
export function lineBuckets(db: SyncDb, upTo: string, elements: readonly Element[], codes?: readonly string[], after?: string): Bucket[] {
  const accountCodes = (db.sqlite.prepare(`SELECT code FROM accounts WHERE element IN (${ELEMENTS_SQL(elements)})`).all() as { code: string }[])
    .map((a) => a.code)
    .filter((c) => !codes || codes.includes(c));
  if (accountCodes.length === 0) return [];
  const rows = db.sqlite
    .prepare(
      // With a lower bound, from the month's vouchers (period index) to their lines; without, from the accounts' lines.
      `SELECT l.account_code AS code, l.fund_nature AS fund, l.project AS project, sum(l.debit) - sum(l.credit) AS net
       FROM ${after === undefined ? 'voucher_lines l JOIN vouchers v' : 'vouchers v CROSS JOIN voucher_lines l'} ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.period <= ?${after === undefined ? '' : ' AND v.period > ?'} AND l.account_code IN (${accountCodes.map(() => '?').join(', ')})
       GROUP BY l.account_code, l.fund_nature, l.project
       ORDER BY l.account_code, l.fund_nature, l.project`,
    )
    .all(upTo, ...(after === undefined ? [] : [after]), ...accountCodes) as { code: string; fund: Fund; project: string | null; net: number }[];
  return rows.map((r) => ({ accountCode: r.code, fundNature: r.fund, project: r.project, net: r.net }));
}

/**
 * The latest period up to which the buckets are known to be zero, or undefined (read everything).
 * Months close in order (CLS-ORDER) and only the latest closed month can be reopened (CLS-REOPEN),
 * so the closed months are a prefix of the books that nothing can be posted into. Each close
 * posted T12 from the buckets by account, fund nature and project through that month, leaving each
 * revenue and expenditure bucket at zero (CHK-CLS-2); each year close posted T13 the same way for
 * 32101–32204. So revenue and expenditure are zero through the month before `period` when that
 * month is closed, and the year-end sources through the previous December when it is closed.
 */
export function zeroedThrough(db: SyncDb, period: string, kind: 'month' | 'year'): string | undefined {
  const prev = kind === 'month' ? previousPeriod(period) : `${Number(period.slice(0, 4)) - 1}-12`;
  return isClosed(db, prev) ? prev : undefined;
}

/** From ledger_balances up to and including `upTo`: by account and fund nature. */
export function ledgerBuckets(db: SyncDb, upTo: string, elements: readonly Element[]): Bucket[] {
  const rows = db.sqlite
    .prepare(
      `SELECT b.account_code AS code, b.fund_nature AS fund, sum(b.debit) - sum(b.credit) AS net
       FROM ledger_balances b JOIN accounts a ON a.code = b.account_code
       WHERE b.period <= ? AND a.element IN (${ELEMENTS_SQL(elements)})
       GROUP BY b.account_code, b.fund_nature
       ORDER BY b.account_code, b.fund_nature`,
    )
    .all(upTo) as { code: string; fund: string; net: number }[];
  return rows.map((r) => ({ accountCode: r.code, fundNature: r.fund === '' ? null : (r.fund as Fund), project: null, net: r.net }));
}

const FUND_LABEL = (f: Fund) => (f === 'special' ? '专项' : f === 'general' ? '非专项' : '未标资金性质');

function accountLabel(chart: Map<string, AccountInfo>, code: string): string {
  return `${code} ${chart.get(code)?.fullName ?? ''}`.trim();
}

// ---------- the steps ----------

/** Steps before anything is generated: order, nothing unposted, journals = general ledger. */
export function precloseChecks(ctx: ServiceContext, period: string, chart: Map<string, AccountInfo>): CloseCheck[] {
  const { db } = ctx;
  const label = periodLabel(period);
  const checks: CloseCheck[] = [];
  const first = assertInLedger(db, period);
  if (isClosed(db, period)) throw new CoreError('CONFLICT', `${label}已经结账。`, { field: 'period' });

  const lastDay = lastDayOf(period);
  const today = todayInChina(ctx.now);
  if (today < lastDay) {
    refuse('CLS-ORDER', CITE.order, `不能结账：${label}尚未结束（今天是 ${today}），最早在 ${lastDay} 当天结账`, 'CONFLICT');
  }
  const prev = previousPeriod(period);
  if (Number(prev.slice(0, 4)) >= first && !isClosed(db, prev)) {
    refuse('CLS-ORDER', CITE.order, `不能结账：上月（${periodLabel(prev)}）尚未结账，须按月份顺序逐月结账`, 'CONFLICT');
  }
  checks.push({ rule: 'CLS-ORDER', step: '按月顺序结账', detail: Number(prev.slice(0, 4)) >= first ? `上月（${periodLabel(prev)}）已结账` : '本月是账簿的第一个月' });

  // CHK-CLS-1 (1): every voucher of the month is reviewed and posted.
  const pending = db.all(
    db.q
      .selectFrom('vouchers')
      .select(['id', 'voucher_date', 'status', 'word'])
      .where('period', '=', period)
      .where('status', '!=', 'posted')
      .orderBy('voucher_date')
      .orderBy('id'),
  );
  if (pending.length > 0) {
    const list = pending.map((v) => `#${v.id}（${dayLabel(v.voucher_date)}，${v.status === 'draft' ? '草稿' : '已审核未记账'}）`).join('、');
    refuse('CHK-CLS-1', CITE.cls1, `不能结账：${label}还有 ${pending.length} 张凭证未记账：${list}。请审核记账或删除草稿后再结账`);
  }
  checks.push({ rule: 'CHK-CLS-1', step: '凭证全部审核记账', detail: `${label}没有草稿或未记账凭证` });

  // CHK-CLS-1 (2): cash and bank journals (from voucher lines) = general ledger (ledger_balances).
  const journalCodes = [...chart.values()].filter((a) => a.journal !== null).map((a) => a.code);
  const fromLines = movementByCode(db, period, journalCodes, 'lines');
  const fromLedger = movementByCode(db, period, journalCodes, 'ledger');
  const problems: string[] = [];
  for (const code of new Set([...fromLines.keys(), ...fromLedger.keys()])) {
    const a = fromLines.get(code) ?? { md: 0, mc: 0, bal: 0 };
    const b = fromLedger.get(code) ?? { md: 0, mc: 0, bal: 0 };
    const book = chart.get(code)?.journal === 'cash' ? '现金日记账' : '银行存款日记账';
    if (a.md !== b.md || a.mc !== b.mc) {
      problems.push(
        `${accountLabel(chart, code)}：${book}本月借方 ${formatYuan(a.md)}、贷方 ${formatYuan(a.mc)}，总账本月借方 ${formatYuan(b.md)}、贷方 ${formatYuan(b.mc)}`,
      );
    } else if (a.bal !== b.bal) {
      problems.push(`${accountLabel(chart, code)}：${book}期末余额 ${formatYuan(a.bal)}，总账期末余额 ${formatYuan(b.bal)}`);
    }
  }
  if (problems.length > 0) {
    refuse(
      'CHK-CLS-1',
      CITE.cls1,
      `不能结账：日记账与总账不符（帐帐不符）——${problems.join('；')}。记账凭证与余额表不一致，账簿文件可能被改动，请从备份恢复或联系技术支持`,
    );
  }
  const cash = journalCodes.filter((c) => fromLines.has(c));
  checks.push({
    rule: 'CHK-CLS-1',
    step: '现金、银行存款日记账与总账核对',
    detail: cash.length === 0 ? '本月及以前没有库存现金、银行存款发生额' : cash.map((c) => `${c} 余额 ${formatYuan(fromLines.get(c)!.bal)} 元相符`).join('；'),
  });
  return checks;
}

function movementByCode(db: SyncDb, period: string, codes: string[], source: 'lines' | 'ledger'): Map<string, { md: number; mc: number; bal: number }> {
  const out = new Map<string, { md: number; mc: number; bal: number }>();
  if (codes.length === 0) return out;
  const marks = codes.map(() => '?').join(', ');
  const sql =
    source === 'lines'
      ? `SELECT l.account_code AS code,
                coalesce(sum(CASE WHEN v.period = ? THEN l.debit END), 0) AS md,
                coalesce(sum(CASE WHEN v.period = ? THEN l.credit END), 0) AS mc,
                sum(l.debit) - sum(l.credit) AS bal
         FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
         WHERE v.status = 'posted' AND v.period <= ? AND l.account_code IN (${marks})
         GROUP BY l.account_code`
      : `SELECT account_code AS code,
                coalesce(sum(CASE WHEN period = ? THEN debit END), 0) AS md,
                coalesce(sum(CASE WHEN period = ? THEN credit END), 0) AS mc,
                sum(debit) - sum(credit) AS bal
         FROM ledger_balances
         WHERE period <= ? AND account_code IN (${marks})
         GROUP BY account_code`;
  const rows = db.sqlite.prepare(sql).all(period, period, period, ...codes) as { code: string; md: number; mc: number; bal: number }[];
  for (const r of rows) out.set(r.code, { md: r.md, mc: r.mc, bal: r.bal });
  return out;
}

/**
 * Steps of accounts.md §7 that depend on a feature of their own. Each is gated on its feature: while
 * the feature is missing the step is skipped and reported in `skippedChecks`, never passed
 * silently; once built, its `check` refuses the close (CHK-CLS-1) when the month's record is missing.
 * Both are built now (src/main/core/entries): the bank reconciliation (bank.reconciliation.save) and
 * the fixed-asset register with its depreciation run (entries.depreciationRun).
 */
interface GatedStep {
  step: string;
  built: boolean;
  reason: string;
  citation: string;
  check?: (db: SyncDb, period: string) => string | null;
}
export const GATED_STEPS: readonly GatedStep[] = [
  {
    step: '银行存款余额调节表',
    built: true,
    reason: '银行对账功能尚未建立，本次结账未核对各银行账户的余额调节表；请线下编制并留存',
    citation: '财会〔2021〕7号 第二十九条（银行存款按月核对）；会计基础工作规范 第六十二条',
    // Every bank account that moved in the month or holds a balance has an agreed reconciliation.
    check: reconciliationProblem,
  },
  {
    step: '计提固定资产折旧',
    built: true,
    reason: '固定资产卡片与折旧功能尚未建立，本次结账未检查本月是否已计提折旧；如有固定资产请手工填制折旧凭证（借 30104，贷 163）',
    citation: '财会〔2021〕7号 第三十五条（按月计提折旧）',
    // Every asset in service has its scheduled depreciation up to this month on posted vouchers.
    check: depreciationProblem,
  },
];

export function gatedChecks(db: SyncDb, period: string): { checks: CloseCheck[]; skipped: SkippedCheck[] } {
  const checks: CloseCheck[] = [];
  const skipped: SkippedCheck[] = [];
  for (const g of GATED_STEPS) {
    if (!g.built || !g.check) {
      skipped.push({ rule: 'CHK-CLS-1', step: g.step, reason: g.reason, citation: g.citation });
      continue;
    }
    const problem = g.check(db, period);
    if (problem) refuse('CHK-CLS-1', g.citation, `不能结账：${problem}`);
    checks.push({ rule: 'CHK-CLS-1', step: g.step, detail: '已完成' });
  }
  return { checks, skipped };
}

// ---------- system vouchers (T12, T13) ----------

export interface SystemLine {
  summary: string;
  accountCode: string;
  debit: number;
  credit: number;
  fundNature: Fund;
  project: string | null;
}

const sortLines = (lines: SystemLine[]) =>
  lines.sort((a, b) => a.accountCode.localeCompare(b.accountCode) || (a.fundNature ?? '').localeCompare(b.fundNature ?? '') || (a.project ?? '').localeCompare(b.project ?? ''));

/** An amount to put on an account, debit-positive, as a line with a non-negative side. */
function sided(net: number): { debit: number; credit: number } {
  return net > 0 ? { debit: net, credit: 0 } : { debit: 0, credit: -net };
}

function requireTarget(chart: Map<string, AccountInfo>, code: string): void {
  const a = chart.get(code);
  if (!a || !a.enabled || !a.leaf) {
    refuse('CHK-CLS-2', CITE.cls2, `不能结账：结转科目 ${accountLabel(chart, code)} 不是可记账的末级科目（不应在其下增设明细科目）`);
  }
}

/**
 * T12 (accounts.md §6): every revenue and expenditure balance, by account, fund nature and project,
 * goes to 32103 (专项, keeping the project) or 32203 (非专项). Revenue and expenditure are carried
 * in separate lines so the 02表 figures can be read off the voucher.
 */
export function closingLines(db: SyncDb, period: string, chart: Map<string, AccountInfo>, summary: string): SystemLine[] {
  const buckets = lineBuckets(db, period, ['revenue', 'expenditure'], undefined, zeroedThrough(db, period, 'month')).filter((b) => b.net !== 0);
  const out: SystemLine[] = [];
  for (const element of ['revenue', 'expenditure'] as const) {
    const sources = buckets.filter((b) => chart.get(b.accountCode)?.element === element);
    const targets = new Map<string, SystemLine>();
    const sourceLines: SystemLine[] = [];
    for (const b of sources) {
      const a = chart.get(b.accountCode)!;
      const special = b.fundNature === 'special';
      const targetCode = special ? (a.closeSpecial ?? '32103') : (a.closeGeneral ?? '32203');
      requireTarget(chart, targetCode);
      sourceLines.push({ summary, accountCode: b.accountCode, ...sided(-b.net), fundNature: b.fundNature, project: b.project });
      const project = special ? b.project : null;
      const key = JSON.stringify([targetCode, special, project]);
      const t = targets.get(key) ?? { summary, accountCode: targetCode, debit: 0, credit: 0, fundNature: special ? 'special' : 'general', project };
      t.debit += b.net; // accumulated debit-positive; turned into a side below
      targets.set(key, t);
    }
    const targetLines = sortLines([...targets.values()].filter((t) => t.debit !== 0).map((t) => ({ ...t, ...sided(t.debit) })));
    // Revenue: 借 收入 / 贷 本年收支结转. Expenditure: 借 本年收支结转 / 贷 支出.
    if (element === 'revenue') out.push(...sourceLines, ...targetLines);
    else out.push(...targetLines, ...sourceLines);
  }
  return out;
}

/** T13 (accounts.md §6): 32101–32103 → 32104; 32201–32204 → 32205, by fund nature and project. */
export function yearEndLines(db: SyncDb, period: string, chart: Map<string, AccountInfo>, summary: string): SystemLine[] {
  const sourceCodes = [...chart.values()].filter((a) => a.element === 'net_assets' && a.closeSpecial !== null).map((a) => a.code);
  const buckets = lineBuckets(db, period, ['net_assets'], sourceCodes, zeroedThrough(db, period, 'year')).filter((b) => b.net !== 0);
  const sourceLines: SystemLine[] = [];
  const targets = new Map<string, SystemLine>();
  for (const b of buckets) {
    const a = chart.get(b.accountCode)!;
    const targetCode = (b.fundNature === 'special' ? a.closeSpecial : a.closeGeneral) ?? a.closeSpecial!;
    requireTarget(chart, targetCode);
    sourceLines.push({ summary, accountCode: b.accountCode, ...sided(-b.net), fundNature: b.fundNature, project: b.project });
    // 321 工会资金结转 holds 专项 money by project; 322 工会资金结余 is 非专项.
    const special = targetCode.startsWith('321');
    const project = special ? b.project : null;
    const key = JSON.stringify([targetCode, project]);
    const t = targets.get(key) ?? { summary, accountCode: targetCode, debit: 0, credit: 0, fundNature: special ? 'special' : 'general', project };
    t.debit += b.net;
    targets.set(key, t);
  }
  const targetLines = sortLines([...targets.values()].filter((t) => t.debit !== 0).map((t) => ({ ...t, ...sided(t.debit) })));
  return [...sourceLines, ...targetLines];
}

/** The voucher word for system vouchers: 记, or 转 in a ledger that uses the 收/付/转 set. */
function systemWord(db: SyncDb): string {
  const words = new Set(db.all(db.q.selectFrom('vouchers').select('word').distinct()).map((r) => r.word));
  return !words.has('记') && (words.has('收') || words.has('付') || words.has('转')) ? '转' : '记';
}

/**
 * Inserts a system voucher as a draft and takes it through review and posting in the caller's
 * transaction, with the closer as preparer, reviewer and poster (a closing voucher needs no
 * source documents, 会计基础工作规范 第五十一条(四); CHK-SOD-1 does not apply to it).
 */
export function postSystemVoucher(
  ctx: ServiceContext,
  me: SessionUser,
  v: { period: string; date: string; kind: 'closing' | 'year_end'; source: string; lines: SystemLine[] },
): number {
  const { db } = ctx;
  const at = ctx.now.toISOString();
  const word = systemWord(db);
  const id = insertDraft(db, { period: v.period, date: v.date, word, kind: v.kind, preparedBy: me.id, at, source: v.source });
  insertLines(
    db,
    id,
    v.lines.map((l) => ({ ...l, expenseType: null, counterparty: null, bankAccount: null, custodial: false })),
  );
  db.run(db.q.updateTable('vouchers').set({ status: 'reviewed', reviewed_by: me.id, reviewed_at: at }).where('id', '=', id));
  const number = nextVoucherNumber(db, v.period, word);
  db.run(db.q.updateTable('vouchers').set({ status: 'posted', number, posted_by: me.id, posted_at: at }).where('id', '=', id));
  return id;
}

// ---------- checks after generating ----------

/** CHK-CLS-2 / INV-4: every revenue and expenditure account is zero, in ledger_balances by fund nature. */
export function assertIncomeAndSpendingZero(db: SyncDb, period: string, chart: Map<string, AccountInfo>): CloseCheck {
  const left = ledgerBuckets(db, period, ['revenue', 'expenditure']).filter((b) => b.net !== 0);
  if (left.length > 0) {
    const list = left.map((b) => `${accountLabel(chart, b.accountCode)}（${FUND_LABEL(b.fundNature)}）余额 ${formatYuan(Math.abs(b.net))} 元`).join('；');
    refuse('CHK-CLS-2', CITE.cls2, `不能结账：结转后收入、支出科目仍有余额——${list}。余额表与记账凭证不一致，账簿文件可能被改动`);
  }
  return { rule: 'CHK-CLS-2', step: '收入、支出科目结转后无余额（INV-4）', detail: '全部 4xx、5xx 科目余额为零' };
}

/** After T13: 32101–32103 and 32201–32204 hold nothing. */
export function assertWorkingFundsZero(db: SyncDb, period: string, chart: Map<string, AccountInfo>): CloseCheck {
  const codes = [...chart.values()].filter((a) => a.element === 'net_assets' && a.closeSpecial !== null).map((a) => a.code);
  const left = ledgerBuckets(db, period, ['net_assets']).filter((b) => codes.includes(b.accountCode) && b.net !== 0);
  if (left.length > 0) {
    const list = left.map((b) => `${accountLabel(chart, b.accountCode)} 余额 ${formatYuan(Math.abs(b.net))} 元`).join('；');
    refuse('CHK-CLS-4', CITE.t13, `不能年末结账：年末结转后仍有余额——${list}`);
  }
  return { rule: 'CHK-CLS-4', step: '年末结转后 32101–32103、32201–32204 无余额', detail: '已全部转入 32104 累计结转、32205 累计结余' };
}

/** CHK-CLS-3: 资产 = 负债 + 净资产, from ledger_balances by element. */
export function assertBalanceSheet(db: SyncDb, period: string): CloseCheck {
  const rows = db.sqlite
    .prepare(
      `SELECT a.element AS element, coalesce(sum(b.debit) - sum(b.credit), 0) AS net
       FROM ledger_balances b JOIN accounts a ON a.code = b.account_code
       WHERE b.period <= ? GROUP BY a.element`,
    )
    .all(period) as { element: Element; net: number }[];
  const net = (e: Element) => rows.find((r) => r.element === e)?.net ?? 0;
  const assets = net('asset');
  const liabilities = -net('liability');
  const netAssets = -net('net_assets');
  if (assets !== liabilities + netAssets) {
    refuse(
      'CHK-CLS-3',
      CITE.cls3,
      `不能结账：资产总计 ${formatYuan(assets)} 元，负债 ${formatYuan(liabilities)} 元与净资产 ${formatYuan(netAssets)} 元合计 ${formatYuan(liabilities + netAssets)} 元，两者不等，相差 ${formatYuan(Math.abs(assets - liabilities - netAssets))} 元`,
    );
  }
  return {
    rule: 'CHK-CLS-3',
    step: '资产 = 负债 + 净资产',
    detail: `资产总计 ${formatYuan(assets)} 元 = 负债 ${formatYuan(liabilities)} 元 + 净资产 ${formatYuan(netAssets)} 元`,
  };
}

/** CHK-CLS-5: 182 待处理财产损溢 is cleared before the year-end close. */
export function assert182Clear(db: SyncDb, period: string, chart: Map<string, AccountInfo>): CloseCheck {
  const codes = [...chart.values()].filter((a) => a.code === '182' || a.code.startsWith('182')).map((a) => a.code);
  const left = ledgerBuckets(db, period, ['asset']).filter((b) => codes.includes(b.accountCode));
  const total = left.reduce((s, b) => s + b.net, 0);
  if (left.some((b) => b.net !== 0)) {
    refuse(
      'CHK-CLS-5',
      CITE.cls5,
      `不能年末结账：182 待处理财产损溢尚有${total >= 0 ? '借方' : '贷方'}余额 ${formatYuan(Math.abs(total))} 元，须在年末结账前报批处理完毕`,
    );
  }
  return { rule: 'CHK-CLS-5', step: '182 待处理财产损溢已处理完毕', detail: '182 余额为零' };
}
