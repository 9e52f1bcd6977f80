// The 经审 module: on a ledger with a few posted vouchers of 2026 (dues, a 60,000.00 levy receipt split
// 402/211 and its remittance, festival goods of 45,000.00, two small purchases, one without an
// attachment), the 经审委员 logs in through the login page, draws a stratified sample with a typed
// seed (the levy receipt, over the 50,000 元 threshold, is always in it; drawing again with the same
// seed gives the same vouchers), opens a sampled voucher read-only, records two findings on vouchers
// and moves one to 整改中, and exports the 专项审查表 to Excel (one sheet per schedule) and prints the
// PDF. The reviewer sees 支出审批 but no 新建 button, and the chair reads the findings without writing.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { test, expect, createOffice, createUser, invoke, apiLogin, loginUI } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

type Line = { summary: string; accountCode: string; debit?: number; credit?: number; fundNature?: 'general'; expenseType?: 'basic'; counterparty?: string };

/** Saves vouchers as the accountant, then reviews, confirms and posts them in batches (one login per role). */
async function postAll(page: Page, vouchers: { date: string; lines: Line[]; attachments?: number }[]): Promise<number[]> {
  await apiLogin(page, 'kuaiji');
  const saved: { id: number; needsCashier: boolean }[] = [];
  for (const v of vouchers) saved.push((await invoke(page, 'vouchers.save', { date: v.date, attachments: v.attachments ?? 1, lines: v.lines })).value as { id: number; needsCashier: boolean });
  await apiLogin(page, 'zhuguan');
  for (const v of saved) await invoke(page, 'vouchers.review', { id: v.id });
  await apiLogin(page, 'chuna');
  for (const v of saved.filter((x) => x.needsCashier)) await invoke(page, 'vouchers.confirmCash', { id: v.id });
  await apiLogin(page, 'zhuguan');
  for (const v of saved) await invoke(page, 'vouchers.post', { id: v.id });
  return saved.map((v) => v.id);
}

const G = { fundNature: 'general' as const };
const E = { fundNature: 'general' as const, expenseType: 'basic' as const };

