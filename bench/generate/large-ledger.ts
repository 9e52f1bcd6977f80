// A deterministic large union ledger for `npm run bench` (issue 8): 20,000 members in 80 groups,
// ten fiscal years (2016–2025) of monthly dues runs, spending, the quarterly 2 % levy and its
// remittance, grants, cash drawn and advances settled — about 1,000,000 posted voucher lines and
// about as many audit records — with every month closed (T12) and every year closed (T13).
//
// How it is written: the setup (ledger, users) and every close go through the dispatcher; the bulk
// (members, wages, dues assessments and payments, vouchers and their lines) is inserted with
// prepared statements in one transaction a month, exactly the rows the core writes: vouchers
// inserted as drafts with their lines, then reviewed, confirmed and posted by UPDATE, so the
// database's own triggers (balance check, ledger_balances, ledger_entries) run as in the app; and
// one audit record per step the app would record (vouchers.save / review / confirmCash / post,
// dues.wages.save, dues.run.compute, dues.run.collectPayroll, members.importCommit), hashed into
// the chain with the app's hashRecord, so audit.verify walks a valid chain.
//
// Deterministic: a seeded PRNG (mulberry32) and a fixed clock; the file is cached in the temp folder
// under a name keyed by GENERATOR_VERSION and the migrations' checksums, and reused by later runs.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../src/main/core/core';
import { hashRecord, GENESIS_HASH } from '../../src/main/core/audit/chain';
import { MIGRATIONS } from '../../src/main/core/db/migrations';
import { migrationChecksum } from '../../src/main/core/db/open';
import type { ClientRef } from '../../src/main/core/context';
import type { OpInput, OpName, OpResult } from '../../src/main/contract/operations';

export const GENERATOR_VERSION = 2;

export interface LargeLedgerSpec {
  members: number;
  groups: number;
  firstYear: number;
  years: number;
  /** Spending and other vouchers a month (besides dues, levy and closes). */
  vouchersPerMonth: number;
  seed: number;
}

export const FULL: LargeLedgerSpec = { members: 20_000, groups: 80, firstYear: 2016, years: 10, vouchersPerMonth: 1_650, seed: 20_260_101 };
/** UL_BENCH_SMALL=1: a quick smoke run of the whole suite on a small file. */
export const SMALL: LargeLedgerSpec = { members: 2_000, groups: 20, firstYear: 2024, years: 2, vouchersPerMonth: 200, seed: 7 };

export const PASSWORD = 'Bench#2026pw';
export const USERS = { admin: 'admin', kuaiji: 'kuaiji', zhuguan: 'zhuguan', chuna: 'chuna' } as const;

export interface LargeLedger {
  file: string;
  spec: LargeLedgerSpec;
  /** What the generator wrote (read back from the file). */
  counts: { members: number; vouchers: number; postings: number; audit: number; duesAssessments: number; duesPayments: number; bytes: number };
  generatedNow: boolean;
  generateMs: number;
}

/** Mulberry32. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function cacheDir(): string {
  return path.join(os.tmpdir(), 'union-ledger-bench');
}

function cacheKey(spec: LargeLedgerSpec): string {
  return createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, spec })).digest('hex').slice(0, 16);
}

/**
 * A cached file is reused while the migrations it was built with are still the code's (later
 * migrations are applied to it once, here, so every working copy opens without migrating); a
 * changed migration (history rewritten) makes it stale.
 */
