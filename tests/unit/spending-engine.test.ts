// The compliance engine (issue 5): table-driven, every rule on both sides of its boundary, plus the
// scenarios the issue names as blocked. Pure: no database, no clock.
import { describe, expect, it } from 'vitest';
import { checkRequest } from '../../src/main/core/spending/engine';
import type { LedgerState, MemberState, RuleSet, SpendingRequest } from '../../src/main/core/spending/model';
import {
  ENGINE_PRESET_IDS,
  getRuleSet,
  PRESET_VERSIONS,
  PresetError,
  presetIdsInSync,
  type SettingsOverride,
} from '../../src/main/core/spending/presets';
import { PROVINCE_PRESETS } from '../../src/main/contract/presets';

const DATE = '2026-09-20';

function member(id: string, name: string, patch: Partial<MemberState> = {}): MemberState {
  return { memberId: id, name, status: 'active', employmentType: '正式', receivedThisYear: {}, festivalsThisYear: {}, ...patch };
}

function baseState(patch: Partial<LedgerState> = {}): LedgerState {
  return {
    members: {
      m1: member('m1', '张三'),
      m2: member('m2', '李四', { status: 'retired' }),
      m3: member('m3', '王五', { status: 'withdrawn' }),
      m4: member('m4', '赵六', { status: 'transferred' }),
      m5: member('m5', '钱七', { employmentType: '劳务派遣', welfareElsewhere: true, duesPaying: false }),
      m6: member('m6', '孙八', { status: 'unemployed' }),
    },
    duesIncomeFen: 1_000_000, // 10,000.00 元
    outingTopUpUsedFen: 0,
    budgetLine: { id: 'B1', name: '职工集体福利', remainingFen: 100_000_000 },
    presetId: 'FJ-2018',
    ...patch,
  };
}

/** A clean Mid-Autumn goods distribution to 张三, 500 元, bought from a supplier: no findings. */
function festival(patch: Partial<SpendingRequest> = {}): SpendingRequest {
  return {
    type: '节日慰问',
    festival: '中秋节',
    date: DATE,
    stage: 'pay',
    account: '50105',
    amountFen: 50_000,
    payee: { kind: 'supplier', name: '某超市有限公司' },
    paymentMethod: '银行转账',
    budgetLineId: 'B1',
    fundSource: 'own',
    recipients: [{ memberId: 'm1', amountFen: 50_000, item: '月饼、大米' }],
    evidence: ['发票', '签领表', '明细清单'],
    collectiveDecision: null,
    description: '中秋节慰问品',
    ...patch,
  };
}

/** Condolence cash by transfer to the member. */
function condolence(type: SpendingRequest['type'], amountFen: number, patch: Partial<SpendingRequest> = {}): SpendingRequest {
  return festival({
    type,
    festival: undefined,
    amountFen,
    payee: { kind: 'member', name: '张三', memberId: 'm1' },
    recipients: [{ memberId: 'm1', amountFen }],
    evidence: ['签领表', '事由证明'],
    description: `${type}慰问`,
    ...patch,
  });
}

function outing(patch: Partial<NonNullable<SpendingRequest['outing']>> = {}, req: Partial<SpendingRequest> = {}): SpendingRequest {
  return festival({
    type: '春秋游',
    festival: undefined,
    account: '50105',
    amountFen: 300_000,
    payee: { kind: 'supplier', name: '某客运公司' },
    recipients: [],
    evidence: ['发票', '活动方案', '参加人员名单'],
    description: '秋游（本市郊野公园）',
    outing: { days: 1, destination: '本市郊野公园', topUpFen: 100_000, ...patch },
    ...req,
  });
}

function contest(participants: number, tiers: NonNullable<SpendingRequest['competition']>['tiers'], patch: Partial<SpendingRequest> = {}): SpendingRequest {
  return festival({
    type: '劳动竞赛',
    festival: undefined,
    account: '50301',
    amountFen: 100_000,
    payee: { kind: 'supplier', name: '某文体用品店' },
    recipients: [],
    evidence: ['发票', '活动方案', '参加人员名单', '获奖名单'],
    description: '技能比武奖品',
    competition: { participants, tiers },
    ...patch,
  });
}

function purchase(patch: Partial<SpendingRequest> = {}): SpendingRequest {
  return festival({
    type: '设备购置',
    festival: undefined,
    account: '50302',
    amountFen: 300_000,
    payee: { kind: 'supplier', name: '某办公用品公司' },
    recipients: [],
    evidence: ['发票'],
    description: '职工之家乒乓球台',
    ...patch,
  });
}

interface Case {
  name: string;
  request: SpendingRequest;
  state?: LedgerState;
  preset?: string;
  settings?: SettingsOverride;
  /** Edits the rule set beyond settings (e.g. the unit's allowed outing areas). */
  edit?: (r: RuleSet) => RuleSet;
  /** The rule expected (with its severity), or null: no finding of `rule` expected. */
  rule: string;
  expect: 'block' | 'warn' | 'none';
  message?: string[];
  citation?: string;
  blocked?: boolean;
}

const y = (n: number) => n * 100;
const withReceived = (id: string, patch: Partial<MemberState>) => {
  const s = baseState();
  s.members[id] = { ...s.members[id]!, ...patch };
  return s;
};

