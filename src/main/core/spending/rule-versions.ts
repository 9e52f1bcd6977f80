// The administrator's versions of the spending-rule presets (issue 5; spending-rules.md §6 "Presets
// are editable, versioned and dated. Each checked line stores the preset version it was checked
// against"). The shipped versions live in presets.ts as code; a version the administrator creates is
// stored as data in the setting 'spending.rules.versions' — an append-only list: a new version is
// added, an existing one (shipped or stored) is never changed. Each creation is in the audit trail
// with the whole new version and the changed figures. The engine (state.ts activeRuleSet) picks,
// for each request, the version in force on the request's date.
import type { Handler } from '../context';
import { requireUser } from '../context';
import type { SyncDb } from '../db/sync-db';
import { CoreError } from '../errors';
import { formatYuan } from '../../contract/money';
import {
  RULE_BENEFIT_KEYS,
  RULE_BENEFIT_LABELS,
  RULE_SEVERITY_KEYS,
  RULE_SEVERITY_LABELS,
  type EditableRules,
  type RuleRow,
  type RuleVersionSummary,
  type RuleVersionView,
} from '../../contract/rule-presets';
import { buildRuleSet, PRESET_VERSIONS, type PresetVersion } from './presets';
import { CITATIONS, presetCitation } from './engine';
import { BENEFIT_LABELS, ruleSetVersionOf, type BenefitRule, type FestivalCap, type RuleSet } from './model';

export const RULE_VERSIONS_KEY = 'spending.rules.versions';

export interface StoredVersion {
  preset: PresetVersion;
  basedOn: number;
  reason: string;
  createdBy: number;
  createdByName: string;
  createdAt: string;
}

export function storedVersions(db: SyncDb): StoredVersion[] {
  const v = db.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RULE_VERSIONS_KEY) as string | undefined;
  if (!v) return [];
  const parsed = JSON.parse(v) as { versions?: StoredVersion[] };
  return Array.isArray(parsed.versions) ? parsed.versions : [];
}

/** The shipped versions and the administrator's, for getRuleSet. */
export function allPresetVersions(db: SyncDb): PresetVersion[] {
  return [...PRESET_VERSIONS, ...storedVersions(db).map((s) => s.preset)];
}

function presetIdOf(db: SyncDb): string {
  const p = db.sqlite.prepare('SELECT province_preset FROM union_profile WHERE id = 1').pluck().get() as string | undefined;
  return p ?? 'NATIONAL';
}

/** The version of `versions` in force on `date` (as getRuleSet picks it), or null. */
function inForceOn(versions: readonly PresetVersion[], date: string): PresetVersion | null {
  return (
    [...versions]
      .filter((v) => v.effectiveFrom <= date)
      .sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? b.version - a.version : a.effectiveFrom < b.effectiveFrom ? 1 : -1))[0] ?? null
  );
}

function summaries(db: SyncDb, presetId: string, today: string): RuleVersionSummary[] {
  const stored = storedVersions(db).filter((s) => s.preset.id === presetId);
  const mine = allPresetVersions(db).filter((v) => v.id === presetId);
  if (mine.length === 0) throw new CoreError('NOT_FOUND', `未知的支出标准预设：${presetId}`, { field: 'presetId' });
  const current = inForceOn(mine, today);
  return mine
    .map((v): RuleVersionSummary => {
      const s = stored.find((x) => x.preset.version === v.version) ?? null;
      return {
        presetId: v.id,
        presetLabel: v.label,
        version: v.version,
        ruleSetVersion: ruleSetVersionOf(v),
        effectiveFrom: v.effectiveFrom,
        origin: s ? 'admin' : 'shipped',
        source: v.source,
        basedOn: s ? s.basedOn : null,
        reason: s ? s.reason : null,
        createdBy: s ? s.createdByName : null,
        createdAt: s ? s.createdAt : null,
        inForce: current !== null && current.version === v.version,
      };
    })
    .sort((a, b) => a.version - b.version);
}

