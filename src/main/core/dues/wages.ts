// dues.wages.*: the dues base of each member per month (D3: basic pay; bonuses and allowances never
// count), entered by hand or imported from the payroll .xlsx. Which pay-item columns count is the
// effective rule's counted_items (default ["基本工资"]). The import is all or nothing: any bad row
// and nothing is written; the preview says which row, which column and why, in Chinese.
import type { Handler, ServiceContext } from '../context';
import { prepared } from '../context';
import type { WageImportError, WageImportPreview, WageImportRow } from '../../contract/dues';
import { CoreError } from '../errors';
import { groupNameOf, loadMembers, ruleFor } from './common';
import { columnLetter, readGrid, type Grid, type GridCell } from '../files/grid';
import { MoneyError, parseYuan } from '../../contract/money';

export const listWages: Handler<'dues.wages.list'> = (ctx, input) => {
  const wages = new Map(
    (ctx.db.sqlite.prepare('SELECT member_id, base_fen, source FROM member_wages WHERE month = ?').all(input.month) as {
      member_id: number;
      base_fen: number;
      source: string;
    }[]).map((w) => [w.member_id, w]),
  );
  return loadMembers(ctx.db)
    .filter((m) => m.status === 'active' || wages.has(m.id))
    .map((m) => ({
      memberId: m.id,
      employeeNo: m.employee_no,
      name: m.name,
      groupName: groupNameOf(m),
      baseFen: wages.get(m.id)?.base_fen ?? null,
      source: wages.get(m.id)?.source ?? null,
      noFixedIncome: m.no_fixed_income === 1,
    }));
};

function writeWages(ctx: ServiceContext, month: string, rows: { memberId: number; baseFen: number; items: string | null }[], source: string): void {
  const stmt = ctx.db.sqlite.prepare(
    `INSERT INTO member_wages (member_id, month, base_fen, items, source, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (member_id, month) DO UPDATE SET base_fen = excluded.base_fen, items = excluded.items, source = excluded.source, updated_at = excluded.updated_at`,
  );
  const at = ctx.now.toISOString();
  for (const r of rows) stmt.run(r.memberId, month, r.baseFen, r.items, source, at);
}

export const saveWages: Handler<'dues.wages.save'> = (ctx, input) => {
  const known = new Set((ctx.db.sqlite.prepare('SELECT id FROM members').all() as { id: number }[]).map((r) => r.id));
  const seen = new Set<number>();
  input.rows.forEach((r, i) => {
    if (!known.has(r.memberId)) throw new CoreError('VALIDATION', `第 ${i + 1} 行：会员 #${r.memberId} 不存在。`, { field: `rows.${i}.memberId` });
    if (seen.has(r.memberId)) throw new CoreError('VALIDATION', `第 ${i + 1} 行：会员 #${r.memberId} 重复录入。`, { field: `rows.${i}.memberId` });
    seen.add(r.memberId);
  });
  writeWages(ctx, input.month, input.rows.map((r) => ({ memberId: r.memberId, baseFen: r.baseFen, items: null })), 'manual');
  ctx.audit({ operation: 'dues.wages.save', entity: 'member_wages', entityId: input.month, after: { month: input.month, rows: input.rows } });
  return { month: input.month, saved: input.rows.length };
};

// ---------- import ----------

/** A pay item of one month above this (100 万元) is a typing error, not a wage; it also keeps sums of 200,000 rows safe integers. */
export const MAX_WAGE_FEN = 100_000_000;

