// Opens a real core on a real SQLite file in a fresh temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../src/main/core/core';
import type { ClientRef } from '../../src/main/core/context';
import type { OpInput, OpName, OpResult } from '../../src/main/contract/operations';
import type { Role } from '../../src/main/contract/roles';

export interface TestLedger {
  core: Core;
  dir: string;
  file: string;
  /** Calls as a given client; throws CoreError on failure. */
  call<N extends OpName>(client: ClientRef, name: N, input: OpInput<N>): Promise<OpResult<N>>;
  close(): void;
}

export function tempDir(prefix = 'union-ledger-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function openTestLedger(opts: CoreOptions = {}): Promise<TestLedger> {
  const dir = tempDir();
  const file = path.join(dir, 'ledger.sqlite');
  const core = await openCore(file, { log: () => {}, ...opts });
  return {
    core,
    dir,
    file,
    call: (client, name, input) => core.call(client, name, input),
    close: () => {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const client = (id: string): ClientRef => ({ clientId: id, host: 'test' });

export const ADMIN = { username: 'admin', displayName: '王管理', password: 'Admin#2026' };

/** Creates the ledger through the first-run wizard; the admin is logged in on client "admin". */
export async function initLedger(l: TestLedger): Promise<void> {
  await l.call(client('admin'), 'setup.createLedger', {
    union: { name: '某某公司工会委员会', uscc: null, provincePreset: 'FJ-2018', firstFiscalYear: 2026 },
    admin: ADMIN,
  });
}

/** Creates a user with the given roles and logs them in on a client named after the username. */
export async function addUser(l: TestLedger, username: string, roles: Role[], password = 'Passw0rd!'): Promise<ClientRef> {
  await l.call(client('admin'), 'users.create', { username, displayName: username, roles, password });
  const c = client(username);
  await l.call(c, 'session.login', { username, password });
  return c;
}
