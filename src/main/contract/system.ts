// Contract: backups and restore (issue 7). Administrator only. Backups live in the "backups"
// folder beside the ledger file; operations name them by file name, or take a full path for a
// copy elsewhere (a USB stick). A restore checks the chosen copy first (integrity, identity,
// schema version, audit chain — 企业会计信息化工作规范 第十四条), keeps the current file aside so
// the restore can be undone, and is recorded in the audit trail of both files.
import { z } from 'zod';
import { op } from './op';

export type BackupKindLabel = '备份' | '自动' | '关闭时' | '迁移前' | '年结前' | '恢复前' | '撤销恢复' | '其他';

export interface BackupInfo {
  name: string;
  path: string;
  kindLabel: BackupKindLabel | string;
  /** Whether the retention policy may delete it (automatic copies only). */
  automatic: boolean;
  takenAt: string;
  bytes: number;
  encrypted: boolean;
  check: { ok: boolean; checkedAt: string; message: string } | null;
}

export interface RetentionSettings {
  keepToday: number;
  keepDaily: number;
  keepMonthly: number;
}

export interface BackupOverview {
  ledgerFile: string;
  dir: string;
  backups: BackupInfo[];
  /** The last restore, while it can be undone. */
  undo: { restoredFrom: string; aside: string; at: string } | null;
  retention: RetentionSettings;
}

export interface BackupDone {
  path: string;
  bytes: number;
  encrypted: boolean;
  /** Automatic copies the retention policy deleted afterwards. */
  pruned: string[];
}

export interface RestoreDone {
  restoredFrom: string;
  /** Where the file that was current is kept (for 撤销恢复). */
  aside: string;
  auditRecords: number;
  lastActivity: string | null;
  /** False when the caller's account is not in the restored file (log in again). */
  stillLoggedIn: boolean;
}

/** The `field` of setup.status's error when the ledger could not be opened and a good backup exists. */
export const RECOVERY_OFFER_FIELD = 'recovery.offer';

export interface UndoDone {
  /** Where the restored file went (kept in the backups folder). */
  keptAs: string;
  stillLoggedIn: boolean;
}

const SYSTEM_ADMIN = ['admin'] as const;
const backupName = z
  .string({ error: '请选择备份' })
  .min(1, '请选择备份')
  .max(255)
  .refine((s) => !/[\\/]/.test(s) && s !== '.' && s !== '..', '备份名称不能包含路径')
  .describe('备份');
const absPath = z.string().trim().min(1, '请输入路径').max(1000, '路径过长').describe('路径');
const backupPassword = z.string().min(8, '备份密码至少 8 位').max(128, '备份密码最多 128 位').describe('备份密码');
const keep = (label: string, max: number) => z.number({ error: `${label}应为整数` }).int(`${label}应为整数`).min(1, `${label}至少 1`).max(max, `${label}最多 ${max}`).describe(label);

export const retentionSchema = z
  .object({ keepToday: keep('当天保留份数', 50), keepDaily: keep('按日保留天数', 366), keepMonthly: keep('按月保留月数', 120) })
  .strict();

export const systemOperations = {
  'system.backups.list': op<BackupOverview>()({ title: '查看备份', effect: 'read', access: SYSTEM_ADMIN, input: z.object({}).strict() }),
  'system.backup.now': op<BackupDone>()({
    title: '备份账簿', effect: 'write',
    access: SYSTEM_ADMIN,
    input: z
      .object({
        /** A folder (a USB stick); omitted: the backups folder beside the ledger. */
        folder: absPath.describe('备份到的文件夹').nullable().optional(),
        password: backupPassword.nullable().optional(),
      })
      .strict(),
  }),
  'system.backup.check': op<BackupInfo>()({ title: '校验备份', effect: 'read', access: SYSTEM_ADMIN, input: z.object({ name: backupName }).strict() }),
  'system.restore': op<RestoreDone>()({
    title: '从备份恢复', effect: 'write',
    access: SYSTEM_ADMIN,
    input: z
      .object({
        name: backupName.optional(),
        path: absPath.describe('备份文件').optional(),
        password: z.string().max(128).nullable().optional().describe('备份密码'),
      })
      .strict()
      .refine((v) => Boolean(v.name) !== Boolean(v.path), { message: '请选择一个备份，或输入一个备份文件的路径', path: ['name'] }),
  }),
  'system.restore.undo': op<UndoDone>()({ title: '撤销恢复', effect: 'write', access: SYSTEM_ADMIN, input: z.object({}).strict() }),
  /**
   * Only answered by a host whose ledger file could not be opened (damaged, emptied): restores the
   * newest backup that passes the checks. No login exists in that state; with the ledger open it is refused.
   */
  'system.recovery.restoreLatest': op<{ restoredFrom: string; aside: string }>()({ title: '从最近的完好备份恢复', effect: 'write', access: 'public', input: z.object({}).strict() }),
  'system.backupSettings.update': op<RetentionSettings>()({ title: '修改备份保留规则', effect: 'write', access: SYSTEM_ADMIN, input: retentionSchema }),
} as const;
