// A fresh ledger per test: the built browser-mode server (out/main/server.js) on a temp
// SQLite file, and a page that has redeemed the server's one-time link.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { ROLE_LABELS, type Role } from '../../src/main/contract/roles';
import os from 'node:os';
import path from 'node:path';

export interface Ledger {
  /** The one-time URL the server printed (already redeemed by `page`). */
  url: string;
  origin: string;
  dbPath: string;
  dir: string;
  output: () => string;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

async function startServer(dbPath: string): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  const serverJs = path.join(ROOT, 'out/main/server.js');
  if (!fs.existsSync(serverJs)) throw new Error('out/main/server.js is missing: run `npm run build` first');
  const proc = spawn(process.execPath, [serverJs, '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return { proc, url, output: () => out };
}

export const test = base.extend<{ ledger: Ledger }>({
  ledger: async ({ page }, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ul-e2e-'));
    const dbPath = path.join(dir, 'ledger.sqlite');
    const { proc, url, output } = await startServer(dbPath);
    await page.goto(url);
    await use({ url, origin: new URL(url).origin, dbPath, dir, output });
    if (proc.exitCode === null) {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      // A clean stop takes milliseconds; never let a stuck shutdown fail the test run.
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** Runs the first-run wizard. The admin ends up logged in. */
export async function createLedger(page: Page, opts: { unionName?: string; admin?: string; password?: string } = {}): Promise<void> {
  const unionName = opts.unionName ?? '某某机械有限公司工会委员会';
  await page.getByLabel('工会名称').fill(unionName);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('用户名').fill(opts.admin ?? 'admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill(opts.password ?? 'Admin#2026');
  await page.getByLabel('确认密码').fill(opts.password ?? 'Admin#2026');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '建立账簿' }).click();
  await expect(page.getByText(unionName).first()).toBeVisible();
}

// ---------- helpers shared by the specs ----------

/** The initial password of every user the specs create. */
export const PASSWORD = 'Init#20260';

/** The admin, on 设置 → 用户管理, creates a user with one role (mouse allowed: setup, not the subject). */
export async function createUser(page: Page, username: string, role: Role, password = PASSWORD): Promise<void> {
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill(`${ROLE_LABELS[role]}甲`);
  await dialog.locator(`input[type=checkbox][value="${role}"]`).check();
  await dialog.getByLabel('初始密码').fill(password);
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog).toBeHidden();
}

/** Creates the ledger and the usual office: 会计 kuaiji, 会计主管 zhuguan, 出纳 chuna. */
export async function createOffice(page: Page): Promise<void> {
  await createLedger(page);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
  await createUser(page, 'kuaiji', 'accountant');
  await createUser(page, 'zhuguan', 'supervisor');
  await createUser(page, 'chuna', 'cashier');
}

export interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string; field?: string };
}

/** Calls the core from inside the page with the client and CSRF cookies, exactly as the renderer does. */
export async function rawInvoke(page: Page, op: string, input: unknown): Promise<Envelope> {
  return page.evaluate(
    async ([op, input]) => {
      const doc = (globalThis as unknown as { document: { cookie: string } }).document;
      const csrf = decodeURIComponent(doc.cookie.match(/ul_csrf=([^;]+)/)?.[1] ?? '');
      const r = await fetch('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ op, input }) });
      return (await r.json()) as Envelope;
    },
    [op, input] as const,
  );
}

/** rawInvoke that must succeed (fast setup through the API); the failure message names the operation. */
export async function invoke(page: Page, op: string, input: unknown): Promise<Envelope> {
  const res = await rawInvoke(page, op, input);
  expect(res, `${op}: ${res.error?.message ?? ''}`).toMatchObject({ ok: true });
  return res;
}

/** Logs a user in through the API (the page keeps showing what it showed). */
export const apiLogin = (page: Page, username: string, password = PASSWORD) => invoke(page, 'session.login', { username, password });

/** Logs in through the login page. */
export async function loginUI(page: Page, username: string, password = PASSWORD): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
}
