// Chinese names of audited operations, entities and hosts, for the log screen and exports.
// Operation titles come from the contract itself; only records that are not operations are listed here.
import { isOpName, operations } from './operations';

const NOT_OPERATIONS: Record<string, string> = {
  'session.loginFailed': '登录失败',
  'cli.backup': '命令行备份',
};

export function operationTitle(op: string): string | undefined {
  return isOpName(op) ? operations[op].title : NOT_OPERATIONS[op];
}

const ENTITY_LABELS: Record<string, string> = {
  union: '工会信息',
  user: '用户',
  session: '会话',
  settings: '系统设置',
  ledger: '账簿',
  account: '会计科目',
  voucher: '凭证',
  attachment: '附件',
  period: '会计期间',
  year: '会计年度',
};

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity;
}

const HOST_LABELS: Record<string, string> = {
  electron: '桌面程序',
  browser: '浏览器',
  cli: '命令行',
  test: '测试',
};

export function hostLabel(host: string): string {
  return HOST_LABELS[host] ?? host;
}
