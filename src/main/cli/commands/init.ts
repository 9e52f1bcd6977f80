// union-ledger init: the first-run wizard on the command line (operation setup.createLedger).
import fs from 'node:fs';
import type { Command } from 'commander';
import { PROVINCE_PRESETS } from '../../contract/presets';
import { CliError } from '../errors';
import { cliClient, dispatch, ledgerPath, openLedger, out, readSecret, type CliContext, type GlobalOpts } from '../context';

interface InitOpts extends GlobalOpts {
  unionName: string;
  province: string;
  year: string;
  admin: string;
  adminName: string;
  uscc?: string;
}

/** A preset by id (any case) or by its label, e.g. "FJ-2018" or "福建". */
export function findPreset(value: string): string | null {
  const v = value.trim();
  const hit = PROVINCE_PRESETS.find((p) => p.id.toLowerCase() === v.toLowerCase() || p.label === v);
  return hit?.id ?? null;
}

export function registerInit(program: Command, ctx: CliContext): void {
  const h = ctx.m.help;
  const presets = PROVINCE_PRESETS.map((p) => `  ${p.id.padEnd(9)} ${p.label}　${p.document}`).join('\n');
  program
    .command('init')
    .description(h.init)
    .requiredOption('--union-name <name>', h.unionName)
    .requiredOption('--province <preset>', h.province)
    .requiredOption('--year <yyyy>', h.year)
    .requiredOption('--admin <username>', h.admin)
    .requiredOption('--admin-name <name>', h.adminName)
    .option('--uscc <code>', h.uscc)
    .addHelpText('after', `\n${h.initEnv}\n\n${h.presetsTitle}\n${presets}\n`)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<InitOpts>();
      const provincePreset = findPreset(opts.province);
      if (!provincePreset) throw new CliError(ctx.m.unknownPreset(opts.province));
      if (!/^\d{4}$/.test(opts.year.trim())) throw new CliError(ctx.m.badYear(opts.year));
      const firstFiscalYear = Number(opts.year.trim());

      const file = ledgerPath(ctx, opts);
      const existed = fs.existsSync(file) && fs.statSync(file).size > 0;
      const core = await openLedger(ctx, file);
      let created = false;
      try {
        const client = cliClient(ctx);
        const status = await dispatch(ctx, core, client, 'setup.status', {});
        if (status.initialized) throw new CliError(ctx.m.alreadyInitialized(file, status.unionName));
        const password = await readSecret(ctx, 'UNION_LEDGER_PASSWORD', ctx.m.passwordWhat.admin(opts.admin), true);
        await dispatch(ctx, core, client, 'setup.createLedger', {
          union: { name: opts.unionName, uscc: opts.uscc ?? null, provincePreset, firstFiscalYear },
          admin: { username: opts.admin, displayName: opts.adminName, password },
        });
        created = true;
        await core.dispatch(client, 'session.logout', {});
        const union = await dispatch(ctx, core, client, 'setup.status', {});
        out(ctx, ctx.m.initDone(union.unionName ?? opts.unionName, firstFiscalYear, opts.admin.trim(), file));
      } finally {
        core.close();
        // A refused init must not leave an empty ledger file behind where there was none.
        if (!created && !existed) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      }
    });
}