test('经审: a reviewer draws a sample, records two findings and exports the schedules', async ({ page, ledger }) => {
  void ledger;
  test.setTimeout(120_000);
  await createOffice(page);
  await createUser(page, 'shencha', 'reviewer');
  await createUser(page, 'zhuxi', 'chair');

  // ---- a few months of books (through the API: setup, not the subject) ----
  const dues = (m: number) => ({
    date: `2026-0${m}-10`,
    lines: [
      { summary: `收${m}月会费`, accountCode: '102', debit: 750_000 },
      { summary: `收${m}月会费`, accountCode: '401', credit: 750_000, ...G },
    ],
  });
  const [, , , levy, , festival, noReceipt] = await postAll(page, [
    dues(1),
    dues(2),
    dues(3),
    {
      date: '2026-01-15',
      attachments: 2,
      lines: [
        { summary: '收到第四季度拨缴经费', accountCode: '102', debit: 6_000_000 },
        { summary: '拨缴经费留成60%', accountCode: '402', credit: 3_600_000, ...G },
        { summary: '拨缴经费应上缴40%', accountCode: '211', credit: 2_400_000, counterparty: '市总工会' },
      ],
    },
    {
      date: '2026-02-10',
      lines: [
        { summary: '上缴市总工会经费', accountCode: '211', debit: 2_400_000, counterparty: '市总工会' },
        { summary: '上缴市总工会经费', accountCode: '102', credit: 2_400_000 },
      ],
    },
    {
      date: '2026-01-22',
      lines: [
        { summary: '春节慰问品（300人×150元）', accountCode: '50105', debit: 4_500_000, ...E },
        { summary: '春节慰问品（300人×150元）', accountCode: '102', credit: 4_500_000 },
      ],
    },
    {
      date: '2026-03-05',
      attachments: 0,
      lines: [
        { summary: '购买文体用品', accountCode: '50102', debit: 45_800, ...E },
        { summary: '购买文体用品', accountCode: '102', credit: 45_800 },
      ],
    },
    {
      date: '2026-03-20',
      lines: [
        { summary: '经审会会议茶水', accountCode: '50502', debit: 12_600, ...E },
        { summary: '经审会会议茶水', accountCode: '102', credit: 12_600 },
      ],
    },
  ]);

  // ---- the reviewer logs in ----
  await invoke(page, 'session.logout', {});
  await page.reload();
  await loginUI(page, 'shencha');
  await expect(page.locator('header').getByText('经审委员甲', { exact: true })).toBeVisible();
  // Reads 支出审批 but cannot create a request.
  await page.getByRole('menuitem', { name: '支出审批' }).click();
  await expect(page.getByRole('tab', { name: '支出申请' })).toBeVisible();
  await expect(page.getByRole('button', { name: /新建/ })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '福利台账' })).toHaveCount(0);

  await page.getByRole('menuitem', { name: '经审' }).click();
  await expect(page.getByRole('tab', { name: '抽样' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('审查年度').first()).toHaveValue('2026');

  // ---- 抽样 with a typed seed ----
  await page.getByLabel('随机种子').fill('20260131');
  // Strata with a real choice: 1 of the 2 small purchases, 2 of the 3 dues receipts, 1 of the 2 between 10,000 and 50,000 元.
  await page.getByLabel('第1层抽取张数').fill('1');
  await page.getByLabel('第2层抽取张数').fill('2');
  await page.getByLabel('第3层抽取张数').fill('1');
  await page.getByRole('button', { name: '抽样', exact: true }).click();
  await expect(page.getByText(/已抽取 \d+ 张凭证（随机种子 20260131）/)).toBeVisible();
  const result = page.getByRole('region', { name: '抽样结果' });
  await expect(result.getByText('随机种子 20260131')).toBeVisible();
  await expect(result).toContainText('总体');
  await expect(result).toContainText('总体8 张，152,084.00 元');
  const sampleRows = page.getByLabel('样本凭证').locator('tbody tr.ant-table-row');
  // The levy receipt (60,000.00) is over the 50,000.00 threshold: always drawn.
  await expect(sampleRows.filter({ hasText: '60,000.00' })).toContainText('全部抽取');
  const firstDraw = (await sampleRows.allInnerTexts()).sort();
  expect(firstDraw).toHaveLength(1 + 2 + 1 + 1);

  // The same seed draws the same vouchers. (After a draw the button's spinner may linger, collapsed, in
  // the DOM while antd's exit motion runs, so its accessible name can still read "loading 抽样".)
  await page.getByRole('region', { name: '抽样设置' }).getByRole('button', { name: /抽样$/ }).click();
  await expect(result.locator('h3')).toContainText('第 2 次抽样');
  await expect(sampleRows).toHaveCount(firstDraw.length);
  expect((await sampleRows.allInnerTexts()).sort()).toEqual(firstDraw);

  // A sampled voucher opens read-only in 凭证.
  await sampleRows.filter({ hasText: '60,000.00' }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/vouchers/${levy}$`));
  await expect(page.getByRole('button', { name: '保存' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '记账' })).toHaveCount(0);
  await page.goBack();

  // ---- 审查问题: two findings ----
  await page.getByRole('menuitem', { name: '经审' }).click();
  await page.getByRole('tab', { name: '审查问题' }).click();
  await expect(page.getByText('本年度尚未登记审查问题')).toBeVisible();

  await page.getByRole('button', { name: '登记问题' }).click();
  let dialog = page.getByRole('dialog', { name: '登记审查问题' });
  await dialog.getByLabel('问题标题').fill('支出凭证未附原始凭证');
  await dialog.getByLabel('问题描述').fill('3月5日购买文体用品 458.00 元，附件张数为 0。');
  await dialog.getByLabel('审查建议').fill('补附发票及购物清单。');
  await dialog.getByLabel('整改责任人').fill('会计');
  await dialog.getByLabel('整改期限').fill('2026-12-31');
  await dialog.getByLabel('问题性质').click();
  await page.locator('.ant-select-item-option[title="重要"]').click();
  await dialog.getByLabel('凭证月份').click();
  await dialog.getByLabel('凭证月份').fill('2026-03');
  await dialog.getByLabel('凭证月份').press('Enter');
  await dialog.getByLabel('涉及凭证').click();
  await page.keyboard.type('购买文体用品');
  await page.locator('.ant-select-item-option').filter({ hasText: '购买文体用品' }).first().click();
  await dialog.getByLabel('问题标题').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已登记审查问题')).toBeVisible();
  const table = page.getByLabel('审查问题', { exact: true });
  const first = table.locator('tbody tr.ant-table-row').filter({ hasText: '支出凭证未附原始凭证' });
  await expect(first).toContainText('重要');
  await expect(first).toContainText('未整改');
  await expect(first).toContainText('03-05');

  await page.getByRole('button', { name: '登记问题' }).click();
  dialog = page.getByRole('dialog', { name: '登记审查问题' });
  await dialog.getByLabel('问题标题').fill('节日慰问品支出无审批记录');
  await dialog.getByLabel('问题描述').fill('春节慰问品 45,000.00 元未经主席审批或集体研究。');
  await dialog.getByLabel('凭证月份').click();
  await dialog.getByLabel('凭证月份').fill('2026-01');
  await dialog.getByLabel('凭证月份').press('Enter');
  await dialog.getByLabel('涉及凭证').click();
  await page.keyboard.type('春节慰问品');
  await page.locator('.ant-select-item-option').filter({ hasText: '春节慰问品' }).first().click();
  await dialog.getByLabel('问题标题').click();
  await dialog.getByRole('button', { name: '保存' }).click();
  const second = table.locator('tbody tr.ant-table-row').filter({ hasText: '节日慰问品支出无审批记录' });
  await expect(second).toContainText('一般');

  // 整改 follow-up on the first.
  await first.getByRole('button', { name: '登记整改' }).click();
  const follow = page.getByRole('dialog', { name: /登记整改情况/ });
  await follow.getByLabel('整改情况说明').fill('会计已向供应商索取发票');
  await follow.getByRole('button', { name: '保存' }).click();
  await expect(first).toContainText('整改中');

  const stored = (await invoke(page, 'review.findings.list', { year: 2026 })).value as { title: string; vouchers: { voucherId: number }[]; events: { toStatus: string; by: string }[] }[];
  expect(stored.map((f) => f.title)).toEqual(['支出凭证未附原始凭证', '节日慰问品支出无审批记录']);
  expect(stored[0]!.vouchers.map((v) => v.voucherId)).toEqual([noReceipt]);
  expect(stored[1]!.vouchers.map((v) => v.voucherId)).toEqual([festival]);
  expect(stored[0]!.events.map((e) => [e.toStatus, e.by])).toEqual([
    ['open', '经审委员甲'],
    ['in_progress', '经审委员甲'],
  ]);

  // ---- 专项审查表: levy and evidence, then export ----
  await page.getByRole('tab', { name: '专项审查表' }).click();
  await page.getByLabel('审查表').getByText(/^拨缴经费收取与上缴/).click();
  const levyTable = page.getByLabel('拨缴经费收取与上缴情况表', { exact: true });
  await expect(levyTable.locator('tbody tr.ant-table-row').filter({ hasText: '收到第四季度拨缴经费' })).toContainText('36,000.00');
  await expect(levyTable.locator('tbody tr.ant-table-row').filter({ hasText: '收到第四季度拨缴经费' })).toContainText('2026-02-10上缴（26天）');
  await expect(levyTable.locator('tbody tr.ant-table-row').filter({ hasText: '应付上级经费（211）' })).toContainText('已缴清');
  await page.getByLabel('审查表').getByText(/^原始凭证及审批手续缺失/).click();
  await expect(page.getByLabel('原始凭证及审批手续缺失情况表', { exact: true }).locator('tbody tr.ant-table-row').filter({ hasText: '购买文体用品' })).toContainText('附件张数为 0');

  const all = page.getByRole('group', { name: '全部审查表' });
  const download = page.waitForEvent('download');
  await all.getByRole('button', { name: '导出 Excel' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('经费审查专项审查表-2026年度.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toHaveLength(7);
  expect(wb.worksheets.map((w) => w.name).join('|')).toContain('拨缴经费收取与上缴');

  const pdfResponse = page.waitForResponse(async (r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"review.schedules.export"'));
  const popup = page.waitForEvent('popup');
  await all.getByRole('button', { name: '打印' }).click();
  const pdf = (await (await pdfResponse).json()) as { ok: boolean; value: { base64: string; mimeType: string } };
  expect(pdf.ok).toBe(true);
  expect(Buffer.from(pdf.value.base64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
  await (await popup).close();

  // ---- the chair reads the findings and cannot write ----
  await apiLogin(page, 'zhuxi');
  await page.reload();
  await page.getByRole('menuitem', { name: '经审' }).click();
  await expect(page.getByRole('region', { name: '抽样设置' })).toHaveCount(0);
  await page.getByRole('tab', { name: '审查问题' }).click();
  await expect(page.getByLabel('审查问题', { exact: true }).locator('tbody tr.ant-table-row').filter({ hasText: '支出凭证未附原始凭证' })).toContainText('整改中');
  await expect(page.getByRole('button', { name: '登记问题' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '登记整改' })).toHaveCount(0);
});
