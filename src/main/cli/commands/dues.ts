// union-ledger dues run --month YYYY-MM --user U: computes the month's dues through the dispatcher
// (validation, roles, audit trail) as the given user, and prints the counts, the total due and the
// members without a wage base. Messages live here (zh / en) to keep i18n.ts untouched by this command.
import type { Command } from 'commander';
import { formatYuan } from '../../contract/money';
import type { DuesRunResult } from '../../contract/dues';
import { CliError } from '../errors';
import { dispatch, out, withAdminSession, type CliContext, type GlobalOpts } from '../context';
import { table } from '../table';

const T = {
  zh: {
    dues: '会员会费：按月计算应缴会费',
    run: '计算某月会费（每名会员一条；已收缴的月份不变；缺少工资基数的会员列出，不按零计）',
    month: '月份，格式 YYYY-MM',
    user: '登录的用户名（会计或会计主管；也可用环境变量 UNION_LEDGER_USER）；密码取自 UNION_LEDGER_PASSWORD 或提示输入',
    badMonth: (m: string) => `月份应为 YYYY-MM，例如 2026-03（收到“${m}”）。`,
    heading: (r: DuesRunResult) => `${r.month.slice(0, 4)}年${Number(r.month.slice(5, 7))}月会费已计算（规则自 ${r.ruleFrom} 起生效）`,
    rows: (r: DuesRunResult): [string, string][] => [
      ['计算会员', `${r.assessed} 人`],
      ['其中 保留会籍免交', `${r.exempt} 人`],
      ['其中 学徒工定额', `${r.apprentices} 人`],
      ['其中 按上月工资', `${r.previousMonthBase} 人`],
      ['已收缴未改动', `${r.keptPaid} 人`],
      ['非会员（调出/退会/未入会）', `${r.notMembers} 人`],
      ['缺少工资基数', `${r.missing.length} 人`],
      ['应缴合计', `${formatYuan(r.totalDueFen)} 元`],
    ],
    missing: '缺少工资基数的会员（未计算，请录入或导入工资后重新计算）：',
  },
  en: {
    dues: 'member dues: the monthly dues run',
    run: 'compute a month of dues (one line per member; months already collected are kept; members without a wage base are listed, never taken as zero)',
    month: 'month, YYYY-MM',
    user: 'user to log in as (accountant or supervisor; or UNION_LEDGER_USER); password from UNION_LEDGER_PASSWORD or a prompt',
    badMonth: (m: string) => `The month must be YYYY-MM, e.g. 2026-03 (got "${m}").`,
    heading: (r: DuesRunResult) => `Dues computed for ${r.month} (rule effective from ${r.ruleFrom})`,
    rows: (r: DuesRunResult): [string, string][] => [
      ['Members assessed', String(r.assessed)],
      ['of which exempt (retained membership)', String(r.exempt)],
      ['of which apprentice flat rate', String(r.apprentices)],
      ['of which on last month’s wage', String(r.previousMonthBase)],
      ['Already collected, kept', String(r.keptPaid)],
      ['Not members (transferred/withdrawn/not yet joined)', String(r.notMembers)],
      ['Missing wage base', String(r.missing.length)],
      ['Total due (CNY)', formatYuan(r.totalDueFen)],
    ],
    missing: 'Members without a wage base (not assessed; enter or import their wages and run again):',
  },
} as const;

export function registerDues(program: Command, ctx: CliContext): void {
  const t = T[ctx.m.lang === 'en' ? 'en' : 'zh'];
  const dues = program.command('dues').description(t.dues);
  dues
    .command('run')
    .description(t.run)
    .requiredOption('--month <YYYY-MM>', t.month)
    .option('-u, --user <user>', t.user)
    .option('--json', ctx.m.help.json)
    .action(async (_o: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOpts & { month: string; user?: string; json?: boolean }>();
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.month)) throw new CliError(t.badMonth(opts.month));
      const r = await withAdminSession(ctx, opts, (core, client) => dispatch(ctx, core, client, 'dues.run.compute', { month: opts.month }));
      if (opts.json) return out(ctx, JSON.stringify(r, null, 2));
      out(ctx, t.heading(r));
      out(ctx, table(t.rows(r)));
      if (r.missing.length > 0) {
        out(ctx, t.missing);
        out(ctx, table(r.missing.map((m) => [m.employeeNo, m.name, m.groupName, m.reason])));
      }
    });
}
