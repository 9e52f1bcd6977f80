// 记账凭证: draft → reviewed (审核) → posted (记账), red/blue corrections, attachments.
// Rules: ../shared/domain/vouchers-and-books.md §1–§7 (会计基础工作规范; 财会〔2013〕20号 第十条).
import { createHash } from 'node:crypto';
import type { SyncDb } from '../db/sync-db';
import type { Handler, ServiceContext } from '../context';
import { requireUser } from '../context';
import type { AccountInfo, VoucherDetail, VoucherLine, VoucherLineInput, VoucherSummary } from '../../contract/books';
import type { Finding } from '../../contract/op';
import type { VouchersTable } from '../db/schema';
import { toChineseCapital, formatYuan } from '../../contract/money';
import { CoreError } from '../errors';
import { isCashOrBank, loadChart } from './accounts';
import { assertOpenDate } from './periods';
import { nextVoucherNumber } from './numbering';
// Vouchers prepared by the dues module carry payment rows; these hooks keep the two in step.
import { DUES_DRAFT_LOCKED, isDuesSource, releaseDuesDraft, reverseDuesPayments } from '../dues/voucher-link';

type VoucherRow = Omit<VouchersTable, 'id'> & { id: number };

const STATUS_LABEL = { draft: '草稿', reviewed: '已审核', posted: '已记账' } as const;

function loadRow(db: SyncDb, id: number): VoucherRow {
  const v = db.first(db.q.selectFrom('vouchers').selectAll().where('id', '=', id)) as VoucherRow | undefined;
  if (!v) throw new CoreError('NOT_FOUND', `凭证 #${id} 不存在。`, { field: 'id' });
  return v;
}

/** "记字第 5 号" or "记字（草稿）". */
export function voucherLabel(v: { word: string; number: number | null; voucher_date: string }): string {
  const d = v.voucher_date;
  const num = v.number === null ? '（未编号）' : `第${v.number}号`;
  return `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日${v.word}字${num}凭证`;
}

function userName(db: SyncDb, id: number | null): string {
  if (id === null) return '';
  return db.first(db.q.selectFrom('users').select('display_name').where('id', '=', id))?.display_name ?? `#${id}`;
}

function signer(db: SyncDb, id: number | null, at: string | null) {
  return id === null || at === null ? null : { userId: id, name: userName(db, id), at };
}

function linesOf(db: SyncDb, id: number, chart: Map<string, AccountInfo>): VoucherLine[] {
  return db.all(db.q.selectFrom('voucher_lines').selectAll().where('voucher_id', '=', id).orderBy('line_no')).map((l) => ({
    lineNo: l.line_no,
    summary: l.summary,
    accountCode: l.account_code,
    accountName: chart.get(l.account_code)?.fullName ?? l.account_code,
    debit: l.debit,
    credit: l.credit,
    fundNature: l.fund_nature,
    project: l.project,
    expenseType: l.expense_type,
    counterparty: l.counterparty,
    bankAccount: l.bank_account,
    custodial: l.custodial === 1,
  }));
}

function attachmentPages(db: SyncDb, id: number): number {
  const r = db.first(db.q.selectFrom('voucher_attachments').select((eb) => eb.fn.sum<number>('pages').as('p')).where('voucher_id', '=', id));
  return Number(r?.p ?? 0);
}

