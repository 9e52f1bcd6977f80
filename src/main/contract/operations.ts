// THE contract between the renderer (or any host) and the core.
// Every operation is declared here once: its input schema, its result type, and who may call it.
// The core's dispatcher validates inputs against these schemas and checks `access` on every call;
// the renderer only ever sees the types. No other names cross the boundary.
import { z } from 'zod';
import { ROLES, AUDIT_READERS, type Role } from './roles';
import { PRESET_IDS, type PresetOption } from './presets';
import { op, type OperationSpec, type FileResult } from './op';
import { booksOperations } from './books';
import { ledgerOperations } from './ledger';
import { closingOperations } from './closing';
import { entriesOperations } from './entries';
import { exportOperations } from './export';
import { reportsOperations } from './reports';
import { duesOperations } from './dues';
import { membersOperations } from './members';
import { budgetOperations } from './budget';
import { spendingOperations } from './spending';
import { distributionsOperations } from './distributions';
import { reviewReportOperations } from './review-report';
import { disclosureOperations } from './disclosure';
import { reviewOperations } from './review';
import { systemOperations } from './system';
import { rulePresetOperations } from './rule-presets';

export type { Access, OperationSpec, Finding, FileResult } from './op';

// ---------- shared field schemas (Chinese messages name the field) ----------

const username = z
  .string({ error: '请输入用户名' })
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, '用户名只能包含字母、数字、汉字、下划线、点和短横线')
  .describe('用户名');
const displayName = z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(40, '姓名最多 40 个字符').describe('姓名');
const password = z
  .string({ error: '请输入密码' })
  .min(8, '密码至少 8 位')
  .max(128, '密码最多 128 位')
  .describe('密码');
const roles = z
  .array(z.enum(ROLES, { error: '未知的角色' }), { error: '请选择角色' })
  .min(1, '至少选择一个角色')
  .describe('角色');
const userId = z.number({ error: '缺少用户编号' }).int().positive().describe('用户编号');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const unionProfileInput = z.object({
  name: z.string({ error: '请输入工会名称' }).trim().min(2, '工会名称至少 2 个字').max(100, '工会名称最多 100 个字').describe('工会名称'),
  // 统一社会信用代码 is optional; its check digit is verified in the core (GB 32100-2015).
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）')
    .nullable()
    .optional()
    .or(z.literal('').transform(() => null))
    .describe('统一社会信用代码'),
  provincePreset: z.enum(PRESET_IDS, { error: '请选择支出标准预设' }).describe('支出标准预设'),
});

export const settingsSchema = z.object({
  sessionIdleMinutes: z.number().int().min(5, '会话超时至少 5 分钟').max(24 * 60, '会话超时最多 1440 分钟').describe('会话空闲超时（分钟）'),
  lockoutThreshold: z.number().int().min(3, '锁定阈值至少 3 次').max(20, '锁定阈值最多 20 次').describe('连续登录失败锁定次数'),
  lockoutMinutes: z.number().int().min(1, '锁定时长至少 1 分钟').max(24 * 60, '锁定时长最多 1440 分钟').describe('锁定时长（分钟）'),
  /** CHK-SOD-3 (◐ review-and-disclosure.md §2): 经审委员 may not also hold money or be chair. Default on. */
  reviewerExclusion: z.boolean().describe('经审委员任职回避'),
  /** CHK-SOD-1 (spending-rules.md §7): the preparer reviews their own voucher. Warn by default; a one-person office runs on logged warnings. */
  preparerReviewsOwn: z.enum(['warn', 'block']).describe('制单人审核本人凭证'),
  /**
   * `levy.retained_pct` (dues.md §7 ◐): the share of the 2 % levy the union keeps (402); the rest is
   * payable upward (211). Set by the provincial union; 60 % is the usual split, no national share was found.
   */
  levyRetainedPct: z
    .number({ error: '拨缴经费留成比例应为数字' })
    .min(0, '拨缴经费留成比例不能小于 0%')
    .max(100, '拨缴经费留成比例不能大于 100%')
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, '拨缴经费留成比例最多两位小数')
    .describe('拨缴经费本级留成比例（%），通常为 60%（◐ 由省级工会规定，dues.md §7）'),
  /** 财会〔2021〕7号 第三十二条: general equipment is a fixed asset from 1000 元 (in 分). */
  generalEquipmentFen: z.number({ error: '一般设备起点应为整数（分）' }).int('一般设备起点应为以“分”为单位的整数').min(0, '一般设备起点不能为负').describe('一般设备固定资产起点（分），默认 1000 元（财会〔2021〕7号 第三十二条）'),
  /** 财会〔2021〕7号 第三十二条: special equipment is a fixed asset from 1500 元 (in 分). */
  specialEquipmentFen: z.number({ error: '专用设备起点应为整数（分）' }).int('专用设备起点应为以“分”为单位的整数').min(0, '专用设备起点不能为负').describe('专用设备固定资产起点（分），默认 1500 元（财会〔2021〕7号 第三十二条）'),
});
export type Settings = z.infer<typeof settingsSchema>;

const auditFilter = z.object({
  userId: userId.optional(),
  from: isoDate.optional().describe('开始日期'),
  to: isoDate.optional().describe('结束日期'),
  entity: z.string().max(40).optional().describe('对象'),
  operation: z.string().max(60).optional().describe('操作'),
});

