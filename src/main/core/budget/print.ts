// The three budget tables in the layouts of review-and-disclosure.md §6 (◐ third-party union budget
// software): 工会经费收支预算表 (年初: 上年决算数 | 本年预算数), its 调整 (年初核定 | 调整数 | 调整后 |
// 与年初预算对比%) and the 工会经费收支决算表 (核定预算数 | 决算数 | 完成决算%). Rows: 上年结转结余,
// 收入合计 with the 4xx lines, 支出合计 with the 5xx lines (details indented under their first-level
// account's subtotal), 年末结转结余. Header 编制单位（公章）, 年度, 单位：元; footer 工会主席 /
// 经费审查委员会主任 / 财务负责人 / 制表 (§8). The figures are those of budget.get / budget.finalAccounts.
import type { Handler } from '../context';
import { afterCommit } from '../context';
import { CoreError } from '../errors';
import { renderTablesPdf, renderTablesXlsx, type Cell, type Column, type Row, type TableDoc } from '../print';
import { chineseDate, safeFilename } from '../reports/common';
import { loadChart } from '../books/accounts';
import type { AccountInfo } from '../../contract/books';
import { BUDGET_TABLE_TITLES, type BudgetLineKey, type BudgetView } from '../../contract/budget';
import { budgetView, finalAccounts, lineLabel, rateOf } from './budget';
import { fundsAt } from './actuals';
import { firstFiscalYear, unionName } from '../ledger/common';

export const BUDGET_SIGNATURES: readonly string[] = ['工会主席：', '经费审查委员会主任：', '财务负责人：', '制表：'];

const MIME = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** One printed line: a key with its figures (amount columns) and 说明. */
interface TableLine extends BudgetLineKey {
  /** null: blank (no 上年决算数 before the books began). */
  values: (number | null)[];
  note: string | null;
  /** Replaces the account name (未列入预算). */
  caption?: string;
}

const add = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

const sameKey = (a: BudgetLineKey, b: BudgetLineKey) => a.accountCode === b.accountCode && a.expenseType === b.expenseType && a.project === b.project;

/**
 * 收入 or 支出 rows: each first-level account with its lines; when it has lines below it (or more
 * than one), a bold subtotal row for it and the lines indented beneath. `extra` computes the
 * derived columns (percentages) from the amounts.
 */
function sectionRows(chart: Map<string, AccountInfo>, lines: TableLine[], extra: (values: (number | null)[]) => Cell[]): Row[] {
  const rows: Row[] = [];
  const tops = [...new Set(lines.map((l) => l.accountCode.slice(0, 3)))].sort();
  for (const top of tops) {
    // Budgeted lines by code; the 未列入预算 remainder of the account last.
    const order = (l: TableLine) => `${l.caption === undefined ? '0' : '1'}${l.accountCode}`;
    const mine = lines.filter((l) => l.accountCode.startsWith(top)).sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
    const single = mine.length === 1 && mine[0]!.accountCode === top;
    const name = (l: TableLine) => l.caption ?? lineLabel(chart, l).replace(/^.*——/, '');
    if (single) {
      const l = mine[0]!;
      rows.push({ cells: [top, `　${name(l)}`, ...l.values, ...extra(l.values), l.note ?? ''] });
      continue;
    }
    const sums = mine[0]!.values.map((_, i) => mine.reduce<number | null>((s, l) => add(s, l.values[i] ?? null), null));
    rows.push({ cells: [top, `　${chart.get(top)?.name ?? top}`, ...sums, ...extra(sums), ''], bold: true });
    for (const l of mine) rows.push({ cells: [l.accountCode, `　　${name(l)}`, ...l.values, ...extra(l.values), l.note ?? ''] });
  }
  return rows;
}

function pct(a: number | null | undefined, b: number | null | undefined): string {
  return a === null || a === undefined || b === null || b === undefined ? '' : rateOf(a, b).rateText;
}

