// Fixed assets: purchase (T6), the asset card, monthly straight-line depreciation (T7) and the
// register (accounts.md §6, §8; 财会〔2021〕7号 第三十二条、第三十五条; 附录2; CHK-AST-1).
//
// Design:
// - The card is created together with its purchase voucher, which is an ordinary DRAFT, and links
//   to it. The card is an asset only once that voucher is posted ("pending" before); deleting the
//   draft deletes the card (ON DELETE CASCADE, migration 0003); a posted red reversal of the
//   purchase makes it "void". So the register never holds an asset the books do not, and the
//   accountant still sees the card (custodian, life) while the voucher is being reviewed.
// - Depreciation is a schedule, not a running estimate: month k of an asset's life (k = 1 in the
//   month of acquisition, 第三十五条 "当月增加的固定资产，当月计提折旧") has cumulative charge
//   min(k, n) × ⌊cost ÷ n⌋, except that month n brings it to exactly the cost (the fen residue goes
//   into the last month), n = life in months. A run charges, per asset, the schedule's cumulative
//   figure for the period minus what earlier runs charged, so 163 never exceeds the cost and a
//   missed month would be caught up rather than lost.
// - Runs are recorded per period with their per-asset lines (the depreciation schedule). A run
//   belongs to its voucher: deleting the draft deletes the run; a posted red reversal voids it.
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import { requireUser } from '../context';
import type { Finding } from '../../contract/op';
import {
  ASSET_CATEGORIES,
  type AssetCard,
  type AssetCategory,
  type AssetStatus,
  type DepreciationLine,
} from '../../contract/entries';
import { formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { loadChart } from '../books/accounts';
import { assertOpenDate } from '../books/periods';
import { draftVoucher, helperWord, lastDayOf, line, monthIndex, periodText, requireBankAccount, requireLeafUnder } from './common';

export const CITE_THRESHOLD = '财会〔2021〕7号 第三十二条（一般设备单位价值 1000 元以上、专用设备 1500 元以上的作为固定资产）';
export const CITE_DEPRECIATION = '财会〔2021〕7号 第三十五条（按月计提折旧；当月增加的固定资产，当月计提折旧）';
const CITE_MIN_LIFE = '财会〔2021〕7号 附录2（固定资产折旧年限）';

// ---------- the schedule ----------

/** The regular monthly charge and the last month's (which takes the fen residue). */
export function monthlyCharge(costFen: number, lifeMonths: number): { monthly: number; last: number } {
  const monthly = Math.floor(costFen / lifeMonths);
  return { monthly, last: costFen - monthly * (lifeMonths - 1) };
}

/** Cumulative depreciation after month k of the asset's life (k = 1 is the month of acquisition). */
export function scheduledTotal(costFen: number, lifeMonths: number, k: number): number {
  if (k <= 0) return 0;
  if (k >= lifeMonths) return costFen;
  return Math.floor(costFen / lifeMonths) * k;
}

// ---------- rows ----------

interface AssetRow {
  id: number;
  name: string;
  category: AssetCategory;
  special: number;
  cost: number;
  acquired_on: string;
  life_months: number;
  fund_nature: 'special' | 'general';
  project: string | null;
  expense_type: 'basic' | 'project';
  expense_account: string;
  asset_account: string;
  location: string | null;
  custodian: string;
  disposed_on: string | null;
  purchase_voucher_id: number | null;
  voucher_status: 'draft' | 'reviewed' | 'posted' | null;
  reversed: number;
  voucher_asset_debit: number | null;
}

function assetRows(db: SyncDb, id?: number): AssetRow[] {
  return db.sqlite
    .prepare(
      `SELECT a.*, v.status AS voucher_status,
              EXISTS (SELECT 1 FROM vouchers r WHERE r.reverses_voucher_id = a.purchase_voucher_id AND r.status = 'posted') AS reversed,
              (SELECT sum(l.debit) FROM voucher_lines l WHERE l.voucher_id = a.purchase_voucher_id AND l.account_code = a.asset_account) AS voucher_asset_debit
       FROM fixed_assets a LEFT JOIN vouchers v ON v.id = a.purchase_voucher_id
       ${id === undefined ? '' : 'WHERE a.id = ?'}
       ORDER BY a.acquired_on, a.id`,
    )
    .all(...(id === undefined ? [] : [id])) as AssetRow[];
}

/** Runs whose voucher has not been reversed by a posted red voucher. */
const LIVE_RUN = `NOT EXISTS (SELECT 1 FROM vouchers r WHERE r.reverses_voucher_id = dr.voucher_id AND r.status = 'posted')`;

/** Per asset: depreciation charged by live runs up to `upTo`, all runs or posted ones only. */
function charged(db: SyncDb, upTo: string, postedOnly: boolean): Map<number, { amount: number; months: number }> {
  const rows = db.sqlite
    .prepare(
      `SELECT dl.asset_id AS id, sum(dl.amount) AS amount, max(dl.life_month) AS months
       FROM depreciation_lines dl JOIN depreciation_runs dr ON dr.id = dl.run_id JOIN vouchers v ON v.id = dr.voucher_id
       WHERE dr.period <= ? AND ${LIVE_RUN} ${postedOnly ? "AND v.status = 'posted'" : ''}
       GROUP BY dl.asset_id`,
    )
    .all(upTo) as { id: number; amount: number; months: number }[];
  return new Map(rows.map((r) => [r.id, { amount: r.amount, months: r.months }]));
}

const inService = (a: AssetRow) => a.voucher_status === 'posted' && a.reversed === 0;
const lifeMonthOf = (a: AssetRow, period: string) => monthIndex(period) - monthIndex(a.acquired_on.slice(0, 7)) + 1;
const disposedBy = (a: AssetRow, period: string) => a.disposed_on !== null && a.disposed_on.slice(0, 7) <= period;

function statusOf(a: AssetRow, asOf: string, accumulated: number): AssetStatus {
  if (a.reversed) return 'void';
  if (a.voucher_status !== 'posted') return 'pending';
  if (disposedBy(a, asOf)) return 'disposed';
  return accumulated >= a.cost ? 'fully_depreciated' : 'active';
}

function card(a: AssetRow, asOf: string, done: { amount: number; months: number } | undefined): AssetCard {
  const accumulated = done?.amount ?? 0;
  const { monthly, last } = monthlyCharge(a.cost, a.life_months);
  const warnings: string[] = [];
  if (a.voucher_asset_debit !== null && a.voucher_asset_debit !== a.cost) {
    warnings.push(`购置凭证 #${a.purchase_voucher_id} 借记 ${a.asset_account} 的金额 ${formatYuan(a.voucher_asset_debit)} 元与卡片原值 ${formatYuan(a.cost)} 元不符，请核对（CHK-AST-2）。`);
  }
  if (a.purchase_voucher_id === null) warnings.push('卡片没有关联购置凭证。');
  return {
    id: a.id,
    name: a.name,
    category: a.category,
    categoryLabel: ASSET_CATEGORIES[a.category]?.label ?? a.category,
    special: a.special === 1,
    costFen: a.cost,
    acquiredOn: a.acquired_on,
    lifeMonths: a.life_months,
    method: 'straight_line',
    monthlyFen: monthly,
    lastMonthFen: last,
    fundNature: a.fund_nature,
    project: a.project,
    expenseType: a.expense_type,
    expenseAccountCode: a.expense_account,
    location: a.location,
    custodian: a.custodian,
    disposedOn: a.disposed_on,
    purchaseVoucherId: a.purchase_voucher_id,
    status: statusOf(a, asOf, accumulated),
    accumulatedFen: accumulated,
    netFen: a.cost - accumulated,
    monthsCharged: done?.months ?? 0,
    warnings,
  };
}

// ---------- purchase (T6) ----------

export const assetPurchase: Handler<'entries.assetPurchase'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const chart = loadChart(db);
  const bank = requireBankAccount(chart, input.bankAccountCode);
  const expense = requireLeafUnder(chart, input.expenseAccountCode, '507', 'expenseAccountCode', '资本性支出科目');
  const assetAccount = requireLeafUnder(chart, input.assetAccountCode, '162', 'assetAccountCode', '固定资产科目');
  const fund = requireLeafUnder(chart, '30104', '30104', 'assetAccountCode', '资产基金——固定资产科目');
  if (input.fundNature === 'special' && !input.project) {
    throw new CoreError('VALIDATION', '专项资金购置须注明项目。', { field: 'project', rule: '财会〔2021〕7号 第二十二条（专款专用，单独反映）' });
  }

  const settings = ctx.settings();
  const threshold = input.special ? settings.specialEquipmentFen : settings.generalEquipmentFen;
  if (input.costFen < threshold) {
    throw new CoreError(
      'RULE',
      `“${input.name}”单位价值 ${formatYuan(input.costFen)} 元，低于${input.special ? '专用设备' : '一般设备'}的固定资产起点 ${formatYuan(threshold)} 元，不作为固定资产入账：` +
        '请直接列入支出（如 50302 建家活动支出、50304 职工书屋活动支出），或作为库存物品入账（借 141 库存物品、贷 30101 资产基金——库存物品，同时借记支出科目、贷记银行存款）。',
      { field: 'costFen', rule: CITE_THRESHOLD },
    );
  }

  const findings: Finding[] = [];
  const category = ASSET_CATEGORIES[input.category];
  if (category.minYears !== null && input.lifeYears < category.minYears) {
    findings.push({
      rule: 'CHK-AST-1',
      severity: 'warn',
      message: `“${input.name}”属于${category.label}，折旧年限 ${input.lifeYears} 年低于规定的最低年限 ${category.minYears} 年，请核实。`,
      citation: CITE_MIN_LIFE,
    });
  }

  const summary = `购置${input.name}`;
  const voucher = draftVoucher(ctx, {
    date: input.date,
    word: helperWord(db, '付'),
    attachments: input.attachments,
    source: 'entries.assetPurchase',
    lines: [
      line({ summary, accountCode: assetAccount.code, debit: input.costFen }),
      line({ summary, accountCode: fund.code, credit: input.costFen }),
      line({
        summary,
        accountCode: expense.code,
        debit: input.costFen,
        fundNature: input.fundNature,
        project: input.project ?? null,
        expenseType: input.expenseType,
      }),
      line({ summary, accountCode: bank.code, credit: input.costFen }),
    ],
  });
  const id = Number(
    db.sqlite
      .prepare(
        `INSERT INTO fixed_assets (name, category, special, cost, acquired_on, life_months, method, fund_nature, project, expense_type,
           expense_account, asset_account, location, custodian, disposed_on, purchase_voucher_id, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'straight_line', ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      )
      .run(
        input.name,
        input.category,
        input.special ? 1 : 0,
        input.costFen,
        input.date,
        input.lifeYears * 12,
        input.fundNature,
        input.project ?? null,
        input.expenseType,
        expense.code,
        assetAccount.code,
        input.location ?? null,
        input.custodian,
        voucher.id,
        me.id,
        ctx.now.toISOString(),
      ).lastInsertRowid,
  );
  const asset = card(assetRows(db, id)[0]!, input.date.slice(0, 7), undefined);
  ctx.audit({ operation: 'entries.assetPurchase', entity: 'fixed_asset', entityId: id, after: { asset, voucherId: voucher.id, findings } });
  return { voucher, findings, asset };
};

// ---------- depreciation (T7) ----------

interface Charge {
  asset: AssetRow;
  lifeMonth: number;
  amount: number;
}

/** What a run for `period` would charge now, per asset in service. */
function chargesFor(db: SyncDb, period: string): Charge[] {
  const done = charged(db, period, false);
  const out: Charge[] = [];
  for (const a of assetRows(db)) {
    if (!inService(a) || disposedBy(a, period)) continue;
    const k = lifeMonthOf(a, period);
    if (k < 1) continue;
    const target = scheduledTotal(a.cost, a.life_months, k);
    const amount = target - (done.get(a.id)?.amount ?? 0);
    if (amount > 0) out.push({ asset: a, lifeMonth: Math.min(k, a.life_months), amount });
  }
  return out;
}

interface RunRow {
  id: number;
  period: string;
  voucher_id: number;
  status: 'draft' | 'reviewed' | 'posted';
}

function liveRuns(db: SyncDb, where: string, period: string): RunRow[] {
  return db.sqlite
    .prepare(
      `SELECT dr.id, dr.period, dr.voucher_id, v.status FROM depreciation_runs dr JOIN vouchers v ON v.id = dr.voucher_id
       WHERE dr.period ${where} ? AND ${LIVE_RUN} ORDER BY dr.period, dr.id`,
    )
    .all(period) as RunRow[];
}

const STATUS = { draft: '草稿', reviewed: '已审核未记账', posted: '已记账' } as const;

export const depreciationRun: Handler<'entries.depreciationRun'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const { period } = input;
  const label = periodText(period);
  const date = lastDayOf(period);
  assertOpenDate(db, date, 'period');
  const chart = loadChart(db);
  requireLeafUnder(chart, '30104', '30104', 'period', '资产基金——固定资产科目');
  requireLeafUnder(chart, '163', '163', 'period', '累计折旧科目');

  const later = liveRuns(db, '>', period);
  if (later.length > 0) {
    throw new CoreError('CONFLICT', `${periodText(later[0]!.period)}已经计提过折旧（凭证 #${later[0]!.voucher_id}），不能再为更早的${label}计提；折旧须按月顺序计提。`, {
      field: 'period',
      rule: CITE_DEPRECIATION,
    });
  }
  const existing = liveRuns(db, '=', period);
  const unposted = existing.find((r) => r.status !== 'posted');
  if (unposted) {
    throw new CoreError(
      'CONFLICT',
      `${label}已生成折旧凭证 #${unposted.voucher_id}（${STATUS[unposted.status]}），不能重复计提：请审核记账；如需重新计提，请先删除该草稿凭证。`,
      { field: 'period', rule: CITE_DEPRECIATION },
    );
  }
  const charges = chargesFor(db, period);
  if (charges.length === 0) {
    if (existing.length > 0) {
      throw new CoreError('CONFLICT', `${label}已计提折旧（凭证 #${existing.map((r) => r.voucher_id).join('、#')}），不能重复计提。`, {
        field: 'period',
        rule: CITE_DEPRECIATION,
      });
    }
    throw new CoreError('CONFLICT', `${label}没有需要计提折旧的固定资产（没有已记账、尚未提足折旧的固定资产卡片）。`, { field: 'period', rule: CITE_DEPRECIATION });
  }
  // A second run in a month that already has a posted one only picks up what it missed (an asset
  // whose purchase was posted after the first run): 补提.
  const supplementary = existing.length > 0;
  const total = charges.reduce((s, c) => s + c.amount, 0);
  const summary = `${supplementary ? '补提' : '计提'}${label}固定资产折旧（${charges.length} 项）`;
  const voucher = draftVoucher(
    ctx,
    {
      date,
      word: helperWord(db, '转'),
      attachments: 1,
      attachmentsNote: '附固定资产折旧计算表（系统生成）',
      source: 'entries.depreciationRun',
      lines: [line({ summary, accountCode: '30104', debit: total }), line({ summary, accountCode: '163', credit: total })],
    },
    'period',
  );
  const runId = Number(
    db.sqlite
      .prepare('INSERT INTO depreciation_runs (period, voucher_id, supplementary, created_by, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(period, voucher.id, supplementary ? 1 : 0, me.id, ctx.now.toISOString()).lastInsertRowid,
  );
  const insert = db.sqlite.prepare('INSERT INTO depreciation_lines (run_id, asset_id, life_month, amount) VALUES (?, ?, ?, ?)');
  for (const c of charges) insert.run(runId, c.asset.id, c.lifeMonth, c.amount);
  const lines: DepreciationLine[] = charges.map((c) => ({ assetId: c.asset.id, name: c.asset.name, month: c.lifeMonth, amountFen: c.amount }));
  ctx.audit({ operation: 'entries.depreciationRun', entity: 'voucher', entityId: voucher.id, after: { period, runId, supplementary, totalFen: total, lines } });
  return { voucher, findings: [], period, supplementary, lines, totalFen: total };
};

