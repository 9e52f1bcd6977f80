// The books read kept totals, not the postings: ledger_balances (per account, month and fund nature,
// kept by the posting trigger since 0002) for the 科目余额表, 总账 and both statements, and
// ledger_entries (account, date, voucher, line; migration 0010) for the 明细账, 日记账 and drill-down.
// Here every one of those reports is computed twice on the same connection — once as the app does,
// once with both tables replaced by TEMP views holding the plain scan of the posted voucher lines
// (a temp object shadows the main table of the same name) — and the results must be identical,
// on the realistic year and on random ledgers. The scan views are the reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { buildRealisticYear, type RealisticYear } from '../helpers/realistic-year';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../helpers/core';
import type { ClientRef } from '../../src/main/core/context';
import type { OpName } from '../../src/main/contract/operations';

/** The reference: what ledger_balances and ledger_entries must hold, straight from the posted lines. */
const SCAN_BALANCES = `CREATE TEMP VIEW ledger_balances AS
  SELECT l.account_code, v.period, coalesce(l.fund_nature, '') AS fund_nature, sum(l.debit) AS debit, sum(l.credit) AS credit
  FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
  WHERE v.status = 'posted'
  GROUP BY l.account_code, v.period, coalesce(l.fund_nature, '')`;
const SCAN_ENTRIES = `CREATE TEMP VIEW ledger_entries AS
  SELECT l.account_code, v.voucher_date, v.id AS voucher_id, l.line_no
  FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
  WHERE v.status = 'posted'`;

function withScan<T>(db: Database.Database, fn: () => Promise<T>): Promise<T> {
  db.exec(SCAN_BALANCES);
  db.exec(SCAN_ENTRIES);
  return fn().finally(() => {
    db.exec('DROP VIEW temp.ledger_balances');
    db.exec('DROP VIEW temp.ledger_entries');
  });
}

type Query = [OpName, Record<string, unknown>];

function queriesFor(years: number[], busy: string[]): Query[] {
  const first = years[0]!;
  const last = years[years.length - 1]!;
  const qs: Query[] = [['books.trialBalance', { from: `${first}-01`, to: `${last}-12` }]];
  for (const y of years) {
    qs.push(['books.trialBalance', { from: `${y}-01`, to: `${y}-12` }]);
    qs.push(['books.trialBalance', { from: `${y}-04`, to: `${y}-06`, includeZero: true }]);
    qs.push(['statements.balanceSheet', { period: `${y}-12`, annual: true }]);
    qs.push(['statements.balanceSheet', { period: `${y}-05` }]);
    qs.push(['statements.incomeStatement', { period: `${y}-12`, annual: true }]);
    qs.push(['statements.incomeStatement', { period: `${y}-07` }]);
    for (const code of busy) {
      qs.push(['books.generalLedger', { accountCode: code, year: y }]);
      qs.push(['books.detailLedger', { accountCode: code, from: `${y}-01-01`, to: `${y}-12-31` }]);
      qs.push(['books.detailLedger', { accountCode: code, from: `${y}-03-10`, to: `${y}-08-20` }]);
      qs.push(['books.drillDown', { accountCode: code, from: `${y}-02`, to: `${y}-11`, excludeClosing: true }]);
    }
    qs.push(['books.journal', { kind: 'bank', from: `${y}-01-01`, to: `${y}-12-31` }]);
    qs.push(['books.journal', { kind: 'cash', from: `${y}-02-15`, to: `${y}-09-30` }]);
  }
  return qs;
}

async function compare(l: TestLedger, reader: ClientRef, queries: Query[]): Promise<number> {
  const ours: unknown[] = [];
  for (const [name, input] of queries) ours.push(await l.core.dispatch(reader, name, input as never));
  const reference = await withScan(l.core.sqlite, async () => {
    const out: unknown[] = [];
    for (const [name, input] of queries) out.push(await l.core.dispatch(reader, name, input as never));
    return out;
  });
  queries.forEach(([name, input], i) => expect(ours[i], `${name} ${JSON.stringify(input)}`).toEqual(reference[i]));
  return ours.filter((r) => (r as { ok: boolean }).ok).length;
}

describe('kept totals equal the scan of the posted lines', () => {
  let y: RealisticYear;
  beforeAll(async () => {
    y = await buildRealisticYear();
  }, 120_000);
  afterAll(() => y?.l.close());

  it('on the realistic year: the tables hold exactly the scan, and every book and statement agrees', async () => {
    const db = y.l.core.sqlite;
    const table = db.prepare('SELECT * FROM ledger_balances ORDER BY account_code, period, fund_nature').all();
    const entries = db.prepare('SELECT * FROM ledger_entries ORDER BY account_code, voucher_date, voucher_id, line_no').all();
    await withScan(db, async () => {
      expect(table).toEqual(db.prepare('SELECT * FROM temp.ledger_balances ORDER BY account_code, period, fund_nature').all());
      expect(entries).toEqual(db.prepare('SELECT * FROM temp.ledger_entries ORDER BY account_code, voucher_date, voucher_id, line_no').all());
    });
    expect(entries.length).toBeGreaterThan(150);
    const ok = await compare(y.l, y.staff.zhuguan, queriesFor([2026, 2027], ['10201', '401', '50105', '102']));
    expect(ok).toBeGreaterThan(40);
  });
});

