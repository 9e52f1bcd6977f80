// union-ledger import members FILE [--dry-run] --user U: the roster import of the app, through the
// dispatcher as a logged-in user (会计 or 会计主管). It previews first; any bad row is printed with
// its row, column and reason and nothing is written (exit 1); otherwise it imports the whole file
// in one transaction and prints the summary. --dry-run stops after the preview.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ImportPreview, ImportSummary } from '../../contract/members';
import { CliError, EXIT } from '../errors';
import { dispatch, errorText, out, warn, withAdminSession, type CliContext, type GlobalOpts } from '../context';
import { table } from '../table';
import type { Lang } from '../i18n';

interface ImportOpts extends GlobalOpts {
  user?: string;
  dryRun?: boolean;
  json?: boolean;
}

const WORDS = {
  zh: {
    help: '导入数据',
    members: '从 Excel（.xlsx）或 CSV（UTF-8 / GB18030）文件导入会员名册：先预览，有问题的行逐行列出且不写入；整份文件无误才导入',
    file: '会员文件（.xlsx 或 .csv）',
    dryRun: '只预览，不导入',
    user: '登录用户（会计或会计主管；密码取自 UNION_LEDGER_PASSWORD 或提示输入）',
    json: '以 JSON 输出预览或导入结果',
    cannotRead: (f: string, why: string) => `无法读取文件 ${f}：${why}`,
    columns: ['行', '列', '问题'],
    rejected: (f: string, rows: number, problems: number, bad: number) => `${f}：共 ${rows} 行数据，发现 ${problems} 处问题（${bad} 行），未导入任何数据。请修改后重新导入：`,
    preview: (p: ImportPreview) =>
      `${p.filename}：共 ${p.counts.rows} 行数据，可以导入：新增 ${p.counts.added}，更新 ${p.counts.updated}，不变 ${p.counts.unchanged}` +
      (p.newGroups.length ? `；将新建工会小组：${p.newGroups.join('、')}` : ''),
    dryRunDone: '（--dry-run：只预览，未写入）',
    done: (s: ImportSummary) =>
      `已导入 ${s.filename}：新增 ${s.added}，更新 ${s.updated}，不变 ${s.unchanged}` +
      (s.statusChanges ? `；状态变更 ${s.statusChanges} 人（已记入会员履历）` : '') +
      (s.newGroups.length ? `；新建工会小组：${s.newGroups.join('、')}` : ''),
    wholeFile: '整个文件',
  },
  en: {
    help: 'import data',
    members: 'import the member roster from Excel (.xlsx) or CSV (UTF-8 / GB18030): previews first, lists every bad row and writes nothing unless the whole file is valid',
    file: 'member file (.xlsx or .csv)',
    dryRun: 'preview only, write nothing',
    user: 'user to log in as (accountant or supervisor; password from UNION_LEDGER_PASSWORD or a prompt)',
    json: 'print the preview or the result as JSON',
    cannotRead: (f: string, why: string) => `cannot read ${f}: ${why}`,
    columns: ['row', 'column', 'problem'],
    rejected: (f: string, rows: number, problems: number, bad: number) => `${f}: ${rows} data rows, ${problems} problems in ${bad} rows; nothing was imported. Fix them and import again:`,
    preview: (p: ImportPreview) =>
      `${p.filename}: ${p.counts.rows} data rows can be imported: ${p.counts.added} new, ${p.counts.updated} updated, ${p.counts.unchanged} unchanged` +
      (p.newGroups.length ? `; new union groups: ${p.newGroups.join(', ')}` : ''),
    dryRunDone: '(--dry-run: preview only, nothing written)',
    done: (s: ImportSummary) =>
      `imported ${s.filename}: ${s.added} new, ${s.updated} updated, ${s.unchanged} unchanged` +
      (s.statusChanges ? `; ${s.statusChanges} status changes (in the members' history)` : '') +
      (s.newGroups.length ? `; new union groups: ${s.newGroups.join(', ')}` : ''),
    wholeFile: 'whole file',
  },
} satisfies Record<Lang, unknown>;

export function registerImport(program: Command, ctx: CliContext): void {
  const w = WORDS[ctx.m.lang];
  const imp = program.command('import').description(w.help);
  imp
    .command('members <file>')
    .description(w.members)
    .option('-u, --user <user>', w.user)
    .option('--dry-run', w.dryRun)
    .option('--json', w.json)
    .action(async (file: string, _o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<ImportOpts>();
      let base64: string;
      try {
        base64 = fs.readFileSync(file).toString('base64');
      } catch (e) {
        throw new CliError(w.cannotRead(file, errorText(e)), EXIT.CANNOT_OPEN, e);
      }
      const filename = path.basename(file);
      await withAdminSession(ctx, opts, async (core, client) => {
        const preview = await dispatch(ctx, core, client, 'members.importPreview', { filename, base64 });
        if (!preview.ok) {
          if (opts.json) out(ctx, JSON.stringify({ preview }, null, 2));
          else {
            warn(ctx, w.rejected(filename, preview.counts.rows, preview.problems.length, preview.counts.invalidRows));
            warn(ctx, table([w.columns, ...preview.problems.map((p) => [p.row === null ? w.wholeFile : String(p.row), p.column ?? '', p.message])]));
          }
          throw new CliError('', EXIT.USAGE);
        }
        if (opts.dryRun) {
          if (opts.json) return out(ctx, JSON.stringify({ preview }, null, 2));
          out(ctx, w.preview(preview));
          return out(ctx, w.dryRunDone);
        }
        const summary = await dispatch(ctx, core, client, 'members.importCommit', { filename, base64, expectedSha256: preview.sha256 });
        out(ctx, opts.json ? JSON.stringify({ summary }, null, 2) : w.done(summary));
      });
    });
}
