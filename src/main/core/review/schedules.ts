// The prepared schedules (专项审查表) of the 经审会's annual review (review-and-disclosure.md §3 "focus
// of the audit" and the county "六查六看" checklist; scenario S15 "经审 pack"): each maps a focus to
// the app's evidence. Every figure comes from the services that own it (spending requests and their
// check runs, bank reconciliations, the asset register, dues collection, budget execution, posted
// balances); this module only lays them out and flags what the reviewer should look at.
import type { SyncDb } from '../db/sync-db';
import type { ServiceContext } from '../context';
import { AfterCommit } from '../context';
import { CoreError } from '../errors';
import { formatYuan } from '../../contract/money';
import { SCHEDULE_TITLES, type LevyBase, type ScheduleColumn, type ScheduleKey, type ScheduleRow, type ScheduleTable, type ReviewSchedules } from '../../contract/review';
import type { Handler } from '../context';
import { requestDetail } from '../spending/requests';
import { spendingRequestIdOf } from '../spending/voucher-link';
import { expectedLevy } from '../entries/levy';
import { reconciliationStatus } from '../entries/bank';
import { listAssets } from '../entries/assets';
import { postedNet } from '../entries/common';
import { collectionRate } from '../dues/reports';
import { finalAccounts } from '../budget/budget';
import { firstLevelActuals } from '../budget/actuals';
import { placeholders, unionName } from '../ledger/common';
import { factsNo, postedVouchersOfYear, userNames, type VoucherFacts } from './common';

const CITE_EVIDENCE = '会计基础工作规范 第五十一条（除结账和更正错误的记账凭证可以不附原始凭证外，其他记账凭证必须附有原始凭证）';
const CITE_SOD = 'CHK-SOD-1（制单与审核应由不同人员担任，会计基础工作规范 第五十一条“制单、审核、记账”分别签章）';
// review-and-disclosure.md §3 (◐ practice, the county "六查六看" checklist: 内部控制, 审批手续).
const CITE_APPROVAL = '经费审查“审批手续是否完备”（支出应有工会主席审批，重大支出应有集体研究记录）';

const text = (header: string, width = 1): ScheduleColumn => ({ header, kind: 'text', width });
const money = (header: string): ScheduleColumn => ({ header, kind: 'money', width: 1.2 });
const count = (header: string): ScheduleColumn => ({ header, kind: 'count', width: 0.8 });
const pct = (num: number, den: number): string => (den === 0 ? '—' : `${((Math.round((num * 10_000) / den) / 100).toFixed(2))}%`);
const md = (iso: string) => iso.slice(0, 10);

function table(key: ScheduleKey, columns: ScheduleColumn[], rows: ScheduleRow[], notes: string[], figures: Record<string, number>): ScheduleTable {
  return { key, title: SCHEDULE_TITLES[key], columns, rows, notes, figures };
}

/** Net credit (credit − debit) of an account subtree on one voucher's lines. */
function voucherLines(db: SyncDb, ids: readonly number[]): Map<number, { code: string; debit: number; credit: number; counterparty: string | null }[]> {
  const out = new Map<number, { code: string; debit: number; credit: number; counterparty: string | null }[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = db.sqlite
      .prepare(`SELECT voucher_id, account_code, debit, credit, counterparty FROM voucher_lines WHERE voucher_id IN (${placeholders(chunk.length)}) ORDER BY voucher_id, line_no`)
      .all(...chunk) as { voucher_id: number; account_code: string; debit: number; credit: number; counterparty: string | null }[];
    for (const r of rows) {
      const list = out.get(r.voucher_id) ?? [];
      list.push({ code: r.account_code, debit: r.debit, credit: r.credit, counterparty: r.counterparty });
      out.set(r.voucher_id, list);
    }
  }
  return out;
}

// ---------- 1. compliance findings and the chair's overrides (spending-rules.md §7 check log) ----------