/** Mulberry32: a small seeded PRNG, so a failing ledger can be rebuilt from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.each([11, 29, 1_000_003])('on a random ledger (seed %i)', (seed) => {
  let l: TestLedger;
  let reader: ClientRef;
  beforeAll(async () => {
    l = await openTestLedger({ clock: () => new Date('2028-02-01T10:00:00+08:00') });
    await initLedger(l);
    reader = await addUser(l, 'zhuguan', ['supervisor']);
    const db = l.core.sqlite;
    const leaves = (
      db.prepare("SELECT code FROM accounts a WHERE enabled = 1 AND NOT EXISTS (SELECT 1 FROM accounts c WHERE c.parent_code = a.code)").all() as { code: string }[]
    ).map((r) => r.code);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const insV = db.prepare(
      "INSERT INTO vouchers (id, period, voucher_date, word, status, kind, prepared_by, prepared_at) VALUES (?, ?, ?, ?, 'draft', ?, 1, 'test')",
    );
    const insL = db.prepare(
      'INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, fund_nature) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const review = db.prepare("UPDATE vouchers SET status = 'reviewed', reviewed_by = 1, reviewed_at = 'test' WHERE id = ?");
    const post = db.prepare("UPDATE vouchers SET status = 'posted', number = ?, posted_by = 1, posted_at = 'test' WHERE id = ?");
    const numbers = new Map<string, number>();
    db.transaction(() => {
      for (let id = 1; id <= 600; id++) {
        const year = rnd() < 0.5 ? 2026 : 2027;
        const month = 1 + Math.floor(rnd() * 12);
        const period = `${year}-${String(month).padStart(2, '0')}`;
        const date = `${period}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        const word = pick(['记', '记', '记', '收', '付']);
        const kind = pick(['normal', 'normal', 'normal', 'normal', 'reversal', 'closing', 'year_end'] as const);
        insV.run(id, period, date, word, kind);
        // 2–5 lines that balance; some red-ink (negative) amounts; the closing kinds touch 32x.
        const n = 2 + Math.floor(rnd() * 4);
        let net = 0;
        for (let k = 1; k < n; k++) {
          const code = kind === 'closing' && k === 1 ? pick(['32103', '32203']) : pick(leaves);
          const amount = (1 + Math.floor(rnd() * 1_000_000)) * (kind === 'reversal' ? -1 : 1);
          const debitSide = rnd() < 0.5;
          const fund = code >= '4' || code.startsWith('32') ? pick(['special', 'general', null] as const) : null;
          insL.run(id, k, `摘要${id}-${k}`, code, debitSide ? amount : 0, debitSide ? 0 : amount, fund);
          net += debitSide ? amount : -amount;
        }
        if (net === 0) {
          insL.run(id, n, '平衡', '102', 1, 0, null);
          insL.run(id, n + 1, '平衡', '101', 0, 1, null);
        } else {
          insL.run(id, n, '平衡', pick(['102', '101']), net < 0 ? -net : 0, net > 0 ? net : 0, null);
        }
        // One in ten stays a draft or only reviewed: not in the books.
        const stage = rnd();
        if (stage < 0.05) continue;
        review.run(id);
        if (stage < 0.1) continue;
        const key = `${period}${word}`;
        const no = (numbers.get(key) ?? 0) + 1;
        numbers.set(key, no);
        post.run(no, id);
      }
    })();
  }, 60_000);
  afterAll(() => l?.close());

  it('the tables equal the scan and so do the trial balance, the general and detail ledgers, the journals and both statements', async () => {
    const db = l.core.sqlite;
    const table = db.prepare('SELECT * FROM ledger_balances ORDER BY account_code, period, fund_nature').all();
    const entries = db.prepare('SELECT * FROM ledger_entries ORDER BY account_code, voucher_date, voucher_id, line_no').all();
    await withScan(db, async () => {
      expect(table).toEqual(db.prepare('SELECT * FROM temp.ledger_balances ORDER BY account_code, period, fund_nature').all());
      expect(entries).toEqual(db.prepare('SELECT * FROM temp.ledger_entries ORDER BY account_code, voucher_date, voucher_id, line_no').all());
    });
    expect(entries.length).toBeGreaterThan(1_000);
    const busy = (
      db.prepare('SELECT account_code AS code FROM ledger_entries GROUP BY account_code ORDER BY count(*) DESC LIMIT 3').all() as { code: string }[]
    ).map((r) => r.code);
    await compare(l, reader, queriesFor([2026, 2027], [...busy, '102', '4']));
  });
});
