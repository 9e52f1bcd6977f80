// The 账簿 and 报表 modules on three posted vouchers of January 2026 (posted through the API to
// keep the test fast; the voucher screens are tested in vouchers.spec.ts):
//   记-1 01-10 收1月会费      借 102 1,280.50 / 贷 401 1,280.50
//   记-2 01-15 提取备用金      借 101   500.00 / 贷 102   500.00
//   记-3 01-20 职工活动支出    借 50102 300.00 / 贷 101   300.00
// and one draft in February. The screens must show: the trial balance totals and balances, the
// drill-down from 102's 本期借方, the running balance of 102's 明细账, 工会01表 balanced with
// 货币资金 980.50, 工会02表 收入合计 1,280.50, January closed from the 结账 tab, February refused
// with the Chinese message, and 打印 / 导出 Excel giving a PDF and an .xlsx.
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, createOffice, invoke, apiLogin as login } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

const SHOTS = process.env['UL_SHOTS'];




/** Saves an agreed 银行存款余额调节表 for the month (the month close requires it). */
async function reconcile(page: Page, period: string, bankAccountCode: string, statementBalanceFen: number): Promise<void> {
  await invoke(page, 'bank.reconciliation.save', { period, bankAccountCode, statementBalanceFen, items: [] });
}


type Line = { summary: string; accountCode: string; debit?: number; credit?: number; fundNature?: 'general'; expenseType?: 'basic' };

/** Enters a voucher as the accountant; with `post`, the supervisor reviews, the cashier confirms and the supervisor posts it. */
async function voucher(page: Page, date: string, lines: Line[], post: boolean): Promise<void> {
  await login(page, 'kuaiji');
  const saved = await invoke(page, 'vouchers.save', { date, word: '记', attachments: 1, lines });
  const id = (saved.value as { id: number }).id;
  if (!post) return;
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.review', { id });
  await login(page, 'chuna');
  await invoke(page, 'vouchers.confirmCash', { id });
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.post', { id });
}

async function setup(page: Page) {
  await createOffice(page);

  const g = { fundNature: 'general' } as const;
  await voucher(page, '2026-01-10', [
    { summary: '收1月会费', accountCode: '102', debit: 128050 },
    { summary: '收1月会费', accountCode: '401', credit: 128050, ...g },
  ], true);
  await voucher(page, '2026-01-15', [
    { summary: '提取备用金', accountCode: '101', debit: 50000 },
    { summary: '提取备用金', accountCode: '102', credit: 50000 },
  ], true);
  await voucher(page, '2026-01-20', [
    { summary: '职工活动支出', accountCode: '50102', debit: 30000, ...g, expenseType: 'basic' },
    { summary: '职工活动支出', accountCode: '101', credit: 30000 },
  ], true);
  // February: a draft, so February may not be closed.
  await voucher(page, '2026-02-05', [
    { summary: '购办公用品', accountCode: '50102', debit: 8000, ...g, expenseType: 'basic' },
    { summary: '购办公用品', accountCode: '101', credit: 8000 },
  ], false);

  // The accountant works in the UI from here; January's bank statement agrees with the books.
  await login(page, 'kuaiji');
  await reconcile(page, '2026-01', '102', 78050);
  await page.reload();
  await expect(page.locator('header').getByText('会计甲', { exact: true })).toBeVisible();
}

