// Every role logs in and sees only its own modules, the core refuses what the role may not do
// even when the page is bypassed, and tampering with the file is caught by verify (screen and CLI).
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, createLedger, createUser, loginUI as login, rawInvoke } from './fixtures';
import { MODULES, ROLES, ROLE_LABELS, type Role } from '../../src/main/contract/roles';

test.afterEach(async ({ context }) => {
  await context.close();
});





test('each role sees its own navigation, and the core refuses what the role may not do', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
  const roles = ROLES.filter((r) => r !== 'admin');
  for (const role of roles) await createUser(page, `u-${role}`, role);

  for (const role of roles) {
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, `u-${role}`);
    await expect(page.locator('header').getByText(`${ROLE_LABELS[role]}甲`, { exact: true })).toBeVisible();
    const expected = MODULES.filter((m) => (m.roles as readonly Role[]).includes(role)).map((m) => new RegExp(`^${m.label}`));
    await expect(page.getByRole('navigation', { name: '模块导航' }).getByRole('menuitem')).toHaveText(expected);
    // Bypassing the page does not help: only an administrator may list users.
    const res = await rawInvoke(page, 'users.list', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(res.error!.message).toContain('需要管理员');
  }
});

test('the audit log shows every write, and a record changed with the sqlite3 tool is named by verify', async ({ page, ledger }) => {
  await createLedger(page);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
  await createUser(page, 'chuna', 'cashier');
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page.getByRole('cell', { name: /新建用户/ }).first()).toBeVisible();
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByText(/审计链完整/)).toBeVisible();

  // A colleague edits the file directly: record 2 now claims to be someone else's.
  execFileSync('sqlite3', [ledger.dbPath, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'someone' WHERE seq = 2;"]);
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByText(/审计链校验未通过：第 2 条审计记录的内容被改动/)).toBeVisible();

  const cli = spawnSync(process.execPath, [path.resolve('bin/union-ledger.js'), 'verify', '--db', ledger.dbPath], { encoding: 'utf8' });
  expect(cli.status).toBe(2);
  expect(cli.stderr + cli.stdout).toContain('第 2 条审计记录的内容被改动');
});