/** The checks that apply to a voucher that is not yet posted. */
function findingsFor(ctx: ServiceContext, v: VoucherRow, lines: VoucherLine[], forUserId: number | null): Finding[] {
  const out: Finding[] = [];
  if (v.status === 'posted') return out;
  const debit = lines.reduce((s, l) => s + l.debit, 0);
  const credit = lines.reduce((s, l) => s + l.credit, 0);
  if (debit !== credit) {
    out.push({
      rule: 'VCH-BAL',
      severity: 'block',
      message: `借方合计 ${formatYuan(debit)} 与贷方合计 ${formatYuan(credit)} 不等，相差 ${formatYuan(Math.abs(debit - credit))} 元。`,
      citation: '财会〔2021〕7号 第十条（借贷记账法）',
    });
  } else if (debit === 0) {
    out.push({ rule: 'VCH-ZERO', severity: 'block', message: '凭证金额合计为零。', citation: '会计基础工作规范 第五十一条' });
  }
  const pages = attachmentPages(ctx.db, v.id);
  if (pages > 0 && pages !== v.attachments && !v.attachments_note) {
    out.push({
      rule: 'VCH-ATT',
      severity: 'block',
      message: `附件张数填写为 ${v.attachments} 张，已上传的原始凭证共 ${pages} 张，两者不符；请更正张数，或在附件说明中写明原因（如“附件另订”）。`,
      citation: '会计基础工作规范 第五十一条(四)、第五十五条',
    });
  }
  const exempt = v.kind === 'reversal' || v.kind === 'closing' || v.kind === 'year_end' || v.kind === 'correction' || v.kind === 'difference';
  if (v.attachments === 0 && !exempt) {
    out.push({
      rule: 'CHK-ATT-1',
      severity: 'warn',
      message: '附件张数为 0：除结账和更正错误的凭证外，记账凭证必须附有原始凭证。',
      citation: '会计基础工作规范 第五十一条(四)',
    });
  }
  if (forUserId !== null && forUserId === v.prepared_by) {
    out.push({
      rule: 'CHK-SOD-1',
      severity: ctx.settings().preparerReviewsOwn,
      message: '审核人与制单人是同一人。',
      citation: '会计基础工作规范 第五十一条(一)（制单、稽核分别签章）',
    });
  }
  return out;
}

export function voucherDetail(ctx: ServiceContext, id: number): VoucherDetail {
  const { db } = ctx;
  const v = loadRow(db, id);
  const chart = loadChart(db);
  const lines = linesOf(db, id, chart);
  const totalDebit = lines.reduce((s, l) => s + l.debit, 0);
  const totalCredit = lines.reduce((s, l) => s + l.credit, 0);
  const links = (col: 'reverses_voucher_id' | 'corrects_voucher_id') =>
    db.all(db.q.selectFrom('vouchers').select('id').where(col, '=', id).orderBy('id')).map((r) => r.id);
  const files = db
    .all(
      db.q
        .selectFrom('voucher_attachments as a')
        .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
        .select(['a.id', 'a.filename', 'a.mime_type', 'a.sha256', 'b.size', 'a.pages', 'a.added_at'])
        .where('a.voucher_id', '=', id)
        .orderBy('a.id'),
    )
    .map((f) => ({ id: f.id, filename: f.filename, mimeType: f.mime_type, sha256: f.sha256, size: f.size, pages: f.pages, addedAt: f.added_at }));
  const reviewerFor = v.status === 'draft' ? (ctx.user?.id ?? null) : null;
  return {
    id: v.id,
    period: v.period,
    date: v.voucher_date,
    word: v.word,
    number: v.number,
    status: v.status,
    kind: v.kind,
    summary: lines[0]?.summary ?? '',
    total: totalDebit,
    attachments: v.attachments,
    preparedBy: userName(db, v.prepared_by),
    attachmentsNote: v.attachments_note,
    lines,
    totalDebit,
    totalCredit,
    totalInWords: toChineseCapital(totalDebit),
    reversesVoucherId: v.reverses_voucher_id,
    correctsVoucherId: v.corrects_voucher_id,
    reversedBy: links('reverses_voucher_id'),
    correctedBy: links('corrects_voucher_id'),
    source: v.source,
    preparer: signer(db, v.prepared_by, v.prepared_at)!,
    reviewer: signer(db, v.reviewed_by, v.reviewed_at),
    cashier: signer(db, v.cashier_by, v.cashier_at),
    poster: signer(db, v.posted_by, v.posted_at),
    needsCashier: lines.some((l) => { const a = chart.get(l.accountCode); return a ? isCashOrBank(a) : false; }),
    files,
    findings: findingsFor(ctx, v, lines, reviewerFor),
  };
}

