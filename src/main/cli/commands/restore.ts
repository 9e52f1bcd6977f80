// union-ledger backups / restore: the backups folder, and restoring a copy from the command line.
// A restore checks the copy first (integrity, identity, schema version, audit chain), keeps the
// current file aside so `restore --undo` can put it back, and records itself in the audit trail.
// When the ledger opens, the administrator logs in and the restore goes through the core (the same
// system.restore operation as the app); when it cannot be opened (damaged), the file-level restore
// runs without a login — whoever can reach the file can already replace it.
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { LedgerOpenProblem, openCore } from '../../core/core';
import { CoreError } from '../../core/errors';
import { listBackups } from '../../core/system/catalog';
import { checkCandidate, newestGoodBackup, readUndoRecord, restoreClosedLedger, undoRestoreClosedLedger } from '../../core/system/restore';
import { isEncryptedBackup } from '../../core/system/backup-crypto';
import { recordCheck } from '../../core/system/catalog';
import { CliError, EXIT } from '../errors';
import { dispatch, ledgerPath, out, readSecret, requireExistingFile, withAdminSession, type CliContext, type GlobalOpts } from '../context';
import { table } from '../table';
import { fmtBytes } from '../i18n';

const ZH = {
  backups: '列出账簿的备份（备份文件夹中的副本、类型、大小、校验状态），无需登录',
  check: '逐个检查备份（完整性、账簿标识、数据库版本、审计链）',
  restore: '从备份恢复账簿：先检查备份，当前文件保留在备份文件夹中，可用 --undo 撤销',
  latest: '恢复最近一份通过检查的备份',
  undo: '撤销上一次恢复（放回恢复前的账簿文件）',
  user: '管理员用户名（默认取自 UNION_LEDGER_USER）',
  none: (dir: string) => `备份文件夹 ${dir} 中还没有备份。`,
  cols: ['时间', '类型', '大小', '校验', '文件'] as [string, string, string, string, string],
  checked: (ok: boolean | null, msg: string) => (ok === null ? '未校验' : ok ? '通过' : `未通过：${msg}`),
  undoAvailable: (aside: string, from: string) => `可撤销上一次恢复（自 ${from} 恢复；恢复前的文件保存在 ${aside}）。`,
  needSource: '请给出备份文件（路径，或备份文件夹中的文件名），或使用 --latest / --undo。',
  noGood: '备份文件夹中没有通过检查的备份。',
  done: (from: string, aside: string) => `已从 ${from} 恢复账簿。恢复前的账簿文件保存在 ${aside || '（无）'}；如需撤销，运行 union-ledger restore --undo。`,
  undone: (kept: string) => `已撤销恢复，放回了恢复前的账簿文件。被撤销的恢复结果保存在 ${kept}。`,
  damaged: '当前账簿文件无法打开，直接在文件层面恢复（无需登录）。',
  passwordWhat: '备份密码',
};
const EN: typeof ZH = {
  backups: 'list the backups of the ledger (copies in the backups folder, kind, size, check status); no login needed',
  check: 'check each backup (integrity, identity, schema version, audit chain)',
  restore: 'restore the ledger from a backup: the copy is checked first; the current file is kept aside; --undo puts it back',
  latest: 'restore the newest backup that passes the checks',
  undo: 'undo the last restore (put the previous ledger file back)',
  user: 'administrator username (default: UNION_LEDGER_USER)',
  none: (dir) => `No backups in ${dir} yet.`,
  cols: ['Taken', 'Kind', 'Size', 'Check', 'File'],
  checked: (ok, msg) => (ok === null ? 'not checked' : ok ? 'passed' : `failed: ${msg}`),
  undoAvailable: (aside, from) => `The last restore (from ${from}) can be undone; the previous file is kept as ${aside}.`,
  needSource: 'Give a backup file (a path, or a file name in the backups folder), or use --latest / --undo.',
  noGood: 'No backup in the backups folder passes the checks.',
  done: (from, aside) => `Ledger restored from ${from}. The previous file is kept as ${aside || '(none)'}; run "union-ledger restore --undo" to undo.`,
  undone: (kept) => `Restore undone: the previous ledger file is back. The restored file is kept as ${kept}.`,
  damaged: 'The current ledger file cannot be opened; restoring at file level (no login).',
  passwordWhat: 'the backup password',
};

