// `npm run bench` (issue 8): the app on the largest realistic union, side by side with the floor.
//
// The ledger is bench/generate/large-ledger.ts (20,000 members, ten years, ≈1,000,000 postings,
// every month and year closed; cached in the temp folder). Every figure is the median of several
// runs through the dispatcher (session, role, zod, one transaction, audit) on a copy of that file,
// next to the floor: the same work done with bare better-sqlite3 (prepared statements in one
// transaction, a plain GROUP BY over the postings), and for the trial balance next to Debian's
// hledger on the exported journal of a 100,000-transaction slice. Ratios are ours ÷ floor.
// Results: bench/results/latest.json and latest.md (summarised in README.md, 性能 / Performance).
//
// Memory: the browser-mode server (a core host and nothing else) is sampled from /proc while it
// opens the large file and serves the first screen; in this process the core's reads and writes run
// first and the peak RSS (getrusage maxrss) and heap are read after each step, before the bench's
// own heavy tooling (building the 20,000-row workbook, the hledger journal, Chromium) runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openCore, type Core } from '../src/main/core/core';
import { hashRecord } from '../src/main/core/audit/chain';
import { hledgerJournal, readHledgerBooks } from '../src/main/core/export/hledger';
import { isOpName, type OpName } from '../src/main/contract/operations';
import type { ClientRef } from '../src/main/core/context';
import { largeLedger, PASSWORD, type LargeLedger } from './generate/large-ledger';
import { addUser, initLedger, openTestLedger } from '../tests/helpers/core';
import { membersXlsx, realisticMembers } from '../tests/helpers/members-file';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(ROOT, 'bench/results');

interface Row {
  group: string;
  name: string;
  /** Median, ms. */
  ms: number | null;
  runs: number[];
  floorMs?: number | null;
  floorLabel?: string;
  /** ours ÷ floor */
  ratio?: number | null;
  target?: string;
  targetMs?: number;
  /** The target (when given) holds. */
  ok?: boolean | null;
  note?: string;
  rssMB?: number;
  heapMB?: number;
}

const rows: Row[] = [];
const memory: { step: string; rssMB: number; peakRssMB: number; heapMB: number }[] = [];
let led: LargeLedger;
let work: string;
let dir: string;
let core: Core;
const c = (id: string): ClientRef => ({ clientId: id, host: 'cli' });
const who = { admin: c('admin'), kuaiji: c('kuaiji'), zhuguan: c('zhuguan'), chuna: c('chuna'), zhuxi: c('zhuxi'), jingshen: c('jingshen') };
let year: number; // the last generated year
let firstYear: number;
let nextMonth: string; // the first open month

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number) => (x >= 100 ? Math.round(x) : x >= 1 ? Math.round(x * 10) / 10 : Math.round(x * 100) / 100);
const MB = (b: number) => Math.round(b / 1024 / 1024);

function sampleMemory(step: string): { rssMB: number; heapMB: number } {
  const m = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024;
  const r = { step, rssMB: MB(m.rss), peakRssMB: MB(peak), heapMB: MB(m.heapUsed) };
  memory.push(r);
  return { rssMB: r.rssMB, heapMB: r.heapMB };
}