function complianceSchedule(db: SyncDb, year: number): ScheduleTable {
  const ids = (db.sqlite.prepare(`SELECT id FROM spending_requests WHERE request_date >= ? AND request_date <= ? ORDER BY request_date, id`).all(`${year}-01-01`, `${year}-12-31`) as { id: number }[]).map((r) => r.id);
  const rows: ScheduleRow[] = [];
  let withFindings = 0;
  let blocks = 0;
  let warnings = 0;
  let overrides = 0;
  let paidUnresolved = 0;
  for (const id of ids) {
    const r = requestDetail(db, id);
    const findings = r.latestCheck?.findings ?? [];
    if (findings.length === 0 && r.overrides.length === 0) continue;
    withFindings++;
    for (const f of findings) {
      if (f.severity === 'block') blocks++;
      else warnings++;
      const ov = r.overrides.find((o) => o.rule === f.rule);
      if (ov) overrides++;
      const unresolved = f.severity === 'block' || !ov;
      if (unresolved && r.status === 'paid') paidUnresolved++;
      rows.push({
        cells: [r.date, `#${r.id}`, r.purpose, r.amountFen, r.statusLabel, f.rule, f.severity === 'block' ? '阻止' : '警告', `${f.message}（${f.citation}）`, ov ? ov.reason : '', ov ? `${ov.user} ${md(ov.at)}` : ''],
        flagged: f.severity === 'block' || (f.severity === 'warn' && !ov && (r.status === 'approved' || r.status === 'paid')),
        ...(r.voucherId ? { voucherId: r.voucherId } : {}),
      });
    }
    // An override whose rule no longer fires on the latest run is still part of the record.
    for (const o of r.overrides.filter((o) => !findings.some((f) => f.rule === o.rule))) {
      overrides++;
      rows.push({ cells: [r.date, `#${r.id}`, r.purpose, r.amountFen, r.statusLabel, o.rule, '警告', '（最近一次检查未再触发）', o.reason, `${o.user} ${md(o.at)}`] });
    }
  }
  const notes = [
    `${year}年度支出申请 ${ids.length} 笔，其中检查有问题或经主席特批的 ${withFindings} 笔：阻止 ${blocks} 项，警告 ${warnings} 项，主席书面特批 ${overrides} 项。`,
    '检查依据为支出申请最近一次合规检查（总工办发〔2014〕23号“八不准”及本单位执行的支出标准）；警告须经主席书面说明理由（不少于 10 字）后方可审批、支付。',
  ];
  if (ids.length === 0) notes.push('本年度没有通过支出审批模块办理的支出申请；支出凭证的审批情况见《原始凭证及审批手续缺失情况表》。');
  return table(
    'compliance',
    [text('申请日期', 1.05), text('申请号', 0.6), text('事由', 1.8), money('金额'), text('状态', 0.6), text('规则', 0.9), text('性质', 0.5), text('检查意见', 3), text('主席特批理由', 1.8), text('特批人及日期', 1)],
    rows,
    notes,
    { requests: ids.length, requestsWithFindings: withFindings, blocks, warnings, overrides, paidUnresolved },
  );
}

// ---------- 2. vouchers without evidence or approvals ----------

