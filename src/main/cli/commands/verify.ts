// union-ledger verify: anyone holding the file can check it — the audit chain (changed,
// deleted or reordered records, also edits made with other tools) and SQLite's integrity.
// Opens the file read-only: checking a ledger never changes it, and never creates one.
import type { Command } from 'commander';
import { openDatabase } from '../../core/db/open';
import { SyncDb } from '../../core/db/sync-db';
import { verifyChain } from '../../core/audit/chain';
import type { VerifyReport } from '../../contract/operations';
import { CliError, EXIT } from '../errors';
import { errorText, ledgerPath, openFailure, out, requireExistingFile, warn, type CliContext, type GlobalOpts } from '../context';
import { table } from '../table';

export async function verifyFile(ctx: CliContext, file: string): Promise<VerifyReport> {
  requireExistingFile(ctx, file);
  let sqlite;
  try {
    ({ sqlite } = await openDatabase(file, { readonly: true }));
  } catch (e) {
    throw openFailure(ctx, file, e);
  }
  try {
    const hasAuditLog = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get() !== undefined;
    if (!hasAuditLog) throw new CliError(ctx.m.notALedger(file), EXIT.CANNOT_OPEN);
    try {
      return verifyChain(new SyncDb(sqlite), new Date());
    } catch (e) {
      // A file damaged badly enough that reading it fails is a failed verification.
      const report: VerifyReport = {
        ok: false,
        records: 0,
        headHash: null,
        firstProblem: null,
        integrity: [errorText(e)],
        checkedAt: new Date().toISOString(),
      };
      return report;
    }
  } finally {
    sqlite.close();
  }
}

export function registerVerify(program: Command, ctx: CliContext): void {
  const h = ctx.m.help;
  program
    .command('verify')
    .description(h.verify)
    .option('--json', h.json)
    .addHelpText('after', `\n${h.verifyEnv}\n`)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOpts & { json?: boolean }>();
      const file = ledgerPath(ctx, opts);
      const report = await verifyFile(ctx, file);
      const integrityOk = report.integrity.length === 1 && report.integrity[0] === 'ok';
      const problems: string[] = [];
      if (report.firstProblem) problems.push(ctx.m.problem(report.firstProblem));
      if (!integrityOk) problems.push(ctx.m.integrityFailed(report.integrity));

      if (opts.json) {
        out(ctx, JSON.stringify({ file, ...report, integrityOk, problems }, null, 2));
      } else {
        const r = ctx.m.verifyReport;
        out(
          ctx,
          table([
            [r.file, file],
            [r.recordsLabel, r.records(report.records)],
            [r.head, report.headHash ?? r.none],
            [r.integrity, report.integrity.slice(0, 3).join('; ')],
          ]),
        );
        if (report.ok) out(ctx, r.ok);
        else for (const p of problems) warn(ctx, ctx.m.verifyFailed(p));
      }
      if (!report.ok) throw new VerifyFailed();
    });
}

/** Exit 2 without a further message (the report already said what is wrong). */
export class VerifyFailed extends CliError {
  constructor() {
    super('', EXIT.VERIFY_FAILED);
  }
}
