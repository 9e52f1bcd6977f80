// Bad input through the one contract (issue 7, "Bad input"): for every operation in
// src/main/contract/operations.ts — including those added after this test was written — arbitrary
// JSON (wrong types, huge numbers, NaN-like strings, deep objects, long strings, the operation's own
// field names with nonsense in them) and, for the desktop app's IPC, values beyond JSON (BigInt,
// Date, Map, typed arrays, null prototypes) go through Core.dispatch as a user who may call it. The
// dispatcher must answer every one with a typed error or a result: never throw, never INTERNAL (a
// role check inside a handler may still say FORBIDDEN, in Chinese), and a refused input is
// explained in Chinese with the field named. Amount fields refuse fractions of a 分, numbers past
// Number.MAX_SAFE_INTEGER and, except where listed, negatives, in every schema that has one.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { operations, type OpName } from '../../src/main/contract/operations';
import { ERROR_CODES, type Envelope } from '../../src/main/contract/errors';
import { ROLES, type Role } from '../../src/main/contract/roles';
import type { ClientRef } from '../../src/main/core/context';
import { client, initLedger, openTestLedger, type TestLedger } from '../helpers/core';

const SEED = 20261121;
const RUNS_PER_OP = 40;
const PASSWORD = 'Fuzz#Pass2026';

let l: TestLedger;
let n = 0;
const calls = { dispatched: 0, validation: 0, otherRefusals: 0, accepted: 0 };

beforeAll(async () => {
  l = await openTestLedger();
  await initLedger(l);
  for (const role of ROLES) {
    if (role === 'admin') continue;
    await l.call(client('admin'), 'users.create', { username: `fuzz-${role}`, displayName: role, roles: [role], password: PASSWORD });
  }
});
afterAll(() => {
  // The figure the README's reliability table quotes.
  console.log(`[contract-fuzz] ${Object.keys(operations).length} operations, ${calls.dispatched} dispatches: ${calls.validation} validation refusals, ${calls.otherRefusals} other typed refusals, ${calls.accepted} accepted`);
  l.close();
});

/** A fresh window logged in as someone the operation lets in (so authorization never hides the input check). */
async function callerFor(op: OpName): Promise<ClientRef> {
  const access = operations[op].access;
  const role: Role = access === 'public' || access === 'user' ? 'admin' : access.includes('admin') ? 'admin' : access[0]!;
  const c = client(`fuzz-${op}-${n++}`);
  if (role === 'admin') await l.call(c, 'session.login', { username: 'admin', password: 'Admin#2026' });
  else await l.call(c, 'session.login', { username: `fuzz-${role}`, password: PASSWORD });
  return c;
}

// ---------- generators ----------

const nastyNumber = fc.constantFrom(-0, 0.1, 0.5, 1.005, -1, -1e9, 1e21, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, Number.MIN_SAFE_INTEGER - 2, 2 ** 31, 2 ** 63, 5e-324);
const nastyString = fc.constantFrom(
  '', ' ', 'NaN', 'Infinity', '-Infinity', '1e309', 'null', 'undefined', 'true', '0x1F', '１２３', '12.345', '-0', '2026-02-30', '2026-13-01', '9999-12-31', '0000-00-00',
  '=1+1', '=HYPERLINK("http://example.invalid","点击")', "=cmd|' /C calc'!A0", '<script>alert(1)</script>', "'; DROP TABLE vouchers; --", '\u0000', '\u202e', '../../etc/passwd', '%s%n',
  'x'.repeat(10_000), '汉'.repeat(5_000),
);
const deepObject = fc.integer({ min: 20, max: 200 }).map((depth) => {
  let o: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) o = i % 2 ? { a: o } : [o];
  return o;
});
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nastyNumber },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: deepObject },
  { weight: 1, arbitrary: fc.array(nastyNumber, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  // What Electron's IPC can carry besides JSON (structured clone): BigInt, Date, Map, Set, typed arrays, sparse arrays, null prototypes.
  {
    weight: 1,
    arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true }),
  },
);

type Walk = { _zod: { def: Record<string, unknown> } };
const isWalk = (s: unknown): s is Walk => typeof s === 'object' && s !== null && '_zod' in s;

/** The top-level field names of an operation's input (through optional/default/pipe wrappers and unions). */
function topKeys(schema: unknown, depth = 0): string[] {
  if (!isWalk(schema) || depth > 8) return [];
  const def = schema._zod.def;
  if (def['shape'] && typeof def['shape'] === 'object') return Object.keys(def['shape'] as object);
  if (Array.isArray(def['options'])) return [...new Set((def['options'] as unknown[]).flatMap((o) => topKeys(o, depth + 1)))];
  return topKeys(def['innerType'] ?? def['in'] ?? def['left'], depth + 1);
}