function evidenceSchedule(db: SyncDb, year: number, vouchers: VoucherFacts[]): ScheduleTable {
  const lines = voucherLines(db, vouchers.map((v) => v.id));
  const rows: ScheduleRow[] = [];
  let noAttachments = 0;
  let missingEvidence = 0;
  let noApproval = 0;
  let selfReviewed = 0;
  const names = userNames(db);
  for (const v of vouchers) {
    const problems: string[] = [];
    const exempt = v.kind === 'reversal' || v.kind === 'correction';
    if (v.attachments === 0 && !exempt) {
      noAttachments++;
      problems.push('附件张数为 0，未附原始凭证');
    }
    const requestId = spendingRequestIdOf(v.source);
    const expenditure = (lines.get(v.id) ?? []).some((l) => l.code.startsWith('5') && l.debit > 0);
    if (requestId !== null) {
      const r = requestDetail(db, requestId);
      const have = new Set(r.evidence.map((e) => e.kind));
      const missing = r.requiredEvidence.filter((k) => !have.has(k));
      if (missing.length > 0) {
        missingEvidence++;
        problems.push(`支出申请 #${requestId} 缺少：${missing.join('、')}`);
      }
    } else if (expenditure && v.kind === 'normal') {
      noApproval++;
      problems.push('支出未经支出审批（无主席审批或集体研究记录）');
    }
    if (v.reviewedBy !== null && v.reviewedBy === v.preparedBy) {
      selfReviewed++;
      problems.push(`制单与审核为同一人（${names.get(v.preparedBy) ?? ''}）`);
    }
    if (problems.length === 0) continue;
    rows.push({ cells: [v.date, factsNo(v), v.summary, v.amountFen, v.attachments, v.uploaded, problems.join('；')], flagged: true, voucherId: v.id });
  }
  return table(
    'evidence',
    [text('日期', 1.05), text('凭证号', 0.7), text('摘要', 2.4), money('金额'), count('附件张数'), count('已上传'), text('问题', 3)],
    rows,
    [
      `共检查${year}年度已记账凭证 ${vouchers.length} 张（不含结账凭证）：未附原始凭证 ${noAttachments} 张，支出申请缺少证明材料 ${missingEvidence} 张，支出未经审批 ${noApproval} 张，制单与审核同一人 ${selfReviewed} 张。`,
      `依据：${CITE_EVIDENCE}；${CITE_APPROVAL}；${CITE_SOD}。红字冲销及订正凭证不要求附原始凭证。`,
    ],
    { vouchers: vouchers.length, noAttachments, missingEvidence, noApproval, selfReviewed },
  );
}

// ---------- 3. the 2 % levy: received vs 工资总额 × 2 %, and what was remitted upward and when ----------

export function levyBases(db: SyncDb, voucherIds?: readonly number[]): LevyBase[] {
  const rows = (
    voucherIds === undefined
      ? db.sqlite.prepare('SELECT * FROM review_levy_bases ORDER BY voucher_id').all()
      : voucherIds.length === 0
        ? []
        : db.sqlite.prepare(`SELECT * FROM review_levy_bases WHERE voucher_id IN (${placeholders(voucherIds.length)}) ORDER BY voucher_id`).all(...voucherIds)
  ) as { voucher_id: number; payroll_base_fen: number; note: string | null; recorded_by: number; recorded_at: string }[];
  const names = userNames(db);
  return rows.map((r) => ({ voucherId: r.voucher_id, payrollBaseFen: r.payroll_base_fen, note: r.note, recordedBy: names.get(r.recorded_by) ?? `#${r.recorded_by}`, recordedAt: r.recorded_at }));
}

/** The levy receipts of the year: posted vouchers with a line on 402 拨缴经费收入. */
export function levyReceipts(db: SyncDb, vouchers: VoucherFacts[]): { v: VoucherFacts; retainedFen: number; upperFen: number; grossFen: number }[] {
  const lines = voucherLines(db, vouchers.map((v) => v.id));
  const out: { v: VoucherFacts; retainedFen: number; upperFen: number; grossFen: number }[] = [];
  for (const v of vouchers) {
    const ls = lines.get(v.id) ?? [];
    if (!ls.some((l) => l.code.startsWith('402'))) continue;
    const retainedFen = ls.filter((l) => l.code.startsWith('402')).reduce((s, l) => s + l.credit - l.debit, 0);
    const upperFen = ls.filter((l) => l.code.startsWith('211')).reduce((s, l) => s + l.credit - l.debit, 0);
    out.push({ v, retainedFen, upperFen, grossFen: retainedFen + upperFen });
  }
  return out;
}