const cases: Case[] = [
  // ---- the clean baseline -------------------------------------------------------------------
  { name: 'clean festival goods: nothing at all', request: festival(), rule: '*', expect: 'none', blocked: false },

  // ---- CHK-FEST-2: per member per year (FJ-2018: 1,300 元) --------------------------------------
  {
    name: 'festival cap exactly reached → pass',
    request: festival({ amountFen: y(500), recipients: [{ memberId: 'm1', amountFen: y(500) }] }),
    state: withReceived('m1', { receivedThisYear: { festival: { fen: y(800), count: 2 } } }),
    rule: 'CHK-FEST-2',
    expect: 'none',
  },
  {
    name: 'festival cap one fen over → block with figures',
    request: festival({ amountFen: y(500) + 1, recipients: [{ memberId: 'm1', amountFen: y(500) + 1 }] }),
    state: withReceived('m1', { receivedThisYear: { festival: { fen: y(800), count: 2 } } }),
    rule: 'CHK-FEST-2',
    expect: 'block',
    message: ['张三本年节日慰问已领 800.00 元', '本次 500.01 元', '超出上限 1,300.00 元 0.01 元'],
    citation: '闽工〔2018〕158号',
    blocked: true,
  },
  {
    name: 'issue example: 已领 1,800, 本次 500, 上限 2,000 (HA-2018) → 超出 300',
    preset: 'HA-2018',
    request: festival(),
    state: withReceived('m1', { receivedThisYear: { festival: { fen: y(1800), count: 3 } } }),
    rule: 'CHK-FEST-2',
    expect: 'block',
    message: ['张三本年节日慰问已领 1,800.00 元，本次 500.00 元，超出上限 2,000.00 元 300.00 元'],
    citation: '《河南省基层工会经费收支管理实施办法》',
  },
  {
    name: 'festival cap severity is a setting: warn',
    settings: { severity: { festivalCap: 'warn' } },
    request: festival({ amountFen: y(1400), recipients: [{ memberId: 'm1', amountFen: y(1400) }] }),
    rule: 'CHK-FEST-2',
    expect: 'warn',
    blocked: false,
  },
  { name: 'national baseline has no yuan caps', preset: 'NATIONAL', request: festival({ amountFen: y(9000), recipients: [{ memberId: 'm1', amountFen: y(9000) }] }), rule: 'CHK-FEST-2', expect: 'none' },
  // per festival (GZ: 春节 500, others 200)
  {
    name: 'GZ 春节 500 exactly → pass',
    preset: 'GZ',
    request: festival({ festival: '春节', date: '2026-02-10', amountFen: y(500), recipients: [{ memberId: 'm1', amountFen: y(500) }] }),
    rule: 'CHK-FEST-2',
    expect: 'none',
  },
  {
    name: 'GZ 中秋 200.01 → block (other festivals 200)',
    preset: 'GZ',
    request: festival({ amountFen: y(200) + 1, recipients: [{ memberId: 'm1', amountFen: y(200) + 1 }] }),
    rule: 'CHK-FEST-2',
    expect: 'block',
    message: ['本年中秋节慰问已领 0.00 元', '超出上限 200.00 元 0.01 元'],
  },
  {
    name: 'CQ-2015 counts what was already received for the same festival',
    preset: 'CQ-2015',
    request: festival({ festival: '国庆节', date: '2026-09-30', amountFen: y(100), recipients: [{ memberId: 'm1', amountFen: y(100) }] }),
    state: withReceived('m1', { festivalsThisYear: { 国庆节: { fen: y(250), count: 1 } } }),
    rule: 'CHK-FEST-2',
    expect: 'block',
    message: ['已领 250.00 元', '超出上限 300.00 元 50.00 元'],
  },
  // percentage of budgeted income (BJ-2019: 50 %)
  {
    name: 'BJ: festival total exactly 50 % of budgeted income → pass',
    preset: 'BJ-2019',
    request: festival(),
    state: baseState({ budgetedIncomeFen: y(10_000), festivalSpentThisYearFen: y(4_500) }),
    rule: 'CHK-FEST-2',
    expect: 'none',
  },
  {
    name: 'BJ: one fen over 50 % → block',
    preset: 'BJ-2019',
    request: festival({ amountFen: y(500) + 1, recipients: [{ memberId: 'm1', amountFen: y(500) + 1 }] }),
    state: baseState({ budgetedIncomeFen: y(10_000), festivalSpentThisYearFen: y(4_500) }),
    rule: 'CHK-FEST-2',
    expect: 'block',
    message: ['已支出 4,500.00 元', '超出上限 5,000.00 元（年度预算收入 10,000.00 元的 50%）0.01 元'],
  },
  { name: 'BJ: missing budget income → warn, cannot verify', preset: 'BJ-2019', request: festival(), rule: 'CHK-FEST-2', expect: 'warn', message: ['无法核对'] },
  // SH-2015: 20 % of retained levy AND ≤ 400 per distribution
  {
    name: 'SH: 400.00 per head in one distribution → pass',
    preset: 'SH-2015',
    request: festival({ amountFen: y(400), recipients: [{ memberId: 'm1', amountFen: y(400) }] }),
    state: baseState({ retainedLevyFen: y(100_000), festivalSpentThisYearFen: 0 }),
    rule: 'CHK-FEST-2',
    expect: 'none',
  },
  {
    name: 'SH: 400.01 per head → block',
    preset: 'SH-2015',
    request: festival({ amountFen: y(400) + 1, recipients: [{ memberId: 'm1', amountFen: y(400) + 1 }] }),
    state: baseState({ retainedLevyFen: y(100_000), festivalSpentThisYearFen: 0 }),
    rule: 'CHK-FEST-2',
    expect: 'block',
    message: ['超出每次每人上限 400.00 元 0.01 元'],
  },
  // SN-2015: at most 3 distributions
  { name: 'SN: 3rd distribution → pass', preset: 'SN-2015', request: festival(), state: baseState({ festivalDistributionsThisYear: 2 }), rule: 'CHK-FREQ-1', expect: 'none' },
  { name: 'SN: 4th distribution → warn', preset: 'SN-2015', request: festival(), state: baseState({ festivalDistributionsThisYear: 3 }), rule: 'CHK-FREQ-1', expect: 'warn', message: ['第 4 次', '不超过 3 次'] },

  // ---- CHK-FEST-1: 年节 list ---------------------------------------------------------------------
  { name: '中秋节 is a 年节 → pass', request: festival(), rule: 'CHK-FEST-1', expect: 'none' },
  { name: 'S14 重阳节 → warn', request: festival({ festival: '重阳节', date: '2026-10-18' }), rule: 'CHK-FEST-1', expect: 'warn', message: ['“重阳节”不属于年节', '500.00 元'], citation: '第八条(四)' },
  { name: 'S6 三八妇女节 → warn', request: festival({ festival: '三八妇女节', date: '2026-03-08' }), rule: 'CHK-FEST-1', expect: 'warn', blocked: false },
  { name: 'a minority festival on the configured list → pass', settings: { minorityFestivals: ['古尔邦节'] }, request: festival({ festival: '古尔邦节' }), rule: 'CHK-FEST-1', expect: 'none' },

  // ---- CHK-CARD-1 / CHK-FORM-1 for festivals ------------------------------------------------------
  {
    name: 'issue: shopping-card festival gift → block',
    request: festival({ paymentMethod: '购物卡' }),
    rule: 'CHK-CARD-1',
    expect: 'block',
    message: ['“购物卡”', '500.00 元'],
    citation: '总工办发〔2014〕23号',
    blocked: true,
  },
  { name: 'S14 cash festival gift (transfer to members) → block', request: festival({ payee: { kind: 'member', name: '张三', memberId: 'm1' } }), rule: 'CHK-CARD-1', expect: 'block', message: ['“现金”'] },
  { name: '代金券 festival gift (FJ) → block', request: festival({ paymentMethod: '代金券' }), rule: 'CHK-CARD-1', expect: 'block' },
  { name: '提货券 allowed by default (HB allows it too) → pass', preset: 'HB-2018', request: festival({ paymentMethod: '提货券' }), rule: 'CHK-CARD-1', expect: 'none' },
  { name: '指定商家券 allowed by AH-2025 → pass', preset: 'AH-2025', request: festival({ paymentMethod: '指定商家券' }), rule: 'CHK-FORM-1', expect: 'none' },
  { name: 'HA-2018 forbids vouchers: 提货券 → FORM-1 block', preset: 'HA-2018', request: festival({ paymentMethod: '提货券' }), rule: 'CHK-FORM-1', expect: 'block' },
  { name: '蛋糕券 is no festival form → FORM-1 block', request: festival({ paymentMethod: '蛋糕券' }), rule: 'CHK-FORM-1', expect: 'block' },

  // ---- CHK-FORM-1 / CHK-CAP-1 / CHK-FREQ-1 for other benefits -------------------------------------
  { name: 'birthday cake voucher 300.00 (FJ) → pass', request: condolence('生日慰问', y(300), { paymentMethod: '蛋糕券', payee: { kind: 'supplier', name: '某蛋糕店' }, evidence: ['发票', '签领表'] }), rule: '*', expect: 'none' },
  {
    name: 'birthday 300.01 → CAP-1 warn',
    request: condolence('生日慰问', y(300) + 1, { paymentMethod: '蛋糕券', payee: { kind: 'supplier', name: '某蛋糕店' }, evidence: ['发票', '签领表'] }),
    rule: 'CHK-CAP-1',
    expect: 'warn',
    message: ['张三本次生日慰问 300.01 元，超出每次上限 300.00 元 0.01 元'],
  },
  { name: 'birthday as cash → FORM-1 block', request: condolence('生日慰问', y(200)), rule: 'CHK-FORM-1', expect: 'block', message: ['允许：实物、蛋糕券'] },
  {
    name: 'S10 birthday twice a year → FREQ-1 warn',
    request: condolence('生日慰问', y(200), { paymentMethod: '蛋糕券', payee: { kind: 'supplier', name: '某蛋糕店' }, evidence: ['发票', '签领表'] }),
    state: withReceived('m1', { receivedThisYear: { birthday: { fen: y(200), count: 1 } } }),
    rule: 'CHK-FREQ-1',
    expect: 'warn',
    message: ['已领生日慰问 1 次'],
  },
  { name: 'hospital 500.00 without surgery (FJ) → pass', request: condolence('住院', y(500), { hospital: { surgery: false } }), rule: 'CHK-CAP-1', expect: 'none' },
  { name: 'hospital 500.01 without surgery → warn', request: condolence('住院', y(500) + 1, { hospital: { surgery: false } }), rule: 'CHK-CAP-1', expect: 'warn', message: ['（未手术） 500.01 元', '上限 500.00 元 0.01 元'] },
  { name: 'hospital 1,000.00 with surgery → pass', request: condolence('住院', y(1000), { hospital: { surgery: true } }), rule: 'CHK-CAP-1', expect: 'none' },
  { name: 'hospital 1,000.01 with surgery → warn', request: condolence('住院', y(1000) + 1, { hospital: { surgery: true } }), rule: 'CHK-CAP-1', expect: 'warn', message: ['超出每次上限 1,000.00 元 0.01 元'] },
  { name: 'hospital goods instead of 慰问金 → FORM-1 block', request: condolence('住院', y(300), { paymentMethod: '实物', hospital: { surgery: false } }), rule: 'CHK-FORM-1', expect: 'block' },
  {
    name: 'AH-2025 same illness twice a year → FREQ-1 warn',
    preset: 'AH-2025',
    request: condolence('住院', y(500), { hospital: { surgery: false, illness: '肺炎' }, collectiveDecision: null }),
    state: withReceived('m1', { illnessesThisYear: ['肺炎'], duesPaying: true }),
    rule: 'CHK-FREQ-1',
    expect: 'warn',
    message: ['“肺炎”'],
  },
  { name: 'marriage goods (FJ: no yuan cap in report) → pass', request: condolence('结婚', y(800), { paymentMethod: '实物', payee: { kind: 'supplier', name: '某商店' }, evidence: ['发票', '签领表', '事由证明', '明细清单'] }), rule: '*', expect: 'none' },
  { name: 'marriage cash in FJ → FORM-1 block', request: condolence('结婚', y(500)), rule: 'CHK-FORM-1', expect: 'block' },
  { name: 'marriage cash in AH-2018 (cash allowed) → pass', preset: 'AH-2018', request: condolence('结婚', y(600), { date: '2019-05-01' }), rule: 'CHK-FORM-1', expect: 'none' },
  { name: 'marriage 600.01 in AH-2018 → CAP-1 warn', preset: 'AH-2018', request: condolence('结婚', y(600) + 1, { date: '2019-05-01' }), rule: 'CHK-CAP-1', expect: 'warn', message: ['本次结婚慰问 600.01 元，超出每次上限 600.00 元 0.01 元'] },
  { name: 'retirement souvenir twice → FREQ-1 warn', request: condolence('退休', y(400), { paymentMethod: '纪念品', payee: { kind: 'supplier', name: '某礼品公司' }, evidence: ['发票', '签领表', '明细清单'] }), state: withReceived('m1', { everReceived: ['retirement'] }), rule: 'CHK-FREQ-1', expect: 'warn' },
  { name: 'death of a parent 1,000.00 (FJ) → pass', request: condolence('会员或直系亲属去世', y(1000), { death: { relation: 'parent' } }), rule: '*', expect: 'none' },
  { name: 'death of a parent 1,000.01 → CAP-1 warn', request: condolence('会员或直系亲属去世', y(1000) + 1, { death: { relation: 'parent' } }), rule: 'CHK-CAP-1', expect: 'warn', message: ['直系亲属去世慰问 1,000.01 元'] },
  { name: 'death of a sibling: not in the relative list → FORM-1 warn', request: condolence('会员或直系亲属去世', y(500), { death: { relation: 'sibling' } }), rule: 'CHK-FORM-1', expect: 'warn', message: ['兄弟姐妹'] },
  {
    name: 'AH-later films ≤150 per person per year: 150.00 total → pass',
    preset: 'AH-later',
    request: festival({ type: '观影', festival: undefined, amountFen: y(50), recipients: [{ memberId: 'm1', amountFen: y(50) }], evidence: ['发票', '活动方案', '参加人员名单'], description: '组织观看电影', outing: { days: 1, destination: '本市影院', topUpFen: 0 } }),
    state: withReceived('m1', { receivedThisYear: { film: { fen: y(100), count: 2 } } }),
    rule: 'CHK-CAP-1',
    expect: 'none',
  },
  {
    name: 'AH-later films: 150.01 → CAP-1 warn',
    preset: 'AH-later',
    request: festival({ type: '观影', festival: undefined, amountFen: y(50) + 1, recipients: [{ memberId: 'm1', amountFen: y(50) + 1 }], evidence: ['发票', '活动方案', '参加人员名单'], description: '组织观看电影', outing: { days: 1, destination: '本市影院', topUpFen: 0 } }),
    state: withReceived('m1', { receivedThisYear: { film: { fen: y(100), count: 2 } } }),
    rule: 'CHK-CAP-1',
    expect: 'warn',
    message: ['本年观影已领 100.00 元，本次 50.01 元，超出上限 150.00 元 0.01 元'],
  },

  // ---- CHK-MEM-1 / CHK-MEM-2 -----------------------------------------------------------------------
  { name: 'S14 retiree festival gift → block (R-RET default)', request: festival({ recipients: [{ memberId: 'm2', amountFen: y(500) }] }), rule: 'CHK-MEM-1', expect: 'block', message: ['李四为“退休·保留会籍”会员', '500.00 元'], citation: '章程》第八条' },
  { name: 'retiree rule relaxed to warn → chair may override', settings: { retireeWelfare: 'warn' }, request: festival({ recipients: [{ memberId: 'm2', amountFen: y(500) }] }), rule: 'CHK-MEM-1', expect: 'warn', blocked: false },
  { name: 'unemployed (保留会籍) birthday → block', request: condolence('生日慰问', y(200), { paymentMethod: '蛋糕券', payee: { kind: 'supplier', name: '蛋糕店' }, evidence: ['发票', '签领表'], recipients: [{ memberId: 'm6', amountFen: y(200) }] }), rule: 'CHK-MEM-1', expect: 'block' },
  { name: 'retirement souvenir to a retiree → allowed', request: condolence('退休', y(400), { paymentMethod: '纪念品', payee: { kind: 'supplier', name: '某礼品公司' }, evidence: ['发票', '签领表', '明细清单'], recipients: [{ memberId: 'm2', amountFen: y(400) }] }), rule: 'CHK-MEM-1', expect: 'none' },
  { name: 'withdrawn member → block', request: festival({ recipients: [{ memberId: 'm3', amountFen: y(500) }] }), rule: 'CHK-MEM-1', expect: 'block', message: ['王五', '“退会”'] },
  { name: 'transferred member → block', request: festival({ recipients: [{ memberId: 'm4', amountFen: y(500) }] }), rule: 'CHK-MEM-1', expect: 'block', message: ['“调出”'] },
  { name: 'unknown recipient → block', request: festival({ recipients: [{ memberId: 'x9', amountFen: y(500) }] }), rule: 'CHK-MEM-1', expect: 'block', message: ['不在会员名册'] },
  { name: 'AH-2025 agency member with welfare elsewhere, no dues → MEM-2 warn', preset: 'AH-2025', request: festival({ recipients: [{ memberId: 'm5', amountFen: y(500) }] }), rule: 'CHK-MEM-2', expect: 'warn', message: ['钱七（劳务派遣）'] },
  { name: 'FJ does not have the AH-2025 agency rule', request: festival({ recipients: [{ memberId: 'm5', amountFen: y(500) }] }), rule: 'CHK-MEM-2', expect: 'none' },

  // ---- CHK-PRIZE-1 / CHK-PRIZE-2 --------------------------------------------------------------------
  { name: '9 participants, 6 winners (= ⌊2/3 × 9⌋) → pass', request: contest(9, [{ name: '一等奖', winners: 1, amountFenEach: y(200) }, { name: '二等奖', winners: 2, amountFenEach: y(100) }, { name: '三等奖', winners: 3, amountFenEach: y(50) }]), rule: 'CHK-PRIZE-1', expect: 'none' },
  {
    name: '9 participants, 7 winners → block',
    request: contest(9, [{ name: '一等奖', winners: 1, amountFenEach: y(200) }, { name: '二等奖', winners: 2, amountFenEach: y(100) }, { name: '三等奖', winners: 4, amountFenEach: y(50) }]),
    rule: 'CHK-PRIZE-1',
    expect: 'block',
    message: ['参与 9 人，获奖 7 人', '最多 6 人'],
    citation: '三分之二',
  },
  { name: '10 participants: ⌊20/3⌋ = 6, 7 winners → block', request: contest(10, [{ name: '优胜奖', winners: 7, amountFenEach: y(50) }]), rule: 'CHK-PRIZE-1', expect: 'block', message: ['最多 6 人'] },
  { name: 'participation souvenirs for all are not prizes → pass', request: contest(9, [{ name: '一等奖', winners: 1, amountFenEach: y(200) }, { name: '参与奖', winners: 9, amountFenEach: y(20), souvenir: true }]), rule: 'CHK-PRIZE-1', expect: 'none' },
  { name: 'AH-later 1/3: 9 participants, 3 winners → pass', preset: 'AH-later', request: contest(9, [{ name: '一等奖', winners: 3, amountFenEach: y(100) }]), rule: 'CHK-PRIZE-1', expect: 'none' },
  { name: 'AH-later 1/3: 9 participants, 4 winners → block', preset: 'AH-later', request: contest(9, [{ name: '一等奖', winners: 4, amountFenEach: y(100) }]), rule: 'CHK-PRIZE-1', expect: 'block', message: ['1/3（最多 3 人）'] },
  { name: 'SC top prize 300.00 → pass', preset: 'SC', request: contest(9, [{ name: '一等奖', winners: 1, amountFenEach: y(300) }]), rule: 'CHK-PRIZE-2', expect: 'none' },
  { name: 'SC top prize 300.01 → warn', preset: 'SC', request: contest(9, [{ name: '一等奖', winners: 1, amountFenEach: y(300) + 1 }]), rule: 'CHK-PRIZE-2', expect: 'warn', message: ['“一等奖”每份 300.01 元，超出最高奖上限 300.00 元 0.01 元'] },
  { name: 'HA team prize 300.01 per person → warn', preset: 'HA-2018', request: contest(9, [{ name: '团体一等奖', winners: 3, amountFenEach: y(300) + 1, team: true }]), rule: 'CHK-PRIZE-2', expect: 'warn', message: ['团体奖每人上限 300.00 元'] },
  { name: 'SC souvenir 100.01 → warn', preset: 'SC', request: contest(9, [{ name: '参与奖', winners: 9, amountFenEach: y(100) + 1, souvenir: true }]), rule: 'CHK-PRIZE-2', expect: 'warn' },

  // ---- CHK-OUT-1/2/3 ---------------------------------------------------------------------------------
  { name: 'outing 1 day → pass', request: outing(), rule: '*', expect: 'none' },
  { name: 'issue: two-day trip → CHK-OUT-2 blocked (the product default)', request: outing({ days: 2 }), rule: 'CHK-OUT-2', expect: 'block', blocked: true, message: ['为期 2 天', '当日往返'], citation: '当日往返' },
  { name: 'two-day trip with outing severity set to warn (the catalogue default) → warning', settings: { severity: { outing: 'warn' } }, request: outing({ days: 2 }), rule: 'CHK-OUT-2', expect: 'warn' },
  { name: 'no allowed area configured: destination not checked', request: outing({ destination: '海南三亚' }, { description: '三八节参观学习' }), rule: 'CHK-OUT-2', expect: 'none' },
  { name: 'allowed area 本市: destination inside → pass', edit: (r) => ({ ...r, outing: { ...r.outing, allowedAreas: ['本市'] } }), request: outing(), rule: 'CHK-OUT-2', expect: 'none' },
  {
    name: 'S6 三八 trip to 海南 outside the allowed area → blocked',
    edit: (r) => ({ ...r, outing: { ...r.outing, allowedAreas: ['本市'] } }),
    request: outing({ destination: '海南三亚' }, { description: '三八节参观学习' }),
    rule: 'CHK-OUT-2',
    expect: 'block',
    message: ['目的地“海南三亚”不在允许范围（本市）内'],
  },
  { name: 'top-up exactly 3 × dues → pass', request: outing({ topUpFen: y(30_000) }, { amountFen: y(30_000) }), state: baseState({ duesIncomeFen: y(10_000), budgetLine: { id: 'B1', name: '活动', remainingFen: y(100_000) } }), rule: 'CHK-OUT-1', expect: 'none' },
  {
    name: 'top-up 3 × dues + 1 fen (counting earlier top-ups) → warn',
    request: outing({ topUpFen: y(10_000) + 1 }),
    state: baseState({ duesIncomeFen: y(10_000), outingTopUpUsedFen: y(20_000) }),
    rule: 'CHK-OUT-1',
    expect: 'warn',
    message: ['已用经费弥补 20,000.00 元', '本次弥补 10,000.01 元', '会费收入 10,000.00 元的 3 倍（30,000.00 元）0.01 元'],
  },
  { name: 'HB meals 40.00 per person → pass', preset: 'HB-2018', request: outing({ mealFenPerPersonPerDay: y(40) }), rule: 'CHK-OUT-3', expect: 'none' },
  { name: 'HB meals 40.01 per person → warn', preset: 'HB-2018', request: outing({ mealFenPerPersonPerDay: y(40) + 1 }), rule: 'CHK-OUT-3', expect: 'warn', message: ['40.01 元', '上限 40.00 元'] },
  { name: 'banned scenic area → blocked', request: outing({ bannedScenicArea: true }), rule: 'CHK-OUT-2', expect: 'block' },

  // ---- CHK-CASH-1 --------------------------------------------------------------------------------
  { name: 'cash 999.99 to a supplier → pass', request: purchase({ amountFen: y(1000) - 1, paymentMethod: '现金' }), rule: 'CHK-CASH-1', expect: 'none' },
  { name: 'cash 1,000.00 to a supplier (结算起点以下含本数) → pass', request: purchase({ amountFen: y(1000), paymentMethod: '现金' }), rule: 'CHK-CASH-1', expect: 'none' },
  { name: 'cash 1,000.01 to a supplier → blocked', request: purchase({ amountFen: y(1000) + 1, paymentMethod: '现金' }), rule: 'CHK-CASH-1', expect: 'block', message: ['现金支付 1,000.01 元，超过现金结算起点 1,000.00 元'] },
  { name: 'issue: cash 3,000 元 to a supplier → CHK-CASH-1 blocked', request: purchase({ amountFen: y(3000), paymentMethod: '现金' }), rule: 'CHK-CASH-1', expect: 'block', blocked: true, message: ['“某办公用品公司”现金支付 3,000.00 元'], citation: '现金管理暂行条例' },
  { name: 'cash severity set to warn (the catalogue default) → 3,000 元 cash is a warning', settings: { severity: { cash: 'warn' } }, request: purchase({ amountFen: y(3000), paymentMethod: '现金' }), rule: 'CHK-CASH-1', expect: 'warn' },
  { name: 'condolence 2,000 cash in hand → warn: transfer to the card', request: condolence('会员或直系亲属去世', y(2000), { paymentMethod: '现金', death: { relation: 'member' } }), rule: 'CHK-CASH-1', expect: 'warn', message: ['以现金向张三支付 2,000.00 元'] },
  { name: 'cash threshold is a setting (500 元)', settings: { cashThresholdFen: y(500) }, request: purchase({ amountFen: y(500) + 1, paymentMethod: '现金' }), rule: 'CHK-CASH-1', expect: 'block' },

  // ---- 八不准 ----------------------------------------------------------------------------------------
  { name: 'issue: a banquet → BBZ-1 block', request: purchase({ type: '其他', account: '50106', description: '年终答谢宴请', activityRef: 'A1' }), rule: 'CHK-BBZ-1', expect: 'block', message: ['“宴请、答谢宴”', '3,000.00 元'], citation: '不准使用工会经费请客送礼', blocked: true },
  { name: 'meeting meals at a high-end venue → BBZ-1 block', request: purchase({ type: '会议', account: '50502', description: '经审会会议', meeting: { meals: true, venueClass: 'high_end' } }), rule: 'CHK-BBZ-1', expect: 'block' },
  { name: 'meeting meals in the canteen → pass', request: purchase({ type: '会议', account: '50502', description: '经审会会议', meeting: { meals: true, venueClass: 'internal' } }), rule: 'CHK-BBZ-1', expect: 'none' },
  { name: 'KTV → BBZ-3 block', request: purchase({ type: '文体活动', account: '50102', description: '职工KTV联谊', evidence: ['发票', '活动方案', '参加人员名单'] }), rule: 'CHK-BBZ-3', expect: 'block', citation: '高消费性娱乐' },
  { name: 'ordinary sports venue → no BBZ-3', request: purchase({ type: '文体活动', account: '50102', description: '羽毛球比赛场地租金', evidence: ['发票', '活动方案', '参加人员名单'], venueClass: 'ordinary' }), rule: 'CHK-BBZ-3', expect: 'none' },
  { name: 'high-end venue class → BBZ-3 block', request: purchase({ type: '文体活动', account: '50102', description: '联谊活动', evidence: ['发票', '活动方案', '参加人员名单'], venueClass: 'high_end' }), rule: 'CHK-BBZ-3', expect: 'block' },
  { name: 'issue: payment for the employer’s office (payee 行政) → BBZ-4 block', request: purchase({ payee: { kind: 'employer', name: '某单位办公室' }, description: '打印机' }), rule: 'CHK-BBZ-4', expect: 'block', message: ['“某单位办公室”为单位行政', '3,000.00 元'], citation: '小金库', blocked: true },
  { name: 'employer-office purpose via a supplier → BBZ-4 block', request: purchase({ description: '为单位行政办公室购买打印机' }), rule: 'CHK-BBZ-4', expect: 'block', message: ['单位行政'] },
  { name: 'union equipment → no BBZ-4', request: purchase(), rule: 'CHK-BBZ-4', expect: 'none' },
  { name: 'merged account → BBZ-5 block', request: purchase(), state: baseState({ accountMergedWithEmployer: true }), rule: 'CHK-BBZ-5', expect: 'block' },
  { name: 'loan to a third party → BBZ-7 block', request: purchase({ type: '对外借款', account: '510', description: '借款给合作企业周转' }), rule: 'CHK-BBZ-7', expect: 'block', citation: '非法集资' },
  { name: 'cash "过节费" to a member outside welfare categories → BBZ-2 warn', request: purchase({ type: '其他', account: '50106', description: '发放过节费', payee: { kind: 'member', name: '张三', memberId: 'm1' }, paymentMethod: '银行转账', evidence: ['审批单'] }), rule: 'CHK-BBZ-2', expect: 'warn', message: ['过节费'] },
  { name: 'member reimbursed against an invoice → no BBZ-2', request: purchase({ payee: { kind: 'member', name: '张三', memberId: 'm1' }, evidence: ['发票'] }), rule: 'CHK-BBZ-2', expect: 'none' },
  { name: 'cash in the name of 疗休养 → BBZ-2 warn', request: purchase({ type: '疗休养', account: '50104', description: '疗休养补助', payee: { kind: 'member', name: '张三', memberId: 'm1' }, evidence: ['参加人员名单', '采购记录'] }), rule: 'CHK-BBZ-2', expect: 'warn' },
  { name: '“其他” with no activity, plan or approval → BBZ-8 warn', request: purchase({ type: '其他', account: '50106', description: '杂项' }), rule: 'CHK-BBZ-8', expect: 'warn' },
  { name: '“其他” with an activity link → no BBZ-8', request: purchase({ type: '其他', account: '50106', description: '杂项', activityRef: 'ACT-7' }), rule: 'CHK-BBZ-8', expect: 'none' },
  { name: 'alcohol on the itemised list → KW-1 warn', request: festival({ recipients: [{ memberId: 'm1', amountFen: y(500), item: '月饼、白酒' }] }), rule: 'CHK-KW-1', expect: 'warn', message: ['白酒'] },

  // ---- CHK-ATT-2 --------------------------------------------------------------------------------
  { name: 'festival at pay without 签领表 → block', request: festival({ evidence: ['发票', '明细清单'] }), rule: 'CHK-ATT-2', expect: 'block', message: ['签领表'] },
  { name: 'festival at submit: 签领表 not yet due → pass', request: festival({ stage: 'submit', evidence: [] }), rule: 'CHK-ATT-2', expect: 'none' },
  { name: 'outing without 活动方案 → block even at submit', request: outing({}, { stage: 'submit', evidence: ['参加人员名单'] }), rule: 'CHK-ATT-2', expect: 'block', message: ['活动方案'] },
  { name: 'prizes without 获奖名单 → block', request: contest(9, [{ name: '一等奖', winners: 1, amountFenEach: y(100) }], { evidence: ['发票', '活动方案', '参加人员名单'] }), rule: 'CHK-ATT-2', expect: 'block', message: ['获奖名单'] },
  { name: '公务卡 without 刷卡小票 → block', request: purchase({ paymentMethod: '公务卡' }), rule: 'CHK-ATT-2', expect: 'block', message: ['刷卡小票'] },
  { name: 'attachment severity as a setting → warn', settings: { severity: { attachments: 'warn' } }, request: purchase({ evidence: [] }), rule: 'CHK-ATT-2', expect: 'warn', message: ['发票'] },

  // ---- CHK-APP-1 --------------------------------------------------------------------------------
  { name: 'threshold 5,000: 4,999.99 → pass', settings: { majorExpenseThresholdFen: y(5000) }, request: purchase({ amountFen: y(5000) - 1 }), rule: 'CHK-APP-1', expect: 'none' },
  { name: 'threshold 5,000: 5,000.00 without a decision → block', settings: { majorExpenseThresholdFen: y(5000) }, request: purchase({ amountFen: y(5000) }), rule: 'CHK-APP-1', expect: 'block', message: ['5,000.00 元达到重大支出标准 5,000.00 元'], citation: '第九条(五)' },
  { name: 'threshold 5,000: decision with minutes → pass', settings: { majorExpenseThresholdFen: y(5000) }, request: purchase({ amountFen: y(8000), collectiveDecision: { minutesNo: '工委〔2026〕3号', date: '2026-09-01' }, evidence: ['发票', '会议纪要'] }), rule: '*', expect: 'none' },
  { name: 'decision recorded but minutes not attached → ATT-2', settings: { majorExpenseThresholdFen: y(5000) }, request: purchase({ amountFen: y(8000), collectiveDecision: { minutesNo: '工委〔2026〕3号', date: '2026-09-01' } }), rule: 'CHK-ATT-2', expect: 'block', message: ['会议纪要'] },
  { name: 'threshold 0: every expense needs a decision', settings: { majorExpenseThresholdFen: 0 }, request: purchase({ amountFen: 1 }), rule: 'CHK-APP-1', expect: 'block' },
  { name: 'no threshold set (❓, no default): no APP-1', request: purchase({ amountFen: y(90_000) }), rule: 'CHK-APP-1', expect: 'none' },
  { name: 'hardship grant without a decision → block', request: condolence('困难帮扶', y(1000)), rule: 'CHK-APP-1', expect: 'block', message: ['困难帮扶须集体研究决定'] },

  // ---- CHK-BUD-1 -----------------------------------------------------------------------------------
  { name: 'budget remaining exactly the amount → pass', request: purchase(), state: baseState({ budgetLine: { id: 'B1', name: '职工之家', remainingFen: y(3000) } }), rule: 'CHK-BUD-1', expect: 'none' },
  { name: 'budget one fen short → warn (default)', request: purchase(), state: baseState({ budgetLine: { id: 'B1', name: '职工之家', remainingFen: y(3000) - 1 } }), rule: 'CHK-BUD-1', expect: 'warn', message: ['“职工之家”余额 2,999.99 元，本次 3,000.00 元，超出 0.01 元'] },
  { name: 'AH-2025 budget.enforcement = block', preset: 'AH-2025', request: purchase(), state: baseState({ budgetLine: { id: 'B1', name: '职工之家', remainingFen: y(3000) - 1 } }), rule: 'CHK-BUD-1', expect: 'block' },
  { name: 'no budget line → warn', request: purchase({ budgetLineId: null }), rule: 'CHK-BUD-1', expect: 'warn', message: ['未对应已批准的预算项目'] },

  // ---- CHK-REST-1 (Anhui) -----------------------------------------------------------------------------
  { name: 'AH convalescence 5 days in province, 400/day → pass', preset: 'AH-2025', request: purchase({ type: '疗休养', account: '50104', description: '劳模疗休养', amountFen: y(400) * 10 * 5, payee: { kind: 'supplier', name: '某疗养院' }, evidence: ['发票', '参加人员名单', '采购记录', '保险单'], rest: { days: 5, outsideProvince: false, participants: 10, insured: true } }), rule: 'CHK-REST-1', expect: 'none' },
  { name: 'AH convalescence 6 days in province → warn', preset: 'AH-2025', request: purchase({ type: '疗休养', account: '50104', description: '劳模疗休养', amountFen: y(400) * 10 * 6, payee: { kind: 'supplier', name: '某疗养院' }, evidence: ['发票', '参加人员名单', '采购记录', '保险单'], rest: { days: 6, outsideProvince: false, participants: 10, insured: true } }), rule: 'CHK-REST-1', expect: 'warn', message: ['省内疗休养 6 天，超过 5 天'] },
  { name: 'AH convalescence 1 fen over 400/person/day → warn', preset: 'AH-2025', request: purchase({ type: '疗休养', account: '50104', description: '劳模疗休养', amountFen: y(400) * 10 * 5 + 1, payee: { kind: 'supplier', name: '某疗养院' }, evidence: ['发票', '参加人员名单', '采购记录', '保险单'], rest: { days: 5, outsideProvince: false, participants: 10, insured: true } }), rule: 'CHK-REST-1', expect: 'warn', message: ['超出', '0.01 元'] },

  // ---- CHK-REQ-1 ------------------------------------------------------------------------------------
  { name: 'recipients do not add up → block', request: festival({ amountFen: y(600) }), rule: 'CHK-REQ-1', expect: 'block', message: ['领取人合计 500.00 元，与申请金额 600.00 元不符'] },
  { name: 'personal benefit with no recipients → block', request: festival({ recipients: [] }), rule: 'CHK-REQ-1', expect: 'block' },
];