const yn = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '不设上限' : `${formatYuan(fen, { thousands: true })} 元`);

export function editableOf(rules: RuleSet): EditableRules {
  const perMember = rules.festival.caps.find((c): c is Extract<FestivalCap, { scope: 'per_member_per_year' }> => c.scope === 'per_member_per_year');
  const benefits = Object.fromEntries(
    RULE_BENEFIT_KEYS.map((k) => {
      const b: BenefitRule = rules.benefits[k] ?? {};
      return [k, { perOccasionFen: b.perOccasionFen ?? null, withSurgeryFen: b.withSurgeryFen ?? null, perYearFen: b.perYearFen ?? null }];
    }),
  ) as EditableRules['benefits'];
  return {
    festivalCapFen: perMember ? perMember.capFen : null,
    benefits,
    prizeShare: { ...rules.prizes.maxWinnerShare },
    outingMealCapFen: rules.outing.mealCapFenPerPersonPerDay ?? null,
    cashThresholdFen: rules.settings.cashThresholdFen,
    majorExpenseThresholdFen: rules.settings.majorExpenseThresholdFen,
    severity: { ...rules.settings.severity },
  };
}

const SEVERITY_RULE: Record<(typeof RULE_SEVERITY_KEYS)[number], keyof typeof CITATIONS | 'CHK-FEST-2' | 'CHK-CAP-1'> = {
  attachments: 'CHK-ATT-2',
  festivalCap: 'CHK-FEST-2',
  cap: 'CHK-CAP-1',
  bonus: 'CHK-BBZ-2',
  outing: 'CHK-OUT-2',
  cash: 'CHK-CASH-1',
};

