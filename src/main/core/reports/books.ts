// 科目余额表, 总账, 明细账 and 现金/银行存款日记账 as printed books (vouchers-and-books.md §8;
// 会计基础工作规范 第五十六–六十三条): 年 over 月/日, 凭证字号, 摘要, 借方, 贷方, 借或贷, 余额;
// 本月合计 and 本年累计 with a single red rule, a double red rule under the December 本年累计;
// 平 / Ｑ for a nil balance; 承前页 / 过次页 with the month-to-date sums and the last balance.
// The figures are the results of the books.* read operations, unchanged.
import type { BookLine, DetailLedger, GeneralLedger, Journal, TrialBalance } from '../../contract/ledger';
import type { Column, GroupHeader, Row, TableDoc } from '../print';
import { accountLine, balanceCell, blankZero } from './common';

/** The parts of a TableDoc every report fills in the same way. */
export type DocBase = Pick<TableDoc, 'signatures' | 'signDate'>;

const tall = (n: number): GroupHeader[] => Array.from({ length: n }, () => ({ text: '', span: 1 }));

// ---------- 科目余额表 ----------

export function trialBalanceDoc(tb: TrialBalance, base: DocBase): TableDoc {
  const money = (header: string): Column => ({ header, width: 1.45, kind: 'money' });
  const rows: Row[] = tb.rows.map((r) => ({
    cells: [
      r.code,
      `${'　'.repeat(r.level - 1)}${r.name}`,
      blankZero(r.openingDebit),
      blankZero(r.openingCredit),
      blankZero(r.debit),
      blankZero(r.credit),
      blankZero(r.closingDebit),
      blankZero(r.closingCredit),
    ],
    bold: r.level === 1,
  }));
  const t = tb.totals;
  rows.push({ cells: ['合计', '', t.openingDebit, t.openingCredit, t.debit, t.credit, t.closingDebit, t.closingCredit], bold: true, total: true });
  return {
    ...base,
    title: '科目余额表',
    unitName: tb.unionName,
    period: tb.periodLabel,
    columns: [
      { header: '科目编码', width: 1.05 },
      { header: '科目名称', width: 2.3 },
      money('借方'),
      money('贷方'),
      money('借方'),
      money('贷方'),
      money('借方'),
      money('贷方'),
    ],
    groupHeaders: [...tall(2), { text: '期初余额', span: 2 }, { text: '本期发生额', span: 2 }, { text: '期末余额', span: 2 }],
    rows,
    orientation: 'landscape',
  };
}

// ---------- 总账 ----------

const monthOf = (date: string): string => String(Number(date.slice(5, 7)));
const dayOf = (date: string): string => String(Number(date.slice(8, 10)));

/** 本月合计 / 本年累计 rules: single red, double red under the December 本年累计 (year end). */
function summaryFlags(line: BookLine): Pick<Row, 'total' | 'redRule' | 'resetCarry'> {
  switch (line.kind) {
    case 'month_total':
      return { total: true, redRule: 'single' };
    case 'year_total':
      // The 过次页 sums run from the start of the month (第六十条): start again after each month.
      return { total: true, redRule: line.date.slice(5, 7) === '12' ? 'double' : 'single', resetCarry: true };
    case 'day_total':
    case 'carry_forward':
      return { total: true };
    default:
      return {};
  }
}

/** Date cells: entries and the opening line carry their date; 本日合计 / 本月合计 the day they close. */
function dateCells(line: BookLine): [string, string] {
  if (line.kind === 'year_total' || line.kind === 'carry_forward') return ['', ''];
  return [monthOf(line.date), dayOf(line.date)];
}