function levySchedule(db: SyncDb, year: number, vouchers: VoucherFacts[]): ScheduleTable {
  const receipts = levyReceipts(db, vouchers);
  const bases = new Map(levyBases(db, receipts.map((r) => r.v.id)).map((b) => [b.voucherId, b]));
  const lines = voucherLines(db, vouchers.map((v) => v.id));
  const remittances = vouchers
    .map((v) => ({ v, amountFen: (lines.get(v.id) ?? []).filter((l) => l.code.startsWith('211')).reduce((s, l) => s + l.debit, 0), to: (lines.get(v.id) ?? []).find((l) => l.code.startsWith('211') && l.debit > 0)?.counterparty ?? '' }))
    .filter((r) => r.amountFen > 0);
  const openingFen = 0 - postedNet(db, '211', `${year - 1}-12`);
  const closingFen = 0 - postedNet(db, '211', `${year}-12`);

  // First in, first out: which remittance cleared each receipt's upper share, and how many days later.
  const queue: { label: string; date: string; left: number; cleared: string | null }[] = [];
  if (openingFen > 0) queue.push({ label: '上年结转应付上级经费', date: `${year}-01-01`, left: openingFen, cleared: null });
  const receiptQueue = receipts.map((r) => ({ label: factsNo(r.v), date: r.v.date, left: r.upperFen, cleared: null as string | null }));
  queue.push(...receiptQueue);
  for (const r of remittances) {
    let amount = r.amountFen;
    for (const q of queue) {
      if (amount <= 0) break;
      if (q.left <= 0) continue;
      const take = Math.min(q.left, amount);
      q.left -= take;
      amount -= take;
      if (q.left === 0) q.cleared = r.v.date;
    }
  }
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

  const rows: ScheduleRow[] = [{ cells: ['', '', '一、收到拨缴经费', null, null, null, null, null, null, '', ''], bold: true }];
  let gross = 0;
  let retained = 0;
  let upper = 0;
  let expected = 0;
  let withBase = 0;
  receipts.forEach((r, i) => {
    gross += r.grossFen;
    retained += r.retainedFen;
    upper += r.upperFen;
    const base = bases.get(r.v.id);
    const exp = base ? expectedLevy(base.payrollBaseFen) : null;
    if (exp !== null) {
      expected += exp;
      withBase++;
    }
    const q = receiptQueue[i]!;
    const clearedText = r.upperFen <= 0 ? '—' : q.cleared ? `${q.cleared}上缴（${days(r.v.date, q.cleared)}天）` : '年末尚未上缴';
    rows.push({
      cells: [r.v.date, factsNo(r.v), r.v.summary, base?.payrollBaseFen ?? null, exp, r.grossFen, exp === null ? null : r.grossFen - exp, r.retainedFen, r.upperFen, `${pct(r.retainedFen, r.grossFen)}`, clearedText],
      flagged: (exp !== null && exp !== r.grossFen) || (r.upperFen > 0 && !q.cleared),
      voucherId: r.v.id,
    });
  });
  rows.push({ cells: ['', '', '小计', null, withBase ? expected : null, gross, null, retained, upper, pct(retained, gross), ''], bold: true });
  rows.push({ cells: ['', '', '二、上缴上级经费', null, null, null, null, null, null, '', ''], bold: true });
  let remitted = 0;
  for (const r of remittances) {
    remitted += r.amountFen;
    rows.push({ cells: [r.v.date, factsNo(r.v), r.v.summary, null, null, null, null, null, r.amountFen, '', r.to ? `上缴 ${r.to}` : ''], voucherId: r.v.id });
  }
  rows.push({ cells: ['', '', '小计', null, null, null, null, null, remitted, '', ''], bold: true });
  rows.push({ cells: ['', '', `三、应付上级经费（211）：年初 ${formatYuan(openingFen)} 元 + 本年应上缴 ${formatYuan(upper)} 元 − 本年已上缴 ${formatYuan(remitted)} 元`, null, null, null, null, null, closingFen, '', closingFen > 0 ? '年末尚有应缴未缴' : '已缴清'], bold: true, flagged: closingFen > 0 });

  const notes = [
    '应拨缴数 = 工资总额 × 2%（工会法 第四十三条；工资总额含奖金、津贴和补贴，国家统计局令第1号 第三、四条；四舍五入到分）。工资总额由经审会向行政方取得后逐笔登记；未登记的不作比较。',
    '收到数 = 该凭证贷记拨缴经费收入（402，本级留成）与应付上级经费（211，应上缴部分）之和；上缴情况按先收先缴的顺序对应（财会〔2021〕7号 附录1 211 应付上级经费）。',
  ];
  if (receipts.length > 0 && withBase < receipts.length) notes.push(`本年 ${receipts.length} 笔拨缴经费中，${receipts.length - withBase} 笔尚未登记工资总额。`);
  return table(
    'levy',
    [text('日期', 1.05), text('凭证号', 0.6), text('摘要', 2.2), money('工资总额'), money('应拨缴数'), money('实收'), money('差额'), money('本级留成（402）'), money('应上缴/已上缴（211）'), text('留成比例', 0.75), text('上缴情况', 1.9)],
    rows,
    notes,
    { receipts: receipts.length, grossFen: gross, retainedFen: retained, upperFen: upper, remittedFen: remitted, expectedFen: expected, basesRecorded: withBase, payableOpeningFen: openingFen, payableClosingFen: closingFen },
  );
}

