// Contract: the member roster (会员名册) and union groups (工会小组) — issue "Members and the dues
// ledger". Rules: ../shared/domain/dues.md §1 (D6 retained membership, D8 never removed
// automatically, D12 agency workers). 身份证号 and bank account numbers never leave the core in full
// unless the caller asks (`reveal`), and every such ask is written to the audit trail.
import { z } from 'zod';
import { op, type FileResult } from './op';
import type { Role } from './roles';

/** Who sees the roster (roles.ts MODULES 'members'). */
export const MEMBER_READERS = ['accountant', 'supervisor', 'cashier', 'chair'] as const satisfies readonly Role[];
/** Who maintains it. */
export const MEMBER_WRITERS = ['accountant', 'supervisor'] as const satisfies readonly Role[];

export const MEMBER_STATUSES = ['active', 'retired', 'unemployed', 'transferred', 'withdrawn'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];
/** What the user sees and types (章程 第八条: 退休、失业 keep their membership and owe no dues, D6). */
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  active: '在职',
  retired: '退休·保留会籍',
  unemployed: '失业·保留会籍',
  transferred: '调出',
  withdrawn: '退会',
};
export const GENDERS = ['男', '女'] as const;
export type Gender = (typeof GENDERS)[number];
/** D12: 劳务派遣 is flagged; which union holds the membership is recorded by the user. */
export const EMPLOYMENT_TYPES = ['正式', '劳务派遣', '临时', '签约', '学徒', '其他'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const MODEL_WORKER_LEVELS = ['全国', '省部级', '州级', '市级', '县级'] as const;
export type ModelWorkerLevel = (typeof MODEL_WORKER_LEVELS)[number];

/** The columns of the import template and of the roster export, in order (the export re-imports). */
export const MEMBER_COLUMNS = [
  '工号',
  '姓名',
  '性别',
  '出生日期',
  '工会小组',
  '入会日期',
  '会员状态',
  '状态日期',
  '用工类型',
  '劳模级别',
  '联系电话',
  '身份证号',
  '银行账号',
] as const;
export type MemberColumn = (typeof MEMBER_COLUMNS)[number];

// ---------- results ----------

export interface UnionGroup {
  id: number;
  name: string;
  leader: string | null;
  /** Members in the group, any status. */
  members: number;
  /** Of which 在职. */
  active: number;
}

export interface MemberSummary {
  id: number;
  employeeNo: string;
  name: string;
  /** Pinyin initials of the name, e.g. "zs" for 张三 (the search matches on them). */
  initials: string;
  gender: Gender | null;
  birthDate: string | null;
  groupId: number | null;
  groupName: string | null;
  joinedOn: string | null;
  status: MemberStatus;
  statusLabel: string;
  statusSince: string;
  employmentType: EmploymentType;
  modelWorker: ModelWorkerLevel | null;
  phone: string | null;
  /** e.g. 110101********1234; null when none is stored. */
  idNumberMasked: string | null;
  /** e.g. ****5678; null when none is stored. */
  bankAccountMasked: string | null;
}

export interface MemberDetail extends MemberSummary {
  noFixedIncome: boolean;
  createdAt: string;
  updatedAt: string;
  /** The full numbers: only when asked for with `reveal` (the ask is in the audit trail). */
  revealed: { idNumber: string | null; bankAccount: string | null } | null;
}

export interface MemberPage {
  rows: MemberSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** One line of a member's history. Status changes today; dues and benefits will add their kinds. */
export interface MemberHistoryEntry {
  /** status: a change of 会员状态; dues: a dues payment on a posted voucher (or its reversal). */
  kind: 'status' | 'dues';
  date: string;
  title: string;
  detail: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

export type ImportAction = '新增' | '更新' | '不变';

export interface ImportProblem {
  /** The row as Excel shows it (the header is row 1); null for a problem of the whole file. */
  row: number | null;
  /** The template column, when the problem is in one cell. */
  column: string | null;
  message: string;
}

export interface ImportRowPreview {
  row: number;
  employeeNo: string;
  name: string;
  /** null when the row has problems. */
  action: ImportAction | null;
  /** For 更新: the columns that change. */
  changed: string[];
}

export interface ImportPreview {
  filename: string;
  /** Of the file's bytes: importCommit must be sent the same file. */
  sha256: string;
  format: 'xlsx' | 'csv';
  /** CSV only: UTF-8, UTF-8（带 BOM）, GB18030, UTF-16. */
  encoding: string | null;
  sheetName: string | null;
  /** True when the whole file can be imported. */
  ok: boolean;
  rows: ImportRowPreview[];
  problems: ImportProblem[];
  counts: { rows: number; added: number; updated: number; unchanged: number; invalidRows: number };
  /** 工会小组 named in the file that do not exist yet; importing creates them. */
  newGroups: string[];
}

export interface ImportSummary {
  filename: string;
  sha256: string;
  added: number;
  updated: number;
  unchanged: number;
  /** Rows whose 会员状态 changed (each is a new line in the member's history). */
  statusChanges: number;
  newGroups: string[];
}

// ---------- inputs ----------

const isoDate = z.string({ error: '请输入日期' }).regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const optText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null))
    .describe(label);
const memberId = z.number({ error: '缺少会员编号' }).int().positive().describe('会员');
const groupId = z.number({ error: '缺少工会小组' }).int().positive().describe('工会小组');
const status = z.enum(MEMBER_STATUSES, { error: `会员状态只能是：${Object.values(MEMBER_STATUS_LABELS).join('、')}` }).describe('会员状态');
/** An uploaded file: name (for the format and messages) and bytes in base64 (≤ 30 MB). */
const upload = {
  filename: z.string({ error: '缺少文件名' }).trim().min(1, '缺少文件名').max(255, '文件名过长').describe('文件名'),
  base64: z.string({ error: '缺少文件内容' }).min(1, '文件为空').max(40_000_000, '文件过大（最大 30 MB）').describe('文件内容'),
};

export const memberSaveInput = z.object({
  /** Absent: a new member. */
  id: memberId.optional(),
  employeeNo: z.string({ error: '请输入工号' }).trim().min(1, '请输入工号').max(32, '工号最多 32 个字符').describe('工号'),
  name: z.string({ error: '请输入姓名' }).trim().min(1, '请输入姓名').max(40, '姓名最多 40 个字').describe('姓名'),
  gender: z.enum(GENDERS, { error: '性别只能是：男、女' }).nullable().optional().describe('性别'),
  birthDate: isoDate.nullable().optional().describe('出生日期'),
  groupId: groupId.nullable().optional(),
  joinedOn: isoDate.nullable().optional().describe('入会日期'),
  /** For a new member; on an existing one a different status is recorded in its history like changeStatus. */
  status: status.default('active'),
  statusSince: isoDate.nullable().optional().describe('状态日期'),
  employmentType: z.enum(EMPLOYMENT_TYPES, { error: `用工类型只能是：${EMPLOYMENT_TYPES.join('、')}` }).default('正式').describe('用工类型'),
  modelWorker: z.enum(MODEL_WORKER_LEVELS, { error: `劳模级别只能是：${MODEL_WORKER_LEVELS.join('、')}` }).nullable().optional().describe('劳模级别'),
  phone: optText(20, '联系电话'),
  /** undefined: keep what is stored; null or '': remove it; otherwise the new number. */
  idNumber: z.string().trim().max(18, '身份证号应为 18 位').nullable().optional().describe('身份证号'),
  bankAccount: z.string().trim().max(34, '银行账号最多 34 位').nullable().optional().describe('银行账号'),
  noFixedIncome: z.boolean().optional().describe('无固定收入'),
});

export const membersOperations = {
  'members.list': op<MemberPage>()({
    title: '会员名册',
    effect: 'read',
    access: MEMBER_READERS,
    input: z.object({
      group: groupId.optional(),
      status: status.optional(),
      /** 姓名, 工号 or pinyin initials ("zs" finds 张三). */
      q: z.string().trim().max(40, '搜索内容最多 40 个字').optional().describe('搜索'),
      page: z.number().int().min(1).default(1).describe('页码'),
      pageSize: z.number().int().min(1).max(500, '每页最多 500 条').default(50).describe('每页条数'),
    }),
  }),
  /** A write because `reveal` records "查看敏感信息" in the audit trail; without it nothing is written. */
  'members.get': op<MemberDetail>()({
    title: '查看会员',
    effect: 'write',
    access: MEMBER_READERS,
    input: z.object({ id: memberId, reveal: z.boolean().optional().describe('显示完整证件号与账号') }),
  }),
  'members.save': op<MemberDetail>()({ title: '保存会员', effect: 'write', access: MEMBER_WRITERS, input: memberSaveInput }),
  /** Appends to the history; a member is never deleted (D8: not even after six unpaid months). */
  'members.changeStatus': op<MemberDetail>()({
    title: '变更会员状态',
    effect: 'write',
    access: MEMBER_WRITERS,
    input: z.object({
      id: memberId,
      status,
      effectiveDate: isoDate.describe('生效日期'),
      reason: z.string({ error: '请填写变更原因' }).trim().min(1, '请填写变更原因').max(200, '变更原因最多 200 个字').describe('变更原因'),
    }),
  }),
  'members.history': op<MemberHistoryEntry[]>()({ title: '会员履历', effect: 'read', access: MEMBER_READERS, input: z.object({ id: memberId }) }),

  'groups.list': op<UnionGroup[]>()({ title: '工会小组列表', effect: 'read', access: MEMBER_READERS, input: z.object({}) }),
  'groups.save': op<UnionGroup>()({
    title: '保存工会小组',
    effect: 'write',
    access: MEMBER_WRITERS,
    input: z.object({
      id: groupId.optional(),
      name: z.string({ error: '请输入小组名称' }).trim().min(1, '请输入小组名称').max(40, '小组名称最多 40 个字').describe('小组名称'),
      leader: optText(40, '小组长'),
    }),
  }),

  'members.importTemplate': op<FileResult>()({ title: '下载会员导入模板', effect: 'read', access: MEMBER_READERS, input: z.object({}) }),
  /** Parses the file (.xlsx, or CSV in UTF-8 / GB18030) and says what importing it would do; writes nothing. */
  'members.importPreview': op<ImportPreview>()({ title: '预览会员导入', effect: 'read', access: MEMBER_WRITERS, input: z.object(upload) }),
  /** All or nothing: refuses the whole file if any row has a problem. */
  'members.importCommit': op<ImportSummary>()({
    title: '导入会员',
    effect: 'write',
    access: MEMBER_WRITERS,
    input: z.object({
      ...upload,
      expectedSha256: z.string({ error: '请先预览' }).regex(/^[0-9a-f]{64}$/, '请先预览再导入').describe('预览校验值'),
    }),
  }),
  /** The roster as .xlsx in the template's columns; sensitive columns masked unless `reveal` (audited). */
  'members.exportExcel': op<FileResult>()({
    title: '导出会员名册',
    effect: 'write',
    access: MEMBER_READERS,
    input: z.object({ group: groupId.optional(), status: status.optional(), reveal: z.boolean().optional().describe('导出完整证件号与账号') }),
  }),
} as const;
