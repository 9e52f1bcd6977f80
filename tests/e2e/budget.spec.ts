// The 预算 module: the accountant enters 2026's 年初预算 (401 会费收入 50,000.00 and 50105 会员活动支出
// 12,000.00) in the grid and saves the draft; the supervisor records the 工会委员会 approval in the
// approvals panel, the 经审会 and 上级工会 approvals go through the API, and 批准 freezes the budget.
// A posted 50105 voucher of 3,000.00 (and 401 income of 20,000.00) then shows in 预算执行 with its
// 完成率 (25.00% / 40.00%); 决算 agrees; 打印 gives a PDF. The reviewer reads without edit buttons.
import type { Page } from '@playwright/test';
import { test, expect, createOffice, createUser, invoke, apiLogin as login } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

type Line = { summary: string; accountCode: string; debit?: number; credit?: number; fundNature?: 'general'; expenseType?: 'basic' };

/** Enters a voucher as the accountant; the supervisor reviews, the cashier confirms and the supervisor posts it. */
async function postedVoucher(page: Page, date: string, lines: Line[]): Promise<void> {
  await login(page, 'kuaiji');
  const saved = await invoke(page, 'vouchers.save', { date, word: '记', attachments: 1, lines });
  const id = (saved.value as { id: number }).id;
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.review', { id });
  await login(page, 'chuna');
  await invoke(page, 'vouchers.confirmCash', { id });
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.post', { id });
}

async function openBudget(page: Page, who: string, label: string): Promise<void> {
  await login(page, who);
  await page.reload();
  await expect(page.locator('header').getByText(label, { exact: true })).toBeVisible();
  await page.getByRole('menuitem', { name: '预算' }).click();
  await expect(page.getByRole('tab', { name: '年度预算' })).toHaveAttribute('aria-selected', 'true');
}

const gridRow = (page: Page, code: string) => page.getByLabel('预算明细').locator('tbody tr').filter({ hasText: code });

