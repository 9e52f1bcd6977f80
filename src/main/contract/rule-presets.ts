// Contract: the administrator's editing of the versioned, dated spending-rule presets (issue 5
// "Rules are data, loaded from versioned, dated presets … editable by the administrator with the
// change audited"; spending-rules.md §6 "Presets are editable, versioned and dated. Each checked line
// stores the preset version it was checked against").
//
// A shipped version is never edited in place: the administrator saves a NEW version of a preset,
// effective from a date, with changed caps, thresholds or severities and a written reason. The engine
// then uses, for each request, the version in force on the request's date ("FJ-2018/v2").
// Amounts are integer 分.
import { z } from 'zod';
import { op } from './op';
import { SPENDING_READERS } from './spending';

export const RULE_BENEFIT_KEYS = [
  'birthday', 'marriage', 'birth', 'hospital', 'death_member', 'death_relative', 'retirement', 'hardship', 'warmth', 'schooling', 'film', 'uniform',
] as const;
export type RuleBenefitKey = (typeof RULE_BENEFIT_KEYS)[number];
export const RULE_BENEFIT_LABELS: Record<RuleBenefitKey, string> = {
  birthday: '生日慰问',
  marriage: '结婚慰问',
  birth: '生育慰问',
  hospital: '住院慰问',
  death_member: '会员去世慰问',
  death_relative: '直系亲属去世慰问',
  retirement: '退休纪念品',
  hardship: '困难帮扶',
  warmth: '送温暖',
  schooling: '金秋助学',
  film: '观影',
  uniform: '文体服装',
};

/** The "(s)" severities of spending-rules.md §7 a version may set. */
export const RULE_SEVERITY_KEYS = ['attachments', 'festivalCap', 'cap', 'bonus', 'outing', 'cash'] as const;
export type RuleSeverityKey = (typeof RULE_SEVERITY_KEYS)[number];
export const RULE_SEVERITY_LABELS: Record<RuleSeverityKey, string> = {
  attachments: 'CHK-ATT-2 附件不全',
  festivalCap: 'CHK-FEST-2 节日慰问超上限',
  cap: 'CHK-CAP-1 单次慰问超标准',
  bonus: 'CHK-BBZ-2 滥发奖金津贴补贴',
  outing: 'CHK-OUT-2 非当日往返或超范围',
  cash: 'CHK-CASH-1 超结算起点的现金支付',
};

export interface BenefitCaps {
  perOccasionFen: number | null;
  withSurgeryFen: number | null;
  perYearFen: number | null;
}

/** What the administrator may change in a new version (everything else is carried over from the base version). */
export interface EditableRules {
  /** 节日慰问 per member per year; null: no such cap (other cap shapes of the preset are kept). */
  festivalCapFen: number | null;
  benefits: Record<RuleBenefitKey, BenefitCaps>;
  /** Prizes: winners ≤ ⌊participants × num / den⌋ (national 2/3). */
  prizeShare: { num: number; den: number };
  outingMealCapFen: number | null;
  cashThresholdFen: number;
  majorExpenseThresholdFen: number | null;
  severity: Record<RuleSeverityKey, 'block' | 'warn'>;
}

export interface RuleRow {
  group: string;
  /** The §7 check that reads it, e.g. "CHK-FEST-2". */
  rule: string;
  label: string;
  value: string;
  citation: string;
}

export interface RuleVersionSummary {
  presetId: string;
  presetLabel: string;
  version: number;
  /** "FJ-2018/v2": what each checked request stores. */
  ruleSetVersion: string;
  effectiveFrom: string;
  origin: 'shipped' | 'admin';
  source: { document: string; docNumber: string | null; asOf: string | null; reliability: 'confirmed' | 'secondary' | 'unconfirmed' };
  basedOn: number | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string | null;
  /** In force on the ledger's current date. */
  inForce: boolean;
}

export interface RuleVersionView extends RuleVersionSummary {
  rules: RuleRow[];
  editable: EditableRules;
}

export interface RuleVersionList {
  activePresetId: string;
  versions: RuleVersionSummary[];
}

const fen = (label: string) =>
  z
    .number({ error: `${label}必须是数字（单位：分）` })
    .int(`${label}必须是以“分”为单位的整数`)
    .min(0, `${label}不能为负`)
    .max(1_000_000_000_00, `${label}过大`)
    .describe(label);
const severity = z.enum(['block', 'warn'], { error: '严重程度应为“禁止”或“提示”' });
const benefitCaps = z.object({
  perOccasionFen: fen('每次标准').nullable(),
  withSurgeryFen: fen('手术标准').nullable(),
  perYearFen: fen('每年上限').nullable(),
});
const presetId = z.string({ error: '请选择支出标准预设' }).trim().min(1, '请选择支出标准预设').max(30).describe('支出标准预设');

export const editableRulesInput = z.object({
  festivalCapFen: fen('节日慰问每人每年上限').nullable(),
  benefits: z.object(Object.fromEntries(RULE_BENEFIT_KEYS.map((k) => [k, benefitCaps])) as Record<RuleBenefitKey, typeof benefitCaps>),
  prizeShare: z
    .object({ num: z.number().int().min(1, '获奖比例分子至少为 1'), den: z.number().int().min(1, '获奖比例分母至少为 1') })
    .refine((s) => s.num <= s.den, '获奖比例不能超过 100%')
    .describe('获奖比例'),
  outingMealCapFen: fen('春秋游餐费标准').nullable(),
  cashThresholdFen: fen('现金结算起点'),
  majorExpenseThresholdFen: fen('重大支出集体研究标准').nullable(),
  severity: z.object(Object.fromEntries(RULE_SEVERITY_KEYS.map((k) => [k, severity])) as Record<RuleSeverityKey, typeof severity>),
});

export const rulePresetOperations = {
  'spending.rules.list': op<RuleVersionList>()({
    title: '支出标准预设版本', effect: 'read',
    access: ['admin', ...SPENDING_READERS],
    input: z.object({ presetId: presetId.optional() }),
  }),
  'spending.rules.get': op<RuleVersionView>()({
    title: '查看支出标准版本', effect: 'read',
    access: ['admin', ...SPENDING_READERS],
    input: z.object({ presetId, version: z.number({ error: '缺少版本号' }).int().min(1).describe('版本号') }),
  }),
  'spending.rules.createVersion': op<RuleVersionView>()({
    title: '新建支出标准版本', effect: 'write',
    access: ['admin'],
    input: z.object({
      presetId,
      /** The version the changes start from (its rules are copied, never modified). */
      basedOn: z.number({ error: '缺少所依据的版本' }).int().min(1).describe('依据版本'),
      effectiveFrom: z.string({ error: '请输入施行日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '施行日期格式应为 YYYY-MM-DD').describe('施行日期'),
      reason: z.string({ error: '请填写修订理由' }).trim().min(5, '修订理由至少 5 个字（如文件名称和文号）').max(500, '修订理由最多 500 个字').describe('修订理由'),
      rules: editableRulesInput,
    }),
  }),
} as const;
