// union-ledger backup: an online copy (SQLite backup API) to a timestamped file, checked after writing.
import type { Command } from 'commander';
import { openDatabase } from '../../core/db/open';
import { backupLedger, BackupCheckFailed } from '../../core/system/backup';
import { CoreError } from '../../core/errors';
import { CliError, EXIT } from '../errors';
import { ledgerPath, openFailure, out, readSecret, requireExistingFile, type CliContext, type GlobalOpts } from '../context';

export function registerBackup(program: Command, ctx: CliContext): void {
  const h = ctx.m.help;
  program
    .command('backup')
    .description(h.backup)
    .option('-o, --out <file-or-folder>', h.out)
    .option('--encrypt', ctx.m.lang === 'en' ? 'password-protect the copy (.ulbak); password from UNION_LEDGER_BACKUP_PASSWORD or a prompt' : '用密码加密备份副本（.ulbak），密码取自 UNION_LEDGER_BACKUP_PASSWORD 或在终端输入')
    .option('--json', h.json)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOpts & { out?: string; json?: boolean; encrypt?: boolean }>();
      const file = ledgerPath(ctx, opts);
      requireExistingFile(ctx, file);
      const password = opts.encrypt ? await readSecret(ctx, 'UNION_LEDGER_BACKUP_PASSWORD', ctx.m.lang === 'en' ? 'the backup password' : '备份密码', true) : null;
      let sqlite;
      try {
        // Read-only: backing up never migrates or otherwise changes the ledger.
        ({ sqlite } = await openDatabase(file, { readonly: true }));
      } catch (e) {
        throw openFailure(ctx, file, e);
      }
      try {
        const result = await backupLedger(sqlite, file, { out: opts.out ?? null, password });
        if (opts.json) return out(ctx, JSON.stringify({ source: file, ...result }, null, 2));
        out(ctx, ctx.m.backupDone(result.path, result.bytes));
        out(ctx, ctx.m.backupChecked);
      } catch (e) {
        if (e instanceof BackupCheckFailed) throw new CliError(ctx.m.backupFailed(e.message), EXIT.VERIFY_FAILED, e);
        if (e instanceof CoreError) throw new CliError(ctx.m.backupFailed(e.message), EXIT.USAGE, e);
        throw e;
      } finally {
        sqlite.close();
      }
    });
}
