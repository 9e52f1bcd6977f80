// Issue 5 "Done when" through the UI, a representative subset of the year: the administrator adds a
// version of the rules (设置 → 支出规则: festival gifts ≤1,000 元 per member from 2026-01-01, the
// old version kept); the accountant prepares the Spring Festival batch for every member in service
// (批量发放), sees each recipient pass, prints the 签领表; the chair accepts the no-budget warning
// with a written reason and approves; once paid and posted, each blocked kind entered through the
// request form shows its rule id and citation where it arises — 购物卡 (CHK-CARD-1), over the cap
// (CHK-FEST-2, citing the new version), a banquet (CHK-BBZ-1), a two-day trip (CHK-OUT-2), 3,000 元
// cash to a supplier (CHK-CASH-1), the employer's office (CHK-BBZ-4); the 福利台账 shows what remains
// under the cap. The 困难职工档案 tab shows for the chair only.
import type { Page } from '@playwright/test';
import { test, expect, createOffice, createUser, invoke, rawInvoke, apiLogin as login } from './fixtures';

test.afterEach(async ({ context }) => {
  await context.close();
});

async function choose(page: Page, label: string, option: string, multi = false) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const list = await box.getAttribute('aria-controls');
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${list}"]`) });
  await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
  if (multi) await box.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
}

/** 支出事项 of a new request (its list is virtual: only the first options are rendered), by the keyboard from 节日慰问. */
const TYPES = ['节日慰问', '生日慰问', '结婚', '生育', '住院', '会员或直系亲属去世', '退休', '困难帮扶', '送温暖', '金秋助学', '文体活动', '春秋游', '观影', '疗休养', '劳动竞赛', '职工教育', '宣传活动', '培训', '会议', '设备购置', '对外借款', '对外担保', '对外投资', '其他'];
async function chooseType(page: Page, type: string) {
  const box = page.getByLabel('支出事项', { exact: true });
  await box.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  for (let i = 0; i < TYPES.indexOf(type); i++) await box.press('ArrowDown');
  await box.press('Enter');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator(`[title="${type}"]`).first()).toBeVisible();
}

async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = h;
  }, hash);
  await page.reload();
}

const finding = (page: Page, rule: string) => page.locator(`.uls-finding[data-rule="${rule}"]`);

interface Blocked {
  type?: string;
  festival?: string;
  date: string;
  account: string;
  purpose: string;
  payeeKind?: string;
  payee: string;
  method?: string;
  amount?: string;
  recipient?: { name: string; amount: string };
  outingDays?: string;
  destination?: string;
}

/** A new request through the form, saved: the rule shows red with its citation, and 提交 is refused with it. */
async function enterBlocked(page: Page, b: Blocked, rule: string, citation: string) {
  await goTo(page, '#/spending/new');
  if (b.type) await chooseType(page, b.type);
  if (b.festival) await choose(page, '节日', b.festival);
  await page.getByLabel('支出日期').fill(b.date);
  const account = page.getByLabel('支出科目');
  await account.fill(b.account);
  await account.press('Enter');
  await expect(account).toHaveValue(new RegExp(`^${b.account} `));
  await page.getByLabel('用途说明').fill(b.purpose);
  if (b.payeeKind) await choose(page, '收款方类型', b.payeeKind);
  await page.getByLabel('收款方', { exact: true }).fill(b.payee);
  if (b.method) await choose(page, '支付方式', b.method);
  if (b.outingDays) await page.getByLabel('活动天数').fill(b.outingDays);
  if (b.destination) await page.getByLabel('目的地').fill(b.destination);
  if (b.recipient) {
    await page.getByRole('button', { name: '添加领取人' }).click();
    await choose(page, '第1位领取人', b.recipient.name);
    await page.getByLabel('第1位领取人金额').fill(b.recipient.amount);
    await page.getByLabel('第1位领取人物品').fill('慰问品');
    await page.getByRole('button', { name: '以合计作为申请金额' }).click();
  } else {
    await page.getByLabel('申请金额').fill(b.amount ?? '');
  }
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page).toHaveURL(/#\/spending\/\d+$/);
  const f = finding(page, rule);
  await expect(f).toBeVisible();
  await expect(f).toHaveClass(/uls-block/);
  await expect(f.locator('.uls-rule')).toHaveText(rule);
  await expect(f.locator('.uls-citation')).toContainText(citation);
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.locator('.uls-refusal')).toContainText(`${rule}：`);
  await expect(page.getByLabel('申请状态')).toHaveText('草稿');
}

