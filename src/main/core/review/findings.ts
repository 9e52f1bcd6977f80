// The committee's findings (审查问题) and their follow-up (整改) — the remediation register of
// review-and-disclosure.md §4: each finding records description, linked vouchers, owner, due date,
// action and status; S15 (003_2c2c85ab0490c9ee.txt §7) "對經費審計審查和專項審計反饋意見進行嚴肅整改到位".
// Only the reviewer writes them; every status change is an append-only event with who, when and a note.
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import { requireUser } from '../context';
import { CoreError } from '../errors';
import { placeholders } from '../ledger/common';
import {
  FINDING_SEVERITY_LABELS,
  FINDING_STATUS_LABELS,
  type FindingSeverity,
  type FindingStatus,
  type ReviewFinding,
} from '../../contract/review';
import { factsNo, userNames, vouchersByIds } from './common';

interface FindingRow {
  id: number;
  year: number;
  severity: FindingSeverity;
  title: string;
  description: string;
  recommendation: string | null;
  owner: string | null;
  due_date: string | null;
  status: FindingStatus;
  sample_id: number | null;
  created_by: number;
  created_at: string;
  updated_by: number;
  updated_at: string;
}

function views(db: SyncDb, rows: FindingRow[]): ReviewFinding[] {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = db.sqlite.prepare(`SELECT finding_id, voucher_id FROM review_finding_vouchers WHERE finding_id IN (${placeholders(ids.length)}) ORDER BY voucher_id`).all(...ids) as {
    finding_id: number;
    voucher_id: number;
  }[];
  const events = db.sqlite
    .prepare(`SELECT finding_id, from_status, to_status, note, user_id, at FROM review_finding_events WHERE finding_id IN (${placeholders(ids.length)}) ORDER BY id`)
    .all(...ids) as { finding_id: number; from_status: FindingStatus | null; to_status: FindingStatus; note: string; user_id: number; at: string }[];
  const facts = vouchersByIds(db, [...new Set(links.map((l) => l.voucher_id))]);
  const names = userNames(db);
  const name = (id: number) => names.get(id) ?? `#${id}`;
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    severity: r.severity,
    severityLabel: FINDING_SEVERITY_LABELS[r.severity],
    title: r.title,
    description: r.description,
    recommendation: r.recommendation,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    statusLabel: FINDING_STATUS_LABELS[r.status],
    sampleId: r.sample_id,
    vouchers: links
      .filter((l) => l.finding_id === r.id)
      .map((l) => {
        const v = facts.get(l.voucher_id)!;
        return { voucherId: v.id, voucherNo: factsNo(v), date: v.date, summary: v.summary, amountFen: v.amountFen };
      }),
    events: events
      .filter((e) => e.finding_id === r.id)
      .map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, toStatusLabel: FINDING_STATUS_LABELS[e.to_status], note: e.note, by: name(e.user_id), at: e.at })),
    createdBy: name(r.created_by),
    createdAt: r.created_at,
    updatedBy: name(r.updated_by),
    updatedAt: r.updated_at,
  }));
}

export function findingView(db: SyncDb, id: number): ReviewFinding {
  const row = db.sqlite.prepare('SELECT * FROM review_findings WHERE id = ?').get(id) as FindingRow | undefined;
  if (!row) throw new CoreError('NOT_FOUND', `审查问题 ${id} 不存在。`, { field: 'id' });
  return views(db, [row])[0]!;
}

export function listFindingsOf(db: SyncDb, year?: number, status?: FindingStatus): ReviewFinding[] {
  const where: string[] = [];
  const params: (number | string)[] = [];
  if (year !== undefined) {
    where.push('year = ?');
    params.push(year);
  }
  if (status !== undefined) {
    where.push('status = ?');
    params.push(status);
  }
  const rows = db.sqlite.prepare(`SELECT * FROM review_findings ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY year DESC, id`).all(...params) as FindingRow[];
  return views(db, rows);
}

export const listFindings: Handler<'review.findings.list'> = (ctx, input) => listFindingsOf(ctx.db, input.year, input.status);

