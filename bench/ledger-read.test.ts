// Timing of the read side on a ledger with 1,000,000 postings (500,000 two-line vouchers over a
// year). Slow to build (tens of seconds): part of `npm run bench`, not of `npm test`.
// The trial balance for the year must answer in under 50 ms (it reads ledger_balances only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../tests/helpers/core';
import type { ClientRef } from '../src/main/core/context';

const VOUCHERS = 500_000;

let l: TestLedger;
let reader: ClientRef;

// Pairs of (debit, credit) accounts with the fund nature of the revenue/expenditure side.
const PAIRS: [string, string, string | null][] = [
  ['102', '401', 'general'],
  ['102', '402', 'general'],
  ['50105', '102', 'general'],
  ['50405', '102', 'special'],
  ['102', '40302', 'special'],
  ['101', '102', null],
  ['50102', '101', 'general'],
  ['135', '101', null],
];

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-12-31T12:00:00+08:00') });
  await initLedger(l);
  reader = await addUser(l, 'zhuguan', ['supervisor']);
  const db = l.core.sqlite;
  const insV = db.prepare("INSERT INTO vouchers (id, period, voucher_date, word, status, kind, prepared_by, prepared_at) VALUES (?, ?, ?, '记', 'draft', 'normal', 1, 'bench')");
  const insL = db.prepare(
    'INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, fund_nature, counterparty) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const review = db.prepare("UPDATE vouchers SET status = 'reviewed', reviewed_by = 1, reviewed_at = 'bench' WHERE id = ?");
  const post = db.prepare("UPDATE vouchers SET status = 'posted', number = ?, posted_by = 1, posted_at = 'bench' WHERE id = ?");
  const perMonth = VOUCHERS / 12;
  db.transaction(() => {
    for (let i = 1; i <= VOUCHERS; i++) {
      const month = Math.min(12, Math.floor((i - 1) / perMonth) + 1);
      const day = ((i % 28) + 1).toString().padStart(2, '0');
      const period = `2026-${String(month).padStart(2, '0')}`;
      const [dr, cr, fund] = PAIRS[i % PAIRS.length]!;
      const amount = 100 + (i % 9_973);
      insV.run(i, period, `${period}-${day}`);
      insL.run(i, 1, '测试', dr, amount, 0, dr >= '4' ? fund : null, dr === '135' ? '张三' : null);
      insL.run(i, 2, '测试', cr, 0, amount, cr >= '4' ? fund : null, null);
      review.run(i);
      post.run(i - Math.floor((i - 1) / perMonth) * perMonth, i);
    }
    // One T12 closing voucher per month (amounts need not match: the statements only take them out again).
    for (let month = 1; month <= 12; month++) {
      const id = VOUCHERS + month;
      const period = `2026-${String(month).padStart(2, '0')}`;
      insV.run(id, period, `${period}-28`);
      db.prepare("UPDATE vouchers SET kind = 'closing' WHERE id = ?").run(id);
      insL.run(id, 1, '结转', '401', 1_000, 0, 'general', null);
      insL.run(id, 2, '结转', '32203', 0, 1_000, null, null);
      review.run(id);
      post.run(perMonth + 1, id);
    }
  })();
}, 600_000);
afterAll(() => l?.close());

function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  return fn().then((value) => ({ ms: performance.now() - t, value }));
}

describe('read side on 1,000,000 postings', () => {
  it('trial balance for the year under 50 ms', async () => {
    await l.call(reader, 'books.trialBalance', { from: '2026-01', to: '2026-12' }); // warm the statement cache
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push((await timed(() => l.call(reader, 'books.trialBalance', { from: '2026-01', to: '2026-12' }))).ms);
    const best = Math.min(...runs);
    console.log(`books.trialBalance 2026: ${runs.map((x) => x.toFixed(1)).join(' / ')} ms`);
    expect(best).toBeLessThan(50);
  });

  it('statements and the general ledger', async () => {
    for (const [name, input] of [
      ['statements.balanceSheet', { period: '2026-12', annual: true }],
      ['statements.incomeStatement', { period: '2026-12', annual: true }],
      ['statements.incomeStatement', { period: '2026-06' }],
      ['books.generalLedger', { accountCode: '102', year: 2026 }],
      ['books.detailLedger', { accountCode: '50405', from: '2026-06-01', to: '2026-06-30' }],
      ['books.journal', { kind: 'cash', from: '2026-06-01', to: '2026-06-30' }],
    ] as const) {
      await l.core.dispatch(reader, name, input);
      const { ms, value } = await timed(() => l.core.dispatch(reader, name, input));
      expect(value.ok, name).toBe(true);
      if (value.ok && name === 'statements.balanceSheet') expect((value.value as { balanced: boolean }).balanced).toBe(true);
      console.log(`${name} ${JSON.stringify(input)}: ${ms.toFixed(1)} ms`);
    }
  });
});