async function timeRuns(n: number, fn: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function measure(
  group: string,
  name: string,
  opts: { runs?: number; warm?: boolean; target?: string; targetMs?: number; floor?: () => unknown; floorLabel?: string; floorRuns?: number; note?: string },
  fn: () => unknown,
): Promise<Row> {
  if (opts.warm) await fn();
  const runs = await timeRuns(opts.runs ?? 5, fn);
  const ms = median(runs);
  const mem = sampleMemory(name);
  const row: Row = { group, name, ms: round(ms), runs: runs.map(round), target: opts.target, targetMs: opts.targetMs, note: opts.note, ...mem };
  if (opts.floor) {
    opts.floor(); // warm
    const f = median(await timeRuns(opts.floorRuns ?? opts.runs ?? 5, opts.floor));
    row.floorMs = round(f);
    row.floorLabel = opts.floorLabel;
    row.ratio = f > 0 ? Math.round((ms / f) * 100) / 100 : null;
  }
  if (opts.targetMs !== undefined) row.ok = ms < opts.targetMs;
  rows.push(row);
  console.log(`[bench] ${group} · ${name}: ${row.ms} ms${row.floorMs !== undefined ? ` (floor ${row.floorMs} ms, ×${row.ratio})` : ''}${row.ok === false ? ' — TARGET MISSED' : ''}`);
  return row;
}

function unmeasured(group: string, name: string, note: string, target?: string): void {
  rows.push({ group, name, ms: null, runs: [], note, target, ok: null });
  console.log(`[bench] ${group} · ${name}: not measured — ${note}`);
}

/** Dispatches and insists on success (a failed op must not pass for a fast one). */
async function ok(client: ClientRef, name: OpName, input: unknown): Promise<unknown> {
  const r = await core.dispatch(client, name, input as never);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** A raw connection for the floor; writes are rolled back. */
function raw(): Database.Database {
  const db = new Database(work);
  db.pragma('journal_mode = WAL');
  return db;
}
function rolledBack(db: Database.Database, fn: () => void): void {
  db.exec('BEGIN');
  try {
    fn();
  } finally {
    db.exec('ROLLBACK');
  }
}

function machine() {
  const cpus = os.cpus();
  const sqlite = new Database(':memory:');
  const v = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();
  const hledger = spawnSync('/usr/bin/hledger', ['--version'], { encoding: 'utf8' });
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    ramGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    sqlite: v,
    os: `${os.type()} ${os.release()}`,
    hledger: hledger.status === 0 ? hledger.stdout.trim().split('\n')[0] : 'not installed',
    loadAvg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    loadAvgAtStart,
  };
}

beforeAll(async () => {
  const t0 = performance.now();
  led = await largeLedger(undefined, (s) => console.log(s));
  console.log(`[bench] ledger ${led.file}: ${JSON.stringify(led.counts)} (${led.generatedNow ? `generated in ${Math.round(led.generateMs / 1000)} s` : 'cached'})`);
  firstYear = led.spec.firstYear;
  year = led.spec.firstYear + led.spec.years - 1;
  nextMonth = `${year + 1}-01`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ul-bench-'));
  work = path.join(dir, 'ledger.sqlite');
  fs.copyFileSync(led.file, work);
  console.log(`[bench] ready in ${Math.round(performance.now() - t0)} ms`);
}, 900_000);

afterAll(() => {
  core?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  writeResults();
});

const clockAt = new Date('2026-01-20T10:00:00+08:00');
const loadAvgAtStart = os.loadavg().map((x) => Math.round(x * 100) / 100);

describe('the large ledger', () => {
  it('opening the database', async () => {
    // Opening: the core (pragmas, identity, migration history) vs a bare better-sqlite3 open.
    // Issue 8: the full quick_check runs on the first open, after an unclean shutdown, on small files
    // and once a week; the usual open (closed cleanly, checked within the week) is the cheap check.
    await measure(
      'open',
      '打开账簿 with the full check (first open, after an unclean shutdown, or weekly)',
      { runs: 1 },
      async () => (await openCore(work, { log: () => {}, uncleanShutdown: true })).close(),
    );
    await measure(
      'open',
      '打开账簿 (openCore on the large file; closed cleanly, full check within the week → cheap check)',
      { runs: 3, target: '< 1 s (a screen)', targetMs: 1000, floor: () => new Database(work, { readonly: true }).close(), floorLabel: 'new Database() + close' },
      async () => {
        const c = await openCore(work, { log: () => {} });
        if (c.openCheck?.full !== false) throw new Error(`expected the cheap check on open: ${JSON.stringify(c.openCheck)}`);
        c.close();
      },
    );
    await measure('open', 'PRAGMA quick_check alone (part of the full check)', { runs: 1 }, () => {
      const db = new Database(work, { readonly: true });
      db.pragma('quick_check');
      db.close();
    });
    clockAt.setFullYear(year + 1);
    core = await openCore(work, { log: () => {}, clock: () => new Date(clockAt) });
    for (const u of ['admin', 'kuaiji', 'zhuguan', 'chuna'] as const) await ok(who[u], 'session.login', { username: u, password: PASSWORD });
    for (const [u, role] of [['zhuxi', 'chair'], ['jingshen', 'reviewer']] as const) {
      await ok(who.admin, 'users.create', { username: u, displayName: u, roles: [role], password: PASSWORD });
      await ok(who[u], 'session.login', { username: u, password: PASSWORD });
    }
  });

  it('reads: trial balance, 明细账, statements, dues ledger', async () => {
    const db = raw();
    const y1 = `${year}-01`;
    const y12 = `${year}-12`;
    const all0 = `${firstYear}-01`;
    const naiveTb = db.prepare(
      `SELECT l.account_code, sum(l.debit), sum(l.credit) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.period BETWEEN ? AND ? GROUP BY l.account_code`,
    );
    await measure('books', `科目余额表 ${year} (one year)`, { warm: true, target: '< 50 ms', targetMs: 50, floor: () => naiveTb.all(y1, y12), floorLabel: 'GROUP BY over the year’s postings' }, () =>
      ok(who.zhuguan, 'books.trialBalance', { from: y1, to: y12 }),
    );
    await measure('books', `科目余额表 ${firstYear}–${year} (ten years)`, { warm: true, target: '< 1 s', targetMs: 1000, floor: () => naiveTb.all(all0, y12), floorLabel: 'GROUP BY over all postings', floorRuns: 3 }, () =>
      ok(who.zhuguan, 'books.trialBalance', { from: all0, to: y12 }),
    );
    const naiveBs = db.prepare(
      `SELECT substr(l.account_code, 1, 3) AS top, l.fund_nature, sum(l.debit) - sum(l.credit) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.period <= ? GROUP BY top, l.fund_nature`,
    );
    const naiveIs = db.prepare(
      `SELECT l.account_code, l.fund_nature, sum(l.debit), sum(l.credit) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.period BETWEEN ? AND ? AND v.kind NOT IN ('closing', 'year_end') AND l.account_code >= '4' GROUP BY l.account_code, l.fund_nature`,
    );
    await measure('statements', `资产负债表 (01表) ${year} annual`, { warm: true, target: '< 50 ms', targetMs: 50, floor: () => naiveBs.all(y12), floorLabel: 'GROUP BY over all postings to date', floorRuns: 3 }, () =>
      ok(who.zhuguan, 'statements.balanceSheet', { period: y12, annual: true }),
    );
    await measure('statements', `收入支出表 (02表) ${year} annual`, { warm: true, target: '< 50 ms', targetMs: 50, floor: () => naiveIs.all(y1, y12), floorLabel: 'GROUP BY over the year’s postings (period index)' }, () =>
      ok(who.zhuguan, 'statements.incomeStatement', { period: y12, annual: true }),
    );
    const years = Array.from({ length: year - firstYear + 1 }, (_, i) => firstYear + i);
    await measure(
      'statements',
      `both statements for each of the ${years.length} years`,
      { runs: 3, warm: true, target: '< 1 s', targetMs: 1000, floor: () => years.forEach((y) => (naiveBs.all(`${y}-12`), naiveIs.all(`${y}-01`, `${y}-12`))), floorLabel: 'the two GROUP BYs per year' },
      async () => {
        for (const y of years) {
          await ok(who.zhuguan, 'statements.balanceSheet', { period: `${y}-12`, annual: true });
          await ok(who.zhuguan, 'statements.incomeStatement', { period: `${y}-12`, annual: true });
        }
      },
    );
    // 明细账 of the busiest accounts: the bank (every payment) and 会员活动支出.
    const busiest = db.prepare(`SELECT account_code AS code, count(*) AS n FROM ledger_entries WHERE voucher_date BETWEEN ? AND ? GROUP BY account_code ORDER BY n DESC LIMIT 2`).all(`${year}-01-01`, `${year}-12-31`) as { code: string; n: number }[];
    const naiveDetail = db.prepare(
      `SELECT l.voucher_id, v.voucher_date, v.word, v.number, v.kind, l.line_no, l.summary, l.account_code, l.debit, l.credit
       FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE l.account_code = ? AND v.status = 'posted' AND v.voucher_date >= ? AND v.voucher_date <= ? ORDER BY v.voucher_date, v.word, v.number, l.voucher_id, l.line_no`,
    );
    for (const b of busiest) {
      await measure('books', `明细账 ${b.code} for ${year} (${b.n.toLocaleString('en')} lines)`, { warm: true, runs: 3, target: '< 1 s', targetMs: 1000, floor: () => naiveDetail.all(b.code, `${year}-01-01`, `${year}-12-31`), floorLabel: 'SELECT of the lines (account index, join, sort)' }, () =>
        ok(who.zhuguan, 'books.detailLedger', { accountCode: b.code, from: `${year}-01-01`, to: `${year}-12-31` }),
      );
      await measure('books', `明细账 ${b.code} for one month`, { warm: true, target: '< 1 s', targetMs: 1000, floor: () => naiveDetail.all(b.code, `${year}-06-01`, `${year}-06-30`), floorLabel: 'SELECT of the lines' }, () =>
        ok(who.zhuguan, 'books.detailLedger', { accountCode: b.code, from: `${year}-06-01`, to: `${year}-06-30` }),
      );
    }
    const code = busiest[0]!.code;
    await measure('books', `明细账 ${code} for ${firstYear}–${year} (ten years)`, { runs: 1, target: 'paged view needed (see README)', floor: () => naiveDetail.all(code, `${firstYear}-01-01`, `${year}-12-31`), floorLabel: 'SELECT of the lines', floorRuns: 1 }, () =>
      ok(who.zhuguan, 'books.detailLedger', { accountCode: code, from: `${firstYear}-01-01`, to: `${year}-12-31` }),
    );
    await measure('books', `总账 ${code} ${year}`, { warm: true, target: '< 1 s', targetMs: 1000 }, () => ok(who.zhuguan, 'books.generalLedger', { accountCode: code, year }));
    await measure('books', `银行存款日记账 one month`, { warm: true, runs: 3, target: '< 1 s', targetMs: 1000 }, () =>
      ok(who.zhuguan, 'books.journal', { kind: 'bank', from: `${year}-06-01`, to: `${year}-06-30` }),
    );
    await measure('books', '凭证列表 (last page of the year)', { warm: true, target: '< 1 s', targetMs: 1000 }, () => ok(who.zhuguan, 'vouchers.list', { page: 400, pageSize: 50 }));
    await measure('audit', '审计日志 page 1', { warm: true, target: '< 1 s', targetMs: 1000 }, () => ok(who.admin, 'audit.list', { page: 1, pageSize: 50 }));

    const naiveDues = db.prepare(
      `SELECT a.member_id, sum(a.due_fen), (SELECT sum(p.amount_fen) FROM dues_payments p WHERE p.member_id = a.member_id AND p.month BETWEEN ? AND ?)
       FROM dues_assessments a WHERE a.month BETWEEN ? AND ? GROUP BY a.member_id`,
    );
    await measure('dues', `会费台账 ${year} (${led.spec.members.toLocaleString('en')} members)`, { runs: 3, warm: true, target: '< 1 s', targetMs: 1000, floor: () => naiveDues.all(y1, y12, y1, y12), floorLabel: 'GROUP BY member over the year’s assessments and payments' }, () =>
      ok(who.zhuguan, 'dues.ledger', { year }),
    );
    await measure('dues', `会费收缴率 ${year}`, { runs: 3, warm: true, target: '< 1 s', targetMs: 1000 }, () => ok(who.zhuguan, 'dues.collectionRate', { year }));
    await measure('dues', `欠费名单 dues.arrears as of ${y12} (reads every month since ${firstYear})`, { runs: 1, target: '< 1 s', targetMs: 1000 }, () => ok(who.zhuguan, 'dues.arrears', { asOf: y12 }));
    db.close();
  });

  it('reports: review report PDF, disclosure PDF', async () => {
    const review = 'reviewReport.export';
    if (isOpName(review)) {
      await measure('reports', `经费审查报告 PDF ${year}`, { runs: 3, warm: true, target: '< 3 s', targetMs: 3000 }, () => ok(who.jingshen, review, { year, format: 'pdf' }));
    } else unmeasured('reports', '经费审查报告 PDF', 'reviewReport.export is not in the contract yet', '< 3 s');
    const disclosure = 'disclosure.export';
    if (isOpName(disclosure)) {
      await measure('reports', `经费收支公示 PDF ${year}`, { runs: 3, warm: true, target: '< 1 s', targetMs: 1000 }, () => ok(who.zhuxi, disclosure, { period: { year, kind: 'year' }, format: 'pdf' }));
    } else unmeasured('reports', '经费收支公示 PDF', 'disclosure.export is not in the contract yet', '< 1 s');
  });

  it('writes: posting a voucher, a monthly dues run', async () => {
    const db = raw();
    let day = 1;
    const lines = [
      { summary: '购买活动用品', accountCode: '50105', debit: 123_456, fundNature: 'general', expenseType: 'basic' },
      { summary: '购买活动用品', accountCode: '102', credit: 123_456 },
    ];
    const insV = db.prepare("INSERT INTO vouchers (period, voucher_date, word, status, kind, prepared_by, prepared_at) VALUES (?, ?, '记', 'draft', 'normal', 2, 'x')");
    const insL = db.prepare('INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, fund_nature, expense_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const rev = db.prepare("UPDATE vouchers SET status = 'reviewed', reviewed_by = 3, reviewed_at = 'x', cashier_by = 4, cashier_at = 'x' WHERE id = ?");
    const post = db.prepare("UPDATE vouchers SET status = 'posted', number = 99999, posted_by = 3, posted_at = 'x' WHERE id = ?");
    await measure(
      'writes',
      '记账凭证: save → review → confirm → post (4 calls)',
      {
        runs: 7,
        target: '< 1 s',
        targetMs: 1000,
        floor: () =>
          rolledBack(db, () => {
            const id = insV.run(nextMonth, `${nextMonth}-05`).lastInsertRowid;
            insL.run(id, 1, 'x', '50105', 123_456, 0, 'general', 'basic');
            insL.run(id, 2, 'x', '102', 0, 123_456, null, null);
            rev.run(id);
            post.run(id);
          }),
        floorLabel: 'INSERT draft + 2 lines, UPDATE reviewed, UPDATE posted (triggers on)',
      },
      async () => {
        const v = (await ok(who.kuaiji, 'vouchers.save', { date: `${nextMonth}-${String(day++).padStart(2, '0')}`, attachments: 1, lines })) as { id: number };
        await ok(who.zhuguan, 'vouchers.review', { id: v.id });
        await ok(who.chuna, 'vouchers.confirmCash', { id: v.id });
        await ok(who.zhuguan, 'vouchers.post', { id: v.id });
      },
    );

    const members = led.spec.members;
    const wageRows = Array.from({ length: members }, (_, k) => ({ memberId: k + 1, baseFen: 400_000 + ((k * 7_919) % 500_000) }));
    const insW = db.prepare("INSERT OR REPLACE INTO member_wages (member_id, month, base_fen, items, source, updated_at) VALUES (?, ?, ?, NULL, 'manual', 'x')");
    await measure(
      'writes',
      `会费基数 save (${members.toLocaleString('en')} rows)`,
      { runs: 3, target: '≤ 2× floor', floor: () => rolledBack(db, () => wageRows.forEach((r) => insW.run(r.memberId, nextMonth, r.baseFen))), floorLabel: 'INSERT of the rows, one transaction' },
      () => ok(who.kuaiji, 'dues.wages.save', { month: nextMonth, rows: wageRows }),
    );
    const insA = db.prepare("INSERT INTO dues_assessments (member_id, month, base_fen, due_fen, exempt_reason, rule_from, created_at) VALUES (?, '2099-01', ?, ?, NULL, '2000-01', 'x')");
    await measure(
      'writes',
      `月度会费计算 dues.run.compute (${members.toLocaleString('en')} members)`,
      { runs: 3, target: '≤ 2× floor', floor: () => rolledBack(db, () => wageRows.forEach((r) => insA.run(r.memberId, r.baseFen, Math.floor(r.baseFen / 200)))), floorLabel: 'INSERT of the assessments, one transaction' },
      () => ok(who.kuaiji, 'dues.run.compute', { month: nextMonth }),
    );
    const insP = db.prepare("INSERT INTO dues_payments (member_id, month, amount_fen, method, paid_on, voucher_id, recorded_by, recorded_at) VALUES (?, '2099-01', ?, 'payroll', '2099-01-25', 1, 2, 'x')");
    await measure(
      'writes',
      `工资代扣 collectPayroll + review/confirm/post`,
      { runs: 1, target: '≤ 2× floor', floor: () => rolledBack(db, () => wageRows.forEach((r) => insP.run(r.memberId, Math.floor(r.baseFen / 200)))), floorLabel: 'INSERT of the payments, one transaction', floorRuns: 3 },
      async () => {
        const p = (await ok(who.kuaiji, 'dues.run.collectPayroll', { month: nextMonth, date: `${nextMonth}-25`, bankAccountCode: '102', excludeMemberIds: [] })) as { voucher: { id: number } };
        await ok(who.zhuguan, 'vouchers.review', { id: p.voucher.id });
        await ok(who.chuna, 'vouchers.confirmCash', { id: p.voucher.id });
        await ok(who.zhuguan, 'vouchers.post', { id: p.voucher.id });
      },
    );
    db.close();
  });

  it('month close (T12 with its checks) on the large ledger', async () => {
    // The month is over: move the clock past its last day (sessions idle that long have expired).
    clockAt.setTime(new Date(`${nextMonth}-01T10:00:00+08:00`).getTime() + 32 * 86_400_000);
    for (const u of ['kuaiji', 'zhuguan', 'chuna'] as const) await ok(who[u], 'session.login', { username: u, password: PASSWORD });
    for (const b of (await ok(who.kuaiji, 'bank.reconciliation.status', { period: nextMonth })) as { required: boolean; agreed: boolean; bankAccountCode: string; bookBalanceFen: number }[]) {
      if (b.required && !b.agreed) await ok(who.kuaiji, 'bank.reconciliation.save', { period: nextMonth, bankAccountCode: b.bankAccountCode, statementBalanceFen: b.bookBalanceFen });
    }
    await measure('writes', `月末结账 periods.close ${nextMonth} (ten closed years behind it)`, { runs: 1, target: '< 1 s', targetMs: 1000 }, () => ok(who.kuaiji, 'periods.close', { period: nextMonth }));
    for (const u of ['admin', 'zhuxi', 'jingshen'] as const) await ok(who[u], 'session.login', { username: u, password: PASSWORD });
  });

  it('audit-chain verification of the whole file', async () => {
    const db = raw();
    const n = (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const floor = () => {
      let prev = '';
      for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Record<string, unknown>>) {
        prev = createHash('sha256').update(JSON.stringify([r.seq, r.at, r.user_id, r.username, r.host, r.operation, r.entity, r.entity_id, r.before_json, r.after_json, prev])).digest('hex');
      }
      return prev;
    };
    // integrity_check first, on the core's own connection, so that both figures read a warm cache.
    const integrity = await measure('audit', 'PRAGMA integrity_check alone (part of audit.verify)', { runs: 1 }, () => core.sqlite.pragma('integrity_check'));
    const full = await measure('audit', `audit.verify: chain walk + SQLite integrity_check (${n.toLocaleString('en')} records, ${Math.round(led.counts.bytes / 1024 / 1024)} MB file)`, { runs: 1 }, async () => {
      const r = (await ok(who.admin, 'audit.verify', {})) as { ok: boolean };
      if (!r.ok) throw new Error('chain broken');
    });
    const walk = full.ms! - integrity.ms!;
    const floorMs = median(await timeRuns(1, floor));
    rows.push({
      group: 'audit',
      name: `audit chain walk (${n.toLocaleString('en')} records) = audit.verify − integrity_check`,
      ms: round(walk),
      runs: [],
      floorMs: round(floorMs),
      floorLabel: 'iterate + SHA-256 per row',
      ratio: Math.round((walk / floorMs) * 100) / 100,
      target: '< 5 s per 1,000,000 records',
      targetMs: 5000 * (n / 1_000_000),
      ok: walk < 5000 * (n / 1_000_000),
      note: `${Math.round((walk / n) * 1_000_000)} ms per 1,000,000 records (floor ${Math.round((floorMs / n) * 1_000_000)} ms)`,
    });
    console.log(`[bench] chain walk ${round(walk)} ms, floor ${round(floorMs)} ms`);
    db.close();
    expect(hashRecord).toBeTypeOf('function');
  });

  it('roster import from Excel (20,000 rows, on a fresh ledger)', async () => {
    const N = 20_000;
    const floorDb = path.join(dir, 'floor.sqlite');
    const runs: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < 3; i++) {
      const l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
      await initLedger(l);
      const k = await addUser(l, 'kuaiji', ['accountant']);
      // A different roster each run: the import keeps the parsed workbook of the previewed file (by SHA-256).
      const rowsIn = realisticMembers(N, 20_260_301 + i);
      const file = (await membersXlsx(rowsIn)).toString('base64');
      const t = performance.now();
      const p = await l.call(k, 'members.importPreview', { filename: 'roster.xlsx', base64: file });
      await l.call(k, 'members.importCommit', { filename: 'roster.xlsx', base64: file, expectedSha256: p.sha256 });
      runs.push(performance.now() - t);
      // Floor: the same 20,000 rows into the same schema, bare.
      fs.copyFileSync(l.file, floorDb);
      l.close();
      const db = new Database(floorDb);
      db.exec('DELETE FROM member_status_history; DELETE FROM members;');
      const ins = db.prepare(
        `INSERT INTO members (employee_no, name, gender, birth_date, joined_on, status, status_since, employment_type, phone, id_number, created_at, updated_at)
         VALUES (?, ?, ?, ?, '2015-01-01', 'active', '2015-01-01', '正式', ?, ?, 'x', 'x')`,
      );
      const f = performance.now();
      db.transaction(() => rowsIn.forEach((r, j) => ins.run(`F${j}`, r.姓名, r.性别 || null, r.出生日期 || null, r.联系电话 || null, r.身份证号 || null)))();
      floors.push(performance.now() - f);
      db.close();
    }
    const ms = median(runs);
    const fl = median(floors);
    rows.push({
      group: 'writes',
      name: `会员名册 import from .xlsx (${N.toLocaleString('en')} rows: preview + commit)`,
      ms: round(ms),
      runs: runs.map(round),
      floorMs: round(fl),
      floorLabel: 'INSERT of the parsed rows, one transaction',
      ratio: Math.round((ms / fl) * 100) / 100,
      target: '≤ 2× floor',
      note: 'ours parses the workbook twice (preview, then commit re-reads the same file), checks every row and builds pinyin; the floor only inserts',
      ...sampleMemory('import'),
    });
  });

  it('hledger on a 100,000-transaction slice (trial balance)', async () => {
    const hledger = '/usr/bin/hledger';
    if (!fs.existsSync(hledger)) {
      unmeasured('peer', 'hledger balance on the slice', 'hledger is not installed (apt-get install -y hledger)');
      return;
    }
    // The newest years until 100,000 vouchers: the exporter's own books, joined (opening balances of the first year kept).
    const slices = [];
    let n = 0;
    for (let y = year; y >= firstYear && n < 100_000; y--) {
      const b = readHledgerBooks(core.db, y);
      slices.unshift(b);
      n += b.vouchers.length;
    }
    const first = slices[0]!;
    const vouchers = slices.flatMap((b) => b.vouchers).slice(-100_000);
    const fromPeriod = vouchers[0]!.date.slice(0, 7);
    const journal = hledgerJournal({ ...first, year: null, opening: [], vouchers });
    const jfile = path.join(dir, 'slice.journal');
    fs.writeFileSync(jfile, journal);
    const postings = vouchers.reduce((s, v) => s + v.lines.length, 0);
    const db = raw();
    const naive = db.prepare(
      `SELECT l.account_code, sum(l.debit), sum(l.credit) FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.voucher_date >= ? AND v.period <= ? GROUP BY l.account_code`,
    );
    let peakKB = 0;
    const runH = () => {
      const r = spawnSync('/usr/bin/time', ['-f', '%M', hledger, '-f', jfile, 'balance', '--no-total'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      if (r.status !== 0) throw new Error(`hledger failed: ${r.stderr.slice(0, 500)}`);
      peakKB = Math.max(peakKB, Number(r.stderr.trim().split('\n').pop()));
    };
    const hRuns = await timeRuns(fs.existsSync('/usr/bin/time') ? 1 : 0, runH);
    const hMs = hRuns.length ? median(hRuns) : null;
    const ours = await measure(
      'peer',
      `科目余额表 on the slice (${vouchers.length.toLocaleString('en')} vouchers, ${postings.toLocaleString('en')} postings, ${fromPeriod}–${year}-12)`,
      { warm: true, target: '< 50 ms', targetMs: 50, floor: () => naive.all(vouchers[0]!.date, `${year}-12`), floorLabel: 'GROUP BY over the slice’s postings', floorRuns: 3 },
      () => ok(who.zhuguan, 'books.trialBalance', { from: fromPeriod, to: `${year}-12` }),
    );
    rows.push({
      group: 'peer',
      name: `hledger balance on the exported slice (${Math.round(journal.length / 1024 / 1024)} MB journal)`,
      ms: hMs === null ? null : round(hMs),
      runs: hRuns.map(round),
      note: hMs === null ? '/usr/bin/time missing' : `${spawnSync(hledger, ['--version'], { encoding: 'utf8' }).stdout.trim()}; peak RSS ${Math.round(peakKB / 1024)} MB; ours is ×${Math.round((ours.ms! / hMs) * 10_000) / 10_000} of hledger`,
    });
    console.log(`[bench] hledger: ${hMs} ms, ${Math.round(peakKB / 1024)} MB`);
    db.close();
  });

  it('first usable screen in browser mode (spawn the server on the large file → login screen in Chromium)', async () => {
    const serverJs = path.join(ROOT, 'out/main/server.js');
    if (!fs.existsSync(serverJs) || !fs.existsSync('/usr/bin/chromium')) {
      unmeasured('start', '首屏 (browser mode)', `${fs.existsSync(serverJs) ? '/usr/bin/chromium' : 'out/main/server.js (npm run build)'} is missing`, '< 1.5 s');
      return;
    }
    core.close(); // one writer: the server takes the file
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const runs: number[] = [];
    const serverReady: number[] = [];
    let serverPeakKB = 0;
    let firstOfDay: number | null = null;
    const backups = path.join(dir, 'backups');
    const dailyBackupDone = () => fs.existsSync(backups) && fs.readdirSync(backups).some((f) => f.includes('自动') && f.endsWith('.sqlite'));
    try {
      // Run 0 is the first start of the day: the scheduler copies the ledger (daily backup) a minute
      // after start (issue 8); it is waited for, so runs 1–3 are the starts of a day that has its copy.
      // The server is stopped (SIGTERM: a clean close, so the next start gets the cheap check); nothing
      // changes the file after the daily copy, so no on-close copy is taken between runs.
      for (let i = 0; i < 4; i++) {
        const page = await browser.newPage();
        const t = performance.now();
        const proc: ChildProcess = spawn(process.execPath, [serverJs, '--db', work, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
        try {
          let out = '';
          const url = await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
            const onData = (b: Buffer) => {
              out += b.toString();
              const m = out.match(/(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/);
              if (m) {
                clearTimeout(timer);
                resolve(m[1]!);
              }
            };
            proc.stdout!.on('data', onData);
            proc.stderr!.on('data', onData);
            proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
          });
          const ready = performance.now() - t;
          await page.goto(url);
          await page.getByLabel('用户名').waitFor({ state: 'visible', timeout: 60_000 });
          const shown = performance.now() - t;
          if (i === 0) {
            firstOfDay = shown;
            for (let k = 0; k < 600 && !dailyBackupDone(); k++) await new Promise((r) => setTimeout(r, 500));
          } else {
            runs.push(shown);
            serverReady.push(ready);
          }
          // The server is a core host and nothing else: its peak RSS is the core's memory on this file.
          const status = fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8');
          serverPeakKB = Math.max(serverPeakKB, Number(status.match(/VmHWM:\s+(\d+)/)?.[1] ?? 0));
        } finally {
          await page.close();
          const exited = new Promise((r) => proc.once('exit', r));
          proc.kill('SIGTERM');
          const hard = setTimeout(() => proc.kill('SIGKILL'), 120_000);
          await exited;
          clearTimeout(hard);
          fs.rmSync(`${work}.lock`, { force: true });
        }
      }
    } finally {
      await browser.close();
    }
    const ms = median(runs);
    rows.push({
      group: 'start',
      name: '首屏: spawn out/main/server.js on the large file → login screen visible in Chromium',
      ms: round(ms),
      runs: runs.map(round),
      target: '< 1.5 s',
      targetMs: 1500,
      ok: ms < 1500,
      note: `server ready (URL printed) after ${round(median(serverReady))} ms; Chromium already running; the first start of the day (daily backup due, now taken a minute after start) took ${firstOfDay === null ? '—' : round(firstOfDay)} ms; server peak RSS ${Math.round(serverPeakKB / 1024)} MB`,
    });
    memory.push({ step: 'browser-mode server (VmHWM)', rssMB: Math.round(serverPeakKB / 1024), peakRssMB: Math.round(serverPeakKB / 1024), heapMB: 0 });
    console.log(`[bench] first screen ${round(ms)} ms (server ready ${round(median(serverReady))} ms)`);
  });
});

function writeResults(): void {
  fs.mkdirSync(RESULTS, { recursive: true });
  const out = { at: new Date().toISOString(), machine: machine(), ledger: led ? { ...led.counts, spec: led.spec, generatedNow: led.generatedNow, generateMs: Math.round(led.generateMs) } : null, rows, memory };
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('en'));
  const md = [
    `# Benchmark results`,
    '',
    `Run ${out.at} on ${out.machine.cpu}, ${out.machine.cores} cores, ${out.machine.ramGB} GB RAM, Node ${out.machine.node}, SQLite ${out.machine.sqlite}, ${out.machine.hledger}; load average (1/5/15 min) at the start ${out.machine.loadAvgAtStart.join(' / ')}, at the end ${out.machine.loadAvg.join(' / ')} — other work on the machine slows every figure, ours and the floor alike.`,
    led ? `Ledger: ${led.counts.members.toLocaleString('en')} members, ${led.counts.vouchers.toLocaleString('en')} posted vouchers, ${led.counts.postings.toLocaleString('en')} postings, ${led.counts.audit.toLocaleString('en')} audit records, ${led.counts.duesAssessments.toLocaleString('en')} dues assessments, ${Math.round(led.counts.bytes / 1024 / 1024)} MB (${led.spec.firstYear}–${led.spec.firstYear + led.spec.years - 1}).` : '',
    '',
    'Median of the runs shown; floor = the same work with bare better-sqlite3; ratio = ours ÷ floor.',
    '',
    '| group | operation | ours (ms) | floor (ms) | ratio | target | holds | note |',
    '|---|---|---:|---:|---:|---|---|---|',
    ...rows.map((r) => `| ${r.group} | ${r.name} | ${fmt(r.ms)} | ${fmt(r.floorMs)} | ${r.ratio === undefined || r.ratio === null ? '—' : `×${r.ratio}`} | ${r.target ?? ''} | ${r.ok === undefined || r.ok === null ? '' : r.ok ? 'yes' : '**no**'} | ${[r.floorLabel ? `floor: ${r.floorLabel}` : '', r.note ?? ''].filter(Boolean).join('; ')} |`),
    '',
    '## Memory',
    '',
    '| after | RSS (MB) | peak RSS (MB) | heap used (MB) |',
    '|---|---:|---:|---:|',
    ...memory.map((m) => `| ${m.step} | ${m.rssMB} | ${m.peakRssMB} | ${m.heapMB} |`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(RESULTS, 'latest.md'), md);
  console.log(md);
}

