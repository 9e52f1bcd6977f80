// The posted books as a plain-text hledger journal (https://hledger.org/journal.html), for an
// independent check: hledger re-adds every posting on its own, and its balances must equal the
// app's 科目余额表 to the fen. Plain Node: no Electron, no dispatcher.
//
// - `readHledgerBooks(db, year?)` reads the chart and the POSTED vouchers (voucher_lines, never
//   ledger_balances, so the check does not share the app's running totals).
// - `hledgerJournal(books)` is a pure function from those rows to the journal text.
//
// Mapping (one hledger account per chart account, hierarchy by parent code):
//   element root : "code name" of each ancestor … : "code name" of the account
//   e.g. 资产:102 银行存款:10201 工商银行, 收入:403 上级补助收入:40302 专项转移支付补助.
// The roots are 资产 / 负债 / 净资产 / 收入 / 支出, declared with hledger's account types
// (A, L, E, R, X) in chart order, so reports list the accounts as the chart does.
// Amounts: integer 分 → "1234.56 CNY" by string formatting; a posting is debit − credit, so
// credits are negative and a red-ink (negative) line keeps its sign on its own side.
import type { SyncDb } from '../db/sync-db';
import type { AccountInfo, VoucherKind } from '../../contract/books';
import { VOUCHER_WORDS } from '../../contract/books';

export const HLEDGER_COMMODITY = 'CNY';

export type Element = AccountInfo['element'];

export const ELEMENT_ROOTS: Record<Element, { name: string; type: 'A' | 'L' | 'E' | 'R' | 'X' }> = {
  asset: { name: '资产', type: 'A' },
  liability: { name: '负债', type: 'L' },
  net_assets: { name: '净资产', type: 'E' },
  revenue: { name: '收入', type: 'R' },
  expenditure: { name: '支出', type: 'X' },
};
const ELEMENT_ORDER: readonly Element[] = ['asset', 'liability', 'net_assets', 'revenue', 'expenditure'];

export interface HledgerAccount {
  code: string;
  name: string;
  parentCode: string | null;
  element: Element;
}

export interface HledgerLine {
  accountCode: string;
  summary: string;
  /** 分; negative on a red-ink line. */
  debit: number;
  credit: number;
  fundNature: 'special' | 'general' | null;
  project: string | null;
  counterparty: string | null;
}

export interface HledgerVoucher {
  id: number;
  date: string; // YYYY-MM-DD
  word: string;
  number: number | null;
  kind: VoucherKind;
  lines: HledgerLine[];
}

export interface HledgerBooks {
  unionName: string;
  /** The year exported, or null for the whole ledger. */
  year: number | null;
  /** The chart, every account (disabled ones too: they may carry old postings). */
  accounts: HledgerAccount[];
  /** Net balances (debit − credit, 分) before the year, per account; empty for the whole ledger. */
  opening: { accountCode: string; net: number }[];
  /** Posted vouchers, in book order. */
  vouchers: HledgerVoucher[];
}

// ---------- reading ----------

interface AccountRow {
  code: string;
  name: string;
  parent_code: string | null;
  element: Element;
}
interface VoucherRow {
  id: number;
  voucher_date: string;
  word: string;
  number: number | null;
  kind: VoucherKind;
}
interface LineRow {
  voucher_id: number;
  account_code: string;
  summary: string;
  debit: number;
  credit: number;
  fund_nature: 'special' | 'general' | null;
  project: string | null;
  counterparty: string | null;
}

