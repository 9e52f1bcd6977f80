// 备份与恢复 from the UI (issue 7, "Done when"): a backup from a week ago is restored — the ledger
// goes back to what it held then, the vouchers entered since are gone — and the restore is undone,
// bringing them back. Setup (users, vouchers, the backup) goes through the API; the restore and the
// undo are done on the settings page as an administrator would.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, createLedger, invoke, apiLogin, loginUI, PASSWORD } from './fixtures';
import type { Page } from '@playwright/test';

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
/** How the page shows a time: the browser's zone (playwright.config.ts: Asia/Shanghai), YYYY-MM-DD HH:mm:ss. */
const shown = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);

function vouchersIn(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM vouchers').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function draftVoucher(page: Page, date: string, fen: number): Promise<void> {
  await invoke(page, 'vouchers.save', {
    date,
    attachments: 1,
    lines: [
      { summary: '收会费现金', accountCode: '101', debit: fen },
      { summary: '收会费现金', accountCode: '401', credit: fen, fundNature: 'general' },
    ],
  });
}

test('restoring a backup from a week ago and undoing the restore, from 设置 → 备份与恢复', async ({ page, ledger }) => {
  await createLedger(page);
  await invoke(page, 'users.create', { username: 'kuaiji', displayName: '会计甲', roles: ['accountant'], password: PASSWORD });

  // A week ago: one voucher, and the backup taken then.
  await apiLogin(page, 'kuaiji');
  await draftVoucher(page, '2026-03-02', 30_000);
  await apiLogin(page, 'admin', 'Admin#2026');
  const made = (await invoke(page, 'system.backup.now', {})).value as { path: string };
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  weekAgo.setMilliseconds(0);
  const old = path.join(path.dirname(made.path), `ledger-${stamp(weekAgo)}-备份.sqlite`);
  fs.renameSync(made.path, old);
  fs.utimesSync(old, weekAgo, weekAgo);

  // Since then: two more vouchers.
  await apiLogin(page, 'kuaiji');
  await draftVoucher(page, '2026-03-09', 12_000);
  await draftVoucher(page, '2026-03-10', 8_000);
  await apiLogin(page, 'admin', 'Admin#2026');
  expect(vouchersIn(ledger.dbPath)).toBe(3);

  await page.reload();
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  const row = page.getByRole('row').filter({ hasText: path.basename(old) });
  await expect(row).toBeVisible();
  await expect(row.getByText(shown(weekAgo))).toBeVisible();
  await expect(row.getByText('未校验')).toBeVisible();
  await row.getByRole('button', { name: '校验' }).click();
  await expect(row.getByText('校验通过')).toBeVisible();

  // 从此备份恢复, with its confirmation.
  await row.getByRole('button', { name: /从此备份恢复/ }).click();
  const dialog = page.getByRole('dialog', { name: '从备份恢复' });
  await expect(dialog.getByText(shown(weekAgo))).toBeVisible();
  await expect(dialog.getByText('当前账簿文件会保留在备份文件夹中')).toBeVisible();
  await dialog.getByRole('button', { name: '确认恢复' }).click();

  // The page starts again on the restored file; the administrator is still logged in.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await expect(page.getByText(/当前账簿于 .* 从备份恢复/)).toBeVisible();
  expect(vouchersIn(ledger.dbPath)).toBe(1);
  // The file that was current is kept in the backups folder.
  await expect(page.getByRole('row').filter({ hasText: '恢复前' })).toBeVisible();

  // The restored file carries its own record of the restore, and its audit chain verifies.
  expect((await invoke(page, 'audit.verify', {})).value).toMatchObject({ ok: true });

  // 撤销恢复.
  await page.getByRole('button', { name: '撤销恢复' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '放回恢复前的账簿文件' });
  await confirm.getByRole('button', { name: '撤销恢复' }).click();
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '备份与恢复' }).click();
  await expect(page.getByRole('row').filter({ hasText: '撤销恢复' })).toBeVisible();
  await expect(page.getByText(/当前账簿于 .* 从备份恢复/)).toHaveCount(0);
  expect(vouchersIn(ledger.dbPath)).toBe(3);
  expect((await invoke(page, 'audit.verify', {})).value).toMatchObject({ ok: true });
});

/** Starts another browser-mode server on `dbPath`; resolves with its one-time URL, or its exit code and output. */
function startServer(dbPath: string): Promise<{ url: string | null; code: number | null; output: string; stop: () => void }> {
  const serverJs = path.resolve(import.meta.dirname, '../../out/main/server.js');
  const proc = spawn(process.execPath, [serverJs, '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m) resolve({ url: m[1]!, code: null, output, stop: () => proc.kill('SIGTERM') });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code) => resolve({ url: null, code, output, stop: () => {} }));
  });
}

test('a second copy of the program on the same ledger file is refused, naming the one that has it', async ({ page, ledger }) => {
  await createLedger(page);
  const second = await startServer(ledger.dbPath);
  second.stop();
  expect(second.url).toBeNull();
  expect(second.code).toBe(3);
  expect(second.output).toContain('正由浏览器模式');
  expect(second.output).toContain('同一时间只允许一处打开写入');
});

test('a damaged ledger file: the start page says so and restores the newest good backup', async ({ page, ledger }) => {
  await createLedger(page);
  await invoke(page, 'users.create', { username: 'kuaiji', displayName: '会计甲', roles: ['accountant'], password: PASSWORD });
  const made = (await invoke(page, 'system.backup.now', {})).value as { path: string };

  // Another folder: the same backup beside a copy of the ledger with its middle overwritten.
  const dir = fs.mkdtempSync(path.join(path.dirname(ledger.dir), 'ul-e2e-damaged-'));
  try {
    fs.mkdirSync(path.join(dir, 'backups'));
    fs.copyFileSync(made.path, path.join(dir, 'backups', path.basename(made.path)));
    const damaged = path.join(dir, 'ledger.sqlite');
    fs.copyFileSync(made.path, damaged);
    const size = fs.statSync(damaged).size;
    const fd = fs.openSync(damaged, 'r+');
    for (let at = 2 * 4096; at < size - 4096; at += 3 * 4096) fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
    fs.closeSync(fd);

    const server = await startServer(damaged);
    try {
      expect(server.url, server.output).not.toBeNull();
      expect(server.output).toContain('可以从最近的完好备份恢复');
      await page.goto(server.url!);
      await expect(page.getByText('无法打开账簿')).toBeVisible();
      await expect(page.getByText(/已损坏|不是有效的 SQLite/)).toBeVisible();
      await page.getByRole('button', { name: '从最近的完好备份恢复' }).click();
      // The restored ledger is a set-up one: its login page, and the administrator's account works.
      await loginUI(page, 'admin', 'Admin#2026');
      await expect(page.getByRole('menuitem', { name: '设置' })).toBeVisible();
      expect(fs.readdirSync(path.join(dir, 'backups')).some((f) => f.includes('恢复前'))).toBe(true);
    } finally {
      server.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