async function usable(file: string): Promise<boolean> {
  const db = new Database(file, { readonly: true });
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations').all() as { version: number; name: string; checksum: string }[];
  db.close();
  const stale = applied.some((a) => {
    const m = MIGRATIONS.find((x) => x.version === a.version);
    return !m || m.name !== a.name || migrationChecksum(m) !== a.checksum;
  });
  if (stale) return false;
  if (MIGRATIONS.some((m) => !applied.some((a) => a.version === m.version))) {
    const core = await openCore(file, { log: () => {}, backupDir: path.join(path.dirname(file), 'backups') });
    core.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    core.close();
    fs.rmSync(path.join(path.dirname(file), 'backups'), { recursive: true, force: true });
  }
  return true;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

class Dispatcher {
  constructor(
    readonly core: Core,
    readonly clock: { now: Date },
  ) {}
  call<N extends OpName>(client: ClientRef, name: N, input: OpInput<N>): Promise<OpResult<N>> {
    return this.core.call(client, name, input);
  }
}

const client = (id: string): ClientRef => ({ clientId: id, host: 'cli' });

/** The cached file for the spec, generated first if missing. */
export async function largeLedger(spec: LargeLedgerSpec = process.env.UL_BENCH_SMALL ? SMALL : FULL, log: (s: string) => void = () => {}): Promise<LargeLedger> {
  const dir = cacheDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `large-v${GENERATOR_VERSION}-${cacheKey(spec)}.sqlite`);
  let generatedNow = false;
  let generateMs = 0;
  if (fs.existsSync(file) && !(await usable(file))) {
    log(`[generate] ${path.basename(file)} was built with migrations that have changed since: building it again`);
    fs.rmSync(file, { force: true });
  }
  if (!fs.existsSync(file)) {
    const t0 = performance.now();
    const tmp = `${file}.partial-${process.pid}`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
    await generate(tmp, spec, log);
    fs.renameSync(tmp, file);
    // The core copies the file before each year-end close (issue 7); the bench has no use for those copies.
    fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true });
    generatedNow = true;
    generateMs = performance.now() - t0;
  }
  const db = new Database(file, { readonly: true });
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const counts = {
    members: n('SELECT count(*) AS n FROM members'),
    vouchers: n("SELECT count(*) AS n FROM vouchers WHERE status = 'posted'"),
    postings: n('SELECT count(*) AS n FROM ledger_entries'),
    audit: n('SELECT count(*) AS n FROM audit_log'),
    duesAssessments: n('SELECT count(*) AS n FROM dues_assessments'),
    duesPayments: n('SELECT count(*) AS n FROM dues_payments'),
    bytes: fs.statSync(file).size,
  };
  db.close();
  return { file, spec, counts, generatedNow, generateMs };
}

