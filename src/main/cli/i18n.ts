// The command line's own words, in Chinese (default) and English. Messages that come from the
// core (validation, authorization, business rules) are Chinese in both languages.
import type { ErrorCode } from '../contract/errors';
import type { VerifyProblem } from '../contract/operations';
import { ROLE_LABELS, type Role } from '../contract/roles';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** --lang wins; otherwise the locale (LC_ALL, LC_MESSAGES, LANG) starting with "en" means English. */
export function detectLang(argv: readonly string[], env: Record<string, string | undefined>): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (v === 'zh' || v === 'en') return v;
  }
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh';
}

const ROLE_LABELS_EN: Record<Role, string> = {
  admin: 'administrator',
  accountant: 'accountant',
  supervisor: 'accounting supervisor',
  cashier: 'cashier',
  chair: 'union chair',
  reviewer: 'audit committee member',
};

export interface Messages {
  lang: Lang;
  roleLabel(r: Role): string;
  list(items: readonly string[]): string;
  // help text
  help: {
    program: string;
    db: string;
    lang: string;
    json: string;
    help: string;
    helpCommand: string;
    version: string;
    titles: Record<string, string>;
    init: string;
    unionName: string;
    province: string;
    year: string;
    admin: string;
    adminName: string;
    uscc: string;
    initEnv: string;
    presetsTitle: string;
    users: string;
    usersList: string;
    usersAdd: string;
    usersReset: string;
    usersUnlock: string;
    user: string;
    username: string;
    name: string;
    roles: string;
    usersEnv: string;
    verify: string;
    verifyEnv: string;
    backup: string;
    out: string;
    exitCodes: string;
  };
  // errors
  fileNotFound(file: string): string;
  notAFile(file: string): string;
  cannotOpen(file: string, reason: string): string;
  notALedger(file: string): string;
  nativeModuleMismatch: string;
  notInitialized(file: string): string;
  alreadyInitialized(file: string, unionName: string | null): string;
  needPassword(envVar: string, what: string): string;
  passwordWhat: { login(user: string): string; admin(user: string): string; newUser(user: string): string };
  promptPassword(what: string): string;
  promptAgain: string;
  passwordsDiffer: string;
  cancelled: string;
  needUser: string;
  unknownRole(role: string): string;
  unknownPreset(preset: string): string;
  badYear(year: string): string;
  noSuchUser(username: string): string;
  coreError(code: ErrorCode, message: string): string;
  internal(message: string): string;
  commanderError(line: string): string;
  // results
  initDone(unionName: string, year: number, admin: string, file: string): string;
  userAdded(username: string, name: string, roles: string): string;
  passwordReset(username: string): string;
  unlocked(username: string): string;
  noUsers: string;
  userColumns: [string, string, string, string, string];
  userStatus(u: { active: boolean; locked: boolean; lockedUntil: string | null }): string;
  mustChangePassword(username: string): string;
  verifyReport: { file: string; recordsLabel: string; records(n: number): string; head: string; none: string; integrity: string; ok: string; failed: string };
  problem(p: VerifyProblem): string;
  integrityFailed(lines: readonly string[]): string;
  verifyFailed(detail: string): string;
  backupDone(file: string, bytes: number): string;
  backupChecked: string;
  backupFailed(message: string): string;
  // union-ledger export
  exportCmd: {
    help: string;
    format: string;
    out: string;
    year: string;
    access: string;
    unknownFormat(format: string): string;
    badYear(year: string): string;
    cannotWrite(file: string, reason: string): string;
    done(file: string, vouchers: number, year: number | null): string;
  };
}

/** A file size as people read it (display only). */
export const fmtBytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);
const localTime = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
};

