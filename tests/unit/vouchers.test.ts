// Vouchers through their whole life, as the accountant, supervisor and cashier use them.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, addUser, client, type TestLedger } from '../helpers/core';
import type { ClientRef } from '../../src/main/core/context';
import type { VoucherLineInput } from '../../src/main/contract/books';

let l: TestLedger;
let kuaiji: ClientRef; // 会计: prepares
let zhuguan: ClientRef; // 会计主管: reviews and posts
let chuna: ClientRef; // 出纳: confirms cash and bank

beforeEach(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  chuna = await addUser(l, 'chuna', ['cashier']);
});
afterEach(() => l.close());

const dues = (amount: number): VoucherLineInput[] => [
  { summary: '收3月会费', accountCode: '102', debit: amount },
  { summary: '收3月会费', accountCode: '401', credit: amount, fundNature: 'general' },
];

async function draft(lines = dues(128_050), date = '2026-03-10', attachments = 1) {
  return l.call(kuaiji, 'vouchers.save', { date, attachments, lines });
}

async function postThrough(id: number) {
  await l.call(zhuguan, 'vouchers.review', { id });
  const v = await l.call(zhuguan, 'vouchers.get', { id });
  if (v.needsCashier) await l.call(chuna, 'vouchers.confirmCash', { id });
  return l.call(zhuguan, 'vouchers.post', { id });
}

function balance(code: string): { debit: number; credit: number } {
  return l.core.sqlite.prepare('SELECT coalesce(sum(debit),0) AS debit, coalesce(sum(credit),0) AS credit FROM ledger_balances WHERE account_code = ?').get(code) as {
    debit: number;
    credit: number;
  };
}

