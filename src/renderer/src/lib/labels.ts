// Chinese names the log screen shows next to raw operation, object and host names.
// The renderer may only import the contract's types, so the titles of operations.ts are mirrored here.
import type { OpName } from '@contract/operations';

const OPERATION_TITLES: Record<OpName, string> = {
  'setup.status': '查询账簿状态',
  'setup.createLedger': '建立账簿',
  'session.login': '登录',
  'session.current': '当前会话',
  'session.logout': '退出登录',
  'session.changePassword': '修改密码',
  'union.get': '查看工会信息',
  'union.update': '修改工会信息',
  'settings.get': '查看系统设置',
  'settings.update': '修改系统设置',
  'users.list': '用户列表',
  'users.create': '新建用户',
  'users.update': '修改用户',
  'users.resetPassword': '重置密码',
  'users.unlock': '解除锁定',
  'audit.list': '查询审计日志',
  'audit.facets': '审计日志筛选项',
  'audit.verify': '校验审计链',
  'audit.exportExcel': '导出审计日志',
};

const EXTRA_OPERATIONS: Record<string, string> = {
  'session.loginFailed': '登录失败',
  'cli.backup': '命令行备份',
};

export function operationLabel(op: string): string | undefined {
  return (OPERATION_TITLES as Record<string, string>)[op] ?? EXTRA_OPERATIONS[op];
}

const ENTITY_LABELS: Record<string, string> = {
  union: '工会信息',
  user: '用户',
  session: '会话',
  settings: '系统设置',
  ledger: '账簿',
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
