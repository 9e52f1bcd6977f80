// Chinese names the log screen shows next to raw operation, object and host names.
// The renderer may only import the contract's types, so the titles of operations.ts are mirrored here.
// Keyed by plain strings on purpose: an operation added to the contract later shows its raw name until
// listed here, and a renamed one cannot break the build.


const OPERATION_TITLES: Record<string, string> = {
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
  'accounts.list': '会计科目表',
  'accounts.addDetail': '增设明细科目',
  'accounts.rename': '修改明细科目名称',
  'accounts.setEnabled': '启用或停用科目',
  'accounts.remove': '删除明细科目',
  'vouchers.list': '凭证列表',
  'vouchers.get': '查看凭证',
  'vouchers.save': '保存凭证',
  'vouchers.delete': '删除草稿凭证',
  'vouchers.review': '审核凭证',
  'vouchers.unreview': '取消审核',
  'vouchers.confirmCash': '出纳确认收付',
  'vouchers.post': '凭证记账',
  'vouchers.reverse': '红字冲销凭证',
  'vouchers.correctionTemplate': '订正凭证模板',
  'vouchers.attach': '上传原始凭证附件',
  'vouchers.attachment': '查看附件',
};

const EXTRA_OPERATIONS: Record<string, string> = {
  'session.loginFailed': '登录失败',
  'cli.backup': '命令行备份',
};

export function operationLabel(op: string): string | undefined {
  return OPERATION_TITLES[op] ?? EXTRA_OPERATIONS[op];
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