// ---------- validating lines ----------

export interface CleanLine {
  summary: string;
  accountCode: string;
  debit: number;
  credit: number;
  fundNature: 'special' | 'general' | null;
  project: string | null;
  expenseType: 'basic' | 'project' | null;
  counterparty: string | null;
  bankAccount: string | null;
  custodial: boolean;
}

type ParsedLine = Omit<VoucherLineInput, 'debit' | 'credit'> & { debit: number; credit: number };

function checkLines(chart: Map<string, AccountInfo>, lines: ParsedLine[], allowNegative: boolean): CleanLine[] {
  return lines.map((l, i) => {
    const at = (f: string) => `lines.${i}.${f}`;
    const no = `第 ${i + 1} 行`;
    const a = chart.get(l.accountCode);
    if (!a) throw new CoreError('VALIDATION', `${no}：会计科目 ${l.accountCode} 不存在。`, { field: at('accountCode') });
    if (!a.enabled) throw new CoreError('VALIDATION', `${no}：会计科目 ${a.code} ${a.fullName} 未启用。`, { field: at('accountCode') });
    if (!a.leaf) {
      throw new CoreError('VALIDATION', `${no}：${a.code} ${a.fullName} 下设有明细科目，请选择末级明细科目。`, {
        field: at('accountCode'),
        rule: '财会〔2021〕7号 附录1 总说明 四',
      });
    }
    if (l.debit !== 0 && l.credit !== 0) throw new CoreError('VALIDATION', `${no}：借方和贷方只能填写一方。`, { field: at('debit') });
    if (l.debit === 0 && l.credit === 0) throw new CoreError('VALIDATION', `${no}：请填写借方或贷方金额。`, { field: at('debit') });
    if (!allowNegative && (l.debit < 0 || l.credit < 0)) {
      throw new CoreError('VALIDATION', `${no}：金额不能为负数；红字冲销请使用“冲销”功能。`, { field: at(l.debit < 0 ? 'debit' : 'credit') });
    }
    const isIncomeOrSpending = a.element === 'revenue' || a.element === 'expenditure';
    const fundNature = l.fundNature ?? null;
    if (isIncomeOrSpending && !fundNature) {
      throw new CoreError('VALIDATION', `${no}：收入、支出科目须标明资金性质（专项或非专项），以便期末结转到 321 或 322。`, {
        field: at('fundNature'),
        rule: '财会〔2021〕7号 第二十二条（专款专用，单独反映）',
      });
    }
    if (fundNature === 'special' && !l.project) {
      throw new CoreError('VALIDATION', `${no}：专项资金须注明项目。`, { field: at('project'), rule: '财会〔2021〕7号 第二十二条' });
    }
    const expenseType = l.expenseType ?? null;
    if (a.element === 'expenditure' && !expenseType) {
      throw new CoreError('VALIDATION', `${no}：支出科目须标明基本支出或项目支出。`, { field: at('expenseType'), rule: '财会〔2021〕7号 附录1 总说明 二' });
    }
    if (a.dims.includes('counterparty') && !l.counterparty) {
      throw new CoreError('VALIDATION', `${no}：${a.code} ${a.fullName} 须填写往来单位或个人。`, { field: at('counterparty') });
    }
    if (l.custodial && !isCashOrBank(a)) {
      throw new CoreError('VALIDATION', `${no}：只有库存现金、银行存款可以标记为代管资金。`, { field: at('custodial') });
    }
    return {
      summary: l.summary,
      accountCode: a.code,
      debit: l.debit,
      credit: l.credit,
      fundNature: isIncomeOrSpending ? fundNature : (fundNature ?? null),
      project: l.project ?? null,
      expenseType: a.element === 'expenditure' ? expenseType : null,
      counterparty: l.counterparty ?? null,
      bankAccount: l.bankAccount ?? null,
      custodial: l.custodial ?? false,
    };
  });
}

