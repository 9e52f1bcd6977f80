// Every operation × every role: the dispatcher lets a role through exactly when the contract
// says so, and nobody through without logging in. New operations are covered automatically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OpName } from '../../src/main/contract/operations';
import { ROLES, type Role } from '../../src/main/contract/roles';
import { openTestLedger, initLedger, client, type TestLedger } from '../helpers/core';
import type { ClientRef } from '../../src/main/core/context';

let l: TestLedger;
const PASSWORD = 'Matrix#Pass1';

beforeAll(async () => {
  l = await openTestLedger();
  await initLedger(l);
  for (const role of ROLES) {
    await l.call(client('admin'), 'users.create', { username: `only-${role}`, displayName: role, roles: [role], password: PASSWORD });
  }
});
afterAll(() => l.close());

let n = 0;
/** A fresh window logged in as the single-role user (so a logout probe cannot affect the next). */
async function as(role: Role): Promise<ClientRef> {
  const c = client(`${role}-${n++}`);
  await l.call(c, 'session.login', { username: `only-${role}`, password: PASSWORD });
  return c;
}

// An input no operation accepts: authorization is decided before validation, so a permitted
// call fails validation (or runs harmlessly) and a forbidden one fails with FORBIDDEN.
const PROBE = { __probe__: 'not a field of any operation' };

const names = Object.keys(operations) as OpName[];
const cases = names.flatMap((op) => ROLES.map((role) => [op, role] as const));

describe('operation × role', () => {
  it.each(cases)('%s as %s', async (op, role) => {
    const access = operations[op].access;
    const allowed = access === 'public' || access === 'user' || access.includes(role);
    const res = await l.core.dispatch(await as(role), op, PROBE);
    if (allowed) {
      expect(res.ok || res.error.code).not.toBe('FORBIDDEN');
      expect(res.ok || res.error.code).not.toBe('UNAUTHENTICATED');
    } else {
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(!res.ok && res.error.message).toContain(operations[op].title);
    }
  });

  it.each(names)('%s without logging in', async (op) => {
    const res = await l.core.dispatch(client(`anon-${n++}`), op, PROBE);
    if (operations[op].access === 'public') expect(res.ok || res.error.code).not.toBe('UNAUTHENTICATED');
    else expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('the reviewer (经审委员) can write nothing but the committee\'s own records: samples, findings and the 工资总额 behind the levy', () => {
    const reviewerWrites = names.filter((op) => {
      const a = operations[op].access;
      return operations[op].effect === 'write' && a !== 'public' && a !== 'user' && a.includes('reviewer');
    });
    // The workspace's own writes (review.*) and the 审查报告 the committee drafts (reviewReport.*), nothing else.
    expect(reviewerWrites.filter((op) => !op.startsWith('review.') && !op.startsWith('reviewReport.'))).toEqual([]);
    expect(reviewerWrites.filter((op) => op.startsWith('review.')).sort()).toEqual(['review.findings.save', 'review.findings.setStatus', 'review.levyBases.save', 'review.samples.draw']);
  });
  // The same rule through the dispatcher, one call per operation: every write outside the committee's
  // own (review.*, reviewReport.*) is refused to the reviewer — operations added later included.
  const reviewerMayWrite = (op: OpName) => op.startsWith('review.') || op.startsWith('reviewReport.');
  const guarded = names.filter((op) => operations[op].effect === 'write' && !reviewerMayWrite(op) && operations[op].access !== 'public');
  it.each(guarded.filter((op) => operations[op].access !== 'user'))('the reviewer is refused %s by the dispatcher', async (op) => {
    const res = await l.core.dispatch(await as('reviewer'), op, PROBE);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('writes open to any logged-in user concern only their own session and password', () => {
    expect(guarded.filter((op) => operations[op].access === 'user').every((op) => op.startsWith('session.'))).toBe(true);
  });

  it('the matrix covers every operation of the contract', () => {
    expect(new Set(cases.map(([op]) => op))).toEqual(new Set(Object.keys(operations)));
    expect(cases.length).toBe(names.length * ROLES.length);
  });
});