function rulesFor(c: Case): RuleSet {
  const r = getRuleSet(c.preset ?? 'FJ-2018', c.request.date, c.settings);
  return c.edit ? c.edit(r) : r;
}

describe('spending compliance engine: table', () => {
  it('has at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const state = c.state ?? baseState();
    const result = checkRequest(c.request, state, rulesFor(c));
    const mine = c.rule === '*' ? result.findings : result.findings.filter((f) => f.rule === c.rule);
    if (c.expect === 'none') {
      expect(mine, JSON.stringify(mine, null, 1)).toEqual([]);
    } else {
      expect(mine.length, JSON.stringify(result.findings, null, 1)).toBeGreaterThan(0);
      const f = mine[0]!;
      expect(f.severity).toBe(c.expect);
      expect(f.citation.length).toBeGreaterThan(0);
      expect(f.fix.length).toBeGreaterThan(0);
      for (const part of c.message ?? []) expect(mine.map((x) => x.message).join('\n')).toContain(part);
      if (c.citation) expect(f.citation).toContain(c.citation);
    }
    if (c.blocked !== undefined) expect(result.blocked).toBe(c.blocked);
    expect(result.blocked).toBe(result.findings.some((f) => f.severity === 'block'));
  });
});

describe('spending compliance engine: properties', () => {
  it('is pure: same inputs, same result, inputs untouched', () => {
    const req = festival({ paymentMethod: '购物卡' });
    const st = baseState();
    const before = JSON.stringify([req, st]);
    const rules = getRuleSet('FJ-2018', DATE);
    const a = checkRequest(req, st, rules);
    const b = checkRequest(req, st, rules);
    expect(a).toEqual(b);
    expect(JSON.stringify([req, st])).toBe(before);
    expect(a.ruleSetVersion).toBe('FJ-2018/v1');
  });

  it('a request with only warnings is not blocked (the chair may override)', () => {
    const r = checkRequest(festival({ festival: '重阳节' }), baseState(), getRuleSet('FJ-2018', DATE));
    expect(r.findings.map((f) => f.rule)).toEqual(['CHK-FEST-1']);
    expect(r.blocked).toBe(false);
  });

  it('counts a member listed twice once, with the sum', () => {
    const r = checkRequest(
      festival({ amountFen: y(1400), recipients: [{ memberId: 'm1', amountFen: y(700) }, { memberId: 'm1', amountFen: y(700) }] }),
      baseState(),
      getRuleSet('FJ-2018', DATE),
    );
    expect(r.findings.filter((f) => f.rule === 'CHK-FEST-2').map((f) => f.message)).toEqual(['张三本年节日慰问已领 0.00 元，本次 1,400.00 元，超出上限 1,300.00 元 100.00 元。']);
  });

  it('reports a finding per member over the cap, naming each', () => {
    const st = baseState();
    st.members.m7 = member('m7', '周九', { receivedThisYear: { festival: { fen: y(1000), count: 2 } } });
    const r = checkRequest(
      festival({ amountFen: y(1000), recipients: [{ memberId: 'm1', amountFen: y(500) }, { memberId: 'm7', amountFen: y(500) }] }),
      st,
      getRuleSet('FJ-2018', DATE),
    );
    const fest = r.findings.filter((f) => f.rule === 'CHK-FEST-2');
    expect(fest).toHaveLength(1);
    expect(fest[0]!.memberId).toBe('m7');
    expect(fest[0]!.message).toContain('周九本年节日慰问已领 1,000.00 元，本次 500.00 元，超出上限 1,300.00 元 200.00 元');
  });

  it('every finding names a §7 id (or the design rule CHK-REQ-1)', () => {
    for (const c of cases) {
      for (const f of checkRequest(c.request, c.state ?? baseState(), rulesFor(c)).findings) expect(f.rule).toMatch(/^CHK-[A-Z]+-\d$/);
    }
  });
});

