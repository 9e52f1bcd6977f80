// The member roster: search by name, 工号 and pinyin initials; masked 身份证号 and bank accounts in
// the list and the export, shown in full only on an explicit, audited ask; status changes kept as
// history and never a deletion; who may do what. Also the dispatcher's prepare step.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, client, type TestLedger } from '../helpers/core';
import { idNumberFor, membersXlsx, realisticMembers } from '../helpers/members-file';
import type { ClientRef } from '../../src/main/core/context';
import { prepared } from '../../src/main/core/context';
import { handlers } from '../../src/main/core/handlers';
import { CoreError } from '../../src/main/core/errors';
import { idNumberProblem, maskBankAccount, maskIdNumber, parseDateText } from '../../src/main/core/members/values';

let l: TestLedger;
let kuaiji: ClientRef;
let chuna: ClientRef;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  chuna = await addUser(l, 'chuna', ['cashier']);
});
afterEach(() => l.close());

const b64 = (b: Buffer) => b.toString('base64');
const ID = idNumberFor('1985-06-15', 123); // valid check digit
const BANK = '6222021234567895678';

async function roster(n = 300) {
  const file = await membersXlsx(realisticMembers(n));
  const p = await l.call(kuaiji, 'members.importPreview', { filename: 'r.xlsx', base64: b64(file) });
  return l.call(kuaiji, 'members.importCommit', { filename: 'r.xlsx', base64: b64(file), expectedSha256: p.sha256 });
}

describe('values', () => {
  it('masks, checks the GB 11643 digit and reads dates as people type them', () => {
    expect(maskIdNumber('110101199001011234')).toBe('110101********1234');
    expect(maskBankAccount(BANK)).toBe('****5678');
    expect(idNumberProblem('11010519491231002X')).toBeNull(); // the standard's own example
    expect(idNumberProblem('110105194912310021')).toContain('第 18 位应为 X');
    expect(idNumberProblem('110105194902300021')).toContain('出生日期 1949-02-30 不存在');
    for (const t of ['2026-03-01', '2026/3/1', '20260301', '2026.3.1', '2026年3月1日']) expect(parseDateText(t)).toBe('2026-03-01');
    expect(parseDateText('2026-02-29')).toBeNull();
  });
});

