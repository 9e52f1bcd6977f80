// Spending-rule presets (spending-rules.md §6) as typed, versioned, dated data. Amounts in 分.
// The national baseline carries the structural rules and NO yuan caps; a province preset adds its
// caps and variants on top. Ids match contract/presets.ts (PROVINCE_PRESETS). An administrator's
// edits arrive as `overrides` (stored and audited by the caller); this module never does I/O.
import type { Fen } from '../../contract/money';
import { PROVINCE_PRESETS } from '../../contract/presets';
import type {
  BenefitKey,
  BenefitRule,
  EngineSettings,
  FestivalRules,
  MembershipRules,
  OutingRules,
  PresetSource,
  PrizeRules,
  RestRules,
  RuleSet,
} from './model';

/** Whole yuan → 分 (integer arithmetic only). */
const yuan = (n: number): Fen => n * 100;

/** Settings an administrator may change; nested `severity` and `keywords` merge field by field. */
export type SettingsOverride = Partial<Omit<EngineSettings, 'severity' | 'keywords'>> & {
  severity?: Partial<EngineSettings['severity']>;
  keywords?: Partial<EngineSettings['keywords']>;
};

/** One stored version of a preset: only what differs from the national baseline. */
export interface PresetVersion {
  id: string;
  label: string;
  version: number;
  effectiveFrom: string;
  source: PresetSource;
  festival?: Partial<FestivalRules>;
  benefits?: Partial<Record<BenefitKey, BenefitRule>>;
  prizes?: Partial<PrizeRules>;
  outing?: Partial<OutingRules>;
  rest?: RestRules | null;
  membership?: Partial<MembershipRules>;
  settings?: SettingsOverride;
  note?: string;
}

export class PresetError extends Error {
  override name = 'PresetError';
}

// ---------------------------------------------------------------------------------------------
// National baseline (§2, §5): forms, festivals, prize share, outing rule, default settings.