const local = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

/** Can the ledger be opened as it is? (Used to pick the logged-in or the file-level restore.) */
async function opensCleanly(file: string): Promise<LedgerOpenProblem | null> {
  try {
    const core = await openCore(file, { log: () => {} });
    core.close();
    return null;
  } catch (e) {
    if (e instanceof LedgerOpenProblem) return e;
    throw e;
  }
}

export function registerRestore(program: Command, ctx: CliContext): void {
  const t = ctx.m.lang === 'en' ? EN : ZH;
  program
    .command('backups')
    .description(t.backups)
    .option('--check', t.check)
    .option('--json', ctx.m.help.json)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOpts & { check?: boolean; json?: boolean }>();
      const file = ledgerPath(ctx, opts);
      if (opts.check) {
        for (const e of listBackups(file)) {
          if (e.encrypted) continue;
          const r = checkCandidate(e.path, new Date());
          recordCheck(e.path, r.ok, r.ok ? `检查通过：${r.auditRecords} 条审计记录` : r.problems.join('；'), new Date());
        }
      }
      const list = listBackups(file);
      const undo = readUndoRecord(file);
      if (opts.json) return out(ctx, JSON.stringify({ ledger: file, backups: list, undo }, null, 2));
      if (list.length === 0) out(ctx, t.none(path.join(path.dirname(file), 'backups')));
      else
        out(
          ctx,
          table([
            t.cols,
            ...list.map((e) => [local(e.takenAt), e.encrypted ? `${e.kindLabel}（加密）` : e.kindLabel, fmtBytes(e.bytes), t.checked(e.check ? e.check.ok : null, e.check?.message ?? ''), e.name]),
          ]),
        );
      if (undo) out(ctx, t.undoAvailable(undo.aside, undo.restoredFrom));
    });

  program
    .command('restore [backup]')
    .description(t.restore)
    .option('--latest', t.latest)
    .option('--undo', t.undo)
    .option('-u, --user <username>', t.user)
    .action(async (source: string | undefined, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOpts & { latest?: boolean; undo?: boolean; user?: string }>();
      const file = ledgerPath(ctx, opts);
      const problem = fs.existsSync(file) ? await opensCleanly(file).catch((e: unknown) => {
        throw new CliError(e instanceof Error ? e.message : String(e), EXIT.CANNOT_OPEN, e);
      }) : null;
      const cli = { userId: null, username: null, host: 'cli' };
      try {
        if (opts.undo) {
          if (problem || !fs.existsSync(file)) {
            out(ctx, t.damaged);
            return out(ctx, t.undone(await undoRestoreClosedLedger(file, cli)));
          }
          const res = await withAdminSession(ctx, opts, (core, client) => dispatch(ctx, core, client, 'system.restore.undo', {}));
          return out(ctx, t.undone(res.keptAs));
        }
        let chosen: string;
        if (opts.latest) {
          const good = newestGoodBackup(file, new Date());
          if (!good) throw new CliError(t.noGood, EXIT.VERIFY_FAILED);
          chosen = good.path;
        } else if (source) {
          const inFolder = listBackups(file).find((e) => e.name === source);
          chosen = inFolder ? inFolder.path : path.resolve(source);
        } else {
          throw new CliError(t.needSource);
        }
        requireExistingFile(ctx, chosen);
        const password = isEncryptedBackup(chosen) ? await readSecret(ctx, 'UNION_LEDGER_BACKUP_PASSWORD', t.passwordWhat, false) : null;
        if (problem || !fs.existsSync(file)) {
          out(ctx, t.damaged);
          const { aside } = await restoreClosedLedger(file, chosen, password, cli, problem ? problem.message : '账簿文件不存在');
          return out(ctx, t.done(chosen, aside));
        }
        const res = await withAdminSession(ctx, opts, (core, client) => dispatch(ctx, core, client, 'system.restore', { path: chosen, password }));
        out(ctx, t.done(res.restoredFrom, res.aside));
      } catch (e) {
        if (e instanceof CoreError) throw new CliError(e.message, EXIT.USAGE, e);
        throw e;
      }
    });
}
