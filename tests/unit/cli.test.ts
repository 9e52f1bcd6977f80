// The union-ledger command line, as a user runs it: exit codes, what it prints, and what it
// does to the ledger file. Most cases call main(argv, io) in-process with captured output;
// the "real command" block spawns `node bin/union-ledger.js` on the built out/main/cli.js.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/main/cli/main';
import { openCore } from '../../src/main/core/core';
import { openFailure } from '../../src/main/cli/context';
import { messages } from '../../src/main/cli/i18n';
import { tempDir } from '../helpers/core';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/union-ledger.js');
const BUILT = path.join(ROOT, 'out/main/cli.js');

const ADMIN_PW = 'Admin#2026';
const USER_PW = 'Passw0rd!';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Chinese by default: a neutral locale, so the developer's LANG does not leak in. */
const BASE_ENV = { LANG: 'C.UTF-8', PATH: process.env['PATH'] };

async function cli(argv: string[], env: Record<string, string | undefined> = {}, answers?: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const queue = answers ? [...answers] : null;
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { ...BASE_ENV, ...env },
    pid: 4242,
    promptSecret: queue
      ? async (q) => {
          stderr += q;
          const a = queue.shift();
          if (a === undefined) throw new Error(`unexpected prompt: ${q}`);
          return a;
        }
      : null,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

function bin(argv: string[], env: Record<string, string | undefined> = {}): Run {
  const res = spawnSync(process.execPath, [BIN, ...argv], { env: { ...BASE_ENV, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

function sqlite3(file: string, sql: string): void {
  execFileSync('/usr/bin/sqlite3', [file, sql]);
}

const dirs: string[] = [];
function ledgerFile(): string {
  const dir = tempDir('union-ledger-cli-');
  dirs.push(dir);
  return path.join(dir, 'ledger.sqlite');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const initArgs = (db: string) => [
  'init',
  '--db', db,
  '--union-name', '某某公司工会委员会',
  '--province', 'FJ-2018',
  '--year', '2026',
  '--admin', 'admin',
  '--admin-name', '王管理',
];

async function initLedger(db: string): Promise<void> {
  const r = await cli(initArgs(db), { UNION_LEDGER_PASSWORD: ADMIN_PW });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

async function addKuaiji(db: string): Promise<Run> {
  return cli(['users', 'add', '--db', db, '--user', 'admin', '--username', 'kuaiji', '--name', '张会计', '--roles', 'accountant'], {
    UNION_LEDGER_PASSWORD: ADMIN_PW,
    UNION_LEDGER_NEW_PASSWORD: USER_PW,
  });
}

describe('union-ledger init and users (in-process)', () => {
  it('init, then users add, then users list shows the new user', async () => {
    const db = ledgerFile();
    const init = await cli(initArgs(db), { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('账簿已建立：某某公司工会委员会，首个会计年度 2026，管理员 admin。');
    expect(fs.existsSync(db)).toBe(true);

    const add = await addKuaiji(db);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('已新建用户 kuaiji（张会计），角色：会计。');

    const list = await cli(['users', 'list', '--db', db, '-u', 'admin'], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^编号\s+用户名\s+姓名\s+角色\s+状态$/);
    expect(lines.find((l) => l.includes('kuaiji'))).toMatch(/^2\s+kuaiji\s+张会计\s+会计\s+正常$/);
    expect(lines.find((l) => l.includes('admin'))).toMatch(/王管理\s+管理员/);

    const json = await cli(['users', 'list', '--db', db, '-u', 'admin', '--json'], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(JSON.parse(json.stdout).map((u: { username: string }) => u.username)).toEqual(['admin', 'kuaiji']);
  });

  it('records the command line in the audit trail like any other client', async () => {
    const db = ledgerFile();
    await initLedger(db);
    await addKuaiji(db);
    const core = await openCore(db, { log: () => {} });
    try {
      const c = { clientId: 'test', host: 'test' as const };
      await core.call(c, 'session.login', { username: 'admin', password: ADMIN_PW });
      const page = await core.call(c, 'audit.list', { operation: 'users.create' });
      const created = page.rows.find((r) => r.entityId === '2');
      expect(created).toMatchObject({ username: 'admin', host: 'cli' });
    } finally {
      core.close();
    }
  });

  it('accepts Chinese role names and reports the core rule refusing 会计 + 出纳 together', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const env = { UNION_LEDGER_PASSWORD: ADMIN_PW, UNION_LEDGER_NEW_PASSWORD: USER_PW };
    const ok = await cli(['users', 'add', '--db', db, '-u', 'admin', '--username', 'chuna', '--name', '李出纳', '--roles', '出纳'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('角色：出纳');
    const refused = await cli(['users', 'add', '--db', db, '-u', 'admin', '--username', 'both', '--name', '兼任', '--roles', '会计,出纳'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('不能由同一人兼任');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await cli(['users', 'add', '--db', db, '-u', 'admin', '--username', 'x1', '--name', 'X', '--roles', 'boss'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('未知的角色“boss”');
  });

  it('wrong password: exit 1 with the Chinese message, nothing on stdout', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const r = await cli(['users', 'list', '--db', db, '--user', 'admin'], { UNION_LEDGER_PASSWORD: 'not-the-password' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('用户名或密码不正确（还可尝试 4 次）。\n');
  });

  it('a non-administrator is refused by the core (exit 1)', async () => {
    const db = ledgerFile();
    await initLedger(db);
    await addKuaiji(db);
    const r = await cli(['users', 'list', '--db', db, '--user', 'kuaiji'], { UNION_LEDGER_PASSWORD: USER_PW });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('您的角色（会计）无权执行“用户列表”，需要管理员。');
  });

  it('refuses to initialize a ledger twice', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const again = await cli(initArgs(db), { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('账簿已经建立（某某公司工会委员会），不能重复初始化');
  });

  it('init validation errors exit 1 and leave no ledger file behind', async () => {
    const db = ledgerFile();
    const shortPw = await cli(initArgs(db), { UNION_LEDGER_PASSWORD: 'short' });
    expect(shortPw.code).toBe(1);
    expect(shortPw.stderr).toContain('密码至少 8 位');
    expect(fs.existsSync(db)).toBe(false);

    const badPreset = await cli([...initArgs(db).slice(0, 6), 'XX', ...initArgs(db).slice(7)], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(badPreset.code).toBe(1);
    expect(badPreset.stderr).toContain('未知的支出标准预设“XX”');

    const missing = await cli(['init', '--db', db], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('错误：缺少必填选项 --union-name');
    expect(fs.existsSync(db)).toBe(false);
  });

  it('asks for passwords on a terminal, twice for a new one, and refuses a mismatch', async () => {
    const db = ledgerFile();
    const mismatch = await cli(initArgs(db), {}, [ADMIN_PW, 'Other#2026']);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain('请输入管理员 admin 的密码：');
    expect(mismatch.stderr).toContain('两次输入的密码不一致');

    const ok = await cli(initArgs(db), {}, [ADMIN_PW, ADMIN_PW]);
    expect(ok.code).toBe(0);
    const list = await cli(['users', 'list', '--db', db, '--user', 'admin'], {}, [ADMIN_PW]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('王管理');
  });

  it('without a terminal and without the environment variable, says how to give the password', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const r = await cli(['users', 'list', '--db', db, '--user', 'admin']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('请设置环境变量 UNION_LEDGER_PASSWORD');
  });

  it('reset-password and unlock work through the dispatcher', async () => {
    const db = ledgerFile();
    await initLedger(db);
    await addKuaiji(db);
    // Five wrong passwords lock kuaiji's account.
    for (let i = 0; i < 5; i++) await cli(['users', 'list', '--db', db, '-u', 'kuaiji'], { UNION_LEDGER_PASSWORD: 'wrong-wrong' });
    const locked = await cli(['users', 'list', '--db', db, '-u', 'kuaiji'], { UNION_LEDGER_PASSWORD: USER_PW });
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('已被锁定');

    const adminEnv = { UNION_LEDGER_PASSWORD: ADMIN_PW };
    const list = await cli(['users', 'list', '--db', db, '-u', 'admin'], adminEnv);
    expect(list.stdout).toMatch(/kuaiji\s+张会计\s+会计\s+已锁定/);
    const unlock = await cli(['users', 'unlock', '--db', db, '-u', 'admin', '--username', 'kuaiji'], adminEnv);
    expect(unlock.code).toBe(0);
    expect(unlock.stdout).toContain('已解除用户 kuaiji 的锁定。');

    const reset = await cli(['users', 'reset-password', '--db', db, '-u', 'admin', '--username', 'kuaiji'], {
      ...adminEnv,
      UNION_LEDGER_NEW_PASSWORD: 'Fresh#2026x',
    });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain('已重置用户 kuaiji 的密码');
    // The old password no longer works; the new one logs in (and then meets the role check).
    const old = await cli(['users', 'list', '--db', db, '-u', 'kuaiji'], { UNION_LEDGER_PASSWORD: USER_PW });
    expect(old.stderr).toContain('用户名或密码不正确');
    const fresh = await cli(['users', 'list', '--db', db, '-u', 'kuaiji'], { UNION_LEDGER_PASSWORD: 'Fresh#2026x' });
    expect(fresh.stderr).toContain('无权执行');

    const nobody = await cli(['users', 'unlock', '--db', db, '-u', 'admin', '--username', 'nobody'], adminEnv);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('用户“nobody”不存在。');
  });

  it('uses UNION_LEDGER_DB when --db is not given', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const r = await cli(['verify'], { UNION_LEDGER_DB: db });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(db);
  });
});

describe('union-ledger verify (in-process)', () => {
  it('passes on a fresh ledger: exit 0, number of records, head hash, integrity ok', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const r = await cli(['verify', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/审计记录\s+\d+ 条/);
    expect(r.stdout).toMatch(/链头哈希\s+[0-9a-f]{64}/);
    expect(r.stdout).toMatch(/数据库完整性\s+ok/);
    expect(r.stdout).toContain('校验通过');

    const json = JSON.parse((await cli(['verify', '--db', db, '--json'])).stdout);
    expect(json).toMatchObject({ ok: true, integrity: ['ok'], firstProblem: null, file: db });
    expect(json.records).toBeGreaterThan(2);
  });

  it('a record changed with the sqlite3 tool: exit 2, names record 2', async () => {
    const db = ledgerFile();
    await initLedger(db);
    await addKuaiji(db);
    sqlite3(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json='{}' WHERE seq=2");
    const r = await cli(['verify', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('校验未通过：第 2 条审计记录的内容被改动（哈希不符）。\n');
    expect(r.stdout).not.toContain('校验通过');

    const json = await cli(['verify', '--db', db, '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).firstProblem).toMatchObject({ seq: 2, kind: 'altered' });
  });

  it('a middle record deleted: exit 2, names the deleted record', async () => {
    const db = ledgerFile();
    await initLedger(db);
    await addKuaiji(db);
    sqlite3(db, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq=3');
    const r = await cli(['verify', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('校验未通过：第 3 条审计记录被删除。\n');
  });

  it('a missing file: exit 3, and no file is created', async () => {
    const db = ledgerFile();
    const r = await cli(['verify', '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`找不到账簿文件：${db}。请用 --db 指定文件，或先运行 union-ledger init 建立账簿。\n`);
    expect(fs.existsSync(db)).toBe(false);
    const users = await cli(['users', 'list', '--db', db, '-u', 'admin'], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(users.code).toBe(3);
    expect(fs.existsSync(db)).toBe(false);
  });

  it('a file that is not a ledger: exit 3 with a reason', async () => {
    const db = ledgerFile();
    fs.writeFileSync(db, 'this is not a database, just some text that is long enough to have a header'.repeat(10));
    const r = await cli(['verify', '--db', db]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('无法打开账簿文件');
    expect(r.stderr).toContain('不是有效的 SQLite 数据库');
  });

  it('speaks English with --lang en or an English LANG', async () => {
    const db = ledgerFile();
    await initLedger(db);
    sqlite3(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json='{}' WHERE seq=2");
    const flag = await cli(['verify', '--db', db, '--lang', 'en']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe('Verification failed: Audit record 2 was altered (hash mismatch).\n');
    const locale = await cli(['verify', '--db', path.join(path.dirname(db), 'none.sqlite')], { LANG: 'en_US.UTF-8' });
    expect(locale.code).toBe(3);
    expect(locale.stderr).toContain('Ledger file not found');
  });
});

describe('opening failures', () => {
  it('a better-sqlite3 built for Electron is explained with the fix, exit 3', () => {
    const ctx = { io: { stdout: () => {}, stderr: () => {}, env: {}, pid: 1, promptSecret: null }, m: messages('zh'), debug: false };
    const abi = new Error('The module better_sqlite3.node was compiled against a different Node.js version using NODE_MODULE_VERSION 139.');
    const err = openFailure(ctx, '/x/ledger.sqlite', abi);
    expect(err.exitCode).toBe(3);
    expect(err.message).toContain('npm rebuild better-sqlite3');
    const other = openFailure(ctx, '/x/ledger.sqlite', new Error('disk I/O error'));
    expect(other.message).toBe('无法打开账簿文件 /x/ledger.sqlite：disk I/O error');
  });
});

describe('union-ledger backup (in-process)', () => {
  it('writes a timestamped copy under <db folder>/backups that opens and passes verify', async () => {
    const db = ledgerFile();
    await initLedger(db);
    await addKuaiji(db);
    const r = await cli(['backup', '--db', db]);
    expect(r.code).toBe(0);
    const m = /备份完成：(.+\.sqlite)（/.exec(r.stdout);
    expect(m).not.toBeNull();
    const copy = m![1]!;
    expect(path.dirname(copy)).toBe(path.join(path.dirname(db), 'backups'));
    expect(path.basename(copy)).toMatch(/^ledger-\d{8}-\d{6}-备份\.sqlite$/);
    expect(r.stdout).toContain('备份副本已校验：数据库完整性 ok。');
    // A single self-contained file, no leftovers.
    expect(fs.readdirSync(path.dirname(copy))).toEqual([path.basename(copy)]);

    const v = await cli(['verify', '--db', copy]);
    expect(v.code).toBe(0);
    expect(v.stdout).toContain('校验通过');

    // The copy is a working ledger: the users added before the backup can log in.
    const list = await cli(['users', 'list', '--db', copy, '-u', 'admin'], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(list.stdout).toContain('kuaiji');
  });

  it('--out accepts a folder or a file name, and never overwrites', async () => {
    const db = ledgerFile();
    await initLedger(db);
    const dir = path.join(path.dirname(db), 'u盘');
    fs.mkdirSync(dir);
    const intoDir = await cli(['backup', '--db', db, '--out', dir, '--json']);
    expect(intoDir.code).toBe(0);
    const res = JSON.parse(intoDir.stdout);
    expect(path.dirname(res.path)).toBe(dir);
    expect(res).toMatchObject({ ok: true, integrity: ['ok'], isLedger: true });

    const named = path.join(path.dirname(db), 'copy.sqlite');
    expect((await cli(['backup', '--db', db, '-o', named])).code).toBe(0);
    expect(fs.existsSync(named)).toBe(true);
    const again = await cli(['backup', '--db', db, '-o', named]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已存在，未覆盖');
  });

  it('a missing ledger: exit 3', async () => {
    const r = await cli(['backup', '--db', ledgerFile()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('找不到账簿文件');
  });
});

describe('usage (in-process)', () => {
  it('unknown commands and options exit 1 with a Chinese message', async () => {
    const cmd = await cli(['frobnicate']);
    expect(cmd.code).toBe(1);
    expect(cmd.stderr).toContain('错误：未知的命令 frobnicate');
    const opt = await cli(['verify', '--nope']);
    expect(opt.code).toBe(1);
    expect(opt.stderr).toContain('错误：未知的选项 --nope');
    const lang = await cli(['verify', '--lang', 'fr']);
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain('--lang');
  });

  it('--help lists the commands in Chinese, --version prints the version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法： union-ledger');
    for (const c of ['init', 'users', 'verify', 'backup']) expect(help.stdout).toContain(c);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = await cli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(pkg.version);
  });
});

/** Newest modification time of the sources the command line is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else if (p.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src/main/cli.ts', 'src/main/cli', 'src/main/core', 'src/main/contract']) walk(path.join(ROOT, p));
  return newest;
}

describe('the real command (node bin/union-ledger.js)', () => {
  beforeAll(() => {
    if (!fs.existsSync(BUILT) || fs.statSync(BUILT).mtimeMs < newestSource()) {
      execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
    }
  }, 180_000);

  it('init, users add, users list, verify, tamper, backup — end to end', () => {
    const db = ledgerFile();
    const init = bin(initArgs(db), { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('账簿已建立');

    const add = bin(['users', 'add', '--db', db, '--user', 'admin', '--username', 'kuaiji', '--name', '张会计', '--roles', 'accountant,supervisor'], {
      UNION_LEDGER_PASSWORD: ADMIN_PW,
      UNION_LEDGER_NEW_PASSWORD: USER_PW,
    });
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const list = bin(['users', 'list', '--db', db, '--user', 'admin'], { UNION_LEDGER_PASSWORD: ADMIN_PW });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/kuaiji\s+张会计\s+会计、会计主管\/审核\s+正常/);

    const wrong = bin(['users', 'list', '--db', db, '--user', 'admin'], { UNION_LEDGER_PASSWORD: 'nope-nope' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('用户名或密码不正确（还可尝试 4 次）。\n');

    const ok = bin(['verify', '--db', db]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('校验通过');

    const backup = bin(['backup', '--db', db, '--json']);
    expect(backup.code).toBe(0);
    const copy = (JSON.parse(backup.stdout) as { path: string }).path;
    expect(bin(['verify', '--db', copy]).code).toBe(0);

    sqlite3(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json='{}' WHERE seq=2");
    const tampered = bin(['verify', '--db', db]);
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toContain('第 2 条审计记录的内容被改动（哈希不符）。');
    expect(tampered.stderr).not.toMatch(/\n\s+at /); // no stack trace
    // The backup taken before the tampering still verifies.
    expect(bin(['verify', '--db', copy]).code).toBe(0);
  });

  it('missing file: exit 3; --version and --help exit 0', () => {
    const missing = bin(['verify', '--db', ledgerFile()]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('找不到账簿文件');
    expect(bin(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = bin(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('union-ledger');
  });

  it('shows a stack trace only with DEBUG=union-ledger', () => {
    const db = ledgerFile();
    fs.writeFileSync(db, 'not a database '.repeat(20));
    const plain = bin(['verify', '--db', db]);
    expect(plain.code).toBe(3);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    const debug = bin(['verify', '--db', db], { DEBUG: 'union-ledger' });
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});