/** Reads what the journal needs; only POSTED vouchers count. */
export function readHledgerBooks(db: SyncDb, year?: number | null): HledgerBooks {
  const s = db.sqlite;
  const unionName = (s.prepare('SELECT name FROM union_profile LIMIT 1').get() as { name: string } | undefined)?.name ?? '';
  const accounts = (s.prepare('SELECT code, name, parent_code, element FROM accounts ORDER BY code').all() as AccountRow[]).map((a) => ({
    code: a.code,
    name: a.name,
    parentCode: a.parent_code,
    element: a.element,
  }));
  const from = year ? `${year}-01` : '0000-00';
  const to = year ? `${year}-12` : '9999-99';
  const vouchers = s
    .prepare(
      `SELECT id, voucher_date, word, number, kind FROM vouchers
       WHERE status = 'posted' AND period >= ? AND period <= ?`,
    )
    .all(from, to) as VoucherRow[];
  const lines = s
    .prepare(
      `SELECT l.voucher_id, l.account_code, l.summary, l.debit, l.credit, l.fund_nature, l.project, l.counterparty
       FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
       WHERE v.status = 'posted' AND v.period >= ? AND v.period <= ?
       ORDER BY l.voucher_id, l.line_no`,
    )
    .all(from, to) as LineRow[];
  const byVoucher = new Map<number, HledgerLine[]>();
  for (const l of lines) {
    const list = byVoucher.get(l.voucher_id) ?? [];
    list.push({
      accountCode: l.account_code,
      summary: l.summary,
      debit: l.debit,
      credit: l.credit,
      fundNature: l.fund_nature,
      project: l.project,
      counterparty: l.counterparty,
    });
    byVoucher.set(l.voucher_id, list);
  }
  const wordRank = (w: string) => {
    const i = (VOUCHER_WORDS as readonly string[]).indexOf(w);
    return i < 0 ? VOUCHER_WORDS.length : i;
  };
  const ordered = vouchers
    .map((v) => ({ id: v.id, date: v.voucher_date, word: v.word, number: v.number, kind: v.kind, lines: byVoucher.get(v.id) ?? [] }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : wordRank(a.word) - wordRank(b.word) || (a.number ?? 0) - (b.number ?? 0) || a.id - b.id));

  const opening = year
    ? (
        s
          .prepare(
            `SELECT l.account_code AS accountCode, sum(l.debit) - sum(l.credit) AS net
             FROM voucher_lines l JOIN vouchers v ON v.id = l.voucher_id
             WHERE v.status = 'posted' AND v.period < ?
             GROUP BY l.account_code HAVING net <> 0 ORDER BY l.account_code`,
          )
          .all(from) as { accountCode: string; net: number }[]
      )
    : [];
  return { unionName, year: year ?? null, accounts, opening, vouchers: ordered };
}

// ---------- writing (pure) ----------

