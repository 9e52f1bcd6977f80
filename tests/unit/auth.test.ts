// Users, roles, passwords, lockout and sessions, through the dispatcher as every host calls it.
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, client, ADMIN, type TestLedger } from '../helpers/core';

let l: TestLedger;
afterEach(() => l?.close());

function clock(start = new Date('2026-03-02T09:00:00+08:00')) {
  let t = start.getTime();
  return { now: () => new Date(t), advanceMinutes: (m: number) => (t += m * 60_000) };
}

describe('first run', () => {
  it('creates the ledger once, with its administrator logged in', async () => {
    l = await openTestLedger();
    await initLedger(l);
    expect(await l.call(client('admin'), 'setup.status', {})).toMatchObject({ initialized: true, unionName: '某某公司工会委员会' });
    expect(await l.call(client('admin'), 'union.get', {})).toMatchObject({ level: '基层', provincePreset: 'FJ-2018', firstFiscalYear: 2026 });
    const again = await l.core.dispatch(client('y'), 'setup.createLedger', {
      union: { name: '另一个工会', provincePreset: 'NATIONAL', firstFiscalYear: 2026 },
      admin: { username: 'evil', displayName: '某人', password: 'Passw0rd!' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('checks the 统一社会信用代码 check digit and names the field', async () => {
    l = await openTestLedger();
    const res = await l.core.dispatch(client('a'), 'setup.createLedger', {
      union: { name: '某某工会', uscc: '91350100M000100Y44', provincePreset: 'FJ-2018', firstFiscalYear: 2026 },
      admin: ADMIN,
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'union.uscc' } });
    // Nothing was written: the wizard can simply be run again.
    expect(await l.call(client('a'), 'setup.status', {})).toMatchObject({ initialized: false });
    await l.call(client('a'), 'setup.createLedger', {
      union: { name: '某某工会', uscc: '91350100M000100Y43', provincePreset: 'FJ-2018', firstFiscalYear: 2026 },
      admin: ADMIN,
    });
    expect((await l.call(client('a'), 'union.get', {})).uscc).toBe('91350100M000100Y43');
  });

  it('explains a bad field in Chinese, naming it', async () => {
    l = await openTestLedger();
    const res = await l.core.dispatch(client('a'), 'setup.createLedger', {
      union: { name: '某某工会', provincePreset: 'FJ-2018', firstFiscalYear: 2026 },
      admin: { ...ADMIN, password: 'short' },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'admin.password', message: '密码至少 8 位' } });
  });
});

describe('passwords and lockout', () => {
  it('stores scrypt hashes with a salt of their own per user', async () => {
    l = await openTestLedger();
    await initLedger(l);
    await addUser(l, 'a1', ['accountant'], 'SamePass1!');
    await addUser(l, 'a2', ['chair'], 'SamePass1!');
    const rows = l.core.sqlite.prepare("SELECT password_hash FROM users WHERE username IN ('a1','a2')").all() as { password_hash: string }[];
    expect(rows).toHaveLength(2);
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$/);
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
    expect(rows[0]!.password_hash).not.toContain('SamePass1!');
  });

  it('locks an account after repeated failures, for the configured time, and an admin can unlock it', async () => {
    const c = clock();
    l = await openTestLedger({ clock: c.now });
    await initLedger(l);
    await addUser(l, 'kuaiji', ['accountant'], 'Right#Pass1');
    const attempt = (password: string) => l.core.dispatch(client('k'), 'session.login', { username: 'kuaiji', password });
    for (let i = 1; i <= 4; i++) {
      expect(await attempt('wrong')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', message: `用户名或密码不正确（还可尝试 ${5 - i} 次）。` } });
    }
    expect(await attempt('wrong')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    // Even the right password is refused while locked.
    const locked = await attempt('Right#Pass1');
    expect(locked).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const users = await l.call(client('admin'), 'users.list', {});
    expect(users.find((u) => u.username === 'kuaiji')).toMatchObject({ locked: true });

    c.advanceMinutes(16);
    expect(await attempt('Right#Pass1')).toMatchObject({ ok: true });

    // An admin can also lift a lock straight away.
    for (let i = 0; i < 5; i++) await attempt('wrong');
    const id = users.find((u) => u.username === 'kuaiji')!.id;
    await l.call(client('admin'), 'session.login', { username: 'admin', password: ADMIN.password });
    await l.call(client('admin'), 'users.unlock', { id });
    expect(await attempt('Right#Pass1')).toMatchObject({ ok: true });
  });

  it('changes one\'s own password only with the old one', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const k = await addUser(l, 'kuaiji', ['accountant'], 'Old#Pass12');
    expect(await l.core.dispatch(k, 'session.changePassword', { oldPassword: 'nope', newPassword: 'New#Pass12' })).toMatchObject({
      ok: false,
      error: { field: 'oldPassword' },
    });
    await l.call(k, 'session.changePassword', { oldPassword: 'Old#Pass12', newPassword: 'New#Pass12' });
    expect(await l.core.dispatch(client('z'), 'session.login', { username: 'kuaiji', password: 'Old#Pass12' })).toMatchObject({ ok: false });
    expect(await l.core.dispatch(client('z'), 'session.login', { username: 'kuaiji', password: 'New#Pass12' })).toMatchObject({ ok: true });
  });

  it('makes a user whose password was reset change it, and ends their sessions', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const k = await addUser(l, 'kuaiji', ['accountant']);
    const id = (await l.call(client('admin'), 'users.list', {})).find((u) => u.username === 'kuaiji')!.id;
    await l.call(client('admin'), 'users.resetPassword', { id, newPassword: 'Temp#Pass1' });
    expect(await l.core.dispatch(k, 'union.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const s = await l.call(client('k2'), 'session.login', { username: 'kuaiji', password: 'Temp#Pass1' });
    expect(s.user.mustChangePassword).toBe(true);
  });
});

describe('sessions', () => {
  it('expire after the idle time and say so', async () => {
    const c = clock();
    l = await openTestLedger({ clock: c.now });
    await initLedger(l);
    c.advanceMinutes(20);
    expect(await l.core.dispatch(client('admin'), 'union.get', {})).toMatchObject({ ok: true });
    c.advanceMinutes(31);
    const res = await l.core.dispatch(client('admin'), 'union.get', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(!res.ok && res.error.message).toContain('30 分钟');
  });

  it('are per client: logging out one window does not log out another', async () => {
    l = await openTestLedger();
    await initLedger(l);
    await l.call(client('second'), 'session.login', { username: 'admin', password: ADMIN.password });
    await l.call(client('admin'), 'session.logout', {});
    expect(await l.call(client('admin'), 'session.current', {})).toBeNull();
    expect((await l.call(client('second'), 'session.current', {}))?.user.username).toBe('admin');
  });

  it('end when the user is deactivated, and a deactivated user cannot log in', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const k = await addUser(l, 'kuaiji', ['accountant']);
    const id = (await l.call(client('admin'), 'users.list', {})).find((u) => u.username === 'kuaiji')!.id;
    await l.call(client('admin'), 'users.update', { id, displayName: 'kuaiji', roles: ['accountant'], active: false });
    expect(await l.core.dispatch(k, 'union.get', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await l.core.dispatch(client('z'), 'session.login', { username: 'kuaiji', password: 'Passw0rd!' })).toMatchObject({
      ok: false,
      error: { message: '该账户已停用，请联系管理员。' },
    });
  });

  it('see role changes at once', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const k = await addUser(l, 'kuaiji', ['accountant']);
    expect(await l.core.dispatch(k, 'audit.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const id = (await l.call(client('admin'), 'users.list', {})).find((u) => u.username === 'kuaiji')!.id;
    await l.call(client('admin'), 'users.update', { id, displayName: 'kuaiji', roles: ['accountant', 'supervisor'], active: true });
    expect(await l.core.dispatch(k, 'audit.list', {})).toMatchObject({ ok: true });
  });
});

describe('roles one person may not hold together', () => {
  it.each([
    [['cashier', 'supervisor'], '会计法 第三十五条'],
    [['cashier', 'accountant'], '会计法 第三十五条'],
    [['reviewer', 'chair'], 'CHK-SOD-3'],
    [['reviewer', 'cashier'], 'CHK-SOD-3'],
  ] as const)('refuses %j, citing %s', async (roles, rule) => {
    l = await openTestLedger();
    await initLedger(l);
    const res = await l.core.dispatch(client('admin'), 'users.create', { username: 'x1', displayName: '某人', roles: [...roles], password: 'Passw0rd!' });
    expect(res).toMatchObject({ ok: false, error: { code: 'RULE', field: 'roles' } });
    expect(!res.ok && res.error.rule).toContain(rule);
    expect(!res.ok && res.error.message).toContain('不能由同一人兼任');
  });

  it('allows combinations the law allows (a small office: 会计 + 会计主管, 主席 + 管理员)', async () => {
    l = await openTestLedger();
    await initLedger(l);
    await l.call(client('admin'), 'users.create', { username: 'x1', displayName: '甲', roles: ['accountant', 'supervisor'], password: 'Passw0rd!' });
    await l.call(client('admin'), 'users.create', { username: 'x2', displayName: '乙', roles: ['chair', 'admin'], password: 'Passw0rd!' });
  });

  it('lets the administrator switch off the ◐ reviewer exclusion (CHK-SOD-3), and that is audited', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const s = await l.call(client('admin'), 'settings.get', {});
    expect(s.reviewerExclusion).toBe(true);
    await l.call(client('admin'), 'settings.update', { ...s, reviewerExclusion: false });
    await l.call(client('admin'), 'users.create', { username: 'x1', displayName: '甲', roles: ['reviewer', 'chair'], password: 'Passw0rd!' });
    // The cashier conflict is law (✅), not a setting.
    const res = await l.core.dispatch(client('admin'), 'users.create', { username: 'x2', displayName: '乙', roles: ['cashier', 'supervisor'], password: 'Passw0rd!' });
    expect(res.ok).toBe(false);
    const log = await l.call(client('admin'), 'audit.list', { operation: 'settings.update' });
    expect(log.rows[0]).toMatchObject({ before: { reviewerExclusion: true }, after: { reviewerExclusion: false } });
  });

  it('keeps at least one active administrator', async () => {
    l = await openTestLedger();
    await initLedger(l);
    const me = (await l.call(client('admin'), 'users.list', {}))[0]!;
    const res = await l.core.dispatch(client('admin'), 'users.update', { id: me.id, displayName: me.displayName, roles: ['chair'], active: true });
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '至少需要保留一名启用的管理员。' } });
  });

  it('keeps role history with dates instead of overwriting it', async () => {
    l = await openTestLedger();
    await initLedger(l);
    await addUser(l, 'kuaiji', ['accountant']);
    const id = (await l.call(client('admin'), 'users.list', {})).find((u) => u.username === 'kuaiji')!.id;
    await l.call(client('admin'), 'users.update', { id, displayName: 'kuaiji', roles: ['supervisor'], active: true });
    const rows = l.core.sqlite.prepare('SELECT role, valid_to FROM user_roles WHERE user_id = ? ORDER BY valid_from, role').all(id) as { role: string; valid_to: string | null }[];
    expect(rows.find((r) => r.role === 'accountant')!.valid_to).not.toBeNull();
    expect(rows.find((r) => r.role === 'supervisor')!.valid_to).toBeNull();
  });
});