/**
 * The month-close check (CHK-CLS-1, accounts.md §7 step 4): every asset in service has the
 * depreciation its schedule asks for up to this month on posted vouchers. Null when it has.
 */
export function depreciationProblem(db: SyncDb, period: string): string | null {
  const done = charged(db, period, true);
  const missing: string[] = [];
  for (const a of assetRows(db)) {
    if (!inService(a) || disposedBy(a, period) || a.acquired_on.slice(0, 7) > period) continue;
    const target = scheduledTotal(a.cost, a.life_months, lifeMonthOf(a, period));
    const have = done.get(a.id)?.amount ?? 0;
    if (have !== target) missing.push(`#${a.id} ${a.name} 截至本月应累计折旧 ${formatYuan(target)} 元，已记账 ${formatYuan(have)} 元`);
  }
  if (missing.length === 0) return null;
  return `${periodText(period)}固定资产折旧尚未计提或未记账——${missing.join('；')}。请执行“计提折旧”，并将折旧凭证审核记账后再结账`;
}

// ---------- the register ----------

export const listAssets: Handler<'assets.list'> = (ctx, input) => {
  const asOf = input.asOf ?? new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  const done = charged(ctx.db, asOf, true);
  const rows = assetRows(ctx.db)
    .filter((a) => a.acquired_on.slice(0, 7) <= asOf || a.voucher_status !== 'posted')
    .map((a) => card(a, asOf, done.get(a.id)))
    .filter((c) => input.includePending || (c.status !== 'pending' && c.status !== 'void'));
  const counted = rows.filter((r) => r.status !== 'pending' && r.status !== 'void');
  const totals = {
    costFen: counted.reduce((s, r) => s + r.costFen, 0),
    accumulatedFen: counted.reduce((s, r) => s + r.accumulatedFen, 0),
    netFen: counted.reduce((s, r) => s + r.netFen, 0),
  };
  return { asOf, rows, totals };
};
