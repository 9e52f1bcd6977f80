// The check on open (issue 8, keeping issue 7's refusal of damaged files): the full PRAGMA
// quick_check runs when the file is small, after an unclean shutdown (a stale writer lock taken
// over, a -wal file left behind) or when the last full check is more than N days old; otherwise a
// cheap check (header, identity, migration history, each table's first page). A file closed
// cleanly with a damaged page deep inside opens until the periodic check (or verify, or a backup's
// check) finds it.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTestLedger, initLedger, client, type TestLedger } from '../helpers/core';
import { openCore, LedgerOpenProblem, type CoreOptions } from '../../src/main/core/core';
import { decideOpenCheck, LAST_FULL_CHECK_KEY, type OpenCheckFacts } from '../../src/main/core/db/open';
import { lockPathFor } from '../../src/main/core/system/writer-lock';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00+08:00');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
/** Every file counts as large here (the real threshold is 64 MB), so the decision is exercised on a small test ledger. */
const opts = (now: Date, more: CoreOptions = {}): CoreOptions => ({ log: () => {}, clock: () => now, fullCheckBelowBytes: 0, ...more });

async function refusal(file: string, o: CoreOptions): Promise<LedgerOpenProblem> {
  const err = await openCore(file, o).then(
    (c) => {
      c.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LedgerOpenProblem);
  return err as LedgerOpenProblem;
}

/** Overwrites the last leaf page of the table with the most leaves (not its first page, which the cheap check reads). */
function damageADeepPage(file: string): number {
  const db = new Database(file, { readonly: true });
  const table = db
    .prepare(
      `SELECT s.name FROM dbstat s JOIN sqlite_master m ON m.name = s.name AND m.type = 'table'
       WHERE s.pagetype = 'leaf' GROUP BY s.name HAVING count(*) >= 3 ORDER BY count(*) DESC LIMIT 1`,
    )
    .get() as { name: string } | undefined;
  expect(table).toBeDefined();
  const { pageno } = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path DESC LIMIT 1").get(table!.name) as { pageno: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (pageno - 1) * pageSize);
  fs.closeSync(fd);
  return pageno;
}

const base: OpenCheckFacts = { bytes: 1100 * 1024 * 1024, walLeftOver: false, lockTakenOver: false, lastFullCheck: at(-1), everyDays: 7, belowBytes: 64 * 1024 * 1024, now: T0 };

describe('deciding the check on open', () => {
  it('a large file closed cleanly and fully checked within the week gets the cheap check', () => {
    expect(decideOpenCheck(base)).toMatchObject({ full: false });
    expect(decideOpenCheck({ ...base, lastFullCheck: at(-6.9) })).toMatchObject({ full: false });
  });
  it('a small file, an unclean shutdown, no record, or a check due gets the full check', () => {
    expect(decideOpenCheck({ ...base, bytes: 10 * 1024 * 1024 }).reason).toMatch(/小于 64 MB/);
    expect(decideOpenCheck({ ...base, lockTakenOver: true }).reason).toMatch(/未正常关闭.*锁文件/);
    expect(decideOpenCheck({ ...base, walLeftOver: true }).reason).toMatch(/未正常关闭.*-wal/);
    expect(decideOpenCheck({ ...base, lastFullCheck: null }).reason).toMatch(/尚无完整检查/);
    expect(decideOpenCheck({ ...base, lastFullCheck: at(-7) }).reason).toMatch(/超过 7 天/);
    expect(decideOpenCheck({ ...base, lastFullCheck: at(-3), everyDays: 2 }).reason).toMatch(/超过 2 天/);
    // A check recorded "in the future" (the clock was wrong) is not trusted.
    expect(decideOpenCheck({ ...base, lastFullCheck: at(1) }).full).toBe(true);
  });
});

describe('opening a ledger', () => {
  let l: TestLedger | null = null;
  afterEach(() => {
    l?.close();
    l = null;
  });

  it('clean close → cheap open; a stale lock, a leftover WAL or a due periodic check → full check refuses a damaged page with the restore offer', async () => {
    l = await openTestLedger(opts(T0));
    await initLedger(l);
    // Enough rows for tables several pages long.
    for (let i = 0; i < 60; i++) await l.call(client('admin'), 'users.create', { username: `user${i}`, displayName: `用户${i}号${'甲'.repeat(30)}`, roles: ['accountant'], password: 'Passw0rd!' });
    const backup = (await l.call(client('admin'), 'system.backup.now', {})).path;
    const file = l.file;
    l.core.close();

    // The first open without a record checks fully and records the time.
    let c = await openCore(file, opts(at(0.1), { writerLock: '桌面程序' }));
    expect(c.openCheck).toMatchObject({ full: true, reason: expect.stringMatching(/尚无完整检查/) });
    const recorded = () => (c.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(LAST_FULL_CHECK_KEY) as { value: string }).value;
    expect(JSON.parse(recorded())).toBe(at(0.1).toISOString());
    c.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    // Closed cleanly, checked within the week: the cheap check, and the record stays as it was.
    c = await openCore(file, opts(at(3), { writerLock: '桌面程序' }));
    expect(c.openCheck).toMatchObject({ full: false });
    expect(JSON.parse(recorded())).toBe(at(0.1).toISOString());
    c.close();

    // A bad sector deep inside a table; the header and every table's first page are intact.
    const page = damageADeepPage(file);
    expect(page).toBeGreaterThan(2);

    // Closed cleanly and checked within the week: the cheap check does not read that page (the weekly
    // check, verify and the backups' check do).
    c = await openCore(file, opts(at(4), { writerLock: '桌面程序' }));
    expect(c.openCheck).toMatchObject({ full: false });
    c.close();

    const expectRefusedWithOffer = (p: LedgerOpenProblem) => {
      expect(p.kind).toBe('damaged');
      expect(p.message).toMatch(/已损坏（完整性检查未通过/);
      expect(p.message).toContain('可以从最近的完好备份恢复');
      expect(p.offer?.path).toBe(backup);
    };

    // The previous session crashed: its lock (a process that no longer runs) is taken over → full check → refused.
    fs.writeFileSync(lockPathFor(file), JSON.stringify({ app: 'union-ledger', host: os.hostname(), pid: 2 ** 22 + 12345, user: 'x', what: '桌面程序', since: at(4).toISOString() }));
    expectRefusedWithOffer(await refusal(file, opts(at(4), { writerLock: '浏览器模式' })));
    expect(fs.existsSync(lockPathFor(file))).toBe(false);

    // A WAL file left behind by a connection that never closed → full check → refused.
    for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    fs.writeFileSync(`${file}-wal`, '');
    expectRefusedWithOffer(await refusal(file, opts(at(4))));

    // Closed cleanly but the last full check is a week old → full check → refused.
    for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    expectRefusedWithOffer(await refusal(file, opts(at(7.2))));
    // The ledger's own setting for the interval: two days.
    for (const f of [`${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    expectRefusedWithOffer(await refusal(file, opts(at(2.5), { fullCheckEveryDays: 2 })));
  });

  it('a truncated large file is refused on the cheap path too', async () => {
    l = await openTestLedger(opts(T0));
    await initLedger(l);
    const file = l.file;
    l.core.close();
    let c = await openCore(file, opts(at(0.1)));
    c.close();
    c = await openCore(file, opts(at(0.2)));
    expect(c.openCheck).toMatchObject({ full: false });
    c.close();
    // The last pages lost (a copy cut short); page 1 and the schema are intact.
    fs.truncateSync(file, fs.statSync(file).size - 2 * 4096);
    const p = await refusal(file, opts(at(0.3)));
    // SQLite itself or the header's page count (longer than the file) gives it away.
    expect(p.message).toMatch(/文件比其页头记录的短|不是有效的 SQLite 数据库/);
    expect(fs.existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
  });
});
