// Crash safety (issue 7): a child process runs the largest operations against a real ledger file —
// a 20,000-row member import, the dues run for 20,000 members, the year-end close (with its
// automatic backup), an online backup of the 20,000-member ledger, and a restore of that ledger
// from an earlier backup (close, swap files, reopen) — and is killed with SIGKILL
// at several points after it reports it has started. Each time the file must open (taking over the
// dead process's lock), pass SQLite's integrity check and the audit-chain verification, and hold
// either all of the operation or none of it. The figures are printed as one summary line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { openCore, type Core } from '../../src/main/core/core';
import { verifyChain } from '../../src/main/core/audit/chain';
import { checkBackupFile } from '../../src/main/core/system/backup';
import { listBackups } from '../../src/main/core/system/catalog';
import { readUndoRecord } from '../../src/main/core/system/restore';
import { initLedger, addUser, client, type TestLedger } from '../helpers/core';
import { membersCsv, realisticMembers } from '../helpers/members-file';
import { postVoucher, reconcileBanks, type Staff } from '../helpers/closing';

const CLOCK = () => new Date('2027-01-10T10:00:00+08:00');
const MEMBERS = 20_000;
/** Where, as a share of the uninterrupted run's duration, each kill lands after "STARTED". */
const KILL_AT = [0.02, 0.35, 0.65, 0.95];

let work: string;
let worker: string;
const bases: Record<'roster' | 'dues' | 'year', string> = { roster: '', dues: '', year: '' };
let csvFile: string;
/** A backup of the 20,000-member ledger taken before its wage bases were entered (the restore's source). */
let earlyBackup: string;