/** The rules of a version as rows, each with the check that reads it and its citation. */
export function ruleRows(rules: RuleSet): RuleRow[] {
  const rows: RuleRow[] = [];
  const push = (group: string, rule: string, label: string, value: string, citation: string) => rows.push({ group, rule, label, value, citation });
  for (const cap of rules.festival.caps) {
    const cite = presetCitation(rules, '节日慰问上限');
    switch (cap.scope) {
      case 'per_member_per_year':
        push('节日慰问', 'CHK-FEST-2', '每人每年上限', yn(cap.capFen), cite);
        break;
      case 'per_festival':
        push('节日慰问', 'CHK-FEST-2', '每个节日上限', [...Object.entries(cap.caps).map(([f, n]) => `${f} ${yn(n)}`), `其他节日 ${yn(cap.otherFen)}`].join('；'), cite);
        break;
      case 'per_distribution':
        push('节日慰问', 'CHK-FEST-2', '每次每人上限', yn(cap.capFen), cite);
        break;
      case 'pct_of_budget_income':
        push('节日慰问', 'CHK-FEST-2', '全年总额占预算收入比例', `${cap.basisPoints / 100}%`, cite);
        break;
      case 'pct_of_retained_levy':
        push('节日慰问', 'CHK-FEST-2', '全年总额占留成拨缴经费比例', `${cap.basisPoints / 100}%`, cite);
        break;
    }
  }
  if (rules.festival.caps.length === 0) push('节日慰问', 'CHK-FEST-2', '每人每年上限', '不设上限（全国基线无金额上限）', presetCitation(rules, '节日慰问上限'));
  push('节日慰问', 'CHK-CARD-1', '允许的发放形式', rules.festival.allowedForms.join('、'), CITATIONS['CHK-CARD-1']);
  push('节日慰问', 'CHK-FEST-1', '年节', [...rules.settings.statutoryFestivals, ...rules.settings.minorityFestivals].join('、'), CITATIONS['CHK-FEST-1']);
  if (rules.festival.maxDistributionsPerYear !== null) push('节日慰问', 'CHK-FREQ-1', '每年发放次数', `不超过 ${rules.festival.maxDistributionsPerYear} 次`, presetCitation(rules, '节日慰问发放次数'));
  for (const k of RULE_BENEFIT_KEYS) {
    const b = rules.benefits[k];
    if (!b) continue;
    const label = BENEFIT_LABELS[k];
    if (b.perOccasionFen !== undefined) push(label, 'CHK-CAP-1', '每次标准', yn(b.perOccasionFen), presetCitation(rules, `${label}标准`));
    if (b.withSurgeryFen !== undefined) push(label, 'CHK-CAP-1', '手术住院标准', yn(b.withSurgeryFen), presetCitation(rules, `${label}标准`));
    if (b.perYearFen !== undefined) push(label, 'CHK-CAP-1', '每人每年上限', yn(b.perYearFen), presetCitation(rules, `${label}标准`));
    if (b.allowedForms) push(label, 'CHK-FORM-1', '发放形式', b.allowedForms.join('、'), CITATIONS['CHK-FORM-1']);
    if (b.oncePerYear || b.oncePerMember || b.sameIllnessOncePerYear)
      push(label, 'CHK-FREQ-1', '次数', b.oncePerYear ? '每年一次' : b.oncePerMember ? '每人一次' : '同一疾病每年一次', CITATIONS['CHK-FREQ-1']);
  }
  const share = rules.prizes.maxWinnerShare;
  push('奖励', 'CHK-PRIZE-1', '获奖人数比例上限', `${share.num}/${share.den}`, CITATIONS['CHK-PRIZE-1']);
  for (const [key, label] of [
    ['topPrizeCapFen', '最高奖标准'],
    ['perPrizeCapFen', '每份奖品标准'],
    ['teamPerPersonCapFen', '团体奖每人标准'],
    ['individualCapFen', '个人奖标准'],
    ['souvenirCapFen', '纪念品标准'],
  ] as const) {
    const n = rules.prizes[key];
    if (n !== undefined) push('奖励', 'CHK-PRIZE-2', label, yn(n), presetCitation(rules, '奖品标准'));
  }
  push('春秋游', 'CHK-OUT-1', '经费弥补上限', `当年会费收入的 ${rules.outing.duesTopUpMultiple} 倍`, CITATIONS['CHK-OUT-1']);
  push('春秋游', 'CHK-OUT-2', '当日往返', rules.outing.sameDay ? '是' : '否', CITATIONS['CHK-OUT-2']);
  if (rules.outing.mealCapFenPerPersonPerDay !== undefined) push('春秋游', 'CHK-OUT-3', '餐费每人每天', yn(rules.outing.mealCapFenPerPersonPerDay), presetCitation(rules, '活动餐费标准'));
  if (rules.rest)
    push(
      '疗休养',
      'CHK-REST-1',
      '天数与标准',
      `省内 ≤${rules.rest.maxDaysInProvince} 天，省外 ≤${rules.rest.maxDaysOutside} 天，≤${yn(rules.rest.maxFenPerPersonPerDay)}/人/天${rules.rest.insuranceRequired ? '，须投保' : ''}`,
      CITATIONS['CHK-REST-1'],
    );
  const s = rules.settings;
  push('支付与审批', 'CHK-CASH-1', '现金结算起点', yn(s.cashThresholdFen), CITATIONS['CHK-CASH-1']);
  push('支付与审批', 'CHK-APP-1', '重大支出集体研究标准', s.majorExpenseThresholdFen === null ? '未设定（由单位确定）' : yn(s.majorExpenseThresholdFen), CITATIONS['CHK-APP-1']);
  push('支付与审批', 'CHK-BUD-1', '无预算或超预算', s.budgetEnforcement === 'block' ? '禁止' : '提示', CITATIONS['CHK-BUD-1']);
  push('会员资格', 'CHK-MEM-1', '退休会员节日、生日福利', s.retireeWelfare === 'block' ? '禁止' : '提示', CITATIONS['CHK-MEM-1']);
  for (const k of RULE_SEVERITY_KEYS) {
    const rule = SEVERITY_RULE[k];
    const cite = rule === 'CHK-FEST-2' || rule === 'CHK-CAP-1' ? presetCitation(rules, '严重程度') : CITATIONS[rule];
    push('严重程度', rule, RULE_SEVERITY_LABELS[k], s.severity[k] === 'block' ? '禁止（不可说明理由通过）' : '提示（主席说明理由后可通过）', cite);
  }
  return rows;
}

