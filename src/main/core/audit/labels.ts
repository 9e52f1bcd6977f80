// Chinese names of audited operations, for the log screen and exports.
import { isOpName, operations } from '../../contract/operations';

const EXTRA: Record<string, string> = {
  'session.loginFailed': '登录失败',
  'cli.backup': '命令行备份',
};

export function operationTitle(op: string): string {
  if (isOpName(op)) return operations[op].title;
  return EXTRA[op] ?? op;
}