function checkVouchers(db: SyncDb, ids: readonly number[]): number[] {
  const unique = [...new Set(ids)];
  const found = vouchersByIds(db, unique);
  unique.forEach((id, i) => {
    if (!found.has(id)) throw new CoreError('VALIDATION', `涉及凭证第 ${i + 1} 张（编号 ${id}）不存在。`, { field: `voucherIds.${i}` });
  });
  return unique;
}

export const saveFinding: Handler<'review.findings.save'> = (ctx, input) => {
  const user = requireUser(ctx);
  const voucherIds = checkVouchers(ctx.db, input.voucherIds);
  if (input.sampleId != null && !ctx.db.sqlite.prepare('SELECT 1 FROM review_samples WHERE id = ?').get(input.sampleId)) {
    throw new CoreError('VALIDATION', `抽样记录 ${input.sampleId} 不存在。`, { field: 'sampleId' });
  }
  const now = ctx.now.toISOString();
  const fields = {
    year: input.year,
    severity: input.severity,
    title: input.title,
    description: input.description,
    recommendation: input.recommendation,
    owner: input.owner,
    dueDate: input.dueDate ?? null,
    sampleId: input.sampleId ?? null,
    voucherIds,
  };
  let id: number;
  let before: ReviewFinding | undefined;
  if (input.id === undefined) {
    const r = ctx.db.sqlite
      .prepare(
        `INSERT INTO review_findings (year, severity, title, description, recommendation, owner, due_date, status, sample_id, created_by, created_at, updated_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)`,
      )
      .run(fields.year, fields.severity, fields.title, fields.description, fields.recommendation, fields.owner, fields.dueDate, fields.sampleId, user.id, now, user.id, now);
    id = Number(r.lastInsertRowid);
    ctx.db.sqlite
      .prepare('INSERT INTO review_finding_events (finding_id, from_status, to_status, note, user_id, at) VALUES (?, NULL, ?, ?, ?, ?)')
      .run(id, 'open', '登记问题', user.id, now);
  } else {
    before = findingView(ctx.db, input.id);
    if (before.status === 'resolved') throw new CoreError('RULE', `审查问题“${before.title}”已整改完毕，不再修改；如有新情况，请另行登记问题。`, { field: 'id' });
    id = input.id;
    ctx.db.sqlite
      .prepare(
        `UPDATE review_findings SET year = ?, severity = ?, title = ?, description = ?, recommendation = ?, owner = ?, due_date = ?, sample_id = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
      )
      .run(fields.year, fields.severity, fields.title, fields.description, fields.recommendation, fields.owner, fields.dueDate, fields.sampleId, user.id, now, id);
    ctx.db.sqlite.prepare('DELETE FROM review_finding_vouchers WHERE finding_id = ?').run(id);
  }
  const link = ctx.db.sqlite.prepare('INSERT INTO review_finding_vouchers (finding_id, voucher_id) VALUES (?, ?)');
  for (const v of voucherIds) link.run(id, v);
  const after = findingView(ctx.db, id);
  ctx.audit({
    operation: 'review.findings.save',
    entity: 'review_finding',
    entityId: id,
    before: before ? { ...before, events: undefined } : undefined,
    after: { ...fields, status: after.status },
  });
  return after;
};

export const setFindingStatus: Handler<'review.findings.setStatus'> = (ctx, input) => {
  const user = requireUser(ctx);
  const before = findingView(ctx.db, input.id);
  const now = ctx.now.toISOString();
  ctx.db.sqlite.prepare('UPDATE review_findings SET status = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(input.status, user.id, now, input.id);
  ctx.db.sqlite
    .prepare('INSERT INTO review_finding_events (finding_id, from_status, to_status, note, user_id, at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(input.id, before.status, input.status, input.note, user.id, now);
  ctx.audit({ operation: 'review.findings.setStatus', entity: 'review_finding', entityId: input.id, before: { status: before.status }, after: { status: input.status, note: input.note } });
  return findingView(ctx.db, input.id);
};