async function generate(file: string, spec: LargeLedgerSpec, log: (s: string) => void): Promise<void> {
  const clock = { now: new Date(`${spec.firstYear}-01-01T09:00:00+08:00`) };
  const core = await openCore(file, { log: () => {}, clock: () => clock.now });
  const d = new Dispatcher(core, clock);
  const admin = client('admin');
  await d.call(admin, 'setup.createLedger', {
    union: { name: '某某集团公司工会委员会', uscc: null, provincePreset: 'FJ-2018', firstFiscalYear: spec.firstYear },
    admin: { username: USERS.admin, displayName: '王管理', password: PASSWORD },
  });
  const staff: Record<'kuaiji' | 'zhuguan' | 'chuna', ClientRef> = { kuaiji: client('kuaiji'), zhuguan: client('zhuguan'), chuna: client('chuna') };
  const roles = { kuaiji: ['accountant'], zhuguan: ['supervisor'], chuna: ['cashier'] } as const;
  for (const who of ['kuaiji', 'zhuguan', 'chuna'] as const) {
    await d.call(admin, 'users.create', { username: who, displayName: { kuaiji: '李会计', zhuguan: '张主管', chuna: '陈出纳' }[who], roles: [...roles[who]], password: PASSWORD });
    await d.call(staff[who], 'session.login', { username: who, password: PASSWORD });
  }
  const sqlite = core.sqlite;
  const userId = (u: string) => (sqlite.prepare('SELECT id FROM users WHERE username = ?').get(u) as { id: number }).id;
  const ids = { kuaiji: userId('kuaiji'), zhuguan: userId('zhuguan'), chuna: userId('chuna') };
  const w = new Writer(sqlite, spec);
  w.members(ids.kuaiji, clock.now);

  const timing = { write: 0, close: 0 };
  const lastYear = spec.firstYear + spec.years - 1;
  for (let y = spec.firstYear; y < spec.firstYear + spec.years; y++) {
    const tYear = performance.now();
    for (let m = 1; m <= 12; m++) {
      const period = `${y}-${pad(m)}`;
      clock.now = new Date(`${period}-${pad(lastDay(y, m))}T18:00:00+08:00`);
      let t = performance.now();
      w.month(y, m, ids, clock.now);
      timing.write += performance.now() - t;
      t = performance.now();
      clock.now = new Date(Date.UTC(y, m, 1, 2, 0, 0));
      if (y < lastYear) {
        // Earlier years: the close written like the core writes it (T12 voucher, bank reconciliation,
        // the period locked; T13 in December), from the generator's own tally of the month.
        w.close(y, m, ids, clock.now);
      } else {
        // The last year closes through the core: bank reconciliation, periods.close, years.close.
        // The clock jumped a month: the sessions have expired (30 minutes idle), so log in again.
        await d.call(staff.kuaiji, 'session.login', { username: 'kuaiji', password: PASSWORD });
        for (const b of await d.call(staff.kuaiji, 'bank.reconciliation.status', { period })) {
          if (b.required && !b.agreed) await d.call(staff.kuaiji, 'bank.reconciliation.save', { period, bankAccountCode: b.bankAccountCode, statementBalanceFen: b.bookBalanceFen });
        }
        // December closes with the year (years.close does T12 and T13 together).
        if (m < 12) await d.call(staff.kuaiji, 'periods.close', { period });
        else {
          await d.call(staff.zhuguan, 'session.login', { username: 'zhuguan', password: PASSWORD });
          await d.call(staff.zhuguan, 'years.close', { year: y });
        }
      }
      timing.close += performance.now() - t;
    }
    w.resyncChain();
    log(`[generate] ${y}: ${Math.round(performance.now() - tYear)} ms (bulk rows ${Math.round(timing.write)} ms, closes ${Math.round(timing.close)} ms${y === lastYear ? ' through the core' : ''})`);
    timing.write = 0;
    timing.close = 0;
  }
  core.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
}

interface Line {
  account: string;
  debit: number;
  credit: number;
  fund: 'special' | 'general' | null;
  expenseType: 'basic' | 'project' | null;
  project: string | null;
  counterparty: string | null;
  summary: string;
}

const EXPENSES: [code: string, summary: string, min: number, max: number][] = [
  ['50101', '职工教育培训', 20_000, 500_000],
  ['50102', '文体活动器材及场地', 10_000, 800_000],
  ['50103', '宣传资料印制', 5_000, 200_000],
  ['50104', '劳模疗休养', 100_000, 1_500_000],
  ['50105', '会员生日慰问', 5_000, 300_000],
  ['50106', '其他职工活动', 5_000, 200_000],
  ['50301', '劳动技能竞赛奖品', 20_000, 600_000],
  ['50302', '职工之家建设', 10_000, 400_000],
  ['50304', '职工书屋图书', 5_000, 150_000],
  ['50305', '其他职工服务', 5_000, 100_000],
  ['50401', '劳动关系协调', 5_000, 100_000],
  ['50402', '劳动保护用品', 10_000, 300_000],
  ['50404', '困难职工帮扶', 50_000, 500_000],
  ['50501', '工会干部培训', 20_000, 400_000],
  ['50502', '会员代表大会会议', 10_000, 300_000],
  ['510', '其他支出', 1_000, 50_000],
];

