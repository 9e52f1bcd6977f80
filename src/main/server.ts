// Browser-mode entry (plain Node, no Electron): `npm run start:browser [-- --db FILE --port N]`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CoreError } from './core/errors';
import { LedgerSlot } from './core/system/recovery';
import { startBackupScheduler } from './core/system/scheduler';
import { resolveDbPath } from './core/paths';
import { startBrowserServer } from './server/browser-server';

const DEFAULT_PORT = 17820;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log('用法：npm run start:browser -- [--db 账簿文件] [--port 端口]\n仅在本机 127.0.0.1 上提供服务，启动后打印含一次性令牌的地址。');
    return;
  }
  const dbPath = resolveDbPath(values.db);
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(here, '../renderer');

  let core: LedgerSlot;
  try {
    // One writer at a time: a second copy (here or on another PC via a share) is refused.
    core = await LedgerSlot.open(dbPath, { writerLock: '浏览器模式' });
  } catch (e) {
    console.error(e instanceof CoreError ? e.message : `无法打开账簿文件 ${dbPath}：${(e as Error).message}`);
    process.exit(3);
  }
  if (core.problem) {
    // Damaged or foreign: the start page shows this and offers the newest good backup.
    console.error(core.problem.message);
    if (core.problem.offer) console.error(`可在浏览器中点击“从最近的完好备份恢复”，或运行：union-ledger restore --latest --db "${dbPath}"`);
  }
  // Automatic backups: one a day while open, one on close (the same scheduler as the desktop app).
  const backups = startBackupScheduler(() => core.core);

  const requested = values.port !== undefined ? Number(values.port) : DEFAULT_PORT;
  let server;
  try {
    server = await startBrowserServer({ core, rendererDir, port: requested });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' && values.port === undefined) {
      server = await startBrowserServer({ core, rendererDir, port: 0 });
    } else {
      console.error(`无法启动浏览器模式：${(e as Error).message}`);
      core.close();
      process.exit(1);
    }
  }

  console.log('工会经费账簿（浏览器模式）已启动，仅本机可访问。');
  console.log(`账簿文件：${dbPath}`);
  console.log(`请在浏览器中打开（一次性链接）：${server.issueUrl()}`);
  console.log('按 Ctrl+C 停止。');

  const stop = async () => {
    await server.close();
    await backups.stop();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
