// The independent check: a realistic year (tests/helpers/realistic-year.ts), entered through the
// dispatcher by the real users and closed month by month and at year end, is exported as an hledger
// journal — once through the contract (books.exportHledger) and once through `union-ledger export`
// — and Debian's hledger (a separate program, in Haskell, with its own arithmetic) re-adds it.
// For every account its balance must equal the app's 科目余额表 closing balance to the fen.
// hledger is installed by CI (.ci/run) and by scripts/ensure-test-deps.js; this test installs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/main/cli/main';
import type { TrialBalance } from '../../src/main/contract/ledger';
import { addUser } from '../helpers/core';
import { buildRealisticYear, BANK, DEPRECIATION, PROJECTOR, PROJECT, YEAR, type RealisticYear } from '../helpers/realistic-year';

const HLEDGER = '/usr/bin/hledger';
const HLEDGER_ENV = { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };

let y: RealisticYear;
let buildMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  y = await buildRealisticYear();
  buildMs = performance.now() - t0;
}, 60_000);
afterAll(() => y?.l.close());

function hledger(args: string[]): string {
  if (!fs.existsSync(HLEDGER)) throw new Error('需要 hledger：sudo apt-get install hledger（CI 由 .ci/run 安装，npm test 由 scripts/ensure-test-deps.js 安装）');
  return execFileSync(HLEDGER, args, { env: HLEDGER_ENV, encoding: 'utf8', timeout: 30_000 });
}