export const DEFAULT_SETTINGS: EngineSettings = {
  cashThresholdFen: yuan(1000),
  majorExpenseThresholdFen: null,
  hardshipCollectiveDecision: true,
  retireeWelfare: 'block',
  retireeRestrictedTypes: ['节日慰问', '生日慰问'],
  budgetEnforcement: 'warn',
  // CHK-OUT-2 (overnight trip) and CHK-CASH-1 (cash to a supplier over the threshold) are 'warn' (s) in
  // the domain catalogue (◐ sources); the product decision (issue 5: "a two-day trip, a cash payment of
  // 3,000 元 to a supplier" must be blocked) makes them block by default. Still a setting: 'warn' restores
  // the catalogue's default.
  severity: { attachments: 'block', festivalCap: 'block', cap: 'warn', bonus: 'warn', outing: 'block', cash: 'block' },
  statutoryFestivals: ['新年', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
  minorityFestivals: [],
  deathRelatives: ['spouse', 'parent', 'child'],
  keywords: {
    hospitality: ['宴请', '请客', '送礼', '招待宴', '答谢宴', '礼金'],
    bonus: ['奖金', '津贴', '补贴', '过节费', '加班费', '绩效'],
    entertainment: ['KTV', '卡拉OK', '歌厅', '夜总会', '高尔夫', '健身卡', '洗浴', '足浴', '桑拿', '会所', '游艇', '高档娱乐'],
    employerAdministration: ['单位行政', '行政办公', '行政部门', '行政费用', '单位办公室', '公务接待', '业务招待', '公务用车', '领导办公'],
    fundraising: ['借款给', '出借', '担保', '集资', '理财产品', '委托贷款', '对外投资'],
    suspicious: ['购物卡', '储值卡', '代金券', '礼品卡', '香烟', '烟草', '卷烟', '白酒', '红酒', '洋酒', '啤酒', '名酒', '茅台', '高价月饼'],
  },
};

const NATIONAL_BENEFITS: Partial<Record<BenefitKey, BenefitRule>> = {
  birthday: { allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
  marriage: { allowedForms: ['实物', '纪念品'], oncePerMember: true },
  birth: { allowedForms: ['实物', '纪念品'] },
  hospital: { allowedForms: ['现金'] },
  death_member: { allowedForms: ['现金'] },
  death_relative: { allowedForms: ['现金'] },
  retirement: { allowedForms: ['纪念品'], oncePerMember: true },
  hardship: { allowedForms: ['现金', '实物'] },
  warmth: { allowedForms: ['现金', '实物'] },
  schooling: { allowedForms: ['现金', '实物'] },
};

const NATIONAL: PresetVersion & {
  festival: FestivalRules;
  prizes: PrizeRules;
  outing: OutingRules;
  membership: MembershipRules;
} = {
  id: 'NATIONAL',
  label: '全国基线（无金额上限）',
  version: 1,
  effectiveFrom: '2017-12-15',
  source: { document: '《基层工会经费收支管理办法》', docNumber: '总工办发〔2017〕32号', asOf: '2017-12-15', reliability: 'confirmed' },
  // Engine default (§5.2): goods, named-merchant and pick-up vouchers; cash, cards and 代金券 blocked.
  festival: { caps: [], allowedForms: ['实物', '纪念品', '提货券', '指定商家券'], maxDistributionsPerYear: null },
  benefits: NATIONAL_BENEFITS,
  prizes: { maxWinnerShare: { num: 2, den: 3 } },
  outing: { duesTopUpMultiple: 3, sameDay: true, allowedAreas: [] },
  rest: null,
  membership: { agencyWelfareOnePlace: false, requireDuesPaying: false },
};

const ANHUI_REST: RestRules = { maxDaysInProvince: 5, maxDaysOutside: 7, maxFenPerPersonPerDay: yuan(400), insuranceRequired: true };

// ---------------------------------------------------------------------------------------------
// Province presets (§6). "Festival" is per member per year unless stated.

export const PRESET_VERSIONS: readonly PresetVersion[] = [
  NATIONAL,
  {
    id: 'AH-2018',
    label: '安徽（2018）',
    version: 1,
    effectiveFrom: '2018-03-12',
    source: { document: '《安徽省基层工会经费收支管理实施办法（试行）》', docNumber: null, asOf: '2018-03-12', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(1500) }] },
    benefits: {
      birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      marriage: { perOccasionFen: yuan(600), allowedForms: ['实物', '纪念品', '现金'], oncePerMember: true },
      birth: { perOccasionFen: yuan(600), allowedForms: ['实物', '纪念品'] },
      hospital: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      death_member: { perOccasionFen: yuan(2000), allowedForms: ['现金'] },
      death_relative: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      retirement: { perOccasionFen: yuan(1000), allowedForms: ['纪念品'], oncePerMember: true },
    },
    note: '退休：纪念品 ≤1000 元并可举行欢送会。',
  },
  {
    id: 'AH-later',
    label: '安徽（2018 年后，据报道）',
    version: 1,
    effectiveFrom: '2018-03-12',
    source: { document: '安徽省总工会规定（据报道）', docNumber: null, asOf: null, reliability: 'secondary' },
    // "no cash, cards or vouchers": goods only.
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(2000) }], allowedForms: ['实物', '纪念品'] },
    benefits: {
      birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      marriage: { perOccasionFen: yuan(2000), allowedForms: ['实物', '纪念品'], oncePerMember: true },
      birth: { perOccasionFen: yuan(1000), allowedForms: ['实物', '纪念品'] },
      hospital: { perOccasionFen: yuan(1000), withSurgeryFen: yuan(2000), allowedForms: ['现金'] },
      death_member: { perOccasionFen: yuan(2000), allowedForms: ['现金'] },
      death_relative: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      retirement: { perOccasionFen: yuan(1000), allowedForms: ['纪念品'], oncePerMember: true },
      hardship: { perOccasionFen: yuan(2000), allowedForms: ['现金', '实物'] },
      uniform: { perYearFen: yuan(600) },
      film: { perYearFen: yuan(150) },
    },
    prizes: { maxWinnerShare: { num: 1, den: 3 }, topPrizeCapFen: yuan(500) },
    outing: { sameDay: true, mealCapFenPerPersonPerDay: yuan(200) },
    rest: ANHUI_REST,
    note: '春秋游限省内或长三角，当日往返（地区请在“允许地区”中设置）。',
  },
  {
    id: 'AH-2025',
    label: '安徽（2025）',
    version: 1,
    effectiveFrom: '2025-08-21',
    source: { document: '《安徽省基层工会经费收支管理办法》', docNumber: '皖工发〔2025〕18号', asOf: '2025-08-21', reliability: 'unconfirmed' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(2200) }], allowedForms: ['实物', '纪念品', '提货券', '指定商家券'] },
    benefits: {
      birthday: { perOccasionFen: yuan(500), allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      marriage: { perOccasionFen: yuan(2000), allowedForms: ['实物', '纪念品'], oncePerMember: true },
      birth: { perOccasionFen: yuan(2000), allowedForms: ['实物', '纪念品'] },
      hospital: { perOccasionFen: yuan(2000), allowedForms: ['现金'], sameIllnessOncePerYear: true },
      death_member: { perOccasionFen: yuan(2000), allowedForms: ['现金'] },
      death_relative: { perOccasionFen: yuan(2000), allowedForms: ['现金'] },
      retirement: { perOccasionFen: yuan(2000), allowedForms: ['纪念品'], oncePerMember: true },
      hardship: { perOccasionFen: yuan(2000), allowedForms: ['现金', '实物'] },
    },
    rest: ANHUI_REST,
    membership: { agencyWelfareOnePlace: true, requireDuesPaying: true },
    settings: { budgetEnforcement: 'block' },
    note: '实名发放、实名签收；退休人员待遇由单位行政负责。',
  },
  {
    id: 'FJ-2018',
    label: '福建',
    version: 1,
    effectiveFrom: '2018-01-01',
    source: { document: '《福建省基层工会经费收支管理实施办法》', docNumber: '闽工〔2018〕158号', asOf: '2018-01-01', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: 130000 }] },
    benefits: {
      birthday: { perOccasionFen: 30000, allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      birth: { perOccasionFen: 50000, allowedForms: ['实物'] },
      hospital: { perOccasionFen: 50000, withSurgeryFen: 100000, allowedForms: ['现金'] },
      death_member: { perOccasionFen: 200000, allowedForms: ['现金'] },
      death_relative: { perOccasionFen: 100000, allowedForms: ['现金'] },
      retirement: { perOccasionFen: 50000, allowedForms: ['纪念品'], oncePerMember: true },
    },
    note: '结婚：报道未载。',
  },
  {
    id: 'HA-2018',
    label: '河南',
    version: 1,
    effectiveFrom: '2018-02-09',
    source: { document: '《河南省基层工会经费收支管理实施办法》', docNumber: null, asOf: '2018-02-09', reliability: 'secondary' },
    // "不得发放现金、购物卡、代金券等"
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(2000) }], allowedForms: ['实物', '纪念品'] },
    benefits: {
      birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      marriage: { perOccasionFen: yuan(500), allowedForms: ['实物'], oncePerMember: true },
      birth: { perOccasionFen: yuan(500), allowedForms: ['实物', '纪念品'] },
      hospital: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      death_member: { perOccasionFen: yuan(2000), allowedForms: ['现金'] },
      death_relative: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      retirement: { perOccasionFen: yuan(1000), allowedForms: ['纪念品'], oncePerMember: true },
    },
    prizes: { maxWinnerShare: { num: 2, den: 3 }, teamPerPersonCapFen: yuan(300), individualCapFen: yuan(400) },
  },
  {
    id: 'HB-2018',
    label: '湖北',
    version: 1,
    effectiveFrom: '2018-01-01',
    source: { document: '《湖北省基层工会经费收支管理实施细则》', docNumber: null, asOf: '2018', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(1200) }], allowedForms: ['实物', '纪念品', '提货券'] },
    benefits: {
      birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      marriage: { perOccasionFen: yuan(1000), allowedForms: ['实物'], oncePerMember: true },
      birth: { perOccasionFen: yuan(500), allowedForms: ['实物', '纪念品'] },
      hospital: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      death_member: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      death_relative: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      retirement: { perOccasionFen: yuan(1000), allowedForms: ['纪念品'], oncePerMember: true },
    },
    outing: { sameDay: true, mealCapFenPerPersonPerDay: yuan(40) },
    note: '经费充足的企业工会节日慰问可至 1500 元（在设置中调整上限）；春秋游限本市。',
  },
  {
    id: 'SC',
    label: '四川',
    version: 1,
    effectiveFrom: '1900-01-01',
    source: { document: '《四川省基层工会经费收支管理实施办法》', docNumber: null, asOf: null, reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(2100) }] },
    benefits: {
      birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true },
      marriage: { perOccasionFen: yuan(500), allowedForms: ['实物'], oncePerMember: true },
      birth: { perOccasionFen: yuan(500), allowedForms: ['实物', '纪念品'] },
      death_member: { perOccasionFen: yuan(2000), allowedForms: ['现金'] },
      death_relative: { perOccasionFen: yuan(1000), allowedForms: ['现金'] },
      retirement: { perOccasionFen: yuan(500), allowedForms: ['纪念品'], oncePerMember: true },
    },
    prizes: { maxWinnerShare: { num: 2, den: 3 }, topPrizeCapFen: yuan(300), souvenirCapFen: yuan(100) },
    note: '施行日期不详：对任何日期适用。住院：报道未载。',
  },
  {
    id: 'GZ',
    label: '贵州',
    version: 1,
    effectiveFrom: '1900-01-01',
    source: { document: '《贵州省基层工会经费收支管理实施细则（暂行）》', docNumber: null, asOf: null, reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_festival', caps: { 春节: yuan(500) }, otherFen: yuan(200) }] },
    benefits: { birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true } },
    note: '施行日期不详：对任何日期适用。',
  },
  {
    id: 'SD-2019',
    label: '山东',
    version: 1,
    effectiveFrom: '2019-06-24',
    source: { document: '山东省总工会办公室《关于调整基层工会经费支出有关标准的通知》', docNumber: null, asOf: '2019-06-24', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(2000) }] },
    note: '各市可制定细则。',
  },
  {
    id: 'BJ-2019',
    label: '北京',
    version: 1,
    effectiveFrom: '2019-01-01',
    source: { document: '《关于2019年度基层工会开展慰问活动有关经费事项的通知》', docNumber: null, asOf: '2019', reliability: 'confirmed' },
    festival: { caps: [{ scope: 'pct_of_budget_income', basisPoints: 5000 }] },
    benefits: { birthday: { perOccasionFen: yuan(300), allowedForms: ['实物', '蛋糕券'], oncePerYear: true } },
    note: '春节联欢会奖品 ≤150 元/人；生日慰问品实名签收。',
  },
  {
    id: 'NM-2023',
    label: '内蒙古',
    version: 1,
    effectiveFrom: '2023-01-01',
    source: { document: '内蒙古节日慰问品通知', docNumber: null, asOf: '2023', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(2500) }] },
  },
  {
    id: 'SX',
    label: '山西',
    version: 1,
    effectiveFrom: '1900-01-01',
    source: { document: '山西《关于服务职工经费支出若干问题的具体规定》', docNumber: null, asOf: null, reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(1500) }] },
    note: '施行日期不详：对任何日期适用。',
  },
  {
    id: 'SH-2015',
    label: '上海（2015，旧）',
    version: 1,
    effectiveFrom: '2015-01-01',
    source: { document: '上海市总工会 2014 年后规定（旧）', docNumber: null, asOf: '2015', reliability: 'secondary' },
    festival: {
      caps: [
        { scope: 'pct_of_retained_levy', basisPoints: 2000 },
        { scope: 'per_distribution', capFen: yuan(400) },
      ],
    },
    benefits: { birthday: { perOccasionFen: yuan(250), allowedForms: ['实物', '蛋糕券'], oncePerYear: true } },
  },
  {
    id: 'CQ-2015',
    label: '重庆（2015，旧）',
    version: 1,
    effectiveFrom: '2015-01-01',
    source: { document: '重庆市总工会 2014 年后规定（旧）', docNumber: null, asOf: '2015', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_festival', caps: { 春节: yuan(500), 国庆节: yuan(300) }, otherFen: yuan(100) }] },
  },
  {
    id: 'HL-2015',
    label: '黑龙江（2015，旧）',
    version: 1,
    effectiveFrom: '2015-01-01',
    source: { document: '黑龙江省总工会补充通知', docNumber: null, asOf: 'c. 2015', reliability: 'secondary' },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(1000) }] },
  },
  {
    id: 'SN-2015',
    label: '陕西（2015，旧）',
    version: 1,
    effectiveFrom: '2015-01-01',
    source: {
      document: '陕西《…贯彻落实全国总工会加强基层工会经费收支管理有关规定的意见》',
      docNumber: null,
      asOf: '2015',
      reliability: 'secondary',
    },
    festival: { caps: [{ scope: 'per_member_per_year', capFen: yuan(1000) }], maxDistributionsPerYear: 3 },
  },
];