function view(db: SyncDb, presetId: string, version: number, today: string): RuleVersionView {
  const summary = summaries(db, presetId, today).find((s) => s.version === version);
  const v = allPresetVersions(db).find((x) => x.id === presetId && x.version === version);
  if (!summary || !v) throw new CoreError('NOT_FOUND', `支出标准预设 ${presetId} 没有第 ${version} 版。`, { field: 'version' });
  const rules = buildRuleSet(v);
  return { ...summary, rules: ruleRows(rules), editable: editableOf(rules) };
}

const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

export const listRuleVersions: Handler<'spending.rules.list'> = (ctx, input) => {
  const active = presetIdOf(ctx.db);
  return { activePresetId: active, versions: summaries(ctx.db, input.presetId ?? active, todayOf(ctx.now)) };
};

export const getRuleVersion: Handler<'spending.rules.get'> = (ctx, input) => view(ctx.db, input.presetId, input.version, todayOf(ctx.now));

/** The new version: a copy of `base` with the edited figures (nothing of `base` is modified). */
export function deriveVersion(base: PresetVersion, rules: EditableRules, version: number, effectiveFrom: string, reason: string): PresetVersion {
  const built = buildRuleSet(base);
  const next = JSON.parse(JSON.stringify(base)) as PresetVersion;
  next.version = version;
  next.effectiveFrom = effectiveFrom;
  next.note = reason;
  // The findings cite the revision (its reason names the document) and the shipped text it revises.
  const shipped = PRESET_VERSIONS.find((p) => p.id === base.id)?.source ?? base.source;
  next.source = {
    document: `${reason}（据${shipped.document}${shipped.docNumber ?? ''}修订）`,
    docNumber: null,
    asOf: effectiveFrom,
    reliability: shipped.reliability,
  };
  const caps: FestivalCap[] = built.festival.caps.filter((c) => c.scope !== 'per_member_per_year');
  if (rules.festivalCapFen !== null) caps.unshift({ scope: 'per_member_per_year', capFen: rules.festivalCapFen });
  next.festival = { ...(next.festival ?? {}), caps };
  const benefits: NonNullable<PresetVersion['benefits']> = { ...(next.benefits ?? {}) };
  for (const k of RULE_BENEFIT_KEYS) {
    const b: BenefitRule = { ...(built.benefits[k] ?? {}) };
    const e = rules.benefits[k];
    delete b.perOccasionFen;
    delete b.withSurgeryFen;
    delete b.perYearFen;
    if (e.perOccasionFen !== null) b.perOccasionFen = e.perOccasionFen;
    if (e.withSurgeryFen !== null) b.withSurgeryFen = e.withSurgeryFen;
    if (e.perYearFen !== null) b.perYearFen = e.perYearFen;
    if (Object.keys(b).length > 0) benefits[k] = b;
  }
  next.benefits = benefits;
  next.prizes = { ...(next.prizes ?? {}), maxWinnerShare: { ...rules.prizeShare } };
  const outing = { ...(next.outing ?? {}) };
  delete outing.mealCapFenPerPersonPerDay;
  if (rules.outingMealCapFen !== null) outing.mealCapFenPerPersonPerDay = rules.outingMealCapFen;
  next.outing = outing;
  next.settings = {
    ...(next.settings ?? {}),
    cashThresholdFen: rules.cashThresholdFen,
    majorExpenseThresholdFen: rules.majorExpenseThresholdFen,
    severity: { ...(next.settings?.severity ?? {}), ...rules.severity },
  };
  return next;
}