// ---------- 4. dues collected vs owed (dues.md; 会费收缴率) ----------

function duesSchedule(ctx: ServiceContext, year: number): ScheduleTable {
  const rate = collectionRate(ctx, { year });
  const income401 = firstLevelActuals(ctx.db, ['401'], `${year}-01-01`, `${year}-12-31`).get('401') ?? 0;
  const rowOf = (g: typeof rate.total, bold = false): ScheduleRow => ({
    cells: [g.groupName, g.membersDue, g.membersPaid, g.dueFen, g.paidFen, g.dueFen - g.paidFen, pct(g.membersPaid, g.membersDue), pct(g.paidFen, g.dueFen)],
    bold,
    flagged: !bold && g.dueFen > g.paidFen,
  });
  const rows = [...rate.groups.map((g) => rowOf(g)), rowOf({ ...rate.total, groupName: '合计' }, true)];
  const notes = [
    `${rate.periodLabel}应缴会费 ${formatYuan(rate.total.dueFen)} 元，实缴 ${formatYuan(rate.total.paidFen)} 元，欠缴 ${formatYuan(rate.total.dueFen - rate.total.paidFen)} 元；账面会费收入（401，不含结转凭证）${formatYuan(income401)} 元。`,
    '应缴与实缴取自会费模块的月度会费清单与缴费记录；账面收入按记账凭证，二者因收缴时间不同可能存在差异（如上年会费本年收取）。',
  ];
  if (rate.total.membersDue === 0) notes.push('本年度没有在会费模块中计算应缴会费，无法按会员核对收缴情况。');
  return table(
    'dues',
    [text('工会小组', 1.5), count('应缴人数'), count('足额缴纳人数'), money('应缴金额'), money('实缴金额'), money('欠缴金额'), text('收缴率（人数）', 0.9), text('收缴率（金额）', 0.9)],
    rows,
    notes,
    { membersDue: rate.total.membersDue, membersPaid: rate.total.membersPaid, dueFen: rate.total.dueFen, paidFen: rate.total.paidFen, income401Fen: income401 },
  );
}

// ---------- 5. cash and bank reconciliation ----------

function bankSchedule(db: SyncDb, year: number, now: Date): ScheduleTable {
  const rows: ScheduleRow[] = [];
  let required = 0;
  let agreed = 0;
  let missing = 0;
  let disagree = 0;
  let negativeCash = 0;
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  for (let m = 1; m <= 12; m++) {
    const period = `${year}-${String(m).padStart(2, '0')}`;
    if (period > today) break;
    for (const s of reconciliationStatus(db, period)) {
      let status = '无需编制（本月无发生额且无余额）';
      if (s.required) {
        required++;
        if (s.agreed) {
          agreed++;
          status = '已编制，调节相符';
        } else if (s.saved) {
          disagree++;
          status = '已编制，调节后余额不符（或保存后又有凭证记账）';
        } else {
          missing++;
          status = '未编制银行存款余额调节表';
        }
      }
      rows.push({ cells: [period, `${s.bankAccountCode} ${s.bankAccountName}`, s.bookBalanceFen, s.movedInPeriod ? '有' : '无', status], flagged: s.required && !s.agreed });
    }
    const cash = postedNet(db, '101', period);
    if (cash < 0) negativeCash++;
    rows.push({ cells: [period, '101 库存现金', cash, '', cash < 0 ? '账面余额为负（现金透支），应查明' : '月末账面余额（由出纳逐日盘点核对）'], flagged: cash < 0 });
  }
  return table(
    'bank',
    [text('月份', 0.7), text('账户', 1.6), money('月末账面余额'), text('本月发生', 0.6), text('对账情况', 2.6)],
    rows,
    [
      `银行存款应编制余额调节表 ${required} 个账户月，调节相符 ${agreed} 个，未编制 ${missing} 个，不符 ${disagree} 个。库存现金月末余额为负的月份 ${negativeCash} 个。`,
      '依据：财会〔2021〕7号 第二十九条（银行存款按月核对，编制银行存款余额调节表）；现金管理暂行条例（库存现金日清月结，账款相符）。',
    ],
    { required, agreed, missing, disagree, negativeCash },
  );
}