function tableDoc(title: string, unit: string, year: number, columns: Column[], rows: Row[], notes: string[], signDate: string): TableDoc {
  return {
    title,
    unitName: unit,
    period: `年度：${year}年`,
    columns,
    rows,
    notes,
    signatures: [...BUDGET_SIGNATURES],
    signDate,
    sheetName: title,
    orientation: 'portrait',
  };
}

const codeCol: Column = { header: '科目编码', width: 1 };
const nameCol: Column = { header: '科目名称', width: 2.6 };
const noteCol: Column = { header: '说明', width: 1.8 };
const money = (header: string): Column => ({ header, width: 1.5, kind: 'money' });
const percent = (header: string): Column => ({ header, width: 1.35, align: 'right', maxLines: 2 });

function approvalNotes(v: BudgetView): string[] {
  const notes: string[] = [];
  if (v.status !== 'approved') notes.push(`注：本表为草稿（${v.label}），尚未批准。`);
  if (v.reason) notes.push(`调整原因：${v.reason}`);
  const ok = v.approvals.filter((a) => a.decision !== 'returned');
  if (ok.length > 0) notes.push(`审批：${ok.map((a) => `${a.stageLabel}${a.decisionLabel}（${chineseDate(a.date)}，${a.documentNo}）`).join('；')}`);
  return notes;
}

