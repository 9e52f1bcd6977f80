// The audit trail: every write recorded with who/what/before/after in its own transaction,
// a SHA-256 chain that `verify` walks, and database triggers against UPDATE/DELETE.
// Tampering is done the way a curious colleague would: with the sqlite3 tool on the file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { openTestLedger, initLedger, addUser, client, type TestLedger } from '../helpers/core';
import { openCore } from '../../src/main/core/core';
import { verifyChain } from '../../src/main/core/audit/chain';

let l: TestLedger;
beforeEach(async () => {
  l = await openTestLedger();
  await initLedger(l);
  await addUser(l, 'kuaiji', ['accountant']);
  await addUser(l, 'chuna', ['cashier']);
});
afterEach(() => l.close());

/** Edits the closed file with the real sqlite3 command-line tool. */
function sqlite3(file: string, sql: string): void {
  execFileSync('sqlite3', [file, sql]);
}

async function reopenAndVerify() {
  l.core.close();
  const core = await openCore(l.file, { log: () => {} });
  l.core = core;
  await core.call(client('admin2'), 'session.login', { username: 'admin', password: 'Admin#2026' });
  return core.call(client('admin2'), 'audit.verify', {});
}

describe('what is recorded', () => {
  it('records each write with user, operation, entity and before/after images, secrets redacted', async () => {
    const users = await l.call(client('admin'), 'users.list', {});
    const kuaiji = users.find((u) => u.username === 'kuaiji')!;
    await l.call(client('admin'), 'users.update', { id: kuaiji.id, displayName: '李会计', roles: ['accountant', 'supervisor'], active: true });
    const page = await l.call(client('admin'), 'audit.list', { operation: 'users.update' });
    expect(page.total).toBe(1);
    const rec = page.rows[0]!;
    expect(rec.username).toBe('admin');
    expect(rec.entity).toBe('user');
    expect(rec.entityId).toBe(String(kuaiji.id));
    expect(rec.before).toMatchObject({ displayName: 'kuaiji', roles: ['accountant'] });
    expect(rec.after).toMatchObject({ displayName: '李会计', roles: ['accountant', 'supervisor'] });
    const all = JSON.stringify((await l.call(client('admin'), 'audit.list', { pageSize: 200 })).rows);
    expect(all).not.toContain('Passw0rd!');
    expect(all).not.toContain('scrypt$');
  });

  it('records logins and failed logins', async () => {
    await l.core.dispatch(client('x'), 'session.login', { username: 'kuaiji', password: 'wrong-password' });
    await l.core.dispatch(client('x'), 'session.login', { username: 'nobody', password: 'whatever1' });
    const failed = await l.call(client('admin'), 'audit.list', { operation: 'session.loginFailed' });
    expect(failed.rows.map((r) => (r.after as { username: string }).username).sort()).toEqual(['kuaiji', 'nobody']);
    const logins = await l.call(client('admin'), 'audit.list', { operation: 'session.login' });
    expect(logins.rows.map((r) => r.username)).toEqual(expect.arrayContaining(['admin', 'kuaiji', 'chuna']));
  });

  it('writes nothing, not even an audit record, when the operation is refused', async () => {
    const before = (await l.call(client('admin'), 'audit.list', {})).total;
    const res = await l.core.dispatch(client('admin'), 'users.create', {
      username: 'both',
      displayName: '兼职',
      roles: ['cashier', 'supervisor'],
      password: 'Passw0rd!',
    });
    expect(res.ok).toBe(false);
    expect((await l.call(client('admin'), 'audit.list', {})).total).toBe(before);
    expect((await l.call(client('admin'), 'users.list', {})).map((u) => u.username)).not.toContain('both');
  });

  it('filters by user, entity, operation and date, and exports the same rows to Excel', async () => {
    const users = await l.call(client('admin'), 'audit.facets', {});
    const kuaiji = users.users.find((u) => u.username === 'kuaiji')!;
    const mine = await l.call(client('admin'), 'audit.list', { userId: kuaiji.id });
    expect(mine.rows.every((r) => r.username === 'kuaiji')).toBe(true);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    expect((await l.call(client('admin'), 'audit.list', { from: day, to: day })).total).toBeGreaterThan(0);
    expect((await l.call(client('admin'), 'audit.list', { from: '2000-01-01', to: '2000-01-02' })).total).toBe(0);

    const file = await l.call(client('admin'), 'audit.exportExcel', { entity: 'user' });
    expect(file.filename).toMatch(/^审计日志-.*\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(1).value).toBe('序号');
    const exported = ws.getColumn(7).values.slice(2);
    expect(exported.length).toBe((await l.call(client('admin'), 'audit.list', { entity: 'user' })).total);
    expect(new Set(exported)).toEqual(new Set(['user']));
  });
});

describe('the hash chain', () => {
  it('verifies an untouched ledger', async () => {
    const report = await l.call(client('admin'), 'audit.verify', {});
    expect(report.ok).toBe(true);
    expect(report.records).toBeGreaterThanOrEqual(5);
    expect(report.integrity).toEqual(['ok']);
  });

  it('refuses UPDATE and DELETE of audit records in the database itself', () => {
    expect(() => l.core.sqlite.prepare("UPDATE audit_log SET username = 'x' WHERE seq = 1").run()).toThrow(/不可修改/);
    expect(() => l.core.sqlite.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/不可删除/);
  });

  it('names the record that was altered with another tool', async () => {
    l.core.close();
    sqlite3(l.file, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET username = 'someone' WHERE seq = 3;");
    const r = await reopenAndVerify();
    expect(r.ok).toBe(false);
    expect(r.firstProblem).toMatchObject({ seq: 3, kind: 'altered' });
    expect(r.firstProblem!.message).toContain('第 3 条');
  });

  it('names the record that was deleted', async () => {
    l.core.close();
    sqlite3(l.file, 'DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;');
    const r = await reopenAndVerify();
    expect(r.firstProblem).toMatchObject({ seq: 2, kind: 'deleted' });
  });

  it('detects two records swapped in place', async () => {
    l.core.close();
    // Swap the contents of rows 2 and 3, keeping their seq numbers.
    sqlite3(
      l.file,
      `DROP TRIGGER audit_log_no_update;
       CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE seq IN (2, 3);
       UPDATE audit_log SET (at, user_id, username, host, operation, entity, entity_id, before_json, after_json, prev_hash, hash) =
         (SELECT at, user_id, username, host, operation, entity, entity_id, before_json, after_json, prev_hash, hash FROM t WHERE t.seq = 5 - audit_log.seq)
       WHERE seq IN (2, 3);`,
    );
    const r = await reopenAndVerify();
    expect(r.ok).toBe(false);
    expect(r.firstProblem!.seq).toBe(2);
  });

  it('detects the newest records being removed, before and after new records are added', async () => {
    const total = (await l.call(client('admin'), 'audit.verify', {})).records;
    l.core.close();
    sqlite3(l.file, `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = ${total};`);
    const core = await openCore(l.file, { log: () => {} });
    l.core = core;
    expect(verifyChain(core.db, new Date()).firstProblem).toMatchObject({ seq: total, kind: 'truncated' });
    // Logging in appends a record; the removed number is not reused, so the gap stays.
    const r = await reopenAndVerify();
    expect(r.firstProblem).toMatchObject({ seq: total, kind: 'deleted' });
  });

  it('reports the triggers being dropped even when no record was touched', async () => {
    l.core.close();
    sqlite3(l.file, 'DROP TRIGGER audit_log_no_update;');
    const r = await reopenAndVerify();
    expect(r.firstProblem).toMatchObject({ kind: 'unprotected' });
  });
});
