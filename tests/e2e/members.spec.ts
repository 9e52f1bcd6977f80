// The 会员与会费 module end to end, as the accountant: the import template; a realistic 300-member
// roster with bad rows (tests/helpers/members-file.ts) is refused with row, column and reason and
// 导入 stays disabled; the corrected file imports 300; pinyin search "zs" finds 张三, who retires
// (退休·保留会籍) from the 1st of the month; wage bases (API plus one typed in the grid); the month's
// dues are computed with 张三 exempt; payroll collection makes a draft voucher, a cash payment gets
// 会费收据 No. 2026-0001 and a PDF; the arrears list shows the member left unpaid.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, createLedger, createOffice, createUser, invoke, apiLogin } from './fixtures';
import { membersXlsx, realisticMembers, withFiveBadRows } from '../helpers/members-file';

test.use({ actionTimeout: 15_000 });

test.afterEach(async ({ context }) => {
  await context.close();
});

const SHOTS = process.env['UL_SHOTS'];
const MONTH = '2026-11';

/** invoke (fixtures) with its typed value. */
async function call<T>(page: Page, op: string, input: unknown): Promise<T> {
  return (await invoke(page, op, input)).value as T;
}

const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/** Types a month into an antd month picker. */
async function pickMonth(page: Page, label: string, month: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(month);
  await input.press('Enter');
  await expect(input).toHaveValue(month);
}