export function insertLines(db: SyncDb, voucherId: number, lines: CleanLine[]): void {
  lines.forEach((l, i) =>
    db.run(
      db.q.insertInto('voucher_lines').values({
        voucher_id: voucherId,
        line_no: i + 1,
        summary: l.summary,
        account_code: l.accountCode,
        debit: l.debit,
        credit: l.credit,
        fund_nature: l.fundNature,
        project: l.project,
        expense_type: l.expenseType,
        counterparty: l.counterparty,
        bank_account: l.bankAccount,
        custodial: l.custodial ? 1 : 0,
      }),
    ),
  );
}

/** Inserts a voucher as a draft (the only way the database accepts one) and returns its id. */
export function insertDraft(
  db: SyncDb,
  v: {
    period: string;
    date: string;
    word: string;
    kind: VoucherRow['kind'];
    preparedBy: number;
    at: string;
    attachments?: number;
    attachmentsNote?: string | null;
    reversesVoucherId?: number | null;
    correctsVoucherId?: number | null;
    source?: string | null;
  },
): number {
  return Number(
    db.run(
      db.q.insertInto('vouchers').values({
        period: v.period,
        voucher_date: v.date,
        word: v.word,
        number: null,
        attachments: v.attachments ?? 0,
        attachments_note: v.attachmentsNote ?? null,
        status: 'draft',
        kind: v.kind,
        reverses_voucher_id: v.reversesVoucherId ?? null,
        corrects_voucher_id: v.correctsVoucherId ?? null,
        source: v.source ?? null,
        prepared_by: v.preparedBy,
        prepared_at: v.at,
        reviewed_by: null,
        reviewed_at: null,
        cashier_by: null,
        cashier_at: null,
        posted_by: null,
        posted_at: null,
      }),
    ).lastInsertRowid,
  );
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/** A prior-year error is corrected through 32101/32201; this year's revenue and spending are not touched. */
function assertPriorYearCorrection(chart: Map<string, AccountInfo>, lines: CleanLine[]): void {
  const bad = lines.findIndex((l) => {
    const e = chart.get(l.accountCode)!.element;
    return e === 'revenue' || e === 'expenditure';
  });
  if (bad >= 0) {
    throw new CoreError(
      'RULE',
      `第 ${bad + 1} 行：更正以前年度的凭证，不得记入本年收入或支出科目，应通过 32101/32201 年初余额调整。`,
      { field: `lines.${bad}.accountCode`, rule: '财会〔2021〕7号 第二十三条；会计基础工作规范 第五十一条(五)' },
    );
  }
}

function requirePosted(db: SyncDb, id: number, what: string): VoucherRow {
  const v = loadRow(db, id);
  if (v.status !== 'posted') throw new CoreError('CONFLICT', `只有已记账的凭证才需要${what}；未记账的凭证可以直接修改。`, { field: 'id' });
  return v;
}

// ---------- operations ----------

export const listVouchers: Handler<'vouchers.list'> = (ctx, input) => {
  const { db } = ctx;
  let q = db.q.selectFrom('vouchers as v');
  if (input.period) q = q.where('v.period', '=', input.period);
  if (input.status) q = q.where('v.status', '=', input.status);
  const total = db.first(q.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = db.all(
    q
      .innerJoin('users as u', 'u.id', 'v.prepared_by')
      .select((eb) => [
        'v.id',
        'v.period',
        'v.voucher_date',
        'v.word',
        'v.number',
        'v.status',
        'v.kind',
        'v.attachments',
        'u.display_name',
        eb.selectFrom('voucher_lines').select('summary').whereRef('voucher_id', '=', 'v.id').orderBy('line_no').limit(1).as('summary'),
        eb.selectFrom('voucher_lines').select((e) => e.fn.sum<number>('debit').as('t')).whereRef('voucher_id', '=', 'v.id').as('total'),
      ])
      .orderBy('v.period', 'desc')
      .orderBy((eb) => eb.fn.coalesce('v.number', eb.val(1e9)), 'desc')
      .orderBy('v.id', 'desc')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
  );
  const out: VoucherSummary[] = rows.map((r) => ({
    id: r.id,
    period: r.period,
    date: r.voucher_date,
    word: r.word,
    number: r.number,
    status: r.status,
    kind: r.kind,
    summary: r.summary ?? '',
    total: Number(r.total ?? 0),
    attachments: r.attachments,
    preparedBy: r.display_name,
  }));
  return { rows: out, total, page: input.page, pageSize: input.pageSize };
};

export const getVoucher: Handler<'vouchers.get'> = (ctx, input) => voucherDetail(ctx, input.id);

export const saveVoucher: Handler<'vouchers.save'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const period = assertOpenDate(db, input.date);
  const chart = loadChart(db);
  const existing = input.id !== undefined ? loadRow(db, input.id) : null;
  if (existing && existing.status !== 'draft') {
    throw new CoreError('CONFLICT', existing.status === 'reviewed' ? '凭证已审核，请先取消审核再修改。' : '凭证已记账，不得修改；请用红字冲销或订正。', { field: 'id' });
  }
  if (existing && (existing.kind === 'reversal' || existing.kind === 'closing' || existing.kind === 'year_end')) {
    throw new CoreError('CONFLICT', '系统生成的冲销或结转凭证不能手工修改，可以删除后重新生成。', { field: 'id' });
  }
  if (existing && isDuesSource(existing.source)) throw new CoreError('CONFLICT', DUES_DRAFT_LOCKED, { field: 'id' });
  const allowNegative = input.kind === 'difference';
  const lines = checkLines(chart, input.lines as ParsedLine[], allowNegative);

  let correctsVoucherId: number | null = null;
  if (input.kind !== 'normal') {
    if (!input.correctsVoucherId) throw new CoreError('VALIDATION', '订正凭证须指明所订正的原凭证。', { field: 'correctsVoucherId' });
    const original = requirePosted(db, input.correctsVoucherId, '订正');
    if (yearOf(original.voucher_date) < yearOf(input.date)) assertPriorYearCorrection(chart, lines);
    correctsVoucherId = original.id;
  }

  const at = ctx.now.toISOString();
  const before = existing ? voucherDetail(ctx, existing.id) : undefined;
  let id: number;
  if (existing) {
    id = existing.id;
    db.run(
      db.q
        .updateTable('vouchers')
        .set({
          period,
          voucher_date: input.date,
          word: input.word,
          attachments: input.attachments,
          attachments_note: input.attachmentsNote ?? null,
          kind: input.kind,
          corrects_voucher_id: correctsVoucherId,
          prepared_by: me.id,
          prepared_at: at,
          // An edit voids the cashier's confirmation: they confirmed other figures.
          cashier_by: null,
          cashier_at: null,
        })
        .where('id', '=', id),
    );
    db.run(db.q.deleteFrom('voucher_lines').where('voucher_id', '=', id));
  } else {
    id = insertDraft(db, {
      period,
      date: input.date,
      word: input.word,
      kind: input.kind,
      preparedBy: me.id,
      at,
      attachments: input.attachments,
      attachmentsNote: input.attachmentsNote ?? null,
      correctsVoucherId,
    });
  }
  insertLines(db, id, lines);
  const after = voucherDetail(ctx, id);
  ctx.audit({ operation: 'vouchers.save', entity: 'voucher', entityId: id, before, after: { ...after, findings: undefined, files: undefined } });
  return after;
};

export const deleteVoucher: Handler<'vouchers.delete'> = (ctx, input) => {
  const v = loadRow(ctx.db, input.id);
  if (v.status !== 'draft') {
    throw new CoreError('CONFLICT', v.status === 'posted' ? '已记账凭证不得删除（财会〔2013〕20号 第十条）。' : '凭证已审核，请先取消审核再删除。', { field: 'id' });
  }
  const before = voucherDetail(ctx, input.id);
  if (isDuesSource(v.source)) releaseDuesDraft(ctx.db, input.id);
  ctx.db.run(ctx.db.q.deleteFrom('voucher_attachments').where('voucher_id', '=', input.id));
  ctx.db.run(ctx.db.q.deleteFrom('voucher_lines').where('voucher_id', '=', input.id));
  ctx.db.run(ctx.db.q.deleteFrom('vouchers').where('id', '=', input.id));
  ctx.audit({ operation: 'vouchers.delete', entity: 'voucher', entityId: input.id, before: { ...before, findings: undefined } });
  return null;
};

function refuseOnBlocks(findings: Finding[], action: string): void {
  const block = findings.find((f) => f.severity === 'block');
  if (block) throw new CoreError('RULE', `不能${action}：${block.message}`, { rule: `${block.rule}：${block.citation}` });
}

export const reviewVoucher: Handler<'vouchers.review'> = (ctx, input) => {
  const me = requireUser(ctx);
  const v = loadRow(ctx.db, input.id);
  if (v.status !== 'draft') throw new CoreError('CONFLICT', `凭证${STATUS_LABEL[v.status]}，不能重复审核。`, { field: 'id' });
  assertOpenDate(ctx.db, v.voucher_date);
  const lines = linesOf(ctx.db, v.id, loadChart(ctx.db));
  const findings = findingsFor(ctx, v, lines, me.id);
  refuseOnBlocks(findings, '审核');
  ctx.db.run(ctx.db.q.updateTable('vouchers').set({ status: 'reviewed', reviewed_by: me.id, reviewed_at: ctx.now.toISOString() }).where('id', '=', v.id));
  const warnings = findings.filter((f) => f.severity === 'warn');
  ctx.audit({ operation: 'vouchers.review', entity: 'voucher', entityId: v.id, before: { status: 'draft' }, after: { status: 'reviewed', warnings } });
  return { ...voucherDetail(ctx, v.id), findings: warnings };
};

export const unreviewVoucher: Handler<'vouchers.unreview'> = (ctx, input) => {
  const v = loadRow(ctx.db, input.id);
  if (v.status !== 'reviewed') throw new CoreError('CONFLICT', `凭证${STATUS_LABEL[v.status]}，不能取消审核。`, { field: 'id' });
  ctx.db.run(ctx.db.q.updateTable('vouchers').set({ status: 'draft', reviewed_by: null, reviewed_at: null }).where('id', '=', v.id));
  ctx.audit({ operation: 'vouchers.unreview', entity: 'voucher', entityId: v.id, before: { status: 'reviewed', reviewedBy: v.reviewed_by }, after: { status: 'draft' } });
  return voucherDetail(ctx, v.id);
};

export const confirmCash: Handler<'vouchers.confirmCash'> = (ctx, input) => {
  const me = requireUser(ctx);
  const v = loadRow(ctx.db, input.id);
  if (v.status === 'posted') throw new CoreError('CONFLICT', '凭证已记账。', { field: 'id' });
  const detail = voucherDetail(ctx, v.id);
  if (!detail.needsCashier) throw new CoreError('CONFLICT', '该凭证没有库存现金或银行存款分录，无需出纳确认。', { field: 'id' });
  if (v.cashier_by !== null) throw new CoreError('CONFLICT', `出纳 ${userName(ctx.db, v.cashier_by)} 已确认过该凭证。`, { field: 'id' });
  ctx.db.run(ctx.db.q.updateTable('vouchers').set({ cashier_by: me.id, cashier_at: ctx.now.toISOString() }).where('id', '=', v.id));
  ctx.audit({ operation: 'vouchers.confirmCash', entity: 'voucher', entityId: v.id, after: { cashierBy: me.id } });
  return voucherDetail(ctx, v.id);
};

export const postVoucher: Handler<'vouchers.post'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const v = loadRow(db, input.id);
  if (v.status !== 'reviewed') {
    throw new CoreError('CONFLICT', v.status === 'posted' ? '凭证已记账。' : '凭证尚未审核，审核后才能记账。', { field: 'id' });
  }
  assertOpenDate(db, v.voucher_date);
  const detail = voucherDetail(ctx, v.id);
  if (detail.needsCashier && v.cashier_by === null) {
    throw new CoreError('RULE', '该凭证含库存现金或银行存款分录，须经出纳确认收付后才能记账。', {
      rule: '会计基础工作规范 第五十一条(一)（收款和付款记账凭证应当由出纳人员签名或者盖章）',
    });
  }
  if (v.reverses_voucher_id !== null) {
    const reversed = db.first(
      db.q.selectFrom('vouchers').select('id').where('reverses_voucher_id', '=', v.reverses_voucher_id).where('status', '=', 'posted'),
    );
    if (reversed) throw new CoreError('CONFLICT', '原凭证已被冲销过一次。', { field: 'id' });
  }
  // Gapless per period and voucher word, assigned now (财会〔2013〕20号 第十条: 连续编号).
  const number = nextVoucherNumber(db, v.period, v.word);
  db.run(db.q.updateTable('vouchers').set({ status: 'posted', number, posted_by: me.id, posted_at: ctx.now.toISOString() }).where('id', '=', v.id));
  // Posting the red voucher of a dues voucher makes its members' months unpaid again (negative payments).
  if (v.reverses_voucher_id !== null && isDuesSource(v.source)) {
    reverseDuesPayments(db, { id: v.id, voucher_date: v.voucher_date, reverses_voucher_id: v.reverses_voucher_id }, me.id, ctx.now.toISOString());
  }
  const after = voucherDetail(ctx, v.id);
  ctx.audit({ operation: 'vouchers.post', entity: 'voucher', entityId: v.id, before: { status: 'reviewed' }, after: { status: 'posted', number, period: v.period } });
  return after;
};

