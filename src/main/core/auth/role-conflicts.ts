// Which roles one person may not hold together, with the rule each conflict comes from.
import { ROLE_LABELS, type Role } from '../../contract/roles';

export interface RoleConflict {
  a: Role;
  b: Role;
  rule: string;
  reason: string;
  /** Conflicts from a ◐ source are a setting (domain README: secondary rules are configurable). */
  setting?: 'reviewerExclusion';
}

export const ROLE_CONFLICTS: readonly RoleConflict[] = [
  // ✅ 会计法 第三十五条; CHK-SOD-2 (spending-rules.md §7), block.
  {
    a: 'cashier',
    b: 'supervisor',
    rule: '会计法 第三十五条（CHK-SOD-2）',
    reason: '出纳人员不得兼任稽核工作',
  },
  {
    a: 'cashier',
    b: 'accountant',
    rule: '会计法 第三十五条（CHK-SOD-2）',
    reason: '出纳人员不得兼任收入、支出、费用、债权债务账目的登记工作',
  },
  // ◐ review-and-disclosure.md §2; CHK-SOD-3: setting, default on.
  ...(['chair', 'accountant', 'supervisor', 'cashier'] as const).map(
    (b): RoleConflict => ({
      a: 'reviewer',
      b,
      rule: '经审会组成规定（CHK-SOD-3，可在设置中关闭）',
      reason: '工会主席、财务部门负责人及管钱、管物的人员不得担任同级工会经费审查委员会委员',
      setting: 'reviewerExclusion',
    }),
  ),
];

/** The first conflict among the given roles, or null. */
export function findRoleConflict(roles: readonly Role[], settings: { reviewerExclusion: boolean }): RoleConflict | null {
  for (const c of ROLE_CONFLICTS) {
    if (c.setting === 'reviewerExclusion' && !settings.reviewerExclusion) continue;
    if (roles.includes(c.a) && roles.includes(c.b)) return c;
  }
  return null;
}

export function describeConflict(c: RoleConflict): string {
  return `“${ROLE_LABELS[c.a]}”与“${ROLE_LABELS[c.b]}”不能由同一人兼任：${c.reason}（${c.rule}）。`;
}