export function generalLedgerDoc(gl: GeneralLedger, base: DocBase): TableDoc {
  const rows: Row[] = gl.lines.map((l) => ({
    cells: [...dateCells(l), l.summary, l.debit, l.credit, l.direction, balanceCell(l.direction, l.balance)],
    ...summaryFlags(l),
  }));
  return {
    ...base,
    title: '总账',
    subtitle: accountLine(gl.account),
    unitName: gl.unionName,
    period: gl.periodLabel,
    columns: [
      { header: '月', width: 0.5, align: 'center' },
      { header: '日', width: 0.5, align: 'center' },
      { header: '摘要', width: 3 },
      { header: '借方', width: 1.8, kind: 'money' },
      { header: '贷方', width: 1.8, kind: 'money' },
      { header: '借或贷', width: 0.75, align: 'center', carryForward: 'last' },
      { header: '余额', width: 1.9, kind: 'money', carryForward: 'last' },
    ],
    groupHeaders: [{ text: `${gl.year}年`, span: 2 }, ...tall(5)],
    rows,
  };
}

// ---------- 明细账 and 日记账 ----------

interface BookLayout {
  title: string;
  /** 对方科目 (journals). */
  counter: boolean;
  /** Journals, with their 对方科目 column, print landscape; the 明细账 portrait. */
  orientation: 'portrait' | 'landscape';
}

/** One 明细账 or one journal book (a DetailLedger) as a printed book page run. */
export function bookDoc(book: DetailLedger, layout: BookLayout, base: DocBase): TableDoc {
  const fromYear = book.from.slice(0, 4);
  const oneYear = fromYear === book.to.slice(0, 4);
  // A parent account's book lists its details' lines: name the detail on each entry.
  const detail = !book.account.leaf;
  const columns: Column[] = [];
  if (!oneYear) columns.push({ header: '年', width: 0.6, align: 'center' });
  columns.push({ header: '月', width: 0.42, align: 'center' }, { header: '日', width: 0.42, align: 'center' }, { header: '凭证字号', width: 1, align: 'center' });
  columns.push({ header: '摘要', width: layout.counter || detail ? 2.5 : 3.2 });
  if (detail) columns.push({ header: '明细科目', width: 1.6, maxLines: 2 });
  if (layout.counter) columns.push({ header: '对方科目', width: 1.6, maxLines: 2 });
  columns.push(
    { header: '借方', width: 1.55, kind: 'money', carryForward: 'sum' },
    { header: '贷方', width: 1.55, kind: 'money', carryForward: 'sum' },
    { header: '借或贷', width: 0.8, align: 'center', carryForward: 'last' },
    { header: '余额', width: 1.65, kind: 'money', carryForward: 'last' },
  );

  const rows: Row[] = book.lines.map((l) => {
    const entry = l.kind === 'entry';
    const [m, d] = dateCells(l);
    const cells: Row['cells'] = [];
    if (!oneYear) cells.push(m === '' ? '' : l.date.slice(0, 4));
    cells.push(m, d, l.voucherNo ?? '', l.summary);
    if (detail) cells.push(entry && l.accountCode !== null ? `${l.accountCode} ${l.accountName ?? ''}` : '');
    if (layout.counter) cells.push(l.counterAccounts ?? '');
    // An entry's empty side stays blank; totals print even when nil.
    cells.push(entry ? blankZero(l.debit) : l.debit, entry ? blankZero(l.credit) : l.credit, l.direction, balanceCell(l.direction, l.balance));
    return { cells, ...summaryFlags(l) };
  });

  return {
    ...base,
    title: layout.title,
    subtitle: accountLine(book.account),
    unitName: book.unionName,
    period: book.periodLabel,
    columns,
    groupHeaders: oneYear ? [{ text: `${fromYear}年`, span: 2 }, ...tall(columns.length - 2)] : undefined,
    rows,
    sheetName: `${book.account.code} ${book.account.name}`,
    orientation: layout.orientation,
  };
}

export function detailLedgerDoc(dl: DetailLedger, base: DocBase): TableDoc {
  return bookDoc(dl, { title: '明细账', counter: false, orientation: 'portrait' }, base);
}

/** One book per cash or bank detail account, each starting on its own page (its own sheet). */
export function journalDocs(j: Journal, base: DocBase): TableDoc[] {
  return j.books.map((b) => bookDoc(b, { title: j.title, counter: true, orientation: 'landscape' }, base));
}
