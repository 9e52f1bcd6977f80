// The renderer shell against the real core: first-run wizard, login, role-based navigation,
// settings (union, users, system), the audit log, and session handling.
import type { Page } from '@playwright/test';
import { test, expect, createLedger } from './fixtures';

const ADMIN_PW = 'Admin#2026';

// Close the browser's connections before the fixture stops the server: the server's shutdown
// (app.close) otherwise sometimes waits about a minute on a connection Chromium keeps open.
test.afterEach(async ({ context }) => {
  await context.close();
});

async function addUser(page: Page, username: string, displayName: string, roles: RegExp[], password = 'Init#20260') {
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('姓名').fill(displayName);
  for (const r of roles) await dialog.getByRole('checkbox', { name: r }).check();
  await dialog.getByLabel('初始密码').fill(password);
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('cell', { name: username, exact: true })).toBeVisible();
}

async function openUsers(page: Page) {
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '用户管理' }).click();
}

async function login(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

test('first run: the wizard creates the ledger and logs the admin in; the admin sees only 审计日志 and 设置', async ({ page, ledger }) => {
  void ledger;
  await expect(page.getByText('建立工会经费账簿')).toBeVisible();
  await expect(page.getByLabel('工会名称')).toBeFocused();
  await expect(page.getByLabel('级别')).toHaveValue('基层');
  await expect(page.getByLabel('首个会计年度')).toHaveValue(String(new Date().getFullYear()));
  await createLedger(page);
  await expect(page.locator('header').getByText('王管理', { exact: true })).toBeVisible();
  await expect(page.locator('header').getByText('管理员')).toBeVisible();
  const nav = page.getByRole('navigation', { name: '模块导航' });
  await expect(nav.getByRole('menuitem')).toHaveText(['审计日志', '设置'].map((t) => new RegExp(`^${t}`)));
  await expect(nav.getByRole('menuitem', { name: '凭证' })).toHaveCount(0);
});

test('wizard: the core refuses a bad 统一社会信用代码 check digit and the wizard goes back to that field', async ({ page, ledger }) => {
  void ledger;
  await page.getByLabel('工会名称').fill('某某机械有限公司工会委员会');
  await page.getByLabel('统一社会信用代码').fill('91110000100000000X');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('姓名').fill('王管理');
  await page.getByLabel('密码', { exact: true }).fill(ADMIN_PW);
  await page.getByLabel('确认密码').fill('different-pw');
  await page.getByLabel('确认密码').press('Enter');
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await page.getByLabel('确认密码').fill(ADMIN_PW);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '建立账簿' }).click();
  await expect(page.getByText(/校验位不正确/)).toBeVisible();
  await expect(page.getByLabel('统一社会信用代码')).toBeVisible();
});

test('users: a 会计法 第三十五条 role conflict shows on the roles field; a valid user is created', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await openUsers(page);
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog', { name: '新建用户' });
  await dialog.getByLabel('用户名').fill('zhang');
  await dialog.getByLabel('姓名').fill('张出纳');
  await dialog.getByRole('checkbox', { name: /^出纳/ }).check();
  await dialog.getByRole('checkbox', { name: /^会计填制/ }).check();
  await dialog.getByLabel('初始密码').fill('Cashier#2026');
  await dialog.getByRole('button', { name: '创建' }).click();
  const rolesItem = dialog.locator('.ant-form-item').filter({ has: page.getByRole('group', { name: '角色' }) });
  await expect(rolesItem.getByText(/会计法 第三十五条/)).toBeVisible();
  await dialog.getByRole('checkbox', { name: /^会计填制/ }).uncheck();
  await dialog.getByRole('button', { name: '创建' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'zhang' });
  await expect(row.getByText('张出纳')).toBeVisible();
  await expect(row.getByText('出纳', { exact: true })).toBeVisible();
  await expect(row.getByText('启用')).toBeVisible();
});

test('login: wrong password is shown inline, lockout message comes from the core, the admin unlocks', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await openUsers(page);
  await addUser(page, 'zhao', '赵主席', [/^工会主席/]);
  await logout(page);

  const loginAlert = page.locator('form#login').getByRole('alert');
  await login(page, 'zhao', 'wrong-password');
  await expect(loginAlert).toBeVisible();
  await expect(page.getByLabel('密码')).toHaveValue('');
  for (let i = 0; i < 5; i++) {
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/invoke')), login(page, 'zhao', 'wrong-password')]);
  }
  await expect(loginAlert).toContainText('锁定');

  await login(page, 'admin', ADMIN_PW);
  await openUsers(page);
  const row = page.getByRole('row').filter({ hasText: 'zhao' });
  await expect(row.getByText('已锁定')).toBeVisible();
  await row.getByRole('button', { name: /解锁/ }).click();
  await expect(row.getByText('已锁定')).toHaveCount(0);
  await logout(page);
  await login(page, 'zhao', 'Init#20260');
  await expect(page.locator('header').getByText('赵主席', { exact: true })).toBeVisible();
});

