// union-ledger import members FILE [--dry-run] --user U, in-process with captured output: bad rows
// listed by row/column/reason with exit 1 and nothing written; --dry-run previews; a good file is
// imported with its summary; re-importing updates instead of duplicating.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/main/cli/main';
import { tempDir } from '../helpers/core';
import { membersCsv, membersXlsx, realisticMembers, withFiveBadRows } from '../helpers/members-file';

const ADMIN_PW = 'Admin#2026';
const USER_PW = 'Passw0rd!';

async function cli(argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { LANG: 'C.UTF-8', ...env }, pid: 4243, promptSecret: null };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function ledgerWithAccountant(): Promise<{ dir: string; db: string }> {
  const dir = tempDir('union-ledger-import-');
  dirs.push(dir);
  const db = path.join(dir, 'ledger.sqlite');
  const init = await cli(['init', '--db', db, '--union-name', '某某公司工会委员会', '--province', 'FJ-2018', '--year', '2026', '--admin', 'admin', '--admin-name', '王管理'], { UNION_LEDGER_PASSWORD: ADMIN_PW });
  expect(init.code).toBe(0);
  const add = await cli(['users', 'add', '--db', db, '-u', 'admin', '--username', 'kuaiji', '--name', '张会计', '--roles', 'accountant'], { UNION_LEDGER_PASSWORD: ADMIN_PW, UNION_LEDGER_NEW_PASSWORD: USER_PW });
  expect(add.code).toBe(0);
  return { dir, db };
}

const members = (db: string): number => {
  const s = new Database(db, { readonly: true });
  try {
    return s.prepare('SELECT count(*) FROM members').pluck().get() as number;
  } finally {
    s.close();
  }
};

describe('union-ledger import members', () => {
  it('lists the bad rows and exits 1 without writing; imports the corrected file; re-import updates', async () => {
    const { dir, db } = await ledgerWithAccountant();
    const env = { UNION_LEDGER_PASSWORD: USER_PW };
    const good = realisticMembers(300);
    const badFile = path.join(dir, '会员名册.xlsx');
    fs.writeFileSync(badFile, await membersXlsx(withFiveBadRows(good).rows));

    const refused = await cli(['import', 'members', badFile, '--db', db, '--user', 'kuaiji'], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('会员名册.xlsx：共 300 行数据，发现 6 处问题（6 行），未导入任何数据。');
    const lines = refused.stderr.split('\n');
    expect(lines.find((x) => x.startsWith('12 '))).toMatch(/^12\s+姓名\s+缺少姓名$/);
    expect(lines.find((x) => x.startsWith('152 '))).toMatch(/^152\s+会员状态\s+“休假”不是有效的会员状态/);
    expect(lines.find((x) => x.startsWith('202 '))).toMatch(/^202\s+身份证号\s+身份证号校验位错误/);
    expect(members(db)).toBe(0);

    const goodFile = path.join(dir, '会员名册.csv');
    fs.writeFileSync(goodFile, membersCsv(good, 'gb18030'));
    const dry = await cli(['import', 'members', goodFile, '--dry-run', '--db', db, '-u', 'kuaiji'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('会员名册.csv：共 300 行数据，可以导入：新增 300，更新 0，不变 0；将新建工会小组：');
    expect(dry.stdout).toContain('（--dry-run：只预览，未写入）');
    expect(members(db)).toBe(0);

    const done = await cli(['import', 'members', goodFile, '--db', db, '-u', 'kuaiji'], env);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^已导入 会员名册\.csv：新增 300，更新 0，不变 0；新建工会小组：/);
    expect(members(db)).toBe(300);

    const changed = good.map((r) => ({ ...r }));
    Object.assign(changed.find((r) => r.会员状态 === '在职')!, { 会员状态: '退休', 状态日期: '2026-03-01' });
    fs.writeFileSync(goodFile, membersCsv(changed, 'utf8-bom'));
    const again = await cli(['import', 'members', goodFile, '--db', db, '-u', 'kuaiji', '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ summary: { added: 0, updated: 1, unchanged: 299, statusChanges: 1, newGroups: [] } });
    expect(members(db)).toBe(300);
  });

  it('refuses an old .xls with the message, and the cashier is not allowed to import', async () => {
    const { dir, db } = await ledgerWithAccountant();
    const xls = path.join(dir, '名册.xls');
    fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    const r = await cli(['import', 'members', xls, '--db', db, '-u', 'kuaiji'], { UNION_LEDGER_PASSWORD: USER_PW });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('这是旧版 Excel（.xls）或 WPS 表格文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');

    await cli(['users', 'add', '--db', db, '-u', 'admin', '--username', 'chuna', '--name', '李出纳', '--roles', 'cashier'], { UNION_LEDGER_PASSWORD: ADMIN_PW, UNION_LEDGER_NEW_PASSWORD: USER_PW });
    const csv = path.join(dir, 'm.csv');
    fs.writeFileSync(csv, membersCsv(realisticMembers(3), 'utf8'));
    const f = await cli(['import', 'members', csv, '--db', db, '-u', 'chuna'], { UNION_LEDGER_PASSWORD: USER_PW });
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('无权执行“预览会员导入”');

    const missing = await cli(['import', 'members', path.join(dir, 'nope.xlsx'), '--db', db, '-u', 'kuaiji'], { UNION_LEDGER_PASSWORD: USER_PW });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('无法读取文件');
  });
});