test('budget: grid entry, approvals, 批准, execution with 完成率, 决算 and print', async ({ page, ledger }) => {
  void ledger;
  await createOffice(page);
  await createUser(page, 'shencha', 'reviewer');

  // ---- the accountant enters two lines ----
  await openBudget(page, 'kuaiji', '会计甲');
  await expect(page.getByLabel('预算年度').first()).toHaveValue('2026');
  await page.getByLabel('第1行预算科目').click();
  await page.keyboard.type('401');
  await expect(page.getByRole('option', { name: /401\s*会费收入/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第1行预算科目')).toHaveValue('401 会费收入');
  await page.getByLabel('第1行预算金额').fill('50,000.00');
  await page.getByRole('button', { name: '增加一行' }).click();
  await page.getByLabel('第2行预算科目').click();
  await page.keyboard.type('50105');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('第2行预算科目')).toHaveValue(/50105/);
  await page.getByLabel('第2行支出类型').click();
  await page.locator('.ant-select-item-option[title="基本支出"]').click();
  await page.getByLabel('第2行预算金额').fill('12000');
  await page.getByLabel('第2行说明').fill('会员生日慰问');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('预算草稿已保存。')).toBeVisible();
  await expect(page.locator('.ulg-total').filter({ hasText: '收入合计' })).toContainText('50,000.00');
  await expect(page.locator('.ulg-total').filter({ hasText: '支出合计' })).toContainText('12,000.00');
  await expect(page.getByText('草稿', { exact: true })).toBeVisible();
  // The accountant prepares but does not approve.
  await expect(page.getByRole('button', { name: '登记审批' })).toHaveCount(0);

  // ---- the supervisor records the 工会委员会 approval in the panel ----
  await openBudget(page, 'zhuguan', '会计主管/审核甲');
  await expect(page.getByLabel('第2行预算金额')).toHaveValue('12000.00');
  await expect(page.getByText('尚缺：工会委员会、经费审查委员会、上级工会')).toBeVisible();
  await expect(page.getByRole('button', { name: '批准' })).toHaveCount(0);
  await page.getByLabel('审批日期').fill('2026-01-05');
  await page.getByLabel('文号').fill('工委会纪要〔2026〕1号');
  await page.getByRole('button', { name: '登记审批' }).click();
  await expect(page.getByText('已登记工会委员会的审批意见。')).toBeVisible();
  await expect(page.locator('tr').filter({ hasText: '工委会纪要〔2026〕1号' })).toContainText('工会委员会');
  await expect(page.getByText('尚缺：经费审查委员会、上级工会')).toBeVisible();

  // The rest through the API, then 批准 in the UI.
  await invoke(page, 'budget.recordApproval', { year: 2026, version: 0, stage: 'review', decision: 'approved', date: '2026-01-08', documentNo: '经审〔2026〕1号' });
  await invoke(page, 'budget.recordApproval', { year: 2026, version: 0, stage: 'upper', decision: 'approved', date: '2026-01-15', documentNo: '总工〔2026〕3号' });
  await page.reload();
  await page.getByRole('menuitem', { name: '预算' }).click();
  await expect(page.getByText('审批已齐，可以批准')).toBeVisible();
  await page.getByRole('button', { name: '批准', exact: true }).click();
  await expect(page.getByText('2026年度年初预算已批准。')).toBeVisible();
  await expect(page.getByText('已批准（2026-01-15 起执行）')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '开始调整' })).toBeVisible();

  // ---- posted vouchers: 401 income 20,000.00 and 50105 spending 3,000.00 ----
  const g = { fundNature: 'general' } as const;
  await postedVoucher(page, '2026-02-10', [
    { summary: '收会费', accountCode: '102', debit: 2000000 },
    { summary: '收会费', accountCode: '401', credit: 2000000, ...g },
  ]);
  await postedVoucher(page, '2026-03-10', [
    { summary: '会员生日慰问', accountCode: '50105', debit: 300000, ...g, expenseType: 'basic' },
    { summary: '会员生日慰问', accountCode: '102', credit: 300000 },
  ]);

  // ---- 预算执行 ----
  await openBudget(page, 'kuaiji', '会计甲');
  await page.getByRole('tab', { name: '预算执行' }).click();
  await expect(page.getByLabel('截止月份')).toHaveValue(/^2026-\d{2}$/);
  const spend = page.locator('tr.ulg-row').filter({ hasText: '50105' });
  await expect(spend.locator('td')).toHaveText(['2', '50105 职工活动支出——会员活动支出（基本支出）', '12,000.00', '3,000.00', '9,000.00', '25.00%', '']);
  const income = page.locator('tr.ulg-row').filter({ hasText: '401' });
  await expect(income.locator('td')).toHaveText(['1', '401 会费收入', '50,000.00', '20,000.00', '30,000.00', '40.00%', '']);
  await expect(page.locator('tr.ulg-total').filter({ hasText: '支出合计' })).toContainText('25.00%');
  // As of January nothing was spent yet.
  await page.getByLabel('截止月份').click();
  await page.getByLabel('截止月份').fill('2026-01');
  await page.getByLabel('截止月份').press('Enter');
  await expect(spend.locator('td').nth(5)).toHaveText('0.00%');

  // ---- 决算 ----
  await page.getByRole('tab', { name: '决算' }).click();
  await expect(page.locator('tr.ulg-row').filter({ hasText: '50105' }).locator('td').nth(5)).toHaveText('25.00%');

  // ---- 打印 the 年初预算 ----
  await page.getByRole('tab', { name: '年度预算' }).click();
  const pdfResponse = page.waitForResponse(async (r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"budget.export"'));
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: '打印' }).click();
  const pdf = (await (await pdfResponse).json()) as { ok: boolean; value: { base64: string; mimeType: string } };
  expect(pdf.ok).toBe(true);
  expect(pdf.value.mimeType).toBe('application/pdf');
  expect(Buffer.from(pdf.value.base64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
  await (await popup).close();

  // ---- the reviewer reads ----
  await openBudget(page, 'shencha', '经审委员甲');
  await expect(gridRow(page, '50105')).toContainText('12000.00');
  await expect(page.getByRole('button', { name: '开始调整' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '登记审批' })).toHaveCount(0);
});