// ---------- result types ----------

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
}
export interface SessionInfo {
  user: SessionUser;
  expiresAt: string;
}
export interface UnionProfile {
  name: string;
  uscc: string | null;
  level: string;
  provincePreset: string;
  firstFiscalYear: number;
  createdAt: string;
  updatedAt: string;
}
export interface SetupStatus {
  initialized: boolean;
  unionName: string | null;
  presets: readonly PresetOption[];
}
export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  locked: boolean;
  lockedUntil: string | null;
  failedAttempts: number;
  createdAt: string;
}
export interface AuditRecord {
  seq: number;
  at: string;
  userId: number | null;
  username: string | null;
  host: string;
  operation: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}
export interface AuditPage {
  rows: AuditRecord[];
  total: number;
  page: number;
  pageSize: number;
}
export interface VerifyProblem {
  seq: number;
  kind: 'altered' | 'deleted' | 'reordered' | 'truncated' | 'unprotected';
  message: string;
}
export interface VerifyReport {
  ok: boolean;
  records: number;
  headHash: string | null;
  firstProblem: VerifyProblem | null;
  integrity: string[];
  checkedAt: string;
}

// ---------- the operations ----------

const empty = z.object({}).strict();

export const operations = {
  'setup.status': op<SetupStatus>()({ title: '查询账簿状态', effect: 'read', access: 'public', input: empty }),
  'setup.createLedger': op<SessionInfo>()({
    title: '建立账簿', effect: 'write',
    access: 'public',
    input: z.object({
      union: unionProfileInput.extend({
        firstFiscalYear: z
          .number({ error: '请输入首个会计年度' })
          .int('会计年度应为整数')
          .min(2000, '会计年度不早于 2000 年')
          .max(2100, '会计年度不晚于 2100 年')
          .describe('首个会计年度'),
      }),
      admin: z.object({ username, displayName, password }),
    }),
  }),

  'session.login': op<SessionInfo>()({
    title: '登录', effect: 'write',
    access: 'public',
    input: z.object({ username: z.string({ error: '请输入用户名' }).trim().min(1, '请输入用户名').describe('用户名'), password: z.string({ error: '请输入密码' }).min(1, '请输入密码').describe('密码') }),
  }),
  'session.current': op<SessionInfo | null>()({ title: '当前会话', effect: 'read', access: 'public', input: empty }),
  'session.logout': op<null>()({ title: '退出登录', effect: 'write', access: 'user', input: empty }),
  'session.changePassword': op<null>()({
    title: '修改密码', effect: 'write',
    access: 'user',
    input: z.object({ oldPassword: z.string().min(1, '请输入原密码').describe('原密码'), newPassword: password.describe('新密码') }),
  }),

  'union.get': op<UnionProfile>()({ title: '查看工会信息', effect: 'read', access: 'user', input: empty }),
  'union.update': op<UnionProfile>()({ title: '修改工会信息', effect: 'write', access: ['admin'], input: unionProfileInput }),

  'settings.get': op<Settings>()({ title: '查看系统设置', effect: 'read', access: ['admin'], input: empty }),
  'settings.update': op<Settings>()({ title: '修改系统设置', effect: 'write', access: ['admin'], input: settingsSchema }),

  'users.list': op<UserSummary[]>()({ title: '用户列表', effect: 'read', access: ['admin'], input: empty }),
  'users.create': op<UserSummary>()({
    title: '新建用户', effect: 'write',
    access: ['admin'],
    input: z.object({ username, displayName, roles, password }),
  }),
  'users.update': op<UserSummary>()({
    title: '修改用户', effect: 'write',
    access: ['admin'],
    input: z.object({ id: userId, displayName, roles, active: z.boolean().describe('启用') }),
  }),
  'users.resetPassword': op<null>()({
    title: '重置密码', effect: 'write',
    access: ['admin'],
    input: z.object({ id: userId, newPassword: password.describe('新密码') }),
  }),
  'users.unlock': op<UserSummary>()({ title: '解除锁定', effect: 'write', access: ['admin'], input: z.object({ id: userId }) }),

  'audit.list': op<AuditPage>()({
    title: '查询审计日志', effect: 'read',
    access: AUDIT_READERS,
    input: auditFilter.extend({
      page: z.number().int().min(1).default(1).describe('页码'),
      pageSize: z.number().int().min(1).max(200, '每页最多 200 条').default(50).describe('每页条数'),
    }),
  }),
  'audit.facets': op<{ users: { id: number; username: string }[]; entities: string[]; operations: string[] }>()({
    title: '审计日志筛选项', effect: 'read',
    access: AUDIT_READERS,
    input: empty,
  }),
  'audit.verify': op<VerifyReport>()({ title: '校验审计链', effect: 'read', access: AUDIT_READERS, input: empty }),
  'audit.exportExcel': op<FileResult>()({ title: '导出审计日志', effect: 'read', access: AUDIT_READERS, input: auditFilter }),
  ...booksOperations,
  ...ledgerOperations,
  ...closingOperations,
  ...entriesOperations,
  ...exportOperations,
  ...reportsOperations,
  ...duesOperations,
  ...membersOperations,
  ...budgetOperations,
  ...spendingOperations,
  ...distributionsOperations,
  ...reviewReportOperations,
  ...disclosureOperations,
  ...reviewOperations,
  ...rulePresetOperations,
  ...systemOperations,
} as const;

export type Operations = typeof operations;
export type OpName = keyof Operations;
/** What a caller sends (before defaults are applied). */
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
/** What a handler receives (after parsing). */
export type OpParsed<N extends OpName> = z.output<Operations[N]['input']>;
export type OpResult<N extends OpName> = Operations[N] extends OperationSpec<z.ZodType, infer R> ? R : never;

export function isOpName(name: unknown): name is OpName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}