export const reverseVoucher: Handler<'vouchers.reverse'> = (ctx, input) => {
  const me = requireUser(ctx);
  const { db } = ctx;
  const original = requirePosted(db, input.id, '冲销');
  if (original.kind === 'reversal') throw new CoreError('CONFLICT', '这是一张冲销凭证，不能再冲销；如有错误请填制订正凭证。', { field: 'id' });
  const existing = db.first(db.q.selectFrom('vouchers').select(['id', 'status']).where('reverses_voucher_id', '=', original.id));
  if (existing) throw new CoreError('CONFLICT', `该凭证已有冲销凭证（#${existing.id}，${STATUS_LABEL[existing.status]}）。`, { field: 'id' });
  if (yearOf(original.voucher_date) < yearOf(input.date)) {
    throw new CoreError('RULE', '以前年度的凭证不能用红字冲销，请用蓝字填制更正凭证，通过 32101/32201 年初余额调整。', {
      rule: '会计基础工作规范 第五十一条(五)；财会〔2021〕7号 第二十三条',
    });
  }
  const period = assertOpenDate(db, input.date);
  const chart = loadChart(db);
  const text = `注销${voucherLabel(original)}`;
  const lines: CleanLine[] = linesOf(db, original.id, chart).map((l) => ({
    summary: text,
    accountCode: l.accountCode,
    debit: -l.debit,
    credit: -l.credit,
    fundNature: l.fundNature,
    project: l.project,
    expenseType: l.expenseType,
    counterparty: l.counterparty,
    bankAccount: l.bankAccount,
    custodial: l.custodial,
  }));
  const at = ctx.now.toISOString();
  const id = insertDraft(db, {
    period,
    date: input.date,
    word: original.word,
    kind: 'reversal',
    preparedBy: me.id,
    at,
    reversesVoucherId: original.id,
    source: original.source,
  });
  insertLines(db, id, lines);
  const after = voucherDetail(ctx, id);
  ctx.audit({ operation: 'vouchers.reverse', entity: 'voucher', entityId: id, after: { reverses: original.id, summary: text, total: after.totalDebit } });
  return after;
};