/** The bulk rows of a month, with the app's audit records, in one transaction. */
class Writer {
  private readonly rnd: () => number;
  private readonly st: Record<string, Database.Statement>;
  private prev = GENESIS_HASH;
  private seq = 0;
  private nextVoucher = 1;
  private readonly numbers = new Map<string, number>();
  /** debit − credit of the revenue, expenditure and 321/322 accounts since their last close, by account|fund|project. */
  private readonly tally = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly spec: LargeLedgerSpec,
  ) {
    this.rnd = prng(spec.seed);
    const p = (sql: string) => db.prepare(sql);
    this.st = {
      group: p('INSERT INTO union_groups (id, name, leader, created_at) VALUES (?, ?, ?, ?)'),
      member: p(
        `INSERT INTO members (id, employee_no, name, gender, birth_date, group_id, joined_on, status, status_since, employment_type, phone, no_fixed_income, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      history: p('INSERT INTO member_status_history (member_id, status, effective_date, reason, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)'),
      wage: p("INSERT INTO member_wages (member_id, month, base_fen, items, source, updated_at) VALUES (?, ?, ?, NULL, 'import', ?)"),
      assess: p('INSERT INTO dues_assessments (member_id, month, base_fen, due_fen, exempt_reason, rule_from, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      pay: p(
        `INSERT INTO dues_payments (member_id, month, amount_fen, method, paid_on, receipt_id, voucher_id, reverses_payment_id, recorded_by, recorded_at)
         VALUES (?, ?, ?, 'payroll', ?, NULL, ?, NULL, ?, ?)`,
      ),
      voucher: p(
        `INSERT INTO vouchers (id, period, voucher_date, word, attachments, status, kind, source, prepared_by, prepared_at)
         VALUES (?, ?, ?, '记', ?, 'draft', ?, ?, ?, ?)`,
      ),
      line: p(
        `INSERT INTO voucher_lines (voucher_id, line_no, summary, account_code, debit, credit, fund_nature, project, expense_type, counterparty)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      review: p("UPDATE vouchers SET status = 'reviewed', reviewed_by = ?, reviewed_at = ? WHERE id = ?"),
      cashier: p('UPDATE vouchers SET cashier_by = ?, cashier_at = ? WHERE id = ?'),
      post: p("UPDATE vouchers SET status = 'posted', number = ?, posted_by = ?, posted_at = ? WHERE id = ?"),
      period: p("INSERT INTO periods (period, status, closed_at, closed_by, closing_voucher_id) VALUES (?, 'closed', ?, ?, ?)"),
      reconcile: p('INSERT INTO bank_reconciliations (period, account_code, statement_balance, book_balance, agreed, saved_by, saved_at) VALUES (?, ?, ?, ?, 1, ?, ?)'),
      audit: p(
        `INSERT INTO audit_log (seq, at, user_id, username, host, operation, entity, entity_id, before_json, after_json, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    this.resyncChain();
  }

  /** Picks up the chain (and the voucher ids) after records the core appended itself. */
  resyncChain(): void {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    this.seq = last?.seq ?? 0;
    this.prev = last?.hash ?? GENESIS_HASH;
    this.nextVoucher = ((this.db.prepare('SELECT max(id) AS n FROM vouchers').get() as { n: number | null }).n ?? 0) + 1;
  }

  private audit(at: string, user: [number, string], operation: string, entity: string, entityId: number | string | null, before: unknown, after: unknown): void {
    const fields = {
      seq: this.seq + 1,
      at,
      user_id: user[0],
      username: user[1],
      host: 'bench',
      operation,
      entity,
      entity_id: entityId === null ? null : String(entityId),
      before_json: before === undefined ? null : JSON.stringify(before),
      after_json: after === undefined ? null : JSON.stringify(after),
      prev_hash: this.prev,
    };
    const hash = hashRecord(fields);
    this.st.audit!.run(fields.seq, fields.at, fields.user_id, fields.username, fields.host, fields.operation, fields.entity, fields.entity_id, fields.before_json, fields.after_json, fields.prev_hash, hash);
    this.seq = fields.seq;
    this.prev = hash;
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }

  members(by: number, now: Date): void {
    const at = now.toISOString();
    const { members, groups } = this.spec;
    const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
    const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华玉兰红梅志强婷俊峰';
    this.db.transaction(() => {
      for (let g = 1; g <= groups; g++) this.st.group!.run(g, `第${g}工会小组`, null, at);
      for (let i = 1; i <= members; i++) {
        const name = SURNAMES[this.int(0, SURNAMES.length - 1)]! + GIVEN[this.int(0, GIVEN.length - 1)]! + (this.rnd() < 0.6 ? GIVEN[this.int(0, GIVEN.length - 1)]! : '');
        const status = i % 12 === 0 ? 'retired' : 'active';
        const joined = `${this.spec.firstYear - this.int(0, 20)}-${pad(this.int(1, 12))}-01`;
        this.st.member!.run(
          i, `E${String(i).padStart(6, '0')}`, name, this.rnd() < 0.5 ? '男' : '女', `${this.int(1965, 2000)}-${pad(this.int(1, 12))}-${pad(this.int(1, 28))}`,
          (i % groups) + 1, joined, status, status === 'retired' ? `${this.spec.firstYear - 1}-12-31` : joined,
          i % 100 === 7 ? '学徒' : '正式', `13${String(800_000_000 + i).padStart(9, '0')}`, i % 100 === 9 ? 1 : 0, at, at,
        );
        this.st.history!.run(i, status, status === 'retired' ? `${this.spec.firstYear - 1}-12-31` : joined, '名册导入', by, at);
      }
      this.audit(at, [by, 'kuaiji'], 'members.importCommit', 'members', null, undefined, { filename: 'roster.xlsx', added: members, updated: 0, unchanged: 0 });
    })();
  }

  private base(memberId: number, year: number): number {
    // A wage base per member growing 5 % a year: 3,000–8,000 元.
    const b = 300_000 + ((memberId * 7_919) % 500_000);
    return Math.round(b * 1.05 ** (year - this.spec.firstYear));
  }

  private voucher(
    period: string,
    date: string,
    lines: Line[],
    ids: { kuaiji: number; zhuguan: number; chuna: number },
    at: string,
    source: string | null = null,
    auditSave = true,
    kind: 'normal' | 'closing' | 'year_end' = 'normal',
  ): number {
    const id = this.nextVoucher++;
    const attachments = kind === 'normal' ? this.int(1, 4) : 0;
    this.st.voucher!.run(id, period, date, attachments, kind, source, ids.kuaiji, at);
    for (const l of lines) {
      if (l.account < '4' && !(l.account.startsWith('321') || l.account.startsWith('322'))) continue;
      const k = `${l.account}|${l.fund ?? ''}|${l.project ?? ''}`;
      this.tally.set(k, (this.tally.get(k) ?? 0) + l.debit - l.credit);
    }
    lines.forEach((l, i) => this.st.line!.run(id, i + 1, l.summary, l.account, l.debit, l.credit, l.fund, l.project, l.expenseType, l.counterparty));
    const total = lines.reduce((s, l) => s + l.debit, 0);
    const brief = lines.map((l) => ({ accountCode: l.account, summary: l.summary, debit: l.debit, credit: l.credit, fundNature: l.fund }));
    if (auditSave) this.audit(at, [ids.kuaiji, 'kuaiji'], 'vouchers.save', 'voucher', id, undefined, { id, date, word: '记', kind, status: 'draft', attachments, lines: brief, totalDebit: total, totalCredit: total });
    this.st.review!.run(ids.zhuguan, at, id);
    this.audit(at, [ids.zhuguan, 'zhuguan'], 'vouchers.review', 'voucher', id, { status: 'draft' }, { status: 'reviewed', warnings: [] });
    if (lines.some((l) => l.account.startsWith('101') || l.account.startsWith('102'))) {
      this.st.cashier!.run(ids.chuna, at, id);
      this.audit(at, [ids.chuna, 'chuna'], 'vouchers.confirmCash', 'voucher', id, undefined, { cashierBy: ids.chuna });
    }
    const number = (this.numbers.get(period) ?? 0) + 1;
    this.numbers.set(period, number);
    this.st.post!.run(number, ids.zhuguan, at, id);
    this.audit(at, [ids.zhuguan, 'zhuguan'], 'vouchers.post', 'voucher', id, { status: 'reviewed' }, { status: 'posted', number, period });
    return id;
  }

  /** T12 (and T13 in December) as closing/ledger.ts computes them, the bank reconciliation and the lock. */
  close(y: number, m: number, ids: { kuaiji: number; zhuguan: number; chuna: number }, now: Date): void {
    const period = `${y}-${pad(m)}`;
    const date = `${period}-${pad(lastDay(y, m))}`;
    const at = now.toISOString();
    const summary = '结转本月收支';
    const mk = (account: string, net: number, fund: 'special' | 'general' | null, project: string | null, sum: string): Line => ({
      account, debit: Math.max(net, 0), credit: Math.max(-net, 0), summary: sum, fund, project, expenseType: null, counterparty: null,
    });
    const buckets = (pred: (code: string) => boolean) =>
      [...this.tally]
        .filter(([k, net]) => net !== 0 && pred(k.split('|')[0]!))
        .map(([k, net]) => {
          const [code, fund, project] = k.split('|') as [string, string, string];
          return { code, fund: (fund || null) as 'special' | 'general' | null, project: project || null, net };
        })
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.db.transaction(() => {
      this.resyncChain();
      const bank = (this.db.prepare("SELECT coalesce(sum(debit) - sum(credit), 0) AS n FROM ledger_balances WHERE account_code = '102' AND period <= ?").get(period) as { n: number }).n;
      this.st.reconcile!.run(period, '102', bank, bank, ids.kuaiji, at);
      this.audit(at, [ids.kuaiji, 'kuaiji'], 'bank.reconciliation.save', 'bank_reconciliation', `${period} 102`, undefined, { period, bankAccountCode: '102', statementBalanceFen: bank, agreed: true });
      const lines: Line[] = [];
      for (const element of ['4', '5']) {
        const sources = buckets((c) => c.startsWith(element));
        const targets = new Map<string, number>();
        for (const b of sources) {
          const special = b.fund === 'special';
          const key = `${special ? '32103' : '32203'}|${special ? 'special' : 'general'}|${special ? (b.project ?? '') : ''}`;
          targets.set(key, (targets.get(key) ?? 0) + b.net);
        }
        const src = sources.map((b) => mk(b.code, -b.net, b.fund, b.project, summary));
        const tgt = [...targets].filter(([, n]) => n !== 0).map(([k, n]) => {
          const [code, fund, project] = k.split('|') as [string, 'special' | 'general', string];
          return mk(code, n, fund, project || null, summary);
        });
        lines.push(...(element === '4' ? [...src, ...tgt] : [...tgt, ...src]));
      }
      let closingId: number | null = null;
      if (lines.length > 0) {
        closingId = this.voucher(period, date, lines, ids, at, `periods.close ${period}`, false, 'closing');
        this.audit(at, [ids.kuaiji, 'kuaiji'], 'periods.close', 'voucher', closingId, undefined, { kind: 'closing', status: 'posted', period, date, total: lines.reduce((s, l) => s + l.debit, 0) });
      }
      if (m === 12) {
        const ySources = buckets((c) => ['32101', '32102', '32103', '32201', '32202', '32203', '32204'].includes(c));
        const yTargets = new Map<string, number>();
        for (const b of ySources) {
          const target = b.code.startsWith('321') ? '32104' : '32205';
          const key = `${target}|${b.fund ?? ''}|${target === '32104' ? (b.project ?? '') : ''}`;
          yTargets.set(key, (yTargets.get(key) ?? 0) + b.net);
        }
        const yLines = [
          ...ySources.map((b) => mk(b.code, -b.net, b.fund, b.project, '年末结转')),
          ...[...yTargets].filter(([, n]) => n !== 0).map(([k, n]) => {
            const [code, fund, project] = k.split('|') as [string, string, string];
            return mk(code, n, (fund || null) as 'special' | 'general' | null, project || null, '年末结转');
          }),
        ];
        if (yLines.length > 0) {
          const yid = this.voucher(period, date, yLines, ids, at, `years.close ${y}`, false, 'year_end');
          this.audit(at, [ids.zhuguan, 'zhuguan'], 'years.close', 'voucher', yid, undefined, { kind: 'year_end', status: 'posted', year: y, date });
        }
      }
      this.st.period!.run(period, at, m === 12 ? ids.zhuguan : ids.kuaiji, closingId);
      this.audit(at, [m === 12 ? ids.zhuguan : ids.kuaiji, m === 12 ? 'zhuguan' : 'kuaiji'], m === 12 ? 'years.close' : 'periods.close', m === 12 ? 'year' : 'period', m === 12 ? y : period, { status: 'open' }, { status: 'closed' });
      // Everything closed is zero now: revenue and expenditure each month, 321/322 (but 32104/32205) at year end.
      for (const k of [...this.tally.keys()]) {
        const code = k.split('|')[0]!;
        if (code >= '4' || (m === 12 && !['32104', '32205'].includes(code))) this.tally.delete(k);
      }
    })();
  }

  month(y: number, m: number, ids: { kuaiji: number; zhuguan: number; chuna: number }, now: Date): void {
    const period = `${y}-${pad(m)}`;
    const at = now.toISOString();
    const ln = (account: string, debit: number, credit: number, summary: string, extra: Partial<Line> = {}): Line => ({
      account, debit, credit, summary, fund: null, expenseType: null, project: null, counterparty: null, ...extra,
    });
    this.resyncChain();
    this.db.transaction(() => {
      // Dues (dues.md): wages, the run (0.5 %, retired exempt), payroll collection of everyone but the cash payers.
      const { members } = this.spec;
      // The wage base is set once a year (January) and holds until changed.
      if (m === 1) {
        for (let i = 1; i <= members; i++) this.st.wage!.run(i, period, this.base(i, y), at);
        this.audit(at, [ids.kuaiji, 'kuaiji'], 'dues.wages.save', 'member_wages', period, undefined, { month: period, rows: members });
      }
      let exempt = 0;
      const dues: number[] = [];
      for (let i = 1; i <= members; i++) {
        const retired = i % 12 === 0;
        const due = retired ? 0 : i % 100 === 7 ? 5 : Math.floor(this.base(i, y) * 5 / 1000);
        if (retired) exempt++;
        this.st.assess!.run(i, period, this.base(i, y), due, retired ? '退休·保留会籍' : null, '2000-01', at);
        dues[i] = due;
      }
      this.audit(at, [ids.kuaiji, 'kuaiji'], 'dues.run.compute', 'dues_assessments', period, undefined, { month: period, members, exempt });
      const payDate = `${period}-25`;
      let total = 0;
      const payers: number[] = [];
      for (let i = 1; i <= members; i++) if (dues[i]! > 0 && i % 50 !== 1) (payers.push(i), (total += dues[i]!));
      const summary = `收${y}年${m}月会费（工资代扣 ${payers.length} 人）`;
      const duesVoucher = this.voucher(period, payDate, [ln('102', total, 0, summary), ln('401', 0, total, summary, { fund: 'general' })], ids, at, 'dues.payroll', false);
      for (const i of payers) this.st.pay!.run(i, period, dues[i]!, payDate, duesVoucher, ids.kuaiji, at);
      this.audit(at, [ids.kuaiji, 'kuaiji'], 'dues.run.collectPayroll', 'voucher', duesVoucher, undefined, { month: period, members: payers.length, totalFen: total });

      // The 2 % levy on the quarter's payroll, in the month after the quarter: 60 % retained (402), 40 % to the upper union (211), remitted the month after.
      if (m % 3 === 1) {
        const payroll = this.spec.members * 3 * this.base(5_000, y);
        const levy = Math.round(payroll * 0.02);
        const retained = Math.round(levy * 0.6);
        this.voucher(period, `${period}-10`, [ln('102', levy, 0, '收到拨缴经费'), ln('402', 0, retained, '拨缴经费留成 60%', { fund: 'general' }), ln('211', 0, levy - retained, '应上缴上级 40%', { counterparty: '市总工会' })], ids, at);
      }
      if (m % 3 === 2) {
        const owed = (this.db.prepare("SELECT coalesce(sum(credit) - sum(debit), 0) AS n FROM ledger_balances WHERE account_code = '211'").get() as { n: number }).n;
        if (owed > 0) this.voucher(period, `${period}-15`, [ln('211', owed, 0, '上缴上级经费', { counterparty: '市总工会' }), ln('102', 0, owed, '上缴上级经费')], ids, at);
      }
      // Grants: a general one in March, the earmarked 送温暖 one in December (spent from 50405 the same month).
      if (m === 3) this.voucher(period, `${period}-12`, [ln('102', 5_000_000, 0, '上级一般性补助'), ln('40301', 0, 5_000_000, '上级一般性补助', { fund: 'general' })], ids, at);
      if (m === 12 || m === 1) {
        this.voucher(period, `${period}-05`, [ln('102', 3_000_000, 0, '上级送温暖专项补助'), ln('40302', 0, 3_000_000, '上级送温暖专项补助', { fund: 'special', project: '送温暖' })], ids, at);
        this.voucher(period, `${period}-20`, [ln('50405', 2_800_000, 0, '春节送温暖慰问', { fund: 'special', expenseType: 'project', project: '送温暖' }), ln('102', 0, 2_800_000, '春节送温暖慰问')], ids, at);
      }
      // Spending: vouchers of 1–7 expense lines, paid from the bank (most) or in cash (small ones).
      const days = lastDay(y, m);
      const spending: { day: number; lines: Line[] }[] = [];
      let cashSpent = 0;
      for (let k = 0; k < this.spec.vouchersPerMonth; k++) {
        const n = this.int(1, 7);
        const lines: Line[] = [];
        let sum = 0;
        for (let j = 0; j < n; j++) {
          const [code, summary, min, max] = EXPENSES[this.int(0, EXPENSES.length - 1)]!;
          const amount = Math.round(this.int(min, max) / 15);
          sum += amount;
          lines.push(ln(code, amount, 0, summary, { fund: 'general', expenseType: 'basic' }));
        }
        const cash = sum < 20_000;
        if (cash) cashSpent += sum;
        lines.push(ln(cash ? '101' : '102', 0, sum, cash ? '现金支付' : '银行转账支付'));
        spending.push({ day: 1 + Math.floor((k * days) / this.spec.vouchersPerMonth), lines });
      }
      // Cash drawn at the start of the month for the month's cash payments and an advance, settled later.
      const draw = Math.ceil((cashSpent + 200_000) / 10_000) * 10_000;
      this.voucher(period, `${period}-01`, [ln('101', draw, 0, '提取备用金'), ln('102', 0, draw, '提取备用金')], ids, at);
      this.voucher(period, `${period}-08`, [ln('135', 200_000, 0, '预借差旅费', { counterparty: '李四' }), ln('101', 0, 200_000, '预借差旅费')], ids, at);
      this.voucher(period, `${period}-22`, [ln('50501', 180_000, 0, '报销培训差旅费', { fund: 'general', expenseType: 'basic' }), ln('101', 20_000, 0, '退回余款'), ln('135', 0, 200_000, '冲销借款', { counterparty: '李四' })], ids, at);
      for (const v of spending) this.voucher(period, `${period}-${pad(v.day)}`, v.lines, ids, at);
    })();
  }
}