/**
 * No absolute path anywhere in a generated input: operations that take a folder or a file (a backup
 * to a USB stick, a restore) must not write or read outside the test's temporary folder.
 */
function noAbsolutePath(v: unknown, depth = 0): boolean {
  if (depth > 300) return true;
  if (typeof v === 'string') return !/^\s*([/\\~]|[A-Za-z]:)/.test(v);
  if (v === null || typeof v !== 'object') return true;
  if (v instanceof Map) return [...v.entries()].every(([k, x]) => noAbsolutePath(k, depth + 1) && noAbsolutePath(x, depth + 1));
  if (v instanceof Set) return [...v].every((x) => noAbsolutePath(x, depth + 1));
  return Object.values(v).every((x) => noAbsolutePath(x, depth + 1));
}

/** Inputs that name the operation's own fields, so the checks behind the first field are reached too. */
function inputsFor(op: OpName): fc.Arbitrary<unknown> {
  const keys = topKeys(operations[op].input);
  const shaped = keys.length ? fc.dictionary(fc.constantFrom(...keys), nastyValue, { maxKeys: keys.length }) : fc.constant({});
  return fc.oneof({ weight: 3, arbitrary: shaped }, { weight: 1, arbitrary: nastyValue }).filter((v) => noAbsolutePath(v));
}

const CHINESE = /[\u4e00-\u9fff]/;
const ENGLISH_ZOD = /\b(Invalid input|Expected|Required|Too (small|big)|Unrecognized key|received)\b/;

function checkEnvelope(op: OpName, res: Envelope<unknown>): void {
  calls.dispatched++;
  if (res.ok) {
    calls.accepted++;
    return;
  }
  const e = res.error;
  expect(ERROR_CODES, `${op}: unknown error code`).toContain(e.code);
  expect(e.code, `${op}: ${e.message}`).not.toBe('INTERNAL');
  expect(e.code, `${op}: ${e.message}`).not.toBe('UNAUTHENTICATED');
  expect(e.message, `${op}: message not in Chinese`).toMatch(CHINESE);
  expect(e.message, `${op}: English left in the message`).not.toMatch(ENGLISH_ZOD);
  if (e.code === 'VALIDATION') {
    calls.validation++;
    // The field is named: a dotted path, and the message says which field (its label or path).
    expect(typeof e.field, `${op}: validation without a field`).toBe('string');
    // "标签：原因" — the field's Chinese label (or its path) comes first, then why.
    if (e.field) expect(e.message, `${op}: ${e.message}`).toMatch(/^[^：]+：|^.*[\u4e00-\u9fff]/);
  } else calls.otherRefusals++;
}

const names = Object.keys(operations) as OpName[];
// Logging out or changing the password would end the probe's own session; every other operation is fuzzed.
const FUZZED = names.filter((op) => op !== 'session.logout');

describe('every operation answers arbitrary input with a typed, Chinese result', () => {
  it.each(FUZZED)('%s', async (op) => {
    const c = await callerFor(op);
    await fc.assert(
      fc.asyncProperty(inputsFor(op), async (input) => {
        const res = await l.core.dispatch(c, op, input);
        checkEnvelope(op, res);
      }),
      { numRuns: RUNS_PER_OP, seed: SEED, endOnFailure: true },
    );
    // The session survived the barrage (no input logs the caller out or breaks the ledger).
    const still = await l.core.dispatch(c, 'session.current', {});
    expect(still).toMatchObject({ ok: true, value: { user: expect.anything() } });
  }, 60_000);

  it('an unknown operation name, a non-string name or a prototype key is refused as unknown', async () => {
    const c = await callerFor('union.get');
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'vouchers.list ', 'VOUCHERS.LIST', '', 'x'.repeat(10_000)]) {
      const res = await l.core.dispatch(c, name, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: expect.stringMatching(CHINESE) } });
    }
    for (const name of [null, 42, {}, ['vouchers.list']] as unknown[]) {
      const res = await l.core.dispatch(c, name as string, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }
  });
});

// ---------- amounts ----------

interface AmountField {
  op: OpName;
  path: (string | number)[];
  /** Discriminator values (literal fields) met on the way, so a union picks the right option. */
  literals: { path: (string | number)[]; value: unknown }[];
}

/** Amounts: …Fen, and the voucher line's debit/credit (integer 分 too). */
const AMOUNT_KEY = /Fen$|^(debit|credit|amount)$/;