/** Integer 分 → "1234.56" (sign kept), by string formatting only. */
export function fenToYuan(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`金额不是以分为单位的整数：${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** One hledger account-name segment: no ":" (separator), no ";" (comment), single spaces only. */
function segment(text: string): string {
  return text
    .replace(/:/g, '：')
    .replace(/;/g, '；')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Free text on a transaction or in a comment: one line, no comment or tag syntax. */
function plain(text: string): string {
  return text
    .replace(/;/g, '；')
    .replace(/:/g, '：')
    .replace(/,/g, '，')
    .replace(/\|/g, '｜')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The hledger name of every chart account: element root, then "code name" down the parent chain. */
export function hledgerAccountNames(accounts: readonly HledgerAccount[]): Map<string, string> {
  const byCode = new Map(accounts.map((a) => [a.code, a]));
  const names = new Map<string, string>();
  const nameOf = (a: HledgerAccount, depth = 0): string => {
    const known = names.get(a.code);
    if (known !== undefined) return known;
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined;
    const own = `${a.code} ${segment(a.name)}`.trim();
    const name = parent && depth < 20 ? `${nameOf(parent, depth + 1)}:${own}` : `${ELEMENT_ROOTS[a.element].name}:${own}`;
    names.set(a.code, name);
    return name;
  };
  for (const a of accounts) nameOf(a);
  return names;
}

const KIND_LABEL: Record<VoucherKind, string> = {
  normal: '',
  reversal: '红字冲销',
  correction: '订正',
  difference: '更正差额',
  closing: '期末结转',
  year_end: '年末结转',
};

/** The journal text. Deterministic: the same books give the same bytes. */
export function hledgerJournal(books: HledgerBooks): string {
  const names = hledgerAccountNames(books.accounts);
  const byCode = new Map(books.accounts.map((a) => [a.code, a]));
  const nameFor = (code: string): string => names.get(code) ?? `${ELEMENT_ROOTS[elementOfCode(code)].name}:${code}`;

  // Accounts that appear, with their ancestors, declared in chart order under their roots.
  const used = new Set<string>();
  const markUsed = (code: string) => {
    let c: string | null = code;
    let guard = 0;
    while (c !== null && !used.has(c) && guard++ < 20) {
      used.add(c);
      c = byCode.get(c)?.parentCode ?? null;
    }
  };
  for (const o of books.opening) markUsed(o.accountCode);
  for (const v of books.vouchers) for (const l of v.lines) markUsed(l.accountCode);

  const out: string[] = [];
  out.push(`; ${plain(books.unionName) || '工会'} 账簿：${books.year === null ? '全部年度' : `${books.year} 年度`}已记账凭证（hledger 日记账）`);
  out.push('; 由“工会经费账簿”导出：每张已记账凭证一笔交易；金额单位元，借方为正、贷方为负，红字分录保留负号。');
  out.push('; 科目：要素:一级科目代码 名称:明细科目代码 名称（与科目表的上下级一致）。');
  out.push('');
  out.push(`commodity 1000.00 ${HLEDGER_COMMODITY}`);
  out.push('');
  const declared = [...used].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const el of ELEMENT_ORDER) {
    const root = ELEMENT_ROOTS[el];
    out.push(`account ${root.name}  ; type: ${root.type}`);
    for (const code of declared) {
      if (elementOf(byCode, code) === el) out.push(`account ${nameFor(code)}`);
    }
  }
  out.push('');

  const posting = (account: string, fen: number, comment: string): string => {
    const amount = `${fenToYuan(fen)} ${HLEDGER_COMMODITY}`;
    const pad = Math.max(2, 56 - account.length - amount.length);
    return `    ${account}${' '.repeat(pad)}${amount}${comment ? `  ; ${comment}` : ''}`;
  };

  if (books.year !== null && books.opening.length > 0) {
    out.push(`${books.year}-01-01 (上年结转) 期初余额  ; kind:opening`);
    for (const o of books.opening) out.push(posting(nameFor(o.accountCode), o.net, ''));
    out.push('');
  }

  for (const v of books.vouchers) {
    const code = `${v.word}-${v.number ?? '?'}`;
    const description = plain(v.lines[0]?.summary ?? '') || KIND_LABEL[v.kind] || '凭证';
    out.push(`${v.date} (${code}) ${description}  ; voucher:${v.id}, kind:${v.kind}`);
    for (const l of v.lines) {
      const notes: string[] = [];
      if (l.summary && plain(l.summary) !== description) notes.push(plain(l.summary));
      if (l.debit < 0 || l.credit < 0) notes.push('红字');
      const tags: string[] = [];
      if (l.fundNature) tags.push(`fund:${l.fundNature === 'special' ? '专项' : '非专项'}`);
      if (l.project) tags.push(`project:${plain(l.project)}`);
      if (l.counterparty) tags.push(`counterparty:${plain(l.counterparty)}`);
      const comment = [notes.join(' '), tags.join(', ')].filter((x) => x).join(' ');
      out.push(posting(nameFor(l.accountCode), l.debit - l.credit, comment));
    }
    out.push('');
  }
  return out.join('\n');
}

/** The element from the first digit of a code (the chart's numbering), for a code missing from the chart. */
function elementOfCode(code: string): Element {
  return ELEMENT_ORDER[Number(code.charAt(0)) - 1] ?? 'asset';
}
function elementOf(byCode: Map<string, HledgerAccount>, code: string): Element {
  return byCode.get(code)?.element ?? elementOfCode(code);
}
