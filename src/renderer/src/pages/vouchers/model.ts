// The voucher being edited, as the form holds it. Money is integer 分 throughout; text typed
// into an amount cell is parsed with parseYuan only when the cell is committed.
import type { AccountInfo, VoucherDetail, VoucherLineInput, VoucherStatus, VoucherSummary, VoucherTemplate } from '@contract/books';
import type { Role } from '@contract/roles';

export type FundNature = 'special' | 'general';
export type ExpenseType = 'basic' | 'project';

export interface EditLine {
  /** Stable React key. */
  key: number;
  summary: string;
  accountCode: string;
  debit: number;
  credit: number;
  fundNature: FundNature | null;
  project: string;
  expenseType: ExpenseType | null;
  counterparty: string;
  bankAccount: string | null;
  custodial: boolean;
}

export interface EditHeader {
  word: string;
  date: string;
  attachments: number;
  attachmentsNote: string;
}

export const STATUS_LABEL: Record<VoucherStatus, string> = { draft: '草稿', reviewed: '已审核', posted: '已记账' };
export const STATUS_COLOR: Record<VoucherStatus, string> = { draft: 'default', reviewed: 'blue', posted: 'green' };
export const KIND_LABEL: Record<VoucherSummary['kind'], string | null> = {
  normal: null,
  reversal: '红字冲销',
  correction: '订正',
  difference: '差额更正',
  closing: '期末结转',
  year_end: '年末结转',
};

let nextKey = 1;
export function blankLine(summary = ''): EditLine {
  return {
    key: nextKey++,
    summary,
    accountCode: '',
    debit: 0,
    credit: 0,
    fundNature: null,
    project: '',
    expenseType: null,
    counterparty: '',
    bankAccount: null,
    custodial: false,
  };
}

export function lineFrom(l: VoucherLineInput | VoucherDetail['lines'][number]): EditLine {
  return {
    ...blankLine(l.summary),
    accountCode: l.accountCode,
    debit: l.debit ?? 0,
    credit: l.credit ?? 0,
    fundNature: l.fundNature ?? null,
    project: l.project ?? '',
    expenseType: l.expenseType ?? null,
    counterparty: l.counterparty ?? '',
    bankAccount: l.bankAccount ?? null,
    custodial: l.custodial ?? false,
  };
}

export function linesFromTemplate(t: VoucherTemplate): EditLine[] {
  return t.lines.map(lineFrom);
}

/** A line the user has not started: no account and no amount (a carried-down 摘要 does not count). */
export function isBlank(l: EditLine): boolean {
  return l.accountCode === '' && l.debit === 0 && l.credit === 0;
}

export function totals(lines: readonly EditLine[]): { debit: number; credit: number } {
  let debit = 0;
  let credit = 0;
  for (const l of lines) {
    debit += l.debit;
    credit += l.credit;
  }
  return { debit, credit };
}

/**
 * The amount that balances the voucher when typed into `side` of line `index`: the difference
 * of all other cells. Zero or less means this side cannot balance it.
 */
export function balancingAmount(lines: readonly EditLine[], index: number, side: 'debit' | 'credit'): number {
  const t = totals(lines);
  const line = lines[index];
  const debit = t.debit - (side === 'debit' ? (line?.debit ?? 0) : 0);
  const credit = t.credit - (side === 'credit' ? (line?.credit ?? 0) : 0);
  return side === 'credit' ? debit - credit : credit - debit;
}

// ---------- dimensions (accounts.md §5) ----------

export type DimField = 'fundNature' | 'project' | 'expenseType' | 'counterparty';

export function needsFundNature(a: AccountInfo | undefined): boolean {
  return !!a && (a.element === 'revenue' || a.element === 'expenditure');
}
export function needsExpenseType(a: AccountInfo | undefined): boolean {
  return !!a && a.element === 'expenditure';
}
export function needsCounterparty(a: AccountInfo | undefined): boolean {
  return !!a && a.dims.includes('counterparty');
}
export function isCashOrBank(a: AccountInfo | undefined): boolean {
  return !!a && (a.journal === 'cash' || a.journal === 'bank' || a.code.startsWith('101') || a.code.startsWith('102'));
}

/** The dimension cells Enter passes through after the account, for this line. */
export function dimSequence(l: EditLine, a: AccountInfo | undefined): DimField[] {
  const out: DimField[] = [];
  if (needsFundNature(a)) {
    out.push('fundNature');
    if (l.fundNature === 'special') out.push('project');
  }
  if (needsExpenseType(a)) out.push('expenseType');
  if (needsCounterparty(a)) out.push('counterparty');
  return out;
}

