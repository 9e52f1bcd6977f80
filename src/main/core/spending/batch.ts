// Batch distributions (issue 5; scenarios S10 birthdays, S14 retiree visits, festival goods for every
// member in service) and the printed 签领表 (spending-rules.md §5.8: "都必须编制发放签领表";
// birthdays "慰问品和实物券会员实名签收").
//
// spending.batch.prepare selects the members and saves ONE draft request through saveRequest, so the
// compliance engine checks it exactly like a hand-made one: retirees under R-RET (CHK-MEM-1), the
// caps per member (CHK-FEST-2 …), a second birthday in the year (CHK-FREQ-1), cash or cards
// (CHK-CARD-1). The selection follows each member's status ON the distribution date.
//
// spending.rosterPrint prints the internal sign-off roster with real names. For aid requests
// (困难帮扶 / 送温暖 / 金秋助学, or any request referencing a hardship case) it is restricted like the
// hardship files themselves (CHK-PRIV-1).
import type { Handler } from '../context';
import { AfterCommit, afterCommit } from '../context';
import { CoreError } from '../errors';
import { spendingRequestInput, type SpendingRequestInput } from '../../contract/spending';
import { HARDSHIP_AID_TYPES, type BatchKind } from '../../contract/distributions';
import { formatYuan } from '../../contract/money';
import { renderTablePdf, renderTableXlsx, type Column, type Row, type TableDoc } from '../print';
import { chineseDate, madeOn, safeFilename } from '../reports/common';
import { unionName } from '../ledger/common';
import { saveRequest, requestDetail } from './requests';
import { loadRequestRow, recipientsOf, detailsOf, statusOn, type MemberRowLite, type RequestRow } from './state';
import { requireHardshipAccess } from '../hardship/access';
import type { SyncDb } from '../db/sync-db';

export const ROSTER_SIGNATURES: readonly string[] = ['经办人：', '审核：', '工会主席：'];

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

interface Candidate extends MemberRowLite {
  employee_no: string;
  birth_date: string | null;
  joined_on: string | null;
  group_name: string | null;
}

/** The members a batch of `kind` goes to on `date`, by group then 工号. */
export function selectBatch(db: SyncDb, kind: BatchKind, date: string, month: number | null): Candidate[] {
  const all = db.sqlite
    .prepare(
      `SELECT m.id, m.name, m.status, m.status_since, m.employment_type, m.employee_no, m.birth_date, m.joined_on, g.name AS group_name
       FROM members m LEFT JOIN union_groups g ON g.id = m.group_id
       ORDER BY g.name IS NULL, g.name, m.employee_no`,
    )
    .all() as Candidate[];
  return all.filter((m) => {
    if (m.joined_on !== null && m.joined_on.slice(0, 10) > date) return false;
    const s = statusOn(db, m, date);
    switch (kind) {
      case 'festival_all_active':
        return s === 'active';
      case 'birthday_month':
        return s === 'active' && m.birth_date !== null && Number(m.birth_date.slice(5, 7)) === month;
      case 'retiree_visit':
        return s === 'retired';
    }
  });
}

export const prepareBatch: Handler<'spending.batch.prepare'> = (ctx, input) => {
  const { db } = ctx;
  const year = Number(input.date.slice(0, 4));
  let type: '节日慰问' | '生日慰问';
  let purpose: string;
  let month: number | null = null;
  if (input.kind === 'birthday_month') {
    if (input.month === undefined) throw new CoreError('VALIDATION', '生日慰问请选择生日月份。', { field: 'month' });
    month = input.month;
    type = '生日慰问';
    purpose = `${year}年${month}月会员生日慰问（${input.item}）`;
  } else {
    if (input.festival === undefined) throw new CoreError('VALIDATION', '节日慰问请填写节日（如中秋节）。', { field: 'festival' });
    type = '节日慰问';
    purpose = input.kind === 'retiree_visit' ? `${year}年${input.festival}走访慰问退休会员（${input.item}）` : `${year}年${input.festival}全体在职会员慰问品（${input.item}）`;
  }
  const members = selectBatch(db, input.kind, input.date, month);
  if (members.length === 0) {
    const who = input.kind === 'birthday_month' ? `${month}月生日的在职会员` : input.kind === 'retiree_visit' ? '退休（保留会籍）会员' : '在职会员';
    throw new CoreError('VALIDATION', `${input.date} 没有${who}，无法生成发放名单。`, { field: input.kind === 'birthday_month' ? 'month' : 'kind' });
  }
  const total = members.length * input.amountPerPersonFen;
  if (!Number.isSafeInteger(total)) throw new CoreError('VALIDATION', '合计金额过大。', { field: 'amountPerPersonFen' });
  const raw: SpendingRequestInput = {
    type,
    purpose: input.purpose ?? purpose,
    date: input.date,
    accountCode: input.account,
    amountFen: total,
    payee: { kind: 'supplier', name: input.payeeName ?? '待定（请填写供应商）' },
    paymentMethod: input.paymentMethod,
    budgetRef: input.budgetRef,
    recipients: members.map((m) => ({ memberId: m.id, amountFen: input.amountPerPersonFen, item: input.item })),
    details: {
      ...(input.festival !== undefined && type === '节日慰问' ? { festival: input.festival } : {}),
      ...(input.benefitForm !== undefined ? { benefitForm: input.benefitForm } : {}),
    },
  };
  const parsed = spendingRequestInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CoreError('VALIDATION', issue?.message ?? '发放名单不完整。', { field: issue ? issue.path.join('.') : 'kind' });
  }
  const saved = saveRequest(ctx, parsed.data);
  if (saved instanceof AfterCommit) throw new CoreError('INTERNAL', 'spending.save 不应延后执行。');
  const id = saved.id;
  db.sqlite.prepare('UPDATE spending_requests SET batch_kind = ?, batch_month = ? WHERE id = ?').run(input.kind, month, id);
  const request = requestDetail(db, id);
  const findings = request.latestCheck?.findings ?? [];
  ctx.audit({
    operation: 'spending.batch.prepare',
    entity: 'spending_request',
    entityId: id,
    after: {
      kind: input.kind,
      date: input.date,
      festival: input.festival ?? null,
      month,
      amountPerPersonFen: input.amountPerPersonFen,
      recipients: members.length,
      amountFen: total,
      findings: findings.map((f) => ({ rule: f.rule, severity: f.severity })),
    },
  });
  return { request, findings, recipientCount: members.length };
};

