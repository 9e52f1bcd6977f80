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
import { postedVouchersOfYear, userNames, vouchersByIds } from './common';
import { sampleView } from './sampling';
import { unionName } from '../ledger/common';
import { formatYuan } from '../../contract/money';

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

/** 抽样清单: the drawn vouchers with a blank 审查意见 column for the reviewer's notes on paper. */
export const exportSample: Handler<'review.samples.export'> = (ctx, input) => {
  const v = sampleView(ctx.db, input.id);
  const signDate = `抽样日期：${chineseDate(new Date(Date.parse(v.createdAt) + 8 * 3600_000).toISOString().slice(0, 10))}`;
  const doc: TableDoc = {
    title: '经费审查凭证抽样清单',
    unitName: unionName(ctx.db),
    period: `年度：${v.year}年`,
    columns: [
      { header: '序号', kind: 'count', width: 0.5 },
      { header: '日期', width: 1 },
      { header: '凭证号', width: 0.7 },
      { header: '摘要', width: 2.6, maxLines: 3 },
      { header: '金额', kind: 'money', width: 1.2 },
      { header: '附件张数', kind: 'count', width: 0.7 },
      { header: '分层', width: 1.6, maxLines: 2 },
      { header: '审查意见', width: 2.2 },
    ],
    rows: v.items.map((i, k) => ({ cells: [k + 1, i.date, i.voucherNo, i.summary, i.amountFen, i.attachments, i.stratumLabel, ''] })),
    notes: [
      `第 ${v.id} 次抽样，随机种子 ${v.seed}（用同一种子、同一总体重抽得到相同样本）；必抽金额 ${formatYuan(v.thresholdFen)} 元及以上的凭证全部抽取（${v.overThreshold.count} 张）。`,
      `总体：${v.year}年度已记账凭证（不含结账凭证）${v.populationCount} 张，${formatYuan(v.populationFen)} 元；样本 ${v.items.length} 张。分层：${v.strata.map((s) => `${s.label} 总体 ${s.populationCount} 张抽 ${s.drawn} 张`).join('；')}。`,
      `总体校验值（SHA-256）：${v.populationSha256}${v.populationChanged ? '（抽样后总体已变化）' : ''}`,
    ],
    signatures: [...REVIEW_SIGNATURES],
    signDate,
    sheetName: '抽样清单',
    orientation: 'landscape',
  };
  const format = input.format;
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablesPdf([doc]) : await renderTablesXlsx([doc]);
    return { filename: `${safeFilename(`经费审查凭证抽样清单-${v.year}年度-第${v.id}次`)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
};