// ---------- 6. fixed assets: the register against the ledger (账卡相符) ----------

function assetsSchedule(ctx: ServiceContext, year: number): ScheduleTable {
  const res = listAssets(ctx, { asOf: `${year}-12`, includePending: false });
  if (res instanceof AfterCommit) throw new CoreError('INTERNAL', '固定资产卡片账读取失败。');
  const ledgerCost = postedNet(ctx.db, '162', `${year}-12`);
  const ledgerAccum = 0 - postedNet(ctx.db, '163', `${year}-12`);
  const rows: ScheduleRow[] = res.rows.map((a) => ({
    cells: [a.name, a.categoryLabel, a.acquiredOn, a.costFen, a.accumulatedFen, a.netFen, a.status === 'disposed' ? `已处置 ${a.disposedOn ?? ''}` : a.status === 'fully_depreciated' ? '已提足折旧' : '在用', a.location ?? '', a.custodian],
    ...(a.purchaseVoucherId ? { voucherId: a.purchaseVoucherId } : {}),
  }));
  rows.push({ cells: ['卡片合计', '', '', res.totals.costFen, res.totals.accumulatedFen, res.totals.netFen, '', '', ''], bold: true });
  const costOk = ledgerCost === res.totals.costFen;
  const accumOk = ledgerAccum === res.totals.accumulatedFen;
  rows.push({ cells: ['总账（162 固定资产、163 累计折旧）', '', `${year}-12-31`, ledgerCost, ledgerAccum, ledgerCost - ledgerAccum, costOk && accumOk ? '账卡相符' : '账卡不符', '', ''], bold: true, flagged: !(costOk && accumOk) });
  const notes = [
    `卡片原值合计 ${formatYuan(res.totals.costFen)} 元，总账 162 余额 ${formatYuan(ledgerCost)} 元${costOk ? '，相符' : `，相差 ${formatYuan(ledgerCost - res.totals.costFen)} 元`}；卡片累计折旧 ${formatYuan(res.totals.accumulatedFen)} 元，总账 163 余额 ${formatYuan(ledgerAccum)} 元${accumOk ? '，相符' : `，相差 ${formatYuan(ledgerAccum - res.totals.accumulatedFen)} 元`}。`,
    '实物盘点（账物相符）由经审会现场核对；依据：财会〔2021〕7号 第三十二条、第三十五条。',
  ];
  if (!costOk || !accumOk) notes.push('账卡不符：固定资产可能未通过“购置固定资产”建立卡片，或折旧未按卡片计提，应查明原因。');
  return table(
    'assets',
    [text('资产名称', 1.6), text('类别', 0.8), text('取得日期', 0.8), money('原值'), money('累计折旧'), money('净值'), text('状态', 0.8), text('存放地点', 0.9), text('保管人', 0.6)],
    rows,
    notes,
    { cards: res.rows.length, registerCostFen: res.totals.costFen, registerAccumulatedFen: res.totals.accumulatedFen, ledgerCostFen: ledgerCost, ledgerAccumulatedFen: ledgerAccum },
  );
}

// ---------- 7. budget execution ----------

