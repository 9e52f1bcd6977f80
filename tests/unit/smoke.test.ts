import { describe, expect, it } from 'vitest';
import { openTestLedger, initLedger, client, addUser } from '../helpers/core';

describe('smoke', () => {
  it('creates a ledger and logs in', async () => {
    const l = await openTestLedger();
    try {
      expect(await l.call(client('x'), 'setup.status', {})).toMatchObject({ initialized: false });
      await initLedger(l);
      const me = await l.call(client('admin'), 'session.current', {});
      expect(me?.user.roles).toEqual(['admin']);
      const acc = await addUser(l, 'kuaiji', ['accountant']);
      const res = await l.core.dispatch(acc, 'users.list', {});
      expect(res.ok).toBe(false);
      console.log(JSON.stringify(res));
      const bad = await l.core.dispatch(client('admin'), 'users.create', { username: 'x', displayName: '', roles: [], password: '1' });
      console.log(JSON.stringify(bad));
      const page = await l.call(client('admin'), 'audit.list', {});
      console.log(page.rows.map((r) => `${r.seq} ${r.username} ${r.operation}`).join('\n'));
      console.log(JSON.stringify(await l.call(client('admin'), 'audit.verify', {})));
    } finally {
      l.close();
    }
  });
});
