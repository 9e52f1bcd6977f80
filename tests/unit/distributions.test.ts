// Batch distributions (S10, S14, festival goods) and the 签领表: spending.batch.prepare selects the
// members on the date and saves ONE draft through spending.save, so the engine's findings come with
// it (CHK-MEM-1 for retirees, CHK-FREQ-1 for a second birthday, CHK-CARD-1 for cards); the roster
// prints with real names, its total and the signature footer; aid rosters are restricted.
// Preset FJ-2018 (as in spending-workflow.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { addUser, client, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import { addMember, changeStatus } from '../helpers/dues';
import type { ClientRef } from '../../src/main/core/context';
import { CoreError } from '../../src/main/core/errors';

let l: TestLedger;
let kuaiji: ClientRef;
let zhuguan: ClientRef;
let zhuxi: ClientRef;
let zhang: number;
let li: number;
let wang: number;
let zhao: number;

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-10-08T02:00:00Z') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  zhuxi = await addUser(l, 'zhuxi', ['chair']);
  zhang = addMember(l, { no: 'E001', name: '张三', group: '一组' });
  li = addMember(l, { no: 'E002', name: '李四', group: '二组' });
  wang = addMember(l, { no: 'E003', name: '王五', group: '一组', status: 'retired', since: '2025-06-30' });
  // Joined after the Mid-Autumn date: not on that list.
  zhao = addMember(l, { no: 'E004', name: '赵六', group: '二组', joined: '2026-10-01' });
  const birth = l.core.sqlite.prepare('UPDATE members SET birth_date = ? WHERE id = ?');
  birth.run('1985-03-12', zhang);
  birth.run('1990-07-01', li);
  birth.run('1960-03-20', wang);
});
afterEach(() => l.close());

async function refusal(p: Promise<unknown>): Promise<CoreError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected the operation to be refused');
}

const midAutumn = { kind: 'festival_all_active', date: '2026-09-20', festival: '中秋节', amountPerPersonFen: 20000, item: '月饼一盒', paymentMethod: '实物', account: '50105', payeeName: '某某食品厂' } as const;

async function xlsxRows(base64: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push(c.text));
    out.push(cells);
  });
  return out;
}

describe('spending.batch.prepare', () => {
  it('festival goods go to every member in service on the date, as one draft checked by the engine', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', midAutumn);
    expect(r.recipientCount).toBe(2);
    expect(r.request.status).toBe('draft');
    expect(r.request.type).toBe('节日慰问');
    expect(r.request.details.festival).toBe('中秋节');
    expect(r.request.accountCode).toBe('50105');
    expect(r.request.amountFen).toBe(40000);
    expect(r.request.payee).toEqual({ kind: 'supplier', name: '某某食品厂', memberId: null });
    // By group, then 工号: 一组 张三, 二组 李四; the retiree and the member who joined later are not on it.
    expect(r.request.recipients.map((x) => [x.name, x.amountFen, x.item])).toEqual([
      ['张三', 20000, '月饼一盒'],
      ['李四', 20000, '月饼一盒'],
    ]);
    expect(r.request.recipients.map((x) => x.memberId)).not.toContain(zhao);
    // The engine ran at save (the same path as spending.save): findings are those of the latest run.
    expect(r.request.latestCheck?.stage).toBe('save');
    expect(r.findings).toEqual(r.request.latestCheck?.findings);
    expect(r.findings.some((f) => f.rule === 'CHK-MEM-1')).toBe(false);
    expect(r.findings.some((f) => f.severity === 'block')).toBe(false);
    // Audited: the save and the batch.
    const audit = await l.call(client('admin'), 'audit.list', { entity: 'spending_request', pageSize: 50 });
    const ops = audit.rows.filter((x) => x.entityId === String(r.request.id)).map((x) => x.operation);
    expect(ops).toContain('spending.save');
    expect(ops).toContain('spending.batch.prepare');
  });

  it('a member on the list while in service, not after retiring (status on the date)', async () => {
    changeStatus(l, li, 'retired', '2026-09-01');
    const before = await l.call(kuaiji, 'spending.batch.prepare', { ...midAutumn, date: '2026-06-10', festival: '端午节', item: '粽子' });
    expect(before.request.recipients.map((x) => x.name)).toEqual(['张三', '李四']);
    const after = await l.call(kuaiji, 'spending.batch.prepare', midAutumn);
    expect(after.request.recipients.map((x) => x.name)).toEqual(['张三']);
  });

  it('a retiree visit lists the retirees and the engine blocks it under R-RET (CHK-MEM-1)', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', { ...midAutumn, kind: 'retiree_visit', item: '月饼、水果' });
    expect(r.request.recipients.map((x) => x.memberId)).toEqual([wang]);
    const mem = r.findings.find((f) => f.rule === 'CHK-MEM-1');
    expect(mem?.severity).toBe('block');
    expect(mem?.memberId).toBe(wang);
    const e = await refusal(l.call(kuaiji, 'spending.submit', { requestId: r.request.id }));
    expect(e.extra.rule).toMatch(/^CHK-MEM-1/);
  });

  it('festival gifts as shopping cards are caught like any request (CHK-CARD-1)', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', { ...midAutumn, paymentMethod: '购物卡' });
    expect(r.findings.find((f) => f.rule === 'CHK-CARD-1')?.severity).toBe('block');
  });

  it("the month's birthdays among members in service; a second birthday in the year is CHK-FREQ-1", async () => {
    const first = await l.call(kuaiji, 'spending.batch.prepare', {
      kind: 'birthday_month', date: '2026-03-01', month: 3, amountPerPersonFen: 15000, item: '生日蛋糕券', paymentMethod: '蛋糕券', account: '50105',
    });
    // 王五 (born in March) is retired: not on the birthday list.
    expect(first.request.recipients.map((x) => x.memberId)).toEqual([zhang]);
    expect(first.request.type).toBe('生日慰问');
    expect(first.findings.some((f) => f.rule === 'CHK-FREQ-1')).toBe(false);
    // Approve the first (it then counts against the year), and prepare March again.
    const id = first.request.id;
    await l.call(kuaiji, 'spending.submit', { requestId: id });
    await l.call(zhuguan, 'spending.review', { requestId: id });
    for (const w of (await l.call(zhuxi, 'spending.get', { requestId: id })).latestCheck!.findings.filter((f) => f.severity === 'warn')) {
      await l.call(zhuxi, 'spending.override', { requestId: id, ruleId: w.rule, reason: '年度预算尚在编制中，按上年同期标准先行列支' });
    }
    expect((await l.call(zhuxi, 'spending.approve', { requestId: id })).status).toBe('approved');
    const again = await l.call(kuaiji, 'spending.batch.prepare', {
      kind: 'birthday_month', date: '2026-03-25', month: 3, amountPerPersonFen: 15000, item: '生日蛋糕券', paymentMethod: '蛋糕券', account: '50105',
    });
    const freq = again.findings.find((f) => f.rule === 'CHK-FREQ-1');
    expect(freq?.severity).toBe('warn');
    expect(freq?.memberId).toBe(zhang);
  });

  it('refuses a batch with nobody on it, and a festival batch without the festival', async () => {
    const none = await refusal(l.call(kuaiji, 'spending.batch.prepare', { kind: 'birthday_month', date: '2026-12-01', month: 12, amountPerPersonFen: 15000, item: '蛋糕', paymentMethod: '蛋糕券' }));
    expect(none.code).toBe('VALIDATION');
    expect(none.message).toContain('12月生日');
    const noFest = await refusal(l.call(kuaiji, 'spending.batch.prepare', { ...midAutumn, festival: undefined }));
    expect(noFest.extra.field).toBe('festival');
  });
});

