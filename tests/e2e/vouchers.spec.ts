// The 凭证 module, driven with the keyboard only once logged in: the accountant enters a voucher
// (摘要 carried down, account by pinyin initials, 1,280.5, "=" balances, Ctrl+S); the supervisor
// reviews, the cashier confirms, the supervisor posts it as 记-1; the accountant reverses it with a
// red 注销 voucher which goes through the same steps to 记-2; printing yields a PDF.
import type { Page } from '@playwright/test';
import { test, expect, createOffice, PASSWORD } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});




/** Logs out whoever is in and logs `username` in, landing on the 凭证 list. */
async function loginAs(page: Page, username: string) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByLabel('密码').press('Enter');
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/vouchers';
  });
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
}

/** From the list (focused on arrival), Enter opens the highlighted voucher: the newest. */
async function openFirst(page: Page) {
  const list = page.getByLabel('凭证列表（↑↓ 选择，Enter 打开）');
  await expect(list).toBeFocused();
  await expect(page.locator('.ulv-cursor')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '记账凭证' })).toBeVisible();
}

const status = (page: Page) => page.locator('.ulv-status');

test('keyboard only: enter, review, confirm, post as 记-1, reverse in red, post 记-2, print a PDF', async ({ page, ledger }) => {
  void ledger;
  await createOffice(page);

  // ---- the accountant enters the voucher ----
  await loginAs(page, 'kuaiji');
  await expect(page.getByRole('button', { name: /新建凭证\s*Alt\+N/ })).toBeVisible();
  await page.keyboard.press('Alt+KeyN');
  const summary1 = page.getByLabel('第1行摘要');
  await expect(summary1).toBeFocused();
  await page.keyboard.type('收3月会费');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第1行会计科目')).toBeFocused();
  await page.keyboard.type('yhck');
  await expect(page.getByRole('option', { name: /102\s*银行存款/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第1行会计科目')).toHaveValue('102 银行存款');
  await expect(page.getByLabel('第1行借方金额')).toBeFocused();
  await page.keyboard.type('1,280.5');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第1行借方金额')).toHaveValue('1,280.50');
  await expect(page.getByLabel('第1行贷方金额')).toBeFocused();
  await page.keyboard.press('Enter');

  // Line 2: the 摘要 came down, selected; Enter keeps it.
  const summary2 = page.getByLabel('第2行摘要');
  await expect(summary2).toBeFocused();
  await expect(summary2).toHaveValue('收3月会费');
  await expect(page.getByRole('status').filter({ hasText: '借贷不平' })).toContainText('借方多 1,280.50');
  await page.keyboard.press('Enter');
  await page.keyboard.type('401');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第2行会计科目')).toHaveValue('401 会费收入');
  // 401 is revenue: 资金性质 comes next; F picks 非专项.
  const fund = page.getByRole('radiogroup', { name: '资金性质' });
  await expect(fund).toBeFocused();
  await page.keyboard.press('z');
  await expect(fund.getByRole('radio', { name: /^专项/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('f');
  await expect(fund.getByRole('radio', { name: /非专项/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第2行借方金额')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第2行贷方金额')).toBeFocused();
  await page.keyboard.press('=');
  await expect(page.getByLabel('第2行贷方金额')).toHaveValue('1,280.50');
  await expect(page.getByRole('status').filter({ hasText: '借贷不平' })).toHaveCount(0);
  await expect(page.getByLabel('合计金额大写')).toHaveText('人民币（大写）壹仟贰佰捌拾元伍角整');
  await page.keyboard.press('Control+KeyS');
  await expect(page.getByText('凭证已保存为草稿')).toBeVisible();
  await expect(status(page)).toContainText('草稿');
  await expect(page).toHaveURL(/#\/vouchers\/\d+$/);
  // No attachment yet: the check says so, with its citation.
  await expect(page.getByText('CHK-ATT-1')).toBeVisible();
  await expect(page.getByText(/会计基础工作规范 第五十一条\(四\)/).first()).toBeVisible();
  // The accountant may not review: no such button.
  await expect(page.getByRole('button', { name: /^审核/ })).toHaveCount(0);

  // ---- the supervisor reviews ----
  await loginAs(page, 'zhuguan');
  await openFirst(page);
  await expect(page.getByRole('button', { name: /审核\s*Alt\+S/ })).toBeVisible();
  await page.keyboard.press('Alt+KeyS');
  await expect(status(page)).toContainText('已审核');
  await expect(page.locator('.ulv-signers')).toContainText('审核：会计主管/审核甲');
  // Needs the cashier first: 记账 is refused by the core, shown with its citation.
  await page.keyboard.press('Alt+KeyJ');
  await expect(page.getByText('须经出纳确认收付后才能记账')).toBeVisible();

  // ---- the cashier confirms ----
  await loginAs(page, 'chuna');
  await openFirst(page);
  await expect(page.getByRole('button', { name: /出纳确认\s*Alt\+C/ })).toBeVisible();
  await page.keyboard.press('Alt+KeyC');
  await expect(page.locator('.ulv-signers')).toContainText('出纳：出纳甲');
  await expect(page.getByRole('button', { name: /出纳确认/ })).toHaveCount(0);

  // ---- the supervisor posts: 记-1 ----
  await loginAs(page, 'zhuguan');
  await openFirst(page);
  await page.keyboard.press('Alt+KeyJ');
  await expect(status(page)).toContainText('已记账');
  await expect(page.getByLabel('凭证号')).toHaveText('第 1 号');
  await expect(page.locator('.ulv-head')).toContainText('记字第 1 号');
  await expect(page.getByLabel('合计金额大写')).toContainText('壹仟贰佰捌拾元伍角整');
  await expect(page.locator('.ulv-signers')).toContainText('记账：会计主管/审核甲');
  await expect(page.getByLabel('第1行摘要')).toHaveAttribute('readonly', '');

  // ---- the accountant reverses it ----
  await loginAs(page, 'kuaiji');
  await expect(page.locator('.ulv-cursor')).toContainText('记-1');
  await openFirst(page);
  await page.keyboard.press('Alt+KeyH');
  const dialog = page.getByRole('dialog', { name: '红字冲销凭证' });
  await expect(dialog.getByLabel('冲销凭证日期')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('已生成红字冲销凭证')).toBeVisible();
  await expect(page.getByLabel('第1行摘要')).toHaveValue(/^注销\d+月\d+日记字第1号凭证$/);
  await expect(status(page)).toContainText('红字冲销');
  await expect(page.getByLabel('第1行借方金额')).toHaveValue('-1,280.50');
  await expect(page.getByLabel('第1行借方金额')).toHaveCSS('color', 'rgb(207, 19, 34)');
  await expect(page.getByRole('button', { name: /冲销凭证 #\d+/ })).toBeVisible();

  // ---- review, confirm, post the red voucher: 记-2 ----
  await loginAs(page, 'zhuguan');
  await openFirst(page);
  await expect(page.getByLabel('第1行摘要')).toHaveValue(/^注销/);
  await page.keyboard.press('Alt+KeyS');
  await expect(status(page)).toContainText('已审核');
  await loginAs(page, 'chuna');
  await openFirst(page);
  await page.keyboard.press('Alt+KeyC');
  await expect(page.locator('.ulv-signers')).toContainText('出纳：出纳甲');
  await loginAs(page, 'zhuguan');
  await openFirst(page);
  await page.keyboard.press('Alt+KeyJ');
  await expect(status(page)).toContainText('已记账');
  await expect(page.getByLabel('凭证号')).toHaveText('第 2 号');

  // ---- print: Ctrl+P produces a PDF (captured as the blob the page opens) ----
  // Keep every blob the page turns into a URL (the PDF shown in the new tab).
  await page.evaluate(() => {
    const g = globalThis as unknown as { __pdfs: Blob[]; URL: { createObjectURL: (b: Blob) => string } };
    g.__pdfs = [];
    const original = g.URL.createObjectURL.bind(g.URL);
    g.URL.createObjectURL = (obj: Blob) => {
      if (obj instanceof Blob) g.__pdfs.push(obj);
      return original(obj);
    };
  });
  const popup = page.waitForEvent('popup');
  await page.keyboard.press('Control+KeyP');
  await (await popup).close();
  await page.waitForFunction(() => (globalThis as unknown as { __pdfs: Blob[] }).__pdfs.length > 0);
  const head = await page.evaluate(async () => {
    const b = (globalThis as unknown as { __pdfs: Blob[] }).__pdfs[0]!;
    return { type: b.type, start: await b.slice(0, 5).text(), size: b.size };
  });
  expect(head.type).toBe('application/pdf');
  expect(head.start).toBe('%PDF-');
  expect(head.size).toBeGreaterThan(1000);

  // The list shows both numbers, the red one in red.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '记-1', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '记-2', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '-1,280.50' })).toBeVisible();
});

test('a bad amount shows the Chinese message on its cell and nothing is saved', async ({ page, ledger }) => {
  void ledger;
  await createOffice(page);
  await loginAs(page, 'kuaiji');
  await page.keyboard.press('Alt+KeyN');
  await expect(page.getByLabel('第1行摘要')).toBeFocused();
  await page.keyboard.type('购买办公用品');
  await page.keyboard.press('Enter');
  await page.keyboard.type('yhck');
  await page.keyboard.press('Enter');
  const debit = page.getByLabel('第1行借方金额');
  await expect(debit).toBeFocused();
  await page.keyboard.type('12.345');
  await page.keyboard.press('Enter');
  // The message is on the cell, the cell is marked, and Enter did not move on.
  await expect(debit).toBeFocused();
  await expect(debit).toHaveAttribute('aria-invalid', 'true');
  const cellError = page.locator('td', { has: debit }).getByRole('alert');
  await expect(cellError).toHaveText('借方金额“12.345”超过两位小数：金额只记到角、分');
  await page.keyboard.press('Control+KeyS');
  await expect(page.getByText('有金额格式不正确，凭证未保存。')).toBeVisible();
  await expect(page).toHaveURL(/#\/vouchers\/new$/);

  // Back to the list (confirming the loss of the edit): still no voucher.
  await page.keyboard.press('Escape');
  const confirm = page.getByRole('dialog').filter({ hasText: '放弃修改？' });
  await expect(confirm).toBeVisible();
  // The dialog takes the focus onto its default button as it opens; Enter then confirms.
  await expect(confirm.getByRole('button', { name: '放弃并返回' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
  await expect(page.getByText('本期间还没有凭证。按 Alt+N 填制第一张凭证。')).toBeVisible();
  const listed = await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: { cookie: string } }).document;
    const csrf = doc.cookie.match(/ul_csrf=([^;]+)/)?.[1] ?? '';
    const res = await fetch('/api/invoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
      body: JSON.stringify({ op: 'vouchers.list', input: {} }),
    });
    return (await res.json()) as { ok: boolean; value: { total: number } };
  });
  expect(listed).toMatchObject({ ok: true, value: { total: 0 } });
});
