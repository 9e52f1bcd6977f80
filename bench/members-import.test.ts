// Timing of the roster import for a union of 20,000 members (issue "Members and the dues ledger",
// Scale): a generated 20,000-row .xlsx, previewed and committed through the dispatcher, then
// re-imported with 500 changed rows, plus the search and the export on the full roster.
// Part of `npm run bench`, not of `npm test`. Each step must stay within a few seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, initLedger, openTestLedger, type TestLedger } from '../tests/helpers/core';
import { membersXlsx, realisticMembers } from '../tests/helpers/members-file';
import type { ClientRef } from '../src/main/core/context';

const N = 20_000;

let l: TestLedger;
let kuaiji: ClientRef;

beforeAll(async () => {
  l = await openTestLedger({ clock: () => new Date('2026-03-15T10:00:00+08:00') });
  await initLedger(l);
  kuaiji = await addUser(l, 'kuaiji', ['accountant']);
});
afterAll(() => l.close());

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  console.log(`[bench] ${label}: ${ms.toFixed(0)} ms`);
  return { value, ms };
}

describe(`importing ${N.toLocaleString('en')} members`, () => {
  it('previews and commits a 20,000-row .xlsx in a few seconds, and re-imports with changes', async () => {
    const rows = realisticMembers(N);
    const { value: file } = await timed('generate the .xlsx (test setup)', () => membersXlsx(rows));
    console.log(`[bench] file size: ${(file.length / 1024 / 1024).toFixed(1)} MB`);
    const base64 = file.toString('base64');

    const preview = await timed('members.importPreview (parse + check + diff)', () => l.call(kuaiji, 'members.importPreview', { filename: 'big.xlsx', base64 }));
    expect(preview.value.counts).toMatchObject({ rows: N, added: N, invalidRows: 0 });
    const commit = await timed('members.importCommit (parse + check + write)', () =>
      l.call(kuaiji, 'members.importCommit', { filename: 'big.xlsx', base64, expectedSha256: preview.value.sha256 }),
    );
    expect(commit.value.added).toBe(N);
    console.log(`[bench] preview + commit: ${(preview.ms + commit.ms).toFixed(0)} ms`);
    expect(preview.ms + commit.ms).toBeLessThan(5_000);

    const changed = rows.map((r) => ({ ...r }));
    for (let i = 0; i < 500; i++) changed[i * 40]!.联系电话 = `139${String(i).padStart(8, '0')}`;
    for (let i = 0; i < 100; i++) if (changed[i * 40 + 1]!.会员状态 === '在职') Object.assign(changed[i * 40 + 1]!, { 会员状态: '退休', 状态日期: '2026-03-01' });
    const file2 = (await membersXlsx(changed)).toString('base64');
    const p2 = await timed('re-import preview', () => l.call(kuaiji, 'members.importPreview', { filename: 'big2.xlsx', base64: file2 }));
    const c2 = await timed('re-import commit', () => l.call(kuaiji, 'members.importCommit', { filename: 'big2.xlsx', base64: file2, expectedSha256: p2.value.sha256 }));
    expect(c2.value.updated).toBeGreaterThanOrEqual(500);
    expect(c2.value.added).toBe(0);

    const search = await timed('members.list q=zs (pinyin initials over 20,000)', () => l.call(kuaiji, 'members.list', { q: 'zs' }));
    expect(search.ms).toBeLessThan(1_000);
    const page = await timed('members.list page 200', () => l.call(kuaiji, 'members.list', { page: 200, pageSize: 50 }));
    expect(page.value.rows).toHaveLength(50);
    const exp = await timed('members.exportExcel (20,000, masked)', () => l.call(kuaiji, 'members.exportExcel', {}));
    expect(exp.ms).toBeLessThan(10_000);
  });
});
