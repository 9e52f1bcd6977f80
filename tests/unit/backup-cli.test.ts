// union-ledger backups / restore as a user runs them (in-process, captured output): listing with
// check status, restoring with the administrator's login and undoing it, an encrypted copy with its
// password, a damaged ledger restored with --latest without a login, and a command refused while
// another program holds the ledger (one writer at a time).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/main/cli/main';
import { openCore } from '../../src/main/core/core';
import { verifyChain } from '../../src/main/core/audit/chain';
import { tempDir } from '../helpers/core';

const ADMIN_PW = 'Admin#2026';
const ENV = { LANG: 'C.UTF-8', UNION_LEDGER_USER: 'admin', UNION_LEDGER_PASSWORD: ADMIN_PW };
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { ...ENV, ...env }, pid: 4343, promptSecret: null };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function ledger(): Promise<string> {
  const dir = tempDir('union-ledger-bk-');
  dirs.push(dir);
  const db = path.join(dir, 'ledger.sqlite');
  const r = await cli(['init', '--db', db, '--union-name', '某某公司工会委员会', '--province', 'FJ-2018', '--year', '2026', '--admin', 'admin', '--admin-name', '王管理']);
  expect(r.code, r.stderr).toBe(0);
  return db;
}

/** How many users the ledger holds (a change the restore must take back). */
async function users(db: string): Promise<number> {
  const core = await openCore(db, { log: () => {} });
  try {
    expect(verifyChain(core.db, new Date()).ok).toBe(true);
    return (core.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  } finally {
    core.close();
  }
}

const addUser = (db: string, username: string) =>
  cli(['users', 'add', '--db', db, '--username', username, '--name', username, '--roles', 'accountant'], { UNION_LEDGER_NEW_PASSWORD: 'Passw0rd!' });

describe('union-ledger backups / restore', () => {
  it('lists the backups, restores one with the administrator login, and undoes the restore', async () => {
    const db = await ledger();
    expect((await cli(['backup', '--db', db])).code).toBe(0);
    expect((await addUser(db, 'kuaiji')).code).toBe(0);
    expect(await users(db)).toBe(2);

    const list = await cli(['backups', '--db', db, '--check']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+备份\s+\d+ [KM]B\s+通过\s+ledger-\d{8}-\d{6}-备份\.sqlite/);
    const name = /ledger-\d{8}-\d{6}-备份\.sqlite/.exec(list.stdout)![0];

    const r = await cli(['restore', name, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已从');
    expect(r.stdout).toContain('union-ledger restore --undo');
    expect(await users(db)).toBe(1);
    expect((await cli(['backups', '--db', db])).stdout).toContain('可撤销上一次恢复');

    const u = await cli(['restore', '--undo', '--db', db]);
    expect(u.code, u.stderr).toBe(0);
    expect(u.stdout).toContain('已撤销恢复');
    expect(await users(db)).toBe(2);
  });

  it('a wrong administrator password changes nothing', async () => {
    const db = await ledger();
    await cli(['backup', '--db', db]);
    await addUser(db, 'kuaiji');
    const name = /ledger-\S+\.sqlite/.exec((await cli(['backups', '--db', db])).stdout)![0];
    const r = await cli(['restore', name, '--db', db], { UNION_LEDGER_PASSWORD: 'wrong-password' });
    expect(r.code).toBe(1);
    expect(await users(db)).toBe(2);
  });

  it('restores a damaged ledger from the newest good backup with --latest, without a login', async () => {
    const db = await ledger();
    await addUser(db, 'kuaiji');
    expect((await cli(['backup', '--db', db])).code).toBe(0);
    // Garbage over the middle of the file (a torn write, a bad sector).
    const size = fs.statSync(db).size;
    const fd = fs.openSync(db, 'r+');
    for (let at = 2 * 4096; at < size - 4096; at += 3 * 4096) fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
    fs.closeSync(fd);

    const refused = await cli(['users', 'list', '--db', db]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/已损坏|不是有效的 SQLite/);
    expect(refused.stderr).toContain('可以从最近的完好备份恢复');
    expect(refused.stderr).toContain('union-ledger restore --latest');

    const r = await cli(['restore', '--latest', '--db', db], { UNION_LEDGER_PASSWORD: undefined });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('无法打开');
    expect(await users(db)).toBe(2);
    // The damaged file was kept aside, not deleted.
    expect(fs.readdirSync(path.join(path.dirname(db), 'backups')).some((f) => f.includes('恢复前'))).toBe(true);
  });

  it('backup --encrypt writes a .ulbak that restores with its password', async () => {
    const db = await ledger();
    const b = await cli(['backup', '--encrypt', '--db', db, '--json'], { UNION_LEDGER_BACKUP_PASSWORD: '带出去的密码2026' });
    expect(b.code, b.stderr).toBe(0);
    const file = (JSON.parse(b.stdout) as { path: string }).path;
    expect(file.endsWith('.ulbak')).toBe(true);
    await addUser(db, 'kuaiji');
    const r = await cli(['restore', path.basename(file), '--db', db], { UNION_LEDGER_BACKUP_PASSWORD: '带出去的密码2026' });
    expect(r.code, r.stderr).toBe(0);
    expect(await users(db)).toBe(1);
  });

  it('an encrypted copy restores only with UNION_LEDGER_BACKUP_PASSWORD', async () => {
    const db = await ledger();
    const usb = tempDir('usb-');
    dirs.push(usb);
    const core = await openCore(db, { log: () => {} });
    const c = { clientId: 'x', host: 'test' as const };
    await core.call(c, 'session.login', { username: 'admin', password: ADMIN_PW });
    const done = await core.call(c, 'system.backup.now', { folder: usb, password: '带出去的密码2026' });
    core.close();
    await addUser(db, 'kuaiji');
    const wrong = await cli(['restore', done.path, '--db', db], { UNION_LEDGER_BACKUP_PASSWORD: '错的密码12345' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('备份密码不正确');
    expect(await users(db)).toBe(2);
    const ok = await cli(['restore', done.path, '--db', db], { UNION_LEDGER_BACKUP_PASSWORD: '带出去的密码2026' });
    expect(ok.code, ok.stderr).toBe(0);
    expect(await users(db)).toBe(1);
  });

  it('refuses to write while another program holds the ledger, naming it', async () => {
    const db = await ledger();
    const app = await openCore(db, { writerLock: '桌面程序', log: () => {} });
    try {
      const r = await addUser(db, 'kuaiji');
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('正由桌面程序');
      expect(r.stderr).toContain('同一时间只允许一处打开写入');
    } finally {
      app.close();
    }
    expect((await addUser(db, 'kuaiji')).code).toBe(0);
  });
});