function budgetSchedule(db: SyncDb, year: number): ScheduleTable {
  const columns = [text('科目编码', 0.7), text('预算项目', 2.4), money('预算数'), money('实际数'), money('预算余额'), text('完成率', 0.7), text('提示', 1.8)];
  let f;
  try {
    f = finalAccounts(db, year);
  } catch (err) {
    if (!(err instanceof CoreError) || err.code !== 'NOT_FOUND') throw err;
    const actuals = firstLevelActuals(db, ['401', '402', '403', '404', '405', '406', '407', '408', '409', '501', '502', '503', '504', '505', '506', '507', '508', '509', '510'], `${year}-01-01`, `${year}-12-31`);
    const rows: ScheduleRow[] = [...actuals].filter(([, v]) => v !== 0).map(([code, v]) => ({ cells: [code, code.startsWith('4') ? '收入' : '支出', null, v, null, '—', '未列入预算'], flagged: code.startsWith('5') }));
    const rev = [...actuals].filter(([c]) => c.startsWith('4')).reduce((s, [, v]) => s + v, 0);
    const exp = [...actuals].filter(([c]) => c.startsWith('5')).reduce((s, [, v]) => s + v, 0);
    return table('budget', columns, rows, [`${year}年度没有已批准的预算（工会法 第四十五条：建立预算、决算和经费审查监督制度）；本表只列示实际收支。`], {
      revenueBudgetFen: 0,
      revenueActualFen: rev,
      expenditureBudgetFen: 0,
      expenditureActualFen: exp,
      warnings: 0,
    });
  }
  const warn = { near: '接近预算', over: '超出预算', unbudgeted: '未列入预算' } as const;
  const rows: ScheduleRow[] = [];
  for (const el of ['revenue', 'expenditure'] as const) {
    const t = el === 'revenue' ? f.totals.revenue : f.totals.expenditure;
    rows.push({ cells: ['', el === 'revenue' ? '收入合计' : '支出合计', t.budgetFen, t.actualFen, t.remainingFen, t.rateText, ''], bold: true });
    for (const l of f.lines.filter((x) => x.element === el)) {
      rows.push({ cells: [l.accountCode, l.label, l.budgetFen, l.actualFen, l.remainingFen, l.rateText, l.warning ? warn[l.warning] : ''], flagged: l.warning === 'over' || l.warning === 'unbudgeted' });
    }
  }
  rows.push({ cells: ['', '本年收支差额', f.totals.surplusBudgetFen, f.totals.surplusActualFen, null, '', ''], bold: true });
  return table(
    'budget',
    columns,
    rows,
    [`核定预算为${f.budgetLabel}；实际数取自已记账凭证（不含结转凭证），与收入支出表（工会02表）一致。完成率 = 实际数 ÷ 预算数 × 100%。`, ...f.warnings.map((w) => w.message)],
    {
      revenueBudgetFen: f.totals.revenue.budgetFen,
      revenueActualFen: f.totals.revenue.actualFen,
      expenditureBudgetFen: f.totals.expenditure.budgetFen,
      expenditureActualFen: f.totals.expenditure.actualFen,
      warnings: f.warnings.length,
    },
  );
}

export function buildSchedules(ctx: ServiceContext, year: number, only?: ScheduleKey): ReviewSchedules {
  const vouchers = postedVouchersOfYear(ctx.db, year);
  const make: Record<ScheduleKey, () => ScheduleTable> = {
    compliance: () => complianceSchedule(ctx.db, year),
    evidence: () => evidenceSchedule(ctx.db, year, vouchers),
    levy: () => levySchedule(ctx.db, year, vouchers),
    dues: () => duesSchedule(ctx, year),
    bank: () => bankSchedule(ctx.db, year, ctx.now),
    assets: () => assetsSchedule(ctx, year),
    budget: () => budgetSchedule(ctx.db, year),
  };
  const keys = only ? [only] : (Object.keys(make) as ScheduleKey[]);
  return { unionName: unionName(ctx.db), year, tables: keys.map((k) => make[k]()) };
}

export const getSchedules: Handler<'review.schedules'> = (ctx, input) => buildSchedules(ctx, input.year);

export const listLevyBases: Handler<'review.levyBases.list'> = (ctx, input) => {
  const receipts = levyReceipts(ctx.db, postedVouchersOfYear(ctx.db, input.year));
  return levyBases(ctx.db, receipts.map((r) => r.v.id));
};