/** A ledger in `file` with the admin and the office's users, as tests/helpers/core builds it. */
async function ledgerAt(file: string): Promise<{ l: TestLedger; s: Staff }> {
  const core = await openCore(file, { clock: CLOCK, log: () => {} });
  const l: TestLedger = { core, dir: path.dirname(file), file, call: (c, n, i) => core.call(c, n, i), close: () => core.close() };
  await initLedger(l);
  const s: Staff = { kuaiji: await addUser(l, 'kuaiji', ['accountant']), zhuguan: await addUser(l, 'zhuguan', ['supervisor']), chuna: await addUser(l, 'chuna', ['cashier']) };
  return { l, s };
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ul-crash-'));
  // The child runs the real core, bundled from the sources by Vite's SSR build (packages stay
  // external and load from node_modules, so the bundle lives under it).
  const outDir = path.resolve(`node_modules/.cache/union-ledger-crash-${process.pid}`);
  worker = path.join(outDir, 'worker.mjs');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: path.resolve('.'),
    build: { ssr: path.resolve('tests/crash/worker.ts'), outDir, emptyOutDir: true, minify: false, target: 'node20', rollupOptions: { output: { entryFileNames: 'worker.mjs', format: 'es' } } },
  });

  // 1. The office with nobody on the roster yet: the import's starting point.
  bases.roster = path.join(work, 'roster.sqlite');
  (await ledgerAt(bases.roster)).l.close();
  csvFile = path.join(work, 'members.csv');
  fs.writeFileSync(csvFile, membersCsv(realisticMembers(MEMBERS, 7), 'utf8'));

  // 2. 20,000 members (as the roster writes them) with December's wage bases: the dues run's start.
  bases.dues = path.join(work, 'dues.sqlite');
  {
    const { l, s } = await ledgerAt(bases.dues);
    const db = l.core.sqlite;
    db.transaction(() => {
      const m = db.prepare(
        `INSERT INTO members (id, employee_no, name, joined_on, status, status_since, employment_type, no_fixed_income, created_at, updated_at)
         VALUES (?, ?, ?, '2015-01-01', ?, '2015-01-01', '正式', 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
      );
      for (let i = 1; i <= MEMBERS; i++) m.run(i, `E${String(i).padStart(6, '0')}`, `会员${i}`, i % 12 === 0 ? 'retired' : 'active');
    })();
    earlyBackup = (await l.call(client('admin'), 'system.backup.now', {})).path;
    for (const month of ['2026-11', '2026-12']) {
      await l.call(s.kuaiji, 'dues.wages.save', { month, rows: Array.from({ length: MEMBERS }, (_, k) => ({ memberId: k + 1, baseFen: 300_000 + ((k * 7919) % 500_000) })) });
    }
    l.close();
  }

  // 3. A year of vouchers with January–November closed: the year-end close's start.
  bases.year = path.join(work, 'year.sqlite');
  {
    const { l, s } = await ledgerAt(bases.year);
    for (let m = 1; m <= 12; m++) {
      const d = `2026-${String(m).padStart(2, '0')}`;
      await postVoucher(l, s, `${d}-05`, [
        { summary: '收会费现金', accountCode: '101', debit: 30_000 + m * 100 },
        { summary: '收会费现金', accountCode: '401', credit: 30_000 + m * 100, fundNature: 'general' },
      ]);
      await postVoucher(l, s, `${d}-20`, [
        { summary: '零星支出', accountCode: '510', debit: 12_000 + m * 10, fundNature: 'general', expenseType: 'basic' },
        { summary: '零星支出', accountCode: '101', credit: 12_000 + m * 10 },
      ]);
      await reconcileBanks(l, s.kuaiji, d);
      if (m < 12) await l.call(s.kuaiji, 'periods.close', { period: d });
    }
    l.close();
  }
}, 180_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(path.dirname(worker), { recursive: true, force: true });
});

interface Run {
  killed: boolean;
  doneMs: number | null;
}

/** Runs the worker on `file`; kills it `killAfterMs` after it reports STARTED (null: let it finish). */
function runWorker(op: string, file: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const extra = op === 'restore' ? path.basename(earlyBackup) : csvFile;
    const child = spawn(process.execPath, [worker, op, file, extra], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let doneMs: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (killAfterMs !== null && chunk.includes('STARTED')) {
        if (killAfterMs === 0) child.kill('SIGKILL');
        else setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      const m = /DONE (\d+)/.exec(out);
      if (m) doneMs = Number(m[1]);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ killed: true, doneMs });
      else if (code === 0) resolve({ killed: false, doneMs });
      else reject(new Error(`worker ${op} failed (${code}): ${err}`));
    });
  });
}

interface State {
  members: number;
  dues: number;
  vouchers: number;
  decemberClosed: boolean;
  audit: number;
  goodBackups: number;
  wages: number;
  /** A restore that went through can be undone: its undo record names the file kept aside. */
  undoable: boolean;
}

/** Opens the file as the app would after the crash and checks it; returns what it holds. */
async function recover(file: string): Promise<State> {
  // Opening takes the writer lock the dead child left behind, runs the quick check and migrations.
  const core: Core = await openCore(file, { writerLock: '恢复检查', clock: CLOCK, log: () => {} });
  try {
    const db = core.sqlite;
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    expect(integrity).toEqual(['ok']);
    const chain = verifyChain(core.db, new Date());
    expect(chain.firstProblem).toBeNull();
    expect(chain.ok).toBe(true);
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const backups = listBackups(file);
    for (const b of backups) expect(checkBackupFile(b.path).ok, `${b.name} is a finished backup and must pass its check`).toBe(true);
    // The books still balance (what a half-written close would break).
    expect(n('SELECT coalesce(sum(debit) - sum(credit), 0) AS n FROM voucher_lines')).toBe(0);
    // And the ledger answers through the dispatcher as the app would.
    const res = await core.dispatch(client('check'), 'setup.status', {});
    expect(res).toMatchObject({ ok: true, value: { initialized: true } });
    return {
      members: n('SELECT count(*) AS n FROM members'),
      dues: n("SELECT count(*) AS n FROM dues_assessments WHERE month = '2026-12'"),
      vouchers: n('SELECT count(*) AS n FROM vouchers'),
      decemberClosed: n("SELECT count(*) AS n FROM periods WHERE period = '2026-12' AND status = 'closed'") === 1,
      audit: chain.records,
      goodBackups: backups.filter((b) => b.kind === 'manual').length,
      wages: n("SELECT count(*) AS n FROM member_wages WHERE month = '2026-12'"),
      undoable: readUndoRecord(file) !== null,
    };
  } finally {
    core.close();
  }
}

const tally = { kills: 0, killedMidway: 0, recovered: 0, none: 0, all: 0, ops: new Set<string>(), perOp: new Map<string, { none: number; all: number }>() };

async function crashOp(op: string, base: string, whole: (s: State) => boolean, nothing: (s: State) => boolean): Promise<void> {
  // The uninterrupted run: what "all" looks like, and how long the operation takes.
  // Each run in a folder of its own: its backups folder holds only its own copies.
  const fresh = (name: string) => {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    const file = path.join(dir, 'ledger.sqlite');
    fs.copyFileSync(base, file);
    if (op === 'restore') {
      fs.mkdirSync(path.join(dir, 'backups'));
      fs.copyFileSync(earlyBackup, path.join(dir, 'backups', path.basename(earlyBackup)));
    }
    return file;
  };
  const full = fresh(`${op}-full`);
  const baseline = await runWorker(op, full, null);
  expect(baseline.killed).toBe(false);
  const after = await recover(full);
  expect(whole(after), `${op}: the uninterrupted run did the whole operation (${JSON.stringify(after)})`).toBe(true);
  const duration = Math.max(baseline.doneMs ?? 1, 1);
  for (const [i, share] of KILL_AT.entries()) {
    const file = fresh(`${op}-kill-${i}`);
    const run = await runWorker(op, file, Math.round(share * duration));
    tally.kills++;
    tally.ops.add(op);
    if (run.killed && run.doneMs === null) tally.killedMidway++;
    const state = await recover(file);
    const isAll = whole(state);
    const isNone = nothing(state);
    expect(isAll || isNone, `${op} killed at ${Math.round(share * 100)} %: all or none (${JSON.stringify(state)})`).toBe(true);
    tally.recovered++;
    const mine = tally.perOp.get(op) ?? { none: 0, all: 0 };
    if (isAll) {
      tally.all++;
      mine.all++;
    } else {
      tally.none++;
      mine.none++;
    }
    tally.perOp.set(op, mine);
  }
}

describe('SIGKILL in the middle of the largest operations', () => {
  it(`a ${MEMBERS.toLocaleString()}-row member import`, async () => {
    await crashOp('import', bases.roster, (s) => s.members === MEMBERS, (s) => s.members === 0);
  }, 150_000);

  it(`the dues run for ${MEMBERS.toLocaleString()} members`, async () => {
    const expected = MEMBERS; // every member is assessed (the retired at the 保留会籍 rate or exempt rows)
    await crashOp('dues', bases.dues, (s) => s.dues >= expected * 0.9, (s) => s.dues === 0);
  }, 150_000);

  it('the year-end close (with its 年结前 backup)', async () => {
    await crashOp('yearClose', bases.year, (s) => s.decemberClosed, (s) => !s.decemberClosed);
  }, 150_000);

  it(`an online backup of the ${MEMBERS.toLocaleString()}-member ledger`, async () => {
    await crashOp('backup', bases.dues, (s) => s.goodBackups === 1, (s) => s.goodBackups === 0);
  }, 150_000);

  it(`a restore of the ${MEMBERS.toLocaleString()}-member ledger from an earlier backup (close, swap, reopen)`, async () => {
    await crashOp(
      'restore',
      bases.dues,
      (s) => s.members === MEMBERS && s.wages === 0 && s.undoable,
      (s) => s.members === MEMBERS && s.wages === MEMBERS && !s.undoable,
    );
  }, 150_000);

  afterAll(() => {
    console.log(
      `[crash-safety] ${tally.kills} SIGKILLs across ${tally.ops.size} operations (${[...tally.ops].join(', ')}), ${tally.killedMidway} before the operation returned; ` +
        `${tally.recovered}/${tally.kills} recovered (opens, integrity ok, audit chain verifies): ${tally.none} held none of the operation, ${tally.all} all of it ` +
        `[${[...tally.perOp].map(([op, t]) => `${op}: ${t.none} none/${t.all} all`).join('; ')}]`,
    );
  });
});
