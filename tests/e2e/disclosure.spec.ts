// 公示 and 审查报告 in the browser. A posted month (dues 4,500.00 in, festival goods 1,200.00 out);
// the chair opens 公示, sees the year's table with the privacy note, publishes it to the 公示栏 and
// re-prints the publication, whose PDF carries the recorded SHA-256; the reviewer reads the history.
// The reviewer opens 经审 → 审查报告, edits the opinion, saves, freezes with confirmation (the hash is
// shown, the text can no longer be edited) and prints the report; the chair reads it without edit buttons.
import type { Page } from '@playwright/test';
import { test, expect, createOffice, createUser, invoke, apiLogin as login } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

const YEAR = new Date().getFullYear();

type Line = { summary: string; accountCode: string; debit?: number; credit?: number; fundNature?: 'general'; expenseType?: 'basic' };

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

async function setUp(page: Page): Promise<void> {
  await createOffice(page);
  await createUser(page, 'zhuxi', 'chair');
  await createUser(page, 'shencha', 'reviewer');
  await postedVoucher(page, `${YEAR}-01-10`, [
    { summary: '收1月会费', accountCode: '102', debit: 450_000 },
    { summary: '收1月会费', accountCode: '401', credit: 450_000, fundNature: 'general' },
  ]);
  await postedVoucher(page, `${YEAR}-01-20`, [
    { summary: '春节慰问品', accountCode: '50105', debit: 120_000, fundNature: 'general', expenseType: 'basic' },
    { summary: '春节慰问品', accountCode: '102', credit: 120_000 },
  ]);
}

async function openAs(page: Page, who: string, label: string, menu: string): Promise<void> {
  await login(page, who);
  await page.reload();
  await expect(page.locator('header').getByText(label, { exact: true })).toBeVisible();
  await page.getByRole('menuitem', { name: menu }).click();
}

/** Clicks a print button and returns the PDF the core produced (the helper opens it in a new tab). */
async function printedPdf(page: Page, op: string, click: () => Promise<void>): Promise<Buffer> {
  const response = page.waitForResponse(async (r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes(`"${op}"`));
  const popup = page.waitForEvent('popup');
  await click();
  const res = (await (await response).json()) as { ok: boolean; value: { base64: string; mimeType: string } };
  expect(res.ok).toBe(true);
  expect(res.value.mimeType).toBe('application/pdf');
  await (await popup).close();
  const pdf = Buffer.from(res.value.base64, 'base64');
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  return pdf;
}

test('公示: preview, publish a snapshot, re-print it with its hash', async ({ page, ledger }) => {
  void ledger;
  await setUp(page);
  await openAs(page, 'zhuxi', '工会主席甲', '公示');
  await expect(page.getByRole('heading', { name: `${YEAR}年度经费收支情况公示` })).toBeVisible();
  await expect(page.getByText('隐私保护（CHK-PRIV-1）')).toBeVisible();
  const table = page.getByLabel('公示表');
  await expect(table.locator('tr').filter({ hasText: '二、本期收入' })).toContainText('4,500.00');
  await expect(table.locator('tr').filter({ hasText: '三、本期支出' })).toContainText('1,200.00');
  await expect(table.locator('tr').filter({ hasText: '四、本期收支差额' })).toContainText('3,300.00');

  // The preview prints for the notice board (A3 横向 chosen).
  await page.locator('label').filter({ hasText: 'A3 横向' }).click();
  await printedPdf(page, 'disclosure.export', () => page.getByRole('button', { name: '打印预览稿' }).click());

  // 发布.
  await page.getByRole('button', { name: '发布' }).click();
  const dialog = page.getByRole('dialog', { name: /发布：/ });
  await expect(dialog.getByLabel('公示地点')).toBeVisible();
  await dialog.getByRole('button', { name: '确认发布' }).click();
  await expect(page.getByText(/公示已发布（第 1 号，SHA-256/)).toBeVisible();
  const shown = page.getByRole('dialog', { name: /第 1 号公示/ });
  await expect(shown.getByText('校验相符')).toBeVisible();
  const hash = (await shown.getByLabel('公示 SHA-256').innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await page.keyboard.press('Escape');
  await expect(shown).toBeHidden();

  const history = page.getByLabel('发布记录');
  await expect(history.locator('tbody tr')).toHaveCount(1);
  await expect(history.locator('tbody tr').first()).toContainText(`${YEAR}年度`);
  await expect(history.locator('tbody tr').first()).toContainText(hash.slice(0, 16));
  await page.locator('label').filter({ hasText: 'A4 纵向' }).click();
  const pdf = await printedPdf(page, 'disclosure.reprint', () => history.getByRole('button', { name: /重印/ }).click());
  expect(pdf.length).toBeGreaterThan(10_000);

  // The reviewer reads the history but does not publish.
  await openAs(page, 'shencha', '经审委员甲', '公示');
  await expect(page.getByLabel('发布记录').locator('tbody tr').first()).toContainText(hash.slice(0, 16));
  await expect(page.getByRole('button', { name: '发布' })).toHaveCount(0);
});

test('审查报告: edit, freeze with confirmation, hash shown, print', async ({ page, ledger }) => {
  void ledger;
  await setUp(page);
  await openAs(page, 'shencha', '经审委员甲', '经审');
  await page.getByRole('tab', { name: '审查报告' }).click();
  await expect(page.getByLabel('经费收入预算执行情况')).toContainText('4,500.00');
  await expect(page.getByLabel('经费支出预算执行情况')).toContainText('1,200.00');
  await expect(page.getByText('未保存（按账簿生成的初稿）')).toBeVisible();
  const opinion = page.getByLabel('审查意见', { exact: true });
  await opinion.fill('经审查，本年度经费收支账目清楚，手续完备。');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect(page.getByText('审查报告草稿已保存')).toBeVisible();
  await expect(page.getByText('草稿', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: '冻结定稿' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: `冻结${YEAR}年度经费审查报告？` });
  await confirm.getByRole('button', { name: '冻结定稿' }).click();
  await expect(page.getByText('审查报告已冻结定稿')).toBeVisible();
  await expect(page.getByText('已定稿（冻结）')).toBeVisible();
  const hash = (await page.getByLabel('定稿 SHA-256').innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(opinion).toBeDisabled();
  await expect(page.getByRole('button', { name: '保存草稿' })).toHaveCount(0);
  await printedPdf(page, 'reviewReport.export', () => page.getByRole('button', { name: '打印 PDF' }).click());

  // The chair reads the frozen report and its hash, without edit buttons.
  await openAs(page, 'zhuxi', '工会主席甲', '经审');
  await page.getByRole('tab', { name: '审查报告' }).click();
  await expect(page.getByLabel('定稿 SHA-256')).toHaveText(hash);
  await expect(page.getByRole('button', { name: '冻结定稿' })).toHaveCount(0);
  await expect(page.getByLabel('审查意见', { exact: true })).toHaveValue('经审查，本年度经费收支账目清楚，手续完备。');
});
