// The schedules (专项审查表) to PDF and Excel through the shared print layer (src/main/core/print):
// one TableDoc per schedule, all of them as sheets of one workbook, or one after another in a PDF.
// Header 编制单位（公章）and 年度; footer with the committee's signature lines (review-and-disclosure.md §8).
import type { Handler } from '../context';
import { afterCommit, requireUser } from '../context';
import { CoreError } from '../errors';
import { renderTablesPdf, renderTablesXlsx, type Column, type TableDoc } from '../print';
import { chineseDate, safeFilename } from '../reports/common';
import type { ScheduleTable } from '../../contract/review';
import { buildSchedules, levyReceipts } from './schedules';
import { postedVouchersOfYear, vouchersByIds } from './common';
import { userNames } from './common';

export const REVIEW_SIGNATURES: readonly string[] = ['经费审查委员会主任：', '审查人：', '复核：'];

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function scheduleDoc(t: ScheduleTable, unitName: string, year: number, signDate: string): TableDoc {
  const columns: Column[] = t.columns.map((c) => ({ header: c.header, kind: c.kind, width: c.width ?? 1, ...(c.kind === 'text' ? { maxLines: 4 } : {}) }));
  return {
    title: t.title,
    unitName,
    period: `年度：${year}年`,
    columns,
    rows: t.rows.map((r) => ({ cells: r.cells, ...(r.bold ? { bold: true } : {}) })),
    notes: t.notes,
    signatures: [...REVIEW_SIGNATURES],
    signDate,
    sheetName: t.title.replace(/情况表$|表$/, ''),
    orientation: 'landscape',
  };
}

export const exportSchedules: Handler<'review.schedules.export'> = (ctx, input) => {
  const s = buildSchedules(ctx, input.year, input.key);
  const signDate = `编制日期：${chineseDate(new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10))}`;
  const docs = s.tables.map((t) => scheduleDoc(t, s.unionName, s.year, signDate));
  const name = input.key ? `${s.tables[0]!.title}-${s.year}年度` : `经费审查专项审查表-${s.year}年度`;
  const format = input.format;
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablesPdf(docs) : await renderTablesXlsx(docs);
    return { filename: `${safeFilename(name)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
};

/** The reviewer records the 工资总额 behind one levy receipt (dues.md §6: "entered from the employer's payroll"). */
export const saveLevyBase: Handler<'review.levyBases.save'> = (ctx, input) => {
  const user = requireUser(ctx);
  const v = vouchersByIds(ctx.db, [input.voucherId]).get(input.voucherId);
  if (!v) throw new CoreError('NOT_FOUND', `凭证 ${input.voucherId} 不存在。`, { field: 'voucherId' });
  const year = Number(v.date.slice(0, 4));
  if (!levyReceipts(ctx.db, postedVouchersOfYear(ctx.db, year)).some((r) => r.v.id === v.id)) {
    throw new CoreError('RULE', '只能为已记账、贷记拨缴经费收入（402）的凭证登记工资总额。', { field: 'voucherId', rule: '工会法 第四十三条' });
  }
  const before = ctx.db.sqlite.prepare('SELECT payroll_base_fen, note FROM review_levy_bases WHERE voucher_id = ?').get(v.id) as { payroll_base_fen: number; note: string | null } | undefined;
  if (input.payrollBaseFen === null) {
    ctx.db.sqlite.prepare('DELETE FROM review_levy_bases WHERE voucher_id = ?').run(v.id);
  } else {
    ctx.db.sqlite
      .prepare(
        `INSERT INTO review_levy_bases (voucher_id, payroll_base_fen, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (voucher_id) DO UPDATE SET payroll_base_fen = excluded.payroll_base_fen, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      )
      .run(v.id, input.payrollBaseFen, input.note, user.id, ctx.now.toISOString());
  }
  ctx.audit({
    operation: 'review.levyBases.save',
    entity: 'review_levy_base',
    entityId: v.id,
    before: before ? { payrollBaseFen: before.payroll_base_fen, note: before.note } : undefined,
    after: input.payrollBaseFen === null ? null : { payrollBaseFen: input.payrollBaseFen, note: input.note },
  });
  if (input.payrollBaseFen === null) return null;
  return { voucherId: v.id, payrollBaseFen: input.payrollBaseFen, note: input.note, recordedBy: userNames(ctx.db).get(user.id) ?? user.displayName, recordedAt: ctx.now.toISOString() };
};