export const correctionTemplate: Handler<'vouchers.correctionTemplate'> = (ctx, input) => {
  const original = requirePosted(ctx.db, input.id, '订正');
  const chart = loadChart(ctx.db);
  const priorYear = yearOf(original.voucher_date) < yearOf(input.date);
  const text = input.mode === 'full' ? `订正${voucherLabel(original)}` : `更正${voucherLabel(original)}金额差额`;
  const lines: VoucherLineInput[] = linesOf(ctx.db, original.id, chart).map((l) => {
    const a = chart.get(l.accountCode)!;
    const moveToAdjustment = priorYear && (a.element === 'revenue' || a.element === 'expenditure');
    return {
      summary: text,
      // Prior-year revenue and spending are not reopened: 32101 (专项) / 32201 (非专项).
      accountCode: moveToAdjustment ? (l.fundNature === 'special' ? '32101' : '32201') : l.accountCode,
      debit: input.mode === 'full' ? l.debit : 0,
      credit: input.mode === 'full' ? l.credit : 0,
      fundNature: moveToAdjustment ? null : l.fundNature,
      project: l.project,
      expenseType: moveToAdjustment ? null : l.expenseType,
      counterparty: l.counterparty,
      bankAccount: l.bankAccount,
      custodial: l.custodial,
    };
  });
  return {
    date: input.date,
    word: original.word,
    attachments: 0,
    kind: input.mode === 'full' ? 'correction' : 'difference',
    correctsVoucherId: original.id,
    lines,
  };
};

