// 常用分录, 固定资产 and 银行对账 (accounts.md §6 T2, T6, T7, §8; vouchers-and-books.md §9):
// the accountant records a levy of 10,000.00 through its form and the draft voucher shows 402
// 6,000.00 / 211 4,000.00 (60 % retained); buys a computer for 5,200.00 and the draft has the four
// T6 lines; once both are reviewed, confirmed and posted (through /api/invoke for speed) the
// 固定资产 tab lists the computer at 72.22 a month; remitting more than 211 holds is refused on
// the field; the 计提折旧 form creates January's draft with 72.22; January's 银行存款余额调节表
// (a 5,200.00 payment not yet on the statement) is saved and shows 相符; a 900 元 chair is
// refused with the threshold message.
import type { Page } from '@playwright/test';
import { test, expect, createLedger, createUser, invoke, apiLogin as login } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

const SHOTS = process.env['UL_SHOTS'];

const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};





/** The supervisor reviews, the cashier confirms (a 101/102 voucher) and the supervisor posts; the accountant is back. */
async function post(page: Page, id: number, cash = true) {
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.review', { id });
  if (cash) {
    await login(page, 'chuna');
    await invoke(page, 'vouchers.confirmCash', { id });
    await login(page, 'zhuguan');
  }
  await invoke(page, 'vouchers.post', { id });
  await login(page, 'kuaiji');
}

/** The voucher open in the 凭证 form, by its id in the address. */
async function openedVoucherId(page: Page): Promise<number> {
  await expect(page.getByRole('heading', { name: '记账凭证' })).toBeVisible();
  await expect(page).toHaveURL(/#\/vouchers\/\d+$/);
  return Number(new URL(page.url()).hash.split('/')[2]);
}

async function toList(page: Page) {
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/vouchers';
  });
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
}

/** Types a date into an antd DatePicker and commits it. */
async function typeDate(page: Page, label: string, value: string, scope = page.locator('body')) {
  const input = scope.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Tab');
  await expect(input).toHaveValue(value);
}

const line = (page: Page, n: number) => ({
  account: page.getByLabel(`第${n}行会计科目`),
  debit: page.getByLabel(`第${n}行借方金额`),
  credit: page.getByLabel(`第${n}行贷方金额`),
});

