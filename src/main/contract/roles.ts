// Roles of a grassroots union office. Labels are what the user sees.
// Pure module: shared by the core (enforcement) and the renderer (navigation).

export const ROLES = ['admin', 'accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  accountant: '会计',
  supervisor: '会计主管/审核',
  cashier: '出纳',
  chair: '工会主席',
  reviewer: '经审委员',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: '维护工会信息、用户与系统设置',
  accountant: '填制凭证、结账、编制报表',
  supervisor: '审核凭证、记账，唯一可反结账的角色',
  cashier: '现金与银行收付，确认收付款凭证',
  chair: '审批支出，签署报表',
  reviewer: '只读查阅全部账务，仅可登记审查意见',
};

/** The modules of the left navigation, and which roles see each one. */
export const MODULES = [
  { key: 'vouchers', label: '凭证', roles: ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] },
  { key: 'books', label: '账簿', roles: ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] },
  { key: 'reports', label: '报表', roles: ['accountant', 'supervisor', 'chair', 'reviewer'] },
  { key: 'members', label: '会员与会费', roles: ['accountant', 'supervisor', 'cashier', 'chair'] },
  { key: 'spending', label: '支出审批', roles: ['accountant', 'supervisor', 'cashier', 'chair', 'reviewer'] },
  { key: 'budget', label: '预算', roles: ['accountant', 'supervisor', 'chair', 'reviewer'] },
  { key: 'review', label: '经审', roles: ['reviewer', 'chair'] },
  { key: 'disclosure', label: '公示', roles: ['accountant', 'supervisor', 'chair', 'reviewer'] },
  { key: 'audit', label: '审计日志', roles: ['admin', 'supervisor', 'chair', 'reviewer'] },
  { key: 'settings', label: '设置', roles: ['admin'] },
] as const satisfies readonly { key: string; label: string; roles: readonly Role[] }[];

export type ModuleKey = (typeof MODULES)[number]['key'];

export function modulesFor(roles: readonly Role[]): ModuleKey[] {
  return MODULES.filter((m) => m.roles.some((r) => (roles as readonly string[]).includes(r))).map((m) => m.key);
}

/** Roles that may read the audit trail (审计日志). */
export const AUDIT_READERS = ['admin', 'supervisor', 'chair', 'reviewer'] as const satisfies readonly Role[];
