// A fresh ledger per test: the built browser-mode server (out/main/server.js) on a temp
// SQLite file, and a page that has redeemed the server's one-time link.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
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