test('常用分录: levy split, asset purchase, register, depreciation 72.22, bank reconciliation 相符, chair refused', async ({ page, ledger }) => {
  void ledger;
  test.setTimeout(120_000);
  await createLedger(page);
  await page.getByRole('menuitem', { name: '设置' }).click();
  // 系统设置: the levy share in %, the thresholds in 元 (stored in 分).
  await page.getByRole('tab', { name: '系统设置' }).click();
  await expect(page.getByLabel('拨缴经费本级留成比例')).toHaveValue('60.00');
  await expect(page.getByLabel('一般设备固定资产起点')).toHaveValue('1,000.00');
  await expect(page.getByLabel('专用设备固定资产起点')).toHaveValue('1,500.00');
  await shot(page, 'settings-system');
  await page.getByRole('tab', { name: '用户管理' }).click();
  await createUser(page, 'kuaiji', 'accountant');
  await createUser(page, 'zhuguan', 'supervisor');
  await createUser(page, 'chuna', 'cashier');
  await login(page, 'kuaiji');
  await page.reload();
  await expect(page.locator('header').getByText('会计甲', { exact: true })).toBeVisible();
  await toList(page);

  // ---- 收到拨缴经费 10,000.00: the draft credits 402 6,000.00 and 211 4,000.00 ----
  const group = page.getByRole('group', { name: '常用分录' });
  await group.getByRole('button', { name: '收到拨缴经费' }).focus();
  await page.keyboard.press('Enter'); // keyboard reachable
  let dialog = page.getByRole('dialog', { name: '收到拨缴经费' });
  await expect(dialog).toBeVisible();
  await typeDate(page, '凭证日期', '2026-01-10', dialog);
  await dialog.getByLabel('拨缴经费金额').fill('10,000.00');
  await expect(dialog.getByLabel('银行存款科目')).toHaveValue('102 银行存款');
  await dialog.getByLabel('工资总额').fill('500,000');
  await dialog.getByLabel('收据号码').fill('No.0001');
  await shot(page, 'entries-levy-form');
  await dialog.getByRole('button', { name: '生成凭证' }).click();
  const levyId = await openedVoucherId(page);
  await expect(dialog).toBeHidden();
  await expect(line(page, 1).account).toHaveValue('102 银行存款');
  await expect(line(page, 1).debit).toHaveValue('10,000.00');
  await expect(line(page, 2).account).toHaveValue(/^402 /);
  await expect(line(page, 2).credit).toHaveValue('6,000.00');
  await expect(line(page, 3).account).toHaveValue(/^211 /);
  await expect(line(page, 3).credit).toHaveValue('4,000.00');
  // The helper's report stays on screen: the split.
  await expect(page.getByRole('status').filter({ hasText: '本级留成 60%' })).toBeVisible();
  await shot(page, 'entries-levy-voucher');

  // ---- 购置固定资产: a computer for 5,200.00, the four T6 lines ----
  await toList(page);
  await group.getByRole('button', { name: '购置固定资产' }).click();
  dialog = page.getByRole('dialog', { name: '购置固定资产' });
  await typeDate(page, '购置日期', '2026-01-15', dialog);
  await dialog.getByLabel('资产名称').fill('台式计算机');
  await dialog.getByLabel('原值').fill('5200');
  await expect(dialog.getByLabel('折旧年限')).toHaveValue('6');
  await expect(dialog.getByLabel('资本性支出科目')).toHaveValue(/^50702 /);
  await dialog.getByLabel('保管人').fill('李会计');
  await dialog.getByLabel('存放地点').fill('工会办公室');
  await shot(page, 'entries-asset-form');
  await dialog.getByRole('button', { name: '生成凭证和卡片' }).click();
  const assetId = await openedVoucherId(page);
  await expect(line(page, 1).account).toHaveValue(/^162 /);
  await expect(line(page, 1).debit).toHaveValue('5,200.00');
  await expect(line(page, 2).account).toHaveValue(/^30104 /);
  await expect(line(page, 2).credit).toHaveValue('5,200.00');
  await expect(line(page, 3).account).toHaveValue(/^50702 /);
  await expect(line(page, 3).debit).toHaveValue('5,200.00');
  await expect(line(page, 4).account).toHaveValue('102 银行存款');
  await expect(line(page, 4).credit).toHaveValue('5,200.00');
  await shot(page, 'entries-asset-voucher');

  // ---- both posted by the supervisor and the cashier ----
  await post(page, levyId);
  await post(page, assetId);
  await page.reload();
  await expect(page.locator('header').getByText('会计甲', { exact: true })).toBeVisible();

  // ---- 上缴 more than the 4,000.00 in 211 is refused on the amount ----
  await toList(page);
  await group.getByRole('button', { name: '上缴上级经费' }).click();
  dialog = page.getByRole('dialog', { name: '上缴上级经费' });
  await typeDate(page, '凭证日期', '2026-01-20', dialog);
  await dialog.getByLabel('上缴金额').fill('5,000');
  await dialog.getByRole('button', { name: '生成凭证' }).click();
  await expect(dialog.getByText(/超过应付上级经费（211）已记账余额 4,000\.00 元/)).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();

  // ---- 固定资产 tab ----
  await page.getByRole('menuitem', { name: '账簿' }).click();
  await page.getByRole('tab', { name: '固定资产' }).click();
  const card = page.locator('tr.ulb-row').filter({ hasText: '台式计算机' });
  await expect(card).toBeVisible();
  await expect(card.locator('td')).toContainText(['GZ0001', '台式计算机', '计算机及办公设备', '5,200.00', '2026-01-15', '6 年', '72.22', '', '5,200.00', '在用', '李会计']);
  await shot(page, 'assets-register');

  // ---- 计提折旧 for January: a draft with 72.22 ----
  await page.getByRole('menuitem', { name: '凭证' }).click();
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
  await group.getByRole('button', { name: '计提折旧' }).click();
  dialog = page.getByRole('dialog', { name: '计提折旧' });
  await expect(dialog.getByLabel('计提期间')).toHaveValue('2026-01');
  await dialog.getByRole('button', { name: '计提并生成凭证' }).click();
  const depId = await openedVoucherId(page);
  await expect(line(page, 1).account).toHaveValue(/^30104 /);
  await expect(line(page, 1).debit).toHaveValue('72.22');
  await expect(line(page, 2).account).toHaveValue(/^163 /);
  await expect(line(page, 2).credit).toHaveValue('72.22');
  await expect(page.getByRole('status').filter({ hasText: '台式计算机' })).toContainText('72.22');
  await shot(page, 'entries-depreciation-voucher');
  await post(page, depId, false);
  await page.reload();
  await expect(page.locator('header').getByText('会计甲', { exact: true })).toBeVisible();

  // ---- 银行对账: book 4,800.00; statement 10,000.00 less the 5,200.00 not yet paid by the bank ----
  await page.getByRole('menuitem', { name: '账簿' }).click();
  await page.getByRole('tab', { name: '银行对账' }).click();
  await expect(page.getByLabel('对账期间')).toHaveValue('2026-01');
  await expect(page.getByLabel('单位银行存款日记账余额')).toHaveText('4,800.00');
  await page.getByLabel('银行对账单余额').fill('10,000.00');
  await expect(page.getByRole('status', { name: '对账结果' })).toContainText('不符');
  await page.getByRole('button', { name: '添加单位已付、银行未付' }).click();
  const item = '单位已付、银行未付第1笔';
  await expect(page.getByLabel(`${item}日期`)).toBeFocused();
  await page.getByLabel(`${item}日期`).fill('2026-01-15');
  await page.keyboard.press('Tab');
  await page.keyboard.type('购置台式计算机（转账支票未兑付）');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5,200');
  await expect(page.getByLabel('银行调节后余额')).toHaveText('4,800.00');
  await expect(page.getByLabel('单位调节后余额')).toHaveText('4,800.00');
  await expect(page.getByRole('status', { name: '对账结果' })).toContainText('相符');
  await page.keyboard.press('Control+KeyS');
  await expect(page.getByText('调节表已保存：调节后余额相符')).toBeVisible();
  await expect(page.getByRole('status', { name: '对账结果' })).toContainText('已由');
  await page.reload();
  await expect(page.getByRole('tab', { name: '银行对账' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel(`${item}金额`)).toHaveValue('5,200.00');
  await expect(page.getByRole('status', { name: '对账结果' })).toContainText('相符');
  await shot(page, 'bank-reconciliation');

  // ---- a 900 元 chair is refused: under the 1,000.00 threshold ----
  await page.getByRole('menuitem', { name: '凭证' }).click();
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
  await group.getByRole('button', { name: '购置固定资产' }).click();
  dialog = page.getByRole('dialog', { name: '购置固定资产' });
  await typeDate(page, '购置日期', '2026-01-25', dialog);
  await dialog.getByLabel('资产名称').fill('办公椅');
  await dialog.getByLabel('资产类别').click();
  await page.locator('.ant-select-item-option').filter({ hasText: /^家具/ }).click();
  await expect(dialog.getByLabel('折旧年限')).toHaveValue('15');
  await dialog.getByLabel('原值').fill('900');
  await dialog.getByLabel('保管人').fill('李会计');
  await dialog.getByRole('button', { name: '生成凭证和卡片' }).click();
  await expect(dialog.getByText(/“办公椅”单位价值 900\.00 元，低于一般设备的固定资产起点 1,000\.00 元，不作为固定资产入账/)).toBeVisible();
  await expect(dialog).toBeVisible();
  await shot(page, 'entries-chair-refused');
});