/** A pay amount in a cell → 分, or a Chinese reason. More than two decimals is refused (parseYuan). */
function amountOf(cell: GridCell | undefined): number | string {
  if (!cell) return 0;
  // A merged cell shows one amount for several people; exceljs gives the lower rows nothing.
  if (cell.merged) return `属于合并单元格 ${cell.merged}，请取消合并，并在每一行分别填写金额`;
  if (cell.kind === 'empty') return 0;
  if (cell.kind === 'formula') return `“=${cell.text.slice(0, 40)}”是公式，请粘贴为数值（复制后“选择性粘贴 → 数值”）`;
  if (cell.kind === 'date') return `“${cell.text}”是日期，不是金额`;
  if (cell.kind === 'error') return `单元格是错误值 ${cell.text}，请改为金额`;
  try {
    const fen = parseYuan(cell.kind === 'number' && cell.number !== undefined ? String(cell.number) : cell.text, '金额');
    if (fen > MAX_WAGE_FEN) return `金额 ${cell.text} 元过大（每月工资项目最多 ${MAX_WAGE_FEN / 100} 元），请检查是否多写了位数`;
    return fen < 0 ? `金额不能为负（${cell.text}）` : fen;
  } catch (e) {
    if (e instanceof MoneyError) return e.message;
    throw e;
  }
}

const cellText = (c: GridCell | undefined): string => (c ? c.text.trim() : '');

export function previewWageImport(ctx: ServiceContext, month: string, grid: Grid): WageImportPreview {
  const rule = ruleFor(ctx.db, month);
  const errors: WageImportError[] = [];
  const rows: WageImportRow[] = [];
  const result = (extra: Partial<WageImportPreview> = {}): WageImportPreview => ({
    month,
    ruleFrom: rule.effectiveFrom,
    countedItems: rule.countedItems,
    ignoredItems: [],
    rows,
    errors,
    ok: errors.length === 0 && rows.length > 0,
    totalBaseFen: rows.reduce((s, r) => s + r.baseFen, 0),
    ...extra,
  });
  const sheet = new Map(grid.rows.map((r) => [r.row, r.cells]));
  const rowNos = [...sheet.keys()].sort((a, b) => a - b);
  const headerRowNo = rowNos.find((r) => (sheet.get(r) ?? []).some((c) => cellText(c) !== ''));
  if (headerRowNo === undefined) {
    errors.push({ row: 0, column: null, message: '工资表是空的。' });
    return result();
  }
  const header = (sheet.get(headerRowNo) ?? []).map((c) => cellText(c));
  const col = (name: string) => header.findIndex((h) => h === name);
  const noCol = col('工号');
  const nameCol = col('姓名');
  if (noCol < 0) errors.push({ row: headerRowNo, column: null, message: '第一行（表头）缺少“工号”列。' });
  const itemCols = header.map((h, i) => ({ h, i })).filter(({ h, i }) => h !== '' && i !== noCol && i !== nameCol);
  const dupHeader = itemCols.find(({ h }, k) => itemCols.findIndex((x) => x.h === h) !== k);
  if (dupHeader) errors.push({ row: headerRowNo, column: `${dupHeader.h}（${columnLetter(dupHeader.i)} 列）`, message: `表头“${dupHeader.h}”出现了两次。` });
  const counted = itemCols.filter(({ h }) => rule.countedItems.includes(h));
  const ignoredItems = itemCols.filter(({ h }) => !rule.countedItems.includes(h)).map(({ h }) => h);
  if (counted.length === 0) {
    errors.push({
      row: headerRowNo,
      column: null,
      message: `工资表中没有计入会费基数的工资项目（${rule.countedItems.join('、')}）。奖金、津贴等不计交会费（工发[1978]101号 第四项）。`,
    });
  }
  if (errors.length > 0) return result({ ignoredItems });

  const members = new Map(loadMembers(ctx.db).map((m) => [m.employee_no, m]));
  const seen = new Map<string, number>();
  for (const r of rowNos) {
    if (r <= headerRowNo) continue;
    const cells = sheet.get(r) ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    const at = (i: number) => `${header[i]}（${columnLetter(i)} 列）`;
    const noCell = cells[noCol];
    const employeeNo = noCell && (noCell.kind === 'formula' || noCell.merged) ? '' : cellText(noCell);
    const name = nameCol >= 0 ? cellText(cells[nameCol]) : '';
    const before = errors.length;
    const member = members.get(employeeNo);
    if (noCell?.merged) errors.push({ row: r, column: at(noCol), message: `第 ${r} 行：工号属于合并单元格 ${noCell.merged}，请取消合并。` });
    else if (noCell?.kind === 'formula') errors.push({ row: r, column: at(noCol), message: `第 ${r} 行：工号“=${noCell.text.slice(0, 40)}”是公式，请填写工号本身。` });
    else if (employeeNo === '') errors.push({ row: r, column: at(noCol), message: `第 ${r} 行：缺少工号。` });
    else if (!member) errors.push({ row: r, column: at(noCol), message: `第 ${r} 行：工号 ${employeeNo} 不在会员名册中。` });
    else if (seen.has(employeeNo)) errors.push({ row: r, column: at(noCol), message: `第 ${r} 行：工号 ${employeeNo} 与第 ${seen.get(employeeNo)} 行重复。` });
    else if (nameCol >= 0 && name !== '' && name !== member.name) {
      errors.push({ row: r, column: at(nameCol), message: `第 ${r} 行：工号 ${employeeNo} 在会员名册中是“${member.name}”，工资表写的是“${name}”。` });
    }
    if (employeeNo !== '' && !seen.has(employeeNo)) seen.set(employeeNo, r);
    const items: Record<string, number> = {};
    let baseFen = 0;
    for (const { h, i } of itemCols) {
      const v = amountOf(cells[i]);
      if (typeof v === 'string') {
        errors.push({ row: r, column: at(i), message: `第 ${r} 行“${h}”列（${columnLetter(i)} 列）：${v}。` });
        continue;
      }
      items[h] = v;
      if (rule.countedItems.includes(h)) baseFen += v;
    }
    if (errors.length === before && member) rows.push({ row: r, employeeNo, name: member.name, memberId: member.id, items, baseFen });
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 0, column: null, message: '工资表中没有数据行。' });
  return result({ ignoredItems });
}

