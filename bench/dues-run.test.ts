// Timing of the dues module on a union of 20,000 members (issue "Scale": a monthly dues run and the
// year's dues ledger stay interactive — a few seconds at most). Part of `npm run bench`, not of
// `npm test`. Everything goes through the dispatcher (validation, roles, one transaction, audit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../tests/helpers/core';
import type { ClientRef } from '../src/main/core/context';

const MEMBERS = 20_000;
const GROUPS = 80;
const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

let l: TestLedger;
let kuaiji: ClientRef;
let zhuguan: ClientRef;
let chuna: ClientRef;

const ms = (t0: number) => Math.round(performance.now() - t0);

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-12-31T12:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
  zhuguan = await addUser(l, 'zhuguan', ['supervisor']);
  chuna = await addUser(l, 'chuna', ['cashier']);
  const db = l.core.sqlite;
  const at = '2026-01-01T00:00:00Z';
  db.transaction(() => {
    const g = db.prepare('INSERT INTO union_groups (id, name, created_at) VALUES (?, ?, ?)');
    for (let i = 1; i <= GROUPS; i++) g.run(i, `第${i}小组`, at);
    const m = db.prepare(
      `INSERT INTO members (id, employee_no, name, group_id, joined_on, status, status_since, employment_type, no_fixed_income, created_at, updated_at)
       VALUES (?, ?, ?, ?, '2015-01-01', ?, '2015-01-01', ?, ?, ?, ?)`,
    );
    for (let i = 1; i <= MEMBERS; i++) {
      // About 8 % retired (保留会籍), 1 % apprentices, 1 % without fixed income.
      const status = i % 12 === 0 ? 'retired' : 'active';
      m.run(i, `E${String(i).padStart(6, '0')}`, `会员${i}`, (i % GROUPS) + 1, status, i % 100 === 7 ? '学徒' : '正式', i % 100 === 9 ? 1 : 0, at, at);
    }
  })();
}, 600_000);
afterAll(() => l.close());

describe(`dues for ${MEMBERS.toLocaleString()} members`, () => {
  it('wages, the monthly run, payroll collection and posting for a year; then the year’s ledger, collection rate and arrears', async () => {
    const timings: Record<string, number[]> = { wages: [], compute: [], collect: [], post: [] };
    for (const month of MONTHS) {
      const rows = Array.from({ length: MEMBERS }, (_, k) => ({ memberId: k + 1, baseFen: 300_000 + ((k * 7919) % 500_000) }));
      let t0 = performance.now();
      await l.call(kuaiji, 'dues.wages.save', { month, rows });
      timings.wages!.push(ms(t0));
      t0 = performance.now();
      const run = await l.call(kuaiji, 'dues.run.compute', { month });
      timings.compute!.push(ms(t0));
      // January: the 200 members without fixed income have no December wage (D5) and are listed.
      expect(run.missing.length).toBe(month === '2026-01' ? MEMBERS / 100 : 0);
      t0 = performance.now();
      // Every 50th member pays in cash (not collected here): the arrears list has something to show.
      const excludeMemberIds = Array.from({ length: MEMBERS / 50 }, (_, k) => k * 50 + 1);
      const c = await l.call(kuaiji, 'dues.run.collectPayroll', { month, date: `${month}-25`, bankAccountCode: '102', excludeMemberIds });
      timings.collect!.push(ms(t0));
      t0 = performance.now();
      await l.call(zhuguan, 'vouchers.review', { id: c.voucher.id });
      await l.call(chuna, 'vouchers.confirmCash', { id: c.voucher.id });
      await l.call(zhuguan, 'vouchers.post', { id: c.voucher.id });
      timings.post!.push(ms(t0));
    }
    let t0 = performance.now();
    const rerun = await l.call(kuaiji, 'dues.run.compute', { month: '2026-12' });
    const rerunMs = ms(t0);
    expect(rerun.keptPaid).toBeGreaterThan(17_000);
    t0 = performance.now();
    const ledger = await l.call(zhuguan, 'dues.ledger', { year: 2026 });
    const ledgerMs = ms(t0);
    expect(ledger.rows).toHaveLength(MEMBERS);
    t0 = performance.now();
    const rate = await l.call(zhuguan, 'dues.collectionRate', { year: 2026 });
    const rateMs = ms(t0);
    t0 = performance.now();
    const arrears = await l.call(zhuguan, 'dues.arrears', { asOf: '2026-12' });
    const arrearsMs = ms(t0);
    t0 = performance.now();
    const income = await l.call(zhuguan, 'dues.incomeByMonth', { year: 2026 });
    const incomeMs = ms(t0);
    expect(income.total.differenceFen).toBe(0);
    t0 = performance.now();
    const xlsx = await l.call(zhuguan, 'dues.export', { report: 'ledger', year: 2026, format: 'xlsx' });
    const xlsxMs = ms(t0);
    const avg = (a: number[]) => Math.round(a.reduce((x, y) => x + y, 0) / a.length);
    const max = (a: number[]) => Math.max(...a);
    console.log(
      [
        `dues bench, ${MEMBERS} members, ${GROUPS} groups, 12 months:`,
        `  dues.wages.save (20,000 rows)   avg ${avg(timings.wages!)} ms, max ${max(timings.wages!)} ms`,
        `  dues.run.compute                avg ${avg(timings.compute!)} ms, max ${max(timings.compute!)} ms (first ${timings.compute![0]} ms)`,
        `  dues.run.collectPayroll         avg ${avg(timings.collect!)} ms, max ${max(timings.collect!)} ms`,
        `  review + confirm + post         avg ${avg(timings.post!)} ms`,
        `  re-run of a collected month     ${rerunMs} ms`,
        `  dues.ledger (year)              ${ledgerMs} ms (${ledger.rows.length} rows)`,
        `  dues.collectionRate (year)      ${rateMs} ms (total rate ${rate.total.rateByAmount})`,
        `  dues.arrears                    ${arrearsMs} ms (${arrears.members} members, ${arrears.flagged} flagged)`,
        `  dues.incomeByMonth              ${incomeMs} ms`,
        `  dues.export ledger xlsx         ${xlsxMs} ms (${Math.round(xlsx.base64.length * 0.75 / 1024)} KB)`,
      ].join('\n'),
    );
    expect(max(timings.compute!)).toBeLessThan(5_000);
    expect(ledgerMs).toBeLessThan(5_000);
  });
});
