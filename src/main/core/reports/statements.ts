// 资产负债表 (工会01表) and 收入支出表 (工会02表) as the official forms (财会〔2021〕7号 附录1;
// vouchers-and-books.md §10): 01表 with 资产 and 负债和净资产 side by side, 资产总计 and
// 负债与净资产总计 on the last line; 02表 with 项目 | 行次 | 本月数 | 本年累计数 (annual: 本年数 |
// 上年数). Header 编制单位（公章）, the date or period, 单位：元; the signature footer.
import type { BalanceSheet, BalanceSheetRow, IncomeStatement } from '../../contract/ledger';
import type { Cell, Row, TableDoc } from '../print';
import { lastDayOf } from '../ledger/common';
import { blankZero, chineseDate } from './common';
import type { DocBase } from './books';

// ---------- 工会01表 ----------

function sheetLabel(r: BalanceSheetRow): string {
  return r.kind === 'item' || r.kind === 'subtotal' ? `　${r.label}` : r.label;
}

/** 行次, label, 年初余额, 期末余额 of one side; item lines left blank when nil, totals always printed. */
function sheetCells(r: BalanceSheetRow | undefined): Cell[] {
  if (!r) return [null, null, null, null];
  const amount = (v: number | null): Cell => (r.kind === 'item' ? blankZero(v) : v);
  return [sheetLabel(r), r.lineNo === null ? '' : String(r.lineNo), amount(r.opening), amount(r.closing)];
}

export function balanceSheetDoc(bs: BalanceSheet, base: DocBase): TableDoc {
  // The assets side runs to 资产总计 (the first total line), the other side holds the rest.
  const split = bs.rows.findIndex((r) => r.kind === 'total') + 1;
  const left = bs.rows.slice(0, split);
  const right = bs.rows.slice(split);
  const leftTotal = left.pop();
  const rightTotal = right.pop();
  const n = Math.max(left.length, right.length);
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) rows.push({ cells: [...sheetCells(left[i]), ...sheetCells(right[i])] });
  rows.push({ cells: [...sheetCells(leftTotal), ...sheetCells(rightTotal)], bold: true, total: true });

  const [openingHeader, closingHeader] = bs.columns;
  const notes: string[] = [];
  const open = bs.unclosed.closing;
  if (open.special !== 0 || open.general !== 0) {
    notes.push('注：本期收入、支出尚未结转，“工会资金结转”“工会资金结余”已包含未结转的收支差额。');
  }
  if (!bs.balanced) notes.push('注意：资产总计与负债与净资产总计不相等，请运行账簿校验并核对科目余额。');
  return {
    ...base,
    title: bs.title,
    code: bs.formNo,
    unitName: bs.unionName,
    // The 01表 is a position on a day: "2026年3月31日" (annual: 12月31日).
    period: chineseDate(lastDayOf(bs.period)),
    columns: [
      { header: '资　　产', width: 2.5 },
      { header: '行次', width: 0.72, align: 'center' },
      { header: openingHeader, width: 1.55, kind: 'money' },
      { header: closingHeader, width: 1.55, kind: 'money' },
      { header: '负债和净资产', width: 2.5 },
      { header: '行次', width: 0.72, align: 'center' },
      { header: openingHeader, width: 1.55, kind: 'money' },
      { header: closingHeader, width: 1.55, kind: 'money' },
    ],
    rows,
    notes,
    sheetName: `${bs.formNo} ${bs.title}`,
  };
}

// ---------- 工会02表 ----------

/** "(一)" → "（一）" as printed on the form. */
const fullWidthParens = (s: string): string => s.replace(/\(/g, '（').replace(/\)/g, '）');

export function incomeStatementDoc(is: IncomeStatement, base: DocBase): TableDoc {
  const rows: Row[] = is.rows.map((r, i) => {
    const main = r.indent === 0;
    const label = main ? `${r.lineNo}、${r.label}` : `　　${fullWidthParens(r.lineNo)}${r.label}`;
    const amount = (v: number | null): Cell => (main ? v : blankZero(v));
    return { cells: [label, String(i + 1), amount(r.current), amount(r.comparative)], bold: main && r.kind !== 'item' };
  });
  const notes: string[] = [];
  if (is.annual && is.rows.length > 0 && is.rows.every((r) => r.comparative === null)) notes.push('注：首个会计年度，无上年数。');
  if (is.consistent === false) notes.push('注意：年初资金结转结余、调整及变动与本期收支差额之和不等于年末资金结转结余，请核对。');
  return {
    ...base,
    title: is.title,
    code: is.formNo,
    unitName: is.unionName,
    period: is.periodLabel,
    columns: [
      { header: '项　　目', width: 4.2 },
      { header: '行次', width: 0.6, align: 'center' },
      { header: is.columns[0], width: 1.9, kind: 'money' },
      { header: is.columns[1], width: 1.9, kind: 'money' },
    ],
    rows,
    notes,
    sheetName: `${is.formNo} ${is.title}`,
  };
}