/** Every amount field in every operation's input. */
function amountFields(): AmountField[] {
  const out: AmountField[] = [];
  const visit = (op: OpName, s: unknown, path: (string | number)[], literals: AmountField['literals'], key: string | null, depth: number): void => {
    if (!isWalk(s) || depth > 20) return;
    const def = s._zod.def;
    const type = def['type'];
    if (type === 'number' && key && AMOUNT_KEY.test(key)) {
      out.push({ op, path, literals });
      return;
    }
    if (type === 'object') {
      const shape = def['shape'] as Record<string, unknown>;
      const lits = Object.entries(shape).flatMap(([k, v]) => {
        const d = isWalk(v) ? v._zod.def : null;
        return d && d['type'] === 'literal' && Array.isArray(d['values']) ? [{ path: [...path, k], value: (d['values'] as unknown[])[0] }] : [];
      });
      for (const [k, v] of Object.entries(shape)) visit(op, v, [...path, k], [...literals, ...lits], k, depth + 1);
      return;
    }
    if (type === 'array') return visit(op, def['element'], [...path, 0], literals, key, depth + 1);
    if (Array.isArray(def['options'])) {
      for (const o of def['options'] as unknown[]) visit(op, o, path, literals, key, depth + 1);
      return;
    }
    if (type === 'pipe') return visit(op, def['in'], path, literals, key, depth + 1);
    if (type === 'intersection') {
      visit(op, def['left'], path, literals, key, depth + 1);
      visit(op, def['right'], path, literals, key, depth + 1);
      return;
    }
    visit(op, def['innerType'], path, literals, key, depth + 1);
  };
  for (const op of names) visit(op, operations[op].input, [], [], null, 0);
  return out;
}

function setAt(target: Record<string | number, unknown>, path: (string | number)[], value: unknown): void {
  let cur: Record<string | number, unknown> = target;
  path.forEach((k, i) => {
    if (i === path.length - 1) {
      cur[k] = value;
      return;
    }
    cur[k] ??= typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  });
}

function issueAt(schema: z.ZodType, input: unknown, path: (string | number)[]): { message: string } | null {
  const r = schema.safeParse(input);
  if (r.success) return null;
  const want = path.map(String).join('.');
  const hit = r.error.issues.find((i) => i.path.map(String).join('.') === want);
  if (hit) return hit;
  // A union that could not pick an option reports at the union's own path.
  const union = r.error.issues.find((i) => i.code === 'invalid_union' && want.startsWith(i.path.map(String).join('.')));
  return union ?? null;
}

let amountCases = 0;

describe('amount fields (分) in every operation', () => {
  const fields = amountFields();
  afterAll(() => console.log(`[contract-fuzz] ${fields.length} amount fields, ${amountCases} bad amounts refused`));

  it('finds the amount fields of the contract (vouchers, dues, budgets, spending …)', () => {
    const ops = new Set(fields.map((f) => f.op));
    expect(ops).toContain('vouchers.save');
    expect(ops).toContain('dues.wages.save');
    expect(fields.length).toBeGreaterThan(10);
  });

  it.each(fields.map((f) => [`${f.op} ${f.path.join('.')}`, f] as const))('%s refuses fractions of a 分, unsafe integers and numeric strings', (_name, f) => {
    const schema = operations[f.op].input as z.ZodType;
    const bad: unknown[] = [0.5, 100.001, Number.MAX_SAFE_INTEGER + 2, 1e21, '100', 'NaN', true];
    for (const value of bad) {
      const input: Record<string | number, unknown> = {};
      for (const lit of f.literals) setAt(input, lit.path, lit.value);
      setAt(input, f.path, value);
      const issue = issueAt(schema, input, f.path);
      expect(issue, `${f.op} ${f.path.join('.')} = ${String(value)} was accepted`).not.toBeNull();
      expect(issue!.message).toMatch(CHINESE);
    }
    amountCases += bad.length;
    // A whole number of 分 is never refused for being a number.
    const input: Record<string | number, unknown> = {};
    for (const lit of f.literals) setAt(input, lit.path, lit.value);
    setAt(input, f.path, 12345);
    const ok = issueAt(schema, input, f.path);
    expect(ok === null || !/整数|数字|过大/.test(ok.message), `${f.op} ${f.path.join('.')}: ${ok?.message}`).toBe(true);
  });

  // Negative amounts: accepted only where a negative is meaningful, and each such place is listed
  // here on purpose — a new amount field that takes negatives without being listed fails.
  const NEGATIVE_ALLOWED = /^(vouchers\.save lines\.0\.(debit|credit)|bank\.reconciliation\.save statementBalanceFen)$/;
  it('refuses negative amounts everywhere except the voucher lines (red-ink amounts) and the bank statement balance (an overdraft)', () => {
    const accepting: string[] = [];
    for (const f of fields) {
      const input: Record<string | number, unknown> = {};
      for (const lit of f.literals) setAt(input, lit.path, lit.value);
      setAt(input, f.path, -100);
      const issue = issueAt(operations[f.op].input as z.ZodType, input, f.path);
      amountCases++;
      if (issue === null) accepting.push(`${f.op} ${f.path.join('.')}`);
      else expect(issue.message).toMatch(CHINESE);
    }
    expect(accepting.filter((a) => !NEGATIVE_ALLOWED.test(a))).toEqual([]);
  });
});
