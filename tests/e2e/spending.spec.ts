// 支出审批 (issue 5) through the UI: the accountant's 中秋节 gift paid as 购物卡 shows the CHK-CARD-1
// block where the payment method is chosen, with its citation and fix, and 提交 is refused with the
// rule; as 实物 within the cap the gift carries the CHK-BUD-1 warning (no budget line) and is
// submitted; the supervisor reviews; the chair cannot accept without a 10-字 reason, accepts the
// warning with one and approves; the cashier uploads the evidence the checklist asks for, pays from
// 102 and the generated draft voucher opens in 凭证; once the voucher is posted (through the API)
// the 福利台账 shows the member's 300.00 under 节日慰问, linked to the voucher.
import type { Page } from '@playwright/test';
import { test, expect, createOffice, createUser, invoke, apiLogin as login } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

/** Opens an antd Select by its label and takes the option. */
async function choose(page: Page, label: string, option: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const list = await box.getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) });
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
}

async function status(page: Page, text: string) {
  await expect(page.getByLabel('申请状态')).toHaveText(text);
}

const finding = (page: Page, rule: string) => page.locator(`.uls-finding[data-rule="${rule}"]`);

test('支出审批: 购物卡 blocked (CHK-CARD-1), 实物 with a warning, reviewed, accepted with a reason, approved, paid, in the 福利台账', async ({ page, ledger }) => {
  void ledger;
  test.setTimeout(120_000);
  await createOffice(page);
  await createUser(page, 'zhuxi', 'chair');
  await login(page, 'kuaiji');
  await invoke(page, 'members.save', { employeeNo: 'E001', name: '张三', joinedOn: '2015-01-01' });
  await invoke(page, 'members.save', { employeeNo: 'E002', name: '李四', joinedOn: '2016-03-01' });
  await page.reload();
  await page.getByRole('menuitem', { name: '支出审批' }).click();
  await expect(page.getByRole('radio', { name: /草稿/ })).toBeChecked();

  // ---- the request: a 中秋节 gift to two members, paid as 购物卡 ----
  await page.getByRole('button', { name: '新建支出申请' }).click();
  await choose(page, '节日', '中秋节');
  await page.getByLabel('支出日期').fill('2026-09-20');
  const account = page.getByLabel('支出科目');
  await account.fill('50105');
  await account.press('Enter');
  await expect(account).toHaveValue(/^50105 /);
  await page.getByLabel('用途说明').fill('中秋节会员慰问（月饼）');
  await page.getByLabel('收款方', { exact: true }).fill('某某超市');
  await choose(page, '支付方式', '购物卡');
  for (const [i, name] of [[1, '张三'], [2, '李四']] as const) {
    await page.getByRole('button', { name: '添加领取人' }).click();
    await choose(page, `第${i}位领取人`, name);
    await page.getByLabel(`第${i}位领取人金额`).fill('300');
    await page.getByLabel(`第${i}位领取人物品`).fill('月饼一盒');
  }
  await page.getByRole('button', { name: '以合计作为申请金额' }).click();
  await expect(page.getByLabel('申请金额')).toHaveValue('600.00');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(/#\/spending\/\d+$/);
  const id = Number(new URL(page.url()).hash.split('/')[2]);
  await status(page, '草稿');

  // The block shows where the payment method is chosen: red, its rule, message, citation and fix.
  const card = finding(page, 'CHK-CARD-1');
  await expect(card).toBeVisible();
  await expect(card).toHaveClass(/uls-block/);
  await expect(card).toContainText('禁止');
  await expect(card).toContainText('购物卡');
  await expect(card.locator('.uls-citation')).toContainText('总工办发〔2014〕23号');
  await expect(card.locator('.uls-fix')).toContainText('实物');
  await expect(page.locator('section').filter({ hasText: '收款与支付' }).locator('.uls-finding[data-rule="CHK-CARD-1"]')).toBeVisible();

  // 提交 is refused with the rule and its citation; the request stays a draft.
  await page.getByRole('button', { name: '提交', exact: true }).click();
  const refusal = page.locator('.uls-refusal');
  await expect(refusal).toContainText('不能提交');
  await expect(refusal).toContainText('CHK-CARD-1：总工办发〔2014〕23号');
  await status(page, '草稿');

  // ---- 实物 within the cap: the block is gone, the no-budget warning (orange) appears ----
  await choose(page, '支付方式', '实物');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(card).toHaveCount(0);
  const budget = finding(page, 'CHK-BUD-1');
  await expect(budget).toBeVisible();
  await expect(budget).toHaveClass(/uls-warn/);
  await expect(budget).toContainText('提示');
  await expect(budget.locator('.uls-citation')).not.toBeEmpty();
  await expect(page.locator('.uls-finding.uls-block')).toHaveCount(0);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await status(page, '已提交');
  // The requester cannot accept their own warning.
  await expect(budget.getByRole('button', { name: '说明理由接受' })).toHaveCount(0);

  // ---- 会计主管 reviews from the 待审核 inbox ----
  await login(page, 'zhuguan');
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/spending';
  });
  await page.reload();
  await expect(page.getByRole('radio', { name: /待审核/ })).toBeChecked();
  const row = page.getByRole('row').filter({ hasText: '中秋节会员慰问' });
  await expect(row).toContainText('提示 1');
  await row.click();
  await status(page, '已提交');
  await page.getByRole('button', { name: '审核', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: '审核支出申请' });
  await dialog.getByLabel('审核意见').fill('名单与金额核对无误');
  await dialog.getByRole('button', { name: '审核' }).click();
  await status(page, '会计已审核');

  // ---- the chair: approval refused while the warning is open; accepts it with a reason; approves ----
  await login(page, 'zhuxi');
  await page.reload();
  await status(page, '会计已审核');
  await page.getByRole('button', { name: '审批', exact: true }).click();
  dialog = page.getByRole('dialog', { name: '审批支出申请' });
  await dialog.getByRole('button', { name: '审批' }).click();
  await expect(page.locator('.uls-refusal')).toContainText('尚未由工会主席说明理由接受');
  await page.getByRole('button', { name: '取消' }).click();
  await budget.getByRole('button', { name: '说明理由接受' }).click();
  dialog = page.getByRole('dialog', { name: '说明理由接受提示' });
  await expect(dialog).toContainText('CHK-BUD-1');
  await dialog.getByLabel('接受理由').fill('预算编制中');
  await dialog.getByRole('button', { name: '接受并记录理由' }).click();
  await expect(dialog).toContainText('理由至少 10 个字');
  await dialog.getByLabel('接受理由').fill('年度预算尚在编制中，按上年同期标准先行列支');
  await dialog.getByRole('button', { name: '接受并记录理由' }).click();
  await expect(dialog).toBeHidden();
  await expect(budget).toContainText('主席已说明理由接受');
  await expect(budget).toContainText('年度预算尚在编制中');
  await page.getByRole('button', { name: '审批', exact: true }).click();
  dialog = page.getByRole('dialog', { name: '审批支出申请' });
  await dialog.getByRole('button', { name: '审批' }).click();
  await status(page, '主席已审批');

  // ---- the cashier: the evidence the checklist asks for, then 支付 → the draft voucher opens ----
  await login(page, 'chuna');
  await page.reload();
  await status(page, '主席已审批');
  const got = (await invoke(page, 'spending.get', { requestId: id })).value as { requiredEvidence: string[] };
  expect(got.requiredEvidence.length).toBeGreaterThan(0);
  for (const kind of got.requiredEvidence) {
    await page.getByLabel(`上传${kind}`, { exact: true }).setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${kind}`) });
    await expect(page.locator(`tr[data-kind="${kind}"]`)).toContainText('已上传 1 份');
  }
  await page.getByRole('button', { name: '支付', exact: true }).click();
  dialog = page.getByRole('dialog', { name: '出纳支付' });
  await dialog.getByLabel('支付日期').fill('2026-09-25');
  await expect(dialog.getByText(/^102 /)).toBeVisible();
  await dialog.getByRole('button', { name: '支付并生成凭证' }).click();
  await expect(page.getByRole('heading', { name: '记账凭证' })).toBeVisible();
  await expect(page).toHaveURL(/#\/vouchers\/\d+$/);
  const voucherId = Number(new URL(page.url()).hash.split('/')[2]);

  // ---- the voucher is reviewed, confirmed and posted (API), then the 福利台账 ----
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.review', { id: voucherId });
  await login(page, 'chuna');
  await invoke(page, 'vouchers.confirmCash', { id: voucherId });
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.post', { id: voucherId });
  await login(page, 'kuaiji');
  await page.evaluate(() => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = '#/spending/benefits';
  });
  await page.reload();
  await expect(page.getByRole('tab', { name: '福利台账', selected: true })).toBeVisible();
  await choose(page, '福利台账会员', '张三');
  await page.getByLabel('福利台账年度').fill('2026');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByLabel('合计已领')).toHaveText('300.00');
  const line = page.getByRole('row').filter({ hasText: '节日慰问' });
  await expect(line).toContainText('300.00');
  await line.getByRole('button').first().click(); // expand
  await expect(page.getByRole('link', { name: `凭证 #${voucherId}` })).toBeVisible();

  // The request is 已支付 in the accountant's inbox with its voucher.
  await page.getByRole('tab', { name: '支出申请' }).click();
  await page.locator('.ant-segmented-item').filter({ hasText: '已支付' }).click();
  await expect(page.getByRole('row').filter({ hasText: '中秋节会员慰问' })).toContainText(`#${voucherId}`);
});