export const exportBudget: Handler<'budget.export'> = (ctx, input) => {
  const db = ctx.db;
  const chart = loadChart(db);
  const unit = unionName(db);
  const signDate = `编报日期：${chineseDate(new Date(ctx.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10))}`;
  const year = input.year;
  const first = firstFiscalYear(db);
  const hasPrev = first !== null && year - 1 >= first;
  let doc: TableDoc;

  if (input.table === 'initial') {
    const v = budgetView(db, year, input.version ?? 0);
    if (v.version === null) throw new CoreError('NOT_FOUND', `${year}年度还没有预算。`, { field: 'year' });
    const line = (l: BudgetView['lines'][number]): TableLine => ({ accountCode: l.accountCode, expenseType: l.expenseType, project: l.project, note: l.note, values: [l.previousActualFen, l.amountFen] });
    const none = (): Cell[] => [];
    const prevOpening = hasPrev ? fundsAt(db, `${year - 2}-12`) : null;
    const opening = fundsAt(db, `${year - 1}-12`);
    const prevRev = v.totals.previousRevenueFen;
    const prevExp = v.totals.previousExpenditureFen;
    const rows: Row[] = [
      { cells: ['', '一、上年结转结余', prevOpening, opening, ''], bold: true },
      { cells: ['', '二、收入合计', prevRev, v.totals.revenueFen, ''], bold: true },
      ...sectionRows(chart, v.lines.filter((l) => l.element === 'revenue').map(line), none),
      { cells: ['', '三、支出合计', prevExp, v.totals.expenditureFen, ''], bold: true },
      ...sectionRows(chart, v.lines.filter((l) => l.element === 'expenditure').map(line), none),
      {
        cells: ['', '四、年末结转结余', prevOpening === null || prevRev === null || prevExp === null ? null : prevOpening + prevRev - prevExp, opening + v.totals.revenueFen - v.totals.expenditureFen, ''],
        bold: true,
        total: true,
      },
    ];
    const notes = approvalNotes(v);
    if (!hasPrev) notes.push('注：首个会计年度，无上年决算数。');
    doc = tableDoc(BUDGET_TABLE_TITLES.initial, unit, year, [codeCol, nameCol, money('上年决算数'), money('本年预算数'), noteCol], rows, notes, signDate);
  } else if (input.table === 'adjustment') {
    const latest = budgetView(db, year);
    const version = input.version ?? latest.version ?? 0;
    if (version < 1) throw new CoreError('NOT_FOUND', `${year}年度没有预算调整。`, { field: 'version' });
    const after = budgetView(db, year, version);
    const before = budgetView(db, year, 0);
    const keys: BudgetLineKey[] = [...before.lines];
    for (const l of after.lines) if (!keys.some((k) => sameKey(k, l))) keys.push(l);
    const lines: TableLine[] = keys.map((k) => {
      const b = before.lines.find((l) => sameKey(l, k));
      const a = after.lines.find((l) => sameKey(l, k));
      const bf = b?.amountFen ?? 0;
      const af = a?.amountFen ?? 0;
      return { accountCode: k.accountCode, expenseType: k.expenseType, project: k.project, values: [bf, af - bf, af], note: a?.note ?? b?.note ?? null };
    });
    const extra = (v: (number | null)[]): Cell[] => [pct(v[2], v[0])];
    const tot = (el: '4' | '5') => {
      const b = el === '4' ? before.totals.revenueFen : before.totals.expenditureFen;
      const a = el === '4' ? after.totals.revenueFen : after.totals.expenditureFen;
      return [b, a - b, a, pct(a, b)];
    };
    const opening = fundsAt(db, `${year - 1}-12`);
    const rows: Row[] = [
      { cells: ['', '一、上年结转结余', opening, 0, opening, '', ''], bold: true },
      { cells: ['', '二、收入合计', ...tot('4'), ''], bold: true },
      ...sectionRows(chart, lines.filter((l) => l.accountCode.startsWith('4')), extra),
      { cells: ['', '三、支出合计', ...tot('5'), ''], bold: true },
      ...sectionRows(chart, lines.filter((l) => l.accountCode.startsWith('5')), extra),
    ];
    const endB = opening + before.totals.revenueFen - before.totals.expenditureFen;
    const endA = opening + after.totals.revenueFen - after.totals.expenditureFen;
    rows.push({ cells: ['', '四、年末结转结余', endB, endA - endB, endA, '', ''], bold: true, total: true });
    doc = tableDoc(
      BUDGET_TABLE_TITLES.adjustment,
      unit,
      year,
      [codeCol, nameCol, money('年初核定预算数'), money('预算调整数'), money('调整后预算数'), percent('与年初预算对比%'), noteCol],
      rows,
      approvalNotes(after),
      signDate,
    );
  } else {
    const f = finalAccounts(db, year);
    const lines: TableLine[] = f.lines.map((l) => ({ accountCode: l.accountCode, expenseType: l.expenseType, project: l.project, values: [l.budgetFen, l.actualFen], note: null, ...(l.lineNo === null ? { caption: l.label } : {}) }));
    const extra = (v: (number | null)[]): Cell[] => [pct(v[1], v[0])];
    const t = f.totals;
    const rows: Row[] = [
      { cells: ['', '一、上年结转结余', null, f.openingFundsFen, '', ''], bold: true },
      { cells: ['', '二、收入合计', t.revenue.budgetFen, t.revenue.actualFen, t.revenue.rateText, ''], bold: true },
      ...sectionRows(chart, lines.filter((l) => l.accountCode.startsWith('4')), extra),
      { cells: ['', '三、支出合计', t.expenditure.budgetFen, t.expenditure.actualFen, t.expenditure.rateText, ''], bold: true },
      ...sectionRows(chart, lines.filter((l) => l.accountCode.startsWith('5')), extra),
      { cells: ['', '四、本年收支差额', t.surplusBudgetFen, t.surplusActualFen, '', ''], bold: true },
      { cells: ['', '五、年末结转结余', null, f.closingFundsFen, '', ''], bold: true, total: true },
    ];
    const notes = [`注：核定预算数为${f.budgetLabel}；决算数取自已记账凭证（不含结转凭证），与收入支出表（工会02表）一致。`];
    doc = tableDoc(BUDGET_TABLE_TITLES.final, unit, year, [codeCol, nameCol, money('核定预算数'), money('决算数'), percent('完成决算(%)'), noteCol], rows, notes, signDate);
  }

  const finalDoc: TableDoc = { ...doc, ...(input.paper ? { paper: input.paper } : {}), ...(input.orientation ? { orientation: input.orientation } : {}) };
  const name = `${finalDoc.title}-${year}年度`;
  const format = input.format;
  return afterCommit(async () => {
    const file = format === 'pdf' ? await renderTablesPdf([finalDoc]) : await renderTablesXlsx([finalDoc]);
    return { filename: `${safeFilename(name)}.${format}`, mimeType: MIME[format], base64: file.toString('base64') };
  });
};