describe('spending presets', () => {
  it('engine presets and the setup wizard list name the same ids', () => {
    expect(presetIdsInSync()).toEqual({ missingInEngine: [], missingInContract: [] });
    expect(new Set(PROVINCE_PRESETS.map((p) => p.id))).toEqual(new Set(ENGINE_PRESET_IDS));
  });

  it('every preset builds a rule set on its own effective date, with integer 分 caps', () => {
    for (const v of PRESET_VERSIONS) {
      const rs = getRuleSet(v.id, v.effectiveFrom === '1900-01-01' ? DATE : v.effectiveFrom);
      for (const cap of rs.festival.caps) {
        if ('capFen' in cap) expect(Number.isSafeInteger(cap.capFen)).toBe(true);
      }
      for (const b of Object.values(rs.benefits)) for (const n of [b.perOccasionFen, b.perYearFen, b.withSurgeryFen]) if (n !== undefined) expect(Number.isSafeInteger(n)).toBe(true);
    }
  });

  it('FJ-2018 matches the YAML of spending-rules.md §6', () => {
    const rs = getRuleSet('FJ-2018', '2026-01-01');
    expect(rs.source).toMatchObject({ docNumber: '闽工〔2018〕158号', reliability: 'secondary' });
    expect(rs.festival.caps).toEqual([{ scope: 'per_member_per_year', capFen: 130000 }]);
    expect(rs.benefits.hospital).toMatchObject({ perOccasionFen: 50000, withSurgeryFen: 100000 });
    expect(rs.benefits.death_member?.perOccasionFen).toBe(200000);
    expect(rs.benefits.death_relative?.perOccasionFen).toBe(100000);
    expect(rs.benefits.retirement).toMatchObject({ perOccasionFen: 50000, allowedForms: ['纪念品'], oncePerMember: true });
    expect(rs.benefits.marriage?.perOccasionFen).toBeUndefined();
    expect(rs.prizes.maxWinnerShare).toEqual({ num: 2, den: 3 });
    expect(rs.outing).toMatchObject({ duesTopUpMultiple: 3, sameDay: true });
    expect(rs.settings.cashThresholdFen).toBe(100000);
    expect(rs.settings.majorExpenseThresholdFen).toBeNull();
  });

  it('picks the version in force on the date and refuses dates before the first', () => {
    const v2 = { ...PRESET_VERSIONS.find((v) => v.id === 'FJ-2018')!, version: 2, effectiveFrom: '2026-07-01', festival: { caps: [{ scope: 'per_member_per_year' as const, capFen: 150000 }] } };
    const versions = [...PRESET_VERSIONS, v2];
    expect(getRuleSet('FJ-2018', '2026-06-30', undefined, versions).version).toBe(1);
    expect(getRuleSet('FJ-2018', '2026-07-01', undefined, versions).version).toBe(2);
    expect(() => getRuleSet('AH-2025', '2025-08-20')).toThrow(PresetError);
    expect(() => getRuleSet('XX', DATE)).toThrow(/未知的支出标准预设/);
  });
});