/** One CSV line of quoted fields, as hledger writes them. */
function csvFields(line: string): string[] {
  return [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
}

/** "1234.56", "-0.05" or "0" → 分, by string parsing only. */
function yuanToFen(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new Error(`hledger amount not understood: ${text}`);
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

interface HledgerBalances {
  /** Inclusive balance (debit − credit, 分) by full hledger account name. */
  byName: Map<string, number>;
  total: number;
}

/** `hledger balance --tree -E --no-elide -O csv --layout=bare`: every account with its inclusive balance. */
function hledgerBalances(file: string): HledgerBalances {
  const csv = hledger(['-f', file, 'balance', '--tree', '--empty', '--no-elide', '-O', 'csv', '--layout=bare']);
  const rows = csv.trim().split('\n').map(csvFields);
  expect(rows[0]).toEqual(['account', 'commodity', 'balance']);
  const byName = new Map<string, number>();
  let total = NaN;
  for (const [account, commodity, balance] of rows.slice(1)) {
    // Zero balances come without a commodity; everything else must be CNY.
    if (balance !== '0') expect(commodity).toBe('CNY');
    if (account === 'total') total = yuanToFen(balance!);
    else byName.set(account!, yuanToFen(balance!));
  }
  return { byName, total };
}

/** The code of an hledger account: the code of its last segment ("资产:102 银行存款:10201 工商银行" → 10201). */
const codeOf = (name: string): string | null => /(?:^|:)(\d+) [^:]*$/.exec(name)?.[1] ?? null;

/** Balance on the account's normal side (分). */
const normal = (side: 'debit' | 'credit', net: number) => (side === 'debit' ? net : -net);

function compareWithTrialBalance(tb: TrialBalance, h: HledgerBalances): { accounts: number; report: string[] } {
  const hByCode = new Map<string, { name: string; net: number }>();
  for (const [name, net] of h.byName) {
    const code = codeOf(name);
    if (code === null) {
      expect(['资产', '负债', '净资产', '收入', '支出']).toContain(name);
      continue;
    }
    expect(hByCode.has(code), `${code} appears twice in hledger`).toBe(false);
    hByCode.set(code, { name, net });
  }
  // The same accounts on both sides…
  expect([...hByCode.keys()].sort()).toEqual(tb.rows.map((r) => r.code).sort());
  const report: string[] = [];
  for (const r of tb.rows) {
    const app = r.closingDebit - r.closingCredit;
    const hl = hByCode.get(r.code)!;
    // …and for EVERY account the same closing balance, to the fen, on its normal side.
    expect(normal(r.normalSide, hl.net), `${r.code} ${r.fullName}`).toBe(normal(r.normalSide, app));
    expect(hl.name.endsWith(`${r.code} ${r.name}`)).toBe(true);
    report.push(`${hl.name.padEnd(40)} app ${r.closing.direction} ${r.closing.amount}  hledger ${hl.net}`);
  }
  // The element roots equal the sum of their first-level accounts.
  const roots: Record<string, string> = { '1': '资产', '2': '负债', '3': '净资产', '4': '收入', '5': '支出' };
  for (const [digit, root] of Object.entries(roots)) {
    const sum = tb.rows.filter((r) => r.parentCode === null && r.code.startsWith(digit)).reduce((s, r) => s + r.closingDebit - r.closingCredit, 0);
    expect(h.byName.get(root) ?? 0, root).toBe(sum);
  }
  return { accounts: tb.rows.length, report };
}

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: { LANG: 'C.UTF-8' },
    pid: 4343,
    promptSecret: null,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe(`a realistic year (${YEAR}) of a 300-member union`, () => {
  it('was entered by the real users and closed: twelve months, the year, and January of the next year open', async () => {
    const { l, staff, entered, yearClose } = y;
    const periods = await l.call(staff.chuna, 'periods.list', { year: YEAR });
    expect(periods.yearClosed).toBe(true);
    expect(periods.months.every((m) => m.status === 'closed' && m.drafts === 0 && m.reviewed === 0)).toBe(true);
    // Each month has its T12 closing voucher; the year has its T13 voucher.
    expect(periods.months.every((m) => m.closingVoucherId !== null)).toBe(true);
    expect(yearClose.yearEndVoucher).not.toBeNull();
    const posted = l.core.sqlite.prepare("SELECT kind, count(*) AS n FROM vouchers WHERE status = 'posted' AND period LIKE ? GROUP BY kind ORDER BY kind").all(`${YEAR}-%`);
    expect(posted).toEqual([
      { kind: 'closing', n: 12 },
      { kind: 'correction', n: 1 },
      { kind: 'normal', n: entered.year - 2 },
      { kind: 'reversal', n: 1 },
      { kind: 'year_end', n: 1 },
    ]);
    expect(entered.year).toBe(60);
    // Who signed: every normal voucher prepared by the 会计, reviewed and posted by the 会计主管,
    // and every bank or cash voucher confirmed by the 出纳.
    const signers = l.core.sqlite
      .prepare(
        `SELECT p.username AS preparer, r.username AS reviewer, po.username AS poster, c.username AS cashier, count(*) AS n
         FROM vouchers v JOIN users p ON p.id = v.prepared_by JOIN users r ON r.id = v.reviewed_by JOIN users po ON po.id = v.posted_by
         LEFT JOIN users c ON c.id = v.cashier_by
         WHERE v.kind IN ('normal', 'reversal', 'correction') GROUP BY 1, 2, 3, 4 ORDER BY 4`,
      )
      .all() as { preparer: string; reviewer: string; poster: string; cashier: string | null; n: number }[];
    expect(signers.map((s) => [s.preparer, s.reviewer, s.poster, s.cashier])).toEqual([
      ['kuaiji', 'zhuguan', 'zhuguan', null], // depreciation: no cash or bank
      ['kuaiji', 'zhuguan', 'zhuguan', 'chuna'],
    ]);
    expect(signers[0]!.n).toBe(10); // March to December
    expect(buildMs).toBeLessThan(60_000);
  });

  it("holds the app's own identities: 科目余额表 balanced, 01表 balanced, 02表 consistent, 4xx/5xx zero, results in 32104/32205", async () => {
    const { l, staff, result, levies, tally } = y;
    const tb = await l.call(staff.zhuguan, 'books.trialBalance', { from: `${YEAR}-01`, to: `${YEAR}-12` });
    expect(tb.totals.debit).toBe(tb.totals.credit);
    expect(tb.totals.closingDebit).toBe(tb.totals.closingCredit);
    expect(tb.totals.openingDebit).toBe(0);
    expect(tb.totals.openingCredit).toBe(0);

    const bs = await l.call(staff.zhuguan, 'statements.balanceSheet', { period: `${YEAR}-12`, annual: true });
    expect(bs.balanced).toBe(true);
    expect(bs.totals.assets.closing).toBe(bs.totals.liabilitiesAndNetAssets.closing);
    expect(bs.totals.assets.closing).toBeGreaterThan(0);

    const is = await l.call(staff.zhuguan, 'statements.incomeStatement', { period: `${YEAR}-12`, annual: true });
    const { revenue, expenditure, surplus } = is.totals;
    expect(revenue.current - expenditure.current).toBe(surplus.current);
    // The closing vouchers are left out of 收入 and 支出: the figures are what was entered.
    expect(revenue.current).toBe(result.revenue.general + result.revenue.special);
    expect(expenditure.current).toBe(result.expenditure.general + result.expenditure.special);
    expect(is.consistent).toBe(true);

    const row = (code: string) => tb.rows.find((r) => r.code === code);
    // INV-4: after the year close every 4xx and 5xx account is zero.
    for (const r of tb.rows.filter((x) => /^[45]/.test(x.code))) expect(r.closing, r.code).toEqual({ direction: '平', amount: 0 });
    // The year's results: 专项 (送温暖) in 32104, 非专项 in 32205; 32101–32103 and 32201–32204 empty.
    const special = result.revenue.special - result.expenditure.special;
    const general = result.revenue.general - result.expenditure.general;
    expect(special).toBe(5_000_000 - 3_200_000 - 1_500_000);
    expect(row('32104')!.closing).toEqual({ direction: '贷', amount: special });
    expect(row('32205')!.closing).toEqual({ direction: '贷', amount: general });
    expect(surplus.current).toBe(special + general);
    for (const code of ['32101', '32102', '32103', '32201', '32202', '32203', '32204']) expect(row(code)?.closing.amount ?? 0, code).toBe(0);
    expect(y.yearClose.carriedForward).toEqual([
      { accountCode: '32104', accountName: '工会资金结转——累计结转', fundNature: 'special', project: PROJECT, balance: special },
      { accountCode: '32205', accountName: '工会资金结余——累计结余', fundNature: 'general', project: null, balance: general },
    ]);

    // The levy: 402 got 60 % and 211 was cleared by the remittances (the 2026 Q4 levy arrives in 2027).
    const yearLevies = levies.slice(0, 4);
    expect(row('402')!.credit).toBe(yearLevies.reduce((s, q) => s + q.retained, 0));
    expect(row('211')!.closing.amount).toBe(0);
    expect(row('211')!.credit).toBe(yearLevies.reduce((s, q) => s + q.upper, 0));
    for (const q of levies) expect(q.retained + q.upper).toBe(q.levy);
    // Fixed assets: INV-1 (301 = 162 − 163 here), ten months of depreciation.
    expect(row('162')!.closing.amount).toBe(PROJECTOR);
    expect(row('163')!.closing).toEqual({ direction: '贷', amount: 10 * DEPRECIATION });
    expect(row('30104')!.closing).toEqual({ direction: '贷', amount: PROJECTOR - 10 * DEPRECIATION });
    expect(row('135')!.closing.amount).toBe(0); // the advance was settled
    // Cash and bank as the builder tallied them from its own inputs (2026 only: minus the 2027 levy).
    expect(row('101')!.closing).toEqual({ direction: '借', amount: tally.get('101') });
    expect(row(BANK)!.closing).toEqual({ direction: '借', amount: tally.get(BANK)! - levies[4]!.levy });
    // INV-2 with 182 = 0: (101 + 102 + 131 + 135) − (211 + 215 + 221) = 321 + 322.
    const net = (code: string) => (row(code) ? row(code)!.closingDebit - row(code)!.closingCredit : 0);
    expect(net('101') + net('102') + net('135') - (-net('211') - net('215'))).toBe(-(net('321') + net('322')));
  });

  it('exports the posted books as an hledger journal; hledger finds it balanced and agrees with the 科目余额表 on every account', async () => {
    const { l, staff } = y;
    // A 经审委员 may read the books, so may export them through the contract.
    const reviewer = await addUser(l, 'jingshen', ['reviewer']);
    const t0 = performance.now();
    const file = await l.call(reviewer, 'books.exportHledger', { year: YEAR });
    const exportMs = performance.now() - t0;
    expect(file).toMatchObject({ filename: `union-ledger-${YEAR}.journal`, mimeType: 'text/plain; charset=utf-8' });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    const journal = path.join(l.dir, `${YEAR}.journal`);
    fs.writeFileSync(journal, text);

    // The command line reads the file directly (no login) and writes the same bytes.
    const out = path.join(l.dir, `${YEAR}-cli.journal`);
    const r = await cli(['export', '--format', 'hledger', '--db', l.file, '--year', String(YEAR), '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const vouchers = (l.core.sqlite.prepare("SELECT count(*) AS n FROM vouchers WHERE status = 'posted' AND period LIKE ?").get(`${YEAR}-%`) as { n: number }).n;
    expect(r.stdout).toBe(`已导出 ${YEAR} 年度已记账凭证 ${vouchers} 张：${out}\n`);
    expect(fs.readFileSync(out, 'utf8')).toBe(text);

    // One transaction per posted voucher (no opening transaction: the ledger starts in this year).
    expect(text.match(/^\d{4}-\d{2}-\d{2} \(/gm)).toHaveLength(vouchers);
    expect(text).not.toContain('上年结转');
    expect(text).toContain('account 资产:102 银行存款:10201 工商银行');
    expect(text).toMatch(/^2026-12-31 \(记-\d+\) 年末结转  ; voucher:\d+, kind:year_end$/m);
    expect(text).toMatch(/^2026-11-20 \(记-\d+\) 注销11月6日记字第\d+号凭证/m);
    expect(text).toMatch(/支出:501 职工活动支出:50105 会员活动支出 +-2180\.00 CNY  ; 红字/);

    // hledger: parses it, every transaction balances, every account and commodity declared, dates in order.
    const t1 = performance.now();
    hledger(['-f', journal, 'check', '--strict', 'ordereddates']);
    const h = hledgerBalances(journal);
    const hledgerMs = performance.now() - t1;
    expect(h.total).toBe(0);
    const tb = await l.call(staff.zhuguan, 'books.trialBalance', { from: `${YEAR}-01`, to: `${YEAR}-12` });
    const { accounts, report } = compareWithTrialBalance(tb, h);
    expect(accounts).toBeGreaterThan(30);
    // hledger's own view of the two statements agrees too: assets = liabilities + net assets.
    expect(h.byName.get('资产')).toBe(-((h.byName.get('负债') ?? 0) + (h.byName.get('净资产') ?? 0)));
    expect(h.byName.get('收入') ?? 0).toBe(0);
    expect(h.byName.get('支出') ?? 0).toBe(0);
    // Timings and the figures, for the record (vitest prints them with --reporter=verbose).
    console.info(
      `realistic year: built in ${(buildMs / 1000).toFixed(1)} s; export ${exportMs.toFixed(0)} ms; hledger check + balance ${hledgerMs.toFixed(0)} ms; ${accounts} accounts equal\n${report.join('\n')}`,
    );
  });

  it('exports one year with an opening transaction, so hledger matches the 科目余额表 of that year too', async () => {
    const { l, staff } = y;
    const next = YEAR + 1;
    const out = path.join(l.dir, `${next}.journal`);
    const r = await cli(['export', '--format', 'hledger', '--db', l.file, '--year', String(next), '-o', out]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(new RegExp(`^${next}-01-01 \\(上年结转\\) 期初余额`, 'm'));
    expect(text.match(/^\d{4}-\d{2}-\d{2} \(/gm)).toHaveLength(1 + y.entered.next);
    hledger(['-f', out, 'check', '--strict', 'ordereddates']);
    const h = hledgerBalances(out);
    expect(h.total).toBe(0);
    const tb = await l.call(staff.zhuguan, 'books.trialBalance', { from: `${next}-01`, to: `${next}-01` });
    compareWithTrialBalance(tb, h);
    // The whole ledger in one journal ends where the 科目余额表 from January 2026 to January 2027 ends.
    const all = path.join(l.dir, 'all.journal');
    expect((await cli(['export', '--format', 'hledger', '--db', l.file, '--out', all])).code).toBe(0);
    hledger(['-f', all, 'check', '--strict', 'ordereddates']);
    compareWithTrialBalance(await l.call(staff.zhuguan, 'books.trialBalance', { from: `${YEAR}-01`, to: `${next}-01` }), hledgerBalances(all));
    // 211 holds the fourth quarter's upper share, payable in 2027.
    expect(tb.rows.find((x) => x.code === '211')!.closing).toEqual({ direction: '贷', amount: y.levies[4]!.upper });
  });
});
