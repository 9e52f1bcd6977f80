// Shared pieces of the entry helpers: account checks, the voucher word, balances, dates.
import type { SyncDb } from '../db/sync-db';
import type { ServiceContext } from '../context';
import { requireUser } from '../context';
import type { AccountInfo } from '../../contract/books';
import { CoreError } from '../errors';
import { insertDraft, insertLines, voucherDetail, type CleanLine } from '../books/vouchers';
import { assertOpenDate } from '../books/periods';
import type { VoucherDetail } from '../../contract/books';

/**
 * A leaf account at or under `parent` (e.g. a 102 bank account, a 507xx capital line): enabled and
 * without enabled details (财会〔2021〕7号 附录1 总说明 四: vouchers use the last-level account).
 */
export function requireLeafUnder(chart: Map<string, AccountInfo>, code: string, parent: string, field: string, what: string): AccountInfo {
  const a = chart.get(code);
  const parentName = chart.get(parent)?.name ?? '';
  if (!a || !code.startsWith(parent)) {
    throw new CoreError('VALIDATION', `${what}应为 ${parent} ${parentName} 或其明细科目，${code} 不是。`, { field });
  }
  if (!a.enabled) throw new CoreError('VALIDATION', `${what} ${a.code} ${a.fullName} 未启用。`, { field });
  if (!a.leaf) {
    throw new CoreError('VALIDATION', `${what} ${a.code} ${a.fullName} 下设有明细科目，请选择末级明细科目。`, {
      field,
      rule: '财会〔2021〕7号 附录1 总说明 四',
    });
  }
  return a;
}

/** A 102 bank account that takes postings (the bank journal and the reconciliation are per account). */
export function requireBankAccount(chart: Map<string, AccountInfo>, code: string, field = 'bankAccountCode'): AccountInfo {
  const a = requireLeafUnder(chart, code, '102', field, '银行存款科目');
  if (a.journal !== 'bank') throw new CoreError('VALIDATION', `${a.code} ${a.fullName} 不是银行存款账户。`, { field });
  return a;
}

/**
 * The voucher word of a helper's voucher: 记 in a ledger that uses the general voucher (the default),
 * otherwise 收 / 付 / 转 by what the voucher does (会计基础工作规范 第五十条).
 */
export function helperWord(db: SyncDb, kind: '收' | '付' | '转'): string {
  const words = new Set(db.all(db.q.selectFrom('vouchers').select('word').distinct()).map((r) => r.word));
  return !words.has('记') && (words.has('收') || words.has('付') || words.has('转')) ? kind : '记';
}

/** Net (debit − credit) of the account and its details from posted vouchers up to `upTo` (YYYY-MM) or all. */
export function postedNet(db: SyncDb, code: string, upTo?: string): number {
  const r = db.sqlite
    .prepare(
      `SELECT coalesce(sum(debit) - sum(credit), 0) AS n FROM ledger_balances
       WHERE (account_code = ? OR account_code LIKE ? || '%')${upTo === undefined ? '' : ' AND period <= ?'}`,
    )
    .get(...(upTo === undefined ? [code, code] : [code, code, upTo])) as { n: number };
  return r.n;
}

/** Net (debit − credit) of the account and its details on vouchers not yet posted (draft or reviewed). */
export function unpostedNet(db: SyncDb, code: string): number {
  const r = db.sqlite
    .prepare(
      `SELECT coalesce(sum(l.debit) - sum(l.credit), 0) AS n FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status <> 'posted' AND (l.account_code = ? OR l.account_code LIKE ? || '%')`,
    )
    .get(code, code) as { n: number };
  return r.n;
}

export function monthIndex(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

export function lastDayOf(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return `${period}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

export function periodText(period: string): string {
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

/** Inserts a helper's voucher as an ordinary draft (kind 'normal') and returns its detail. */
export function draftVoucher(
  ctx: ServiceContext,
  v: { date: string; word: string; attachments: number; attachmentsNote?: string | null; source: string; lines: CleanLine[] },
  field = 'date',
): VoucherDetail {
  const me = requireUser(ctx);
  const period = assertOpenDate(ctx.db, v.date, field);
  const id = insertDraft(ctx.db, {
    period,
    date: v.date,
    word: v.word,
    kind: 'normal',
    preparedBy: me.id,
    at: ctx.now.toISOString(),
    attachments: v.attachments,
    attachmentsNote: v.attachmentsNote ?? null,
    source: v.source,
  });
  insertLines(ctx.db, id, v.lines);
  return voucherDetail(ctx, id);
}

export function line(l: Partial<CleanLine> & Pick<CleanLine, 'summary' | 'accountCode'>): CleanLine {
  return {
    debit: 0,
    credit: 0,
    fundNature: null,
    project: null,
    expenseType: null,
    counterparty: null,
    bankAccount: null,
    custodial: false,
    ...l,
  };
}