describe('chart of accounts', () => {
  it('is seeded with the 24 grassroots accounts enabled and the county accounts switched off', async () => {
    const enabled = await l.call(kuaiji, 'accounts.list', {});
    expect(enabled.filter((a) => a.code.length === 3).map((a) => a.code)).toEqual(
      ['101', '102', '131', '135', '141', '162', '163', '182', '211', '215', '301', '321', '322', '401', '402', '403', '405', '408', '501', '503', '504', '505', '507', '510'],
    );
    const all = await l.call(kuaiji, 'accounts.list', { includeDisabled: true });
    expect(all.find((a) => a.code === '221')).toMatchObject({ name: '代管经费', scope: 'county', enabled: false });
    expect(all.find((a) => a.code === '163')).toMatchObject({ normalSide: 'credit', element: 'asset' });
    expect(all.find((a) => a.code === '50105')).toMatchObject({ closeSpecial: '32103', closeGeneral: '32203', leaf: true });
    expect(all.find((a) => a.code === '501')).toMatchObject({ leaf: false });
    expect(all.find((a) => a.code === '102')).toMatchObject({ journal: 'bank', initials: 'yhck' });
  });

  it('lets the accountant add detail accounts, switch on a county account, and refuses renaming prescribed ones', async () => {
    const icbc = await l.call(kuaiji, 'accounts.addDetail', { parentCode: '102', name: '工商银行' });
    expect(icbc).toMatchObject({ code: '10201', fullName: '银行存款——工商银行', journal: 'bank', leaf: true });
    expect((await l.call(kuaiji, 'accounts.addDetail', { parentCode: '102', name: '农业银行' })).code).toBe('10202');
    const list = await l.call(kuaiji, 'accounts.list', {});
    expect(list.find((a) => a.code === '102')!.leaf).toBe(false);
    expect(await l.core.dispatch(kuaiji, 'accounts.rename', { code: '401', name: '会费' })).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(() => l.core.sqlite.prepare("UPDATE accounts SET name = 'x' WHERE code = '401'").run()).toThrow(/不得更名/);
    expect(() => l.core.sqlite.prepare("DELETE FROM accounts WHERE code = '401'").run()).toThrow(/不得删除/);
    expect(await l.call(kuaiji, 'accounts.setEnabled', { code: '221', enabled: true })).toMatchObject({ enabled: true });
  });

  it('refuses to delete an account that has postings', async () => {
    await l.call(kuaiji, 'accounts.addDetail', { parentCode: '102', name: '工商银行' });
    const v = await draft([
      { summary: '收会费', accountCode: '10201', debit: 5000 },
      { summary: '收会费', accountCode: '401', credit: 5000, fundNature: 'general' },
    ]);
    await postThrough(v.id);
    expect(await l.core.dispatch(kuaiji, 'accounts.remove', { code: '10201' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await l.core.dispatch(kuaiji, 'accounts.addDetail', { parentCode: '10201', name: '基本户' })).toMatchObject({ ok: false });
  });
});

describe('entering a voucher', () => {
  it('names the line and field of a bad entry, in Chinese', async () => {
    const cases: [VoucherLineInput[], string, string][] = [
      [[{ summary: '购物', accountCode: '501', debit: 100, fundNature: 'general', expenseType: 'basic' }, { summary: '购物', accountCode: '102', credit: 100 }], 'lines.0.accountCode', '末级明细科目'],
      [[{ summary: '收会费', accountCode: '102', debit: 100, credit: 100 }, { summary: 'x', accountCode: '401', credit: 100, fundNature: 'general' }], 'lines.0.debit', '只能填写一方'],
      [[{ summary: '收会费', accountCode: '102', debit: 100 }, { summary: '收会费', accountCode: '401', credit: 100 }], 'lines.1.fundNature', '资金性质'],
      [[{ summary: '慰问', accountCode: '50105', debit: 100, fundNature: 'general' }, { summary: '慰问', accountCode: '102', credit: 100 }], 'lines.0.expenseType', '基本支出或项目支出'],
      [[{ summary: '借款', accountCode: '135', debit: 100 }, { summary: '借款', accountCode: '101', credit: 100 }], 'lines.0.counterparty', '往来单位'],
      [[{ summary: '收会费', accountCode: '102', debit: -100 }, { summary: '收会费', accountCode: '401', credit: -100, fundNature: 'general' }], 'lines.0.debit', '不能为负数'],
      [[{ summary: '收会费', accountCode: '102', debit: 12.5 }, { summary: '收会费', accountCode: '401', credit: 12.5, fundNature: 'general' }], 'lines.0.debit', '整数'],
    ];
    for (const [lines, field, text] of cases) {
      const res = await l.core.dispatch(kuaiji, 'vouchers.save', { date: '2026-03-10', attachments: 1, lines });
      expect(res, field).toMatchObject({ ok: false, error: { field } });
      expect(!res.ok && res.error.message).toContain(text);
    }
    expect((await l.call(kuaiji, 'vouchers.list', {})).total).toBe(0);
  });

  it('keeps an unbalanced draft but will not review it', async () => {
    const v = await draft([
      { summary: '收会费', accountCode: '102', debit: 10000 },
      { summary: '收会费', accountCode: '401', credit: 9000, fundNature: 'general' },
    ]);
    expect(v.findings.map((f) => f.rule)).toContain('VCH-BAL');
    const res = await l.core.dispatch(zhuguan, 'vouchers.review', { id: v.id });
    expect(res).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(!res.ok && res.error.message).toContain('相差 10.00 元');
  });

  it('refuses dates before the first fiscal year and in closed months', async () => {
    expect(await l.core.dispatch(kuaiji, 'vouchers.save', { date: '2025-12-31', attachments: 1, lines: dues(100) })).toMatchObject({
      ok: false,
      error: { field: 'date' },
    });
    l.core.sqlite.prepare("INSERT INTO periods (period, status) VALUES ('2026-02', 'closed')").run();
    const res = await l.core.dispatch(kuaiji, 'vouchers.save', { date: '2026-02-20', attachments: 1, lines: dues(100) });
    expect(!res.ok && res.error.message).toContain('2026年2月已结账');
  });
});

describe('review, cashier, posting', () => {
  it('runs draft → reviewed → cashier confirmed → posted, numbering gaplessly per month and word', async () => {
    const a = await draft();
    const b = await draft(dues(5000), '2026-03-12');
    expect((await l.call(zhuguan, 'vouchers.review', { id: a.id })).status).toBe('reviewed');
    // A cash or bank voucher needs the cashier first.
    const early = await l.core.dispatch(zhuguan, 'vouchers.post', { id: a.id });
    expect(early).toMatchObject({ ok: false, error: { code: 'RULE' } });
    expect(!early.ok && early.error.rule).toContain('第五十一条');
    await l.call(chuna, 'vouchers.confirmCash', { id: a.id });
    const posted = await l.call(zhuguan, 'vouchers.post', { id: a.id });
    expect(posted).toMatchObject({ status: 'posted', number: 1 });
    expect(posted.preparer.name).toBe('kuaiji');
    expect(posted.reviewer?.name).toBe('zhuguan');
    expect(posted.cashier?.name).toBe('chuna');
    expect(posted.poster?.name).toBe('zhuguan');
    expect(posted.totalInWords).toBe('壹仟贰佰捌拾元伍角整');
    expect((await postThrough(b.id)).number).toBe(2);
    // A draft in between never takes a number.
    const c = await draft(dues(100), '2026-03-20');
    expect(c.number).toBeNull();
    // Another voucher word has its own sequence.
    const shou = await l.call(kuaiji, 'vouchers.save', { date: '2026-03-21', word: '收', attachments: 1, lines: dues(300) });
    expect((await postThrough(shou.id)).number).toBe(1);
    expect(balance('102')).toEqual({ debit: 128_050 + 5000 + 300, credit: 0 });
    expect(balance('401')).toEqual({ debit: 0, credit: 128_050 + 5000 + 300 });
  });

  it('keeps the cashier from reviewing or posting, and the preparer\'s own review is a logged warning by default', async () => {
    const v = await draft();
    expect(await l.core.dispatch(chuna, 'vouchers.review', { id: v.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await l.core.dispatch(chuna, 'vouchers.post', { id: v.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const solo = await addUser(l, 'solo', ['accountant', 'supervisor']);
    const own = await l.call(solo, 'vouchers.save', { date: '2026-03-10', attachments: 1, lines: dues(100) });
    const reviewed = await l.call(solo, 'vouchers.review', { id: own.id });
    expect(reviewed.findings).toEqual([expect.objectContaining({ rule: 'CHK-SOD-1', severity: 'warn' })]);
    const log = await l.call(client('admin'), 'audit.list', { operation: 'vouchers.review' });
    expect(JSON.stringify(log.rows[0]!.after)).toContain('CHK-SOD-1');

    const s = await l.call(client('admin'), 'settings.get', {});
    await l.call(client('admin'), 'settings.update', { ...s, preparerReviewsOwn: 'block' });
    const own2 = await l.call(solo, 'vouchers.save', { date: '2026-03-10', attachments: 1, lines: dues(200) });
    expect(await l.core.dispatch(solo, 'vouchers.review', { id: own2.id })).toMatchObject({ ok: false, error: { code: 'RULE' } });
  });

  it('needs no cashier for a transfer voucher without cash or bank lines', async () => {
    const v = await draft([
      { summary: '计提折旧', accountCode: '30104', debit: 8667 },
      { summary: '计提折旧', accountCode: '163', credit: 8667 },
    ]);
    expect(v.needsCashier).toBe(false);
    await l.call(zhuguan, 'vouchers.review', { id: v.id });
    expect((await l.call(zhuguan, 'vouchers.post', { id: v.id })).status).toBe('posted');
  });
});

describe('posted vouchers are never changed', () => {
  it('refuses edits and deletion through the app', async () => {
    const v = await postThrough((await draft()).id);
    expect(await l.core.dispatch(kuaiji, 'vouchers.save', { id: v.id, date: '2026-03-10', attachments: 1, lines: dues(1) })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await l.core.dispatch(kuaiji, 'vouchers.delete', { id: v.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('refuses UPDATE and DELETE on posted vouchers and their lines in the database itself', async () => {
    const v = await postThrough((await draft()).id);
    const db = l.core.sqlite;
    expect(() => db.prepare('UPDATE vouchers SET voucher_date = ? WHERE id = ?').run('2026-03-11', v.id)).toThrow(/不得修改/);
    expect(() => db.prepare('DELETE FROM vouchers WHERE id = ?').run(v.id)).toThrow(/不得删除/);
    expect(() => db.prepare('UPDATE voucher_lines SET debit = 1 WHERE voucher_id = ?').run(v.id)).toThrow(/只有草稿凭证/);
    expect(() => db.prepare('DELETE FROM voucher_lines WHERE voucher_id = ?').run(v.id)).toThrow(/不得删除/);
    expect(() =>
      db.prepare("INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit) VALUES (?, 9, 'x', '101', 5)").run(v.id),
    ).toThrow(/只有草稿凭证/);
    expect(() =>
      db.prepare("INSERT INTO vouchers (period, voucher_date, status, number, prepared_by, prepared_at) VALUES ('2026-03', '2026-03-01', 'posted', 7, 1, 'x')").run(),
    ).toThrow(/只能以草稿登记/);
  });
});

describe('corrections', () => {
  it('reverses in red with a linked 注销 voucher that nets the books to zero, once only', async () => {
    const orig = await postThrough((await draft()).id);
    const red = await l.call(kuaiji, 'vouchers.reverse', { id: orig.id, date: '2026-03-18' });
    expect(red).toMatchObject({ kind: 'reversal', reversesVoucherId: orig.id, status: 'draft' });
    expect(red.lines.map((x) => [x.accountCode, x.debit, x.credit])).toEqual([
      ['102', -128_050, 0],
      ['401', 0, -128_050],
    ]);
    expect(red.lines[0]!.summary).toBe('注销3月10日记字第1号凭证');
    expect(red.findings.map((f) => f.rule)).not.toContain('CHK-ATT-1'); // correcting vouchers need no source documents
    await postThrough(red.id);
    expect(balance('102')).toEqual({ debit: 0, credit: 0 });
    expect((await l.call(kuaiji, 'vouchers.get', { id: orig.id })).reversedBy).toEqual([red.id]);
    expect(await l.core.dispatch(kuaiji, 'vouchers.reverse', { id: orig.id, date: '2026-03-19' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('prefills the blue 订正 voucher and links it both ways', async () => {
    const orig = await postThrough((await draft()).id);
    const t = await l.call(kuaiji, 'vouchers.correctionTemplate', { id: orig.id, mode: 'full', date: '2026-03-18' });
    expect(t.lines[0]!.summary).toBe('订正3月10日记字第1号凭证');
    const blue = await l.call(kuaiji, 'vouchers.save', {
      date: t.date,
      attachments: 0,
      kind: 'correction',
      correctsVoucherId: orig.id,
      lines: t.lines.map((x) => ({ ...x, debit: x.debit ? 120_050 : 0, credit: x.credit ? 120_050 : 0 })),
    });
    expect(blue.correctsVoucherId).toBe(orig.id);
    expect((await l.call(kuaiji, 'vouchers.get', { id: orig.id })).correctedBy).toEqual([blue.id]);
  });

  it('records an amount-only difference in red (a decrease) against the original', async () => {
    const orig = await postThrough((await draft()).id);
    const diff = await l.call(kuaiji, 'vouchers.save', {
      date: '2026-03-18',
      attachments: 0,
      kind: 'difference',
      correctsVoucherId: orig.id,
      lines: [
        { summary: '更正多记会费', accountCode: '102', debit: -8000 },
        { summary: '更正多记会费', accountCode: '401', credit: -8000, fundNature: 'general' },
      ],
    });
    await postThrough(diff.id);
    expect(balance('401').credit).toBe(128_050 - 8000);
  });

  it('sends a prior-year error through 32101/32201 and refuses to touch this year\'s revenue', async () => {
    // A 2026 voucher corrected in 2027.
    const orig = await postThrough((await draft()).id);
    l.core.sqlite.prepare("UPDATE union_profile SET first_fiscal_year = 2026").run();
    expect(await l.core.dispatch(kuaiji, 'vouchers.reverse', { id: orig.id, date: '2027-01-05' })).toMatchObject({ ok: false, error: { code: 'RULE' } });
    const t = await l.call(kuaiji, 'vouchers.correctionTemplate', { id: orig.id, mode: 'difference', date: '2027-01-05' });
    expect(t.lines.map((x) => x.accountCode)).toEqual(['102', '32201']);
    const refused = await l.core.dispatch(kuaiji, 'vouchers.save', {
      date: '2027-01-05',
      attachments: 0,
      kind: 'difference',
      correctsVoucherId: orig.id,
      lines: [
        { summary: '更正上年多记会费', accountCode: '102', debit: -8000 },
        { summary: '更正上年多记会费', accountCode: '401', credit: -8000, fundNature: 'general' },
      ],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RULE', field: 'lines.1.accountCode' } });
    expect(!refused.ok && refused.error.rule).toContain('第二十三条');
    const ok = await l.call(kuaiji, 'vouchers.save', {
      date: '2027-01-05',
      attachments: 0,
      kind: 'difference',
      correctsVoucherId: orig.id,
      lines: [
        { summary: '更正上年多记会费', accountCode: '102', debit: -8000 },
        { summary: '更正上年多记会费', accountCode: '32201', credit: -8000 },
      ],
    });
    expect(ok.status).toBe('draft');
  });
});

describe('source documents', () => {
  const pdf = Buffer.from('%PDF-1.4\n% 发票\n%%EOF').toString('base64');

  it('stores files by SHA-256 and insists the 附件张数 agree unless explained', async () => {
    const v = await draft(dues(100), '2026-03-10', 3);
    const withFile = await l.call(kuaiji, 'vouchers.attach', { id: v.id, filename: '发票.pdf', mimeType: 'application/pdf', base64: pdf, pages: 2 });
    expect(withFile.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(withFile.findings.map((f) => f.rule)).toContain('VCH-ATT');
    const refused = await l.core.dispatch(zhuguan, 'vouchers.review', { id: v.id });
    expect(!refused.ok && refused.error.message).toContain('附件张数填写为 3 张，已上传的原始凭证共 2 张');
    await l.call(kuaiji, 'vouchers.save', { id: v.id, date: '2026-03-10', attachments: 3, attachmentsNote: '附件另订 1 张', lines: dues(100) });
    expect((await l.call(zhuguan, 'vouchers.review', { id: v.id })).status).toBe('reviewed');
    const file = await l.call(zhuguan, 'vouchers.attachment', { attachmentId: withFile.files[0]!.id });
    expect(Buffer.from(file.base64, 'base64').toString()).toContain('发票');
  });

  it('refuses a file whose content is not what it claims to be', async () => {
    const v = await draft();
    const res = await l.core.dispatch(kuaiji, 'vouchers.attach', {
      id: v.id,
      filename: '发票.pdf',
      mimeType: 'application/pdf',
      base64: Buffer.from('<script>alert(1)</script>').toString('base64'),
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'mimeType' } });
  });

  it('freezes the attachments of a posted voucher', async () => {
    const v = await draft();
    const withFile = await l.call(kuaiji, 'vouchers.attach', { id: v.id, filename: '发票.pdf', mimeType: 'application/pdf', base64: pdf, pages: 1 });
    await postThrough(v.id);
    expect(await l.core.dispatch(kuaiji, 'vouchers.attach', { id: v.id, filename: 'b.pdf', mimeType: 'application/pdf', base64: pdf })).toMatchObject({ ok: false });
    expect(() => l.core.sqlite.prepare('DELETE FROM voucher_attachments WHERE id = ?').run(withFile.files[0]!.id)).toThrow(/不得删除/);
  });
});

describe('printing', () => {
  it('prints a posted voucher with its signers and the total in capitals, fonts embedded', async () => {
    const { execFileSync } = await import('node:child_process');
    const fs = await import('node:fs');
    const path = await import('node:path');
    const v = await postThrough((await draft()).id);
    const file = await l.call(kuaiji, 'vouchers.print', { ids: [v.id] });
    expect(file.mimeType).toBe('application/pdf');
    expect(file.filename).toBe('记账凭证-2026-03-10-记1.pdf');
    const pdf = path.join(l.dir, 'v.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/记\s*账\s*凭\s*证/);
    expect(text).toContain('壹仟贰佰捌拾元伍角整');
    expect(text).toContain('1,280.50');
    for (const name of ['kuaiji', 'zhuguan', 'chuna']) expect(text).toContain(name);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansSC.*yes/);
  });
});