// ---------- the 签领表 ----------

function isAidRequest(row: RequestRow): boolean {
  return row.hardship_case_id !== null || (HARDSHIP_AID_TYPES as readonly string[]).includes(row.type);
}

/** "2026年中秋节慰问品签领表", "2026年3月生日慰问品签领表", "2026年中秋节退休会员慰问签领表" … */
export function rosterTitle(row: RequestRow): string {
  const year = row.request_date.slice(0, 4);
  const d = detailsOf(row);
  if (row.batch_kind === 'retiree_visit') return `${year}年${d.festival ?? ''}退休会员慰问签领表`;
  if (row.type === '节日慰问') return `${year}年${d.festival ?? ''}慰问品签领表`;
  if (row.type === '生日慰问') return `${year}年${row.batch_month ?? Number(row.request_date.slice(5, 7))}月生日慰问品签领表`;
  return `${year}年${row.type}签领表`;
}

export function rosterDoc(db: SyncDb, row: RequestRow, now: Date): TableDoc {
  const lines = db.sqlite
    .prepare(
      `SELECT r.line_no, r.amount_fen, r.item, m.employee_no, m.name, g.name AS group_name
       FROM spending_recipients r JOIN members m ON m.id = r.member_id LEFT JOIN union_groups g ON g.id = m.group_id
       WHERE r.request_id = ? ORDER BY r.line_no`,
    )
    .all(row.id) as { line_no: number; amount_fen: number; item: string | null; employee_no: string; name: string; group_name: string | null }[];
  const columns: Column[] = [
    { header: '序号', width: 0.6, kind: 'count', align: 'center' },
    { header: '工号', width: 1 },
    { header: '姓名', width: 1.1 },
    { header: '工会小组', width: 1.3 },
    { header: '物品', width: 2, maxLines: 2 },
    { header: '金额', width: 1.1, kind: 'money' },
    { header: '签领人签字', width: 2.4 },
    { header: '日期', width: 1.2 },
  ];
  const rows: Row[] = lines.map((l, i) => ({ cells: [i + 1, l.employee_no, l.name, l.group_name ?? '', l.item ?? '', l.amount_fen, '', ''] }));
  const totalFen = lines.reduce((s, l) => s + l.amount_fen, 0);
  rows.push({ cells: ['', '合计', `共 ${lines.length} 人`, '', '', totalFen, '', ''], bold: true, total: true });
  const title = rosterTitle(row);
  return {
    title,
    unitName: unionName(db),
    period: `发放日期：${chineseDate(row.request_date)}`,
    subtitle: `支出申请 #${row.id}：${row.purpose}`,
    columns,
    rows,
    groupHeaders: [
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '', span: 1 },
      { text: '物品/金额', span: 2 },
      { text: '', span: 1 },
      { text: '', span: 1 },
    ],
    notes: [
      `注：共 ${lines.length} 人，合计 ${formatYuan(totalFen, { thousands: true })} 元。领取人本人签字并填写日期；代领须注明代领人。`,
      '本表为内部签领凭据，含会员个人信息，不得对外公示。',
    ],
    signatures: [...ROSTER_SIGNATURES],
    signDate: madeOn(now),
    orientation: 'portrait',
    sheetName: title,
  };
}

export const printRoster: Handler<'spending.rosterPrint'> = (ctx, input) => {
  const { db } = ctx;
  const row = loadRequestRow(db, input.requestId);
  if (isAidRequest(row)) requireHardshipAccess(ctx, '困难帮扶类签领表');
  if (recipientsOf(db, row.id).length === 0) throw new CoreError('VALIDATION', `支出申请 #${row.id} 没有领取人名单，无需签领表。`, { field: 'requestId' });
  if (row.status === 'rejected' || row.status === 'withdrawn') throw new CoreError('CONFLICT', `支出申请 #${row.id} 已驳回或撤回，不能打印签领表。`, { field: 'requestId' });
  const doc = rosterDoc(db, row, ctx.now);
  const format = input.format;
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablePdf(doc) : await renderTableXlsx(doc);
    return { filename: `${safeFilename(doc.title)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
};