export type CellCol = 'summary' | 'account' | DimField | 'debit' | 'credit';

export function cellSequence(l: EditLine, a: AccountInfo | undefined): CellCol[] {
  return ['summary', 'account', ...dimSequence(l, a), 'debit', 'credit'];
}

/** A line after its account changed: dimensions the new account does not take are cleared, defaults set. */
export function withAccount(l: EditLine, a: AccountInfo | undefined): EditLine {
  const next: EditLine = { ...l, accountCode: a?.code ?? '' };
  if (needsFundNature(a)) next.fundNature = l.fundNature ?? 'general';
  else {
    next.fundNature = null;
    next.project = '';
  }
  next.expenseType = needsExpenseType(a) ? (l.expenseType ?? 'basic') : null;
  if (!needsCounterparty(a)) next.counterparty = '';
  if (!isCashOrBank(a)) {
    next.custodial = false;
    next.bankAccount = null;
  }
  return next;
}

/** What goes to vouchers.save, and for each submitted line the index of the form line it came from. */
export function toSaveLines(lines: readonly EditLine[]): { lines: VoucherLineInput[]; from: number[] } {
  const out: VoucherLineInput[] = [];
  const from: number[] = [];
  lines.forEach((l, i) => {
    if (isBlank(l)) return;
    from.push(i);
    out.push({
      summary: l.summary,
      accountCode: l.accountCode,
      debit: l.debit,
      credit: l.credit,
      fundNature: l.fundNature,
      project: l.fundNature === 'special' ? l.project.trim() || null : null,
      expenseType: l.expenseType,
      counterparty: l.counterparty.trim() || null,
      bankAccount: l.bankAccount,
      custodial: l.custodial,
    });
  });
  return { lines: out, from };
}

// ---------- accounts for the picker ----------

export interface PickAccount {
  code: string;
  fullName: string;
  /** Pinyin initials of the account and of each parent, e.g. ["gsyh", "yhck"]. */
  initials: string[];
  account: AccountInfo;
}

/** Leaf (末级), enabled accounts, each with the initials of its whole chain. */
export function pickableAccounts(all: readonly AccountInfo[]): PickAccount[] {
  const byCode = new Map(all.map((a) => [a.code, a]));
  return all
    .filter((a) => a.leaf && a.enabled)
    .map((a) => {
      const initials: string[] = [];
      for (let p: AccountInfo | undefined = a; p; p = p.parentCode ? byCode.get(p.parentCode) : undefined) initials.push(p.initials.toLowerCase());
      return { code: a.code, fullName: a.fullName, initials, account: a };
    })
    .sort((x, y) => x.code.localeCompare(y.code));
}

/** Accounts matching a code prefix ("1020"), a part of the name ("银行") or pinyin initials ("yhck"). */
export function searchAccounts(list: readonly PickAccount[], query: string): PickAccount[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...list];
  // "102 银行存款" (the picker's own display) finds the account again.
  const codeFirst = /^(\d+)\s/.exec(q);
  if (codeFirst) return list.filter((a) => a.code === codeFirst[1]);
  if (/^\d+$/.test(q)) return list.filter((a) => a.code.startsWith(q));
  if (/^[a-z]+$/.test(q)) {
    const hits = list.filter((a) => a.initials.some((i) => i.startsWith(q)) || a.initials.slice().reverse().join('').startsWith(q));
    // The account's own initials first ("yhck" → 银行存款 before its details' siblings).
    return hits.sort((x, y) => Number(!x.initials[0]!.startsWith(q)) - Number(!y.initials[0]!.startsWith(q)) || x.code.localeCompare(y.code));
  }
  return list.filter((a) => a.fullName.toLowerCase().includes(q));
}

// ---------- who may do what ----------

export interface Abilities {
  prepare: boolean;
  review: boolean;
  cashier: boolean;
  attach: boolean;
}

export function abilities(roles: readonly Role[]): Abilities {
  const has = (r: Role) => roles.includes(r);
  return {
    prepare: has('accountant') || has('supervisor'),
    review: has('supervisor'),
    cashier: has('cashier'),
    attach: has('accountant') || has('supervisor') || has('cashier'),
  };
}

export function voucherNo(v: { word: string; number: number | null; status: VoucherStatus }): string {
  if (v.number !== null) return `${v.word}-${v.number}`;
  return v.status === 'draft' ? '草稿' : '待记账';
}

export function todayIso(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Today when it falls in `period`, else the period's last day. */
export function defaultDateFor(period: string | null): string {
  const today = todayIso();
  if (!period || today.startsWith(period)) return today;
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(y, m, 0).getDate();
  return `${period}-${String(last).padStart(2, '0')}`;
}