// Reading the workbook is asynchronous (exceljs), so it happens before the transaction.
export const importWagesPreview = prepared<'dues.wages.importPreview'>(async (input) => {
  const grid = await readGrid(input.filename, input.base64);
  return (ctx) => previewWageImport(ctx, input.month, grid);
});

export const importWagesCommit = prepared<'dues.wages.importCommit'>(async (input) => {
  const grid = await readGrid(input.filename, input.base64);
  return (ctx) => commitWages(ctx, input, grid);
});

function commitWages(ctx: ServiceContext, input: { month: string; filename: string }, grid: Grid) {
  const preview = previewWageImport(ctx, input.month, grid);
  if (!preview.ok) {
    const first = preview.errors.slice(0, 3).map((e) => e.message).join('；');
    throw new CoreError('VALIDATION', `工资表有 ${preview.errors.length} 处错误，未导入任何数据：${first}${preview.errors.length > 3 ? '……' : ''}`, { field: 'base64' });
  }
  const rows = preview.rows.map((r) => ({ memberId: r.memberId, baseFen: r.baseFen, items: JSON.stringify(r.items) }));
  const source = `import:${input.filename}`.slice(0, 200);
  // Double submission (issue 7): the same payroll committed again for the month is refused, not recorded twice.
  const stored = ctx.db.sqlite.prepare('SELECT base_fen, items, source FROM member_wages WHERE member_id = ? AND month = ?');
  const same = rows.every((r) => {
    const w = stored.get(r.memberId, input.month) as { base_fen: number; items: string | null; source: string } | undefined;
    return w !== undefined && w.base_fen === r.baseFen && w.items === r.items && w.source === source;
  });
  if (same) {
    throw new CoreError('CONFLICT', `工资表“${input.filename}”已导入过 ${input.month} 的会费基数，内容相同，未做任何修改。`, { field: 'base64' });
  }
  writeWages(ctx, input.month, rows, source);
  ctx.audit({
    operation: 'dues.wages.importCommit',
    entity: 'member_wages',
    entityId: input.month,
    after: { month: input.month, file: input.filename, rows: preview.rows.length, totalBaseFen: preview.totalBaseFen, countedItems: preview.countedItems },
  });
  return { month: input.month, saved: preview.rows.length, preview };
}