const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  await page.waitForTimeout(600); // let drawers, tabs and dialogs finish their animation
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/** A row of an antd table whose first cell is `code`. */
const tbRow = (page: Page, code: string) => page.locator('tr.ulb-row').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^\\s*[▸▾]?${code}$`) }) });

test('books and statements: trial balance, drill-down, 明细账, 01表, 02表, month close, refusal, print and Excel', async ({ page, ledger }) => {
  void ledger;
  await setup(page);

  // ---- 科目余额表 ----
  await page.getByRole('menuitem', { name: '账簿' }).click();
  await expect(page.getByRole('tab', { name: '科目余额表' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: '科目余额表' })).toBeVisible();
  await expect(page.getByLabel('起始期间')).toHaveValue('2026-01');
  const totals = page.locator('.ulb-total').first();
  await expect(totals).toContainText('合');
  // 本期发生额 2,080.50 on both sides; 期末 1,280.50 on both sides; 期初 0.00.
  await expect(totals.locator('td')).toHaveText(['合　　计', '0.00', '0.00', '2,080.50', '2,080.50', '1,280.50', '1,280.50']);
  await expect(tbRow(page, '101').locator('td')).toHaveText([/101/, '库存现金', '', '', '500.00', '300.00', '200.00', '']);
  await expect(tbRow(page, '102').locator('td')).toHaveText([/102/, '银行存款', '', '', '1,280.50', '500.00', '780.50', '']);
  await expect(tbRow(page, '401').locator('td')).toHaveText([/401/, '会费收入', '', '', '', '1,280.50', '', '1,280.50']);
  await shot(page, 'trial-balance');

  // 102's 本期借方 → the drawer lists 记-1 only; 本期贷方 → 记-2.
  await page.getByRole('button', { name: '102 本期借方发生额 1,280.50' }).click();
  const drawer = page.getByRole('dialog', { name: /数字来源：102 银行存款 本期借方发生额/ });
  await expect(drawer).toBeVisible();
  await expect(drawer.locator('tbody tr.ulb-row')).toHaveCount(2); // 记-1 (借) and 记-2 (贷): every voucher on 102 in the period
  await expect(drawer.getByRole('link', { name: '记-1' })).toBeVisible();
  await expect(drawer.getByRole('link', { name: '记-2' })).toBeVisible();
  await expect(drawer.locator('.ulb-total')).toContainText('1,280.50');
  await expect(drawer.locator('.ulb-total')).toContainText('500.00');
  await shot(page, 'drill-down');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Keyboard: focus the table, ↓ to 102, Enter opens its drill-down.
  const tb = page.getByLabel(/^科目余额表（/);
  await tb.focus();
  await page.keyboard.press('ArrowDown');
  await expect(tb.locator('.ulb-cursor')).toContainText('银行存款');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /数字来源：102 银行存款 本期发生额/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // ---- 明细账 of 102: running balance ----
  await page.getByRole('tab', { name: '明细账' }).click();
  const picker = page.getByLabel('明细账科目');
  await picker.click();
  await page.keyboard.type('yhck');
  await expect(page.getByRole('option', { name: /102\s*银行存款/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(picker).toHaveValue('102 银行存款');
  const book = page.getByLabel(/^明细账（/);
  const entries = book.locator('tr.ulb-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0).locator('td')).toHaveText(['1', '10', '记-1', '收1月会费', '1,280.50', '', '借', '1,280.50']);
  await expect(entries.nth(1).locator('td')).toHaveText(['1', '15', '记-2', '提取备用金', '', '500.00', '借', '780.50']);
  const monthTotal = book.locator('tr.ulb-month-total').first();
  await expect(monthTotal).toContainText('本月合计');
  await expect(monthTotal).toContainText('780.50');
  await expect(monthTotal.locator('td').first()).toHaveCSS('border-top-color', 'rgb(224, 40, 46)');
  await shot(page, 'detail-ledger');

  // 总账 of 101 for 2026: January's 本月合计 and 本年累计.
  await page.getByRole('tab', { name: '总账' }).click();
  await expect(page.getByLabel('总账科目')).toHaveValue('101 库存现金');
  const gl = page.getByLabel(/^总账（/);
  await expect(gl.locator('tr.ulb-month-total').first().locator('td')).toHaveText(['1', '', '', '本月合计', '500.00', '300.00', '借', '200.00']);
  await expect(gl.locator('tr.ulb-year-total').first()).toContainText('本年累计');
  await shot(page, 'general-ledger');

  // 现金日记账: 本日合计 lines and the running balance.
  await page.getByRole('tab', { name: '现金日记账' }).click();
  const cash = page.getByLabel(/^现金日记账（/);
  await expect(cash.locator('tr.ulb-day-total').first()).toContainText('本日合计');
  await expect(cash.locator('tr.ulb-entry').last()).toContainText('200.00');
  await shot(page, 'cash-journal');

  // ---- 报表 ----
  await page.getByRole('menuitem', { name: '报表' }).click();
  await expect(page.getByLabel('报表期间', { exact: true })).toHaveValue('2026-01');
  const sheet = page.locator('table.ulb-bs');
  const moneyRow = sheet.locator('tr').filter({ hasText: '货币资金' });
  await expect(moneyRow.locator('td').nth(3)).toHaveText('980.50');
  const grand = sheet.locator('tr.ulb-bs-grand td');
  await expect(grand).toHaveText(['资产总计', /\d+/, '0.00', '980.50', '负债与净资产总计', /\d+/, '0.00', '980.50']);
  await expect(page.getByText('资产负债表不平')).toHaveCount(0);
  await shot(page, 'balance-sheet');
  // 货币资金 期末余额 → the vouchers on 101 (first tab) and 102.
  await page.getByRole('button', { name: '货币资金 期末余额 980.50' }).click();
  const bsDrawer = page.getByRole('dialog', { name: /数字来源：货币资金/ });
  await expect(bsDrawer.getByRole('radio', { name: '101' })).toBeChecked();
  await expect(bsDrawer.locator('tbody tr.ulb-row')).toHaveCount(2);
  await bsDrawer.getByText('102', { exact: true }).click();
  await expect(bsDrawer.getByRole('link', { name: '记-1' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(bsDrawer).toBeHidden();
  // The same by keyboard: ↓ highlights the first figure drawn from accounts (货币资金), Enter opens it.
  await page.getByLabel(/^资产负债表（↑↓/).focus();
  await page.keyboard.press('ArrowDown');
  await expect(moneyRow.locator('td.ulb-cursor-cell').first()).toHaveText('货币资金');
  await page.keyboard.press('Enter');
  await expect(bsDrawer).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('tab', { name: /收入支出表/ }).click();
  const is = page.locator('table.ulb-is');
  await expect(is.locator('tr').filter({ hasText: '收入合计' }).locator('td')).toHaveText([/收入合计/, '1,280.50', '1,280.50']);
  await expect(is.locator('tr').filter({ hasText: '支出合计' }).locator('td')).toHaveText([/支出合计/, '300.00', '300.00']);
  await expect(is.locator('tr').filter({ hasText: '本期收支差额' }).locator('td')).toHaveText([/本期收支差额/, '980.50', '980.50']);
  await shot(page, 'income-statement');

  // 打印 (PDF) and 导出 Excel.
  const pdfResponse = page.waitForResponse(async (r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"reports.export"'));
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: '打印' }).click();
  const pdf = (await (await pdfResponse).json()) as { ok: boolean; value: { base64: string; mimeType: string } };
  expect(pdf.ok).toBe(true);
  expect(pdf.value.mimeType).toBe('application/pdf');
  expect(Buffer.from(pdf.value.base64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
  await (await popup).close();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const xlsx = fs.readFileSync(await file.path());
  expect(xlsx.subarray(0, 2).toString()).toBe('PK');

  // ---- 结账 ----
  await page.getByRole('menuitem', { name: '账簿' }).click();
  await page.getByRole('tab', { name: '结账' }).click();
  const jan = page.locator('tr').filter({ hasText: '2026年1月' });
  await expect(jan).toContainText('未结账');
  // The accountant may close but not reopen or close the year.
  await expect(page.getByRole('button', { name: '年末结账' })).toHaveCount(0);
  await jan.getByRole('button', { name: '结账 2026-01' }).click();
  const done = page.getByRole('dialog').filter({ hasText: '月末结账完成' });
  await expect(done).toBeVisible();
  await expect(done.getByLabel('已通过的检查')).toContainText('凭证全部审核记账');
  await shot(page, 'close-done');
  await done.getByRole('button', { name: '知道了' }).click();
  await expect(jan).toContainText('已结账');
  await expect(jan.getByRole('link', { name: '查看凭证' })).toBeVisible();
  await expect(jan.getByRole('button', { name: /反结账/ })).toHaveCount(0);

  // February has a draft: refused, with the rule.
  await page.locator('tr').filter({ hasText: '2026年2月' }).getByRole('button', { name: '结账 2026-02' }).click();
  const refusal = page.locator('.ulb-refusal');
  await expect(refusal).toContainText('2026-02 不能结账');
  await expect(refusal).toContainText('还有 1 张凭证未记账');
  await expect(refusal).toContainText('CHK-CLS-1');
  await shot(page, 'close-refused');
  await expect(page.locator('tr').filter({ hasText: '2026年2月' })).toContainText('未结账');
});

test('the supervisor sees 反结账 and 年末结账, and reopening asks for a reason', async ({ page, ledger }) => {
  void ledger;
  await setup(page);
  await login(page, 'kuaiji');
  await invoke(page, 'periods.close', { period: '2026-01' });
  await login(page, 'zhuguan');
  await page.reload();
  await expect(page.locator('header').getByText('会计主管/审核甲', { exact: true })).toBeVisible();
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/books/closing';
  });
  await expect(page.getByRole('button', { name: '年末结账' })).toBeVisible();
  await page.getByRole('button', { name: '反结账 2026-01' }).click();
  const dialog = page.getByRole('dialog', { name: '反结账 2026-01' });
  await dialog.getByLabel('反结账原因').fill('短');
  await dialog.getByRole('button', { name: '反结账' }).click();
  await expect(dialog).toContainText('反结账原因至少 4 个字');
  await dialog.getByLabel('反结账原因').fill('补记1月漏记的银行手续费');
  await dialog.getByRole('button', { name: '反结账' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('tr').filter({ hasText: '2026年1月' })).toContainText('未结账');

  await page.getByRole('button', { name: '年初余额核对' }).click();
  await expect(page.getByRole('dialog', { name: '2026 年初余额核对' })).toBeVisible();
  await shot(page, 'opening-check');
});