/** Chooses an option of an antd Select (typing first into a searchable one). */
async function choose(page: Page, select: ReturnType<Page['getByLabel']>, typed: string, option: RegExp | string) {
  await select.click();
  if (typed) await select.fill(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

test('members and dues: import with bad rows, pinyin search, retirement, dues run, payroll and cash collection, arrears', async ({ page, ledger }) => {
  test.setTimeout(180_000);
  const roster = realisticMembers(300);
  const cashMember = roster[1]!; // 10002, 在职
  const unpaidMember = roster[2]!; // 10003, 在职
  expect([cashMember.会员状态, unpaidMember.会员状态, roster[7]!.姓名]).toEqual(['在职', '在职', '张三']);

  await createOffice(page);
  await apiLogin(page, 'kuaiji');
  await page.reload();
  await expect(page.locator('header').getByText('会计甲', { exact: true })).toBeVisible();

  // ---- 导入: template, a file with bad rows, the corrected file ----
  await page.getByRole('menuitem', { name: '会员与会费' }).click();
  await page.getByRole('tab', { name: '导入导出' }).click();
  const tplDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '下载模板' }).click();
  const tpl = await tplDownload;
  expect(tpl.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(fs.readFileSync(await tpl.path()).subarray(0, 2).toString()).toBe('PK');

  const { rows: badRows, bad } = withFiveBadRows(roster);
  const badFile = path.join(ledger.dir, '会员名册（有错误）.xlsx');
  fs.writeFileSync(badFile, await membersXlsx(badRows));
  await page.getByLabel('选择导入文件').setInputFiles(badFile);
  const problems = page.getByRole('region', { name: '问题清单' });
  await expect(page.getByText(/发现 \d+ 个问题（\d+ 行），整个文件不能导入/)).toBeVisible();
  for (const b of bad) {
    const row = problems.locator('tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${b.row}$`) }) }).filter({ hasText: b.column });
    await expect(row.first(), `row ${b.row} ${b.column}`).toContainText(b.contains);
  }
  await expect(page.getByRole('button', { name: '导入', exact: true })).toBeDisabled();
  await shot(page, 'members-import-problems');

  const goodFile = path.join(ledger.dir, '会员名册.xlsx');
  fs.writeFileSync(goodFile, await membersXlsx(roster));
  await page.getByLabel('选择导入文件').setInputFiles(goodFile);
  await expect(page.getByText('检查通过：共 300 行，可以导入')).toBeVisible();
  await expect(page.getByText('将新建工会小组')).toBeVisible();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const summary = page.getByLabel('导入结果');
  await expect(summary).toBeVisible();
  await expect(summary.locator('th', { hasText: '新增' }).locator('xpath=following-sibling::td[1]')).toHaveText('300');
  await expect(summary.locator('th', { hasText: '新建小组' }).locator('xpath=following-sibling::td[1]')).toContainText('一车间');
  await shot(page, 'members-import-done');

  // ---- 会员名册: pinyin search, the drawer, 退休·保留会籍 ----
  await page.getByRole('tab', { name: '会员名册' }).click();
  await expect(page.getByText('共 300 名会员')).toBeVisible();
  await page.getByLabel('搜索会员').fill('zs');
  const zhangRow = page.locator('tr').filter({ hasText: '10008' });
  await expect(zhangRow).toContainText('张三');
  await expect(page.getByText('共 300 名会员')).toHaveCount(0);
  await zhangRow.click();
  const drawer = page.getByRole('dialog', { name: '10008 张三' });
  await expect(drawer).toBeVisible();
  if (roster[7]!.身份证号) {
    await expect(drawer.getByLabel('身份证号')).toContainText('*');
    await drawer.getByRole('button', { name: '显示完整号码' }).click();
    await expect(drawer.getByLabel('身份证号')).toHaveText(roster[7]!.身份证号);
    await expect(drawer.getByText('已记入审计日志')).toBeVisible();
  }
  await drawer.getByRole('button', { name: '变更状态' }).click();
  const statusDialog = page.getByRole('dialog', { name: '变更状态：张三' });
  await choose(page, statusDialog.getByLabel('新状态'), '', '退休·保留会籍');
  await statusDialog.getByLabel('生效日期').fill(`${MONTH}-01`);
  await statusDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(statusDialog).toContainText('请填写变更原因');
  await statusDialog.getByLabel('变更原因').fill('达到法定退休年龄，保留会籍');
  await statusDialog.getByRole('button', { name: '确认变更' }).click();
  await expect(statusDialog).toBeHidden();
  await expect(drawer.locator('.ant-descriptions')).toContainText('退休·保留会籍');
  await expect(drawer.getByLabel('会员历史')).toContainText('达到法定退休年龄');
  await shot(page, 'members-drawer');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // ---- 缴费基数: the API for all but one, the grid for the last ----
  const wages = await call<{ memberId: number; employeeNo: string }[]>(page, 'dues.wages.list', { month: MONTH });
  const typed = wages.find((w) => w.employeeNo === cashMember.工号)!;
  await invoke(page, 'dues.wages.save', { month: MONTH, rows: wages.filter((w) => w !== typed).map((w) => ({ memberId: w.memberId, baseFen: 456789 })) });
  await page.getByRole('tab', { name: '会费', exact: true }).click();
  await pickMonth(page, '会费月份', MONTH);
  await page.getByRole('tab', { name: '缴费基数' }).click();
  await page.getByLabel('查找会员').fill(cashMember.工号);
  await page.getByLabel(`${cashMember.工号} ${cashMember.姓名} 会费基数`).fill('3,080.00');
  await page.getByRole('button', { name: /保存基数/ }).click();
  await expect(page.getByText(`已保存 1 名会员 ${MONTH} 的会费基数`)).toBeVisible();

  // ---- 计算本月会费: 张三 exempt ----
  await page.getByRole('tab', { name: '月度会费与收缴' }).click();
  await page.getByRole('button', { name: '计算本月会费' }).click();
  const result = page.getByLabel('计算结果');
  await expect(result).toContainText(`${MONTH} 会费已计算`);
  await expect(result.locator('th', { hasText: '缺少基数' }).locator('xpath=following-sibling::td[1]')).toHaveText('0');
  const exemptCount = Number(await result.locator('th', { hasText: '保留会籍免缴' }).locator('xpath=following-sibling::td[1]').innerText());
  expect(exemptCount).toBeGreaterThan(0);
  await choose(page, page.getByLabel('缴费状态'), '', '免缴');
  const lines = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '待记账' }) }).first();
  await expect(lines.locator('tr').filter({ hasText: '张三' })).toContainText('免缴');
  await shot(page, 'dues-run');
  await page.getByLabel('缴费状态').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').hover();
  await page.locator('.ant-select-clear').first().click();
  await expect(lines.locator('tr').filter({ hasText: cashMember.工号 })).toContainText('15.40'); // 3,080.00 → 15.40 (dues.md member B)

  // ---- 工资代扣收缴: one draft voucher, two members excluded ----
  await page.getByRole('button', { name: '工资代扣收缴…' }).click();
  const payroll = page.getByRole('dialog', { name: `工资代扣收缴 ${MONTH} 会费` });
  await expect(payroll.getByLabel('银行存款科目')).toBeVisible();
  await expect(payroll.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: /^102/ }).first()).toBeVisible();
  for (const m of [cashMember, unpaidMember]) await choose(page, payroll.getByLabel('不代扣的会员'), m.工号, `${m.工号} ${m.姓名}`);
  await payroll.getByText('入账日期').click(); // close the list
  await expect(payroll).toContainText(`代扣 ${253 - 2} 人`);
  await payroll.getByRole('button', { name: '生成收款凭证' }).click();
  await expect(payroll).toContainText('已生成草稿凭证');
  await shot(page, 'dues-payroll');
  const payrollTotal = (await payroll.innerText()).match(/251 名会员，合计 ([\d,.]+) 元/)?.[1];
  expect(payrollTotal).toBeTruthy();
  await payroll.getByRole('button', { name: '打开凭证' }).click();
  await expect(page).toHaveURL(/#\/vouchers\/\d+$/);
  const voucher = page.getByRole('region', { name: '记账凭证' });
  await expect(voucher).toContainText('草稿');
  await expect(voucher.getByRole('row', { name: `收${MONTH.slice(0, 4)}年${Number(MONTH.slice(5))}月会费（工资代扣 251 人） 102 银行存款 ${payrollTotal}` })).toBeVisible();
  await expect(voucher.getByRole('row', { name: new RegExp(`401 会费收入 非专项 ${payrollTotal!.replace(/\./g, '\\.')}$`) })).toBeVisible();
  await shot(page, 'dues-payroll-voucher');

  // ---- 现金收缴: receipt No. 2026-0001 and its PDF ----
  await page.getByRole('menuitem', { name: '会员与会费' }).click();
  await page.getByRole('tab', { name: '会费', exact: true }).click();
  await pickMonth(page, '会费月份', MONTH);
  await page.getByRole('button', { name: '现金收缴…' }).click();
  const cash = page.getByRole('dialog', { name: '现金收缴会费' });
  await choose(page, cash.getByLabel('缴费会员'), cashMember.工号, `${cashMember.工号} ${cashMember.姓名}`);
  await cash.getByRole('button', { name: '收款并开收据' }).click();
  await expect(cash).toContainText('已开具会费收据 No. 2026-0001');
  await expect(cash.getByLabel('会费收据')).toContainText('15.40');
  await shot(page, 'dues-cash-receipt');
  const pdfResponse = page.waitForResponse(async (r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"dues.receipt.print"'));
  const popup = page.waitForEvent('popup');
  await cash.getByRole('button', { name: '打印收据' }).click();
  const pdf = (await (await pdfResponse).json()) as { ok: boolean; value: { base64: string; mimeType: string } };
  expect(pdf.ok).toBe(true);
  expect(pdf.value.mimeType).toBe('application/pdf');
  expect(Buffer.from(pdf.value.base64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
  await (await popup).close();
  await cash.getByRole('button', { name: '关闭', exact: true }).last().click();
  await expect(cash).toBeHidden();

  // ---- 欠费名单: the excluded member, unpaid, no pending amount ----
  await page.getByRole('tab', { name: '欠费与报表' }).click();
  await pickMonth(page, '截至月份', MONTH);
  const arrears = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: '欠缴月份' }) }).first();
  await expect(page.getByText(/欠缴会员 \d+ 人/)).toBeVisible();
  await shot(page, 'dues-arrears');
  await page.getByLabel('查找欠费会员').fill(unpaidMember.工号);
  const unpaid = arrears.locator('tr').filter({ hasText: unpaidMember.工号 });
  await expect(unpaid).toContainText(unpaidMember.姓名);
  await expect(unpaid).toContainText(MONTH);
  await expect(unpaid).toContainText('22.80'); // 4,567.89 → 4,560.00 × 0.5 %
  await expect(unpaid.locator('td').nth(7)).toHaveText(''); // nothing pending for this member
  await page.getByLabel('查找欠费会员').fill('10008');
  await expect(arrears.locator('tr').filter({ hasText: '10008' })).toHaveCount(0); // 张三 is exempt

  // The reports open: 会费台账 with group totals, and its Excel export.
  await page.getByRole('tab', { name: '会费台账' }).click();
  await expect(page.getByLabel('小组合计')).toContainText('全会合计');
  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const ledgerFile = await xlsxDownload;
  expect(ledgerFile.suggestedFilename()).toMatch(/\.xlsx$/);
  await shot(page, 'dues-ledger');
});

test('an old .xls file gets the message to save it as .xlsx; the cashier only reads', async ({ page, ledger }) => {
  await createLedger(page);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
  await createUser(page, 'kuaiji', 'accountant');
  await createUser(page, 'chuna', 'cashier');
  await apiLogin(page, 'kuaiji');
  await page.reload();
  await page.getByRole('menuitem', { name: '会员与会费' }).click();
  await page.getByRole('tab', { name: '导入导出' }).click();
  const xls = path.join(ledger.dir, '会员.xls');
  fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  await page.getByLabel('选择导入文件').setInputFiles(xls);
  await expect(page.getByText(/另存为.*\.xlsx/)).toBeVisible();
  await shot(page, 'members-xls');

  await apiLogin(page, 'chuna');
  await page.reload();
  await page.getByRole('menuitem', { name: '会员与会费' }).click();
  await expect(page.getByRole('tab', { name: '会员名册' })).toBeVisible();
  await expect(page.getByRole('button', { name: '新增会员' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '导出', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: '会费', exact: true }).click();
  await expect(page.getByRole('button', { name: '计算本月会费' })).toHaveCount(0);
});