/** "节日慰问每人每年上限：1,300.00 元 → 1,500.00 元" for each changed figure. */
export function describeChanges(a: EditableRules, b: EditableRules): string[] {
  const out: string[] = [];
  const cmp = (label: string, x: string, y: string) => {
    if (x !== y) out.push(`${label}：${x} → ${y}`);
  };
  cmp('节日慰问每人每年上限', yn(a.festivalCapFen), yn(b.festivalCapFen));
  for (const k of RULE_BENEFIT_KEYS) {
    const l = RULE_BENEFIT_LABELS[k];
    cmp(`${l}每次标准`, yn(a.benefits[k].perOccasionFen), yn(b.benefits[k].perOccasionFen));
    cmp(`${l}手术标准`, yn(a.benefits[k].withSurgeryFen), yn(b.benefits[k].withSurgeryFen));
    cmp(`${l}每年上限`, yn(a.benefits[k].perYearFen), yn(b.benefits[k].perYearFen));
  }
  cmp('获奖比例上限', `${a.prizeShare.num}/${a.prizeShare.den}`, `${b.prizeShare.num}/${b.prizeShare.den}`);
  cmp('春秋游餐费每人每天', yn(a.outingMealCapFen), yn(b.outingMealCapFen));
  cmp('现金结算起点', yn(a.cashThresholdFen), yn(b.cashThresholdFen));
  cmp('重大支出集体研究标准', a.majorExpenseThresholdFen === null ? '未设定' : yn(a.majorExpenseThresholdFen), b.majorExpenseThresholdFen === null ? '未设定' : yn(b.majorExpenseThresholdFen));
  const sev = (s: 'block' | 'warn') => (s === 'block' ? '禁止' : '提示');
  for (const k of RULE_SEVERITY_KEYS) cmp(RULE_SEVERITY_LABELS[k], sev(a.severity[k]), sev(b.severity[k]));
  return out;
}

export const createRuleVersion: Handler<'spending.rules.createVersion'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const mine = allPresetVersions(db).filter((v) => v.id === input.presetId);
  if (mine.length === 0) throw new CoreError('NOT_FOUND', `未知的支出标准预设：${input.presetId}`, { field: 'presetId' });
  const base = mine.find((v) => v.version === input.basedOn);
  if (!base) throw new CoreError('NOT_FOUND', `支出标准预设 ${input.presetId} 没有第 ${input.basedOn} 版。`, { field: 'basedOn' });
  const latest = [...mine].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : b.version - a.version))[0]!;
  if (input.effectiveFrom < latest.effectiveFrom) {
    throw new CoreError(
      'VALIDATION',
      `施行日期 ${input.effectiveFrom} 早于现行最新版本 v${latest.version} 的施行日期 ${latest.effectiveFrom}：新版本只能自该日起或之后施行，旧版本不改动。`,
      { field: 'effectiveFrom' },
    );
  }
  const before = editableOf(buildRuleSet(base));
  const changes = describeChanges(before, input.rules);
  if (changes.length === 0) throw new CoreError('VALIDATION', `与 v${base.version} 相比没有任何改动，无需新建版本。`, { field: 'rules' });
  const version = Math.max(...mine.map((v) => v.version)) + 1;
  const next = deriveVersion(base, input.rules, version, input.effectiveFrom, input.reason);
  const stored: StoredVersion = {
    preset: next,
    basedOn: base.version,
    reason: input.reason,
    createdBy: me.id,
    createdByName: me.displayName,
    createdAt: ctx.now.toISOString(),
  };
  const list = [...storedVersions(db), stored];
  db.sqlite
    .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at')
    .run(RULE_VERSIONS_KEY, JSON.stringify({ versions: list }), ctx.now.toISOString());
  ctx.audit({
    operation: 'spending.rules.createVersion',
    entity: 'spending_rule_version',
    entityId: `${input.presetId}/v${version}`,
    before: { ruleSetVersion: `${base.id}/v${base.version}`, rules: before },
    after: { ruleSetVersion: `${next.id}/v${version}`, effectiveFrom: input.effectiveFrom, reason: input.reason, changes, preset: next },
  });
  return view(db, input.presetId, version, todayOf(ctx.now));
};