describe('spending.rosterPrint (签领表)', () => {
  it('prints the roster with real names, the total and the signature footer', async () => {
    const r = await l.call(kuaiji, 'spending.batch.prepare', midAutumn);
    const x = await l.call(kuaiji, 'spending.rosterPrint', { requestId: r.request.id, format: 'xlsx' });
    expect(x.filename).toBe('2026年中秋节慰问品签领表.xlsx');
    const rows = await xlsxRows(x.base64);
    const flat = rows.map((cells) => cells.join('|'));
    const all = flat.join('\n');
    expect(all).toContain('2026年中秋节慰问品签领表');
    for (const h of ['序号', '工号', '姓名', '工会小组', '物品/金额', '签领人签字', '日期']) expect(all).toContain(h);
    expect(flat.some((line) => line.includes('E001') && line.includes('张三') && line.includes('一组') && line.includes('月饼一盒'))).toBe(true);
    expect(flat.some((line) => line.includes('E002') && line.includes('李四') && line.includes('二组'))).toBe(true);
    expect(flat.some((line) => line.includes('合计') && line.includes('共 2 人') && line.includes('400'))).toBe(true);
    for (const s of ['经办人', '审核', '工会主席']) expect(all).toContain(s);
    const pdf = await l.call(kuaiji, 'spending.rosterPrint', { requestId: r.request.id, format: 'pdf' });
    expect(pdf.mimeType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('titles a birthday roster by its month and a retiree visit as such', async () => {
    const b = await l.call(kuaiji, 'spending.batch.prepare', { kind: 'birthday_month', date: '2026-02-26', month: 3, amountPerPersonFen: 15000, item: '生日蛋糕券', paymentMethod: '蛋糕券' });
    expect((await l.call(kuaiji, 'spending.rosterPrint', { requestId: b.request.id, format: 'xlsx' })).filename).toBe('2026年3月生日慰问品签领表.xlsx');
    const v = await l.call(kuaiji, 'spending.batch.prepare', { ...midAutumn, kind: 'retiree_visit' });
    expect((await l.call(kuaiji, 'spending.rosterPrint', { requestId: v.request.id, format: 'xlsx' })).filename).toBe('2026年中秋节退休会员慰问签领表.xlsx');
  });

  it('an aid roster (困难帮扶) is restricted to the chair and the granted users', async () => {
    const aid = await l.call(kuaiji, 'spending.save', {
      type: '困难帮扶', purpose: '困难职工帮扶金', date: '2026-09-10', accountCode: '50404', amountFen: 100000,
      payee: { kind: 'member', name: '李四', memberId: li }, paymentMethod: '银行转账',
      recipients: [{ memberId: li, amountFen: 100000 }],
    });
    const e = await refusal(l.call(kuaiji, 'spending.rosterPrint', { requestId: aid.id, format: 'xlsx' }));
    expect(e.code).toBe('FORBIDDEN');
    const ok = await l.call(zhuxi, 'spending.rosterPrint', { requestId: aid.id, format: 'xlsx' });
    expect(ok.filename).toBe('2026年困难帮扶签领表.xlsx');
  });
});