test('a year of spending: rules version, batch with roster, chair override, six blocked kinds, benefit register', async ({ page, ledger }) => {
  void ledger;
  test.setTimeout(90_000);
  await createOffice(page);
  await createUser(page, 'zhuxi', 'chair');

  // ---- 设置 → 支出规则: NATIONAL v1 has no yuan caps; the admin adds v2 with 1,000 元 from 2026-01-01 ----
  await page.getByRole('tab', { name: '支出规则' }).click();
  const versions = page.getByLabel('标准版本');
  await expect(versions.getByRole('row').filter({ hasText: 'NATIONAL/v1' })).toContainText('内置');
  const rules = page.getByLabel('规则明细');
  await expect(rules.getByRole('row').filter({ hasText: '允许的发放形式' })).toContainText('总工办发〔2014〕23号');
  await page.getByRole('button', { name: '以 v1 为基础新建版本' }).click();
  let dialog = page.getByRole('dialog', { name: /新建 NATIONAL 版本/ });
  await dialog.getByLabel('施行日期').fill('2026-01-01');
  await dialog.getByLabel('修订理由').fill('本单位执行省总工会节日慰问标准（每人每年 1000 元）');
  await dialog.getByLabel('节日慰问每人每年上限').fill('1000');
  await dialog.getByRole('button', { name: '保存为新版本' }).click();
  await expect(dialog).toBeHidden();
  await expect(versions.getByRole('row').filter({ hasText: 'NATIONAL/v2' })).toContainText('管理员新建');
  await expect(page.getByLabel('所选版本')).toContainText('NATIONAL/v2');
  await expect(rules.getByRole('row').filter({ hasText: '每人每年上限' }).first()).toContainText('1,000.00 元');

  // ---- members (API), then the Spring Festival batch through 批量发放 ----
  await login(page, 'kuaiji');
  for (const [no, name] of [['E001', '张三'], ['E002', '李四'], ['E003', '王五']] as const) {
    await invoke(page, 'members.save', { employeeNo: no, name, joinedOn: '2015-01-01' });
  }
  await goTo(page, '#/spending/batch');
  await expect(page.getByRole('tab', { name: '困难职工档案' })).toHaveCount(0); // the accountant is not granted
  await page.getByLabel('发放日期').fill('2026-01-20');
  await choose(page, '发放节日', '春节');
  await page.getByLabel('每人金额').fill('600');
  await page.getByLabel('发放物品').fill('大米一袋、食用油一桶');
  await page.getByLabel('供应商').fill('某某超市');
  await page.getByRole('button', { name: '生成发放名单' }).click();
  await expect(page.getByLabel('发放结果')).toContainText('共 3 人，合计 1,800.00 元');
  const roster = page.getByLabel('领取人名单');
  await expect(roster.getByRole('row').filter({ hasText: '张三' })).toContainText('通过');
  await expect(roster.getByRole('row').filter({ hasText: '王五' })).toContainText('600.00');
  await expect(finding(page, 'CHK-BUD-1')).toBeVisible(); // no budget line: a warning on the whole batch
  // 签领表
  const pdfResponse = page.waitForResponse(async (r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"spending.rosterPrint"'));
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: '打印' }).click();
  const pdf = (await (await pdfResponse).json()) as { ok: boolean; value: { base64: string; filename: string } };
  expect(pdf.ok).toBe(true);
  expect(pdf.value.filename).toBe('2026年春节慰问品签领表.pdf');
  expect(Buffer.from(pdf.value.base64, 'base64').subarray(0, 4).toString()).toBe('%PDF');
  await (await popup).close();
  await page.getByRole('button', { name: /打开支出申请 #\d+/ }).click();
  await expect(page).toHaveURL(/#\/spending\/\d+$/);
  const batchId = Number(new URL(page.url()).hash.split('/')[2]);
  await expect(page.getByLabel('签领表').getByRole('button', { name: '打印' })).toBeVisible(); // the roster from the request too
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByLabel('申请状态')).toHaveText('已提交');
  await login(page, 'zhuguan');
  await invoke(page, 'spending.review', { requestId: batchId, note: '名单核对无误' });

  // ---- the chair accepts the warning with a written reason and approves ----
  await login(page, 'zhuxi');
  await page.reload();
  await expect(page.getByRole('tab', { name: '困难职工档案' })).toBeVisible();
  const budget = finding(page, 'CHK-BUD-1');
  await budget.getByRole('button', { name: '说明理由接受' }).click();
  dialog = page.getByRole('dialog', { name: '说明理由接受提示' });
  await dialog.getByLabel('接受理由').fill('年度预算尚在编制中，春节慰问按上年标准先行列支');
  await dialog.getByRole('button', { name: '接受并记录理由' }).click();
  await expect(dialog).toBeHidden();
  await expect(budget).toContainText('主席已说明理由接受');
  await expect(budget).toContainText('春节慰问按上年标准先行列支');
  await page.getByRole('button', { name: '审批', exact: true }).click();
  dialog = page.getByRole('dialog', { name: '审批支出申请' });
  await dialog.getByRole('button', { name: '审批' }).click();
  await expect(page.getByLabel('申请状态')).toHaveText('主席已审批');

  // ---- paid and posted (API) ----
  await login(page, 'chuna');
  const got = (await invoke(page, 'spending.get', { requestId: batchId })).value as { requiredEvidence: string[] };
  for (const kind of got.requiredEvidence) {
    await invoke(page, 'spending.attach', { requestId: batchId, kind, filename: `${kind}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(`%PDF-1.4 ${kind}`).toString('base64') });
  }
  const paid = (await invoke(page, 'spending.pay', { requestId: batchId, date: '2026-01-22', bankOrCashAccountCode: '102' })).value as { voucher: { id: number } };
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.review', { id: paid.voucher.id });
  await login(page, 'chuna');
  await invoke(page, 'vouchers.confirmCash', { id: paid.voucher.id });
  await login(page, 'zhuguan');
  await invoke(page, 'vouchers.post', { id: paid.voucher.id });

  // ---- the blocked kinds, each through the form ----
  await login(page, 'kuaiji');
  await enterBlocked(page, { festival: '中秋节', date: '2026-09-20', account: '50105', purpose: '中秋节会员慰问', payee: '某某超市', method: '购物卡', recipient: { name: '李四', amount: '300' } }, 'CHK-CARD-1', '总工办发〔2014〕23号');
  await enterBlocked(page, { festival: '中秋节', date: '2026-09-20', account: '50105', purpose: '中秋节慰问品（月饼）', payee: '某某食品厂', method: '实物', recipient: { name: '张三', amount: '500' } }, 'CHK-FEST-2', 'NATIONAL v2');
  await expect(finding(page, 'CHK-FEST-2')).toContainText('张三本年节日慰问已领 600.00 元，本次 500.00 元，超出上限 1,000.00 元 100.00 元');
  await enterBlocked(page, { type: '其他', date: '2026-12-20', account: '50106', purpose: '年终答谢宴请合作单位', payee: '某某大酒店', amount: '5000' }, 'CHK-BBZ-1', '不准使用工会经费请客送礼');
  await enterBlocked(page, { type: '春秋游', date: '2026-10-15', account: '50105', purpose: '秋游（两天一晚）', payee: '某某旅行社', amount: '3000', outingDays: '2', destination: '黄山' }, 'CHK-OUT-2', '当日往返');
  await enterBlocked(page, { type: '设备购置', date: '2026-05-10', account: '50302', purpose: '职工之家棋类用品', payee: '某某文体用品店', method: '现金', amount: '3000' }, 'CHK-CASH-1', '现金管理暂行条例');
  await enterBlocked(page, { type: '设备购置', date: '2026-04-02', account: '50702', purpose: '购置办公桌椅', payeeKind: '单位行政', payee: '公司行政办公室', amount: '900' }, 'CHK-BBZ-4', '小金库');

  // ---- 福利台账: 张三 received 600.00 of 1,000.00; 400.00 remains ----
  await goTo(page, '#/spending/benefits');
  await choose(page, '福利台账会员', '张三');
  await page.getByLabel('福利台账年度').fill('2026');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByLabel('合计已领')).toHaveText('600.00');
  const line = page.getByLabel('按类别').getByRole('row').filter({ hasText: '节日慰问' });
  await expect(line).toContainText('600.00');
  await expect(line).toContainText('1,000.00');
  await expect(line).toContainText('400.00');
});

test('困难职工档案: the admin grants the accountant; 建档 → 帮扶 with an aid request referencing the case → 脱困退出; others do not see it', async ({ page, ledger }) => {
  void ledger;
  test.setTimeout(90_000);
  await createOffice(page);
  // ---- 设置 → 支出规则: grant the accountant (besides the chair) ----
  await page.getByRole('tab', { name: '支出规则' }).click();
  await choose(page, '授权用户', '会计甲', true);
  await page.getByRole('button', { name: '保存授权' }).click();
  await expect(page.getByText('困难职工档案授权已保存')).toBeVisible();
  // The unit's own major-expense threshold (R-APP ❓: no default).
  await expect(page.getByText('尚未设定重大支出集体研究标准（CHK-APP-1）')).toBeVisible();
  await page.getByLabel('单位重大支出标准').fill('5000');
  await page.getByRole('button', { name: '保存单位设置' }).click();
  await expect(page.getByText('单位支出设置已保存')).toBeVisible();
  await expect(page.getByText('尚未设定重大支出集体研究标准（CHK-APP-1）')).toHaveCount(0);

  await login(page, 'kuaiji');
  await invoke(page, 'members.save', { employeeNo: 'E005', name: '孙七', joinedOn: '2015-01-01' });
  await goTo(page, '#/spending/hardship');
  await expect(page.getByRole('tab', { name: '困难职工档案', selected: true })).toBeVisible();
  await page.getByRole('button', { name: '建档', exact: true }).click();
  let dialog = page.getByRole('dialog', { name: '建立困难职工档案' });
  await choose(page, '建档会员', '孙七');
  await dialog.getByLabel('建档日期').fill('2026-05-06');
  await choose(page, '致困原因', '因病致困', true);
  await dialog.getByRole('button', { name: '建档' }).click();
  await expect(dialog).toBeHidden();
  const drawer = page.getByLabel('档案详情');
  await expect(drawer.getByLabel('档案当前状态')).toHaveText('建档');

  // 建档 → 帮扶 with a reason
  await drawer.getByRole('button', { name: '转入帮扶' }).click();
  dialog = page.getByRole('dialog', { name: /建档 → 帮扶/ });
  await dialog.getByLabel('变更日期').fill('2026-05-10');
  await dialog.getByLabel('变更原因').fill('列入年度帮扶计划');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.getByLabel('档案当前状态')).toHaveText('帮扶');
  await drawer.getByRole('button', { name: '修改档案' }).click();
  dialog = page.getByRole('dialog', { name: /修改困难职工档案/ });
  await dialog.getByLabel('修改家庭人口').fill('5');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(drawer.locator('.ant-descriptions-item-content').nth(2)).toHaveText('5');

  // An aid payment referencing the case: a 困难帮扶 request, opened in the form.
  await drawer.getByRole('button', { name: '登记帮扶支出' }).click();
  dialog = page.getByRole('dialog', { name: /登记帮扶支出/ });
  await dialog.getByLabel('帮扶日期').fill('2026-05-12');
  await dialog.getByLabel('帮扶金额').fill('1500');
  await dialog.getByRole('button', { name: '生成支出申请' }).click();
  await expect(page).toHaveURL(/#\/spending\/\d+$/);
  const aidId = Number(new URL(page.url()).hash.split('/')[2]);
  await expect(page.getByLabel('申请状态')).toHaveText('草稿');
  await expect(page.locator('[title="困难帮扶"]').first()).toBeVisible();
  await expect(page.getByLabel('关联困难职工档案')).toContainText('困难职工档案 #');
  await expect(finding(page, 'CHK-APP-1')).toBeVisible(); // hardship grants are decided collectively
  // Saving the form again keeps the link to the case.
  await page.getByLabel('用途说明').fill('孙七困难帮扶金（因病致困）');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByLabel('用途说明')).toHaveValue('孙七困难帮扶金（因病致困）');
  const detail = (await invoke(page, 'spending.get', { requestId: aidId })).value as { hardshipCaseId: number | null };
  expect(detail.hardshipCaseId).not.toBeNull();

  // Back to the case: the aid is listed; 帮扶 → 脱困退出 with a reason.
  await goTo(page, '#/spending/hardship');
  await page.getByLabel('档案列表').getByRole('row').filter({ hasText: '孙七' }).click();
  await expect(page.getByLabel('帮扶支出').getByRole('row').filter({ hasText: `#${aidId}` })).toContainText('1,500.00');
  await page.getByLabel('档案详情').getByRole('button', { name: '脱困退出' }).click();
  dialog = page.getByRole('dialog', { name: /帮扶 → 脱困退出/ });
  await dialog.getByLabel('变更日期').fill('2026-11-30');
  await dialog.getByLabel('变更原因').fill('配偶病愈，家庭收入恢复');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(page.getByLabel('档案详情').getByLabel('档案当前状态')).toHaveText('脱困退出');
  await expect(page.getByLabel('档案详情')).toContainText('配偶病愈，家庭收入恢复');

  // The supervisor is not granted: no tab, and the core refuses.
  await login(page, 'zhuguan');
  await goTo(page, '#/spending');
  await expect(page.getByRole('tab', { name: '福利台账' })).toBeVisible();
  await expect(page.getByRole('tab', { name: '困难职工档案' })).toHaveCount(0);
  const refused = await rawInvoke(page, 'hardship.list', {});
  expect(refused.error?.code).toBe('FORBIDDEN');
});