describe('the roster', () => {
  it('finds members by pinyin initials, name and 工号, filters by group and status, pages', async () => {
    await roster();
    const zs = await l.call(chuna, 'members.list', { q: 'zs' });
    expect(zs.rows.map((r) => r.name)).toContain('张三');
    expect(zs.rows.every((r) => r.initials.startsWith('zs'))).toBe(true);
    expect((await l.call(chuna, 'members.list', { q: '张三' })).rows[0]).toMatchObject({ employeeNo: '10008', initials: 'zs' });
    expect((await l.call(chuna, 'members.list', { q: '10008' })).rows.map((r) => r.name)).toEqual(['张三']);

    const groups = await l.call(chuna, 'groups.list', {});
    const houqin = groups.find((g) => g.name === '后勤')!;
    const retired = await l.call(chuna, 'members.list', { group: houqin.id, status: 'retired', pageSize: 500 });
    expect(retired.total).toBeGreaterThan(10);
    expect(retired.rows.every((r) => r.groupName === '后勤' && r.statusLabel === '退休·保留会籍')).toBe(true);

    const p1 = await l.call(chuna, 'members.list', { page: 1, pageSize: 50 });
    const p7 = await l.call(chuna, 'members.list', { page: 7, pageSize: 50 });
    expect(p1).toMatchObject({ total: 300, page: 1, pageSize: 50 });
    expect(p1.rows[0]!.employeeNo).toBe('10001');
    expect(p7.rows).toHaveLength(0);
  });

  it('never shows a full 身份证号 or bank account in the list; reveal shows them and is audited', async () => {
    await roster(20);
    const list = await l.call(chuna, 'members.list', { pageSize: 500 });
    const json = JSON.stringify(list);
    const stored = l.core.sqlite.prepare('SELECT id, id_number, bank_account FROM members WHERE id_number IS NOT NULL AND bank_account IS NOT NULL LIMIT 1').get() as { id: number; id_number: string; bank_account: string };
    expect(json).not.toContain(stored.id_number);
    expect(json).not.toContain(stored.bank_account);
    const row = list.rows.find((r) => r.id === stored.id)!;
    expect(row.idNumberMasked).toBe(`${stored.id_number.slice(0, 6)}********${stored.id_number.slice(-4)}`);
    expect(row.bankAccountMasked).toBe(`****${stored.bank_account.slice(-4)}`);

    const audits = () => l.core.sqlite.prepare("SELECT count(*) FROM audit_log WHERE operation = 'members.reveal'").pluck().get() as number;
    const plain = await l.call(chuna, 'members.get', { id: stored.id });
    expect(plain.revealed).toBeNull();
    expect(JSON.stringify(plain)).not.toContain(stored.id_number);
    expect(audits()).toBe(0);

    const shown = await l.call(chuna, 'members.get', { id: stored.id, reveal: true });
    expect(shown.revealed).toEqual({ idNumber: stored.id_number, bankAccount: stored.bank_account });
    expect(audits()).toBe(1);
    const rec = (await l.call(client('admin'), 'audit.list', { operation: 'members.reveal' })).rows[0]!;
    expect(rec).toMatchObject({ username: 'chuna', entity: 'member', entityId: String(stored.id), after: { action: '查看敏感信息' } });
    expect(JSON.stringify(rec)).not.toContain(stored.id_number);
  });

  it('exports the roster masked in the template columns; a revealing export is audited; the export imports back unchanged', async () => {
    await roster(30);
    const stored = l.core.sqlite.prepare('SELECT id_number, bank_account FROM members WHERE id_number IS NOT NULL AND bank_account IS NOT NULL LIMIT 1').get() as { id_number: string; bank_account: string };
    const text = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
      const ws = wb.worksheets[0]!;
      const out: string[] = [];
      ws.eachRow((r) => out.push((r.values as unknown[]).map((v) => (v instanceof Date ? v.toISOString() : String(v ?? ''))).join('|')));
      return { ws, all: out.join('\n') };
    };
    const masked = await l.call(chuna, 'members.exportExcel', {});
    expect(masked.filename).toMatch(/^会员名册-20260315\.xlsx$/);
    const m = await text(masked.base64);
    expect(m.ws.actualRowCount).toBe(31);
    expect(m.all).not.toContain(stored.id_number);
    expect(m.all).not.toContain(stored.bank_account);
    expect(m.all).toContain(maskIdNumber(stored.id_number)!);
    expect(l.core.sqlite.prepare("SELECT count(*) FROM audit_log WHERE operation = 'members.exportReveal'").pluck().get()).toBe(0);

    // Re-importing the masked export changes nothing: masked numbers keep the stored ones.
    const back = await l.call(kuaiji, 'members.importPreview', { filename: masked.filename, base64: masked.base64 });
    expect(back).toMatchObject({ ok: true, counts: { unchanged: 30, updated: 0 } });

    const full = await l.call(kuaiji, 'members.exportExcel', { reveal: true });
    expect((await text(full.base64)).all).toContain(stored.id_number);
    expect(l.core.sqlite.prepare("SELECT count(*) FROM audit_log WHERE operation = 'members.exportReveal'").pluck().get()).toBe(1);
    const retiredOnly = await text((await l.call(chuna, 'members.exportExcel', { status: 'retired' })).base64);
    expect(retiredOnly.all.split('\n').slice(1).every((line) => line.includes('退休·保留会籍'))).toBe(true);
  });

  it('creates and updates one member with Chinese field errors; 工号 stays unique', async () => {
    const g = await l.call(kuaiji, 'groups.save', { name: '一车间', leader: '李组长' });
    const a = await l.call(kuaiji, 'members.save', { employeeNo: 'A001', name: '李四', gender: '男', groupId: g.id, joinedOn: '2015-04-01', idNumber: ID, bankAccount: '6222 0212 3456 7895 678' });
    expect(a).toMatchObject({ status: 'active', statusSince: '2015-04-01', groupName: '一车间', idNumberMasked: maskIdNumber(ID), bankAccountMasked: '****5678', revealed: null });
    const dup = await l.core.dispatch(kuaiji, 'members.save', { employeeNo: 'A001', name: '王五' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'employeeNo', message: '工号 A001 已被会员 李四 使用' } });
    const badId = await l.core.dispatch(kuaiji, 'members.save', { employeeNo: 'A002', name: '王五', idNumber: ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1') });
    expect(badId).toMatchObject({ ok: false, error: { field: 'idNumber', message: expect.stringContaining('身份证号：身份证号校验位错误') } });
    const noStatusDate = await l.core.dispatch(kuaiji, 'members.save', { employeeNo: 'A003', name: '赵六', status: 'retired' });
    expect(noStatusDate).toMatchObject({ ok: false, error: { field: 'statusSince', message: '会员状态为“退休·保留会籍”时请填写状态日期' } });
    expect(await l.core.dispatch(kuaiji, 'members.save', { employeeNo: '', name: '赵六' })).toMatchObject({ ok: false, error: { field: 'employeeNo', message: expect.stringContaining('请输入工号') } });

    // An update without the sensitive fields keeps them.
    const b = await l.call(kuaiji, 'members.save', { id: a.id, employeeNo: 'A001', name: '李四', phone: '13800000000', employmentType: '劳务派遣' });
    expect(b).toMatchObject({ phone: '13800000000', employmentType: '劳务派遣', idNumberMasked: maskIdNumber(ID), groupId: null });
    expect((await l.call(kuaiji, 'members.get', { id: a.id, reveal: true })).revealed).toEqual({ idNumber: ID, bankAccount: BANK });
    const cleared = await l.call(kuaiji, 'members.save', { id: a.id, employeeNo: 'A001', name: '李四', bankAccount: null });
    expect(cleared.bankAccountMasked).toBeNull();
    expect(await l.core.dispatch(kuaiji, 'groups.save', { name: '一车间' })).toMatchObject({ ok: false, error: { field: 'name', message: '工会小组“一车间”已存在' } });
  });

  it('changes status by appending history, never deleting (D8); refuses the same status or an earlier date', async () => {
    const m = await l.call(kuaiji, 'members.save', { employeeNo: 'B001', name: '周七', joinedOn: '2010-01-01' });
    await l.call(kuaiji, 'members.changeStatus', { id: m.id, status: 'unemployed', effectiveDate: '2025-06-30', reason: '企业裁员，保留会籍' });
    const back = await l.call(kuaiji, 'members.changeStatus', { id: m.id, status: 'active', effectiveDate: '2026-02-01', reason: '重新就业' });
    expect(back).toMatchObject({ status: 'active', statusSince: '2026-02-01' });
    const w = await l.call(kuaiji, 'members.changeStatus', { id: m.id, status: 'withdrawn', effectiveDate: '2026-03-10', reason: '经工会委员会研究决定' });
    expect(w.statusLabel).toBe('退会');
    expect(await l.core.dispatch(kuaiji, 'members.changeStatus', { id: m.id, status: 'withdrawn', effectiveDate: '2026-03-11', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await l.core.dispatch(kuaiji, 'members.changeStatus', { id: m.id, status: 'active', effectiveDate: '2026-01-01', reason: 'x' })).toMatchObject({ ok: false, error: { field: 'effectiveDate' } });
    expect(await l.core.dispatch(kuaiji, 'members.changeStatus', { id: m.id, status: 'active', effectiveDate: '2026-03-12', reason: '' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('请填写变更原因') } });
    const h = await l.call(chuna, 'members.history', { id: m.id });
    expect(h.map((x) => [x.date, x.title, x.detail, x.recordedBy])).toEqual([
      ['2010-01-01', '会员状态：在职', '新增会员', 'kuaiji'],
      ['2025-06-30', '会员状态：失业·保留会籍', '企业裁员，保留会籍', 'kuaiji'],
      ['2026-02-01', '会员状态：在职', '重新就业', 'kuaiji'],
      ['2026-03-10', '会员状态：退会', '经工会委员会研究决定', 'kuaiji'],
    ]);
    expect((await l.call(chuna, 'members.list', { status: 'withdrawn' })).total).toBe(1);
  });

  it('lets the cashier and the chair read but not write; the reviewer sees nothing', async () => {
    const chair = await addUser(l, 'zhuxi', ['chair']);
    const reviewer = await addUser(l, 'jingshen', ['reviewer']);
    expect((await l.call(chair, 'members.list', {})).total).toBe(0);
    expect(await l.core.dispatch(chuna, 'members.save', { employeeNo: 'X', name: '某' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await l.core.dispatch(reviewer, 'members.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the prepare step of the dispatcher', () => {
  it('runs after the access and input checks, outside any transaction, and hands its result to the handler', async () => {
    const original = handlers['groups.list'];
    const seen: boolean[] = [];
    try {
      handlers['groups.list'] = prepared<'groups.list'>(async () => {
        seen.push(l.core.sqlite.inTransaction);
        await new Promise((r) => setTimeout(r, 5));
        const parsed = [{ id: 0, name: '准备好的', leader: null, members: 0, active: 0 }];
        return (ctx) => {
          seen.push(ctx.db.sqlite.inTransaction);
          return parsed;
        };
      });
      expect(await l.call(chuna, 'groups.list', {})).toEqual([{ id: 0, name: '准备好的', leader: null, members: 0, active: 0 }]);
      expect(seen).toEqual([false, true]);
      const reviewer = await addUser(l, 'jingshen', ['reviewer']);
      expect(await l.core.dispatch(reviewer, 'groups.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(seen).toHaveLength(2); // never prepared for a caller who may not call it

      handlers['groups.list'] = prepared<'groups.list'>(async () => {
        throw new CoreError('VALIDATION', '文件无法读取', { field: 'base64' });
      });
      expect(await l.core.dispatch(chuna, 'groups.list', {})).toEqual({ ok: false, error: { code: 'VALIDATION', message: '文件无法读取', field: 'base64' } });
    } finally {
      handlers['groups.list'] = original;
    }
    // The real uploads: a cashier's upload is refused before it is parsed, bad input before too.
    expect(await l.core.dispatch(chuna, 'members.importPreview', { filename: 'x.xls', base64: 'AAAA' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await l.core.dispatch(kuaiji, 'members.importCommit', { filename: 'x.xlsx', base64: 'AAAA', expectedSha256: 'nope' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('请先预览') } });
  });
});
