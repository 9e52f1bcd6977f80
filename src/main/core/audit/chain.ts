// The tamper-evident audit trail (企业会计信息化工作规范 财会〔2013〕20号 第十四条: a secure,
// queryable operation log). Each row's hash is SHA-256 over its own fields and the previous
// row's hash, so changing, deleting or reordering any row breaks the chain from there on.
import { createHash } from 'node:crypto';
import type { SyncDb } from '../db/sync-db';
import type { VerifyProblem, VerifyReport } from '../../contract/operations';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  operation: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** Who acted, when not the session's user (a successful login names the user logging in). */
  actor?: { userId: number; username: string };
}

export interface AuditActor {
  userId: number | null;
  username: string | null;
  host: string;
}

interface ChainFields {
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
  prev_hash: string;
}

export function hashRecord(r: ChainFields): string {
  // JSON of an array of primitives is deterministic; it also keeps null distinct from ''.
  const material = JSON.stringify([
    r.seq,
    r.at,
    r.user_id,
    r.username,
    r.host,
    r.operation,
    r.entity,
    r.entity_id,
    r.before_json,
    r.after_json,
    r.prev_hash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'oldPassword', 'newPassword']);

/** Before/after images never carry secrets. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? '***' : redact(v);
    return out;
  }
  return value;
}

function toJson(v: unknown): string | null {
  return v === undefined ? null : JSON.stringify(redact(v));
}

/** Appends one record; must be called inside the transaction of the write it describes. */
export function appendAudit(db: SyncDb, actor: AuditActor, entry: AuditEntry, at: Date): number {
  const last = db.first(db.q.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
  // Never reuse a number: if the newest rows were removed behind our back, the gap stays visible.
  const issued = db.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
  const fields: ChainFields = {
    seq: Math.max(last?.seq ?? 0, issued?.seq ?? 0) + 1,
    at: at.toISOString(),
    user_id: entry.actor?.userId ?? actor.userId,
    username: entry.actor?.username ?? actor.username,
    host: actor.host,
    operation: entry.operation,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    before_json: toJson(entry.before),
    after_json: toJson(entry.after),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  db.run(db.q.insertInto('audit_log').values({ ...fields, hash: hashRecord(fields) }));
  return fields.seq;
}

/**
 * Walks the whole chain and reports the first record that was altered, deleted or reordered,
 * including edits made to the file with another tool (which bypass the app and its triggers).
 */
export function verifyChain(db: SyncDb, now: Date): VerifyReport {
  // Rows as arrays in hashRecord's field order, the stored hash last: the material is the first
  // eleven, so no object is built per row (a million records walk in a few seconds, in constant memory).
  const stmt = db.sqlite
    .prepare('SELECT seq, at, user_id, username, host, operation, entity, entity_id, before_json, after_json, prev_hash, hash FROM audit_log ORDER BY seq')
    .raw(true);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let records = 0;
  let firstProblem: VerifyProblem | null = null;

  for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
    records++;
    if (firstProblem) continue;
    const hash = row.pop() as string;
    const seq = row[0] as number;
    const rowPrev = row[10] as string;
    const recomputed = createHash('sha256').update(JSON.stringify(row)).digest('hex');
    if (recomputed !== hash) {
      firstProblem = { seq, kind: 'altered', message: `第 ${seq} 条审计记录的内容被改动（哈希不符）。` };
    } else if (seq !== expectedSeq) {
      firstProblem = seq > expectedSeq
        ? { seq: expectedSeq, kind: 'deleted', message: `第 ${expectedSeq}${seq - 1 > expectedSeq ? `–${seq - 1}` : ''} 条审计记录被删除。` }
        : { seq, kind: 'reordered', message: `第 ${seq} 条审计记录的顺序被改动。` };
    } else if (rowPrev !== prevHash) {
      // A link to an earlier record is a reordering; to none, a deletion or replacement. Looked up
      // only here, once, instead of keeping every hash seen in memory.
      const earlier = db.sqlite.prepare('SELECT 1 FROM audit_log WHERE hash = ? AND seq < ? LIMIT 1').get(rowPrev, seq) !== undefined;
      firstProblem = earlier
        ? { seq, kind: 'reordered', message: `第 ${seq} 条审计记录的顺序被改动（与前一条不相连）。` }
        : { seq, kind: 'deleted', message: `第 ${seq} 条审计记录之前的记录被删除或替换（链条断开）。` };
    }
    prevHash = hash;
    expectedSeq = seq + 1;
  }

  if (!firstProblem) {
    // Removing the newest rows leaves sqlite_sequence ahead of the last row.
    const seqRow = db.sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get() as { seq: number } | undefined;
    const maxEverIssued = seqRow?.seq ?? 0;
    if (maxEverIssued > expectedSeq - 1) {
      firstProblem = {
        seq: expectedSeq,
        kind: 'truncated',
        message: `最新的审计记录被删除：最后一条为第 ${expectedSeq - 1} 条，但已发出到第 ${maxEverIssued} 条。`,
      };
    }
  }
  if (!firstProblem) {
    const triggers = db.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')")
      .all() as { name: string }[];
    if (triggers.length < 2) {
      firstProblem = { seq: 0, kind: 'unprotected', message: '审计日志的防篡改触发器被删除。' };
    }
  }

  const integrity = (db.sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  return {
    ok: !firstProblem && integrityOk,
    records,
    headHash: records > 0 ? prevHash : null,
    firstProblem,
    integrity,
    checkedAt: now.toISOString(),
  };
}