/** Preset ids known to the engine (a superset check against contract/presets.ts runs in the tests). */
export const ENGINE_PRESET_IDS: readonly string[] = [...new Set(PRESET_VERSIONS.map((p) => p.id))];

function mergeSettings(base: EngineSettings, o: SettingsOverride | undefined): EngineSettings {
  if (!o) return base;
  const { severity, keywords, ...rest } = o;
  return {
    ...base,
    ...rest,
    severity: { ...base.severity, ...severity },
    keywords: { ...base.keywords, ...keywords },
  };
}

/** Builds the full rule set of one stored version on top of the national baseline. */
export function buildRuleSet(v: PresetVersion, overrides?: SettingsOverride): RuleSet {
  const n = NATIONAL;
  const benefits: Partial<Record<BenefitKey, BenefitRule>> = { ...n.benefits };
  for (const [k, rule] of Object.entries(v.benefits ?? {}) as [BenefitKey, BenefitRule][]) benefits[k] = { ...benefits[k], ...rule };
  return {
    id: v.id,
    label: v.label,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    source: v.source,
    festival: { ...n.festival, ...v.festival },
    benefits,
    prizes: { ...n.prizes, ...v.prizes },
    outing: { ...n.outing, ...v.outing },
    rest: v.rest === undefined ? n.rest ?? null : v.rest,
    membership: { ...n.membership, ...v.membership },
    settings: mergeSettings(mergeSettings(DEFAULT_SETTINGS, v.settings), overrides),
  };
}

