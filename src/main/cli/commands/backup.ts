// union-ledger backup: an online copy (SQLite backup API) to a timestamped file, checked after writing.
import type { Command } from 'commander';
import { openDatabase } from '../../core/db/open';
import { backupLedger, BackupCheckFailed } from '../../core/system/backup';
import { CoreError } from '../../core/errors';
import { CliError, EXIT } from '../errors';
import { ledgerPath, openFailure, out, requireExistingFile, type CliContext, type GlobalOpts } from '../context';

export function registerBackup(program: Command, ctx: CliContext): void {
  const h = ctx.m.help;
  program
    .command('backup')
    .description(h.backup)
    .option('-o, --out <file-or-folder>', h.out)
    .option('--json', h.json)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOpts & { out?: string; json?: boolean }>();
      const file = ledgerPath(ctx, opts);
      requireExistingFile(ctx, file);
      let sqlite;
      try {
        // Read-only: backing up never migrates or otherwise changes the ledger.
        ({ sqlite } = await openDatabase(file, { readonly: true }));
      } catch (e) {
        throw openFailure(ctx, file, e);
      }
      try {
        const result = await backupLedger(sqlite, file, { out: opts.out ?? null });
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
