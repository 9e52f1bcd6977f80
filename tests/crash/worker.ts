// The child process of the crash tests (tests/unit/crash-safety.test.ts): opens a real ledger file,
// logs in, prints "STARTED" the moment the big operation begins and "DONE <ms>" when it returns.
// The parent kills it with SIGKILL somewhere in between. Usage: node worker.mjs <op> <ledger> [csv file | backup name]
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { openCore } from '../../src/main/core/core';
import type { ClientRef } from '../../src/main/core/context';

const [op, file, extra] = process.argv.slice(2) as [string, string, string | undefined];
const PASSWORD = 'Passw0rd!';
export const CRASH_CLOCK = '2027-01-10T10:00:00+08:00';

async function main(): Promise<void> {
  const core = await openCore(file, { writerLock: '崩溃测试子进程', clock: () => new Date(CRASH_CLOCK), log: () => {} });
  const as = async (username: string): Promise<ClientRef> => {
    const c: ClientRef = { clientId: `crash-${username}`, host: 'cli' };
    await core.call(c, 'session.login', { username, password: username === 'admin' ? 'Admin#2026' : PASSWORD });
    return c;
  };
  const started = () => process.stdout.write('STARTED\n');
  const t0 = performance.now();
  switch (op) {
    case 'import': {
      const c = await as('kuaiji');
      const bytes = fs.readFileSync(extra!);
      // What the preview step would show the user: the file's SHA-256 (members.importPreview computes the same).
      const expectedSha256 = createHash('sha256').update(bytes).digest('hex');
      started();
      await core.call(c, 'members.importCommit', { filename: 'members.csv', base64: bytes.toString('base64'), expectedSha256 });
      break;
    }
    case 'dues': {
      const c = await as('kuaiji');
      started();
      await core.call(c, 'dues.run.compute', { month: '2026-12' });
      break;
    }
    case 'yearClose': {
      const c = await as('zhuguan');
      started();
      await core.call(c, 'years.close', { year: 2026 });
      break;
    }
    case 'restore': {
      const c = await as('admin');
      started();
      await core.call(c, 'system.restore', { name: extra! });
      break;
    }
    case 'backup': {
      const c = await as('admin');
      started();
      await core.call(c, 'system.backup.now', {});
      break;
    }
    default:
      throw new Error(`unknown op ${op}`);
  }
  process.stdout.write(`DONE ${Math.round(performance.now() - t0)}\n`);
  core.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`FAILED ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
