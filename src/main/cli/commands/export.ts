// union-ledger export --format hledger: the posted books as a plain-text journal for an
// independent check with a third-party tool. Like verify, it reads the file directly (read-only,
// no login): whoever holds the file can read it anyway, and reading never changes the ledger.
import fs from 'node:fs';
import type { Command } from 'commander';
import { openDatabase } from '../../core/db/open';
import { SyncDb } from '../../core/db/sync-db';
import { hledgerJournal, readHledgerBooks } from '../../core/export/hledger';
import { CliError, EXIT } from '../errors';
import { errorText, ledgerPath, openFailure, out, requireExistingFile, type CliContext, type GlobalOpts } from '../context';

export const EXPORT_FORMATS = ['hledger'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

interface ExportOpts extends GlobalOpts {
  format: string;
  out?: string;
  year?: string;
}

function parseFormat(ctx: CliContext, value: string): ExportFormat {
  const f = EXPORT_FORMATS.find((x) => x === value.trim().toLowerCase());
  if (!f) throw new CliError(ctx.m.exportCmd.unknownFormat(value));
  return f;
}

function parseYear(ctx: CliContext, value: string | undefined): number | null {
  if (value === undefined) return null;
  const y = /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(y >= 2000 && y <= 2100)) throw new CliError(ctx.m.exportCmd.badYear(value));
  return y;
}

/** Reads the ledger file (read-only) and returns the journal text and the number of vouchers in it. */
export async function exportJournal(ctx: CliContext, file: string, year: number | null): Promise<{ text: string; vouchers: number }> {
  requireExistingFile(ctx, file);
  let sqlite;
  try {
    ({ sqlite } = await openDatabase(file, { readonly: true }));
  } catch (e) {
    throw openFailure(ctx, file, e);
  }
  try {
    const has = (table: string) => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    if (!has('audit_log') || !has('vouchers')) throw new CliError(ctx.m.notALedger(file), EXIT.CANNOT_OPEN);
    if (sqlite.prepare('SELECT 1 FROM union_profile').get() === undefined) throw new CliError(ctx.m.notInitialized(file));
    const books = readHledgerBooks(new SyncDb(sqlite), year);
    return { text: hledgerJournal(books), vouchers: books.vouchers.length };
  } finally {
    sqlite.close();
  }
}

export function registerExport(program: Command, ctx: CliContext): void {
  const h = ctx.m.exportCmd;
  program
    .command('export')
    .description(h.help)
    .requiredOption('--format <format>', h.format)
    .option('-o, --out <file>', h.out)
    .option('--year <year>', h.year)
    .addHelpText('after', `\n${h.access}\n`)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ExportOpts>();
      parseFormat(ctx, opts.format);
      const year = parseYear(ctx, opts.year);
      const file = ledgerPath(ctx, opts);
      const { text, vouchers } = await exportJournal(ctx, file, year);
      if (!opts.out) {
        ctx.io.stdout(text);
        return;
      }
      try {
        fs.writeFileSync(opts.out, text, 'utf8');
      } catch (e) {
        throw new CliError(h.cannotWrite(opts.out, errorText(e)), EXIT.USAGE, e);
      }
      out(ctx, h.done(opts.out, vouchers, year));
    });
}