const zh: Messages = {
  lang: 'zh',
  roleLabel: (r) => ROLE_LABELS[r],
  list: (items) => items.join('、'),
  help: {
    program: '工会经费账簿命令行工具：建立账簿、管理用户、校验审计链、备份与导出。与桌面应用使用同一账簿文件。',
    db: '账簿文件路径（默认依次取环境变量 UNION_LEDGER_DB、用户数据文件夹中的 ledger.sqlite）',
    lang: '输出语言：zh（中文，默认）或 en',
    json: '以 JSON 格式输出',
    help: '显示帮助',
    helpCommand: '显示某个命令的帮助',
    version: '显示版本号',
    titles: { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' },
    init: '建立新账簿（首次使用），并创建第一位管理员',
    unionName: '工会名称，例如“某某公司工会委员会”',
    province: '支出标准预设（编号或名称，见下表）',
    year: '首个会计年度，例如 2026',
    admin: '管理员用户名',
    adminName: '管理员姓名',
    uscc: '统一社会信用代码（18 位，可不填）',
    initEnv: '管理员密码取自环境变量 UNION_LEDGER_PASSWORD；未设置时在终端中提示输入（不回显）。',
    presetsTitle: '可选的支出标准预设：',
    users: '用户管理（需管理员登录）',
    usersList: '列出全部用户',
    usersAdd: '新建用户',
    usersReset: '重置用户密码（该用户下次登录后须修改密码）',
    usersUnlock: '解除因连续登录失败而被锁定的账户',
    user: '登录的管理员用户名（也可用环境变量 UNION_LEDGER_USER）',
    username: '用户名',
    name: '姓名',
    roles: '角色，逗号分隔，可用编号或中文名称，例如 accountant,cashier 或 会计,出纳',
    usersEnv:
      '管理员密码取自环境变量 UNION_LEDGER_PASSWORD，新用户密码取自 UNION_LEDGER_NEW_PASSWORD；未设置时在终端中提示输入（不回显）。\n角色：admin 管理员、accountant 会计、supervisor 会计主管/审核、cashier 出纳、chair 工会主席、reviewer 经审委员。',
    verify: '校验账簿：审计链是否完整未被篡改，数据库是否损坏（无需登录）',
    verifyEnv: '退出码：0 通过；2 发现篡改或损坏；3 文件不存在或无法打开。',
    backup: '在线备份账簿到带时间戳的文件，并校验备份副本',
    out: '备份文件或文件夹（默认：账簿所在文件夹下的 backups）',
    exitCodes: '退出码：0 成功；1 用法、输入或登录错误；2 校验未通过（篡改或损坏）；3 文件不存在或无法打开。\n设置 DEBUG=union-ledger 可显示详细错误。',
  },
  fileNotFound: (f) => `找不到账簿文件：${f}。请用 --db 指定文件，或先运行 union-ledger init 建立账簿。`,
  notAFile: (f) => `${f} 不是文件（是文件夹？）。请用 --db 指定账簿文件。`,
  cannotOpen: (f, why) => `无法打开账簿文件 ${f}：${why}`,
  nativeModuleMismatch: 'SQLite 组件（better-sqlite3）当前是为 Electron 桌面应用编译的，命令行无法加载。请运行 npm rebuild better-sqlite3 后再试（桌面应用启动时会再为 Electron 重新编译）。',
  notALedger: (f) => `文件 ${f} 不是工会经费账簿（其中没有审计日志）。`,
  notInitialized: (f) => `账簿 ${f} 尚未建立，请先运行 union-ledger init。`,
  alreadyInitialized: (f, name) => `账簿已经建立${name ? `（${name}）` : ''}，不能重复初始化：${f}`,
  needPassword: (env, what) => `需要${what}：请设置环境变量 ${env}，或在终端中运行本命令以输入密码。`,
  passwordWhat: {
    login: (u) => `用户 ${u} 的密码`,
    admin: (u) => `管理员 ${u} 的密码`,
    newUser: (u) => `用户 ${u} 的新密码`,
  },
  promptPassword: (what) => `请输入${what}：`,
  promptAgain: '请再输入一次：',
  passwordsDiffer: '两次输入的密码不一致，未做任何修改。',
  cancelled: '已取消。',
  needUser: '请用 --user 指定管理员用户名（或设置环境变量 UNION_LEDGER_USER）。',
  unknownRole: (r) => `未知的角色“${r}”。可选：admin 管理员、accountant 会计、supervisor 会计主管/审核、cashier 出纳、chair 工会主席、reviewer 经审委员。`,
  unknownPreset: (p) => `未知的支出标准预设“${p}”。运行 union-ledger init --help 查看可选项。`,
  badYear: (y) => `首个会计年度应为四位年份，例如 2026（收到“${y}”）。`,
  noSuchUser: (u) => `用户“${u}”不存在。`,
  coreError: (_code, message) => message,
  internal: (m) => `内部错误：${m}`,
  commanderError: (line) => translateCommander(line),
  initDone: (name, year, admin, file) => `账簿已建立：${name}，首个会计年度 ${year}，管理员 ${admin}。\n账簿文件：${file}`,
  userAdded: (u, n, roles) => `已新建用户 ${u}（${n}），角色：${roles}。`,
  passwordReset: (u) => `已重置用户 ${u} 的密码；该用户下次登录后须修改密码。`,
  unlocked: (u) => `已解除用户 ${u} 的锁定。`,
  noUsers: '（没有用户）',
  userColumns: ['编号', '用户名', '姓名', '角色', '状态'],
  userStatus: (u) => (!u.active ? '停用' : u.locked ? `已锁定（至 ${u.lockedUntil ? localTime(u.lockedUntil) : '?'}）` : '正常'),
  mustChangePassword: (u) => `提示：用户 ${u} 的密码已被重置，请尽快在应用中修改密码。`,
  verifyReport: {
    file: '账簿文件',
    recordsLabel: '审计记录',
    records: (n) => `${n} 条`,
    head: '链头哈希',
    none: '（无）',
    integrity: '数据库完整性',
    ok: '校验通过：审计链完整，数据库未损坏。',
    failed: '校验未通过。',
  },
  problem: (p) => p.message,
  integrityFailed: (lines) => `数据库完整性检查未通过（文件可能已损坏）：${lines.slice(0, 3).join('；')}`,
  verifyFailed: (d) => `校验未通过：${d}`,
  backupDone: (f, b) => `备份完成：${f}（${fmtBytes(b)}）`,
  backupChecked: '备份副本已校验：数据库完整性 ok。',
  backupFailed: (m) => m,
  exportCmd: {
    help: '导出已记账凭证为纯文本日记账（hledger 格式），供第三方软件独立核对（无需登录）',
    format: '导出格式：hledger',
    out: '写入的文件（默认：输出到标准输出）；已存在的文件会被覆盖',
    year: '只导出该会计年度（四位年份），年初余额作为一笔“上年结转”交易（默认：全部年度）',
    access:
      '说明：与 verify 一样直接读取账簿文件，不登录、不写入账簿，也不记入审计日志——持有账簿文件的人本来就能读取其中的全部内容，请像保管账簿一样保管导出文件。\n' +
      '只导出已记账的凭证（含期末结转、年末结转凭证）；每张凭证一笔交易，科目为“要素:科目代码 名称:明细代码 名称”，金额以元为单位保留两位小数（CNY），贷方为负，红字保留负号。\n' +
      '核对示例：hledger -f 账簿.journal balance --tree\n' +
      '退出码：0 成功；1 用法或输入错误（未知格式、年度有误、无法写入输出文件）；3 账簿文件不存在或无法打开。',
    unknownFormat: (f) => `未知的导出格式“${f}”。目前支持：hledger。`,
    badYear: (y) => `会计年度应为四位年份，例如 2026（收到“${y}”）。`,
    cannotWrite: (f, why) => `无法写入导出文件 ${f}：${why}`,
    done: (f, n, y) => `已导出${y === null ? '全部年度' : ` ${y} 年度`}已记账凭证 ${n} 张：${f}`,
  },
};

const en: Messages = {
  lang: 'en',
  roleLabel: (r) => ROLE_LABELS_EN[r],
  list: (items) => items.join(', '),
  help: {
    program: 'Union Ledger command line: create a ledger, manage users, verify the audit chain, back up, export. Uses the same ledger file as the desktop app.',
    db: 'ledger file (default: $UNION_LEDGER_DB, then ledger.sqlite in the user-data folder)',
    lang: 'output language: zh (Chinese, default) or en',
    json: 'print JSON',
    help: 'display help',
    helpCommand: 'display help for a command',
    version: 'print the version',
    titles: {},
    init: 'create a new ledger (first run) with its first administrator',
    unionName: 'name of the trade union',
    province: 'spending-cap preset (id or name, see below)',
    year: 'first fiscal year, e.g. 2026',
    admin: 'administrator username',
    adminName: "administrator's full name",
    uscc: 'unified social credit code (18 characters, optional)',
    initEnv: "The administrator's password is read from UNION_LEDGER_PASSWORD, or prompted for (no echo) on a terminal.",
    presetsTitle: 'Spending-cap presets:',
    users: 'user management (administrator login required)',
    usersList: 'list all users',
    usersAdd: 'create a user',
    usersReset: "reset a user's password (they must change it after logging in)",
    usersUnlock: 'unlock an account locked after failed logins',
    user: 'administrator to log in as (or UNION_LEDGER_USER)',
    username: 'username',
    name: 'full name',
    roles: 'comma-separated roles, by id or Chinese name, e.g. accountant,cashier',
    usersEnv:
      "The administrator's password is read from UNION_LEDGER_PASSWORD, a new user's from UNION_LEDGER_NEW_PASSWORD; otherwise prompted for (no echo) on a terminal.\nRoles: admin, accountant, supervisor, cashier, chair, reviewer.",
    verify: 'verify the ledger: audit chain untampered, database not corrupted (no login needed)',
    verifyEnv: 'Exit codes: 0 passed; 2 tampering or corruption found; 3 file missing or unreadable.',
    backup: 'back up the ledger online to a timestamped file and verify the copy',
    out: 'backup file or folder (default: "backups" next to the ledger)',
    exitCodes: 'Exit codes: 0 ok; 1 usage, input or login error; 2 verification failed (tampering or corruption); 3 file missing or unreadable.\nSet DEBUG=union-ledger for details on errors.',
  },
  fileNotFound: (f) => `Ledger file not found: ${f}. Pass --db, or run "union-ledger init" first.`,
  notAFile: (f) => `${f} is not a file (a folder?). Pass the ledger file with --db.`,
  cannotOpen: (f, why) => `Cannot open ledger file ${f}: ${why}`,
  nativeModuleMismatch: 'The SQLite module (better-sqlite3) is currently built for the Electron desktop app and cannot load in Node. Run "npm rebuild better-sqlite3" and try again.',
  notALedger: (f) => `${f} is not a Union Ledger file (it has no audit log).`,
  notInitialized: (f) => `The ledger ${f} has not been set up yet; run "union-ledger init" first.`,
  alreadyInitialized: (f, name) => `The ledger is already set up${name ? ` (${name})` : ''}; refusing to initialize it again: ${f}`,
  needPassword: (env, what) => `${what} needed: set ${env}, or run this command on a terminal to type it.`,
  passwordWhat: {
    login: (u) => `Password for ${u}`,
    admin: (u) => `Password for administrator ${u}`,
    newUser: (u) => `New password for ${u}`,
  },
  promptPassword: (what) => `${what}: `,
  promptAgain: 'Again: ',
  passwordsDiffer: 'The passwords do not match; nothing was changed.',
  cancelled: 'Cancelled.',
  needUser: 'Pass the administrator username with --user (or set UNION_LEDGER_USER).',
  unknownRole: (r) => `Unknown role "${r}". Roles: admin, accountant, supervisor, cashier, chair, reviewer.`,
  unknownPreset: (p) => `Unknown spending-cap preset "${p}". See "union-ledger init --help".`,
  badYear: (y) => `The first fiscal year must be a four-digit year such as 2026 (got "${y}").`,
  noSuchUser: (u) => `No user "${u}".`,
  coreError: (code, message) => `${CODE_EN[code]}: ${message}`,
  internal: (m) => `Internal error: ${m}`,
  commanderError: (line) => line,
  initDone: (name, year, admin, file) => `Ledger created: ${name}, first fiscal year ${year}, administrator ${admin}.\nLedger file: ${file}`,
  userAdded: (u, n, roles) => `Created user ${u} (${n}), roles: ${roles}.`,
  passwordReset: (u) => `Password of ${u} reset; they must change it after logging in.`,
  unlocked: (u) => `Unlocked ${u}.`,
  noUsers: '(no users)',
  userColumns: ['ID', 'Username', 'Name', 'Roles', 'Status'],
  userStatus: (u) => (!u.active ? 'inactive' : u.locked ? `locked until ${u.lockedUntil ? localTime(u.lockedUntil) : '?'}` : 'active'),
  mustChangePassword: (u) => `Note: the password of ${u} was reset; change it in the app soon.`,
  verifyReport: {
    file: 'Ledger file',
    recordsLabel: 'Audit records',
    records: (n) => `${n}`,
    head: 'Head hash',
    none: '(none)',
    integrity: 'Database integrity',
    ok: 'Verification passed: audit chain intact, database sound.',
    failed: 'Verification FAILED.',
  },
  problem: (p) => {
    switch (p.kind) {
      case 'altered':
        return `Audit record ${p.seq} was altered (hash mismatch).`;
      case 'deleted':
        return `Audit record ${p.seq} (or the records before it) was deleted; the chain is broken.`;
      case 'reordered':
        return `Audit record ${p.seq} is out of order.`;
      case 'truncated':
        return `The newest audit records were deleted, from record ${p.seq} on.`;
      case 'unprotected':
        return "The audit log's anti-tampering triggers were removed.";
    }
  },
  integrityFailed: (lines) => `Database integrity check failed (the file may be corrupted): ${lines.slice(0, 3).join('; ')}`,
  verifyFailed: (d) => `Verification failed: ${d}`,
  backupDone: (f, b) => `Backup written: ${f} (${fmtBytes(b)})`,
  backupChecked: 'Backup copy verified: database integrity ok.',
  backupFailed: (m) => `Backup failed: ${m}`,
  exportCmd: {
    help: 'export the posted vouchers as a plain-text journal (hledger format) for an independent check (no login needed)',
    format: 'export format: hledger',
    out: 'file to write (default: standard output); an existing file is overwritten',
    year: 'export only this fiscal year (four digits), with the opening balances as one transaction (default: all years)',
    access:
      'Like verify, this reads the ledger file directly: no login, nothing written to the ledger or its audit log. Whoever holds the file can read all of it anyway; keep the export as safe as the ledger.\n' +
      'Only posted vouchers are exported (closing and year-end vouchers included); one transaction per voucher, accounts as "element:code name:detail code name", amounts in yuan with two decimals (CNY), credits negative, red-ink lines keep their sign.\n' +
      'Check it with: hledger -f ledger.journal balance --tree\n' +
      'Exit codes: 0 ok; 1 usage or input error (unknown format, bad year, output not writable); 3 ledger file missing or unreadable.',
    unknownFormat: (f) => `Unknown export format "${f}". Supported: hledger.`,
    badYear: (y) => `The fiscal year must be a four-digit year such as 2026 (got "${y}").`,
    cannotWrite: (f, why) => `Cannot write the export file ${f}: ${why}`,
    done: (f, n, y) => `Exported ${n} posted vouchers (${y === null ? 'all years' : y}): ${f}`,
  },
};

const CODE_EN: Record<ErrorCode, string> = {
  VALIDATION: 'Invalid input',
  UNAUTHENTICATED: 'Login failed',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Refused',
  RULE: 'Refused by rule',
  LOCKED: 'Account locked',
  UNKNOWN_OPERATION: 'Unknown operation',
  INTERNAL: 'Internal error',
};

/** Commander's English error lines, in Chinese. Unrecognised lines pass through unchanged. */
function translateCommander(text: string): string {
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^error: unknown option '(.+?)'/, (o) => `错误：未知的选项 ${o}`],
    [/^error: unknown command '(.+?)'/, (c) => `错误：未知的命令 ${c}`],
    [/^error: required option '(.+?)' not specified/, (o) => `错误：缺少必填选项 ${o}`],
    [/^error: option '(.+?)' argument missing/, (o) => `错误：选项 ${o} 缺少取值`],
    [/^error: missing required argument '(.+?)'/, (a) => `错误：缺少参数 ${a}`],
    [/^error: too many arguments/, () => '错误：参数过多'],
    [/^error: option '(.+?)' argument '(.*?)' is invalid\. (.*)$/, (o, v, c) => `错误：选项 ${o} 的取值“${v}”无效，可选：${c}`],
  ];
  const firstLine = text.split('\n')[0] ?? text;
  for (const [re, to] of rules) {
    const m = re.exec(firstLine);
    if (m) {
      const suggestion = /\(Did you mean (?:one of )?(.+?)\?\)/.exec(text);
      return `${to(...m.slice(1))}${suggestion ? `（您是否想输入 ${suggestion[1]}？）` : ''}\n`;
    }
  }
  return text;
}

export function messages(lang: Lang): Messages {
  return lang === 'en' ? en : zh;
}
