// The roster as .xlsx: the import template (header and one example row) and the export, both in
// the template's columns so that an exported roster can be edited and imported again. Sensitive
// columns are masked unless the user asked to reveal them (then the export is audited); a masked
// cell imported back keeps the stored number.
import type ExcelJS from 'exceljs';
import { exceljs } from '../lazy-libs';
import type { FileResult } from '../../contract/op';
import {
  EMPLOYMENT_TYPES,
  GENDERS,
  MEMBER_COLUMNS,
  MEMBER_STATUS_LABELS,
  MODEL_WORKER_LEVELS,
  type MemberColumn,
} from '../../contract/members';
import { afterCommit, type Handler } from '../context';
import { todayInChina } from '../closing/ledger';
import { MEMBER_ORDER, MEMBER_SELECT, type MemberRow } from './roster';
import { idCheckChar, maskBankAccount, maskIdNumber } from './values';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const WIDTHS: Record<MemberColumn, number> = {
  工号: 10, 姓名: 10, 性别: 6, 出生日期: 12, 工会小组: 12, 入会日期: 12, 会员状态: 14, 状态日期: 12,
  用工类型: 10, 劳模级别: 10, 联系电话: 14, 身份证号: 21, 银行账号: 23,
};
const TEXT_COLUMNS: readonly MemberColumn[] = ['工号', '联系电话', '身份证号', '银行账号'];
const DATE_COLUMNS: readonly MemberColumn[] = ['出生日期', '入会日期', '状态日期'];
const LISTS: Partial<Record<MemberColumn, readonly string[]>> = {
  性别: GENDERS,
  会员状态: Object.values(MEMBER_STATUS_LABELS),
  用工类型: EMPLOYMENT_TYPES,
  劳模级别: MODEL_WORKER_LEVELS,
};

type Value = string | Date | null;

/** A date cell that Excel shows as the same calendar day wherever it is opened. */
const dateCell = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);

function colLetter(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function rosterSheet(wb: ExcelJS.Workbook, rows: Value[][], lastRow: number): void {
  const ws = wb.addWorksheet('会员名册', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = MEMBER_COLUMNS.map((c) => ({
    header: c,
    key: c,
    width: WIDTHS[c],
    style: TEXT_COLUMNS.includes(c) ? { numFmt: '@' } : DATE_COLUMNS.includes(c) ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  for (const r of rows) ws.addRow(r);
  // Range validations exist in exceljs (worksheet.dataValidations) but are missing from its typings.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  MEMBER_COLUMNS.forEach((c, i) => {
    const list = LISTS[c];
    if (!list) return;
    const letter = colLetter(i + 1);
    validations.add(`${letter}2:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list.join(',')}"`],
      showErrorMessage: true,
      errorTitle: c,
      error: `${c}只能是：${list.join('、')}`,
    });
  });
}

function notesSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('填写说明');
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 90;
  const notes: [string, string][] = [
    ['工号', '必填，唯一。再次导入时按工号更新已有会员，不会重复新增。'],
    ['姓名', '必填。'],
    ['性别', `${GENDERS.join('、')}，可留空。`],
    ['日期', '出生日期、入会日期、状态日期可写作 2026-03-01、2026/3/1、20260301，或使用 Excel 日期格式。'],
    ['工会小组', '不存在的小组在导入时自动建立。'],
    ['会员状态', `必填：${Object.values(MEMBER_STATUS_LABELS).join('、')}。退休、失业保留会籍期间免交会费（章程 第八条）。`],
    ['状态日期', '会员状态不是“在职”时必填（自哪天起）；状态改变会记入会员履历。'],
    ['用工类型', `${EMPLOYMENT_TYPES.join('、')}，留空为“正式”。`],
    ['劳模级别', `${MODEL_WORKER_LEVELS.join('、')}，可留空。`],
    ['身份证号、银行账号', '可留空。请保持“文本”格式，否则 Excel 会丢失末几位。导出文件中打码（如 ****5678）的值导入时保留原号码。'],
    ['注意', '表头须在第 1 行；不要使用公式和合并单元格；整份文件无误才会导入，有问题的行会逐行列出。'],
  ];
  for (const n of notes) ws.addRow(n);
  ws.getColumn(1).font = { bold: true };
}

async function toFile(wb: ExcelJS.Workbook, filename: string): Promise<FileResult> {
  return { filename, mimeType: XLSX_MIME, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** An example 身份证号 that passes the check digit (region 110101, born 1985-06-15). */
export const EXAMPLE_ID = (() => {
  const first17 = '11010119850615123';
  return first17 + idCheckChar(first17);
})();

export const importTemplate: Handler<'members.importTemplate'> = () =>
  afterCommit(async () => {
    const wb = new (exceljs().Workbook)();
    wb.creator = '工会经费账簿';
    const example: Value[] = ['1001', '张三', '男', dateCell('1985-06-15'), '一车间', dateCell('2010-07-01'), '在职', null, '正式', null, '13800138000', EXAMPLE_ID, '6222020000001234567'];
    rosterSheet(wb, [example], 2000);
    notesSheet(wb);
    return toFile(wb, '会员导入模板.xlsx');
  });

export const exportExcel: Handler<'members.exportExcel'> = (ctx, input) => {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (input.group !== undefined) {
    where.push('m.group_id = ?');
    params.push(input.group);
  }
  if (input.status !== undefined) {
    where.push('m.status = ?');
    params.push(input.status);
  }
  const rows = ctx.db.sqlite.prepare(`${MEMBER_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${MEMBER_ORDER}`).all(...params) as MemberRow[];
  const reveal = input.reveal === true;
  if (reveal) {
    ctx.audit({
      operation: 'members.exportReveal',
      entity: 'members',
      after: { action: '查看敏感信息', what: '导出会员名册（含完整身份证号、银行账号）', members: rows.length, group: input.group ?? null, status: input.status ?? null },
    });
  }
  const stamp = todayInChina(ctx.now).replace(/-/g, '');
  return afterCommit(async () => {
    const wb = new (exceljs().Workbook)();
    wb.creator = '工会经费账簿';
    wb.created = ctx.now;
    const values = rows.map((r): Value[] => [
      r.employee_no,
      r.name,
      r.gender,
      dateCell(r.birth_date),
      r.group_name,
      dateCell(r.joined_on),
      MEMBER_STATUS_LABELS[r.status],
      dateCell(r.status_since),
      r.employment_type,
      r.model_worker,
      r.phone,
      reveal ? r.id_number : maskIdNumber(r.id_number),
      reveal ? r.bank_account : maskBankAccount(r.bank_account),
    ]);
    rosterSheet(wb, values, Math.max(rows.length + 1, 2) + 1000);
    notesSheet(wb);
    return toFile(wb, `会员名册-${stamp}${reveal ? '-含敏感信息' : ''}.xlsx`);
  });
};