// ---------- attachments ----------

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/tiff': (b) => ['II*\u0000', 'MM\u0000*'].includes(b.subarray(0, 4).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export const attachFile: Handler<'vouchers.attach'> = (ctx, input) => {
  const me = requireUser(ctx);
  const v = loadRow(ctx.db, input.id);
  if (v.status === 'posted') throw new CoreError('CONFLICT', '凭证已记账，原始凭证附件不能再增减。', { field: 'id' });
  const data = Buffer.from(input.base64, 'base64');
  if (data.length === 0) throw new CoreError('VALIDATION', '文件为空。', { field: 'base64' });
  if (data.length > MAX_ATTACHMENT_BYTES) throw new CoreError('VALIDATION', `文件 ${input.filename} 超过 20 MB。`, { field: 'base64' });
  if (!MAGIC[input.mimeType]!(data)) {
    throw new CoreError('VALIDATION', `文件 ${input.filename} 的内容不是声明的类型（${input.mimeType}），已拒绝。`, { field: 'mimeType' });
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  ctx.db.sqlite.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?)').run(sha256, data.length, data);
  ctx.db.run(
    ctx.db.q.insertInto('voucher_attachments').values({
      voucher_id: v.id,
      sha256,
      filename: input.filename,
      mime_type: input.mimeType,
      pages: input.pages,
      added_by: me.id,
      added_at: ctx.now.toISOString(),
    }),
  );
  ctx.audit({ operation: 'vouchers.attach', entity: 'voucher', entityId: v.id, after: { filename: input.filename, sha256, size: data.length, pages: input.pages } });
  return voucherDetail(ctx, v.id);
};

export const getAttachment: Handler<'vouchers.attachment'> = (ctx, input) => {
  const row = ctx.db.first(
    ctx.db.q
      .selectFrom('voucher_attachments as a')
      .innerJoin('attachment_blobs as b', 'b.sha256', 'a.sha256')
      .select(['a.filename', 'a.mime_type', 'b.data', 'b.sha256'])
      .where('a.id', '=', input.attachmentId),
  );
  if (!row) throw new CoreError('NOT_FOUND', `附件 #${input.attachmentId} 不存在。`);
  const data = Buffer.from(row.data);
  if (createHash('sha256').update(data).digest('hex') !== row.sha256) {
    throw new CoreError('INTERNAL', `附件 ${row.filename} 的内容与登记的 SHA-256 不符，可能已被篡改。`);
  }
  return { filename: row.filename, mimeType: row.mime_type, base64: data.toString('base64') };
};
