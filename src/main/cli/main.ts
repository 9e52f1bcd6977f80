// union-ledger: the command line over the same core and the same ledger file as the app.
// main(argv, io) runs one command and returns its exit code; it never calls process.exit,
// so tests can run it in-process with captured output.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { version } from '../../../package.json';
import { detectLang, LANGS, messages } from './i18n';
import { CliError, EXIT } from './errors';
import type { CliIo } from './io';
import { errorText, warn, type CliContext } from './context';
import { registerInit } from './commands/init';
import { registerUsers } from './commands/users';
import { registerVerify } from './commands/verify';
import { registerBackup } from './commands/backup';
import { registerRestore } from './commands/restore';
import { registerExport } from './commands/export';
import { registerImport } from './commands/import';
import { registerDues } from './commands/dues';

export { EXIT } from './errors';
export type { CliIo } from './io';

export function isDebug(env: Record<string, string | undefined>): boolean {
  return (env['DEBUG'] ?? '').split(/[,\s]+/).some((d) => d === 'union-ledger' || d === '*');
}

export function buildProgram(ctx: CliContext): Command {
  const h = ctx.m.help;
  const program = new Command('union-ledger');
  program
    .description(h.program)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.stdout(s),
      writeErr: (s) => ctx.io.stderr(s),
      outputError: (s, write) => write(ctx.m.commanderError(s)),
    })
    .configureHelp({ showGlobalOptions: true, styleTitle: (s) => h.titles[s] ?? s })
    .helpOption('-h, --help', h.help)
    .helpCommand('help [command]', h.helpCommand)
    .version(version, '-V, --version', h.version)
    .option('--db <file>', h.db)
    .option('--lang <lang>', h.lang, (v: string) => {
      if (!(LANGS as readonly string[]).includes(v)) throw new InvalidArgumentError(LANGS.join(', '));
      return v;
    })
    .addHelpText('after', `\n${h.exitCodes}\n`)
    .showSuggestionAfterError(true);
  registerInit(program, ctx);
  registerUsers(program, ctx);
  registerVerify(program, ctx);
  registerBackup(program, ctx);
  registerRestore(program, ctx);
  registerExport(program, ctx);
  registerImport(program, ctx);
  registerDues(program, ctx);
  return program;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = { io, m: messages(detectLang(argv, io.env)), debug: isDebug(io.env) };
  const program = buildProgram(ctx);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.OK;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.OK;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE; // commander already said why
    if (e instanceof CliError) {
      if (e.message) warn(ctx, e.message);
      if (ctx.debug) {
        if (e.stack) warn(ctx, e.stack);
        if (e.cause instanceof Error && e.cause.stack) warn(ctx, `Caused by: ${e.cause.stack}`);
      }
      return e.exitCode;
    }
    warn(ctx, ctx.m.internal(errorText(e)));
    if (ctx.debug && e instanceof Error && e.stack) warn(ctx, e.stack);
    return EXIT.USAGE;
  }
}