/**
 * The rule set of `presetId` in force on `date` (ISO): the highest version whose effectiveFrom ≤ date,
 * with the administrator's setting overrides applied. `versions` lets the caller pass edited,
 * stored versions instead of the shipped ones. Throws PresetError for an unknown id or a date
 * before the preset's first version.
 */
export function getRuleSet(
  presetId: string,
  date: string,
  overrides?: SettingsOverride,
  versions: readonly PresetVersion[] = PRESET_VERSIONS,
): RuleSet {
  const mine = versions.filter((v) => v.id === presetId);
  if (mine.length === 0) throw new PresetError(`未知的支出标准预设：${presetId}`);
  const inForce = mine
    .filter((v) => v.effectiveFrom <= date)
    .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0];
  if (!inForce) {
    const first = mine.map((v) => v.effectiveFrom).sort()[0];
    throw new PresetError(`支出标准预设 ${presetId} 自 ${first} 起施行，${date} 的支出不适用；请选择当时有效的预设。`);
  }
  return buildRuleSet(inForce, overrides);
}

/** The wizard's list (contract/presets.ts) and the engine's data must name the same presets. */
export function presetIdsInSync(): { missingInEngine: string[]; missingInContract: string[] } {
  const contract = PROVINCE_PRESETS.map((p) => p.id);
  return {
    missingInEngine: contract.filter((id) => !ENGINE_PRESET_IDS.includes(id)),
    missingInContract: ENGINE_PRESET_IDS.filter((id) => !contract.includes(id)),
  };
}
