// Reading, verifying and exporting the audit trail.
import { exceljs } from '../lazy-libs';
import type { SyncDb } from '../db/sync-db';
import type { Handler } from '../context';
import { afterCommit } from '../context';
import type { AuditRecord, OpParsed } from '../../contract/operations';
import { verifyChain } from './chain';
import { operationTitle } from '../../contract/titles';

type Filter = OpParsed<'audit.exportExcel'>;

/** Dates in the filter are local calendar days; stored times are UTC ISO strings. */
function dayStartIso(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}
function nextDayIso(day: string): string {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}

function filtered(db: SyncDb, f: Filter) {
  let q = db.q.selectFrom('audit_log');
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.from) q = q.where('at', '>=', dayStartIso(f.from));
  if (f.to) q = q.where('at', '<', nextDayIso(f.to));
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.operation) q = q.where('operation', '=', f.operation);
  return q;
}

const parse = (s: string | null): unknown => (s === null ? null : JSON.parse(s));

function toRecord(r: {
  seq: number;
  at: string;
  user_id: number | null;
  username: string | null;
  host: string;
  operation: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  hash: string;
}): AuditRecord {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    host: r.host,
    operation: r.operation,
    entity: r.entity,
    entityId: r.entity_id,
    before: parse(r.before_json),
    after: parse(r.after_json),
    hash: r.hash,
  };
}

export const listAudit: Handler<'audit.list'> = (ctx, input) => {
  const base = filtered(ctx.db, input);
  const total = ctx.db.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = ctx.db.all(
    base
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
  );
  return { rows: rows.map(toRecord), total, page: input.page, pageSize: input.pageSize };
};

export const auditFacets: Handler<'audit.facets'> = (ctx) => {
  const users = ctx.db
    .all(ctx.db.q.selectFrom('audit_log').select(['user_id', 'username']).distinct().where('user_id', 'is not', null).orderBy('username'))
    .map((r) => ({ id: r.user_id as number, username: r.username ?? '' }));
  const entities = ctx.db.all(ctx.db.q.selectFrom('audit_log').select('entity').distinct().orderBy('entity')).map((r) => r.entity);
  const operations = ctx.db.all(ctx.db.q.selectFrom('audit_log').select('operation').distinct().orderBy('operation')).map((r) => r.operation);
  return { users, entities, operations };
};

export const verifyAudit: Handler<'audit.verify'> = (ctx) => verifyChain(ctx.db, ctx.now);

const fmtLocal = (iso: string) => {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
};

export const exportAudit: Handler<'audit.exportExcel'> = (ctx, input) => {
  const rows = ctx.db.all(filtered(ctx.db, input).selectAll().orderBy('seq'));
  const stamp = ctx.now.toISOString().slice(0, 10);
  return afterCommit(async () => {
    const wb = new (exceljs().Workbook)();
    wb.creator = '工会经费账簿';
    wb.created = ctx.now;
    const ws = wb.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [
      { header: '序号', key: 'seq', width: 8 },
      { header: '时间', key: 'at', width: 20 },
      { header: '用户', key: 'username', width: 14 },
      { header: '来源', key: 'host', width: 10 },
      { header: '操作', key: 'operation', width: 22 },
      { header: '操作名称', key: 'title', width: 16 },
      { header: '对象', key: 'entity', width: 12 },
      { header: '对象编号', key: 'entityId', width: 10 },
      { header: '修改前', key: 'before', width: 50 },
      { header: '修改后', key: 'after', width: 50 },
      { header: '哈希', key: 'hash', width: 66 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const r of rows) {
      ws.addRow({
        seq: r.seq,
        at: fmtLocal(r.at),
        username: r.username ?? '',
        host: r.host,
        operation: r.operation,
        title: operationTitle(r.operation) ?? r.operation,
        entity: r.entity,
        entityId: r.entity_id ?? '',
        before: r.before_json ?? '',
        after: r.after_json ?? '',
        hash: r.hash,
      });
    }
    ws.autoFilter = { from: 'A1', to: 'K1' };
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return {
      filename: `审计日志-${stamp}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buf.toString('base64'),
    };
  });
};
