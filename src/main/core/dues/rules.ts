// dues.rules.*: effective-dated dues rules (D1, D2, D4, rounding ❓). A rule applies from its month
// until the next one; assessments keep the rule they were made under (rule_from), so a new rule
// never changes a month already assessed — only a re-run of a still unpaid month picks it up.
import type { Handler } from '../context';
import { requireUser } from '../context';
import type { Finding } from '../../contract/op';
import { CoreError } from '../errors';
import { listRules, monthText } from './common';

export const listDuesRules: Handler<'dues.rules.list'> = (ctx) => listRules(ctx.db);

export const saveDuesRule: Handler<'dues.rules.save'> = (ctx, input) => {
  const me = requireUser(ctx);
  const db = ctx.db.sqlite;
  const from = input.effectiveFrom;
  const existing = listRules(ctx.db).find((r) => r.effectiveFrom === from);
  const next = db.prepare('SELECT min(effective_from) AS m FROM dues_rules WHERE effective_from > ?').get(from) as { m: string | null };
  const until = next.m ?? '9999-12';
  if (existing) {
    const used = db.prepare('SELECT count(*) AS n FROM dues_assessments WHERE rule_from = ?').get(from) as { n: number };
    if (used.n > 0) {
      throw new CoreError('CONFLICT', `自${monthText(from)}起生效的会费规则已用于 ${used.n} 条会费记录，不能修改；如需调整，请新增一条从以后月份起生效的规则。`, {
        field: 'effectiveFrom',
      });
    }
  }
  // Months this rule would govern that already have payments cannot follow it: refuse.
  const paid = db
    .prepare(
      `SELECT min(a.month) AS m, count(*) AS n FROM dues_assessments a
       WHERE a.month >= ? AND a.month < ? AND EXISTS (SELECT 1 FROM dues_payments p WHERE p.member_id = a.member_id AND p.month = a.month)`,
    )
    .get(from, until) as { m: string | null; n: number };
  if (paid.n > 0 && paid.m !== null) {
    throw new CoreError('CONFLICT', `${monthText(paid.m)}起已有 ${paid.n} 条会费已收缴，新规则不能追溯到已收缴的月份；请将生效月份定在已收缴月份之后。`, {
      field: 'effectiveFrom',
    });
  }
  const findings: Finding[] = [];
  const computed = db
    .prepare('SELECT DISTINCT month FROM dues_assessments WHERE month >= ? AND month < ? ORDER BY month')
    .all(from, until) as { month: string }[];
  if (computed.length > 0) {
    findings.push({
      rule: 'DUES-RULE',
      severity: 'warn',
      message: `${computed.map((r) => monthText(r.month)).join('、')}已按原规则计算会费（尚未收缴）；新规则只在重新计算这些月份时生效。`,
      citation: 'dues.md §1 D1（费率按生效日期管理）',
    });
  }
  const items = JSON.stringify([...new Set(input.countedItems)]);
  const at = ctx.now.toISOString();
  db.prepare(
    `INSERT INTO dues_rules (effective_from, rate_per_mille, floor_fen, rounding, apprentice_flat_fen, counted_items, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (effective_from) DO UPDATE SET rate_per_mille = excluded.rate_per_mille, floor_fen = excluded.floor_fen,
       rounding = excluded.rounding, apprentice_flat_fen = excluded.apprentice_flat_fen, counted_items = excluded.counted_items,
       created_at = excluded.created_at, created_by = excluded.created_by`,
  ).run(from, input.ratePerMille, input.floorFen, input.rounding, input.apprenticeFlatFen, items, at, me.id);
  const rule = listRules(ctx.db).find((r) => r.effectiveFrom === from)!;
  ctx.audit({ operation: 'dues.rules.save', entity: 'dues_rule', entityId: from, before: existing, after: rule });
  return { rule, findings };
};