test('navigation follows roles: an accountant sees the business modules as honest placeholders, and Alt+number switches', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await openUsers(page);
  await addUser(page, 'li', '李会计', [/^会计填制/]);
  await logout(page);
  await login(page, 'li', 'Init#20260');
  const nav = page.getByRole('navigation', { name: '模块导航' });
  await expect(nav.getByRole('menuitem')).toHaveText([/^凭证/, /^账簿/, /^报表/, /^会员与会费/, /^支出审批/, /^预算/, /^公示/]);
  await expect(nav.getByRole('menuitem', { name: '设置' })).toHaveCount(0);
  await expect(nav.getByRole('menuitem', { name: '审计日志' })).toHaveCount(0);
  // 凭证 is built (tests/e2e/vouchers.spec.ts), and so is 报表 (tests/e2e/books.spec.ts).
  await expect(page.getByRole('heading', { name: '凭证列表' })).toBeVisible();
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('tab', { name: '资产负债表（工会01表）' })).toBeVisible();
  await expect(page).toHaveURL(/#\/reports$/);
});

test('a reset password must be changed before working', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await openUsers(page);
  await addUser(page, 'li', '李会计', [/^会计填制/]);
  await page.getByRole('row').filter({ hasText: 'li' }).getByRole('button', { name: /重置密码/ }).click();
  const reset = page.getByRole('dialog', { name: /重置密码/ });
  await reset.getByLabel('新密码').fill('Reset#2026x');
  await reset.getByLabel('新密码').press('Enter');
  await expect(reset).toBeHidden();
  await logout(page);

  await login(page, 'li', 'Reset#2026x');
  const dialog = page.getByRole('dialog', { name: '修改密码' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('原密码').fill('Reset#2026x');
  await dialog.getByLabel('新密码', { exact: true }).fill('Li#2026new');
  await dialog.getByLabel('确认新密码').fill('Li#2026new');
  await dialog.getByLabel('确认新密码').press('Enter');
  await expect(dialog).toBeHidden();
  await logout(page);
  await login(page, 'li', 'Li#2026new');
  await expect(page.locator('header').getByText('李会计', { exact: true })).toBeVisible();
  await expect(page.getByRole('dialog', { name: '修改密码' })).toHaveCount(0);
});

test('audit log: records with Chinese operation names, filter, verify the chain, export Excel', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await openUsers(page);
  await addUser(page, 'li', '李会计', [/^会计填制/]);
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page.getByRole('cell', { name: /建立账簿/ })).toBeVisible();
  await expect(page.getByRole('cell', { name: /登录/ })).toBeVisible();
  // The admin's own account (users.create), 建立账簿, 登录, then 李会计.
  await expect(page.getByText('共 4 条')).toBeVisible();

  await page.getByLabel('操作').click();
  await page.getByTitle('新建用户（users.create）').click();
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.getByText('共 2 条')).toBeVisible();
  await expect(page.getByRole('cell', { name: /新建用户/ })).toHaveCount(2);
  await page.getByRole('button', { name: '展开行' }).first().click();
  await expect(page.getByText('修改后')).toBeVisible();
  await expect(page.getByText('"username": "li"')).toBeVisible();

  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByText(/审计链完整：共 \d+ 条记录，SQLite 完整性检查通过/)).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test('settings: union name and system settings are saved; the header follows', async ({ page, ledger }) => {
  void ledger;
  await createLedger(page);
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByLabel('工会名称').fill('某某机械有限公司工会');
  await page.getByLabel('工会名称').press('Enter');
  await expect(page.getByText('工会信息已保存')).toBeVisible();
  await expect(page.locator('header').getByText('某某机械有限公司工会', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: '系统设置' }).click();
  await expect(page.getByLabel('经审委员任职回避')).toBeChecked();
  await page.getByLabel('锁定阈值（连续登录失败次数）').fill('6');
  await page.getByLabel('经审委员任职回避').click();
  await page.getByRole('radio', { name: '禁止' }).check();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('系统设置已保存')).toBeVisible();
  await page.reload();
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByRole('tab', { name: '系统设置' }).click();
  await expect(page.getByLabel('锁定阈值（连续登录失败次数）')).toHaveValue('6');
  await expect(page.getByLabel('经审委员任职回避')).not.toBeChecked();
  await expect(page.getByRole('radio', { name: '禁止' })).toBeChecked();
});

test('a session ended elsewhere drops back to the login page with a message', async ({ page, ledger }) => {
  await createLedger(page);
  const other = await page.context().newPage();
  await other.goto(ledger.origin + '/');
  await other.getByRole('button', { name: '退出登录' }).click();
  await expect(other.getByRole('button', { name: '登录' })).toBeVisible();
  await other.close();

  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByText(/会话已结束/)).toBeVisible();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
});
